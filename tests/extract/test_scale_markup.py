"""Hostile markup is extracted (or refused) in linear time.

Found by a hunt at 7e08dfa, each path cost the page's size times something of the page:
- the nesting-depth estimate (``limits``) counted a stray ``</i>`` as closing a level and
  took SVG shapes and ``<rt>`` for void, so a page could nest thousands deep unseen, and
  the extractors' passes over such a tree are quadratic in its depth;
- ``og:`` meta tags were deduplicated against a list, JSON-LD was walked with
  ``list.pop(0)``;
- ``link_texts`` and ``link_hrefs`` searched from every ``<a`` after the page's last ">"
  to its end.
Each page runs in a child process with a limit on its CPU time (``tests/cpuchild.py``), so
a busy machine does not fail a linear extractor; at 7e08dfa each of them took 30 s to
minutes.
"""

from __future__ import annotations

import pytest

from cpuchild import extract_cpu
from hoaxlens.errors import ExtractError
from hoaxlens.extract import extract_article, limits
from hoaxlens.types import MediaType, RawDocument

CPU_SECONDS = 10.0  # the linear runs below take 0.1-2 s on two busy cores

_BUILD = """
story = "<article><h1>Harbour Dredging Will Resume</h1><div class='body'>"
story += "".join(f"<p>{p}</p>" for p in lines) + "</div></article>"
head, tail, extra = "<title>Harbour Dredging Will Resume | Port News</title>", "", ""
if case == "stray-end-tags":  # each </i> closes nothing: the <div> nest regardless
    extra = "<div>" + "</i><div>x " * count
elif case == "svg-shapes":  # outside an <svg>, a <line> holds what follows it
    extra = "<div>" + "<line>word and more words<br>" * count
elif case == "ruby-text":  # outside a <ruby>, so does an <rt>
    extra = "<div>" + "<rt>word and more words<br>" * count
elif case == "og-tags":
    head += "".join(f"<meta property='og:x{i}' content='value {i}'>" for i in range(count))
elif case == "json-ld-list":  # scripts of a 99,000-item list each
    data = "[" + ",".join(["0"] * 99_000) + "]"
    head += f"<script type='application/ld+json'>{data}</script>" * count
elif case == "link-tail":  # "<a" over and over, no ">" after them
    tail = ("<a x" + "y" * 1000) * count
elif case == "hrefs-tail":  # "<a href=" over and over, no ">" after them
    tail = ("<a href=x " + "y" * 1000) * count
content = f"<!DOCTYPE html><html><head>{head}</head><body>{story}{extra}</body></html>{tail}"
"""


# CPU seconds at 7e08dfa, in this order: 62.6, 63.7, 58.7, 54.0, 38.6, 40.3, 109 (the depth
# cases were extracted there, a nesting of thousands); here 0.04-0.8.
@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "count", "expected"),
    [
        pytest.param("stray-end-tags", 40_000, "too_deep", id="stray-end-tags"),
        pytest.param("svg-shapes", 8_000, "too_deep", id="svg-shapes"),
        pytest.param("ruby-text", 8_000, "too_deep", id="ruby-text"),
        pytest.param("og-tags", 64_000, "extracted", id="og-tags"),
        pytest.param("json-ld-list", 48, "extracted", id="json-ld-list"),
        pytest.param("link-tail", 10_000, "extracted", id="link-tail"),
        pytest.param("hrefs-tail", 16_000, "extracted", id="hrefs-tail"),
    ],
)
def test_hostile_markup_is_handled_in_linear_time(case: str, count: int, expected: str) -> None:
    outcome, cpu = extract_cpu(_BUILD, case, count)
    assert outcome == expected
    assert cpu < CPU_SECONDS, (
        f"{case} x {count:,} took {cpu:.1f} s of CPU (limit {CPU_SECONDS} s): quadratic?"
    )


def test_json_ld_nested_past_the_stack_is_skipped() -> None:
    # json.loads raises RecursionError on 100,000 nested lists: the script is ignored like
    # any unreadable JSON-LD, and the page is extracted.
    story = "".join(
        f"<p>Paragraph {i} of the story, long enough to be prose.</p>" for i in range(5)
    )
    nested = "[" * 100_000 + "]" * 100_000
    html = (
        f"<html><head><title>Star Stuns Fans</title>"
        f"<script type='application/ld+json'>{nested}</script></head>"
        f"<body><h1>Star Stuns Fans</h1>{story}</body></html>"
    )
    raw = RawDocument(id="j", content=html, media_type=MediaType.HTML, source="j.html")
    assert "Paragraph 4 of the story" in extract_article(raw).body


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param("</i><div>x ", id="stray-end-tag"),
        pytest.param("<span><div>x</span></div>", id="ignored-end-tag"),  # the spans stay
        pytest.param("<div><b id={i}>x</div>", id="reopened-formatting"),  # rebuilt below
        pytest.param("<dt><li>x", id="siblings-nesting"),
        pytest.param("<div><!--</div>-->x", id="end-tag-in-comment"),
        pytest.param("<div><img alt='</div>'>x", id="end-tag-in-attribute"),
        pytest.param("<div><script>'</div>'</script>x", id="end-tag-in-script"),
        pytest.param("<line>x", id="svg-shape"),
        pytest.param("<rt>x", id="ruby-text"),
    ],
)
def test_markup_the_tag_count_would_misread_is_measured_on_its_tree(unit: str) -> None:
    # Each unit nests one level or more that counting open minus close tags does not see.
    units = "".join(unit.format(i=i) for i in range(1_000))
    html = f"<html><body>{units}<h1>Star Stuns Fans</h1><p>{'word ' * 40}</p></body></html>"
    assert limits.check_markup(html)
    with pytest.raises(ExtractError) as info:
        extract_article(RawDocument(id="d", content=html, media_type=MediaType.HTML, source="d"))
    assert info.value.error_type == "too_deep"
