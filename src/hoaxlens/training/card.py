"""Write a model artifact and its model card (Markdown beside the JSON)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from hoaxlens.verdict.model import VerdictModel


def render_card(model: VerdictModel) -> str:
    """Markdown model card from the artifact's provenance."""
    card = {k: json.loads(v) for k, v in model.card}
    lines = [
        f"# Model card: {model.version}",
        "",
        "Logistic combiner over hoaxlens signal scores, Platt-calibrated on out-of-fold",
        "predictions: `p = sigmoid(slope * (bias + Σ weight * score) + offset)`; each signal's",
        "contribution to the log-odds is `slope * weight * score`. Learned signals (the",
        "lexical n-gram model) are fitted fold by fold, so the combiner only ever learns from",
        "scores on texts those signals did not see. Stored as JSON; inference needs no",
        "scikit-learn.",
        "",
        "| signal | weight |",
        "|---|---:|",
        *[
            f"| `{sid}` | {w:+.3f} |"
            for sid, w in zip(model.signal_ids, model.weights, strict=True)
        ],
        f"| bias | {model.bias:+.3f} |",
        "",
        f"Calibration: slope {model.calibration.slope:.4f}, "
        f"offset {model.calibration.offset:+.4f}.",
        *_length_lines(model),
        "",
        "Each weight keeps the sign of its signal's direction (a `genuine` signal's weight is",
        "never positive), so every contribution points the way its evidence does. Outside the",
        "model's scope (another language, a bare link or markup, a couple of words) the label",
        "is `uncertain` whatever the score, with `abstain_reason` saying why; `fabricated` needs",
        "an evidence span pushing up and `genuine` one pulling down, else `uncertain`.",
        "",
        f"Operating points: fabricated at score ≥ {model.thresholds.fabricated}, genuine below "
        f"{model.thresholds.genuine}, uncertain in between.",
        "",
        "Evaluation on held-out sets: run `python bench/detect.py --card THIS.md`, which adds",
        "an Evaluation section below (the shipped model's card has it).",
        "",
        "## Known weaknesses (of this recipe; check them on your own evaluation)",
        "",
        "- Built for the content-farm genre. Tabloid rumours (GossipCop, SheepDog, LLMFake and",
        "  Pérez-Rosas fakes) mostly score low: it is not a general celebrity-rumour detector.",
        "- Genuine gossip rewritten into breathless tabloid style is flagged more often than",
        "  plain genuine news (SheepDog A/B rewrites: about 4.5 %).",
        "- One-line quoted posts give the signals little text: without a cue (a teaser, a",
        "  stock phrase) they abstain as `too_short` rather than guess.",
        "- English only: other languages abstain (`unsupported_language`).",
        "- The genre's dev split is small (64 items): intervals are wide; the 95 % upper bound",
        "  of its false-positive rate is about 11 %.",
        "- Machine-written is not fabricated: no signal treats fluency as evidence by itself.",
        "",
        "## Provenance",
        "",
        "```json",
        json.dumps(card, indent=2, sort_keys=True),
        "```",
    ]
    return "\n".join(lines) + "\n"


def _length_lines(model: VerdictModel) -> list[str]:
    if not model.by_length:
        return []
    lines = ["", "Per length of the text (short posts get their own calibration):", ""]
    low = 0
    for bucket in model.by_length:
        span = f"{low}+ chars" if bucket.max_chars is None else f"{low}-{bucket.max_chars} chars"
        cal = bucket.calibration
        lines.append(f"- {span}: slope {cal.slope:.4f}, offset {cal.offset:+.4f}")
        low = bucket.max_chars or low
    return lines


def write_model(model: VerdictModel, path: Path) -> Path:
    """Write ``path`` (JSON) and ``path`` with suffix ``.md`` (card); return the card path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
    card_path = path.with_suffix(".md")
    card_path.write_text(render_card(model), encoding="utf-8")
    return card_path
