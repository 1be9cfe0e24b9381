"""HTML → ``Article``: the story body, title and page metadata, furniture removed.

The fast path runs first (resiliparse on a tree pruned of farm furniture) and falls back
to trafilatura when the quality check rejects the result; either way the text is then
cleaned line by line (``farm.strip_farm_furniture``). Page metadata comes from the same
parsed tree, so the fallback costs one extra parse and nothing else. ``article`` imports
this module on the first page, so that text-only runs never load the page machinery.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from hoaxlens.errors import ExtractError
from hoaxlens.extract.anchor import comparable, find_story_anchor, same_headline
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.extract.dom import link_texts, parse_page, select, sought_tags
from hoaxlens.extract.fallback import extract_with_trafilatura
from hoaxlens.extract.farm import CleanedText, strip_farm_furniture
from hoaxlens.extract.fast import container_lines, extract_lines
from hoaxlens.extract.limits import cap_attributes, check_markup, check_tree_depth
from hoaxlens.extract.markers import REPORTED
from hoaxlens.extract.metadata import domain_of, read_metadata
from hoaxlens.extract.prune import (
    flatten_ruby,
    keep_disclosures,
    keep_embedded_posts,
    keep_story_lists,
    plan_pruning,
    prune_furniture,
    unhide_story_path,
)
from hoaxlens.extract.quality import judge_fast_extract
from hoaxlens.extract.second import find_second_story
from hoaxlens.extract.streamed import place_streamed_parts
from hoaxlens.types import Article, RawDocument

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoaxlens.extract.anchor import StoryAnchor
    from hoaxlens.extract.dom import Element, ParsedPage, SoughtTags

logger = logging.getLogger(__name__)

HEADLINE_SEARCH_LINES = 12
MAX_ABOVE_HEADLINE = 0.3
SUMMARY_SEARCH_LINES = 3
FAST_EXTRACTOR = "resiliparse"
FALLBACK_EXTRACTOR = "trafilatura"
# Verdicts on the fast extract that are reported but do not send the page to trafilatura:
# on real news pages (AEB tuning half) trafilatura did no better there, at twice the cost.
FAST_KEPT = frozenset({"story-missing", "lead-missing", "diluted"})
# Verdicts after which the story's path is un-hidden and the page extracted once more.
RESCUED = frozenset({"story-lost", "empty", "too-short"})
REMOVED_KINDS = REPORTED  # the order in which ``Article.removed`` lists the kinds


@dataclass(frozen=True, slots=True)
class _StoryText:
    text: str  # cleaned of farm furniture
    extractor: str
    fallback_reason: str | None
    removed: tuple[str, ...]


def _parse(html: str) -> tuple[ParsedPage, Element]:
    maybe_deep = check_markup(html)
    page = parse_page(html)
    if page.body is None:
        raise ExtractError("no story text found in the HTML page", error_type="no_story")
    if maybe_deep:
        check_tree_depth(page.body)
    return page, page.body


def _from_headline(text: str, title: str) -> str:
    r"""The text from the page's headline on: what an extract prints above it is chrome.

    Site names, breadcrumbs, a ``<title>`` echo and menus come before the headline; the
    story (dek, byline, body) comes after it. The headline is looked for in the first
    ``HEADLINE_SEARCH_LINES`` lines, and the cut is made only when less than
    ``MAX_ABOVE_HEADLINE`` of the text lies above it.

    >>> _from_headline("Home | News\nStar Stuns Fans\nIt was a night.", "Star stuns fans!")
    'Star Stuns Fans\nIt was a night.'
    """
    wanted = comparable(title)
    if not wanted:
        return text
    lines = text.split("\n", HEADLINE_SEARCH_LINES)
    above = 0
    for i, line in enumerate(lines[:HEADLINE_SEARCH_LINES]):
        if comparable(line) == wanted:
            if i == 0 or above > MAX_ABOVE_HEADLINE * len(text):
                return text
            return "\n".join(lines[i:])
        above += len(line) + 1
    return text


def _drop_summary(text: str, summary: str, anchor: StoryAnchor) -> str:
    r"""Drop the page's summary (og:description) printed as a dek under the headline.

    Only within the first ``SUMMARY_SEARCH_LINES`` lines, and only when the line is not
    one of the story container's blocks (a summary that repeats the lead paragraph is
    the story).
    """
    wanted = comparable(summary)
    if not wanted:
        return text
    lines = text.split("\n", SUMMARY_SEARCH_LINES)
    for i, line in enumerate(lines[:SUMMARY_SEARCH_LINES]):
        if same_headline(line, summary):
            found = comparable(line)
            story = (comparable(block) for _, block in anchor.blocks)
            if any(found in block or block in found for block in story if block):
                return text  # the summary is the story's lead paragraph
            return "\n".join(lines[:i] + lines[i + 1 :])
    return text


def _clean(
    text: str,
    anchor: StoryAnchor,
    links: Callable[[], frozenset[str]],
    *,
    removed: tuple[str, ...] = (),
) -> CleanedText:
    """Strip farm furniture from extracted text; report DOM and text removals together."""
    text = _from_headline(text, anchor.title)
    cleaned = strip_farm_furniture(
        text,
        title=anchor.title or None,
        cut_at=anchor.second_title,
        cut_confirmed=anchor.is_second_confirmed,
        links=links,
        story_lines=frozenset(line for _, line in anchor.blocks) if anchor.blocks else None,
    )
    kinds = {*removed, *cleaned.removed}
    return CleanedText(cleaned.text, tuple(k for k in REMOVED_KINDS if k in kinds))


MIN_STORY_SHARE = 0.5  # the container holds at least this share of the extract ...
MAX_TAIL_SHARE = 0.5  # ... and the lines after it are at most this share of the container
# Characters of the container's text read again for lines not found in order (see
# ``_inside_story``); past it the extract is left as it is. Real pages read at most
# a few hundred thousand.
MAX_TRIM_SCAN = 20_000_000


def _compact(text: str) -> str:
    return "".join(text.split())


def _trim_after_story(cleaned: CleanedText, anchor: StoryAnchor) -> CleanedText:
    """Drop the lines after the story container's last line that are not in the container.

    resiliparse extracts the whole page's main content: rails, comment threads, shop
    boxes and author blurbs set after the story's column reach the text. When the
    container holds most of the extract, a trailing run of lines found nowhere in it is
    such furniture (lists and tables that end a story are inside the container).
    """
    container = anchor.container
    if container is None:
        return cleaned
    lines = cleaned.text.split("\n")
    story = _compact(container.text or "")
    compact = [_compact(line) for line in lines]
    inside = _inside_story(compact, story)
    if inside is None:
        return cleaned  # a hostile page: too many lines out of the container's order
    last = max((i for i, found in enumerate(inside) if found), default=-1)
    if last < 0 or last == len(lines) - 1:
        return cleaned
    within = sum(len(line) for line, found in zip(compact, inside, strict=True) if found)
    total = sum(map(len, compact))
    tail = sum(map(len, compact[last + 1 :]))
    if within < MIN_STORY_SHARE * total or tail > MAX_TAIL_SHARE * within:
        return cleaned
    return CleanedText("\n".join(lines[: last + 1]), cleaned.removed)


def _inside_story(lines: list[str], story: str) -> list[bool] | None:
    """``[bool(line) and line in story for line in lines]``, or None past ``MAX_TRIM_SCAN``.

    The extract's lines follow the container's text: each is looked for from where the
    line found before it ends, so the container's text is read about once for all of
    them (asking the whole text about each line cost lines x text: 8,000 paragraphs,
    1.4 s). A line not found there is looked for before it, and the look-up goes on from
    where it is found; those reads are counted, and past ``MAX_TRIM_SCAN`` characters the
    answer is None.
    """
    inside: list[bool] = []
    known: dict[str, bool] = {}
    pos = 0  # where the last line found ends in ``story``
    spent = 0
    for line in lines:
        found = known.get(line)
        if found is None:
            if not line:
                found = False
            elif (at := story.find(line, pos)) >= 0:
                found, pos = True, at + len(line)
            else:  # not at ``pos`` or after it: before it, or nowhere
                spent += len(story)
                if spent > MAX_TRIM_SCAN:
                    return None
                at = story.find(line, 0, pos + len(line) - 1)
                found = at >= 0
                if found:
                    pos = at + len(line)
            known[line] = found
        inside.append(found)
    return inside


def _story_text(
    raw: RawDocument,
    page: ParsedPage,
    anchor: StoryAnchor,
    plan: list[Element],
    strategy: ExtractStrategy,
    links: Callable[[], frozenset[str]],
    tags: SoughtTags,
) -> _StoryText:
    """Run the fast path, judge it, and fall back to trafilatura when it looks wrong.

    The fallback is decided before the fast route when the page has no story container,
    and after it only when the extract lost the story (``story-lost``), is mostly links,
    too short or empty; a story partly missing, a missing lead or a diluted extract keep
    the fast text (``FAST_KEPT``) with the reason reported. Only one route is paid for,
    except on those last few pages.
    """
    fast: CleanedText | None = None
    reason = "forced"
    if strategy is ExtractStrategy.AUTO and anchor.container is None:
        # Decided before the fast route runs: with no story container there is nothing
        # to check its extract against, so only one route is paid for.
        reason = "no-story-container"
    elif strategy is not ExtractStrategy.TRAFILATURA:
        pruned = prune_furniture(anchor, plan)
        if page.body is not None and tags.blockquote:  # embeds are quoted in <blockquote>
            keep_embedded_posts(page.body, raw.content)
        keep_story_lists(page.tree, anchor)
        if tags.details:
            keep_disclosures(anchor.container, raw.content)
        lines = extract_lines(page.tree)
        fast = _clean("\n".join(lines), anchor, links, removed=pruned.kinds)
        verdict = judge_fast_extract(
            lines,
            anchor,
            pruned.story_blocks,
            cleaned=fast.text,
            link_texts=links,
        )
        if verdict in RESCUED:
            # resiliparse dropped a wrapper of the story for its class name: take the
            # names off the story's path and extract once more (about a millisecond).
            unhide_story_path(anchor.container)
            lines = extract_lines(page.tree)
            again = _clean("\n".join(lines), anchor, links, removed=pruned.kinds)
            second = judge_fast_extract(
                lines, anchor, pruned.story_blocks, cleaned=again.text, link_texts=links
            )
            if second is None or second in FAST_KEPT:
                fast, verdict = again, second
            elif strategy is ExtractStrategy.FAST and anchor.container is not None:
                # No trafilatura on this route: the story container's own text, copied
                # and pruned again, beats an extract that lost the story.
                lead = pruned.story_blocks[0] if pruned.story_blocks else ""
                lines = container_lines(anchor.container, lead)
                whole = _clean("\n".join(lines), anchor, links, removed=pruned.kinds)
                if len(whole.text) > len(fast.text):  # a container of form fields: none
                    fast = whole
        if verdict is None or verdict in FAST_KEPT or strategy is ExtractStrategy.FAST:
            fast = _trim_after_story(fast, anchor)
            return _StoryText(fast.text, FAST_EXTRACTOR, verdict, fast.removed)
        reason = verdict
        logger.debug("%s: fast extract rejected (%s), falling back", raw.id, reason)
    text = extract_with_trafilatura(raw.content, url=raw.url)
    if not text.strip() and fast is not None and fast.text.strip():
        # Neither is right, but the fast text is the better guess; the reason says why.
        return _StoryText(fast.text, FAST_EXTRACTOR, reason, fast.removed)
    slow = _clean(text, anchor, links)
    return _StoryText(slow.text, FALLBACK_EXTRACTOR, reason, slow.removed)


def extract_html(raw: RawDocument, strategy: ExtractStrategy) -> Article:
    """The story, title and metadata of an HTML page (see ``article.extract_article``)."""
    capped = cap_attributes(raw.content)  # before any parser sees the page
    if capped is not raw.content:
        raw = replace(raw, content=capped)
    page, body = _parse(raw.content)
    meta = read_metadata(body.parent_element or body, raw.content, url=raw.url, head=page.head)
    hints = tuple(h for h in (raw.title, *meta.title_hints) if h)
    markup = raw.content
    found: list[frozenset[str]] = []

    def links() -> frozenset[str]:  # read once, and only if a check needs them
        if not found:
            found.append(link_texts(markup))
        return found[0]

    # Scripts and styles are no text a reader sees, but an element's ``text`` holds theirs:
    # a widget's 4 KB of inline configuration outscored the story it sat above. Metadata
    # (JSON-LD included) was read above, so they go before the story is looked for. So
    # does a <textarea>: a form field, whose text is what a reader would type or copy (a
    # "republish this story" box holds the story's own markup as text, and outscored it).
    for node in select(body, "script:not([src]), style, textarea"):
        node.decompose()
    tags = sought_tags(markup)  # which tag-gated passes the page needs, in one scan
    if tags.ruby:  # tag names are case-insensitive: ``<RUBY>`` is ruby too
        flatten_ruby(body)
    if tags.template:  # a streamed part is moved to its <template> placeholder
        place_streamed_parts(body, markup)
    anchor = find_story_anchor(body, hints, markup, meta.first_parts, has_br=tags.br)
    plan = plan_pruning(body, anchor, raw.content)
    anchor = find_second_story(anchor, plan)
    story = _story_text(raw, page, anchor, plan, strategy, links, tags)
    summary = meta.og_value("og:description")
    if summary and story.extractor == FAST_EXTRACTOR:
        story = replace(story, text=_drop_summary(story.text, summary, anchor))
    if not story.text.strip():
        raise ExtractError("no story text found in the HTML page", error_type="no_story")
    title = raw.title or meta.og_value("og:title") or anchor.title
    title = title or (meta.title_hints[0] if meta.title_hints else "")
    url = raw.url or meta.url
    return Article(
        title=title.strip(),
        body=story.text,
        byline=meta.byline,
        published=meta.published,
        url=url,
        site=meta.site or (urlsplit(url).hostname if url else None),
        removed=story.removed,
        domain=meta.domain or domain_of(url),
        canonical_url=meta.canonical_url,
        og=meta.og,
        site_links=meta.site_links,
        extractor=story.extractor,
        fallback_reason=story.fallback_reason,
    )
