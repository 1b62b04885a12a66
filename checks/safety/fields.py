"""What a page asks customers to type: its forms and the personal-data fields in them
(passwords, payment cards, email addresses, phone numbers), read from the rendered HTML.

A field is known by what browsers and password managers go by: its type (password, email,
tel), its autocomplete token (current-password, cc-number, email, tel...), and failing those
its name or id (card_number, cvc, e-mail, mobile...). Hidden, search and button inputs are
not fields a customer types personal data into. A tag scanner, not a full parser: the
rendered DOM's HTML is well formed, and most pages have no form worth more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECRET_KINDS = frozenset({"password", "card"})  # worse to lose than contact details
KIND_WORDS = {
    "password": "passwords",
    "card": "payment card numbers",
    "email": "email addresses",
    "phone": "phone numbers",
}

_TAG = re.compile(r"<(/?)(form|input|button|base)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_NOT_TYPED = frozenset(
    {"hidden", "submit", "button", "image", "reset", "checkbox", "radio", "file", "search"}
    | {"range", "color", "date", "datetime-local", "month", "week", "time"}
)
_TYPE_KINDS = {"password": "password", "email": "email", "tel": "phone"}
_AUTOCOMPLETE_KINDS = {
    "current-password": "password",
    "new-password": "password",
    "cc-number": "card",
    "cc-csc": "card",
    "cc-exp": "card",
    "email": "email",
    "tel": "phone",
    "tel-national": "phone",
    "tel-local": "phone",
}
_NAME_KINDS = (
    ("card", re.compile(r"(card|cc)[-_ ]?(number|num|no)\b|cardnumber|ccnum|credit[-_ ]?card")),
    ("card", re.compile(r"(^|[^a-z])(cvc|cvv2?|csc|cvn)([^a-z]|$)|security[-_ ]?code")),
    ("password", re.compile(r"passw(or)?d|(^|[^a-z])pwd([^a-z]|$)")),
    ("email", re.compile(r"e[-_]?mail")),
    ("phone", re.compile(r"phone|mobile|(^|[^a-z])tel([^a-z]|$)")),
)


@dataclass(frozen=True)
class Field:
    """A field for personal data."""

    kind: str  # password, card, email or phone
    name: str  # its name or id, "" when it has none


@dataclass(frozen=True)
class Form:
    """A form and the personal-data fields in it."""

    raw_action: str | None  # the action attribute as written; None when there is none
    method: str  # get, post or dialog
    fields: tuple[Field, ...]
    form_id: str = ""
    formactions: tuple[str, ...] = ()  # other addresses its buttons send it to

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of personal data it asks for, in a fixed order."""
        present = {f.kind for f in self.fields}
        return tuple(kind for kind in KIND_WORDS if kind in present)

    @property
    def secret(self) -> bool:
        """It asks for a password or a card."""
        return bool(SECRET_KINDS.intersection(self.kinds))


@dataclass(frozen=True)
class PageForms:
    """A page's forms with personal-data fields, and such fields outside any form."""

    forms: tuple[Form, ...] = ()
    loose: tuple[Field, ...] = ()  # scripts send these (fetch) wherever they like
    base: str = ""  # <base href>, when the page has one

    @property
    def kinds(self) -> tuple[str, ...]:
        """Every kind of personal data the page asks for."""
        present = {f.kind for form in self.forms for f in form.fields} | {
            f.kind for f in self.loose
        }
        return tuple(kind for kind in KIND_WORDS if kind in present)


def read_forms(html: str) -> PageForms:
    """The forms and personal-data fields of a page's HTML."""
    if "<input" not in html.lower():
        return PageForms()
    forms: list[Form] = []
    loose: list[Field] = []
    base = ""
    current: _OpenForm | None = None
    for match in _TAG.finditer(html):
        closing, tag, attrs = match.group(1), match.group(2).lower(), _attributes(match.group(3))
        if tag == "form":
            if current is not None:
                forms.append(current.closed())
            current = None if closing else _OpenForm(attrs)
        elif tag == "base":
            base = base or attrs.get("href", "")
        elif tag == "button" or attrs.get("type", "").lower() in ("submit", "image"):
            if current is not None and "formaction" in attrs:
                current.formactions.append(attrs["formaction"])
        elif tag == "input" and (field := personal_field(attrs)):
            (loose if current is None else current.fields).append(field)
    if current is not None:
        forms.append(current.closed())
    return PageForms(tuple(f for f in forms if f.fields), tuple(loose), base)


@dataclass
class _OpenForm:
    """A form whose end tag the scan has not reached yet."""

    attrs: dict[str, str]
    fields: list[Field] = field(default_factory=list)
    formactions: list[str] = field(default_factory=list)

    def closed(self) -> Form:
        return Form(
            raw_action=self.attrs.get("action"),
            method=(self.attrs.get("method") or "get").strip().lower(),
            fields=tuple(self.fields),
            form_id=self.attrs.get("id", ""),
            formactions=tuple(self.formactions),
        )


def personal_field(attrs: dict[str, str]) -> Field | None:
    """The field an input is, when it asks for personal data."""
    kind_of_input = attrs.get("type", "text").strip().lower()
    if kind_of_input in _NOT_TYPED:
        return None
    name = attrs.get("name") or attrs.get("id") or ""
    if kind_of_input in _TYPE_KINDS:
        return Field(_TYPE_KINDS[kind_of_input], name)
    tokens = attrs.get("autocomplete", "").lower().split()
    for token in reversed(tokens):  # "section-x shipping email": the last one says what
        if token in _AUTOCOMPLETE_KINDS:
            return Field(_AUTOCOMPLETE_KINDS[token], name)
    if "off" in tokens and not name:
        return None
    words = f"{attrs.get('name', '')} {attrs.get('id', '')}".lower()
    for kind, pattern in _NAME_KINDS:
        if pattern.search(words):
            return Field(kind, name)
    return None


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        name = match.group(1).lower()
        value = next((g for g in match.group(2, 3, 4) if g is not None), "")
        found.setdefault(name, _unescape(value))
    return found


def _unescape(value: str) -> str:
    return value.replace("&amp;", "&").replace("&quot;", '"').replace("&#39;", "'")
