r"""Writers never fail on a record: lone surrogates made writable.

A Python string can hold a lone UTF-16 surrogate (``"\ud800"``, from a JSON escape in the
input, or from bytes decoded with ``surrogateescape``); UTF-8 cannot encode it, so a JSONL,
CSV or Parquet writer would raise on that record and stop the batch. JSONL keeps it,
losslessly, as the JSON escape ``\ud800`` (valid JSON, read back as the same string);
CSV and Parquet, which must be valid UTF-8, get U+FFFD in its place.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"


def has_surrogates(text: str) -> bool:
    r"""Whether ``text`` holds a character UTF-8 cannot encode.

    >>> has_surrogates("caf\u00e9"), has_surrogates("x\ud800")
    (False, True)
    """
    return _SURROGATE.search(text) is not None


def escape_surrogates(json_text: str) -> str:
    r"""JSON text with each surrogate written as its ``\uXXXX`` escape (still valid JSON).

    >>> import json
    >>> escaped = escape_surrogates(json.dumps("x\ud800", ensure_ascii=False))
    >>> escaped, json.loads(escaped) == "x\ud800"
    ('"x\\ud800"', True)
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def replace_surrogates(text: str) -> str:
    """``text`` with U+FFFD for each surrogate."""
    return _SURROGATE.sub(REPLACEMENT_CHARACTER, text)


def scrub(value: Any) -> Any:  # noqa: ANN401 - a JSON value
    """A JSON value with every surrogate in its strings (and keys) replaced by U+FFFD."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value
