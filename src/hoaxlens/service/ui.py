"""The analyst web UI: server-rendered pages (Jinja2, autoescaped) plus a little plain JS."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Request, UploadFile, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from hoaxlens.service.render import bars_of, notes_of, pieces_of
from hoaxlens.service.schemas import MAX_ID
from hoaxlens.service.security import COOKIE, check_writer, token_matches
from hoaxlens.service.store import NotFoundError
from hoaxlens.service.uploads import UploadError, split_jsonl
from hoaxlens.types import MediaType, RawDocument

if TYPE_CHECKING:
    from hoaxlens.service.context import ServiceContext

HERE = FilePath(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)
MAX_FORM_TEXT = 1_000_000


def _ctx(request: Request) -> ServiceContext:
    ctx: ServiceContext = request.app.state.context
    return ctx


def _page(request: Request, name: str, status_code: int = 200, **values: Any) -> HTMLResponse:  # noqa: ANN401
    ctx = _ctx(request)
    values |= {"needs_login": ctx.settings.token is not None and not _logged_in(request)}
    return templates.TemplateResponse(request, name, values, status_code=status_code)


def _logged_in(request: Request) -> bool:
    token = _ctx(request).settings.token
    return token is None or token_matches(request.cookies.get(COOKIE), token)


def _ui_writer(request: Request) -> None:
    check_writer(request, None)


Writer = Depends(_ui_writer)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """The paste/upload form and the latest documents."""
    ctx = _ctx(request)
    return _page(request, "index.html", recent=ctx.store.documents(limit=15), jobs=ctx.store.jobs())


@router.post("/analyze", dependencies=[Writer])
async def analyze_form(
    request: Request,
    text: Annotated[str, Form(max_length=MAX_FORM_TEXT)] = "",
    url: Annotated[str, Form(max_length=4096)] = "",
    title: Annotated[str, Form(max_length=4096)] = "",
    page: UploadFile | None = None,
) -> Response:
    """Analyse pasted text or an uploaded .txt/.html file; show its result page."""
    ctx = _ctx(request)
    raw = await _raw_from_form(text, url, title, page)
    if raw is None:
        return _form_error(request, "Paste a story or choose a .txt or .html file.")
    outcome = await _in_thread(ctx, raw)
    if outcome.document_id is None:
        return _form_error(request, outcome.record["error"]["message"])
    return RedirectResponse(f"/documents/{outcome.document_id}", status.HTTP_303_SEE_OTHER)


async def _in_thread(ctx: ServiceContext, raw: RawDocument) -> Any:  # noqa: ANN401 - Outcome
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(ctx.analysis.process, raw)


async def _raw_from_form(
    text: str, url: str, title: str, page: UploadFile | None
) -> RawDocument | None:
    if page is not None and page.filename:
        data = await page.read(MAX_FORM_TEXT + 1)
        content = data[:MAX_FORM_TEXT].decode("utf-8", errors="replace")
        is_html = page.filename.lower().endswith((".html", ".htm"))
        name = page.filename
    elif text.strip():
        content, is_html, name = text, False, "pasted"
    else:
        return None
    return RawDocument(
        id=name,
        content=content,
        media_type=MediaType.HTML if is_html else MediaType.TEXT,
        source="ui",
        url=url or None,
        title=title or None,
    )


def _form_error(request: Request, message: str) -> HTMLResponse:
    ctx = _ctx(request)
    return _page(
        request,
        "index.html",
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        error=message,
        recent=ctx.store.documents(limit=15),
        jobs=ctx.store.jobs(),
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def result(request: Request, document_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> HTMLResponse:
    """A result page: highlighted text, evidence, contributions, people, cluster."""
    ctx = _ctx(request)
    try:
        stored = ctx.store.document(document_id)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    record = stored.record
    notes = notes_of(record["signals"])
    copies = []
    if stored.summary.cluster_id:
        copies = [
            d
            for d in ctx.store.documents(cluster_id=stored.summary.cluster_id, limit=50)
            if d.id != document_id
        ]
    return _page(
        request,
        "result.html",
        doc=stored,
        record=record,
        pieces=pieces_of(record["text"] or "", record["obfuscation"]["replacements"], notes),
        notes=notes,
        bars=bars_of(record["signals"]),
        copies=copies,
    )


@router.post("/documents/{document_id}/labels", dependencies=[Writer])
def label_form(
    request: Request,
    document_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    label: Annotated[str, Form(pattern="^(fabricated|genuine)$")],
    analyst: Annotated[str, Form(min_length=1, max_length=128)],
) -> RedirectResponse:
    """Label from the result page without JavaScript."""
    try:
        _ctx(request).store.add_label(document_id, label, analyst.strip() or "anonymous")
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    return RedirectResponse(f"/documents/{document_id}", status.HTTP_303_SEE_OTHER)


@router.get("/review", response_class=HTMLResponse)
def review(request: Request, cluster: str | None = None) -> HTMLResponse:
    """The review queue: unlabelled documents (of one cluster, if given), by score."""
    items = _ctx(request).store.documents(
        unlabeled=True, by_score=True, limit=200, cluster_id=cluster
    )
    return _page(request, "review.html", items=items, cluster=cluster)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    """Campaign clusters and targeted people."""
    ctx = _ctx(request)
    return _page(
        request,
        "dashboard.html",
        clusters=ctx.store.clusters(min_size=2, limit=50),
        people=ctx.store.people(limit=50),
        total=ctx.store.count_documents(),
    )


@router.post("/batch", dependencies=[Writer])
async def batch_form(request: Request, file: UploadFile) -> Response:
    """Queue an uploaded JSONL file; show its progress page."""
    ctx = _ctx(request)
    name = file.filename or "upload.jsonl"
    try:
        lines = split_jsonl(await file.read(), name)
    except UploadError as exc:
        return _form_error(request, str(exc))
    job = ctx.store.create_job(name, lines)
    ctx.wake_worker()
    return RedirectResponse(f"/jobs/{job.id}", status.HTTP_303_SEE_OTHER)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    """Progress of a batch job (refreshes itself until done)."""
    try:
        job = _ctx(request).store.job(job_id)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    return _page(request, "job.html", job=job)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    """Ask for the write token (only useful when one is configured)."""
    return _page(request, "login.html")


@router.post("/login")
def login(request: Request, token: Annotated[str, Form(max_length=1024)]) -> Response:
    """Set the token cookie when the token is right."""
    expected = _ctx(request).settings.token
    if expected is None or not token_matches(token, expected):
        return _page(request, "login.html", status.HTTP_401_UNAUTHORIZED, error="Wrong token.")
    response = RedirectResponse("/", status.HTTP_303_SEE_OTHER)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response
