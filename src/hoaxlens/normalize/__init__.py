"""Normalize: undo homoglyph obfuscation without touching genuine non-Latin text."""

from hoaxlens.normalize.config import DEFAULT_NORMALIZE_CONFIG, NormalizeConfig
from hoaxlens.normalize.normalizer import normalize_text
from hoaxlens.normalize.replay import undo

__all__ = ["DEFAULT_NORMALIZE_CONFIG", "NormalizeConfig", "normalize_text", "undo"]
