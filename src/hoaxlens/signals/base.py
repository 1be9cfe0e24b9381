"""The one extension point for detectors: the ``Signal`` base class."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from hoaxlens.types import Document, SignalResult

MAX_EVIDENCE = 25  # evidence spans per signal; enough to review, bounded for large pages


class Signal(ABC):
    """One explainable detector: ``Document`` in, ``SignalResult`` out.

    Subclasses set ``id`` and ``summary`` and implement ``score``. Constructor parameters
    must be keyword-only with defaults, so that a signal can be built from the
    ``[signals.params."<id>"]`` table of the config file.
    """

    id: ClassVar[str]  # "<name>.v<N>": bump N whenever score semantics change
    summary: ClassVar[str]  # one line, shown by `hoaxlens signals`

    def setup(self) -> None:  # noqa: B027 - optional hook, deliberately a no-op
        """Load lexicons or models; called once per process before ``score``."""

    @abstractmethod
    def score(self, doc: Document) -> SignalResult:
        """Score one document. Must be pure: no I/O, no global state."""
