"""Labels with authors, their history and undo, notes, and the "are you sure" rule.

Each analyst has one *current* label per document (``labels``); every change is kept in
``label_history`` with what the label was before. An undo reverts that analyst's newest
change not yet undone, restoring the label before it (or none), and is itself a history
entry. A label that contradicts a confident score (``genuine`` on a document scored at
least ``CONFIDENT_FABRICATED``, ``fabricated`` on one scored at most ``CONFIDENT_GENUINE``)
needs an explicit confirmation.

Who the author is comes from the request, never from its body: the token's owner or the
logged-in user (see ``author_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from hoaxlens.service.models import DocumentRow, LabelEventRow, LabelRow, NoteRow, utcnow
from hoaxlens.service.schemas import MAX_NOTE_CHARS
from hoaxlens.service.security import ANONYMOUS
from hoaxlens.service.store import LABELS, NotFoundError, refresh_analyst_label
from hoaxlens.service.views import StoredLabel

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from hoaxlens.service.security import Identity
    from hoaxlens.service.store import Store

CONFIDENT_FABRICATED = 0.9  # "genuine" on a document scored this or more needs confirming
CONFIDENT_GENUINE = 0.1  # "fabricated" on a document scored this or less needs confirming
_WRITE_RETRIES = 3  # two writes of one analyst on one document at once: the loser retries


class ConfirmationNeededError(ValueError):
    """The label contradicts a confident score; the message says so (send it confirmed)."""


class NothingToUndoError(LookupError):
    """The analyst has no label change on that document left to undo."""


@dataclass(frozen=True, slots=True)
class LabelEvent:
    """One entry of a document's label history."""

    id: int
    document_id: int
    analyst: str
    action: str  # "label" or "undo"
    label: str | None  # what the analyst's label became (None: no label)
    previous: str | None  # what it was before
    undone: bool  # a "label" change that an undo reverted
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Note:
    """A note on a document or a campaign."""

    id: int
    document_id: int | None
    cluster_id: str | None
    author: str
    text: str
    created_at: datetime


def author_of(identity: Identity, declared: str | None) -> str:
    """Who a label or note is recorded under.

    With a credential, its owner (a user, or a token's name), whatever the body says. On a
    server without tokens or users nobody is identified: the declared name, or
    ``anonymous``.

    >>> from hoaxlens.service.security import Identity
    >>> author_of(Identity("ana", "cookie", "analyst"), "mallory")
    'ana'
    >>> author_of(Identity("anonymous", None), " ben "), author_of(Identity("anonymous", None), "")
    ('ben', 'anonymous')
    """
    if identity.authenticated:
        return identity.principal
    return (declared or "").strip()[:128] or ANONYMOUS


def contradiction(score: float, label: str) -> str | None:
    """Why ``label`` needs confirming on a document with this score, or ``None``.

    >>> contradiction(0.95, "genuine")
    'the model scored this document 0.95 (fabricated): confirm to label it genuine'
    >>> contradiction(0.95, "fabricated"), contradiction(0.5, "genuine")
    (None, None)
    """
    if label == "genuine" and score >= CONFIDENT_FABRICATED:
        return (
            f"the model scored this document {score:.2f} (fabricated): confirm to label it genuine"
        )
    if label == "fabricated" and score <= CONFIDENT_GENUINE:
        return (
            f"the model scored this document {score:.2f} (genuine): confirm to label it fabricated"
        )
    return None


def set_label(
    store: Store,
    document_id: int,
    label: str,
    author: str,
    note: str = "",
    *,
    confirmed: bool = False,
) -> StoredLabel:
    """Make ``label`` the author's current label on a document, keeping the old one in history.

    Labelling again with the same label changes nothing.

    Raises:
        NotFoundError: when the document does not exist.
        ValueError: for a label other than fabricated or genuine.
        ConfirmationNeededError: when the label contradicts a confident score and
            ``confirmed`` is false.
    """
    if label not in LABELS:
        raise ValueError(f"label must be one of {', '.join(LABELS)}, got {label!r}")
    for attempt in range(_WRITE_RETRIES):
        try:
            with store.sessions.begin() as session:
                return _set_label(session, document_id, label, author, note, confirmed)
        except IntegrityError:
            if attempt == _WRITE_RETRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _set_label(
    session: Session, document_id: int, label: str, author: str, note: str, confirmed: bool
) -> StoredLabel:
    score = session.scalar(select(DocumentRow.score).where(DocumentRow.id == document_id))
    if score is None:
        raise NotFoundError(f"no document {document_id}")
    warning = contradiction(score, label)
    if warning is not None and not confirmed:
        raise ConfirmationNeededError(warning)
    current = _current(session, document_id, author)
    if current is not None and current.label == label and current.note == note:
        return _label_view(current)
    previous = current.label if current is not None else None
    if current is not None:
        session.delete(current)
        session.flush()
    now = utcnow()
    row = LabelRow(document_id=document_id, label=label, analyst=author, note=note, created_at=now)
    session.add(row)
    if previous != label:
        session.add(_event(document_id, author, "label", label, previous, now))
    session.flush()
    refresh_analyst_label(session, document_id)
    return _label_view(row)


def undo_label(store: Store, document_id: int, author: str) -> tuple[str | None, str | None]:
    """Revert the author's newest label change on a document not yet undone.

    Returns:
        ``(removed, restored)``: the label the undo took away and the one it put back
        (``None``: the author has no label on the document now).

    Raises:
        NotFoundError: when the document does not exist.
        NothingToUndoError: when the author has no change left to undo there.
    """
    with store.sessions.begin() as session:
        if session.get(DocumentRow, document_id) is None:
            raise NotFoundError(f"no document {document_id}")
        change = session.scalars(
            select(LabelEventRow)
            .where(
                LabelEventRow.document_id == document_id,
                LabelEventRow.analyst == author,
                LabelEventRow.action == "label",
                LabelEventRow.undone == 0,
            )
            .order_by(LabelEventRow.id.desc())
            .limit(1)
        ).first()
        if change is None:
            raise NothingToUndoError(f"{author} has no label on document {document_id} to undo")
        current = _current(session, document_id, author)
        if current is not None:
            session.delete(current)
            session.flush()
        now = utcnow()
        if change.previous is not None:
            session.add(
                LabelRow(
                    document_id=document_id,
                    label=change.previous,
                    analyst=author,
                    note="",
                    created_at=now,
                )
            )
        change.undone = 1
        session.add(_event(document_id, author, "undo", change.previous, change.label, now))
        session.flush()
        refresh_analyst_label(session, document_id)
        return change.label, change.previous


def history(store: Store, document_id: int) -> list[LabelEvent]:
    """Every label change on a document, newest first."""
    query = (
        select(LabelEventRow)
        .where(LabelEventRow.document_id == document_id)
        .order_by(LabelEventRow.id.desc())
    )
    with store.sessions() as session:
        return [
            LabelEvent(
                id=r.id,
                document_id=r.document_id,
                analyst=r.analyst,
                action=r.action,
                label=r.label,
                previous=r.previous,
                undone=bool(r.undone),
                created_at=r.created_at,
            )
            for r in session.scalars(query)
        ]


def can_undo(store: Store, document_id: int, author: str) -> bool:
    """Whether ``author`` has a label change on the document that an undo would revert."""
    query = select(
        exists().where(
            LabelEventRow.document_id == document_id,
            LabelEventRow.analyst == author,
            LabelEventRow.action == "label",
            LabelEventRow.undone == 0,
        )
    )
    with store.sessions() as session:
        return bool(session.scalar(query))


def add_note(
    store: Store,
    author: str,
    text: str,
    *,
    document_id: int | None = None,
    cluster_id: str | None = None,
) -> Note:
    """A note on a document or on a campaign (exactly one of the two).

    Raises:
        NotFoundError: when the document or the campaign does not exist.
        ValueError: for an empty note, or not exactly one target.
    """
    text = text.strip()
    if not text:
        raise ValueError("a note needs some text")
    if (document_id is None) == (cluster_id is None):
        raise ValueError("a note is on a document or on a campaign: give exactly one")
    with store.sessions.begin() as session:
        if document_id is not None and session.get(DocumentRow, document_id) is None:
            raise NotFoundError(f"no document {document_id}")
        if cluster_id is not None and not session.scalar(
            select(exists().where(DocumentRow.cluster_id == cluster_id))
        ):
            raise NotFoundError(f"no campaign {cluster_id}")
        row = NoteRow(
            document_id=document_id,
            cluster_id=cluster_id,
            author=author,
            text=text[:MAX_NOTE_CHARS],
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return _note_view(row)


def notes(
    store: Store,
    *,
    document_id: int | None = None,
    cluster_id: str | None = None,
    limit: int = 1000,
) -> list[Note]:
    """The newest ``limit`` notes on a document or a campaign (or on anything), oldest first."""
    query = select(NoteRow).order_by(NoteRow.id.desc()).limit(limit)
    if document_id is not None:
        query = query.where(NoteRow.document_id == document_id)
    if cluster_id is not None:
        query = query.where(NoteRow.cluster_id == cluster_id)
    with store.sessions() as session:
        return [_note_view(r) for r in reversed(session.scalars(query).all())]


def _current(session: Session, document_id: int, author: str) -> LabelRow | None:
    return session.scalars(
        select(LabelRow).where(LabelRow.document_id == document_id, LabelRow.analyst == author)
    ).first()


def _event(
    document_id: int,
    author: str,
    action: str,
    label: str | None,
    previous: str | None,
    now: datetime,
) -> LabelEventRow:
    return LabelEventRow(
        document_id=document_id,
        analyst=author,
        action=action,
        label=label,
        previous=previous,
        undone=0,
        created_at=now,
    )


def _label_view(row: LabelRow) -> StoredLabel:
    return StoredLabel(row.id, row.document_id, row.label, row.analyst, row.note, row.created_at)


def _note_view(row: NoteRow) -> Note:
    return Note(row.id, row.document_id, row.cluster_id, row.author, row.text, row.created_at)
