"""The one-call Python API: ``analyze(text=...)`` with the bundled model."""

from __future__ import annotations

from functools import cache

from hoaxlens.analyzer import Analyzer
from hoaxlens.ingest.base import replace_surrogates
from hoaxlens.ingest.records import SURROGATES_NOTE
from hoaxlens.types import MediaType, RawDocument, Verdict


@cache
def _default_analyzer() -> Analyzer:
    return Analyzer()


def analyze(
    text: str | None = None,
    *,
    html: str | None = None,
    url: str | None = None,
    title: str | None = None,
    id: str = "doc",
) -> Verdict:
    """Analyze one story given as text or as an HTML page.

    Args:
        text: the post or story text (first line is taken as the headline when no
            ``title`` is given).
        html: a saved page, instead of ``text``.
        url: where it was published (provenance only).
        title: the headline, when it is not part of ``text``.
        id: the id carried into the verdict.

    Returns:
        The verdict; ``hoaxlens.to_record(verdict)`` gives its JSON form.

    Raises:
        ValueError: unless exactly one of ``text`` and ``html`` is given.
        HoaxlensError: when no story can be extracted.
    """
    if (text is None) == (html is None):
        raise ValueError("give exactly one of text= or html=")
    # as ingest does: a lone UTF-16 surrogate ("\ud800") becomes U+FFFD, counted in meta
    content, replaced = replace_surrogates(text if text is not None else html or "")
    if title is not None:
        title, in_title = replace_surrogates(title)
        replaced += in_title
    raw = RawDocument(
        id=id,
        content=content,
        media_type=MediaType.TEXT if text is not None else MediaType.HTML,
        source="api",
        url=url,
        title=title,
        meta=((SURROGATES_NOTE, str(replaced)),) if replaced else (),
    )
    return _default_analyzer().analyze(raw)
