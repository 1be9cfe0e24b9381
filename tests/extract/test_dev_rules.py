"""General extraction rules learned on development pages apart from AEB.

Each rule was found on mozilla/readability's test pages or trafilatura's evaluation pages
(neither stored here); the fixtures below are written for these tests.
"""

from __future__ import annotations

from html import escape

from post_pages import extract_html  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract.anchor import find_story_anchor
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.extract.dom import parse_page
from hoaxlens.extract.fast import container_lines

TITLE = "Council Votes To Reopen The Old Harbour Bridge"
LINES = [
    f"Part {i} of the report says the council met on Tuesday and weighed the costs again."
    for i in range(5)
]
PARAS = "".join(f"<p>{line}</p>" for line in LINES)
SCRIPT = (
    "<script>var config = {" + ", ".join(f'"k{i}": "{"x" * 40}"' for i in range(80)) + "};</script>"
)


def _page(body: str, title: str = TITLE) -> str:
    head = f"<head><title>{title} | Site</title></head>"
    return f"<html>{head}<body><h1>{title}</h1>{body}</body></html>"


# A front-page block of other news (~1,300 characters) and a short story (~250) for the
# late-<h1> tests.
OTHER_NEWS = "".join(
    f"<p>Breaking {i}: another story entirely about the mayor and the budget, which "
    f"the council discussed at great length on Monday night.</p>"
    for i in range(10)
)
SNAKE_STORY = [
    "A woman in Ohio found a snake in her kitchen sink when she came back from holiday.",
    "She called animal control, who removed the snake and released it in a nearby park.",
    "Nobody was hurt, officials said on Friday.",
]


def _assert_short_story_kept(header: str) -> None:
    """Both routes keep every line of ``SNAKE_STORY``, set after ``header`` below ``OTHER_NEWS``."""
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body>"
        f"<div class='top-story'>{OTHER_NEWS}</div><div class='post'>{header}"
        f"<div class='entry-content'>{''.join(f'<p>{line}</p>' for line in SNAKE_STORY)}</div>"
        f"</div></body></html>"
    )
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        body = extract_html(html, strategy).body
        assert all(line in body.splitlines() for line in SNAKE_STORY)


def test_script_text_does_not_make_a_block_the_story():
    # A widget's inline script (4 KB of configuration) right under the headline: as text,
    # it outweighs the story and was taken for it; scripts are no text a reader sees.
    html = _page(f"<div class='formats'><span>Formats</span>{SCRIPT}</div><div>{PARAS}</div>")
    article = extract_html(html)
    assert (article.extractor, article.fallback_reason) == ("resiliparse", None)
    assert article.body.splitlines()[-len(LINES) :] == LINES
    assert "config" not in article.body


def test_an_article_named_for_its_gallery_is_still_the_story():
    # ``js-post-gallery`` on the <article> says the post has a photo gallery; the
    # article is not a gallery, and a short comment widget must not win over it.
    comments = "".join(f"<p>Reader {i} wrote a comment about another story.</p>" for i in range(3))
    html = _page(
        f"<article class='post-article js-post-gallery'>{PARAS}</article>"
        f"<div class='widget latest'>{comments}</div>"
    )
    page = parse_page(html)
    assert page.body is not None
    anchor = find_story_anchor(page.body, [TITLE])
    assert anchor.container is not None
    assert anchor.container.tag == "article"
    assert extract_html(html, ExtractStrategy.FAST).body.splitlines()[-len(LINES) :] == LINES


def test_fast_path_alone_extracts_a_story_its_filter_dropped():
    # A blog engine that renders the post in <noscript> (its script draws it otherwise):
    # resiliparse's filter drops <noscript>; the fast path then extracts the container.
    html = _page(f"<noscript><div class='post-body'>{PARAS}</div></noscript>")
    article = extract_html(html, ExtractStrategy.FAST)
    assert article.extractor == "resiliparse"
    assert article.fallback_reason == "story-lost"
    assert article.body.splitlines()[-len(LINES) :] == LINES


def test_container_text_leaves_out_a_comment_thread_kept_as_story():
    # The container holds a short post and a long comment thread (so the thread was
    # protected as story); the container's own text keeps the post only.
    thread = "".join(
        f"<li class='comment'><p>Comment {i}: a long reply that goes on about the vote and "
        f"the bridge, and the bridge again, for a good many words.</p></li>"
        for i in range(6)
    )
    html = _page(
        f"<main><div class='post'>{PARAS}</div><ol class='comment-list'>{thread}</ol></main>"
    )
    page = parse_page(html)
    assert page.body is not None
    main = page.body.query_selector("main")
    assert container_lines(main, LINES[0]) == LINES


def test_a_subhead_inside_a_br_run_story_is_not_a_second_story():
    # The whole story is one element of <br>-separated lines with its subheads inside
    # (a page builder's single text block); a subhead there starts no appended post.
    part = "<br>".join(LINES)
    html = _page(
        f"<article><div class='inside-article'>{part}<br><div class='entry-content'>"
        f"<h2>How To Keep The Old Bridge Open For Good</h2>{part}<br></div></div></article>"
    )
    article = extract_html(html, ExtractStrategy.FAST)
    assert "second-article" not in article.removed
    assert article.body.count(LINES[4]) == 2


def test_container_text_keeps_a_story_wrapper_named_like_furniture():
    # Inside the container, the story's own wrapper carries a furniture word
    # ("content-with-sidebar"); it holds the story, so the copy keeps it.
    html = _page(
        f"<main><div class='content-with-sidebar'>{PARAS}</div>"
        f"<div class='related'><p>Another story you may like to read today.</p></div></main>"
    )
    page = parse_page(html)
    assert page.body is not None
    main = page.body.query_selector("main")
    assert container_lines(main, "") == LINES


def _container(html: str):
    page = parse_page(html)
    assert page.body is not None
    return find_story_anchor(page.body, [TITLE]).container


def test_a_cookie_notice_is_never_the_story_container():
    # A consent dialog of several long paragraphs set right under the headline.
    notice = "".join(
        f"<p>Cookie setting {i}: we store cookies to measure visits and to show you the "
        "content of other services; you may refuse them in the settings.</p>"
        for i in range(6)
    )
    html = _page(
        f"<div class='site-cookie-consent-wrap'><div class='tabs'><div>{notice}</div></div></div>"
        f"<div class='story'>{PARAS}</div>"
    )
    container = _container(html)
    assert container is not None
    assert container.getattr("class") == "story"
    article = extract_html(html)
    assert (article.extractor, article.fallback_reason) == ("resiliparse", None)
    assert "Cookie setting" not in article.body


def test_a_readers_comment_is_never_the_story_container():
    # A two-paragraph post, then long comments: a comment is not the story.
    comments = "".join(
        f"<li class='comment even depth-1'><div class='comment-author'>Reader {i}</div>"
        "<div class='comment-body'><p>"
        + "I have a lot to say about the bridge and the council and the vote, " * 10
        + "</p></div></li>"
        for i in range(3)
    )
    post = f"<p>{LINES[0]}</p><p>{LINES[1]}</p>"
    html = _page(f"<div class='entry'>{post}</div><ol class='thread'>{comments}</ol>")
    container = _container(html)
    assert container is not None
    assert container.getattr("class") == "entry"


def test_metadata_after_a_stray_element_in_head_is_still_read():
    # A <div> in <head> closes it for the parser: the <meta> and <title> after it end up
    # in <body>, and the page's title and og: tags must still be found there.
    html = (
        "<html><head><div class='tracker'></div>"
        f"<title>{TITLE} | The Site</title><meta property='og:title' content='{TITLE}'>"
        "<meta property='og:site_name' content='The Site'></head>"
        f"<body><h1>{TITLE}</h1><div>{PARAS}</div></body></html>"
    )
    article = extract_html(html, ExtractStrategy.FAST)
    assert article.title == TITLE
    assert ("og:site_name", "The Site") in article.og
    assert article.body.splitlines()[-len(LINES) :] == LINES


def test_later_questions_of_an_interview_are_not_an_appended_post():
    # The intro is the container's own text; the questions sit in a nested "entry-content"
    # block under their own headings. They hold most of the story: no second post.
    intro = "".join(
        f"<p>{line} The mayor answered our questions on the bridge, the vote and the costs.</p>"
        for line in LINES[:3]
    )
    answers = "".join(
        f"<h3>Question {q}: What will the council do about the bridge now?</h3>"
        + "".join(f"<p>Answer {q}.{i}: {line}</p>" for i, line in enumerate(LINES))
        for q in range(1, 4)
    )
    html = _page(
        f"<div class='article-content'>{intro}<div class='entry-content'>"
        f"<div class='qa'>{answers}</div></div></div>"
    )
    article = extract_html(html, ExtractStrategy.FAST)
    assert "second-article" not in article.removed
    assert f"Answer 3.4: {LINES[4]}" in article.body.splitlines()


def test_ruby_readings_are_not_printed_inside_the_words():
    # Japanese news for learners sets each kanji's reading above it (<ruby>, <rt>).
    ruby = (
        "<ruby>法律<rt>ほうりつ</rt></ruby>ができて、"
        "<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもを"
    )
    sentence = "法律ができて、子どもを"
    html = _page(f"<div class='story'>{''.join(f'<p>{ruby}{line}</p>' for line in LINES)}</div>")
    body = extract_html(html, ExtractStrategy.FAST).body
    assert f"{sentence}{LINES[2]}" in body.splitlines()
    assert "ほうりつ" not in body


def test_ruby_in_a_paragraph_of_br_lines_keeps_its_lines_apart():
    # Review of c20d602: setting a <br>-separated paragraph to its plain text glued its
    # sentences together ("on Monday.Fans waited").
    story = "<br>".join(LINES[1:4])
    html = _page(
        f"<div class='story'><p>{LINES[0]}</p>"
        f"<p>She flew to <ruby>東京<rt>とうきょう</rt></ruby> on Monday.<br>{story}</p>"
        f"{''.join(f'<p>{line}</p>' for line in LINES[4:])}</div>"
    )
    lines = extract_html(html, ExtractStrategy.FAST).body.splitlines()
    assert "She flew to 東京 on Monday." in lines
    assert all(line in lines for line in LINES[1:4])
    assert "とうきょう" not in "\n".join(lines)


def test_ruby_in_br_paragraphs_keeps_every_kanji_and_every_line():
    # Review of 08421da: a <br> paragraph keeping its ruby markup kept the one-character
    # base texts apart, and the main-content filter dropped them (子 lost).
    ruby = "<ruby>法律<rt>ほうりつ</rt></ruby>ができて、<ruby>子<rt>こ</rt></ruby>どもを"
    paras = "".join(f"<p>{ruby}{line}<br><span>{line}<br></span>{line}</p>" for line in LINES)
    body = extract_html(_page(f"<div class='story'>{paras}</div>"), ExtractStrategy.FAST).body
    lines = body.splitlines()
    assert f"法律ができて、子どもを{LINES[2]}" in lines
    assert lines.count(LINES[2]) == 2
    assert "ほうりつ" not in body


# Rules found on WCXB's article pages (its development split; not stored here).

TESTIMONIALS = "".join(
    f"<p>Customer {i} says the service was quick and friendly, five stars from me.</p>"
    for i in range(4)
)


def test_a_story_dropped_for_text_of_its_own_size_from_elsewhere_is_extracted():
    # resiliparse drops the story (here set in <noscript>) and keeps a testimonials box of
    # about the story's size: an extract that large was read as "the story found
    # elsewhere", though none of it is in the story container. The fast path now takes
    # the container's own text.
    html = _page(
        f"<noscript><div class='post-body'>{PARAS}</div></noscript>"
        f"<div class='reviews'>{TESTIMONIALS}</div>"
    )
    article = extract_html(html, ExtractStrategy.FAST)
    assert article.fallback_reason == "story-lost"
    assert article.body.splitlines()[-len(LINES) :] == LINES
    assert extract_html(html).extractor == "trafilatura"  # the default route falls back


def test_an_extract_of_the_containers_own_text_is_not_a_lost_story():
    # The container's blocks are not the extract's lines (each holds a <noscript> note
    # that no extract prints), but the extract is the container's text: it stays.
    note = "<noscript>Turn on scripts to see the vote tally for this story.</noscript>"
    paras = "".join(f"<p>{line}{note}</p>" for line in LINES)
    article = extract_html(_page(f"<div class='notes'>{paras}</div>"), ExtractStrategy.FAST)
    assert article.fallback_reason != "story-lost"
    assert article.body.splitlines()[-len(LINES) :] == LINES


def _container(html: str):
    page = parse_page(html)
    assert page.body is not None
    return find_story_anchor(page.body, [TITLE]).container


SHORT_STORY = "".join(f"<p>{line}</p>" for line in LINES[:3])
ABOUT = "".join(
    f"<p>About us {i}: the Harbour Gazette has covered the town, its council and its "
    f"bridges since 1902, with a newsroom of forty.</p>"
    for i in range(6)
)


def test_a_site_footer_is_never_the_story_container():
    html = _page(f"<div class='entry'>{SHORT_STORY}</div><footer><div>{ABOUT}</div></footer>")
    container = _container(html)
    assert container is not None
    assert container.getattr("class") == "entry"
    assert "About us" not in extract_html(html, ExtractStrategy.FAST).body


def test_a_sidebar_widget_is_never_the_story_container_but_an_aside_story_is():
    widget = f"<aside class='col'><div class='widget'>{ABOUT}</div></aside>"
    html = _page(f"<div class='entry'>{SHORT_STORY}</div>{widget}")
    container = _container(html)
    assert container is not None
    assert container.getattr("class") == "entry"
    # A theme that sets the whole story deep inside an <aside> (a news site's layout).
    deep = f"<aside class='direct'><section><header><div class='text'>{PARAS}</div></header>"
    container = _container(_page(f"{deep}</section></aside>"))
    assert container is not None
    assert container.getattr("class") == "text"


def test_without_a_headline_a_summary_box_is_not_taken_for_the_story():
    # No heading matches the page's title, so nothing says where the story starts; a
    # three-paragraph summary box came first and was taken for the story (the long story
    # after it then cut away as "after the story"). It holds under a tenth of the page.
    summary = "".join(
        f"<p>Key point {i}: the council reopened the bridge, and the costs of the work were "
        f"shared between the town, the port authority and the regional transport fund.</p>"
        for i in range(3)
    )
    story = "".join(f"<p>{LINES[i % len(LINES)]} Section {i}.</p>" for i in range(60))
    html = (
        "<html><head><title>Harbour Gazette</title></head><body>"
        f"<div class='summary'>{summary}</div><div class='story'>{story}</div></body></html>"
    )
    container = _container(html)
    assert container is not None
    assert container.getattr("class") == "story"
    assert "Section 59." in extract_html(html, ExtractStrategy.FAST).body


def test_a_labelled_address_in_the_story_is_kept():
    # A listicle's entries end in "Website: https://…"; such a line is no boilerplate
    # (a rule dropping "label: address" lines was written from one AEB tuning page).
    entries = "".join(
        f"<p>{line}</p><p>Website: https://www.example{i}.com/</p>" for i, line in enumerate(LINES)
    )
    body = extract_html(_page(f"<div class='entry'>{entries}</div>"), ExtractStrategy.FAST).body
    assert "Website: https://www.example4.com/" in body.splitlines()


def test_a_heading_set_in_an_anchor_without_href_is_no_link():
    # A CMS sets each section heading in a named anchor (<a> with no href); a line in
    # capitals that is a link's text is dropped as a related-article link, so the
    # headings went. An <a> without href is no link.
    heading = "THE EARLY TRADE AND SPREAD OF COFFEE"
    story = f"<div class='text'><p>{LINES[0]}</p><h3><a><strong>{heading}</strong></a></h3>{PARAS}"
    body = extract_html(_page(f"{story}</div>"), ExtractStrategy.FAST).body
    assert heading in body.splitlines()


def test_a_teaser_heading_after_the_story_is_not_its_headline():
    # The story has no heading of its own; a sidebar tab below it teases the same story
    # under an <h3> that matches the page's title. Only a small box follows that <h3>:
    # it is no headline of the story, and the story is not looked for after it.
    story = "".join(f"<p>{LINES[i % len(LINES)]} Part {i}.</p>" for i in range(12))
    teaser = "".join(
        f"<p>Teaser {i}: another story from the port this week, in brief.</p>" for i in range(3)
    )
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body>"
        f"<div class='story'>{story}</div>"
        f"<div class='tabs'><h3>{TITLE}</h3><div class='tab'>{teaser}</div></div></body></html>"
    )
    container = _container(html)
    assert container is not None
    assert container.getattr("class") == "story"
    assert "Part 11." in extract_html(html, ExtractStrategy.FAST).body


def test_script_links_without_href_are_still_links():
    # Related-story titles a script opens (<a onclick>, <a data-href>) are links though
    # they carry no href: only a named anchor (<a>, <a name>, <a id>) is no link.
    teasers = [
        "You Will Not Believe What This Star Did Next",
        "Ten Photos That Shocked The Whole Internet",
        "Doctors Hate This One Simple Trick For Sleep",
        "Famous Singer Reveals Secret Wedding Plans",
    ]
    for attr in ("onclick='go(1)'", "data-href='/next'"):
        related = "".join(f"<p><a {attr}>{t}</a></p>" for t in teasers)
        body = extract_html(_page(f"<div class='entry'>{PARAS}{related}</div>")).body
        assert body.splitlines()[-len(LINES) :] == LINES
        assert not any(t in body for t in teasers)


def test_a_story_set_only_in_page_chrome_is_still_extracted_by_the_fast_path():
    # A theme sets the story in <main><aside>, another wraps the page in a <nav>: with no
    # other container on the page, chrome's container is the story's (the fast path alone
    # extracted nothing once chrome never counted).
    for story in (f"<main><aside class='entry'>{PARAS}</aside></main>", f"<nav>{PARAS}</nav>"):
        body = extract_html(_page(story), ExtractStrategy.FAST).body
        assert body.splitlines()[-len(LINES) :] == LINES


def test_a_republish_box_below_the_story_holds_neither_its_headline_nor_its_text():
    # A "republish this story" widget after the story: its own <h1> matches the page's
    # title, and its <textarea> holds the story's markup as text. The story itself carries
    # its title in a <p>. The box's field is no text block, and an <h1> followed by
    # nothing of weight while the page's story lies above it is no headline.
    markup = escape(f"<h1>{TITLE}</h1>" + PARAS)
    html_page = (
        f"<html><head><title>{TITLE} | Site</title></head><body>"
        f"<article><p class='post-title'>{TITLE}</p><div class='entry'>{PARAS}</div></article>"
        f"<div class='widget'><div class='republish'><h1>{TITLE}</h1><p>By A. Writer</p>"
        f"<div class='copy'><textarea readonly>{markup}</textarea></div></div></div></body></html>"
    )
    body = extract_html(html_page, ExtractStrategy.FAST).body
    assert body.splitlines()[-len(LINES) :] == LINES
    assert "<p>" not in body


def test_a_text_column_deep_inside_the_site_footer_is_never_the_story_container():
    # A page builder nests the footer's disclaimer column eight levels below <footer>
    # (section, row, column, wrapper, ...): still the footer, however deep.
    deep = "".join(f"<div class='level-{i}'>" for i in range(7))
    footer = f"<footer id='page-footer'><section>{deep}{ABOUT}{'</div>' * 7}</section></footer>"
    html = _page(f"<main><div class='entry'>{SHORT_STORY}</div></main>{footer}")
    container = _container(html)
    assert container is not None
    assert container.getattr("class") == "entry"
    body = extract_html(html, ExtractStrategy.FAST).body
    assert "About us" not in body
    assert body.splitlines()[-3:] == LINES[:3]


def test_a_summary_box_above_the_body_is_widened_to_the_whole_article():
    # A listicle template: headline and a TL;DR box in a title section, the body in a
    # sibling section of the same <article>, three levels above the box. The box is
    # picked first (a short story-sized container right under the headline); the body
    # that outscores it twice over is the rest of this story, not another story appended
    # under its long <h2> (which was cut as a second article).
    summary = "".join(
        f"<p>Summary {i}: the council weighed the bridge again and chose to reopen it "
        f"to traffic by the spring, with costs shared.</p>"
        for i in range(4)
    )
    body = "".join(f"<p>{LINES[i % len(LINES)]} Part {i}.</p>" for i in range(16))
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body><article>"
        f"<div class='title-section'><div class='title-wrap'><h1>{TITLE}</h1>"
        f"<div class='summary'>{summary}</div></div></div>"
        f"<div class='content-section'><div class='content-wrap'><div class='content'>"
        f"<p>{LINES[0]} Intro.</p><h2>The Ten Best Bridge Builders In The Whole Country</h2>"
        f"{body}</div></div></div></article></body></html>"
    )
    text = extract_html(html, ExtractStrategy.FAST).body
    assert "Summary 0:" in text
    assert "Part 15." in text


GUIDE_PARTS = "".join(
    f"<h3>Step {i}: Weigh The Costs Of The Harbour Bridge Again</h3>"
    + "".join(f"<p>{line} Step {i}.</p>" for line in LINES)
    for i in range(1, 5)
)


def test_sections_several_times_the_containers_size_are_the_rest_of_the_story():
    # A guide's intro is picked as the story container; its numbered sections follow in
    # a sibling zone of the page, each under a long heading and with several times the
    # intro's text: the rest of this story, not a post appended to it.
    intro = "".join(f"<p>{line} Intro.</p>" for line in LINES[:5])
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body><div class='zone-a'>"
        f"<h1>{TITLE}</h1><div class='intro'>{intro}</div></div>"
        f"<div class='zone-b'><div class='parts'>{GUIDE_PARTS}</div></div></body></html>"
    )
    article = extract_html(html, ExtractStrategy.FAST)
    assert "second-article" not in article.removed
    assert "Step 4." in article.body


def test_a_long_post_appended_in_its_own_article_is_still_cut():
    # The farm case the rule above must leave alone: a short story, then the next post
    # loaded below it in an <article> of its own, three times as long.
    story = "".join(f"<p>{line}</p>" for line in LINES + LINES[:1])
    later = "".join(
        f"<p>Second {i}: the singer told fans at the show that she would take a long "
        f"break from touring.</p>"
        for i in range(16)
    )
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body><div class='wrap'>"
        f"<article class='post'><h1>{TITLE}</h1><div class='entry-content'>{story}</div>"
        f"</article><article class='post'><h2>Singer Stuns Fans With A Long Break From "
        f"Touring</h2><div class='entry-content'>{later}</div></article></div></body></html>"
    )
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        article = extract_html(html, strategy)
        assert "second-article" in article.removed
        assert "Second 0:" not in article.body
        assert article.body.splitlines()[-len(LINES) - 1 :] == LINES + LINES[:1]


def test_related_story_labels_in_other_languages_are_dropped_with_their_link():
    # News sites in Spanish, Polish, German and French set a link to another story
    # between paragraphs under their own "see also" labels; the line goes when the rest of
    # it is one of the page's links, and stays when it is prose.
    labels = ["Lea más:", "VEA TAMBIÉN:", "LE PUEDE INTERESAR:", "Czytaj też:", "Lesen Sie hier:"]
    teasers = [f"Another Story From The Port, Number {i}" for i in range(len(labels))]
    links = "".join(
        f"<p>{label} <a href='/story-{i}'>{teaser}</a></p>"
        for i, (label, teaser) in enumerate(zip(labels, teasers, strict=True))
    )
    prose = "<p>Mire: the council said it would not wait for another winter to pass.</p>"
    html = _page(f"<div class='entry'><p>{LINES[0]}</p>{links}{prose}{PARAS}</div>")
    body = extract_html(html, ExtractStrategy.FAST).body
    assert not any(teaser in body for teaser in teasers)
    assert "Mire: the council said" in body
    assert body.splitlines()[-len(LINES) :] == LINES


def test_answers_in_the_storys_disclosure_widgets_are_kept():
    # An FAQ under the story, each answer in a <details class="expandable">: the class
    # names a widget, not chrome, and the answers are the story's text.
    faq = "".join(
        f"<details class='expandable'><summary>Question {i}: will the bridge have a toll?"
        f"</summary><p>Answer {i}: the council will set a toll in the spring, after the "
        f"vote on the budget.</p></details>"
        for i in range(3)
    )
    body = extract_html(_page(f"<div class='entry'>{PARAS}<h2>Your questions</h2>{faq}</div>")).body
    assert all(f"Answer {i}: the council" in body for i in range(3))
    assert all(f"Question {i}:" in body for i in range(3))


def test_uppercase_disclosure_widgets_keep_their_answers_too():
    # Tag names are case-insensitive: <DETAILS> is the same widget as <details>.
    faq = "".join(
        f"<DETAILS class='expandable'><SUMMARY>Question {i}: will the bridge have a toll?"
        f"</SUMMARY><p>Answer {i}: the council will set a toll in the spring, after the "
        f"vote on the budget.</p></DETAILS>"
        for i in range(3)
    )
    body = extract_html(_page(f"<div class='entry'>{PARAS}<h2>Your questions</h2>{faq}</div>")).body
    assert all(f"Answer {i}: the council" in body for i in range(3))


def test_names_before_a_link_are_no_related_story_labels():
    # A hyphenated name ("Lee-Ann") or a name that is also a Spanish verb ("Mira") set
    # before a dash and a link is the story's text; a bare verb is a label only with a
    # colon or a bar ("MIRA | …", as Peruvian sites set it).
    names = [
        "Lee-Ann Smith - <a href='/lee-ann-smith'>the mother of the boy, who spoke to "
        "reporters outside the hospital on Friday</a>",
        "Mira - <a href='/mira-jones'>the girl who first saw the boy in the water and "
        "called for help</a>",
    ]
    label = "MIRA | <a href='/story-9'>Another Story From The Port, Number 9</a>"
    lines = "".join(f"<p>{line}</p>" for line in [*names, label])
    html = _page(f"<div class='entry'><p>{LINES[0]}</p>{lines}{PARAS}</div>")
    body = extract_html(html, ExtractStrategy.FAST).body
    assert "the mother of the boy, who spoke" in body
    assert "the girl who first saw the boy" in body
    assert "Another Story From The Port" not in body
    assert body.splitlines()[-len(LINES) :] == LINES


def test_a_short_story_under_its_h1_below_a_long_block_of_other_news_is_kept():
    # A front-page block of other news (~1,300 characters) above the post, then the post's
    # <h1> and a short story (~250 characters): under a quarter of the page's best text
    # follows the headline, yet it is the story, not a republish box's heading.
    _assert_short_story_kept(f"<h1>{TITLE}</h1>")


def test_a_republish_box_followed_by_a_cookie_text_still_loses_its_headline():
    # The <h1> of a republish box heads only a byline within its wrappers; a cookie
    # policy text later in the sidebar (more than a byline, less than the story) is not
    # its text, so the story above stays the story.
    cookies = "".join(
        f"<p>Cookie {i}: this website uses cookies to improve your experience while you "
        f"navigate through the website and its pages.</p>"
        for i in range(2)
    )
    story = "".join(f"<p>{line} More {i}.</p>" for i in range(4) for line in LINES)
    html_page = (
        f"<html><head><title>{TITLE} | Site</title></head><body><div class='wrap'>"
        f"<article><p class='post-title'>{TITLE}</p><div class='entry'>{story}</div></article>"
        f"<div class='sidebar'><div class='widget'><div class='modal'><div class='modal-content'>"
        f"<div class='info'><h1>{TITLE}</h1><p>By A. Writer</p></div></div></div></div>"
        f"<div class='privacy-overview'>{cookies}</div></div></div></body></html>"
    )
    container = _container(html_page)
    assert container is not None
    assert container.getattr("class") == "entry"
    body = extract_html(html_page, ExtractStrategy.FAST).body
    assert f"{LINES[4]} More 3." in body.splitlines()
    assert "Cookie 0:" not in body


def test_a_short_story_under_an_h1_set_deep_in_header_wrappers_is_kept():
    # As above, but the theme sets the <h1> six wrappers deep in its header, and the
    # story sits in a sibling of the header: no wrapper between the <h1> and the post
    # holds any text, so the story is still the text the <h1> heads.
    header = f"<h1>{TITLE}</h1>"
    for name in ("title", "inner", "col", "row", "container", "header"):
        header = f"<div class='{name}'>{header}</div>"
    _assert_short_story_kept(header)


def test_a_speaker_whose_answer_is_a_link_is_no_related_story_label():
    # An interview transcript whose speaker "LEE:" ("read:" in Spanish) answers once with
    # a line that is wholly a link: the same label opens the page's other answers, so it
    # names a speaker and the line is the story's text. A "see also" label that never
    # opens running text on the page still goes with its link.
    turns = [
        "PERIODISTA: ¿Cómo empezó todo aquello en el puerto?",
        "LEE: Empezó con una barca vieja y un verano muy largo en la costa.",
        "PERIODISTA: ¿Y qué dijo su familia cuando se marchó a la ciudad?",
        "LEE: <a href='/lee-marvin'>Lee Marvin habló de su carrera</a>",
        "PERIODISTA: ¿Volvería a hacerlo si tuviera la oportunidad?",
        "LEE: Sin duda, aunque esta vez llevaría una barca más grande.",
    ]
    label = "Lea también: <a href='/story-9'>Another Story From The Port, Number 9</a>"
    lines = "".join(f"<p>{line}</p>" for line in [*turns, label])
    html = _page(f"<div class='entry'><p>{LINES[0]}</p>{lines}{PARAS}</div>")
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        body = extract_html(html, strategy).body
        assert "LEE: Lee Marvin habló de su carrera" in body.splitlines()
        assert "LEE: Empezó con una barca vieja" in body
        assert "Another Story From The Port" not in body
        assert body.splitlines()[-len(LINES) :] == LINES


def test_uppercase_ruby_readings_are_not_printed_inside_the_words():
    # Tag names are case-insensitive: <RUBY><RT> is the same annotation as <ruby><rt>.
    ruby = (
        "<RUBY>法律<RT>ほうりつ</RT></RUBY>ができて、"
        "<Ruby>子<RP>(</RP><RT>こ</RT><RP>)</RP></Ruby>どもを"
    )
    html = _page(f"<div class='story'>{''.join(f'<p>{ruby}{line}</p>' for line in LINES)}</div>")
    body = extract_html(html, ExtractStrategy.FAST).body
    assert f"法律ができて、子どもを{LINES[2]}" in body.splitlines()
    assert "ほうりつ" not in body


def test_see_also_name_labels_go_unless_the_page_holds_several_spoken_answers():
    # "Lee:" before a link is Spanish "read:" unless the page is a transcript whose
    # speaker Lee answers in running text, several times and with no link: a "Lee:" line
    # partly linked ("Lee: <a>Claves</a> del juicio …") or one quoted sentence is no such
    # transcript, and the related-story links still go.
    see = [
        "Lee: <a href='/a'>El alcalde presenta el presupuesto del puerto para 2027</a>",
        "Lee: <a href='/b'>Los vecinos protestan por el cierre del puente viejo</a>",
    ]
    partly = (
        "Lee: <a href='/c'>Claves</a> del juicio contra el antiguo concejal de obras, en directo"
    )
    quote = "Lee: I never thought the bridge would close."
    for extra in (partly, quote):
        lines = [*see, extra]
        paras = "".join(f"<p>{LINES[i]}</p><p>{lines[i]}</p>" for i in range(3))
        html = _page(f"<div class='entry'>{paras}<p>{LINES[3]}</p><p>{LINES[4]}</p></div>")
        for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
            body = extract_html(html, strategy).body
            assert "El alcalde presenta el presupuesto" not in body
            assert "Los vecinos protestan" not in body
            assert all(line in body.splitlines() for line in LINES)


def test_a_speaker_is_known_by_long_answers_and_whatever_marks_open_the_label():
    # The speaker's other answers run past a related line's length (300 characters), and
    # one line opens with a dash: "LEE:" and "— LEE:" are the same speaker.
    long = "Empezó con una barca vieja y un verano muy largo en la costa, " * 6
    link = "<a href='/lee-marvin'>Lee Marvin habló de su carrera</a>"
    for first, answer, last in (
        (f"LEE: {long.strip()}.", f"LEE: {link}", f"LEE: Sin duda. {long.strip()}."),
        ("LEE: Empezó con una barca vieja.", f"— LEE: {link}", "LEE: Sin duda, otra vez."),
    ):
        turns = [
            "PERIODISTA: ¿Cómo empezó todo aquello en el puerto?",
            first,
            "PERIODISTA: ¿Y qué dijo su familia cuando se marchó?",
            answer,
            "PERIODISTA: ¿Volvería a hacerlo?",
            last,
        ]
        lines = "".join(f"<p>{line}</p>" for line in turns)
        html = _page(f"<div class='entry'><p>{LINES[0]}</p>{lines}{PARAS}</div>")
        for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
            body = extract_html(html, strategy).body
            assert "Lee Marvin habló de su carrera" in body
            assert body.splitlines()[-len(LINES) :] == LINES


def _late_box(box: str, after: str) -> str:
    # A story, then a hidden box five wrappers deep whose <h1> repeats the title, then text
    # in the box's outer wrappers: a sidebar's cookie policy, a "more news" rail.
    story = "".join(f"<p>{line} More {i}.</p>" for i in range(4) for line in LINES)
    return (
        f"<html><head><title>{TITLE} | Site</title></head><body><div class='page'>"
        f"<div class='content'><p class='post-title'>{TITLE}</p><div class='entry'>{story}"
        f"</div></div><div class='bottom'>{box}{after}</div></div></body></html>"
    )


def test_a_late_h1_deep_in_a_hidden_box_heads_no_text_that_is_not_the_page_s_main_text():
    # The widened scope of an <h1> in empty wrappers (a theme's header) reaches text that
    # is no story: a short rail or a cookie text after a hidden box below the story. The
    # story above is the page's main text, the <h1> is the box's, and the rail stays out.
    rail = "".join(
        f"<p>Another story {i}: the mayor opened a new park near the station on Sunday morning.</p>"
        for i in range(2)
    )
    cookies = "".join(
        f"<p>Cookie {i}: this website uses cookies to improve your experience while you "
        f"navigate through the website and its pages.</p>"
        for i in range(2)
    )
    box = f"<h1>{TITLE}</h1>"
    for name in ("in", "box", "modal", "share"):
        box = f"<div class='{name}'>{box}</div>"
    for after, unwanted in (
        (f"<div class='more-news'>{rail}</div>", "Another story 0"),
        (f"<div class='privacy-overview'>{cookies}</div>", "Cookie 0:"),
    ):
        html = _late_box(box, after)
        container = _container(html)
        assert container is not None
        assert container.getattr("class") == "entry"
        for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
            body = extract_html(html, strategy).body
            assert f"{LINES[4]} More 3." in body.splitlines()
            assert unwanted not in body


def test_a_headline_shorter_than_the_site_name_in_the_title_is_found():
    # "Story | A Site Name Longer Than The Story": the title's longest part is the site's
    # name, so neither it nor the whole title matched the <h1>; with no headline, the
    # story's <h1> and its short intro above the first section were cut.
    title = "History Of Coffee"
    intro = (
        "Wild coffee plants are thought to have come from a plateau in Ethiopia, "
        "though how the drink spread is not known."
    )
    html = (
        f"<html><head><title>{title} | The Guild Of Independent Coffee Roasters And Tasters"
        "</title></head><body><div class='top'><h2>Our shop</h2><p>Fresh beans roasted "
        "every week in our own small roastery by the harbour.</p></div>"
        f"<article><h1>{title}</h1><div class='intro'><p>{intro}</p></div>"
        f"<div class='body'><h2>Discovery and spread</h2>{PARAS}</div></article></body></html>"
    )
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        lines = extract_html(html, strategy).body.splitlines()
        assert lines[:3] == [title, intro, "Discovery and spread"]
        assert lines[-len(LINES) :] == LINES
        assert "Fresh beans" not in "\n".join(lines)
