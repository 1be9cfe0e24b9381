"""Shared fixtures: the one conftest of the suite (spaCy rule).

Fixture documents live in ``tests/corpus/`` (small, written for these tests). Tests that
read ``../shared`` (the seeds and corpora beside the repository) ask for ``seeds_dir``,
which skips with a clear reason where that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoaxlens.analyzer import Analyzer
from hoaxlens.normalize import normalize_text
from hoaxlens.types import Document, MediaType, RawDocument

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
CORPUS_DIR = TESTS_DIR / "corpus"
SHARED_DIR = REPO_ROOT.parent / "shared"


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
