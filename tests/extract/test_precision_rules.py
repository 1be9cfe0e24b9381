"""Boilerplate that page extracts kept: rules written from the development pages' misses.

The development pages (readability's test pages, trafilatura's evaluation set, WCXB) are
not stored here; the pages below are written for these tests.
"""

from __future__ import annotations

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import Article, MediaType, RawDocument

TITLE = "Gardeners Plant A Winter Hedge Along The Canal"
STORY = [
    f"Step {i}: the volunteers dug a trench along the towpath and set the young plants "
    f"a hand's width apart, then watered them well before the frost came in."
    for i in range(6)
]


def _extract(body: str, strategy: ExtractStrategy) -> Article:
    html = (
        f"<html><head><title>{TITLE} | Site</title></head><body><article><h1>{TITLE}</h1>"
        f"{body}</article></body></html>"
    )
    raw = RawDocument(id="p", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=strategy)


def _paras(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def test_a_rail_heading_left_alone_in_the_text_is_dropped() -> None:
    # The teasers under "Lesen Sie auch" were pruned with their box (or were links the
    # extract leaves out): the heading stood alone between two story paragraphs.
    body = (
        f"{_paras(STORY[:3])}<h3>Lesen Sie auch</h3><div class='teasers'></div>{_paras(STORY[3:])}"
    )
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        lines = _extract(body, strategy).body.splitlines()
        assert "Lesen Sie auch" not in lines
        assert all(line in lines for line in STORY)


def test_a_rail_heading_over_a_linked_title_is_kept() -> None:
    # "Leggi anche" above another story's linked title, inside the story: the story's own
    # "see also", which AEB's gold keeps (with the title).
    link = (
        "<p><a href='/other'>Il sindaco riapre il vecchio ponte del porto dopo dieci anni</a></p>"
    )
    body = f"{_paras(STORY[:3])}<p>Leggi anche</p>{link}{_paras(STORY[3:])}"
    lines = _extract(body, ExtractStrategy.FAST).body.splitlines()
    assert "Leggi anche" in lines


def test_button_and_label_lines_are_dropped() -> None:
    # Print and back links, a comment link and labels whose value the extract left out,
    # each a line of its own in the story column (German pages, mostly). A label goes over
    # or under the story only (in the middle, "Von:" opens a letter: ``KEPT_LINES``).
    labels = [
        "Artikel drucken",
        "Von:",
        "Weiterempfehlen Drucken",
        "Kontakt:",
        "Quelle: Stadtwerke",
    ]
    tail = ["zurück zur Übersicht", "Kommentare schreiben", "Nach oben"]
    body = (
        f"<p>{labels[0]}</p><p>{labels[1]}</p>{_paras(STORY[:3])}<p>{labels[2]}</p>"
        f"{_paras(STORY[3:])}<p>{labels[3]}</p><p>{labels[4]}</p>{_paras(tail)}"
    )
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        lines = _extract(body, strategy).body.splitlines()
        assert not set(labels + tail) & set(lines)
        assert all(line in lines for line in STORY)


def test_a_sentence_opened_by_a_label_word_is_kept() -> None:
    prose = [
        "Von der Brücke aus sahen die Helfer, wie das Wasser über Nacht gestiegen war.",
        "Kontakt zu den Anwohnern hielt die Feuerwehr über die ganze Woche hinweg.",
    ]
    lines = _extract(_paras(STORY[:3] + prose + STORY[3:]), ExtractStrategy.FAST).body
    assert all(line in lines.splitlines() for line in prose)


def test_rail_headings_in_longer_wordings_are_dropped() -> None:
    # "Mehr zum Thema auf <site>", "Lesen Sie auch die folgenden Artikel", "Notas
    # relacionadas": the usual rail headings in fixed wordings, each left alone between
    # paragraphs.
    headings = ["Mehr zum Thema auf Beispiel.de", "Lesen Sie auch die folgenden Artikel"]
    headings += ["Notas relacionadas", "Aktuelle News", "Mehr Themen"]
    body = "".join(f"<p>{line}</p><h4>{h}</h4>" for line, h in zip(STORY, headings, strict=False))
    body += _paras(STORY[len(headings) :])
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        lines = _extract(body, strategy).body.splitlines()
        assert not set(headings) & set(lines)
        assert all(line in lines for line in STORY)


def test_a_table_of_contents_heading_and_form_notices_are_dropped() -> None:
    # The contents box's entries are links (left out); its heading stayed above the story.
    # A form plugin's hidden fields print their notices as text.
    toc = "<div class='toc'><p>Table of Contents</p><ul><li><a href='#a'>Step 0</a></li></ul></div>"
    form = "<p>This field is hidden when viewing the form</p>"
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        lines = _extract(toc + _paras(STORY) + form, strategy).body.splitlines()
        assert "Table of Contents" not in lines
        assert "This field is hidden when viewing the form" not in lines
        assert all(line in lines for line in STORY)


def test_a_date_alone_on_its_line_is_dropped_unless_the_story_lists_dates() -> None:
    # A post's date printed over and under the story; a diary's dates are its own.
    dated = "<p>Friday, November 14, 2025</p>" + _paras(STORY) + "<p>Dienstag, 4. Juni 2019</p>"
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        lines = _extract(dated, strategy).body.splitlines()
        assert "Friday, November 14, 2025" not in lines
        assert "Dienstag, 4. Juni 2019" not in lines
        assert all(line in lines for line in STORY)
    days = [f"March {day}, 2026" for day in (3, 9, 17)]
    diary = "".join(f"<h3>{d}</h3><p>{line}</p>" for d, line in zip(days, STORY[1:], strict=False))
    body = _extract(_paras(STORY[:1]) + diary + _paras(STORY[4:]), ExtractStrategy.FAST).body
    lines = body.splitlines()
    assert all(day in lines for day in days)


def test_an_agency_credit_alone_on_its_line_is_dropped() -> None:
    # Photo credits under pictures the extract leaves out. A sentence naming an agency, and
    # a credit naming a blog (a listicle's source, which WCXB's gold keeps), stay.
    credits = [
        "Jane Roe/AFP via Getty Images",
        "Getty Images / John Doe",
        "Photo credit: Shutterstock",
    ]
    kept = [
        "The agency told Reuters that the hedge would be finished by the spring.",
        "Photo Credit: www.hedgeblog.example",
    ]
    body = "".join(f"<p>{line}</p><p>{c}</p>" for line, c in zip(STORY, credits, strict=False))
    body += _paras([*STORY[len(credits) :], *kept])
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        lines = _extract(body, strategy).body.splitlines()
        assert not set(credits) & set(lines)
        assert all(line in lines for line in [*STORY, *kept])


# Story lines that read like the boilerplate above: a word said in the story, a heading
# with a tail, a date heading a diary's entry, a sentence naming an agency. Pages written
# for the review of the rules; each line must stay on both paths.
KEPT_LINES = [
    ("p", "Related."),
    ("p", "Keep reading."),
    ("p", "Up next."),
    ("p", "Mehr zu sagen gab es nicht."),
    ("p", "Mehr über ihn erfuhr sie nie."),
    ("p", "Lust auf mehr?"),
    ("h3", "Aktuelle Nachrichten aus der Klinik"),
    ("h3", "Weitere Beiträge zum Prozess"),
    ("p", "Zurück zu Hause weinte sie stundenlang."),
    ("p", "\u201eZurück!\u201c"),
    ("p", "\u201eNach oben!\u201c"),
    ("p", "Kontakt!"),
    ("p", "Telefon!"),
    ("p", "Drucken."),
    ("p", "Von:"),
    ("p", "Weitere Informationen:"),
    ("p", "Release date:"),
    ("p", "Foto: Das letzte Bild von Opa mit seinem Hund, am Tag vor seinem Tod"),
    ("p", "Bild: Ein Mädchen auf einer Schaukel, die Augen geschlossen"),
    ("p", "Credit: the whole village, who carried the bricks by hand"),
    ("p", "Quelle: das Tagebuch meiner Großmutter, Seite 12"),
    ("h3", "Contents"),
    ("p", "Contents:"),
    ("p", "Sommaire"),
    ("h3", "Monday, March 3"),
    ("h3", "Dienstag, 4. Juni 1985"),
    ("p", "Getty Images."),
    ("h3", "Reuters/Ipsos poll shows tight race"),
    ("h3", "EPA / Energy Department"),
    ("h3", "Keystone"),
]


def test_story_lines_that_read_like_boilerplate_are_kept() -> None:
    for tag, line in KEPT_LINES:
        body = f"{_paras(STORY[:3])}<{tag}>{line}</{tag}>{_paras(STORY[3:])}"
        for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
            lines = _extract(body, strategy).body.splitlines()
            assert line in lines, (line, strategy)
            assert all(story in lines for story in STORY)


def test_a_wire_sign_off_under_the_story_is_kept() -> None:
    body = _paras([*STORY, "\u2014 AFP"])
    for strategy in (ExtractStrategy.FAST, ExtractStrategy.AUTO):
        assert "\u2014 AFP" in _extract(body, strategy).body.splitlines()


def test_a_plain_text_post_keeps_its_last_line_after_a_heading_word() -> None:
    # A plain-text post is cleaned by the rail rules too: a last line opening like a German
    # rail heading ("Mehr zu ...", "Mehr über ...") is the story's.
    for last in ["Mehr zu sagen gab es nicht.", "Mehr über ihn erfuhr sie nie.", "Lust auf mehr?"]:
        text = "\n\n".join([TITLE, *STORY, last])
        raw = RawDocument(id="t", content=text, media_type=MediaType.TEXT, source="t")
        assert extract_article(raw).body.splitlines()[-1] == last
    poem = "Mehr über dich\nsang sie jeden Abend leise\nbis die Kerzen ausgingen"
    raw = RawDocument(
        id="t", content="\n\n".join([TITLE, *STORY, poem]), media_type=MediaType.TEXT, source="t"
    )
    assert "Mehr über dich" in extract_article(raw).body.splitlines()
