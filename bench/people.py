"""Precision/recall of ``find_people`` against a hand-labelled sample.

Two samples, reported separately (``--sample``):

- ``tuned``: ``bench/data/people_annotations.jsonl``, 80 stories whose errors were read
  while the lexicon and the ``TARGETS`` list were written, so its figures are optimistic;
- ``heldout``: ``bench/data/people_annotations_heldout.jsonl``, 80 other stories (60
  ``viral_stories`` not in the tuned file, 30 fabricated + 30 genuine, drawn with
  ``random.Random(20260606)``; 20 ``gossipcop_fnn`` rows of 300–1,800 characters without
  quality flags, 10 + 10), annotated after ``find_people`` was frozen; its five misses of
  the main person were then fixed, so it is no longer unseen;
- ``heldout2``: ``bench/data/people_annotations_heldout2.jsonl``, 80 further stories (60
  ``viral_stories`` in neither file, 30 fabricated + 30 genuine, and 20 ``gossipcop_fnn``
  rows of 300–1,800 characters with no ``flags``, 10 + 10, in neither file; each group
  drawn with ``random.Random(20260707).sample`` over the sorted ids, in the order fabricated
  then genuine, viral_stories then gossipcop_fnn), annotated after those fixes, with
  ``find_people`` frozen before the first run.

Each file holds one line per annotated story: the dataset,
the record id and the real people the story names (full canonical names, the person the
story is about first). It stores no text: the stories are read from ``../shared/data`` at
run time, prepared exactly as ``hoaxlens scan`` prepares them (extract + normalize), and
passed to ``find_people(doc.text, doc.title)``.

Annotation rules: real people named in the story (fictional characters, bylines and photo
credits are left out, and so are names that occur only in advertisements or "Also read"
links inside the page, and people named by first name only); royals under their usual
English name ("Prince Harry", "King Charles III", "Kate Middleton"); one person per entry
even when the text uses a short form.

Reported: micro precision/recall/F1 over (story, person) pairs; "main found", the share of
stories whose first annotated person is among the names returned; "main first", the share
where it is the top-ranked name (the person a story is attributed to). Names compare
case-insensitively with typographic apostrophes and accents folded ("Bublé" = "Buble").
Stories with no annotated person count toward precision only. "main person found" comes
with a Wilson 95 % interval. Stage names are annotated and matched under the name people
know ("Drake", not "Aubrey Drake Graham"): a legal name counts as a miss.

    python bench/people.py [--sample tuned|heldout|heldout2] [--errors]

Speed (issue 18): ``--speed OLD`` times ``find_people`` against another version of
``people/names.py`` loaded as a module, in one process, document by document, in
alternating order (CPU time), on the first ``--docs`` texts of ``bench/pipeline.py``'s scan
documents prepared as ``hoaxlens scan`` prepares them, and checks that both give the same
names::

    git show b051db7:src/hoaxlens/people/names.py > /tmp/old_names.py
    git show b051db7:src/hoaxlens/people/counting.py > /tmp/old_counting.py
    python bench/people.py --speed /tmp/old_names.py --speed-counting /tmp/old_counting.py \
        [--docs 1200] [--rounds 3]

(``--speed-counting``: the reference then counts names with that ``counting.py``, not this
tree's.) That reference runs every text ``--rounds`` times, so remembered answers flatter
both sides; ``--speed-against REV`` instead loads the whole ``people`` package of a git
revision under another name and gives each implementation each text once, as a scan meets
them (after 200 other texts to warm up), in blocks of 50 in alternating order, timing
``find_all_people``::

    python bench/people.py --speed-against 5e38067 [--docs 1200]

``--processes REV`` times whole processes instead: the revision runs from a temporary
``git worktree`` (its ``src`` first on ``PYTHONPATH``, nothing renamed), this tree and it
take turns (the order flips each pair), and each process reads every text once after one
warm-up sentence, in CPU seconds, as a scan meets them. The texts are prepared once here
(``--texts FILE``: a JSON-lines file of ``id``/``text``/``title`` documents, prepared as
``hoaxlens scan`` prepares them; else the first ``--docs`` scan documents, each text once);
every process's full list of names is compared with the first's::

    python bench/people.py --processes 3aae9d6 --texts docs.jsonl [--pairs 3]
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoaxlens.analyzer import Analyzer
from hoaxlens.errors import HoaxlensError
from hoaxlens.people import find_all_people, find_people
from hoaxlens.types import MediaType, RawDocument

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {
    "tuned": ROOT / "bench" / "data" / "people_annotations.jsonl",
    "heldout": ROOT / "bench" / "data" / "people_annotations_heldout.jsonl",
    "heldout2": ROOT / "bench" / "data" / "people_annotations_heldout2.jsonl",
}
DATA = ROOT.parent / "shared" / "data"
FILES = {
    "viral_stories": DATA / "viral_stories" / "stories.jsonl",
    "gossipcop_fnn": DATA / "gossipcop_fnn" / "gossipcop_fulltext.jsonl",
}


def key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion (95 % for ``z`` = 1.96)."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denominator = 1 + z * z / n
    return (centre - spread) / denominator, (centre + spread) / denominator


def load_records(wanted: dict[str, set[str]]) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for dataset, ids in wanted.items():
        with FILES[dataset].open(encoding="utf-8") as handle:
            for line in handle:
                if not any(f'"{i}"' in line for i in ids):
                    continue
                row = json.loads(line)
                if row["id"] in ids:
                    out[dataset, row["id"]] = row
    return out


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def _scan_texts(count: int, *, distinct: bool) -> list[tuple[str, str]]:
    """(text, title) of ``count`` scan documents as the analyzer prepares them.

    A document with no text is left out, as the scan records it as an error; ``distinct``
    keeps each text once (a text met again would be answered from warm caches).
    """
    pipeline = _load("pipeline", ROOT / "bench/pipeline.py")
    analyzer, texts, seen = Analyzer(), [], set()
    for i, d in enumerate(pipeline.text_documents(count)):
        content = d["title"] + "\n\n" + d["text"]
        raw = RawDocument(id=str(i), content=content, media_type=MediaType.TEXT, source="speed")
        try:
            doc = analyzer.prepare(raw)
        except HoaxlensError:
            continue
        if not distinct or doc.text not in seen:
            seen.add(doc.text)
            texts.append((doc.text, doc.title))
    return texts


def speed(reference: Path, counting: Path | None, count: int, rounds: int) -> None:
    """``find_people`` of this tree against the ``names.py`` at ``reference``, side by side."""
    old = _load("reference_names", reference)
    if counting is not None:
        vars(old)["count_spaced"] = _load("reference_counting", counting).count_spaced
    texts = _scan_texts(count, distinct=False)
    functions = {"reference": old.find_people, "this tree": find_people}
    differ = sum(old.find_people(t, h) != find_people(t, h) for t, h in texts)  # and warm up
    spent = dict.fromkeys(functions, 0)
    for r in range(rounds):
        for i, (text, title) in enumerate(texts):
            for name in sorted(functions, reverse=(i + r) % 2 == 1):
                started = time.process_time_ns()
                functions[name](text, title)
                spent[name] += time.process_time_ns() - started
    calls = rounds * len(texts)
    print(f"{len(texts)} texts, {rounds} rounds, interleaved; {differ} give different names")
    for name, ns in spent.items():
        print(f"find_people, {name}: {ns / calls / 1e6:.3f} ms per document")
    print(f"ratio: {spent['reference'] / spent['this tree']:.2f}x")


def _people_at(revision: str, where: Path) -> ModuleType:
    """The ``hoaxlens.people`` package of a git revision, loaded as ``reference_people``.

    Its modules import one another under the new name; it reads this tree's data files.
    """
    package = where / "reference_people"
    package.mkdir()
    listing = subprocess.run(  # noqa: S603 - fixed git commands on this repository
        ["git", "ls-tree", "--name-only", revision, "src/hoaxlens/people/"],  # noqa: S607
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    for path in (p for p in listing if p.endswith(".py")):
        source = subprocess.run(  # noqa: S603
            ["git", "show", f"{revision}:{path}"],  # noqa: S607
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        source = source.replace("hoaxlens.people", "reference_people")
        source = source.replace(
            'resources.files("reference_people")', 'resources.files("hoaxlens.people")'
        )
        (package / Path(path).name).write_text(source, encoding="utf-8")
    sys.path.insert(0, str(where))
    return importlib.import_module("reference_people")


def speed_against(revision: str, count: int) -> None:
    """``find_all_people`` of this tree against a revision's, each text seen once by each."""
    with tempfile.TemporaryDirectory() as where:
        old = _people_at(revision, Path(where)).find_all_people
    texts = _scan_texts(count, distinct=True)
    functions = (old, find_all_people)
    for text, title in texts[:200]:
        old(text, title), find_all_people(text, title)
    spent, differ, measured = [0, 0], 0, texts[200:]
    for k in range(0, len(measured), 50):
        block = measured[k : k + 50]
        answers: list[list[tuple[str, ...]]] = [[], []]
        for which in (0, 1) if k // 50 % 2 == 0 else (1, 0):
            started = time.process_time_ns()
            answers[which] = [functions[which](text, title) for text, title in block]
            spent[which] += time.process_time_ns() - started
        differ += sum(a != b for a, b in zip(*answers, strict=True))
    n = len(measured)
    print(f"{n} distinct texts, each seen once by each; {differ} give different names")
    print(f"find_all_people, {revision}: {spent[0] / n / 1e6:.3f} ms per document")
    print(f"find_all_people, this tree: {spent[1] / n / 1e6:.3f} ms per document")
    print(f"ratio: {spent[0] / spent[1]:.2f}x")


# Run in a child process: times ``find_all_people`` of whichever ``hoaxlens`` its PYTHONPATH
# finds first on the texts of argv[1], each once; writes the names to argv[2].
_CHILD = """
import json, sys, time
from hoaxlens.people import find_all_people
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
find_all_people("When Derek Hough fell, Carrie Ann Inaba stood up. Derek smiled.", "Derek")
start = time.process_time()
names = [find_all_people(text, title) for text, title in texts]
spent = time.process_time() - start
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(names))
print(spent)
"""


def _prepared(path: Path) -> list[tuple[str, str]]:
    """(text, title) of each document of a JSON-lines file, as ``hoaxlens scan`` prepares it."""
    analyzer, texts = Analyzer(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        raw = RawDocument(
            id=str(row.get("id", "")),
            content=row["text"],
            media_type=MediaType.TEXT,
            source=str(path),
            title=row.get("title") or None,
        )
        try:
            doc = analyzer.prepare(raw)
        except HoaxlensError:
            continue  # (the scan records an error, and finds no people)
        texts.append((doc.text, doc.title))
    return texts


def speed_processes(revision: str, texts: list[tuple[str, str]], pairs: int) -> None:
    """``find_all_people`` of this tree against a revision's, in alternating processes."""
    git = shutil.which("git") or "git"
    with tempfile.TemporaryDirectory(prefix="people-against-") as tmp:
        where = Path(tmp)
        (where / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        other = where / "tree"
        subprocess.run(  # noqa: S603 - git on our own repository
            [git, "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other), revision],
            check=True,
        )
        try:
            trees = [("this tree", ROOT / "src"), (revision, other / "src")]
            ratios, differ, first = [], 0, None
            for pair in range(pairs):
                spent = {}
                for name, src in trees if pair % 2 == 0 else reversed(trees):
                    out = where / "names.json"
                    done = subprocess.run(  # noqa: S603 - our own interpreter and script
                        [sys.executable, "-c", _CHILD, str(where / "texts.json"), str(out)],
                        env={**os.environ, "PYTHONPATH": str(src)},
                        capture_output=True, text=True, check=True,
                    )  # fmt: skip
                    spent[name] = float(done.stdout.strip().splitlines()[-1])
                    names = json.loads(out.read_text(encoding="utf-8"))
                    first = names if first is None else first
                    differ += sum(a != b for a, b in zip(first, names, strict=True))
                    print(
                        f"pair {pair + 1}: {name}: {spent[name] / len(texts) * 1e3:.3f} ms a text"
                    )
                ratios.append(spent[revision] / spent["this tree"])
                print(f"pair {pair + 1}: ratio {ratios[-1]:.2f}x")
        finally:
            subprocess.run(  # noqa: S603 - git on our own repository
                [git, "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False
            )
    print(f"{len(texts)} texts, {2 * pairs} processes: {differ} names lists differ from the first")
    print(
        f"find_all_people, this tree vs {revision}: ratios {', '.join(f'{r:.2f}' for r in ratios)}"
    )
    print(f"median {statistics.median(ratios):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", choices=sorted(SAMPLES), default="tuned")
    parser.add_argument("--errors", action="store_true", help="print every miss and extra")
    parser.add_argument("--speed", type=Path, metavar="OLD", help="names.py to time against")
    parser.add_argument("--speed-counting", type=Path, metavar="OLD", help="its counting.py")
    parser.add_argument("--docs", type=int, default=1200, help="texts for --speed")
    parser.add_argument("--rounds", type=int, default=3, help="rounds for --speed")
    parser.add_argument("--speed-against", metavar="REV", help="git revision to time against")
    parser.add_argument("--processes", metavar="REV", help="the same, in alternating processes")
    parser.add_argument("--texts", type=Path, help="JSON-lines documents for --processes")
    parser.add_argument("--pairs", type=int, default=3, help="pairs of processes")
    args = parser.parse_args()
    if args.processes:
        texts = _prepared(args.texts) if args.texts else _scan_texts(args.docs, distinct=True)
        speed_processes(args.processes, texts, args.pairs)
        return
    if args.speed_against:
        speed_against(args.speed_against, args.docs)
        return
    if args.speed:
        speed(args.speed, args.speed_counting, args.docs, args.rounds)
        return
    path = SAMPLES[args.sample]
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    wanted: dict[str, set[str]] = {}
    for g in gold:
        wanted.setdefault(g["dataset"], set()).add(g["id"])
    rows = load_records(wanted)
    analyzer = Analyzer()
    tp = fp = fn = 0
    main_found = main_first = with_main = 0
    per_dataset: Counter[str] = Counter()
    for g in gold:
        row = rows[g["dataset"], g["id"]]
        raw = RawDocument(
            id=row["id"],
            content=row["text"],
            media_type=MediaType.TEXT,
            source=g["dataset"],
            title=row.get("title") or None,
        )
        doc = analyzer.prepare(raw)
        found = find_people(doc.text, doc.title)
        predicted = [key(n) for n in found]
        truth = [key(n) for n in g["people"]]
        hits = set(predicted) & set(truth)
        tp += len(hits)
        fp += len(set(predicted) - hits)
        fn += len(set(truth) - hits)
        per_dataset[g["dataset"]] += 1
        if truth:
            with_main += 1
            main_found += truth[0] in predicted
            main_first += bool(predicted) and predicted[0] == truth[0]
        if args.errors and (set(predicted) ^ set(truth) or (truth and predicted[:1] != truth[:1])):
            missed = [n for n in g["people"] if key(n) not in hits]
            extra = [n for n in found if key(n) not in hits]
            print(f"{g['id']}: top={found[:1]} missed={missed} extra={extra}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    sizes = ", ".join(f"{n} {d}" for d, n in sorted(per_dataset.items()))
    print(f"\nsample {args.sample} ({path.name}): {len(gold)} stories ({sizes})")
    print(f"{tp + fn} annotated people\n")
    print("| metric | value |")
    print("|---|---:|")
    print(f"| precision (micro) | {precision:.3f} |")
    print(f"| recall (micro) | {recall:.3f} |")
    print(f"| F1 | {f1:.3f} |")
    low, high = wilson(main_found, with_main)
    print(
        f"| main person found | {main_found / with_main:.3f} ({main_found}/{with_main}; "
        f"Wilson 95 % {low:.3f}–{high:.3f}) |"
    )
    print(f"| main person ranked first | {main_first / with_main:.3f} ({main_first}/{with_main}) |")


if __name__ == "__main__":
    main()
