"""Extraction helpers for the tests: any page as HTML, and a one-post page (a headline, then
the given markup in its <article>) for furniture tests."""

from __future__ import annotations

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import Article, MediaType, RawDocument

TITLE = "Harbour Council Approves The New Ferry Timetable"


def story_lines(count: int) -> list[str]:
    """``count`` distinct sentences of a made-up council story."""
    return [
        f"Section {i} of the plan says the ferries will run every twenty minutes from March."
        for i in range(count)
    ]


def post_body(inner: str) -> str:
    """The fast path's body of a page whose ``<article>`` holds the headline and ``inner``."""
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body>"
        f"<article class='post'><h1>{TITLE}</h1>{inner}</article></body></html>"
    )
    return extract_html(html, ExtractStrategy.FAST).body


def extract_html(html: str, strategy: ExtractStrategy = ExtractStrategy.AUTO) -> Article:
    """``extract_article`` on ``html`` as one HTML document, by ``strategy``."""
    raw = RawDocument(id="p", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=strategy)
