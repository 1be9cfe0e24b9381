"""The result page's explanations in real headless Chromium (like test_browser.py).

The obfuscated example shows a baseline-to-final chart and at most twelve ranked evidence
items, the lookalike letters as one grouped item whose letters are marked only on request.
A stored record with contributions both ways (what a model with genuine-direction signals
gives) draws bars on both sides of the chart, and keyboard users reach each signal's
description; an abstained verdict says why in words. Screenshots go to ``tmp_path`` (and
to ``HOAXLENS_SCREENSHOT_DIR`` if set).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
from service_helpers import CHROMIUM, running_server

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings
from hoaxlens.service.views import NewDocument
from hoaxlens.types import MediaType, RawDocument

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = (REPO / "examples" / "farm_obfuscated.txt").read_text(encoding="utf-8")
OBITUARY = (REPO / "examples" / "genuine_obituary.txt").read_text(encoding="utf-8")
# Portuguese: a language with resources but no pipeline model yet (issue 21), so it abstains
PORTUGUESE = (
    "Ninguém esperava: o cantor parou o show quando viu uma menina chorando na primeira "
    "fila. O que ele fez depois deixou 50 mil pessoas em lágrimas."
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this in CI)",
)


@pytest.fixture
def app(tmp_path):
    return create_app(ServiceSettings(store_url=str(tmp_path / "explain.db")))


def _keep(tmp_path: Path, *names: str) -> None:
    keep = os.environ.get("HOAXLENS_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for name in names:
            (Path(keep) / name).write_bytes((tmp_path / name).read_bytes())


def _at(text: str, needle: str, reason: str) -> dict[str, object]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "reason": reason}


def two_sided(record: dict) -> dict:
    """``record`` as a model with genuine-direction signals would score it: both ways."""
    text = record["text"]
    signals = [s for s in record["signals"] if s["id"] != "lexical.v1"]
    signals += [
        {
            "id": "named_speaker.v1",
            "score": 0.8,
            "contribution": -2.4,
            "evidence": [_at(text, "the friend said", "a quote with a speaker")],
        },
        {
            "id": "specific_date.v1",
            "score": 0.5,
            "contribution": -1.1,
            "evidence": [_at(text, "last week", "a checkable time")],
        },
    ]
    baseline = -3.0
    final = baseline + sum(s["contribution"] for s in signals)
    return record | {
        "signals": signals,
        "baseline": baseline,
        "score": round(1 / (1 + math.exp(-final)), 6),
        "label": "fabricated" if final > 0 else "genuine",
    }


def _store(app, record: dict) -> int:
    raw = RawDocument(
        id="two-sided", content=record["text"], media_type=MediaType.TEXT, source="test"
    )
    new = NewDocument(raw, record, json.dumps(record, ensure_ascii=False), ())
    stored = app.state.context.store.add_document(new, lambda i, _earlier: (f"solo-{i}", []))
    return stored.document_id


def _red_marks(page) -> int:
    """Restored letters painted red (the stylesheet's --fab colour)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#story mark.obf')).filter(
            (m) => getComputedStyle(m).color === 'rgb(179, 38, 30)').length"""
    )


@pytest.mark.parametrize("story", [pytest.param(EXAMPLE, id="farm_obfuscated")])
def test_chromium_obfuscated_example_explains_in_twelve_items(app, page, tmp_path, story):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    with running_server(app) as base:
        page.goto(base + "/")
        page.fill("#text", story)
        page.click("#analyze")
        page.wait_for_url("**/documents/*")

        chart = page.locator("svg.chart")
        assert chart.locator("rect.marker.baseline").count() == 1
        assert (page.text_content("svg.chart text.marker-label.baseline") or "").startswith(
            "baseline "
        )
        assert (page.text_content("svg.chart text.marker-label.final") or "").startswith("final ")
        bars = chart.locator("rect.bar")
        assert bars.count() >= 4
        assert chart.locator("text.bar-label").count() == bars.count()
        assert "Wording of known farm stories" in (
            page.text_content("svg.chart") or ""
        )  # plain names

        items = page.locator("#evidence > li")
        assert 1 <= items.count() <= 12
        grouped = page.locator("#evidence > li.grouped")
        assert grouped.count() == 1
        assert "letters in" in grouped.inner_text()
        assert "were lookalikes" in grouped.inner_text()
        assert "Lookalike letters" in grouped.inner_text()

        assert page.locator("#story mark.obf").count() > 20
        assert _red_marks(page) == 0  # restored letters are not painted by default
        page.check("#show-obf")
        assert _red_marks(page) > 20
        page.uncheck("#show-obf")

        shot = tmp_path / "explain-obfuscated.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    assert errors == []
    _keep(tmp_path, shot.name)


def test_chromium_chart_is_two_sided_for_a_record_with_genuine_evidence(app, page, tmp_path):
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.output import to_record

    raw = RawDocument(id="ex", content=EXAMPLE, media_type=MediaType.TEXT, source="ex")
    analysed = dict(to_record(Analyzer().analyze(raw)))
    record = two_sided(analysed)
    document_id = _store(app, record)
    analyzer = Analyzer()
    # the real pipeline on a Portuguese post: the gate, not a hand-set field, abstains
    other = RawDocument(id="pt", content=PORTUGUESE, media_type=MediaType.TEXT, source="pt")
    other_id = _store(app, dict(to_record(analyzer.analyze(other))))
    # the real pipeline on the genuine obituary: sourcing pulls left, other signals push right
    obituary = RawDocument(id="ob", content=OBITUARY, media_type=MediaType.TEXT, source="ob")
    obituary_id = _store(app, dict(to_record(analyzer.analyze(obituary))))
    with running_server(app) as base:
        page.goto(f"{base}/documents/{document_id}")

        chart = page.locator("svg.chart")
        assert chart.locator("rect.marker.baseline").count() == 1
        assert "baseline 5 %" in (page.text_content("svg.chart") or "")  # log-odds -3.0
        right = chart.locator("rect.bar.fabricated")
        left = chart.locator("rect.bar.genuine")
        assert right.count() >= 1
        assert left.count() == 2
        # a genuine bar runs left: it ends where the next bar (or the final line) starts
        labels = chart.locator("text.bar-label.genuine").all_text_contents()
        assert any(label.startswith("▼ named_speaker.v1 -2.40") for label in labels)

        items = page.locator("#evidence > li")
        assert items.count() <= 12
        assert page.locator("#evidence > li.genuine").count() == 2
        assert page.locator("#evidence > li.fabricated").count() >= 1
        assert page.locator("#story mark.ev[data-dir='genuine']").count() >= 2

        # keyboard: Tab reaches a signal's details, Enter opens its description
        summary = page.locator("#reasons li.fabricated summary").first
        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator("#reasons li.fabricated details").first.get_attribute("open") == ""
        shot = tmp_path / "explain-two-sided.png"
        page.screenshot(path=str(shot), full_page=True)

        page.goto(f"{base}/documents/{obituary_id}")
        assert page.inner_text("#verdict-label") == "genuine"
        chart = page.locator("svg.chart")
        assert chart.locator("rect.bar.genuine").count() >= 1
        assert chart.locator("rect.bar.fabricated").count() >= 1
        assert page.locator("#evidence > li.genuine").count() >= 1
        page.screenshot(path=str(tmp_path / "explain-genuine.png"), full_page=True)

        page.goto(f"{base}/documents/{other_id}")
        assert page.inner_text("#verdict-label") == "uncertain"
        assert page.inner_text("#abstain-message") == (
            "Not judged. Portuguese: this model reads English; translate it or label it yourself."
        )
        page.screenshot(path=str(tmp_path / "explain-abstained.png"))
    _keep(tmp_path, shot.name, "explain-abstained.png", "explain-genuine.png")
