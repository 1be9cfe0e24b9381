"""The dashboard hook: networks of stored documents, paged."""

from __future__ import annotations

from hoaxlens.networks import (
    StoredStory,
    network_key,
    network_page,
    stored_network_records,
    template_pushers,
)
from hoaxlens.types import MediaType, RawDocument


def _stored(
    domain: str,
    n: int,
    pub: str,
    *,
    label: str = "fabricated",
    cluster: str | None = "c-1",
    size: int = 3,
) -> StoredStory:
    tag = f'<ins class="adsbygoogle" data-ad-client="{pub}"></ins>'
    html = f"<html><body><p>story</p>{tag}</body></html>"
    raw = RawDocument(f"{domain}-{n}", html, MediaType.HTML, "store", url=f"https://{domain}/{n}/")
    return StoredStory(raw, label, cluster, size)


STORE = [
    _stored("a.example", 1, "ca-pub-1111222233334444"),
    _stored("a.example", 2, "ca-pub-1111222233334444", label="genuine", cluster=None, size=1),
    _stored("b.example", 1, "ca-pub-1111222233334444"),
    _stored("c.example", 1, "ca-pub-5555666677778888"),
    _stored("d.example", 1, "ca-pub-5555666677778888", label=None),  # an error row: no story
    _stored("e.example", 1, "ca-pub-9999000011112222"),
]


def test_stored_documents_make_networks_with_their_stories():
    records = {r["domain"]: r for r in stored_network_records(STORE)}
    assert (
        records["a.example"]["network_id"]
        == records["b.example"]["network_id"]
        == network_key("a.example")
    )
    assert records["a.example"]["stories"] == 2
    assert records["a.example"]["fabricated"] == 1
    assert records["d.example"]["network_id"] == records["c.example"]["network_id"]
    assert records["d.example"]["stories"] == 0
    assert records["e.example"]["network_size"] == 1
    pushers = template_pushers(list(records.values()))
    assert pushers["c-1"] == sorted(
        {network_key("a.example"), network_key("c.example"), network_key("e.example")}
    )


def test_network_page_pages_networks_and_draws_only_them():
    records = stored_network_records(STORE)
    first = network_page(records, offset=0, limit=1)
    second = network_page(records, offset=1, limit=1)
    assert first["total"] == second["total"] == 2
    [one], [two] = first["networks"], second["networks"]
    assert sorted([one["domains"], two["domains"]]) == [
        ["a.example", "b.example"],
        ["c.example", "d.example"],
    ]
    assert one["shared"][0]["evidence"][0]["tag"] == "ins"
    assert one["network_id"] in first["svg"]
    assert two["network_id"] not in first["svg"]
    assert first["alone"] == 1
    assert [c["template"] for c in first["crossing"]] == ["c-1"]
    assert network_page(records, offset=5)["networks"] == []
