"""Load a script or bench file (not a package module) as a module, for the tests that check it.

Registered in ``sys.modules`` under its name: dataclasses look their module up while building.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType


def load_script(path: Path, name: str | None = None) -> ModuleType:
    """The module in ``path`` (named ``name``, else the file's stem), executed once more."""
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
