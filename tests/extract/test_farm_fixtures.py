"""Farm theme fixtures (tests/fixtures/farm): story kept, furniture gone, metadata read.

Each page imitates a WordPress theme seen on content farms; ``manifest.json`` lists what
must come out, ``NAME.expected.txt`` the story paragraphs one per line.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import MediaType, RawDocument

FARM_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "farm"
MANIFEST = json.loads((FARM_DIR / "manifest.json").read_text(encoding="utf-8"))
PAGES = {page["file"].removesuffix(".html"): page for page in MANIFEST["pages"]}
MIN_RECALL = 0.95
STRATEGIES = [ExtractStrategy.AUTO, ExtractStrategy.FAST, ExtractStrategy.TRAFILATURA]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def leaked(body: str, snippet: str) -> bool:
    """A long snippet anywhere in the body; a short one as a whole line (words only)."""
    if len(snippet) >= 25:
        return _squash(snippet) in _squash(body)
    return any(_words(line) == _words(snippet) for line in body.splitlines())


def _extract(name: str, strategy: ExtractStrategy = ExtractStrategy.AUTO):
    html = (FARM_DIR / f"{name}.html").read_text(encoding="utf-8")
    raw = RawDocument(id=name, content=html, media_type=MediaType.HTML, source=name)
    return extract_article(raw, strategy=strategy)


def _paragraphs(name: str) -> list[str]:
    text = (FARM_DIR / f"{name}.expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module", params=sorted(PAGES))
def page(request):
    return request.param


@pytest.mark.parametrize("strategy", STRATEGIES, ids=str)
def test_fixture_keeps_story_paragraphs(page, strategy):
    article = _extract(page, strategy)
    lines = {_squash(line) for line in article.body.splitlines()}
    expected = _paragraphs(page)
    kept = [p for p in expected if _squash(p) in lines]
    assert len(kept) >= MIN_RECALL * len(expected), set(expected) - set(kept)


@pytest.mark.parametrize("strategy", STRATEGIES, ids=str)
def test_fixture_leaves_no_furniture(page, strategy):
    body = _extract(page, strategy).body
    assert [s for s in PAGES[page]["leaks"] if leaked(body, s)] == []


@pytest.mark.parametrize("strategy", [ExtractStrategy.AUTO, ExtractStrategy.FAST], ids=str)
def test_fixture_fast_path_keeps_one_line_paragraphs_as_lines(page, strategy):
    lines = [_squash(line) for line in _extract(page, strategy).body.splitlines()]
    expected = [_squash(p) for p in _paragraphs(page)]
    assert [line for line in lines if line in expected] == expected  # order kept too


def test_fixture_is_handled_by_the_fast_path(page):
    article = _extract(page)
    assert (article.extractor, article.fallback_reason) == ("resiliparse", None)


def test_fixture_reports_removed_kinds(page):
    assert list(_extract(page).removed) == PAGES[page]["removed"]


def test_fixture_title_is_the_story_headline(page):
    article = _extract(page)
    assert article.title == PAGES[page]["title"]
    assert article.body.splitlines()[0] == PAGES[page]["title"]  # the h1 line is kept


def test_fixture_metadata(page):
    article = _extract(page)
    want = PAGES[page]
    assert article.domain == want["domain"]
    assert article.site == want["domain"]
    assert article.canonical_url == want["canonical_url"]
    assert article.url == want["canonical_url"]  # no URL given: the page's own address
    assert article.published == date.fromisoformat(want["published"])
    assert article.byline == want["byline"]
    assert dict(article.og) | want["og"] == dict(article.og)
    assert all(key.startswith("og:") for key, _ in article.og)
    assert list(article.site_links) == want["site_links"]


def test_fixture_second_article_is_removed_but_first_story_whole(page):
    article = _extract(page)
    has_second = PAGES[page]["second_article"]
    assert ("second-article" in article.removed) is has_second
    paragraphs = _paragraphs(page)
    assert _squash(paragraphs[-1]) in {_squash(line) for line in article.body.splitlines()}


def test_fixture_url_given_wins_over_canonical():
    html = (FARM_DIR / "jnews.html").read_text(encoding="utf-8")
    url = "https://mirror.example/copied/benny-marsh-story"
    raw = RawDocument(id="m", content=html, media_type=MediaType.HTML, source="m", url=url)
    article = extract_article(raw)
    assert (article.url, article.domain, article.site_links) == (url, "mirror.example", ())
    assert article.canonical_url == PAGES["jnews"]["canonical_url"]


def test_fixture_obfuscated_markers_are_found():
    article = _extract("zoxpress_obfuscated")
    assert "\u043f" in article.body  # the story stays as written (normalize runs later)
    assert not any(leaked(article.body, s) for s in ("E\u043fd of co\u043fte\u043ft", "Load more"))


def test_fixture_pages_become_verdicts(analyzer):
    for name in PAGES:
        html = (FARM_DIR / f"{name}.html").read_text(encoding="utf-8")
        raw = RawDocument(id=name, content=html, media_type=MediaType.HTML, source=name)
        verdict = analyzer.analyze(raw)
        assert verdict.document.removed == _extract(name).removed
        assert "No more pages to load" not in verdict.document.text


def test_page_metadata_reaches_the_output_record(analyzer):
    from hoaxlens import to_record

    html = (FARM_DIR / "jnews.html").read_text(encoding="utf-8")
    raw = RawDocument(id="j", content=html, media_type=MediaType.HTML, source="j")
    record = to_record(analyzer.analyze(raw))
    assert record["page"]["domain"] == PAGES["jnews"]["domain"]
    assert record["page"]["site_links"] == PAGES["jnews"]["site_links"]
