"""Every command keeps the README's exit-status table (one parametrized test per command).

| 0 | every record was analysed (or the command did its work) |
| 1 | a fatal error: a bad config file, an unreadable model      |
| 2 | a usage error: a bad option, a mistyped input path         |
| 3 | the run finished, but some records are error rows          |
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hoaxlens.cli import EXIT_FATAL, EXIT_OK, EXIT_RECORD_ERRORS, EXIT_USAGE, cli
from hoaxlens.commands import all_commands

ROOT = Path(__file__).resolve().parents[2]
STORY = (
    "Marcy Vale quietly paid a stranger's debt at a diner. No cameras, no press. "
    "What she did next left everyone in tears. Nobody could believe it."
)
# {command: [(args, expected status)]}; "{good}", "{bad_line}", "{bad_config}", "{out}",
# "{missing}" are filled in per test. Cheap cases only: each command runs in process.
CASES: dict[str, list[tuple[list[str], int]]] = {
    "scan": [
        (["--format", "jsonl", "{good}"], EXIT_OK),
        (["--format", "jsonl", "{bad_line}"], EXIT_RECORD_ERRORS),
        (["--config", "{bad_config}", "{good}"], EXIT_FATAL),
        (["{missing}"], EXIT_USAGE),
        (["--format", "parquet", "{good}"], EXIT_USAGE),
        (["--no-such-option", "{good}"], EXIT_USAGE),
    ],
    "clean": [
        (["{good}"], EXIT_OK),
        (["{missing}"], EXIT_USAGE),
        (["--no-such-option"], EXIT_USAGE),
    ],
    "eval": [
        (["--config", "{bad_config}", "{good}"], EXIT_FATAL),
        (["{missing}"], EXIT_USAGE),
        (["--no-such-option", "{good}"], EXIT_USAGE),
    ],
    "train": [
        (["--config", "{bad_config}", "{good}", "-o", "{out}/m.json"], EXIT_FATAL),
        (["{missing}", "-o", "{out}/m.json"], EXIT_USAGE),
        (["{good}"], EXIT_USAGE),  # -o is required
    ],
    "cluster": [
        (["{good}"], EXIT_OK),
        (["{bad_line}"], EXIT_RECORD_ERRORS),
        (["--config", "{bad_config}", "{good}"], EXIT_FATAL),
        (["{missing}"], EXIT_USAGE),
        (["--no-such-option", "{good}"], EXIT_USAGE),
    ],
    "report": [
        (["{good}", "-o", "{out}/r.html"], EXIT_OK),
        (["{bad_line}", "-o", "{out}/r.html"], EXIT_RECORD_ERRORS),
        (["--config", "{bad_config}", "{good}", "-o", "{out}/r.html"], EXIT_FATAL),
        (["{missing}", "-o", "{out}/r.html"], EXIT_USAGE),
        (["/nonexistent", "-o", "{out}/r.html"], EXIT_USAGE),
        (["{good}"], EXIT_USAGE),  # -o is required
    ],
    "networks": [
        (["{good}"], EXIT_OK),
        (["{bad_line}"], EXIT_RECORD_ERRORS),
        (["--config", "{bad_config}", "{good}"], EXIT_FATAL),
        (["{missing}"], EXIT_USAGE),
        (["--format", "nonsense", "{good}"], EXIT_USAGE),
    ],
    "serve": [
        (["--config", "{bad_config}"], EXIT_FATAL),
        (["--port", "99999"], EXIT_USAGE),
    ],
    "spark-scan": [
        (["{missing}", "-o", "{out}/o"], EXIT_USAGE),
        (["{good}"], EXIT_USAGE),  # -o is required
    ],
    "users": [
        (["--store", "{out}/u.db", "add", "ana", "--role", "analyst"], EXIT_OK),
        (["--store", "{out}/u.db", "list"], EXIT_OK),
        (["--store", "{out}/u.db", "token", "nobody"], EXIT_FATAL),  # no such user
        (["--store", "{out}/u.db", "remove", "nobody"], EXIT_FATAL),
        (["--store", "{out}/u.db", "add", "ana", "--role", "root"], EXIT_USAGE),
        (["--store", "{out}/u.db", "add"], EXIT_USAGE),  # NAME is required
    ],
    "signals": [([], EXIT_OK), (["--no-such-option"], EXIT_USAGE)],
    "config": [
        (["show"], EXIT_OK),
        (["show", "--config", "{bad_config}"], EXIT_FATAL),
        (["nonsense"], EXIT_USAGE),
    ],
    "fetch": [
        (["{missing}", "-o", "{out}/c.warc.gz"], EXIT_USAGE),
        (["{good}"], EXIT_USAGE),  # -o is required
        (["--config", "{bad_config}", "{urls}", "-o", "{out}/c.warc.gz"], EXIT_FATAL),
        (["{empty_urls}", "-o", "{out}/c.warc.gz"], EXIT_OK),
    ],
}


def _params() -> list[object]:
    return [
        pytest.param(name, args, status, id=f"{name}-{i}-exit-{status}")
        for name, cases in CASES.items()
        for i, (args, status) in enumerate(cases)
    ]


def test_every_command_has_exit_status_cases():
    names = {c.name for c in all_commands()}
    assert names == set(CASES), "add the new command's exit-status cases to CASES"


def test_the_readme_table_lists_the_four_statuses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in (0, 1, 2, 3):
        assert re.search(rf"^\| {status} \|", readme, re.MULTILINE), status


@pytest.mark.parametrize(("name", "args", "status"), _params())
def test_command_exit_status(tmp_path, monkeypatch, name, args, status):
    monkeypatch.chdir(tmp_path)
    good = tmp_path / "story.txt"
    good.write_text(STORY, encoding="utf-8")
    bad_line = tmp_path / "posts.jsonl"
    bad_line.write_text('{"id": "a", "text": "' + STORY + '"}\n{not json\n', encoding="utf-8")
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("[ingest]\nno_such_setting = 1\n", encoding="utf-8")
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/a\n", encoding="utf-8")
    empty_urls = tmp_path / "none.txt"
    empty_urls.write_text("# no URLs yet\n", encoding="utf-8")
    values = {
        "good": good,
        "bad_line": bad_line,
        "bad_config": bad_config,
        "out": tmp_path,
        "missing": "no-such-dir/input.jsonl",
        "urls": urls,
        "empty_urls": empty_urls,
    }
    argv = [name, *(a.format(**values) for a in args)]
    result = CliRunner().invoke(cli, argv, input="")
    assert result.exit_code == status, (argv, result.output, result.exception)
