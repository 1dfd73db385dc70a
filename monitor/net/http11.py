"""Keep-alive HTTP/1.1 connections for every request the monitor makes (feeds, article pages,
webhooks): h11 over asyncio transports.

Why not httpx here: a steady-state poll is mostly conditional GETs answered 304, and through
httpx → httpcore → anyio each one cost about 1.2 ms of CPU (profiled: request and URL models,
pool bookkeeping that polls every idle socket, anyio's per-call socket attributes). The same
exchange through h11, the HTTP/1.1 state machine httpcore itself is built on, costs about
0.2 ms. This module adds only what h11 leaves out: sockets, TLS, timeouts and a pool of idle
connections. Concurrency caps are the caller's (:class:`monitor.poll.fetch.Fetcher`).

Every failure is raised as a :class:`TransportError` with its stable code; each stage turns it
into its own error (a feed's ``FeedError``, a webhook's ``DeliveryError``).
"""

from __future__ import annotations

import asyncio
import base64
import socket
import ssl
import time
import urllib.request
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import h11
import httpx

from monitor.errors import TransportError

READ_SIZE = 64 * 1024  # reading pauses while more than twice this waits to be parsed
MAX_HEAD = 100 * 1024  # status line and headers (as httpcore allows: big cookies and CSPs exist)
HAPPY_EYEBALLS_S = 0.25  # RFC 8305: try the next address of a host after this long
# An idle connection older than this is not reused: servers close idle keep-alive
# connections after 5-15 s, and a request sent as one closes races with the server's FIN.
KEEPALIVE_S = 5.0
# Characters that need percent-encoding (or IDNA, for a host) before a URL goes on the wire;
# control characters among them so that httpx's URL model refuses them here (h11 would refuse
# them later, in the middle of a request).
_UNSAFE = frozenset(' "<>\\^`{|}\x7f' + "".join(map(chr, range(32))))


@dataclass(frozen=True)
class Target:
    """A URL as a connection needs it: where to connect, and the request line and Host."""

    scheme: str
    host: str  # IDNA-encoded, without brackets
    port: int
    host_header: bytes
    path: bytes  # path and query, percent-encoded
    authorization: bytes | None = None  # Basic credentials from the URL's user:password@

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)

    @property
    def authority(self) -> bytes:
        """``host:port`` with the port always given, as a CONNECT request names it."""
        return f"{_bracketed(self.host)}:{self.port}".encode()

    @classmethod
    def parse(cls, url: str) -> Target:
        """Raises ``TransportError("invalid-url")``. Most feed URLs are plain ASCII and split
        directly; others are encoded first by httpx's URL model (IDNA, percent-encoding)."""
        try:
            wire = url if url.isascii() and _UNSAFE.isdisjoint(url) else str(httpx.URL(url))
            parts = urlsplit(wire)
            scheme = parts.scheme.lower()
            host = parts.hostname or ""
            port = parts.port
            # An empty or over-long label would fail only when connecting (a UnicodeError,
            # which is a ValueError).
            host.encode("idna")
        except (ValueError, httpx.InvalidURL) as exc:
            raise TransportError("invalid-url", f"invalid URL {url}: {exc}", url=url) from exc
        if scheme not in ("http", "https") or not host:
            raise TransportError("invalid-url", f"not an http(s) or file URL: {url}", url=url)
        default = 443 if scheme == "https" else 80
        name = _bracketed(host)
        host_header = name if port in (None, default) else f"{name}:{port}"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        authorization = None
        if parts.username is not None:
            user_pass = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            authorization = b"Basic " + base64.b64encode(user_pass.encode())
        return cls(
            scheme, host, port or default, host_header.encode(), path.encode(), authorization
        )


def _bracketed(host: str) -> str:
    """A host as URLs and Host headers write it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


@dataclass(frozen=True)
class Proxy:
    """An HTTP proxy: http requests go through it in absolute form, https ones through a
    CONNECT tunnel (TLS with the feed's host inside it)."""

    host: str
    port: int
    authorization: bytes | None  # Proxy-Authorization, from its user:password@

    @property
    def name(self) -> str:
        """How messages name it: never with its credentials."""
        return f"http://{_bracketed(self.host)}:{self.port}"

    @classmethod
    def parse(cls, url: str) -> Proxy:
        target = Target.parse(url)
        if target.scheme != "http":
            raise TransportError(
                "invalid-url", f"a proxy URL must be http://host:port, not {url}", url=url
            )
        return cls(target.host, target.port, target.authorization)


class Proxies:
    """Which proxy, if any, a request goes through: the configured one (``fetch.proxy``) for
    every request when there is one; otherwise the environment's, as curl reads it
    (``http_proxy`` / ``https_proxy``, either case, except for the hosts ``no_proxy`` names)."""

    def __init__(
        self, configured: str | None = None, *, environment: Mapping[str, str] | None = None
    ) -> None:
        self._configured = Proxy.parse(configured) if configured else None
        env = dict(urllib.request.getproxies_environment() if environment is None else environment)
        self._no_proxy = tuple(_no_proxy_entries(env.get("no", "")))
        # Parsed once; a bad variable fails each request it applies to (one clear error per
        # feed or delivery), not the Fetcher that read it.
        self._by_scheme: dict[str, Proxy | TransportError] = {}
        if self._configured is None:
            for scheme in ("http", "https"):
                if env.get(scheme):
                    self._by_scheme[scheme] = _env_proxy(scheme, env[scheme])

    def for_target(self, target: Target) -> Proxy | None:
        if self._configured is not None:
            return self._configured
        proxy = self._by_scheme.get(target.scheme)
        if proxy is None or self._bypassed(target.host):
            return None
        if isinstance(proxy, TransportError):
            raise proxy
        return proxy

    def _bypassed(self, host: str) -> bool:
        host = host.lower()
        return any(
            entry == "*" or host == entry or host.endswith("." + entry) for entry in self._no_proxy
        )


def _no_proxy_entries(value: str) -> list[str]:
    """``no_proxy``'s host names and domain suffixes (``.example.org`` and ``example.org``
    alike), without ports, lower-cased."""
    entries = []
    for item in value.split(","):
        entry = item.strip().lstrip(".").lower()
        if entry.startswith("[") and "]" in entry:  # [::1]:8080
            entry = entry[1 : entry.index("]")]
        elif entry.count(":") == 1:  # host:port
            entry = entry.partition(":")[0]
        if entry:
            entries.append(entry)
    return entries


def _env_proxy(scheme: str, url: str) -> Proxy | TransportError:
    try:
        return Proxy.parse(url)
    except TransportError as err:
        return TransportError(
            "proxy", f"{scheme}_proxy in the environment is unusable: {err}", url=url
        )


def _refused(url: str, target: Target, address: str) -> TransportError:
    return TransportError(
        "private-address",
        f"refused {url}: {target.host} is at the non-public address {address}",
        url=url,
    )


async def _check_literal(url: str, target: Target, allow_address: Callable[[str], bool]) -> None:
    """The check a request through a proxy allows: ``localhost`` and IP literals (in any form
    the resolver reads as one, such as ``127.1``), resolved without DNS."""
    host = target.host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):  # RFC 6761: always loopback
        raise _refused(url, target, "127.0.0.1")
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, target.port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST
        )
    except socket.gaierror:
        return  # a name: the proxy resolves it
    for *_, sockaddr in infos:
        if not allow_address(str(sockaddr[0])):
            raise _refused(url, target, str(sockaddr[0]))


class _Stale(Exception):  # noqa: N818 - internal signal, never leaves this module
    """A reused idle connection was closed by the server before it answered."""


class _Wire(asyncio.Protocol):
    """The socket side of one connection: buffers what arrives and wakes the reader. (Unlike
    ``asyncio.StreamReader`` it tells whether bytes arrived while the connection sat idle.)"""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.error: Exception | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._paused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > 2 * READ_SIZE and not self._paused and self.transport:
            self.transport.pause_reading()  # bounded memory: the reader is behind
            self._paused = True
        self._wake()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake()
        return False  # close: a request never half-closes

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = True
        self.error = exc
        self._wake()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def read(self) -> bytes:
        """What has arrived (waiting for something), b"" at the end of the stream."""
        while not self.buffer and not self.eof:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        if self.buffer:
            data = bytes(self.buffer)
            self.buffer.clear()
            if self._paused and self.transport is not None:
                self.transport.resume_reading()
                self._paused = False
            return data
        if self.error is not None:
            raise self.error
        return b""


class _Connection:
    __slots__ = ("origin", "address", "wire", "transport", "h11", "idle_since", "reused")

    def __init__(
        self,
        origin: tuple[str, str, int],
        address: str | None,
        wire: _Wire,
        transport: asyncio.Transport,
    ) -> None:
        self.origin = origin
        # The origin's IP address it is connected to; None through a proxy (whose address
        # says nothing of the origin's).
        self.address = address
        self.wire = wire
        self.transport = transport
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        self.idle_since = 0.0
        self.reused = False

    def usable(self, now: float) -> bool:
        """Still fit to carry a request: not idle too long, and nothing has come from the
        server since the last answer (neither its close nor, say, a 408 sent before one)."""
        return (
            now - self.idle_since < KEEPALIVE_S
            and not self.wire.buffer
            and not self.wire.eof
            and not self.transport.is_closing()
        )

    def abort(self) -> None:
        self.transport.abort()


class Response:
    """Status line and headers of a response whose body has not been read yet. Read it with
    :meth:`aiter_raw` (still Content-Encoded) and always :meth:`close` it: a fully read
    response gives its connection back to the pool, any other closes the connection."""

    def __init__(
        self, pool: ConnectionPool, conn: _Connection, url: str, event: h11.Response
    ) -> None:
        self._pool = pool
        self._conn: _Connection | None = conn
        self._url = url
        self.status: int = event.status_code
        self.reason = event.reason.decode("latin-1")
        headers: dict[str, str] = {}
        for name, value in event.headers:
            key = name.decode("latin-1")
            text = value.decode("latin-1")
            headers[key] = f"{headers[key]}, {text}" if key in headers else text
        self.headers = headers  # names lower-cased; repeated fields joined with ", "

    async def aiter_raw(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        ended = False  # the server closed the connection
        while True:
            try:
                event = conn.h11.next_event()
            except h11.RemoteProtocolError as exc:
                conn.abort()
                if ended:
                    raise TransportError(
                        "connect",
                        f"connection closed by the server in the "
                        f"middle of the body from {self._url}",
                        url=self._url,
                        status=self.status,
                    ) from exc
                raise TransportError(
                    "protocol",
                    f"invalid HTTP body from {self._url}: {exc}",
                    url=self._url,
                    status=self.status,
                ) from exc
            if event is h11.NEED_DATA:
                data = await self._pool.read(conn, self._url, may_be_stale=False)
                ended = not data
                conn.h11.receive_data(data)
            elif isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                return
            else:
                raise TransportError(
                    "protocol",
                    f"unexpected {type(event).__name__} in the body from {self._url}",
                    url=self._url,
                    status=self.status,
                )

    async def aread(self) -> bytes:
        return b"".join([chunk async for chunk in self.aiter_raw()])

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        state = conn.h11
        if (
            state.our_state is h11.DONE
            and state.their_state is h11.DONE
            and not state.trailing_data[0]
        ):  # bytes past the answer: not to be trusted
            state.start_next_cycle()
            self._pool.release(conn)
        else:  # body unread, or the server asked to close
            conn.abort()


class ConnectionPool:
    """Opens connections on demand and keeps up to ``max_idle`` idle ones, the least recently
    used closed first. Timeouts in seconds: ``connect_timeout`` bounds reaching the host (the
    proxy, its tunnel and the TLS handshake included), ``read_timeout`` each read."""

    def __init__(
        self,
        *,
        connect_timeout: float,
        read_timeout: float,
        ssl_context: ssl.SSLContext,
        max_idle: int,
        proxies: Proxies,
    ) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._ssl = ssl_context
        self._proxies = proxies
        self._max_idle = max(1, max_idle)
        self._idle: OrderedDict[tuple[str, str, int], list[_Connection]] = OrderedDict()
        self._idle_count = 0

    async def request(
        self,
        url: str,
        target: Target,
        headers: Sequence[tuple[bytes, bytes]],
        *,
        method: bytes = b"GET",
        body: bytes = b"",
        allow_address: Callable[[str], bool] | None = None,
    ) -> Response:
        """Send the request and return once the response's headers have arrived. A reused
        connection the server had closed before any answer came is replaced once,
        transparently (a webhook POST too: its delivery id lets the receiver drop a
        duplicate).

        ``allow_address``: the origin's IP addresses this request may go to, else
        ``TransportError("private-address")``. It is judged on the addresses the connection
        is made to, after DNS (so neither a name that resolves to a refused address nor a
        DNS answer that changes between check and connect gets through). Through a proxy,
        which resolves names itself, only an IP literal or ``localhost`` can be judged."""
        fields = [(b"Host", target.host_header), *headers]
        if target.authorization is not None:
            fields.append((b"Authorization", target.authorization))
        if method != b"GET":
            fields.append((b"Content-Length", str(len(body)).encode()))
        path = target.path
        proxy = self._proxies.for_target(target)
        if proxy is not None and target.scheme == "http":  # absolute form, to the proxy
            path = b"http://" + target.host_header + path
            if proxy.authorization is not None:
                fields.append((b"Proxy-Authorization", proxy.authorization))
        request = h11.Request(method=method, target=path, headers=fields)
        if allow_address is not None:
            if proxy is not None:
                await _check_literal(url, target, allow_address)
            # Idle connections were made for any request (a feed's may be to a private
            # address): one is reused only if its address passes.
            for idle in self._idle.get(target.origin, ()):
                if idle.address is not None and not allow_address(idle.address):
                    raise _refused(url, target, idle.address)
        conn = self._take_idle(target.origin)
        if conn is not None:
            try:
                return await self._exchange(conn, url, request, body)
            except _Stale:
                pass
        conn = await self._connect(url, target, proxy, allow_address)
        return await self._exchange(conn, url, request, body)

    def release(self, conn: _Connection) -> None:
        conn.idle_since = time.monotonic()
        conn.reused = True
        origin = conn.origin
        self._idle.setdefault(origin, []).append(conn)
        self._idle.move_to_end(origin)
        self._idle_count += 1
        while self._idle_count > self._max_idle:
            oldest_origin, conns = next(iter(self._idle.items()))
            conns.pop(0).abort()
            self._idle_count -= 1
            if not conns:
                del self._idle[oldest_origin]

    async def aclose(self) -> None:
        for conns in self._idle.values():
            for conn in conns:
                conn.abort()
        self._idle.clear()
        self._idle_count = 0

    def _take_idle(self, origin: tuple[str, str, int]) -> _Connection | None:
        conns = self._idle.get(origin)
        now = time.monotonic()
        while conns:
            conn = conns.pop()
            self._idle_count -= 1
            if not conns:
                del self._idle[origin]
            if conn.usable(now):
                return conn
            conn.abort()
        return None

    async def _connect(
        self,
        url: str,
        target: Target,
        proxy: Proxy | None,
        allow_address: Callable[[str], bool] | None,
    ) -> _Connection:
        tls = target.scheme == "https"
        host, port = (proxy.host, proxy.port) if proxy else (target.host, target.port)
        where = f"{url} through the proxy {proxy.name}" if proxy else url
        direct_tls = tls and proxy is None
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self.connect_timeout):
                if allow_address is not None and proxy is None:
                    transport, wire = await self._connect_checked(
                        url, target, allow_address, direct_tls
                    )
                else:
                    transport, wire = await loop.create_connection(
                        _Wire,
                        host,
                        port,
                        ssl=self._ssl if direct_tls else None,
                        server_hostname=target.host if direct_tls else None,
                        happy_eyeballs_delay=HAPPY_EYEBALLS_S,
                    )
                assert isinstance(transport, asyncio.Transport)
                address = None if proxy else transport.get_extra_info("peername")[0]
                conn = _Connection(target.origin, address, wire, transport)
                if tls and proxy is not None:
                    try:
                        await self._tunnel(conn, url, target, proxy)
                    except BaseException:
                        conn.abort()
                        raise
        except TimeoutError as exc:
            raise TransportError(
                "timeout",
                f"timed out after {self.connect_timeout:g} s connecting to {where}",
                url=url,
            ) from exc
        except socket.gaierror as exc:
            raise TransportError("dns", f"cannot resolve host {host} for {url}", url=url) from exc
        except ssl.SSLError as exc:  # CertificateError is a subclass
            raise TransportError("tls", f"TLS error connecting to {where}: {exc}", url=url) from exc
        except ConnectionRefusedError as exc:
            refused_by = f"the proxy {proxy.name} for {url}" if proxy else url
            raise TransportError("connect", f"connection refused by {refused_by}", url=url) from exc
        except OSError as exc:
            what = "TLS handshake with" if tls else "connecting to"
            raise TransportError(
                "tls" if tls and isinstance(exc, ConnectionResetError) else "connect",
                f"{what} {where} failed: {exc}",
                url=url,
            ) from exc
        return conn

    async def _connect_checked(
        self, url: str, target: Target, allow_address: Callable[[str], bool], tls: bool
    ) -> tuple[asyncio.BaseTransport, _Wire]:
        """Resolve the host, refuse it if any of its addresses is refused (a name that also
        resolves to an internal address is not trusted with the others), then connect to those
        very addresses, one after the other. (Not raced as happy eyeballs: asyncio offers that
        only for a name it resolves itself, which could answer differently the second time.
        So that an address that never answers cannot take the whole connect timeout, each
        gets an equal share of it.)"""
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        for *_, sockaddr in infos:
            if not allow_address(str(sockaddr[0])):
                raise _refused(url, target, str(sockaddr[0]))
        share = self.connect_timeout / len(infos)
        error: OSError | None = None
        for *_, sockaddr in infos:
            try:
                async with asyncio.timeout(share):
                    return await loop.create_connection(
                        _Wire,
                        str(sockaddr[0]),
                        target.port,
                        ssl=self._ssl if tls else None,
                        server_hostname=target.host if tls else None,
                    )
            except ssl.SSLError:
                raise  # the host answered: another address of it would not do better
            except OSError as exc:  # TimeoutError included: the share ran out
                error = exc
        assert error is not None  # getaddrinfo answers at least one address or raises
        raise error

    async def _tunnel(self, conn: _Connection, url: str, target: Target, proxy: Proxy) -> None:
        """Ask the proxy for a tunnel to the feed's host, then start TLS inside it."""
        authority = target.authority
        fields = [(b"Host", authority)]
        if proxy.authorization is not None:
            fields.append((b"Proxy-Authorization", proxy.authorization))
        state = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        try:
            conn.transport.write(
                state.send(h11.Request(method=b"CONNECT", target=authority, headers=fields))
                + state.send(h11.EndOfMessage())
            )
            while True:
                event = state.next_event()
                if event is h11.NEED_DATA:
                    data = await conn.wire.read()
                    if not data:
                        raise TransportError(
                            "proxy",
                            f"the proxy {proxy.name} closed the "
                            f"connection instead of a tunnel for {url}",
                            url=url,
                        )
                    state.receive_data(data)
                elif isinstance(event, h11.Response):
                    break
        except h11.ProtocolError as exc:
            raise TransportError(
                "proxy",
                f"the proxy {proxy.name} answered the tunnel request "
                f"for {url} with invalid HTTP: {exc}",
                url=url,
            ) from exc
        if not 200 <= event.status_code < 300:
            answer = f"{event.status_code} {event.reason.decode('latin-1')}".strip()
            raise TransportError(
                "proxy",
                f"the proxy {proxy.name} refused a tunnel to "
                f"{authority.decode()} for {url}: {answer}",
                url=url,
                status=event.status_code,
            )
        transport = await asyncio.get_running_loop().start_tls(
            conn.transport, conn.wire, self._ssl, server_hostname=target.host
        )
        assert isinstance(transport, asyncio.Transport)
        conn.transport = conn.wire.transport = transport

    async def _exchange(
        self, conn: _Connection, url: str, request: h11.Request, body: bytes
    ) -> Response:
        """Send the request and read up to the response's headers. On any failure the
        connection is closed, never pooled."""
        received = 0  # bytes of the response so far
        try:
            state = conn.h11
            try:
                data = state.send(request) + (state.send(h11.Data(data=body)) if body else b"")
                data += state.send(h11.EndOfMessage())
            except h11.LocalProtocolError as exc:
                raise TransportError(
                    "invalid-url", f"cannot request {url}: {exc}", url=url
                ) from exc
            self._write(conn, url, data)
            while True:
                event = state.next_event()
                if event is h11.NEED_DATA:
                    data = await self.read(conn, url, may_be_stale=conn.reused and not received)
                    if not data:
                        raise TransportError(
                            "connect",
                            f"connection closed by the server before it answered {url}",
                            url=url,
                        )
                    received += len(data)
                    state.receive_data(data)
                elif isinstance(event, h11.Response):
                    return Response(self, conn, url, event)
                elif not isinstance(event, h11.InformationalResponse):
                    raise TransportError(
                        "protocol", f"unexpected {type(event).__name__} from {url}", url=url
                    )
        except h11.RemoteProtocolError as exc:
            conn.abort()
            problem = (
                f"status line and headers exceed {MAX_HEAD // 1024} KiB"
                if received > MAX_HEAD
                else str(exc)
            )
            raise TransportError(
                "protocol", f"invalid HTTP response from {url}: {problem}", url=url
            ) from exc
        except BaseException:
            conn.abort()
            raise

    async def read(self, conn: _Connection, url: str, *, may_be_stale: bool) -> bytes:
        """The next bytes from the server, b"" at its end of stream. ``may_be_stale``: the
        connection was reused and nothing of the answer has come yet, so a connection the
        server has closed is stale, not an error."""
        try:
            async with asyncio.timeout(self.read_timeout):
                data = await conn.wire.read()
        except TimeoutError as exc:
            raise TransportError(
                "timeout", f"timed out after {self.read_timeout:g} s reading {url}", url=url
            ) from exc
        except ssl.SSLError as exc:
            raise TransportError("tls", f"TLS error reading {url}: {exc}", url=url) from exc
        except OSError as exc:
            if may_be_stale:
                raise _Stale from exc
            raise TransportError("connect", f"connection error on {url}: {exc}", url=url) from exc
        if not data and may_be_stale:
            raise _Stale
        return data

    def _write(self, conn: _Connection, url: str, data: bytes) -> None:
        """Hand the request to the transport. (A request is far below the transport's write
        buffer limit, so there is nothing to wait for; a connection the server has closed
        shows as the end of stream on the read that follows.)"""
        if conn.transport.is_closing():
            if conn.reused:
                raise _Stale
            raise TransportError(
                "connect", f"connection to {url} closed before the request was sent", url=url
            )
        conn.transport.write(data)
