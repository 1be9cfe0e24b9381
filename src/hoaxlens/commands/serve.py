"""``hoaxlens serve``: the REST API and the analyst web UI."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hoaxlens.commands._options import config_option, settings_from

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_STORE = "hoaxlens.db"


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
    "--token",
    envvar="HOAXLENS_TOKEN",
    default=None,
    help="Require 'Authorization: Bearer TOKEN' for writes (or set HOAXLENS_TOKEN).",
)
@click.option("--no-worker", is_flag=True, help="Do not process batch jobs in this process.")
@config_option
def serve(
    host: str, port: int, store: str, token: str | None, no_worker: bool, config: Path | None
) -> None:
    """Serve the REST API (/v1, OpenAPI at /openapi.json) and the web UI at /.

    Needs `pip install hoaxlens[service]`. Documents, verdicts, clusters, labels and batch
    jobs are kept in the store; a restart loses nothing.
    """
    try:
        import uvicorn

        from hoaxlens.service.app import create_app
        from hoaxlens.service.settings import ServiceSettings
    except ImportError as exc:
        raise click.ClickException(
            f"the service needs `pip install hoaxlens[service]` ({exc.name} is missing)"
        ) from exc
    settings = ServiceSettings(
        store_url=store,
        token=token or None,
        analyzer=settings_from(config).analyzer_config(),
        budget_seconds=settings_from(config).batch.budget_seconds,
        run_worker=not no_worker,
    )
    app = create_app(settings)
    click.echo(f"hoaxlens: store {store}; UI at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
