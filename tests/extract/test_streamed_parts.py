"""Parts of a streamed React page are read where a browser shows them.

React's streaming server rendering leaves a placeholder (``<template id="B:n">`` before a
"Loading..." fallback, or ``<template id="P:n">``) where a part goes, and sends the part
at the end of the body in ``<div hidden id="S:n">``, for a script to move. The pages are
written for these tests.
"""

from __future__ import annotations

from post_pages import extract_html  # sibling module (pytest's rootdir-less import)
from resiliparse.parse.html import HTMLTree

from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.extract.streamed import place_streamed_parts

HEADLINE = "City Council Approves New Bus Lanes After Long Debate"
LEAD = [
    f"The council voted late on Tuesday to add bus lanes on four avenues, part {i} of the "
    "report on a plan that took two years of hearings and drew hundreds of residents."
    for i in range(2)
]
STREAMED = [
    f"Supporters said the lanes would cut commutes by ten minutes, paragraph {i} of the "
    "streamed part of the story, while shop owners worried about deliveries and parking."
    for i in range(4)
]
NESTED = "A map of the four avenues shows where the new lanes start and where they end."
FALLBACK = "Loading paragraph..."


def _page(parts: str) -> str:
    lead = "".join(f"<p>{line}</p>" for line in LEAD)
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><main><article>"
        f"<h1>{HEADLINE}</h1><div class='story-body'>{lead}"
        f"<!--$?--><template id='B:0'></template><div>{FALLBACK}</div><!--/$-->"
        "</div></article></main><footer><p>Contact us</p></footer>"
        f"{parts}</body></html>"
    )


STREAMED_PART = (
    '<div hidden id="S:0">'
    + "".join(f"<p>{line}</p>" for line in STREAMED)
    + "<template id='P:1'></template></div>"
    + f'<div hidden id="S:1"><p>{NESTED}</p></div>'
)


def test_streamed_paragraphs_take_the_fallbacks_place() -> None:
    body = extract_html(_page(STREAMED_PART), ExtractStrategy.FAST).body
    assert body.splitlines() == [HEADLINE, *LEAD, *STREAMED, NESTED]
    assert FALLBACK not in body


def test_the_tree_takes_the_moves_in_place() -> None:
    html = _page(STREAMED_PART)
    tree = HTMLTree.parse(html)
    assert tree.body is not None
    place_streamed_parts(tree.body, html)
    story = tree.body.query_selector(".story-body")
    assert story is not None
    assert [p.text for p in story.query_selector_all("p")] == [*LEAD, *STREAMED, NESTED]
    assert tree.body.query_selector("template, div[hidden]") is None


def test_a_part_with_no_placeholder_stays_where_it_is() -> None:
    html = _page('<div hidden id="S:7"><p>Orphan</p></div>')
    tree = HTMLTree.parse(html)
    assert tree.body is not None
    place_streamed_parts(tree.body, html)
    part = tree.body.query_selector('div[hidden][id="S:7"]')
    assert part is not None
    assert tree.body.query_selector("template") is not None  # the fallback's own stays too


def test_pages_without_the_mark_are_not_touched() -> None:
    html = _page("<div hidden id='S:0'><p>Not how React writes it</p></div>")
    tree = HTMLTree.parse(html)
    assert tree.body is not None
    before = tree.body.html
    place_streamed_parts(tree.body, html)
    assert tree.body.html == before
