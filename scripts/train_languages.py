"""Rebuild the other-language model (issue 21) from the tune half of the language sets.

    python scripts/train_languages.py [--english-weight 1.0] [--out src/hoaxlens/languages/data]

Reads ``bench/sets/lang_<xx>.jsonl`` with texts from ``$HOAXLENS_BENCH_CACHE`` (default
``~/.cache/hoaxlens/bench-sets``), keeps the ``tune`` half only (split by site:
``hoaxlens.languages.split``; the held-out half is never read), adds the English
viral_stories ``train`` split (``../shared/data``) for the shared weights, and writes
``languages-v1.json`` and ``chargrams-v1.json`` (the model card, ``languages-v1.md``, is
written by hand from the training output and ``bench/languages.py``).
Deterministic: the same data gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hoaxlens.analyzer import Analyzer
from hoaxlens.languages.sets import cache_dir, read_language_set
from hoaxlens.languages.signals import LANGUAGE_CUE_SIGNALS, PunctuationSignal
from hoaxlens.languages.split import site_key
from hoaxlens.languages.train import SIGNAL_IDS, TrainItem, train_language_model
from hoaxlens.signals import build_signals
from hoaxlens.signals.builtin.homoglyphs import HomoglyphSignal
from hoaxlens.training.metrics import auroc, ece
from hoaxlens.types import Document, MediaType, RawDocument

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "bench" / "sets"
ENGLISH = ROOT.parent / "shared" / "data" / "viral_stories" / "stories.jsonl"
LANGS = ("de", "es", "fr", "it", "pt", "vi")
VERSION = "languages-v1"
# English items stand in for the language cue signals through their built-in equivalents.
ENGLISH_EQUIVALENTS = {
    "lang_story.v1": "story_grammar.v1",
    "lang_teaser.v1": "teaser.v1",
    "lang_alarm.v1": "alarm.v1",
    "lang_emotion.v1": "emotional_language.v1",
    "lang_attribution.v1": "sourcing.v1",
}


def prepare(analyzer: Analyzer, item_id: str, text: str, title: str | None) -> Document:
    return analyzer.prepare(RawDocument(item_id, text, MediaType.TEXT, "train", title=title))


def language_features(doc: Document, lang: str) -> tuple[float, ...]:
    signals = {cls.id: cls(lang=lang) for cls in LANGUAGE_CUE_SIGNALS}
    signals[PunctuationSignal.id] = PunctuationSignal()
    signals[HomoglyphSignal.id] = HomoglyphSignal()
    return tuple(
        0.0 if sid == "chargrams.v1" else signals[sid].score(doc).score for sid in SIGNAL_IDS
    )


def english_features(doc: Document, builtin: dict[str, float]) -> tuple[float, ...]:
    out = []
    for sid in SIGNAL_IDS:
        if sid in ENGLISH_EQUIVALENTS:
            out.append(builtin[ENGLISH_EQUIVALENTS[sid]])
        elif sid == PunctuationSignal.id:
            out.append(PunctuationSignal().score(doc).score)
        elif sid == HomoglyphSignal.id:
            out.append(HomoglyphSignal().score(doc).score)
        else:  # chargrams (filled out of fold) and specifics (no English equivalent)
            out.append(0.0)
    return tuple(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--english-weight", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=ROOT / "src/hoaxlens/languages/data")
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    items: list[TrainItem] = []
    counts: dict[str, dict[str, int]] = {}
    for lang in LANGS:
        found, missing = read_language_set(
            SETS / f"lang_{lang}.jsonl", cache_dir() / f"lang_{lang}.jsonl", half="tune"
        )
        if missing:
            print(f"{lang}: {len(missing)} tune items missing from the cache", file=sys.stderr)
        if not found:
            raise SystemExit(f"no cached texts for {lang}: set HOAXLENS_BENCH_CACHE")
        counts[lang] = {
            "fabricated": sum(i.label for i in found),
            "genuine": sum(1 - i.label for i in found),
        }
        for it in found:
            doc = prepare(analyzer, it.id, it.text, it.title)
            items.append(
                TrainItem(
                    it.id, doc.text, it.label, lang, it.site, 1.0, language_features(doc, lang)
                )
            )
    per_lang = len(items) / len(LANGS)
    if args.english_weight > 0 and ENGLISH.exists():
        rows = [json.loads(line) for line in ENGLISH.read_text(encoding="utf-8").splitlines()]
        rows = [r for r in rows if r.get("split") == "train"]
        builtin = build_signals(list(ENGLISH_EQUIVALENTS.values()))
        weight = args.english_weight * per_lang / len(rows)
        for r in rows:
            doc = prepare(analyzer, r["id"], r["text"], r.get("title"))
            scores = {s.id: s.score(doc).score for s in builtin}
            label = int(r["label"] == "fabricated")
            site = "en:" + site_key(r.get("source_domain") or r["id"])
            items.append(
                TrainItem(
                    r["id"], doc.text, label, "en", site, weight, english_features(doc, scores)
                )
            )
        counts["en"] = {
            "fabricated": sum(r["label"] == "fabricated" for r in rows),
            "genuine": sum(r["label"] == "genuine" for r in rows),
        }
    card: dict[str, object] = {
        "data": (
            "tune half (split by site) of bench/sets/lang_{de,es,fr,it,pt,vi}; "
            "English viral_stories train split"
        ),
        "items": counts,
        "english_weight": args.english_weight,
        "split": (
            "hoaxlens.languages.split.split_of: SHA-256(site key)[0] parity; "
            "site = registrable domain or network"
        ),
    }
    trained = train_language_model(items, version=VERSION, card=card)
    oof = trained.oof_scores
    report: dict[str, dict[str, float]] = {}
    for lang in (*LANGS, "en"):
        pick = [i for i, it in enumerate(items) if it.lang == lang]
        if pick:
            sc, ys = [oof[i] for i in pick], [items[i].label for i in pick]
            report[lang] = {
                "n": len(pick),
                "auroc": round(auroc(sc, ys), 4),
                "ece": round(ece(sc, ys), 4),
            }
    card["tune_out_of_fold"] = report
    model = trained.model.__class__(
        **{
            **_fields(trained.model),
            "card": tuple((k, json.dumps(v, sort_keys=True)) for k, v in card.items()),
        }
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "languages-v1.json").write_text(
        json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (args.out / "chargrams-v1.json").write_text(
        json.dumps(trained.chargrams.to_json(), separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(
        json.dumps(
            {
                "thresholds": model.to_json()["thresholds"],
                "weights": dict(zip(SIGNAL_IDS, model.weights, strict=True)),
                "tune_out_of_fold": report,
            },
            indent=1,
        )
    )
    return 0


def _fields(model: object) -> dict[str, object]:
    return {name: getattr(model, name) for name in model.__dataclass_fields__}  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
