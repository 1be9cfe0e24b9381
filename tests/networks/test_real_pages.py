# ruff: noqa: E501 - one observed tag a line
"""The real-world check: identifiers read from real saved pages, and the networks they make.

``real_pages.json`` is an index built by running ``fingerprint_html`` over the saved pages
of three public test sets (mozilla/readability and adbar/trafilatura, Apache-2.0;
scrapinghub/article-extraction-benchmark, MIT): URLs and identifiers with their evidence
(tag, offset in the saved file, context) and nothing of the pages' text. The markup below
is hand-written: each line reproduces only the shape of the tag an identifier sat in on
a real page (the syntax, the attribute or call), with the real identifier in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoaxlens.networks import (
    Fingerprint,
    PageFingerprints,
    Strength,
    find_networks,
    fingerprint_html,
)

INDEX = json.loads((Path(__file__).parent / "real_pages.json").read_text(encoding="utf-8"))


def _pages() -> list[PageFingerprints]:
    return [
        PageFingerprints(
            p["source"],
            p["url"],
            p["domain"],
            tuple(
                Fingerprint(k, v, Strength[s.upper()], t, o, c)
                for k, v, s, t, o, c in p["identifiers"]
            ),
        )
        for p in INDEX["pages"]
    ]


def test_real_pages_make_the_recorded_networks():
    roots = find_networks(_pages()).roots
    groups: dict[str, list[str]] = {}
    for domain, root in roots.items():
        groups.setdefault(root, []).append(domain)
    found = sorted(sorted(g) for g in groups.values() if len(g) > 1)
    assert found == sorted(n["domains"] for n in INDEX["networks"])
    assert len(found) == 9


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("foxnews.com", "foxbusiness.com", id="one-owner-only-a-facebook-app-id"),
        pytest.param("us.yahoo.com", "gma.yahoo.com", id="one-owner-only-a-facebook-app-id-2"),
        pytest.param("deccanherald.com", "venturebeat.com", id="wire-byline-reuters"),
        pytest.param("mixed.de", "rechtambild.de", id="first-name-author-slug"),
    ],
)
def test_a_medium_identifier_alone_never_joins_real_sites(a, b):
    roots = find_networks(_pages()).roots
    assert roots[a] != roots[b]


# (hand-written tag in the shape observed, kind, value, tag, context)
OBSERVED = [
    ('<meta name="msvalidate.01" content="9451CA04ABC9D1D5C6419C73B4C4F7B7">', "verify_bing", "9451CA04ABC9D1D5C6419C73B4C4F7B7", "meta", "attribute"),
    ("<script>var s = document.createElement('script'); s.async = 1; s.src = '//cdn.taboola.com/libtrc/futureplc-network/loader.js';</script>", "taboola", "futureplc-network", "script", "script"),
    ("<script>var ga_code = 'UA-72111741-7';</script>", "ga_ua", "UA-72111741", "script", "script"),
    ('<meta property="fb:app_id" content="549923288395304" />', "fb_app", "549923288395304", "meta", "attribute"),
    ('<script>window.config = {"blogGroup":"kotaku","googleAnalyticsID":"UA-142218-8"};</script>', "ga_ua", "UA-142218", "script", "script"),
    ("<script>window.google_analytics_uacct = 'UA-142218-1'; var google_adnum = 0;</script>", "ga_ua", "UA-142218", "script", "script"),
    ("<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-36116321-4']);</script>", "ga_ua", "UA-36116321", "script", "script"),
    ('<script>var ad = "<ins class=\\"adsbygoogle\\" data-ad-client=\\"ca-pub-5786243031610172\\" data-ad-slot=\\"1\\"></ins>";</script>', "adsense", "ca-pub-5786243031610172", "script", "script"),
    ("<script>window.dataLayer = window.dataLayer || []; dataLayer.push({ 'ga_ua' : 'UA-61435456-5' });</script>", "ga_ua", "UA-61435456", "script", "script"),
    ('<script>var tags = {"tagManager":"GTM","containerId":"GTM-NFD2QGD","collectors":["connext"]};</script>', "gtm", "GTM-NFD2QGD", "script", "script"),
    ("<script>(function(w,d,s,l,i){w[l]=w[l]||[];})(window,document,'script','dataLayer','GTM-TLFP4R');</script>", "gtm", "GTM-TLFP4R", "script", "script"),
    ('<script>var t = {"api_Id":"gannettcompany-detroitnews","eu":{"loader":"//cdn.taboola.com/libtrc/gannett-network/loader.js"}};</script>', "taboola", "gannett-network", "script", "script"),
    ('<script>window.googleAnalyticsConfig = {"trackers":[{"name":"_tempestTracker","id":"UA-1778701-17"}]};</script>', "ga_ua", "UA-1778701", "script", "script"),
]  # fmt: skip


@pytest.mark.parametrize(("html", "kind", "value", "tag", "context"), OBSERVED)
def test_observed_tag_shapes_give_the_recorded_identifier(html, kind, value, tag, context):
    page = f"<html><head></head><body>{html}</body></html>"
    found = {
        (f.kind, f.value, f.tag, f.context)
        for f in fingerprint_html(page, doc_id="d", url="https://x.example/").fingerprints
    }
    assert (kind, value, tag, context) in found
    recorded = {(k, v, t, c) for p in INDEX["pages"] for k, v, _, t, _, c in p["identifiers"]}
    assert (kind, value, tag, context) in recorded  # as extracted from the real page
