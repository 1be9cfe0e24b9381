"""Time ``analyze`` on hostile documents of 1, 2 and 4 MB (issue 15: CPU per document).

Each family is built at every size and analysed in a fresh process (a hung document is
stopped by ``--timeout``); the table gives seconds per size and the growth from 1 to 4 MB
divided by 4: 1.0 is linear, 4.0 quadratic (the issue asks for 1.0 +/- 0.2). A document the
pipeline refuses (an ``extract`` error such as ``too_complex``) is timed like any other and
its error type shown. ingest's ``max_bytes`` default is 5 MB, so 4 MB is the largest single
document a scan reads.

    .venv/bin/python bench/hostile.py                  # all families, 1/2/4 MB
    .venv/bin/python bench/hostile.py --sizes 0.25,0.5,1 --family share-lines
"""

from __future__ import annotations

import argparse
import json
import random
import string
import subprocess
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

MB = 1_000_000
STORY = "Star Stuns Fans With Surprise Return\nIt was a night nobody expected. " * 3


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _words(size: int, line: Callable[[random.Random], str]) -> str:
    rng = random.Random(15)  # reproducible documents
    parts: list[str] = []
    while size > 0:
        parts.append(line(rng))
        size -= len(parts[-1])
    return "".join(parts)


def _surname(rng: random.Random) -> str:
    letters = rng.choices(string.ascii_lowercase, k=rng.randint(3, 8))
    return rng.choice(string.ascii_uppercase) + "".join(letters)


_FIRST = ["Derek", "Anna", "John", "Carrie", "Mary", "James", "Linda", "Kate", "Tom", "Emma"]

_DISGUISED = "You and the love th\u212e secret \u0263\u0585\u057d both.\n"
_QUOTE_AND_LOOKALIKES = (
    "\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059 \u0263\u0585\u057d \u0397\u039f\u051c "
)

# name -> (kind, builder of a document of about ``size`` characters)
FAMILIES: dict[str, tuple[str, Callable[[int], str]]] = {
    "share-lines": ("text", lambda n: STORY + _repeat("share x " * 14 + "?\n", n)),
    "marker-lines": ("text", lambda n: STORY + _repeat("See more\nShare\nEnd of content\n", n)),
    "capitalized-run": ("text", lambda n: STORY + _words(n, lambda r: _surname(r) + " ")),
    "distinct-names": (
        "text",
        lambda n: (
            STORY
            + _words(
                n,
                lambda r: (
                    f"Then {r.choice(_FIRST)} {_surname(r)} spoke to "
                    f"{r.choice(_FIRST)} {_surname(r)}.\n"
                ),
            )
        ),
    ),
    "long-line-no-spaces": ("text", lambda n: STORY + _repeat("abcdefghij", n)),
    "punctuation-run": ("text", lambda n: STORY + _repeat("!?.,;:-'\"", n)),
    "emoji-combining": ("text", lambda n: STORY + _repeat("\U0001f600\u0301\u0308a\u043f", n)),
    "many-paragraphs": ("text", lambda n: STORY + _repeat("Short paragraph.\n\n", n)),
    # review findings of the 2026-12-05 round: a title of semicolons (scope's code check
    # looked up the line end at every ';'), an English line quoting another script among
    # lookalike words (the normalizer scanned back to the line start at every word), and
    # repeated wire-agency tags (quadratic since before that round; all three fixed in it).
    # The tags also bought the story a `genuine` label (each counted as a wire dateline) until
    # sourcing.v1 counted a wire tag only as a dateline and each anchor once: now `uncertain`,
    # the label of the story alone (tests/signals/test_sourcing_padding.py)
    "title-semicolons": ("title", lambda n: _repeat(";", n)),
    "foreign-quote-line": (
        "text",
        lambda n: _DISGUISED + _repeat(_QUOTE_AND_LOOKALIKES, n),
    ),
    "wire-tags": ("text", lambda n: STORY + _repeat("(AP) \u2014 (ap) - ", n)),
    # issue 16: one neutral sentence repeated (copies count once: never an all-clear)
    "repeated-sentence": ("text", lambda n: STORY + _repeat(" It is all in court records.", n)),
    # the 2026-12-06 hunt (text path): a blank run inside a teaser cue, "Related Posts"
    # lines, cookie-banner lines, a link host of "court.", stage names glued by "!"
    "teaser-blanks": (
        "text",
        lambda n: STORY + "Read the full story" + _repeat(" ", n) + " now \U0001f447",
    ),
    "rail-lines": ("text", lambda n: STORY + _repeat("Related Posts\n", n)),
    "cookie-lines": ("text", lambda n: STORY + _repeat("We use cookies\nok\n", n)),
    "court-host": ("text", lambda n: STORY + "See https://" + _repeat("court.", n) + "_ now."),
    "stage-names": ("text", lambda n: STORY + _repeat("Drake!", n)),
    # the same hunt (pages): the title's first part over every card, a distinct twitter:title
    # per card (both compared with every heading)
    "html-first-part-headings": (
        "html",
        lambda n: (
            "<html><head><title>Celeb Buzz Daily | Star Stuns Fans</title></head><body>"
            f"<article><p>{STORY}</p></article>"
            + _repeat("<h2>Celeb Buzz Daily</h2><p>" + "word " * 25 + "</p>", n)
            + "</body></html>"
        ),
    ),
    "html-title-hints": (
        "html",
        lambda n: (
            "<html><head>"
            + _words(
                n // 2,
                lambda r: (
                    f"<meta name='twitter:title' content='{_surname(r)} {_surname(r)} "
                    f"{_surname(r)}'>"
                ),
            )
            + f"</head><body><article><p>{STORY}</p></article>"
            + _words(
                n // 2,
                lambda r: f"<div><h2>{_surname(r)} {_surname(r)}</h2><p>{'word ' * 30}</p></div>",
            )
            + "</body></html>"
        ),
    ),
    "html-attributes": (
        "html",
        lambda n: (
            "<html><body><div "
            + _repeat('data-a="v" ', n)
            + f"><h1>Star Stuns Fans</h1><p>{STORY}</p></div></body></html>"
        ),
    ),
    "html-deep-nesting": ("html", lambda n: "<html><body>" + _repeat("<div>", n) + STORY),
    "html-unclosed-links": (
        "html",
        lambda n: f"<html><body><h1>Star</h1><p>{STORY}</p>" + _repeat("<a>x ", n),
    ),
    "html-many-paragraphs": (
        "html",
        lambda n: "<html><body><h1>Star</h1>" + _repeat(f"<p>{STORY[:60]}</p>", n),
    ),
}


def _one(family: str, size: int) -> dict[str, object]:
    """Analyse one document in this process; the Analyzer is built before the clock starts."""
    from hoaxlens import analyze
    from hoaxlens.errors import HoaxlensError

    analyze(text="Warm up: the model and the gazetteer load once.")
    kind, build = FAMILIES[family]
    document = build(size)
    started = time.process_time()
    try:
        if kind == "title":  # the title is passed as it is, beside a short story
            verdict = analyze(text=STORY, title=document)
        else:
            verdict = analyze(**{kind: document})
        outcome = verdict.label.value
    except HoaxlensError as exc:
        outcome = f"error: {getattr(exc, 'error_type', type(exc).__name__)}"
    return {"seconds": time.process_time() - started, "outcome": outcome}


def _measure(family: str, size: int, timeout: float) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", family, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)  # noqa: S603
    except subprocess.TimeoutExpired:
        return {"seconds": float("inf"), "outcome": f"over {timeout:.0f} s"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1,2,4", help="document sizes in MB")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per document")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one[0], int(args.one[1]))))
        return
    sizes = [float(s) for s in args.sizes.split(",")]
    header = " | ".join(f"{s:g} MB (s)" for s in sizes)
    print(f"| family | {header} | growth / size ratio | outcome |")
    print("|---|" + "---:|" * len(sizes) + "---:|---|")
    for family in args.family or FAMILIES:
        runs = [_measure(family, int(s * MB), args.timeout) for s in sizes]
        seconds = [float(str(r["seconds"])) for r in runs]
        first, last = seconds[0], seconds[-1]
        growth = (last / first) / (sizes[-1] / sizes[0]) if first > 0 else float("nan")
        cells = " | ".join(f"{s:.2f}" for s in seconds)
        print(f"| {family} | {cells} | {growth:.2f} | {runs[-1]['outcome']} |", flush=True)


if __name__ == "__main__":
    main()
