"""The analyst web UI: server-rendered pages (Jinja2, autoescaped) plus a little plain JS."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import (
    APIRouter,
    Depends,
    Form,
    HTTPException,
    Path,
    Query,
    Request,
    UploadFile,
    status,
)
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates

from hoaxlens.corpus.counting import CAMPAIGN_MIN_SIZE
from hoaxlens.output.explain import explain, top_items
from hoaxlens.service import labelling
from hoaxlens.service.job_summary import SHOWS, csv_lines, job_report
from hoaxlens.service.render import chart_of, notes_of, percent, pieces_of
from hoaxlens.service.schemas import MAX_ID, Text, storable
from hoaxlens.service.search import QueryError, SearchQuery
from hoaxlens.service.security import (
    ANONYMOUS,
    CSRF_COOKIE,
    OLD_TOKEN_COOKIE,
    SESSION_COOKIE,
    Guard,
    Identity,
    client_of,
    csrf_token,
)
from hoaxlens.service.store import NotFoundError
from hoaxlens.service.uploads import (
    Upload,
    UploadError,
    UploadOptions,
    queue_upload,
    upload_slots,
)
from hoaxlens.types import Failure, MediaType, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hoaxlens.service.context import ServiceContext

HERE = FilePath(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)
MAX_FORM_TEXT = 1_000_000


def _ctx(request: Request) -> ServiceContext:
    ctx: ServiceContext = request.app.state.context
    return ctx


def _guard(request: Request) -> Guard:
    guard: Guard = request.app.state.guard
    return guard


def _identity(request: Request) -> Identity:
    identity: Identity = request.scope.get("state", {}).get("identity", Identity(ANONYMOUS, None))
    return identity


def _page(request: Request, name: str, status_code: int = 200, **values: Any) -> HTMLResponse:  # noqa: ANN401
    """Render a page with its CSRF token (setting the browser's CSRF cookie if it has none)."""
    guard = _guard(request)
    identity = _identity(request)
    cookie, new = guard.csrf_cookie(request.cookies.get(CSRF_COOKIE))
    values |= {
        "needs_login": guard.locked and not identity.authenticated,
        "logged_in_as": identity.principal if identity.via == "cookie" else None,
        "csrf_token": csrf_token(guard.csrf_key, cookie),
    }
    response = templates.TemplateResponse(request, name, values, status_code=status_code)
    if new:
        response.set_cookie(
            CSRF_COOKIE,
            cookie,
            httponly=True,
            samesite="strict",
            secure=guard.secure(request.scope),
        )
    if OLD_TOKEN_COOKIE in request.cookies:  # the raw token of an older version: forget it
        response.delete_cookie(OLD_TOKEN_COOKIE)
    return response


def _csrf(request: Request, csrf_token: Annotated[str, Form(max_length=128)] = "") -> None:
    """Dependency of every UI form: the page's CSRF token must come back with the form."""
    if not _guard(request).csrf_ok(request.cookies.get(CSRF_COOKIE), csrf_token):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail="this form has no valid CSRF token: reload the page and submit it again",
        )


Writer = Depends(_csrf)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """The paste/upload form and the latest documents."""
    ctx = _ctx(request)
    return _page(request, "index.html", recent=ctx.store.documents(limit=15), jobs=ctx.store.jobs())


@router.post("/analyze", dependencies=[Writer])
async def analyze_form(
    request: Request,
    text: Annotated[Text, Form(max_length=MAX_FORM_TEXT)] = "",
    url: Annotated[Text, Form(max_length=4096)] = "",
    title: Annotated[Text, Form(max_length=4096)] = "",
    page: UploadFile | None = None,
    follow_links: Annotated[bool, Form()] = False,
) -> Response:
    """Analyse pasted text or an uploaded .txt/.html file; show its result page.

    With ``follow_links`` ticked, pasted text that is a link post is judged with its
    landing page (fetched), as ``POST /v1/analyze`` with ``follow_links`` does.
    """
    ctx = _ctx(request)
    raw = await _raw_from_form(text, url, title, page)
    if raw is not None and follow_links and raw.media_type is MediaType.TEXT:
        from starlette.concurrency import run_in_threadpool

        from hoaxlens.service.fetching import follow_link_post

        followed = await run_in_threadpool(follow_link_post, raw, ctx.settings)
        if isinstance(followed, Failure):
            return _form_error(request, followed.message)
        raw = followed
    if raw is None and url.strip():
        fetched = await _fetch_in_thread(url.strip(), ctx)
        if isinstance(fetched, Failure):
            return _form_error(request, fetched.message)
        raw = fetched
    if raw is None:
        return _form_error(request, "Paste a story, choose a .txt or .html file, or give a URL.")
    try:
        storable(raw.content)
    except ValueError as exc:
        return _form_error(request, f"The file {exc}.")
    outcome = await _in_thread(ctx, raw)
    if outcome.document_id is None:
        return _form_error(request, outcome.record["error"]["message"])
    return RedirectResponse(f"/documents/{outcome.document_id}", status.HTTP_303_SEE_OTHER)


async def _in_thread(ctx: ServiceContext, raw: RawDocument) -> Any:  # noqa: ANN401 - Outcome
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(ctx.analysis.process, raw)


async def _fetch_in_thread(url: str, ctx: ServiceContext) -> RawDocument | Failure:
    from starlette.concurrency import run_in_threadpool

    from hoaxlens.service.fetching import fetch_document

    if not url.startswith(("http://", "https://")):
        return Failure(url, "ui", Stage.FETCH, "bad_url", f"{url!r} is not an http(s) URL")
    return await run_in_threadpool(fetch_document, url, ctx.settings)


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
    """A result page: highlighted text, the two-sided "Why" chart, ranked evidence, cluster."""
    ctx = _ctx(request)
    try:
        stored = ctx.store.document(document_id)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    record = stored.record
    explanation = explain(record)
    shown = top_items(explanation)
    notes = notes_of(shown)
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
        evidence_total=sum(len(r.items) for r in explanation.reasons),
        explanation=explanation,
        score_percent=percent(explanation.score),
        chart=chart_of(explanation),
        copies=copies,
        **_label_values(request, document_id),
    )


def _label_values(request: Request, document_id: int) -> dict[str, Any]:
    """What the result page shows of labels and notes: history, undo, the notes."""
    store = _ctx(request).store
    identity = _identity(request)
    events = labelling.history(store, document_id)
    author = identity.principal if identity.authenticated else None
    return {
        "author": author,
        "history": events,
        # Open server: nobody is identified, so the undo button is there whenever there is
        # something to undo (the name typed in the header says whose change it undoes).
        "can_undo": labelling.can_undo(store, document_id, author)
        if author is not None
        else any(e.action == "label" and not e.undone for e in events),
        "doc_notes": labelling.notes(store, document_id=document_id),
    }


DocumentId = Annotated[int, Path(ge=1, le=MAX_ID)]
Analyst = Annotated[Text, Form(max_length=128)]


@router.post("/documents/{document_id}/labels", dependencies=[Writer])
def label_form(
    request: Request,
    document_id: DocumentId,
    label: Annotated[str, Form(pattern="^(fabricated|genuine)$")],
    analyst: Analyst = "",
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Label from the result page without JavaScript, as the logged-in user.

    A label that contradicts a confident score gets a page asking to confirm it (422).
    """
    author = labelling.author_of(_identity(request), analyst)
    try:
        labelling.set_label(
            _ctx(request).store, document_id, label, author, confirmed=confirm == "1"
        )
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    except labelling.ConfirmationNeededError as exc:
        return _page(
            request,
            "confirm_label.html",
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            document_id=document_id,
            label=label,
            analyst=analyst,
            reason=str(exc),
        )
    return RedirectResponse(f"/documents/{document_id}#label-box", status.HTTP_303_SEE_OTHER)


@router.post("/documents/{document_id}/labels/undo", dependencies=[Writer])
def undo_form(request: Request, document_id: DocumentId, analyst: Analyst = "") -> Response:
    """Undo the user's newest label change on the document (its history shows the undo)."""
    author = labelling.author_of(_identity(request), analyst)
    try:
        labelling.undo_label(_ctx(request).store, document_id, author)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    except labelling.NothingToUndoError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    return RedirectResponse(f"/documents/{document_id}#label-box", status.HTTP_303_SEE_OTHER)


NoteText = Annotated[Text, Form(min_length=1, max_length=labelling.MAX_NOTE_CHARS)]


@router.post("/documents/{document_id}/notes", dependencies=[Writer])
def document_note_form(
    request: Request, document_id: DocumentId, text: NoteText, analyst: Analyst = ""
) -> Response:
    """Add a note to a document, as the logged-in user."""
    _add_note(request, text, analyst, document_id=document_id)
    return RedirectResponse(f"/documents/{document_id}#doc-notes", status.HTTP_303_SEE_OTHER)


@router.post("/clusters/{cluster_id}/notes", dependencies=[Writer])
def campaign_note_form(
    request: Request,
    cluster_id: Annotated[str, Path(max_length=64)],
    text: NoteText,
    analyst: Analyst = "",
) -> Response:
    """Add a note to a campaign, as the logged-in user."""
    _add_note(request, text, analyst, cluster_id=cluster_id)
    target = f"/clusters/{quote(cluster_id, safe='')}#doc-notes"
    return RedirectResponse(target, status.HTTP_303_SEE_OTHER)


def _add_note(
    request: Request,
    text: str,
    analyst: str,
    *,
    document_id: int | None = None,
    cluster_id: str | None = None,
) -> None:
    author = labelling.author_of(_identity(request), analyst)
    try:
        labelling.add_note(
            _ctx(request).store, author, text, document_id=document_id, cluster_id=cluster_id
        )
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from exc


@router.get("/review", response_class=HTMLResponse)
def review(
    request: Request,
    cluster: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> HTMLResponse:
    """The review queue: unlabelled documents (of one cluster, if given), by score, 100 a page."""
    query = SearchQuery(
        analyst_label="none", cluster_id=cluster or None, sort="score", limit=100, cursor=cursor
    )
    try:
        found = _ctx(request).store.search(query)
    except QueryError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from exc
    more = {"cluster": cluster or "", "cursor": found.next_cursor or ""}
    return _page(
        request,
        "review.html",
        items=found.items,
        total=found.total,
        cluster=cluster,
        next_href="/review?" + urlencode({k: v for k, v in more.items() if v})
        if found.next_cursor
        else None,
        first_href=("/review?" + urlencode({"cluster": cluster}) if cluster else "/review")
        if cursor
        else None,
    )


DASHBOARD_PAGE = 50


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(
    request: Request,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    people_page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    domains_page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Campaigns (clusters of 2 or more), targeted people and domains, 50 of each a page.

    Every number comes from the store query the API answers with (``/v1/counts``,
    ``/v1/clusters``, ``/v1/people``, ``/v1/domains``), counted as ``hoaxlens report`` counts.
    """
    store = _ctx(request).store
    n_clusters = store.count_clusters(min_size=CAMPAIGN_MIN_SIZE)
    n_people = store.count_people()
    n_domains = store.count_domains()
    stories, fabricated = store.totals()
    pages = {"page": page, "people_page": people_page, "domains_page": domains_page}

    def link(**changes: int) -> str:
        return "/dashboard?" + urlencode(pages | changes)

    return _page(
        request,
        "dashboard.html",
        clusters=store.clusters(
            min_size=CAMPAIGN_MIN_SIZE, limit=DASHBOARD_PAGE, offset=(page - 1) * DASHBOARD_PAGE
        ),
        people=store.people(limit=DASHBOARD_PAGE, offset=(people_page - 1) * DASHBOARD_PAGE),
        domains=store.domains(limit=DASHBOARD_PAGE, offset=(domains_page - 1) * DASHBOARD_PAGE),
        total=stories,
        fabricated=fabricated,
        n_clusters=n_clusters,
        n_people=n_people,
        n_domains=n_domains,
        page=page,
        people_page=people_page,
        domains_page=domains_page,
        page_size=DASHBOARD_PAGE,
        prev_domains=link(domains_page=domains_page - 1) if domains_page > 1 else None,
        next_domains=link(domains_page=domains_page + 1)
        if domains_page * DASHBOARD_PAGE < n_domains
        else None,
        prev_clusters=link(page=page - 1) if page > 1 else None,
        next_clusters=link(page=page + 1) if page * DASHBOARD_PAGE < n_clusters else None,
        prev_people=link(people_page=people_page - 1) if people_page > 1 else None,
        next_people=link(people_page=people_page + 1)
        if people_page * DASHBOARD_PAGE < n_people
        else None,
    )


FieldName = Annotated[Text, Form(max_length=256)]


@router.post("/batch", dependencies=[Writer])
async def batch_form(
    request: Request,
    file: UploadFile,
    preset: FieldName = "",
    text_field: FieldName = "",
    html_field: FieldName = "",
    url_field: FieldName = "",
    id_field: FieldName = "",
    title_field: FieldName = "",
    date_field: FieldName = "",
) -> Response:
    """Queue an uploaded JSONL file or export (with a preset and field names); show its job."""
    ctx = _ctx(request)
    upload = Upload(file.filename or "upload.jsonl", file.file, file.close)
    slots = upload_slots(request.app.state, ctx.settings.upload_slots)
    values = {
        "preset": preset,
        "text_field": text_field,
        "html_field": html_field,
        "url_field": url_field,
        "id_field": id_field,
        "title_field": title_field,
        "date_field": date_field,
    }
    try:
        job = await queue_upload(ctx, upload, slots, UploadOptions.of(values))
    except UploadError as exc:
        return _form_error(request, str(exc))
    finally:
        await upload.close()
    return RedirectResponse(f"/jobs/{job.id}", status.HTTP_303_SEE_OTHER)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(
    request: Request,
    job_id: Annotated[str, Path(max_length=64)],
    show: Annotated[str, Query(pattern="^(all|fabricated|uncertain|genuine|errors)$")] = "all",
) -> HTMLResponse:
    """A batch job: its progress, summary, filtered table and downloads.

    The progress is updated in place until done; the summary counts the results by label
    and lists the top campaigns and the errors by stage and type; ``show`` filters the
    table to a label or to the errors.
    """
    store = _ctx(request).store
    try:
        job = store.job(job_id)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    report = job_report(store, job, show)
    return _page(request, "job.html", job=job, report=report, shows=SHOWS)


@router.get("/jobs/{job_id}/results")
def job_download(
    request: Request,
    job_id: Annotated[str, Path(max_length=64)],
    format: Annotated[str, Query(pattern="^(jsonl|csv)$")] = "jsonl",
) -> StreamingResponse:
    """The job's results so far as a named file.

    ``hoaxlens-job-<id>.jsonl`` (the output records, ``application/x-ndjson``) or, with
    ``format=csv``, ``hoaxlens-job-<id>.csv`` (one row a record, ``text/csv``).
    """
    store = _ctx(request).store
    try:
        job = store.job(job_id)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    if format == "csv":
        body: Iterator[str] = csv_lines(store.job_records(job.id))
        media_type = "text/csv; charset=utf-8"
    else:
        body = (record + "\n" for record in store.job_records(job.id))
        media_type = "application/x-ndjson"
    name = f"hoaxlens-job-{job.id}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "X-Job-Status": job.status}
    return StreamingResponse(body, media_type=media_type, headers=headers)


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, next: Annotated[str, Query(max_length=2048)] = "/"
) -> HTMLResponse:
    """Ask for a token (only useful when one is configured)."""
    return _page(request, "login.html", next=_local(next))


@router.post("/login", dependencies=[Writer])
def login(
    request: Request,
    token: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2048)] = "/",
) -> Response:
    """Open a login session when the token is right; failures are rate-limited."""
    guard = _guard(request)
    client = client_of(request.scope)
    wait = guard.limiter.retry_after(client)
    if wait:
        response = _page(
            request,
            "login.html",
            status.HTTP_429_TOO_MANY_REQUESTS,
            error=f"Too many failed logins from this address: try again in {wait} s.",
            next=_local(next),
        )
        response.headers["Retry-After"] = str(wait)
        return response
    entry = guard.authenticate(token) if guard.locked else None
    if entry is None:
        if guard.locked:
            guard.limiter.fail(client)
        error = "Wrong token." if guard.locked else "This server needs no token."
        return _page(
            request, "login.html", status.HTTP_401_UNAUTHORIZED, error=error, next=_local(next)
        )
    guard.limiter.forget(client)
    settings = _ctx(request).settings
    session_id, expires = guard.sessions.open(
        entry.name, entry.fingerprint, settings.session_seconds
    )
    redirect = RedirectResponse(_local(next), status.HTTP_303_SEE_OTHER)
    redirect.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=int(settings.session_seconds),
        expires=expires,
        httponly=True,
        samesite="strict",
        secure=guard.secure(request.scope),
    )
    redirect.delete_cookie(OLD_TOKEN_COOKIE)
    return redirect


@router.post("/logout", dependencies=[Writer])
def logout(request: Request) -> Response:
    """End the login session and forget its cookie."""
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        _guard(request).sessions.close(session_id)
    response = RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict")
    return response


def _local(target: str) -> str:
    """``target`` if it is a path on this server, else ``/`` (no open redirect).

    >>> _local("/review?cluster=x"), _local("//evil.example/"), _local("https://evil.example")
    ('/review?cluster=x', '/', '/')
    """
    if not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return "/"
    return target
