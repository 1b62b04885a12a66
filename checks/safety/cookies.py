"""The site's own cookies that keep customers signed in, and whether they are guarded.

A cookie is the site's when it belongs to the site's host or domain and was set by the site
(its answers, its own scripts, or found in the browser's jar). One is session-like when its
name says so (PHPSESSID, sessionid, connect.sid, laravel_session, auth_token, remember_me...),
never a CSRF token (scripts are meant to read those) or a known analytics id; more names with
`session_cookies`. Judged, once per cookie for the whole site:

- `Secure` on an https site: without it the browser also sends it over plain http;
- `HttpOnly`: without it any script on the page (an injected one too) can read it; a cookie
  set by a script can never have it;
- `SameSite`: without it older browsers send it with requests other sites make.

A cookie the site deletes (Max-Age=0, an Expires in the past) is not judged, and the jar
cannot say whether SameSite was set, so it is not asked.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from checks.safety.sites import same_site
from cxcheck.traffic import CookieSet, CookieUse, SiteTraffic, host_of

_SESSION_WORDS = re.compile(
    r"sess|(^|[_.\-])sid($|[_.\-])|auth|token|jwt|remember|logged.?in|^cfid$|^cftoken$", re.I
)
_NOT_SESSION = re.compile(
    r"csrf|xsrf|consent|^_ga|^_gid$|^_gat|^__utm|^amp_token$|^_gcl_|^_fbp$|^_hj", re.I
)


@dataclass(frozen=True)
class CookieProblem:
    """A session-like cookie of the site that lacks a guard."""

    rule: str  # cookie-not-secure, cookie-not-httponly or cookie-no-samesite
    cookie: CookieSet
    pages: tuple[str, ...]
    page_count: int


def is_session_like(name: str, extra: Sequence[str] = ()) -> bool:
    """The name says the cookie keeps a visitor signed in or identified to the site."""
    if any(fnmatch.fnmatchcase(name.lower(), glob.lower()) for glob in extra):
        return True
    return bool(_SESSION_WORDS.search(name)) and not _NOT_SESSION.search(name)


def cookie_problems(
    traffic: SiteTraffic, site_url: str, extra_names: Sequence[str] = ()
) -> Iterator[CookieProblem]:
    """Every guard each of the site's session-like cookies lacks, once per cookie and rule."""
    site = urlsplit(site_url)
    host = (site.hostname or "").lower()
    uses = [use for use in traffic.cookies if _is_the_sites(use.cookie, host)]
    uses += [CookieUse(c, (site_url,), 1) for c in traffic.jar if _is_the_sites(c, host)]
    seen: set[tuple[str, str]] = set()
    for use in uses:
        cookie = use.cookie
        if cookie.removes or not is_session_like(cookie.name, extra_names):
            continue
        for rule in _lacks(cookie, site.scheme == "https"):
            if (rule, cookie.name) not in seen:
                seen.add((rule, cookie.name))
                yield CookieProblem(rule, cookie, use.pages, use.page_count)


def _lacks(cookie: CookieSet, https: bool) -> list[str]:
    rules = []
    if https and not cookie.secure:
        rules.append("cookie-not-secure")
    if not cookie.http_only:
        rules.append("cookie-not-httponly")
    if cookie.same_site == "":  # the jar's "unknown" is not "not set"
        rules.append("cookie-no-samesite")
    return rules


def _is_the_sites(cookie: CookieSet, host: str) -> bool:
    owner = cookie.domain or cookie.owner
    if not same_site(owner, host):
        return False
    if cookie.source == "script":  # on the site's domain, but whose script wrote it?
        writer = host_of(cookie.by)
        return not writer or same_site(writer, host)
    return True


def where_set(cookie: CookieSet) -> str:
    """How the cookie was set, in words: by the answer to /login, by /js/cart.js, ..."""
    if cookie.source == "jar":
        return "found in the browser's cookie jar (set where no page load showed it)"
    path = urlsplit(cookie.by).path or "/"
    if cookie.source == "script":
        return f"set by a script ({path})"
    return f"set by the answer to {path}"
