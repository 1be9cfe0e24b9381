"""Exception hierarchy: every error hoaxlens raises on purpose is a ``HoaxlensError``.

The failure policy: inside the pipeline every exception a stage raises, expected (a
``HoaxlensError``) or not (a bug), becomes a :class:`StageError` naming the stage, and
``Analyzer.analyze_one`` turns that into the document's ``Failure`` row; a batch never
dies on one document.
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


class StageError(HoaxlensError):
    """A pipeline stage failed on one document.

    ``stage`` is the ``Stage`` value (``"extract"``, ``"signals"``…), ``cause`` the
    exception the stage raised. ``error_type`` is the cause's own for a ``HoaxlensError``
    and ``internal:<ExceptionName>`` for anything else (a bug: the message says so).
    """

    def __init__(self, stage: str, cause: BaseException) -> None:
        if isinstance(cause, HoaxlensError):
            error_type, message = cause.error_type, str(cause)
        else:
            error_type = f"internal:{type(cause).__name__}"
            message = f"unexpected {type(cause).__name__}: {cause} (a bug; please report)"
        super().__init__(message)
        self.stage = stage
        self.cause = cause
        self.error_type = error_type
