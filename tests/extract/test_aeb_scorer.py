"""bench/extract.py's article-extraction-benchmark mode, on a tiny directory we made.

The Scrapinghub benchmark's HTML is not vendored (nor reachable offline), so the scorer is
checked here on three pages in the same layout (``ground-truth.json`` + ``html/*.html.gz``)
and against hand-computed shingle counts from the benchmark's ``evaluate.py`` definition.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from loadscript import load_script

BENCH = Path(__file__).resolve().parents[2] / "bench" / "extract.py"
STORY = (
    "The retired teacher opened her door to find forty former students on the lawn. "
    "Each of them carried one page of a letter they had written together over a year. "
    "She read every page standing on the porch while the street went quiet around her."
)


def _bench():
    return load_script(BENCH, "bench_extract")


BENCH_MODULE = _bench()


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        pytest.param("a b c d e", "a b c d e", (1.0, 0.0, 0.0), id="identical"),
        pytest.param("a b c d e", "a b c d x", (1 / 3, 1 / 3, 1 / 3), id="one-shingle-each"),
        pytest.param("a b c d e", "", (0.0, 0.0, 1.0), id="empty-prediction"),
        pytest.param("a b", "a b", (1.0, 0.0, 0.0), id="shorter-than-a-shingle"),
    ],
)
def test_shingle_match_follows_evaluate_py(true, pred, expected):
    assert BENCH_MODULE.shingle_match(true, pred) == pytest.approx(expected)


def test_aeb_metrics_average_per_page_and_skip_empty_sides():
    # page 2 predicts nothing: it counts for recall (0) but not for precision
    got = BENCH_MODULE.aeb_metrics([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)])
    assert got["precision"] == pytest.approx(1.0)
    assert got["recall"] == pytest.approx(0.5)
    assert got["f1"] == pytest.approx(2 / 3)


def _page(title: str, body: str, rail: str) -> str:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(".") if s.strip())
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<aside><h2>Related</h2><ul><li><a href='/x'>{rail}</a></li></ul></aside>"
        "<footer>© 2024 Example Media. All rights reserved.</footer></body></html>"
    )


def test_aeb_mode_scores_every_extractor_on_a_directory(tmp_path, capsys):
    (tmp_path / "html").mkdir()
    truth = {}
    for i in range(3):
        key = f"page{i}"
        title = f"Students Surprise Their Old Teacher Number {i}"
        html = _page(title, STORY, f"Another Story About Someone Else {i}")
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[key] = {"articleBody": STORY, "url": f"https://example.org/{key}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    report = BENCH_MODULE.run_aeb(tmp_path)
    assert report is not None
    assert report["pages"] == 3
    assert set(report["modes"]) == set(BENCH_MODULE.MODES)
    ours = report["modes"]["hoaxlens with fallback"]
    assert ours["recall"] == pytest.approx(1.0)
    assert ours["precision"] == pytest.approx(1.0)  # rail, menu, footer and headline left out
    assert all(m["pages_per_cpu_s"] > 0 for m in report["modes"].values())
    assert set(report["halves"]) == {"tune", "heldout"}
    assert "Scrapinghub article-extraction benchmark: 3 pages" in capsys.readouterr().out


def test_aeb_mode_says_where_the_data_comes_from_when_absent(tmp_path, capsys):
    assert BENCH_MODULE.run_aeb(tmp_path / "missing") is None
    assert "article-extraction-benchmark" in capsys.readouterr().out


def test_aeb_halves_are_fixed_by_the_key_hash():
    assert BENCH_MODULE.aeb_half("a") == "heldout"  # sha1 ends in "8"
    assert BENCH_MODULE.aeb_half("e") == "tune"  # sha1 ends in "f"


def test_per_page_scores_are_refused_for_the_held_out_half(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit, match="tuning half only"):
        BENCH_MODULE.run_aeb(tmp_path, per_page=tmp_path / "p.tsv")


def test_dev_sets_are_scored_on_a_made_up_directory(tmp_path):
    # readability's layout: <case>/source.html and expected.html; trafilatura's: evaldata.json
    # naming files under eval/ or cache/ with snippets that must and must not be found.
    page = (
        "<html><head><title>Teacher Finds Forty Students On Her Lawn</title></head><body>"
        "<h1>Teacher Finds Forty Students On Her Lawn</h1>"
        f"<article><p>{STORY}</p><p>{STORY}</p></article>"
        "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
    )
    case = tmp_path / "readability-test-pages" / "teacher"
    case.mkdir(parents=True)
    (case / "source.html").write_text(page, encoding="utf-8")
    (case / "expected.html").write_text(f"<div><p>{STORY}</p><p>{STORY}</p></div>")
    traf = tmp_path / "trafilatura-eval"
    (traf / "eval").mkdir(parents=True)
    (traf / "eval" / "teacher.html").write_text(page, encoding="utf-8")
    truth = {
        "https://x.test/t": {
            "file": "teacher.html",
            "with": ["forty former students"],
            "without": ["All rights reserved"],
        }
    }
    (traf / "evaldata.json").write_text(json.dumps(truth), encoding="utf-8")
    per_page = tmp_path / "rows.tsv"
    report = BENCH_MODULE.run_dev(tmp_path, per_page)
    fast = "hoaxlens fast path"
    assert report["readability"]["pages"] == 1
    assert report["readability"]["modes"][fast]["f1"] == pytest.approx(1.0)
    snippets = report["trafilatura"]["modes"][fast]
    assert (snippets["precision"], snippets["recall"], snippets["accuracy"]) == (1.0, 1.0, 1.0)
    rows = per_page.read_text(encoding="utf-8").splitlines()
    assert f"trafilatura\tteacher.html\t{fast}\t1/1\t0/1" in rows
