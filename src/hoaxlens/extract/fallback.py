"""The fallback path: trafilatura, for pages the fast path gets wrong."""

from __future__ import annotations

from hoaxlens.errors import ExtractError


def extract_with_trafilatura(html: str, *, url: str | None) -> str:
    """Story text of a page as trafilatura finds it ("" when it finds none).

    Raises:
        ExtractError: ``unparsable_html`` when trafilatura/lxml reject the markup.
    """
    # A core dependency, imported here so that text-only runs skip its import cost.
    import trafilatura
    from trafilatura.settings import Document as TrafilaturaDocument

    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
        )
    except (ValueError, TypeError, RecursionError) as exc:
        # trafilatura/lxml raise these on pathological markup; that is bad input, not a bug.
        raise ExtractError(
            f"HTML could not be parsed: {exc}", error_type="unparsable_html"
        ) from exc
    if not isinstance(found, TrafilaturaDocument):
        return ""
    return (found.text or "").strip()
