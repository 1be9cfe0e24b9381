"""Pathological HTML is refused with a typed error, fast: never a hang or a crash."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoaxlens import Failure
from hoaxlens.errors import ExtractError
from hoaxlens.extract import extract_article, limits
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import MediaType, RawDocument, Stage

STORY = "<h1>Star Stuns Fans With Surprise Return</h1>" + "".join(
    f"<p>Paragraph {i} of the story, long enough to be a paragraph of prose.</p>" for i in range(5)
)
MAX_SECONDS = 5.0  # the refusals below take milliseconds; this only catches a hang


def _raw(html: str) -> RawDocument:
    return RawDocument(id="deep", content=html, media_type=MediaType.HTML, source="t.html")


def _nested(tag: str, depth: int) -> str:
    return f"<html><body>{f'<{tag}>' * depth}{STORY}{f'</{tag}>' * depth}</body></html>"


@pytest.mark.parametrize(
    ("html", "error_type"),
    [
        pytest.param(_nested("div", 100_000), "too_deep", id="100k-nested-divs"),
        pytest.param(_nested("span", 100_000), "too_deep", id="100k-nested-spans"),
        pytest.param(_nested("blockquote", 5_000), "too_deep", id="5k-nested-quotes"),
        pytest.param(
            "<html><body>" + "<div>" * 100_000 + STORY + "</body></html>",
            "too_deep",
            id="100k-unclosed-divs",
        ),
        pytest.param(
            "<html><body>" + "<b>x</b>" * 130_000 + STORY + "</body></html>",
            "too_complex",
            id="tag-bomb",
        ),
    ],
)
@pytest.mark.parametrize("strategy", list(ExtractStrategy), ids=str)
def test_pathological_html_is_refused_quickly(html, error_type, strategy):
    started = time.perf_counter()
    with pytest.raises(ExtractError) as info:
        extract_article(_raw(html), strategy=strategy)
    assert info.value.error_type == error_type
    assert time.perf_counter() - started < MAX_SECONDS


def test_oversized_page_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_HTML_CHARS", 1_000)
    with pytest.raises(ExtractError) as info:
        extract_article(_raw("<html><body>" + "x" * 2_000 + "</body></html>"))
    assert info.value.error_type == "too_complex"


def test_deep_but_allowed_page_is_extracted():
    article = extract_article(_raw(_nested("div", limits.MAX_DEPTH - 20)))
    assert "Paragraph 4 of the story" in article.body


def test_flat_repeats_are_not_estimated_deep():
    # <p> never nest (each closes the last) and <img>/<br> are void.
    html = "<html><body>" + "<p>x<br><img src=a.png>" * 600 + STORY + "</body></html>"
    assert limits.check_markup(html) is False
    assert "Paragraph 0" in extract_article(_raw(html)).body


def test_overestimated_depth_is_confirmed_on_the_tree():
    # 600 unclosed <a>: the estimate counts 600 levels, the parser closes each <a> at the
    # next one, so the tree is flat and the page is extracted.
    html = "<html><body>" + "<a href='/x'>link " * 600 + "</a>" + STORY + "</body></html>"
    assert limits.check_markup(html) is True
    assert "Paragraph 0" in extract_article(_raw(html)).body


def test_too_deep_page_becomes_a_failure_row(analyzer):
    row = analyzer.analyze_one(_raw(_nested("div", 100_000)))
    assert isinstance(row, Failure)
    assert (row.stage, row.error_type, row.source) == (Stage.EXTRACT, "too_deep", "t.html")


_FRAGMENTS = [
    "<div>", "</div>", "<p>", "</p>", "<br>", "<h1>", "</h1>", "<h2>", "<a href='/a-b-c'>", "</a>",
    "<article>", "</article>", "<ul><li>", "<!--", "-->", "<script>", "</script>", "&amp;",
    "<div class='related share comment'>", "<span>", "Star Stuns Fans With Surprise Return",
    "It was supposed to be an ordinary night.", "End of content", "\u043f", "\u2026", " ", "\n",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=80))
def test_any_markup_gives_an_article_or_an_extract_error(parts):
    for strategy in ExtractStrategy:
        try:
            article = extract_article(_raw("".join(parts)), strategy=strategy)
        except ExtractError:
            continue
        assert article.body.strip()


def test_a_page_of_made_up_tag_names_leaves_no_memo_behind():
    # The depth estimate remembers each tag name's step from page to page, bounded: a hostile
    # page of invented names must not stay in a worker's memory until the next page comes.
    page = "".join(f"<x{i:05x}>" for i in range(limits.MAX_KNOWN_TAG_NAMES * 3))
    assert limits.check_markup(page)  # estimated too deep: the parsed tree will tell
    assert len(limits._STEPS) <= limits.MAX_KNOWN_TAG_NAMES
    assert limits.check_markup("<div>" * 600)  # and the estimate still works afterwards


def test_a_page_too_short_to_be_deep_is_never_too_complex():
    # ``check_markup`` skips its estimate for a short page of at most MAX_DEPTH tags: sound
    # only while such a page cannot hold too many tags either.
    assert limits.MAX_TAGS >= limits.MAX_DEPTH
    html = f"<html><body>{'<div>' * (limits.MAX_DEPTH - 3)}x</body></html>"
    assert not limits.check_markup(html)
