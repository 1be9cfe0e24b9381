"""Fetch pages politely and record every exchange in a WARC file.

One ``Fetcher`` per run: one HTTP client (HTTP/2 where the server offers it), robots.txt read
once per origin, a per-host gap between requests and caps on requests in flight, retries with
backoff that honour ``Retry-After``, a byte cap, a few redirects, every connection through the
SSRF guard. Each URL gets exactly one outcome: its page (a ``response`` record marked
``page``) or an error (a ``metadata`` record saying why); ``fetch_to_warc`` writes the
outcomes in the order the URLs were given.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections import deque
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from hoaxlens.fetch.config import ROBOTS_AGENT, FetchConfig
from hoaxlens.fetch.guard import AddressPolicy, FetchError
from hoaxlens.fetch.transport import guarded_transport
from hoaxlens.fetch.warc import (
    WarcSink,
    attempt_records,
    error_record,
    http_block,
    request_record,
    response_record,
    warcinfo_record,
)

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable
    from pathlib import Path

logger = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """What became of one URL: its page's final URL and status, or why there is none."""

    requested: str
    fetched_at: str
    final_url: str | None = None
    status: int | None = None
    error_type: str | None = None
    message: str | None = None
    records: tuple[bytes, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        """Whether the URL gave a page."""
        return self.error_type is None


@dataclass(slots=True)
class _Exchange:
    url: str
    date: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    truncated: bool
    request: bytes
    response: bytes

    @property
    def content_type(self) -> str:
        for key, value in self.headers:
            if key.lower() == "content-type":
                return value.split(";", 1)[0].strip().lower()
        return ""

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


class _Host:
    """One host's manners: requests in flight, and the least gap between two starts."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.slots = asyncio.Semaphore(concurrency)
        self.lock = asyncio.Lock()
        self.interval = interval
        self.next_start = 0.0

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        async with self.slots:
            async with self.lock:
                loop = asyncio.get_running_loop()
                wait = self.next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self.next_start = loop.time() + self.interval
            yield


def _request_block(request: httpx.Request) -> bytes:
    """The HTTP request as a WARC block (a ``Host`` header added where httpx sends one)."""
    target = request.url.raw_path.decode("ascii", "replace")
    headers = [(k, v) for k, v in request.headers.multi_items()]
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ("Host", request.url.netloc.decode("ascii", "replace")))
    return http_block(f"GET {target} HTTP/1.1", headers)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta seconds or an HTTP date).

    >>> retry_after_seconds("3"), retry_after_seconds(None), retry_after_seconds("soon")
    (3.0, None, None)
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def check_url(url: str) -> str:
    """``url`` stripped, if it is an absolute http(s) URL.

    Raises:
        FetchError: ``bad_url`` otherwise.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url!r} is not an http(s) URL", error_type="bad_url")
    return url


class Fetcher:
    """Fetches URLs under one ``FetchConfig``; use as an async context manager."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self.policy = AddressPolicy.from_cidrs(self.config.allowed_networks)
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, asyncio.Task[tuple[RobotFileParser | None, list[bytes]]]] = {}
        self._client: httpx.AsyncClient | None = None
        self._slots: asyncio.Semaphore | None = None

    async def __aenter__(self) -> Fetcher:
        c = self.config
        self._client = httpx.AsyncClient(
            transport=guarded_transport(self.policy, http2=c.http2),
            timeout=httpx.Timeout(
                connect=c.connect_timeout, read=c.read_timeout, write=c.read_timeout, pool=None
            ),
            follow_redirects=False,
            headers={"User-Agent": c.user_agent, "Accept": ACCEPT},
            trust_env=False,
        )
        self._slots = asyncio.Semaphore(c.concurrency)
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in self._robots.values():
            task.cancel()
        if self._client is not None:
            await self._client.aclose()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        if key not in self._hosts:
            self._hosts[key] = _Host(
                self.config.per_host_concurrency, self.config.per_host_interval
            )
        return self._hosts[key]

    async def _exchange(self, url: str, records: list[bytes], attempt: int = 1) -> _Exchange:
        """One GET of ``url``; an attempt that gets no response leaves its evidence in ``records``.

        Raises:
            httpx.TransportError: the connection failed or timed out (its records added).
            TimeoutError: ``total_timeout`` passed (its records added).
        """
        assert self._client is not None  # noqa: S101 - set on entering the context
        assert self._slots is not None  # noqa: S101 - set on entering the context
        async with self._host(url).turn(), self._slots:
            date = _now()
            request = self._client.build_request(
                "GET", url, headers={"Accept-Encoding": "gzip, deflate"}
            )
            started = time.monotonic()
            try:
                async with asyncio.timeout(self.config.total_timeout):
                    response = await self._client.send(request, stream=True)
                    try:
                        body = bytearray()
                        truncated = False
                        async for chunk in response.aiter_raw():
                            body += chunk
                            if len(body) > self.config.max_bytes:
                                truncated = True
                                del body[self.config.max_bytes :]
                                break
                    finally:
                        await response.aclose()
            except (httpx.TransportError, TimeoutError) as exc:
                timed_out = isinstance(exc, httpx.TimeoutException | TimeoutError)
                details = {
                    "attempt": attempt,
                    "exception": type(exc).__name__,
                    "message": str(exc)[:500],
                    "seconds": round(time.monotonic() - started, 3),
                }
                kind = "timeout" if timed_out else "connect_error"
                records += attempt_records(url, date, _request_block(request), kind, details)
                raise
        return self._recorded(url, date, request, response, bytes(body), truncated)

    @staticmethod
    def _recorded(
        url: str,
        date: str,
        request: httpx.Request,
        response: httpx.Response,
        body: bytes,
        truncated: bool,
    ) -> _Exchange:
        # The body is kept as it came, minus the chunked framing httpcore removed.
        headers = [
            (k, v) for k, v in response.headers.multi_items() if k.lower() != "transfer-encoding"
        ]
        reason = response.reason_phrase or ""
        # WARC 1.1 keeps HTTP/1.1 syntax; an HTTP/2 exchange is written the same way.
        return _Exchange(
            url=url,
            date=date,
            status=response.status_code,
            headers=headers,
            body=body,
            truncated=truncated,
            request=_request_block(request),
            response=http_block(f"HTTP/1.1 {response.status_code} {reason}", headers, body),
        )

    def _records(self, exchange: _Exchange, requested: str, role: str) -> list[bytes]:
        return [
            request_record(exchange.url, exchange.date, exchange.request),
            response_record(
                exchange.url,
                exchange.date,
                exchange.response,
                role=role,
                requested=requested,
                truncated="length" if exchange.truncated else None,
            ),
        ]

    async def _with_retries(self, url: str, requested: str, records: list[bytes]) -> _Exchange:
        c = self.config
        for attempt in range(c.retries + 1):
            last = attempt == c.retries
            try:
                exchange = await self._exchange(url, records, attempt + 1)
            except (httpx.TimeoutException, TimeoutError) as exc:
                if last:
                    raise FetchError(
                        f"{url}: timed out after {c.retries + 1} tries ({type(exc).__name__})",
                        error_type="timeout",
                    ) from exc
                await asyncio.sleep(c.backoff * 2**attempt)
                continue
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(
                        f"{url}: cannot connect ({type(exc).__name__}: {exc})",
                        error_type="connect_error",
                    ) from exc
                await asyncio.sleep(c.backoff * 2**attempt)
                continue
            if exchange.status not in RETRY_STATUSES or last:
                return exchange
            wait = retry_after_seconds(exchange.header("retry-after"))
            if wait is not None and wait > c.max_retry_after:
                return exchange  # the server asks for longer than we wait: its answer stands
            records += self._records(exchange, requested, "retry")
            logger.info("%s: HTTP %d, retrying", url, exchange.status)
            await asyncio.sleep(c.backoff * 2**attempt if wait is None else wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _robots_for(self, url: str, records: list[bytes]) -> RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        task = self._robots.get(origin)
        if task is None:
            task = asyncio.create_task(self._read_robots(origin, url))
            self._robots[origin] = task
            try:
                parser, robots_records = await task
            except FetchError as exc:
                records += exc.evidence  # robots.txt's failed attempts, kept as evidence
                raise
            records += robots_records  # the first URL of the origin carries the exchange
            return parser
        return (await task)[0]

    async def _read_robots(
        self, origin: str, requested: str
    ) -> tuple[RobotFileParser | None, list[bytes]]:
        from hoaxlens.ingest.http_body import http_payload

        url = origin + "/robots.txt"
        attempts: list[bytes] = []
        try:
            exchange = await self._with_retries(url, requested, attempts)
        except FetchError as exc:
            exc.evidence = attempts
            raise
        records = attempts + self._records(exchange, requested, "robots")
        if exchange.status >= 500 or exchange.status == 429:
            return None, records  # unreachable: RFC 9309 says assume everything disallowed
        if not 200 <= exchange.status < 300:
            return RobotFileParser(), records  # none: everything allowed
        try:
            body = http_payload(
                exchange.body,
                transfer_encoding=None,
                content_encoding=exchange.header("content-encoding"),
                where=url,
                limit=500_000,
            )
        except Exception:  # an unreadable robots.txt is treated as none
            body = b""
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            host = self._host(url)
            host.interval = max(host.interval, min(float(delay), self.config.max_retry_after))
        return parser, records

    async def _check_robots(self, url: str, records: list[bytes]) -> None:
        if not self.config.robots:
            return
        parser = await self._robots_for(url, records)
        if parser is None:
            raise FetchError(
                f"{url}: robots.txt is unreachable (server error), so nothing is fetched there",
                error_type="robots_unreachable",
            )
        if not parser.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(f"{url}: disallowed by robots.txt", error_type="robots_disallowed")

    async def fetch(self, requested: str) -> FetchOutcome:
        """Fetch one URL (following up to ``max_redirects`` redirects); never raises."""
        records: list[bytes] = []
        try:
            return await self._fetch(requested, records)
        except FetchError as exc:
            return self._failed(requested, records, exc.error_type, str(exc))
        except Exception as exc:  # one URL's surprise must not end the run
            logger.exception("%s: unexpected error", requested)
            return self._failed(requested, records, type(exc).__name__, f"{requested}: {exc}")

    def _failed(
        self, requested: str, records: list[bytes], error_type: str, message: str
    ) -> FetchOutcome:
        date = _now()
        details = {"message": message}
        records.append(error_record(requested, date, error_type, details))
        return FetchOutcome(
            requested, date, error_type=error_type, message=message, records=tuple(records)
        )

    async def _fetch(self, requested: str, records: list[bytes]) -> FetchOutcome:
        url = check_url(requested)
        for _hop in range(self.config.max_redirects + 1):
            await self._check_robots(url, records)
            exchange = await self._with_retries(url, requested, records)
            location = exchange.header("location")
            if exchange.status in REDIRECT_STATUSES and location:
                records += self._records(exchange, requested, "redirect")
                url = check_url(urljoin(url, location))
                continue
            return self._final(exchange, requested, records)
        raise FetchError(
            f"{requested}: more than {self.config.max_redirects} redirects",
            error_type="too_many_redirects",
        )

    def _final(self, exchange: _Exchange, requested: str, records: list[bytes]) -> FetchOutcome:
        status = exchange.status
        error: tuple[str, str] | None = None
        if status == 429:
            after = exchange.header("retry-after")
            error = ("rate_limited", f"HTTP 429 Too Many Requests (Retry-After: {after})")
        elif not 200 <= status < 300:
            error = (f"http_{status}", f"HTTP {status}")
        elif exchange.truncated:
            error = ("too_large", f"the body is over the {self.config.max_bytes:,}-byte limit")
        elif exchange.content_type not in HTML_TYPES:
            error = ("not_html", f"Content-Type {exchange.content_type or '(none)'} is not HTML")
        records += self._records(exchange, requested, "refused" if error else "page")
        if error is not None:
            raise FetchError(f"{exchange.url}: {error[1]}", error_type=error[0])
        return FetchOutcome(
            requested,
            exchange.date,
            final_url=exchange.url,
            status=status,
            records=tuple(records),
        )


@dataclass(frozen=True, slots=True)
class FetchSummary:
    """What a run fetched: one outcome per URL (records already written), and the file."""

    path: Path
    outcomes: tuple[FetchOutcome, ...]
    seconds: float

    @property
    def failed(self) -> int:
        """URLs that gave no page."""
        return sum(not o.ok for o in self.outcomes)


async def _fetch_all(
    urls: list[str], config: FetchConfig, sink: WarcSink
) -> tuple[FetchOutcome, ...]:
    window = 4 * config.concurrency  # outcomes held back so the file keeps input order
    done: list[FetchOutcome] = []
    async with Fetcher(config) as fetcher:
        pending: deque[asyncio.Task[FetchOutcome]] = deque()

        async def drain_one() -> None:
            outcome = await pending.popleft()
            sink.write(list(outcome.records))
            done.append(replace(outcome, records=()))

        for url in urls:
            pending.append(asyncio.create_task(fetcher.fetch(url)))
            if len(pending) >= window:
                await drain_one()
        while pending:
            await drain_one()
    return tuple(done)


def fetch_to_warc(
    urls: Iterable[str], path: Path, config: FetchConfig | None = None
) -> FetchSummary:
    """Fetch every URL and append their exchanges to the WARC at ``path``, in input order.

    Args:
        urls: the URLs (blank lines and ``#`` comments are the caller's to drop).
        path: the ``.warc.gz`` to write (appended to when it exists).
        config: manners and limits; the defaults when ``None``.

    Returns:
        One outcome per URL, in order.
    """
    config = config or FetchConfig()
    started = time.perf_counter()
    with WarcSink(path) as sink:
        if sink.path.stat().st_size == 0:
            sink.write([warcinfo_record(_now(), config.user_agent)])
        outcomes = asyncio.run(_fetch_all(list(urls), config, sink))
    return FetchSummary(path, outcomes, time.perf_counter() - started)
