"""Undo normalization: map normalized text back to the original, exactly (ftfy's apply_plan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoaxlens.types import Replacement


def undo(text: str, replacements: Iterable[Replacement]) -> str:
    """Return the text the normalizer was given, from its output and its replacements.

    Args:
        text: normalized text.
        replacements: the changes the normalizer recorded, in any order.

    Returns:
        The original text, byte for byte.

    Raises:
        ValueError: if a replacement does not match ``text`` or two of them overlap.

    >>> from hoaxlens.normalize import normalize_text
    >>> result = normalize_text("Oпe Step for Yoυ")
    >>> undo(result.text, result.replacements)
    'Oпe Step for Yoυ'
    """
    parts: list[str] = []
    cursor = 0
    for rep in sorted(replacements, key=lambda r: (r.span.start, r.span.end)):
        start, end = rep.span.start, rep.span.end
        if start < cursor:
            raise ValueError(f"overlapping replacement at {start}")
        if text[start:end] != rep.replacement:
            raise ValueError(f"replacement at [{start}, {end}) does not match the text")
        parts.append(text[cursor:start])
        parts.append(rep.original)
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)
