"""What every HTTP request of the monitor shares, whichever stage makes it (feeds and article
pages in ``poll/``, webhooks in ``deliver/``): who we say we are, whom we trust, which
addresses a page may come from, and how a server's Retry-After is read. The connections
themselves are :mod:`monitor.net.http11`'s."""

from __future__ import annotations

import email.utils
import functools
import ipaddress
import os
import ssl
from datetime import UTC, datetime

import httpx

from monitor import __version__

PRODUCT = f"monitor/{__version__}"
# Feeds and pages carry a contact URL, so a publisher who sees the poller in its logs can find
# out what it is.
USER_AGENT = f"{PRODUCT} (+https://github.com/monitor-project/monitor)"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: either delta-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    # isdigit() alone also accepts digits float() refuses (superscripts: "²").
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def public_address(ip: str) -> bool:
    """Whether an article page may be fetched from this IP address: not from loopback, private,
    link-local (cloud metadata at 169.254.169.254), shared (CGNAT), multicast, reserved or
    unspecified ones, where a publisher's link would reach our own network (SSRF). An IPv4
    address inside IPv6 (mapped, or 6to4) is judged as itself."""
    try:
        addr = ipaddress.ip_address(ip.partition("%")[0])  # an IPv6 scope ("%eth0") aside
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        inner = addr.ipv4_mapped or addr.sixtofour
        if inner is not None and not public_address(str(inner)):
            return False
    # is_global is False for every special-purpose range of the IANA registries but multicast.
    return addr.is_global and not addr.is_multicast


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """certifi's CA bundle (httpx's default context, without its environment variables), plus
    the configured extra CAs (``fetch.ca_file``). Built once per CA file version: loading the
    bundle takes ~20 ms, and the daemon makes a Fetcher for every poll tick."""
    version = os.stat(ca_file).st_mtime_ns if ca_file else None
    return _tls_context_for(ca_file, version)


@functools.lru_cache(maxsize=4)
def _tls_context_for(ca_file: str | None, version: int | None) -> ssl.SSLContext:
    context = httpx.create_ssl_context(trust_env=False)
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return context
