"""Chunk tasks whose worker process dies for real (``os._exit``), for the crash tests.

They run in spawned worker processes, which import this module by name (the test
directory is on the workers' ``sys.path``, as it is on the parent's).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from hoaxlens.batch.worker import ChunkResult, run_chunk
from hoaxlens.types import RawDocument

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.types import Failure


def die_on_poison(items: Sequence[RawDocument | Failure]) -> ChunkResult:
    """Analyze ``items``, but kill this worker at once if one of them is poison."""
    if any(isinstance(i, RawDocument) and i.id.startswith("poison") for i in items):
        os._exit(137)  # as the out-of-memory killer would: no exception, no cleanup
    return run_chunk(items)


def die_once(items: Sequence[RawDocument | Failure]) -> ChunkResult:
    """Kill this worker the first time a 'flaky' document is seen (a marker file says)."""
    marker = Path(os.environ["HOAXLENS_TEST_CRASH_MARKER"])
    flaky = any(isinstance(i, RawDocument) and i.id.startswith("flaky") for i in items)
    if flaky and not marker.exists():
        marker.write_text("crashed once", encoding="utf-8")
        os._exit(137)
    return run_chunk(items)
