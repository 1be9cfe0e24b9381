"""Local batch adapter: parallel, ordered, incremental, resumable scans."""

from hoaxlens.batch.run import BatchOptions, BatchSummary, TooManyErrorsError, run_batch

__all__ = ["BatchOptions", "BatchSummary", "TooManyErrorsError", "run_batch"]
