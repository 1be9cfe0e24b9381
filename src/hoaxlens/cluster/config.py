"""``ClusterConfig``: the clustering parameters, importable without the clustering itself.

Every command's settings hold a ``[cluster]`` section (``hoaxlens.config``), so building
the defaults must not import the masking patterns and people (issue 18: start-up).
"""

from __future__ import annotations

from dataclasses import dataclass

from hoaxlens.cluster.lsh import BANDS, ROWS
from hoaxlens.cluster.shingles import SHINGLE_SIZE
from hoaxlens.cluster.signatures import NUM_PERM, SEED


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Clustering parameters; the Spark path must use the same values to agree.

    ``threshold`` is the estimated Jaccard similarity a bucket member needs to its bucket's
    smallest id to be joined. ``mask_slots=False`` shingles the raw text (the baseline the
    benchmark compares against).
    """

    shingle_size: int = SHINGLE_SIZE
    num_perm: int = NUM_PERM
    seed: int = SEED
    bands: int = BANDS
    rows: int = ROWS
    threshold: float = 0.5
    mask_slots: bool = True

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands x rows ({self.bands}x{self.rows}) exceeds num_perm")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold {self.threshold} outside (0, 1]")
        if self.shingle_size < 1:
            raise ValueError("shingle_size must be at least 1")


DEFAULT_CLUSTER_CONFIG = ClusterConfig()
