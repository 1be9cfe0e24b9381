"""Landing pages found by URL: a crawl (WARC) or saved pages (HTML) to pair link posts with.

``PageStore`` indexes the pages under some paths by address (``url_key``): a WARC's HTML
responses by their target URI and, for hoaxlens's own fetches, the URL as it was asked for;
its fetch-error records too, so a post whose link could not be fetched gets that error; an
HTML file by the address it gives itself (``<link rel="canonical">``, ``og:url``). Only the
index is held in memory (where each page lies); a page is read again when a post asks for it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from hoaxlens.ingest.posts import PageLookup, url_key
from hoaxlens.types import Failure, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoaxlens.ingest.base import IngestConfig

logger = logging.getLogger(__name__)

_HEAD_BYTES = 256_000  # where a page states its own address
_CANONICAL = re.compile(
    rb"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>|"""
    rb"""<meta\b[^>]*\bproperty\s*=\s*["']?og:url["']?[^>]*>""",
    re.IGNORECASE,
)
_HREF = re.compile(rb"""\b(?:href|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def page_address(data: bytes) -> str | None:
    """The address an HTML page gives itself (canonical link, else ``og:url``).

    >>> page_address(b'<head><link rel="canonical" href="https://farm.example/a"></head>')
    'https://farm.example/a'
    """
    for tag in _CANONICAL.finditer(data[:_HEAD_BYTES]):
        match = _HREF.search(tag.group())
        if match:
            value = next(g for g in match.groups() if g is not None).decode("utf-8", "replace")
            if value.lower().startswith(("http://", "https://")):
                return value.strip()
    return None


class PageStore(PageLookup):
    """Pages under ``paths`` (WARC files, HTML files, folders of them), found by address."""

    def __init__(self, paths: Iterable[str | Path], config: IngestConfig) -> None:
        from hoaxlens.ingest.reader import iter_files

        self.config = config
        # url_key → (file, byte offset of its WARC record, or -1 for an HTML file),
        # or the fetch error recorded for it.
        self._where: dict[str, tuple[Path, int, str | None] | Failure] = {}
        for item in paths:
            path = Path(item)
            for file in iter_files(path) if path.is_dir() else [path]:
                self._index(file)
        logger.info("page store: %d addresses", len(self._where))

    def __len__(self) -> int:
        return len(self._where)

    def _put(self, url: str | None, value: tuple[Path, int, str | None] | Failure) -> None:
        if not url:
            return
        key = url_key(url)
        held = self._where.get(key)
        if held is None or (isinstance(held, Failure) and not isinstance(value, Failure)):
            self._where[key] = value  # the first page wins; a page wins over an error

    def _index(self, file: Path) -> None:
        from hoaxlens.ingest.reader import HTML_SUFFIXES, WARC_SUFFIXES, _kind
        from hoaxlens.ingest.warc import read_warc

        suffix, compressed = _kind(file)
        name = file.as_posix()
        if suffix in WARC_SUFFIXES:
            for item in read_warc(file, name=name, config=self.config):
                if isinstance(item, Failure):
                    if item.stage is Stage.FETCH:
                        self._put(item.url, item)
                    continue
                offset = int(item.source.rsplit("#", 1)[1])
                self._put(item.url, (file, offset, item.url))
                self._put(dict(item.meta).get("requested_url"), (file, offset, item.url))
        elif suffix in HTML_SUFFIXES and not compressed:
            try:
                with file.open("rb") as stream:
                    head = stream.read(_HEAD_BYTES)
            except OSError as exc:
                logger.warning("%s: cannot read (%s); not a page for link posts", name, exc)
                return
            address = page_address(head)
            if address is None:
                logger.info("%s: gives no address of its own; not a page for link posts", name)
            self._put(address, (file, -1, address))
        else:
            logger.info("%s: not a WARC or HTML file; not a page for link posts", name)

    def has_page(self, url: str) -> bool:
        """Whether a page (not a fetch error) is held for ``url``."""
        held = self._where.get(url_key(url))
        return held is not None and not isinstance(held, Failure)

    def find(self, url: str) -> RawDocument | Failure | None:
        """The page (or the fetch error) held for ``url``; ``None`` when there is none."""
        from hoaxlens.ingest.base import ingest_failure
        from hoaxlens.ingest.reader import _read_bytes, bytes_to_document
        from hoaxlens.ingest.warc import read_warc_at

        held = self._where.get(url_key(url))
        if held is None or isinstance(held, Failure):
            return held
        file, offset, address = held
        name = file.as_posix()
        if offset >= 0:
            return read_warc_at(file, offset, name=name, config=self.config)
        try:
            data = _read_bytes(file, False, self.config.max_bytes)
            page = bytes_to_document(data, name, name, is_html=True)
        except Exception as exc:  # the page's failure is the post's error row
            return ingest_failure(name, exc)
        return RawDocument(
            id=page.id, content=page.content, media_type=page.media_type, source=name, url=address
        )
