"""The shipped pattern sources (``normalize/data/patterns.json``) are what the build writes.

``scripts/build_confusables.py`` writes them from the fold table so that a process only
compiles its patterns; a change to the table or to ``normalize/patterns.py`` without
``python scripts/build_confusables.py --patterns`` fails here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from pathlib import Path

from hoaxlens.normalize import normalize_text, patterns

from .test_coverage import build_script

ROOT = Path(__file__).resolve().parents[2]


def _shipped() -> str:
    return resources.files("hoaxlens.normalize").joinpath("data/patterns.json").read_text("utf-8")


def test_shipped_pattern_sources_are_what_the_build_script_writes() -> None:
    assert build_script().pattern_sources_text() == _shipped()


def test_shipped_sources_are_used_and_match_this_python() -> None:
    shipped = json.loads(_shipped())
    assert shipped["unicode"] == unicodedata.unidata_version
    assert patterns.suspect_pattern().pattern == shipped["suspect_pattern"]
    assert set(shipped["script_pattern"]) >= {"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"}


def test_kind_finder_matches_exactly_the_kinds_not_found() -> None:
    kinds = patterns.table_kinds()
    found = frozenset({"CYRILLIC", "compat"})
    finder = patterns.kind_finder(found)
    wanted = {ch for ch, kind in kinds.items() if kind not in found}
    sample = [*kinds, "a", "д", "é", "\U0001f600", "\U0001d7ff", "\U0001d400"]
    assert {ch for ch in sample if finder.fullmatch(ch)} == wanted
    assert patterns.kind_finder(frozenset(set(kinds.values()))).search("Oпe 𝐓") is None


def test_script_patterns_compile_per_script_on_first_use() -> None:
    cyrillic = patterns.script_pattern("CYRILLIC")
    assert cyrillic is patterns.script_pattern("CYRILLIC")
    assert cyrillic.search("Oпe") is not None
    assert cyrillic.search("Достоевский") is None
    assert isinstance(patterns.cross_script_patterns()["ARMENIAN"], re.Pattern)
    assert normalize_text("Oпe ԁеռιеԁ").text == "One denied"
