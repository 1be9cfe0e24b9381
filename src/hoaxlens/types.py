"""Records passed between pipeline stages: frozen, typed, picklable.

Every ``Span`` indexes ``Document.text`` (the normalized story body); ``undo()`` in
:mod:`hoaxlens.normalize.replay` maps normalized text back to what was extracted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Document.text``.

    >>> Span(3, 5).length
    2
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Replacement:
    """One change made by the normalizer, located in the normalized text.

    ``span`` covers ``replacement`` in the output text; ``original`` is what stood there
    in the input. A deletion (zero-width character removed) has an empty span and an
    empty ``replacement``. Keeping ``replacement`` explicit (the house sketch derives it
    from the text) makes each record self-describing in JSON and checkable on its own.
    """

    span: Span
    original: str
    replacement: str
    step: str  # e.g. "fold_confusables"

    def __post_init__(self) -> None:
        if len(self.replacement) != self.span.length:
            raise ValueError(
                f"replacement {self.replacement!r} does not fit span "
                f"[{self.span.start}, {self.span.end})"
            )
        if self.original == self.replacement:
            raise ValueError(f"no-op replacement of {self.original!r}")


class MediaType(StrEnum):
    """What ``RawDocument.content`` holds."""

    TEXT = "text/plain"
    HTML = "text/html"


class Stage(StrEnum):
    """Pipeline stages, named in error records.

    ``FETCH`` is where a URL's page could not be fetched (robots.txt, timeouts, an error
    status, a refused address). Two are not stages of the pipeline but where a batch lost a
    document: ``WORKER``, the
    worker process analysing it died (killed for memory, a signal, a crash in native code),
    again when the document was analysed alone; ``SERVICE``, the analyst service's batch
    worker hit an unexpected error on the line.
    """

    FETCH = "fetch"
    INGEST = "ingest"
    EXTRACT = "extract"
    NORMALIZE = "normalize"
    SIGNALS = "signals"
    VERDICT = "verdict"
    WORKER = "worker"
    SERVICE = "service"


class Label(StrEnum):
    """Verdict labels; the string values are part of the public JSON output."""

    FABRICATED = "fabricated"
    UNCERTAIN = "uncertain"
    GENUINE = "genuine"


class AbstainReason(StrEnum):
    """Why a verdict is ``uncertain`` whatever its score: the text is outside the model's scope.

    The string values are part of the public JSON output (``abstain_reason``).
    """

    UNSUPPORTED_LANGUAGE = "unsupported_language"  # the model reads English only
    TOO_SHORT = "too_short"  # too few words, and none of them is evidence either way
    NO_STORY_TEXT = "no_story_text"  # a bare URL, a list of links, markup only
    REPEATED_TEXT = "repeated_text"  # mostly copies of a few sentences: no all-clear from them


@dataclass(frozen=True, slots=True)
class Post:
    """A social-media link post, paired with the landing page its link leads to.

    A link post's own text is a link, or a short teaser and a link; the story is on the
    page. When it is paired (``hoaxlens scan --follow-links`` or ``--pages``), the
    ``RawDocument`` holds the landing page (``content``, ``url``) and this post, and the
    verdict reads ``teaser`` first, then the page's story. ``text`` is the post's text as
    given, ``link`` its link as given, ``id``/``url``/``date`` the post's platform id,
    address and date (ISO) where the export has them, ``title`` the link's title as the
    post shows it. ``page_url``, ``page_source`` (where the page was found: a WARC record
    or a file) and ``page_fetched_at`` say which page was paired.
    """

    text: str
    link: str
    teaser: str = ""
    id: str | None = None
    url: str | None = None
    date: str | None = None
    title: str | None = None
    page_url: str | None = None
    page_source: str | None = None
    page_fetched_at: str | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as read, before any analysis.

    ``meta`` carries provenance only (unknown JSONL fields, WARC headers) as sorted
    ``(key, value)`` pairs; non-string JSON values are kept as their JSON text.
    """

    id: str
    content: str
    media_type: MediaType
    source: str  # "path", "path#Lline", "-" for stdin
    url: str | None = None
    title: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    post: Post | None = None  # a link post paired with this landing page

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("RawDocument.id must not be empty")


@dataclass(frozen=True, slots=True)
class Article:
    """The story a page tells, with the page furniture removed.

    Besides the story, an HTML page yields what a triage user asks next: which site, which
    canonical address, what the page claims about itself (``og`` tags), when and by whom,
    and which other stories of the same site it links to (``site_links``, the raw material
    for finding a campaign). ``extractor`` names the path that produced ``body``:
    ``"resiliparse"`` (fast path), ``"trafilatura"`` (fallback) or ``"text"`` (the input
    was plain text). ``fallback_reason`` says why the fast result was judged wrong
    (``"story-missing"``, ``"lead-missing"``, …; ``"forced"`` when only trafilatura ran);
    it is None when the fast result passed its check.
    """

    title: str
    body: str
    byline: str | None = None
    published: date | None = None
    url: str | None = None
    site: str | None = None  # host name as written in the URL
    removed: tuple[str, ...] = ()  # kinds of furniture removed, e.g. "teaser-rail"
    domain: str | None = None  # host name without a leading "www."
    canonical_url: str | None = None
    og: tuple[tuple[str, str], ...] = ()  # ("og:title", "…") pairs in page order
    site_links: tuple[str, ...] = ()  # links to other stories on the same domain
    extractor: str = "text"
    fallback_reason: str | None = None


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Output of the normalizer: the restored text and every change made to get it."""

    text: str
    original: str
    replacements: tuple[Replacement, ...]


class TextView:
    """Forms of one text that several readers need, each computed once, on first use.

    Every signal and ``people`` read the same document text; lower-casing it, counting its
    words or splitting it into tokens once per reader was most of their cost. ``derive``
    remembers ``fn(text)`` per function, so a built-in or plugin signal gets any pure
    function of the text (its tokens, its lower-case words) computed once per document.
    A view pickles as its text alone: what it remembers is rebuilt on demand.

    >>> view = TextView("Then It Happened")
    >>> view.lower, view.word_count, view.derive(str.split) is view.derive(str.split)
    ('then it happened', 3, True)
    """

    __slots__ = ("_derived", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._derived: dict[Callable[[str], Any], Any] = {}

    def derive(self, fn: Callable[[str], _T]) -> _T:
        """``fn(text)``, computed on the first call with ``fn`` and remembered (``fn`` pure)."""
        try:
            known: _T = self._derived[fn]  # an annotation, not ``cast``: no call per look-up
            return known
        except KeyError:
            value = self._derived[fn] = fn(self.text)
            return value

    @property
    def lower(self) -> str:
        """``text.lower()`` (may be longer than ``text``: a few letters grow, like 'İ')."""
        return self.derive(str.lower)

    @property
    def words(self) -> list[str]:
        """``text.split()``, shared by its readers (who read it and never change it)."""
        return self.derive(str.split)

    @property
    def word_count(self) -> int:
        """Whitespace-separated words, at least 1 (so that it can divide)."""
        return max(1, len(self.words))

    def __reduce__(self) -> tuple[type[TextView], tuple[str]]:
        return TextView, (self.text,)

    def __repr__(self) -> str:
        return f"TextView({len(self.text)} chars)"


@dataclass(frozen=True, slots=True)
class Document:
    """What signals see: extracted, normalized text plus its provenance.

    ``view`` is built from ``text``: the shared, computed-once forms of it every signal
    and ``people`` read (not compared, not shown).
    """

    id: str
    title: str  # normalized title ("" when the input has none)
    text: str  # normalized body; every Span indexes into this
    original_text: str  # extracted body before normalization
    replacements: tuple[Replacement, ...]
    raw: RawDocument
    removed: tuple[str, ...] = ()  # page furniture the extractor removed
    article: Article | None = None  # page metadata (domain, canonical URL, og:, links)
    view: TextView = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "view", TextView(self.text))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a signal fired, pointing at the text that made it fire."""

    span: Span
    reason: str  # one line a reviewer can read

    def __post_init__(self) -> None:
        if not self.reason or "\n" in self.reason:
            raise ValueError(f"evidence reason must be one non-empty line: {self.reason!r}")


@dataclass(frozen=True, slots=True)
class SignalResult:
    """Score in [0, 1] from one signal, with the evidence behind it."""

    signal: str  # registry id, e.g. "homoglyphs.v1"
    score: float
    evidence: tuple[Evidence, ...] = ()

    def __post_init__(self) -> None:
        if not (math.isfinite(self.score) and 0.0 <= self.score <= 1.0):
            raise ValueError(f"{self.signal}: score {self.score} outside [0, 1]")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Final answer for one document.

    ``contributions[i]`` is what ``signals[i]`` added to the model's log-odds
    (``weight * score``), so a reader can see which signals drove the score; ``baseline``
    is the log-odds before any signal (the model's intercept), so ``baseline +
    sum(contributions)`` is the log-odds of ``score``. ``lang`` is the ISO 639-1 code of
    the text's language (None when it cannot be told), and a non-None ``abstain_reason``
    makes the label ``uncertain`` whatever the score.
    """

    document: Document
    label: Label
    score: float  # calibrated probability that the story is fabricated
    signals: tuple[SignalResult, ...]
    contributions: tuple[float, ...]
    people: tuple[str, ...]
    model_version: str
    cluster_id: str | None = None
    lang: str | None = None
    abstain_reason: AbstainReason | None = None
    baseline: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} outside [0, 1]")
        if len(self.contributions) != len(self.signals):
            raise ValueError("one contribution per signal is required")

    @property
    def doc_id(self) -> str:
        """Id of the analysed document."""
        return self.document.id


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be analysed: one error row, never a silent drop."""

    doc_id: str
    source: str
    stage: Stage
    error_type: str
    message: str
    url: str | None = None
    title: str | None = None
    meta: tuple[tuple[str, str], ...] = field(default=())
    post: Post | None = None  # the link post whose landing page this row is about

    @classmethod
    def from_raw(cls, raw: RawDocument, stage: Stage, error_type: str, message: str) -> Failure:
        """The error row of ``raw``: its id, source, URL, title and provenance kept."""
        return cls(
            doc_id=raw.id,
            source=raw.source,
            stage=stage,
            error_type=error_type,
            message=message,
            url=raw.url,
            title=raw.title,
            meta=raw.meta,
            post=raw.post,
        )
