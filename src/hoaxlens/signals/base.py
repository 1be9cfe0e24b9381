"""The one extension point for detectors: the ``Signal`` base class."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.types import Document, SignalResult

MAX_EVIDENCE = 25  # evidence spans per signal; enough to review, bounded for large pages


class Signal(ABC):
    """One explainable detector: ``Document`` in, ``SignalResult`` out.

    Subclasses set ``id``, ``summary``, ``name`` and ``direction`` and implement ``score``.
    Constructor parameters must be keyword-only with defaults, so that a signal can be built
    from the ``[signals.params."<id>"]`` table of the config file.

    ``direction`` says which label the signal's evidence argues for: ``"fabricated"`` (its
    score measures how much of a farm tell the text carries; the model's weight is kept
    >= 0) or ``"genuine"`` (its score measures checkable sourcing; the weight is kept <= 0).
    So every contribution points the way its evidence does, and a ``genuine`` label can
    show the spans that earned it.
    """

    id: ClassVar[str]  # "<name>.v<N>": bump N whenever score semantics change
    summary: ClassVar[str]  # one line, shown by `hoaxlens signals` and beside each reason
    name: ClassVar[str] = ""  # plain words for reviewers, e.g. "Lookalike letters"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "fabricated"

    trainable: ClassVar[bool] = False  # True: ``fit`` learns the constructor parameters
    # False for slow or optional-extra signals: `hoaxlens train` uses them only when named
    default_enabled: ClassVar[bool] = True

    @classmethod
    def fit(
        cls, docs: Sequence[Document], labels: Sequence[int], weights: Sequence[float], seed: int
    ) -> dict[str, object]:
        """Learn this signal's parameters from labelled documents (``trainable`` signals).

        ``hoaxlens train`` calls it on training folds, so that the verdict model learns
        from out-of-fold scores; the returned keyword arguments are stored in the model file.

        Raises:
            NotImplementedError: for signals that are not trainable.
        """
        raise NotImplementedError(f"{cls.__name__} has no trainable parameters")

    def setup(self) -> None:  # noqa: B027 - optional hook, deliberately a no-op
        """Load lexicons or models; called once per process before ``score``."""

    @abstractmethod
    def score(self, doc: Document) -> SignalResult:
        """Score one document. Must be pure: no I/O, no global state."""
