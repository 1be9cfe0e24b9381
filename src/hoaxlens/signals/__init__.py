"""Signals: explainable detectors behind one registry."""

from hoaxlens.signals.base import MAX_EVIDENCE, Signal
from hoaxlens.signals.registry import ENTRY_POINT_GROUP, available_signals, build_signals

__all__ = ["ENTRY_POINT_GROUP", "MAX_EVIDENCE", "Signal", "available_signals", "build_signals"]
