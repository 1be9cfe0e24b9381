"""Farm pages built independently of the extractor's own layouts (``theme_pages``).

Elementor, tagDiv cloud (tdb), AMP reader mode, Blogger and an infinite-scroll page with
its next stories in a JSON ``<script>``: the story must survive (95% of its paragraphs on
every page) and no teaser, marker, share, cookie, comment or footer text may be left.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from theme_pages import THEMES, make_theme_pages  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract import extract_article
from hoaxlens.types import MediaType, RawDocument
from loadscript import load_script

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_farm_layouts.py"
SEED = 5  # bench/extract.py measures other seeds
PAGES = make_theme_pages(SEED, 4 * len(THEMES))
MIN_RECALL = 0.95


def _scorer():
    """The leak criterion shared with the other farm layouts and the benchmark."""
    return load_script(SCRIPT)


SCORER = _scorer()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_theme_page_keeps_story_and_drops_furniture(page):
    raw = RawDocument(
        id=page.name, content=page.html, media_type=MediaType.HTML, source="t", url=page.url
    )
    article = extract_article(raw)
    lines = {SCORER.squash(line) for line in article.body.splitlines()}
    missing = [p for p in page.paragraphs if SCORER.squash(p) not in lines]
    assert len(missing) <= (1 - MIN_RECALL) * len(page.paragraphs), missing
    assert [s for s in page.leaks if SCORER.leaked(article.body, s)] == []
    assert "Stopped The Show For One Little Girl" in article.title


def test_theme_pages_cover_every_theme():
    assert {p.name.split("-")[0] for p in PAGES} == set(THEMES)


@pytest.mark.parametrize(
    "page", [p for p in PAGES if p.name.startswith(("blogger", "tdb"))], ids=lambda p: p.name
)
def test_theme_page_byline_is_read_from_the_theme_markup(page):
    raw = RawDocument(id=page.name, content=page.html, media_type=MediaType.HTML, source="t")
    byline = extract_article(raw).byline
    assert byline is not None
    assert byline in page.html
    assert byline.split()[0] not in page.paragraphs[0]  # the author, not the story's star
