"""Work shared by several processes through one database: what one claims the others leave
alone until its lease runs out, only the holder records the outcome, and a worker that dies
mid-send loses nothing. On both backends (real SQLite, real PostgreSQL); each Store handle is
one worker."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from monitor.deliver.outbox import Outbox
from monitor.domain import Article, DeliveryKind, Feed, FeedPoll
from monitor.store import Store
from tests.smtp_server import free_port
from tests.test_outbox import Clock, make_config, seed
from tests.webhook_receiver import WebhookReceiver


def test_two_claimers_get_disjoint_rows_and_only_the_holder_records(
    tmp_path: Path, db_url: str
) -> None:
    clock = Clock()
    config = make_config(tmp_path, db_url, smtp_port=free_port())
    first, second = Store.open(db_url), Store.open(db_url)
    try:
        seed(config, first, Outbox(config, first, clock=clock), clock, n=40)
        due = [d.id for d in first.due_deliveries(clock(), kind=DeliveryKind.INSTANT)]
        assert len(due) == 40
        got: dict[str, set[str]] = {}

        def claim(store: Store, name: str) -> None:
            got[name] = store.claim_deliveries(due, clock(), 60)

        threads = [
            threading.Thread(target=claim, args=(store, name))
            for store, name in ((first, "first"), (second, "second"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert got["first"].isdisjoint(got["second"])
        assert got["first"] | got["second"] == set(due)
        # Claimed rows are due for nobody else; the holder alone may record them.
        assert first.due_deliveries(clock(), kind=DeliveryKind.INSTANT) == []
        theirs = sorted(got["second"])
        if theirs:
            assert first.mark_sent(theirs, clock()) == 0
            assert second.mark_sent(theirs, clock()) == len(theirs)
        # A lease that ran out goes to whoever claims next; the old holder's result is not
        # written over the new holder's lease.
        mine = sorted(got["first"])
        later = clock() + timedelta(seconds=61)
        assert second.claim_deliveries(mine, later, 60) == set(mine)
        assert first.mark_sent(mine, later) == 0
        failed = first.mark_failed(
            mine,
            later,
            error="late",
            next_attempt=later,
            give_up_after_s=0,
            permanent=True,
        )
        assert failed == 0
        assert second.mark_sent(mine, later) == len(mine)
        assert first.delivery_counts()["sent"] == len(due)
    finally:
        first.close()
        second.close()


def test_a_worker_that_dies_mid_send_loses_nothing(tmp_path: Path, db_url: str) -> None:
    clock = Clock()
    with WebhookReceiver() as hook:
        config = make_config(tmp_path, db_url, smtp_port=free_port(), hook_url=hook.url)
        dead, alive = Store.open(db_url), Store.open(db_url)
        try:
            outbox = Outbox(config, alive, clock=clock)
            seed(config, alive, outbox, clock, n=3)
            due = [d.id for d in alive.due_deliveries(clock(), kind=DeliveryKind.INSTANT)]
            # The dying worker claimed the alerts and never recorded anything.
            assert dead.claim_deliveries(due, clock(), outbox.lease_s) == set(due)
            dead.close()
            assert outbox.send_instant() == []  # leased: nobody else sends them
            assert hook.requests == []
            clock.advance(seconds=outbox.lease_s + 1)
            sent = outbox.send_instant()
            assert [o.ok for o in sent] == [True, True, True]
            clock.advance(minutes=10)
            assert outbox.send_instant() == []
            ids = [r.headers["x-monitor-delivery"] for r in hook.requests]
            assert sorted(ids) == sorted(due)  # each once
            assert alive.delivery_counts()["sent"] == 3  # the digest rows wait for their time
        finally:
            alive.close()


def test_no_send_starts_on_a_lease_about_to_run_out(tmp_path: Path, db_url: str) -> None:
    clock = Clock()
    with WebhookReceiver() as hook:
        config = make_config(tmp_path, db_url, smtp_port=free_port(), hook_url=hook.url)
        store = Store.open(db_url)
        try:
            outbox = Outbox(config, store, clock=clock)
            seed(config, store, outbox, clock, n=1)
            outbox.lease_s = 5.0  # shorter than the webhook's 10 s timeout
            assert outbox.send_instant() == []
            assert hook.requests == []
            # Given back at once, not left leased: the next tick with a sound lease sends it.
            outbox.lease_s = 120.0
            assert [o.ok for o in outbox.send_instant()] == [True]
        finally:
            store.close()


def test_embedding_claims_are_disjoint_and_end_when_the_vectors_are_stored(db_url: str) -> None:
    clock = Clock()
    first, second = Store.open(db_url), Store.open(db_url)
    try:
        store_articles(first, clock, 10)
        a = [row[0] for row in first.claim_articles_to_embed(6, 60, clock())]
        b = [row[0] for row in second.claim_articles_to_embed(6, 60, clock())]
        assert len(a) == 6 and len(b) == 4 and not set(a) & set(b)
        # Claiming again, a worker gets back only its own (a batch that failed is retried).
        assert sorted(r[0] for r in second.claim_articles_to_embed(6, 60, clock())) == sorted(b)
        first.record_scoring("m", [(i, b"v") for i in a], [], [], now=clock())
        assert first.embed_backlog() == 4
        # The second worker died: its articles go to another once the lease has run out.
        later = clock() + timedelta(seconds=61)
        assert sorted(r[0] for r in first.claim_articles_to_embed(6, 60, later)) == sorted(b)
    finally:
        first.close()
        second.close()


def store_articles(store: Store, clock: Clock, n: int) -> None:
    store.sync_feeds([Feed("file:///wire.rss", every_s=60)], clock())
    [feed] = store.feeds()
    items = tuple(
        Article(f"a{i}", f"https://e.org/{i}", f"t{i}", f"text {i}", clock(), f"h{i}")
        for i in range(n)
    )
    store.record_poll(FeedPoll(feed, 200, items, attempted=clock(), next_due=clock()))


def test_feed_claims_are_disjoint_and_a_stop_gives_the_unpolled_back(db_url: str) -> None:
    clock = Clock()
    first, second = Store.open(db_url), Store.open(db_url)
    try:
        first.sync_feeds([Feed(f"file:///f{i}.rss", every_s=60) for i in range(10)], clock())
        mine, until = first.claim_due_feeds(clock(), 600, limit=6)
        theirs, _ = second.claim_due_feeds(clock(), 600)
        assert len(mine) == 6 and len(theirs) == 4
        assert not {f.id for f in mine} & {f.id for f in theirs}
        assert first.claim_due_feeds(clock(), 600)[0] == []
        # One of mine is polled and recorded; the rest are given back (a stop): due again now.
        first.record_poll(
            FeedPoll(mine[0], 304, attempted=clock(), next_due=clock() + timedelta(minutes=1))
        )
        first.release_feeds([f.id for f in mine], until, clock())
        again = {f.id for f in second.claim_due_feeds(clock(), 600)[0]}
        assert again == {f.id for f in mine[1:]}
    finally:
        first.close()
        second.close()
