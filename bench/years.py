"""A year of running: how big the database gets and whether its hot paths stay fast.

Simulates ``--days`` days at ``--per-day`` articles a day (default 365 x 20,000 = 7.3 million)
straight into the store: each day's rows are made in Python and written with one executemany per
table (``conn.execute(table.insert(), rows)`` on the Core tables of monitor/store/schema.py),
one transaction a day, in the order the daemon writes them (articles, their sentence
fingerprints, their source rows, their vectors, then the day's matches and their deliveries). No
feed is fetched and no model runs: the rows are what those stages would have written.

- Text: a title and a 2-4 kB text of sentences drawn from a pool of pseudo-word sentences.
  Fingerprints: one random 64-bit value per sentence (the real ones are per sentence and all but
  unique), at most 64, as ``monitor.poll.clean.fingerprints`` keeps. Vectors: one float16 row of
  384 per 1,200-character passage (at most 4), behind the 4-byte header, as
  ``ArticleVectors.to_bytes`` writes. URLs, ids and hashes as the poller makes them.
- A share (``--match-share``, default 1.5 %) of each day's articles matched one topic, with
  evidence as the matcher writes it (the passage included); each match an instant webhook
  alert and a digest e-mail, both sent that day.

With retention (the config's defaults), the daemon's prune job (``monitor.run.prune.PruneJob``:
``Store.prune`` in batches with a pause between, then SQLite's free pages given back) runs after
each simulated day with the day's end as ``now``; the database's size is sampled along the way
(bytes in use: pages minus free pages on SQLite, ``pg_database_size`` on PostgreSQL) and checked
against the bound stated from bytes per article kind x the retention windows.
``--no-retention`` shows the growth without it (linear: a least-squares line through the
samples).

Then, against a database without the history (same feeds, the same live work: an embed backlog
of the last minutes' articles, due instant alerts, a subscriber's pending digest), in the same
process, alternating, medians: poll-cycle bookkeeping, the embed backlog claim, the due
deliveries claim, a digest's assembly and the store queries of /healthz. Goal: each <= 2x.

Last, one more day's prune timed (CPU and wall) while another thread records polls through its
own connection (the longest a poll write waits; goal < 100 ms), and its CPU against a day's
daemon CPU (embed+match per article, measured here on the real model as bench/match.py does,
x per-day; goal < 1 %). On PostgreSQL it prints ``n_dead_tup`` of the pruned tables after
the prune and after ANALYZE (and autovacuum, if it comes within ``--autovacuum-wait`` s).

Measured (2026-11-30, a 2-core machine shared with other jobs, load 5-9; none of the runs
got through a whole year in the time there was: each says where it stopped):

- Without retention, SQLite, 20,000 a day: 10,082 B per article, linear (r^2 0.99995 over
  samples at 120k, 240k, 360k and 400k articles; stopped at day 20 for time). A year of 7.3
  million articles: 68.5 GiB, more than the disk had free.
- With the default retention, SQLite, 5,000 a day (a quarter of the rate, to get past day 180,
  where the first URLs go, in the time): 6.12 GiB in use at day 188 and flat from day 181 on
  (+5 MiB a day: matched articles, kept 365 days). Bytes per article as pruned: unmatched with
  text 9,902; unmatched, URL and fingerprints only 6,498 (a SQLite page that held a dropped text
  keeps the stub's row: the articles table is 3.3 GiB for 900k rows); matched with its
  deliveries 12,872, after them 12,095. Bound: 5,000 x (30 x 9,902 + 150 x 6,498) x 98.5 % +
  5,000 x 1.5 % x (90 x 12,872 + 275 x 12,095), x 1.5 for page fill = 9.2 GiB from a year on;
  at 20,000 a day four times that: a 37 GiB bound, about 28 GiB expected at day 365.
- PostgreSQL, 1,000 a day for 200 days with retention: 1.08 GiB (bound 1.19 GiB); per article
  9,724 / 3,547 / 12,095 / 11,457 B (TOAST compresses the text; VACUUM FULL packs the stub).
- At size against none (medians; goal <= 2x), BEFORE articles said whether they are
  embedded (schema v5's ``embedded`` flag and its partial index): poll bookkeeping 1.39x
  (SQLite, 900k articles) / 1.19x (PostgreSQL, 180k) / 1.77x (SQLite without retention,
  400k); due deliveries claim 1.00 / 1.00 / 2.07; digest assembly 1.02 / 1.22 / 0.99; embed
  backlog claim 76x / 6.8x / 374x and the /healthz queries 184x / 2.8x / 1066x (an anti-join
  over all articles).
- The same, measured again with the flag (``--no-retention --days 20 --per-day 20000
  --embed-sample 0``: SQLite, 400k articles, 3.75 GiB; 10,076 B per article, r^2 1.0000):
  poll bookkeeping 1.40x, embed backlog claim 1.11x, due deliveries claim 1.12x, digest
  assembly 1.00x, /healthz 1.05x: all within the goal. (With /healthz timed as it was, every
  delivery counted rather than the pending and dead ones the daemon's health asks for, it was
  2.47x: 0.75 against 1.84 ms.)
- A day's prune at size, SQLite, 5,000 a day, the daemon's job (batches of 100, 0.1 s apart),
  BEFORE whole articles were deleted in smaller batches:
  4.6-5.3 s CPU, 16-18 s wall; poll writes alongside waited at most 112-149 ms (median 4-6 ms);
  before the pause between batches, 1,056 ms.
- What held the write lock: :func:`prune_under_load` on a smaller SQLite database (29 days x
  5,000 of :func:`make_day`, 145k articles: days 366, 181, 91 and 31 old, where each kind
  expires, and 25 recent ones), the store's write transactions timed by a wrapper kept out of
  the repository:
  batches of 100 deleted articles (each with ~29 fingerprints, its sources and vectors) held it
  106 ms (median; 141 ms at most), 100 texts dropped 17 ms (64), a step of giving space back
  12 ms (55); the longest poll write 103 ms. Deleting whole articles 20 at a time
  (``retention.ARTICLE_DELETE_COST`` = 5): 15 ms (52 ms at most); the longest poll write
  70 ms (goal < 100 ms), the prune 83 s wall instead of 45 s (more pauses), CPU about the
  same (11.0 against 9.9 s). On a machine busy with other jobs (load 2-3 on 2 cores) a
  poll write still waited up to 270 ms once: a batch of texts dropped then took 184 ms.
- A day's daemon CPU (the earlier run, 5,000 a day): 1,194 s (embed+match 231 ms CPU an
  article of 2-4 kB, 3 passages, 50 topics, x 5,000, plus poll bookkeeping), so the prune is
  0.4 % of it (the smaller batches cost about as much CPU); with docs/scaling.md's 30
  articles a second on 2 cores (67 ms an article) it would be 1.4 %.
- PostgreSQL, after a day's prune (BEFORE the per-table threshold): fingerprints 286,762
  dead tuples / 5.23 million live, article_sources 21,080 / 185,720, articles 1,974,
  embeddings 988, deliveries 364; ANALYZE leaves them; autovacuum did not come within 120 s:
  a day's prune is one day of the 180 kept, far under autovacuum's default threshold (20 % of
  a table), so dead tuples built up for days of prunes. Schema v5 now sets
  ``autovacuum_vacuum_scale_factor = 0.02`` on the pruned tables: dead rows stay under about
  2 % of each (a few days' prunes for fingerprints).
- PostgreSQL with it (``--pg --days 35 --per-day 2000 --embed-sample 0 --rounds 10``, 70k
  articles; a run too short for URLs to expire, so no fingerprints deleted): the day's prune
  (1,972 texts dropped) left articles 6,439 and embeddings 4,330 dead tuples; autovacuum
  came on both within 150 s (0 dead after). Hot paths at size against none: poll bookkeeping
  1.02x, embed backlog claim 0.87x, due deliveries claim 1.05x, digest assembly 0.79x,
  /healthz 0.69x; poll writes alongside the prune waited at most 20 ms.

The whole year takes hours on two cores (a day is 7-25 s of writing and pruning at 20,000) and
about 35 GiB of disk; ``--max-minutes`` and ``--min-free-gib`` stop it early, and the figures
after the days are then taken where it stopped.

    python bench/years.py                              # the year, SQLite in a temp folder
    python bench/years.py --no-retention --days 60     # growth without pruning
    python bench/years.py --pg --days 60 --per-day 2000   # a private PostgreSQL server
    python bench/years.py --url postgresql+psycopg://...  # a server of yours
    python bench/years.py --quick                      # a smoke test (seconds)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from monitor.config.models import RetentionConfig  # noqa: E402
from monitor.domain import (  # noqa: E402
    Article,
    Channel,
    DeliveryKind,
    DeliveryStatus,
    Feed,
    FeedHealth,
    FeedPoll,
)
from monitor.poll.clean import article_id, content_hash, fingerprints  # noqa: E402
from monitor.run.prune import PruneJob, retention_policy  # noqa: E402
from monitor.store import Store, schema  # noqa: E402
from monitor.store.outbox import delivery_id  # noqa: E402
from monitor.store.retention import PruneReport, RetentionPolicy  # noqa: E402
from monitor.store.schema import naive, url_hash  # noqa: E402

FEED_ITEMS_A_DAY = 20  # the "about 20 new items a day" per feed
TOPICS = 50
SUBSCRIBERS = 10
MODEL = "all-MiniLM-L6-v2:torch"  # what TorchEmbedder names the bundled model
DIM = 384
PASSAGE_CHARS = 1200  # monitor.match.embed's passage window and cap
MAX_PASSAGES = 4
MAX_FINGERPRINTS = 64
GIB = 1024**3
MIB = 1024**2


# -- the synthetic news --------------------------------------------------------------------


class Synth:
    """Deterministic synthetic articles: realistic sizes, unique ids, URLs and fingerprints."""

    def __init__(self, seed: int = 17) -> None:
        self.rng = random.Random(seed)
        letters = "etaoinshrdlucmfwypvbgkjqxz"
        weights = [13, 9, 8, 8, 7, 7, 6, 6, 4, 4, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        vocab = [
            "".join(self.rng.choices(letters, weights, k=self.rng.choice((2, 3, 4, 5, 6, 7, 9))))
            for _ in range(6000)
        ]
        self.sentences = []
        for _ in range(20_000):
            words = self.rng.choices(vocab, k=self.rng.randint(8, 26))
            self.sentences.append(" ".join(words).capitalize() + ".")
        self.titles = [
            " ".join(self.rng.choices(vocab, k=self.rng.randint(6, 12))).capitalize()
            for _ in range(5000)
        ]
        self.noise = os.urandom(MAX_PASSAGES * DIM * 2 + 4096)
        self.serial = 0

    def text(self) -> str:
        target = self.rng.randint(2000, 4000)
        parts: list[str] = []
        size = 0
        while size < target:
            sentence = self.rng.choice(self.sentences)
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)

    def vectors(self, text_chars: int) -> bytes:
        """As ArticleVectors.to_bytes: (rows, dim) header and float16 rows, one a passage."""
        rows = text_chars // PASSAGE_CHARS + (text_chars % PASSAGE_CHARS >= PASSAGE_CHARS // 3)
        rows = max(1, min(MAX_PASSAGES, rows))
        start = self.rng.randrange(4096)
        return (
            rows.to_bytes(2, "little")
            + DIM.to_bytes(2, "little")
            + self.noise[start : start + rows * DIM * 2]
        )

    def url(self, feed_id: int, when: datetime) -> str:
        self.serial += 1
        slug = "-".join(self.rng.choice(self.titles).lower().split()[:6])
        return f"https://news{feed_id}.example.com/{when:%Y/%m/%d}/{slug}-{self.serial}"

    def article(self, feed_id: int, when: datetime) -> Article:
        """A live article, its fingerprints computed from its text as the poller does (each
        sentence made unique by the serial number, as real sentences are)."""
        url = self.url(feed_id, when)
        title = self.rng.choice(self.titles)
        body = self.text().replace(".", f" {self.serial}.", 40)
        return Article(
            article_id(url, None, title, body),
            url,
            title,
            body,
            when,
            content_hash(title, body),
            fingerprints(body),
        )


@dataclass
class DayRows:
    articles: list[dict[str, Any]] = field(default_factory=list)
    fingerprints: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    embeddings: list[dict[str, Any]] = field(default_factory=list)
    matches: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    payload: int = 0  # bytes of title, text and vectors made

    def tables(self) -> list[tuple[Any, list[dict[str, Any]]]]:
        return [
            (schema.articles, self.articles),
            (schema.fingerprints, self.fingerprints),
            (schema.article_sources, self.sources),
            (schema.embeddings, self.embeddings),
            (schema.matches, self.matches),
            (schema.deliveries, self.deliveries),
        ]


def make_day(
    synth: Synth, start: datetime, per_day: int, feeds: int, match_share: float
) -> DayRows:
    """One day's rows, spread over the day, as the stages would have written them."""
    rng = synth.rng
    day = DayRows()
    step = 86_400 / per_day
    for n in range(per_day):
        fetched = naive(start + timedelta(seconds=n * step))
        feed_id = 1 + n % feeds
        url = synth.url(feed_id, fetched)
        title = rng.choice(synth.titles)
        body = synth.text()
        ident = "u-" + hashlib.sha256(url.encode()).hexdigest()[:16]
        prints = {rng.getrandbits(64) - (1 << 63) for _ in range(min(body.count("."), 64))}
        blob = synth.vectors(len(body))
        day.payload += len(title) + len(body) + len(blob)
        day.articles.append(
            {
                "id": ident,
                "url": url,
                "url_hash": url_hash(url),
                "title": title,
                "text": body,
                "published": fetched - timedelta(minutes=rng.randint(1, 90)),
                "fetched": fetched,
                "updated": None,
                "content_hash": hashlib.md5(body.encode()).hexdigest(),
                "fingerprint_count": len(prints),
                "language": "en",
                "embedded": True,  # its vectors are written beside it
            }
        )
        day.fingerprints.extend({"hash": h, "article_id": ident} for h in prints)
        day.sources.append(
            {
                "article_id": ident,
                "feed_id": feed_id,
                "entry_id": ident,
                "url": url,
                "first_seen": fetched,
            }
        )
        if rng.random() < 0.03:  # wire copy: the same story in a second feed
            other = 1 + (feed_id + 7) % feeds
            entry = "u-" + hashlib.sha256(f"{url}#{other}".encode()).hexdigest()[:16]
            day.sources.append(
                {
                    "article_id": ident,
                    "feed_id": other,
                    "entry_id": entry,
                    "url": url + "?copy",
                    "first_seen": fetched,
                }
            )
        created = fetched + timedelta(seconds=20)
        day.embeddings.append(
            {"article_id": ident, "model": MODEL, "vectors": blob, "created": created}
        )
        if rng.random() < match_share:
            topic = f"topic-{rng.randrange(TOPICS)}"
            day.matches.append(
                {
                    "article_id": ident,
                    "topic_id": topic,
                    "score": round(rng.uniform(0.5, 0.99), 4),
                    "evidence": json.dumps(evidence(body, rng)),
                    "origin": "poll",
                    "created": created,
                }
            )
            subscriber = f"analyst-{rng.randrange(SUBSCRIBERS)}"
            digest_at = naive(start) + timedelta(days=1, hours=-1)
            batch = delivery_id(subscriber, "digest", f"{digest_at:%Y-%m-%d}")
            for channel, kind, sent in (
                (Channel.WEBHOOK, DeliveryKind.INSTANT, created + timedelta(seconds=2)),
                (Channel.EMAIL, DeliveryKind.DIGEST, digest_at),
            ):
                day.deliveries.append(
                    delivery_row(subscriber, channel, kind, ident, topic, created)
                    | {
                        "status": DeliveryStatus.SENT,
                        "attempts": 1,
                        "sent_at": sent,
                        "batch_id": batch if kind == DeliveryKind.DIGEST else None,
                    }
                )
    return day


def evidence(body: str, rng: random.Random) -> dict[str, Any]:
    """What the matcher writes for a match (monitor.match.matcher), the passage included."""
    return {
        "passage": body[:PASSAGE_CHARS],
        "alias": None,
        "alias_count": 0,
        "semantic": round(rng.uniform(0.4, 0.7), 4),
        "semantic_z": round(rng.uniform(2, 5), 2),
        "other_sense": None,
        "other_name": None,
        "name_absent": False,
        "about_names": None,
        "language": "en",
        "exclude": None,
        "feedback": None,
    }


def delivery_row(
    subscriber: str, channel: str, kind: str, article: str, topic: str, created: datetime
) -> dict[str, Any]:
    return {
        "id": delivery_id(subscriber, channel, kind, article, topic),
        "subscriber": subscriber,
        "channel": channel,
        "kind": kind,
        "status": DeliveryStatus.PENDING,
        "article_id": article,
        "topic_id": topic,
        "attempts": 0,
        "next_attempt": created,
        "last_error": None,
        "created": created,
        "queued": created,
        "sent_at": None,
        "batch_id": None,
        "lease_owner": None,
        "lease_until": None,
    }


def write_day(store: Store, day: DayRows) -> None:
    """The day's rows in one transaction: one executemany per table, parents first."""
    with store.engine.begin() as conn:
        for table, rows in day.tables():
            if rows:
                conn.execute(table.insert(), rows)


def add_feeds(store: Store, count: int) -> list[FeedHealth]:
    store.sync_feeds([Feed(f"https://news{i}.example.com/rss", every_s=600) for i in range(count)])
    return store.feeds()


# -- sizes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    used: int  # bytes holding data: SQLite pages less free pages; PostgreSQL the database
    file: int  # what the disk holds (SQLite: the file after a WAL checkpoint)


def size(store: Store) -> Size:
    with store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            page = conn.exec_driver_sql("PRAGMA page_size").scalar_one()
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
            free = conn.exec_driver_sql("PRAGMA freelist_count").scalar_one()
            path = make_url(str(store.engine.url)).database
            assert path is not None
            return Size((pages - free) * page, os.path.getsize(path))
        total = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        return Size(int(total), int(total))


def table_bytes(store: Store) -> dict[str, int]:
    """Bytes per table, its indexes included (SQLite: the dbstat table, where built in)."""
    out: dict[str, int] = {}
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            for table in schema.metadata.tables:
                out[table] = conn.execute(
                    text("SELECT pg_total_relation_size(:t)"), {"t": table}
                ).scalar_one()
            return out
        owner = {
            r.name: r.tbl_name
            for r in conn.exec_driver_sql("SELECT name, tbl_name FROM sqlite_master")
        }
        try:
            rows = conn.exec_driver_sql("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").all()
        except Exception:  # noqa: BLE001 - a SQLite built without dbstat: no breakdown
            return {}
    for name, used in rows:
        table = owner.get(name, name)
        out[table] = out.get(table, 0) + int(used)
    return out


def row_counts(store: Store, tables: tuple[str, ...]) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def linear_fit(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Least squares y = a + b x: (a, b, r^2)."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    syy = sum((y - my) ** 2 for _, y in points)
    b = sxy / sxx if sxx else 0.0
    r2 = sxy * sxy / (sxx * syy) if sxx and syy else 1.0
    return my - b * mx, b, r2


# -- the live work both databases share ----------------------------------------------------


def add_live_work(store: Store, synth: Synth, now: datetime, feeds: int) -> None:
    """What a running daemon has in hand at any moment: the last minutes' articles not yet
    embedded, due instant alerts, and a day's matches waiting for analyst-0's digest."""
    day = make_day(synth, now - timedelta(minutes=10), 600, feeds, 0.0)
    day.embeddings = day.embeddings[:500]  # the newest 100 wait for the embed stage
    for row in day.articles[500:]:
        row["embedded"] = False
    for n, row in enumerate(day.articles[:300]):
        topic = f"topic-{n % TOPICS}"
        created = row["fetched"] + timedelta(seconds=20)
        day.matches.append(
            {
                "article_id": row["id"],
                "topic_id": topic,
                "score": 0.8,
                "evidence": json.dumps(evidence(row["text"], synth.rng)),
                "origin": "poll",
                "created": created,
            }
        )
        if n < 50:
            day.deliveries.append(
                delivery_row(
                    "analyst-1", Channel.WEBHOOK, DeliveryKind.INSTANT, row["id"], topic, created
                )
            )
        day.deliveries.append(
            delivery_row("analyst-0", Channel.EMAIL, DeliveryKind.DIGEST, row["id"], topic, created)
        )
    write_day(store, day)


# -- the hot paths, timed ------------------------------------------------------------------


class HotPaths:
    """The daemon's recurring store calls, each run against one database at a time. A poll
    round claims due feeds and records their polls, one with a few new articles."""

    def __init__(self, synth: Synth, now: datetime) -> None:
        self.synth = synth
        self.now = now

    def advance(self) -> None:
        self.now += timedelta(seconds=600)  # every feed due again (their interval)

    def poll_bookkeeping(self, store: Store, fresh: tuple[Article, ...]) -> None:
        claimed, _until = store.claim_due_feeds(self.now, 300, 10)
        polls = [
            FeedPoll(
                feed,
                200 if n == 0 else 304,
                fresh if n == 0 else (),
                attempted=self.now,
                next_due=self.now + timedelta(seconds=feed.interval_s),
            )
            for n, feed in enumerate(claimed)
        ]
        store.record_polls(polls)

    def embed_claim(self, store: Store) -> None:
        got = store.claim_articles_to_embed(32, 1, self.now)
        assert got, "the live backlog is gone"

    def deliveries_claim(self, store: Store) -> None:
        due = store.due_deliveries(self.now, kind=DeliveryKind.INSTANT, limit=100)
        assert due, "no due instant alerts"
        store.claim_deliveries([d.id for d in due], self.now, 1)

    def digest(self, store: Store) -> None:
        store.digest_channels_due(self.now)
        assert store.pending_digest("analyst-0", Channel.EMAIL)

    def healthz(self, store: Store) -> None:
        # What DaemonContext.health asks the store (monitor/run/daemon.py).
        store.ping()
        store.embed_backlog()
        store.delivery_counts((DeliveryStatus.PENDING, DeliveryStatus.DEAD))


def compare(
    empty: Store, full: Store, synth: Synth, now: datetime, rounds: int
) -> dict[str, float]:
    """Each hot path on both databases, alternating (which goes first alternates too);
    returns the ratio of medians, full / empty."""
    paths = HotPaths(synth, now)
    ops: dict[str, Callable[[Store, tuple[Article, ...]], None]] = {
        "poll bookkeeping (claim 10 due feeds, record their polls, 4 new articles)": (
            paths.poll_bookkeeping
        ),
        "embed backlog claim (32 articles)": lambda s, _: paths.embed_claim(s),
        "due deliveries claim (instant alerts)": lambda s, _: paths.deliveries_claim(s),
        "digest assembly (channels due, a subscriber's pending digest)": lambda s, _: paths.digest(
            s
        ),
        "/healthz store queries (ping, embed backlog, delivery counts)": lambda s, _: paths.healthz(
            s
        ),
    }
    times: dict[str, dict[str, list[float]]] = {k: {"empty": [], "full": []} for k in ops}
    for round_no in range(rounds):
        paths.advance()
        fresh = tuple(paths.synth.article(1, paths.now) for _ in range(4))
        order = [("empty", empty), ("full", full)]
        if round_no % 2:
            order.reverse()
        for name, op in ops.items():
            for label, store in order:
                started = time.perf_counter()
                op(store, fresh)
                times[name][label].append(time.perf_counter() - started)
    ratios = {}
    for name, by in times.items():
        e, f = statistics.median(by["empty"]), statistics.median(by["full"])
        ratios[name] = f / e
        verdict = "ok" if f / e <= 2 else "OVER"
        print(
            f"  {name}: empty {e * 1000:.2f} ms, at size {f * 1000:.2f} ms, "
            f"ratio {f / e:.2f} (goal <= 2: {verdict})"
        )
    return ratios


# -- pruning -------------------------------------------------------------------------------


def default_policy() -> RetentionPolicy:
    """The retention the config gives by default (its pydantic model holds the defaults)."""
    return retention_policy(RetentionConfig())


def prune_day(store: Store, policy: RetentionPolicy, now: datetime) -> tuple[PruneReport, float]:
    """One prune as the daemon's job runs it (monitor.run.prune.PruneJob: batches with a pause
    between them, then SQLite's free pages given back); its CPU seconds (this thread's: SQLite
    works in it; on PostgreSQL the server's share is not counted)."""
    job = PruneJob(
        store,
        lambda: RetentionConfig(
            unmatched_text=policy.unmatched_text.total_seconds(),
            unmatched_url=policy.unmatched_url.total_seconds(),
            matched=policy.matched.total_seconds(),
            deliveries=policy.deliveries.total_seconds(),
        ),
        leading=lambda: True,
        stopping=lambda: False,
        clock=lambda: now,
    )
    cpu = time.thread_time()
    report = job()
    assert report is not None, "the prune failed (see the log line)"
    return report, time.thread_time() - cpu


class PollWriter(threading.Thread):
    """Records polls of a few new articles through its own Store handle (its own connection),
    back to back with a short pause, timing each write."""

    def __init__(self, url: str, synth_seed: int, now: datetime) -> None:
        super().__init__(daemon=True)
        self.store = Store.open(url)
        self.synth = Synth(synth_seed)
        self.now = now
        self.feed = self.store.feeds()[0]
        self.samples: list[tuple[float, float]] = []  # (started, seconds)
        self.stopping = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                self.now += timedelta(seconds=1)
                fresh = tuple(self.synth.article(self.feed.id, self.now) for _ in range(2))
                poll = FeedPoll(self.feed, 200, fresh, attempted=self.now, next_due=self.now)
                started = time.perf_counter()
                self.store.record_poll(poll)
                self.samples.append((started, time.perf_counter() - started))
                time.sleep(0.02)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            self.error = exc
        finally:
            self.store.close()


def prune_under_load(
    store: Store, url: str, policy: RetentionPolicy, now: datetime
) -> tuple[PruneReport, float]:
    """One day's prune while polls are recorded alongside: prints the poll writes' times
    before and during it. Returns the prune's report and CPU seconds."""
    writer = PollWriter(url, 99, now)
    writer.start()
    time.sleep(2.0)
    during_from = time.perf_counter()
    report, cpu = prune_day(store, policy, now)
    during_to = time.perf_counter()
    time.sleep(0.5)
    writer.stopping.set()
    writer.join()
    if writer.error is not None:
        raise writer.error
    before = [s for t, s in writer.samples if t < during_from]
    during = [s for t, s in writer.samples if during_from <= t < during_to]
    overlapping = [s for t, s in writer.samples if t < during_to and t + s > during_from]
    longest = max(overlapping, default=0.0)
    print(
        f"  prune took {during_to - during_from:.2f} s wall, {cpu:.2f} s CPU; "
        f"{report.counts()} in {report.batches} batches"
    )
    print(
        f"  poll writes alongside: {len(before)} before it, median "
        f"{statistics.median(before) * 1000:.1f} ms; {len(during)} during it, median "
        f"{statistics.median(during or [0.0]) * 1000:.1f} ms; longest wait "
        f"{longest * 1000:.1f} ms (goal < 100 ms: {'ok' if longest < 0.1 else 'OVER'})"
    )
    return report, cpu


def embed_cpu_per_article(synth: Synth, sample: int) -> float:
    """CPU seconds to embed and match one article (50 topics), as bench/match.py measures it:
    the bundled model on this machine, all its threads counted."""
    from bench.match import THRESHOLD, topics
    from monitor.match.embed import load_embedder
    from monitor.match.matcher import Matcher

    matcher = Matcher(load_embedder(), topics(50), THRESHOLD)
    docs = [(synth.rng.choice(synth.titles), synth.text()) for _ in range(sample)]
    matcher.embed(docs[:2])  # warm up
    cpu = time.process_time()
    for (title, body), vectors in zip(docs, matcher.embed(docs), strict=True):
        matcher.matches(title, body, vectors, "a")
    return (time.process_time() - cpu) / sample


def dead_tuples(store: Store) -> dict[str, tuple[int, int]]:
    """PostgreSQL: (dead, live) tuples of the tables pruning deletes from or updates."""
    with store.engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_force_next_flush()"))
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT relname, n_dead_tup, n_live_tup FROM pg_stat_user_tables "
                "WHERE relname IN ('articles', 'fingerprints', 'article_sources', "
                "'embeddings', 'matches', 'deliveries') ORDER BY relname"
            )
        ).all()
    return {r.relname: (int(r.n_dead_tup), int(r.n_live_tup)) for r in rows}


def last_autovacuum(store: Store) -> dict[str, Any]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT relname, last_autovacuum FROM pg_stat_user_tables")).all()
    return {r.relname: r.last_autovacuum for r in rows}


def show_dead(label: str, dead: dict[str, tuple[int, int]]) -> None:
    print(
        f"  {label}: "
        + ", ".join(f"{t} {d:,} dead / {live:,} live" for t, (d, live) in dead.items())
    )


# -- bytes per article kind: the bound -----------------------------------------------------


def calibrate(url: str, folder: Path, policy: RetentionPolicy, n: int) -> dict[str, float]:
    """Bytes per article of each kind retention keeps: n articles written as the year writes
    them, then pruned past each window in turn, measured as the year is (SQLite: pages in use,
    no VACUUM, which the daemon does not run, so a page that held a dropped text keeps what
    stays; PostgreSQL: packed by VACUUM FULL, since autovacuum's plain VACUUM leaves the freed
    room inside the files for later rows, tuple by tuple)."""
    synth = Synth(5)
    out: dict[str, float] = {}
    start = naive(schema.utcnow()) - timedelta(days=800)
    for share, kind in ((0.0, "unmatched"), (1.0, "matched")):
        scratch = twin(url, folder, f"calibrate_{kind}")
        store = Store.open(scratch)
        add_feeds(store, 100)
        base = vacuumed(store)
        write_day(store, make_day(synth, start, n, 100, share))
        day_end = start + timedelta(days=1)
        if kind == "unmatched":
            out["unmatched, text kept"] = (vacuumed(store) - base) / n
            store.prune(policy, day_end + policy.unmatched_text)
            out["unmatched, URL and fingerprints only"] = (vacuumed(store) - base) / n
        else:
            out["matched, with its 2 deliveries"] = (vacuumed(store) - base) / n
            store.prune(policy, day_end + policy.deliveries)
            out["matched, deliveries gone"] = (vacuumed(store) - base) / n
        store.close()
        drop_twin(url, scratch)
    return out


def vacuumed(store: Store) -> int:
    """The size less the room pruning freed: pages in use on SQLite; on PostgreSQL the files
    after VACUUM FULL."""
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM FULL"))
    return size(store).used


SLACK = 1.5  # index pages filled in random order run about 2/3 full; written in order, full


def bound(
    per_article: dict[str, float], policy: Any, per_day: int, share: float, days: int
) -> float:
    """The steady-state size the retention windows allow: per day's articles, each kind's
    bytes x the days it is kept (at most the days simulated), x SLACK."""

    def kept(window: timedelta) -> float:
        return min(window.days, days)

    unmatched = (1 - share) * (
        kept(policy.unmatched_text) * per_article["unmatched, text kept"]
        + (kept(policy.unmatched_url) - kept(policy.unmatched_text))
        * per_article["unmatched, URL and fingerprints only"]
    )
    matched = share * (
        kept(policy.deliveries) * per_article["matched, with its 2 deliveries"]
        + (kept(policy.matched) - kept(policy.deliveries)) * per_article["matched, deliveries gone"]
    )
    return per_day * (unmatched + matched) * SLACK


# -- the run -------------------------------------------------------------------------------


def twin(url: str, folder: Path, name: str) -> str:
    """A new database beside ``url``'s: a file in ``folder``, or a database of the same
    PostgreSQL server (made here, dropped by :func:`drop_twin`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///{folder}/{name}.db"
    database = f"{parsed.database}_{name}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return parsed.set(database=database).render_as_string(hide_password=False)


def drop_twin(url: str, twin_url: str) -> None:
    if make_url(url).get_backend_name() == "sqlite":
        return
    admin = create_engine(make_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(twin_url).database}" WITH (FORCE)'))
    admin.dispose()


def gib(n: float) -> str:
    return f"{n / GIB:.2f} GiB" if n >= GIB else f"{n / MIB:.1f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=20_000)
    parser.add_argument("--url", help="a database URL (default: SQLite in a temp folder)")
    parser.add_argument("--pg", action="store_true", help="start a private PostgreSQL server")
    parser.add_argument("--no-retention", action="store_true", help="never prune")
    parser.add_argument("--quick", action="store_true", help="a small run, for a smoke test")
    parser.add_argument("--match-share", type=float, default=0.015)
    parser.add_argument("--rounds", type=int, default=30, help="timings per hot path")
    parser.add_argument("--samples", type=int, default=12, help="size samples along the way")
    parser.add_argument("--embed-sample", type=int, default=64, help="0: skip the model")
    parser.add_argument("--max-minutes", type=float, help="stop writing days after this long")
    parser.add_argument("--min-free-gib", type=float, default=8.0, help="stop writing days")
    parser.add_argument("--autovacuum-wait", type=float, default=120.0)
    parser.add_argument("--tmp", help="the folder for SQLite files (default: the system's)")
    args = parser.parse_args()
    if args.quick:
        args.days, args.per_day, args.rounds, args.samples, args.embed_sample = 200, 25, 5, 4, 0

    folder = Path(tempfile.mkdtemp(prefix="monitor-years-", dir=args.tmp))
    server = None
    if args.pg:
        from tests.pg import PgServer, start_server

        started = start_server()
        if not isinstance(started, PgServer):
            raise SystemExit(started)
        server = started
        url = server.database()
    else:
        url = args.url or f"sqlite:///{folder}/year.db"
    try:
        run(args, url, folder)
    finally:
        if server is not None:
            server.stop()
        for leftover in folder.glob("*"):
            leftover.unlink()
        folder.rmdir()


def run(args: argparse.Namespace, url: str, folder: Path) -> None:
    empty_url = twin(url, folder, "empty")
    feeds = max(10, args.per_day // FEED_ITEMS_A_DAY)
    synth = Synth()
    store = Store.open(url)
    empty = Store.open(empty_url)
    add_feeds(store, feeds)
    add_feeds(empty, feeds)
    base = size(store).used  # the schema and the feeds: what no article needs
    policy = None if args.no_retention else default_policy()
    start = naive(schema.utcnow()).replace(microsecond=0) - timedelta(days=args.days)
    backend = store.engine.dialect.name
    print(
        f"{args.days} days x {args.per_day:,} articles ({feeds} feeds, "
        f"{args.match_share:.1%} matched), {backend}; "
        + ("no retention" if policy is None else f"retention {policy}")
    )
    print(
        "  built straight into the store: per simulated day one transaction, one "
        "executemany per table (articles, fingerprints, sources, embeddings, matches, "
        "deliveries) on monitor/store/schema.py's Core tables"
        + ("; after each day the daemon's prune job (Store.prune)" if policy else "")
    )
    samples: list[tuple[int, Size]] = []
    prunes: list[tuple[int, float, PruneReport]] = []
    every = max(1, args.days // args.samples)
    began = time.monotonic()
    written = payload = 0
    days_done = 0
    for d in range(args.days):
        day = make_day(synth, start + timedelta(days=d), args.per_day, feeds, args.match_share)
        write_day(store, day)
        written += args.per_day
        payload += day.payload
        days_done = d + 1
        if policy is not None:
            report, cpu = prune_day(store, policy, start + timedelta(days=d + 1))
            prunes.append((d + 1, cpu, report))
        minutes = (time.monotonic() - began) / 60
        out_of_time = args.max_minutes is not None and minutes > args.max_minutes
        out_of_disk = (
            backend == "sqlite" and shutil.disk_usage(folder).free < args.min_free_gib * GIB
        )
        if days_done % every == 0 or days_done == args.days or out_of_time or out_of_disk:
            now_size = size(store)
            samples.append((written, now_size))
            last = prunes[-1] if prunes else None
            print(
                f"  day {days_done}: {written:,} articles written, {gib(now_size.used)} in use, "
                f"file {gib(now_size.file)}, {now_size.used / written:,.0f} B per article "
                f"written; {minutes:.1f} min"
                + (f"; last prune {last[2].counts()} {last[1]:.2f} s CPU" if last else ""),
                flush=True,
            )
        if out_of_time or out_of_disk:
            print(
                f"  stopped after {days_done} of {args.days} days: "
                + ("--max-minutes reached" if out_of_time else "the disk is nearly full")
            )
            break
    end = start + timedelta(days=days_done)  # where the history stops (earlier if stopped)
    print(f"  made {payload / written:,.0f} B of title, text and vectors per article")

    counted = row_counts(store, ("articles", "fingerprints", "embeddings", "matches", "deliveries"))
    by_table = table_bytes(store)
    print("  rows: " + ", ".join(f"{t} {n:,}" for t, n in counted.items()))
    if by_table:
        print(
            "  bytes by table (indexes included): "
            + ", ".join(f"{t} {n / MIB:,.0f} MiB" for t, n in sorted(by_table.items()) if n > MIB)
        )
    if policy is None:
        a, b, r2 = linear_fit([(n, s.used) for n, s in samples])
        year = 365 * args.per_day
        print(
            f"  growth without retention: {b:,.0f} B per article (r^2 {r2:.4f}); at this rate a "
            f"year of {year:,} articles is {gib(a + b * year)}"
        )
    else:
        per_article = calibrate(url, folder, policy, min(2000, args.per_day * 10))
        print(
            "  bytes per article, as pruned: "
            + ", ".join(f"{k} {v:,.0f}" for k, v in per_article.items())
        )
        limit = base + bound(per_article, policy, args.per_day, args.match_share, days_done)
        peak = max(s.used for _, s in samples)
        steady = base + bound(per_article, policy, args.per_day, args.match_share, 365)
        print(
            f"  bound at {days_done} days: {gib(limit)} (x{SLACK} slack, {gib(base)} of schema "
            "and feeds included), "
            f"{gib(steady)} from a year on; largest measured {gib(peak)} "
            f"({'under' if peak <= limit else 'OVER'} the bound)"
        )
        steady_prunes = [cpu for day_no, cpu, _ in prunes if day_no > policy.unmatched_text.days]
        if steady_prunes:
            print(
                f"  daily prunes after day {policy.unmatched_text.days}: median "
                f"{statistics.median(steady_prunes):.2f} s CPU, max {max(steady_prunes):.2f} s"
            )

    print("hot paths, with a year's history against none (same live work), medians:")
    add_live_work(store, synth, end, feeds)
    add_live_work(empty, Synth(3), end, feeds)
    compare(empty, store, synth, end, args.rounds)

    if policy is not None:
        print("a day's prune at size, with polls recorded alongside:")
        _report, cpu = prune_under_load(store, url, policy, end + timedelta(days=1))
        day_cpu = daemon_day_cpu(store, synth, args, feeds, end)
        if day_cpu is not None:
            share = cpu / day_cpu
            print(
                f"  prune CPU / a day's daemon CPU: {cpu:.2f} s / {day_cpu:,.0f} s = "
                f"{share:.3%} (goal < 1 %: {'ok' if share < 0.01 else 'OVER'})"
            )
        if backend == "postgresql":
            show_dead("dead tuples after the prune", dead_tuples(store))
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
            show_dead("after ANALYZE", dead_tuples(store))
            before = last_autovacuum(store)
            deadline = time.monotonic() + args.autovacuum_wait
            while time.monotonic() < deadline and last_autovacuum(store) == before:
                time.sleep(5)
            after = last_autovacuum(store)
            vacuumed = sorted(t for t in after if after[t] != before.get(t))
            show_dead(
                f"autovacuum ran on {vacuumed}"
                if vacuumed
                else (f"autovacuum did not run within {args.autovacuum_wait:.0f} s"),
                dead_tuples(store),
            )
    store.close()
    empty.close()
    drop_twin(url, empty_url)


def daemon_day_cpu(
    store: Store, synth: Synth, args: argparse.Namespace, feeds: int, end: datetime
) -> float | None:
    """A day's daemon CPU, estimated: embed+match CPU per article (the real model) x articles
    a day, plus a recorded poll's CPU x polls a day (every feed every 10 minutes). Fetching
    and parsing are left out, so the estimate is low and the prune's share of it high."""
    if not args.embed_sample:
        print("  a day's daemon CPU not estimated (--embed-sample 0)")
        return None
    paths = HotPaths(synth, end + timedelta(days=2))
    cpu = time.thread_time()
    for _ in range(20):
        paths.advance()
        paths.poll_bookkeeping(store, tuple(synth.article(1, paths.now) for _ in range(4)))
    per_round = (time.thread_time() - cpu) / 20
    per_article = embed_cpu_per_article(synth, args.embed_sample)
    polls = feeds * 86_400 / 600
    rounds = polls / 10  # a round records 10 polls
    total = per_article * args.per_day + per_round * rounds
    print(
        f"  a day's daemon CPU: embed+match {per_article * 1000:.1f} ms per article x "
        f"{args.per_day:,} + poll bookkeeping {per_round * 1000:.1f} ms per 10 polls x "
        f"{rounds:,.0f} = {total:,.0f} s"
    )
    return total


if __name__ == "__main__":
    main()
