"""A SparkSession for hoaxlens jobs: workers run this interpreter; no UI, no network."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from hoaxlens.errors import MissingExtraError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def make_session(master: str = "local[*]", *, app_name: str = "hoaxlens") -> SparkSession:
    """Get or create a session for ``master`` (``local[N]``, ``spark://…``, ``yarn``).

    Python workers run the interpreter of this process (so they see the same hoaxlens),
    Arrow is on, and the web UI is off.

    Raises:
        MissingExtraError: when pyspark is not installed (``pip install hoaxlens[spark]``).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise MissingExtraError(
            "spark-scan needs pyspark and Java 17: pip install 'hoaxlens[spark]'"
        ) from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.python.worker.reuse", "true")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
