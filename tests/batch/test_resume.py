"""A resumable run killed with SIGKILL at random points ends with exactly one record per input.

Real processes, real kills: the CLI runs as a subprocess with two workers and is killed
with ``kill -9`` while it is writing, several times, each time at a random moment after a
random number of commits; the same command then resumes it. The finished output must be
byte for byte what one uninterrupted run writes.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from hoaxlens.batch.journal import JOURNAL
from hoaxlens.batch.synthetic import generate, write_html_jsonl, write_jsonl
from hoaxlens.cli import cli

# Real scan processes, killed and restarted: ~30 s for the module; `make check` skips it.
pytestmark = pytest.mark.slow

MAIN = "from hoaxlens.cli import main; main()"
KILLS = 4


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("resume")
    docs = list(generate(360, seed=5))
    write_jsonl(root / "a_posts.jsonl", docs[:300])
    with (root / "a_posts.jsonl").open("a", encoding="utf-8") as stream:
        stream.write("[1, 2]\n")  # an error row must survive restarts too
    write_html_jsonl(root / "b_pages.jsonl", docs[300:])
    return root


def _scan(args: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own CLI
        [sys.executable, "-c", MAIN, "scan", "-w", "2", "--chunk-size", "8", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **kwargs,
    )


def _commits(run_dir) -> int:
    try:
        return (run_dir / JOURNAL).read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _kill_at_random_point(proc: subprocess.Popen, run_dir, rng: random.Random) -> bool:
    """SIGKILL ``proc`` after a random number of commits plus a random delay.

    Returns False when the run finished before the kill point was reached.
    """
    # at most 8 commits on: four kills then land within the ~46 chunks even when a scan is
    # fast (with up to 12, a faster pipeline sometimes finished before the fourth kill)
    target = _commits(run_dir) + rng.randint(1, 8)
    deadline = time.monotonic() + 60
    while _commits(run_dir) < target and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(rng.uniform(0, 0.05))
    if proc.poll() is not None:
        proc.communicate(timeout=30)
        return False
    os.kill(proc.pid, signal.SIGKILL)  # the parent only, as `kill -9 PID` does
    proc.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # workers exit on their own; this is a backstop
    proc.communicate(timeout=30)
    return True


def _run_with_kills(args: list[str], run_dir, seed: int) -> int:
    rng = random.Random(seed)  # noqa: S311 - kill points, not security
    kills = 0
    while kills < KILLS:
        proc = _scan([*args, "--resume", str(run_dir)])
        if not _kill_at_random_point(proc, run_dir, rng):
            break
        kills += 1
    final = _scan([*args, "--resume", str(run_dir)])
    _, err = final.communicate(timeout=120)
    assert final.returncode == 3, err.decode()  # 3: finished, with the one error row
    return kills


def _reference(inputs, out) -> bytes:
    """One uninterrupted run (in-process: the batch tests show it equals the workers' output)."""
    result = CliRunner().invoke(cli, ["scan", "-w", "1", str(inputs), "-o", str(out)])
    assert result.exit_code == 3, result.output
    return out.read_bytes()


def test_jsonl_run_killed_four_times_equals_an_uninterrupted_run(inputs, tmp_path):
    reference = _reference(inputs, tmp_path / "reference.jsonl")
    run_dir = tmp_path / "run"
    kills = _run_with_kills([str(inputs)], run_dir, seed=int(time.time()))
    assert kills == KILLS  # every kill landed before the end
    resumed = (run_dir / "output.jsonl").read_bytes()
    assert resumed == reference
    ids = [json.loads(line)["id"] for line in resumed.splitlines()]
    assert len(ids) == len(set(ids)) == 361
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["records"] == 361
    assert summary["errors"] == 1


def test_parquet_run_killed_twice_equals_an_uninterrupted_run(inputs, tmp_path):
    reference = tmp_path / "reference.parquet"
    _reference(inputs, reference)
    run_dir = tmp_path / "run"
    out = tmp_path / "resumed.parquet"
    rng = random.Random()  # noqa: S311
    for _ in range(2):
        _kill_at_random_point(
            _scan([str(inputs), "-o", str(out), "--resume", str(run_dir)]), run_dir, rng
        )
    final = _scan([str(inputs), "-o", str(out), "--resume", str(run_dir)])
    final.communicate(timeout=120)
    assert final.returncode == 3
    assert pq.read_table(out).to_pylist() == pq.read_table(reference).to_pylist()
    assert not (run_dir / "parts").exists()


def test_resume_refuses_changed_inputs(inputs, tmp_path):
    run_dir = tmp_path / "run"
    first = CliRunner().invoke(
        cli, ["scan", "-w", "1", str(inputs / "b_pages.jsonl"), "--resume", str(run_dir)]
    )
    assert first.exit_code == 0, first.output
    changed = CliRunner().invoke(
        cli, ["scan", str(inputs / "a_posts.jsonl"), "--resume", str(run_dir)]
    )
    assert changed.exit_code != 0
    assert "holds a run with different inputs, paths" in str(changed.exception)


def test_resume_of_a_finished_run_writes_nothing_more(inputs, tmp_path):
    run_dir = tmp_path / "run"
    args = ["scan", "-w", "1", str(inputs / "b_pages.jsonl"), "--resume", str(run_dir)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    before = (run_dir / "output.jsonl").read_bytes()
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0
    assert "already complete (60 records)" in again.stderr
    assert (run_dir / "output.jsonl").read_bytes() == before
    assert len(before.splitlines()) == 60
