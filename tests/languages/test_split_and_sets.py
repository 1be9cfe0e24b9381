import collections
from pathlib import Path

import pytest

from hoaxlens.languages.sets import cache_dir, read_language_set
from hoaxlens.languages.split import registrable_domain, site_key, split_of

SETS = Path(__file__).resolve().parents[2] / "bench" / "sets"
LANGS = ("es", "pt", "fr", "de", "it", "vi")


def test_registrable_domain_groups_hosts_of_one_site():
    assert registrable_domain("24h.newsdailyvn.com") == "newsdailyvn.com"
    assert registrable_domain("giadinh.suckhoedoisong.vn") == "suckhoedoisong.vn"
    assert registrable_domain("gauchazh.clicrbs.com.br") == "clicrbs.com.br"
    assert site_key("news399media.com") == site_key("news511media.com")
    assert site_key("vietwedding.net") == site_key("amazingtoday.net")


def test_split_is_fixed_by_the_site():
    assert split_of("checkpoint.tagesspiegel.de") == split_of("tagesspiegel.de")
    assert {split_of(f"site{i}.example") for i in range(20)} == {"tune", "heldout"}


@pytest.mark.parametrize("lang", LANGS)
def test_index_halves_never_share_a_site(lang):
    index = SETS / f"lang_{lang}.jsonl"
    if not index.exists():
        pytest.skip(f"{index} absent")
    halves: dict[str, set[str]] = collections.defaultdict(set)
    for line in index.read_text(encoding="utf-8").splitlines():
        host = __import__("json").loads(line)["source_domain"]
        halves[site_key(host)].add(split_of(host))
    assert all(len(h) == 1 for h in halves.values())


@pytest.mark.parametrize("lang", LANGS)
def test_cached_texts_join_the_index(lang):
    cache = cache_dir() / f"lang_{lang}.jsonl"
    if not cache.exists():
        pytest.skip(
            f"bench-set texts not cached at {cache} (set HOAXLENS_BENCH_CACHE, e.g. to "
            "/work/shared-cache/bench-sets)"
        )
    items, missing = read_language_set(SETS / f"lang_{lang}.jsonl", cache)
    assert items
    assert len(missing) <= len(items) // 10
    assert {it.half for it in items} == {"tune", "heldout"}
    assert all(it.lang == lang for it in items)
