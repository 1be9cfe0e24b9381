"""``component_roots`` finds each row's smallest component row in near-linear time.

At 8e4a339 it propagated the smallest label from row to row, one pointer jump per round:
a path whose ids come in the order 0, n-1, n-2, ..., 1 (a sliding-window chain of
near-duplicates numbered against its order) took a round per link, 12.7 s for 32,000 rows
and about four times that per doubling (``assign_clusters`` on such a chain: 15 s at
40,000 documents). Roots are now hooked onto smaller roots with full pointer jumping. The
scale case runs in a child process with a limit on its CPU time (``tests/cpuchild.py``);
the others check the result against a plain union-find on small graphs.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpuchild import child_cpu, run_child
from hoaxlens.cluster.fastlsh import component_roots

CPU_SECONDS = 10.0  # the adversarial path of 64,000 rows: ~0.01 s now, ~50 s at 8e4a339

_CHILD = """
import sys, time
import numpy as np
from hoaxlens.cluster.fastlsh import component_roots
n = int(sys.argv[1])
path = np.array([0, *range(n - 1, 0, -1)], dtype=np.int64)
head, member = np.minimum(path[:-1], path[1:]), np.maximum(path[:-1], path[1:])
started = time.process_time()
roots = component_roots(n, head, member)
cpu = time.process_time() - started
assert (roots == 0).all()
print(cpu)
"""


def _reference(n: int, edges: list[tuple[int, int]]) -> list[int]:
    """The smallest row of each row's component, by a plain union-find."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(x) for x in range(n)]


def _roots(n: int, edges: list[tuple[int, int]]) -> list[int]:
    head = np.array([a for a, _ in edges], dtype=np.int64)
    member = np.array([b for _, b in edges], dtype=np.int64)
    roots = component_roots(n, head, member)
    assert roots.dtype == np.int64
    return [int(r) for r in roots]


@pytest.mark.slow
def test_a_path_in_adversarial_id_order_is_linear() -> None:
    output = run_child(_CHILD, "64000", wall_seconds=240.0, what="component_roots")
    cpu = child_cpu(output)
    assert cpu < CPU_SECONDS, f"component_roots took {cpu:.1f} s of CPU on a 64,000-row path"


@st.composite
def _graphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(0, 40))
    if n == 0:
        return 0, []
    row = st.integers(0, n - 1)
    return n, draw(st.lists(st.tuples(row, row), max_size=3 * n))


@given(_graphs())
def test_roots_equal_a_union_find_on_random_graphs(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    n, edges = graph
    assert _roots(n, edges) == _reference(n, edges)


@pytest.mark.parametrize("order", ["reversed", "shuffled", "zigzag"])
@pytest.mark.parametrize("seed", range(4))
def test_roots_equal_a_union_find_on_chains_in_any_order(order: str, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - test data, not cryptography
    n = 500 + 37 * seed
    if order == "reversed":
        path = [0, *range(n - 1, 0, -1)]
    elif order == "shuffled":
        path = rng.sample(range(n), n)
    else:  # alternate ends: 0, n-1, 1, n-2, ...
        path = [i // 2 if i % 2 == 0 else n - 1 - i // 2 for i in range(n)]
    cut = set(rng.sample(range(n - 1), seed))  # a few chains, not one
    edges = [(path[i], path[i + 1]) for i in range(n - 1) if i not in cut]
    if seed % 2:
        edges = [(max(a, b), min(a, b)) for a, b in edges]  # either side may be the head
    rng.shuffle(edges)
    assert _roots(n, edges) == _reference(n, edges)


def test_rows_without_edges_are_their_own_roots() -> None:
    assert _roots(0, []) == []
    assert _roots(3, []) == [0, 1, 2]
    assert _roots(4, [(3, 3), (2, 1)]) == [0, 1, 1, 3]
