"""Servers written for one test, on 127.0.0.1: a site whose answers a function decides (and
that records every request), and a raw socket that answers with broken bytes."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Answer:
    """What the server sends back."""

    status: int = 200
    body: str | bytes = ""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})


@dataclass(frozen=True)
class Asked:
    """One request as the server saw it."""

    method: str
    path: str  # with the query
    headers: dict[str, str]


Answerer = Callable[[Asked], Answer]


@dataclass
class Server:
    """A running server: its base URL and every request it got."""

    url: str
    port: int
    requests: list[Asked]

    @property
    def paths(self) -> list[str]:
        """`METHOD /path?query` of every request, in order."""
        return [f"{r.method} {r.path}" for r in self.requests]


@contextmanager
def http_server(answer: Answerer) -> Iterator[Server]:
    """Serve `answer` on a free port of 127.0.0.1 until the block ends."""
    requests: list[Asked] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _reply(self) -> None:
            asked = Asked(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
            requests.append(asked)
            reply = answer(asked)
            body = reply.body.encode() if isinstance(reply.body, str) else reply.body
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = do_POST = _reply  # the names http.server calls

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        yield Server(f"http://127.0.0.1:{port}", port, requests)
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def raw_server(reply: bytes) -> Iterator[str]:
    """A port that reads each request, sends `reply` (broken on purpose) and hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.settimeout(5)
                    conn.recv(65536)
                    conn.sendall(reply)
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
