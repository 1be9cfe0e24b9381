"""Language identification for the scope gate: candidate libraries on short and long text.

For each candidate that is installed, in its own process (so load time and memory are its
own): the share of English texts identified as English, and the share of non-English texts
identified as their language (exact) and as not English, per length bucket of the cleaned
text (<60, 60–300, >300 characters), plus ms per call and the one-off load.

English: every row of ``../shared/data/viral_stories/stories.jsonl`` (text, title, and the
first sentence of the text alone) and 2,000 headlines of ``../shared/data/clickbait_chakraborty``
(``random.Random(16)``). Non-English: the ``language`` rows of
``tests/fixtures/scope/out_of_scope.jsonl`` (hand-written, 14 languages), each also cut to
its first sentence and to its first ~50 characters (at a word boundary) for the short bucket.
Every text goes through ``hoaxlens.scope.clean.clean_text`` and is capped at 2,000 characters,
as in the gate. The last block runs the gate itself (``assess_scope``): how often it abstains
with ``unsupported_language``.

    python bench/scope.py [--candidates lingua-high,lingua-low,...] [--errors]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import resource
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from hoaxlens.scope.clean import clean_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FIXTURE = ROOT / "tests" / "fixtures" / "scope" / "out_of_scope.jsonl"
CAP = 2000
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")

Detect = Callable[[str], str | None]


def _first_sentence(text: str) -> str:
    for part in _SENTENCE.split(text.strip()):
        if len(part.split()) >= 3:
            return part
    return text


def _prefix(text: str, size: int = 50) -> str:
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0]


def load_sets() -> dict[str, list[tuple[str, str]]]:
    """(expected language, text) pairs per set."""
    sets: dict[str, list[tuple[str, str]]] = {}
    stories = [json.loads(line) for line in (SHARED / "viral_stories/stories.jsonl").open()]
    sets["en viral_stories text"] = [("en", r["text"]) for r in stories]
    sets["en viral_stories title"] = [("en", r["title"]) for r in stories if r["title"]]
    sets["en viral_stories first sentence"] = [("en", _first_sentence(r["text"])) for r in stories]
    lines = (SHARED / "clickbait_chakraborty/clickbait_headlines.jsonl").read_text().splitlines()
    sample = random.Random(16).sample(lines, 2000)
    sets["en clickbait headlines"] = [("en", json.loads(line)["text"]) for line in sample]
    rows = [json.loads(line) for line in FIXTURE.open()]
    foreign = [(r["lang"], r["text"]) for r in rows if r["kind"] == "language"]
    sets["non-en fixtures"] = foreign
    sets["non-en first sentence"] = [(lang, _first_sentence(t)) for lang, t in foreign]
    sets["non-en first ~50 chars"] = [(lang, _prefix(_first_sentence(t))) for lang, t in foreign]
    return sets


def _lingua(low: bool) -> Detect:
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_all_languages()
    if low:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()

    def detect(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else None

    return detect


def _py3langid() -> Detect:
    import py3langid

    def detect(text: str) -> str | None:
        return str(py3langid.classify(text)[0])

    return detect


def _langdetect() -> Detect:
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0

    def detect(text: str) -> str | None:
        try:
            return str(detect_langs(text)[0].lang).split("-")[0]
        except LangDetectException:
            return None

    return detect


def _gate() -> Detect:
    from hoaxlens.scope import assess_scope

    def detect(text: str) -> str | None:
        scope = assess_scope(text)
        unsupported = scope.reason is not None and scope.reason.value == "unsupported_language"
        return scope.lang if unsupported else "en"

    return detect


CANDIDATES: dict[str, Callable[[], Detect]] = {
    "lingua-high": lambda: _lingua(low=False),
    "lingua-low": lambda: _lingua(low=True),
    "py3langid": _py3langid,
    "langdetect": _langdetect,
    "gate": _gate,  # hoaxlens.scope.assess_scope: en = no unsupported_language abstention
}


def _bucket(text: str) -> str:
    return "<60" if len(text) < 60 else "60-300" if len(text) <= 300 else ">300"


def run_candidate(name: str, errors: bool) -> dict[str, object]:
    """Score one candidate on every set (run in a fresh process)."""
    sets = load_sets()
    t0 = time.perf_counter()
    detect = CANDIDATES[name]()
    detect("warm up the models with a first call")  # lazy loaders load here
    load_s = time.perf_counter() - t0
    stats: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    calls, spent = 0, 0.0
    for set_name, pairs in sets.items():
        for expected, raw in pairs:
            text = clean_text(raw[: CAP * 2]).text[:CAP]
            t = time.perf_counter()
            got = detect(text)
            spent += time.perf_counter() - t
            calls += 1
            cell = stats[set_name][_bucket(text)]
            cell[0] += 1
            cell[1] += got == expected
            cell[2] += got != "en"
            if errors and (got == "en") != (expected == "en"):
                print(f"  {name} {set_name}: got {got} want {expected}: {text[:100]!r}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "name": name,
        "load_s": load_s,
        "ms": 1000 * spent / calls,
        "rss_mb": rss,
        "stats": {k: dict(v) for k, v in stats.items()},
    }


def _cell(n: int, hits: int) -> str:
    return f"{hits / n:.3f} ({n - hits}/{n})" if n else ""


def report(results: list[dict[str, object]]) -> None:
    """Print the markdown tables."""
    buckets = ("<60", "60-300", ">300")
    print("| candidate | load s | peak RSS MB | ms/call |\n|---|---:|---:|---:|")
    for r in results:
        print(f"| {r['name']} | {r['load_s']:.1f} | {r['rss_mb']:.0f} | {r['ms']:.2f} |")
    for title, english in (
        ("English identified as English", True),
        ("non-English: exact language; not English", False),
    ):
        print(f"\n{title} (share, misses/n), by length of the cleaned text\n")
        print("| set | candidate | " + " | ".join(buckets) + " |\n|---|---|" + "---:|" * 3)
        for set_name in results[0]["stats"]:  # type: ignore[union-attr]
            if set_name.startswith("en ") != english:
                continue
            for r in results:
                row = r["stats"][set_name]  # type: ignore[index]
                cells = []
                for b in buckets:
                    n, exact, not_en = row.get(b, (0, 0, 0))
                    cells.append(
                        _cell(n, exact)
                        if english
                        else (f"{exact / n:.3f}; {not_en / n:.3f}" if n else "")
                    )
                print(f"| {set_name} | {r['name']} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", default=",".join(CANDIDATES))
    parser.add_argument("--errors", action="store_true", help="print every en/non-en mistake")
    args = parser.parse_args()
    results = []
    ctx = mp.get_context("spawn")
    for name in args.candidates.split(","):
        try:
            with ctx.Pool(1) as pool:
                results.append(pool.apply(run_candidate, (name, args.errors)))
        except ImportError as exc:
            print(f"skipped {name}: {exc}")
    report(results)


if __name__ == "__main__":
    main()
