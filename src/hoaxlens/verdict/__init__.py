"""Verdict: combine signal scores into a calibrated probability and a label."""

from hoaxlens.verdict.model import Thresholds, VerdictModel, load_model

__all__ = ["Thresholds", "VerdictModel", "load_model"]
