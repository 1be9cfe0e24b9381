"""The REST API (``/v1``, ``/healthz``): OpenAPI-documented, JSON in and out."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, cast

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from fastapi.responses import Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials  # noqa: TC002 - FastAPI reads it

from hoaxlens.corpus.counting import CAMPAIGN_MIN_SIZE
from hoaxlens.ingest.fields import PRESETS
from hoaxlens.service import labelling
from hoaxlens.service.labelling import (
    ConfirmationNeededError,
    NothingToUndoError,
)
from hoaxlens.service.schemas import (
    MAX_ID,
    AnalyzeRequest,
    ClusterList,
    ClusterOut,
    CountsOut,
    DocumentDetail,
    DocumentList,
    DocumentOut,
    DomainList,
    FacetOut,
    Health,
    JobOut,
    LabelEventOut,
    LabelHistory,
    LabelOut,
    LabelWrite,
    NewUserOut,
    NoteList,
    NoteOut,
    NoteWrite,
    PeopleList,
    PersonOut,
    Problem,
    RecordOut,
    Text,
    UndoOut,
    UndoRequest,
    UserList,
    UserOut,
    UserWrite,
)
from hoaxlens.service.search import FACET_SAMPLE, QueryError, SearchQuery
from hoaxlens.service.security import ANONYMOUS, Identity, bearer
from hoaxlens.service.store import NotFoundError
from hoaxlens.service.uploads import (
    FIELD_OPTIONS,
    UPLOAD_FORMATS,
    UploadError,
    UploadOptions,
    queue_upload,
    receive_upload,
    upload_slots,
)
from hoaxlens.types import Failure, MediaType, RawDocument

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hoaxlens.service.context import ServiceContext
    from hoaxlens.service.views import JobSummary

router = APIRouter()
READ_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {
        "model": Problem,
        "description": "A token is configured (and reads are not public); none was presented.",
    },
    403: {"model": Problem, "description": "A read of the API by another origin's page."},
    422: {"model": Problem, "description": "The request is malformed; `detail` says how."},
    429: {"model": Problem, "description": "Too many wrong tokens from this client."},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **READ_ERRORS,
    401: {"model": Problem, "description": "A token is configured and was not presented."},
    403: {
        "model": Problem,
        "description": "A forged write: another origin's page, or a cookie without CSRF token.",
    },
    413: {
        "model": Problem,
        "description": "The body is over the size limit, or the user's storage quota is used up.",
    },
    415: {"model": Problem, "description": "Not JSON (`application/json`; batch: JSONL)."},
    429: {
        "model": Problem,
        "description": "The user's upload quota is used up (`Retry-After`), or too many "
        "wrong tokens from this client.",
    },
    507: {"model": Problem, "description": "The store is at its size cap."},
}


# Plain functions, not coroutines: measured, `async def` dependencies made the 1-client p50
# ~9 ms and p99 ~2x worse on a busy core (bench/service_latency.py, --baseline-src A/B).
def context(request: Request) -> ServiceContext:
    """The service's shared state (store, analysis, worker)."""
    ctx: ServiceContext = request.app.state.context
    return ctx


def credential(
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Documents the bearer token in the OpenAPI schema.

    ``SecurityMiddleware`` checks it (and the host, the origin, the content type and the
    quotas) before any route runs.
    """


writer = credential


Ctx = Annotated["ServiceContext", Depends(context)]


@router.get("/healthz", response_model=Health, tags=["service"])
def healthz(ctx: Ctx) -> Health:
    """Liveness: answers while batch jobs run."""
    return Health(
        status="ok",
        store=ctx.store.engine.dialect.name,
        documents=ctx.store.count_documents(),
        model_version=ctx.analysis.analyzer.model.version,
    )


@router.post(
    "/v1/analyze",
    response_model=RecordOut,
    dependencies=[Depends(writer)],
    responses=WRITE_ERRORS,
    tags=["analysis"],
)
def analyze(body: AnalyzeRequest, ctx: Ctx) -> Response:
    """Analyse one story and store it; returns the JSONL record of the design contract.

    The record adds `document_id` (for labels and `/documents/{id}` in the UI) and
    `cluster_id`. A story that cannot be analysed gets 422 with the error row in `detail`.
    With a `url` alone the page is fetched first (robots.txt obeyed; private, loopback and
    link-local addresses refused unless the administrator allowed a range): a page that
    cannot be fetched gets 422 with the error row (`stage` `fetch`). With `follow_links`,
    a `text` that is a link post (a link, or a short teaser and a link) is judged with
    its landing page, fetched the same way; the record keeps `post` and `page`.
    """
    # The record is sent as the JSON the store keeps (encoded once, by `to_record`'s
    # contract), not re-validated and re-encoded through `RecordOut`, which documents it.
    if body.text is None and body.html is None and body.url is not None:
        from hoaxlens.output import to_record
        from hoaxlens.service.fetching import fetch_document

        fetched = fetch_document(body.url, ctx.settings)
        if isinstance(fetched, Failure):
            detail = to_record(fetched)["error"]
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=detail)
        outcome = ctx.analysis.process(fetched)
        if outcome.is_error:
            detail = outcome.record["error"]
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=detail)
        return Response(outcome.record_json.encode(), media_type="application/json")
    raw: RawDocument | Failure = RawDocument(
        id=body.id or "api",
        content=body.text if body.text is not None else body.html or "",
        media_type=MediaType.TEXT if body.text is not None else MediaType.HTML,
        source="api",
        url=body.url,
        title=body.title,
    )
    if body.follow_links and body.text is not None:
        from hoaxlens.output import to_record
        from hoaxlens.service.fetching import follow_link_post

        assert isinstance(raw, RawDocument)  # noqa: S101 - built just above
        raw = follow_link_post(raw, ctx.settings)
        if isinstance(raw, Failure):  # the landing page could not be fetched
            record = to_record(raw)
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=record["error"])
    outcome = ctx.analysis.process(raw)
    if outcome.is_error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=outcome.record["error"])
    return Response(outcome.record_json.encode(), media_type="application/json")


@router.post(
    "/v1/batch",
    response_model=JobOut,
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(writer)],
    responses=WRITE_ERRORS,
    tags=["batch"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": 'JSONL: one `{"text"|"html", "id"?, "title"?, "url"?}` a line; or '
            "an export (CSV, JSON, Parquet, JSONL) as a multipart `file` with `preset` and "
            "`*_field` form fields (or query parameters).",
            "content": {
                "application/x-ndjson": {"schema": {"type": "string", "format": "binary"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "format": {"type": "string", "enum": list(UPLOAD_FORMATS)},
                            "preset": {"type": "string", "enum": sorted(PRESETS)},
                            **{name: {"type": "string"} for name in FIELD_OPTIONS},
                        },
                        "required": ["file"],
                    }
                },
            },
        }
    },
)
async def batch(request: Request, ctx: Ctx) -> JobOut:
    """Queue a JSONL upload for analysis; returns the job with its progress and results URLs.

    Every non-blank line yields exactly one output record (a verdict or an error row).
    Jobs are stored, so a restart resumes them. An export is read as `hoaxlens scan`
    reads it with the same options: `format` (`jsonl`, `csv`, `json`, `parquet`; default
    from the file name), `preset` (`crowdtangle`, `meta-content-library`, `x-api`,
    `facebook-download`) and `text_field`, `html_field`, `url_field`, `id_field`,
    `title_field`, `date_field`, as form fields beside `file` or as query parameters.
    A file that cannot be read at all (no text column) gets 422 saying which columns it has.
    """
    try:
        upload = await receive_upload(request)
        try:
            options = UploadOptions.of({**request.query_params, **upload.fields})
            slots = upload_slots(request.app.state, _slots(ctx))
            job = await queue_upload(ctx, upload, slots, options)
        finally:
            await upload.close()
    except UploadError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from exc
    return JobOut.of(job)


def _slots(ctx: ServiceContext) -> int:
    return ctx.settings.upload_slots


JobId = Annotated[str, Path(max_length=64)]
# A day as text (YYYY-MM-DD): a `date` parameter would also take 0 (1970-01-01).
Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="A day, YYYY-MM-DD.")]


@router.get(
    "/v1/batch/{job_id}",
    response_model=JobOut,
    dependencies=[Depends(credential)],
    responses={**READ_ERRORS, 404: {"model": Problem}},
    tags=["batch"],
)
def batch_progress(job_id: JobId, ctx: Ctx) -> JobOut:
    """Progress of a batch job."""
    return JobOut.of(_job(ctx, job_id))


@router.get(
    "/v1/batch/{job_id}/results",
    responses={
        200: {
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            "description": "One output record a line, in input order, for the lines done so far.",
        },
        **READ_ERRORS,
        404: {"model": Problem},
    },
    response_class=StreamingResponse,
    dependencies=[Depends(credential)],
    tags=["batch"],
)
def batch_results(job_id: JobId, ctx: Ctx) -> StreamingResponse:
    """The output records processed so far (JSONL, input order); `X-Job-Status` says if done.

    Sent as a file named `hoaxlens-job-<id>.jsonl`, as the job page's download is.
    """
    job = _job(ctx, job_id)

    def lines() -> Iterator[str]:
        for record in ctx.store.job_records(job_id):
            yield record + "\n"

    headers = {
        "Content-Disposition": f'attachment; filename="hoaxlens-job-{job.id}.jsonl"',
        "X-Job-Status": job.status,
    }
    return StreamingResponse(lines(), media_type="application/x-ndjson", headers=headers)


@router.get(
    "/v1/documents",
    response_model=DocumentList,
    dependencies=[Depends(credential)],
    responses=READ_ERRORS,
    tags=["documents"],
)
def documents(
    ctx: Ctx,
    q: Annotated[
        Text, Query(max_length=1000, description='Words, "phrases", prefix*, -excluded.')
    ] = "",
    label: Annotated[str | None, Query(pattern="^(fabricated|uncertain|genuine)$")] = None,
    analyst_label: Annotated[str | None, Query(pattern="^(fabricated|genuine|none)$")] = None,
    person: Annotated[Text | None, Query(max_length=256, description="Main person.")] = None,
    domain: Annotated[Text | None, Query(max_length=255)] = None,
    lang: Annotated[Text | None, Query(max_length=16)] = None,
    cluster: Annotated[Text | None, Query(max_length=64)] = None,
    cluster_id: Annotated[
        Text | None, Query(max_length=64, description="Same as `cluster`.")
    ] = None,
    obfuscated: bool | None = None,
    labelled_by: Annotated[Text | None, Query(max_length=128)] = None,
    score_min: Annotated[float | None, Query(ge=0, le=1)] = None,
    score_max: Annotated[float | None, Query(ge=0, le=1)] = None,
    since: Day = None,
    until: Day = None,
    unlabeled: Annotated[bool, Query(description="Same as `analyst_label=none`.")] = False,
    sort: Annotated[str, Query(pattern="^(recent|oldest|score|score_asc|relevance)$")] = "recent",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    facets: Annotated[bool, Query(description="Count the values of every facet.")] = False,
) -> DocumentList:
    """Search stored documents: full text, facet filters, a sort and keyset pages.

    `q` matches the title, the de-obfuscated text, the people named and the domain.
    Sorts: `recent` (default), `oldest`, `score` (highest first), `score_asc`,
    `relevance` (with `q`). Pages: pass the answer's `next_cursor` as `cursor`.
    """
    try:
        query = SearchQuery(
            q=q,
            label=label,
            analyst_label="none" if unlabeled else analyst_label,
            person=person,
            domain=domain,
            lang=lang,
            cluster_id=cluster or cluster_id,
            obfuscated=obfuscated,
            labelled_by=labelled_by,
            score_min=score_min,
            score_max=score_max,
            since=_day(since),
            until=_day(until),
            sort=sort,
            limit=limit,
            cursor=cursor,
            facets=facets,
        )
        found = ctx.store.search(query)
    except QueryError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from exc
    return DocumentList(
        items=[DocumentOut.of(x) for x in found.items],
        limit=limit,
        total=found.total,
        sort=found.sort,
        next_cursor=found.next_cursor,
        facets={
            name: [FacetOut(value=v.value, count=v.count) for v in values]
            for name, values in found.facets.items()
        },
        facets_over=min(found.total, FACET_SAMPLE) if facets else None,
    )


@router.get(
    "/v1/documents/{document_id}",
    response_model=DocumentDetail,
    dependencies=[Depends(credential)],
    responses={**READ_ERRORS, 404: {"model": Problem}},
    tags=["documents"],
)
def document(document_id: Annotated[int, Path(ge=1, le=MAX_ID)], ctx: Ctx) -> DocumentDetail:
    """One stored document: its record and who labelled it how."""
    try:
        stored = ctx.store.document(document_id)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    return DocumentDetail(
        record=cast("RecordOut", stored.record),  # validated by DocumentDetail
        labels=[LabelOut.of(x) for x in stored.labels],
    )


@router.get(
    "/v1/clusters",
    response_model=ClusterList,
    dependencies=[Depends(credential)],
    responses=READ_ERRORS,
    tags=["campaigns"],
)
def clusters(
    ctx: Ctx,
    min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 2,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ClusterList:
    """Campaign clusters (documents sharing a template across name swaps), largest first."""
    found = ctx.store.clusters(limit=limit, min_size=min_size)
    return ClusterList(items=[ClusterOut.of(x) for x in found])


@router.get(
    "/v1/people",
    response_model=PeopleList,
    dependencies=[Depends(credential)],
    responses=READ_ERRORS,
    tags=["campaigns"],
)
def people(ctx: Ctx, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> PeopleList:
    """Targeted people: how many stored stories (and fabricated ones) name each."""
    return PeopleList(items=[PersonOut.of(x) for x in ctx.store.people(limit=limit)])


@router.get(
    "/v1/domains",
    response_model=DomainList,
    dependencies=[Depends(credential)],
    responses=READ_ERRORS,
    tags=["campaigns"],
)
def domains(ctx: Ctx, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> DomainList:
    """Domains: how many stored stories (fabricated ones, campaigns) each published."""
    return DomainList(items=[PersonOut.of(x) for x in ctx.store.domains(limit=limit)])


@router.get(
    "/v1/counts",
    response_model=CountsOut,
    dependencies=[Depends(credential)],
    responses=READ_ERRORS,
    tags=["campaigns"],
)
def counts(ctx: Ctx) -> CountsOut:
    """The dashboard's totals: stories, fabricated, campaigns, people and domains."""
    stories, fabricated = ctx.store.totals()
    return CountsOut(
        documents=stories,
        fabricated=fabricated,
        campaigns=ctx.store.count_clusters(min_size=CAMPAIGN_MIN_SIZE),
        people=ctx.store.count_people(),
        domains=ctx.store.count_domains(),
    )


def identity_of(request: Request) -> Identity:
    """Who is asking (``SecurityMiddleware`` found out)."""
    found: Identity = request.scope.get("state", {}).get("identity", Identity(ANONYMOUS, None))
    return found


DocumentId = Annotated[int, Path(ge=1, le=MAX_ID)]
LABEL_ERRORS: dict[int | str, dict[str, Any]] = {
    **WRITE_ERRORS,
    404: {"model": Problem},
    422: {
        "model": Problem,
        "description": "Malformed, or the label contradicts a confident score and was not "
        'sent with `"confirm": true`.',
    },
}


@router.post(
    "/v1/labels",
    response_model=LabelOut,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(writer)],
    responses=LABEL_ERRORS,
    tags=["labels"],
)
def add_label(body: LabelWrite, request: Request, ctx: Ctx) -> LabelOut:
    """Set the sender's label on a document; the newest label per document feeds `hoaxlens train`.

    The author is the token's owner (or the logged-in user); `analyst` in the body is
    ignored then. Each analyst has one current label per document; the one it replaces is
    kept in the document's history (`GET /v1/documents/{id}/history`). A label that
    contradicts a confident score needs `"confirm": true`.
    """
    author = labelling.author_of(identity_of(request), body.analyst)
    try:
        label = labelling.set_label(
            ctx.store, body.document_id, body.label, author, body.note, confirmed=body.confirm
        )
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    except ConfirmationNeededError as exc:
        detail = f'{exc}: send it again with "confirm": true'
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=detail) from exc
    return LabelOut.of(label)


@router.post(
    "/v1/labels/undo",
    response_model=UndoOut,
    dependencies=[Depends(writer)],
    responses={**WRITE_ERRORS, 404: {"model": Problem}, 409: {"model": Problem}},
    tags=["labels"],
)
def undo_label(body: UndoRequest, request: Request, ctx: Ctx) -> UndoOut:
    """Undo the sender's newest label change on a document: the label before it comes back.

    409 when the sender has no change left to undo there. The undo shows in the history.
    """
    author = labelling.author_of(identity_of(request), None)
    try:
        removed, restored = labelling.undo_label(ctx.store, body.document_id, author)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    except NothingToUndoError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    return UndoOut(document_id=body.document_id, analyst=author, removed=removed, restored=restored)


@router.get(
    "/v1/documents/{document_id}/history",
    response_model=LabelHistory,
    dependencies=[Depends(credential)],
    responses={**READ_ERRORS, 404: {"model": Problem}},
    tags=["labels"],
)
def label_history(document_id: DocumentId, ctx: Ctx) -> LabelHistory:
    """Every label change on a document, newest first: who, when, what it became and was."""
    try:
        ctx.store.document(document_id)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    events = labelling.history(ctx.store, document_id)
    return LabelHistory(document_id=document_id, items=[LabelEventOut.of(e) for e in events])


@router.post(
    "/v1/notes",
    response_model=NoteOut,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(writer)],
    responses={**WRITE_ERRORS, 404: {"model": Problem}},
    tags=["labels"],
)
def add_note(body: NoteWrite, request: Request, ctx: Ctx) -> NoteOut:
    """A note on a document or a campaign; its author is the sender."""
    try:
        note = labelling.add_note(
            ctx.store,
            labelling.author_of(identity_of(request), None),
            body.text,
            document_id=body.document_id,
            cluster_id=body.cluster_id,
        )
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from exc
    return NoteOut.of(note)


@router.get(
    "/v1/notes",
    response_model=NoteList,
    dependencies=[Depends(credential)],
    responses=READ_ERRORS,
    tags=["labels"],
)
def list_notes(
    ctx: Ctx,
    document_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    cluster_id: Annotated[Text | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> NoteList:
    """Notes on a document or a campaign (or, given neither, the newest notes), oldest first."""
    found = labelling.notes(ctx.store, document_id=document_id, cluster_id=cluster_id, limit=limit)
    return NoteList(items=[NoteOut.of(n) for n in found])


ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    **WRITE_ERRORS,
    403: {"model": Problem, "description": "Not an admin (or a forged write)."},
}


def admin(request: Request) -> None:
    """Dependency of the admin-only routes: analysts and anonymous requests get 403."""
    if not identity_of(request).is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="only an admin may manage users")


@router.get(
    "/v1/users",
    response_model=UserList,
    dependencies=[Depends(credential), Depends(admin)],
    responses=ADMIN_ERRORS,
    tags=["users"],
)
def list_users(ctx: Ctx) -> UserList:
    """Every user, by name (admins only)."""
    from hoaxlens.service.accounts import Accounts

    return UserList(items=[UserOut.of(u) for u in Accounts(ctx.store.engine).list()])


@router.post(
    "/v1/users",
    response_model=NewUserOut,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(writer), Depends(admin)],
    responses={**ADMIN_ERRORS, 409: {"model": Problem}},
    tags=["users"],
)
def add_user(body: UserWrite, ctx: Ctx) -> NewUserOut:
    """Add a user (admins only); the answer holds their API token, shown this once."""
    from hoaxlens.service.accounts import AccountError, Accounts

    try:
        account, token = Accounts(ctx.store.engine).add(body.name, body.role)
    except AccountError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc)) from exc
    return NewUserOut(user=UserOut.of(account), token=token)


def _day(value: str | None) -> date | None:
    """An ISO day of a query parameter (its pattern checked by FastAPI).

    Raises:
        QueryError: for a day that does not exist (2025-13-40).
    """
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise QueryError(f"{value!r} is not a day (YYYY-MM-DD)") from exc


def _job(ctx: ServiceContext, job_id: str) -> JobSummary:
    try:
        return ctx.store.job(job_id)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
