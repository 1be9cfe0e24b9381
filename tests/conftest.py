"""Shared fixtures: the one conftest of the suite (spaCy rule).

Fixture documents live in ``tests/corpus/`` (small, written for these tests). Tests that
read ``../shared`` (the seeds and corpora beside the repository) ask for ``seeds_dir``,
which skips with a clear reason where that folder is absent.

Markers that say what a test needs (``spark``, ``browser``, ``postgres``) are assigned
here, by path and parameter, so a new test in those places is marked without anyone
remembering to; so is ``slow`` for the files and tests listed in ``SLOW`` (elsewhere it is
written on the test). ``make check`` deselects all four.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from hoaxlens.analyzer import Analyzer
from hoaxlens.normalize import normalize_text
from hoaxlens.types import Document, MediaType, RawDocument

# Property tests draw the same examples on every run (a red CI must mean a change, not
# chance): HYPOTHESIS_PROFILE=explore searches afresh, with more examples, locally, and
# HYPOTHESIS_PROFILE=nightly runs 100,000 fresh examples per property (hours, not for CI).
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", max_examples=2_000)
settings.register_profile("nightly", max_examples=100_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
CORPUS_DIR = TESTS_DIR / "corpus"
SHARED_DIR = REPO_ROOT.parent / "shared"


# Tests that take seconds each (measured on two busy cores): marked ``slow`` here so that
# ``make check`` stays under a minute; ``make test`` runs them. File -> test functions
# (empty: the whole file).
SLOW: dict[str, tuple[str, ...]] = {
    "tests/batch/test_batch.py": (),  # scans through real worker processes
    "tests/batch/test_budget.py": (),  # workers stopped by the per-document timer
    "tests/batch/test_poison.py": (),  # poison documents kill real workers
    "tests/cluster/test_paraphrase.py": (),  # loads the sentence-embedding model (~10 s)
    "tests/cluster/test_fastlsh.py": (  # corpora larger than one radix part (~6 s each)
        "test_fast_path_equals_reference_on_a_corpus_larger_than_one_radix_part",
        "test_hash_collisions_inside_a_part_fall_back_to_exact_buckets",
    ),
    "tests/extract/test_share_line.py": (  # two regexes on generated lines (~8 s)
        "test_share_line_accepts_what_the_ambiguous_pattern_accepted",
    ),
    "tests/ingest/test_streaming.py": (  # megabytes of input per case
        "test_streaming_memory_does_not_grow_with_file_size",
    ),
    "tests/ingest/test_hostile_inputs.py": (  # a timing guard on a large gzip
        "test_jsonl_gzip_of_blank_lines_is_cheap_and_capped",
    ),
    "tests/people/test_people_linear.py": ("test_many_distinct_names_are_fast",),  # timing
    "tests/golden/test_golden.py": (),  # the CLI in subprocesses, the service, Spark
    "tests/test_regex_audit.py": (),  # the ReDoS audit of every pattern (~14 s)
}


def _needs(item: pytest.Item) -> set[str]:
    """Markers for what ``item`` needs: a JVM, a real Chromium, PostgreSQL, or time."""
    path = Path(os.path.relpath(item.path, REPO_ROOT)).as_posix()
    params = getattr(item, "callspec", None)
    values = params.params.values() if params is not None else ()
    needs = set()
    spark_golden = path.startswith("tests/golden/") and "spark" in item.name
    if path.startswith("tests/spark/") or spark_golden:
        needs.add("spark")
    if path == "tests/service/test_browser.py" or "chromium" in item.name:
        needs.add("browser")
    if path == "tests/service/test_postgres.py" or "postgresql" in values:
        needs.add("postgres")
    slow_functions = SLOW.get(path)
    function = getattr(item, "originalname", item.name)
    if slow_functions == () or (slow_functions and function in slow_functions):
        needs.add("slow")
    return needs


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that need Spark, a browser or PostgreSQL (see the module docstring)."""
    for item in items:
        for name in sorted(_needs(item)):
            item.add_marker(name)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``tests/corpus``: tiny fixture documents written for this suite."""
    return CORPUS_DIR


@pytest.fixture(scope="session")
def mixed_dir(corpus_dir: Path) -> Path:
    """A directory with a .txt (obfuscated), an .html page and a .jsonl of three records."""
    return corpus_dir / "mixed"


@pytest.fixture(scope="session")
def fabricated_text(corpus_dir: Path) -> str:
    """A short story written in the fabricated-celebrity genre (not obfuscated)."""
    return (corpus_dir / "stories" / "fabricated.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def genuine_text(corpus_dir: Path) -> str:
    """A short, well-sourced local news report."""
    return (corpus_dir / "stories" / "genuine.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """One analyzer with the bundled model, shared by the whole session (build once)."""
    return Analyzer()


@pytest.fixture(scope="session")
def make_document():
    """Build the ``Document`` a signal sees from plain text (normalized, no extraction)."""

    def make(text: str, *, title: str = "", doc_id: str = "doc") -> Document:
        normalized = normalize_text(text)
        raw = RawDocument(id=doc_id, content=text, media_type=MediaType.TEXT, source="test")
        return Document(
            id=doc_id,
            title=title,
            text=normalized.text,
            original_text=text,
            replacements=normalized.replacements,
            raw=raw,
        )

    return make


@pytest.fixture
def make_tree(tmp_path: Path):
    """Write ``{relative path: str | bytes}`` under a fresh folder; return that folder."""

    def make(files: dict[str, str | bytes], *, root: str = "corpus") -> Path:
        base = tmp_path / root
        base.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            path = base / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return base

    return make


@pytest.fixture
def labeled_jsonl(tmp_path: Path, fabricated_text: str, genuine_text: str):
    """Write a small labelled JSONL (fields ``text``, ``label``, ``split``); return its path.

    Items are variations of the two fixture stories (names and numbers swapped), ``n`` of
    each label.
    """

    def make(n: int = 6, name: str = "labeled.jsonl") -> Path:
        names = ["Marla Quinn", "Jon Avery", "Tess Morrow", "Ben Okafor", "Ivy Lark", "Sam Reed"]
        lines = []
        for i in range(n):
            who = names[i % len(names)]
            fake = fabricated_text.replace("Marla Quinn", who).replace("Friday", f"day {i}")
            real = genuine_text.replace("7 to 2", f"{5 + i} to {i}").replace("Harbor", who)
            lines.append({"id": f"fab-{i}", "text": fake, "label": "fabricated", "split": "a"})
            lines.append({"id": f"gen-{i}", "text": real, "label": "genuine", "split": "b"})
        path = tmp_path / name
        path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
        return path

    return make


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """``../shared/seeds`` beside the repository; skips the test where it is absent."""
    seeds = SHARED_DIR / "seeds"
    if not seeds.is_dir() or not any(seeds.glob("*.txt")):
        pytest.skip(f"../shared/seeds not found: {seeds}")
    return seeds
