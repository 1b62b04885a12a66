"""The resolution tiers of docs/journey-language.md section 3: for a name, a verb family and a
scope, the Playwright locators that may match it, most telling first, and the first tier that
matches."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from playwright.async_api import Locator, Page

from cxcheck.journeys.language.model import Target
from cxcheck.journeys.language.roles import REGION_ROLES, Family, roles_for
from cxcheck.journeys.language.targets import is_verbatim

Scope = Page | Locator

_FIELD_CSS = (
    "input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset])"
    ":not([type=image]):not([type=checkbox]):not([type=radio]), textarea, select, "
    "[contenteditable=''], [contenteditable=true], [role=textbox], [role=searchbox], "
    "[role=combobox], [role=spinbutton]"
)
_SELECT_CSS = "select, [role=combobox], [role=listbox]"
_CHECK_CSS = {
    "checkbox": "input[type=checkbox], [role=checkbox]",
    "radio": "input[type=radio], [role=radio]",
    "switch": "[role=switch]",
}
# Row-like containers for "next to its text": a todo item's or table row's unlabelled box.
_ROW_CSS = "li, tr, [role=row], [role=listitem], fieldset, article, [class*=card]"
_REGION_CSS = (
    "section, article, aside, nav, header, footer, form, fieldset, dialog, li, tr, "
    "[role=region], [role=dialog], [role=alertdialog], [role=group], [role=listitem], "
    "[role=row], [role=article], [role=tabpanel], [role=navigation], [role=complementary], "
    "[role=form], [role=search], [class*=card]"
)
_TEST_ID_ATTRIBUTES = ("data-testid", "data-test", "data-cy", "data-qa")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _any_of(locators: Sequence[Locator]) -> Locator:
    combined = locators[0]
    for other in locators[1:]:
        combined = combined.or_(other)
    return combined


def _test_id(scope: Scope, name: str) -> Locator:
    value = _css_string(name)
    return scope.locator(", ".join(f"[{a}={value}]" for a in _TEST_ID_ATTRIBUTES))


def _verbatim(scope: Scope, name: str) -> Locator:
    if name.startswith("testid="):
        return _test_id(scope, name.removeprefix("testid="))
    return scope.locator(name)


def tiers_for(
    page: Page,
    scope: Scope,
    target: Target,
    name: str,
    family: Family,
    exact: bool = False,
    hidden: bool = False,
) -> list[Locator]:
    """The resolution tiers of section 3 for `name`, in order, inside `scope`.

    `exact` is the step's `(exactly)`: text must match whole, case and all. `hidden` also
    finds what screen readers skip, to tell "hidden" from "not there".
    """
    if target.verbatim or is_verbatim(name):
        return [_verbatim(scope, name)]
    if family is Family.TEXT:
        return [scope.get_by_text(name, exact=exact)]
    query = _Query(page, scope, name, roles_for(target.role, family), hidden)
    if family is Family.FIELD:
        return query.field()
    if family is Family.SELECT:
        return query.select()
    if family is Family.CHECK:
        return query.check()
    return query.click(hinted=bool(target.role))


@dataclass(frozen=True)
class _Query:
    """The tiers for one name inside one scope."""

    page: Page
    scope: Scope
    name: str
    roles: tuple[str, ...]
    hidden: bool = False

    def by_roles(self, name: str | re.Pattern[str], exact: bool) -> Locator:
        return _any_of(
            [
                self.scope.get_by_role(r, name=name, exact=exact, include_hidden=self.hidden)  # type: ignore[arg-type]
                for r in self.roles
            ]
        )

    def any_role(self) -> Locator:
        return _any_of(
            [self.scope.get_by_role(r, include_hidden=self.hidden) for r in self.roles]  # type: ignore[arg-type]
        )

    def click(self, hinted: bool) -> list[Locator]:
        scope, name = self.scope, self.name
        insensitive = re.compile(rf"^\s*{re.escape(name)}\s*$", re.IGNORECASE)
        of_role = self.any_role() if hinted else None

        def keep(locator: Locator) -> Locator:
            return locator.and_(of_role) if of_role is not None else locator

        labelled = [scope.get_by_label(name, exact=True), scope.get_by_alt_text(name, exact=True)]
        labelled.append(scope.get_by_title(name, exact=True))
        loose = [
            self.by_roles(name, exact=False),
            scope.get_by_label(name),
            scope.get_by_alt_text(name),
            scope.get_by_title(name),
            scope.get_by_text(name),
        ]
        return [
            self.by_roles(name, exact=True),
            self.by_roles(insensitive, exact=False),
            keep(_any_of(labelled)),
            keep(scope.get_by_text(name, exact=True)),
            keep(_any_of(loose)),
            _test_id(scope, name),
        ]

    def field(self) -> list[Locator]:
        scope, name = self.scope, self.name
        fields = scope.locator(_FIELD_CSS)
        loose = [scope.get_by_label(name), scope.get_by_placeholder(name)]
        value = _css_string(name)
        return [
            scope.get_by_label(name, exact=True).and_(fields),
            scope.get_by_placeholder(name, exact=True).and_(fields),
            self.by_roles(name, exact=True),
            _any_of(loose).and_(fields).or_(self.by_roles(name, exact=False)),
            scope.locator(f"[name={value}], [id={value}]").and_(fields),
            _test_id(scope, name),
        ]

    def select(self) -> list[Locator]:
        scope, name = self.scope, self.name
        dropdowns = scope.locator(_SELECT_CSS)
        return [
            scope.get_by_label(name, exact=True).and_(dropdowns),
            self.by_roles(name, exact=True),
            scope.get_by_label(name).and_(dropdowns).or_(self.by_roles(name, exact=False)),
            _test_id(scope, name),
        ]

    def check(self) -> list[Locator]:
        scope, name = self.scope, self.name
        css = ", ".join(_CHECK_CSS[r] for r in self.roles if r in _CHECK_CSS)
        css = css or _CHECK_CSS["checkbox"]
        boxes = scope.locator(css)
        # Inner locators of has/has_not are matched inside the outer element, so they start
        # from the page, never from a region (that would look for the region inside the row).
        rows = scope.locator(_ROW_CSS).filter(has_text=name)
        smallest = rows.filter(has_not=self.page.locator(_ROW_CSS).filter(has_text=name))
        return [
            self.by_roles(name, exact=True),
            scope.get_by_label(name, exact=True).and_(boxes),
            self.by_roles(name, exact=False).or_(scope.get_by_label(name).and_(boxes)),
            smallest.locator(css),
        ]


def region_tiers(page: Page, name: str) -> list[Locator]:
    """Where `in "<name>"` points: named landmarks and dialogs first, then the smallest
    container under a heading with that text, then the smallest one containing the text."""
    headings = page.get_by_role("heading", name=name).or_(
        page.locator("legend, caption").filter(has_text=name)
    )
    under = page.locator(_REGION_CSS).filter(has=headings)
    near = page.locator("body *").filter(has=headings)
    holding = page.locator(_REGION_CSS).filter(has_text=name)
    return [
        _Query(page, page, name, REGION_ROLES).by_roles(name, exact=True),
        under.filter(has_not=page.locator(_REGION_CSS).filter(has=headings)),
        near.filter(has_not=page.locator("body *").filter(has=headings)),
        holding.filter(has_not=page.locator(_REGION_CSS).filter(has_text=name)),
    ]


async def first_visible(tiers: Sequence[Locator], visible_only: bool = True) -> tuple[int, int]:
    """(tier index, matches) of the first tier with a match; (-1, 0) when none has one."""
    for index, tier in enumerate(tiers):
        count = await (tier.filter(visible=True) if visible_only else tier).count()
        if count:
            return index, count
    return -1, 0
