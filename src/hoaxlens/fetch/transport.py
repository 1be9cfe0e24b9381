"""An httpx transport whose every TCP connection goes through the SSRF guard.

httpcore asks its network backend to ``connect_tcp(host, port)``; the guarded backend
resolves ``host`` once, checks every address, and connects to the checked one. TLS still
verifies the certificate against (and sends SNI for) the host name, since httpcore passes
the URL's host to ``start_tls``, not the address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpcore
import httpx

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoaxlens.fetch.guard import AddressPolicy


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve once, check, connect to the checked address."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Open a connection to ``host``'s checked address (see ``AddressPolicy.resolve``)."""
        import anyio

        address = await anyio.to_thread.run_sync(self.policy.resolve, host, port)
        return await self._inner.connect_tcp(
            address,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Never: a fetch goes over TCP only."""
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        """As the inner backend sleeps."""
        await self._inner.sleep(seconds)


def guarded_transport(policy: AddressPolicy, *, http2: bool) -> httpx.AsyncHTTPTransport:
    """An ``AsyncHTTPTransport`` (HTTP/2 where the server offers it) behind the guard.

    No proxy from the environment is used (``trust_env=False``): a proxy would open the
    connections, out of the guard's sight.
    """
    transport = httpx.AsyncHTTPTransport(http2=http2, trust_env=False)
    # httpx has no public hook for the network backend; its pool is rebuilt with one, with
    # the settings AsyncHTTPTransport itself passes (its defaults, HTTP/2 as asked).
    limits = httpx.Limits()
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        http1=True,
        http2=http2,
        network_backend=GuardedBackend(policy),
    )
    return transport
