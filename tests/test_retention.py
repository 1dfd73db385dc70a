"""Retention on both backends (a real SQLite file and a real PostgreSQL database): nothing
matched, labeled, pending or dead is pruned before its time; an article whose text is gone is
still recognised when it is re-published; a dry run changes nothing and counts the same."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from monitor.domain import (
    Article,
    Channel,
    DeliveryKind,
    DeliveryStatus,
    Feed,
    FeedPoll,
    IngestStats,
    Match,
)
from monitor.store import PlannedDelivery, Store
from monitor.store.feedback import Label
from monitor.store.retention import (
    ARTICLE_DELETE_COST,
    PruneReport,
    RetentionPolicy,
    expired_rows,
)

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
POLICY = RetentionPolicy(
    unmatched_text=30 * DAY, unmatched_url=180 * DAY, matched=365 * DAY, deliveries=90 * DAY
)
STORY = (
    "Syrian army units backed by Russian aircraft pushed into the last villages of the valley. "
    "The town of al-Shajara was shelled for a third day before ground forces entered it."
)
MODEL = "test-model"


def article(id_: str, *, fps: tuple[int, ...] = (), text: str = STORY, h: str = "") -> Article:
    return Article(
        id=id_,
        url=f"https://e.org/{id_}",
        title=f"title {id_}",
        text=text,
        published=T0,
        content_hash=h or f"h-{id_}",
        fingerprints=fps or tuple(hash((id_, i)) & 0xFFFFFFFF for i in range(5)),
    )


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    s.sync_feeds([Feed("https://e.org/rss", every_s=900)], T0)
    yield s
    s.close()


def poll(store: Store, items: Sequence[Article], at: datetime = T0) -> IngestStats:
    [feed] = store.feeds()
    return store.record_poll(
        FeedPoll(feed, 200, tuple(items), attempted=at, next_due=at + timedelta(minutes=15))
    )


def score(
    store: Store,
    ids: Sequence[str],
    matched: Sequence[str] = (),
    subscribers: Sequence[str] = (),
    at: datetime = T0,
) -> None:
    """Vectors for ``ids``; a match of topic "t" for those in ``matched``, due to each of
    ``subscribers`` by webhook."""
    found = [Match(i, "t", 0.9, True, {"passage": "p"}) for i in matched]
    planned = [
        PlannedDelivery.of(m, sub, Channel.WEBHOOK, DeliveryKind.INSTANT)
        for m in found
        for sub in subscribers
    ]
    store.record_scoring(MODEL, [(i, b"\x00\x01vec") for i in ids], found, planned, now=at)


def label(store: Store, article_id: str, at: datetime = T0) -> None:
    store.feedback.record(
        [Label(article_id, "t", True, "cli", "a title", STORY, MODEL, b"v", article_id=article_id)],
        at,
    )


def state(store: Store) -> dict[str, Any]:
    """Everything retention may change, as plain data."""
    return {
        "articles": {a["id"]: a["text"] for a in store.export_articles()},
        "backlog": store.embed_backlog(),
        "vectors": sorted(i for batch in store.iter_vectors(MODEL) for i, _ in batch),
        "matches": store.match_count(),
        "deliveries": sorted((d.id, d.status) for d in store.deliveries()),
        "labels": [(lab.item, lab.text) for lab in store.feedback.labels()],
    }


def kept(store: Store) -> dict[str, str]:
    """Article id -> its text (empty once dropped)."""
    return {a["id"]: a["text"] for a in store.export_articles()}


def test_nothing_matched_labeled_pending_or_dead_is_pruned_before_its_time(store: Store) -> None:
    poll(store, [article(i) for i in ("plain", "matched", "labeled", "pending", "dead")])
    score(store, ["plain", "labeled"])
    score(store, ["matched"], matched=["matched"])
    score(store, ["pending", "dead"], matched=["pending", "dead"], subscribers=["ops"])
    label(store, "labeled")
    [dead] = [d.id for d in store.deliveries() if d.article_id == "dead"]
    assert store.claim_deliveries([dead], T0, 60) == {dead}
    store.mark_failed(
        [dead], T0, error="410 Gone", next_attempt=T0, give_up_after_s=0, permanent=True
    )
    before = state(store)

    # Until unmatched_text nothing goes.
    assert store.prune(POLICY, T0 + 30 * DAY - timedelta(minutes=1)).total == 0
    assert state(store) == before

    # Then only the unmatched article's text and vectors; its row, URL and fingerprints stay.
    report = store.prune(POLICY, T0 + 31 * DAY)
    assert report.counts() == dict(
        texts_dropped=1, urls_dropped=0, matched_dropped=0, deliveries_dropped=0
    )
    texts = kept(store)
    assert texts.pop("plain") == ""
    assert set(texts.values()) == {STORY}
    assert state(store)["vectors"] == ["dead", "labeled", "matched", "pending"]
    assert store.embed_backlog() == 0  # a dropped text is not embedded again
    assert store.prune(POLICY, T0 + 31 * DAY).total == 0  # done once

    # At unmatched_url the unmatched article goes whole; matched and labeled ones stay.
    assert store.prune(POLICY, T0 + 180 * DAY - timedelta(minutes=1)).total == 0
    assert store.prune(POLICY, T0 + 181 * DAY).urls_dropped == 1
    assert sorted(kept(store)) == ["dead", "labeled", "matched", "pending"]

    # At `matched`, the matched and the labeled article go; those with a delivery to send
    # or a dead letter stay. The label stays, with its own text.
    assert store.prune(POLICY, T0 + 365 * DAY - timedelta(minutes=1)).total == 0
    assert store.prune(POLICY, T0 + 366 * DAY).matched_dropped == 2
    assert sorted(kept(store)) == ["dead", "pending"]
    assert [(lab.item, lab.text) for lab in store.feedback.labels()] == [("labeled", STORY)]
    assert sorted(d.status for d in store.deliveries()) == [
        DeliveryStatus.DEAD,
        DeliveryStatus.PENDING,
    ]


def test_a_newer_match_or_label_keeps_an_old_article(store: Store) -> None:
    """Backfill matched it, or the analyst labeled it, long after it was fetched: the
    record counts from then."""
    poll(store, [article("a"), article("b")])
    score(store, ["a", "b"])
    score(store, ["a"], matched=["a"], at=T0 + 20 * DAY)
    label(store, "b", at=T0 + 25 * DAY)
    assert store.prune(POLICY, T0 + 200 * DAY).total == 0
    assert store.prune(POLICY, T0 + 366 * DAY).total == 0
    assert store.prune(POLICY, T0 + 386 * DAY).matched_dropped == 1
    assert sorted(kept(store)) == ["b"]
    assert store.prune(POLICY, T0 + 391 * DAY).matched_dropped == 1


def test_an_article_not_yet_judged_keeps_its_text(store: Store) -> None:
    """No vectors yet (the embedder is behind): matching has not had its chance."""
    poll(store, [article("late")])
    assert store.prune(POLICY, T0 + 100 * DAY).total == 0
    assert kept(store) == {"late": STORY}
    assert store.embed_backlog() == 1


def test_a_republished_story_is_still_a_duplicate_after_its_text_is_gone(store: Store) -> None:
    prints = (11, 12, 13, 14, 15)
    poll(store, [article("story", fps=prints)])
    score(store, ["story"])
    assert store.prune(POLICY, T0 + 31 * DAY).texts_dropped == 1
    assert kept(store) == {"story": ""}

    later = T0 + 60 * DAY
    # The same entry again (same URL and id), and a re-worded copy elsewhere that shares most
    # of its sentences.
    again = poll(store, [article("story", fps=prints)], at=later)
    assert (again.new, again.unchanged) == (0, 1)
    copy = poll(store, [article("copy", fps=(11, 12, 13, 14, 99))], at=later)
    assert (copy.new, copy.duplicates) == (0, 1)
    assert kept(store) == {"story": ""}
    assert store.embed_backlog() == 0

    # Past unmatched_url it is forgotten: new again.
    assert store.prune(POLICY, T0 + 181 * DAY).urls_dropped == 1
    assert poll(store, [article("story", fps=prints)], at=T0 + 182 * DAY).new == 1
    assert kept(store) == {"story": STORY}


def test_an_edited_article_gets_its_text_back_and_is_judged_again(store: Store) -> None:
    poll(store, [article("story")])
    score(store, ["story"])
    assert store.prune(POLICY, T0 + 31 * DAY).texts_dropped == 1
    edited = article("story", text=STORY + " Updated.", h="edited")
    assert poll(store, [edited], at=T0 + 40 * DAY).updated == 1
    assert kept(store) == {"story": STORY + " Updated."}
    assert store.embed_backlog() == 1
    score(store, ["story"], at=T0 + 40 * DAY)
    # Its text counts from the edit.
    assert store.prune(POLICY, T0 + 60 * DAY).total == 0
    assert store.prune(POLICY, T0 + 71 * DAY).texts_dropped == 1


def test_sent_deliveries_go_after_their_time_pending_and_dead_stay(store: Store) -> None:
    poll(store, [article(i) for i in ("a", "b", "c", "d")])
    score(store, ["a", "b", "c", "d"])
    score(store, ["a"], matched=["a"], subscribers=["ops", "ana"])
    score(store, ["b"], matched=["b"], subscribers=["ops"], at=T0 + timedelta(hours=1))
    score(store, ["c"], matched=["c"], subscribers=["ana"], at=T0 + timedelta(hours=2))
    score(store, ["d"], matched=["d"], subscribers=["ops"], at=T0 + timedelta(hours=3))
    rows = {(d.article_id, d.subscriber): d.id for d in store.deliveries()}
    sent = [rows["a", "ops"], rows["b", "ops"], rows["a", "ana"]]
    assert store.claim_deliveries(sent, T0, 60) == set(sent)
    assert store.mark_sent(sent, T0 + timedelta(hours=4)) == 3
    dead = rows["c", "ana"]
    store.claim_deliveries([dead], T0, 60)
    store.mark_failed([dead], T0, error="no", next_attempt=T0, give_up_after_s=0, permanent=True)

    assert store.prune(POLICY, T0 + 90 * DAY).deliveries_dropped == 0
    report = store.prune(POLICY, T0 + 91 * DAY)
    # ops's older sent rows go (its pending row for "d" is newer); ana's sent row is older
    # than its dead letter; the pending and the dead row stay.
    assert report.deliveries_dropped == 3
    assert sorted((d.article_id, d.subscriber, d.status) for d in store.deliveries()) == [
        ("c", "ana", DeliveryStatus.DEAD),
        ("d", "ops", DeliveryStatus.PENDING),
    ]


def test_each_subscribers_newest_delivery_stays(store: Store) -> None:
    """It says the subscriber is not new: a restart sends it no welcome catch-up."""
    poll(store, [article("a")])
    score(store, ["a"], matched=["a"], subscribers=["ops"])
    [only] = [d.id for d in store.deliveries()]
    store.claim_deliveries([only], T0, 60)
    store.mark_sent([only], T0)
    assert store.prune(POLICY, T0 + 200 * DAY).total == 0
    assert store.has_deliveries("ops")


def test_a_dry_run_changes_nothing_and_counts_the_same(store: Store) -> None:
    old = [article(f"u{i}") for i in range(4)] + [article("m0"), article("m1")]
    recent = [article(f"u{i}") for i in range(4, 7)]
    poll(store, old)
    poll(store, recent, at=T0 + 160 * DAY)
    score(store, [a.id for a in old + recent])
    score(store, ["m0"], matched=["m0"], subscribers=["ops"])
    score(store, ["m1"], matched=["m1"], subscribers=["ops"], at=T0 + timedelta(hours=1))
    sent = [d.id for d in store.deliveries()]
    store.claim_deliveries(sent, T0, 60)
    store.mark_sent(sent, T0 + timedelta(hours=2))
    at = T0 + 200 * DAY
    before = state(store)

    dry = store.prune(POLICY, at, dry_run=True, batch_size=2)
    assert dry.dry_run and dry.batches >= 3
    assert state(store) == before
    real = store.prune(POLICY, at, batch_size=2)
    assert (
        real.counts()
        == dry.counts()
        == dict(texts_dropped=3, urls_dropped=4, matched_dropped=0, deliveries_dropped=1)
    )
    assert state(store) != before
    assert store.prune(POLICY, at, dry_run=True).total == 0


def test_batches_are_bounded_and_a_stop_ends_the_prune_between_two(store: Store) -> None:
    poll(store, [article(f"u{i}") for i in range(5)])
    score(store, [f"u{i}" for i in range(5)])
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    partial = store.prune(POLICY, T0 + 31 * DAY, batch_size=2, stop=stop)
    assert (partial.texts_dropped, partial.batches) == (4, 2)
    rest = store.prune(POLICY, T0 + 31 * DAY, batch_size=2)
    assert (rest.texts_dropped, rest.batches) == (1, 1)
    assert isinstance(rest, PruneReport) and rest.seconds >= 0


def test_whole_articles_are_deleted_in_smaller_batches(store: Store) -> None:
    # An article's deletion writes some 30 rows more (its fingerprints): a batch of them is
    # ARTICLE_DELETE_COST times smaller, so it holds the write lock about as long.
    poll(store, [article(f"u{i}", fps=(i, 100 + i)) for i in range(5)])
    score(store, [f"u{i}" for i in range(5)])
    batch = 2 * ARTICLE_DELETE_COST
    texts = store.prune(POLICY, T0 + 31 * DAY, batch_size=batch)
    assert (texts.texts_dropped, texts.batches) == (5, 1)
    urls = store.prune(POLICY, T0 + 181 * DAY, batch_size=batch)
    assert (urls.urls_dropped, urls.batches) == (5, 3)  # 2, 2 and 1


def test_a_dry_run_counts_the_same_when_deleted_articles_take_their_deliveries(
    store: Store,
) -> None:
    """A matched article's deletion would take its sent deliveries with it: they are counted
    (and deleted) as deliveries first, in a dry run as in a real one."""
    poll(store, [article("m"), article("n")])
    score(store, ["m", "n"])
    score(store, ["m"], matched=["m"], subscribers=["ops"])
    score(store, ["n"], matched=["n"], subscribers=["ops"], at=T0 + timedelta(hours=1))
    sent = [d.id for d in store.deliveries()]
    store.claim_deliveries(sent, T0, 60)
    store.mark_sent(sent, T0 + timedelta(hours=2))
    at = T0 + 400 * DAY
    dry = store.prune(POLICY, at, dry_run=True)
    real = store.prune(POLICY, at)
    assert dry.counts() == real.counts()
    assert (real.deliveries_dropped, real.matched_dropped) == (1, 2)
    assert kept(store) == {} and store.deliveries() == []


# The index each kind's search for expired rows walks, oldest first.
INDEXES = {
    "texts_dropped": ("articles", "ix_articles_text_kept"),
    "urls_dropped": ("articles", "ix_articles_fetched"),
    "matched_dropped": ("articles", "ix_articles_fetched"),
    "deliveries_dropped": ("deliveries", "ix_deliveries_sent"),
}


def test_expired_rows_are_found_through_an_index(store: Store) -> None:
    """EXPLAIN each query a prune walks. PostgreSQL with sequential scans priced out, so the
    plan names the index it would use on a big table (an empty one is scanned whole)."""
    with store.engine.connect() as conn:
        postgresql = conn.dialect.name == "postgresql"
        if postgresql:
            conn.exec_driver_sql("SET enable_seqscan = off")
        for kind, query in expired_rows(POLICY, T0).items():
            compiled = query.limit(100).compile(conn, compile_kwargs={"literal_binds": True})
            prefix = "EXPLAIN " if postgresql else "EXPLAIN QUERY PLAN "
            plan = "\n".join(str(r[-1]) for r in conn.exec_driver_sql(prefix + str(compiled)))
            table, index = INDEXES[kind]
            if postgresql:
                assert f"using {index} on {table}" in plan or (
                    f"Bitmap Index Scan on {index}" in plan
                ), (kind, plan)
                assert f"Seq Scan on {table}" not in plan, (kind, plan)
            else:
                assert f"SEARCH {table} USING INDEX {index} (" in plan, (kind, plan)
                assert f"SCAN {table}" not in plan, (kind, plan)
