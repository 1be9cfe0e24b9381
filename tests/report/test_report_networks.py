"""The report's operator-network view: a crawl where two sites share an AdSense id."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from hoaxlens.cli import cli
from hoaxlens.networks import network_key
from hoaxlens.networks.synthetic import SyntheticCrawl, SyntheticPage, warc_bytes

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "campaigns.jsonl"
PUB = "ca-pub-1234567890123456"
# Hand-written markup: one ad tag per site, in the syntaxes sites use.
IDS = {
    "kindnews.example": f'<ins class="adsbygoogle" data-ad-client="{PUB}" data-ad-slot="1"></ins>',
    "starbuzz.example": (
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'
        f'?client={PUB}" crossorigin="anonymous"></script>'
    ),
    "dailyglow.example": '<ins class="adsbygoogle" data-ad-client="ca-pub-9999888877776666"></ins>',
    # A news site quoting the farms' id in its text: not a live tag, never joins.
    "countrywire.example": f"<p>The sites shared the publisher id {PUB}.</p>",
    "citypaper.example": "<script>gtag('config', 'G-CITYPAPER1');</script>",
}


def _page(record: dict, domain: str) -> SyntheticPage:
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{record['title']}</title>"
        f"<link rel='stylesheet' href='https://{domain}/wp-content/themes/newspaper/style.css'>"
        f"</head><body><article><h1>{record['title']}</h1><p>{record['text']}</p></article>"
        f"{IDS[domain]}</body></html>"
    )
    # Every site on the same CDN address and server: hosting alone never joins sites.
    return SyntheticPage(
        f"urn:uuid:{record['id']}", record["url"], html, "104.21.1.17", "cloudflare", True
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("networks-report")
    records = [json.loads(x) for x in FIXTURE.read_text(encoding="utf-8").splitlines()]
    pages = tuple(_page(r, r["url"].split("/")[2]) for r in records)
    owner = {d: d for d in IDS}
    crawl = SyntheticCrawl(pages, owner, frozenset({"countrywire.example"}), 0)
    (folder / "crawl.warc").write_bytes(warc_bytes(crawl))
    out = folder / "report.html"
    result = CliRunner().invoke(cli, ["report", str(folder / "crawl.warc"), "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _section(html: str, network_id: str) -> str:
    match = re.search(rf'<section class="network" id="{network_id}">(.*?)</section>', html, re.S)
    assert match is not None, f"no section for {network_id}"
    return match.group(1)


def test_two_sites_sharing_an_adsense_id_are_one_network_with_its_evidence(report):
    section = _section(report, network_key("kindnews.example"))
    assert "2 sites" in section
    assert "kindnews.example, starbuzz.example" in section
    row = next(r for r in section.split("<tr>") if PUB in r)
    assert "<td>adsense</td>" in row
    assert "<td>strong</td>" in row
    # evidence: each site, the element the id sat in and its offset in the page
    assert re.search(r"kindnews\.example: &lt;ins&gt; at \d+ \(attribute\)", row)
    assert re.search(r"starbuzz\.example: &lt;script&gt; at \d+ \(attribute\)", row)
    assert "confidence 0.9" in section


def test_the_network_picture_is_inline_svg(report):
    figure = report.split('<figure class="network-graph">', 1)[1].split("</figure>", 1)[0]
    assert figure.startswith("<svg")
    assert f'data-network="{network_key("kindnews.example")}"' in figure
    assert "1 networks of two or more sites" in figure


def test_sites_without_a_shared_strong_id_stand_alone(report):
    assert report.count('<section class="network"') == 1
    assert "1 networks of two or more sites among 5 sites; 3 sites share no strong" in report
    section = _section(report, network_key("kindnews.example"))
    for alone in ("dailyglow.example", "countrywire.example", "citypaper.example"):
        assert alone not in section


def test_templates_crossing_networks_are_listed(report):
    table = report.split('id="crossing-table"', 1)[1].split("</table>", 1)[0]
    # the dance template runs on dailyglow (alone) and kindnews (the AdSense network)
    row = next(r for r in table.split("<tr>") if "dailyglow.example" in r)
    assert network_key("dailyglow.example") in row
    assert network_key("kindnews.example") in row
    assert 'href="#' in row  # to the template's own section above


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_report_with_networks_stays_self_contained(report):
    parser = _Tags()
    parser.feed(report)
    assert [t for t, _ in parser.tags if t == "script"] == ["script"]  # only the sorter
    for tag, attrs in parser.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.startswith(("http", "//")), (tag, attrs)
    for heading in ("Who is targeted", "Domains and pages", "Largest templates", "Error rows"):
        assert heading in report  # the existing sections are still there
