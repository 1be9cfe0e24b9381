"""Extract: story body and title, with content-farm rails and scroll markers removed."""

from __future__ import annotations

import pytest

from hoaxlens import Failure
from hoaxlens.errors import ExtractError
from hoaxlens.extract import extract_article, strip_farm_furniture
from hoaxlens.types import MediaType, RawDocument, Stage

STORY = (
    "A long opening paragraph that tells most of the story in plenty of words, on and on.\n"
    "A second paragraph with even more detail about what happened that night at the show.\n"
)


def _raw(content: str, media_type: MediaType = MediaType.TEXT, title: str | None = None):
    return RawDocument(id="doc", content=content, media_type=media_type, source="t", title=title)


@pytest.mark.parametrize(
    ("text", "removed", "gone"),
    [
        pytest.param(
            STORY + "End of content\nNo more pages to load",
            ("scroll-marker",),
            ["End of content", "No more pages to load"],
            id="scroll-markers-at-the-end",
        ),
        pytest.param(
            STORY + "E\u043fd of co\u043fte\u043ft",
            ("scroll-marker",),
            ["co\u043fte\u043ft"],
            id="obfuscated-scroll-marker",
        ),
        pytest.param(
            STORY + "News\nSinger stuns fans with a surprise\nActor shares a secret he kept\n",
            ("teaser-rail",),
            ["News", "Singer stuns fans", "Actor shares"],
            id="news-teaser-rail",
        ),
        pytest.param(
            STORY + "You may also like:\nA star falls…\nA host cries…\nLoad more stories",
            ("scroll-marker", "teaser-rail"),
            ["You may also like", "A star falls", "Load more"],
            id="rail-and-marker",
        ),
    ],
)
def test_farm_furniture_is_removed(text, removed, gone):
    cleaned = strip_farm_furniture(text)
    assert cleaned.removed == removed
    assert cleaned.text == STORY.rstrip("\n")
    for snippet in gone:
        assert snippet not in cleaned.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "News\nSinger stuns fans with a surprise\nActor shares a secret\n" + STORY,
            id="rail-heading-in-first-half",
        ),
        pytest.param(STORY + "Related\nOnly one teaser here…", id="rail-with-one-teaser"),
        pytest.param(STORY, id="plain-story"),
        pytest.param(
            STORY + "News\n" + " ".join(["word"] * 40) + "\n" + " ".join(["more"] * 40),
            id="heading-followed-by-long-paragraphs",
        ),
    ],
)
def test_farm_furniture_guard_keeps_story_text(text):
    cleaned = strip_farm_furniture(text)
    assert cleaned.removed == ()
    assert cleaned.text == text


@pytest.mark.parametrize(
    ("content", "title", "expected_title"),
    [
        pytest.param("Star Stuns Crowd\n" + STORY, None, "Star Stuns Crowd", id="first-line"),
        pytest.param("Star Stuns Crowd\n" + STORY, "Given Title", "Given Title", id="given"),
        pytest.param("x" * 250 + "\n" + STORY, None, "", id="first-line-too-long"),
    ],
)
def test_extract_text_title(content, title, expected_title):
    article = extract_article(_raw(content, title=title))
    assert article.title == expected_title
    assert STORY.strip() in article.body


@pytest.mark.parametrize(
    ("content", "media_type", "error_type"),
    [
        pytest.param("   \n\t", MediaType.TEXT, "empty_document", id="blank-text"),
        pytest.param(
            "End of content\nNo more pages to load\n",
            MediaType.TEXT,
            "empty_document",
            id="only-scroll-markers",
        ),
        pytest.param("<html></html>", MediaType.HTML, "no_story", id="empty-html"),
    ],
)
def test_extract_without_story_raises(content, media_type, error_type):
    with pytest.raises(ExtractError) as info:
        extract_article(_raw(content, media_type))
    assert info.value.error_type == error_type


@pytest.mark.parametrize(
    ("content", "error_type"),
    [pytest.param("<html><head></head><body></body></html>", "no_story", id="html-body-empty")],
)
def test_extract_failure_becomes_error_row_at_extract_stage(analyzer, content, error_type):
    raw = RawDocument(
        id="p9",
        content=content,
        media_type=MediaType.HTML,
        source="x.jsonl#L9",
        url="https://x.example/p9",
        meta=(("shares", "4"),),
    )
    failure = analyzer.analyze_one(raw)
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error_type) == (Stage.EXTRACT, error_type)
    assert (failure.doc_id, failure.source, failure.url, failure.meta) == (
        raw.id,
        raw.source,
        raw.url,
        raw.meta,
    )


@pytest.mark.parametrize(
    ("name", "title", "kept", "gone"),
    [
        pytest.param(
            "02_farm_page.html",
            "Legendary Coach Rick Alvarez Collapses On Live TV",
            ["Then it happened.", "quietly paid the college fees"],
            ["Famous Singer Stops Concert", "End of content", "No more pages", "Copyright"],
            id="farm-page",
        ),
    ],
)
def test_extract_html_page_keeps_story_drops_rail(mixed_dir, name, title, kept, gone):
    html = (mixed_dir / name).read_text(encoding="utf-8")
    article = extract_article(_raw(html, MediaType.HTML))
    assert article.title.startswith(title)
    for snippet in kept:
        assert snippet in article.body
    for snippet in gone:
        assert snippet not in article.body
    assert set(article.removed) == {"scroll-marker", "teaser-rail"}
