"""The SSRF guard: which addresses a fetch may connect to, checked where it connects.

A URL's host is resolved once per connection, every address it resolves to is checked, and
the connection is opened to the checked address (never to a name resolved again later, so a
DNS answer that changes between check and use — "DNS rebinding" — cannot slip through).
Refused unless an allowed range covers them: private (RFC 1918, fc00::/7), loopback,
link-local (169.254.0.0/16, where cloud metadata services live; fe80::/10), unspecified,
multicast, reserved, shared (100.64.0.0/10) and any other address that is not global.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoaxlens.errors import HoaxlensError

if TYPE_CHECKING:
    from collections.abc import Iterable

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchError(HoaxlensError):
    """A page could not be fetched; ``error_type`` says why (``robots_disallowed``, …).

    ``evidence``: WARC records of the attempts that led to it, where the code raising it
    does not hold the URL's own list of records (robots.txt is read in a shared task).
    """

    def __init__(self, message: str, *, error_type: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.evidence: list[bytes] = []


class BlockedAddressError(FetchError):
    """The host is, or resolves to, an address the guard refuses."""

    def __init__(self, message: str) -> None:
        super().__init__(message, error_type="blocked_address")


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the one DNS look-up of a connection).

    Raises:
        FetchError: ``dns_error`` when the name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"{host}: cannot resolve the name ({exc})", error_type="dns_error"
        ) from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _address(text: str) -> IPAddress:
    address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Public addresses, plus the ``allowed`` ranges an administrator opened."""

    allowed: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_cidrs(cls, cidrs: Iterable[str]) -> AddressPolicy:
        """The policy allowing these CIDR ranges (``"127.0.0.0/8"``) besides public ones."""
        return cls(tuple(ipaddress.ip_network(c, strict=False) for c in cidrs))

    def is_allowed(self, address: str) -> bool:
        """Whether a connection to ``address`` may be opened.

        >>> policy = AddressPolicy()
        >>> [policy.is_allowed(a) for a in ("93.184.216.34", "127.0.0.1", "169.254.169.254")]
        [True, False, False]
        >>> AddressPolicy.from_cidrs(["127.0.0.0/8"]).is_allowed("127.0.0.1")
        True
        """
        ip = _address(address)
        if any(ip.version == net.version and ip in net for net in self.allowed):
            return True
        return ip.is_global and not ip.is_multicast

    def resolve(self, host: str, port: int) -> str:
        """Resolve ``host`` once and return the first address, if every address is allowed.

        Raises:
            BlockedAddressError: when the host is, or resolves to, a refused address.
            FetchError: ``dns_error`` when it does not resolve.
        """
        addresses = resolve_host(host, port)
        refused = [a for a in addresses if not self.is_allowed(a)]
        if refused or not addresses:
            named = (
                "" if refused and refused[0] == host.strip("[]") else f" resolves to {refused[0]}"
            )
            raise BlockedAddressError(
                f"{host}{named}: a private, loopback, link-local or otherwise non-public "
                "address; refused (an administrator can allow a range: --allow-network CIDR)"
            )
        logger.debug("%s:%d -> %s", host, port, addresses[0])
        return addresses[0]
