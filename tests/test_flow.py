"""Polling as a continuous flow (monitor/poll/flow.py) against real servers on 127.0.0.1: a
feed, or an article page, whose server accepts the request and never answers holds its own
slot until its own timeout, and the feeds beside it keep their schedule.

No timing assertions: each test counts the healthy feed's polls stored before the hanging one
times out (several under the flow; one when a poll waited for the slowest feed), or waits for
a state that only a held slot can cause."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.config.models import FetchConfig
from monitor.domain import Feed, FeedHealth, FeedPoll
from monitor.poll.flow import START_SLICE_S, PollFlow
from monitor.poll.ingest import Poller
from monitor.store import Store, utcnow
from tests.feedserver import FeedServer, Reply, synthetic_feed
from tests.test_cli import rss
from tests.wait import wait_for

INTERVAL_S = 1.0
HANG_S = 5.0  # the hanging feed's timeout: several of the healthy feed's intervals
NEVER = 3600.0


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path}/monitor.db")
    yield s
    s.close()


@pytest.fixture()
def hanging() -> Iterator[FeedServer]:
    """Another host (127.0.0.2: its own per-host cap) whose every answer never comes."""
    with FeedServer("127.0.0.2") as srv:
        yield srv


def limits(**overrides: object) -> FetchConfig:
    values: dict[str, object] = {
        "connect_timeout": 2,
        "read_timeout": HANG_S,
        "total_timeout": HANG_S,
        "allow_private_pages": True,
    }
    return FetchConfig.model_validate(values | overrides)


class Flow:
    """A PollFlow on a thread of its own, as the daemon runs it, recording what it stores."""

    def __init__(self, store: Store, fetch: FetchConfig, **poller: object) -> None:
        self.stored: list[FeedPoll] = []
        self.failures: list[Exception] = []
        self.stop = threading.Event()
        self.flow = PollFlow(
            Poller(store, fetch.limits(), max_entries=fetch.max_entries, **poller),  # type: ignore[arg-type]
            on_written=self.stored.extend,
            on_failed=self.failures.append,
            tick_s=0.2,
        )
        self.thread = threading.Thread(target=lambda: asyncio.run(self.flow.run(self.stop.is_set)))

    def __enter__(self) -> Flow:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()

    def polls_of(self, url: str) -> list[FeedPoll]:
        return [p for p in list(self.stored) if p.feed.url == url]

    def wait_polled(self, url: str, what: str, timeout: float = 60) -> FeedPoll:
        wait_for(lambda: bool(self.polls_of(url)), timeout, what)
        return self.polls_of(url)[0]


def sync(store: Store, *urls: str, full_text: Callable[[str], bool] = lambda _: False) -> None:
    store.sync_feeds([Feed(u, every_s=INTERVAL_S, full_text=full_text(u)) for u in urls])


def test_a_hanging_feed_and_a_hanging_page_do_not_hold_up_a_healthy_feed(
    store: Store, feed_server: FeedServer, hanging: FeedServer
) -> None:
    healthy = feed_server.add_feed("/wire.rss", synthetic_feed(1))
    stuck = hanging.add("/stuck.rss", Reply(body=synthetic_feed(2), delay_s=NEVER))
    hanging.add("/page.html", Reply(body=b"<p>never</p>", delay_s=NEVER))
    paged = feed_server.add_feed(
        "/paged.rss", rss(("Story", hanging.url("/page.html"), "The feed's summary."))
    )
    sync(store, healthy, stuck, paged, full_text=lambda u: u == paged)

    with Flow(store, limits()) as run:
        hung = run.wait_polled(stuck, "the hanging feed's timeout")
        page_cut = run.wait_polled(paged, "the feed whose page hangs")
        before = [p for p in run.polls_of(healthy) if p.attempted and p.attempted < hung.attempted]

    # While the hanging feed held its slot, the healthy one went on being polled (a poll that
    # waited for the slowest feed would have stored it once).
    assert len(before) >= 3, [p.attempted for p in run.polls_of(healthy)]
    assert all(p.ok for p in run.polls_of(healthy))
    assert hung.error is not None and hung.error.code == "timeout"
    # The page's deadline ended its feed's poll; the article kept the feed's text.
    assert page_cut.ok and page_cut.stats.new == 1
    assert page_cut.warning is not None and "not fetched within" in page_cut.warning
    # The hanging feed is backed off like any failing feed.
    [row] = [f for f in store.feeds() if f.url == stuck]
    assert row.consecutive_failures >= 1 and row.error_code == "timeout"
    assert row.next_due is not None and row.last_attempt is not None
    assert row.next_due - row.last_attempt >= timedelta(seconds=2 * INTERVAL_S * 0.9)
    # Every stored poll knows how late it started (due -> its fetch got its slots).
    assert all(run.flow.lateness_s(p) is not None for p in run.stored)
    assert run.failures == []


def test_a_feed_waiting_behind_a_hanging_one_on_its_host_is_reported_late(
    store: Store, hanging: FeedServer
) -> None:
    # One request at a time to the host: the healthy feed has to wait for the hanging one's
    # slot, which is what /healthz calls late (longer than its interval).
    hanging.add_feed("/wire.rss", synthetic_feed(1))
    hanging.add("/stuck.rss", Reply(body=synthetic_feed(2), delay_s=NEVER))
    healthy, stuck = hanging.url("/wire.rss"), hanging.url("/stuck.rss")
    sync(store, healthy, stuck)

    with Flow(store, limits(per_host=1)) as run:
        assert run.flow.lateness().late == 0
        wait_for(lambda: run.flow.lateness().late >= 1, 30, "the healthy feed to be late")
        late = run.flow.lateness()
        run.wait_polled(stuck, "the hanging feed's timeout")
    assert late.waiting >= 1 and late.worst_s >= INTERVAL_S
    assert run.polls_of(healthy) and all(p.ok for p in run.polls_of(healthy))


def test_a_big_poll_in_worker_processes_does_not_hold_up_the_next_polls(
    store: Store, feed_server: FeedServer, hanging: FeedServer
) -> None:
    # All three are due at once: a big poll, read in worker processes. The healthy feeds are
    # read again (in this process) while the worker batch waits on the hanging feed.
    healthy = [feed_server.add_feed(f"/wire{i}.rss", synthetic_feed(i)) for i in range(2)]
    stuck = hanging.add("/stuck.rss", Reply(body=synthetic_feed(9), delay_s=NEVER))
    sync(store, *healthy, stuck)

    with Flow(store, limits(), workers=2, parallel_min=3) as run:
        hung = run.wait_polled(stuck, "the hanging feed's timeout")
    for url in healthy:
        before = [p for p in run.polls_of(url) if p.attempted and p.attempted < hung.attempted]
        assert len(before) >= 3, url
    assert hung.error is not None and hung.error.code == "timeout"
    assert all(p.started is not None for p in run.stored)  # reported by the workers too


def test_a_poll_cycle_stores_a_feed_without_waiting_for_another_feeds_hanging_page(
    store: Store, feed_server: FeedServer, hanging: FeedServer
) -> None:
    # `monitor poll` and `run --once` poll a set of feeds together: still, a feed is stored
    # as soon as it is read, not after the pages of the feeds fetched before it.
    hanging.add("/page.html", Reply(body=b"<p>never</p>", delay_s=NEVER))
    paged = feed_server.add_feed(
        "/paged.rss", rss(("Story", hanging.url("/page.html"), "The feed's summary."))
    )
    plain = feed_server.add("/slowish.rss", Reply(body=synthetic_feed(1), delay_s=0.5))
    sync(store, paged, plain, full_text=lambda u: u == paged)
    fetch = limits()
    order: list[str] = []
    asyncio.run(
        Poller(store, fetch.limits(), max_entries=fetch.max_entries, workers=1).poll(
            store.due_feeds(utcnow()), lambda p: order.append(p.feed.url)
        )
    )
    assert order == [plain, paged]


def test_stop_cancels_the_polls_in_flight_and_leaves_them_due(
    store: Store, feed_server: FeedServer, hanging: FeedServer
) -> None:
    fast = feed_server.add_feed("/fast.xml", synthetic_feed(1))
    slow = [hanging.add(f"/slow{i}.xml", Reply(delay_s=NEVER)) for i in range(3)]
    sync(store, fast, *slow)
    run = Flow(store, limits(read_timeout=60, total_timeout=60))
    with run:
        run.wait_polled(fast, "the fast feed")
    # (stopping waits for no server: __exit__ asserts the flow's thread ended)
    assert not [p for p in run.stored if p.feed.url in slow]
    due = {f.url for f in store.due_feeds(utcnow() + timedelta(seconds=1))}
    assert set(slow) <= due


def test_two_flows_on_one_database_poll_each_due_feed_once(
    pg_url: str, feed_server: FeedServer
) -> None:
    """Two daemons' flows on one PostgreSQL database claim due feeds: each feed is polled by
    one of them, not both. (On SQLite a second daemon is refused: one flow per file.)"""
    urls = [feed_server.add_feed(f"/f{i}.xml", synthetic_feed(1)) for i in range(12)]
    first, second = Store.open(pg_url), Store.open(pg_url)
    try:
        first.sync_feeds([Feed(u, every_s=NEVER) for u in urls])
        with Flow(first, limits()) as one, Flow(second, limits()) as two:
            wait_for(
                lambda: len(one.stored) + len(two.stored) >= len(urls),
                60,
                "every feed polled by one flow or the other",
            )
        polled = [p.feed.url for p in [*one.stored, *two.stored]]
        assert sorted(polled) == sorted(urls)  # each once: none twice, none missed
        assert all(p.ok for p in [*one.stored, *two.stored])
    finally:
        first.close()
        second.close()


def test_feeds_due_within_a_tick_start_together_a_slice_at_a_time(store: Store) -> None:
    """The flow's CPU at steady state: feeds due within one slice of time share one timer
    (one wake-up of the loop), none of them set to start before its due time."""
    urls = [f"http://127.0.0.1:9/f{i}.xml" for i in range(40)]
    sync(store, *urls)
    now = utcnow()
    feeds = store.feeds()
    store.record_polls(  # due one after another over the next second, 25 ms apart
        [
            FeedPoll(f, 304, attempted=now, next_due=now + timedelta(seconds=0.025 * (i + 1)))
            for i, f in enumerate(feeds)
        ]
    )
    fetch = limits()
    poller = Poller(store, fetch.limits(), max_entries=fetch.max_entries, clock=lambda: now)
    failures: list[Exception] = []
    flow = PollFlow(poller, on_written=lambda _: None, on_failed=failures.append, tick_s=1.0)

    async def look() -> tuple[float, dict[float, list[FeedHealth]]]:
        started = asyncio.get_running_loop().time()
        flow._look()
        starting = {at: list(feeds) for at, feeds in flow._starting.items()}
        for timer in flow._timers.values():
            timer.cancel()
        assert flow._reader is not None
        await flow._reader.fetcher.aclose()
        return started, starting

    loop_now, starting = asyncio.run(look())
    assert failures == []
    assert sorted(f.url for fs in starting.values() for f in fs) == sorted(urls)
    # 1 s of due times in slices of START_SLICE_S: a timer per slice, not one per feed.
    assert len(starting) <= 1 / START_SLICE_S + 1
    for at, slice_feeds in starting.items():
        for feed in slice_feeds:
            assert feed.next_due is not None
            assert at - loop_now >= (feed.next_due - now).total_seconds()
