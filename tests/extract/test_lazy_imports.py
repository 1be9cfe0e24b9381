"""A text post is extracted without loading the page machinery (issue 18: start-up).

The HTML route (``extract.page``: resiliparse, the anchor, pruning, metadata) and the
page-only furniture patterns (``extract.page_markers``) load on the first page; what a
text-only run imports is checked here in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys

PAGE_ONLY = {
    "hoaxlens.extract.page",
    "hoaxlens.extract.page_markers",
    "hoaxlens.extract.anchor",
    "hoaxlens.extract.metadata",
    "hoaxlens.extract.dom",
    "resiliparse",
    "trafilatura",
}
TEXT = "Star stuns fans\n\nIt was supposed to be an ordinary night.\nThen it happened."
PAGE = "<html><body><article><h1>Star stuns fans</h1><p>{}</p></article></body></html>".format(
    "It was supposed to be an ordinary night, and then it happened in front of everyone. " * 3
)


def _modules_after(content: str, media_type: str) -> set[str]:
    probe = (
        "import json, sys\n"
        "from hoaxlens.extract import extract_article\n"
        "from hoaxlens.types import MediaType, RawDocument\n"
        f"raw = RawDocument(id='x', content={content!r}, media_type=MediaType.{media_type},"
        " source='x')\n"
        "print(json.dumps({'body': extract_article(raw).body, 'modules': sorted(sys.modules)}))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    found = json.loads(out.splitlines()[-1])
    assert found["body"]
    return set(found["modules"])


def test_a_text_post_loads_no_page_machinery() -> None:
    assert not PAGE_ONLY & _modules_after(TEXT, "TEXT")


def test_a_page_loads_the_page_route() -> None:
    assert {"hoaxlens.extract.page", "hoaxlens.extract.anchor"} <= _modules_after(PAGE, "HTML")
