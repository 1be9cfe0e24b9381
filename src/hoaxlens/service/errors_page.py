"""Friendly HTML error pages for browsers; API clients keep their JSON errors.

A request is a browser's when it is for a UI path (not ``/v1/…``, not ``/static/…``) and
its ``Accept`` header names ``text/html`` (what every browser sends when it opens a page or
submits a form). Its 4xx/5xx answers, JSON or the security layer's bare HTML, are rendered
as a page of the UI that says what happened and what to do: a size limit names the limit,
the size sent and how to get under it. Anything else passes through untouched.
"""

from __future__ import annotations

import json
import re
from html import unescape
from typing import TYPE_CHECKING, Any

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, JSONResponse

from hoaxlens.service.security import is_api

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from starlette.responses import Response
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from hoaxlens.service.settings import ServiceSettings

MB = 1_000_000
TITLES = {
    400: "This request could not be read",
    401: "Log in first",
    403: "Not allowed",
    404: "Not found",
    405: "This page does not take that kind of request",
    413: "Too large",
    415: "Unsupported kind of content",
    422: "Some of the input is not valid",
    429: "Too many requests",
    500: "Something went wrong on our side",
    507: "The store is full",
}
# What the security layer sends a browser when it refuses a request before the app.
BARE_REFUSAL = re.compile(r"<h1>(\d{3})</h1><p>(.*?)</p>", re.DOTALL)
MAX_BUFFERED = 256_000  # an error answer bigger than this is not one of ours: pass it on


def wants_html(scope: Scope) -> bool:
    """Whether a request is a browser opening a UI page (or submitting a UI form)."""
    path = scope.get("path", "")
    if scope["type"] != "http" or scope["method"] not in ("GET", "POST"):
        return False
    if is_api(path) or path.startswith("/static/") or path == "/openapi.json":
        return False
    return "text/html" in Headers(scope=scope).get("accept", "")


def _megabytes(n: int) -> str:
    """A size as a person reads it: ``18.5 MB``, ``64 MB``, ``2 kB``, ``512 bytes``."""
    for unit, name in ((MB, "MB"), (1000, "kB")):
        if n >= unit:
            return f"{n / unit:.1f}".removesuffix(".0") + f" {name}"
    return f"{n} bytes"


def _size_advice(
    scope: Scope, settings: ServiceSettings, upload_paths: tuple[str, ...]
) -> dict[str, Any]:
    """The 413 page: the limit, the size sent, and how to get under the limit."""
    declared = Headers(scope=scope).get("content-length", "")
    sent = int(declared) if declared.isdigit() and len(declared) < 19 else None
    upload = scope.get("path") in upload_paths
    limit = settings.max_upload_bytes if upload else settings.max_request_bytes
    size = f"{_megabytes(sent)}" if sent is not None else "over the limit"
    if upload:
        detail = f"This batch file is {size}; one batch upload can be at most {_megabytes(limit)}."
        todo = [
            f"Split the JSONL file into parts of under {_megabytes(limit)} (whole lines: one "
            "story per line) and upload each part as its own batch.",
            "Or ask the administrator to restart the service with a higher limit "
            "(hoaxlens serve --max-upload-mb N).",
        ]
    else:
        detail = (
            f"This story is {size}; one story (pasted text, a file or a saved page) can be at "
            f"most {_megabytes(limit)}."
        )
        todo = [
            "A saved web page is mostly scripts, styles and images: save it as text only "
            "(or copy the story's text) and paste that instead.",
            "Or give the story's address (URL) alone: the service fetches the page itself.",
            f"Many stories at once: upload them as a JSONL batch (up to "
            f"{_megabytes(settings.max_upload_bytes)}) from the home page.",
        ]
    return {"detail": detail, "todo": todo, "limit_bytes": limit}


def _detail_lines(detail: Any) -> tuple[str, list[str]]:  # noqa: ANN401 - any JSON value
    """A JSON ``detail`` as a sentence and, for validation errors, one line per field."""
    if isinstance(detail, str):
        return detail, []
    if isinstance(detail, list):
        lines = []
        for error in detail[:20]:
            if isinstance(error, dict):
                loc = [str(p) for p in error.get("loc", []) if p not in ("body", "query", "path")]
                where = ".".join(loc) or "input"
                lines.append(f"{where}: {error.get('msg', 'not valid')}")
        return "Please correct the following and try again:", lines
    return "", []


def _todo(status: int, headers: Headers) -> list[str]:
    if status == 404:
        return [
            "Check the address, or find the document with the search page.",
            "A document or campaign that was deleted, or a job from another store, is gone.",
        ]
    if status == 422:
        return ["Go back, correct the fields listed, and send the form again."]
    if status == 429:
        wait = headers.get("retry-after")
        when = f"in {wait} s" if wait and wait.isdigit() else "in a little while"
        return [f"Wait, then try again {when}."]
    if status == 403:
        return ["Reload the page you came from and submit it again."]
    if status == 401:
        return ["Log in, then open the page again."]
    if status >= 500:
        return [
            "Try again in a moment; if it happens again, tell the administrator what you did "
            "and when (the error is in the service's log)."
        ]
    return []


class ErrorPageMiddleware:
    """Render the error answers of browser requests as pages of the UI."""

    def __init__(
        self, app: ASGIApp, *, settings: ServiceSettings, upload_paths: tuple[str, ...]
    ) -> None:
        self.app = app
        self.settings = settings
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; hold back an error answer to a browser and send its page instead."""
        if not wants_html(scope):
            await self.app(scope, receive, send)
            return
        held: dict[str, Any] = {"start": None, "body": b""}

        async def page_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                kind = Headers(raw=message["headers"]).get("content-type", "")
                if message["status"] >= 400 and kind.startswith(("application/json", "text/html")):
                    held["start"] = message
                    return
            elif message["type"] == "http.response.body" and held["start"] is not None:
                held["body"] += message.get("body", b"")
                if message.get("more_body") and len(held["body"]) <= MAX_BUFFERED:
                    return
                start, body, held["start"] = held["start"], held["body"], None
                await self._send_page(scope, send, start, body, more=bool(message.get("more_body")))
                return
            await send(message)

        await self.app(scope, receive, page_send)

    async def _send_page(
        self, scope: Scope, send: Send, start: Message, body: bytes, *, more: bool
    ) -> None:
        status: int = start["status"]
        headers = Headers(raw=start["headers"])
        page = None
        if not more:
            page = self.render(scope, status, headers, body)
        if page is None:  # not an error answer of ours (a UI page with an error status)
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": more})
            return
        raw = [
            (k, v)
            for k, v in start["headers"]
            if k.lower() not in (b"content-type", b"content-length")
        ]
        raw += [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(page)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": page})

    def render(self, scope: Scope, status: int, headers: Headers, body: bytes) -> bytes | None:
        """The page for an error answer, or ``None`` when ``body`` is not one."""
        kind = headers.get("content-type", "")
        if kind.startswith("application/json"):
            try:
                detail = json.loads(body).get("detail", "")
            except (ValueError, AttributeError):
                return None
        else:
            found = BARE_REFUSAL.search(body.decode("utf-8", "replace"))
            if found is None or int(found.group(1)) != status:
                return None
            detail = unescape(found.group(2))
        sentence, lines = _detail_lines(detail)
        values: dict[str, Any] = {
            "detail": sentence,
            "lines": lines,
            "todo": _todo(status, headers),
        }
        if status == 404 and sentence == "Not Found":
            values["detail"] = f"There is no page at {scope.get('path', '')}."
        if status == 413 and "limit" in sentence and "quota" not in sentence:
            values |= _size_advice(scope, self.settings, self.upload_paths)
        return error_page(status, **values)


def error_page(status: int, **values: Any) -> bytes:  # noqa: ANN401
    """The UI's error page for ``status``."""
    from hoaxlens.service.ui import templates  # the UI's templates (loaded with the app)

    title = TITLES.get(status, "Error" if status < 500 else TITLES[500])
    values = {"detail": "", "lines": [], "todo": [], "csrf_token": ""} | values
    html = templates.get_template("error.html").render(status=status, title=title, **values)
    return html.encode("utf-8")


def install(app: FastAPI, settings: ServiceSettings, *, upload_paths: tuple[str, ...]) -> None:
    """Add the error pages to ``app`` (call it last: the middleware must be outermost)."""

    async def server_error(request: Request, exc: Exception) -> Response:
        # Starlette sends this answer, then re-raises ``exc`` for the server's log.
        from hoaxlens.service.app import CSP  # this answer skips the app's middleware

        headers = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}
        if wants_html(request.scope):
            page = error_page(500, todo=_todo(500, request.headers))
            return HTMLResponse(page, 500, headers=headers)
        return JSONResponse({"detail": "internal server error"}, 500, headers=headers)

    app.add_exception_handler(Exception, server_error)
    app.add_middleware(ErrorPageMiddleware, settings=settings, upload_paths=upload_paths)
