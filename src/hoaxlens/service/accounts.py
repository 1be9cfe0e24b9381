"""People as users: accounts with a name, a role and a personal API token, in the store.

``hoaxlens users add NAME --role analyst|admin`` makes one and prints its token once; the
store keeps only the token's SHA-256. A user's token works as ``Authorization: Bearer`` and
opens UI login sessions; ``hoaxlens users token NAME`` replaces it (the old one stops
working, and so do the sessions it opened); ``hoaxlens users remove NAME`` ends both.

Roles: ``analyst`` labels documents and writes notes; ``admin`` may also manage users
(``/v1/users``). The tokens of ``hoaxlens serve`` (``HOAXLENS_TOKEN``, ``--token-file``) keep
working as admins named after their entries.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from hoaxlens.errors import HoaxlensError
from hoaxlens.service.models import UserRow, utcnow

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.engine import Engine

ANALYST = "analyst"
ADMIN = "admin"
ROLES = (ANALYST, ADMIN)
TOKEN_PREFIX = "hl_"  # noqa: S105 - tells a user token apart in logs and config files
RESERVED_NAMES = frozenset({"anonymous"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


class AccountError(HoaxlensError):
    """A user that cannot be added, found or changed; the message says why."""


@dataclass(frozen=True, slots=True)
class Account:
    """A user as the service sees them (never their token)."""

    name: str
    role: str
    digest: str  # SHA-256 (hex) of the current token
    created_at: datetime | None = None
    token_created_at: datetime | None = None

    @property
    def is_admin(self) -> bool:
        """Whether the user may manage users."""
        return self.role == ADMIN

    @property
    def fingerprint(self) -> str:
        """What a login session keeps of the token that opened it (see ``TokenEntry``)."""
        return hashlib.sha256(f"session:{self.digest}".encode()).hexdigest()[:32]


def new_token() -> str:
    """A fresh random API token (256 bits).

    >>> t = new_token(); t.startswith("hl_") and len(t) == 46
    True
    """
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The SHA-256 (hex) of a token, as ``security`` computes it."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def check_name(name: str) -> str:
    """``name`` if it can name a user.

    >>> check_name("ana.k")
    'ana.k'

    Raises:
        AccountError: for an empty, reserved or malformed name.
    """
    if not _NAME.fullmatch(name) or name.lower() in RESERVED_NAMES:
        raise AccountError(
            f"bad user name {name!r}: letters, digits and ._@- (up to 64, starting with a "
            "letter or digit), not 'anonymous'"
        )
    return name


def check_role(role: str) -> str:
    """``role`` if it is ``analyst`` or ``admin``.

    Raises:
        AccountError: for any other role.
    """
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    return role


class Accounts:
    """Add, list, find, re-token and remove users in a store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, name: str, role: str) -> tuple[Account, str]:
        """A new user and their token (shown once: the store keeps its digest only).

        Raises:
            AccountError: for a bad name or role, or a name already taken.
        """
        check_name(name)
        check_role(role)
        token = new_token()
        now = utcnow()
        values = {
            "name": name,
            "role": role,
            "token_digest": token_digest(token),
            "created_at": now,
            "token_created_at": now,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(UserRow).values(**values))
        except IntegrityError as exc:
            raise AccountError(f"a user named {name!r} exists already") from exc
        return self._account(values), token

    def list(self) -> list[Account]:
        """Every user, by name."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(UserRow.__table__).order_by(UserRow.name)).mappings()
            return [self._account(dict(r)) for r in rows]

    def get(self, name: str) -> Account | None:
        """The user called ``name``, or ``None``."""
        query = select(UserRow.__table__).where(UserRow.name == name)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return self._account(dict(row)) if row is not None else None

    def by_digest(self, digest: str) -> Account | None:
        """The user whose current token has this SHA-256, or ``None``."""
        query = select(UserRow.__table__).where(UserRow.token_digest == digest)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return self._account(dict(row)) if row is not None else None

    def any(self) -> bool:
        """Whether the store has any user (then the service needs a credential)."""
        with self.engine.connect() as conn:
            return bool(conn.execute(select(exists().select_from(UserRow))).scalar())

    def new_token(self, name: str) -> str:
        """Give ``name`` a new token; the old one (and its login sessions) stop working.

        Raises:
            AccountError: when there is no such user.
        """
        token = new_token()
        with self.engine.begin() as conn:
            done = conn.execute(
                update(UserRow)
                .where(UserRow.name == name)
                .values(token_digest=token_digest(token), token_created_at=utcnow())
            )
        if done.rowcount != 1:
            raise AccountError(f"no user named {name!r} (hoaxlens users list)")
        return token

    def remove(self, name: str) -> None:
        """Delete a user: their token and sessions stop working; their labels stay theirs.

        Raises:
            AccountError: when there is no such user.
        """
        with self.engine.begin() as conn:
            done = conn.execute(delete(UserRow).where(UserRow.name == name))
        if done.rowcount != 1:
            raise AccountError(f"no user named {name!r} (hoaxlens users list)")

    @staticmethod
    def _account(row: dict[str, object]) -> Account:
        return Account(
            name=str(row["name"]),
            role=str(row["role"]),
            digest=str(row["token_digest"]),
            created_at=row.get("created_at"),  # type: ignore[arg-type]
            token_created_at=row.get("token_created_at"),  # type: ignore[arg-type]
        )
