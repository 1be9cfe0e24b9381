"""Per-language resources: one folder per language, one ``resources.json`` in it.

Adding a language is one folder: ``src/hoaxlens/languages/<code>/resources.json`` (ISO 639-1
code) with the genre's stock phrases and story grammar (``story``), teasers and calls to
action (``teaser``), alarm framing (``alarm``), attribution and sourcing (``attribution``),
checkable specifics such as dates and titled names (``specifics``) and an emotional lexicon
(``emotion``). Each cue is ``{"pattern", "weight", "gloss"}``: a case-insensitive regex matched
on whole words, the cue's strength, and a short English gloss shown in the evidence.
``{NAME}`` in a pattern stands for a capitalized word (a name). The language is judged as soon
as its folder exists; ``scripts/train_languages.py`` then fits its calibration (until then the
shared one is used). See ``src/hoaxlens/languages/README.md``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from hoaxlens.errors import ModelError

FORMAT = "hoaxlens-language-resources"
FAB_KINDS = ("story", "teaser", "alarm")  # cue kinds that argue for "fabricated"
GEN_KINDS = ("attribution", "specifics")  # cue kinds that argue for "genuine"
KINDS = FAB_KINDS + GEN_KINDS
_NAME = "{NAME}"
# A capitalized word; the capital is checked on the match (the pattern is case-insensitive).
_NAME_RX = r"(?P<name>[^\W\d_][\w'\u2019-]{0,40})"
_CODE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True, slots=True)
class LanguageCue:
    """One compiled cue of a language: where it matches, how strong, what it means."""

    kind: str
    pattern: re.Pattern[str]
    weight: float
    gloss: str
    needs_name: bool  # the match must hold a capitalized word where ``{NAME}`` stood


@dataclass(frozen=True, slots=True)
class LanguageResources:
    """Everything one language folder provides, compiled."""

    lang: str
    name: str
    cues: tuple[LanguageCue, ...]
    emotion: re.Pattern[str]
    emotion_words: int  # entries in the emotional lexicon

    def of_kind(self, kind: str) -> tuple[LanguageCue, ...]:
        """The cues of one kind (``story``, ``teaser``…), in file order."""
        return tuple(c for c in self.cues if c.kind == kind)


def _compile(source: str) -> tuple[re.Pattern[str], bool]:
    needs_name = _NAME in source
    body = source.replace(_NAME, _NAME_RX, 1).replace(_NAME, r"[^\W\d_]+")
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), needs_name


def parse_resources(data: bytes, *, where: str) -> LanguageResources:
    """Parse and compile one ``resources.json``.

    Raises:
        ModelError: for a file that is not a valid resource file.
    """
    try:
        obj = json.loads(data)
        if obj.get("format") != FORMAT or obj.get("format_version") != 1:
            raise ModelError(f"{where} is not a {FORMAT} file of version 1")
        cues = []
        for kind in KINDS:
            for row in obj["cues"].get(kind, []):
                pattern, needs_name = _compile(str(row["pattern"]))
                weight = float(row["weight"])
                if not 0.0 < weight <= 5.0:
                    raise ModelError(f"{where}: cue weight {weight} outside (0, 5]")
                cues.append(LanguageCue(kind, pattern, weight, str(row["gloss"]), needs_name))
        words = [str(w) for w in obj["emotion"]]
        emotion = re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", re.IGNORECASE)
        return LanguageResources(
            str(obj["lang"]), str(obj["name"]), tuple(cues), emotion, len(words)
        )
    except ModelError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise ModelError(f"{where} is not a valid language resource file: {exc!r}") from exc


@cache
def available_languages() -> tuple[str, ...]:
    """ISO 639-1 codes of the language folders shipped in the package, sorted."""
    root = resources.files("hoaxlens.languages")
    return tuple(
        sorted(
            entry.name
            for entry in root.iterdir()
            if _CODE.match(entry.name) and entry.joinpath("resources.json").is_file()
        )
    )


@cache
def load_resources(lang: str) -> LanguageResources | None:
    """The compiled resources of ``lang``; None when no folder ships for it.

    >>> load_resources("es").name, load_resources("xx")
    ('Spanish', None)
    """
    if not _CODE.match(lang) or lang not in available_languages():
        return None
    path = resources.files("hoaxlens.languages").joinpath(lang, "resources.json")
    return parse_resources(path.read_bytes(), where=f"languages/{lang}/resources.json")
