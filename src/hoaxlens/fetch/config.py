"""How politely, and where, hoaxlens fetches pages: one frozen config, validated at start."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from hoaxlens import __version__

USER_AGENT = (
    f"hoaxlens/{__version__} (fact-checking fetcher; fetches one page per link it is given, "
    "obeys robots.txt; +https://pypi.org/project/hoaxlens/)"
)
# The robots.txt token hoaxlens answers to (RFC 9309: the product token of the User-Agent).
ROBOTS_AGENT = "hoaxlens"


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """Limits and manners of the fetcher.

    Timeouts are seconds: ``connect_timeout`` to open a connection, ``read_timeout``
    between two reads, ``total_timeout`` for one response, body included (a server that
    trickles bytes cannot hold a worker for ever). ``max_bytes`` caps a body as it comes
    over the wire; a longer one is cut there, kept in the WARC as truncated, and gives an
    error row. ``per_host_interval`` is the least time between two requests to one host
    (robots.txt's ``Crawl-delay`` can only make it longer); ``per_host_concurrency`` and
    ``concurrency`` cap requests in flight to one host and in all. A request that times out,
    cannot connect or gets 429/500/502/503/504 is tried again up to ``retries`` times,
    after ``Retry-After`` when the server sends one (up to ``max_retry_after``) or after
    ``backoff`` seconds doubled at each try.

    ``allowed_networks``: private, loopback, link-local and other non-public addresses are
    refused (SSRF guard) unless they fall in one of these CIDR ranges
    (``"127.0.0.0/8"``). A host name is resolved once per connection and the connection
    goes to the address that was checked.
    """

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host_interval: float = 1.0
    per_host_concurrency: int = 2
    concurrency: int = 16
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 120.0
    robots: bool = True
    http2: bool = True
    allowed_networks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout", "max_retry_after"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for name in ("max_bytes", "per_host_concurrency", "concurrency"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if (
            min(self.max_redirects, self.retries) < 0
            or min(self.per_host_interval, self.backoff) < 0
        ):
            raise ValueError("max_redirects, retries, per_host_interval and backoff must be >= 0")
        for cidr in self.allowed_networks:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError as exc:
                raise ValueError(f"allowed_networks: {cidr!r} is not a CIDR range") from exc
