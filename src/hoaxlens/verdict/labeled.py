"""Labelled evaluation/training data: records with ``label`` = fabricated | genuine."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hoaxlens.errors import ConfigError
from hoaxlens.ingest import read_documents
from hoaxlens.types import Failure, RawDocument

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

POSITIVE = "fabricated"
NEGATIVE = "genuine"


@dataclass(frozen=True, slots=True)
class LabeledItem:
    """One labelled record (or the ``Failure`` it produced at ingest)."""

    item: RawDocument | Failure
    label: int  # 1 fabricated, 0 genuine


def parse_where(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``KEY=VALUE`` filters.

    >>> parse_where(["split=dev"])
    {'split': 'dev'}
    """
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigError(f"filter {pair!r} must look like KEY=VALUE, e.g. split=dev")
        out[key] = value
    return out


def read_labeled(paths: Iterable[str | Path], where: Mapping[str, str]) -> list[LabeledItem]:
    """Read labelled records, keeping those whose fields match every ``where`` filter.

    Raises:
        ConfigError: when a kept record has no usable ``label``.
    """
    items = []
    for item in read_documents(paths):
        if isinstance(item, Failure):  # labels are unknowable for an unreadable record
            raise ConfigError(f"cannot read labelled data: {item.message}")
        meta = dict(item.meta)
        if any(meta.get(k) != v for k, v in where.items()):
            continue
        label = meta.get("label")
        if label not in (POSITIVE, NEGATIVE):
            raise ConfigError(
                f"{item.source}: label must be {POSITIVE!r} or {NEGATIVE!r}, got {label!r}"
            )
        items.append(LabeledItem(item, int(label == POSITIVE)))
    if not items:
        raise ConfigError(f"no labelled records matched {dict(where) or 'the input'}")
    return items


def digest(paths: Iterable[str | Path]) -> str:
    """SHA-256 over the bytes of the given files, in order (recorded in model cards)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(Path(path).read_bytes())
    return h.hexdigest()
