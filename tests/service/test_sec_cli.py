"""`hoaxlens serve` never takes a token on its command line; a file or the environment does.

The last test starts the real command (a subprocess on a free loopback port) and reads its
``/proc/PID/cmdline``: what ``ps`` shows every user of the machine.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from hoaxlens.cli import cli
from hoaxlens.service.security import hash_token

TOKEN = "cli-test-token-0123456789abcdef"  # noqa: S105 - a test token, not a secret


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--token", TOKEN], id="separate-value"),
        pytest.param([f"--token={TOKEN}"], id="equals-value"),
    ],
)
def test_a_token_on_the_command_line_is_refused_with_how_to_pass_it(args):
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 2
    assert "--token-file" in result.output
    assert "HOAXLENS_TOKEN" in result.output
    assert TOKEN not in result.output


def test_hash_token_prints_the_line_for_a_token_file():
    result = CliRunner().invoke(cli, ["serve", "--hash-token"], input=TOKEN + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == hash_token(TOKEN)
    assert TOKEN not in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("ana short\n", "at least 16", id="weak-token"),
        pytest.param("\n# nothing\n", "no token", id="empty"),
        pytest.param("a b c\n", "expected", id="malformed"),
    ],
)
def test_unusable_token_files_are_usage_errors(tmp_path, content, message):
    path = tmp_path / "tokens"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--token-file", str(path)])
    assert result.exit_code == 2
    assert message in result.output


def test_public_read_needs_a_token():
    result = CliRunner().invoke(cli, ["serve", "--public-read"], env={"HOAXLENS_TOKEN": ""})
    assert result.exit_code == 2
    assert "needs tokens" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(base: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("hoaxlens serve did not answer /healthz")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("source", ["token-file", "environment"])
def test_the_running_server_shows_no_token_and_requires_it(tmp_path, source):
    port = _free_port()
    args = ["--port", str(port), "--store", str(tmp_path / "cli.db"), "--no-worker"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOAXLENS_")}
    if source == "token-file":
        tokens = tmp_path / "tokens"
        tokens.write_text(f"ana {hash_token(TOKEN)}\n", encoding="utf-8")
        args += ["--token-file", str(tokens)]
    else:
        env["HOAXLENS_TOKEN"] = TOKEN
    process = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-c", "from hoaxlens.cli import main; main()", "serve", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, process)
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        assert b"serve" in cmdline
        assert TOKEN.encode() not in cmdline
        assert hash_token(TOKEN).encode() not in cmdline
        assert httpx.get(base + "/v1/documents", timeout=10).status_code == 401
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(base + "/v1/documents", headers=bearer, timeout=10).status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        if process.stderr:
            process.stderr.close()


def test_settings_from_the_environment_hash_the_token_and_drop_it(tmp_path, monkeypatch):
    from hoaxlens.service.settings import LOOPBACK_HOSTS, ServiceSettings

    tokens = tmp_path / "tokens"
    tokens.write_text(f"bo {hash_token('bo-token-0123456789abcdef')}\n", encoding="utf-8")
    monkeypatch.setenv("HOAXLENS_TOKEN", TOKEN)
    monkeypatch.setenv("HOAXLENS_TOKEN_FILE", str(tokens))
    monkeypatch.setenv("HOAXLENS_PUBLIC_READ", "1")
    monkeypatch.delenv("HOAXLENS_ALLOWED_HOSTS", raising=False)
    settings = ServiceSettings.from_env()
    assert "HOAXLENS_TOKEN" not in os.environ  # no child process inherits it
    assert [t.name for t in settings.tokens] == [f"token-{hash_token(TOKEN)[7:15]}", "bo"]
    assert TOKEN not in repr(settings)
    assert settings.public_read
    assert settings.allowed_hosts == LOOPBACK_HOSTS
    monkeypatch.setenv("HOAXLENS_ALLOWED_HOSTS", "*")
    assert ServiceSettings.from_env().allowed_hosts is None
