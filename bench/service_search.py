"""Search and facet latency of the service store with 100,000 stored documents (issue 20).

Builds a store the way the service fills one, without analysing 100,000 documents: a few
hundred base stories are analysed for real (the synthetic generator of
``hoaxlens.batch.synthetic`` plus the test fixtures in ``tests/corpus`` and
``tests/service/data``), then every stored document is a copy of one of them, as content
farms make them: the person swapped (a pool of 3,600 generated names), a farm domain and
URL (500 generated domains), a publication day in 2024-2026, a language. Copies of one
base story share a campaign id (a Zipf-sized campaign, or a singleton for 30 % of the
documents); 5 % of the documents carry analyst labels. Rows go through the store's own
code (``_document_values``, ``search.index_document``), 2,000 per transaction.

Then each query kind runs ``--queries`` times with drawn parameters through
``Store.search`` (what ``GET /v1/documents`` and ``/documents`` call: the page, the total,
and with facets the ten facet counts), and p50/p95/max are printed per kind.

    python bench/service_search.py --sqlite /tmp/search.db \
        --postgres postgresql://hoaxlens_ci:hoaxlens_ci@127.0.0.1/hoaxlens_bench [--docs 100000]

The PostgreSQL database must be a throwaway one: the service's tables are dropped first.
``--reuse`` measures an already filled store; ``--compare N`` then times the broad kinds
with facets against the previous search code (``previous_search``), alternated.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, insert, select, text

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.batch.synthetic import generate
from hoaxlens.cluster import DEFAULT_CLUSTER_CONFIG, cluster_text, document_signature
from hoaxlens.service.models import DocumentRow, FactRow, LabelRow, PersonRow, utcnow
from hoaxlens.service.pool import encode
from hoaxlens.service.search import (
    FACET_SIZE,
    Plan,
    SearchQuery,
    build,
    count_facets,
    count_query,
    facet_sample,
    index_document,
)
from hoaxlens.service.store import Store, _document_values, _fact_values
from hoaxlens.service.views import NewDocument
from hoaxlens.types import MediaType, RawDocument, Verdict

ROOT = Path(__file__).resolve().parent.parent
FIRST = [
    "Ava",
    "Ben",
    "Cara",
    "Dax",
    "Elle",
    "Finn",
    "Gia",
    "Hugo",
    "Iris",
    "Jude",
    "Kai",
    "Lola",
    "Milo",
    "Nora",
    "Otis",
    "Pia",
    "Quin",
    "Rhea",
    "Sage",
    "Theo",
    "Uma",
    "Vera",
    "Wade",
    "Xena",
    "Yara",
    "Zane",
    "Abel",
    "Bree",
    "Cole",
    "Dana",
    "Eden",
    "Flynn",
    "Gwen",
    "Hank",
    "Isla",
    "Jett",
    "Kara",
    "Liam",
    "Maya",
    "Nash",
    "Opal",
    "Penn",
    "Rosa",
    "Seth",
    "Tara",
    "Vince",
    "Willa",
    "Yves",
    "Zora",
    "Arlo",
    "Bea",
    "Cruz",
    "Dell",
    "Esme",
    "Ford",
    "Gail",
    "Hope",
    "Ivo",
    "Jada",
]
LAST = [
    "Abbott",
    "Barlow",
    "Cortez",
    "Dalton",
    "Ellison",
    "Fenwick",
    "Garner",
    "Holloway",
    "Ingram",
    "Jennings",
    "Kessler",
    "Lowell",
    "Mercer",
    "Nolan",
    "Oakley",
    "Prescott",
    "Quigley",
    "Ramsey",
    "Sutton",
    "Thorne",
    "Underwood",
    "Vance",
    "Whitlock",
    "Yardley",
    "Zeller",
    "Ashford",
    "Bramley",
    "Carver",
    "Dempsey",
    "Eastman",
    "Fairchild",
    "Gould",
    "Hartley",
    "Irving",
    "Jarvis",
    "Keane",
    "Lockhart",
    "Maddox",
    "Norwood",
    "Osborne",
    "Pryor",
    "Radcliffe",
    "Stanton",
    "Tolliver",
    "Upton",
    "Varga",
    "Webber",
    "Wexler",
    "York",
    "Zamora",
    "Aldridge",
    "Blakely",
    "Conroy",
    "Drummond",
    "Everly",
    "Faulkner",
    "Greer",
    "Hadley",
    "Ives",
    "Judd",
]
WORDS = [
    "daily",
    "viral",
    "buzz",
    "star",
    "news",
    "hub",
    "trend",
    "celeb",
    "fan",
    "story",
    "world",
    "today",
    "live",
    "insider",
    "spot",
    "feed",
    "wire",
    "post",
    "times",
    "hot",
    "glam",
    "media",
]
TLDS = ("com", "net", "info", "online", "site", "news", "com.vn", "xyz")
LANGS = ("en",) * 46 + ("es", "fr", "de", "pt")
ANALYSTS = tuple(f"analyst{i}" for i in range(1, 11))
START = date(2024, 1, 1)


def base_records(n: int, seed: int) -> list[dict[str, Any]]:
    """Analyse ``n`` synthetic stories and the test fixtures; their records and signatures."""
    analyzer = Analyzer(AnalyzerConfig())
    raws = [
        RawDocument(d.id, d.text, MediaType.TEXT, "bench", title=d.title)
        for d in generate(n, seed=seed, paragraphs=2)
    ]
    fixtures = [
        *sorted((ROOT / "tests" / "corpus" / "stories").glob("*.txt")),
        *sorted((ROOT / "tests" / "service" / "data").glob("*.txt")),
    ]
    raws += [
        RawDocument(p.stem, p.read_text(encoding="utf-8"), MediaType.TEXT, "bench")
        for p in fixtures
    ]
    out = []
    for raw in raws:
        result = analyzer.analyze(raw)
        if not isinstance(result, Verdict):
            continue
        cluster = cluster_text(result.document.title, result.document.text)
        signature = document_signature(cluster, DEFAULT_CLUSTER_CONFIG)[1]
        analysed = encode(result, signature)
        out.append({"raw": raw, "record": dict(analysed.record), "signature": signature})
    return out


def _domains(rng: random.Random, n: int) -> list[str]:
    found: set[str] = set()
    while len(found) < n:
        words = rng.sample(WORDS, 2)
        found.add(f"{words[0]}{words[1]}{rng.randrange(10, 99)}.{rng.choice(TLDS)}")
    return sorted(found)


def _copy(
    base: dict[str, Any], i: int, rng: random.Random, domains: list[str]
) -> tuple[NewDocument, list[str]]:
    record = json.loads(json.dumps(base["record"]))
    old = (record.get("people") or [None])[0]
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    title, body = record.get("title") or "", record.get("text") or ""
    if old:
        title, body = title.replace(old, name), body.replace(old, name)
        record["people"] = [name, *record["people"][1:]]
    domain = rng.choice(domains)
    slug = "-".join(title.lower().split()[:8]) or "story"
    day = START + timedelta(days=rng.randrange(0, 1060))
    record |= {
        "id": f"bench-{i:07d}",
        "title": title,
        "text": body,
        "url": f"https://{domain}/{slug}-{i}",
        "lang": rng.choice(LANGS),
        "score": min(1.0, max(0.0, record["score"] + rng.uniform(-0.03, 0.03))),
    }
    record["page"] = dict(record.get("page") or {}) | {
        "domain": domain,
        "published": day.isoformat(),
    }
    raw = RawDocument(
        record["id"], body, MediaType.TEXT, "bench", url=record["url"], title=title or None
    )
    record_json = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return NewDocument(raw, record, record_json, base["signature"]), record["people"]


def fill(store: Store, docs: int, bases: list[dict[str, Any]], seed: int) -> float:
    """Insert ``docs`` copies; return the seconds it took."""
    rng = random.Random(seed)
    domains = _domains(rng, 500)
    campaigns = 8_000
    weights = [1 / (k + 1) ** 0.9 for k in range(campaigns)]
    campaign_base = [rng.randrange(len(bases)) for _ in range(campaigns)]
    t0 = time.perf_counter()
    i = 0
    while i < docs:
        batch = min(2_000, docs - i)
        now = utcnow()
        with store.engine.begin() as conn:
            values, plans = [], []
            for j in range(i, i + batch):
                if rng.random() < 0.3:
                    cluster, base = f"tpl-s{j:011d}", rng.randrange(len(bases))
                else:
                    k = rng.choices(range(campaigns), weights)[0]
                    cluster, base = f"tpl-c{k:011d}", campaign_base[k]
                new, names = _copy(bases[base], j, rng, domains)
                values.append(_document_values(new, now) | {"cluster_id": cluster})
                plans.append((new, names, cluster))
            table = DocumentRow.__table__
            ids = list(conn.execute(insert(table).returning(table.c.id), values).scalars())
            facts, people, labels = [], [], []
            for doc_id, (new, names, cluster) in zip(ids, plans, strict=True):
                fact = _fact_values(new, doc_id, now) | {"cluster_id": cluster}
                people += [{"document_id": doc_id, "name": n[:256]} for n in dict.fromkeys(names)]
                if rng.random() < 0.05:
                    for who in rng.sample(ANALYSTS, rng.choice((1, 1, 2))):
                        label = rng.choice(("fabricated", "genuine"))
                        labels.append(
                            {"document_id": doc_id, "label": label, "analyst": who, "note": ""}
                        )
                        fact["analyst_label"] = label  # the latest label
                facts.append(fact)
            conn.execute(insert(FactRow), facts)
            for doc_id, (new, _names, _cluster) in zip(ids, plans, strict=True):
                index_document(conn, doc_id, new.record)
            if people:
                conn.execute(insert(PersonRow), people)
            if labels:
                conn.execute(insert(LabelRow), labels)
        i += batch
        print(f"  {i:,} stored", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - t0


def query_kinds(rng: random.Random, store: Store) -> dict[str, Any]:
    """Query makers by kind; each returns a ``SearchQuery`` with drawn parameters."""
    with store.engine.connect() as conn:
        people = [
            r[0] for r in conn.execute(text("SELECT DISTINCT person FROM document_facts LIMIT 999"))
        ]
        domains = [r[0] for r in conn.execute(text("SELECT DISTINCT domain FROM document_facts"))]
        clusters = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT cluster_id FROM document_facts GROUP BY cluster_id "
                    "HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 500"
                )
            )
        ]
    words = ["stranger", "diner", "council", "library", "tears", "surgery", "arena", "hospital"]
    phrases = ['"then it happened"', '"the crowd fell silent"', '"press release"']

    def last() -> str:
        return rng.choice(LAST).lower()

    return {
        "browse + facets": lambda: SearchQuery(facets=True),
        "word + facets": lambda: SearchQuery(q=rng.choice(words), facets=True),
        "name + facets": lambda: SearchQuery(q=f"{rng.choice(FIRST)} {last()}", facets=True),
        "phrase + facets": lambda: SearchQuery(q=rng.choice(phrases), facets=True),
        "prefix, relevance": lambda: SearchQuery(q=last()[:4] + "*", sort="relevance"),
        "word + label + domain + facets": lambda: SearchQuery(
            q=rng.choice(words), label="fabricated", domain=rng.choice(domains), facets=True
        ),
        "person, by score + facets": lambda: SearchQuery(
            person=rng.choice(people), sort="score", facets=True
        ),
        "score range + dates + facets": lambda: SearchQuery(
            score_min=0.8,
            since=START + timedelta(days=rng.randrange(0, 900)),
            until=START + timedelta(days=rng.randrange(900, 1060)),
            facets=True,
        ),
        "campaign copies": lambda: SearchQuery(
            cluster_id=rng.choice(clusters), sort="oldest", limit=100
        ),
        "review queue (unlabelled, by score)": lambda: SearchQuery(
            analyst_label="none", sort="score", limit=100
        ),
        "labelled by + facets": lambda: SearchQuery(labelled_by=rng.choice(ANALYSTS), facets=True),
        "exclude word + obfuscated": lambda: SearchQuery(
            q=f"{rng.choice(words)} -{rng.choice(words)}", obfuscated=True, facets=True
        ),
    }


def _server_cpu(store: Store) -> float:
    """CPU seconds used so far by the PostgreSQL backends of this database (0 on SQLite).

    Read from /proc (the server runs on this machine): with the client's own CPU time it
    gives what a query costs whatever else the machine is running.
    """
    if store.engine.dialect.name != "postgresql":
        return 0.0
    with store.engine.connect() as conn:
        pids = conn.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        ).scalars()
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime, clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def _cpu(store: Store) -> float:
    return time.process_time() + _server_cpu(store)


def measure(store: Store, queries: int, seed: int) -> dict[str, dict[str, float]]:
    """Wall and CPU p50/p95/max in ms per query kind (and pages 2-5 of a cursor walk).

    CPU is this process's time plus, on PostgreSQL, its backends' (at 10 ms resolution):
    all of a query's work, which a busy shared machine does not inflate.
    """
    rng = random.Random(seed + 1)
    out: dict[str, dict[str, float]] = {}
    for name, make in query_kinds(rng, store).items():
        walls, cpus = [], []
        store.search(make())  # warm the caches once per kind
        for _ in range(queries):
            q = make()
            c0 = _cpu(store)
            t0 = time.perf_counter()
            store.search(q)
            walls.append((time.perf_counter() - t0) * 1000)
            cpus.append((_cpu(store) - c0) * 1000)
        out[name] = _stats(walls, cpus)
    walls, cpus = [], []
    for _ in range(max(1, queries // 5)):
        page = store.search(SearchQuery(sort="score"))
        for _ in range(4):
            cursor = page.next_cursor
            c0 = _cpu(store)
            t0 = time.perf_counter()
            page = store.search(SearchQuery(sort="score", cursor=cursor))
            walls.append((time.perf_counter() - t0) * 1000)
            cpus.append((_cpu(store) - c0) * 1000)
    out["next pages (cursor), by score"] = _stats(walls, cpus)
    return out


def labelled_by_facet(plan: Plan) -> Select[Any]:
    """``(analyst, documents)`` over the facet sample, most documents first.

    The labelled-by facet as its own statement, as ``Store.search`` ran it before the text
    match was read once: only ``previous_search`` (the ``--compare`` anchor) uses it.
    """
    sample = facet_sample(plan).subquery("sample")
    documents = func.count(func.distinct(LabelRow.document_id))
    query: Any = (
        select(LabelRow.analyst, documents)
        .join(sample, sample.c.id == LabelRow.document_id)
        .group_by(LabelRow.analyst)
        .order_by(documents.desc(), LabelRow.analyst)
        .limit(FACET_SIZE)
    )
    return query  # type: ignore[no-any-return]


def previous_search(store: Store, query: SearchQuery) -> tuple[int, list[int], Any]:
    """``Store.search`` as it was before the text match was read once (b1ac71a's parent).

    The page, the total, the facet sample and the labelled-by facet each a statement of
    its own, so a text match is evaluated up to four times: the anchor of ``--compare``.
    """
    plan = build(query, store.engine.dialect.name)
    with store.sessions() as session:
        rows = session.execute(plan.page).all()
        total = session.scalar(count_query(plan)) or 0
        facets: dict[str, Any] = {}
        if query.facets:
            conn = session.connection()
            counted = count_facets(conn.execute(facet_sample(plan)).all())
            facets = {k: [(v.value, v.count) for v in found] for k, found in counted.items()}
            facets["labelled_by"] = sorted(
                (str(a), int(n)) for a, n in conn.execute(labelled_by_facet(plan)).all()
            )
        ids = [fact.id for fact, _key in rows[: query.limit]]
        session.execute(
            select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.title, DocumentRow.url).where(
                DocumentRow.id.in_(ids)
            )
        ).all()
    return total, ids, facets


def _answer(page: Any) -> tuple[int, list[int], Any]:  # noqa: ANN401 - a SearchPage
    facets = {k: [(v.value, v.count) for v in found] for k, found in page.facets.items()}
    if "labelled_by" in facets:
        facets["labelled_by"] = sorted(facets["labelled_by"])
    return page.total, [d.id for d in page.items], facets


def compare(store: Store, queries: int, seed: int) -> dict[str, dict[str, float]]:
    """Wall p50/p95 of this code and of ``previous_search``, alternated query by query.

    The same drawn queries, each asked of both in turn (which goes first alternates), on
    the broad kinds with facets; their answers (total, page, facet counts) must be equal.
    """
    rng = random.Random(seed + 2)
    kinds = query_kinds(rng, store)
    out = {}
    for name in (
        "browse + facets",
        "word + facets",
        "phrase + facets",
        "exclude word + obfuscated",
        "score range + dates + facets",
    ):
        now: list[float] = []
        before: list[float] = []
        for i in range(queries):
            q = kinds[name]()
            runs = [("now", now), ("before", before)]
            answers = {}
            for which, times in runs if i % 2 else runs[::-1]:
                t0 = time.perf_counter()
                if which == "now":
                    answers[which] = _answer(store.search(q))
                else:
                    answers[which] = previous_search(store, q)
                times.append((time.perf_counter() - t0) * 1000)
            if answers["now"] != answers["before"]:
                raise AssertionError(f"{name}: {q} answers differ")
        out[name] = {
            "now_p50_ms": round(statistics.median(now), 1),
            "now_p95_ms": _p95(now),
            "before_p50_ms": round(statistics.median(before), 1),
            "before_p95_ms": _p95(before),
            "ratio_p50": round(statistics.median(now) / statistics.median(before), 2),
            "ratio_p95": round(_p95(now) / _p95(before), 2),
        }
    return out


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, round(0.95 * (len(values) - 1)))], 1)


def _stats(walls: list[float], cpus: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(walls), 1),
        "p95_ms": _p95(walls),
        "max_ms": round(max(walls), 1),
        "cpu_p50_ms": round(statistics.median(cpus), 1),
        "cpu_p95_ms": _p95(cpus),
        "n": len(walls),
    }


def _reset(url: str) -> None:
    from hoaxlens.service.database import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        for table in (
            "users",
            "label_history",
            "notes",
            "document_search",
            "document_facts",
            "job_items",
            "labels",
            "people",
            "documents",
            "jobs",
            "sessions",
            "usage",
            "service_secrets",
            "alembic_version",
        ):
            conn.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", type=Path, help="SQLite file to build (replaced)")
    parser.add_argument("--postgres", help="throwaway PostgreSQL database URL")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=300, help="stories analysed for real")
    parser.add_argument("--queries", type=int, default=100, help="runs per query kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reuse", action="store_true", help="measure the stores as they are")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument(
        "--compare",
        type=int,
        default=0,
        metavar="N",
        help="then time N queries of each broad kind with facets against the previous "
        "search code, alternated (ratios in the same run; answers must be equal)",
    )
    args = parser.parse_args()
    targets = []
    if args.sqlite:
        targets.append(("sqlite", str(args.sqlite)))
    if args.postgres:
        targets.append(("postgresql", args.postgres))
    if not targets:
        parser.error("give --sqlite PATH and/or --postgres URL")
    bases: list[dict[str, Any]] = []
    if not args.reuse:
        t0 = time.perf_counter()
        bases = base_records(args.base, args.seed)
        print(
            f"analysed {len(bases)} base stories in {time.perf_counter() - t0:.0f} s",
            file=sys.stderr,
        )
    results: dict[str, Any] = {"docs": args.docs, "queries": args.queries, "stores": {}}
    for kind, url in targets:
        if not args.reuse:
            if kind == "sqlite":
                for suffix in ("", "-wal", "-shm"):
                    Path(url + suffix).unlink(missing_ok=True)
            else:
                _reset(url)
        store = Store(url)
        try:
            fill_s = None if args.reuse else round(fill(store, args.docs, bases, args.seed), 1)
            stored = store.count_documents()
            load = os.getloadavg()[0]
            figures = measure(store, args.queries, args.seed)
            load = max(load, os.getloadavg()[0])
            compared = compare(store, args.compare, args.seed) if args.compare else {}
        finally:
            store.close()
        results["stores"][kind] = {
            "stored": stored,
            "fill_s": fill_s,
            "load_average": round(load, 1),
            "cores": os.cpu_count(),
            "queries": figures,
            "compared_with_previous": compared,
        }
        print(
            f"\n{kind}: {stored:,} documents (filled in {fill_s} s); load average up to "
            f"{load:.1f} on {os.cpu_count()} cores"
        )
        print("| query | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, f in figures.items():
            print(
                f"| {name} | {f['p50_ms']} | {f['p95_ms']} | {f['max_ms']} | "
                f"{f['cpu_p50_ms']} | {f['cpu_p95_ms']} |"
            )
        worst = max(f["p95_ms"] for f in figures.values())
        worst_cpu = max(f["cpu_p95_ms"] for f in figures.values())
        print(f"worst p95: {worst} ms wall, {worst_cpu} ms CPU (target <= 300 ms)")
        if compared:
            print("| query | now p50 / p95 ms | previous p50 / p95 ms | ratio p50 / p95 |")
            print("|---|---:|---:|---:|")
            for name, c in compared.items():
                print(
                    f"| {name} | {c['now_p50_ms']} / {c['now_p95_ms']} | "
                    f"{c['before_p50_ms']} / {c['before_p95_ms']} | "
                    f"{c['ratio_p50']} / {c['ratio_p95']} |"
                )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
