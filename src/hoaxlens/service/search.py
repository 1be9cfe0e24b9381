"""Find stored documents: full-text search, facets, sorting and keyset pagination.

One query layer over both stores. The text index is SQLite FTS5 (a contentless
``documents_fts`` table, porter-stemmed) or a PostgreSQL table ``document_search`` of
``tsvector`` values with a GIN index (``english`` configuration); migration 0004 creates
either. What a user types is
parsed here into words, quoted phrases, ``word*`` prefixes and ``-word`` exclusions, then
written in each engine's own syntax, so the same query means the same on both (stemming and
PostgreSQL's stop words aside). Filters, sorts and facet counts read the narrow
``document_facts`` table (verdict, score, cluster, latest analyst label, main person,
domain, language, obfuscation, day), filled from the record when a document is stored
(:func:`facts_of`); only the page's rows are read from ``documents``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Double,
    String,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    table,
    text,
    true,
    union_all,
)

from hoaxlens.corpus.counting import main_person
from hoaxlens.extract.metadata import domain_of
from hoaxlens.ingest.fields import DATE_NOTE
from hoaxlens.service.models import FactRow, LabelRow

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from sqlalchemy import Connection, Select, Subquery

SORTS = ("recent", "oldest", "score", "score_asc", "relevance")
FACETS = (
    "label",
    "analyst_label",
    "score",
    "person",
    "domain",
    "lang",
    "cluster",
    "obfuscated",
    "labelled_by",
    "month",
)
FACET_SIZE = 10  # values shown per facet, most documents first
# Facets count the newest FACET_SAMPLE matches (the total is always exact): counting every
# match of a broad query over 100,000 documents costs seconds, and a facet is for narrowing.
FACET_SAMPLE = 10_000
# PostgreSQL settings of a search that counts and samples a text match in one statement
# (``SET LOCAL``: that transaction only, whatever the server's configuration):
# - work_mem: the sample's sort and window keep up to every match's facts row (~150 bytes),
#   which the stock 4 MB would spill to disk past ~25,000 matches;
# - random_page_cost: the stock 4.0 prices a look-up by primary key as a disk seek, so the
#   planner hashes all 100,000 facts rows to join 10,000 matches; the store's pages are in
#   memory (the text scan has just read them), and 1.1 lets it merge along the key instead
#   (a phrase in a fifth of 100,000 documents: 370-420 -> 170 ms on the server, EXPLAIN
#   ANALYZE, alternated, on the shared 2-core machine).
PG_SEARCH_SETTINGS = ("SET LOCAL work_mem = '64MB'", "SET LOCAL random_page_cost = 1.1")
SEARCH_CHARS = 100_000  # of a document's text indexed (PostgreSQL caps a tsvector at 1 MB)
SCORE_BUCKETS = ((0.0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 1.0))
_WORD = re.compile(r"[^\W_]+")
_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
FTS_TABLE = "documents_fts"


class QueryError(ValueError):
    """A search request that cannot be run (a bad cursor, say); the message says why."""


@dataclass(frozen=True, slots=True)
class Term:
    """Words that must appear together (one word, or a quoted phrase)."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word is a prefix (``dona*``)
    negated: bool = False  # ``-word``: documents without it


def parse_terms(q: str) -> tuple[Term, ...]:
    """Split a query into terms: words, ``"quoted phrases"``, ``prefix*`` and ``-excluded``.

    Only letters and digits reach an engine, so no query can be a syntax error.

    >>> for t in parse_terms('Dolly "dance floor" -genuine don*'):
    ...     print(t.words, t.prefix, t.negated)
    ('dolly',) False False
    ('dance', 'floor') False False
    ('genuine',) False True
    ('don',) True False
    """
    terms = []
    for m in _PART.finditer(q[:1000]):
        negated = bool(m.group(1) or m.group(3))
        raw = m.group(2) if m.group(2) is not None else m.group(4)
        words = tuple(w.lower() for w in _WORD.findall(raw))[:16]
        if not words:
            continue
        prefix = m.group(4) is not None and raw.endswith("*") and len(words) == 1
        terms.append(Term(words, prefix, negated))
    return tuple(terms[:32])


def fts5_expression(terms: Sequence[Term]) -> str:
    """The terms as an FTS5 query: every word must match, no excluded one may.

    >>> fts5_expression(parse_terms('dolly "dance floor" don* -genuine'))
    '("dolly" AND "dance floor" AND "don"*) NOT "genuine"'
    """

    def one(t: Term) -> str:
        return f'"{" ".join(t.words)}"' + ("*" if t.prefix else "")

    found = " AND ".join(one(t) for t in terms if not t.negated)
    excluded = "".join(f" NOT {one(t)}" for t in terms if t.negated)
    return f"({found}){excluded}" if excluded else found


def tsquery_expression(terms: Sequence[Term]) -> str:
    """The terms as a PostgreSQL ``to_tsquery`` string (words are letters and digits only).

    >>> tsquery_expression(parse_terms('dolly "dance floor" don* -genuine'))
    "'dolly' & ('dance' <-> 'floor') & 'don':* & !'genuine'"
    """
    parts = []
    for t in terms:
        words = [f"'{w}'" for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        part = words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")"
        parts.append(("!" if t.negated else "") + part)
    return " & ".join(parts)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to find: text, facet filters, a sort and a page (``cursor`` from the last one)."""

    q: str = ""
    label: str | None = None  # the verdict: fabricated | uncertain | genuine
    analyst_label: str | None = None  # the latest analyst label: fabricated | genuine | none
    person: str | None = None  # the document's main person
    domain: str | None = None
    lang: str | None = None
    cluster_id: str | None = None
    obfuscated: bool | None = None
    labelled_by: str | None = None  # an analyst who labelled it
    score_min: float | None = None
    score_max: float | None = None
    since: date | None = None  # the story's day (the page's date, else the day it was stored)
    until: date | None = None
    sort: str = "recent"
    limit: int = 50
    cursor: str | None = None
    facets: bool = False

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, got {self.sort!r}")
        if not 1 <= self.limit <= 500:
            raise QueryError(f"limit must be 1-500, got {self.limit}")


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet and how many matching documents have it."""

    value: str
    count: int


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the search page filters on, read from a document's record."""

    domain: str | None
    lang: str | None
    person: str | None
    obfuscated: int
    day: str


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of results: ``items`` are the store's rows (``DocumentSummary``)."""

    items: tuple[Any, ...]
    total: int
    next_cursor: str | None
    sort: str
    facets: Mapping[str, tuple[FacetValue, ...]] = field(default_factory=dict)

    @property
    def facets_sampled(self) -> bool:
        """Whether the facets count only the newest ``FACET_SAMPLE`` matches."""
        return bool(self.facets) and self.total > FACET_SAMPLE


def facts_of(record: Mapping[str, Any], stored: datetime) -> DocumentFacts:
    """The facet values of an output record (``stored``: when it entered the store)."""
    page = record.get("page") or {}
    meta = record.get("meta") or {}
    day = stored.date().isoformat()
    # As the report dates a story (corpus.items): the page's own date, else the one ingest
    # read from the record's date field or URL path, else the day it was stored.
    for given in (page.get("published"), meta.get(DATE_NOTE)):
        try:
            day = date.fromisoformat(str(given or "")[:10]).isoformat()
        except ValueError:
            continue
        break
    obfuscation = record.get("obfuscation") or {}
    lang = record.get("lang")
    return DocumentFacts(
        domain=(page.get("domain") or domain_of(record.get("url")) or None),
        lang=str(lang)[:16] if lang else None,
        person=main_person(record.get("people") or ()),
        obfuscated=int(obfuscation.get("count") or 0),
        day=day,
    )


def search_text(record: Mapping[str, Any]) -> tuple[str, str, str]:
    """``(title, body, extra)`` to index: the de-obfuscated text, people, domain and URL."""
    page = record.get("page") or {}
    extra = " ".join(
        [*(record.get("people") or ()), page.get("domain") or "", record.get("url") or ""]
    )
    return (record.get("title") or "", (record.get("text") or "")[:SEARCH_CHARS], extra)


def index_document(conn: Connection, document_id: int, record: Mapping[str, Any]) -> None:
    """Add a stored document to the text index, in the caller's transaction."""
    title, body, extra = search_text(record)
    values = {"id": document_id, "title": title, "body": body, "extra": extra}
    if conn.dialect.name == "postgresql":
        conn.execute(text(PG_INDEX), values)
    else:
        conn.execute(
            text(
                f"INSERT INTO {FTS_TABLE}(rowid, title, body, extra) "  # noqa: S608 - constant
                "VALUES (:id, :title, :body, :extra)"
            ),
            values,
        )


PG_TABLE = "document_search"
PG_INDEX = (
    "INSERT INTO document_search (id, search) VALUES (:id, "
    "setweight(to_tsvector('english', :title), 'A') || to_tsvector('english', :body) || "
    "to_tsvector('simple', :extra))"
)


# cursors ---------------------------------------------------------------------------------


def encode_cursor(sort: str, key: float | None, last_id: int) -> str:
    """An opaque cursor: the sort, and the sort key and id of the page's last row.

    >>> decode_cursor(encode_cursor("score", 0.75, 12), "score")
    (0.75, 12)
    """
    raw = json.dumps([sort, key, last_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[float | None, int]:
    """The sort key and id a cursor holds.

    Raises:
        QueryError: for a cursor this service did not make, or one of another sort.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, key, last_id = json.loads(raw)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise QueryError("this cursor is not one the service gave: start from page 1") from exc
    if got_sort != sort:
        raise QueryError(f"this cursor belongs to sort={got_sort!r}: start from page 1")
    if not isinstance(last_id, int) or isinstance(last_id, bool):
        raise QueryError("this cursor is not one the service gave: start from page 1")
    if key is not None and (not isinstance(key, int | float) or isinstance(key, bool)):
        raise QueryError("this cursor is not one the service gave: start from page 1")
    return (float(key) if key is not None else None), last_id


# queries ---------------------------------------------------------------------------------


def latest_labels() -> Subquery:
    """``(document_id, label)``: each labelled document's most recent label."""
    newest = (
        select(LabelRow.document_id, func.max(LabelRow.id).label("label_id"))
        .group_by(LabelRow.document_id)
        .subquery()
    )
    return (
        select(LabelRow.document_id, LabelRow.label)
        .join(newest, newest.c.label_id == LabelRow.id)
        .subquery("latest")
    )


@dataclass(frozen=True, slots=True)
class _Text:
    """The text condition of a query, in the store's dialect."""

    match: ColumnElement[bool] | None  # documents that match every positive term
    rank: ColumnElement[Any] | None  # lower is better (relevance sort)
    hits: Subquery | None  # SQLite: (id, rank) of the matching rows
    matching: Select[Any] | None = None  # the ids matching the words (``id IN`` this)


def _text_condition(dialect: str, terms: Sequence[Term], *, ranked: bool) -> _Text:
    """The text condition; ``ranked``: join the matches with their rank (relevance sort).

    Unranked, a match is ``id IN (matching ids)``: a page sorted by id or score then stops
    at its last row instead of ranking and sorting every match. Exclusions are part of the
    one match expression when there are words to match (``a & !b``); alone, they are
    ``id NOT IN (…)``. (Reading the ids once per search and passing them as an array was
    tried on PostgreSQL: it saves repeats on broad matches but loses the planner's early
    stop when a filter is selective, 25 -> 215 ms at 100,000 documents.)
    """
    positive = [t for t in terms if not t.negated]
    negative = [t for t in terms if t.negated]
    conditions: list[ColumnElement[bool]] = []
    rank: ColumnElement[Any] | None = None
    hits: Subquery | None = None
    matching: Any = None
    excluded: list[Any] = []
    if dialect == "postgresql":
        found = table(PG_TABLE, column("id"), column("search"))
        if positive:
            query = func.to_tsquery("english", tsquery_expression(terms))
            matching = select(found.c.id).where(found.c.search.op("@@")(query))
            if ranked:
                # float8: a float4 rank read back as text would not equal itself
                score = cast(-func.ts_rank_cd(found.c.search, query), Double)
                hits = (
                    select(found.c.id.label("id"), score.label("rank"))
                    .where(found.c.search.op("@@")(query))
                    .subquery("hits")
                )
        else:
            excluded = [
                select(found.c.id).where(
                    found.c.search.op("@@")(
                        func.to_tsquery("english", tsquery_expression([Term(t.words, t.prefix)]))
                    )
                )
                for t in negative
            ]
    else:
        fts = table(FTS_TABLE, column("rowid"))
        fts_name: Any = literal_column(FTS_TABLE)
        if positive:
            expression = fts5_expression(terms)
            matching = select(fts.c.rowid.label("id")).where(fts_name.op("MATCH")(expression))
            if ranked:
                hits = (
                    select(fts.c.rowid.label("id"), func.bm25(fts_name).label("rank"))
                    .where(fts_name.op("MATCH")(expression))
                    .subquery("hits")
                )
        else:
            excluded = [
                select(fts.c.rowid).where(
                    fts_name.op("MATCH")(fts5_expression([Term(t.words, t.prefix)]))
                )
                for t in negative
            ]
    if hits is not None:
        rank = hits.c.rank
    elif matching is not None:
        conditions.append(FactRow.id.in_(matching))
    conditions += [FactRow.id.not_in(x) for x in excluded]
    match = and_(*conditions) if conditions else None
    return _Text(match, rank, hits, matching if hits is None else None)


def _scan(column: Any, dialect: str) -> Any:  # noqa: ANN401 - a column
    """``column`` for a broad filter: on SQLite, ``+column``, which no index serves.

    A range of scores or days, or a verdict, matches a large share of the store; SQLite
    would walk that index and look every row up (0.6 s for 37,000 of 100,000 rows),
    where reading the narrow table, or the id or score index of the sort, takes tens of
    milliseconds. PostgreSQL's planner weighs this itself.
    """
    if dialect != "sqlite":
        return column
    return literal_column(f"+{column.table.name}.{column.name}", type_=column.type)


def _filters(query: SearchQuery, dialect: str) -> list[ColumnElement[bool]]:
    f = FactRow
    out: list[ColumnElement[bool]] = []
    if query.label is not None:
        out.append(_scan(f.label, dialect) == query.label)
    if query.analyst_label == "none":
        out.append(_scan(f.analyst_label, dialect).is_(None))
    elif query.analyst_label is not None:
        out.append(f.analyst_label == query.analyst_label)
    if query.person is not None:
        out.append(f.person == query.person)
    if query.domain is not None:
        out.append(f.domain == query.domain)
    if query.lang is not None:
        out.append(_scan(f.lang, dialect) == query.lang)
    if query.cluster_id is not None:
        out.append(f.cluster_id == query.cluster_id)
    if query.obfuscated is not None:
        out.append(f.obfuscated > 0 if query.obfuscated else f.obfuscated == 0)
    if query.labelled_by is not None:
        by = select(LabelRow.document_id).where(LabelRow.analyst == query.labelled_by)
        out.append(f.id.in_(by))
    score, day = _scan(f.score, dialect), _scan(f.day, dialect)
    if query.score_min is not None:
        out.append(score >= query.score_min)
    if query.score_max is not None:
        out.append(score <= query.score_max)
    if query.since is not None:
        out.append(day >= query.since.isoformat())
    if query.until is not None:
        out.append(day <= query.until.isoformat())
    return out


def _order(sort: str, rank: ColumnElement[Any] | None) -> tuple[Any, bool]:
    """The sort key and whether it ascends; the id breaks ties in the same direction."""
    if sort == "relevance" and rank is not None:
        return rank, True
    if sort in ("score", "score_asc"):
        return FactRow.score, sort == "score_asc"
    return FactRow.id, sort == "oldest"


def _after(
    key: Any,  # noqa: ANN401 - a column or an expression
    ascending: bool,
    cursor: tuple[float | None, int],
) -> ColumnElement[bool]:
    value, last_id = cursor
    f_id = FactRow.id
    if key is f_id or value is None:
        return f_id > last_id if ascending else f_id < last_id
    if ascending:
        return or_(key > value, and_(key == value, f_id > last_id))
    return or_(key < value, and_(key == value, f_id < last_id))


@dataclass(frozen=True, slots=True)
class Plan:
    """A search as SQL: the page (``FactRow``, sort key) and what counts and facets filter."""

    page: Select[Any]
    sort: str  # the sort used ("relevance" without words falls back to "recent")
    conditions: tuple[ColumnElement[bool], ...]
    hits: Subquery | None
    matched: bool = False  # whether a text condition (words or exclusions) is part of it
    filters: tuple[ColumnElement[bool], ...] = ()  # the conditions but the text match
    matching: Select[Any] | None = None  # ids matching the words, unless ranked
    selective: bool = False  # filtered by person, domain, campaign or analyst
    dialect: str = ""


def build(query: SearchQuery, dialect: str) -> Plan:
    """The SQL of ``query`` on ``dialect``.

    Raises:
        QueryError: for a cursor that is not one of this sort's.
    """
    terms = parse_terms(query.q)
    sort = query.sort
    if sort == "relevance" and not any(not t.negated for t in terms):
        sort = "recent"  # nothing to rank by without words
    txt = _text_condition(dialect, terms, ranked=sort == "relevance")
    key, ascending = _order(sort, txt.rank)
    filters = _filters(query, dialect)
    conditions = [*filters, txt.match] if txt.match is not None else list(filters)
    page = _from(select(FactRow, key.label("sort_key")), txt.hits).where(and_(true(), *conditions))
    if query.cursor:
        page = page.where(_after(key, ascending, decode_cursor(query.cursor, sort)))
    tie = FactRow.id.asc() if ascending else FactRow.id.desc()
    order = key.asc() if ascending else key.desc()
    page = page.order_by(order, tie) if key is not FactRow.id else page.order_by(tie)
    selective = any(
        v is not None for v in (query.person, query.domain, query.cluster_id, query.labelled_by)
    )
    return Plan(
        page.limit(query.limit + 1),
        sort,
        tuple(conditions),
        txt.hits,
        matched=txt.match is not None,
        filters=tuple(filters),
        matching=txt.matching,
        selective=selective,
        dialect=dialect,
    )


def _from(q: Any, hits: Subquery | None) -> Select[Any]:  # noqa: ANN401 - any Select
    joined: Select[Any] = q.join(hits, hits.c.id == FactRow.id) if hits is not None else q
    return joined


def count_query(plan: Plan) -> Select[Any]:
    """How many documents match."""
    return _from(select(func.count(FactRow.id)).select_from(FactRow), plan.hits).where(
        and_(true(), *plan.conditions)
    )


def facet_sample(plan: Plan, *, counted: bool = False) -> Select[Any]:
    """The facet values of the newest ``FACET_SAMPLE`` matches, one column per facet.

    Columns: id, then the facets of ``SAMPLED`` in order (counted by ``count_facets``).
    ``counted``: then also the document's facts (``score``, ``analyst_label``,
    ``obfuscated``, ``day``; with ``id``, ``label``, ``person``, ``domain``, ``lang`` and
    ``cluster_id`` a row holds all of ``FactRow``), and ``total``, the number of all
    matches (``count(*) OVER ()``, taken before the limit): one statement, so an
    expensive text match is evaluated once for the total, the facets and, sorted newest
    first, the first page (``Store.search`` on PostgreSQL).
    """
    f = FactRow
    bucket = case(
        *((f.score < hi, f"{lo:.1f}-{hi:.1f}") for lo, hi in SCORE_BUCKETS[:-1]),
        else_=f"{SCORE_BUCKETS[-1][0]:.1f}-1.0",
    )
    columns = select(
        f.id,
        f.label,
        func.coalesce(f.analyst_label, "none"),
        bucket,
        f.person,
        f.domain,
        f.lang,
        f.cluster_id,
    ).add_columns(case((f.obfuscated > 0, "yes"), else_="no"), func.substr(f.day, 1, 7))
    facts = (f.score, f.analyst_label, f.obfuscated, f.day)
    if counted and plan.matching is not None and not plan.selective:
        # Read the ids matching the words once, in one scan of the text index (a phrase
        # rechecks each candidate's positions), for the total and the sample both. With
        # no other filter the total is their number and the sample the newest 10,000 of
        # them, joined with their facts alone; with filters, their facts are joined and
        # counted (``count(*) OVER ()``). With a selective filter (a person, a domain…)
        # testing its few rows' text, as the query below does, is cheaper.
        matches = plan.matching.cte("matches").prefix_with("MATERIALIZED")
        if not plan.filters and plan.dialect == "sqlite":
            # FTS5 counts a match and walks it newest first from its own index (a phrase
            # in a fifth of 100,000: 20 and 11 ms), cheaper than keeping and sorting it
            found = plan.matching.selected_columns[0]
            newest = plan.matching.order_by(found.desc()).limit(FACET_SAMPLE).subquery("newest")
            counting = select(func.count()).select_from(plan.matching.subquery("counted"))
            total = counting.scalar_subquery()
        elif not plan.filters:
            newest = (
                select(matches.c.id)
                .order_by(matches.c.id.desc())
                .limit(FACET_SAMPLE)
                .subquery("newest")
            )
            total = select(func.count()).select_from(matches).scalar_subquery()
        if not plan.filters:
            return (
                columns.add_columns(*facts, total.label("total"))
                .select_from(f)
                .join(newest, newest.c.id == f.id)
                .order_by(f.id.desc())
            )
        return (
            columns.add_columns(*facts, func.count().over().label("total"))
            .select_from(f)
            .join(matches, matches.c.id == f.id)
            .where(and_(*plan.filters))
            .order_by(f.id.desc())
            .limit(FACET_SAMPLE)
        )
    if counted:
        columns = columns.add_columns(*facts, func.count().over().label("total"))
    return (
        _from(columns.select_from(f), plan.hits)
        .where(and_(true(), *plan.conditions))
        .order_by(f.id.desc())
        .limit(FACET_SAMPLE)
    )


SAMPLED = (
    "label",
    "analyst_label",
    "score",
    "person",
    "domain",
    "lang",
    "cluster",
    "obfuscated",
    "month",
)
SMALL_FACETS = frozenset({"label", "analyst_label", "score", "obfuscated"})  # every value


PAGE_FACET = "~page"  # facet_summary's rows holding the ids of the sample's head
TOTAL_FACET = "~total"  # and the one holding the number of matches


def facet_summary(sample_query: Select[Any], dialect: str, head: int) -> Select[Any]:
    """The facet counts of a ``facet_sample`` query, counted in SQL: ``(facet, value, n)``.

    One statement, whose rows are every value of the small facets, the ``FACET_SIZE``
    commonest of the others and of ``labelled_by`` (ties by value in code-point order, as
    ``count_facets``, on both engines), then ``(PAGE_FACET, None, id)`` for the ``head``
    newest sampled ids and, for a counted sample, ``(TOTAL_FACET, None, total)``. Only
    these few hundred rows cross to Python instead of the 10,000 of the sample (20-120 ms
    under load).
    """
    sample = sample_query.cte("sample")
    columns = list(sample.c)
    parts: list[Any] = []
    for index, name in enumerate(SAMPLED, start=1):
        value = columns[index]
        n = func.count()
        grouped = (
            select(literal(name).label("facet"), cast(value, String).label("value"), n.label("n"))
            .where(value.is_not(None))
            .group_by(value)
        )
        if name in SMALL_FACETS:
            parts.append(grouped)
            continue
        ordered = value.collate("C") if dialect == "postgresql" else value
        ranked = grouped.add_columns(
            func.row_number().over(order_by=(n.desc(), ordered)).label("place")
        ).subquery(f"facet_{name}")
        parts.append(
            select(ranked.c.facet, ranked.c.value, ranked.c.n).where(ranked.c.place <= FACET_SIZE)
        )
    documents = func.count(func.distinct(LabelRow.document_id))
    analyst = LabelRow.analyst.collate("C") if dialect == "postgresql" else LabelRow.analyst
    by = (
        select(
            literal("labelled_by").label("facet"),
            LabelRow.analyst.label("value"),
            documents.label("n"),
            func.row_number().over(order_by=(documents.desc(), analyst)).label("place"),
        )
        .join(sample, columns[0] == LabelRow.document_id)
        .group_by(LabelRow.analyst)
        .subquery("facet_labelled_by")
    )
    parts.append(select(by.c.facet, by.c.value, by.c.n).where(by.c.place <= FACET_SIZE))
    newest = select(columns[0]).order_by(columns[0].desc()).limit(head).subquery("head")
    none = cast(null(), String)
    parts.append(select(literal(PAGE_FACET), none, newest.c[0]))
    if columns[-1].name == "total":
        parts.append(select(literal(TOTAL_FACET), none, func.max(columns[-1])))
    return union_all(*parts)  # type: ignore[return-value]


def read_summary(
    rows: Sequence[Sequence[Any]],
) -> tuple[dict[str, tuple[FacetValue, ...]], list[int], int | None]:
    """``(facets, the head's ids newest first, total or None)`` of ``facet_summary`` rows."""
    found: dict[str, list[tuple[str, int]]] = {name: [] for name in (*SAMPLED, "labelled_by")}
    head: list[int] = []
    total = None
    for facet, value, n in rows:
        if facet == PAGE_FACET:
            head.append(int(n))
        elif facet == TOTAL_FACET:
            total = int(n) if n is not None else 0
        else:
            found[facet].append((str(value), int(n)))
    facets = {}
    for name, values in found.items():
        ordered = sorted(values, key=lambda kv: (-kv[1], kv[0]))
        facets[name] = tuple(FacetValue(v, n) for v, n in ordered)
    head.sort(reverse=True)
    return facets, head, total


def count_facets(rows: Sequence[Sequence[Any]]) -> dict[str, tuple[FacetValue, ...]]:
    """Facet counts of ``facet_sample`` rows (``labelled_by`` is counted in SQL).

    Every value of the small facets (verdict, analyst label, score bucket, obfuscated),
    the ``FACET_SIZE`` commonest of the others; most documents first, then by value.

    >>> rows = [(1, "fabricated", "none", "0.8-1.0", "Ann Lee", "a.example", "en", "tpl-1",
    ...          "yes", "2026-01"), (2, "genuine", "genuine", "0.0-0.2", None, None, "en",
    ...          "tpl-2", "no", "2026-02")]
    >>> facets = count_facets(rows)
    >>> [(v.value, v.count) for v in facets["score"]], [v.value for v in facets["person"]]
    ([('0.0-0.2', 1), ('0.8-1.0', 1)], ['Ann Lee'])
    """
    out = {}
    # one column at a time, counted in C (the columns past the facets, the facts of
    # ``facet_sample(counted=True)``, are not read)
    for column_index, name in enumerate(SAMPLED, start=1):
        counter = Counter(map(itemgetter(column_index), rows))
        counter.pop(None, None)
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        if name not in SMALL_FACETS:
            ranked = ranked[:FACET_SIZE]
        out[name] = tuple(FacetValue(str(value), n) for value, n in ranked)
    return out
