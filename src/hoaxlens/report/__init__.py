"""The HTML report of a corpus: who is targeted, by which templates and domains.

The corpus itself (story items, clusters, campaigns) comes from :mod:`hoaxlens.corpus`.
"""
