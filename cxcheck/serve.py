"""Serve a folder on 127.0.0.1 (demo, tests, `--serve`), with per-path behaviour from
`cxcheck-serve.toml`: a delay, a status code, a redirect, extra response headers, cookies
(`cookies = ["name=value; HttpOnly"]`, one Set-Cookie each), or a generated body of
`body_kb` KiB (a large download without a large file in the repository): what plain files
can't express. `times = N` applies the route to the first N requests only (a server that is
busy, then answers).

Site-wide: `headers = { ... }` go with every answer (a route's own headers win; a route's
header set to "" leaves that one out), `listing = false` answers 404 for a folder without an
index file instead of listing its files, and `fallback = "/index.html"` answers any path
that has no file with that file and 200, as single-page-app hosts do. The server names
itself `cxcheck-serve`, without a version; a `Server` header in `headers` replaces that.
cxcheck/serve_rules.py reads the file.

`tls = true` in that file serves https with a self-signed certificate for 127.0.0.1 and
localhost (`serve_tls.pem`, public on purpose: it only ever guards loopback test sites).
The same port still answers plain http, so a page can link to its own http:// twin.

A `[session]` table adds a sign-in area kept on the server: paths matching `protected` need
the `session` cookie (without it the server redirects to `login_page`); a form POSTed to
`login` with the configured `email` and `password` sets the cookie, and one POSTed to `logout`
clears it. One account, sessions in memory: enough for journeys to sign in on a test site.
"""

from __future__ import annotations

import os
import posixpath
import secrets
import socket
import ssl
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from http.cookies import CookieError, SimpleCookie
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

from cxcheck.errors import UsageError
from cxcheck.serve_rules import (
    ROUTES_FILE,
    Route,
    ServeSettings,
    SessionSettings,
    load_settings,
)

__all__ = [
    "ROUTES_FILE",
    "Route",
    "ServeSettings",
    "ServedSite",
    "SessionSettings",
    "load_settings",
    "serve_folder",
]

_TLS_HANDSHAKE = b"\x16"  # the first byte a TLS client sends
_FIRST_BYTE_S = 10.0
SESSION_COOKIE = "session"
_MAX_FORM_BYTES = 64 * 1024  # a sign-in form is a few hundred bytes
# Page scripts cannot read the cookie, and other sites' forms do not send it.
_COOKIE_FLAGS = "Path=/; HttpOnly; SameSite=Lax"


@dataclass(frozen=True)
class ServedSite:
    """A running server: its base URL, and whether its certificate is our self-signed one."""

    url: str
    self_signed: bool = False


class _Handler(SimpleHTTPRequestHandler):
    server_version = "cxcheck-serve"  # no version: the checks report servers that say theirs
    routes: Mapping[str, Route] = {}
    site_headers: Mapping[str, str] = {}  # with every answer
    listing: bool = True
    fallback: str = ""
    session: SessionSettings | None = None
    sessions: ClassVar[set[str]] = set()  # signed-in visitors' tokens; serve_folder gives a new set
    log: list[str] | None = None  # "GET /path" per request, for tests that count visits
    hits: ClassVar[Counter[str]] = Counter()  # requests per routed path; serve_folder: new one
    hits_lock: ClassVar[threading.Lock] = threading.Lock()
    _extra_headers: Mapping[str, str] = {}  # the site's and the route's headers, this request
    _extra_cookies: tuple[str, ...] = ()  # the route's Set-Cookie values, this request

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the crawl's own progress is what the user watches."""

    def version_string(self) -> str:
        """The Server header: the configured one, else the bare name."""
        return self._extra_headers.get("Server") or self.server_version

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        for name, value in self._extra_headers.items():
            if name != "Server":  # send_response sent it (version_string)
                self.send_header(name, value)
        for cookie in self._extra_cookies:
            self.send_header("Set-Cookie", cookie)
        super().end_headers()

    def _use_headers(self, route: Route | None) -> None:
        """The headers and cookies of this answer: the site's, then the route's."""
        merged = {**self.site_headers, **(route.headers if route else {})}
        self._extra_headers = {name: value for name, value in merged.items() if value}
        self._extra_cookies = route.cookies if route else ()

    def list_directory(self, path: str | os.PathLike[str]) -> Any:
        """A folder without an index file: its files, or 404 with `listing = false`."""
        if not self.listing:
            self.send_error(404, "File not found")
            return None
        return super().list_directory(path)

    def do_GET(self) -> None:
        if self._routed():
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._routed():
            super().do_HEAD()

    def do_POST(self) -> None:
        self._record()
        self._use_headers(None)
        path, session = _file_path(urlsplit(self.path).path), self.session
        if session is not None and path == session.login:
            self._sign_in(session)
        elif session is not None and path == session.logout:
            self._sign_out(session)
        else:
            self.send_error(501, "Unsupported method ('POST')")

    def _record(self) -> None:
        if self.log is not None:
            self.log.append(f"{self.command} {self.path}")

    def _routed(self) -> bool:
        """Apply the sign-in area and the path's route; True when the file answer should follow."""
        self._record()
        self._use_headers(None)  # a kept-alive connection may ask for another path next
        path = urlsplit(self.path).path
        if self.session is not None:
            elsewhere = self._session_redirect(self.session, _file_path(path))
            if elsewhere:
                self._redirect(302, elsewhere)
                return False
        route = self.routes.get(path)
        if route is None or self._spent(route):
            self._fall_back()
            return True
        self._use_headers(route)
        if route.delay_ms:
            time.sleep(route.delay_ms / 1000)
        if route.redirect:
            self._redirect(302, route.redirect)
            return False
        if route.status:
            self._send_with_status(route.status)
            return False
        if route.body_kb:
            self._send_generated(route.body_kb)
            return False
        return True

    def _fall_back(self) -> None:
        """A path with no file answers with the fallback file, when the site has one."""
        if self.fallback and not Path(self.translate_path(self.path)).exists():
            self.path = self.fallback

    def _spent(self, route: Route) -> bool:
        """The route was for the first `times` requests, and those have been answered."""
        with self.hits_lock:
            self.hits[route.path] += 1
            return 0 < route.times < self.hits[route.path]

    def _session_redirect(self, session: SessionSettings, path: str) -> str:
        """Where a GET or HEAD of `path` must go instead, or "" to answer it."""
        if path in (session.login, session.logout):
            return session.login_page  # they take POSTs; a GET (a typed address) gets the form
        if session.is_protected(path) and not self._signed_in():
            return session.login_page
        return ""

    def _signed_in(self) -> bool:
        token = self._cookies().get(SESSION_COOKIE)
        return token is not None and token.value in self.sessions

    def _cookies(self) -> SimpleCookie:
        cookies: SimpleCookie = SimpleCookie()
        with suppress(CookieError):  # a mangled Cookie header counts as no cookie
            cookies.load(self.headers.get("Cookie", ""))
        return cookies

    def _sign_in(self, session: SessionSettings) -> None:
        form = self._form()
        email, password = form.get("email", [""])[0], form.get("password", [""])[0]
        if not session.accepts(email, password):
            self._redirect(303, f"{session.login_page}?failed=1")
            return
        token = secrets.token_urlsafe(24)
        self.sessions.add(token)
        self._redirect(303, session.home, f"{SESSION_COOKIE}={token}; {self._cookie_flags()}")

    def _sign_out(self, session: SessionSettings) -> None:
        token = self._cookies().get(SESSION_COOKIE)
        if token is not None:
            self.sessions.discard(token.value)
        cleared = f"{SESSION_COOKIE}=; {self._cookie_flags()}; Max-Age=0"
        self._redirect(303, f"{session.login_page}?signed-out=1", cleared)

    def _cookie_flags(self) -> str:
        """Over https the session cookie is Secure too: it never travels over plain http."""
        secure = isinstance(self.connection, ssl.SSLSocket)
        return f"{_COOKIE_FLAGS}; Secure" if secure else _COOKIE_FLAGS

    def _form(self) -> dict[str, list[str]]:
        """The POSTed form fields (application/x-www-form-urlencoded)."""
        try:
            length = min(int(self.headers.get("Content-Length", "0")), _MAX_FORM_BYTES)
        except ValueError:
            length = 0
        body = self.rfile.read(length) if length > 0 else b""
        return parse_qs(body.decode("utf-8", errors="replace"))

    def _redirect(self, status: int, location: str, cookie: str = "") -> None:
        self.send_response(status)
        self.send_header("Location", location)
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing file gets the folder's own 404.html when it has one, as static hosts
        (GitHub Pages, Netlify) answer; anything else gets the standard bare error page."""
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command == "POST" or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_with_status(self, status: int) -> None:
        file = Path(self.translate_path(self.path))
        body = file.read_bytes() if file.is_file() else b"<!doctype html><title>Error</title>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_generated(self, kib: int) -> None:
        """200 with `kib` KiB of "x", sent in pieces so a big body never sits in memory."""
        self.send_response(200)
        if "Content-Type" not in self._extra_headers:
            self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(kib * 1024))
        self.end_headers()
        if self.command == "HEAD":
            return
        piece = b"x" * 1024 * 64
        for start in range(0, kib, 64):
            self.wfile.write(piece[: (min(kib, start + 64) - start) * 1024])


def _file_path(path: str) -> str:
    """`path` as the file it names: decoded, dots and doubled slashes resolved, so that
    `/%61ccount/` or `//account/` cannot slip past a protected `/account/*`."""
    clean = "/" + posixpath.normpath(unquote(path)).lstrip("/")
    return clean + "/" if path.endswith("/") and clean != "/" else clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default listen queue is 5: a client opening many connections at once
    # (a link checker, a crawl at high concurrency) would see some refused, and retried
    # SYNs cost seconds each. A real web server queues hundreds.
    request_queue_size = 1024
    tls: ssl.SSLContext | None = None

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Speak TLS to a client that starts a TLS handshake, plain http to the others.

        Runs in the request's own thread, so an idle connection (browsers open some ahead
        of time) holds up nobody.
        """
        if self.tls is None:
            super().finish_request(request, client_address)
            return
        try:
            request.settimeout(_FIRST_BYTE_S)
            first = request.recv(1, socket.MSG_PEEK)
            if first == _TLS_HANDSHAKE:
                request = self.tls.wrap_socket(request, server_side=True)
            request.settimeout(None)
        except (OSError, ssl.SSLError):
            return
        try:
            super().finish_request(request, client_address)
        finally:
            request.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection early (plain or TLS) is normal, not worth a
        traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError | ssl.SSLEOFError):
            super().handle_error(request, client_address)


@contextmanager
def serve_folder(
    folder: str | Path, port: int = 0, log: list[str] | None = None
) -> Iterator[ServedSite]:
    """Serve `folder` on 127.0.0.1 (any free port) until the block ends; `log` records requests."""
    root = Path(folder)
    if not root.is_dir():
        raise UsageError(f"--serve {folder}: no such folder")
    settings = load_settings(root)
    handler = type(
        "Handler",
        (_Handler,),
        {
            "routes": settings.routes,
            "site_headers": settings.headers,
            "listing": settings.listing,
            "fallback": settings.fallback,
            "session": settings.session,
            "sessions": set(),
            "log": log,
            "hits": Counter(),
            "hits_lock": threading.Lock(),
        },
    )
    server = _Server(("127.0.0.1", port), partial(handler, directory=str(root)))
    if settings.tls:
        server.tls = _self_signed_context()
    thread = threading.Thread(target=server.serve_forever, name="cxcheck-serve", daemon=True)
    thread.start()
    scheme = "https" if settings.tls else "http"
    try:
        yield ServedSite(f"{scheme}://127.0.0.1:{server.server_address[1]}/", settings.tls)
    finally:
        server.shutdown()
        server.server_close()


def _self_signed_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with as_file(files("cxcheck").joinpath("serve_tls.pem")) as pem:
        context.load_cert_chain(pem)
    return context
