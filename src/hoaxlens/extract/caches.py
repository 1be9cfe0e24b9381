"""The extractor's memoised pure functions, and a way to empty them.

Line tests (``markers``) and link-path tests (``metadata``) are memoised because page
furniture repeats: a site's menus, footers, banners and rails recur on every page of a
crawl, and each page's lines are tested twice (as DOM blocks and as extracted lines).
Benchmarks call ``clear_caches`` before each page so that speed is measured cold.
"""

from __future__ import annotations

from hoaxlens.extract import markers, metadata


def clear_caches() -> None:
    """Empty every memo the extractor keeps (results do not change, only speed)."""
    markers.clear_caches()
    metadata.clear_caches()
