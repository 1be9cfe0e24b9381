"""Spark adapter (extra ``spark``): the per-document pipeline and clustering on a cluster.

The only package that imports pyspark. ``partitions`` holds the plain-Python functions
executors run (one ``Analyzer`` per partition, the cluster module's pure functions);
``scan`` and ``cluster`` wire them into DataFrame jobs.
"""
