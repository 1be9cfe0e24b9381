"""find_people on small written cases: aliases, possessives, titles, non-person phrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoaxlens.normalize import normalize_text
from hoaxlens.people import find_people
from hoaxlens.people.gazetteer import load_gazetteer

CASES = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_find_people_cases(case: dict[str, object]) -> None:
    found = find_people(str(case["text"]), str(case["title"]))
    assert list(found[: len(case["expect"])]) == case["expect"]  # type: ignore[arg-type]
    assert not set(found) & set(case["absent"])  # type: ignore[arg-type]


def test_obfuscated_name_is_found_after_normalization() -> None:
    """Cyrillic en and Greek upsilon are folded by the normalizer, then recognized."""
    raw = "Country star Blake Shelton was rushed. Blake Shelton is stable."
    raw = raw.replace("n", "\u043f").replace("u", "\u03c5")
    assert find_people(raw) == ()
    assert find_people(normalize_text(raw).text) == ("Blake Shelton",)


def test_result_is_deterministic_and_bounded() -> None:
    text = " ".join(f"Then Anna Zor{chr(97 + i)}ova spoke." for i in range(20))
    assert find_people(text) == find_people(text)
    assert len(find_people(text)) == 8


@pytest.mark.parametrize(
    ("name", "known"),
    [
        pytest.param("Dolly Parton", True, id="country-singer"),
        pytest.param("Pat Sajak", True, id="game-show-host"),
        pytest.param("Barron Trump", True, id="trump-family"),
        pytest.param("Travis Kelce", True, id="athlete"),
        pytest.param("Grand Ole", False, id="not-a-person"),
    ],
)
def test_gazetteer_holds_the_genre_targets(name: str, known: bool) -> None:
    assert load_gazetteer().is_public_figure(name) is known


def test_gazetteer_aliases_map_short_forms() -> None:
    aliases = load_gazetteer().aliases
    assert aliases["carrie ann"] == "carrie ann inaba"
    assert aliases["princess of wales"] == "kate middleton"


@pytest.mark.xfail(strict=True, reason="known bug: 'X and Y Surname' gives X the surname")
def test_coordinated_names_with_different_surnames() -> None:
    text = "Heidi and Spencer Pratt welcomed a son. Heidi Montag shared a photo."
    assert "Heidi Pratt" not in find_people(text)


@pytest.mark.xfail(strict=True, reason="known gap: misspelled names are not mapped")
def test_misspelled_public_figure_maps_to_the_canonical_name() -> None:
    text = "He starred opposite Barbara Streissand in the 1976 film."
    assert find_people(text) == ("Barbra Streisand",)


def test_accented_stage_name_inside_a_list() -> None:
    text = "Mick Jagger, Karen Smith, Beyoncé and Barack Obama paid tribute to the singer."
    assert "Beyoncé" in find_people(text)


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        pytest.param("aubrey drake graham", "drake", id="legal-name-to-stage-name"),
        pytest.param("drake", "drake", id="stage-name-to-itself"),
        pytest.param("beyonce", "beyoncé", id="accent-free-form"),
        pytest.param("dolly", "dolly parton", id="first-name-a-star-goes-by"),
    ],
)
def test_gazetteer_aliases_map_to_the_name_people_know(alias: str, name: str) -> None:
    assert load_gazetteer().aliases[alias] == name


def test_stage_name_is_counted_with_its_legal_name() -> None:
    text = "Aubrey Drake Graham grew up in Toronto. Drake later moved. Drake toured with Migos."
    found = find_people(text, "Drake Announces North American Tour With Migos")
    assert found[:1] == ("Drake",)


@pytest.mark.parametrize("small", ["đã", "łza", "šta", "ńa"])
def test_a_word_that_starts_with_a_small_extended_latin_letter_ends_a_name(small):
    # "đ" (d with stroke) and the other small letters of Latin Extended-A are no capitals
    text = f"Then Derek Whitfield {small} left. Whitfield said. Whitfield ran."
    assert find_people(text) == ("Derek Whitfield",)
