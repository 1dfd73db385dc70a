"""The outbox end to end: matches → delivery rows → a real SMTP server (aiosmtpd) and a real
webhook receiver on 127.0.0.1. A fake clock drives the retry schedule."""

from __future__ import annotations

import json
import re
import textwrap
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.cli import main
from monitor.config import Config, Settings, load_config
from monitor.deliver import outbox as outbox_module
from monitor.deliver.feedback_links import links_for
from monitor.deliver.outbox import Outbox, SendOutcome
from monitor.deliver.webhook import WebhookResult, verify
from monitor.domain import Article, Channel, Feed, FeedPoll, Match
from monitor.errors import ConfigError
from monitor.store import Store
from monitor.store.schema import deliveries
from tests.smtp_server import SmtpServer, free_port
from tests.wait import wait_for
from tests.webhook_receiver import Answer, WebhookReceiver

EVERY = Settings().poll_every  # the config's default poll interval

START = datetime(2026, 11, 2, 5, 0, tzinfo=UTC)
SECRET = "hook-secret-42"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def make_config(
    tmp_path: Path,
    storage: str,
    *,
    smtp_port: int,
    hook_url: str = "http://127.0.0.1:9/x",
    extra: str = "",
) -> Config:
    (tmp_path / "monitor.yaml").write_text(
        textwrap.dedent(f"""\
        storage: {storage}
        topics:
          - name: Yarmouk Valley
          - name: Jaish Khalid bin al-Waleed
            id: jkbw
        subscribers:
          - name: ana
            email: ana@example.org
            topics: [yarmouk-valley, jkbw]
            digest: {{cron: "0 7 * * *", timezone: Asia/Damascus}}
            outbox_dir: outbox
          - name: ops
            instant: true
            topics: [jkbw]
            webhook: {{url: "{hook_url}", secret: "${{HOOK_SECRET}}"}}
        smtp: {{host: 127.0.0.1, port: {smtp_port}, security: none,
               sender: "Monitor <monitor@example.org>", timeout: 5s}}
        {extra}
        """),
        encoding="utf-8",
    )
    return load_config(tmp_path / "monitor.yaml", environ={"HOOK_SECRET": SECRET})


@pytest.fixture(autouse=True)
def hook_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOOK_SECRET", SECRET)  # for the CLI, which reads the environment


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def seed(
    config: Config,
    store: Store,
    outbox: Outbox,
    clock: Clock,
    n: int = 3,
    first: int = 0,
    origin: str = "poll",
) -> list[Match]:
    """Store ``n`` articles (``a<first>`` on) and record a match for each on both topics."""
    store.sync_feeds([Feed("file:///wire.rss", "Levant Wire", every_s=EVERY)], clock())
    items = [
        Article(
            id=f"a{i}",
            url=f"https://wire.example.org/{i}",
            title=f"<b>Offensive</b> in the Yarmouk Valley, day {i}",
            text=f"Fighting around al-Shajara, day {i}. Jaish Khalid bin al-Waleed "
            "lost two villages.",
            published=clock(),
            content_hash=f"h{i}",
        )
        for i in range(first, first + n)
    ]
    [feed] = store.feeds()
    store.record_poll(FeedPoll(feed, 200, tuple(items), attempted=clock(), next_due=clock()))
    found = [
        Match(
            a.id,
            topic,
            0.9 - i / 100,
            True,
            {"passage": a.text, "alias": {"alias": "Yarmouk Valley", "text": "Yarmouk"}},
        )
        for i, a in enumerate(items)
        for topic in ("yarmouk-valley", "jkbw")
    ]
    return store.record_scoring(
        "test-model",
        [],
        found,
        [d for m in found for d in outbox.plan(m)],
        origin=origin,
        now=clock(),
    )


def test_digest_email_has_every_match_once_and_a_second_send_sends_nothing(
    tmp_path: Path, db_url: str, smtp: SmtpServer, clock: Clock
) -> None:
    config = make_config(tmp_path, db_url, smtp_port=smtp.port)
    store = Store.open(config.storage_url)
    outbox = Outbox(config, store, clock=clock)
    assert len(seed(config, store, outbox, clock)) == 6

    outcomes = outbox.send_digest(config.subscriber("ana"))
    assert [(o.channel, o.ok) for o in outcomes] == [("email", True), ("outbox", True)]
    [received] = smtp.received
    msg = received.message
    assert received.rcpt_tos == ("ana@example.org",)
    # Equal best scores: topics in alphabetical order.
    assert msg["Subject"] == "Monitor: 3 articles on Jaish Khalid bin al-Waleed, Yarmouk Valley"
    email_id = outcomes[0].delivery_id
    assert msg["X-Monitor-Delivery"] == email_id
    assert msg["Message-ID"] == f"<{email_id}@example.org>"
    html = msg.get_body(("html",)).get_content()
    assert "&lt;b&gt;Offensive&lt;/b&gt;" in html and "<b>Offensive" not in html
    assert "Levant Wire" in msg.get_body(("plain",)).get_content()
    eml = tmp_path / "outbox" / f"{outcomes[1].delivery_id}.eml"
    assert eml.read_bytes().count(b"Subject: Monitor: 3 articles") == 1

    assert outbox.send_digest(config.subscriber("ana")) == []
    assert len(smtp.received) == 1
    assert main(["digest", "-c", str(config.path), "--subscriber", "ana", "--send"]) == 0
    assert len(smtp.received) == 1
    # Recording the same matches again makes no new deliveries.
    assert seed(config, store, outbox, clock) == []
    assert outbox.send_digest(config.subscriber("ana")) == []
    store.close()


def test_smtp_outage_loses_nothing_and_sends_once_when_back(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    port = free_port()
    config = make_config(tmp_path, db_url, smtp_port=port)
    store = Store.open(config.storage_url)
    outbox = Outbox(config, store, clock=clock)
    seed(config, store, outbox, clock)
    [failed, written] = outbox.send_digest(config.subscriber("ana"))
    assert not failed.ok and "unreachable" in (failed.error or "") and written.ok
    pending = [d for d in store.deliveries(status="pending") if d.subscriber == "ana"]
    assert {d.channel for d in pending} == {"email"} and all(d.attempts == 1 for d in pending)
    assert outbox.retry_digests() == []  # not yet: the retry time has not come

    with SmtpServer(port=port) as smtp:
        clock.advance(minutes=1)
        [retried] = outbox.retry_digests()
        assert retried.ok and retried.delivery_id == failed.delivery_id  # same id: dedupable
        clock.advance(hours=1)
        assert outbox.retry_digests() == []
    assert len(smtp.received) == 1
    assert store.deliveries(status="pending", subscriber="ana") == []
    store.close()


def test_instant_webhook_503_503_200_is_delivered_exactly_once_signed(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    with WebhookReceiver([503, Answer(503, headers={"Retry-After": "30"}), 200]) as hook:
        config = make_config(tmp_path, db_url, smtp_port=free_port(), hook_url=hook.url)
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=1)
        assert [o.ok for o in outbox.send_instant()] == [False]
        clock.advance(seconds=5)
        assert [o.ok for o in outbox.send_instant()] == [False]
        clock.advance(seconds=10)
        assert outbox.send_instant() == []  # Retry-After: 30 is honoured
        clock.advance(seconds=25)
        assert [o.ok for o in outbox.send_instant()] == [True]
        clock.advance(minutes=30)
        assert outbox.send_instant() == []
    assert len(hook.requests) == 3
    [accepted] = hook.accepted
    assert verify(accepted.body, SECRET, accepted.headers["x-monitor-signature"])
    body = json.loads(accepted.body)
    assert set(body) == {
        "event",
        "delivery_id",
        "topic",
        "article",
        "score",
        "reason",
        "evidence",
        "feedback",
    }
    # The two signed feedback links name this subscriber, article, topic and verdict.
    links = links_for(config.settings.server, store)
    for verdict, relevant in (("relevant", True), ("irrelevant", False)):
        url = body["feedback"][verdict]
        assert url.startswith("http://127.0.0.1:8321/feedback/")
        claim = links.verify(url.rpartition("/")[2])
        assert (claim.article_id, claim.topic_id, claim.relevant) == (
            body["article"]["id"],
            "jkbw",
            relevant,
        )
    assert body["event"] == "match" and body["topic"] == {
        "id": "jkbw",
        "name": "Jaish Khalid bin al-Waleed",
    }
    assert set(body["article"]) == {"id", "url", "title", "published", "sources"}
    assert body["delivery_id"] == accepted.headers["x-monitor-delivery"]
    assert {r.headers["x-monitor-delivery"] for r in hook.requests} == {body["delivery_id"]}
    [sent] = store.deliveries(status="sent", subscriber="ops")
    assert sent.id == body["delivery_id"] and sent.attempts == 3
    store.close()


def test_permanent_failure_is_a_dead_letter_until_retried(
    tmp_path: Path, db_url: str, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    with WebhookReceiver([Answer(410, body=b"hook removed")]) as hook:
        config = make_config(tmp_path, db_url, smtp_port=free_port(), hook_url=hook.url)
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=1)
        [outcome] = outbox.send_instant()
        assert outcome.dead == 1 and "410" in (outcome.error or "")
        clock.advance(hours=1)
        assert outbox.send_instant() == []
        assert main(["deliveries", "-c", str(config.path), "--failed"]) == 0
        listed = capsys.readouterr().out
        assert "dead" in listed and "hook removed" in listed
        assert main(["deliveries", "-c", str(config.path), "--retry"]) == 0
        clock.now = datetime.now(UTC) + timedelta(seconds=1)
        assert [o.ok for o in outbox.send_instant()] == [True]
        assert len(hook.accepted) == 1
    store.close()


def test_a_hooks_secret_path_is_never_printed(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    token = "T0001/B0002/path-token-77"  # a chat webhook: the path is the credential
    with WebhookReceiver([Answer(404, body=b"no such hook")] * 2) as hook:
        url = f"http://127.0.0.1:{hook.port}/services/{token}"
        (tmp_path / "monitor.yaml").write_text(
            textwrap.dedent(f"""\
            storage: sqlite:///monitor.db
            topics: [{{name: Yarmouk Valley}}]
            subscribers:
              - name: desk
                topics: [yarmouk-valley]
                webhook: {{url: "{url}", format: slack}}
              - name: ops
                instant: true
                topics: [yarmouk-valley]
                webhook: {{url: "{url}"}}
            """),
            encoding="utf-8",
        )
        config = load_config(tmp_path / "monitor.yaml")
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=1)
        [instant] = outbox.send_instant()
        assert instant.dead == 1 and token not in (instant.error or "")
        assert main(["digest", "-c", str(config.path), "--subscriber", "desk", "--send"]) == 1
        shown = capsys.readouterr().out
        assert f"http://127.0.0.1:{hook.port}/*** answered 404" in shown and token not in shown
    # A row failed before messages were redacted where they are made still lists redacted.
    with store.engine.begin() as conn:
        conn.execute(
            deliveries.update()
            .where(deliveries.c.id == instant.delivery_id)
            .values(last_error=f"{url} answered 404")
        )
    store.close()
    assert main(["deliveries", "-c", str(config.path), "--failed"]) == 0
    listed = capsys.readouterr().out
    assert listed.count(f"http://127.0.0.1:{hook.port}/*** answered 404") == 2
    assert token not in listed


def test_temporary_failures_give_up_after_the_configured_time(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    config = make_config(
        tmp_path, db_url, smtp_port=free_port(), extra="delivery: {give_up_after: 1h}"
    )
    store = Store.open(config.storage_url)
    outbox = Outbox(config, store, clock=clock)
    seed(config, store, outbox, clock, n=1)
    outbox.send_instant()  # nothing listens on the hook URL: temporary failure
    for _ in range(20):
        clock.advance(minutes=10)
        outbox.send_instant()
    [dead] = store.deliveries(status="dead")
    assert dead.subscriber == "ops" and dead.attempts > 5
    assert "127.0.0.1:9" in (dead.last_error or "")
    store.close()


def test_digest_is_due_by_cron_in_the_subscribers_time_zone(
    tmp_path: Path, db_url: str, smtp: SmtpServer
) -> None:
    clock = Clock()
    clock.now = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)  # 05:00 in Damascus (UTC+3)
    config = make_config(tmp_path, db_url, smtp_port=smtp.port)
    store = Store.open(config.storage_url)
    outbox = Outbox(config, store, clock=clock)
    ana = config.subscriber("ana")
    assert not outbox.digest_due(ana, clock())  # nothing pending
    seed(config, store, outbox, clock)
    assert not outbox.digest_due(ana, clock())
    clock.advance(hours=1, minutes=59)  # 06:59 Damascus
    assert outbox.send_due_digests() == []
    clock.advance(minutes=2)  # 07:01 Damascus
    assert [o.channel for o in outbox.send_due_digests()] == ["email", "outbox"]
    assert not outbox.digest_due(ana, clock())
    clock.advance(days=1)
    assert outbox.send_due_digests() == []  # due, but nothing new and send_empty is false
    assert len(smtp.received) == 1
    store.close()


def test_backfilled_matches_are_not_delivered_by_default(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    config = make_config(tmp_path, db_url, smtp_port=free_port())
    store = Store.open(config.storage_url)
    outbox = Outbox(config, store, clock=clock)
    match = Match("a0", "jkbw", 0.9, True, {})
    assert outbox.plan(match, backfill=True) == []
    assert {(p.subscriber, p.channel, p.kind) for p in outbox.plan(match)} == {
        ("ana", "email", "digest"),
        ("ana", "outbox", "digest"),
        ("ops", "webhook", "instant"),
    }
    store.close()


def test_digest_preview_renders_without_sending_or_marking(
    tmp_path: Path, db_url: str, smtp: SmtpServer, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    config = make_config(tmp_path, db_url, smtp_port=smtp.port)
    store = Store.open(config.storage_url)
    seed(config, store, Outbox(config, store, clock=clock), clock)
    out_file = tmp_path / "preview.html"
    args = ["digest", "-c", str(config.path), "--subscriber", "ana", "--preview"]
    assert main([*args, "--out", str(out_file)]) == 0
    assert "Monitor: 3 articles on" in capsys.readouterr().out
    html = out_file.read_text(encoding="utf-8")
    assert html.count("wire.example.org/") >= 3 and "&lt;b&gt;Offensive" in html
    assert main(args) == 0
    assert "Subject: Monitor: 3 articles" in capsys.readouterr().out
    assert smtp.received == [] and store.deliveries(status="sent") == []
    assert main(["digest", "-c", str(config.path), "--subscriber", "nobody", "--preview"]) == 2
    assert "no subscriber named 'nobody' (known: ana, ops)" in capsys.readouterr().err
    store.close()


def hooks_config(tmp_path: Path, storage: str, hooks: dict[str, tuple[str, str]]) -> Config:
    """Instant webhook subscribers only: name -> (URL, topic id)."""
    subs = "".join(
        f"  - {{name: {name}, instant: true, topics: [{topic}], webhook: {{url: '{url}'}}}}\n"
        for name, (url, topic) in hooks.items()
    )
    (tmp_path / "monitor.yaml").write_text(
        f"storage: {storage}\n"
        "topics:\n  - name: Yarmouk Valley\n  - {name: Jaish Khalid bin al-Waleed, id: jkbw}\n"
        "  - name: Daraa\n"
        f"subscribers:\n{subs}",
        encoding="utf-8",
    )
    return load_config(tmp_path / "monitor.yaml", environ={})


def later_match(store: Store, outbox: Outbox, clock: Clock, topic: str) -> None:
    """A match of the seeded article a0 on ``topic``, recorded a minute after the seed's."""
    clock.advance(minutes=1)
    match = Match("a0", topic, 0.8, True, {"passage": "Daraa", "alias": "Daraa"})
    store.record_scoring("test-model", [], [match], outbox.plan(match), now=clock())


def test_a_slow_receiver_does_not_hold_up_another(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    with WebhookReceiver() as slow, WebhookReceiver() as fast:
        slow.gate.clear()  # it holds its answers until the fast alert is sent
        config = hooks_config(
            tmp_path, db_url, {"slow": (slow.url, "jkbw"), "fast": (fast.url, "daraa")}
        )
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=2)  # two alerts for the slow receiver, due first
        later_match(store, outbox, clock, "daraa")  # one for the fast receiver, due after them
        watcher = Store.open(config.storage_url)
        sender = threading.Thread(target=lambda: outcomes.extend(outbox.send_instant()))
        outcomes: list[SendOutcome] = []
        sender.start()
        try:
            # (within the webhook's timeout, 10 s, which the slow receiver's answer must meet)
            wait_for(
                lambda: bool(watcher.deliveries(status="sent", subscriber="fast")),
                8,
                "the fast alert, sent while the slow receiver holds its first answer",
                interval=0.02,
            )
            assert slow.requests == []  # its first answer is still held
        finally:
            slow.gate.set()
        sender.join(timeout=20)
        assert [(o.subscriber, o.ok) for o in outcomes] == [
            ("slow", True),
            ("slow", True),
            ("fast", True),
        ]
        assert len(slow.accepted) == 2 and len(fast.accepted) == 1
        watcher.close()
        store.close()


def test_one_delivery_failing_unexpectedly_is_recorded_and_the_others_go_on(
    tmp_path: Path, db_url: str, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 200 with a Retry-After no parser should choke on ("²" is a digit to str.isdigit).
    with (
        WebhookReceiver([Answer(200, headers={"Retry-After": "²"})]) as odd,
        WebhookReceiver() as ok,
    ):
        config = hooks_config(tmp_path, db_url, {"odd": (odd.url, "jkbw"), "ok": (ok.url, "daraa")})
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=1)
        later_match(store, outbox, clock, "daraa")
        assert [(o.subscriber, o.ok) for o in outbox.send_instant()] == [
            ("odd", True),
            ("ok", True),
        ]
        assert len(odd.requests) == 1 and outbox.send_instant() == []  # no re-POST

        # A fault no real receiver produces: a bug inside one send. Only that one fails.
        real_post = outbox_module.post_webhook

        def buggy(url: str, body: bytes, **kwargs: Any) -> WebhookResult:
            if url == odd.url:
                raise RuntimeError("boom")
            return real_post(url, body, **kwargs)

        monkeypatch.setattr(outbox_module, "post_webhook", buggy)
        store.record_poll(
            FeedPoll(
                store.feeds()[0],
                200,
                (Article("a9", "https://wire.example.org/9", "Daraa", "Daraa", clock(), "h9"),),
                attempted=clock(),
                next_due=clock(),
            )
        )
        fresh = [Match("a9", t, 0.8, True, {"passage": "Daraa"}) for t in ("jkbw", "daraa")]
        store.record_scoring(
            "test-model", [], fresh, [p for m in fresh for p in outbox.plan(m)], now=clock()
        )
        outcomes = {o.subscriber: o for o in outbox.send_instant()}
        assert outcomes["ok"].ok and len(ok.accepted) == 2
        assert not outcomes["odd"].ok and outcomes["odd"].dead == 0
        assert "unexpected error: RuntimeError: boom" in (outcomes["odd"].error or "")
        [failed] = store.deliveries(status="pending", subscriber="odd")
        assert failed.attempts == 1 and "boom" in (failed.last_error or "")

        monkeypatch.undo()
        clock.advance(minutes=5)
        assert [(o.subscriber, o.ok) for o in outbox.send_instant()] == [("odd", True)]
        assert len(odd.accepted) == 2
        store.close()


def test_a_digest_retry_resends_the_same_batch_under_the_same_id(
    tmp_path: Path, db_url: str, smtp: SmtpServer, clock: Clock
) -> None:
    config = make_config(tmp_path, db_url, smtp_port=smtp.port)
    store = Store.open(config.storage_url)
    outbox = Outbox(config, store, clock=clock)
    seed(config, store, outbox, clock, n=2)
    smtp.handler.drop_after_data = True  # the message arrives, the answer to DATA does not
    [email, _] = outbox.send_digest(config.subscriber("ana"))
    assert not email.ok and email.items == 4 and len(smtp.received) == 1

    clock.advance(minutes=1)  # a new match comes in before the retry
    store.record_poll(
        FeedPoll(
            store.feeds()[0],
            200,
            (Article("a9", "https://wire.example.org/9", "Later", "Later", clock(), "h9"),),
            attempted=clock(),
            next_due=clock(),
        )
    )
    late = Match("a9", "jkbw", 0.7, True, {"passage": "Jaish Khalid bin al-Waleed"})
    store.record_scoring("test-model", [], [late], outbox.plan(late), now=clock())

    clock.advance(minutes=10)
    [retried] = outbox.retry_digests()
    assert retried.ok and retried.delivery_id == email.delivery_id and retried.items == 4
    first, second = (r.message for r in smtp.received)
    assert second["X-Monitor-Delivery"] == first["X-Monitor-Delivery"] == email.delivery_id
    assert second["Subject"] == first["Subject"]  # the same items, so a receiver can drop it
    waiting = store.deliveries(status="pending", subscriber="ana")
    assert sorted((r.article_id, r.channel) for r in waiting) == [("a9", "email"), ("a9", "outbox")]

    [after] = [o for o in outbox.send_digest(config.subscriber("ana")) if o.channel == "email"]
    assert after.ok and after.items == 1 and after.delivery_id != email.delivery_id
    store.close()


def add_article(store: Store, outbox: Outbox, clock: Clock, article: Article) -> None:
    """Store ``article`` and a match of it on both seeded topics."""
    store.record_poll(
        FeedPoll(store.feeds()[0], 200, (article,), attempted=clock(), next_due=clock())
    )
    found = [
        Match(article.id, t, 0.7, True, {"passage": article.text, "alias": None})
        for t in ("yarmouk-valley", "jkbw")
    ]
    store.record_scoring(
        "test-model", [], found, [p for m in found for p in outbox.plan(m)], now=clock()
    )


def test_a_huge_title_is_capped_in_mail_and_webhook(
    tmp_path: Path, db_url: str, smtp: SmtpServer
) -> None:
    clock = Clock()
    with WebhookReceiver() as hook:
        config = make_config(tmp_path, db_url, smtp_port=smtp.port, hook_url=hook.url)
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=1)
        huge = "Yarmouk " * 140_000  # 1.1 MB, as a broken feed served it
        add_article(
            store,
            outbox,
            clock,
            Article("big", "https://wire.example.org/big", huge, huge, clock(), "hb"),
        )
        assert all(o.ok for o in outbox.send_digest(config.subscriber("ana")))
        assert all(o.ok for o in outbox.send_instant())
    [received] = smtp.received
    assert len(received.data) < 40_000
    assert all(len(r.body) < 8_000 for r in hook.requests) and len(hook.requests) == 2
    titles = [json.loads(r.body)["article"]["title"] for r in hook.requests]
    assert max(len(t) for t in titles) == 300 and any(t.endswith("…") for t in titles)
    store.close()


def test_a_digest_refused_for_one_item_still_delivers_the_others(
    tmp_path: Path, db_url: str, clock: Clock
) -> None:
    with SmtpServer() as smtp:
        smtp.handler.refuse_containing = b"FORBIDDEN"
        config = make_config(tmp_path, db_url, smtp_port=smtp.port)
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=3)
        bad = Article("bad", "https://wire.example.org/bad", "FORBIDDEN", "x", clock(), "hx")
        add_article(store, outbox, clock, bad)
        [email, _] = outbox.send_digest(config.subscriber("ana"))
        assert not email.ok and email.dead == 0 and "554" in (email.error or "")
        for _ in range(10):  # each refusal halves the batch: log2(8 rows) rounds and then some
            clock.advance(seconds=1)
            if not outbox.retry_digests():
                break
        dead = store.deliveries(status="dead", subscriber="ana")
        assert {(r.article_id, r.channel) for r in dead} == {("bad", "email")}
        sent = [
            r for r in store.deliveries(status="sent", subscriber="ana") if r.channel == "email"
        ]
        assert sorted({r.article_id for r in sent}) == ["a0", "a1", "a2"] and len(sent) == 6
        assert all(b"FORBIDDEN" not in r.data for r in smtp.received)
        assert store.deliveries(status="pending", subscriber="ana") == []
        store.close()


def test_a_subscriber_added_later_gets_its_topics_recent_matches_once(
    tmp_path: Path, db_url: str, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    config = make_config(tmp_path, db_url, smtp_port=free_port())
    store = Store.open(config.storage_url)
    outbox = Outbox(config, store, clock=clock)
    clock.advance(days=-3)
    seed(config, store, outbox, clock, n=1)  # a0, three days ago
    clock.advance(days=3, hours=-2)
    seed(config, store, outbox, clock, n=1, first=1)  # a1, two hours ago
    # a2, found by `monitor backfill`: not delivered (delivery.send_backfill is false)
    seed(config, store, outbox, clock, n=1, first=2, origin="backfill")
    clock.advance(hours=2)
    store.close()
    # Three subscribers join after the matches were recorded.
    path = tmp_path / "monitor.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "smtp:",
            "  - name: late\n    outbox_dir: late\n    topics: [jkbw]\n"
            "  - name: week\n    outbox_dir: week\n    backfill_days: 7\n"
            "  - name: none\n    outbox_dir: none\n    backfill_days: 0\nsmtp:",
            1,
        ),
        encoding="utf-8",
    )
    later = load_config(path, environ={"HOOK_SECRET": SECRET})
    store = Store.open(later.storage_url)
    outbox = Outbox(later, store, clock=clock)
    # late: a1 on its one topic (the default day); week: both articles on both topics.
    assert outbox.welcome_new_subscribers() == 1 + 4
    assert Outbox(later, store, clock=clock).welcome_new_subscribers() == 0  # once
    assert [(r.article_id, r.topic_id) for r in store.pending_digest("late", Channel.OUTBOX)] == [
        ("a1", "jkbw")
    ]
    assert len(store.pending_digest("week", Channel.OUTBOX)) == 4
    assert store.pending_digest("none", Channel.OUTBOX) == []
    assert outbox.preview(later.subscriber("late")).count == 1
    assert outbox.preview(later.subscriber("week")).count == 2
    store.close()
    # A one-off catch-up from the command line; what it already has is not added again.
    since = (clock() - timedelta(days=4)).date().isoformat()
    command = ["digest", "-c", str(path), "--subscriber", "none", "--since", since, "--preview"]
    assert main(command) == 0
    out = capsys.readouterr().out
    assert f"4 earlier matches since {since} 00:00 UTC added to none's next digest" in out
    assert "Subject: Monitor: 2 articles on" in out
    assert main(command) == 0
    assert "0 earlier matches" in capsys.readouterr().out


def test_notify_test_sends_a_marked_message_on_every_channel_and_says_what_each_answered(
    tmp_path: Path, db_url: str, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with WebhookReceiver([200]) as hook:
        config = make_config(tmp_path, db_url, smtp_port=smtp.port, hook_url=hook.url)
        assert main(["notify-test", "-c", str(config.path), "--subscriber", "ana"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].startswith(f"email    ok: smtp 127.0.0.1:{smtp.port}: 250 2.0.0 Ok: queued")
        assert out[1].startswith(f"outbox   ok: folder {tmp_path / 'outbox'}: written to ")
        [mail] = smtp.received
        assert mail.message["Subject"] == "[TEST] Monitor: test message for ana"
        plain = mail.message.get_body(("plain",))
        assert plain is not None
        assert "test message from monitor for subscriber ana" in plain.get_content()
        assert main(["notify-test", "-c", str(config.path), "--subscriber", "ops"]) == 0
        out = capsys.readouterr().out
        assert out == f'webhook  ok: http://127.0.0.1:{hook.port}/***: 200 {{"ok":true}}\n'
        [request] = hook.requests
        body = json.loads(request.body)
        assert body["event"] == "test" and body["subscriber"] == "ops"
        assert verify(request.body, SECRET, request.headers["x-monitor-signature"])
    # Broken SMTP is found now, not at 07:00 tomorrow; nothing was queued for it.
    broken = make_config(tmp_path, db_url, smtp_port=free_port())
    assert main(["notify-test", "-c", str(broken.path), "--subscriber", "ana"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^email    FAILED: smtp 127\.0\.0\.1:\d+: .*unreachable", out, re.M)
    store = Store.open(broken.storage_url)
    assert store.deliveries() == []
    store.close()


def apprise_config(tmp_path: Path, *urls: str, smtp_port: int | None = None) -> Config:
    listed = ", ".join(f'"{u}"' for u in urls)
    path = tmp_path / "monitor.yaml"
    path.write_text(
        textwrap.dedent(f"""\
        storage: sqlite:///monitor.db
        topics:
          - name: Yarmouk Valley
          - name: Jaish Khalid bin al-Waleed
            id: jkbw
        subscribers:
          - name: newsroom
            email: [desk@example.org, editor@example.org]
            apprise: [{listed}]
            digest: {{cron: "@daily", timezone: Asia/Damascus}}
        smtp: {{host: 127.0.0.1, port: {smtp_port or free_port()}, security: none, timeout: 2s}}
        """),
        encoding="utf-8",
    )
    return load_config(path, environ={})


def test_a_digest_through_apprise_survives_an_outage_and_arrives_once(
    tmp_path: Path, clock: Clock, smtp: SmtpServer
) -> None:
    """A real Apprise json:// notification to a local receiver: 503, 503, then 200; beside
    it the same digest by mail to the subscriber's two addresses, in one message."""
    with WebhookReceiver([503, 503, 200]) as hook:
        url = f"json://127.0.0.1:{hook.port}/notify/secret-token-0123456789"
        config = apprise_config(tmp_path, url, smtp_port=smtp.port)
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=2)
        sub = config.subscriber("newsroom")
        outcomes = [o for o in outbox.send_digest(sub) if o.channel == "apprise"]
        assert [o.ok for o in outcomes] == [False]
        assert "secret-token" not in (outcomes[0].error or "")
        assert outcomes[0].error and outcomes[0].error.startswith("apprise: json://***: ")
        for _ in range(3):
            clock.advance(minutes=15)
            outbox.retry_digests()
        clock.advance(hours=2)
        assert outbox.retry_digests() == []
        assert [r.status for r in hook.requests] == [503, 503, 200]
    [mail] = smtp.received
    assert mail.rcpt_tos == ("desk@example.org", "editor@example.org")
    assert mail.message["To"] == "desk@example.org, editor@example.org"
    [accepted] = hook.accepted
    body = json.loads(accepted.body)
    assert body["title"] == "Monitor: 2 articles on Jaish Khalid bin al-Waleed, Yarmouk Valley"
    assert "Why: named as 'Yarmouk' (a spelling of Yarmouk Valley)" in body["message"]
    assert "*Jaish Khalid bin al-Waleed* lost" in body["message"]  # marked in the text
    sent = store.deliveries(status="sent", subscriber="newsroom")
    assert {(d.article_id, d.topic_id) for d in sent if d.channel == "apprise"} == {
        (a, t) for a in ("a0", "a1") for t in ("yarmouk-valley", "jkbw")
    }
    store.close()


def test_apprise_retries_only_the_url_that_failed(tmp_path: Path, clock: Clock) -> None:
    with WebhookReceiver([200, 200]) as good, WebhookReceiver([500, 200]) as flaky:
        config = apprise_config(
            tmp_path, f"json://127.0.0.1:{good.port}/a", f"json://127.0.0.1:{flaky.port}/b"
        )
        store = Store.open(config.storage_url)
        outbox = Outbox(config, store, clock=clock)
        seed(config, store, outbox, clock, n=1)
        sent = outbox.send_digest(config.subscriber("newsroom"))
        [first] = [o for o in sent if o.channel == "apprise"]
        assert not first.ok
        clock.advance(minutes=15)
        [again] = [o for o in outbox.retry_digests() if o.channel == "apprise"]
        assert again.ok and again.delivery_id == first.delivery_id
        store.close()
    assert len(good.requests) == 1 and len(flaky.requests) == 2


def test_an_unknown_apprise_url_is_a_config_error_without_its_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        apprise_config(tmp_path, "nosuch://user:hunter2@host/x")
    assert "subscribers[0].apprise" in str(info.value)
    assert "nosuch://*** is not a URL Apprise can send to" in str(info.value)
    assert "hunter2" not in str(info.value)


def test_notify_test_reaches_apprise_urls(
    tmp_path: Path, smtp: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with WebhookReceiver([200]) as hook:
        url = f"json://127.0.0.1:{hook.port}/notify/secret-token-0123456789"
        config = apprise_config(tmp_path, url, smtp_port=smtp.port)
        assert main(["notify-test", "-c", str(config.path), "--subscriber", "newsroom"]) == 0
    out = capsys.readouterr().out
    assert "apprise  ok: apprise json://***: 1 of 1 Apprise URLs accepted" in out
    assert "secret-token" not in out
    [request] = hook.requests
    assert json.loads(request.body)["title"] == "[TEST] Monitor: test message for newsroom"
    [mail] = smtp.received
    assert mail.rcpt_tos == ("desk@example.org", "editor@example.org")
