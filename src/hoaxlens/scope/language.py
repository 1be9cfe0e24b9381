"""Language identification for the scope gate: one lingua detector per process, built lazily.

lingua (``lingua-language-detector``) ships its n-gram models inside the wheel, so nothing is
downloaded at run time. It was chosen over py3langid and langdetect by ``bench/scope.py``: in
high-accuracy mode it is the only one that stays near 100 % English on short English
headlines while still naming short non-English sentences. Its low-accuracy mode is lighter
but confidently wrong on short English (Tagalog, Latin, French), so it is not used.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import Language, LanguageDetector

# English names of every language the detector can return (ISO 639-1).
LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh",
    "ko": "Korean", "mk": "Macedonian", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "nb": "Norwegian", "nl": "Dutch", "pa": "Punjabi", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip

# The Latin-script languages the detector weighs. Each costs ~20 MB of n-gram models once a
# Latin-script text is seen; rarely met languages that short English headlines were mistaken
# for (Latin, Esperanto, Maori, Somali, Yoruba, Welsh, Irish, Tswana…) are left out: a text
# in one of them is still named as some other non-English language. Non-Latin scripts are
# all kept: lingua tells them apart by script first and loads their models only when met.
_LATIN_SCRIPT = frozenset(
    [
        "en",
        "es",
        "pt",
        "fr",
        "de",
        "it",
        "nl",
        "pl",
        "tr",
        "ro",
        "vi",
        "tl",
        "id",
        "ms",
        "sw",
        "ca",
        "cs",
        "sk",
        "hr",
        "hu",
        "sv",
        "da",
        "nb",
        "fi",
    ]
)
_OTHER_SCRIPTS = frozenset(LANGUAGE_NAMES) - _LATIN_SCRIPT

_lock = threading.Lock()
_detector: LanguageDetector | None = None
# English against one other language, high accuracy: loads two models (a fraction of a
# second), where high accuracy over every language loads ~650 MB in ~5 s of CPU.
_pairs: dict[str, LanguageDetector] = {}
# Shorter texts that the fast (low-accuracy) model takes for another language are checked
# again with high accuracy; longer ones it never took for English wrongly (bench/scope.py).
CONFIRM_BELOW = 400
UNDECIDED_ENGLISH = 0.2  # English keeps at least this share on the second look: undecided


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The detector's answer: the likeliest language, its share, and English's share."""

    lang: str | None  # ISO 639-1, None when the detector found no letters to judge
    confidence: float  # relative confidence of ``lang`` in [0, 1]
    english: float  # relative confidence of English in [0, 1]


def describe_language(code: str | None) -> str:
    """Return the English name of an ISO 639-1 code.

    >>> describe_language("es"), describe_language(None), describe_language("xx")
    ('Spanish', 'unknown language', 'xx')
    """
    if code is None:
        return "unknown language"
    return LANGUAGE_NAMES.get(code, code)


def detector_languages() -> frozenset[str]:
    """Return the ISO 639-1 codes the detector can return."""
    from lingua import Language

    wanted = _LATIN_SCRIPT | _OTHER_SCRIPTS
    return frozenset(
        c for lang in Language.all() if (c := lang.iso_code_639_1.name.lower()) in wanted
    )


def _build() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    wanted = detector_languages()
    languages = [lang for lang in Language.all() if lang.iso_code_639_1.name.lower() in wanted]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def get_detector() -> LanguageDetector:
    """Return the process's fast detector, building it on first use (models load lazily)."""
    global _detector  # one detector per process: a cache
    if _detector is None:
        with _lock:
            if _detector is None:
                _detector = _build()
    return _detector


def _pair_detector(other: Language) -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    key = other.iso_code_639_1.name
    with _lock:
        if key not in _pairs:
            _pairs[key] = LanguageDetectorBuilder.from_languages(Language.ENGLISH, other).build()
        return _pairs[key]


def identify_language(text: str) -> LanguageGuess:
    """Identify the language of ``text`` (feed it a capped sample; cost grows with length).

    The fast model answers; when it takes a short text for another language, English and
    that language are weighed again with high accuracy (short English headlines are where
    the fast model errs).

    Args:
        text: prose, already stripped of links and markup.

    Returns:
        The likeliest language with its confidence, and the confidence of English.
    """
    values = get_detector().compute_language_confidence_values(text)
    if not values or values[0].value <= 0.0:
        return LanguageGuess(None, 0.0, 0.0)
    english = next((v.value for v in values if v.language.iso_code_639_1.name == "EN"), 0.0)
    top = values[0]
    if top.language.iso_code_639_1.name != "EN" and len(text) < CONFIRM_BELOW:
        pair = _pair_detector(top.language).compute_language_confidence_values(text)
        english = next((v.value for v in pair if v.language.iso_code_639_1.name == "EN"), 0.0)
        if pair and pair[0].language.iso_code_639_1.name == "EN":
            return LanguageGuess("en", english, english)
        if english >= UNDECIDED_ENGLISH:  # a close call on a few words: do not guess
            return LanguageGuess(None, 0.0, english)
    return LanguageGuess(top.language.iso_code_639_1.name.lower(), top.value, english)
