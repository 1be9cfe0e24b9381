"""`languages.train`: the other-language model trains end to end on a small synthetic set.

The items are made up here (no corpus needed): fabricated ones carry high story/alarm
features and a tear-jerker vocabulary, genuine ones sourcing features and a news vocabulary,
in three languages and many sites, so every fold holds both classes.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

pytest.importorskip("scipy")
pytest.importorskip("sklearn")

from hoaxlens.languages.train import (
    SIGNAL_IDS,
    SIGNS,
    TrainItem,
    train_language_model,
)

FAKE = ["llora", "corazón", "milagro", "nadie", "esperaba", "lágrimas", "secreto"]
REAL = ["ministerio", "informe", "según", "datos", "publicó", "oficial", "agencia"]


def _items() -> list[TrainItem]:
    rng = random.Random(7)  # noqa: S311 - reproducible test data
    items = []
    for i in range(120):
        label = i % 2
        words = [rng.choice(FAKE if label else REAL) for _ in range(30)]
        strong = [rng.uniform(0.6, 1.0) if label else rng.uniform(0.0, 0.4) for _ in range(7)]
        sourcing = [rng.uniform(0.0, 0.3) if label else rng.uniform(0.5, 1.0) for _ in range(2)]
        features = tuple(strong + sourcing)
        assert len(features) == len(SIGNAL_IDS)
        items.append(
            TrainItem(
                id=f"x{i}",
                text=" ".join(words),
                label=label,
                lang=("es", "pt", "it")[i % 3],
                site=f"site{i // 2}.example",
                weight=1.0,
                features=features,
            )
        )
    return items


def test_the_model_keeps_each_signal_direction_and_separates_the_classes() -> None:
    items = _items()
    trained = train_language_model(items, version="test", card={"data": "synthetic"})
    model = trained.model
    assert model.signal_ids == SIGNAL_IDS
    for weight, sign in zip(model.weights, SIGNS, strict=True):
        assert weight * sign >= 0.0  # a genuine-direction signal never pushes to fabricated
    scores = np.asarray(trained.oof_scores)
    labels = np.asarray([it.label for it in items])
    assert scores[labels == 1].min() > scores[labels == 0].max()  # out of fold, still apart
    assert {lang for lang, _ in model.by_language} == {"es", "pt", "it"}
