"""The roles behind a tester's words (journey-language.md section 3): verb families, the role words
a step may use and the ARIA roles each stands for, and roles as messages name them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from importlib.resources import files


class Family(StrEnum):
    """Verb families: each looks for its target through its own tiers (section 3)."""

    CLICK = "click"  # Click, Double-click, Hover, Scroll, Remember, Expect state/count
    FIELD = "field"  # Fill, Clear, Press in, Upload, Expect value
    SELECT = "select"
    CHECK = "check"  # Check, Uncheck, Choose
    TEXT = "text"  # Expect to see, Wait for


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
# The tester's role words (journey-language.md section 3, with the parser's aliases) and the ARIA
# roles each stands for.
ROLE_WORDS: Mapping[str, tuple[str, ...]] = {
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

_VERBATIM_PREFIXES = ("css=", "xpath=", "testid=", "#")


def is_verbatim(name: str) -> bool:
    """True for the engineers' escape hatch: css=, xpath=, testid= or #id."""
    return name.startswith(_VERBATIM_PREFIXES)


def roles_for(word: str, family: Family) -> tuple[str, ...]:
    """ARIA roles a role word stands for; the family's roles when there is none."""
    return ROLE_WORDS.get(word.lower(), ()) if word else FAMILY_ROLES[family]


def family_for_role(word: str, default: Family) -> Family:
    """A role word that names a field, dropdown or checkbox decides how to look for it."""
    roles = ROLE_WORDS.get(word.lower(), ())
    if roles == FIELD_ROLES:
        return Family.FIELD
    if roles == SELECT_ROLES:
        return Family.SELECT
    if roles and set(roles) <= set(CHECK_ROLES):
        return Family.CHECK
    return default


def page_script(name: str) -> str:
    """`<name>.js` beside this module, a script journeys run in the page, with the roles'
    rule (`roles.js`: an element's ARIA role and own label) put in place of its /*ROLES*/."""
    folder = files("cxcheck.journeys")
    script = folder.joinpath(f"{name}.js").read_text(encoding="utf-8")
    return script.replace("  /*ROLES*/\n", folder.joinpath("roles.js").read_text(encoding="utf-8"))
