"""hoaxlens: find fabricated celebrity viral stories, de-obfuscated, with evidence."""

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.api import analyze
from hoaxlens.errors import HoaxlensError
from hoaxlens.normalize import normalize_text, undo
from hoaxlens.output import to_record
from hoaxlens.types import (
    Document,
    Evidence,
    Failure,
    Label,
    NormalizedText,
    RawDocument,
    Replacement,
    SignalResult,
    Span,
    Verdict,
)

__version__ = "0.1.0"

__all__ = [
    "Analyzer",
    "AnalyzerConfig",
    "Document",
    "Evidence",
    "Failure",
    "HoaxlensError",
    "Label",
    "NormalizedText",
    "RawDocument",
    "Replacement",
    "SignalResult",
    "Span",
    "Verdict",
    "__version__",
    "analyze",
    "normalize_text",
    "to_record",
    "undo",
]
