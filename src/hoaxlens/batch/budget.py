"""The per-document budget: no single document may cost more than ``Budget.seconds`` of CPU.

One mechanism, shared by ``hoaxlens scan``, Spark and the service, in two layers:

- **Soft limit**, in the process that analyses (its main thread): a CPU timer
  (``ITIMER_PROF``, process CPU time, so a busy machine does not time out a cheap
  document) raises :class:`AnalyzeTimeoutError` after ``seconds`` of CPU. It stops
  pure-Python loops and the regex engine (which checks for signals) where they are; the
  error row names the stage that was running and the function it was in. Should
  something swallow the exception, the timer fires again every few milliseconds, and the
  document is an ``analyze_timeout`` row whatever it returned.
- **Hard limit**, in the parent: native code that never checks for signals (the HTML
  parser) cannot be stopped from inside. Each worker posts the document it is on, with
  its CPU clock at the start, to a :class:`Board` in shared memory; the parent's
  :class:`Watchdog` kills (``SIGKILL``) a worker whose document has used ``seconds +
  grace`` of CPU, remembers which document that was, and the adapter gives that document
  the same ``analyze_timeout`` row (stage ``worker``) and replaces the worker.

``timeout_failure`` builds the row; its message names the setting that raises the budget.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from hoaxlens.errors import HoaxlensError
from hoaxlens.types import Failure, MediaType, RawDocument, Stage

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from multiprocessing.context import BaseContext
    from types import FrameType

logger = logging.getLogger(__name__)
_T = TypeVar("_T")
_R = TypeVar("_R")

DEFAULT_BUDGET_SECONDS = 5.0
DEFAULT_GRACE_SECONDS = 1.0
SETTING = "--budget SECONDS, or budget_seconds in the [batch] section of the config file"
REFIRE_SECONDS = 0.005  # after the first timeout, raise again this often until it stops
# One-time costs of a process (lazy imports, patterns built and compiled on first use) come to
# about 0.5-0.8 s of CPU: under a budget this small, analysis in the current process warms up
# first too, as every worker does, so that the first documents are not charged for them.
WARM_UP_BELOW_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Budget:
    """CPU seconds one document may cost; ``seconds == 0`` disables the limit.

    ``grace``: how much longer native code that ignores the soft limit may run before the
    parent kills its worker (the hard limit is ``seconds + grace``).
    """

    seconds: float = DEFAULT_BUDGET_SECONDS
    grace: float = DEFAULT_GRACE_SECONDS

    def __post_init__(self) -> None:
        if self.seconds < 0 or self.grace < 0:
            raise ValueError(f"a budget cannot be negative ({self.seconds}, {self.grace})")

    @property
    def enabled(self) -> bool:
        """Whether documents are limited at all."""
        return self.seconds > 0

    @property
    def hard_seconds(self) -> float:
        """CPU seconds after which the parent kills the worker."""
        return self.seconds + self.grace


NO_BUDGET = Budget(0.0, 0.0)


class AnalyzeTimeoutError(HoaxlensError):
    """A document used up its CPU budget; ``stage`` and ``where`` say what was running."""

    error_type = "analyze_timeout"

    def __init__(self, message: str, *, stage: Stage, where: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.where = where


def timeout_failure(
    item: RawDocument, budget: Budget, *, stage: Stage, where: str | None = None
) -> Failure:
    """The ``analyze_timeout`` error row of ``item``.

    >>> from hoaxlens.types import MediaType
    >>> raw = RawDocument(id="d", content="x", media_type=MediaType.TEXT, source="a.txt")
    >>> row = timeout_failure(raw, Budget(5), stage=Stage.EXTRACT, where="m.f")
    >>> row.error_type, row.stage.value
    ('analyze_timeout', 'extract')
    """
    if where is None:
        how = (
            f"native code did not stop at {budget.seconds:g} s, so its worker process was "
            f"killed at {budget.hard_seconds:g} s and replaced"
        )
    else:
        how = f"stopped in {where}"
    return Failure(
        doc_id=item.id,
        source=item.source,
        stage=stage,
        error_type=AnalyzeTimeoutError.error_type,
        message=(
            f"{item.source}: analysing this document took more than the per-document budget "
            f"of {budget.seconds:g} s of CPU ({how}); only this document was skipped. "
            f"To allow more, set {SETTING} (0 disables the limit)"
        ),
        url=item.url,
        title=item.title,
        meta=item.meta,
    )


# --- shared memory between a worker and the parent's watchdog ---------------------------

_PID, _TOKEN, _INDEX, _CPU, _WALL = range(5)
_FIELDS = 5


class Board:
    """One slot per worker process: its pid and the document it is analysing, if any.

    A slot holds ``pid, token, index, cpu_start, wall_start``; ``wall_start == 0`` means
    idle. ``token`` names the task (a chunk) and ``index`` the document's place in it, so
    the parent knows which document a killed worker was on. Passed to workers through the
    pool's ``initargs`` (shared memory, inherited at spawn).
    """

    def __init__(self, slots: int, context: BaseContext) -> None:
        self.slots = slots
        self._values: Any = context.RawArray("d", slots * _FIELDS)
        self._next: Any = context.Value("i", 0)

    def claim(self) -> int:
        """Take the next free slot (called once by each worker)."""
        with self._next.get_lock():
            slot = int(self._next.value)
            self._next.value += 1
        if slot >= self.slots:
            raise RuntimeError(f"more workers than the {self.slots} slots of the board")
        self._values[slot * _FIELDS + _PID] = os.getpid()
        return slot

    def post(self, slot: int, token: int, index: int) -> None:
        """Say that this worker starts document ``index`` of task ``token`` now."""
        base = slot * _FIELDS
        values = self._values
        values[base + _WALL] = 0.0
        values[base + _TOKEN] = token
        values[base + _INDEX] = index
        values[base + _CPU] = time.process_time()
        values[base + _WALL] = time.monotonic()  # written last: the slot is now valid

    def clear(self, slot: int) -> None:
        """Say that this worker is between documents."""
        self._values[slot * _FIELDS + _WALL] = 0.0

    def busy(self) -> Iterator[tuple[int, int, int, float, float]]:
        """``(pid, token, index, cpu_start, wall_start)`` of every worker on a document."""
        values = self._values
        for slot in range(self.slots):
            base = slot * _FIELDS
            wall = values[base + _WALL]
            if not wall:
                continue
            entry = (
                int(values[base + _PID]),
                int(values[base + _TOKEN]),
                int(values[base + _INDEX]),
                float(values[base + _CPU]),
            )
            if values[base + _WALL] == wall and entry[0]:  # not rewritten while read
                yield (*entry, wall)


def process_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by process ``pid``; None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:  # noqa: PTH123 - hot path, no Path
            fields = stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14, 15)


class Watchdog:
    """Kills a worker whose document passes the hard limit; remembers which one it was.

    One daemon thread polls the boards it watches every ``interval`` seconds. Where the
    CPU time of a process cannot be read (no ``/proc``), wall-clock time is used instead.
    """

    def __init__(self, budget: Budget, *, interval: float = 0.05) -> None:
        self.budget = budget
        self.interval = interval
        self._boards: dict[int, Board] = {}
        self._killed: set[tuple[int, int]] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def watch(self, board: Board) -> None:
        """Watch ``board`` too (start the thread on first use)."""
        with self._lock:
            self._boards[id(board)] = board
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="hoaxlens-budget-watchdog", daemon=True
                )
                self._thread.start()

    def forget(self, board: Board) -> None:
        """Stop watching ``board`` (its pool was shut down)."""
        with self._lock:
            self._boards.pop(id(board), None)

    def killed(self, token: int, index: int) -> bool:
        """Whether the watchdog killed the worker of document ``index`` of task ``token``."""
        with self._lock:
            return (token, index) in self._killed

    def killed_in(self, token: int) -> set[int]:
        """Indexes of the documents of task ``token`` whose worker the watchdog killed."""
        with self._lock:
            return {index for t, index in self._killed if t == token}

    def close(self) -> None:
        """Stop the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            with self._lock:
                boards = list(self._boards.values())
            for board in boards:
                for pid, token, index, cpu_start, wall_start in board.busy():
                    self._check(pid, token, index, cpu_start, wall_start)

    def _check(self, pid: int, token: int, index: int, cpu_start: float, wall: float) -> None:
        cpu = process_cpu_seconds(pid)
        used = (cpu - cpu_start) if cpu is not None else time.monotonic() - wall
        if used <= self.budget.hard_seconds:
            return
        with self._lock:
            if (token, index) in self._killed:
                return
            self._killed.add((token, index))
        logger.warning(
            "worker %d: document %d of task %d used %.1f s of CPU, over the budget; killing it",
            pid,
            index,
            token,
            used,
        )
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


# --- in the process that analyses -----------------------------------------------------


class _Guard:
    """This process's soft limit: the timer, the document it is on, what fired."""

    def __init__(self, budget: Budget, board: Board | None) -> None:
        self.budget = budget
        self.board = board
        self.slot = board.claim() if board is not None else -1
        self.active = False
        self.fired: AnalyzeTimeoutError | None = None
        self.token = 0
        self.index = -1

    def start(self) -> None:
        """Arm the timer for the next document (``self.index``)."""
        self.fired = None
        if self.board is not None:
            self.board.post(self.slot, self.token, self.index)
        self.active = True
        signal.setitimer(signal.ITIMER_PROF, self.budget.seconds)

    def timed_out(self) -> AnalyzeTimeoutError | None:
        """The first timeout of the current document, if the timer fired."""
        return self.fired


_GUARD: _Guard | None = None

_WARM_UP = (
    RawDocument("warm-up", "A short story.\n\nIt has two paragraphs.", MediaType.TEXT, "-"),
    RawDocument(
        "warm-up-html",
        "<html><head><title>A story</title></head><body><article><p>A short story, "
        "told in a page.</p><p>It has two paragraphs.</p></article></body></html>",
        MediaType.HTML,
        "-",
    ),
    # Obfuscated text: the normalizer compiles its lookalike, script and mark patterns on the
    # first line that needs them (about 0.2 s of CPU), which would otherwise be charged to the
    # first obfuscated document under the budget.
    RawDocument(
        "warm-up-obfuscated",
        "\u0397\u0435r \u0455t\u043er\u0443 m\u0430d\u0435 \uff46\uff41\uff4e\uff53 "
        "\u0441r\u0443 \U0001d42d\U0001d428\U0001d41d\U0001d41a\U0001d432. \u0405h"
        "\u0435 \u0455\u0430\u0456d: \u201cI l\u03bfve y\u03bfu\u201d, a\u0301\u0302 "
        "c\u0327a\u200bf\u00e9 \uabaatory \u2c9ff \u0251 \ua4d4\ua4e7\ua4f0 \u146fay."
        "\n\nShe \u0455m\u0456l\u0435d.",
        MediaType.TEXT,
        "-",
    ),
)


def warm_up(analyze: Callable[[RawDocument], object]) -> None:
    """Analyse three tiny documents (text, HTML, obfuscated text) before any budget applies.

    The first document a process analyses pays for lazy imports and caches (about half a
    second here); that is the worker's cost, not the document's. The signals' speed-ups
    for long runs (``signals.lexicon.build_speedups``) are built here too.
    """
    from hoaxlens.signals.lexicon import build_speedups

    for raw in _WARM_UP:
        analyze(raw)
    build_speedups()


def install(budget: Budget, board: Board | None = None) -> None:
    """Enforce ``budget`` on every :func:`within_budget` call of this process.

    Call it in the main thread (signal handlers run there): a pool initializer, or
    :func:`soft_limit` for analysis in the current process.
    """
    global _GUARD  # one guard per process, as there is one signal handler
    if not budget.enabled:
        _GUARD = None
        return
    signal.signal(signal.SIGPROF, _on_timer)
    _GUARD = _Guard(budget, board)


@contextlib.contextmanager
def soft_limit(budget: Budget) -> Iterator[bool]:
    """Apply the soft limit in this process for the ``with`` block; restore after.

    Yields whether it applies: only the main thread can receive the timer's signal.
    """
    global _GUARD
    if not budget.enabled or threading.current_thread() is not threading.main_thread():
        yield False
        return
    previous_handler = signal.getsignal(signal.SIGPROF)
    previous_guard = _GUARD
    install(budget)
    try:
        yield True
    finally:
        # no timer may outlive the block: a refire still armed under the default handler
        # would kill the process ("Profiling timer expired")
        signal.setitimer(signal.ITIMER_PROF, 0)
        _GUARD = previous_guard
        signal.signal(signal.SIGPROF, previous_handler)


def run_tagged(task: Callable[[_T], _R], token: int, items: _T) -> _R:
    """Run ``task(items)`` in a worker, its documents posted under ``token`` (a chunk id)."""
    guard = _GUARD
    if guard is not None:
        guard.token = token
        guard.index = -1
    return task(items)


def within_budget(
    analyze: Callable[[RawDocument | Failure], _R], item: RawDocument | Failure
) -> _R | Failure:
    """``analyze(item)`` under this process's budget; the timeout row when it runs out.

    Without an installed budget (or called within another ``within_budget``, or for an
    ingest error row, which costs nothing) this is ``analyze(item)``.
    """
    guard = _GUARD
    if guard is None or guard.active:
        return analyze(item)
    guard.index += 1
    if isinstance(item, Failure):
        return analyze(item)
    guard.start()
    result: _R | None = None
    try:
        try:
            result = analyze(item)
        finally:
            _disarm(guard)
    except AnalyzeTimeoutError:
        # the timer fired after ``analyze`` returned, before the ``finally`` disarmed it: the
        # handler re-armed it, so disarm it here (a refire would land in the next document)
        _disarm(guard)
    fired = guard.timed_out()
    if fired is not None:
        # The stopped analysis left young cyclic garbage (frames held by the traceback, the
        # big document's structures): collect the young generations now, outside any budget,
        # rather than in a collection that would land in, and be charged to, the next
        # document (a full collection would cost a large process tenths of a second).
        gc.collect(1)
        return timeout_failure(item, guard.budget, stage=fired.stage, where=fired.where)
    assert result is not None  # noqa: S101 - analyze returned, or the timer fired
    return result


def _disarm(guard: _Guard) -> None:
    """Stop the timer; a timeout that lands while stopping it is already recorded."""
    while True:
        try:
            guard.active = False  # from here on the handler does nothing
            signal.setitimer(signal.ITIMER_PROF, 0)
            if guard.board is not None:
                guard.board.clear(guard.slot)
        except AnalyzeTimeoutError:
            continue
        return


def _on_timer(signum: int, frame: FrameType | None) -> None:
    del signum
    guard = _GUARD
    if guard is None or not guard.active:
        return
    # A garbage-collector callback or finalizer may be running: an exception raised in it
    # would not stop the document, only be printed as "Exception ignored in ..." (an error
    # under pytest). Then record the timeout, name the document's own code, and come back in
    # a few milliseconds, when that code runs again.
    swallower = _swallowing(frame)
    own = frame if swallower is None else swallower.f_back
    if guard.fired is None:
        where = _where(own)
        guard.fired = AnalyzeTimeoutError(
            f"over the per-document budget of {guard.budget.seconds:g} s of CPU in {where}",
            stage=_stage_at(own),
            where=where,
        )
    signal.setitimer(signal.ITIMER_PROF, REFIRE_SECONDS)  # again, should this be swallowed
    if swallower is not None:
        return
    fired = guard.fired
    raise AnalyzeTimeoutError(str(fired), stage=fired.stage, where=fired.where)


def _swallowing(frame: FrameType | None) -> FrameType | None:
    """The outermost active frame that would swallow an exception raised at ``frame``.

    Python calls garbage-collector callbacks (``gc.callbacks``), ``__del__`` methods and
    ``weakref.finalize`` callbacks from inside whatever code happened to allocate; what they
    raise goes to ``sys.unraisablehook`` and is dropped. None when no such frame is active.
    """
    callbacks = {getattr(getattr(cb, "__func__", cb), "__code__", None) for cb in gc.callbacks}
    outermost = None
    while frame is not None:
        code = frame.f_code
        if (
            code in callbacks
            or code.co_name == "__del__"
            or (code.co_name == "__call__" and frame.f_globals.get("__name__") == "weakref")
        ):
            outermost = frame
        frame = frame.f_back
    return outermost


def _where(frame: FrameType | None) -> str:
    if frame is None:
        return "an unknown function"
    module = frame.f_globals.get("__name__", "?")
    return f"{module}.{frame.f_code.co_qualname}"


def _stage_at(frame: FrameType | None) -> Stage:
    """The pipeline stage a frame belongs to, from the analyzer's frames below it."""
    while frame is not None:
        if frame.f_globals.get("__name__") == "hoaxlens.analyzer":
            name = frame.f_code.co_name
            if name == "_stage":
                stage = frame.f_locals.get("stage")
                if isinstance(stage, Stage):
                    return stage
            if name == "_verdict":  # the verdict, and the people named in it
                return Stage.VERDICT
        frame = frame.f_back
    return Stage.WORKER
