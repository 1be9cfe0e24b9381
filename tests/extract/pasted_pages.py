"""Farm pages with a second story pasted inside the first post's ``.entry-content``.

Written for ``test_pasted_second_story.py`` in the farm style (a made-up widow's story, a
made-up actor's story pasted under it). ``page`` builds a WordPress-style post whose
``.entry-content`` holds the story's paragraphs, then ``after`` (the separator, the
second story's headline and paragraphs, or more of the same story).
"""

from __future__ import annotations

from hoaxlens.extract import extract_article
from hoaxlens.extract.article import ExtractStrategy
from hoaxlens.types import Article, MediaType, RawDocument

HEADLINE = "Grieving Widow Finds Her Late Husband's Letters Hidden Inside The Old Piano"
SITE = "Daily Heart Stories"
STORY = [
    "Margaret Hollis, 84, had not opened the lid of the old piano since Walter died in the "
    "spring, and her daughter Ellen finally persuaded her to have it tuned.",
    "When the tuner lifted the top board he found a bundle of envelopes tied with string, "
    "each one addressed to Margaret in Walter's careful handwriting.",
    "Walter had written one letter for every year of their marriage, fifty-one in all, and "
    "hidden them where he knew Margaret would one day look.",
    "Ellen said her mother sat at the kitchen table in Millbrook for hours, reading each "
    "letter twice before she would let anyone else see them.",
]
# More of the same story, told after a subheading; it names its people again.
MORE_STORY = [
    "Margaret says the first letter, from 1972, describes the dance hall where Walter saw "
    "her laughing with her sister and decided to ask her name.",
    "The last one was written only weeks before Walter's death, and Ellen says it made the "
    "whole family cry when Margaret read it aloud at dinner.",
    "Now Margaret keeps the letters in a tin box on the piano, and she plays a little every "
    "evening, the way Walter always asked her to.",
]
# More of the same story, told with pronouns only (no name in it).
MORE_STORY_PRONOUNS = [
    "She says the first letter describes the dance hall where he saw her laughing with her "
    "sister and decided, then and there, to ask her name.",
    "The last one was written only weeks before his death, and it made the whole family cry "
    "when she read it aloud at dinner one evening.",
    "Now she keeps the letters in a tin box on the piano, and she plays a little every "
    "evening, the way he always asked her to do.",
]
# More of the same story, after a subheading of its own: it brings in a new person and
# names none of the story's earlier people (the hard case for any cut).
NEW_PERSON_HEADLINE = "A Knock On The Door Late One Night"
NEW_PERSON = [
    "Clara Whitaker had lived across the road for forty years, and she was the first to "
    "hear about the envelopes when she knocked that evening to borrow some sugar.",
    "Whitaker found her friend in tears at the kitchen table, with the opened envelopes "
    "spread out in front of her in neat little piles by year.",
    "The two women stayed up past midnight reading them together, and Whitaker says she "
    "had never once seen her neighbour smile the way she did that night.",
]
SECOND_HEADLINE = "Hollywood Actor Rescues A Drowning Puppy During The Storm And Fans Cry"
SECOND_SENTENCE_CASE = "Hollywood actor rescues a drowning puppy during the storm and fans cry"
SECOND = [
    "Actor Daniel Brooks was filming near Malibu when the storm hit, and crew members say "
    "he waded into the flooded creek without a second thought.",
    "The puppy, a tiny terrier mix, was clinging to a branch, and Brooks carried it back to "
    "his trailer wrapped in his own jacket.",
    "Fans on Instagram flooded his page with messages after a crew member shared the video, "
    "calling Brooks a true hero off screen as well as on it.",
    "Brooks has since adopted the puppy and named it Storm, and he says the little dog now "
    "sleeps at the foot of his bed every single night.",
]
STRATEGIES = (ExtractStrategy.FAST, ExtractStrategy.AUTO)

# Separators a farm sets between a story and the one pasted under it: furniture (a
# share bar, a rule) and the lines that end a story.
SHARE_BAR = (
    "<div class='sharedaddy sd-sharing-enabled'><div class='sd-content'><ul>"
    "<li><a href='https://facebook.com/sharer'>Share on Facebook</a></li>"
    "<li><a href='https://twitter.com/intent'>Tweet</a></li></ul></div></div>"
)
THE_END = "<p>THE END</p>"
THE_END_STRONG = "<p><strong>The End.</strong></p>"
RULE = "<hr>"
END_OF_STORY = "<h4>End of story</h4>"
LABEL_NEXT = "<p>Next story:</p>"
LABEL_NEXT_POST = "<p><strong>NEXT POST</strong></p>"
# Inside a story, not after it: a rule, a share bar, an ad slot or a weaker label.
AD_SLOT = "<div class='code-block'><ins class='adsbygoogle'></ins></div>"
AD_LABEL = "<div class='ad-slot'><span>Advertisement</span></div>"
ALSO_READ = "<p><strong>ALSO READ</strong></p>"


def paras(lines: list[str]) -> str:
    """The lines as ``<p>`` paragraphs."""
    return "".join(f"<p>{line}</p>" for line in lines)


def headed(text: str, tag: str) -> str:
    """A headline in ``<h2>``/``<h3>``, or a bold paragraph (``tag="strong"``)."""
    if tag == "strong":
        return f"<p><strong>{text}</strong></p>"
    return f"<{tag}>{text}</{tag}>"


def page(after: str, *, before: str = "", story: list[str] | None = None) -> str:
    """A farm post: headline, ``before``, the story's paragraphs, then ``after``."""
    lines = STORY if story is None else story
    return (
        f"<html><head><title>{HEADLINE} | {SITE}</title></head><body>"
        f"<header class='site-header'><a href='/'>{SITE}</a></header><main>"
        f"<article id='post-7' class='post type-post hentry'>"
        f"<header class='entry-header'><h1 class='entry-title'>{HEADLINE}</h1></header>"
        f"<div class='entry-content'>{before}{paras(lines)}{after}</div>"
        "<footer class='entry-footer'><span class='cat-links'>Posted in "
        "<a href='/c/stories'>Stories</a></span></footer></article></main>"
        f"<footer class='site-footer'>&copy; 2024 {SITE}</footer></body></html>"
    )


def extract(html: str, strategy: ExtractStrategy) -> Article:
    """``extract_article`` of an HTML page."""
    raw = RawDocument(id="p", content=html, media_type=MediaType.HTML, source="t")
    return extract_article(raw, strategy=strategy)
