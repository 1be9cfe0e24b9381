"""Golden cases and unit tests for the de-obfuscation normalizer.

The cases are data (``tests/cases/normalize/*.json``, ftfy style):

* ``obfuscated.json``: disguised English that must come back as ``expected``;
* ``negative.json``: genuine text (Cyrillic, Greek, CJK, accents, IPA, math, emoji) that must
  come back byte for byte, with no replacement recorded;
* ``known_failures.json``: what the normalizer gets wrong today, run as strict xfail so that
  a fix shows up as an unexpected pass and the case moves to one of the other files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hoaxlens.normalize import DEFAULT_NORMALIZE_CONFIG, NormalizeConfig, normalize_text, undo
from hoaxlens.types import NormalizedText

CASES_DIR = Path(__file__).resolve().parents[1] / "cases" / "normalize"
CASE_FILES = ("obfuscated", "negative", "known_failures")
CASE_KEYS = {"label", "input", "expected", "expect"}
OPTIONAL_KEYS = {"comment"}
STEPS = {"fold_confusables", "fold_compat", "strip_invisible", "strip_marks", "join_letters"}


def load_cases(name: str) -> list[dict[str, Any]]:
    """Read one golden case file."""
    cases: list[dict[str, Any]] = json.loads(
        (CASES_DIR / f"{name}.json").read_text(encoding="utf-8")
    )
    return cases


def case_params(name: str) -> list[Any]:
    """One ``pytest.param`` per case, its id the case label; ``fail`` cases are strict xfail."""
    params = []
    for case in load_cases(name):
        marks = []
        if case["expect"] == "fail":
            reason = case.get("comment", "known normalizer failure")
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(case, id=case["label"], marks=marks))
    return params


def all_case_params() -> list[Any]:
    """Every case of every file, with ids ``file/label`` (no xfail: invariants always hold)."""
    return [
        pytest.param(case, id=f"{name}/{case['label']}")
        for name in CASE_FILES
        for case in load_cases(name)
    ]


def assert_replacements_consistent(result: NormalizedText, text: str) -> None:
    """Spans lie inside the output, cover their replacement, do not overlap, and replay."""
    assert result.original == text
    cursor = 0
    for rep in sorted(result.replacements, key=lambda r: (r.span.start, r.span.end)):
        assert 0 <= rep.span.start <= rep.span.end <= len(result.text)
        assert rep.span.start >= cursor, "replacements overlap"
        assert result.text[rep.span.start : rep.span.end] == rep.replacement
        assert rep.original
        assert rep.original != rep.replacement
        assert rep.step in STEPS
        cursor = rep.span.end
    assert undo(result.text, result.replacements) == text


# ----------------------------------------------------------------------------- case files


@pytest.mark.parametrize("name", CASE_FILES)
def test_case_file_is_well_formed(name: str) -> None:
    cases = load_cases(name)
    assert isinstance(cases, list)
    assert cases, f"{name}.json holds no case"
    labels = [case["label"] for case in cases]
    assert len(labels) == len(set(labels)), "labels must be unique (they are the test ids)"
    for case in cases:
        assert CASE_KEYS <= case.keys() <= CASE_KEYS | OPTIONAL_KEYS, case["label"]
        assert all(isinstance(case[key], str) for key in case), case["label"]
        assert case["expect"] == ("fail" if name == "known_failures" else "pass"), case["label"]
        if name == "negative":
            assert case["expected"] == case["input"], case["label"]
        if name == "obfuscated":
            assert case["expected"] != case["input"], case["label"]


def test_case_labels_are_unique_across_files() -> None:
    labels = [case["label"] for name in CASE_FILES for case in load_cases(name)]
    assert len(labels) == len(set(labels))


# ----------------------------------------------------------------------------- golden cases


@pytest.mark.parametrize("case", case_params("obfuscated"))
def test_normalize_restores_obfuscated_text(case: dict[str, Any]) -> None:
    result = normalize_text(case["input"])
    assert result.text == case["expected"]
    assert result.replacements


@pytest.mark.parametrize("case", case_params("negative"))
def test_normalize_leaves_genuine_text_unchanged(case: dict[str, Any]) -> None:
    result = normalize_text(case["input"])
    assert result.text == case["input"]
    assert result.replacements == ()


@pytest.mark.parametrize("case", case_params("known_failures"))
def test_normalize_known_failure(case: dict[str, Any]) -> None:
    result = normalize_text(case["input"])
    assert result.text == case["expected"]
    if case["expected"] == case["input"]:
        assert result.replacements == ()


@pytest.mark.parametrize("case", all_case_params())
def test_normalize_replacements_replay_to_input(case: dict[str, Any]) -> None:
    assert_replacements_consistent(normalize_text(case["input"]), case["input"])


# ----------------------------------------------------------------------------- spans and steps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Oпe Step for Yoυ, Достоевский",
            [(1, "п", "n", "fold_confusables"), (15, "υ", "u", "fold_confusables")],
            id="lookalikes-located-in-output",
        ),
        pytest.param(
            "Tay\u200blor Sw\u200bift",
            [(3, "\u200b", "", "strip_invisible"), (9, "\u200b", "", "strip_invisible")],
            id="deletions-have-empty-spans-at-output-offsets",
        ),
        pytest.param(
            "D\u0336r \U0001d41d\U0001d41e\U0001d41a\U0001d41d",
            [
                (1, "\u0336", "", "strip_marks"),
                (3, "\U0001d41d", "d", "fold_compat"),
                (4, "\U0001d41e", "e", "fold_compat"),
                (5, "\U0001d41a", "a", "fold_compat"),
                (6, "\U0001d41d", "d", "fold_compat"),
            ],
            id="astral-compat-letters-shrink-to-one-char",
        ),
    ],
)
def test_normalize_records_each_change_with_span_and_step(
    text: str, expected: list[tuple[int, str, str, str]]
) -> None:
    result = normalize_text(text)
    got = [(r.span.start, r.original, r.replacement, r.step) for r in result.replacements]
    assert got == expected
    for rep in result.replacements:
        assert rep.span.length == len(rep.replacement)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("Plain ASCII, nothing to do.\n", id="ascii-line"),
        pytest.param("\t\r\n\x00\x7f", id="ascii-controls"),
    ],
)
def test_normalize_returns_ascii_unchanged(text: str) -> None:
    result = normalize_text(text)
    assert result == NormalizedText(text, text, ())


# ----------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"latin_line_share": 0.0}, "latin_line_share", id="share-zero"),
        pytest.param({"latin_line_share": -0.5}, "latin_line_share", id="share-negative"),
        pytest.param({"latin_line_share": 1.01}, "latin_line_share", id="share-above-one"),
        pytest.param({"latin_line_share": 80.0}, "latin_line_share", id="share-as-percent"),
        pytest.param({"latin_line_share": float("nan")}, "latin_line_share", id="share-nan"),
        pytest.param({"min_compat_letters": 0}, "min_compat_letters", id="min-compat-zero"),
        pytest.param({"min_compat_letters": -3}, "min_compat_letters", id="min-compat-negative"),
    ],
)
def test_normalize_config_rejects_bad_values(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        NormalizeConfig(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({}, id="defaults"),
        pytest.param({"latin_line_share": 1.0}, id="share-one"),
        pytest.param({"latin_line_share": 0.01}, id="share-small"),
        pytest.param({"min_compat_letters": 1}, id="min-compat-one"),
    ],
)
def test_normalize_config_accepts_boundary_values(kwargs: dict[str, Any]) -> None:
    config = NormalizeConfig(**kwargs)
    for key, value in kwargs.items():
        assert getattr(config, key) == value


def test_default_normalize_config_is_the_plain_constructor() -> None:
    assert NormalizeConfig() == DEFAULT_NORMALIZE_CONFIG


@pytest.mark.parametrize(
    ("kwargs", "text", "expected"),
    [
        pytest.param(
            {"fold_confusables": False},
            "Oпe Step for Yoυ, Tay\u200blor",
            "Oпe Step for Yoυ, Taylor",
            id="no-fold-confusables-keeps-pe-and-upsilon",
        ),
        pytest.param(
            {"fold_compat": False},
            "\U0001d403\U0001d42b\U0001d41a\U0001d424\U0001d41e is Oпe",
            "\U0001d403\U0001d42b\U0001d41a\U0001d424\U0001d41e is One",
            id="no-fold-compat-keeps-math-bold",
        ),
        pytest.param(
            {"strip_invisible": False},
            "Tay\u200blor Sw\u00adift Oпe",
            "Tay\u200blor Sw\u00adift One",
            id="no-strip-invisible-keeps-zero-width",
        ),
        pytest.param(
            {"strip_marks": False},
            "D\u0336r\u0336a\u0336k\u0336e\u0336 Oпe",
            "D\u0336r\u0336a\u0336k\u0336e\u0336 One",
            id="no-strip-marks-keeps-overlays",
        ),
    ],
)
def test_normalize_disabled_step_leaves_its_characters(
    kwargs: dict[str, Any], text: str, expected: str
) -> None:
    result = normalize_text(text, NormalizeConfig(**kwargs))
    assert result.text == expected
    assert_replacements_consistent(result, text)
    disabled = {key for key, value in kwargs.items() if value is False}
    assert not {rep.step for rep in result.replacements} & disabled


@pytest.mark.parametrize(
    ("kwargs", "text", "expected"),
    [
        pytest.param(
            {},
            "Let \U0001d41a be the radius",
            "Let \U0001d41a be the radius",
            id="default-min-compat-keeps-one-letter-word",
        ),
        pytest.param(
            {"min_compat_letters": 1},
            "Let \U0001d41a be the radius",
            "Let a be the radius",
            id="min-compat-one-folds-one-letter-word",
        ),
        pytest.param(
            {},
            "Tоm said уеѕ, 日本",
            "Tom said yes, 日本",
            id="default-share-folds-at-six-sevenths-latin",
        ),
        pytest.param(
            {"latin_line_share": 0.9},
            "Tоm said уеѕ, 日本",
            "Tom said уеѕ, 日本",
            id="higher-share-keeps-all-lookalike-word",
        ),
    ],
)
def test_normalize_config_thresholds_gate_folding(
    kwargs: dict[str, Any], text: str, expected: str
) -> None:
    result = normalize_text(text, NormalizeConfig(**kwargs))
    assert result.text == expected
    assert_replacements_consistent(result, text)


@pytest.mark.parametrize("case", case_params("obfuscated"))
def test_normalize_leaves_its_own_output_alone(case: dict[str, Any]) -> None:
    result = normalize_text(case["expected"])
    assert result.text == case["expected"]
