"""``hoaxlens users``: the people who use the service, their roles and their API tokens."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from hoaxlens.commands.serve import DEFAULT_STORE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hoaxlens.service.accounts import Accounts


@click.group()
@click.option(
    "--store",
    default=DEFAULT_STORE,
    show_default=True,
    envvar="HOAXLENS_STORE",
    help="The store of `hoaxlens serve`: a SQLite file or postgresql://user:pw@host/db.",
)
@click.pass_context
def users(ctx: click.Context, store: str) -> None:
    """Manage the service's users: each has a role (analyst or admin) and a personal token.

    A token is printed once, when made; the store keeps only its SHA-256. A running
    server sees changes at once.
    """
    ctx.obj = store


@contextmanager
def _accounts(store_url: str) -> Iterator[Accounts]:
    """The accounts of a store (migrated to the newest schema, as the service does)."""
    from sqlalchemy.exc import SQLAlchemyError

    from hoaxlens.service.accounts import AccountError, Accounts
    from hoaxlens.service.store import Store

    try:
        store = Store(store_url)
    except SQLAlchemyError as exc:
        raise click.ClickException(f"cannot open the store {store_url}: {exc}") from exc
    try:
        yield Accounts(store.engine)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()


@users.command(name="add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["analyst", "admin"]),
    default="analyst",
    show_default=True,
    help="analyst: label and write notes; admin: also manage users (/v1/users).",
)
@click.pass_obj
def users_add(store: str, name: str, role: str) -> None:
    """Add a user; print their API token (shown this once) on standard output."""
    with _accounts(store) as accounts:
        account, token = accounts.add(name, role)
    click.echo(token)
    click.echo(
        f"added {account.name} ({account.role}): give them the token above, it is not "
        "kept (log in with it at /login, or send 'Authorization: Bearer <token>')",
        err=True,
    )


@users.command(name="list")
@click.pass_obj
def users_list(store: str) -> None:
    """List the users: name, role, when added and when their token was made."""
    with _accounts(store) as accounts:
        found = accounts.list()
    if not found:
        click.echo("no users (add one: hoaxlens users add NAME --role analyst|admin)", err=True)
        return
    click.echo(f"{'NAME':<24} {'ROLE':<8} {'ADDED':<17} TOKEN MADE")
    for a in found:
        added = a.created_at.strftime("%Y-%m-%d %H:%M") if a.created_at else ""
        made = a.token_created_at.strftime("%Y-%m-%d %H:%M") if a.token_created_at else ""
        click.echo(f"{a.name:<24} {a.role:<8} {added:<17} {made}")


@users.command(name="token")
@click.argument("name")
@click.pass_obj
def users_token(store: str, name: str) -> None:
    """Give a user a new token (printed once); the old one and its logins stop working."""
    with _accounts(store) as accounts:
        token = accounts.new_token(name)
    click.echo(token)
    click.echo(f"new token for {name}: the old one no longer works", err=True)


@users.command(name="remove")
@click.argument("name")
@click.pass_obj
def users_remove(store: str, name: str) -> None:
    """Remove a user: their token and logins stop working; their labels and notes stay."""
    with _accounts(store) as accounts:
        accounts.remove(name)
    click.echo(f"removed {name}", err=True)
