"""Where a webhook may go: a receiver's host name is resolved once, every address it has is
checked, and the request then goes to the checked address (the Host header and TLS server
name keep the name). A name that resolves to a public address for the check and to an
internal one for the connection (DNS rebinding) therefore reaches nothing internal.

Private, loopback, link-local and other non-global addresses are refused unless the
deployment allows them (``Settings.webhooks_reach_private_networks``): in development a
merchant's server runs beside Plaza on loopback; in production a notify URL must not let
a developer make Plaza post into its own network.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import anyio
import httpx

DEFAULT_PORTS = {"http": 80, "https": 443}


class AddressRefused(Exception):
    """The URL's host cannot or may not be reached; the message says why."""


@dataclass(frozen=True, slots=True)
class Target:
    """A request pinned to one checked address."""

    url: httpx.URL
    """The original URL with its host replaced by the address."""
    host_header: str
    sni_hostname: str | None
    """The TLS server name (https only)."""


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Globally routable unicast: not private, loopback, link-local, shared, reserved or
    multicast. An IPv4-mapped IPv6 address counts as its IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


async def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every address ``host`` has (a literal address is its own), in the resolver's order."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        found = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise AddressRefused(f"{host} does not resolve: {exc}") from exc
    # Scoped IPv6 addresses come back as "fe80::1%eth0"; the scope is not part of the address.
    return list(
        dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found)
    )


async def pin(url: str, *, private_networks: bool) -> Target:
    """The request for ``url`` pinned to the first of its host's addresses, after checking
    all of them (one internal address refuses the whole name)."""
    parsed = httpx.URL(url)
    host = parsed.host
    if not host or parsed.scheme not in DEFAULT_PORTS:
        raise AddressRefused(f"not an absolute http(s) URL: {url}")
    addresses = await resolve(host, parsed.port or DEFAULT_PORTS[parsed.scheme])
    if not addresses:
        raise AddressRefused(f"{host} has no address")
    if not private_networks:
        internal = [str(address) for address in addresses if not is_public(address)]
        if internal:
            raise AddressRefused(f"{host} is an internal address ({', '.join(internal)})")
    return Target(
        url=parsed.copy_with(host=str(addresses[0])),
        host_header=parsed.netloc.decode("ascii"),
        sni_hostname=host if parsed.scheme == "https" else None,
    )
