"""Which network addresses a fetch may reach (pure: ipaddress only, no sockets).

Fetches started from the web app run on the server, on behalf of whoever can reach the page: left
open they read the server's own loopback services, the office network and the cloud metadata
endpoint that hands out credentials. The policy here refuses every address that is not globally
routable, unless the operator allows private ones or lists networks explicitly.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Cloud metadata endpoints (AWS, GCP, Azure, OpenStack; AWS over IPv6; Alibaba; Oracle's
# is the same 169.254.169.254). They hand out credentials, so even "private allowed" keeps them
# out: only an explicit allowed-networks entry reaches them.
METADATA = frozenset(ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200",
                                                       "169.254.170.2"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """A fetch was about to reach an address the policy forbids: `host` resolved to `address`, refused for `reason`."""

    def __init__(self, host: str, address: str, reason: str):
        super().__init__(f"{host} → {address}: {reason}")
        self.host, self.address, self.reason = host, address, reason


def parse_networks(text: str) -> tuple[Network, ...]:
    """'10.0.0.0/8, 192.168.1.7 ,fd00::/8' → networks; a bad entry is a ValueError naming it."""
    networks = []
    for entry in (text or "").replace(";", ",").split(","):
        entry = entry.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(
                f"BRIEFING_WEB_FETCH_ALLOWED_NETWORKS: '{entry}' is not an address or network; "
                "write entries like 10.1.0.0/16 or 192.168.1.7, separated by commas"
            ) from None
    return tuple(networks)


def _embedded_ipv4(ip: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, NAT64, 6to4, Teredo), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    return None


def category(ip: Address) -> str | None:
    """What makes `ip` internal ("loopback", "private", …), or None for a public address."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        return category(inner)
    if ip in METADATA:
        return "cloud metadata"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if isinstance(ip, ipaddress.IPv6Address) and ip in ipaddress.ip_network("fc00::/7"):
        return "unique-local"
    if ip.is_private:
        return "private"
    if ip.is_reserved:
        return "reserved"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return "site-local"
    if not ip.is_global:
        return "not publicly routable"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """`allow_private` opens loopback/private/link-local (never metadata); `allowed` opens exactly those networks."""

    allow_private: bool = False
    allowed: tuple[Network, ...] = field(default_factory=tuple)

    @classmethod
    def from_settings(cls, settings) -> AddressPolicy:
        return cls(allow_private=settings.web_fetch_private,
                   allowed=parse_networks(settings.web_fetch_allowed_networks))

    def refusal(self, address: str) -> str | None:
        """What forbids `address` ("a loopback address", …), or None when it may be reached."""
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
        except ValueError:
            return "not an IP address"
        inner = _embedded_ipv4(ip)
        if any(ip in net or (inner is not None and inner in net) for net in self.allowed):
            return None
        kind = category(ip)
        if kind is None:
            return None
        if self.allow_private and not kind.startswith(("cloud metadata", "multicast", "unspecified")):
            return None
        return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} address"


def refusal_message(shown_url: str, host: str, address: str, reason: str) -> str:
    """The line a reader sees when a web fetch is refused."""
    where = host if host.strip("[]") == address else f"{host} resolves to {address}"
    if "metadata" in reason:
        allow = "only an administrator listing it in BRIEFING_WEB_FETCH_ALLOWED_NETWORKS opens it"
    else:
        allow = ("an administrator can allow them with BRIEFING_WEB_FETCH_PRIVATE=true or "
                 "BRIEFING_WEB_FETCH_ALLOWED_NETWORKS, or ingest the page with the command line")
    return f"{shown_url}: refused: {where}, {reason}. The web app does not fetch internal addresses; {allow}"
