"""Access control of the service: tokens, sessions, CSRF, cross-origin checks, body limits.

The threat model and every limit are in ``docs/security.md``. In short:

- tokens are kept as SHA-256 digests only, and compared in constant time;
- every write (any method but GET/HEAD/OPTIONS) from a browser must come from this
  origin: ``Sec-Fetch-Site`` must be ``same-origin`` (or ``none``), or, from a browser
  that does not send it, ``Origin`` must name this host; a client that sends neither is
  not a browser (curl, scripts) and cannot be forged by a web page;
- the API takes JSON (``application/json``; ``/v1/batch``: JSONL or a multipart file),
  never ``text/plain`` or form bodies, which any page can send;
- the UI's forms carry a CSRF token (an HMAC of a random per-browser cookie), and API
  writes authenticated by the login cookie need it in ``X-CSRF-Token``;
- when a token is configured, or the store has users (``service.accounts``), reads need
  a credential too, unless ``public_read``; a user's token, like a token of ``serve``,
  works as a bearer token and opens login sessions (``serve``'s tokens are admins);
  the login cookie holds a random session id (the store keeps only its digest);
- failed logins (and wrong bearer tokens) are rate-limited per client.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import anyio.to_thread
from fastapi.security import HTTPBearer
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser

if TYPE_CHECKING:
    from pathlib import Path

    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from hoaxlens.service.accounts import Account
    from hoaxlens.service.quotas import Quotas
    from hoaxlens.service.sessions import SessionStore
    from hoaxlens.service.settings import ServiceSettings

ANONYMOUS = "anonymous"  # the principal of a request without credential
ADMIN = "admin"  # the role of the tokens of `hoaxlens serve` (and of admin users)
USERS_RECHECK_SECONDS = 1.0  # how often an open server looks for a first user in the store
SESSION_COOKIE = "hoaxlens_session"
CSRF_COOKIE = "hoaxlens_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
# The cookie of older versions, which held the raw token: cleared when seen.
OLD_TOKEN_COOKIE = "hoaxlens_token"  # noqa: S105 - a cookie name
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PATHS = frozenset({"/healthz", "/login", "/openapi.json", "/favicon.ico"})
NO_QUOTA_PATHS = frozenset({"/login", "/logout"})
NDJSON_TYPES = ("application/x-ndjson", "application/jsonl")
BATCH_PATH = "/v1/batch"
API_WRITES = frozenset(  # every POST route of /v1
    {"/v1/analyze", "/v1/labels", "/v1/labels/undo", "/v1/notes", "/v1/users", BATCH_PATH}
)
MIN_TOKEN_CHARS = 16  # what `hoaxlens serve` accepts for a raw token
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
_DIGEST = re.compile(r"sha256:([0-9a-f]{64})")
_COOKIE_VALUE = re.compile(r"[A-Za-z0-9_-]{32,128}")

bearer = HTTPBearer(
    auto_error=False,
    description="Needed for writes, and for reads unless the server runs with --public-read, "
    "when a token is configured.",
)


class TokenError(ValueError):
    """A token or a token file that cannot be used; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class TokenEntry:
    """One accepted token: the user's name and the token's SHA-256 (hex), never the token."""

    name: str
    digest: str

    @property
    def fingerprint(self) -> str:
        """What a session keeps of its token: the token's rotation ends the session."""
        return hashlib.sha256(f"session:{self.digest}".encode()).hexdigest()[:32]


def hash_token(token: str) -> str:
    """The line to put in a token file for ``token`` (its SHA-256, hex).

    >>> hash_token("s3cret")
    'sha256:1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0'
    """
    return "sha256:" + _digest(token)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_entry(token: str, name: str | None = None) -> TokenEntry:
    """The entry of a raw token (hashed here; the caller should drop the raw value).

    >>> token_entry("s3cret").name
    'token-1ec1c26b'
    """
    digest = _digest(token)
    return TokenEntry(name or f"token-{digest[:8]}", digest)


def parse_token_lines(text: str, source: str = "token file") -> tuple[TokenEntry, ...]:
    r"""Parse a token file: one token a line, ``[NAME] TOKEN`` or ``[NAME] sha256:HEX``.

    Blank lines and ``#`` comments are skipped. A line without a name gets
    ``token-<first 8 hex digits of its digest>``. ``sha256:HEX`` (what
    ``hoaxlens serve --hash-token`` prints) keeps the token itself out of the file.

    >>> [e.name for e in parse_token_lines("ana sha256:" + "a" * 64 + "\n# x\nbo-2 tok")]
    ['ana', 'bo-2']

    Raises:
        TokenError: for a malformed line, a reserved or repeated name, or a repeated token.
    """
    entries: list[TokenEntry] = []
    for n, line in enumerate(text.splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) > 2:
            raise TokenError(f"{source}:{n}: expected '[NAME] TOKEN' or '[NAME] sha256:HEX'")
        name = fields[0] if len(fields) == 2 else None
        value = fields[-1]
        if name is not None and (not _NAME.fullmatch(name) or name == ANONYMOUS):
            raise TokenError(
                f"{source}:{n}: bad name {name!r}: letters, digits and ._@- (up to 64), "
                f"not {ANONYMOUS!r}"
            )
        digest = _DIGEST.fullmatch(value.lower())
        if digest:
            entries.append(TokenEntry(name or f"token-{digest[1][:8]}", digest[1]))
        elif value.lower().startswith("sha256:"):
            raise TokenError(f"{source}:{n}: a sha256: digest has 64 hex digits")
        else:
            entries.append(token_entry(value, name))
    names = [e.name for e in entries]
    digests = [e.digest for e in entries]
    if len(set(names)) != len(names) or len(set(digests)) != len(digests):
        raise TokenError(f"{source}: a name or a token appears twice")
    return tuple(entries)


def load_token_file(path: Path) -> tuple[TokenEntry, ...]:
    """The tokens of a token file (see ``parse_token_lines``).

    Raises:
        TokenError: when the file cannot be read or holds no token.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TokenError(f"cannot read the token file {path}: {exc}") from exc
    entries = parse_token_lines(text, str(path))
    if not entries:
        raise TokenError(f"{path}: no token in the file")
    return entries


def weak_tokens(text: str) -> list[int]:
    r"""Line numbers of raw (unhashed) tokens shorter than ``MIN_TOKEN_CHARS``.

    >>> weak_tokens("ana short\nbo " + "x" * 20 + "\nsha256:" + "0" * 64)
    [1]
    """
    weak = []
    for n, line in enumerate(text.splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        raw = fields and not fields[-1].lower().startswith("sha256:")
        if raw and len(fields[-1]) < MIN_TOKEN_CHARS:
            weak.append(n)
    return weak


class FailureLimiter:
    """At most ``limit`` failures per ``window`` seconds per client, in this process.

    >>> limiter = FailureLimiter(2, 60.0)
    >>> limiter.fail("a", now=0.0); limiter.fail("a", now=1.0)
    >>> limiter.retry_after("a", now=2.0), limiter.retry_after("b", now=2.0)
    (58, 0)
    >>> limiter.retry_after("a", now=61.0)
    0
    """

    def __init__(self, limit: int, window: float, *, max_clients: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.max_clients = max_clients
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, client: str, now: float) -> deque[float]:
        seen = self._failures.get(client)
        if seen is None:
            return deque()
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if not seen:
            del self._failures[client]
        return seen

    def retry_after(self, client: str, *, now: float | None = None) -> int:
        """Seconds until ``client`` may try again (0: now)."""
        now = time.monotonic() if now is None else now
        seen = self._recent(client, now)
        if len(seen) < self.limit:
            return 0
        return max(1, int(seen[-self.limit] + self.window - now + 0.999))

    def fail(self, client: str, *, now: float | None = None) -> None:
        """Count one failure of ``client``."""
        now = time.monotonic() if now is None else now
        seen = self._recent(client, now)
        seen.append(now)
        self._failures[client] = seen
        self._failures.move_to_end(client)
        while len(self._failures) > self.max_clients:  # many clients: forget the oldest
            self._failures.popitem(last=False)

    def forget(self, client: str) -> None:
        """Clear ``client``'s failures (after a successful login)."""
        self._failures.pop(client, None)


def media_type(content_type: str | None) -> str:
    """The media type of a ``Content-Type`` header, lower case, without parameters.

    >>> media_type("Application/JSON; charset=utf-8"), media_type(None)
    ('application/json', '')
    """
    return (content_type or "").split(";", 1)[0].strip().lower()


def host_allowed(host_header: str, allowed: tuple[str, ...] | None) -> bool:
    """Whether a ``Host`` header names this server (a DNS-rebinding page names another).

    >>> host_allowed("127.0.0.1:8000", ("127.0.0.1", "localhost"))
    True
    >>> host_allowed("evil.example:8000", ("127.0.0.1",)), host_allowed("[::1]:80", ("::1",))
    (False, True)
    """
    if allowed is None or "*" in allowed:
        return True
    try:
        name = urlsplit(f"//{host_header}").hostname or ""
    except ValueError:
        return False
    return name.lower() in {h.lower().strip("[]") for h in allowed}


def cross_origin_refusal(headers: Headers, trusted_origins: tuple[str, ...]) -> str | None:
    """Why a write cannot be accepted as coming from this origin, or ``None``.

    Browsers send ``Sec-Fetch-Site`` (and ``Origin``) with every POST; a page cannot
    remove or change them. ``same-site`` is refused too: a page on another port of this
    host is another origin. Without either header the client is not a browser.

    >>> h = Headers({"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:9000"})
    >>> cross_origin_refusal(h, ()) is not None
    True
    >>> cross_origin_refusal(Headers({"sec-fetch-site": "same-origin"}), ())
    """
    origin = headers.get("origin")
    if origin is not None and origin.rstrip("/") in trusted_origins:
        return None
    site = headers.get("sec-fetch-site")
    if site is not None:
        if site in ("same-origin", "none"):
            return None
        return (
            f"cross-origin write refused (Sec-Fetch-Site: {site[:32]}): hoaxlens accepts "
            "writes only from its own pages or from clients that are not browsers"
        )
    if origin is None:
        return None
    try:
        origin_host = urlsplit(origin).netloc.lower() if origin != "null" else None
    except ValueError:
        origin_host = None
    if origin_host and origin_host == headers.get("host", "").lower():
        return None
    return (
        f"cross-origin write refused (Origin: {origin[:100]}): hoaxlens accepts writes only "
        "from its own pages; behind a proxy that rewrites Host, add --trusted-origin"
    )


def csrf_token(key: bytes, cookie: str) -> str:
    """The CSRF token of a browser: an HMAC of its random ``hoaxlens_csrf`` cookie.

    A page on another site, or on another port of this host, can toss its own cookie into
    the browser but cannot compute the token without the server's key.

    >>> len(csrf_token(b"k", "c" * 43))
    64
    """
    return hmac.new(key, f"csrf:{cookie}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a request is: a user's or token's name (or ``anonymous``), and how it proved it.

    ``role`` is ``admin`` for the tokens of ``hoaxlens serve`` and for admin users,
    ``analyst`` for analysts, ``None`` without credential.
    """

    principal: str
    via: str | None  # "bearer", "cookie" or None (no credential)
    role: str | None = None

    @property
    def authenticated(self) -> bool:
        """Whether a credential was presented and accepted."""
        return self.via is not None

    @property
    def is_admin(self) -> bool:
        """Whether the request may do what only admins may (manage users)."""
        return self.via is not None and self.role == ADMIN


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a token belongs to: a name, a role and the fingerprint its sessions keep."""

    name: str
    role: str
    fingerprint: str


class Guard:
    """The access state of one app: token digests, sessions, the CSRF key, the limiter."""

    def __init__(self, settings: ServiceSettings, sessions: SessionStore) -> None:
        from hoaxlens.service.accounts import Accounts

        self.settings = settings
        self.tokens = settings.tokens
        self.sessions = sessions
        self.accounts = Accounts(sessions.engine)
        self.limiter = FailureLimiter(settings.login_failures_per_minute, 60.0)
        self.csrf_key = sessions.secret("csrf")
        self._has_users = False
        self._users_checked = -USERS_RECHECK_SECONDS

    @property
    def locked(self) -> bool:
        """Whether a token is configured or the store has users (then credentials count).

        A first user added while the server runs (``hoaxlens users add``) locks it within
        ``USERS_RECHECK_SECONDS``; once locked, it stays locked until restarted.
        """
        if self.tokens or self._has_users:
            return True
        now = time.monotonic()
        if now - self._users_checked >= USERS_RECHECK_SECONDS:
            self._users_checked = now
            self._has_users = self.accounts.any()
        return self._has_users

    def authenticate(self, presented: str) -> Principal | None:
        """The owner of a presented token: a token of ``serve`` (admin), else a user."""
        entry = self.match(presented)
        if entry is not None:
            return Principal(entry.name, ADMIN, entry.fingerprint)
        account = self.accounts.by_digest(_digest(presented))
        return _principal(account) if account is not None else None

    def match(self, presented: str) -> TokenEntry | None:
        """The entry of a presented token; every digest is compared, in constant time."""
        digest = _digest(presented)
        found = None
        for entry in self.tokens:
            if hmac.compare_digest(entry.digest, digest):
                found = entry
        return found

    def session_principal(self, session_id: str) -> Principal | None:
        """The user of a login session, if it is open and its token still valid.

        A session belongs to a configured token's name or to a user of the store; a new
        token for that user (or removing them) ends it.
        """
        if not _COOKIE_VALUE.fullmatch(session_id):
            return None
        found = self.sessions.find(session_id)
        if found is None:
            return None
        principal, fingerprint = found
        for entry in self.tokens:
            if entry.name == principal and hmac.compare_digest(entry.fingerprint, fingerprint):
                return Principal(entry.name, ADMIN, entry.fingerprint)
        account = self.accounts.get(principal)
        if account is not None and hmac.compare_digest(account.fingerprint, fingerprint):
            return _principal(account)
        return None

    def csrf_cookie(self, value: str | None) -> tuple[str, bool]:
        """The browser's CSRF cookie value, and whether it is new (to be set)."""
        if value is not None and _COOKIE_VALUE.fullmatch(value):
            return value, False
        return secrets.token_urlsafe(32), True

    def csrf_ok(self, cookie: str | None, given: str | None) -> bool:
        """Whether ``given`` is the CSRF token of the browser holding ``cookie``."""
        if not cookie or not given or not _COOKIE_VALUE.fullmatch(cookie):
            return False
        return hmac.compare_digest(csrf_token(self.csrf_key, cookie), given)

    def secure(self, scope: Scope) -> bool:
        """Whether cookies get ``Secure``: behind TLS (setting), or served over https."""
        return self.settings.secure_cookies or scope.get("scheme") == "https"


def _principal(account: Account) -> Principal:
    return Principal(account.name, account.role, account.fingerprint)


def client_of(scope: Scope) -> str:
    """The client address the limiter counts (the proxy's, behind one)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def is_api(path: str) -> bool:
    """Whether ``path`` is the REST API (JSON answers) rather than the UI (HTML)."""
    return path.startswith("/v1/") or path == "/v1"


class SecurityMiddleware:
    """Host, cross-origin, credential, CSRF-header, content-type and quota checks.

    Every request passes here before the app; what it refuses never reaches a route.
    ``scope["state"]["principal"]`` tells the routes who is asking.
    """

    def __init__(self, app: ASGIApp, *, guard: Guard, quotas: Quotas) -> None:
        self.app = app
        self.guard = guard
        self.quotas = quotas

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request; answer the refusal, or run the app (counting quota bytes)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.guard.tokens and self.guard.locked and not scope["path"].startswith("/static/"):
            send = _no_store(send)  # app.py adds it when tokens lock the server; users do here
        refusal = await self._check(scope)
        if isinstance(refusal, _Refusal):
            await refusal.send(scope, send)
            return
        identity = refusal
        scope.setdefault("state", {})["principal"] = identity.principal
        scope["state"]["identity"] = identity
        unsafe = scope["method"] not in SAFE_METHODS
        if not unsafe or scope["path"] in NO_QUOTA_PATHS or not self.quotas.enabled:
            await self.app(scope, receive, send)
            return
        await self._with_quota(scope, receive, send, identity.principal)

    async def _check(self, scope: Scope) -> Identity | _Refusal:
        """Who is asking, or why the request is refused (in the order of docs/security.md)."""
        headers = Headers(scope=scope)
        refusal = self._origin_refusal(scope, headers)
        if refusal is not None:
            return refusal
        identity = await self._identify(scope, headers)
        if isinstance(identity, _Refusal):
            return identity
        return (
            self._access_refusal(scope, identity)
            or self._api_refusal(scope, headers, identity)
            or identity
        )

    def _origin_refusal(self, scope: Scope, headers: Headers) -> _Refusal | None:
        """A Host that is not this server's; a write, or an API fetch, by another origin."""
        settings = self.guard.settings
        if not host_allowed(headers.get("host", ""), settings.allowed_hosts):
            return _Refusal(
                400, "this Host header does not name this server (start it with --allowed-host)"
            )
        if scope["method"] not in SAFE_METHODS:
            reason = cross_origin_refusal(headers, settings.trusted_origins)
            return _Refusal(403, reason) if reason is not None else None
        if is_api(scope["path"]) and _foreign_fetch(headers):
            return _Refusal(403, "reads of the API by another origin's page are refused")
        return None

    def _access_refusal(self, scope: Scope, identity: Identity) -> _Refusal | None:
        """No credential where one is needed: 401, or the login page for a UI page."""
        guard, path = self.guard, scope["path"]
        if not guard.locked or identity.authenticated:
            return None
        if scope["method"] not in SAFE_METHODS:
            if path in NO_QUOTA_PATHS:  # /login, /logout
                return None
            return _Refusal(
                401,
                "this server needs a token for writes: send 'Authorization: Bearer <token>' "
                "(or log in at /login)",
                bearer=True,
            )
        if guard.settings.public_read or _open(path):
            return None
        if not is_api(path):
            query = scope.get("query_string", b"").decode("latin-1")
            target = path + (f"?{query}" if query else "")
            return _Refusal(303, "log in first", location="/login?next=" + quote(target))
        return _Refusal(
            401,
            "this server needs a token for reads too: send 'Authorization: Bearer <token>' "
            "(the server may also run with --public-read)",
            bearer=True,
        )

    def _api_refusal(self, scope: Scope, headers: Headers, identity: Identity) -> _Refusal | None:
        """An API write with the login cookie but no CSRF token, or a body that is not JSON."""
        path = scope["path"]
        if scope["method"] in SAFE_METHODS or not is_api(path):
            return None
        if identity.via == "cookie" and not self.guard.csrf_ok(
            _cookie(headers, CSRF_COOKIE), headers.get(CSRF_HEADER)
        ):
            return _Refusal(
                403,
                "a write authenticated by the login cookie needs the page's CSRF token in "
                "'X-CSRF-Token' (API clients: send 'Authorization: Bearer <token>')",
            )
        if scope["method"] != "POST" or path not in API_WRITES:
            return None  # no such route: the router answers 404 or 405
        kind = media_type(headers.get("content-type"))
        shown = kind or "no Content-Type"
        if path == BATCH_PATH:
            if kind in (*NDJSON_TYPES, "multipart/form-data"):
                return None
            return _Refusal(
                415,
                "send the JSONL as 'Content-Type: application/x-ndjson' (or a "
                f"multipart/form-data 'file' field), not {shown!r}",
            )
        if kind == "application/json":
            return None
        return _Refusal(415, f"send 'Content-Type: application/json', not {shown!r}")

    async def _identify(self, scope: Scope, headers: Headers) -> Identity | _Refusal:
        guard = self.guard
        if not guard.locked:
            return Identity(ANONYMOUS, None)
        scheme, _, presented = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":  # another scheme (Basic…) is no credential here
            if not presented.strip():
                return _Refusal(401, "send 'Authorization: Bearer <token>'", bearer=True)
            client = client_of(scope)
            wait = guard.limiter.retry_after(client)
            if wait:
                return _too_many(wait)
            entry = guard.match(presented.strip())
            if entry is not None:
                return Identity(entry.name, "bearer", ADMIN)
            user = await anyio.to_thread.run_sync(guard.authenticate, presented.strip())
            if user is None:
                guard.limiter.fail(client)
                return _Refusal(401, "wrong token", bearer=True)
            return Identity(user.name, "bearer", user.role)
        session_id = _cookie(headers, SESSION_COOKIE)
        if session_id:
            found = await anyio.to_thread.run_sync(guard.session_principal, session_id)
            if found is not None:
                return Identity(found.name, "cookie", found.role)
        return Identity(ANONYMOUS, None)

    async def _with_quota(self, scope: Scope, receive: Receive, send: Send, who: str) -> None:
        from hoaxlens.service.quotas import QuotaError

        declared = Headers(scope=scope).get("content-length", "")
        size = int(declared) if declared.isdigit() and len(declared) < 19 else 0
        try:
            await anyio.to_thread.run_sync(self.quotas.admit, who, size)
        except QuotaError as exc:
            await _Refusal(exc.status, exc.detail, retry_after=exc.retry_after).send(scope, send)
            return
        state = {"bytes": 0, "status": 500}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["bytes"] += len(message.get("body", b""))
            return message

        async def watching_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
            await send(message)

        await self.app(scope, counting_receive, watching_send)
        if state["status"] < 400 and state["bytes"]:
            await anyio.to_thread.run_sync(self.quotas.charge, who, state["bytes"])


def _no_store(send: Send) -> Send:
    """``send`` adding ``Cache-Control: no-store``: answers for a user stay out of caches."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).setdefault("cache-control", "no-store")
        await send(message)

    return sending


def _foreign_fetch(headers: Headers) -> bool:
    """A fetch (not a navigation) made by another site's page, or another port's."""
    return headers.get("sec-fetch-site") in ("cross-site", "same-site") and (
        headers.get("sec-fetch-mode") != "navigate"
    )


def _open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith("/static/")


def _cookie(headers: Headers, name: str) -> str | None:
    """A cookie of the request, parsed as ``Request.cookies`` parses it."""
    raw = headers.get("cookie")
    if not raw or name not in raw:
        return None
    return cookie_parser(raw).get(name)


def _too_many(wait: int) -> _Refusal:
    return _Refusal(
        429,
        f"too many failed logins from this address: try again in {wait} s",
        retry_after=wait,
    )


@dataclass(frozen=True, slots=True)
class _Refusal:
    """An answer the middleware sends instead of running the app."""

    status: int
    detail: str
    bearer: bool = False
    location: str | None = None
    retry_after: int | None = None

    async def send(self, scope: Scope, send: Send) -> None:
        headers: list[tuple[bytes, bytes]] = []
        if self.bearer:
            headers.append((b"www-authenticate", b"Bearer"))
        if self.location is not None:
            headers.append((b"location", self.location.encode("latin-1", "replace")))
        if self.retry_after is not None:
            headers.append((b"retry-after", str(self.retry_after).encode()))
        if is_api(scope["path"]) or self.location is not None:
            body = json.dumps({"detail": self.detail}).encode()
            headers.append((b"content-type", b"application/json"))
        else:
            body = _html_refusal(self.status, self.detail)
            headers.append((b"content-type", b"text/html; charset=utf-8"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _html_refusal(status: int, detail: str) -> bytes:
    link = '<p><a href="/login">Log in</a> · <a href="/">Home</a></p>' if status == 401 else ""
    return (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>hoaxlens: '
        f"{status}</title><h1>{status}</h1><p>{escape(detail)}</p>{link}</html>"
    ).encode()


class BodyLimitMiddleware:
    """Answer 413 when a request body is larger than its limit (checked while streaming).

    Uploads to ``upload_paths`` get ``upload_limit``; everything else ``limit``.
    """

    def __init__(
        self, app: ASGIApp, *, limit: int, upload_limit: int, upload_paths: tuple[str, ...]
    ) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with a counting ``receive``."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"] in self.upload_paths else self.limit
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        state = {"seen": 0, "over": False, "answered": False}

        async def counting_receive() -> Message:
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > limit:
                    # Stop feeding the app; whatever it answers is replaced by the 413.
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not state["over"]:
                await send(message)
            elif not state["answered"]:
                state["answered"] = True
                await _too_large(send, limit)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["answered"]:
            await _too_large(send, limit)


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body is over the {limit:,}-byte limit"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def safe_json(value: Any, *, depth: int = 0) -> Any:  # noqa: ANN401 - any JSON value
    r"""``value`` made safe to send as JSON: finite numbers, valid UTF-8, bounded size.

    Validation errors echo the input; an input with ``NaN``, a lone surrogate or 100,000
    nested lists must not turn a 422 into a 500.

    >>> safe_json({"input": float("nan"), "loc": ["body", "\ud800"]})
    {'input': 'nan', 'loc': ['body', '\\ud800']}
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**63 else f"{str(value)[:20]}… ({len(str(value))} digits)"
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, str):
        text = value if len(value) <= 300 else value[:300] + "…"
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    if depth >= 8:
        return "…"
    if isinstance(value, dict):
        items = list(value.items())[:50]
        return {str(safe_json(str(k))): safe_json(v, depth=depth + 1) for k, v in items}
    if isinstance(value, list | tuple):
        return [safe_json(v, depth=depth + 1) for v in list(value)[:50]]
    return safe_json(str(value), depth=depth)
