"""Fetch → parse → clean for a set of feeds, with nothing stored: each feed becomes one
picklable :class:`~monitor.domain.FeedPoll`, so this runs alike in the poller's process or in a
worker.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from monitor.domain import SUMMARY_CHARS, Article, FeedHealth, FeedPoll
from monitor.errors import FeedError
from monitor.poll.clean import article_from_entry, content_hash, extract_main_text, fingerprints
from monitor.poll.discover import feed_links, parses
from monitor.poll.fetch import Fetcher, FetchLimits, FetchRequest, FetchResult
from monitor.poll.parse import parse_feed

log = logging.getLogger(__name__)


def internal_error(feed: FeedHealth, message: str, status: int | None = None) -> FeedPoll:
    """The poll of a feed whose reading failed for a reason of ours, not the publisher's."""
    return FeedPoll(feed, status, error=FeedError("internal", message, url=feed.url, status=status))


class FeedReader:
    """Reads feeds on one Fetcher, each on its own, so that nothing waits for another feed.

    ``start(feed)`` queues the feed's fetch under the Fetcher's caps (a future, not a task,
    while it waits for its slots); once fetched, its parsing, cleaning and article pages run in
    a task of its own and ``on_read`` gets its poll. A feed whose server or pages hang holds
    its own slots until its own timeouts, never another feed's poll.
    ``before_parse(feed_id)`` is called before each stretch of parsing or text extraction (a
    worker reports it, so a crash there can be pinned on that feed).
    """

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        max_entries: int,
        on_read: Callable[[FeedPoll], None],
        before_parse: Callable[[int], None] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.max_entries = max_entries
        self.on_read = on_read
        self.before_parse = before_parse
        self._fetching: dict[int, asyncio.Future[FetchResult]] = {}
        self._reading: dict[int, asyncio.Task[None]] = {}

    @property
    def busy(self) -> int:
        """Feeds started and not yet read."""
        return len(self._fetching) + len(self._reading)

    def start(self, feed: FeedHealth, on_start: Callable[[], None] | None = None) -> None:
        """Poll ``feed`` (not already being read); ``on_start()`` when its fetch gets its
        slots."""
        started: list[datetime] = []

        def begun() -> None:
            started.append(datetime.now(UTC))
            if on_start is not None:
                on_start()

        request = FetchRequest(
            url=feed.url, etag=feed.etag, last_modified=feed.last_modified, key=feed.id
        )
        fetching = self.fetcher.submit(request, on_start=begun)
        self._fetching[feed.id] = fetching
        fetching.add_done_callback(lambda done: self._fetched(feed, started, done))

    def _fetched(
        self, feed: FeedHealth, started: list[datetime], done: asyncio.Future[FetchResult]
    ) -> None:
        self._fetching.pop(feed.id, None)
        if done.cancelled():
            return
        task = asyncio.create_task(self._read(feed, done, started[0] if started else None))
        self._reading[feed.id] = task
        task.add_done_callback(lambda _: self._reading.pop(feed.id, None))

    async def _read(
        self, feed: FeedHealth, done: asyncio.Future[FetchResult], started: datetime | None
    ) -> None:
        try:
            poll = await _outcome(
                self.fetcher, feed, done.result(), self.max_entries, self.before_parse
            )
        except Exception as exc:  # noqa: BLE001
            # _outcome is the boundary for the feed's documents; this is one for a bug in the
            # fetch or the page handling, which must cost that feed alone too.
            log.exception("reading feed %s failed", feed.url)
            poll = internal_error(feed, f"reading the feed failed: {type(exc).__name__}: {exc}")
        self.on_read(replace(poll, started=started))

    async def aclose(self) -> None:
        """Cancel the fetches and readings still running; their feeds are not reported."""
        for fetching in list(self._fetching.values()):
            fetching.cancel()
        reading = list(self._reading.values())
        for task in reading:
            task.cancel()
        await asyncio.gather(*reading, return_exceptions=True)


async def read_feeds(
    due: Sequence[FeedHealth],
    limits: FetchLimits,
    *,
    max_entries: int,
    before_parse: Callable[[int], None] | None = None,
) -> AsyncGenerator[FeedPoll, None]:
    """Poll ``due`` concurrently (:class:`FeedReader`) and yield each feed's poll as it
    completes."""
    read: asyncio.Queue[FeedPoll] = asyncio.Queue()
    async with Fetcher(limits) as fetcher:
        reader = FeedReader(
            fetcher, max_entries=max_entries, on_read=read.put_nowait, before_parse=before_parse
        )
        try:
            for feed in due:
                reader.start(feed)
            for _ in due:
                yield await read.get()
        finally:
            await reader.aclose()


async def _outcome(
    fetcher: Fetcher,
    feed: FeedHealth,
    fetched: FetchResult,
    max_entries: int,
    before_parse: Callable[[int], None] | None,
) -> FeedPoll:
    error = fetched.error
    items: list[Article] = []
    warning = None
    text_chars = None
    if error is None and not fetched.not_modified:
        try:
            items, warning, text_chars = await _articles(
                fetcher, feed, fetched, max_entries, before_parse
            )
        except FeedError as exc:
            error = exc
            linked = await _linked_feed(fetcher, fetched, exc)
            if linked is not None:
                # A site's address where a feed was expected: poll the feed its page links to,
                # stored as the feed's URL (as a permanent redirect is), and say so.
                fetched = linked
                error = None
                items, warning, text_chars = await _articles(
                    fetcher, feed, fetched, max_entries, before_parse
                )
                found = (
                    f"{feed.url} is a web page: polling the feed it links to, {linked.final_url}"
                )
                warning = f"{found}; {warning}" if warning else found
        except Exception as exc:  # noqa: BLE001
            # The fault-isolation boundary: a parser or cleaner bug on one document must cost
            # that feed its poll (recorded, backed off), not the whole cycle.
            log.exception("reading feed %s failed", feed.url)
            return internal_error(
                feed, f"reading the feed failed: {type(exc).__name__}: {exc}", fetched.status
            )
    return FeedPoll(
        feed,
        fetched.status,
        tuple(items),
        error,
        warning,
        fetched.etag,
        fetched.last_modified,
        fetched.moved_to,
        fetched.elapsed_s,
        text_chars=text_chars,
    )


async def _linked_feed(fetcher: Fetcher, page: FetchResult, error: FeedError) -> FetchResult | None:
    """The first feed an HTML page links to (``<link rel="alternate">``), fetched, with
    ``moved_to`` set to its URL; None when the page links to none that reads as a feed."""
    if error.code != "not-a-feed" or not page.body:
        return None
    for url in feed_links(page.body, page.final_url):
        result = await fetcher.fetch(FetchRequest(url))
        if parses(result) is not None:
            return replace(result, moved_to=result.final_url)
    return None


async def _articles(
    fetcher: Fetcher,
    feed: FeedHealth,
    fetched: FetchResult,
    max_entries: int,
    before_parse: Callable[[int], None] | None,
) -> tuple[list[Article], str | None, int | None]:
    """The feed's articles, its warning, and the median length of the entries' own texts
    (None when it has none)."""
    assert fetched.body is not None
    if before_parse is not None:
        before_parse(feed.id)
    parsed = parse_feed(
        fetched.body,
        url=fetched.final_url,
        content_type=fetched.content_type,
        content_language=fetched.headers.get("content-language"),
        max_entries=max_entries,
    )
    warning = parsed.warning
    if parsed.total_entries > len(parsed.entries):
        capped = f"read {len(parsed.entries)} of {parsed.total_entries} entries (max_entries)"
        warning = f"{warning}; {capped}" if warning else capped
    items: list[Article] = []
    pages: dict[int, str] = {}  # index in items -> the article page to fetch
    unlinked = broken = 0
    for entry in parsed.entries:
        try:
            article = article_from_entry(entry, feed_url=feed.url)
        except Exception:  # noqa: BLE001
            # A cleaner bug on one entry costs that entry, not the feed's others.
            log.exception("cleaning an entry of feed %s failed", feed.url)
            broken += 1
            continue
        if article is None:
            continue
        if not _is_web_url(article.url):
            # Skipped (and counted in the warning), not stored under its guid or content id:
            # an alert is there to send the reader to the story, which such an entry cannot
            # do (no link, or a javascript:/mailto: one); and the store keeps one article per
            # URL, so two of them, both without one, would collide.
            unlinked += 1
            continue
        if entry.link and (
            feed.full_text is True
            or (feed.full_text == "auto" and len(article.text) < SUMMARY_CHARS)
        ):
            pages[len(items)] = entry.link
        items.append(article)
    text_chars = int(statistics.median(len(a.text) for a in items)) if items else None
    for n, why in ((unlinked, "without an http(s) link"), (broken, "that failed to clean")):
        if n:
            skipped = f"skipped {'1 entry' if n == 1 else f'{n} entries'} {why}"
            warning = f"{warning}; {skipped}" if warning else skipped
    if pages:
        refused, late = await _with_page_texts(fetcher, feed, items, pages, before_parse)
        for n, why in (
            (refused, "at non-public addresses (fetch.allow_private_pages)"),
            (late, f"not fetched within {fetcher.limits.total_timeout:g} s"),
        ):
            if n:
                kept = f"kept the feed's text for {n} article page{'s' if n > 1 else ''} {why}"
                warning = f"{warning}; {kept}" if warning else kept
    return items, warning, text_chars


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # canonical_url keeps a URL it cannot split as it came
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


async def _with_page_texts(
    fetcher: Fetcher,
    feed: FeedHealth,
    items: list[Article],
    pages: dict[int, str],
    before_parse: Callable[[int], None] | None,
) -> tuple[int, int]:
    """Replace ``items[i]``'s text by its page's for each page fetched in time: all at once
    under the Fetcher's caps, within one ``total_timeout`` for the feed (so hanging pages end
    this feed's poll in time; other feeds, read in tasks of their own, never wait for it, and
    a hanging page holds one slot). Returns how many pages were refused for their
    address and how many the deadline cut; those articles, like any whose page failed, keep
    the feed's text."""
    tasks = {asyncio.ensure_future(fetcher.fetch_page(link)): i for i, link in pages.items()}
    try:
        done, late = await asyncio.wait(tasks, timeout=fetcher.limits.total_timeout)
    finally:
        for task in tasks:  # cut by the deadline, or the feed's reading was cancelled
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    if before_parse is not None:  # other feeds were read while this one waited
        before_parse(feed.id)
    refused = 0
    for task in done:
        i, page = tasks[task], task.result()
        if page.error is not None and page.error.code == "private-address":
            # Info, not warning: the same links are refused again every poll, and the count is
            # in the feed's warning (`monitor feeds`).
            log.info("feed %s: %s", feed.url, page.error)
            refused += 1
        items[i] = _with_page_text(items[i], page)
    return refused, len(late)


def _with_page_text(article: Article, page: FetchResult) -> Article:
    """The article page's main text when it can be had; the feed's summary otherwise."""
    link = page.request.url
    if page.error is not None or page.body is None:
        return article
    try:
        text = extract_main_text(page.body, url=link)
    except Exception:  # noqa: BLE001
        # An extractor bug on one page costs that page: the article keeps the feed's text.
        log.exception("extracting the text of %s failed", link)
        return article
    if not text or len(text) <= len(article.text):
        return article
    return replace(
        article,
        text=text,
        content_hash=content_hash(article.title, text),
        fingerprints=fingerprints(text),
    )
