"""Hostile text documents are analysed in linear time (the text path after extraction).

Five look-ups grew with the square of a crafted part of a post (found by a hunt at 2a586d4;
CPU seconds of ``analyze`` then):

- the teaser cues "full story … 👇" and "read more … 👇" tried a run of blanks before the
  emoji at every split (20,000 spaces: 18 s);
- the farm-furniture pass read on from every "Related Posts" line to the end of the run
  (8,000 lines: 67 s), and asked every cookie-banner line whether it stood near each line;
- the primary-source check on a link tried each "court" of a long host at every position
  (40 KB: 5.5 s);
- the stage-name check walked back to the line's start before every "Drake!" of
  "Drake!Drake!…" (16,000: 55 s in ``find_people``).

Each document runs in a child process with a limit on its CPU time (``tests/cpuchild.py``),
so a busy machine does not fail a linear pipeline.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpuchild import child_cpu, run_child
from hoaxlens.signals.builtin import teaser

if TYPE_CHECKING:
    from pathlib import Path

# CPU seconds of one ``analyze`` call. The linear runs took 0.1-2 s on two busy cores;
# the quadratic ones (2a586d4) a minute or more at these sizes.
CPU_SECONDS = 10.0
WALL_SECONDS = 240.0  # only a hang guard: the CPU limit is the test

STORY = "Star Stuns Fans With Surprise Return\n\nIt was a night nobody expected.\n\n"
DOCUMENTS = {
    "teaser-blanks": lambda: STORY + "Read the full story" + " " * 40_000 + "now \U0001f447",
    "teaser-tabs": lambda: STORY + "Read more" + "\t" * 40_000 + "now \U0001f447",
    "rail-lines": lambda: STORY + "Related Posts\n" * 8_000,
    "cookie-lines": lambda: STORY + "We use cookies\nok\n" * 64_000,
    "court-host": lambda: STORY + "See https://" + "court." * 27_000 + "_ for more.",
    "stage-names": lambda: STORY + "Drake!" * 16_000,
}

_CHILD = """
import sys, time
from hoaxlens import analyze
analyze(text="Warm up: the model and the gazetteer load once.")
with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()
started = time.process_time()
verdict = analyze(text=text)
cpu = time.process_time() - started
print(verdict.label.value, cpu)
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_hostile_text_is_analysed_in_linear_time(name: str, tmp_path: Path) -> None:
    text = DOCUMENTS[name]()
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    output = run_child(_CHILD, str(path), wall_seconds=WALL_SECONDS, what="analyze")
    cpu = child_cpu(output)
    assert output.split()[-2] in {"genuine", "fabricated", "uncertain"}, output
    assert cpu < CPU_SECONDS, (
        f"analyze took {cpu:.1f} s of CPU on the {name} document ({len(text):,} characters, "
        f"limit {CPU_SECONDS} s): quadratic in it?"
    )


# The two teaser cues as written before they were made possessive: the new ones must find
# the same spans (the rewrite changes how they match, not what).
_POINT = teaser._POINT
_TAIL = rf"(?:[ \t]*{_POINT})*"
_BEFORE = [
    rf"\b(?:the )?(?:full|whole|complete) (?:story|video|article|clip)[ \t]*:?{_TAIL}"
    rf"[ \t]*{_POINT}",
    rf"\bread (?:more|the rest|the full story|full story)[ \t]*(?:below|in {teaser._COMMENTS}"
    rf"|here)?{_TAIL}[ \t]*{_POINT}",
]
_PIECES = st.sampled_from(
    [
        "full story",
        "read more",
        "read the rest",
        "the whole video",
        " ",
        "\t",
        ":",
        "\U0001f447",
        "\u2b07\ufe0f",
        "\u27a1",
        "\U0001f449",
        "below",
        "here",
        "in the comments",
        "x",
        "\n",
    ]
)


@given(st.lists(_PIECES, max_size=12))
def test_possessive_teaser_cues_find_what_the_old_ones_found(pieces: list[str]) -> None:
    text = "".join(pieces)
    for old in _BEFORE:
        source = old.replace(rf"[ \t]*:?{_TAIL}[ \t]*{_POINT}", rf"[ \t]*+:?{teaser._POINTS}")
        source = source.replace(
            rf"[ \t]*(?:below|in {teaser._COMMENTS}|here)?{_TAIL}[ \t]*{_POINT}",
            rf"[ \t]*+(?:below|in {teaser._COMMENTS}|here)?{teaser._POINTS}",
        )
        # (``cues`` writes a leading ``\b`` once, before a group of the rest)
        shipped = [cue for cue in teaser.CUES if cue.source == rf"\b(?:{source[2:]})"]
        assert len(shipped) == 1, "the shipped cue is not the possessive form of the old one"
        before = [m.span() for m in re.finditer(old, text, re.IGNORECASE | re.MULTILINE)]
        assert [m.span() for m in shipped[0].pattern.finditer(text)] == before
