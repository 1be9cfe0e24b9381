"""Signal registry: built-ins and ``hoaxlens.signals`` entry-point plugins, one code path."""

from __future__ import annotations

import inspect
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from hoaxlens.errors import RegistryError
from hoaxlens.signals.base import Signal
from hoaxlens.signals.builtin import BUILTIN_SIGNALS

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

ENTRY_POINT_GROUP = "hoaxlens.signals"


def _check(cls: object) -> type[Signal]:
    if not (isinstance(cls, type) and issubclass(cls, Signal) and not inspect.isabstract(cls)):
        raise RegistryError(f"{cls!r} is not a concrete Signal subclass")
    if not getattr(cls, "id", "") or ".v" not in cls.id:
        raise RegistryError(f"{cls!r} needs an id of the form 'name.vN'")
    return cls


def available_signals() -> dict[str, type[Signal]]:
    """Return every known signal class by id, built-ins first.

    Raises:
        RegistryError: if a plugin is not a ``Signal`` or two classes share an id.

    >>> list(available_signals())[0]
    'homoglyphs.v1'
    """
    found: dict[str, type[Signal]] = {}
    plugins = [ep.load() for ep in entry_points(group=ENTRY_POINT_GROUP)]
    for candidate in (*BUILTIN_SIGNALS, *plugins):
        cls = _check(candidate)
        if cls.id in found and found[cls.id] is not cls:
            raise RegistryError(f"signal id {cls.id!r} is declared twice")
        found[cls.id] = cls
    return found


def build_signals(
    ids: Iterable[str], params: Mapping[str, Mapping[str, object]] | None = None
) -> tuple[Signal, ...]:
    """Instantiate and set up the signals named by ``ids``, in that order.

    Args:
        ids: signal ids such as ``"homoglyphs.v1"``.
        params: keyword arguments per signal id, from the config file.

    Returns:
        Ready-to-score signal instances.

    Raises:
        RegistryError: for an unknown id or bad parameters.
    """
    known = available_signals()
    params = params or {}
    signals = []
    for signal_id in ids:
        if signal_id not in known:
            raise RegistryError(
                f"unknown signal {signal_id!r}; `hoaxlens signals` lists the valid ids"
            )
        try:
            signal = known[signal_id](**params.get(signal_id, {}))
        except (TypeError, ValueError) as exc:
            raise RegistryError(f"bad parameters for signal {signal_id!r}: {exc}") from exc
        signal.setup()
        signals.append(signal)
    unused = set(params) - set(ids)
    if unused:
        raise RegistryError(f"parameters given for signals that are not enabled: {sorted(unused)}")
    return tuple(signals)
