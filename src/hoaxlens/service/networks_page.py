"""``/networks``: the operator networks of the stored pages (issue 22), for the dashboard.

The store keeps each input as given (the HTML with its markup), its verdict and its
template cluster, so the networks are fingerprinted from the stored pages themselves
(``hoaxlens.networks.stored``): no second analysis and no crawl. Only HTML documents carry
fingerprints; the page says how many stored pages it read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select

from hoaxlens.networks.stored import MAX_PAGE, StoredStory, network_page, stored_network_records
from hoaxlens.service.models import DocumentRow
from hoaxlens.service.ui import _ctx, _page
from hoaxlens.types import MediaType, RawDocument

if TYPE_CHECKING:
    from hoaxlens.service.store import Store

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20  # networks a page shows
MAX_PAGES_READ = 20_000  # stored HTML pages fingerprinted for one view (newest first)


def stored_stories(store: Store, *, limit: int = MAX_PAGES_READ) -> tuple[list[StoredStory], int]:
    """The newest ``limit`` stored HTML pages as ``StoredStory``; and how many are stored."""
    sizes = (
        select(DocumentRow.cluster_id, func.count(DocumentRow.id))
        .where(DocumentRow.cluster_id.is_not(None))
        .group_by(DocumentRow.cluster_id)
    )
    pages = (
        select(
            DocumentRow.id,
            DocumentRow.doc_id,
            DocumentRow.source,
            DocumentRow.url,
            DocumentRow.title,
            DocumentRow.content,
            DocumentRow.label,
            DocumentRow.cluster_id,
        )
        .where(DocumentRow.media_type == MediaType.HTML.value)
        .order_by(DocumentRow.id.desc())
        .limit(limit)
    )
    total = select(func.count(DocumentRow.id)).where(DocumentRow.media_type == MediaType.HTML.value)
    with store.sessions() as session:
        size_of = {cluster: int(n) for cluster, n in session.execute(sizes)}
        rows = session.execute(pages).all()
        stored = session.scalar(total) or 0
    stories = [
        StoredStory(
            RawDocument(
                id=f"{row.id}:{row.doc_id}",
                content=row.content,
                media_type=MediaType.HTML,
                source=row.source,
                url=row.url,
                title=row.title,
            ),
            label=row.label,
            cluster_id=row.cluster_id,
            cluster_size=size_of.get(row.cluster_id, 1) if row.cluster_id else 1,
        )
        for row in reversed(rows)  # oldest first, as a crawl is read
    ]
    return stories, int(stored)


def networks_view(store: Store, *, offset: int = 0) -> dict[str, Any]:
    """What ``/networks`` shows: one page of networks and the counts behind it."""
    stories, stored = stored_stories(store)
    records = stored_network_records(stories)
    return network_page(records, offset=offset, limit=PAGE_SIZE) | {
        "read": len(stories),
        "stored": stored,
    }


@router.get("/networks", response_class=HTMLResponse)
def networks(
    request: Request,
    offset: Annotated[int, Query(ge=0, le=MAX_PAGES_READ * MAX_PAGE)] = 0,
) -> HTMLResponse:
    """Operator networks: sites linked by shared ad, analytics and verification ids."""
    view = networks_view(_ctx(request).store, offset=offset)
    more = offset + PAGE_SIZE < view["total"]
    return _page(
        request,
        "networks.html",
        view=view,
        next_offset=offset + PAGE_SIZE if more else None,
        prev_offset=max(0, offset - PAGE_SIZE) if offset else None,
    )
