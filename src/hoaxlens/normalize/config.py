"""Which normalization steps run, and their context thresholds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NormalizeConfig:
    """Which normalization steps run, and their context thresholds."""

    fold_confusables: bool = True
    fold_compat: bool = True
    join_letters: bool = True
    strip_invisible: bool = True
    strip_marks: bool = True
    latin_line_share: float = 0.8
    min_compat_letters: int = 2

    def __post_init__(self) -> None:
        if not 0.0 < self.latin_line_share <= 1.0:
            raise ValueError(f"latin_line_share must be in (0, 1], got {self.latin_line_share}")
        if self.min_compat_letters < 1:
            raise ValueError("min_compat_letters must be at least 1")


DEFAULT_NORMALIZE_CONFIG = NormalizeConfig()
