"""Pages laid out differently from the fixtures (scripts/make_farm_layouts.py, fixed seed).

Random class names or none, div soup or semantic tags, paragraphs as <p>, <br> runs,
<div> lines or <p><span>, rails with and without headings, inside or outside the story
wrapper, homoglyph obfuscation, appended second stories: the extractor must keep the
story and drop the furniture without having seen the layout before.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import MediaType, RawDocument
from loadscript import load_script

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_farm_layouts.py"
SEED = 5  # the benchmark uses other seeds (bench/extract.py)
COUNT = 40
MIN_RECALL = 0.95


def _load_generator():
    return load_script(SCRIPT)


GENERATOR = _load_generator()
LAYOUTS = GENERATOR.make_layouts(SEED, COUNT)


def _extract(layout, strategy=ExtractStrategy.AUTO):
    raw = RawDocument(
        id=layout.name,
        content=layout.html,
        media_type=MediaType.HTML,
        source="generated",
        url=layout.url,
    )
    return extract_article(raw, strategy=strategy)


@pytest.fixture(scope="module", params=LAYOUTS, ids=lambda layout: layout.name)
def layout(request):
    return request.param


@pytest.mark.parametrize("strategy", [ExtractStrategy.AUTO, ExtractStrategy.FAST], ids=str)
def test_layout_story_kept_and_furniture_gone(layout, strategy):
    article = _extract(layout, strategy)
    lines = {GENERATOR.squash(line) for line in article.body.splitlines()}
    kept = [p for p in layout.paragraphs if GENERATOR.squash(p) in lines]
    assert len(kept) >= MIN_RECALL * len(layout.paragraphs), layout.features
    assert [s for s in layout.leaks if GENERATOR.leaked(article.body, s)] == [], layout.features


def test_layout_metadata(layout):
    article = _extract(layout)
    assert article.domain == layout.domain
    assert GENERATOR.squash(article.title) == GENERATOR.squash(layout.title)
    published = date.fromisoformat(layout.published) if layout.published else None
    assert (article.published, article.byline) == (published, layout.byline)
    assert sorted(article.site_links) == layout.site_links


def test_layout_second_article_is_reported(layout):
    article = _extract(layout)
    assert ("second-article" in article.removed) is layout.features["second_article"]


def test_layouts_are_deterministic_and_varied():
    again = GENERATOR.make_layouts(SEED, COUNT)
    assert [x.html for x in again] == [x.html for x in LAYOUTS]
    seen = Counter(
        (key, value) for x in LAYOUTS for key, value in x.features.items() if key != "date_in"
    )
    for feature in ("soup", "semantic", "obfuscated", "second_article", "rail_inside"):
        assert seen[(feature, True)], feature
        assert seen[(feature, False)], feature
    assert {mode for (key, mode) in seen if key == "paragraphs"} == {
        "p",
        "br",
        "div",
        "span",
        "mixed",
    }
