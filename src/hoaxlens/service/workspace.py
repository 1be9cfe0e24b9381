"""The analyst's workspace pages: find documents (``/documents``) and see a campaign whole.

``/documents`` is the UI of ``GET /v1/documents`` (one ``SearchQuery``, one store query);
``/clusters/{id}`` lists every copy of a campaign, its template with slots and its
variants, labels copies in bulk and exports the campaign (CSV, JSONL, ClaimReview, STIX).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hoaxlens.service import labelling
from hoaxlens.service.campaign_page import EXPORTS, campaign_view, export
from hoaxlens.service.schemas import MAX_ID, Text
from hoaxlens.service.search import FACET_SAMPLE, FACETS, SORTS, QueryError, SearchQuery
from hoaxlens.service.store import LABELS, NotFoundError
from hoaxlens.service.ui import Writer, _ctx, _identity, _page

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hoaxlens.service.search import FacetValue

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
# The form fields of the search page (every one a query parameter of /v1/documents too).
FIELDS = (
    "q",
    "label",
    "analyst_label",
    "person",
    "domain",
    "lang",
    "cluster",
    "obfuscated",
    "labelled_by",
    "score_min",
    "score_max",
    "since",
    "until",
    "sort",
)
FACET_TITLES = {
    "label": "Verdict",
    "analyst_label": "Analyst label",
    "score": "Score",
    "person": "Person",
    "domain": "Domain",
    "lang": "Language",
    "cluster": "Campaign",
    "obfuscated": "Obfuscated",
    "labelled_by": "Labelled by",
    "month": "Month",
}
CopyId = Annotated[str, Path(max_length=64)]


@dataclass(frozen=True, slots=True)
class FacetLink:
    """One facet value on the page: what it says, how many, and the link that filters by it."""

    value: str
    count: int
    href: str
    active: bool


def _text(params: Mapping[str, str], name: str, limit: int) -> str | None:
    value = params.get(name, "").strip()
    if len(value) > limit:
        raise QueryError(f"{name} is longer than {limit} characters")
    return value or None


def _float(params: Mapping[str, str], name: str) -> float | None:
    value = _text(params, name, 32)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise QueryError(f"{name} must be a number between 0 and 1") from exc
    if not 0.0 <= number <= 1.0:
        raise QueryError(f"{name} must be a number between 0 and 1")
    return number


def _date(params: Mapping[str, str], name: str) -> date | None:
    value = _text(params, name, 10)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise QueryError(f"{name} must be a date (YYYY-MM-DD)") from exc


def _choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    value = _text(params, name, 32)
    if value is not None and value not in allowed:
        raise QueryError(f"{name} must be one of {', '.join(allowed)}")
    return value


def query_from_form(params: Mapping[str, str], *, limit: int = PAGE_SIZE) -> SearchQuery:
    """The search page's form (empty fields mean "any") as a ``SearchQuery``.

    Raises:
        QueryError: for a value the form cannot hold (a score above 1, a bad date, …).
    """
    obfuscated = _choice(params, "obfuscated", ("yes", "no"))
    return SearchQuery(
        q=_text(params, "q", 1000) or "",
        label=_choice(params, "label", ("fabricated", "uncertain", "genuine")),
        analyst_label=_choice(params, "analyst_label", ("fabricated", "genuine", "none")),
        person=_text(params, "person", 256),
        domain=_text(params, "domain", 255),
        lang=_text(params, "lang", 16),
        cluster_id=_text(params, "cluster", 64),
        obfuscated=None if obfuscated is None else obfuscated == "yes",
        labelled_by=_text(params, "labelled_by", 128),
        score_min=_float(params, "score_min"),
        score_max=_float(params, "score_max"),
        since=_date(params, "since"),
        until=_date(params, "until"),
        sort=_choice(params, "sort", SORTS) or "recent",
        limit=limit,
        cursor=_text(params, "cursor", 512),
        facets=True,
    )


def _href(params: Mapping[str, str], **changes: str | None) -> str:
    """The search page's URL with ``changes`` applied (``None`` removes a field)."""
    merged = {k: v for k, v in params.items() if k in FIELDS and v}
    for key, value in changes.items():
        if value:
            merged[key] = value
        else:
            merged.pop(key, None)
    return "/documents" + ("?" + urlencode(merged) if merged else "")


def _month_range(month: str) -> tuple[str, str]:
    year, mon = (int(x) for x in month.split("-"))
    end = date(year + mon // 12, mon % 12 + 1, 1).toordinal() - 1
    return f"{month}-01", date.fromordinal(end).isoformat()


def facet_links(
    params: Mapping[str, str], facets: Mapping[str, tuple[FacetValue, ...]]
) -> list[tuple[str, str, list[FacetLink]]]:
    """``(facet, title, links)`` for the sidebar; a link sets that facet's filter."""
    out = []
    for name in FACETS:
        links = []
        for v in facets.get(name, ()):
            if name == "score":
                lo, hi = v.value.split("-")
                changes = {"score_min": lo, "score_max": hi}
                active = params.get("score_min") == lo and params.get("score_max") == hi
            elif name == "month":
                since, until = _month_range(v.value)
                changes = {"since": since, "until": until}
                active = params.get("since") == since and params.get("until") == until
            else:
                changes = {name: v.value}
                active = params.get(name) == v.value
            links.append(FacetLink(v.value, v.count, _href(params, cursor=None, **changes), active))
        out.append((name, FACET_TITLES[name], links))
    return out


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> HTMLResponse:
    """Search stored documents: text, facets, sorts, pages of 50 (a cursor per page)."""
    params = dict(request.query_params)
    ctx = _ctx(request)
    error = None
    try:
        query = query_from_form(params)
        found = ctx.store.search(query)
    except QueryError as exc:
        error = str(exc)
        query = SearchQuery(facets=True)
        found = ctx.store.search(query)
    return _page(
        request,
        "documents.html",
        status.HTTP_422_UNPROCESSABLE_CONTENT if error else 200,
        error=error,
        params=params,
        query=query,
        found=found,
        facets=facet_links(params, found.facets),
        next_href=_href(params, cursor=found.next_cursor) if found.next_cursor else None,
        first_href=_href(params, cursor=None) if query.cursor else None,
        sorts=SORTS,
        facet_sample=FACET_SAMPLE,
    )


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def campaign_page(
    request: Request,
    cluster_id: CopyId,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> HTMLResponse:
    """A campaign: every copy, the template with slots, the variants, bulk label, export."""
    store = _ctx(request).store
    try:
        summary = store.cluster(cluster_id)
        copies = store.search(
            SearchQuery(cluster_id=cluster_id, sort="oldest", limit=100, cursor=cursor)
        )
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    except QueryError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from exc
    members = store.cluster_records(cluster_id, limit=50)
    next_href = None
    if copies.next_cursor:
        next_href = f"/clusters/{cluster_id}?" + urlencode({"cursor": copies.next_cursor})
    return _page(
        request,
        "clusters.html",
        cluster=summary,
        copies=copies,
        view=campaign_view(members),
        exports=EXPORTS,
        labels=LABELS,
        next_href=next_href,
        done=request.query_params.get("labelled"),
        campaign_notes=labelling.notes(store, cluster_id=cluster_id),
    )


@router.post("/clusters/{cluster_id}/labels", dependencies=[Writer])
def bulk_label(
    request: Request,
    cluster_id: CopyId,
    label: Annotated[str, Form(pattern="^(fabricated|genuine)$")],
    analyst: Annotated[Text, Form(max_length=128)] = "",
    document_id: Annotated[list[int] | None, Form()] = None,
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> RedirectResponse:
    """Label the ticked copies of a campaign (each as ``POST /v1/labels`` would).

    The author is the logged-in user. When a label contradicts a confident score of a
    ticked copy, nothing is labelled (422) unless the form's confirmation box is ticked.
    """
    store = _ctx(request).store
    ids = sorted({i for i in document_id or () if 1 <= i <= MAX_ID})
    if not ids:
        target = f"/clusters/{cluster_id}?" + urlencode({"labelled": "none: tick some copies"})
        return RedirectResponse(target, status.HTTP_303_SEE_OTHER)
    scores = {s.id: s.score for s, _ in store.cluster_records(cluster_id)}
    strays = [i for i in ids if i not in scores]
    if strays:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=f"documents {strays} are not copies of campaign {cluster_id}",
        )
    who = labelling.author_of(_identity(request), analyst)
    confirmed = confirm == "1"
    doubtful = [i for i in ids if labelling.contradiction(scores[i], label)]
    if doubtful and not confirmed:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=f"labelling {label} contradicts the confident scores of documents "
            f"{doubtful}: tick 'confirm' and submit again",
        )
    try:
        for doc in ids:
            labelling.set_label(store, doc, label, who, confirmed=confirmed)
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    target = f"/clusters/{cluster_id}?" + urlencode({"labelled": f"{len(ids)} {label}"})
    return RedirectResponse(target, status.HTTP_303_SEE_OTHER)


@router.get("/clusters/{cluster_id}/export/{fmt}")
def campaign_export(
    request: Request,
    cluster_id: CopyId,
    fmt: Annotated[str, Path(pattern="^(csv|jsonl|claimreview|stix)$")],
) -> Response:
    """Download the campaign as CSV, JSONL (the records), ClaimReview or STIX 2.1."""
    store = _ctx(request).store
    members = store.cluster_records(cluster_id)
    if not members:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no cluster {cluster_id}")
    media_type, suffix = EXPORTS[fmt]
    body = export(fmt, cluster_id, members)
    name = f"campaign-{cluster_id}.{suffix}"
    return Response(
        body.encode("utf-8"),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
