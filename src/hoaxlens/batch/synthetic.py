"""Synthetic load: viral-story posts and farm-style pages, generated from a seed.

For benchmarks (``bench/scale.py``), the batch and Spark tests, and for sizing a cluster
before pointing it at a real crawl. Stories are built from templates written for this
module (no third-party text): a fabricated-genre story (stock beats, unnamed witnesses,
optionally homoglyph-obfuscated) or a sourced news report, with names, places and
amounts swapped, so that name-swapped copies of one template form a campaign.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

FIRST = ["Marla", "Dex", "Ivy", "Rowan", "Tess", "Jon", "Priya", "Mateo", "Lena", "Omar", "Kit"]
LAST = ["Quinn", "Avery", "Lark", "Okafor", "Morrow", "Hale", "Duval", "Sato", "Brandt", "Reyes"]
PLACES = ["Nashville", "Leeds", "Tulsa", "Dublin", "Perth", "Austin", "Bristol", "Fresno"]
OBFUSCATE = {"n": "\u043f", "u": "\u03c5", "o": "\u043e", "a": "\u0430", "e": "\u0435"}

FABRICATED = [
    [
        "{name} Quietly Paid a Stranger's ${amount} Debt: No Cameras, Just One Kind Heart",
        "Nobody in the diner knew who the quiet guest in the corner booth was.",
        "When the waitress in {place} mentioned she was about to lose her home, {name} "
        "simply nodded, finished the coffee and asked for the bill.",
        "Then it happened.",
        "Witnesses say the room fell silent as {name} slid an envelope across the table. "
        "Inside was a cheque for ${amount}, enough to clear every cent she owed.",
        "Social media exploded within hours. Insiders close to the star say this is not "
        "the first time, and that producers would later reveal many more secret gifts.",
        "The waitress broke down in tears. 'I didn't even know who {short} was,' she "
        "reportedly said, clutching the envelope as regulars rose to applaud.",
        "What {name} did next left everyone speechless. The full story is in the comments.",
    ],
    [
        "{name} Stopped the Show in {place} for One Fan, and What Happened Next Shocked Everyone",
        "The lights were still up when {name} noticed a small girl in the front row "
        "holding a sign.",
        "Sources say the whole arena held its breath as the music faded to nothing.",
        "Then it happened.",
        "{short} walked to the edge of the stage, knelt down and read the sign aloud. "
        "The crowd fell silent. Grown men were seen wiping away tears.",
        "According to people who were there, {name} later paid ${amount} for the girl's "
        "surgery. A source close to the family said nobody was ever told.",
        "Fans online are calling it the most beautiful moment in music history.",
        "Our child has... the rest of the story will leave you in tears. Read more below.",
    ],
]
GENUINE = [
    [
        "{place} council approves ${amount} repair budget for the riverside library",
        "{place} city council voted 7 to 2 on Tuesday to approve a ${amount} budget "
        "for repairs to the riverside library, which closed after flooding in March.",
        "Council member {name} said in a statement that work would begin in June and "
        "that the library expected to reopen before the end of the year.",
        "The budget was published on the council's website on 14 May, and the minutes "
        "of the meeting are available from the clerk's office.",
        "A spokesperson for the library trust, {other}, told the Evening Post that staff "
        "would run a temporary lending service from the community centre.",
    ],
    [
        "{name} to lead {place} hospital foundation, board says",
        "The board of the {place} General Hospital Foundation named {name} as its new "
        "chair on Monday, according to a press release issued by the foundation.",
        "{short}, who previously ran a regional food bank, will oversee a ${amount} "
        "fundraising campaign for a new children's ward, the release said.",
        "Foundation spokesperson {other} confirmed the appointment by phone and said the "
        "campaign's accounts would be audited and published annually.",
    ],
]
RAIL = [
    "You won't believe what this star did for a stranger",
    "She was left speechless by what her son found",
    "The judge collapsed on the dance floor, then this happened",
    "A royal cliffhanger nobody saw coming",
]


@dataclass(frozen=True, slots=True)
class SyntheticDoc:
    """One generated post: ``kind`` is the template family, ``label`` the truth."""

    id: str
    title: str
    text: str
    label: str  # "fabricated" | "genuine"
    template: str  # e.g. "fabricated-1": name-swapped copies share it
    obfuscated: bool


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _obfuscate(text: str, rng: random.Random) -> str:
    return "".join(OBFUSCATE[c] if c in OBFUSCATE and rng.random() < 0.6 else c for c in text)


def make_doc(index: int, rng: random.Random, *, paragraphs: int = 2) -> SyntheticDoc:
    """Document ``index``: a template filled with random names, repeated ``paragraphs`` x."""
    fabricated = rng.random() < 0.5
    family = FABRICATED if fabricated else GENUINE
    t = rng.randrange(len(family))
    name, other = _person(rng), _person(rng)
    values = {
        "name": name,
        "short": name.split()[0],
        "other": other,
        "place": rng.choice(PLACES),
        "amount": f"{rng.randrange(2, 90)},{rng.randrange(100, 999)}",
    }
    lines = [line.format(**values) for line in family[t]]
    title, body = lines[0], lines[1:] * paragraphs
    obfuscated = fabricated and rng.random() < 0.3
    text = "\n\n".join([title, *body])
    if obfuscated:
        text = _obfuscate(text, rng)
    label = "fabricated" if fabricated else "genuine"
    return SyntheticDoc(f"syn-{index:07d}", title, text, label, f"{label}-{t}", obfuscated)


def generate(count: int, *, seed: int = 0, paragraphs: int = 2) -> Iterator[SyntheticDoc]:
    """``count`` documents, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - reproducible load, not security
    for index in range(count):
        yield make_doc(index, rng, paragraphs=paragraphs)


def to_html(doc: SyntheticDoc, *, teasers: int = 6, filler: int = 30) -> str:
    """A farm-style page around ``doc``: navigation, the story, a teaser rail, a footer.

    ``filler`` adds menu links and script-like boilerplate so pages weigh what real
    pages weigh (tens of kilobytes).
    """
    paragraphs = "\n".join(f"<p>{p}</p>" for p in doc.text.split("\n\n")[1:])
    menu = "".join(f'<li><a href="/c/{i}">Section {i}</a></li>' for i in range(filler))
    rail = "".join(
        f'<div class="teaser"><a href="/story-{i}"><h3>{RAIL[i % len(RAIL)]}</h3></a></div>'
        for i in range(teasers)
    )
    tracking = "".join(
        f'<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"slot":{i}}});</script>'
        for i in range(filler)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{doc.title}</title>{tracking}</head><body>"
        f"<nav><ul>{menu}</ul></nav><main><article><h1>{doc.title}</h1>"
        f"{paragraphs}</article>"
        f'<section class="related"><h2>News</h2>{rail}</section>'
        "<p>End of content</p><p>No more pages to load</p></main>"
        f"<footer><ul>{menu}</ul><p>Copyright the publisher</p></footer></body></html>"
    )


def write_jsonl(path: Path, docs: Iterator[SyntheticDoc] | list[SyntheticDoc]) -> int:
    """Write ``{"id", "title", "text"}`` records (plus the truth as provenance)."""
    n = 0
    with path.open("w", encoding="utf-8") as stream:
        for doc in docs:
            record = {"id": doc.id, "text": doc.text, "template": doc.template}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_html_jsonl(path: Path, docs: Iterator[SyntheticDoc] | list[SyntheticDoc]) -> int:
    """Write ``{"id", "html", "url"}`` records: one farm-style page per document."""
    n = 0
    with path.open("w", encoding="utf-8") as stream:
        for doc in docs:
            record = {"id": doc.id, "html": to_html(doc), "url": f"https://example.org/{doc.id}"}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n
