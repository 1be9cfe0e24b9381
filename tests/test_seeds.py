"""The two real examples in ``../shared/seeds``, scanned through the CLI.

The seed texts are read at test time and never copied into the suite. The obfuscated seed
is found by its content (it holds Cyrillic 'п'), not by its file name.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from hoaxlens.cli import cli

pytestmark = pytest.mark.shared

CYRILLIC_PE = "\u043f"
GREEK_UPSILON = "\u03c5"


@pytest.fixture(scope="module")
def seed_records(seeds_dir):
    """``hoaxlens scan --format jsonl`` over the seed files: (raw text, record) pairs."""
    paths = sorted(seeds_dir.glob("*.txt"))
    result = CliRunner().invoke(cli, ["scan", "--format", "jsonl", *map(str, paths)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(paths)
    return [(p.read_text(encoding="utf-8"), r) for p, r in zip(paths, records, strict=True)]


@pytest.fixture(scope="module")
def obfuscated_seed(seed_records):
    found = [record for raw, record in seed_records if CYRILLIC_PE in raw]
    assert len(found) == 1, "expected exactly one seed holding Cyrillic п"
    return found[0]


@pytest.mark.parametrize(
    ("count", "label"), [pytest.param(2, "fabricated", id="both-seeds-fabricated")]
)
def test_seeds_are_labelled_fabricated_with_evidence(seed_records, count, label):
    assert len(seed_records) == count
    for _, record in seed_records:
        assert record["error"] is None
        assert record["label"] == label
        spans = [ev for s in record["signals"] for ev in s["evidence"]]
        assert spans, f"{record['source']} has no evidence spans"
        for ev in spans:
            assert 0 <= ev["start"] < ev["end"] <= len(record["text"])
            assert ev["reason"]


@pytest.mark.parametrize(
    ("total", "per_original"),
    [
        pytest.param(273, {CYRILLIC_PE: 205, GREEK_UPSILON: 68}, id="273-folds-205-pe-68-upsilon"),
    ],
)
def test_seeds_obfuscated_seed_is_restored(obfuscated_seed, total, per_original):
    obfuscation = obfuscated_seed["obfuscation"]
    assert obfuscation["count"] == total
    originals = Counter(r["original"] for r in obfuscation["replacements"])
    assert originals == per_original
    text = obfuscated_seed["text"]
    assert not set(per_original) & set(text)
    for rep in obfuscation["replacements"]:
        assert text[rep["start"] : rep["end"]] == rep["replacement"]


@pytest.mark.parametrize(
    ("signal_id", "score"), [pytest.param("homoglyphs.v1", 1.0, id="homoglyphs-saturated")]
)
def test_seeds_obfuscated_seed_fires_homoglyph_signal(obfuscated_seed, signal_id, score):
    (signal,) = [s for s in obfuscated_seed["signals"] if s["id"] == signal_id]
    assert signal["score"] == score
    assert signal["evidence"]
    assert all("obfuscated" in ev["reason"] for ev in signal["evidence"])
