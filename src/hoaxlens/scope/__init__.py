"""The scope gate: keep texts the English model cannot judge from getting a confident label.

``assess_scope`` says whether a text is in scope (English prose of a few words at least) and,
when it is not, why (``AbstainReason``): no story text, too short, unsupported language.
"""

from hoaxlens.scope.gate import SUPPORTED_LANGUAGES, Scope, assess_scope
from hoaxlens.scope.language import describe_language

__all__ = ["SUPPORTED_LANGUAGES", "Scope", "assess_scope", "describe_language"]
