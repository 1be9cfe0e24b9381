"""Template clustering across name swaps: the clusters a user expects on a small campaign."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from hoaxlens.cluster import (
    ClusterConfig,
    ClusterInput,
    band_keys,
    cluster_documents,
    cluster_key,
    connected_components,
    mask,
    shingles,
    signature,
)
from hoaxlens.corpus import analyze_corpus
from hoaxlens.types import MediaType, RawDocument

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "campaigns.jsonl"
EXPECTED = {
    "debt": {"debt-dolly", "debt-reba", "debt-blake", "debt-willie"},
    "dance": {"dance-carrie", "dance-bruno", "dance-len"},
    "concert": {"concert-garth", "concert-reba", "concert-keith"},
}
SINGLETONS = {"news-dolly-album", "news-dolly-library", "news-council", "news-storm"}


def _raw(record: dict) -> RawDocument:
    return RawDocument(
        id=record["id"],
        content=record["text"],
        media_type=MediaType.TEXT,
        source="fixture",
        url=record["url"],
        title=record["title"],
    )


@pytest.fixture(scope="module")
def corpus(analyzer):
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    return analyze_corpus(analyzer, [_raw(r) for r in records])


def _clusters(corpus) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for item, assigned in zip(corpus.items, corpus.assignments, strict=True):
        out.setdefault(assigned.cluster_id, set()).add(item.id)
    return out


@pytest.mark.parametrize("template", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_name_swapped_copies_share_one_cluster(corpus, template):
    assert EXPECTED[template] in _clusters(corpus).values()


@pytest.mark.parametrize("doc_id", sorted(SINGLETONS), ids=sorted(SINGLETONS))
def test_unrelated_stories_stay_alone(corpus, doc_id):
    """Two genuine Dolly Parton stories must not join the Dolly Parton debt template."""
    assert {doc_id} in _clusters(corpus).values()


def test_cluster_ids_are_deterministic_and_name_the_smallest_member(corpus):
    by_id = dict(zip((i.id for i in corpus.items), corpus.assignments, strict=True))
    assert by_id["debt-reba"].cluster_id == cluster_key(EXPECTED["debt"])
    assert by_id["debt-reba"].cluster_size == 4


def test_template_masks_people_amounts_and_places(corpus):
    debt = next(c for c in corpus.campaigns if "debt-dolly" in {m.id for m in c.members})
    assert "[PERSON]" in debt.template
    assert "[AMOUNT]" in debt.template
    assert "Parton" not in debt.template
    assert "$38,000" not in debt.template


@pytest.mark.parametrize(
    ("config", "together"),
    [
        pytest.param(ClusterConfig(), True, id="masked-joins-swaps"),
        pytest.param(ClusterConfig(mask_slots=False, threshold=0.9), False, id="raw-strict-apart"),
    ],
)
def test_masking_is_what_joins_short_name_swaps(config, together):
    docs = [
        ClusterInput(
            "a", "Dolly Parton, 78, quietly paid the $38,000 debt of a waitress in Nashville."
        ),
        ClusterInput(
            "b", "Reba McEntire, 69, quietly paid the $12,500 debt of a waitress in Oklahoma."
        ),
    ]
    a, b = cluster_documents(docs, config)
    assert (a.cluster_id == b.cluster_id) is together


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        pytest.param(
            "Garth Brooks, 62, gave $5 million on Friday.",
            ["person", "age", "amount", "date"],
            id="all-kinds",
        ),
        pytest.param("A 78-year-old fan cried in Nashville.", ["age", "place"], id="age-and-place"),
        pytest.param("plain words only", [], id="nothing-to-mask"),
    ],
)
def test_mask_records_every_slot_filler(text, slots):
    masked = mask(text)
    assert [f.slot for f in masked.slot_fillers] == slots
    for filler in masked.slot_fillers:
        assert text[filler.start : filler.end] == filler.value


@pytest.mark.parametrize("seed", [1, 7], ids=["seed-1", "seed-7"])
def test_signature_is_stable_and_seeded(seed):
    sh = shingles(mask("Dolly Parton stopped the show for one fan holding a sign near the stage"))
    sig = signature(sh, seed=seed)
    assert sig == signature(set(sh), seed=seed)
    assert sig != signature(sh, seed=seed + 1)
    assert len(band_keys(sig)) == 32


def test_connected_components_ignores_edge_order():
    edges = [("d", "c"), ("b", "a"), ("c", "b")]
    assert connected_components(edges) == connected_components(list(reversed(edges)))
    assert set(connected_components(edges).values()) == {"a"}


@pytest.mark.parametrize("n", [0, 1], ids=["empty-corpus", "one-document"])
def test_cluster_documents_handles_tiny_inputs(n):
    docs = [ClusterInput(f"d{i}", "short text") for i in range(n)]
    out = cluster_documents(docs)
    assert [a.cluster_size for a in out] == [1] * n


def test_empty_text_is_its_own_cluster():
    out = cluster_documents([ClusterInput("a", ""), ClusterInput("b", "")])
    assert out[0].cluster_id != out[1].cluster_id


def test_assignments_pickle():
    (assignment,) = cluster_documents([ClusterInput("a", "Dolly Parton paid $5 for it.")])
    assert pickle.loads(pickle.dumps(assignment)) == assignment  # noqa: S301 - our own bytes
