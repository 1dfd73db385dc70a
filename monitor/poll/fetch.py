"""The HTTP stage: poll many feeds politely and report what happened to each one.

Requests go over keep-alive HTTP/1.1 connections (:mod:`monitor.net.http11`). Redirects are
followed here so that permanent moves (301/308) can be told apart from temporary ones. Bodies
are read raw and decompressed here with a bounded output buffer, so neither a huge body nor a
compression bomb can take more than ``max_bytes`` of memory. Feed-level failures never raise:
they come back as ``FetchResult.error`` (a ``FeedError`` with a stable ``code``).
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import logging
import os
import random
import time
import zlib
from collections import deque
from collections.abc import AsyncGenerator, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import brotli
import httpx

from monitor.errors import FeedError, TransportError
from monitor.net.http11 import ConnectionPool, Proxies, Response, Target
from monitor.net.policy import USER_AGENT, parse_retry_after, public_address, tls_context

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    b"application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    b"application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = b"text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PERMANENT = frozenset({301, 308})
TEMPORARY = frozenset({302, 303, 307})
MAX_BACKOFF_S = 24 * 3600.0
# Response headers handed on to the parser: the charset (also ``FetchResult.content_type``) and
# the language of entries the feed declares none for.
PARSER_HEADERS = ("content-type", "content-language")
# Bodies of redirects and error pages are drained up to this size so the connection can be
# reused; anything bigger is cut off by closing the connection.
_DRAIN_LIMIT = 64 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """Per-request limits, politeness caps and trust. Times in seconds, sizes in bytes. Built
    from the config (``FetchConfig.limits()``), which holds the defaults; only what is not a
    config key has one here."""

    connect_timeout: float
    read_timeout: float
    total_timeout: float
    max_bytes: int
    concurrency: int
    per_host: int
    ca_file: str | None  # extra CA certificates (PEM) to trust, beside the defaults
    proxy: str | None  # http://[user:password@]host:port
    allow_private_pages: bool  # article pages may be at loopback/private/link-local addresses
    user_agent: str = USER_AGENT
    max_redirects: int = 5


@dataclass(frozen=True)
class FetchRequest:
    """What to fetch. ``etag``/``last_modified`` are the validators stored from the last
    success; ``key`` is echoed back untouched (e.g. the feed id)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    key: object = None


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one fetch. ``body`` is decoded (no Content-Encoding) but not decoded to
    text. ``moved_to`` is set only when the fetch succeeded (200/304)
    through an unbroken chain of permanent redirects, i.e. when the caller should store the
    new URL."""

    request: FetchRequest
    final_url: str
    status: int | None
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    error: FeedError | None = None
    elapsed_s: float = 0.0
    headers: Mapping[str, str] = field(default_factory=dict)  # PARSER_HEADERS present

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.error is None

    @property
    def ok(self) -> bool:
        return self.error is None


def next_delay(
    consecutive_failures: int,
    interval_s: float,
    retry_after: float | None,
    rng: random.Random,
    *,
    max_s: float = MAX_BACKOFF_S,
) -> float:
    """Seconds until the next poll of a feed.

    Success (0 failures): the interval with ±10% jitter, so feeds added together drift apart.
    After n failures: interval * 2**n with ±10% jitter, capped at ``max_s`` (but never below
    the interval). A server's Retry-After is a floor, itself capped at ``max_s`` so a hostile
    server cannot park a feed forever.
    """
    interval_s = max(interval_s, 1.0)
    failures = max(0, min(consecutive_failures, 64))  # 2**64 * interval is past any cap
    base = interval_s * 2.0**failures
    delay = base * rng.uniform(0.9, 1.1)
    if failures:
        delay = min(delay, max(max_s, interval_s))
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(retry_after, max_s))
    return delay


def _size(n: int) -> str:
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} bytes"


def _secs(s: float) -> str:
    return f"{s:g} s"


def _too_large(url: str, limits: FetchLimits, status: int | None = None) -> FeedError:
    return FeedError(
        "too-large",
        f"body exceeds {_size(limits.max_bytes)} limit reading {url}",
        url=url,
        status=status,
    )


def host_key(url: str) -> str:
    """Politeness key: the host name (ports of one host count as one publisher)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _local_path(url: str) -> Path | None:
    """The path of a ``file:`` URL or absolute local path, else None."""
    if url.startswith("/"):
        return Path(url)
    if url[:5].lower() == "file:":
        try:
            parts = urlsplit(url)
        except ValueError as err:  # "file://[x/feed.xml": a bracketed host that is no IPv6
            raise FeedError("invalid-url", f"invalid URL {url}: {err}", url=url) from err
        if parts.netloc not in ("", "localhost"):
            raise FeedError("invalid-url", f"file URL with a remote host: {url}", url=url)
        return Path(unquote(parts.path))
    return None


class _Decoder:
    """Content-Encoding decoder whose output per call is bounded (compression-bomb safe)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._zlib: zlib._Decompress | None = None
        self._br: brotli.Decompressor | None = None
        if coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj()
        elif coding == "br":
            self._br = brotli.Decompressor()
        elif coding not in ("", "identity"):
            raise ValueError(f"unsupported Content-Encoding {coding!r}")
        self._first = True

    def feed(self, data: bytes, limit: int) -> bytes:
        """Decode ``data``; returns at most ``limit`` bytes, and exactly ``limit`` when the
        decoded stream is at least that long (the caller then stops)."""
        if self._br is not None:
            out: bytes = self._br.process(data, output_buffer_limit=limit)
            return out
        if self._zlib is None:
            return data
        try:
            out = self._zlib.decompress(data, limit)
        except zlib.error:
            if not (self.coding == "deflate" and self._first):
                raise
            # Some servers send raw deflate without the zlib header.
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(data, limit)
        self._first = False
        return out


@dataclass
class _Progress:
    """Where a fetch got to, so a timeout can still name the right URL."""

    url: str
    moved_to: str | None = None
    all_permanent: bool = True
    status: int | None = None
    hops: list[str] = field(default_factory=list)


@dataclass(eq=False)
class _Job:
    host: str
    work: Callable[[], Coroutine[Any, Any, FetchResult]]
    result: asyncio.Future[FetchResult]
    task: asyncio.Task[FetchResult] | None = None
    on_start: Callable[[], None] | None = None  # told when the request gets its slots


class _Slots:
    """The politeness caps, kept in this one place for every request of a Fetcher: at most
    ``concurrency`` running at once and ``per_host`` to one host. A request over its host's cap
    waits in that host's queue (first come, first served) without holding a global slot, so one
    big publisher cannot starve the others. A waiting request is a future, not a task, so a
    10,000-feed poll can queue them all at once."""

    def __init__(self, concurrency: int, per_host: int) -> None:
        self._free = concurrency
        self._per_host = per_host
        self._active: dict[str, int] = {}  # host -> its requests running or ready to
        self._blocked: dict[str, deque[_Job]] = {}  # over their host's cap
        self._ready: deque[_Job] = deque()  # within their host's cap, waiting for a global slot

    def submit(
        self,
        host: str,
        work: Callable[[], Coroutine[Any, Any, FetchResult]],
        on_start: Callable[[], None] | None = None,
    ) -> _Job:
        job = _Job(host, work, asyncio.get_running_loop().create_future(), on_start=on_start)
        job.result.add_done_callback(functools.partial(self._abandoned, job))
        if self._active.get(host, 0) < self._per_host:
            self._active[host] = self._active.get(host, 0) + 1
            self._ready.append(job)
            self._dispatch()
        else:
            self._blocked.setdefault(host, deque()).append(job)
        return job

    def _dispatch(self) -> None:
        while self._free and self._ready:
            job = self._ready.popleft()
            if job.result.done():  # its caller gave up while it waited
                self._host_freed(job.host)
                continue
            self._free -= 1
            if job.on_start is not None:
                job.on_start()
            job.task = asyncio.create_task(job.work())
            job.task.add_done_callback(functools.partial(self._finished, job))

    def _finished(self, job: _Job, task: asyncio.Task[FetchResult]) -> None:
        self._free += 1
        if not job.result.done():
            if task.cancelled():
                job.result.cancel()
            elif (exc := task.exception()) is not None:
                job.result.set_exception(exc)
            else:
                job.result.set_result(task.result())
        self._host_freed(job.host)
        self._dispatch()

    def _host_freed(self, host: str) -> None:
        """A request to ``host`` ended: its slot goes to the next one still waiting for it."""
        queue = self._blocked.get(host)
        while queue:
            job = queue.popleft()
            if not queue:
                del self._blocked[host]
            if not job.result.done():
                self._ready.append(job)
                return
        if self._active[host] == 1:
            del self._active[host]
        else:
            self._active[host] -= 1

    @staticmethod
    def _abandoned(job: _Job, result: asyncio.Future[FetchResult]) -> None:
        if result.cancelled() and job.task is not None:
            job.task.cancel()


class Fetcher:
    """Owns the connection pool. Use as ``async with Fetcher(limits) as f: ...``."""

    def __init__(self, limits: FetchLimits) -> None:
        self.limits = limits
        lim = self.limits
        self._pool = ConnectionPool(
            connect_timeout=lim.connect_timeout,
            read_timeout=lim.read_timeout,
            ssl_context=tls_context(lim.ca_file),
            max_idle=lim.concurrency,
            proxies=Proxies(lim.proxy),
        )
        # Cookies are never sent: a shared jar would leak one feed's cookies into its
        # neighbours' requests and grow for the daemon's life.
        self._headers = [
            (b"User-Agent", _latin1(lim.user_agent)),
            (b"Accept-Encoding", b"gzip, deflate, br"),
        ]
        self._slots = _Slots(lim.concurrency, lim.per_host)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._pool.aclose()

    async def fetch(self, req: FetchRequest) -> FetchResult:
        """Fetch one feed. Never raises for feed-level failures."""
        return await self.submit(req)

    def submit(
        self, req: FetchRequest, *, on_start: Callable[[], None] | None = None
    ) -> asyncio.Future[FetchResult]:
        """Queue the fetch of one feed under the caps without waiting for it: a future, not a
        task, until it gets its slots (then ``on_start()`` is called). Cancelling the future
        cancels the fetch. Never fails for feed-level failures."""
        job = self._submit(req, FEED_ACCEPT, None, on_start)
        if isinstance(job, _Job):
            return job.result
        done: asyncio.Future[FetchResult] = asyncio.get_running_loop().create_future()
        if on_start is not None:
            on_start()
        done.set_result(job)
        return done

    async def fetch_page(self, url: str) -> FetchResult:
        """Fetch an article's HTML page (for ``full_text``) under the same limits. Unlike a
        feed, which the operator chose, its URL is the publisher's: unless
        ``allow_private_pages``, it (and every redirect from it) is refused with the code
        ``private-address`` at an address that is not public (:func:`public_address`)."""
        allow = None if self.limits.allow_private_pages else public_address
        job = self._submit(FetchRequest(url), PAGE_ACCEPT, allow)
        return job if isinstance(job, FetchResult) else await job.result

    async def fetch_many(self, reqs: Iterable[FetchRequest]) -> AsyncGenerator[FetchResult, None]:
        """Fetch concurrently under the Fetcher's caps (:class:`_Slots`; a redirect's hops to
        another host run under the original host's slot), yielding results as they complete.
        A consumer that stops early should wrap the call in ``contextlib.aclosing`` so the
        fetches still running are cancelled at once."""
        finished: asyncio.Queue[asyncio.Future[FetchResult]] = asyncio.Queue()
        jobs: list[_Job] = []
        failed: list[FetchResult] = []  # before they were queued (bad URLs)
        for req in reqs:
            job = self._submit(req, FEED_ACCEPT, None)
            if isinstance(job, FetchResult):
                failed.append(job)
            else:
                job.result.add_done_callback(finished.put_nowait)
                jobs.append(job)
        try:
            for result in failed:
                yield result
            for _ in jobs:
                yield (await finished.get()).result()
        finally:
            # The consumer stopped early or was cancelled: do not leak running fetches.
            running = [j.task for j in jobs if j.task is not None and not j.task.done()]
            for job in jobs:
                job.result.cancel()
            for task in running:
                task.cancel()
            if running:
                await asyncio.gather(*running, return_exceptions=True)

    def _submit(
        self,
        req: FetchRequest,
        accept: bytes,
        allow_address: Callable[[str], bool] | None,
        on_start: Callable[[], None] | None = None,
    ) -> _Job | FetchResult:
        start = time.monotonic()
        try:
            path = _local_path(req.url)
            # A bad URL fails before it waits for a slot.
            target = None if path is not None else Target.parse(req.url)
        except (FeedError, TransportError) as err:
            return _failure(req, _feed_error(err, req.url), req.url, start)
        return self._slots.submit(
            host_key(req.url),
            lambda: self._fetch(req, accept, allow_address, path, target, start),
            on_start,
        )

    async def _fetch(
        self,
        req: FetchRequest,
        accept: bytes,
        allow_address: Callable[[str], bool] | None,
        path: Path | None,
        target: Target | None,
        start: float,
    ) -> FetchResult:
        prog = _Progress(req.url)
        try:
            if path is not None:
                return await asyncio.to_thread(self._read_file, req, path, start)
            assert target is not None
            async with asyncio.timeout(self.limits.total_timeout):
                return await self._get(req, target, accept, allow_address, prog, start)
        except (FeedError, TransportError) as err:
            error = _feed_error(err, prog.url)
        except TimeoutError:
            error = FeedError(
                "timeout",
                f"timed out after {_secs(self.limits.total_timeout)} fetching {prog.url}",
                url=prog.url,
            )
        except Exception as exc:  # noqa: BLE001
            # The fault-isolation boundary of one fetch: whatever a server's answer makes go
            # wrong here is a bug of ours, and it must cost that feed (or page) alone, not
            # fetch_many's whole batch.
            error = _internal(exc, prog.url, prog.status)
        return _failure(req, error, prog.url, start)

    async def _get(
        self,
        req: FetchRequest,
        target: Target,
        accept: bytes,
        allow_address: Callable[[str], bool] | None,
        prog: _Progress,
        start: float,
    ) -> FetchResult:
        lim = self.limits
        headers = [*self._headers, (b"Accept", accept)]
        if req.etag:
            headers.append((b"If-None-Match", _latin1(req.etag)))
        if req.last_modified:
            headers.append((b"If-Modified-Since", _latin1(req.last_modified)))
        for _ in range(lim.max_redirects + 1):
            resp = await self._pool.request(prog.url, target, headers, allow_address=allow_address)
            try:
                result = await self._handle(req, resp, prog, start)
            finally:
                resp.close()
            if result is not None:
                return result
            target = Target.parse(prog.url)  # where the redirect points
        raise FeedError(
            "redirect-loop",
            f"more than {lim.max_redirects} redirects from {req.url} (last {prog.url})",
            url=prog.url,
            status=prog.status,
        )

    async def _handle(
        self, req: FetchRequest, resp: Response, prog: _Progress, start: float
    ) -> FetchResult | None:
        """Act on one response: a result, or None after recording a redirect to follow."""
        url = prog.url
        status = prog.status = resp.status
        if status in PERMANENT or status in TEMPORARY:
            location = resp.headers.get("location")
            await self._drain(resp)
            if not location:
                raise FeedError(
                    "http-3xx", f"{_status_line(resp)} without Location", url=url, status=status
                )
            self._follow(prog, _join(url, location.strip(), status), status)
            return None
        if status == 304:
            body = None
            await resp.aread()  # bodyless, but h11 must see its end to reuse the connection
        elif 200 <= status < 300:
            body = await self._read_body(resp, url)
        else:
            await self._drain(resp)
            raise _status_error(resp, url)
        h = resp.headers
        return FetchResult(
            req,
            final_url=url,
            status=status,
            body=body,
            content_type=h.get("content-type"),
            etag=h.get("etag") or (req.etag if status == 304 else None),
            last_modified=h.get("last-modified") or (req.last_modified if status == 304 else None),
            moved_to=prog.moved_to,
            elapsed_s=time.monotonic() - start,
            headers={k: h[k] for k in PARSER_HEADERS if k in h},
        )

    def _follow(self, prog: _Progress, target: str, status: int) -> None:
        try:
            there = Target.parse(target)
        except TransportError as err:
            raise FeedError(
                "invalid-url",
                f"{status} redirect to a bad URL: {target}",
                url=prog.url,
                status=status,
            ) from err
        here = Target.parse(prog.url)
        target = _keep_credentials(prog.url, here, target, there)
        if target in prog.hops or target == prog.url:
            prog.hops.append(prog.url)
            raise FeedError(
                "redirect-loop",
                f"redirect loop: {' -> '.join(prog.hops)} -> {target}",
                url=prog.url,
                status=status,
            )
        prog.hops.append(prog.url)
        # A move from https to http is followed for this poll (without credentials: another
        # origin) but never stored, even as a 301: one spoofed or misconfigured answer must
        # not turn a feed to cleartext for good, while refusing it would fail a feed that
        # merely lost its certificate. The configured https URL is asked again next poll.
        downgrade = here.scheme == "https" and there.scheme == "http"
        prog.all_permanent = prog.all_permanent and status in PERMANENT and not downgrade
        if prog.all_permanent:
            prog.moved_to = target
        prog.url = target

    async def _read_body(self, resp: Response, url: str) -> bytes:
        """Read and decode the body, stopping as soon as it passes ``max_bytes``."""
        limit = self.limits.max_bytes
        length = resp.headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > limit:
            raise _too_large(url, self.limits, resp.status)
        coding = resp.headers.get("content-encoding", "").strip().lower()
        try:
            decoder = _Decoder(coding)
        except ValueError as err:
            raise FeedError("decode", f"{err} from {url}", url=url, status=resp.status) from err
        parts: list[bytes] = []
        size = 0
        try:
            async for raw in resp.aiter_raw():
                chunk = decoder.feed(raw, limit - size + 1)
                size += len(chunk)
                if size > limit:
                    raise _too_large(url, self.limits, resp.status)
                parts.append(chunk)
        except (zlib.error, brotli.error) as err:
            raise FeedError(
                "decode", f"corrupt {coding} body from {url}: {err}", url=url, status=resp.status
            ) from err
        return b"".join(parts)

    async def _drain(self, resp: Response) -> None:
        """Read a small unwanted body so the connection can go back to the pool."""
        length = resp.headers.get("content-length", "").strip()
        if length.isdigit() and int(length) <= _DRAIN_LIMIT:
            await resp.aread()
        # Otherwise leave it: closing an unread response drops that one connection.

    def _read_file(self, req: FetchRequest, path: Path, start: float) -> FetchResult:
        limit = self.limits.max_bytes
        url = req.url
        try:
            with path.open("rb") as fh:
                stat = os.fstat(fh.fileno())
                modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
                if req.last_modified == modified:
                    return FetchResult(
                        req,
                        final_url=url,
                        status=304,
                        last_modified=modified,
                        elapsed_s=time.monotonic() - start,
                    )
                if stat.st_size > limit:
                    raise _too_large(url, self.limits)
                body = fh.read(limit + 1)  # the file may have grown since fstat
        except OSError as err:
            raise FeedError("io", f"cannot read {path}: {err.strerror or err}", url=url) from err
        if len(body) > limit:
            raise _too_large(url, self.limits)
        return FetchResult(
            req,
            final_url=url,
            status=200,
            body=body,
            last_modified=modified,
            elapsed_s=time.monotonic() - start,
        )


def _feed_error(err: FeedError | TransportError, url: str) -> FeedError:
    """A transport's failure is the feed's, with the same code."""
    if isinstance(err, FeedError):
        return err
    return FeedError(err.code, str(err), url=err.url or url, status=err.status)


def _internal(exc: Exception, url: str, status: int | None = None) -> FeedError:
    """A crash of ours while fetching ``url``: logged here with its traceback, once."""
    log.error("fetching %s failed", url, exc_info=exc)
    return FeedError(
        "internal", f"fetching failed: {type(exc).__name__}: {exc}", url=url, status=status
    )


def _failure(req: FetchRequest, error: FeedError, url: str, start: float) -> FetchResult:
    return FetchResult(
        req,
        final_url=error.url or url,
        status=error.status,
        error=error,
        elapsed_s=time.monotonic() - start,
    )


def _latin1(value: str) -> bytes:
    """A header value as HTTP carries it (validators are echoed back as they came)."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode()


def _keep_credentials(url: str, here: Target, target: str, there: Target) -> str:
    """A redirect within the same origin (scheme, host and port) keeps the ``user:password@``
    of the URL it came from (so Basic authentication goes on, and a stored 301 target still
    carries it). Any other never gets it: not another host, not another port of the same host
    (another service, maybe another owner), not http (the password in cleartext)."""
    if here.authorization is None or there.authorization is not None or here.origin != there.origin:
        return target
    userinfo = urlsplit(url).netloc.rpartition("@")[0]
    parts = urlsplit(target)
    return parts._replace(netloc=f"{userinfo}@{parts.netloc}").geturl()


def _join(url: str, location: str, status: int) -> str:
    try:
        return str(httpx.URL(url).join(location))
    except httpx.InvalidURL as exc:
        raise FeedError(
            "invalid-url", f"{status} redirect to a bad URL: {location}", url=url, status=status
        ) from exc


def _status_line(resp: Response) -> str:
    try:
        phrase = HTTPStatus(resp.status).phrase
    except ValueError:
        phrase = resp.reason
    return f"{resp.status} {phrase}".rstrip()


def _status_error(resp: Response, url: str) -> FeedError:
    status = resp.status
    line = _status_line(resp)
    retry = parse_retry_after(resp.headers.get("retry-after"))
    if status == 410:
        code = "gone"
    elif status == 429:
        code = "rate-limited"
    elif 400 <= status < 500:
        code = "http-4xx"
    elif 500 <= status < 600:
        code = "http-5xx"
    else:
        code = "http-3xx" if 300 <= status < 400 else "http-other"
    if retry is not None:
        line = f"{line} (retry after {retry:.0f} s)"
    return FeedError(code, line, url=url, status=status, retry_after=retry)
