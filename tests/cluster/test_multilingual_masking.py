"""Name swaps in other languages (issue 21): copies of one story in each language cluster."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from hoaxlens.cluster import ClusterInput, cluster_documents, mask
from hoaxlens.people.international import international_names

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "bench" / "data" / "multilingual_swaps.json"  # written for the project
DATA = json.loads(CASE.read_text(encoding="utf-8"))
LANGS = sorted(DATA["templates"])
VIRAL = ROOT.parent / "shared" / "data" / "viral_stories" / "stories.jsonl"
CAMPAIGNS = ROOT / "tests" / "fixtures" / "campaigns" / "campaigns.jsonl"


def _copies(lang: str) -> list[tuple[str, str]]:
    template = DATA["templates"][lang]
    return [
        (name, template.format(name=name, short=short)) for name, short in DATA["singers"][lang]
    ]


@pytest.fixture(scope="module")
def clusters() -> dict[str, str]:
    docs = [
        ClusterInput(f"{lang}-{k}", text)
        for lang in LANGS
        for k, (_, text) in enumerate(_copies(lang))
    ]
    return {a.doc_id: a.cluster_id for a in cluster_documents(docs)}


@pytest.mark.parametrize("lang", LANGS)
def test_copies_with_the_singer_swapped_share_one_cluster(clusters, lang):
    ids = [f"{lang}-{k}" for k in range(len(DATA["singers"][lang]))]
    assert len({clusters[i] for i in ids}) == 1


def test_languages_are_not_joined_to_each_other(clusters):
    by_lang = {lang: {c for i, c in clusters.items() if i.startswith(lang)} for lang in LANGS}
    for a, b in combinations(LANGS, 2):
        assert not by_lang[a] & by_lang[b], (a, b)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_the_swapped_singer_is_masked(lang):
    for name, text in _copies(lang):
        masked = mask(text).text
        assert "[PERSON]" in masked
        for part in name.split():
            if len(part) > 2:  # Vietnamese syllables of two letters may stay ("Mỹ")
                assert part not in masked, (name, masked)


def test_spanish_apposition_and_particle_are_masked():
    text = (
        "El cantante José Luis Perales y Luiz Inácio Lula da Silva lloraron en el escenario. "
        "Perales abrazó a la niña y Lula pagó sus estudios."
    )
    masked = mask(text).text
    assert masked.count("[PERSON]") == 4, masked
    assert "da Silva" not in masked


def test_english_campaign_masks_are_those_of_the_english_recognizer():
    """No name is added to an English text: English clustering is unchanged."""
    for line in CAMPAIGNS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert international_names(record["text"], record.get("title") or "") == ()


def test_english_viral_stories_get_no_added_names():
    if not VIRAL.exists():
        pytest.skip(f"needs {VIRAL} (../shared/data beside the repository)")
    rows = [json.loads(line) for line in VIRAL.read_text(encoding="utf-8").splitlines()]
    added = [r["id"] for r in rows if international_names(r["text"], r.get("title") or "")]
    assert added == []


def test_hoaxlens_cluster_joins_the_spanish_and_german_copies(tmp_path):
    from click.testing import CliRunner

    from hoaxlens.cli import EXIT_OK, cli

    path = tmp_path / "copies.jsonl"
    rows = [
        {"id": f"{lang}-{k}", "text": text}
        for lang in ("es", "de")
        for k, (_, text) in enumerate(_copies(lang))
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    result = CliRunner().invoke(cli, ["cluster", str(path)])
    assert result.exit_code == EXIT_OK, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_lang: dict[str, set[str]] = {}
    for record in records:
        by_lang.setdefault(record["id"].split("-")[0], set()).add(record["cluster_id"])
    assert len(by_lang["es"]) == 1
    assert len(by_lang["de"]) == 1
    assert by_lang["es"] != by_lang["de"]
