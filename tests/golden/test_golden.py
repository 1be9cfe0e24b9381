"""Every output form stays byte-identical on the examples and the viral_stories corpus.

The golden files in ``data/`` were written by ``scripts/make_golden.py`` before the
output contract was restructured (issue 14); a change that alters any record fails here.
When an output change is intended, regenerate them and say why in the commit.
"""

from __future__ import annotations

import json

import pytest
from golden_outputs import (
    CORPUS,
    EXAMPLES,
    GOLDEN,
    ROOT,
    digests,
    scan_outputs,
    service_records,
    spark_lines,
)


def _differences(expected: str, actual: str) -> str:
    """The first differing records, for a readable failure."""
    exp, act = expected.splitlines(), actual.splitlines()
    out = [f"{len(exp)} expected lines, {len(act)} actual"]
    for i, (a, b) in enumerate(zip(exp, act, strict=False)):
        if a != b:
            out.append(f"line {i + 1}:\n  expected {a[:400]}\n  actual   {b[:400]}")
        if len(out) > 3:
            break
    return "\n".join(out)


@pytest.fixture(scope="module")
def example_outputs() -> dict[str, str]:
    return scan_outputs(EXAMPLES)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("jsonl", "examples.jsonl"), ("csv", "examples.csv"), ("parquet", "examples.parquet.jsonl")],
)
def test_scan_outputs_unchanged_on_examples(example_outputs, fmt, name):
    expected = (GOLDEN / name).read_bytes().decode("utf-8")
    actual = example_outputs[fmt]
    assert actual == expected, _differences(expected, actual)


def test_service_records_unchanged_on_examples():
    pytest.importorskip("fastapi")
    expected = (GOLDEN / "examples.service.jsonl").read_text(encoding="utf-8")
    actual = service_records(EXAMPLES)
    assert actual == expected, _differences(expected, actual)


@pytest.mark.spark
@pytest.mark.slow
def test_spark_records_unchanged_on_examples():
    pytest.importorskip("pyspark")
    expected = (GOLDEN / "examples.spark.jsonl").read_text(encoding="utf-8")
    actual = spark_lines(EXAMPLES)
    assert actual == expected, _differences(expected, actual)


@pytest.mark.shared
@pytest.mark.slow
def test_outputs_unchanged_on_viral_stories_corpus():
    if not (ROOT / CORPUS).exists():
        pytest.skip(f"{CORPUS} is absent (the corpora live in ../shared beside the repository)")
    expected = json.loads((GOLDEN / "corpus_digests.json").read_text(encoding="utf-8"))
    outputs = scan_outputs(CORPUS)
    outputs["service"] = service_records(CORPUS)
    for fmt, text in outputs.items():
        actual = digests(text)
        changed = [i for i, (a, b) in enumerate(zip(expected[fmt], actual, strict=False)) if a != b]
        assert len(actual) == len(expected[fmt]), (
            f"{fmt}: {len(actual)} lines, not {len(expected[fmt])}"
        )
        assert not changed, f"{fmt}: lines {changed[:10]} changed ({len(changed)} in all)"
