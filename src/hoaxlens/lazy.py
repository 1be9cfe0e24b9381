"""A package's public names, imported from their modules on first use (PEP 562).

``hoaxlens`` and ``hoaxlens.cluster`` keep their heavy parts out of ``import`` (and so out of
``hoaxlens --help``) this way; ``from hoaxlens import analyze`` works as before.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, MutableMapping


def lazy_exports(
    package: str,
    where: Mapping[str, str],
    namespace: MutableMapping[str, Any],
    public: Iterable[str],
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``.

    ``where``: public name -> the module that defines it; ``namespace``: the package's
    ``globals()``, where a name is kept once imported; ``public``: its ``__all__``.

    >>> space = {}
    >>> getattr_, dir_ = lazy_exports("p", {"dumps": "json"}, space, ["dumps"])
    >>> getattr_("dumps")([1]), "dumps" in space, dir_()
    ('[1]', True, ['dumps'])
    """
    names = sorted(public)

    def get(name: str) -> Any:  # noqa: ANN401 - whatever the public name is
        """Import a public name's module on first use, then keep the name in the package."""
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def listing() -> list[str]:
        return sorted(set(namespace) | set(names))

    return get, listing
