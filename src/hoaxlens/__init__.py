"""hoaxlens: find fabricated celebrity viral stories, de-obfuscated, with evidence.

The public names below are imported on first use (PEP 562), so ``import hoaxlens`` and
``hoaxlens --help`` do not load the pipeline (signals, models, NumPy) until something
from it is asked for. ``from hoaxlens import analyze`` works as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoaxlens.lazy import lazy_exports

if TYPE_CHECKING:
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

# public name -> the module that defines it
_LAZY = {
    "Analyzer": "hoaxlens.analyzer",
    "AnalyzerConfig": "hoaxlens.analyzer",
    "analyze": "hoaxlens.api",
    "HoaxlensError": "hoaxlens.errors",
    "normalize_text": "hoaxlens.normalize",
    "undo": "hoaxlens.normalize",
    "to_record": "hoaxlens.output",
    **dict.fromkeys(
        (
            "Document",
            "Evidence",
            "Failure",
            "Label",
            "NormalizedText",
            "RawDocument",
            "Replacement",
            "SignalResult",
            "Span",
            "Verdict",
        ),
        "hoaxlens.types",
    ),
}

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


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals(), __all__)
