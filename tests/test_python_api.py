"""The one-call Python API: ``from hoaxlens import analyze, normalize_text``."""

from __future__ import annotations

import json

import pytest

from hoaxlens import Verdict, analyze, normalize_text, to_record, undo
from hoaxlens.errors import ExtractError, HoaxlensError
from hoaxlens.types import Label, MediaType

PE, UPSILON = "\u043f", "\u03c5"


@pytest.mark.parametrize(
    ("story", "label"),
    [
        pytest.param("fabricated", Label.FABRICATED, id="fabricated-story"),
        pytest.param("genuine", Label.GENUINE, id="genuine-report"),
    ],
)
def test_api_analyze_text_returns_verdict(fabricated_text, genuine_text, story, label):
    text = {"fabricated": fabricated_text, "genuine": genuine_text}[story]
    verdict = analyze(text=text, url="https://x.example/a", id="a1")
    assert isinstance(verdict, Verdict)
    assert verdict.label is label
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.doc_id == "a1"
    assert verdict.document.raw.media_type is MediaType.TEXT
    record = to_record(verdict)
    assert (record["id"], record["url"], record["source"]) == ("a1", "https://x.example/a", "api")
    assert record["title"] == text.splitlines()[0]


@pytest.mark.parametrize(
    "title", [pytest.param("A Headline Given Separately", id="explicit-title")]
)
def test_api_analyze_title_argument_wins(fabricated_text, title):
    assert analyze(fabricated_text, title=title).document.title == title


@pytest.mark.parametrize(
    ("name", "label", "title"),
    [
        pytest.param(
            "02_farm_page.html",
            Label.FABRICATED,
            "Legendary Coach Rick Alvarez Collapses On Live TV",
            id="farm-page",
        ),
    ],
)
def test_api_analyze_html_returns_verdict(mixed_dir, name, label, title):
    html = (mixed_dir / name).read_text(encoding="utf-8")
    verdict = analyze(html=html)
    assert isinstance(verdict, Verdict)
    assert verdict.document.raw.media_type is MediaType.HTML
    assert verdict.label is label
    assert verdict.document.title.startswith(title)
    assert "End of content" not in verdict.document.text


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({}, id="neither"),
        pytest.param({"text": "a story", "html": "<p>a story</p>"}, id="both"),
        pytest.param({"text": None, "html": None}, id="both-none"),
    ],
)
def test_api_analyze_needs_exactly_one_input(kwargs):
    with pytest.raises(ValueError, match="exactly one of text= or html="):
        analyze(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error_type"),
    [
        pytest.param({"text": ""}, "empty_document", id="empty-text"),
        pytest.param({"text": "   \n"}, "empty_document", id="blank-text"),
        pytest.param({"html": "<html></html>"}, "no_story", id="html-without-story"),
    ],
)
def test_api_analyze_raises_when_no_story(kwargs, error_type):
    with pytest.raises(ExtractError) as info:
        analyze(**kwargs)
    assert isinstance(info.value, HoaxlensError)
    assert info.value.error_type == error_type


@pytest.mark.parametrize(
    ("text", "expected", "originals"),
    [
        pytest.param(
            f"O{PE}e Step for Yo{UPSILON}", "One Step for You", [PE, UPSILON], id="pe-and-upsilon"
        ),
        pytest.param("plain ascii text", "plain ascii text", [], id="ascii-unchanged"),
        pytest.param(
            "\u0414\u043e\u043c \u0438 \u03b1\u03b2\u03b3",
            "\u0414\u043e\u043c \u0438 \u03b1\u03b2\u03b3",
            [],
            id="genuine-cyrillic-and-greek-unchanged",
        ),
    ],
)
def test_api_normalize_text(text, expected, originals):
    result = normalize_text(text)
    assert result.text == expected
    assert [r.original for r in result.replacements] == originals
    assert undo(result.text, result.replacements) == text


@pytest.mark.parametrize(
    "text", [pytest.param(f"Da{PE}iel sa{PE}g o{PE}e fi{PE}al time", id="obfuscated")]
)
def test_api_analyze_reports_obfuscation(text):
    verdict = analyze(text=text)
    record = to_record(verdict)
    assert record["text"] == "Daniel sang one final time"
    assert record["obfuscation"]["count"] == 4
    (homoglyphs,) = [s for s in record["signals"] if s["id"] == "homoglyphs.v1"]
    assert homoglyphs["score"] == 1.0


def test_api_analyze_replaces_a_lone_surrogate_as_the_scan_does():
    # a Python string may hold one ("\ud800"); the stages encode text as UTF-8 and raised
    # UnicodeEncodeError (review); ingest replaces it by U+FFFD and counts it in meta
    text = "Le chanteur a dit qu'il était avec sa famille et ses amis \ud800 à Paris hier soir."
    verdict = analyze(text, title="Un titre \udc80")
    record = to_record(verdict)
    assert "\ufffd à Paris" in record["text"]
    assert "\ud800" not in json.dumps(record, ensure_ascii=False)
