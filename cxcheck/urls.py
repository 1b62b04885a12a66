"""One URL vocabulary for the whole tool: a page's canonical address and identity, its path as
reports show it, and the one glob users write to name pages (README "Naming pages").

- `normalize_url`: the canonical form of an http(s) address (no fragment, no default port,
  lower-case scheme and host, tracking and session parameters stripped).
- `page_key`: the identity of a page: `/a`, `/a/` and `/a/index.html` are one page.
- `path_and_query`: "/shop/boots?size=42", how reports and fingerprints name a page of the
  site (a new port or host between runs leaves it alone).
- `page_label`: a page as reports show it: its path on the site, the whole URL elsewhere.
- `matches`: the one glob. A pattern that starts with "/" speaks of the site's own pages and
  is matched against the path, or against path and query when it has a "?"; a pattern
  ending in "/" also matches that folder and everything below it. Any other pattern is
  matched against the whole URL ("https://*.example.com/*", "*linkedin.com*"). "*" matches
  any characters, "/" included; case counts.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import SplitResult, unquote, unquote_plus, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
# A Java session id carried in the path ("/basket;jsessionid=A1B2"): a new URL per visitor.
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?;]*", re.IGNORECASE)
# Query parameters whose values are keys to an account or a session: never shown in any
# output (cxcheck/masking.py), named in data-safety's findings (checks/safety/addresses.py).
TOKEN_PARAMS = frozenset(
    {"token", "access_token", "id_token", "refresh_token", "auth", "auth_token", "authtoken"}
    | {"api_key", "apikey", "secret", "client_secret", "password", "passwd", "pwd"}
    | {"reset_token", "reset_key", "jwt", "bearer", "otp", "magic", "login_token"}
)
SESSION_PARAMS = frozenset(
    {"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "sess_id", "cfid", "cftoken"}
)
# A token or session id in a URL's query, or ";jsessionid=" in its path, in any text.
_PARAM_NAMES = "|".join(sorted(re.escape(name) for name in TOKEN_PARAMS | SESSION_PARAMS))
_URL_TOKEN = re.compile(
    rf"([?&](?:{_PARAM_NAMES}|aspsessionid\w*)=)[^&#\s\"'<>]+"
    rf"|(;jsessionid=)[^/?#&;\s\"'<>]+",
    re.IGNORECASE,
)
_INDEX_FILES = ("index.html", "index.htm", "index.php", "default.htm", "default.html")
# Following a link that says one of these signs a signed-in crawl out, silently: every page
# after it would be checked as a visitor sees it.
LOGOUT_WORDS = (
    "logout",
    "log-out",
    "log_out",
    "signout",
    "sign-out",
    "sign_out",
    "logoff",
    "log-off",
)


def normalize_url(url: str, strip_params: Sequence[str] = ()) -> str | None:
    """The canonical form of an http(s) URL, or None for other schemes and broken URLs.

    Drops the fragment and default port, lower-cases scheme and host, turns an empty path
    into "/", and removes query parameters matching `strip_params` (globs such as "utm_*").
    """
    # The fragment goes before the strip: "/a #top" is "/a", not "/a " (idempotent).
    try:
        parts = urlsplit(url.partition("#")[0].strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = _strip_query(parts.query, strip_params)
    path = _SESSION_IN_PATH.sub("", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def _strip_query(query: str, strip_params: Sequence[str]) -> str:
    """Drop matching parameters (any case: PHPSESSID is phpsessid) and leave every other one
    exactly as written."""
    if not query or not strip_params:
        return query
    patterns = [p.lower() for p in strip_params]
    kept = [
        pair
        for pair in query.split("&")
        if not any(
            fnmatch.fnmatchcase(unquote_plus(pair.split("=", 1)[0]).lower(), p) for p in patterns
        )
    ]
    return "&".join(kept)


def page_key(normalized_url: str) -> str:
    """The identity of a page: `/a/`, `/a` and `/a/index.html` are one page."""
    parts = urlsplit(normalized_url)
    path = parts.path
    head, _, last = path.rpartition("/")
    if last.lower() in _INDEX_FILES:
        path = head + "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def key_of(url: str, strip_params: Sequence[str] = ()) -> str:
    """The page `url` names (normalised, twins folded); the URL itself if it is no http(s)
    address."""
    normalized = normalize_url(url, strip_params)
    return page_key(normalized) if normalized else url


def origin_of(url: str) -> str:
    """scheme://host[:port] of a normalised URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def same_origin(url: str, origin: str) -> bool:
    """`url` is an http(s) address of `origin` (scheme, host and port; host in any case)."""
    scheme = urlsplit(url).scheme
    return scheme in DEFAULT_PORTS and origin_of(url).lower() == origin.lower()


def path_and_query(url: str) -> str:
    """Path and query of a URL without scheme and host ("/shop?page=2"); anything that is no
    URL as it is."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def page_label(url: str, site: str) -> str:
    """A page as its path when it is on the site, else the whole URL: how reports name pages."""
    parts, base = urlsplit(url), urlsplit(site)
    if parts.netloc == base.netloc:
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return url


def matches(url: str, pattern: str) -> bool:
    """`url` is named by the glob `pattern` (see the module: one meaning everywhere)."""
    if not pattern.startswith("/"):
        return fnmatch.fnmatchcase(url, pattern)
    subject = path_and_query(url) if "?" in pattern else urlsplit(url).path or "/"
    if pattern.endswith("/"):
        return subject == pattern[:-1] or fnmatch.fnmatchcase(subject, pattern + "*")
    return fnmatch.fnmatchcase(subject, pattern)


def matches_any(url: str, patterns: Iterable[str]) -> bool:
    """`url` is named by one of `patterns`."""
    return any(matches(url, pattern) for pattern in patterns)


def avoided(url: str, words: Sequence[str]) -> bool:
    """True when a path segment, query key or query value of `url` names one of `words`.

    A part names a word when it is the word, or starts with it followed by a non-letter;
    case-insensitive, after percent-decoding, and query values are split at "/" too. So
    "/logout", "/Account/LogOff", "/logout.php", "/sign-out/all", "?logout",
    "?action=logout" and "?route=account/logout" name "logout" or "sign-out", but
    "/catalogue", "/blog/log-cabin.html" and "/logouts" do not. "/blog/logout-tips" does:
    wrongly skipping one page costs less than a crawl signed out halfway.
    """
    if not words:
        return False
    lowered = [word.lower() for word in words if word]
    return any(_names(part.lower(), word) for part in _url_parts(urlsplit(url)) for word in lowered)


def _url_parts(parts: SplitResult) -> Iterator[str]:
    yield from unquote(parts.path).split("/")
    for pair in parts.query.split("&"):
        for side in pair.split("=", 1):
            yield from unquote_plus(side).split("/")


def _names(part: str, word: str) -> bool:
    return part.startswith(word) and not part[len(word) : len(word) + 1].isalpha()


def has_tokens(text: str) -> bool:
    """`text` holds a URL whose query (or path) carries a token or a session id."""
    return bool(_URL_TOKEN.search(text))


def without_tokens(text: str, shown: str = "••••") -> str:
    """`text` with the value of every token and session-id parameter of its URLs as `shown`
    (`/reset?token=••••`): what every output shows, and what fingerprints are made of, so a
    new token each run is the same problem."""
    return _URL_TOKEN.sub(lambda m: (m.group(1) or m.group(2)) + shown, text)
