"""``hoaxlens serve``: the REST API and the analyst web UI."""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

import click

from hoaxlens.commands._options import config_option, settings_from

DEFAULT_STORE = "hoaxlens.db"
MB = 1_000_000
ARGV_ADVICE = (
    "pass the token in a file (--token-file FILE, one token a line, or its "
    "`hoaxlens serve --hash-token` digest) or in the HOAXLENS_TOKEN environment variable: "
    "a command-line argument is visible to every user of this machine (ps, /proc)"
)


def _refuse_token_argument(_ctx: click.Context, _param: click.Parameter, value: Any) -> None:  # noqa: ANN401
    if value is not None:
        raise click.BadParameter(f"not on the command line: {ARGV_ADVICE}")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _hash_token() -> None:
    from hoaxlens.service.security import MIN_TOKEN_CHARS, hash_token

    if sys.stdin.isatty():
        token = click.prompt("Token", hide_input=True, confirmation_prompt=True)
    else:
        token = sys.stdin.readline().strip()
    if len(token) < MIN_TOKEN_CHARS:
        raise click.ClickException(f"a token needs at least {MIN_TOKEN_CHARS} characters")
    click.echo(hash_token(token))


def _tokens(token_file: Path | None) -> tuple[Any, ...]:
    """The token entries of HOAXLENS_TOKEN and --token-file (digests only from here on)."""
    from hoaxlens.service.security import (
        MIN_TOKEN_CHARS,
        TokenError,
        load_token_file,
        token_entry,
        weak_tokens,
    )

    entries = []
    raw = os.environ.pop("HOAXLENS_TOKEN", "")  # no child process inherits it
    if raw:
        if len(raw.strip()) < MIN_TOKEN_CHARS:
            raise click.UsageError(f"HOAXLENS_TOKEN needs at least {MIN_TOKEN_CHARS} characters")
        entries.append(token_entry(raw.strip()))
    if token_file is not None:
        try:
            found = load_token_file(token_file)
        except TokenError as exc:
            raise click.UsageError(str(exc)) from exc
        text = token_file.read_text(encoding="utf-8")
        weak = weak_tokens(text)
        if weak:
            raise click.UsageError(
                f"{token_file}: line(s) {', '.join(map(str, weak))}: a token needs at least "
                f"{MIN_TOKEN_CHARS} characters"
            )
        holds_raw = any(
            fields and not fields[-1].lower().startswith("sha256:")
            for fields in (line.split("#", 1)[0].split() for line in text.splitlines())
        )
        if holds_raw and token_file.stat().st_mode & 0o077:
            click.echo(
                f"hoaxlens: warning: {token_file} holds raw tokens and other users may read "
                "it: `chmod 600` it, or keep `hoaxlens serve --hash-token` digests there",
                err=True,
            )
        entries.extend(found)
    return tuple(entries)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--store",
    default=DEFAULT_STORE,
    show_default=True,
    envvar="HOAXLENS_STORE",
    help="SQLite file (created on first run) or postgresql://user:pw@host/db.",
)
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="HOAXLENS_TOKEN_FILE",
    help="Tokens, one a line ('[NAME] TOKEN' or '[NAME] sha256:HEX'); each NAME is a user "
    "with its own quotas. Writes, and reads unless --public-read, then need one. "
    "HOAXLENS_TOKEN (the environment) adds one more.",
)
@click.option(
    "--token",
    hidden=True,
    expose_value=False,
    callback=_refuse_token_argument,
    help="Refused: use --token-file or HOAXLENS_TOKEN.",
)
@click.option(
    "--hash-token",
    is_flag=True,
    help="Read a token (prompt, or standard input) and print the sha256: line for a token file.",
)
@click.option("--public-read", is_flag=True, help="With tokens: reads need none (writes still do).")
@click.option(
    "--secure-cookies",
    is_flag=True,
    envvar="HOAXLENS_SECURE_COOKIES",
    help="Served behind TLS (a proxy): cookies get the Secure attribute.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="A name the Host header may give ('*': any). Default: loopback names when "
    "listening on loopback, any otherwise.",
)
@click.option(
    "--trusted-origin",
    "trusted_origins",
    multiple=True,
    help="Another origin (https://name[:port]) whose pages may write, e.g. behind a proxy "
    "that rewrites Host.",
)
@click.option(
    "--session-hours",
    type=click.FloatRange(min=0.01),
    default=12.0,
    show_default=True,
    help="Lifetime of a UI login.",
)
@click.option(
    "--max-upload-mb",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Largest batch upload (413 above).",
)
@click.option(
    "--upload-quota-mb",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="What one user may send per --quota-window-minutes (429 above; 0: no limit).",
)
@click.option(
    "--quota-window-minutes",
    type=click.FloatRange(min=0.01),
    default=60.0,
    show_default=True,
)
@click.option(
    "--storage-quota-mb",
    type=click.IntRange(min=0),
    default=4000,
    show_default=True,
    help="What one user may have stored in all (413 above; 0: no limit).",
)
@click.option(
    "--store-cap-mb",
    type=click.IntRange(min=0),
    default=20000,
    show_default=True,
    help="Size cap of the whole store (507 above; 0: no cap).",
)
@click.option("--no-worker", is_flag=True, help="Do not process batch jobs in this process.")
@config_option
def serve(
    host: str,
    port: int,
    store: str,
    token_file: Path | None,
    hash_token: bool,
    public_read: bool,
    secure_cookies: bool,
    allowed_hosts: tuple[str, ...],
    trusted_origins: tuple[str, ...],
    session_hours: float,
    max_upload_mb: int,
    upload_quota_mb: int,
    quota_window_minutes: float,
    storage_quota_mb: int,
    store_cap_mb: int,
    no_worker: bool,
    config: Path | None,
) -> None:
    """Serve the REST API (/v1, OpenAPI at /openapi.json) and the web UI at /.

    Needs `pip install hoaxlens[service]`. Documents, verdicts, clusters, labels and batch
    jobs are kept in the store; a restart loses nothing. Security model, limits and their
    settings: docs/security.md.
    """
    if hash_token:
        _hash_token()
        return
    try:
        import uvicorn

        from hoaxlens.service.app import create_app
        from hoaxlens.service.settings import LOOPBACK_HOSTS, ServiceSettings
    except ImportError as exc:
        raise click.ClickException(
            f"the service needs `pip install hoaxlens[service]` ({exc.name} is missing)"
        ) from exc
    tokens = _tokens(token_file)
    if public_read and not tokens:
        raise click.UsageError("--public-read needs tokens (--token-file or HOAXLENS_TOKEN)")
    hosts: tuple[str, ...] | None
    if allowed_hosts:
        hosts = None if "*" in allowed_hosts else allowed_hosts
    elif _is_loopback(host):
        hosts = (*LOOPBACK_HOSTS, host)
    else:
        hosts = None
    if not _is_loopback(host) and not tokens:
        click.echo(
            f"hoaxlens: warning: listening on {host} without a token: anyone who can reach it "
            "can read and write (--token-file FILE)",
            err=True,
        )
    settings = ServiceSettings(
        store_url=store,
        tokens=tokens,
        public_read=public_read,
        secure_cookies=secure_cookies,
        session_seconds=session_hours * 3600,
        allowed_hosts=hosts,
        trusted_origins=tuple(o.rstrip("/") for o in trusted_origins),
        max_upload_bytes=max_upload_mb * MB,
        upload_quota_bytes=upload_quota_mb * MB,
        quota_window_seconds=quota_window_minutes * 60,
        storage_quota_bytes=storage_quota_mb * MB,
        max_store_bytes=store_cap_mb * MB,
        analyzer=settings_from(config).analyzer_config(),
        budget_seconds=settings_from(config).batch.budget_seconds,
        run_worker=not no_worker,
    )
    app = create_app(settings)
    access = (
        f"{len(tokens)} token(s)" + (", public reads" if public_read else "")
        if tokens
        else "no token"
    )
    click.echo(f"hoaxlens: store {store}; {access}; UI at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
