"""The roles behind a tester's words (docs/journey-language.md section 3): verb families, the
role words a step may use and the ARIA roles each stands for, and roles as messages name them.

Which family each verb belongs to is said in the table of verbs (`verbs.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Family(StrEnum):
    """Verb families: each looks for its target through its own tiers (section 3)."""

    CLICK = "click"  # anything a person can click
    FIELD = "field"  # boxes on a form
    SELECT = "select"  # dropdowns
    CHECK = "check"  # tick boxes, radio buttons and switches
    TEXT = "text"  # words on the page


CLICKABLE = tuple("button link menuitem tab checkbox radio option switch".split())
FIELD_ROLES = ("textbox", "searchbox", "combobox", "spinbutton")
SELECT_ROLES = ("combobox", "listbox")
CHECK_ROLES = ("checkbox", "radio", "switch")
REGION_ROLES = tuple(
    "region dialog alertdialog navigation banner contentinfo complementary form main search "
    "group article listitem row tabpanel".split()
)
FAMILY_ROLES: Mapping[Family, tuple[str, ...]] = {
    Family.CLICK: CLICKABLE,
    Family.FIELD: FIELD_ROLES,
    Family.SELECT: SELECT_ROLES,
    Family.CHECK: CHECK_ROLES,
    Family.TEXT: (),
}
# What a tester calls things when no role word was given, per family.
FAMILY_WORDS: Mapping[Family, str] = {
    Family.CLICK: "",
    Family.FIELD: "field",
    Family.SELECT: "dropdown",
    Family.CHECK: "checkbox",
    Family.TEXT: "text",
}
# Role words a tester may put before or after a quoted name, by the word the parser keeps
# (model.Target.role). Plurals (`Expect 3 "Add to cart" buttons`) come from `targets.plural`.
ROLE_WORDS: Mapping[str, tuple[str, ...]] = {
    "button": ("button",),
    "link": ("link",),
    "field": ("field", "box", "input", "text box", "text field"),
    "dropdown": ("dropdown", "drop-down", "drop down", "list"),
    "checkbox": ("checkbox", "check box", "tick box"),
    "radio": ("radio", "radio button", "option"),
    "tab": ("tab",),
    "menu item": ("menu item",),
    "heading": ("heading", "title"),
    "image": ("image", "picture", "logo", "icon"),
    "dialog": ("dialog", "popup", "pop-up"),
    "section": ("section", "area", "panel"),
}
# The tester's role words (section 3, with the parser's aliases, and "option" and "switch" that
# the runner names options and switches by) and the ARIA roles each stands for.
ARIA_ROLES: Mapping[str, tuple[str, ...]] = {
    "button": ("button",),
    "link": ("link",),
    **dict.fromkeys(("field", "box", "input", "text box", "text field"), FIELD_ROLES),
    **dict.fromkeys(("dropdown", "drop-down", "drop down", "list"), SELECT_ROLES),
    **dict.fromkeys(("checkbox", "check box", "tick box"), ("checkbox",)),
    **dict.fromkeys(("radio", "radio button"), ("radio",)),
    "option": ("radio", "option"),
    "switch": ("switch",),
    "tab": ("tab",),
    "menu item": ("menuitem",),
    **dict.fromkeys(("heading", "title"), ("heading",)),
    **dict.fromkeys(("image", "picture", "logo", "icon"), ("img",)),
    **dict.fromkeys(("dialog", "popup", "pop-up"), ("dialog", "alertdialog")),
    **dict.fromkeys(("section", "area", "panel"), REGION_ROLES),
}
# ARIA roles in the words messages use (the others read as they are: "button", "link").
ROLE_NAMES: Mapping[str, str] = {
    **{role: role for role in "button link checkbox switch tab option heading dialog".split()},
    **{role: role for role in "navigation form article row group".split()},
    **{"textbox": "field", "searchbox": "search field", "spinbutton": "number field"},
    **{"combobox": "dropdown", "listbox": "list", "radio": "radio button", "file": "file field"},
    **{"menuitem": "menu item", "img": "image", "alertdialog": "dialog", "region": "section"},
    **{"banner": "page header", "contentinfo": "page footer", "complementary": "sidebar"},
    "listitem": "list item",
}
# ARIA roles as the role word a tester would write in a corrected step.
SUGGEST_WORDS: Mapping[str, str] = {
    **{role: role for role in "button link checkbox radio switch tab option heading".split()},
    **{"textbox": "field", "searchbox": "field", "spinbutton": "field"},
    **{"combobox": "dropdown", "listbox": "dropdown", "menuitem": "menu item", "img": "image"},
}
# Where an element is, when its container is a landmark: more telling than its label.
LANDMARK_PHRASES: Mapping[str, str] = {
    "banner": "the page header",
    "contentinfo": "the page footer",
    "navigation": "the navigation",
    "complementary": "the sidebar",
}


def roles_for(word: str, family: Family) -> tuple[str, ...]:
    """ARIA roles a role word stands for; the family's roles when there is none."""
    return ARIA_ROLES.get(word.lower(), ()) if word else FAMILY_ROLES[family]


def family_for_role(word: str, default: Family) -> Family:
    """A role word that names a field, dropdown or checkbox decides how to look for it."""
    roles = ARIA_ROLES.get(word.lower(), ())
    if roles == FIELD_ROLES:
        return Family.FIELD
    if roles == SELECT_ROLES:
        return Family.SELECT
    if roles and set(roles) <= set(CHECK_ROLES):
        return Family.CHECK
    return default
