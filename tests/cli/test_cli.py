"""The command line, in process with click's CliRunner (plus the ``main`` entry point)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from hoaxlens.cli import EXIT_RECORD_ERRORS, cli, main
from hoaxlens.errors import ConfigError
from hoaxlens.output import CSV_FIELDS

BUILTIN_IDS = [
    "homoglyphs.v1",
    "story_grammar.v1",
    "unverifiable_attribution.v1",
    "emotional_language.v1",
    "clickbait_headline.v1",
    "teaser.v1",
    "alarm.v1",
    "sourcing.v1",
    "lexical.v1",
]
MIXED_RECORDS = 5  # .txt + .html + 3 JSONL lines
OBFUSCATED = "O\u043fe Step for Yo\u03c5, a\u043fd Derek da\u043fced"
RESTORED = "One Step for You, and Derek danced"


@pytest.fixture
def runner():
    return CliRunner()


def _jsonl(output: str):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--help"], "Find fabricated celebrity viral stories", id="group"),
        pytest.param(["scan", "--help"], "--format", id="scan"),
        pytest.param(["clean", "--help"], "--json", id="clean"),
        pytest.param(["signals", "--help"], "List the available signals", id="signals"),
        pytest.param(["eval", "--help"], "--where", id="eval"),
        pytest.param(["train", "--help"], "--output", id="train"),
        pytest.param(["config", "--help"], "show", id="config"),
        pytest.param(["config", "show", "--help"], "--config", id="config-show"),
        pytest.param(["scan", "-h"], "Usage:", id="short-help-option"),
    ],
)
def test_cli_help_for_every_command(runner, args, expected):
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert expected in result.output


@pytest.mark.parametrize("args", [pytest.param(["--version"], id="version")])
def test_cli_version_prints_package_version(runner, args):
    from hoaxlens import __version__

    result = runner.invoke(cli, args)
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["scan"], "Missing argument", id="scan-without-paths"),
        pytest.param(["scan", "--format", "xml", "x.txt"], "Invalid value", id="bad-format"),
        pytest.param(["scan", "--threshold", "1.5", "x.txt"], "Invalid value", id="bad-threshold"),
        pytest.param(["nonsense"], "No such command", id="unknown-command"),
    ],
)
def test_cli_usage_errors_exit_2(runner, args, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize("fmt", [pytest.param("jsonl", id="jsonl")])
def test_cli_scan_jsonl_one_line_per_document(runner, mixed_dir, fmt):
    result = runner.invoke(cli, ["scan", "--format", fmt, str(mixed_dir)])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert len(result.stdout.splitlines()) == MIXED_RECORDS
    assert [r["source"].rsplit("/", 1)[1] for r in records] == [
        "01_obfuscated_story.txt",
        "02_farm_page.html",
        "03_posts.jsonl#L1",
        "03_posts.jsonl#L2",
        "03_posts.jsonl#L3",
    ]
    assert all(r["error"] is None for r in records)
    assert [r["label"] for r in records] == [
        "fabricated",
        "fabricated",
        "fabricated",
        "genuine",
        "genuine",
    ]


@pytest.mark.parametrize("fmt", [pytest.param("csv", id="csv")])
def test_cli_scan_csv_header_and_one_row_per_document(runner, mixed_dir, fmt):
    result = runner.invoke(cli, ["scan", "--format", fmt, str(mixed_dir)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(CSV_FIELDS)
    assert len(rows) == 1 + MIXED_RECORDS
    by_name = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert by_name[0]["obfuscation_count"] == "48"
    assert [r["label"] for r in by_name] == [
        "fabricated",
        "fabricated",
        "fabricated",
        "genuine",
        "genuine",
    ]
    assert by_name[0]["top_reasons"]
    assert all(0.0 <= float(r["score"]) <= 1.0 for r in by_name)


@pytest.mark.parametrize(
    ("fmt", "words"),
    [pytest.param("table", ["label", "score", "fabricated", "genuine"], id="table")],
)
def test_cli_scan_table_shows_labels(runner, mixed_dir, fmt, words):
    result = runner.invoke(cli, ["scan", "--format", fmt, str(mixed_dir)])
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stdout
    assert "48 obfuscated" in result.stdout


@pytest.mark.parametrize(
    ("name", "first_line"),
    [
        pytest.param("out.jsonl", '{"id": ', id="jsonl-by-suffix"),
        pytest.param("out.csv", ",".join(CSV_FIELDS), id="csv-by-suffix"),
    ],
)
def test_cli_scan_output_file(runner, mixed_dir, tmp_path, name, first_line):
    out = tmp_path / name
    result = runner.invoke(cli, ["scan", str(mixed_dir), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(first_line)
    data_lines = lines[1:] if name.endswith(".csv") else lines
    assert len(data_lines) >= MIXED_RECORDS  # CSV text cells may span lines
    if name.endswith(".jsonl"):
        assert len(data_lines) == MIXED_RECORDS


@pytest.mark.parametrize(
    ("stdin", "label"),
    [pytest.param("fabricated", "fabricated", id="fabricated-story-on-stdin")],
)
def test_cli_scan_reads_stdin(runner, fabricated_text, stdin, label):
    result = runner.invoke(cli, ["scan", "--format", "jsonl", "-"], input=fabricated_text)
    assert result.exit_code == 0, result.output
    (record,) = _jsonl(result.stdout)
    assert (record["id"], record["source"], record["label"]) == ("stdin", "-", label)
    assert record["title"] == fabricated_text.splitlines()[0]


@pytest.mark.parametrize(
    ("files", "expected_exit", "errors"),
    [
        pytest.param({"a.txt": "A fine post about a concert."}, 0, [None], id="all-good-exit-0"),
        pytest.param(
            {"a.txt": "A fine post about a concert.", "b.txt": b"", "c.txt": "Another post."},
            EXIT_RECORD_ERRORS,
            [None, "empty_document", None],
            id="error-row-exit-3",
        ),
        pytest.param(
            {"a.jsonl": '{"text": "ok"}\n[1, 2]\n'},
            EXIT_RECORD_ERRORS,
            [None, "malformed_json"],
            id="bad-jsonl-line-exit-3",
        ),
    ],
)
def test_cli_scan_exit_code_reports_error_rows(runner, make_tree, files, expected_exit, errors):
    root = make_tree(files)
    result = runner.invoke(cli, ["scan", "--format", "jsonl", str(root)])
    assert result.exit_code == expected_exit, result.output
    records = _jsonl(result.stdout)
    assert [r["error"] and r["error"]["type"] for r in records] == errors
    if expected_exit:
        assert "could not be analysed" in result.stderr


def _check_clean_json(output: str, restored: str, originals: list[str]) -> None:
    data = json.loads(output)
    assert data["text"] == restored
    assert data["count"] == len(originals)
    assert [r["original"] for r in data["replacements"]] == originals
    for rep in data["replacements"]:
        assert restored[rep["start"] : rep["end"]] == rep["replacement"]


CLEAN_CASES = [
    pytest.param(OBFUSCATED, RESTORED, ["\u043f", "\u03c5", "\u043f", "\u043f"], id="pe-upsilon"),
]


@pytest.mark.parametrize(("text", "restored", "originals"), CLEAN_CASES)
def test_cli_clean_file_restores_text(runner, tmp_path, text, restored, originals):
    path = tmp_path / "post.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["clean", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == restored

    result = runner.invoke(cli, ["clean", "--json", str(path)])
    assert result.exit_code == 0, result.output
    _check_clean_json(result.stdout, restored, originals)


@pytest.mark.parametrize(("text", "restored", "originals"), CLEAN_CASES)
def test_cli_clean_stdin_in_a_real_process(text, restored, originals):
    command = [sys.executable, "-c", "from hoaxlens.cli import main; main()", "clean"]
    # The command is this interpreter running hoaxlens; nothing comes from outside.
    done = subprocess.run(command, input=text.encode(), capture_output=True, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == restored

    done = subprocess.run(  # noqa: S603
        [*command, "--json", "-"], input=text.encode(), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    _check_clean_json(done.stdout.decode(), restored, originals)


@pytest.mark.parametrize(("text", "restored", "originals"), CLEAN_CASES)
def test_cli_clean_stdin_with_clirunner(runner, text, restored, originals):
    result = runner.invoke(cli, ["clean"], input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == restored


@pytest.mark.parametrize(
    ("name", "expected"),
    [pytest.param("01_obfuscated_story.txt", "One Last Song For Daniel", id="file-argument")],
)
def test_cli_clean_reads_file(runner, mixed_dir, name, expected):
    result = runner.invoke(cli, ["clean", str(mixed_dir / name)])
    assert result.exit_code == 0, result.output
    assert expected in result.stdout
    assert "\u043f" not in result.stdout


@pytest.mark.parametrize("ids", [pytest.param(BUILTIN_IDS, id="builtins-in-order")])
def test_cli_signals_lists_builtin_ids(runner, ids):
    result = runner.invoke(cli, ["signals"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed[: len(ids)] == ids


@pytest.mark.parametrize(
    ("toml", "path", "value"),
    [
        pytest.param(None, ("ingest", "max_bytes"), 5_000_000, id="defaults"),
        pytest.param("[ingest]\nmax_bytes = 1234\n", ("ingest", "max_bytes"), 1234, id="from-file"),
        pytest.param(
            '[signals.params."homoglyphs.v1"]\nsaturation = 0.1\n',
            ("signals", "params"),
            {"homoglyphs.v1": {"saturation": 0.1}},
            id="signal-params",
        ),
    ],
)
def test_cli_config_show_prints_json(runner, tmp_path, toml, path, value):
    args = ["config", "show"]
    if toml is not None:
        config = tmp_path / "hoaxlens.toml"
        config.write_text(toml, encoding="utf-8")
        args += ["--config", str(config)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"normalize", "ingest", "verdict", "signals"} <= set(data)  # and newer sections
    assert data[path[0]][path[1]] == value


BAD_CONFIGS = [
    pytest.param("[ingest]\nmax_byts = 10\n", "max_byts", id="unknown-key"),
    pytest.param("[nonsense]\nx = 1\n", "nonsense", id="unknown-section"),
    pytest.param("[ingest]\nmax_bytes = 0\n", "max_bytes", id="out-of-range"),
    pytest.param("[ingest\n", "not valid TOML", id="bad-toml"),
]


@pytest.mark.parametrize(("toml", "mentions"), BAD_CONFIGS)
@pytest.mark.parametrize(
    "command",
    [pytest.param(["config", "show"], id="config-show"), pytest.param(["scan"], id="scan")],
)
def test_cli_bad_config_exits_1_with_message(runner, tmp_path, mixed_dir, toml, mentions, command):
    config = tmp_path / "bad.toml"
    config.write_text(toml, encoding="utf-8")
    args = [*command, "--config", str(config)]
    if command == ["scan"]:
        args.append(str(mixed_dir))
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert isinstance(result.exception, ConfigError)
    assert mentions in str(result.exception)


@pytest.mark.parametrize(("toml", "mentions"), BAD_CONFIGS[:1])
def test_cli_main_prints_config_error_and_exits_1(monkeypatch, capsys, tmp_path, toml, mentions):
    config = tmp_path / "bad.toml"
    config.write_text(toml, encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["hoaxlens", "config", "show", "--config", str(config)])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert mentions in err


@pytest.mark.parametrize(
    ("name", "message"),
    [pytest.param("missing.toml", "cannot read config", id="missing-config-file")],
)
def test_cli_missing_config_file_is_config_error(runner, tmp_path, name, message):
    result = runner.invoke(cli, ["config", "show", "--config", str(tmp_path / name)])
    assert result.exit_code == 1
    assert isinstance(result.exception, ConfigError)
    assert message in str(result.exception)


@pytest.mark.parametrize(
    ("threshold", "label"),
    [
        pytest.param("1.0", "uncertain", id="threshold-1-flags-nothing"),
        pytest.param("0.5", "fabricated", id="threshold-half"),
    ],
)
def test_cli_scan_threshold_option_moves_the_label(runner, corpus_dir, threshold, label):
    path = corpus_dir / "stories" / "fabricated.txt"
    result = runner.invoke(cli, ["scan", "--format", "jsonl", "--threshold", threshold, str(path)])
    assert result.exit_code == 0, result.output
    (record,) = _jsonl(result.stdout)
    assert record["label"] == label


EVAL_KEYS = {"auroc", "precision", "recall", "f1", "fpr", "tpr_at_1pct_fpr", "ece"}


@pytest.mark.parametrize("n", [pytest.param(6, id="six-of-each-label")])
def test_cli_eval_prints_json_metrics(runner, labeled_jsonl, n):
    path = labeled_jsonl(n)
    result = runner.invoke(cli, ["eval", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= EVAL_KEYS
    for key in EVAL_KEYS:
        assert set(report[key]) == {"value", "low", "high"}
    assert (report["n"], report["fabricated"], report["genuine"], report["errors"]) == (
        2 * n,
        n,
        n,
        0,
    )
    assert report["auroc"]["value"] == 1.0
    assert report["precision"]["value"] == 1.0
    assert report["recall"]["value"] == 1.0
    assert report["labels"] == {"fabricated": n, "genuine": n}


@pytest.mark.parametrize(
    ("options", "n", "groups", "auroc"),
    [
        pytest.param(["--by", "split"], 12, ["a", "b"], 1.0, id="by-split"),
        # Only fabricated items are left: AUROC is undefined and reported as null.
        pytest.param(["--where", "split=a"], 6, ["all"], None, id="where-split-a"),
    ],
)
def test_cli_eval_where_and_by(runner, labeled_jsonl, options, n, groups, auroc):
    args = ["eval", "--format", "json", str(labeled_jsonl(6)), *options]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == n
    assert report["auroc"]["value"] == auroc
    assert [g["group"] for g in report["groups"]] == groups


@pytest.mark.parametrize("fmt", [pytest.param("table", id="table")])
def test_cli_eval_table_names_metrics(runner, labeled_jsonl, fmt):
    result = runner.invoke(cli, ["eval", "--format", fmt, str(labeled_jsonl(6))])
    assert result.exit_code == 0, result.output
    for name in ("auroc", "precision", "recall", "ece"):
        assert name in result.stdout


@pytest.mark.parametrize(
    ("line", "message"),
    [pytest.param({"text": "a post", "label": "maybe"}, "label must be", id="bad-label")],
)
def test_cli_eval_rejects_bad_labels(runner, tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", "--format", "json", str(path)])
    assert result.exit_code == 1
    assert message in str(result.exception)


@pytest.mark.parametrize("signals", [pytest.param("", id="all-signals")])
def test_cli_train_writes_model_that_scan_can_use(runner, labeled_jsonl, tmp_path, signals):
    model = tmp_path / "model" / "verdict-test.json"
    result = runner.invoke(
        cli, ["train", str(labeled_jsonl(6)), "--output", str(model), "--signals", signals]
    )
    assert result.exit_code == 0, result.output
    assert model.exists()
    assert model.with_suffix(".md").exists()
    assert str(model) in result.stdout
    stored = json.loads(model.read_text(encoding="utf-8"))
    assert stored["signal_ids"] == BUILTIN_IDS

    result = runner.invoke(
        cli, ["scan", "--format", "jsonl", "--model", str(model), "-"], input="x"
    )
    assert result.exit_code == 0, result.output
    (record,) = _jsonl(result.stdout)
    assert record["model_version"] == stored["version"]
