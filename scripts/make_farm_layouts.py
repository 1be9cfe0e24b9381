"""Generate content-farm pages laid out differently from tests/fixtures/farm, from a seed.

The hand-written fixtures imitate real WordPress themes; an extractor tuned on them can
still fail on the next farm. These pages are built *differently* on purpose: random class
names (or none), div soup or semantic tags, wrappers nested 0-6 deep, paragraphs as
<p>, <br> runs, <div> lines or <p><span>, furniture in random order and places (rails
inside or outside the story wrapper, in a sidebar before the story, without a heading),
2-8 teasers with or without excerpts, optional homoglyph obfuscation, and sometimes a
second story appended below the first. The text is generated from templates.

Used by tests/extract (a few seeds) and bench/extract.py (many), and from the shell:

    python scripts/make_farm_layouts.py --seed 7 --count 20 --out /tmp/layouts

which writes NAME.html, NAME.expected.txt and one manifest.json.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

FIRST = [
    "Marla",
    "Dex",
    "Tessa",
    "Rowan",
    "Celia",
    "Bram",
    "Ines",
    "Jonah",
    "Priya",
    "Callum",
    "Noor",
    "Arlo",
    "Vera",
    "Silas",
]
LAST = [
    "Quinn",
    "Holloway",
    "Marsh",
    "Okafor",
    "Lind",
    "Brandt",
    "Ferreira",
    "Vance",
    "Castell",
    "Doyle",
    "Ahn",
    "Pike",
]
ROLES = [
    "talk show host", "country singer", "game show host", "figure skater", "news anchor",
    "sitcom star", "talent show judge", "rock drummer", "tennis champion", "celebrity chef",
    "movie star", "late-night host", "pop singer", "football coach",
]  # fmt: skip
PLACES = [
    "studio", "arena", "hospital lobby", "airport gate", "small-town diner", "courtroom",
    "stadium tunnel", "hotel ballroom", "train platform", "school gym",
]  # fmt: skip
OPENERS = [
    "It was supposed to be an ordinary evening at the {place}, and {name} was running late.",
    "Nobody at the {place} expected anything unusual when {name} walked in without a word.",
    "The cameras were already rolling when {name} noticed something at the back of the {place}.",
]
MIDDLE = [
    "Then it happened.",
    "{first} stopped in the middle of a sentence.",
    "The room fell completely silent.",
    "A small boy was standing alone near the door, holding a crumpled piece of paper.",
    "{first} walked over slowly and knelt down beside him.",
    "Witnesses say the two of them talked quietly for almost ten minutes.",
    "Nobody moved.",
    "Some of the crew began to cry before they even understood why.",
    "The paper was a letter the boy had written to his late father.",
    "{first} read it twice, then folded it carefully and put it in a jacket pocket.",
    "“You did nothing wrong,” {first} whispered, loud enough for the first row to hear.",
    "The boy\u2019s mother later said she had not seen him smile in a year.",
    "Producers tried to move on with the schedule. {first} refused.",
    "For the next hour, the {place} belonged to a seven-year-old and his questions.",
    "Silence.",
    "A nurse who was there called it the kindest thing she had ever witnessed.",
    "Phones came out one by one, but nobody dared to interrupt.",
    "By the time the lights came back up, there was not a dry eye left.",
]
# The appended second story tells another tale, so that none of its lines can be
# mistaken for a line of the first story when leaks are counted.
SECOND_MIDDLE = [
    "The river had frozen early that winter, and the ice near the bridge was thinner than it "
    "looked.",
    "A dog had gone through it fifty feet from the bank.",
    "{first} did not wait for the rescue crew.",
    "Onlookers filmed as {first} crawled across the ice on both elbows.",
    "The owner, a teenage girl, could only scream the dog\u2019s name.",
    "It took four minutes to reach the hole and three more to get back.",
    "Paramedics found {first} shivering under a blanket with the dog asleep on one knee.",
    "The video has since been watched forty million times.",
]
TWISTS = [
    "What nobody knew until later was that {first} had quietly paid the family\u2019s rent for "
    "a year.",
    "Weeks later, a letter arrived at the boy\u2019s house with no return address and a plane "
    "ticket inside.",
    "It turned out {first} had lost a father at the very same age.",
]
CLOSERS = [
    "Some moments are bigger than any stage.",
    "Kindness, it turns out, does not need an audience.",
    "Nobody who was there will ever forget it.",
]
ACTIONS = [
    "Stops Show To Help A Crying Child", "Reveals The Secret Kept For Twenty Years",
    "Pays Off A Stranger\u2019s Medical Debt", "Leaves Fans In Tears With One Sentence",
    "Walks Off Set To Hug A Janitor", "Gives Away The Award On Live Television",
    "Breaks Down Reading A Letter From A Fan", "Quietly Rebuilds A Flooded Town",
    "Surprises A Waitress With A Life-Changing Tip", "Returns To The Diner Where It All Began",
]  # fmt: skip
EXCERPTS = [
    "Nobody expected what happened when the lights came back on and the audience saw",
    "It was supposed to be a routine taping, but one question changed everything for",
    "The crew was stunned when the star pushed back the chair and walked straight toward",
]
RAIL_HEADINGS = [
    "Related", "More News", "You may like", "You May Also Like", "Related Stories",
    "Recommended for you", "News", "Trending Now", "Read Next", "Don't Miss",
]  # fmt: skip
MARKERS = [
    "End of content", "No more pages to load", "Load more", "Load More Stories",
    "No more posts", "You have reached the end",
]  # fmt: skip
SHARE_LABELS = [
    "Share on Facebook",
    "Share on Twitter",
    "Share on WhatsApp",
    "Tweet",
    "Pin it",
    "Email",
]
COOKIES = [
    "We use cookies to ensure that we give you the best experience on our website.",
    "This website uses cookies to improve your experience. By continuing you accept them.",
    "By continuing to use this site, you agree to the use of cookies.",
]
COMMENT_HEADS = ["Leave a Reply", "Leave a comment", "Post a Comment"]
SEMANTIC = {
    "share": ["post-share", "share-row", "social-links"],
    "rail": ["related-box", "more-stories", "rec-grid"],
    "cookie": ["cookie-bar", "consent-box"],
    "comments": ["comment-area", "respond-box"],
    "footer": ["site-footer", "bottom-bar"],
    "sidebar": ["sidebar", "side-col"],
}


def _ob(text: str) -> str:
    return text.replace("n", "\u043f").replace("u", "\u03c5")


@dataclass
class FarmLayout:
    """One generated page and what a correct extraction of it must give."""

    name: str
    seed: int
    html: str
    url: str | None  # pass as RawDocument.url; None: the page names itself (canonical)
    title: str
    paragraphs: list[str]
    leaks: list[str]  # furniture texts that must not be left in the body
    domain: str
    published: str | None
    byline: str | None
    site_links: list[str]
    features: dict[str, object] = field(default_factory=dict)


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - test data, not cryptography
        self.seed = seed
        self.semantic = self.rng.random() < 0.3
        self.soup = self.rng.random() < 0.5
        self.obfuscate = self.rng.random() < 0.25
        self.leaks: list[str] = []
        self.links: list[str] = []
        self.modes: list[str] = []
        self.domain = (
            "".join(
                self.rng.choice(["daily", "viral", "heart", "star", "buzz", "true"])
                for _ in range(2)
            )
            + f"{seed % 97}.example"
        )

    def text(self, value: str) -> str:
        return _ob(value) if self.obfuscate else value

    def cls(self, role: str = "") -> str:
        rng = self.rng
        if self.semantic and role in SEMANTIC:
            name = rng.choice(SEMANTIC[role])
        elif rng.random() < 0.2:
            return ""
        else:
            name = " ".join(
                "".join(rng.choice("bcdfghjkqrtvwxz") for _ in range(3)) + str(rng.randint(1, 99))
                for _ in range(rng.randint(1, 2))
            )
        return f' class="{name}"'

    def tag(self, semantic: str) -> str:
        return "div" if self.soup else semantic

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def story_url(self, title: str) -> str:
        """A story address on the page's own domain, slugged from the plain title."""
        slug = "-".join("".join(c for c in w.lower() if c.isalnum()) for w in title.split()[:7])
        year, month = self.rng.randint(2022, 2024), self.rng.randint(1, 12)
        url = f"https://{self.domain}/{year}/{month:02d}/{slug}/"
        self.links.append(url)
        return url

    def teaser_title(self) -> str:
        role = self.rng.choice(ROLES).title()
        return f"{role} {self.name()} {self.rng.choice(ACTIONS)}"

    def story(self) -> tuple[str, list[str]]:
        """A plain-text title and the (possibly obfuscated) paragraphs of a new story."""
        name, role, place = self.name(), self.rng.choice(ROLES), self.rng.choice(PLACES)
        first = name.split()[0]
        fill = {"name": name, "first": first, "place": place}
        middle = self.rng.sample(MIDDLE, self.rng.randint(8, 14))
        lines = [
            self.rng.choice(OPENERS),
            *middle,
            self.rng.choice(TWISTS),
            self.rng.choice(CLOSERS),
        ]
        title = f"{role.title()} {name} {self.rng.choice(ACTIONS)}"
        return title, [self.text(line.format(**fill)) for line in lines]

    def second_story(self) -> tuple[str, list[str]]:
        """Another story, from sentences the first story never uses."""
        name, role = self.name(), self.rng.choice(ROLES)
        lines = self.rng.sample(SECOND_MIDDLE, self.rng.randint(4, len(SECOND_MIDDLE)))
        title = f"{role.title()} {name} Saves A Stranger\u2019s Dog From A Frozen River"
        return title, [self.text(line.format(first=name.split()[0])) for line in lines]

    def paragraphs(self, lines: list[str]) -> str:
        mode = self.rng.choice(["p", "br", "div", "span", "mixed"])
        self.modes.append(mode)
        esc = [html.escape(line, quote=False) for line in lines]
        if mode == "br":
            sep = self.rng.choice(["<br>\n", "<br><br>\n", "<br/>"])
            return sep.join(esc)
        rows = []
        for line in esc:
            m = self.rng.choice(["p", "div", "span"]) if mode == "mixed" else mode
            rows.append(
                {
                    "p": f"<p>{line}</p>",
                    "div": f"<div>{line}</div>",
                    "span": f"<p><span>{line}</span></p>",
                }[m]
            )
        return "\n".join(rows)

    def share(self) -> str:
        labels = self.rng.sample(SHARE_LABELS, self.rng.randint(2, 4))
        self.leaks += [x for x in labels if x.startswith("Share")]
        item = self.rng.choice(["a", "button", "span"])
        inner = "".join(
            f'<{item} href="https://www.facebook.com/sharer.php?u=x">{x}</{item}>' for x in labels
        )
        return f"<{self.tag('nav')}{self.cls('share')}>{inner}</{self.tag('nav')}>"

    def rail(self, *, headed: bool = True) -> str:
        heading = self.text(self.rng.choice(RAIL_HEADINGS))
        heading_tag = self.rng.choice(["h2", "h3", "h4", "div"])
        parts = [f"<{heading_tag}>{heading}</{heading_tag}>"] if headed else []
        if headed:
            self.leaks.append(heading)
        for _ in range(self.rng.randint(2, 8)):
            plain_title = self.teaser_title()
            url = self.story_url(plain_title)
            title = self.text(plain_title)
            self.leaks.append(title)
            hx = self.rng.choice(["h3", "h4", "div", "span"])
            card = f'<{hx}><a href="{url}">{html.escape(title)}</a></{hx}>'
            if self.rng.random() < 0.5:
                excerpt = self.text(self.rng.choice(EXCERPTS) + " " + self.name() + "…")
                self.leaks.append(excerpt)
                card += f"<p>{html.escape(excerpt)}</p>"
            if self.rng.random() < 0.3:
                when = self.rng.choice(["March 3, 2024", "May 19, 2023", "2 days ago"])
                card += f"<span>{when}</span>"
            if self.rng.random() < 0.3:
                card += f'<a href="{url}">Read more</a>'
            parts.append(f"<{self.tag('article')}{self.cls()}>{card}</{self.tag('article')}>")
        return f"<{self.tag('section')}{self.cls('rail')}>{''.join(parts)}</{self.tag('section')}>"

    def cookie(self) -> str:
        text = self.text(self.rng.choice(COOKIES))
        self.leaks.append(text)
        button = self.rng.choice(["Accept", "OK", "I Agree", "Got it"])
        return f"<div{self.cls('cookie')}><p>{text}</p><button>{button}</button></div>"

    def comments(self) -> str:
        head = self.text(self.rng.choice(COMMENT_HEADS))
        self.leaks += [head, "Your email address will not be published"]
        return (
            f"<div{self.cls('comments')}><h3>{head}</h3><form><p>Your email address will not be "
            "published. Required fields are marked *</p><label>Comment *</label>"
            "<textarea></textarea>"
            '<label>Name *</label><input type="text"><input type="submit" value="Post Comment">'
            "</form></div>"
        )

    def footer(self) -> str:
        site = self.domain.split(".")[0].title()
        line = f"© {self.rng.randint(2019, 2024)} {site}. All rights reserved."
        self.leaks.append(line)
        links = "".join(
            f'<a href="https://{self.domain}/{p}/">{t}</a> '
            for p, t in (("about", "About"), ("privacy-policy", "Privacy Policy"))
        )
        tag = self.tag("footer")
        return f"<{tag}{self.cls('footer')}><p>{line}</p><div>{links}</div></{tag}>"

    def marker(self) -> str:
        text = self.text(self.rng.choice(MARKERS))
        self.leaks.append(text)
        return f"<div{self.cls()}>{text}</div>"

    def wrap(self, inner: str, depth: int) -> str:
        for _ in range(depth):
            inner = f"<div{self.cls()}>{inner}</div>"
        return inner


def _head(
    b: _Builder, title: str, url: str, published: str, byline: str
) -> tuple[str, dict[str, object]]:
    rng = b.rng
    meta = [f"<title>{html.escape(title)} | {b.domain.split('.')[0].title()}</title>"]
    date_in = rng.choice(["meta", "jsonld", "time", "none"])
    author_in = rng.choice(["meta", "jsonld", "rel", "none"])
    if rng.random() < 0.8:
        meta.append(f'<meta property="og:title" content="{html.escape(title)}">')
    meta.append(f'<link rel="canonical" href="{url}">')
    meta.append(f'<meta property="og:url" content="{url}">')
    if date_in == "meta":
        meta.append(
            f'<meta property="article:published_time" content="{published}T09:30:00+00:00">'
        )
    if author_in == "meta":
        meta.append(f'<meta name="author" content="{byline}">')
    ld: dict[str, object] = {"@type": "NewsArticle"}
    if date_in == "jsonld":
        ld["datePublished"] = f"{published}T09:30:00Z"
    if author_in == "jsonld":
        ld["author"] = {"@type": "Person", "name": byline}
    if len(ld) > 1:
        meta.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    return "\n".join(meta), {"date_in": date_in, "author_in": author_in}


def _bulk(b: _Builder) -> tuple[str, str]:
    """Weight that real farm pages carry: a mega menu, footer widgets, inline script/CSS.

    Returns (head markup, body markup). Real WordPress farm pages weigh 100-300 KB, mostly
    this; the layouts alone weigh about 10 KB, which flatters slow extractors.
    """
    rng = b.rng
    menu = "".join(
        f'<li{b.cls()}><a href="https://{b.domain}/category/topic-{i}/">Topic {i}</a></li>'
        for i in range(rng.randint(150, 300))
    )
    widgets = "".join(
        f'<div{b.cls()}><a href="https://{b.domain}/category/topic-{i}/"><img src="t{i}.jpg"'
        f' alt=""></a><span>{rng.randint(1, 28)} May 2024</span></div>'
        for i in range(rng.randint(30, 60))
    )
    script = "<script>var cfg = {" + ",".join(f'"k{i}": {i}' for i in range(4000)) + "};</script>"
    style = "<style>" + "".join(f".c{i}{{margin:{i % 9}px}}" for i in range(2500)) + "</style>"
    nav = f"<{b.tag('nav')}{b.cls()}><ul{b.cls()}>{menu}</ul></{b.tag('nav')}>"
    return style, f"{nav}<div{b.cls()}>{widgets}</div>{script}"


def make_layout(seed: int, *, bulk: bool = False) -> FarmLayout:
    """Build one page from ``seed`` (same seed, same page); ``bulk`` adds real-page weight."""
    b = _Builder(seed)
    rng = b.rng
    plain_title, lines = b.story()
    url = b.story_url(plain_title)
    b.links.remove(url)
    title = b.text(plain_title)
    published = f"{rng.randint(2022, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    byline = b.name()
    head, feats = _head(b, title, url, published, byline)
    h = rng.choice(["h1", "h1", "h1", "h2"])
    story = [f"<{h}{b.cls()}>{html.escape(title, quote=False)}</{h}>"]
    if feats["author_in"] == "rel":
        story.append(
            f'<div{b.cls()}>By <a rel="author" href="https://{b.domain}/author/x/">{byline}</a></div>'
        )
    if feats["date_in"] == "time":
        story.append(f'<time datetime="{published}T08:00:00Z">{published}</time>')
    if rng.random() < 0.5:
        story.append(b.share())
    body = b.paragraphs(lines)
    if rng.random() < 0.3:  # an inline "read also" teaser between two paragraphs
        plain_teaser = b.teaser_title()
        link = b.story_url(plain_teaser)
        teaser = b.text(plain_teaser)
        cut = body.find("\n", len(body) // 2)
        if cut > 0:
            b.leaks.append(teaser)
            body = (
                body[:cut]
                + f'\n<p><strong>READ ALSO:</strong> <a href="{link}">{teaser}</a></p>'
                + body[cut:]
            )
        else:
            b.links.remove(link)
    story.append(b.wrap(f"<div{b.cls()}>{body}</div>", rng.randint(0, 2)))
    after = [b.share() if rng.random() < 0.5 else "", b.rail(headed=rng.random() < 0.85)]
    rail_inside = rng.random() < 0.4
    tail = [b.comments() if rng.random() < 0.7 else "", b.marker()]
    second = rng.random() < 0.3
    if second:
        s_plain, s_lines = b.second_story()
        s_url = b.story_url(s_plain)
        s_title = b.text(s_plain)
        linked = rng.random() < 0.5
        heading = (
            f'<a href="{s_url}">{html.escape(s_title)}</a>' if linked else html.escape(s_title)
        )
        if not linked:
            b.links.remove(s_url)
        b.leaks += [s_title, *s_lines[:3]]
        s_tag = rng.choice(["h1", "h2"])
        tail.insert(
            rng.randint(0, 1),
            f"<{b.tag('article')}{b.cls()}><{s_tag}>{heading}</{s_tag}>{b.paragraphs(s_lines)}</{b.tag('article')}>",
        )
    rng.shuffle(after)
    story_block = "".join(story + (after if rail_inside else []))
    main = b.wrap(
        f"<{b.tag('article')}{b.cls()}>{story_block}</{b.tag('article')}>", rng.randint(0, 6)
    )
    main += "".join(([] if rail_inside else after) + tail)
    sidebar = (
        f"<{b.tag('aside')}{b.cls('sidebar')}>{b.rail()}</{b.tag('aside')}>"
        if rng.random() < 0.5
        else ""
    )
    header = f'<{b.tag("header")}{b.cls()}><a href="https://{b.domain}/">{b.domain}</a> <a href="https://{b.domain}/category/stars/">Stars</a></{b.tag("header")}>'
    parts = [
        header,
        *([sidebar] if rng.random() < 0.3 else []),
        f"<{b.tag('main')}{b.cls()}>{main}</{b.tag('main')}>",
    ]
    if sidebar and sidebar not in parts:
        parts.append(sidebar)
    if bulk:
        bulk_head, bulk_body = _bulk(b)
        head += bulk_head
        parts.insert(1, bulk_body)
    parts.append(b.footer())
    cookie = b.cookie()
    parts.insert(0 if rng.random() < 0.3 else len(parts), cookie)
    url_given = rng.random() < 0.5
    page = (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n{head}\n</head>\n<body>\n'
        + "\n".join(parts)
        + "\n</body></html>\n"
    )
    return FarmLayout(
        name=f"layout-{seed}",
        seed=seed,
        html=page,
        url=url if url_given else None,
        title=title,
        paragraphs=lines,
        leaks=sorted(set(b.leaks)),
        domain=b.domain,
        published=None if feats["date_in"] == "none" else published,
        byline=None if feats["author_in"] == "none" else byline,
        site_links=sorted(set(b.links)),
        features={
            **feats,
            "semantic": b.semantic,
            "soup": b.soup,
            "obfuscated": b.obfuscate,
            "second_article": second,
            "rail_inside": rail_inside,
            "heading": h,
            "paragraphs": b.modes[0],
            "url_given": url_given,
        },
    )


def squash(text: str) -> str:
    """Collapse whitespace, for comparing extracted lines with expected ones."""
    return " ".join(text.split())


def _words(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def leaked(body: str, snippet: str) -> bool:
    """Whether a furniture ``snippet`` survived into an extracted ``body``.

    A long snippet counts anywhere in the body; a short one (a marker such as "Load more")
    only as a whole line, so that a story sentence sharing its words is not a leak. The
    tests and ``bench/extract.py`` both score with this.
    """
    if len(snippet) >= 25:
        return squash(snippet) in squash(body)
    return any(_words(line) == _words(snippet) for line in body.splitlines())


def make_layouts(seed: int, count: int, *, bulk: bool = False) -> list[FarmLayout]:
    """``count`` pages from one seed (page ``i`` uses seed ``seed * 10_000 + i``)."""
    return [make_layout(seed * 10_000 + i, bulk=bulk) for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--bulk", action="store_true", help="add real-page weight (menus, scripts)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for layout in make_layouts(args.seed, args.count, bulk=args.bulk):
        (args.out / f"{layout.name}.html").write_text(layout.html, encoding="utf-8")
        (args.out / f"{layout.name}.expected.txt").write_text(
            "\n".join(layout.paragraphs) + "\n", encoding="utf-8"
        )
        manifest.append({k: v for k, v in asdict(layout).items() if k != "html"})
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(manifest)} layouts to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
