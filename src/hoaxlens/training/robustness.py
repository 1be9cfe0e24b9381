"""Obfuscated copies of labelled data, for robustness evaluation (bench and eval gate)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from hoaxlens.training.labeled import LabeledItem
from hoaxlens.types import RawDocument

if TYPE_CHECKING:
    from collections.abc import Iterable

# What the farms do: every n and u, plus the Cyrillic/Greek letters that look like Latin ones.
FARM_LOOKALIKES = str.maketrans(
    "nuaeocpxyiANUEOCPXYBHKMT",
    "\u043f\u03c5\u0430\u0435\u043e\u0441\u0440\u0445\u0443\u0456"
    "\u0410\u039d\u054d\u0415\u041e\u0421\u0420\u0425\u0423\u0412\u041d\u041a\u041c\u0422",
)


def obfuscate(text: str) -> str:
    """Swap Latin letters for their lookalikes the way content farms do.

    >>> obfuscate("One") == "\u041e\u043f\u0435"  # Cyrillic O, pe, ie
    True
    """
    return text.translate(FARM_LOOKALIKES)


def obfuscated_items(items: Iterable[LabeledItem], *, only_fabricated: bool) -> list[LabeledItem]:
    """Copies of ``items`` with title and text obfuscated (all, or the fabricated ones)."""
    out = []
    for it in items:
        raw = it.item
        if isinstance(raw, RawDocument) and (it.label == 1 or not only_fabricated):
            title = obfuscate(raw.title) if raw.title else raw.title
            raw = replace(raw, content=obfuscate(raw.content), title=title)
        out.append(LabeledItem(raw, it.label))
    return out
