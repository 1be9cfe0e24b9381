"""Every command keeps the README's exit-status contract.

0 every record analysed; 1 a fatal error; 2 a usage error (a bad option, a missing
argument, an input path that does not exist); 3 the run finished but some records are
error rows.
"""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner

from hoaxlens.cli import EXIT_FATAL, EXIT_OK, EXIT_RECORD_ERRORS, EXIT_USAGE, cli, main

MISSING = "no-such-dir/posts.jsonl"  # a mistyped path, relative to the test's folder


@pytest.fixture
def runner():
    return CliRunner()


def test_exit_codes_are_the_readme_numbers():
    assert (EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_RECORD_ERRORS) == (0, 1, 2, 3)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["scan", MISSING], id="scan"),
        pytest.param(["scan", "--format", "jsonl", "-", MISSING], id="scan-stdin-and-missing"),
        pytest.param(["cluster", MISSING], id="cluster"),
        pytest.param(["report", MISSING, "-o", "report.html"], id="report"),
        pytest.param(["eval", MISSING], id="eval"),
        pytest.param(["train", MISSING, "-o", "model.json"], id="train"),
        pytest.param(["spark-scan", MISSING, "-o", "out"], id="spark-scan"),
    ],
)
def test_a_mistyped_input_path_is_a_usage_error(runner, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, args, input="some text")
    assert result.exit_code == EXIT_USAGE, result.output
    assert MISSING in result.stderr
    assert "does not exist" in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written


def test_scan_parquet_without_output_is_a_usage_error(runner, mixed_dir):
    result = runner.invoke(cli, ["scan", "--format", "parquet", str(mixed_dir)])
    assert result.exit_code == EXIT_USAGE
    assert "--format parquet needs -o/--output" in result.stderr
    assert result.stdout == ""


def test_scan_parquet_with_output_is_fine(runner, corpus_dir, tmp_path):
    out = tmp_path / "records.parquet"
    stories = corpus_dir / "stories"
    result = runner.invoke(cli, ["scan", "--format", "parquet", "-o", str(out), str(stories)])
    assert result.exit_code == EXIT_OK, result.output
    assert out.read_bytes().startswith(b"PAR1")


def _corpus_with_a_bad_line(make_tree, fabricated_text):
    good = json.dumps({"id": "ok", "text": fabricated_text})
    return make_tree({"posts.jsonl": good + "\n{not json\n"}) / "posts.jsonl"


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["scan", "--format", "jsonl"], id="scan"),
        pytest.param(["cluster"], id="cluster"),
        pytest.param(["report", "-o", "{tmp}/report.html"], id="report"),
    ],
)
def test_error_rows_exit_3_and_say_how_many(runner, make_tree, fabricated_text, tmp_path, command):
    path = _corpus_with_a_bad_line(make_tree, fabricated_text)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = runner.invoke(cli, [*args, str(path)])
    assert result.exit_code == EXIT_RECORD_ERRORS, result.output
    assert "1 of 2 records could not be analysed" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["scan", "--format", "jsonl"], id="scan"),
        pytest.param(["cluster"], id="cluster"),
        pytest.param(["report", "-o", "{tmp}/report.html"], id="report"),
    ],
)
def test_all_records_analysed_exit_0(runner, corpus_dir, tmp_path, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = runner.invoke(cli, [*args, str(corpus_dir / "stories")])
    assert result.exit_code == EXIT_OK, result.output
    assert "could not be analysed" not in result.stderr


def test_the_entry_point_exits_2_on_a_mistyped_path(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["hoaxlens", "scan", MISSING])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == EXIT_USAGE
    out, err = capsys.readouterr()
    assert "Error: Invalid value for 'PATHS...'" in err
    assert out == ""
