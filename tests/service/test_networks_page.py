"""``/networks``: operator networks of the stored pages (issue 22), with their evidence."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from service_helpers import STORE_KINDS, store_url_for

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

# Hand-written pages: two farm sites share one AdSense publisher account; a news site has
# its own account and the same WordPress theme as the farms (a weak id: never links).
STORY = (
    "<p>The singer stopped the concert when she saw a crying girl in the front row.</p>"
    "<p>What she did next left fifty thousand people in tears. Nobody saw it coming.</p>"
    "<p>She walked down, took the girl's hand and sang the last song beside her.</p>"
)


def _page(site: str, publisher: str, title: str) -> str:
    return (
        f"<html><head><title>{title}</title>"
        '<link rel="stylesheet" href="/wp-content/themes/newsup/style.css?ver=1.2">'
        f'<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client={publisher}"></script>'
        f"</head><body><article><h1>{title}</h1>{STORY}"
        f'<ins class="adsbygoogle" data-ad-client="{publisher}" data-ad-slot="1234567890"></ins>'
        f"<p>More on {site}.</p></article></body></html>"
    )


@pytest.fixture(params=STORE_KINDS)
def client(request, tmp_path):
    url = store_url_for(request.param, tmp_path)
    settings = ServiceSettings(store_url=url, analysis_workers=0, run_worker=False)
    with TestClient(create_app(settings)) as client:
        yield client


def test_empty_store_says_there_is_nothing_to_link(client):
    page = client.get("/networks")
    assert page.status_code == 200
    assert 'id="no-networks"' in page.text
    assert 'href="/networks">Networks</a>' in page.text  # in the navigation


def test_two_farm_sites_sharing_an_ad_account_are_one_network_with_evidence(client):
    pages = [
        ("kindnews.example", "ca-pub-1111222233334444", "A star stops the show"),
        ("starbuzz.example", "ca-pub-1111222233334444", "The girl in the front row"),
        ("citypaper.example", "ca-pub-9999888877776666", "Council approves budget"),
    ]
    for site, publisher, title in pages:
        body = {"html": _page(site, publisher, title), "url": f"https://{site}/2026/story"}
        assert client.post("/v1/analyze", json=body).status_code == 200
    html = client.get("/networks").text
    assert "1 network of two or more sites" in html
    assert "3 sites in 3 stored pages" in html
    section = html[html.index('<section class="network"') :]
    section = section[: section.index("</section>")]
    assert "kindnews.example" in section
    assert "starbuzz.example" in section
    assert "citypaper.example" not in section  # same theme, other ad account: not linked
    assert "<code>ca-pub-1111222233334444</code>" in section
    assert "<svg" in html  # the picture, drawn offline
    for site in ("kindnews.example", "starbuzz.example"):  # evidence: where each carries it
        assert f"{site}: in a <code>&lt;script&gt;</code> attribute at offset" in section
