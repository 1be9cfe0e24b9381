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
    from collections.abc import Callable, Iterable, Mapping

POSITIVE = "fabricated"
NEGATIVE = "genuine"


@dataclass(frozen=True, slots=True)
class LabeledItem:
    """One labelled record (or the ``Failure`` it produced at ingest)."""

    item: RawDocument | Failure
    label: int  # 1 fabricated, 0 genuine


def parse_where(pairs: Iterable[str]) -> dict[str, str]:
    """Parse ``KEY=VALUE`` filters; ``?KEY=VALUE`` applies only to records that have KEY.

    >>> parse_where(["split=dev", "?flags=[]"])
    {'split': 'dev', '?flags': '[]'}
    """
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigError(f"filter {pair!r} must look like KEY=VALUE, e.g. split=dev")
        out[key] = value
    return out


def matches(meta: Mapping[str, str], where: Mapping[str, str], file: str = "") -> bool:
    """Whether a record's fields pass every filter.

    ``?KEY`` filters skip records without the field; ``NAME:KEY`` filters apply only to
    records read from a file called NAME.

    >>> matches({"split": "train"}, {"split": "train", "?flags": "[]"})
    True
    >>> matches({"split": "train", "flags": '["dup_text"]'}, {"?flags": "[]"})
    False
    >>> matches({"label": "fabricated"}, {"gc.jsonl:label": "genuine"}, file="vs.jsonl")
    True
    """
    for key, value in where.items():
        scope, _, field = key.rpartition(":")
        if scope and scope != file:
            continue
        optional = field.startswith("?")
        field = field[1:] if optional else field
        if optional and field not in meta:
            continue
        if meta.get(field) != value:
            return False
    return True


def read_labeled(
    paths: Iterable[str | Path],
    where: Mapping[str, str],
    on_unreadable: Callable[[Failure], None] | None = None,
) -> list[LabeledItem]:
    """Read labelled records, keeping those whose fields match every ``where`` filter.

    An unreadable record (no text, bad JSON) has no knowable label: it raises, unless
    ``on_unreadable`` is given, which then receives it (training counts them in the card).

    Raises:
        ConfigError: when a kept record has no usable ``label``, or one is unreadable.
    """
    items = []
    for item in read_documents(paths):
        if isinstance(item, Failure):
            if on_unreadable is None:
                raise ConfigError(f"cannot read labelled data: {item.message}")
            on_unreadable(item)
            continue
        meta = dict(item.meta)
        if not matches(meta, where, Path(item.source.rsplit("#", 1)[0]).name):
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
