"""Analysts' labels as training data for ``hoaxlens train --from-store URL``."""

from __future__ import annotations

from hoaxlens.errors import ConfigError
from hoaxlens.training.labeled import POSITIVE, LabeledItem


def load_labeled(store_url: str) -> list[LabeledItem]:
    """Every labelled document in a store, with its most recent analyst label.

    Each analyst has one current label per document (``service.labelling``: a new one
    replaces theirs, an undo restores the one before); the newest of those counts.

    The documents come back as they were submitted (text or HTML, URL, title), so training
    runs the whole pipeline on them, like ``hoaxlens train`` does on a JSONL file.

    Args:
        store_url: the store of ``hoaxlens serve --store`` (a SQLite path or URL, or
            ``postgresql://…``).

    Returns:
        One ``LabeledItem`` per labelled document, oldest first (1 = fabricated).

    Raises:
        ConfigError: when the store has no labelled document.
    """
    from hoaxlens.service.store import Store

    store = Store(store_url)
    try:
        pairs = store.labeled()
    finally:
        store.close()
    if not pairs:
        raise ConfigError(f"no analyst labels in {store_url}: label documents in the UI first")
    return [LabeledItem(raw, int(label == POSITIVE)) for raw, label in pairs]
