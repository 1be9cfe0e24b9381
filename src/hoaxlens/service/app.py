"""``create_app``: the FastAPI application (REST API, web UI, static files, batch worker).

Run it with ``hoaxlens serve`` or ``uvicorn hoaxlens.service.app:create_app --factory``.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response  # noqa: TC002 - FastAPI reads annotations

from hoaxlens import __version__
from hoaxlens.service import api, errors_page, networks_page, ui, workspace
from hoaxlens.service.context import ServiceContext
from hoaxlens.service.quotas import Quotas
from hoaxlens.service.security import BodyLimitMiddleware, Guard, SecurityMiddleware, safe_json
from hoaxlens.service.sessions import SessionStore
from hoaxlens.service.settings import ServiceSettings

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable


STATIC_DIR = Path(__file__).resolve().parent / "static"
UPLOAD_PATHS = ("/v1/batch", "/batch")
# Nothing from a document is ever script: no inline script, no plugins, no framing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """Build the app; the store is opened (and migrated) here, the worker starts on startup.

    Args:
        settings: the service settings; ``None`` reads ``HOAXLENS_STORE``,
            ``HOAXLENS_TOKEN`` and ``HOAXLENS_CONFIG`` from the environment.

    Returns:
        The FastAPI application.
    """
    settings = settings or ServiceSettings.from_env()
    context = ServiceContext.open(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.upload_slots = asyncio.Semaphore(settings.upload_slots)  # this loop's
        context.start()
        try:
            yield
        finally:
            context.close()

    app = FastAPI(
        title="hoaxlens",
        version=__version__,
        summary="Detect fabricated celebrity viral stories, with evidence.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; the service works offline
        redoc_url=None,
    )
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    guard = Guard(settings, SessionStore(context.store.engine))
    app.state.settings = settings
    app.state.context = context
    app.state.guard = guard
    app.include_router(api.router)
    app.include_router(ui.router)
    app.include_router(workspace.router)
    app.include_router(networks_page.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_request_bytes,
        upload_limit=settings.max_upload_bytes,
        upload_paths=UPLOAD_PATHS,
    )
    # Outside the body limit: a request refused here is never read.
    app.add_middleware(SecurityMiddleware, guard=guard, quotas=Quotas(settings, context.store))

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if settings.locked and not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    errors_page.install(app, settings, upload_paths=UPLOAD_PATHS)  # outermost: sees every answer
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    """FastAPI answers 400 for a body it cannot decode; that is malformed input: 422."""
    assert isinstance(exc, StarletteHTTPException)  # noqa: S101 - registered for this type
    if exc.status_code == 400:
        return JSONResponse(
            {"detail": f"cannot parse the request body ({exc.detail}): send UTF-8 JSON"},
            status_code=422,
        )
    return await http_exception_handler(request, exc)


async def _validation_error(_request: Request, exc: Exception) -> Response:
    """422 with pydantic's errors, made safe to send back.

    The errors echo the input, which may hold ``NaN``, lone surrogates, 5,000-digit
    numbers or deep nesting: sent as they are, they would make the 422 a 500.
    """
    assert isinstance(exc, RequestValidationError)  # noqa: S101 - registered for this type
    errors = [
        {k: safe_json(v) for k, v in error.items() if k in ("type", "loc", "msg", "input")}
        for error in list(exc.errors())[:20]
    ]
    return JSONResponse({"detail": errors}, status_code=422)
