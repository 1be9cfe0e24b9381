"""Page chrome named by ``id`` (sidebar, footer, author box, breadcrumbs) is furniture too.

Older templates name their layout regions by id (``<div id="sidebar">``,
``<div id="author-box">``); trafilatura matches those ids as it matches classes. Only these
four page-chrome needles are read in ids (``prune.ID_NEEDLES``). resiliparse's own filter
drops some id-named regions (a sidebar, breadcrumbs) but keeps an author box inside the
story's ``<article>``. The pages are written for these tests.
"""

from __future__ import annotations

import pytest
from post_pages import post_body, story_lines  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract import prune

LINES = story_lines(6)
BIO = (
    "Jane Marlow has covered the harbour, its ferries and its council for the paper since "
    "2009, and she lives with two cats in a house by the old lighthouse on the hill."
)


def _story_with(box: str) -> str:
    return post_body("".join(f"<p>{line}</p>" for line in LINES) + box)


@pytest.mark.parametrize(
    "box",
    [
        f"<div id='author-box'><p>{BIO}</p></div>",
        f"<div id='post-author'><div class='bio'><p>{BIO}</p></div></div>",
    ],
    ids=["author-box", "post-author"],
)
def test_an_author_box_named_by_id_is_dropped(box: str) -> None:
    body = _story_with(box)
    assert BIO not in body
    assert all(line in body for line in LINES)


def test_without_the_id_selectors_the_box_stayed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The control: the same page kept the author's blurb before ids were read.
    monkeypatch.setattr(prune, "_ID_PARTS", "no-such-tag")
    assert BIO in _story_with(f"<div id='author-box'><p>{BIO}</p></div>")


def test_a_story_wrapper_named_by_id_is_kept() -> None:
    # The guard of every furniture needle: an element holding the story is never dropped.
    body = post_body(
        "<div id='content-sidebar-wrap'>" + "".join(f"<p>{line}</p>" for line in LINES) + "</div>"
    )
    assert all(line in body for line in LINES)
