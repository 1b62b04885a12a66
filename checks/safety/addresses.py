"""Personal data and session ids in addresses.

An address travels further than a page: into the browser's history, server and proxy logs,
and to other sites. Scripts from another site read the whole address of the page they run
on; images and fonts from another site get it in the Referer when the page's policy sends
whole addresses. So an email address, a token or a customer id in the query of a page that
loads such files is given away; a session id in any address is, wherever it is pasted.

Findings never repeat the values: they name the parameters and show "…" in their place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

from cxcheck.urls import SESSION_PARAMS, TOKEN_PARAMS

_EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[A-Za-z]{2,}$")
_JWT = re.compile(r"^eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*$")
_ID_NAMES = frozenset(
    {"user_id", "userid", "uid", "customer_id", "customerid", "customer", "account_id"}
    | {"accountid", "member_id", "memberid", "patient_id", "patientid"}
)
_PHONE_NAMES = frozenset({"phone", "tel", "telephone", "mobile", "phone_number"})
_SESSION_IN_PATH = re.compile(r";jsessionid=|/\(S\([a-z0-9]{20,}\)\)/", re.I)


@dataclass(frozen=True)
class Carried:
    """A parameter of an address that carries personal data."""

    name: str
    what: str  # "an email address", "a token", "a customer id", "a phone number"


def personal_data(url: str) -> list[Carried]:
    """The query parameters of `url` that carry personal data (session ids aside)."""
    found = []
    for name, value in _query(url):
        lowered = name.lower()
        if lowered in SESSION_PARAMS or not value:
            continue
        if _EMAIL.match(value):
            found.append(Carried(name, "an email address"))
        elif lowered in TOKEN_PARAMS or _JWT.match(value):
            found.append(Carried(name, "a token"))
        elif lowered in _ID_NAMES:
            found.append(Carried(name, "a customer id"))
        elif lowered in _PHONE_NAMES and sum(c.isdigit() for c in value) >= 6:
            found.append(Carried(name, "a phone number"))
    return found


def session_ids(url: str) -> list[str]:
    """The session-id parameters `url` carries (";jsessionid" in the path included)."""
    found = [name for name, value in _query(url) if name.lower() in SESSION_PARAMS and value]
    path = urlsplit(url).path
    if _SESSION_IN_PATH.search(path):
        found.append("jsessionid" if "jsessionid" in path.lower() else "ASP.NET session")
    return found


def masked(url: str, names: Iterable[str]) -> str:
    """`url` with the values of the `names` parameters (and a path session id) shown as …."""
    hidden = {n.lower() for n in names}
    parts = urlsplit(url)
    pairs = [
        f"{quote(n, safe='')}={'…' if n.lower() in hidden else quote(v, safe='@')}"
        for n, v in _query(url)
    ]
    path = re.sub(r";jsessionid=[^/?;]*", ";jsessionid=…", parts.path, flags=re.I)
    path = re.sub(r"/\(S\([a-z0-9]+\)\)/", "/(S(…))/", path, flags=re.I)
    return urlunsplit((parts.scheme, parts.netloc, path, "&".join(pairs), ""))


def _query(url: str) -> list[tuple[str, str]]:
    try:
        query = urlsplit(url).query
    except ValueError:
        return []
    return [(unquote(n), v) for n, v in parse_qsl(query, keep_blank_values=True)]
