"""CDN and hosting hints from the crawl: WARC-IP-Address and the HTTP response headers.

The WARC reader (``ingest.warc``) keeps only the record id and date of each response; this
module reads the few headers that say where a page was served from straight from the WARC
file (headers only, bodies are skipped), keyed by record id, which is the document id of
every WARC document. A document whose ``meta`` already carries ``warc_ip_address`` or
``http_server`` uses those. All of these are weak: a CDN or a shared host serves thousands
of unrelated sites.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoaxlens.networks.records import Fingerprint, Strength

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

logger = logging.getLogger(__name__)

# response header (lower case) present -> CDN it names
_CDN_HEADERS = {
    "cf-ray": "cloudflare",
    "x-amz-cf-id": "cloudfront",
    "x-sucuri-id": "sucuri",
    "x-akamai-transformed": "akamai",
    "x-fastly-request-id": "fastly",
    "x-bunnycdn-request-id": "bunnycdn",
}
# product named in the Server header -> CDN
_CDN_SERVERS = {
    "cloudflare": "cloudflare",
    "akamaighost": "akamai",
    "cloudfront": "cloudfront",
    "bunnycdn": "bunnycdn",
    "sucuri/cloudproxy": "sucuri",
}


@dataclass(frozen=True, slots=True)
class HostingHints:
    """What the crawl recorded about where one response came from."""

    ip: str = ""
    server: str = ""
    cdn: str = ""


def hints_from_headers(ip: str | None, headers: Mapping[str, str]) -> HostingHints:
    """Hints from a WARC-IP-Address and HTTP response headers (names in any case).

    >>> hints_from_headers("104.21.3.4", {"Server": "cloudflare", "CF-RAY": "8a1"})
    HostingHints(ip='104.21.3.4', server='cloudflare', cdn='cloudflare')
    """
    lower = {k.lower(): v for k, v in headers.items()}
    server = (lower.get("server") or "").strip().lower()[:80]
    cdn = _CDN_SERVERS.get(server.split("/")[0] if server else "", "")
    if not cdn and server in _CDN_SERVERS:
        cdn = _CDN_SERVERS[server]
    for header, name in _CDN_HEADERS.items():
        if not cdn and header in lower:
            cdn = name
    return HostingHints(ip=(ip or "").strip()[:64], server=server, cdn=cdn)


def hints_from_meta(meta: Iterable[tuple[str, str]]) -> HostingHints | None:
    """Hints a reader put in a document's ``meta`` (``warc_ip_address``, ``http_server``)."""
    values = dict(meta)
    ip, server = values.get("warc_ip_address"), values.get("http_server")
    if not ip and not server:
        return None
    return hints_from_headers(ip, {"Server": server or ""})


def hosting_fingerprints(hints: HostingHints) -> list[Fingerprint]:
    """The weak fingerprints of a response's hosting hints (evidence: the WARC header)."""
    found = []
    if hints.ip:
        found.append(Fingerprint("ip", hints.ip, Strength.WEAK, "warc", -1, "header"))
    if hints.server:
        found.append(Fingerprint("server", hints.server, Strength.WEAK, "warc", -1, "header"))
    if hints.cdn:
        found.append(Fingerprint("cdn", hints.cdn, Strength.WEAK, "warc", -1, "header"))
    return found


def read_warc_hosting(path: Path) -> dict[str, HostingHints]:
    """Record id (without ``<>``) → hosting hints, for every response record of a WARC file.

    A damaged file gives the hints read before the damage (the scan itself reports it).
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    from hoaxlens.ingest.warc import record_id

    found: dict[str, HostingHints] = {}
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response):
                rid = record_id(record.record_id)
                if rid is None:
                    continue
                http = record.http_headers
                headers = {} if http is None else dict(http.items())
                hints = hints_from_headers(record.headers.get("WARC-IP-Address"), headers)
                if hints != HostingHints():
                    found[rid] = hints
    except Exception as exc:  # damaged crawls are reported by the scan; hints are a bonus
        logger.info("%s: hosting hints read up to a damaged record (%s)", path, exc)
    return found


def read_hosting(paths: Iterable[Path]) -> dict[str, HostingHints]:
    """Hosting hints of every WARC file among ``paths`` (``.warc``, ``.warc.gz``)."""
    found: dict[str, HostingHints] = {}
    for path in paths:
        name = path.name.lower()
        if name.endswith((".warc", ".warc.gz")):
            found.update(read_warc_hosting(path))
    return found
