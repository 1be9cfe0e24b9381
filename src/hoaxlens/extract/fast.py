"""The fast path: resiliparse's main-content text of a pruned tree, one paragraph a line.

resiliparse (lexbor, C) extracts a page in about a millisecond, against tens of
milliseconds for trafilatura; ``preserve_formatting`` keeps block and ``<br>`` breaks,
which matter in this genre, where a paragraph is often a single dramatic line.
"""

from __future__ import annotations

from typing import Any


def extract_lines(tree: Any) -> list[str]:  # noqa: ANN401 - resiliparse HTMLTree (no stubs)
    """Main-content text of a parsed (and pruned) page, one non-empty line per paragraph.

    Args:
        tree: a resiliparse ``HTMLTree``.

    Returns:
        The lines, stripped; blank lines (paragraph gaps) are dropped.
    """
    return _plain_lines(tree, main_content=True)


def container_lines(container: Any, lead: str) -> list[str]:  # noqa: ANN401 - DOMNode
    """The text of one element (the story container), without main-content heuristics.

    resiliparse's main-content filter sometimes drops the story itself: a wrapper named
    like chrome, a story set in ``<noscript>``, a layout it reads as a sidebar. The story
    container is known (``anchor``) and already pruned of furniture, so its own markup is
    parsed apart and extracted whole (lists included), one paragraph a line.

    Furniture inside the container that the page pruning had to keep (a comment thread
    holding most of the container's text, so protected as "story") is deleted from the
    copy, except an element holding the story's first line (``lead``).

    Args:
        container: a resiliparse element.
        lead: the story's first text block.

    Returns:
        The lines, stripped, blank lines dropped.
    """
    from resiliparse.parse.html import HTMLTree

    from hoaxlens.extract.prune import prune_copy

    markup = container.inner_html
    tree = HTMLTree.parse(f"<html><body>{markup}</body></html>")
    if tree.body is not None:
        prune_copy(tree.body, markup, lead)
    return _plain_lines(tree, main_content=False)


def _plain_lines(tree: Any, *, main_content: bool) -> list[str]:  # noqa: ANN401 - HTMLTree
    """The text of ``tree`` as stripped lines, blank ones dropped.

    Paragraph breaks are kept; links, alt texts, forms, ``<noscript>``, comments and post
    metadata are not. ``main_content`` applies resiliparse's main-content heuristics.
    """
    from resiliparse.extract.html2text import extract_plain_text

    text: str = extract_plain_text(
        tree,
        preserve_formatting=True,
        main_content=main_content,
        list_bullets=False,
        alt_texts=False,
        links=False,
        form_fields=False,
        noscript=False,
        comments=False,
        post_meta=False,  # read only with main_content
    )
    return [line for line in (raw.strip() for raw in text.split("\n")) if line]
