"""Domain records passed between the pipeline stages. All frozen: a stage returns new records
instead of changing the ones it was given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, NamedTuple

from monitor.errors import FeedError

# Whose article pages a feed's poll fetches for their text: every entry's (True), none
# (False), or only those whose feed text is a summary ("auto": ``SUMMARY_CHARS``).
FullText = bool | Literal["auto"]
# An entry whose feed text is shorter than this carries a summary, not the story: the matcher
# then reads a headline and a sentence or two (the dev texts cut to their first ~200
# characters score macro F1 0.50 / 0.73 cross-set, whole 0.80 / 0.85; bench/relevance.py).
SUMMARY_CHARS = 500


@dataclass(frozen=True)
class Feed:
    """A feed as configured. ``url`` is an http(s) URL or an absolute ``file:`` URL; ``every_s``
    has no default here: it comes from the config (``poll_every`` or the feed's ``every``)."""

    url: str
    name: str | None = None
    every_s: float = field(kw_only=True)
    full_text: FullText = False


@dataclass(frozen=True)
class FeedHealth:
    """What the store knows about one feed: where to fetch it and how it has been doing."""

    id: int
    url: str
    name: str | None
    configured_url: str
    interval_s: float = field(kw_only=True)  # as configured: no default of its own
    full_text: FullText = False
    etag: str | None = None
    last_modified: str | None = None
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    error_code: str | None = None
    warning: str | None = None
    consecutive_failures: int = 0
    next_due: datetime | None = None
    items_seen: int = 0
    retired: bool = False
    # The median length of its entries' own texts at the last poll that read any (None
    # before): under SUMMARY_CHARS the feed gives summaries.
    text_chars: int | None = None

    @property
    def summaries(self) -> bool:
        """Its entries carry summaries and their pages are not read for the story: a hint
        (`monitor feeds`, the web UI), not a fault."""
        return (
            self.text_chars is not None
            and self.text_chars < SUMMARY_CHARS
            and self.full_text is False
        )

    @property
    def state(self) -> str:
        """In one word, as `monitor feeds` and the web UI show it: retired, new, failing,
        warning or ok."""
        if self.retired:
            return "retired"
        if self.last_attempt is None:
            return "new"
        if self.consecutive_failures:
            return "failing"
        return "warning" if self.warning else "ok"


@dataclass(frozen=True)
class Entry:
    """One item of a parsed feed, before cleaning. HTML fields are as the publisher sent them."""

    guid: str | None
    link: str | None
    title: str
    summary_html: str
    content_html: str
    published: datetime | None
    updated: datetime | None
    # The publisher an aggregator names for the item (RSS <source>: Google News's "Reuters").
    source: str = ""
    # The language the feed declares for it (xml:lang, the feed's <language>, Content-Language)
    # as an ISO 639 code; None where it declares none.
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article, ready to store. ``id`` is stable: derived from the canonical URL, or
    from the guid/content when the entry has no link."""

    id: str
    url: str
    title: str
    text: str
    published: datetime | None
    content_hash: str
    # Hashes of the text's normalised sentences (monitor.poll.clean.fingerprints): two articles that
    # share most of them are the same story, e.g. wire copy under another URL.
    fingerprints: tuple[int, ...] = ()
    # The feeds that carried it, as the store reads it back: each feed's name where it has one,
    # else its URL (what an alert shows). Empty on a freshly polled article.
    sources: tuple[str, ...] = ()
    fetched: datetime | None = None  # when the store first got it; None before it is stored
    language: str | None = None  # ISO 639-1, detected when embedded; None before
    # The language its feed declares (Entry.language): what the detection leans on for a
    # headline alone.
    declared_language: str | None = None


class ArticleToEmbed(NamedTuple):
    """A stored article waiting for the embed stage: what it reads, and the language its feed
    declares (``Article.declared_language``)."""

    id: str
    title: str
    text: str
    declared_language: str | None


@dataclass(frozen=True)
class IngestStats:
    """What storing one feed's articles did."""

    new: int = 0
    updated: int = 0
    duplicates: int = 0
    unchanged: int = 0
    new_ids: tuple[str, ...] = ()  # new and updated articles: what matching must look at


@dataclass(frozen=True)
class FeedPoll:
    """One poll of one feed, the same record from reading to storing to reporting: the reader
    fills in what the fetch and parse found (``articles``, or the ``error`` that ended it), the
    poller when it was made and when the feed is next due, and after storing what became of
    the articles (``stats``; the articles themselves are then let go). ``feed`` is the feed as
    it was before this poll."""

    feed: FeedHealth
    status: int | None  # None: no HTTP answer
    articles: tuple[Article, ...] = ()
    error: FeedError | None = None
    warning: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # the new URL after permanent redirects
    elapsed_s: float = 0.0
    attempted: datetime | None = None  # None until the poller schedules it
    next_due: datetime | None = None
    stats: IngestStats = IngestStats()
    # When its fetch got its slots under the politeness caps (None: it never did): poll
    # lateness is measured from when the feed was due to this.
    started: datetime | None = None
    # The median length of the entries' own texts (before any page replaced them); None when
    # the poll read no entries.
    text_chars: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def retired(self) -> bool:
        """A 410 Gone: the feed is never polled again."""
        return self.error is not None and self.error.code == "gone"


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    about: str = ""
    aliases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    threshold: float | None = None
    languages: tuple[str, ...] = ()  # ISO 639-1 codes of the articles it reads; () = all


@dataclass(frozen=True)
class Match:
    """The verdict for one (article, topic) pair, with the evidence a person can read."""

    article_id: str
    topic_id: str
    score: float
    matched: bool
    evidence: dict[str, Any] = field(default_factory=dict)


class Channel(StrEnum):
    """Where a delivery goes. The values are stored and shown: never change one."""

    EMAIL = "email"
    WEBHOOK = "webhook"
    OUTBOX = "outbox"  # an .eml file in the subscriber's outbox_dir
    APPRISE = "apprise"  # every Apprise URL of the subscriber (Telegram, Teams, ntfy, ...)


class DeliveryKind(StrEnum):
    INSTANT = "instant"  # one alert per match, as soon as it is found
    DIGEST = "digest"  # collected until the subscriber's digest time


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # new, or failed and waiting for its retry time
    SENT = "sent"
    DEAD = "dead"  # given up: failed permanently or past the give-up time


@dataclass(frozen=True)
class Delivery:
    """One (subscriber, channel, item) in the outbox. ``id`` is stable and sent to receivers so
    they can drop a duplicate after a crash between send and mark."""

    id: str
    subscriber: str
    channel: Channel
    kind: DeliveryKind
    status: DeliveryStatus
    article_id: str | None = None
    topic_id: str | None = None
    attempts: int = 0
    next_attempt: datetime | None = None
    last_error: str | None = None
    created: datetime | None = None
    sent_at: datetime | None = None
    # The digest message it went out in, or was first tried in: a retry re-sends that batch.
    batch_id: str | None = None
