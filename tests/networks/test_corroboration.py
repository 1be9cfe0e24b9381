"""Step 5 of the linking rule: an operator's own ids attach its sites that stood alone."""

from __future__ import annotations

from dataclasses import replace

from hoaxlens.networks import (
    Fingerprint,
    NetworkConfig,
    Networks,
    PageFingerprints,
    Strength,
    crossing_templates,
    find_networks,
    network_records,
    network_summaries,
)
from hoaxlens.networks.report import SiteStories

S, M = Strength.STRONG, Strength.MEDIUM


def _page(domain: str, *ids: tuple[str, str, Strength]) -> PageFingerprints:
    found = tuple(Fingerprint(k, v, s, "script", 10, "script") for k, v, s in ids)
    return PageFingerprints(f"{domain}/1", f"https://{domain}/1", domain, found)


def _operator(prefix: str, n: int, *extra: tuple[str, str, Strength]) -> list[PageFingerprints]:
    return [_page(f"{prefix}{i}.ex", ("adsense", f"pub-{prefix}", S), *extra) for i in range(n)]


def test_a_site_with_only_the_operators_two_author_slugs_joins():
    slugs = (("author", "x-writer", M), ("author", "y-writer", M))
    pages = [*_operator("a", 6, *slugs), _page("straggler.ex", *slugs)]
    found = find_networks(pages)
    assert found.roots["straggler.ex"] == found.roots["a0.ex"]
    assert ("author", "x-writer") in (found.corroborated or ())
    off = find_networks(pages, NetworkConfig(corroboration=None))
    assert off.roots["straggler.ex"] == "straggler.ex"  # 1 - 0.4² = 0.84 < 0.9 without it


def test_a_site_with_one_damped_id_of_its_operator_joins():
    config = NetworkConfig(soft_domains=6, hub_domains=100)
    ids = (("ga4", "G-OP", S), ("gtm", "GTM-OP", S))  # each on 7-8 sites: damped to 0.73
    pages = [_page(f"s{i}.ex", *ids) for i in range(7)] + [_page("s7.ex", ids[0])]
    found = find_networks(pages, config)
    assert len(set(found.roots.values())) == 1
    edge = next(e for e in found.edges if "s7.ex" in (e.a, e.b))
    assert edge.shared[0].corroborated
    assert edge.shared[0].weight == 0.97


def test_one_generic_slug_does_not_join_a_genuine_site():
    pages = [
        *_operator("a", 6, ("author", "web-desk", M)),
        _page("news.ex", ("author", "web-desk", M)),
    ]
    assert find_networks(pages).roots["news.ex"] == "news.ex"


def test_networks_are_never_merged():
    shared = ("ga4", "G-WIDGET", S)  # on 8 sites: 6 of one network, 2 of another
    pages = [*_operator("a", 6, shared), *_operator("b", 2, shared)]
    config = NetworkConfig(soft_domains=4, hub_domains=100)
    found = find_networks(pages, config)
    assert found.roots["a0.ex"] != found.roots["b0.ex"]
    assert found.corroborated == ()


def test_a_site_claimed_by_two_networks_stays_alone():
    a = (("author", "a-one", M), ("author", "a-two", M))
    b = (("author", "b-one", M), ("author", "b-two", M))
    pages = [*_operator("a", 6, *a), *_operator("b", 6, *b), _page("both.ex", *a, *b)]
    found = find_networks(pages)
    assert found.roots["both.ex"] == "both.ex"


def test_first_pass_networks_are_corroborated_in_the_records():
    """Spark assembles first-pass networks; network_records completes them the same way."""
    slugs = (("author", "x-writer", M), ("author", "y-writer", M))
    pages = [*_operator("a", 6, *slugs), _page("straggler.ex", *slugs)]
    full = find_networks(pages)
    first = find_networks(pages, NetworkConfig(corroboration=None))
    as_spark = Networks(first.profiles, first.sites_of, first.edges, first.roots, NetworkConfig())
    assert network_records(as_spark, {}) == network_records(full, {})
    assert full.corroborated is not None
    assert network_records(replace(full), {}) == network_records(full, {})  # runs once


def test_summaries_list_shared_ids_with_evidence_and_crossing_templates():
    pages = [*_operator("a", 3), _page("solo.ex", ("adsense", "pub-solo", S))]
    stories = {
        "a0.ex": SiteStories(2, 1, ("c-1",)),
        "solo.ex": SiteStories(1, 1, ("c-1",)),
    }
    records = network_records(find_networks(pages), stories)
    [summary] = network_summaries(records)
    assert summary["domains"] == ["a0.ex", "a1.ex", "a2.ex"]
    assert summary["stories"] == 2
    [shared] = summary["shared"]
    assert (shared["kind"], shared["value"], shared["sites"]) == ("adsense", "pub-a", 3)
    assert shared["evidence"][0] == {
        "domain": "a0.ex", "strength": "strong", "doc_id": "a0.ex/1",
        "url": "https://a0.ex/1", "tag": "script", "offset": 10, "context": "script",
    }  # fmt: skip
    assert summary["confidence"] == {"min": 0.97, "max": 0.97, "links": 3}
    [crossing] = crossing_templates(records)
    assert crossing["template"] == "c-1"
    assert crossing["domains"] == ["a0.ex", "solo.ex"]
    assert len(crossing["networks"]) == 2
