"""Built-in signals, listed explicitly and in order (never discovered by import side effects)."""

from hoaxlens.signals.base import Signal
from hoaxlens.signals.builtin.alarm import AlarmSignal
from hoaxlens.signals.builtin.clickbait import ClickbaitHeadlineSignal
from hoaxlens.signals.builtin.emotional_language import EmotionalLanguageSignal
from hoaxlens.signals.builtin.homoglyphs import HomoglyphSignal
from hoaxlens.signals.builtin.lexical import LexicalSignal
from hoaxlens.signals.builtin.perplexity import PerplexitySignal
from hoaxlens.signals.builtin.sourcing import SourcingSignal
from hoaxlens.signals.builtin.story_grammar import StoryGrammarSignal
from hoaxlens.signals.builtin.teaser import TeaserSignal
from hoaxlens.signals.builtin.unverifiable_attribution import UnverifiableAttributionSignal

BUILTIN_SIGNALS: tuple[type[Signal], ...] = (
    HomoglyphSignal,
    StoryGrammarSignal,
    UnverifiableAttributionSignal,
    EmotionalLanguageSignal,
    ClickbaitHeadlineSignal,
    TeaserSignal,
    AlarmSignal,
    SourcingSignal,
    LexicalSignal,
    PerplexitySignal,  # off by default: slow on CPU, needs the `perplexity` extra
)

__all__ = [
    "BUILTIN_SIGNALS",
    "AlarmSignal",
    "ClickbaitHeadlineSignal",
    "EmotionalLanguageSignal",
    "HomoglyphSignal",
    "LexicalSignal",
    "PerplexitySignal",
    "SourcingSignal",
    "StoryGrammarSignal",
    "TeaserSignal",
    "UnverifiableAttributionSignal",
]
