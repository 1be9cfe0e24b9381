"""Train a verdict model from labelled files and analyst stores, and write it with its card.

What ``hoaxlens train`` does, as one library call: read the labelled records, keep those
the filters select, add the analysts' labels, record where the data came from (file names,
their digest, the filters, the stores with passwords redacted), fit, and write the model
JSON and its model card.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hoaxlens.errors import ConfigError
from hoaxlens.training.card import write_model
from hoaxlens.training.labeled import digest, read_labeled
from hoaxlens.training.train import TrainOptions, train_model

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from hoaxlens.training.labeled import LabeledItem
    from hoaxlens.types import Failure

__all__ = ["StoreLabels", "TrainRun", "train_to_file"]


@dataclass(frozen=True, slots=True)
class StoreLabels:
    """The analysts' labelled documents read from one service store."""

    url: str
    items: Sequence[LabeledItem]


@dataclass(frozen=True, slots=True)
class TrainRun:
    """What a training run wrote, and what it skipped."""

    model_path: Path
    card_path: Path
    unreadable_records: int  # labelled records without usable text, left out


def train_to_file(
    paths: Sequence[str | Path],
    output: Path,
    *,
    where: Mapping[str, str] | None = None,
    stores: Sequence[StoreLabels] = (),
    options: TrainOptions | None = None,
) -> TrainRun:
    """Train on labelled JSONL ``paths`` plus the ``stores``' labels; write ``output``.

    Args:
        paths: labelled JSONL files (field ``label``: fabricated | genuine).
        output: where to write the model JSON; the card goes beside it (suffix ``.md``).
        where: ``parse_where`` filters selecting the records of ``paths`` to train on.
        stores: labelled documents already read from ``hoaxlens serve`` stores.
        options: signals, seed, source balancing (default: ``TrainOptions()``).

    Raises:
        ConfigError: without any data, with unlabelled records, or too few of a label.
        MissingExtraError: without the ``train`` extra (scikit-learn).
    """
    if not paths and not stores:
        raise ConfigError("no training data: give labelled JSONL files, a store, or both")
    filters = dict(where or {})
    files = sorted(str(p) for p in paths)
    unreadable: list[Failure] = []
    items = list(read_labeled(paths, filters, on_unreadable=unreadable.append)) if paths else []
    info: dict[str, object] = {
        "files": [Path(p).name for p in files],
        "sha256": digest(files),
        "where": filters,
        "unreadable_records": len(unreadable),
    }
    if stores:
        info["stores"] = [
            {"url": redact_url(s.url), "labelled_documents": len(s.items)} for s in stores
        ]
        for store in stores:
            items.extend(store.items)
    model = train_model(items, options or TrainOptions(), info)
    card_path = write_model(model, output)
    return TrainRun(model_path=output, card_path=card_path, unreadable_records=len(unreadable))


def redact_url(url: str) -> str:
    """A store URL without its password, for the model card.

    >>> redact_url("postgresql://ana:secret@db/hoaxlens")
    'postgresql://ana:***@db/hoaxlens'
    >>> redact_url("sqlite:///hoaxlens.db")
    'sqlite:///hoaxlens.db'
    """
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"
