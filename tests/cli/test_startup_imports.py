"""The CLI starts light: ``--help`` and a one-file ``scan`` load no NumPy and, for ``--help``,
no pipeline (issue 18: start-up within 1.2x / 2.0x of ``trafilatura --help``; the times
themselves are measured in ``bench/pipeline.py``, this checks what is imported)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from hoaxlens.cli import cli
from hoaxlens.cluster.paraphrase import DEFAULT_PARAPHRASE_THRESHOLD
from hoaxlens.commands import _options


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_paraphrase_threshold_default_is_the_cluster_modules():
    assert _options.DEFAULT_PARAPHRASE_THRESHOLD == DEFAULT_PARAPHRASE_THRESHOLD


def test_help_loads_no_pipeline_and_no_numpy():
    modules = _modules_after(
        "import sys\nfrom hoaxlens.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    loaded = {"numpy", "hoaxlens.analyzer", "hoaxlens.scope", "lingua", "pydantic", "httpx"}
    assert not loaded & modules


@pytest.mark.slow
def test_scanning_one_text_file_loads_no_numpy(tmp_path):
    story = tmp_path / "one.txt"
    story.write_text("A short note about nothing in particular.", encoding="utf-8")
    modules = _modules_after(
        "from hoaxlens.cli import cli\n"
        f"try:\n    cli.main(['scan', {str(story)!r}], standalone_mode=False)\n"
        "except SystemExit:\n    pass"
    )
    assert "numpy" not in modules
    # no config file: the defaults are plain dataclasses, pydantic validates files only
    assert "pydantic" not in modules
    # nothing to fetch, no terminal: neither the fetcher (httpx) nor the table (rich) loads
    assert not {"httpx", "hoaxlens.fetch", "rich.console", "hoaxlens.output.table"} & modules
    # the scan command's module alone, and no TOML reader without a config file
    assert "hoaxlens.commands.scan" in modules
    assert not {"hoaxlens.commands.serve", "hoaxlens.commands.train", "tomllib"} & modules
    # the [cluster] defaults are read, the masking (its patterns, people's lists) is not
    assert "hoaxlens.cluster.config" in modules
    assert "hoaxlens.cluster.masking" not in modules


def test_a_mistyped_command_is_still_told_the_nearest_one():
    # a new interpreter: no command is loaded yet when the name is looked up
    probe = "import sys\nfrom hoaxlens.cli import main\nsys.exit(main())"
    done = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", probe, "scna"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "No such command 'scna'. Did you mean 'scan'?" in done.stderr


def test_a_bad_allowed_network_is_refused_without_urls_too(tmp_path):
    story = tmp_path / "one.txt"
    story.write_text("A short note about nothing in particular.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", str(story), "--allow-network", "10.0.0.0/33"])
    assert result.exit_code == 2, result.output
    assert "--allow-network" in result.output


def test_public_names_still_import_from_the_package():
    import hoaxlens

    assert callable(hoaxlens.analyze)
    assert hoaxlens.Analyzer.__name__ == "Analyzer"
    assert set(hoaxlens.__all__) <= set(dir(hoaxlens))
    with pytest.raises(AttributeError):
        _ = hoaxlens.no_such_name  # type: ignore[attr-defined]


def test_public_cluster_names_still_import_from_the_package():
    modules = _modules_after(
        "import hoaxlens.cluster as c\n"
        "from hoaxlens.cluster import *\n"
        "assert c.shingles('one two three four five six') == "
        "frozenset({'one two three four five', 'two three four five six'})\n"
        "assert c.mask('Kim Kardashian cried.').text != 'Kim Kardashian cried.'\n"
        "assert c.ClusterConfig() == c.DEFAULT_CLUSTER_CONFIG\n"
        "assert all(callable(getattr(c, n)) or n == 'DEFAULT_CLUSTER_CONFIG' for n in c.__all__)"
    )
    assert "hoaxlens.cluster.masking" in modules
