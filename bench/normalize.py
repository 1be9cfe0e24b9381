"""De-obfuscation benchmark: hoaxlens against the anchors, on one corpus, in one run.

    python bench/normalize.py [--shared ../shared] [--docs 6] [--seed 7] [--json out.json]

Corpus: ``bench/obfuscation_corpus.py`` builds it at run time (English GossipCop text with
every trick at 10 %, 30 % and 100 % of words; must-not-change text in eight scripts and
groups). Anchors (optional; missing ones are listed and skipped): unidecode, anyascii,
decancer-py, confusables, ICU skeleton via PyICU, NFKC, ftfy. Install them with
``pip install -e ".[bench]"`` (PyICU also needs Debian's libicu-dev and pkg-config).

Context-free anchors are applied token by token for accuracy (the same as on whole text for
a per-character mapping) and to whole documents for speed. hoaxlens runs on whole
documents, and its output is aligned to the input through its replacement records.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from obfuscation_corpus import (
    RATES,
    TRICKS,
    ObfuscatedDoc,
    genuine_corpus,
    obfuscated_corpus,
)

from hoaxlens.normalize import normalize_text
from hoaxlens.types import Replacement

if TYPE_CHECKING:
    from hoaxlens.types import Replacement

WORD = re.compile(r"\S+")
Anchor = Callable[[str], str]


def anchors() -> tuple[dict[str, Anchor], list[str]]:
    """The anchors that are installed, and the names of those that are not."""
    found: dict[str, Anchor] = {"NFKC": lambda s: unicodedata.normalize("NFKC", s)}
    missing = []
    try:
        from unidecode import unidecode

        found["unidecode"] = unidecode
    except ImportError:
        missing.append("unidecode")
    try:
        from anyascii import anyascii

        found["anyascii"] = anyascii
    except ImportError:
        missing.append("anyascii")
    try:
        import decancer_py

        found["decancer-py"] = lambda s: str(decancer_py.parse(s)) if s else s
    except ImportError:
        missing.append("decancer-py")
    try:
        import confusables

        def _confusables(s: str) -> str:
            options = confusables.normalize(s, prioritize_alpha=True)
            return str(options[0]) if options else s

        # Whole-text normalize() enumerates every combination of variants and does not
        # finish on an article, so it is run word by word, for speed too.
        found["confusables"] = lambda s: " ".join(_confusables(w) for w in s.split(" "))
    except ImportError:
        missing.append("confusables")
    try:
        import icu

        checker = icu.SpoofChecker()
        found["ICU skeleton"] = lambda s: str(checker.getSkeleton(0, s))
    except ImportError:
        missing.append("ICU skeleton (PyICU)")
    try:
        import ftfy

        found["ftfy"] = ftfy.fix_text
    except ImportError:
        missing.append("ftfy")
    return found, missing


def levenshtein(a: str, b: str) -> int:
    if a == b:
        return 0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class Aligner:
    """Maps input offsets to output offsets through hoaxlens replacement records."""

    def __init__(self, replacements: tuple[Replacement, ...]) -> None:
        self.in_starts: list[int] = []
        self.in_ends: list[int] = []
        self.shift: list[int] = []  # cumulative output-minus-input after each replacement
        delta = 0
        for rep in sorted(replacements, key=lambda r: r.span.start):
            in_start = rep.span.start - delta
            in_end = in_start + len(rep.original)
            delta += rep.span.length - len(rep.original)
            self.in_starts.append(in_start)
            self.in_ends.append(in_end)
            self.shift.append(delta)

    def out(self, pos: int) -> int:
        i = bisect.bisect_right(self.in_ends, pos)
        return pos + (self.shift[i - 1] if i else 0)

    def touched(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.in_ends, start)
        return i < len(self.in_starts) and self.in_starts[i] < end


def restore_hoaxlens(doc: ObfuscatedDoc) -> list[tuple[str, bool]]:
    """(restored token, touched) for every token of ``doc``."""
    result = normalize_text(doc.text)
    align = Aligner(result.replacements)
    return [
        (result.text[align.out(t.start) : align.out(t.end)], align.touched(t.start, t.end))
        for t in doc.tokens
    ]


def score_obfuscated(
    docs: list[ObfuscatedDoc], restore: Callable[[ObfuscatedDoc], list[tuple[str, bool]]]
) -> dict[str, object]:
    cells: dict[tuple[str, float], list[int]] = defaultdict(lambda: [0, 0, 0])
    tricks: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    total = [0, 0, 0]  # obfuscated words, restored exactly, restored ignoring case
    edits = chars = 0
    tp = fn = fp = 0
    for doc in docs:
        for token, (restored, touched) in zip(doc.tokens, restore(doc), strict=True):
            changed = token.obfuscated != token.original
            edits += levenshtein(restored, token.original)
            chars += len(token.original)
            if changed:
                ok = restored == token.original
                ok_case = restored.casefold() == token.original.casefold()
                for bucket in (total, cells[(doc.trick, doc.rate)], tricks[doc.trick]):
                    bucket[0] += 1
                    bucket[1] += ok
                    bucket[2] += ok_case
                tp += touched
                fn += not touched
            else:
                fp += touched
    return {
        "words": total[0],
        "exact": total[1] / max(total[0], 1),
        "casefold": total[2] / max(total[0], 1),
        "cer": edits / max(chars, 1),
        "by_trick": {k: v[1] / max(v[0], 1) for k, v in sorted(tricks.items())},
        "by_cell": {f"{k[0]}@{k[1]}": v[1] / max(v[0], 1) for k, v in sorted(cells.items())},
        "detection": {"tp": tp, "fn": fn, "fp": fp},
    }


def anchor_restorer(fn: Anchor) -> Callable[[ObfuscatedDoc], list[tuple[str, bool]]]:
    def restore(doc: ObfuscatedDoc) -> list[tuple[str, bool]]:
        out = []
        for t in doc.tokens:
            restored = fn(t.obfuscated)
            out.append((restored, restored != t.obfuscated))
        return out

    return restore


def changed_words_hoaxlens(text: str) -> int:
    result = normalize_text(text)
    align = Aligner(result.replacements)
    return sum(align.touched(m.start(), m.end()) for m in WORD.finditer(text))


def changed_words_anchor(fn: Anchor, text: str) -> int:
    return sum(fn(m.group()) != m.group() for m in WORD.finditer(text))


def speed(fn: Anchor, docs: list[str], repeat: int = 3) -> float:
    """MB/s over ``docs``, best of ``repeat`` runs, in this process's CPU time.

    CPU time (``time.process_time``) rather than wall time, so that other work on a shared
    machine does not distort the figures; every tool is measured the same way.
    """
    size = sum(len(d.encode("utf-8")) for d in docs)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for d in docs:
            fn(d)
        best = min(best, time.process_time() - start)
    return size / 1e6 / max(best, 1e-9)


def paired_speed(fns: list[Anchor], docs: list[str], repeat: int = 5) -> list[float]:
    """MB/s of each of ``fns`` over ``docs``, best of ``repeat`` rounds that alternate them.

    Taking turns within each round keeps a change in the machine's load from favouring one
    tool: the ratios these give are what the by-trick table and the headline ratio report.
    """
    size = sum(len(d.encode("utf-8")) for d in docs)
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            start = time.process_time()
            for d in docs:
                fn(d)
            best[k] = min(best[k], time.process_time() - start)
    return [size / 1e6 / max(b, 1e-9) for b in best]


def independent_speed(pair: list[Anchor], seed: int) -> dict[str, list[float]] | None:
    """MB/s per family of the independent corpus (``bench/deobfuscation_corpus.py``).

    hoaxlens (records read) and unidecode taking turns on the tune half; ``None`` where the
    generator or its data is absent.
    """
    try:
        import deobfuscation_corpus as independent

        docs = independent.generate(seed, 120, "tune")
    except (ImportError, RuntimeError, OSError) as error:
        print(f"independent corpus skipped: {error}", file=sys.stderr)
        return None
    by_family: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        by_family[doc.family].append(doc.text)
        by_family["all"].append(doc.text)
    return {family: paired_speed(pair, texts) for family, texts in sorted(by_family.items())}


CLEAN_ASCII_SIZES = {"300 B posts": 300, "5 KB documents": 5_000}


def clean_ascii_speed(pair: list[Anchor], ascii_docs: list[str]) -> dict[str, list[float]]:
    """MB/s on clean ASCII posts of 300 bytes and documents of 5 KB (cut from GossipCop)."""
    text = "\n".join(ascii_docs)
    out = {}
    for name, size in CLEAN_ASCII_SIZES.items():
        pieces = [text[i : i + size] for i in range(0, min(len(text), 2_000 * size), size)]
        out[name] = paired_speed(pair, pieces[:2_000])
    return out


def english_speed_sets(shared: Path, limit: int = 3_000_000) -> tuple[list[str], list[str]]:
    path = shared / "data" / "gossipcop_fnn" / "gossipcop_fulltext.jsonl"
    ascii_docs: list[str] = []
    typo_docs: list[str] = []
    sizes = [0, 0]
    for line in path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line).get("text") or ""
        bucket, k = (ascii_docs, 0) if text.isascii() else (typo_docs, 1)
        if sizes[k] < limit:
            bucket.append(text)
            sizes[k] += len(text)
    return ascii_docs, typo_docs


def seed_check(shared: Path) -> dict[str, object] | None:
    seeds = sorted((shared / "seeds").glob("*"))
    from hoaxlens.extract import extract_article
    from hoaxlens.types import MediaType, RawDocument

    for path in seeds:
        raw = path.read_text(encoding="utf-8")
        body = extract_article(RawDocument(path.name, raw, MediaType.TEXT, str(path))).body
        result = normalize_text(body)
        if not result.replacements:
            continue
        words = WORD.findall(result.text)
        letters = [w for w in words if any(ch.isalpha() for ch in w)]
        leftover = [w for w in letters if not all(ch.isascii() for ch in w if ch.isalpha())]
        typography = "’‘“”—–…"
        return {
            "seed": path.name,
            "words": len(letters),
            "words_all_ascii_letters": len(letters) - len(leftover),
            "replacements": len(result.replacements),
            "typography_kept": all(body.count(ch) == result.text.count(ch) for ch in typography),
        }
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[1] / ".." / "shared")
    parser.add_argument("--docs", type=int, default=6, help="documents per trick and rate")
    parser.add_argument("--lines", type=int, default=200, help="genuine lines per group")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not (args.shared / "data" / "gossipcop_fnn").is_dir():
        print(f"skipped: {args.shared}/data/gossipcop_fnn is absent", file=sys.stderr)
        return 0

    tools, missing = anchors()
    obfuscated = obfuscated_corpus(args.shared, args.docs, args.seed)
    genuine = genuine_corpus(args.lines, args.seed)
    genuine_docs = {
        g: ["\n".join(lines[i : i + 10]) for i in range(0, len(lines), 10)]
        for g, lines in genuine.items()
    }
    ascii_docs, typo_docs = english_speed_sets(args.shared)
    obf_docs = [d.text for d in obfuscated]

    report: dict[str, object] = {
        "corpus": {
            "obfuscated_docs": len(obfuscated),
            "tricks": list(TRICKS),
            "rates": list(RATES),
            "genuine_words": {
                g: sum(len(WORD.findall(d)) for d in docs) for g, docs in genuine_docs.items()
            },
            "speed_mb": {
                "ascii": sum(map(len, ascii_docs)) / 1e6,
                "typographic": sum(len(d.encode()) for d in typo_docs) / 1e6,
                "obfuscated": sum(len(d.encode()) for d in obf_docs) / 1e6,
            },
        },
        "missing_anchors": missing,
        "tools": {},
    }
    results: dict[str, dict[str, object]] = {}
    for name, restore, changed, fn in [
        ("hoaxlens", restore_hoaxlens, changed_words_hoaxlens, lambda s: normalize_text(s).text),
        *[
            (n, anchor_restorer(f), (lambda s, f=f: changed_words_anchor(f, s)), f)
            for n, f in tools.items()
        ],
    ]:
        entry = score_obfuscated(obfuscated, restore)
        entry["changed_genuine"] = {
            g: sum(changed(d) for d in docs) for g, docs in genuine_docs.items()
        }
        entry["mb_s"] = {
            "ascii": speed(fn, ascii_docs),
            "typographic": speed(fn, typo_docs),
            "obfuscated": speed(fn, obf_docs),
        }
        if name == "hoaxlens":  # records are built on first access: time them too
            entry["mb_s"]["obfuscated_with_records"] = speed(
                lambda s: normalize_text(s).replacements, obf_docs
            )
        results[name] = entry
        print(f"{name}: done", file=sys.stderr)
    if "unidecode" in tools:  # hoaxlens and unidecode taking turns (``paired_speed``)
        # hoaxlens with its replacement records read (issue 17 measures it so).
        pair = [lambda s: normalize_text(s).replacements, tools["unidecode"]]
        for name in ("hoaxlens", "unidecode"):
            results[name]["mb_s_by_trick"] = {}
        for trick in (*TRICKS, "all"):
            docs = [d.text for d in obfuscated if trick in ("all", d.trick)]
            ours, theirs = paired_speed(pair, docs)
            results["hoaxlens"]["mb_s_by_trick"][trick] = ours
            results["unidecode"]["mb_s_by_trick"][trick] = theirs
        report["independent"] = independent_speed(pair, args.seed)
        report["clean_ascii"] = clean_ascii_speed(pair, ascii_docs)
    report["tools"] = results
    report["seed"] = seed_check(args.shared)
    print_tables(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


def print_tables(report: dict[str, object]) -> None:
    tools = report["tools"]
    assert isinstance(tools, dict)
    groups = list(next(iter(tools.values()))["changed_genuine"])
    print(
        "| tool | exact words | ignoring case | CER | changed genuine words | "
        "ASCII MB/s | typographic MB/s | obfuscated MB/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, e in tools.items():
        changed = sum(e["changed_genuine"].values())
        s = e["mb_s"]
        print(
            f"| {name} | {e['exact']:.2%} | {e['casefold']:.2%} | {e['cer']:.3%} | {changed} | "
            f"{s['ascii']:.0f} | {s['typographic']:.1f} | {s['obfuscated']:.1f} |"
        )
    h = tools["hoaxlens"]
    obf = {name: e["mb_s"]["obfuscated"] for name, e in tools.items()}
    with_records = h["mb_s"]["obfuscated_with_records"]
    line = (
        f"\nhoaxlens on obfuscated text: {obf['hoaxlens']:.1f} MB/s for the text, "
        f"{with_records:.1f} MB/s with every replacement record built"
    )
    if "unidecode" in obf:
        uni = obf["unidecode"]
        line += (
            f"; unidecode {uni:.1f} MB/s in the same run "
            f"(ratios {obf['hoaxlens'] / uni:.2f} and {with_records / uni:.2f})"
        )
    print(line)
    if "unidecode" in tools:
        print(
            "\nobfuscated MB/s by trick, hoaxlens (records read) and unidecode taking turns "
            "(best of five rounds each):\n"
        )
        print("| trick | hoaxlens | unidecode | ratio |")
        print("|---|---:|---:|---:|")
        for trick in (*TRICKS, "all"):
            ours = h["mb_s_by_trick"][trick]
            theirs = tools["unidecode"]["mb_s_by_trick"][trick]
            print(f"| {trick} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.2f} |")
    ratios = (
        [h["mb_s_by_trick"][t] / tools["unidecode"]["mb_s_by_trick"][t] for t in (*TRICKS, "all")]
        if "unidecode" in tools
        else []
    )
    if ratios:
        print(f"\nlowest ratio over the tricks: {min(ratios):.2f}")
    independent = report.get("independent")
    if isinstance(independent, dict):
        print(
            "\nindependent corpus (bench/deobfuscation_corpus.py, tune half) MB/s by family, "
            "hoaxlens with records read and unidecode taking turns:\n"
        )
        print("| family | hoaxlens | unidecode | ratio |")
        print("|---|---:|---:|---:|")
        for family, (ours, theirs) in independent.items():
            print(f"| {family} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.2f} |")
        lowest = min(independent.items(), key=lambda item: item[1][0] / item[1][1])
        print(
            f"\nlowest ratio over the independent families: {lowest[1][0] / lowest[1][1]:.2f} "
            f"({lowest[0]})"
        )
    clean = report.get("clean_ascii")
    if isinstance(clean, dict):
        print("\nclean ASCII, hoaxlens (records read) and unidecode taking turns:\n")
        print("| input | hoaxlens MB/s | µs a call | unidecode MB/s | µs a call |")
        print("|---|---:|---:|---:|---:|")
        for name, (ours, theirs) in clean.items():
            size = CLEAN_ASCII_SIZES[name] / 1e6  # MB a call
            print(
                f"| {name} | {ours:.0f} | {size / ours * 1e6:.2f} | {theirs:.0f} | "
                f"{size / theirs * 1e6:.2f} |"
            )
    print("\nexact words by trick, every tool:\n")
    print("| trick | " + " | ".join(tools) + " |")
    print("|---|" + "---:|" * len(tools))
    for trick in TRICKS:
        cells = " | ".join(f"{e['by_trick'][trick]:.1%}" for e in tools.values())
        print(f"| {trick} | {cells} |")
    print("\nhoaxlens by trick (exact words):\n")
    print("| trick | " + " | ".join(f"{r:.0%}" for r in RATES) + " | all |")
    print("|---|" + "---:|" * (len(RATES) + 1))
    for trick in TRICKS:
        cells = " | ".join(f"{h['by_cell'].get(f'{trick}@{r}', 0):.2%}" for r in RATES)
        print(f"| {trick} | {cells} | {h['by_trick'][trick]:.2%} |")
    d = h["detection"]
    fp_genuine = sum(h["changed_genuine"].values())
    precision = d["tp"] / max(d["tp"] + d["fp"] + fp_genuine, 1)
    recall = d["tp"] / max(d["tp"] + d["fn"], 1)
    print(
        f"\nhoaxlens per-word detection: precision {precision:.4%} "
        f"(tp {d['tp']}, fp {d['fp']} in obfuscated docs + {fp_genuine} in genuine), "
        f"recall {recall:.4%} (fn {d['fn']})"
    )
    print("\nchanged genuine words by group:\n")
    print("| tool | " + " | ".join(groups) + " |")
    print("|---|" + "---:|" * len(groups))
    for name, e in tools.items():
        print(f"| {name} | " + " | ".join(str(e["changed_genuine"][g]) for g in groups) + " |")
    corpus = report["corpus"]
    assert isinstance(corpus, dict)
    print(f"\ngenuine words per group: {corpus['genuine_words']}")
    print(f"speed sets (MB): {corpus['speed_mb']}")
    print(f"missing anchors: {report['missing_anchors'] or 'none'}")
    print(f"seed: {report['seed']}")


if __name__ == "__main__":
    raise SystemExit(main())
