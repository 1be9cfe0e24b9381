"""One name, one meaning: the options shared by several commands, and the command list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hoaxlens.cli import EXIT_FATAL, EXIT_OK, cli

CAMPAIGNS = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "campaigns.jsonl"
README_COMMANDS = [
    "scan",
    "fetch",
    "clean",
    "eval",
    "train",
    "cluster",
    "networks",
    "report",
    "serve",
    "users",
    "spark-scan",
    "signals",
    "config",
]


@pytest.fixture
def runner():
    return CliRunner()


def _sizes(output: str) -> list[int]:
    return sorted(json.loads(line)["cluster_size"] or 1 for line in output.splitlines())


def test_help_lists_every_command_of_the_readme(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == EXIT_OK
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line]
    assert sorted(listed) == sorted(README_COMMANDS)


@pytest.mark.parametrize("command", ["scan", "report", "eval", "spark-scan"])
def test_threshold_is_the_fabricated_cutoff_everywhere(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == EXIT_OK
    words = " ".join(result.output.split())
    assert "--threshold FLOAT RANGE Score at or above which a story is labelled fabricated" in words


@pytest.mark.parametrize("command", ["cluster", "spark-scan"])
def test_jaccard_similarity_is_cluster_threshold_everywhere(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert "--cluster-threshold" in result.output
    assert "Jaccard" in result.output


def test_cluster_help_no_longer_offers_threshold(runner):
    result = runner.invoke(cli, ["cluster", "--help"])
    assert "--threshold " not in result.output
    assert "--threshold\n" not in result.output


@pytest.mark.parametrize(
    ("threshold", "sizes"),
    [
        pytest.param("0.5", [1] * 4 + [3] * 6 + [4] * 4, id="default-like"),
        pytest.param("1.0", [1] * 7 + [2] * 4 + [3] * 3, id="only-identical"),
    ],
)
def test_cluster_threshold_changes_the_templates(runner, threshold, sizes):
    result = runner.invoke(cli, ["cluster", "--cluster-threshold", threshold, str(CAMPAIGNS)])
    assert result.exit_code == EXIT_OK, result.output
    assert _sizes(result.stdout) == sizes
    assert "deprecated" not in result.stderr


def test_old_cluster_threshold_still_works_and_warns(runner):
    new = runner.invoke(cli, ["cluster", "--cluster-threshold", "1.0", str(CAMPAIGNS)])
    old = runner.invoke(cli, ["cluster", "--threshold", "1.0", str(CAMPAIGNS)])
    assert old.exit_code == EXIT_OK, old.output
    assert old.stdout == new.stdout
    assert "warning: 'hoaxlens cluster --threshold' is deprecated" in old.stderr
    assert "--cluster-threshold" in old.stderr


def test_cluster_model_option_reads_the_model(runner, tmp_path):
    result = runner.invoke(cli, ["cluster", "--model", str(tmp_path / "none.json"), str(CAMPAIGNS)])
    assert result.exit_code == EXIT_FATAL
    assert "none.json" in str(result.exception)


def test_eval_takes_config_like_scan(runner, tmp_path, labeled_jsonl):
    config = tmp_path / "bad.toml"
    config.write_text("[ingest]\nmax_byts = 10\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", "--config", str(config), str(labeled_jsonl(6))])
    assert result.exit_code == EXIT_FATAL
    assert "max_byts" in str(result.exception)


@pytest.mark.parametrize(
    "command",
    ["scan", "cluster", "report", "eval", "train", "serve", "spark-scan", "config show"],
)
def test_every_command_that_analyses_takes_config(runner, command):
    result = runner.invoke(cli, [*command.split(), "--help"])
    assert "--config FILE" in result.output


def test_train_reads_its_config_before_training(runner, tmp_path, labeled_jsonl):
    config = tmp_path / "bad.toml"
    config.write_text("[normalize]\nfold_confusabels = true\n", encoding="utf-8")
    model = tmp_path / "model.json"
    args = ["train", str(labeled_jsonl(6)), "-o", str(model), "--config", str(config)]
    result = runner.invoke(cli, args)
    assert result.exit_code == EXIT_FATAL
    assert "fold_confusabels" in str(result.exception)
    assert not model.exists()
