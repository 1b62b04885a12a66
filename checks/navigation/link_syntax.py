"""Links a browser cannot follow as written: bad mailto:/tel: addresses and mistyped schemes.

`mailto:` and `tel:` links are never requested, so their syntax is all there is to check;
a scheme like `htp:` or `http:/` means someone mistyped a web address.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote

_EMAIL = re.compile(r"^[^@\s,;<>()\[\]]+@[^@\s,;<>()\[\]]+\.[^@\s,;<>()\[\]]{2,}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-().\u00a0]")
_PHONE = re.compile(r"^\+?[0-9*#]{3,20}(?:[;,pPwW][0-9A-Za-z=;,*#]*)?$")
# Near misses of http(s) that browsers treat as another scheme or a relative path.
_SCHEME_TYPO = re.compile(
    r"^(?:(?!https?:)(?:h+t+p+s?|htp+s?|hhtps?|ttps?|htt):|https?[;.]//|https?:/(?!/)|https?//)",
    re.I,
)


def malformed_reason(raw: str) -> str:
    """Why the href `raw` is malformed, in words, or "" when its syntax is fine."""
    href = raw.strip()
    lowered = href.lower()
    if lowered.startswith("mailto:"):
        return _mailto_problem(href[len("mailto:") :])
    if lowered.startswith("tel:"):
        return _tel_problem(href[len("tel:") :])
    if _SCHEME_TYPO.match(href):
        return "the web address is mistyped (it should start with http:// or https://)"
    if lowered.startswith("www."):
        return "the web address lacks http:// or https://, so it leads to a page on this site"
    return ""


def _mailto_problem(rest: str) -> str:
    addresses, _, query = rest.partition("?")
    listed = [unquote(a).strip() for a in addresses.split(",") if a.strip()]
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name.lower() == "to":  # RFC 6068: more recipients may come in ?to=
            listed += [a.strip() for a in value.split(",") if a.strip()]
    if not listed:
        return "the email link has no address"
    bad = [a for a in listed if not _EMAIL.match(a)]
    return f'"{bad[0]}" is not an email address' if bad else ""


def _tel_problem(rest: str) -> str:
    number = _PHONE_SEPARATORS.sub("", unquote(rest))
    if not number:
        return "the phone link has no number"
    return "" if _PHONE.match(number) else f'"{unquote(rest).strip()}" is not a phone number'
