"""A farm page's appended second post is cut whatever its title and ids say.

Written after a review of three extraction rules (a1512ba and 1e6f2b4, both reverted, and
57f4b77): on a WordPress-style farm page, a story in ``<article id='post-101'>`` followed
by another post in ``<article id='post-102'>``, the second post must not reach the story's
text, and the story's headline must stay its headline. The pages are written for these
tests in the reviewer's farm style.
"""

from __future__ import annotations

import pytest
from post_pages import extract_html  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract.article import ExtractStrategy

HEADLINE = "Elderly Man Leaves Entire Fortune To The Waitress Who Served Him Coffee"
SITE = "Celeb Buzz Daily"
STORY = [
    f"Harold, 91, came to the diner every morning for coffee, and this is paragraph {i} "
    "of his story about the waitress."
    for i in range(5)
]
SECOND_HEADLINE = "Famous Singer Cancels Tour After Shocking Diagnosis Leaves Fans In Tears"
SECOND = [
    "The singer told a packed arena in Nashville that she would take a long break, "
    f"paragraph {i} of the second post."
    for i in range(5)
]
STRATEGIES = (ExtractStrategy.FAST, ExtractStrategy.AUTO)


def _paras(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _farm_page(
    head: str,
    *,
    second_attrs: str = "id='post-102' class='post'",
    second_heading: str = f"<h2 class='entry-title'>{SECOND_HEADLINE}</h2>",
    between: str = "",
    header: str = "",
    above_headline: str = "",
) -> str:
    """The story's <article>, ``between`` (a rail), then the second post's <article>."""
    return (
        f"<html><head>{head}</head><body>{header}<main>"
        f"<article id='post-101' class='post'>{above_headline}"
        f"<h1 class='entry-title'>{HEADLINE}</h1>"
        f"<div class='entry-content'>{_paras(STORY)}</div></article>{between}"
        f"<article {second_attrs}>{second_heading}"
        f"<div class='entry-content'>{_paras(SECOND)}</div></article></main></body></html>"
    )


def _assert_second_post_cut(html: str, title: str = HEADLINE) -> None:
    """Both routes: the story whole under its headline, the second post gone and named."""
    for strategy in STRATEGIES:
        article = extract_html(html, strategy)
        lines = article.body.splitlines()
        assert lines == [HEADLINE, *STORY], strategy
        assert SECOND_HEADLINE not in article.body
        assert "second-article" in article.removed
        assert article.title == title


# The page's title names the story's <h1>: the control the cases below are measured by.
TITLE_NAMES_THE_HEADLINE = f"<title>{HEADLINE} | {SITE}</title>"


def test_the_appended_post_is_cut_when_the_title_names_the_headline() -> None:
    _assert_second_post_cut(_farm_page(TITLE_NAMES_THE_HEADLINE))


# R1 (a1512ba, reverted): with no second story looked for unless a title hint matched the
# headline, each of these pages had its appended post kept as story text.
@pytest.mark.parametrize(
    ("head", "title"),
    [
        pytest.param(f"<title>{SITE}</title>", HEADLINE, id="site-name-only"),
        pytest.param(
            f"<title>You Won&#39;t Believe What She Found In Her Mailbox… | {SITE}</title>"
            "<meta property='og:title' content='You won&#39;t believe what she found…'>",
            "You won't believe what she found…",  # Article.title is the page's og:title
            id="teaser-title",
        ),
        pytest.param(
            f"<title>Elderly Man Leaves Entire Fortune To The… | {SITE}</title>",
            HEADLINE,
            id="truncated-title",
        ),
        pytest.param(
            # Cyrillic ie (U+0435) and o (U+043E) in the words of the headline
            "<title>Eld\u0435rly Man L\u0435av\u0435s Entir\u0435 F\u043ertun\u0435 T\u043e "
            "Th\u0435 Waitr\u0435ss Wh\u043e S\u0435rv\u0435d Him C\u043eff\u0435\u0435 | "
            f"{SITE}</title>",
            HEADLINE,
            id="homoglyph-title",
        ),
    ],
)
def test_the_appended_post_is_cut_when_the_title_names_no_heading(head: str, title: str) -> None:
    _assert_second_post_cut(_farm_page(head), title)


# R2/R3 (1e6f2b4, reverted): a second post whose ids are spelled from its headline's words
# is still an appended post, not a table-of-contents section of the story.
@pytest.mark.parametrize(
    ("second_attrs", "second_heading"),
    [
        pytest.param(
            "class='post' id='famous-singer-cancels-tour'",
            f"<h2 class='entry-title'>{SECOND_HEADLINE}</h2>",
            id="slug-wrapper-id",
        ),
        pytest.param(
            "id='post-102' class='post'",
            f"<h2 class='entry-title' id='famous-singer-cancels-tour'>{SECOND_HEADLINE}</h2>",
            id="slug-heading-id",
        ),
        pytest.param(
            "id='post-102' class='post'",
            "<h2 class='entry-title'><span class='ez-toc-section' "
            f"id='Famous_Singer_Cancels_Tour'></span>{SECOND_HEADLINE}</h2>",
            id="toc-plugin-span",
        ),
        pytest.param(
            "class='post' id='latest-news'",
            f"<h2 class='entry-title'>Latest News: {SECOND_HEADLINE}</h2>",
            id="generic-id-sharing-two-words",
        ),
    ],
)
def test_the_appended_post_is_cut_whatever_ids_its_headline_words_spell(
    second_attrs: str, second_heading: str
) -> None:
    html = _farm_page(
        TITLE_NAMES_THE_HEADLINE, second_attrs=second_attrs, second_heading=second_heading
    )
    for strategy in STRATEGIES:
        assert "Latest News" not in extract_html(html, strategy).body
    _assert_second_post_cut(html)


# R4 (57f4b77): the first part of a title ("Heartbreaking News For Fans - ...") is tried as
# the headline when no hint names a heading; a teaser in a rail between the story and the
# second post shares its words, and was taken for the headline: the second post leaked.
TEASER_OG_TITLE = "Heartbreaking News For Fans - Waitress gets a fortune"
TEASER_HEAD = f"<title>{SITE}</title><meta property='og:title' content='{TEASER_OG_TITLE}'>"


@pytest.mark.parametrize(
    "teaser",
    [
        pytest.param(
            "<h3><a href='/t1'>Heartbreaking News For Fans Of The Show</a></h3>", id="link"
        ),
        pytest.param(
            "<a href='/t1'><div class='card'><h3>Heartbreaking News For Fans Of The Show</h3>"
            "</div></a>",
            id="inside-a-link",
        ),
        pytest.param("<h3>Heartbreaking News For Fans Of The Show</h3>", id="below-the-story"),
    ],
)
def test_a_rail_teaser_sharing_the_titles_first_part_is_not_the_headline(teaser: str) -> None:
    rail = (
        f"<div class='trending'><div class='item'>{teaser}</div><div class='item'><h3>"
        "<a href='/t2'>Actor Seen Crying At Airport After Split</a></h3></div></div>"
    )
    _assert_second_post_cut(_farm_page(TEASER_HEAD, between=rail), TEASER_OG_TITLE)


# R5 (57f4b77): "Site | Story" titles: the first part is the site's name, which the site's
# title in the page header spells; it was taken for the headline (Article.title).
SITE_FIRST_HEAD = f"<title>{SITE} | Waitress Gets $1.2M From Lonely Customer</title>"


@pytest.mark.parametrize(
    ("head", "header"),
    [
        pytest.param(
            SITE_FIRST_HEAD,
            f"<header class='site-header'><h1 class='site-title'><a href='/'>{SITE}</a></h1>"
            "</header>",
            id="site-title-link",
        ),
        pytest.param(
            SITE_FIRST_HEAD,
            f"<div class='site-branding'><div><h1>{SITE}</h1></div></div>",
            id="site-branding",
        ),
        pytest.param(
            f"{SITE_FIRST_HEAD}<meta property='og:site_name' content='{SITE}'>",
            f"<div class='top'><h1>{SITE}</h1></div>",
            id="og-site-name",
        ),
    ],
)
def test_the_site_name_first_in_the_title_is_not_the_headline(head: str, header: str) -> None:
    html = _farm_page(head, header=header)
    _assert_second_post_cut(html)


@pytest.mark.parametrize(
    "label",
    [
        pytest.param("<h2 class='page-title'>Celebrity News Today</h2>", id="category"),
        pytest.param(
            "<div class='trend'><h3>Celebrity News Today</h3><p>Celebrity News Today: the teaser "
            "of another story, a line or two long before it stops.</p></div>",
            id="teaser-with-excerpt",
        ),
    ],
)
def test_a_heading_over_the_storys_own_h1_is_not_the_headline(label: str) -> None:
    # "Category | Story | Site": the first part names a category label (or a teaser) set
    # above the story's <h1>; it was taken for the headline and printed over the story.
    head = f"<title>Celebrity News Today | Waitress Gets $1.2M From A Customer | {SITE}</title>"
    _assert_second_post_cut(_farm_page(head, above_headline=label))


# P1 (at 2ae8a20 already): the common WordPress markup of the appended post, its headline
# in <header class='entry-header'>; the <header> is page chrome to the pruning, and the
# headline in it was not taken for a second story's: the post's paragraphs ran on under
# the story with no break.
@pytest.mark.parametrize(
    ("story_header", "inner_wrap"),
    [
        pytest.param(True, False, id="story-in-entry-header-too"),
        pytest.param(False, False, id="story-h1-bare"),
        pytest.param(True, True, id="theme-inner-wrapper"),
    ],
)
def test_an_appended_post_headed_in_an_entry_header_is_cut(
    story_header: bool, inner_wrap: bool
) -> None:
    second_heading = (
        f"<header class='entry-header'><h2 class='entry-title'>{SECOND_HEADLINE}</h2></header>"
    )
    if inner_wrap:
        second_heading = f"<div class='inner-wrap'>{second_heading}</div>"
    html = _farm_page(TITLE_NAMES_THE_HEADLINE, second_heading=second_heading)
    if story_header:
        html = html.replace(
            f"<h1 class='entry-title'>{HEADLINE}</h1>",
            f"<header class='entry-header'><h1 class='entry-title'>{HEADLINE}</h1></header>",
        )
    _assert_second_post_cut(html)
