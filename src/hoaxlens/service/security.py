"""Write access (bearer token or the UI's login cookie) and request size limits."""

from __future__ import annotations

import hmac
import json
from typing import TYPE_CHECKING

from fastapi import HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "hoaxlens_token"
bearer = HTTPBearer(auto_error=False, description="Needed for writes when a token is set.")


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a presented token with the configured one.

    >>> token_matches("s3cret", "s3cret"), token_matches(None, "s3cret")
    (True, False)
    """
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def check_writer(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Allow a write when no token is configured, or the request presents it.

    Raises:
        HTTPException: 401 with a ``WWW-Authenticate: Bearer`` header otherwise.
    """
    expected: str | None = request.app.state.settings.token
    if expected is None:
        return
    given = credentials.credentials if credentials else request.cookies.get(COOKIE)
    if not token_matches(given, expected):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="this server needs a token for writes: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


class BodyLimitMiddleware:
    """Answer 413 when a request body is larger than its limit (checked while streaming).

    Uploads to ``upload_paths`` get ``upload_limit``; everything else ``limit``.
    """

    def __init__(
        self, app: ASGIApp, *, limit: int, upload_limit: int, upload_paths: tuple[str, ...]
    ) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with a counting ``receive``."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"] in self.upload_paths else self.limit
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        state = {"seen": 0, "over": False, "answered": False}

        async def counting_receive() -> Message:
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > limit:
                    # Stop feeding the app; whatever it answers is replaced by the 413.
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not state["over"]:
                await send(message)
            elif not state["answered"]:
                state["answered"] = True
                await _too_large(send, limit)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["answered"]:
            await _too_large(send, limit)


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body is over the {limit:,}-byte limit"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
