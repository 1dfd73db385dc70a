"""The transactional outbox: which deliveries a match makes due, and sending what is due.

Delivery rows are written with the match (``Store.record_scoring``); this module only turns
pending rows into sent or failed ones. A row is marked sent after the server accepted it, so a
crash between send and mark re-sends with the same delivery id, which receivers can drop.
"""

from __future__ import annotations

import html
import logging
import queue
import random
import time
from collections.abc import Callable, Sequence, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from functools import partial

import httpx

from monitor.config import Config, SubscriberConfig
from monitor.config.models import apprise_endpoint
from monitor.config.schedule import describe
from monitor.deliver.apprise_channel import send_apprise
from monitor.deliver.digest import DigestItem, DigestSettings, RenderedDigest, render_digest
from monitor.deliver.email import SmtpSettings, build_digest_message, send_message, write_eml
from monitor.deliver.feedback_links import FeedbackLinks, links_for
from monitor.deliver.retry import retry_delay
from monitor.deliver.webhook import (
    digest_payload,
    encode,
    match_payload,
    post_webhook,
    slack_body,
)
from monitor.domain import Channel, Delivery, DeliveryKind, Match
from monitor.errors import DeliveryError
from monitor.run.logs import redact_endpoint
from monitor.store import PlannedDelivery, Store, delivery_id, utcnow

log = logging.getLogger(__name__)


MAX_RECEIVERS = 8  # receivers sent to at the same time; each is one thread while it is sent to
INSTANT_BATCH = 200  # instant alerts claimed per tick: a backlog goes out over several ticks
LEASE_MIN_S = 120.0  # how long claimed deliveries are ours, at least (see Outbox.lease_s)
LOCAL_SEND_S = 10.0  # what writing an .eml file may take, for the lease arithmetic
# What one Apprise URL may take (Apprise's own connect and read timeouts are 4 s each; they
# are sent one after another), for the lease arithmetic.
APPRISE_URL_SEND_S = 10.0


@dataclass(frozen=True)
class _Job:
    """One message ready to go: its rows, its id, who receives it and the call that sends it."""

    sub: SubscriberConfig
    channel: Channel
    kind: DeliveryKind
    rows: tuple[Delivery, ...]
    items: int
    key: str
    receiver: str
    send: Callable[[], object]
    timeout_s: float  # the longest its send can take


_TOO_LATE = DeliveryError("not sent: its lease would run out during the send")


@dataclass(frozen=True)
class SendOutcome:
    """One message (an instant alert or a digest) and what became of it."""

    subscriber: str
    channel: Channel
    kind: DeliveryKind
    delivery_id: str
    items: int
    error: str | None = None
    dead: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class ChannelCheck:
    """What one channel's receiver answered a test message (``monitor notify-test``)."""

    channel: Channel
    receiver: str
    ok: bool
    answer: str


class Outbox:
    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock
        self.rng = rng or random.Random()
        self.topic_names = {t.id: t.name for t in config.topics()}
        # Deliveries are leased to this process while it sends them: long enough for several
        # of the slowest sends in a row, and no send starts on a lease about to run out
        # (_run). A worker that dies mid-send leaves its rows to another once the lease ends;
        # the stable delivery id lets a receiver drop the one repeat that can then happen (sent,
        # died before marking).
        self.lease_s = max(LEASE_MIN_S, 4 * self._longest_send_s())
        self.topic_aliases = {t.id: t.aliases for t in config.topics()}
        self._welcomed: set[str] = set()  # subscribers checked for a welcome in this process
        # Per delivery id, the indexes of the Apprise URLs that accepted it (apprise_channel).
        self._apprise_accepted: dict[str, set[int]] = {}
        self._links: FeedbackLinks | None = None

    @property
    def links(self) -> FeedbackLinks:
        """Feedback links (made when first needed: the key may have to be read or made)."""
        if self._links is None:
            self._links = links_for(self.config.settings.server, self.store)
        return self._links

    # -- planning (recorded with the match, in its transaction, if the match is new) -----------

    def plan(self, match: Match, *, backfill: bool = False) -> list[PlannedDelivery]:
        if backfill and not self.config.settings.delivery.send_backfill:
            return []
        planned: list[PlannedDelivery] = []
        for sub in self.config.settings.subscribers:
            if sub.topics is not None and match.topic_id not in sub.topics:
                continue
            kind = DeliveryKind.INSTANT if sub.instant else DeliveryKind.DIGEST
            planned.extend(
                PlannedDelivery.of(match, sub.name, channel, kind) for channel in channels(sub)
            )
        return planned

    def welcome_new_subscribers(self) -> int:
        """A subscriber added after its topics' matches were recorded would get nothing until
        the next new match: one that has no delivery yet gets the matches of its last
        ``backfill_days`` days. Checked once per subscriber in this process; how many
        deliveries were added."""
        added = 0
        for sub in self.config.settings.subscribers:
            if sub.name in self._welcomed:
                continue
            if sub.backfill_days > 0 and not self.store.has_deliveries(sub.name):
                since = self.clock() - timedelta(days=sub.backfill_days)
                added += self.catch_up(sub, since)
            self._welcomed.add(sub.name)
        return added

    def catch_up(self, sub: SubscriberConfig, since: datetime) -> int:
        """Make every match of the subscriber's topics recorded since ``since`` due to it,
        unless it already was (sent or pending): a one-off catch-up. Matches of ``monitor
        backfill`` count only with ``delivery.send_backfill``, as when they were found. How
        many were added."""
        kind = DeliveryKind.INSTANT if sub.instant else DeliveryKind.DIGEST
        backfilled = self.config.settings.delivery.send_backfill
        planned = [
            PlannedDelivery.of(match, sub.name, channel, kind)
            for match in self.store.matches_since(since, sub.topics, backfilled=backfilled)
            for channel in channels(sub)
        ]
        return self.store.add_deliveries(planned, self.clock()) if planned else 0

    # -- checking a subscriber's channels -----------------------------------------------------

    def notify_test(self, sub: SubscriberConfig) -> list[ChannelCheck]:
        """Send a clearly marked test message on every channel of ``sub`` now, and say what
        each receiver answered. Not a delivery: nothing is recorded in the outbox."""
        key = delivery_id("test", sub.name, self.clock().isoformat())
        text = (
            f"This is a test message from monitor for subscriber {sub.name}, sent "
            f"{self.clock():%Y-%m-%d %H:%M} UTC by `monitor notify-test`. If you can read it, "
            "digests and alerts reach you on this channel. Nothing needs doing."
        )
        checks = []
        for channel in channels(sub):
            receiver, send = self._test_sender(sub, channel, key, text)
            try:
                answer = send()
            except DeliveryError as exc:
                checks.append(ChannelCheck(channel, receiver, False, str(exc)))
            except OSError as exc:  # an .eml that cannot be written
                checks.append(ChannelCheck(channel, receiver, False, str(exc)))
            else:
                checks.append(ChannelCheck(channel, receiver, True, answer))
        return checks

    def _test_sender(
        self, sub: SubscriberConfig, channel: Channel, key: str, text: str
    ) -> tuple[str, Callable[[], str]]:
        subject = f"[TEST] Monitor: test message for {sub.name}"
        if channel == Channel.WEBHOOK:
            hook = sub.webhook
            assert hook is not None
            payload: dict[str, object] = (
                {"text": f"*{subject}*\n{text}"}
                if hook.format == "slack"
                else {"event": "test", "delivery_id": key, "subscriber": sub.name, "text": text}
            )
            send_hook = partial(
                post_webhook,
                hook.url,
                encode(payload),
                secret=hook.secret.get_secret_value() if hook.secret else None,
                delivery_id=key,
                timeout=hook.timeout,
                ca_file=self.config.ca_file(),
                proxy=self.config.settings.fetch.proxy,
            )

            def answered() -> str:
                result = send_hook()
                return f"{result.status} {result.excerpt}".strip()

            return redact_endpoint(hook.url), answered
        if channel == Channel.APPRISE:
            urls = ", ".join(apprise_endpoint(u) for u in sub.apprise)
            return f"apprise {urls}", partial(
                send_apprise, sub.apprise, title=subject, body=text, accepted=set()
            )
        rendered = RenderedDigest(
            subject=subject,
            text=f"{text}\n",
            html=f"<!DOCTYPE html><html lang=en><body><p>{html.escape(text)}</p></body></html>",
            count=0,
            topics=(),
        )
        msg = self._message(sub, rendered, key)
        if channel == Channel.EMAIL:
            smtp = self._smtp()
            return f"smtp {smtp.host}:{smtp.port}", partial(send_message, msg, smtp)
        outbox_dir = self.config.outbox_dir(sub)
        assert outbox_dir is not None
        return f"folder {outbox_dir}", lambda: f"written to {write_eml(msg, outbox_dir)}"

    # -- sending ------------------------------------------------------------------------------

    def send_instant(self) -> list[SendOutcome]:
        """Every instant alert that is due (new, or its retry time has come) and that this
        process could lease (another may be sending some)."""
        leased, now = time.monotonic(), self.clock()
        due = self.store.due_deliveries(now, kind=DeliveryKind.INSTANT, limit=INSTANT_BATCH)
        mine = self.store.claim_deliveries([row.id for row in due], now, self.lease_s)
        jobs = []
        for row in due:
            if row.id not in mine:
                continue
            sub = self._subscriber(row.subscriber)
            if sub is None:
                self.store.release_deliveries([row.id])
                continue
            items = self._items([row])
            if not items:  # the article was deleted; nothing left to say
                self.store.mark_sent([row.id], self.clock())
                continue
            jobs.append(self._job(sub, row.channel, DeliveryKind.INSTANT, [row], items, row.id))
        return self._run(jobs, leased)

    def send_due_digests(self, *, force: bool = False) -> list[SendOutcome]:
        """Digests whose cron time has passed since the last one (all, with ``force``), and
        failed digests whose retry time has come."""
        leased, now = time.monotonic(), self.clock()
        jobs = []
        for sub in self.config.settings.subscribers:
            if not sub.instant and (force or self.digest_due(sub, now)):
                jobs.extend(self._digest_jobs(sub))
        return self._run(jobs + self._retry_jobs(exclude={j.key for j in jobs}), leased)

    def retry_digests(self) -> list[SendOutcome]:
        """Failed digests whose retry time has come."""
        leased = time.monotonic()
        return self._run(self._retry_jobs(), leased)

    def digest_due(self, sub: SubscriberConfig, now: datetime) -> bool:
        base = self.store.last_digest(sub.name)
        if base is None:
            pending = [
                d.created
                for c in channels(sub)
                for d in self.store.pending_digest(sub.name, c)
                if d.created
            ]
            if not pending:
                return False
            base = min(pending)
        fire = sub.digest.next_after(base)
        return fire is not None and fire <= now

    def send_digest(self, sub: SubscriberConfig) -> list[SendOutcome]:
        leased = time.monotonic()
        return self._run(self._digest_jobs(sub), leased)

    def preview(self, sub: SubscriberConfig) -> RenderedDigest:
        rows = [r for c in channels(sub) for r in self.store.pending_digest(sub.name, c)]
        unique = list({(r.article_id, r.topic_id): r for r in rows}.values())
        return self._render(sub, self._items(unique), unique)

    def _digest_jobs(
        self, sub: SubscriberConfig, *, retry_only: bool = False, only: Channel | None = None
    ) -> list[_Job]:
        """A digest's id and items are fixed when it is first tried: rows of a failed digest
        are re-sent as exactly that batch under its id (so the receiver can drop a repeat of a
        message it did get), before the rows that came in since, which make a new batch.
        ``retry_only`` sends the failed batches alone; new rows wait for the digest's time (rows
        tried before batches were recorded count as one failed batch). Each batch is leased
        whole before it becomes a job: one another process holds, even in part, is left to it."""
        jobs = []
        for channel in [only] if only is not None else channels(sub):
            rows = self.store.pending_digest(sub.name, channel)
            batches: dict[str | None, list[Delivery]] = {}
            for row in rows:
                batches.setdefault(row.batch_id, []).append(row)
            fresh = [r for r in batches.pop(None, []) if r.attempts or not retry_only]
            for key, batch in batches.items():
                assert key is not None
                if self._lease_whole(batch):
                    jobs.append(self._digest_job(sub, channel, batch, key))
            if fresh and self._lease_whole(fresh):
                key = delivery_id("digest", sub.name, channel, *sorted(r.id for r in fresh))
                jobs.append(self._digest_job(sub, channel, fresh, key))
            elif not rows and sub.digest.send_empty and not retry_only:
                key = delivery_id("digest-empty", sub.name, channel, self.clock().isoformat())
                jobs.append(self._digest_job(sub, channel, [], key))
        return jobs

    def _lease_whole(self, rows: Sequence[Delivery]) -> bool:
        ids = [r.id for r in rows]
        got = self.store.claim_deliveries(ids, self.clock(), self.lease_s)
        if len(got) == len(set(ids)):
            return True
        self.store.release_deliveries(sorted(got))
        return False

    def _digest_job(
        self, sub: SubscriberConfig, channel: Channel, rows: Sequence[Delivery], key: str
    ) -> _Job:
        return self._job(sub, channel, DeliveryKind.DIGEST, rows, self._items(rows), key)

    def _retry_jobs(self, exclude: Set[str] = frozenset()) -> list[_Job]:
        jobs: list[_Job] = []
        for name, channel in self.store.digest_channels_due(self.clock()):
            sub = self._subscriber(name)
            if sub is not None:
                jobs.extend(
                    j
                    for j in self._digest_jobs(sub, retry_only=True, only=channel)
                    if j.key not in exclude
                )
        return jobs

    def _job(
        self,
        sub: SubscriberConfig,
        channel: Channel,
        kind: DeliveryKind,
        rows: Sequence[Delivery],
        items: Sequence[DigestItem],
        key: str,
    ) -> _Job:
        """Everything that reads the store or renders happens here, on the calling thread; the
        job's ``send`` only talks to its receiver. A delivery that cannot even be rendered
        becomes a job that fails with the reason, so it is recorded like any other failure."""
        try:
            receiver, send = self._sender(sub, channel, kind, rows, items, key)
        except Exception as exc:  # noqa: BLE001 - one bad delivery must not stop the others
            receiver, send = f"unrenderable:{key}", _raiser(_unexpected(exc))
        return _Job(
            sub,
            channel,
            kind,
            tuple(rows),
            len(items),
            key,
            receiver,
            send,
            self._send_s(sub, channel),
        )

    def _send_s(self, sub: SubscriberConfig, channel: Channel) -> float:
        if channel == Channel.WEBHOOK and sub.webhook is not None:
            return float(sub.webhook.timeout)
        if channel == Channel.EMAIL:
            return float(self.config.settings.smtp.timeout)
        if channel == Channel.APPRISE:
            return APPRISE_URL_SEND_S * max(1, len(sub.apprise))
        return LOCAL_SEND_S

    def _longest_send_s(self) -> float:
        subscribers = self.config.settings.subscribers
        return max(
            [LOCAL_SEND_S, float(self.config.settings.smtp.timeout)]
            + [float(s.webhook.timeout) for s in subscribers if s.webhook]
            + [APPRISE_URL_SEND_S * len(s.apprise) for s in subscribers if s.apprise]
        )

    def _sender(
        self,
        sub: SubscriberConfig,
        channel: Channel,
        kind: DeliveryKind,
        rows: Sequence[Delivery],
        items: Sequence[DigestItem],
        key: str,
    ) -> tuple[str, Callable[[], object]]:
        """Who receives the delivery (sends to one receiver keep their order) and how to send."""
        if channel == Channel.WEBHOOK:
            return self._post(sub, kind, items, key)
        if channel == Channel.APPRISE:
            rendered = self._render(sub, items, rows)
            send = partial(
                send_apprise,
                sub.apprise,
                title=rendered.subject,
                body=rendered.text,
                accepted=self._apprise_accepted.setdefault(key, set()),
            )
            return f"apprise:{sub.name}", send
        msg = self._message(sub, self._render(sub, items, rows), key)
        if channel == Channel.EMAIL:
            smtp = self._smtp()
            return f"smtp:{smtp.host}:{smtp.port}", partial(send_message, msg, smtp)
        outbox_dir = self.config.outbox_dir(sub)
        assert outbox_dir is not None
        return f"dir:{outbox_dir}", partial(write_eml, msg, outbox_dir)

    def _run(self, jobs: Sequence[_Job], leased: float) -> list[SendOutcome]:
        """Send ``jobs``, whose rows were leased at ``leased`` (monotonic): one receiver's in
        order, different receivers' at the same time, so a slow or hanging receiver holds up
        only its own deliveries. A job whose send could outlast the lease is not started (its
        rows are given back, for the next tick). Each result is recorded here, on the calling
        thread (the store's connections stay on it), as soon as it comes in; the outcomes are
        returned in the order of ``jobs``."""
        if not jobs:
            return []
        lease_ends = leased + self.lease_s
        queues: dict[str, list[int]] = {}
        for index, job in enumerate(jobs):
            queues.setdefault(job.receiver, []).append(index)
        done: queue.SimpleQueue[tuple[int, DeliveryError | None]] = queue.SimpleQueue()

        def drain(indexes: list[int]) -> None:
            for index in indexes:
                if time.monotonic() + jobs[index].timeout_s >= lease_ends:
                    done.put((index, _TOO_LATE))
                else:
                    done.put((index, _attempt(jobs[index])))

        outcomes: dict[int, SendOutcome | None] = {}
        with ThreadPoolExecutor(max_workers=min(MAX_RECEIVERS, len(queues))) as pool:
            for indexes in queues.values():
                pool.submit(drain, indexes)
            while len(outcomes) < len(jobs):
                index, error = done.get()
                if error is _TOO_LATE:
                    self.store.release_deliveries([r.id for r in jobs[index].rows])
                    outcomes[index] = None
                else:
                    outcomes[index] = self._record(jobs[index], error)
        return [o for o in (outcomes[i] for i in range(len(jobs))) if o is not None]

    def _record(self, job: _Job, exc: DeliveryError | None) -> SendOutcome:
        now = self.clock()
        ids = [r.id for r in job.rows]
        digest_of = job.sub.name if job.kind == DeliveryKind.DIGEST else None
        if exc is None:
            marked = self.store.mark_sent(ids, now, batch_id=job.key, digest_of=digest_of)
            if marked < len(ids):
                log.warning(
                    "%s %s to %s (%s): sent, but the lease on %d of its %d rows had passed to "
                    "another worker, which records them",
                    job.kind,
                    job.channel,
                    job.sub.name,
                    job.key,
                    len(ids) - marked,
                    len(ids),
                )
            self._apprise_accepted.pop(job.key, None)
            log.info(
                "%s %s to %s sent: %d items (%s)",
                job.kind,
                job.channel,
                job.sub.name,
                job.items,
                job.key,
            )
            return SendOutcome(job.sub.name, job.channel, job.kind, job.key, job.items)
        if exc.permanent and job.kind == DeliveryKind.DIGEST and len(job.rows) > 1:
            return self._split(job, exc)
        attempts = max((r.attempts for r in job.rows), default=0) + 1
        delay = retry_delay(attempts, exc.retry_after, self.rng)
        dead = self.store.mark_failed(
            ids,
            now,
            error=str(exc),
            next_attempt=now + timedelta(seconds=delay),
            give_up_after_s=self.config.settings.delivery.give_up_after,
            permanent=exc.permanent,
            batch_id=job.key if job.kind == DeliveryKind.DIGEST else None,
        )
        if dead:
            self._apprise_accepted.pop(job.key, None)
        log.warning(
            "%s %s to %s failed (attempt %d%s): %s",
            job.kind,
            job.channel,
            job.sub.name,
            attempts,
            ", gave up" if dead else f", next in {delay:.0f} s",
            exc,
        )
        return SendOutcome(job.sub.name, job.channel, job.kind, job.key, job.items, str(exc), dead)

    def _split(self, job: _Job, exc: DeliveryError) -> SendOutcome:
        """A digest refused for good may be refused for one item in it (too large, a content
        filter): rather than dead-letter every item, try it again at once as two halves, each
        a batch of its own. A refusal of everything ends, after log2(items) tries, with each
        item dead on its own; one bad item takes down only itself."""
        rows = sorted(job.rows, key=lambda r: r.id)
        halves = [rows[: len(rows) // 2], rows[len(rows) // 2 :]]
        batches = [
            (
                delivery_id("digest", job.sub.name, job.channel, *(r.id for r in half)),
                [r.id for r in half],
            )
            for half in halves
        ]
        error = f"{exc} (split in two to find what it refuses)"
        self.store.split_batch(batches, error=error, next_attempt=self.clock())
        log.warning(
            "%s %s to %s refused, split in two: %s", job.kind, job.channel, job.sub.name, exc
        )
        return SendOutcome(job.sub.name, job.channel, job.kind, job.key, job.items, error)

    def _post(
        self, sub: SubscriberConfig, kind: DeliveryKind, items: Sequence[DigestItem], key: str
    ) -> tuple[str, Callable[[], object]]:
        hook = sub.webhook
        assert hook is not None
        now = self.clock()
        if hook.format == "slack":
            heading = None if kind == DeliveryKind.INSTANT else self._render(sub, items).subject
            payload: dict[str, object] = dict(slack_body(items, heading=heading))
        elif kind == DeliveryKind.INSTANT:
            payload = match_payload(items[0], delivery_id=key)
        else:
            payload = digest_payload(
                items, delivery_id=key, since=self.store.last_digest(sub.name), now=now
            )
        secret = hook.secret.get_secret_value() if hook.secret else None
        url = httpx.URL(hook.url)
        send = partial(
            post_webhook,
            hook.url,
            encode(payload),
            secret=secret,
            delivery_id=key,
            timeout=hook.timeout,
            ca_file=self.config.ca_file(),
            proxy=self.config.settings.fetch.proxy,
        )
        return f"http:{url.scheme}://{url.host}:{url.port}", send

    def _render(
        self,
        sub: SubscriberConfig,
        items: Sequence[DigestItem],
        rows: Sequence[Delivery] = (),
    ) -> RenderedDigest:
        return render_digest(
            sub.name,
            items,
            timezone=sub.digest.timezone,
            since=self._since(sub, rows),
            now=self.clock(),
            cap_per_topic=sub.digest.max_per_topic,
            settings=DigestSettings(
                topics=tuple(self.topic_names.get(t, t) for t in sub.topics or ()),
                schedule=describe(sub.digest.cron),
                timezone=sub.digest.timezone,
                review_url=self.config.settings.server.base_url() + "/",
            ),
        )

    def _since(self, sub: SubscriberConfig, rows: Sequence[Delivery]) -> datetime | None:
        """The start of the period a digest covers: the last digest, or for a first one when
        its oldest delivery was planned (not shown if that is after now: a clock set back)."""
        last = self.store.last_digest(sub.name)
        if last is not None:
            return last
        first = min((r.created for r in rows if r.created), default=None)
        now = self.clock()
        if first is None or first.replace(tzinfo=first.tzinfo or UTC) > now:
            return None
        return first

    def _message(self, sub: SubscriberConfig, rendered: RenderedDigest, key: str) -> EmailMessage:
        sender = self.config.settings.smtp.sender
        domain = parseaddr(sender)[1].rpartition("@")[2] or "monitor.localhost"
        return build_digest_message(
            rendered, sender=sender, to=sub.email or sub.name, delivery_id=key, domain=domain
        )

    def _smtp(self) -> SmtpSettings:
        s = self.config.settings.smtp
        return SmtpSettings(
            host=s.host,
            port=s.port,
            security=s.security,
            username=s.username,
            password=s.password.get_secret_value() if s.password else None,
            sender=parseaddr(s.sender)[1] or s.sender,
            timeout=s.timeout,
        )

    def _items(self, rows: Sequence[Delivery]) -> list[DigestItem]:
        pairs = [(r.article_id, r.topic_id) for r in rows if r.article_id and r.topic_id]
        subscriber_of = {(r.article_id, r.topic_id): r.subscriber for r in rows}
        found = self.store.matches_for(pairs)
        stored = self.store.articles_by_id([a for a, _ in pairs])
        items = []
        for article_id, topic_id in pairs:
            article, match = stored.get(article_id), found.get((article_id, topic_id))
            if article is None or match is None:
                continue
            items.append(
                DigestItem(
                    topic_id=topic_id,
                    topic_name=self.topic_names.get(topic_id, topic_id),
                    article_id=article_id,
                    url=article.url,
                    title=article.title,
                    published=article.published,
                    sources=article.sources,
                    score=match.score,
                    evidence=match.evidence,
                    aliases=self.topic_aliases.get(topic_id, ()),
                    # feedback links: the subscriber's own Relevant / Not relevant
                    feedback=self.links.urls(
                        subscriber_of[(article_id, topic_id)], article_id, topic_id
                    ),
                )
            )
        return items

    def _subscriber(self, name: str) -> SubscriberConfig | None:
        for sub in self.config.settings.subscribers:
            if sub.name == name:
                return sub
        return None  # removed from the config: its pending rows wait, unsent


def channels(sub: SubscriberConfig) -> list[Channel]:
    """The channels a subscriber receives on, in a fixed order."""
    found = []
    if sub.email:
        found.append(Channel.EMAIL)
    if sub.webhook is not None:
        found.append(Channel.WEBHOOK)
    if sub.outbox_dir is not None:
        found.append(Channel.OUTBOX)
    if sub.apprise:
        found.append(Channel.APPRISE)
    return found


def _attempt(job: _Job) -> DeliveryError | None:
    """Send one job (on a worker thread); every failure comes back as a DeliveryError, so one
    delivery's surprise is recorded against it alone and the others go on."""
    try:
        job.send()
    except DeliveryError as exc:
        return exc
    except OSError as exc:  # writing an .eml: a full or unwritable disk may pass
        return DeliveryError(str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug in one send must not stop the others
        return _unexpected(exc)
    return None


def _unexpected(exc: Exception) -> DeliveryError:
    """A temporary failure for an exception no sender should raise: retried with backoff (the
    give-up time bounds it), its type and message kept in the delivery log."""
    log.error("unexpected error while delivering", exc_info=exc)
    return DeliveryError(f"unexpected error: {type(exc).__name__}: {exc}")


def _raiser(exc: DeliveryError) -> Callable[[], object]:
    def send() -> object:
        raise exc

    return send
