"""Exception hierarchy: every error hoaxlens raises on purpose is a ``HoaxlensError``.

``Analyzer.analyze_many`` turns these into ``Failure`` rows naming the stage; anything
else is a bug and propagates.
"""

from __future__ import annotations


class HoaxlensError(Exception):
    """Base class for errors hoaxlens raises deliberately."""

    error_type = "HoaxlensError"


class ConfigError(HoaxlensError):
    """A configuration file or option is invalid."""

    error_type = "ConfigError"


class IngestError(HoaxlensError):
    """An input could not be read or decoded.

    ``error_type`` is a short machine-readable reason such as ``invalid_utf8``.
    """

    def __init__(self, message: str, *, error_type: str = "IngestError") -> None:
        super().__init__(message)
        self.error_type = error_type


class ExtractError(HoaxlensError):
    """No story could be extracted from a document."""

    def __init__(self, message: str, *, error_type: str = "ExtractError") -> None:
        super().__init__(message)
        self.error_type = error_type


class RegistryError(HoaxlensError):
    """A signal is unknown, declared twice, or not a ``Signal``."""

    error_type = "RegistryError"


class ModelError(HoaxlensError):
    """A verdict model artifact is missing, malformed, or does not match the signals."""

    error_type = "ModelError"


class MissingExtraError(HoaxlensError):
    """An optional dependency is not installed; the message names the extra."""

    error_type = "MissingExtraError"
