"""A test-only slow signal, for the per-document budget tests.

``SlowSignal`` wraps one of the analyzer's real signals: it scores as that signal does,
except on a document whose id says so, where it burns CPU for a minute: ``slow-*`` in
pure Python (the soft limit stops it), ``stuck-*`` in native code that never checks for
signals (``hashlib.pbkdf2_hmac``, a stand-in for a stuck HTML parser: only the parent's
watchdog can stop it). It goes where signals go, in the analyzer's pipeline, so the
budget meets it in the ``signals`` stage, as it would meet a slow plugin.

The tasks run in spawned worker processes, which import this module by name (``tests/``
is on their ``sys.path`` as on the parent's). ``run_slow_chunk`` is a batch chunk task,
``analyse_slowly`` a service lane task.
"""

from __future__ import annotations

import hashlib
import time
from typing import TYPE_CHECKING

from hoaxlens.batch.worker import _STATE, ChunkResult, analyze_chunk
from hoaxlens.signals import Signal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.analyzer import Analyzer
    from hoaxlens.service.pool import Analysed
    from hoaxlens.types import Document, Failure, RawDocument, SignalResult

MINUTE = 60.0


def spin_in_python(seconds: float) -> int:
    """Burn ``seconds`` of CPU in a pure-Python loop."""
    end = time.process_time() + seconds
    n = 0
    while time.process_time() < end:
        n += 1
    return n


def spin_in_native_code() -> bytes:
    """Burn about a minute of CPU in C, never returning to the interpreter meanwhile."""
    return hashlib.pbkdf2_hmac("sha256", b"hoaxlens", b"budget", 150_000_000)


class SlowSignal(Signal):
    """Scores as ``inner``; slow on documents whose id starts with 'slow' or 'stuck'."""

    summary = "test only: a signal that is slow on chosen documents"

    def __init__(self, inner: Signal) -> None:
        self.inner = inner
        self.id = inner.id  # type: ignore[misc] - takes the place of the wrapped signal

    def score(self, doc: Document) -> SignalResult:
        if doc.id.startswith("slow"):
            spin_in_python(MINUTE)
        elif doc.id.startswith("stuck"):
            spin_in_native_code()
        return self.inner.score(doc)


def make_slow(analyzer: Analyzer) -> Analyzer:
    """Put ``SlowSignal`` in place of the analyzer's first signal (once)."""
    signals = analyzer.pipeline.signals
    if not isinstance(signals[0], SlowSignal):
        analyzer.pipeline.signals = (SlowSignal(signals[0]), *signals[1:])
    return analyzer


def run_slow_chunk(items: Sequence[RawDocument | Failure]) -> ChunkResult:
    """``run_chunk`` with the slow signal in this worker's analyzer."""
    return analyze_chunk(make_slow(_STATE["analyzer"]), items, _STATE["format"])


def analyse_slowly(item: RawDocument) -> Analysed:
    """The service's ``analyse_in_lane`` with the slow signal in this worker's analyzer."""
    from hoaxlens.service.pool import _LANE, analyse

    return analyse(make_slow(_STATE["analyzer"]), _LANE["cluster"], item)


# A story this long costs several times the budgets the tests give it (0.6 s of CPU for the
# text, 0.76 s as HTML, at 89b5d62) and stays under the 5 MB per-record limit (2.9 MB): the
# pipeline outgrew 150,000 words (0.23 s once the signals' one-pass matchers came in).
BIG_WORDS = 450_000


def big_story(words: int = BIG_WORDS) -> str:
    """A real story repeated to about ``words`` words: slow by size, not by a trick."""
    from hoaxlens.batch.synthetic import generate

    text = next(iter(generate(1, seed=5))).text
    out, n, k = [], 0, 0
    while n < words:
        out.append(f"{text} (part {k})")
        n += len(text.split())
        k += 1
    return "\n".join(out)
