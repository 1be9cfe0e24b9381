"""Hostile pages are extracted in linear time, or refused with a typed error (issue 15)."""

from __future__ import annotations

import time

import pytest

from hoaxlens.extract import extract_article, limits
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.extract.dom import link_hrefs, link_texts, strip_tags
from hoaxlens.types import MediaType, RawDocument

STORY = "<h1>Star Stuns Fans With Surprise Return</h1>" + "".join(
    f"<p>Paragraph {i} of the story, long enough to be a paragraph of prose.</p>" for i in range(5)
)
SECONDS = 5.0  # each page below takes well under a second; 128k attributes took 269 s


def _extract(html: str, strategy: ExtractStrategy = ExtractStrategy.AUTO) -> str:
    raw = RawDocument(id="hostile", content=html, media_type=MediaType.HTML, source="t.html")
    started = time.perf_counter()
    body = extract_article(raw, strategy=strategy).body
    assert time.perf_counter() - started < SECONDS
    return body


@pytest.mark.parametrize("strategy", list(ExtractStrategy), ids=str)
def test_element_with_128k_attributes_is_still_extracted(strategy):
    flood = " ".join(f'data-x{i}="v"' for i in range(128_000))
    body = _extract(f"<html><body><div {flood}>{STORY}</div></body></html>", strategy)
    assert "Paragraph 4 of the story" in body


def test_attributes_past_the_cap_are_dropped_and_the_rest_kept():
    html = "<div " + " ".join(f"a{i}=v" for i in range(limits.MAX_ATTRIBUTES + 50)) + ">x</div>"
    capped = limits.cap_attributes(html)
    assert f"a{limits.MAX_ATTRIBUTES - 1}=v" in capped
    assert f"a{limits.MAX_ATTRIBUTES}=v" not in capped
    assert capped.endswith(">x</div>")


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param("<a>x" * 100_000, id="100k-unclosed-links"),
        pytest.param('<a href="' * 100_000, id="100k-unclosed-quotes"),
        pytest.param("<a " * 100_000, id="100k-unclosed-tags"),
        pytest.param("<" * 400_000, id="400k-lone-brackets"),
    ],
)
def test_link_scans_are_linear(junk):
    page = f"<html><body>{STORY}{junk}</body></html>"
    started = time.process_time()  # CPU time: a busy machine's waits don't count
    link_hrefs(page)
    link_texts(page)
    strip_tags(page)
    assert time.process_time() - started < SECONDS / 2  # ~0.1 s; quadratic took minutes
