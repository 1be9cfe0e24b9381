"""CSV cells a spreadsheet will not run (CSV injection, OWASP).

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula; text that came from an upload or a web page is written with a leading
apostrophe instead, which spreadsheets show as plain text. Every CSV the service writes
(a batch job's results, a campaign export) passes its free-text cells through
:func:`inert_cell`.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: str | None) -> str:
    """``value`` as a CSV cell no spreadsheet runs as a formula.

    >>> print(inert_cell('=HYPERLINK("http://x.example","click")'))
    '=HYPERLINK("http://x.example","click")
    >>> inert_cell("Dolly Parton"), inert_cell(None)
    ('Dolly Parton', '')
    """
    text = value or ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
