"""The scope gate: out-of-scope inputs get a reason, short English headlines never do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoaxlens.scope import SUPPORTED_LANGUAGES, Scope, assess_scope, describe_language
from hoaxlens.scope.clean import clean_text
from hoaxlens.scope.language import detector_languages, get_detector
from hoaxlens.types import AbstainReason

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scope"
STORIES = Path(__file__).parents[3] / "shared" / "data" / "viral_stories" / "stories.jsonl"


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


OUT_OF_SCOPE = _rows("out_of_scope.jsonl")
IN_SCOPE = _rows("in_scope.jsonl")


@pytest.fixture(scope="session", autouse=True)
def _detector() -> None:
    """Load the language models once for the whole session."""
    get_detector().compute_language_confidence_values("load the models once")


@pytest.mark.parametrize("row", OUT_OF_SCOPE, ids=[r["id"] for r in OUT_OF_SCOPE])
def test_assess_scope_flags_out_of_scope_fixture(row: dict[str, str]) -> None:
    scope = assess_scope(row["text"])
    if row["kind"] == "language":
        assert scope.reason is AbstainReason.UNSUPPORTED_LANGUAGE, scope
        assert scope.lang not in SUPPORTED_LANGUAGES
    else:
        assert scope.reason is AbstainReason.NO_STORY_TEXT, scope


@pytest.mark.parametrize("row", IN_SCOPE, ids=[r["id"] for r in IN_SCOPE])
def test_assess_scope_keeps_short_english(row: dict[str, str]) -> None:
    scope = assess_scope(row["text"])
    assert scope.reason is None, scope
    assert scope.lang in (*SUPPORTED_LANGUAGES, None)


@pytest.mark.parametrize(
    ("text", "title", "reason", "detail"),
    [
        pytest.param("", "", AbstainReason.NO_STORY_TEXT, "empty text", id="empty"),
        pytest.param("😭😭😭 💔💔 🙏", "", AbstainReason.NO_STORY_TEXT, "no letters", id="emoji"),
        pytest.param("!!! ??? ... 2024", "", AbstainReason.NO_STORY_TEXT, "no letters", id="punct"),
        pytest.param("https://bit.ly/3x", "", AbstainReason.NO_STORY_TEXT, "1 link", id="link"),
        pytest.param("<div></div>", "", AbstainReason.NO_STORY_TEXT, "markup", id="markup"),
        pytest.param("OMG 😭😭", "", AbstainReason.TOO_SHORT, "1 word", id="omg"),
        pytest.param("Beyoncé", "", AbstainReason.TOO_SHORT, "1 word", id="one-name"),
        pytest.param("Taylor Swift", "", AbstainReason.TOO_SHORT, "2 words", id="two-names"),
        pytest.param("so sad", "", AbstainReason.TOO_SHORT, "2 words", id="so-sad"),
        pytest.param("muy triste", "Murió hace 5 minutos la querida actriz de la televisión",
                     AbstainReason.TOO_SHORT, "2 words", id="short-body-spanish-title"),
    ],
)  # fmt: skip
def test_assess_scope_short_inputs(
    text: str, title: str, reason: AbstainReason, detail: str
) -> None:
    scope = assess_scope(text, title)
    assert scope.reason is reason
    assert detail in scope.detail
    assert "\n" not in scope.detail


@pytest.mark.parametrize(
    ("text", "title", "lang"),
    [
        pytest.param("Ver más 👇", "El cantante detuvo el concierto por una niña que lloraba",
                     "es", id="spanish-title-names-short-body"),
        pytest.param("See more 👇", "Shakira stops her show for a crying girl in the front row",
                     "en", id="english-title"),
    ],
)  # fmt: skip
def test_assess_scope_judges_language_on_title_when_body_short(
    text: str, title: str, lang: str
) -> None:
    assert assess_scope(text, title).lang == lang


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(
            "La cantante se detuvo en mitad del concierto. " * 3,
            AbstainReason.UNSUPPORTED_LANGUAGE,
            id="spanish",
        ),
        pytest.param(
            "She stopped the concert for a little girl holding a sign. " * 3, None, id="english"
        ),
        pytest.param(
            "O\u043fe Step for Yo\u03c5: she stopped the concert and everyone cried.",
            None,
            id="unfolded-lookalikes-still-english",
        ),
        pytest.param(
            "OMG THE WHOLE STADIUM WENT SILENT WHEN SHE WALKED BACK ON STAGE 😭😭",
            None,
            id="all-caps",
        ),
    ],
)
def test_assess_scope_language(text: str, reason: AbstainReason | None) -> None:
    scope = assess_scope(text)
    assert isinstance(scope, Scope)
    assert scope.reason is reason
    assert 0.0 <= scope.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "words", "links", "markup"),
    [
        pytest.param("So sad https://bit.ly/x <br>", 2, 1, 1, id="link-and-tag"),
        pytest.param("body{margin:0}.a{color:#fff}", 0, 0, 2, id="css"),
        pytest.param("var a = 1; gtag('js');", 0, 0, 2, id="js"),
        pytest.param("Read it at Amazon.com today", 4, 1, 0, id="bare-host"),
        pytest.param("Kelly's show: 20,000 fans in tears", 5, 0, 0, id="prose"),
    ],
)
def test_clean_text_counts(text: str, words: int, links: int, markup: int) -> None:
    clean = clean_text(text)
    assert (clean.words, clean.links, clean.markup) == (words, links, markup)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        pytest.param("es", "Spanish", id="es"),
        pytest.param("vi", "Vietnamese", id="vi"),
        pytest.param("tl", "Tagalog", id="tl"),
        pytest.param(None, "unknown language", id="none"),
        pytest.param("xx", "xx", id="unknown-code"),
    ],
)
def test_describe_language(code: str | None, name: str) -> None:
    assert describe_language(code) == name


def test_describe_language_covers_every_detector_language() -> None:
    returned = detector_languages()
    assert len(returned) >= 40
    assert {code for code in returned if describe_language(code) == code} == set()


@pytest.mark.shared
def test_assess_scope_never_calls_viral_stories_foreign() -> None:
    if not STORIES.exists():
        pytest.skip(f"{STORIES} is absent (../shared is not checked out here)")
    with STORIES.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    wrong = [
        (r["id"], part)
        for r in rows
        for part, text in (("text", r["text"]), ("title", r["title"]))
        if assess_scope(text).reason is AbstainReason.UNSUPPORTED_LANGUAGE
    ]
    assert not wrong
