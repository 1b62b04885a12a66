"""Serve a folder on 127.0.0.1 (demo, tests, `--serve`), with per-path behaviour from
`cxcheck-serve.toml`: a delay, a status code, or a redirect that plain files can't express.

`tls = true` in that file serves https with a self-signed certificate for 127.0.0.1 and
localhost (`serve_tls.pem`, public on purpose: it only ever guards loopback test sites).
The same port still answers plain http, so a page can link to its own http:// twin.
"""

from __future__ import annotations

import socket
import ssl
import sys
import threading
import time
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cxcheck.errors import ConfigError, UsageError
from cxcheck.options import OptionError, build_options

ROUTES_FILE = "cxcheck-serve.toml"
_TLS_HANDSHAKE = b"\x16"  # the first byte a TLS client sends
_FIRST_BYTE_S = 10.0


@dataclass(frozen=True)
class Route:
    """How the server answers one path."""

    path: str
    status: int = 0  # 0: as the file system says
    delay_ms: int = 0
    redirect: str = ""


@dataclass(frozen=True)
class ServedSite:
    """A running server: its base URL, and whether its certificate is our self-signed one."""

    url: str
    self_signed: bool = False


@dataclass(frozen=True)
class ServeSettings:
    """How a folder is served: https or not, and its routes by path."""

    tls: bool = False
    routes: Mapping[str, Route] = field(default_factory=dict)


def load_settings(folder: Path) -> ServeSettings:
    """Settings from the folder's cxcheck-serve.toml; plain defaults when there is no file."""
    file = folder / ROUTES_FILE
    if not file.is_file():
        return ServeSettings()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: {error}") from None
    unknown = set(data) - {"tls", "route"}
    if unknown:
        raise ConfigError(f"{file}: unknown key {sorted(unknown)[0]!r}; known: tls, route")
    if not isinstance(data.get("tls", False), bool):
        raise ConfigError(f"{file}: tls: expected true or false")
    routes: dict[str, Route] = {}
    for table in data.get("route", []):
        try:
            route = build_options(Route, table)
        except OptionError as error:
            raise ConfigError(f"{file}: [[route]] {error}") from None
        routes[route.path] = route
    return ServeSettings(data.get("tls", False), routes)


class _Handler(SimpleHTTPRequestHandler):
    routes: Mapping[str, Route] = {}
    log: list[str] | None = None  # "GET /path" per request, for tests that count visits

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the crawl's own progress is what the user watches."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self._routed():
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._routed():
            super().do_HEAD()

    def _routed(self) -> bool:
        """Apply the path's route; True when the normal file answer should follow."""
        if self.log is not None:
            self.log.append(f"{self.command} {self.path}")
        route = self.routes.get(urlsplit(self.path).path)
        if route is None:
            return True
        if route.delay_ms:
            time.sleep(route.delay_ms / 1000)
        if route.redirect:
            self.send_response(302)
            self.send_header("Location", route.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        if route.status:
            self._send_with_status(route.status)
            return False
        return True

    def _send_with_status(self, status: int) -> None:
        file = Path(self.translate_path(self.path))
        body = file.read_bytes() if file.is_file() else b"<!doctype html><title>Error</title>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
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
        """A browser that closes a connection early is normal, not worth a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
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
    handler = type("Handler", (_Handler,), {"routes": settings.routes, "log": log})
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
