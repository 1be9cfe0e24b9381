"""A local HTTP server (127.0.0.1 only) playing a content farm and its bad manners.

Routes: ``/robots.txt`` (disallows ``/private/``), ``/farm`` (a farm page), ``/redirect``
(302 to ``/farm-moved``), ``/loop`` (redirects to itself), ``/slow`` (answers after 3 s),
``/big`` (a 50 MB HTML body), ``/private/page`` (disallowed by robots.txt), ``/limited``
(429 with ``Retry-After: 1`` the first time, then the page), ``/cp1252`` (a Windows-1252
page whose charset only the HTTP header names), ``/image`` (not HTML), ``/gone`` (404).
Every request is logged with its arrival time (``time.monotonic``).
"""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FARM_PAGE = (ROOT / "examples" / "farm_page.html").read_bytes()
CP1252_PAGE = (
    "<html><head><title>Caf\u00e9 Owner\u2019s \u201cMiracle\u201d</title></head><body><article>"
    "<h1>Caf\u00e9 Owner\u2019s \u201cMiracle\u201d</h1><p>Everyone in the caf\u00e9 cried when "
    "the singer walked in. What he did next left the whole town in tears, and nobody could "
    "believe it. The owner said it was the best day of her life.</p></article></body></html>"
).encode("cp1252")
BIG_BYTES = 50 * 1024 * 1024


class FarmServer(ThreadingHTTPServer):
    """The server, its request log and the 429 counter."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.log: list[tuple[float, str]] = []
        self.limited_hits = 0
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> FarmServer:
        """Serve in a daemon thread."""
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


class _Handler(BaseHTTPRequestHandler):
    server: FarmServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.log.append((time.monotonic(), self.path))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _route(self) -> None:
        html = "text/html; charset=utf-8"
        path = self.path
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path in ("/farm", "/farm-moved") or path.startswith("/rate/"):
            self._send(200, FARM_PAGE, html)
        elif path == "/redirect":
            self._send(302, b"", html, Location="/farm-moved")
        elif path == "/loop":
            self._send(302, b"", html, Location="/loop")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, FARM_PAGE, html)
        elif path == "/big":
            self._big()
        elif path == "/private/page":
            self._send(200, FARM_PAGE, html)
        elif path == "/limited":
            with self.server.lock:
                self.server.limited_hits += 1
                first = self.server.limited_hits == 1
            if first:
                self._send(429, b"slow down", "text/plain", Retry_After="1")
            else:
                self._send(200, FARM_PAGE, html)
        elif path == "/cp1252":
            self._send(200, CP1252_PAGE, "text/html; charset=windows-1252")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        else:
            self._send(404, b"not found", "text/plain")

    def _big(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(BIG_BYTES))
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        sent = 0
        while sent < BIG_BYTES:
            piece = chunk[: BIG_BYTES - sent]
            self.wfile.write(piece)
            sent += len(piece)
