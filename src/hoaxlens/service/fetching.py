"""``POST /v1/analyze {"url": …}`` and the UI's URL field: fetch one page, keep the evidence.

The page is fetched through the SSRF guard (private, loopback, link-local and other
non-public addresses are refused unless ``ServiceSettings.fetch_allow`` opens a range; the
host is resolved once and the connection goes to the checked address), written to a WARC
in ``warc_dir`` (one file a day, appended to), and read back with the WARC reader, so the
record is the one ``hoaxlens scan`` gives on that file.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hoaxlens.fetch import FetchConfig, fetch_to_warc
from hoaxlens.ingest.warc import read_warc
from hoaxlens.types import Failure, RawDocument, Stage

if TYPE_CHECKING:
    from hoaxlens.service.settings import ServiceSettings

_APPEND = threading.Lock()


def fetch_config(settings: ServiceSettings) -> FetchConfig:
    """The fetcher's settings for one request: short waits, the service's allowed ranges."""
    return FetchConfig(
        allowed_networks=settings.fetch_allow,
        max_bytes=settings.analyzer.ingest.max_bytes,
        connect_timeout=10.0,
        read_timeout=10.0,
        total_timeout=30.0,
        retries=1,
        backoff=0.5,
        max_retry_after=5.0,
        per_host_interval=0.0,
    )


def fetch_document(url: str, settings: ServiceSettings) -> RawDocument | Failure:
    """Fetch ``url`` (robots.txt and the SSRF guard apply) into the day's WARC; read it back.

    Returns:
        The page as a document, or the error row saying why there is none.
    """
    warc_dir = settings.warc_dir
    with tempfile.TemporaryDirectory(prefix="hoaxlens-fetch-") as tmp:
        part = Path(tmp) / "one.warc.gz"
        fetch_to_warc([url], part, fetch_config(settings))
        items = list(read_warc(part, name="fetch", config=settings.analyzer.ingest))
        day = datetime.now(UTC).strftime("%Y%m%d")
        warc_dir.mkdir(parents=True, exist_ok=True)
        with (
            _APPEND,
            part.open("rb") as source,
            (warc_dir / f"hoaxlens-{day}.warc.gz").open("ab") as target,
        ):
            shutil.copyfileobj(source, target)
    if len(items) != 1:  # cannot happen: the fetcher writes one outcome per URL
        return Failure(url, "fetch", Stage.FETCH, "fetch_error", f"{url}: no page", url=url)
    return items[0]


def follow_link_post(raw: RawDocument, settings: ServiceSettings) -> RawDocument | Failure:
    """A link post paired with its landing page, fetched as ``fetch_document`` fetches.

    What ``hoaxlens scan --follow-links`` does for one pasted post: a text that is a link
    post (a link, or a short teaser and a link; its ``url`` counts as its link) becomes
    its page carrying the post, judged on the teaser and the page's story together. A text
    that is not a link post is returned as it is; a page that cannot be fetched (robots.txt,
    the SSRF guard, an HTTP error) gives the error row that keeps the post.
    """
    from hoaxlens.ingest.posts import clean_link, link_post, paired, unpaired

    post = link_post(raw)
    if post is None:
        return raw
    link = clean_link(post.link)
    if not link.lower().startswith(("http://", "https://")):
        return unpaired(raw, post, Failure(link, "api", Stage.FETCH, "bad_url", "not http(s)"))
    page = fetch_document(link, settings)
    if isinstance(page, Failure):
        return unpaired(raw, post, page)
    return paired(raw, post, page)
