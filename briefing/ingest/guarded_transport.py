"""An httpx transport that checks every address it connects to against an AddressPolicy.

The check sits where the socket is opened, after name resolution: each connection (the first
request and every redirect hop) resolves the host once, refuses if any address is forbidden,
and connects to the very address it checked, so a name that resolves differently the second
time (DNS rebinding) cannot slip through. TLS still verifies the certificate against the host
name, because httpcore hands the original host to start_tls as the server name (SNI), and the
Host header is untouched.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import httpcore
import httpx

from briefing.ingest.address_policy import AddressPolicy, AddressRefused

# (host, port) → the addresses to try, in order. Tests hand in a table mapping names to 127.0.0.1.
Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for *_, sockaddr in infos:
        if sockaddr[0] not in seen:
            seen.append(sockaddr[0])
    return seen


class _GuardedBackend(httpcore.NetworkBackend):
    def __init__(self, policy: AddressPolicy, resolver: Resolver):
        self._policy = policy
        self._resolver = resolver
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = self._resolver(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"{host}: the name could not be resolved ({exc.strerror or exc})") from None
        if not addresses:
            raise httpcore.ConnectError(f"{host}: the name resolves to no address")
        for address in addresses:
            reason = self._policy.refusal(address)
            if reason:
                raise AddressRefused(host, address, reason)
        last: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                               socket_options=socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last  # type: ignore[misc]

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # never used for web fetches
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport, its connection pool given the guarded network backend."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None, *, verify=True):
        """`verify` as httpx takes it: True (the system's CAs), or an ssl.SSLContext (tests trust their own CA)."""
        super().__init__(trust_env=False)
        # an environment proxy would connect on our behalf, past the check: none is used here
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            network_backend=_GuardedBackend(policy, resolver or system_resolver),
        )
