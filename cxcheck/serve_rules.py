"""What `cxcheck-serve.toml` says about how a served folder answers (cxcheck/serve.py does the
serving): routes per path (a delay, a status, a redirect, headers, cookies, a generated body,
only the first N times), site-wide headers, folder listings and a fallback page, https or not,
and a sign-in area with one account.
"""

from __future__ import annotations

import fnmatch
import hmac
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxcheck.errors import ConfigError
from cxcheck.options import OptionError, build_options

ROUTES_FILE = "cxcheck-serve.toml"

__all__ = ["ROUTES_FILE", "Route", "ServeSettings", "SessionSettings", "load_settings"]


@dataclass(frozen=True)
class Route:
    """How the server answers one path."""

    path: str
    status: int = 0  # 0: as the file system says
    delay_ms: int = 0
    redirect: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # added to every answer on the path
    cookies: tuple[str, ...] = ()  # Set-Cookie values, one header each
    body_kb: int = 0  # > 0: answer 200 with this many KiB of "x" instead of a file
    times: int = 0  # > 0: the route applies to the first `times` requests only, then the file


@dataclass(frozen=True)
class SessionSettings:
    """A sign-in area: which paths need the session cookie, and the one account that opens them.

    Failed sign-ins land on `login_page?failed=1`, signing out on `login_page?signed-out=1`,
    so the page can say what happened.
    """

    email: str = ""
    password: str = ""
    protected: tuple[str, ...] = ()  # path globs: "/account/*"
    login: str = "/account/login"  # POST email + password here
    logout: str = "/account/logout"  # POST here to sign out
    login_page: str = "/account/login.html"  # visitors without a session are sent here
    home: str = "/account/index.html"  # where signing in leads

    def __post_init__(self) -> None:
        for key in ("email", "password"):
            if not getattr(self, key):
                raise ValueError(f"{key}: required (the account that may sign in)")
        if not self.protected:
            raise ValueError('protected: required, a list of path globs such as ["/account/*"]')
        for key in ("login", "logout", "login_page", "home"):
            if not getattr(self, key).startswith("/"):
                raise ValueError(f'{key}: expected a path starting with "/"')
        for pattern in self.protected:
            if not pattern.startswith("/"):
                raise ValueError(f'protected: {pattern!r} should start with "/"')
        if len({self.login, self.logout, self.login_page, self.home}) < 4:
            raise ValueError("login, logout, login_page and home must be four different paths")

    def is_protected(self, path: str) -> bool:
        """True when `path` needs the cookie; the sign-in and sign-out paths never do."""
        if path in (self.login, self.logout, self.login_page):
            return False
        return any(fnmatch.fnmatchcase(path, pattern) for pattern in self.protected)

    def accepts(self, email: str, password: str) -> bool:
        """True for the configured account (email case-insensitive, as sites treat it)."""
        same_email = _same(email.strip().lower(), self.email.lower())
        return _same(password, self.password) and same_email


def _same(typed: str, expected: str) -> bool:
    """Equal texts, compared in constant time (as a real sign-in form should)."""
    return hmac.compare_digest(typed.encode(), expected.encode())


@dataclass(frozen=True)
class ServeSettings:
    """How a folder is served: https or not, its routes by path, and its sign-in area."""

    tls: bool = False
    routes: Mapping[str, Route] = field(default_factory=dict)
    session: SessionSettings | None = None
    headers: Mapping[str, str] = field(default_factory=dict)  # with every answer
    listing: bool = True  # list the files of a folder without an index file
    fallback: str = ""  # a path with no file gets this file, 200 ("": the 404 answer)


def load_settings(folder: Path) -> ServeSettings:
    """Settings from the folder's cxcheck-serve.toml; plain defaults when there is no file."""
    file = folder / ROUTES_FILE
    if not file.is_file():
        return ServeSettings()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: {error}") from None
    known = ("tls", "route", "session", "headers", "listing", "fallback")
    unknown = set(data) - set(known)
    if unknown:
        raise ConfigError(f"{file}: unknown key {sorted(unknown)[0]!r}; known: {', '.join(known)}")
    for key in ("tls", "listing"):
        if not isinstance(data.get(key, True), bool):
            raise ConfigError(f"{file}: {key}: expected true or false")
    headers = data.get("headers", {})
    if not isinstance(headers, Mapping) or not all(isinstance(v, str) for v in headers.values()):
        raise ConfigError(f'{file}: headers: expected a table of texts, e.g. {{ "X-A" = "b" }}')
    fallback = data.get("fallback", "")
    if not isinstance(fallback, str) or (fallback and not fallback.startswith("/")):
        raise ConfigError(f'{file}: fallback: expected a path starting with "/"')
    routes: dict[str, Route] = {}
    for table in data.get("route", []):
        try:
            route = build_options(Route, table)
        except OptionError as error:
            raise ConfigError(f"{file}: [[route]] {error}") from None
        routes[route.path] = route
    session = _session_settings(file, data["session"]) if "session" in data else None
    return ServeSettings(
        data.get("tls", False), routes, session, dict(headers), data.get("listing", True), fallback
    )


def _session_settings(file: Path, table: Any) -> SessionSettings:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{file}: session: expected a [session] table")
    try:
        return build_options(SessionSettings, table)
    except OptionError as error:
        raise ConfigError(f"{file}: [session] {error}") from None
