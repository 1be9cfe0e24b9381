"""The shipped gazetteer file: what ``scripts/build_gazetteer.py`` writes, read back exactly."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hoaxlens.people import gazetteer as gazetteer_module
from hoaxlens.people.gazetteer import (
    Gazetteer,
    PackedMap,
    PackedSet,
    alias_tables,
    bucket_of,
    decode,
    encode,
    load_gazetteer,
    pack,
    pack_items,
)
from loadscript import load_script

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _build_script() -> ModuleType:
    return load_script(ROOT / "scripts" / "build_gazetteer.py")


def _shipped() -> bytes:
    return (resources.files("hoaxlens.people") / "data" / "gazetteer.json").read_bytes()


def test_the_shipped_file_is_what_the_build_script_writes(tmp_path, monkeypatch):
    shipped = _shipped()
    tables = decode(shipped.decode("utf-8"))
    build = _build_script()
    monkeypatch.setattr(build, "OUT", tmp_path / "gazetteer.json")
    aliases, sources = dict(tables.aliases), dict(tables.sources)
    build.write(tables.first_names, tables.public_figures, aliases, sources)
    assert (tmp_path / "gazetteer.json").read_bytes() == shipped


def test_every_entry_is_found_in_its_bucket(monkeypatch):
    monkeypatch.setattr(gazetteer_module, "COMPLETE_AFTER", 10**9)  # each look-up: its bucket
    gazetteer = decode(_shipped().decode("utf-8"))
    for table in (gazetteer.public_figures, gazetteer.first_names, gazetteer.alias_heads):
        entries = list(table)
        assert len(entries) == len(set(entries)) == len(table) > 1_000
        assert all(entry in table for entry in entries)
    aliases = dict(gazetteer.aliases.items())
    assert len(aliases) == len(gazetteer.aliases) > 1_000
    assert all(gazetteer.aliases[key] == name for key, name in aliases.items())


def test_the_stored_alias_tables_are_those_of_the_aliases():
    gazetteer = load_gazetteer()
    sizes, firsts, heads, stage = alias_tables(gazetteer.aliases)
    assert gazetteer.alias_sizes == sizes == (5, 3, 2)
    assert gazetteer.alias_first_words == firsts
    assert set(gazetteer.alias_heads) == heads
    assert gazetteer.stage_names == stage
    assert {"drake", "dolly"} <= stage
    assert {"catherine,", "catherine, princess", "carrie ann", "princess royal"} <= heads


def test_packed_tables_answer_as_a_set_and_a_dict():
    words = ["ann lee", "bo", "cy", "dee dee", "eve"]
    table = {"jlo": "jennifer lopez", "the boss": "bruce springsteen"}
    for buckets in (1, 2, 7):
        packed = PackedSet(pack(words, buckets))
        assert sorted(packed) == words
        assert [w in packed for w in [*words, "ann", "", "bob"]] == [True] * 5 + [False] * 3
        mapping = PackedMap(pack_items(table, buckets))
        assert dict(mapping.items()) == table
        assert mapping.get("the boss") == "bruce springsteen"
        assert mapping.get("boss") is None
        assert "jlo" in mapping
        assert "jl" not in mapping
    assert bucket_of("dolly parton", 512) == bucket_of("dolly parton", 512)


@pytest.mark.parametrize("complete_after", [0, 2, 10**9])
def test_answers_stay_the_same_once_every_bucket_is_split(monkeypatch, complete_after):
    monkeypatch.setattr(gazetteer_module, "COMPLETE_AFTER", complete_after)
    words = [f"name {i}" for i in range(50)]
    table = {word: word.upper() for word in words}
    packed, mapping = PackedSet(pack(words, 16)), PackedMap(pack_items(table, 16))
    tables = Gazetteer(packed, packed, mapping, (), frozenset(), packed, frozenset())
    for word in [*words, "name", "name 50", *words]:
        assert (word in packed) is (word in words)
        found = word in words
        assert tables.is_public_figure(word.title()) is tables.is_first_name(word) is found
        assert mapping.get(word) == table.get(word)
        assert (word in mapping) is (word in table)


@pytest.mark.parametrize("bad", ["", "a|b"])
def test_an_entry_the_layout_cannot_hold_is_refused(bad):
    with pytest.raises(ValueError, match="empty or holds"):
        encode([bad], [], {}, {})


def test_a_file_of_another_layout_is_refused():
    with pytest.raises(ValueError, match="build_gazetteer"):
        decode('{"first_names": [], "public_figures": [], "aliases": {}}')
