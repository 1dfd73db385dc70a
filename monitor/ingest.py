"""One poll of a set of feeds: fetch → parse → clean → store, feed by feed.

A failing feed is recorded (status, error code, backoff) and never delays or breaks the others.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from http import HTTPStatus

from monitor.config import Config
from monitor.domain import Article, FeedHealth
from monitor.errors import FeedError
from monitor.fetch import Fetcher, FetchLimits, FetchRequest, FetchResult, next_delay
from monitor.parse import parse_feed
from monitor.store import FeedUpdate, IngestStats, Store, utcnow
from monitor.text import article_from_entry, content_hash, extract_main_text, fingerprints


@dataclass(frozen=True)
class PollResult:
    """What one feed's poll did, for the per-feed line of ``monitor poll`` and for metrics."""

    feed: FeedHealth
    status: int | None
    stats: IngestStats
    error: FeedError | None = None
    warning: str | None = None
    moved_to: str | None = None
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def status_text(self) -> str:
        return status_text(self.status)

    @property
    def new_article_ids(self) -> tuple[str, ...]:
        return self.stats.new_ids


def status_text(status: int | None) -> str:
    """``404 Not Found``; ``-`` when there was no HTTP answer."""
    if status is None:
        return "-"
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def fetch_limits(config: Config) -> FetchLimits:
    f = config.settings.fetch
    return FetchLimits(connect_timeout=f.connect_timeout, read_timeout=f.read_timeout,
                       total_timeout=f.total_timeout, max_bytes=f.max_bytes,
                       concurrency=f.concurrency, per_host=f.per_host)


class Poller:
    """Polls feeds with one shared :class:`Fetcher` and records every outcome in the store."""

    def __init__(self, store: Store, limits: FetchLimits, *, max_entries: int = 200,
                 clock: Callable[[], datetime] = utcnow, rng: random.Random | None = None) -> None:
        self.store = store
        self.limits = limits
        self.max_entries = max_entries
        self.clock = clock
        self.rng = rng or random.Random()

    async def poll(self, due: Sequence[FeedHealth],
                   on_result: Callable[[PollResult], None] | None = None, *,
                   should_stop: Callable[[], bool] = lambda: False) -> list[PollResult]:
        """Poll ``due`` concurrently; stops early (unfinished feeds stay due) once
        ``should_stop()`` says so."""
        by_id = {f.id: f for f in due}
        requests = [FetchRequest(url=f.url, etag=f.etag, last_modified=f.last_modified, key=f.id)
                    for f in due]
        results: list[PollResult] = []
        async with Fetcher(self.limits) as fetcher:
            async for fetched in fetcher.fetch_many(requests):
                feed = by_id[fetched.request.key]  # type: ignore[index]
                result = await self._record(fetcher, feed, fetched)
                results.append(result)
                if on_result is not None:
                    on_result(result)
                if should_stop():
                    break
        return results

    async def _record(self, fetcher: Fetcher, feed: FeedHealth, fetched: FetchResult) -> PollResult:
        now = self.clock()
        error = fetched.error
        items: list[Article] = []
        warning = None
        if error is None and not fetched.not_modified:
            try:
                items, warning = await self._articles(fetcher, feed, fetched)
            except FeedError as exc:
                error = exc
        if error is not None:
            failures = feed.consecutive_failures + 1
            delay = next_delay(failures, feed.interval_s, error.retry_after,
                               self.rng)
            update = FeedUpdate(attempted=now, next_due=now + timedelta(seconds=delay),
                                status=fetched.status, ok=False, error_code=error.code,
                                error=str(error), moved_to=fetched.moved_to,
                                retired=error.code == "gone")
        else:
            delay = next_delay(0, feed.interval_s, None, self.rng)
            update = FeedUpdate(attempted=now, next_due=now + timedelta(seconds=delay),
                                status=fetched.status, ok=True, warning=warning,
                                etag=fetched.etag, last_modified=fetched.last_modified,
                                moved_to=fetched.moved_to)
        stats = self.store.record_poll(feed.id, update, items)
        return PollResult(feed=feed, status=fetched.status, stats=stats, error=error,
                          warning=warning, moved_to=fetched.moved_to,
                          elapsed_s=fetched.elapsed_s)

    async def _articles(self, fetcher: Fetcher, feed: FeedHealth,
                        fetched: FetchResult) -> tuple[list[Article], str | None]:
        assert fetched.body is not None
        parsed = parse_feed(fetched.body, url=fetched.final_url,
                            content_type=fetched.content_type, max_entries=self.max_entries)
        warning = parsed.warning
        if parsed.total_entries > len(parsed.entries):
            capped = f"read {len(parsed.entries)} of {parsed.total_entries} entries (max_entries)"
            warning = f"{warning}; {capped}" if warning else capped
        items = []
        for entry in parsed.entries:
            article = article_from_entry(entry, feed_url=feed.url)
            if article is None:
                continue
            if feed.full_text and entry.link:
                article = await _with_page_text(fetcher, article, entry.link)
            items.append(article)
        return items, warning


async def _with_page_text(fetcher: Fetcher, article: Article, link: str) -> Article:
    """The article page's main text when it can be had; the feed's summary otherwise."""
    page = await fetcher.fetch(FetchRequest(url=link))
    if page.error is not None or page.body is None:
        return article
    text = extract_main_text(page.body, url=link)
    if not text or len(text) <= len(article.text):
        return article
    return replace(article, text=text, content_hash=content_hash(article.title, text),
                   fingerprints=fingerprints(text))


def poll_once(config: Config, store: Store, *, only_due: bool = False,
              on_result: Callable[[PollResult], None] | None = None) -> list[PollResult]:
    """Sync the configured feeds into the store and poll them (all, or those due) now."""
    store.sync_feeds(config.feeds())
    now = utcnow()
    due = store.due_feeds(now) if only_due else [f for f in store.feeds() if not f.retired]
    poller = Poller(store, fetch_limits(config), max_entries=config.settings.fetch.max_entries)
    return asyncio.run(poller.poll(due, on_result))
