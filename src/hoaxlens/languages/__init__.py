"""Other languages (issue 21): resources per language, their signals, and ``judge``."""

from hoaxlens.languages.judge import (
    PIPELINE_LANGUAGES,
    LanguageVerdict,
    judge,
    judge_for_pipeline,
    supported_languages,
)
from hoaxlens.languages.resources import load_resources
from hoaxlens.languages.signals import language_signal_classes
from hoaxlens.languages.split import split_of

__all__ = [
    "PIPELINE_LANGUAGES",
    "LanguageVerdict",
    "judge",
    "judge_for_pipeline",
    "language_signal_classes",
    "load_resources",
    "split_of",
    "supported_languages",
]
