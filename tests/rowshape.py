"""What a reader of the output sees of each item a reader gave: its line and its kind."""

from __future__ import annotations


def shape(items: list[object]) -> list[tuple[str, str]]:
    """(line, "doc" or the error type) for each item."""
    return [
        (getattr(i, "source", "").rsplit("#", 1)[-1], getattr(i, "error_type", "doc"))
        for i in items
    ]
