"""Put the parts of a streamed React page where a browser would show them.

React's streaming server rendering (Next.js's app router and others) sends a page in the
order its parts are ready. A part not ready yet is a placeholder in the page: an empty
``<template id="B:1">`` before a fallback ("Loading paragraph..."), ended by the comment
``<!--/$-->``, or a bare ``<template id="P:1">``. The part itself comes later, at the end
of the body, in ``<div hidden id="S:1">``, and an inline script moves it into place. A
browser runs the script; the extractor makes the same move, so that the story's
paragraphs stand in their order inside the story, not in a hidden block after the
footer, and the fallbacks are gone. Pages with no such block are not touched (one
substring test on the markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resiliparse.parse.html import NodeType

from hoaxlens.extract.dom import select

if TYPE_CHECKING:
    from resiliparse.parse.html import Node

    from hoaxlens.extract.dom import Element

STREAMED_MARK = '<div hidden id="S:'  # as React writes a streamed part, the only form
MAX_STREAMED_PARTS = 500  # a page holding more is hostile markup: the rest stay hidden
_PARTS = 'div[hidden][id^="S:"]'


def place_streamed_parts(body: Element, markup: str) -> None:
    """Move each streamed part (``S:x``) to its placeholder (``B:x`` or ``P:x``).

    The script that moves part ``S:x`` names its placeholder; React gives both the same
    suffix, which is the pairing used here (the scripts themselves are not read). A part
    whose placeholder is missing, or lies inside the part itself, stays where it is.

    Args:
        body: the page's parsed ``<body>``; changed in place.
        markup: the page's HTML, to skip pages with no streamed part.
    """
    if STREAMED_MARK not in markup:
        return
    for part in select(body, _PARTS)[:MAX_STREAMED_PARTS]:
        key = (part.getattr("id") or "")[2:]
        slot = body.get_element_by_id(f"B:{key}")
        boundary = slot is not None
        if slot is None:
            slot = body.get_element_by_id(f"P:{key}")
        parent = slot.parent if slot is not None else None
        if slot is None or slot.tag != "template" or parent is None or part.contains(slot):
            continue
        if boundary:
            _drop_fallback(slot)
        while (child := part.first_child) is not None:  # not child_nodes: children squared
            parent.insert_before(child, slot)
        slot.decompose()
        part.decompose()


def _drop_fallback(slot: Element) -> None:
    """Delete what stands after a boundary's placeholder up to its ``<!--/$-->``.

    Boundaries nest: ``<!--$-->``, ``<!--$?-->`` and ``<!--$!-->`` open one, ``<!--/$-->``
    closes it. With no closing comment nothing is deleted.
    """
    doomed: list[Node] = []
    depth = 0
    node = slot.next_sibling
    while node is not None:
        if node.type == NodeType.COMMENT:
            value = node.text
            if value == "/$":
                if depth == 0:
                    for gone in doomed:
                        gone.decompose()
                    return
                depth -= 1
            elif value in ("$", "$?", "$!"):
                depth += 1
        doomed.append(node)
        node = node.next_sibling
