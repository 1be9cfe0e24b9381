"""Operator networks on a seeded synthetic crawl: pairwise same-operator precision and recall.

The crawl comes from ``hoaxlens.networks.synthetic`` (written without the extractor: it
writes HTML and records who runs each site). It is written as a WARC file with
WARC-IP-Address and Server headers and read back through ``read_documents`` and the
hosting-hint reader, as ``hoaxlens networks`` reads a crawl. A pair of sites is a true pair
when one operator runs both; a genuine news site is its own operator, so any news site put
in a network of two or more sites is an error (counted separately too).

Rows: the default rule; the same crawl with one part of it removed (no corroboration of
an operator's own ids; no author slugs, which every synthetic operator puts on all its
sites; no hub damping; every identifier linking like a strong one); a generic author slug
("web-desk") on the largest operator's sites and on 5 news sites, which corroboration must
not join; and a small ad reseller (one publisher id on 12 sites of 3 operators, fewer than
the damping threshold): the known limit, measured.

    python bench/networks.py [--seeds 22,1,7] [--operators 48] [--news 40]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from hoaxlens.ingest import read_documents
from hoaxlens.networks import (
    NetworkConfig,
    PageFingerprints,
    Strength,
    find_networks,
    fingerprint_document,
    read_hosting,
    same_network_pairs,
)
from hoaxlens.networks.synthetic import SyntheticCrawl, generate_crawl, warc_bytes
from hoaxlens.types import RawDocument


def fingerprint_crawl(crawl: SyntheticCrawl, folder: Path) -> tuple[list[PageFingerprints], float]:
    path = folder / f"crawl-{crawl.seed}.warc"
    path.write_bytes(warc_bytes(crawl))
    start = time.process_time()
    hosting = read_hosting([path])
    pages = [
        fingerprint_document(item, hosting.get(item.id))
        for item in read_documents([path])
        if isinstance(item, RawDocument)
    ]
    return pages, time.process_time() - start


def score(crawl: SyntheticCrawl, roots: dict[str, str]) -> tuple[float, float, int, int]:
    sites = sorted(crawl.owner)
    predicted = same_network_pairs(roots, sites)
    truth = {(a, b) for a, b in combinations(sites, 2) if crawl.owner[a] == crawl.owner[b]}
    hit = len(predicted & truth)
    precision = hit / len(predicted) if predicted else 1.0
    news_joined = sum(1 for a, b in predicted if a in crawl.news or b in crawl.news)
    return precision, hit / len(truth), len(predicted - truth), news_joined


def without_authors(pages: list[PageFingerprints]) -> list[PageFingerprints]:
    """The same pages with no author slug (the synthetic operators' bylines are tidy)."""
    return [
        replace(p, fingerprints=tuple(f for f in p.fingerprints if f.kind != "author"))
        for p in pages
    ]


def all_strong(pages: list[PageFingerprints]) -> list[PageFingerprints]:
    return [
        replace(p, fingerprints=tuple(replace(f, strength=Strength.STRONG) for f in p.fingerprints))
        for p in pages
    ]


def small_reseller(crawl: SyntheticCrawl, seed: int) -> SyntheticCrawl:
    """One reseller publisher id on 4 sites each of 3 operators (12 sites)."""
    rng = random.Random(seed)
    by_op: dict[str, list[str]] = {}
    for domain, op in sorted(crawl.owner.items()):
        if not op.startswith("news:"):
            by_op.setdefault(op, []).append(domain)
    chosen = {d for op in rng.sample(sorted(by_op), 3) for d in by_op[op][:4]}
    tag = '<ins class="adsbygoogle" data-ad-client="ca-pub-5550001112223334"></ins></body>'
    pages = tuple(
        replace(p, html=p.html.replace("</body>", tag)) if _domain(p.url) in chosen else p
        for p in crawl.pages
    )
    return replace(crawl, pages=pages)


def generic_author(crawl: SyntheticCrawl) -> SyntheticCrawl:
    """A byline slug no generic-name list knows, on the largest operator and 5 news sites."""
    by_op: dict[str, list[str]] = {}
    for domain, op in sorted(crawl.owner.items()):
        by_op.setdefault(op, []).append(domain)
    largest = max(sorted(by_op), key=lambda op: len(by_op[op]))
    chosen = set(by_op[largest]) | set(sorted(crawl.news)[:5])

    def tag(url: str) -> str:
        return f'<a href="https://{_domain(url)}/author/web-desk/">Web Desk</a></body>'

    pages = tuple(
        replace(p, html=p.html.replace("</body>", tag(p.url))) if _domain(p.url) in chosen else p
        for p in crawl.pages
    )
    return replace(crawl, pages=pages)


def _domain(url: str) -> str:
    return url.split("/")[2].removeprefix("www.")


def row(
    name: str, crawl: SyntheticCrawl, pages: list[PageFingerprints], config: NetworkConfig
) -> str:
    start = time.process_time()
    networks = find_networks(pages, config)
    seconds = time.process_time() - start
    p, r, wrong, news = score(crawl, networks.roots)
    multi = sum(1 for size in networks.sizes.values() if size > 1)
    return f"| {name} | {p:.4f} | {r:.4f} | {wrong} | {news} | {multi} | {seconds:.2f} |"


def describe(crawl: SyntheticCrawl, pages: list[PageFingerprints], seconds: float) -> str:
    farm = [s for s in crawl.owner if s not in crawl.news]
    farm_pages = sum(1 for p in crawl.pages if _domain(p.url) not in crawl.news)
    operators = len({crawl.owner[s] for s in farm})
    ids = sum(len(p.fingerprints) for p in pages)
    no_id = sum(1 for p in pages if not any(f.strength is Strength.STRONG for f in p.fingerprints))
    evidence = all(
        f.tag and (f.offset >= 0 or f.context == "header") for p in pages for f in p.fingerprints
    )
    return (
        f"seed {crawl.seed}: {len(crawl.pages)} pages ({farm_pages} farm pages) on "
        f"{len(crawl.owner)} sites: {len(farm)} farm sites of {operators} operators and "
        f"{len(crawl.news)} news sites; {ids} identifiers found, every one with evidence: "
        f"{evidence}; {no_id} pages without a strong identifier; fingerprinting "
        f"{len(pages) / seconds:.0f} pages per CPU-second (WARC read included)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="22,1,7")
    parser.add_argument("--operators", type=int, default=48)
    parser.add_argument("--news", type=int, default=40)
    args = parser.parse_args()
    default = NetworkConfig()
    header = (
        "| rule | pair precision | pair recall | wrong pairs | pairs with a news site "
        "| networks (2+ sites) | CPU s |\n|---|---:|---:|---:|---:|---:|---:|"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (int(s) for s in args.seeds.split(",")):
            crawl = generate_crawl(seed, operators=args.operators, news_sites=args.news)
            pages, seconds = fingerprint_crawl(crawl, Path(tmp))
            print(describe(crawl, pages, seconds) + "\n")
            print(header)
            print(row("default (hubs damped, weak ids never link)", crawl, pages, default))
            print(
                row(
                    "no corroboration (step 5 off)",
                    crawl,
                    pages,
                    replace(default, corroboration=None),
                )
            )
            no_hub = replace(default, soft_domains=10**6, hub_domains=10**6)
            print(row("default, author slugs left out", crawl, without_authors(pages), default))
            print(row("no hub damping", crawl, pages, no_hub))
            print(
                row("every identifier links like a strong one", crawl, all_strong(pages), default)
            )
            generic = generic_author(crawl)
            generic_pages, _ = fingerprint_crawl(generic, Path(tmp))
            name = "default + a generic author slug on the largest operator and 5 news sites"
            print(row(name, generic, generic_pages, default))
            small = small_reseller(crawl, seed)
            small_pages, _ = fingerprint_crawl(small, Path(tmp))
            print(
                row(
                    "default + a reseller id on 12 sites of 3 operators",
                    small,
                    small_pages,
                    default,
                )
            )
            print()


if __name__ == "__main__":
    main()
