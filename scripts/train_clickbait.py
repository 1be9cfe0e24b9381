"""Train the clickbait-headline model shipped as src/hoaxlens/signals/data/clickbait-v1.json.

Reads ../shared/data/clickbait_chakraborty/clickbait_headlines.jsonl (MIT licence; only the
learned weights are shipped, not the headlines). Holds out a seeded 20 % to report accuracy
and AUROC, then fits on everything. Deterministic.

    python scripts/train_clickbait.py [DATA] [OUT]
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from hoaxlens.signals.linear import fit_linear_text_model, sigmoid
from hoaxlens.training.metrics import auroc

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared/data/clickbait_chakraborty/clickbait_headlines.jsonl"
OUT = ROOT / "src/hoaxlens/signals/data/clickbait-v1.json"
PARAMS = {"max_n": 2, "min_df": 2, "regularization": 4.0, "keep": 20_000}


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    rows = [json.loads(line) for line in data.open(encoding="utf-8")]
    rows = [r for r in rows if "dup_text" not in (r.get("flags") or [])]
    random.Random(0).shuffle(rows)  # noqa: S311 - a seeded split, not cryptography
    texts = [r["title"] for r in rows]
    labels = [int(r["label"] == "clickbait") for r in rows]
    cut = len(rows) // 5
    held = fit_linear_text_model(texts[cut:], labels[cut:], **PARAMS)
    scores = [sigmoid(held.logit(held.features(t))) for t in texts[:cut]]
    accuracy = sum((s >= 0.5) == y for s, y in zip(scores, labels[:cut], strict=True)) / cut
    model = fit_linear_text_model(texts, labels, **PARAMS)
    payload = {
        **model.to_params(),
        "card": {
            "data": data.name,
            "sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
            "rows": len(rows),
            "params": PARAMS,
            "heldout_20pct": {
                "accuracy": round(accuracy, 4),
                "auroc": round(auroc(scores, labels[:cut]), 4),
            },
        },
    }
    out.write_text(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {out}: {len(model.weights)} weights; held-out {payload['card']['heldout_20pct']}")


if __name__ == "__main__":
    main()
