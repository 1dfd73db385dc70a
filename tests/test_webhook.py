"""Webhooks against a real HTTP receiver on 127.0.0.1: retries to exactly one accepted, signed
delivery; status classification; redirects; payload and Slack body shapes; retry delays."""

from __future__ import annotations

import json
import random
import re
import socket
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor import __version__
from monitor.config.models import WebhookConfig
from monitor.deliver.digest import DigestItem
from monitor.deliver.reason import reason
from monitor.deliver.retry import retry_delay
from monitor.deliver.webhook import (
    EXCERPT_CHARS,
    WebhookClient,
    WebhookResult,
    digest_payload,
    encode,
    match_payload,
    post_webhook,
    sign,
    slack_body,
    verify,
)
from monitor.errors import DeliveryError, WebhookError
from monitor.net.policy import parse_retry_after
from tests.drip_server import DripServer
from tests.proxy import HttpProxy
from tests.webhook_receiver import Answer, WebhookReceiver

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SECRET = "whsec-test-0123"
HOOK_TIMEOUT = WebhookConfig.model_fields["timeout"].default  # the config's default
DOCS = Path(__file__).resolve().parents[1] / "docs" / "webhooks.md"
ITEM = DigestItem(
    topic_id="yarmouk",
    topic_name="Yarmouk Valley",
    article_id="art-1",
    url="https://news.example/yarmouk",
    title="Shelling near the Yarmouk Valley",
    published=datetime(2026, 11, 25, 10, 0, tzinfo=UTC),
    sources=("Reuters", "BBC"),
    score=0.81234567,
    evidence={
        "passage": "Shelling hit the Yarmouk Valley.",
        "alias": "Yarmouk Valley",
        "similarity": 0.61,
    },
)


def deliver_with_retries(url: str, body: bytes, *, max_attempts: int = 6) -> WebhookResult:
    """What the outbox does, in miniature: retry temporary failures after retry_delay."""
    rng = random.Random(7)
    for attempt in range(1, max_attempts + 1):
        try:
            return post_webhook(url, body, secret=SECRET, delivery_id="dlv-42", timeout=5)
        except DeliveryError as exc:
            assert not exc.permanent, exc
            time.sleep(retry_delay(attempt, None, rng, base=0.01))
    raise AssertionError("never accepted")


def test_503_503_200_gives_one_accepted_signed_delivery() -> None:
    body = encode(match_payload(ITEM, delivery_id="dlv-42"))
    with WebhookReceiver([503, 503, 200]) as rx:
        result = deliver_with_retries(rx.url, body)
    assert result.status == 200 and result.excerpt == '{"ok":true}'
    assert [r.status for r in rx.requests] == [503, 503, 200]
    [accepted] = rx.accepted
    assert accepted.body == body
    headers = accepted.headers
    assert verify(accepted.body, SECRET, headers["x-monitor-signature"])
    assert headers["x-monitor-signature"] == sign(body, SECRET)
    assert headers["x-monitor-delivery"] == "dlv-42"
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"] == f"monitor/{__version__}"
    # Every attempt carries the same delivery id, so a receiver can drop duplicates.
    assert {r.headers["x-monitor-delivery"] for r in rx.requests} == {"dlv-42"}


def test_docs_verification_snippet_accepts_a_real_delivery() -> None:
    code = re.search(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert code, "docs/webhooks.md has a python snippet"
    namespace: dict[str, Any] = {}
    exec(code.group(1), namespace)
    body = encode(match_payload(ITEM, delivery_id="dlv-1"))
    with WebhookReceiver([200]) as rx:
        post_webhook(rx.url, body, secret=SECRET, delivery_id="dlv-1", timeout=HOOK_TIMEOUT)
    [req] = rx.requests
    check = namespace["verify_signature"]
    assert check(req.body, SECRET, req.headers["x-monitor-signature"])
    assert not check(req.body + b" ", SECRET, req.headers["x-monitor-signature"])


def test_no_secret_means_no_signature_header() -> None:
    with WebhookReceiver([200]) as rx:
        post_webhook(rx.url, b"{}", secret=None, delivery_id="d1", timeout=HOOK_TIMEOUT)
    assert "x-monitor-signature" not in rx.requests[0].headers


@pytest.mark.parametrize(
    ("answer", "retry_after"),
    [
        (Answer(429, headers={"Retry-After": "7"}), 7.0),
        (Answer(503, headers={"Retry-After": "120"}), 120.0),
        (Answer(503), None),
        (Answer(500), None),
        (Answer(408), None),
    ],
)
def test_temporary_answers(answer: Answer, retry_after: float | None) -> None:
    with WebhookReceiver([answer]) as rx, pytest.raises(WebhookError) as info:
        post_webhook(rx.url, b"{}", secret=SECRET, delivery_id="d1", timeout=HOOK_TIMEOUT)
    assert not info.value.permanent
    assert info.value.status == answer.status and info.value.retry_after == retry_after
    if retry_after:
        assert retry_delay(1, info.value.retry_after, random.Random(1)) >= retry_after


def test_a_retry_after_that_is_no_number_is_ignored_not_raised() -> None:
    # "²" passes str.isdigit() but not float().
    odd = {"Retry-After": "²"}
    with WebhookReceiver([Answer(503, headers=odd), Answer(200, headers=odd)]) as rx:
        with pytest.raises(WebhookError) as info:
            post_webhook(rx.url, b"{}", secret=SECRET, delivery_id="d1", timeout=HOOK_TIMEOUT)
        assert info.value.status == 503 and info.value.retry_after is None
        result = post_webhook(rx.url, b"{}", secret=SECRET, delivery_id="d1", timeout=HOOK_TIMEOUT)
    assert result.status == 200
    assert parse_retry_after("²") is None and parse_retry_after(" 12 ") == 12.0


def test_retry_after_http_date() -> None:
    assert parse_retry_after("Wed, 25 Nov 2026 12:00:30 GMT", NOW) == 30.0
    assert parse_retry_after("Wed, 25 Nov 2026 11:00:00 GMT", NOW) == 0.0
    assert parse_retry_after("soon", NOW) is None and parse_retry_after(None) is None
    stamp = (datetime.now(UTC) + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    with (
        WebhookReceiver([Answer(429, headers={"Retry-After": stamp})]) as rx,
        pytest.raises(WebhookError) as info,
    ):
        post_webhook(rx.url, b"{}", secret=None, delivery_id="d1", timeout=HOOK_TIMEOUT)
    assert info.value.retry_after is not None and 80 <= info.value.retry_after <= 90


def test_400_is_permanent_and_only_an_excerpt_is_kept() -> None:
    answer = Answer(400, body=b"bad payload: " + b"x" * 10_000)
    with WebhookReceiver([answer]) as rx, pytest.raises(WebhookError) as info:
        post_webhook(rx.url, b"{}", secret=SECRET, delivery_id="d1", timeout=HOOK_TIMEOUT)
    assert info.value.permanent and info.value.status == 400
    assert info.value.excerpt.startswith("bad payload: xxx")
    assert len(info.value.excerpt) == EXCERPT_CHARS
    assert len(str(info.value)) < EXCERPT_CHARS + 100


def test_a_failure_names_the_hook_by_scheme_and_host_only() -> None:
    with WebhookReceiver([Answer(404)]) as rx, pytest.raises(WebhookError) as info:
        post_webhook(
            f"http://127.0.0.1:{rx.port}/services/T1/B2/path-token",
            b"{}",
            secret=None,
            delivery_id="d1",
            timeout=HOOK_TIMEOUT,
        )
    assert str(info.value).startswith(f"http://127.0.0.1:{rx.port}/*** answered 404")
    assert "path-token" not in str(info.value)


def test_cross_host_redirect_is_refused() -> None:
    with WebhookReceiver() as rx:
        # Same machine, other host name: it still counts as another host.
        elsewhere = f"http://localhost:{rx.port}/steal"
        rx_answers = [Answer(307, headers={"Location": elsewhere})]
        with WebhookReceiver(rx_answers) as redirector, pytest.raises(WebhookError) as info:
            post_webhook(
                redirector.url, b"{}", secret=SECRET, delivery_id="d1", timeout=HOOK_TIMEOUT
            )
    assert info.value.permanent and elsewhere in str(info.value)
    assert rx.requests == [] and len(redirector.requests) == 1


def test_same_host_redirect_is_followed_with_the_same_body() -> None:
    body = encode(match_payload(ITEM, delivery_id="d1"))
    with WebhookReceiver([Answer(308, headers={"Location": "/moved"}), 200]) as rx:
        result = post_webhook(rx.url, body, secret=SECRET, delivery_id="d1", timeout=HOOK_TIMEOUT)
    assert result.url == f"http://127.0.0.1:{rx.port}/moved"
    first, second = rx.requests
    assert second.path == "/moved" and second.method == "POST" and second.body == body
    assert verify(second.body, SECRET, second.headers["x-monitor-signature"])


def test_redirect_limits() -> None:
    loop = [Answer(302, headers={"Location": f"/hop{i}"}) for i in range(5)]
    with WebhookReceiver(loop) as rx, pytest.raises(WebhookError, match="redirects") as info:
        post_webhook(rx.url, b"{}", secret=None, delivery_id="d1", timeout=HOOK_TIMEOUT)
    assert info.value.permanent and len(rx.requests) == 4
    # 303 would turn the POST into a GET and lose the payload: not followed.
    with (
        WebhookReceiver([Answer(303, headers={"Location": "/"})]) as rx,
        pytest.raises(WebhookError) as info,
    ):
        post_webhook(rx.url, b"{}", secret=None, delivery_id="d1", timeout=HOOK_TIMEOUT)
    assert info.value.permanent and info.value.status == 303


def test_network_faults_are_temporary() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(WebhookError, match="ConnectError") as info:
        post_webhook(
            f"http://127.0.0.1:{port}/hook",
            b"{}",
            secret=None,
            delivery_id="d1",
            timeout=HOOK_TIMEOUT,
        )
    assert not info.value.permanent and info.value.status is None
    # Accepts the connection (backlog) but never answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/hook"
        with pytest.raises(WebhookError, match="timed out") as info:
            post_webhook(url, b"{}", secret=None, delivery_id="d1", timeout=0.5)
    assert not info.value.permanent
    with pytest.raises(WebhookError, match="unusable URL") as info:
        post_webhook(
            "ftp://127.0.0.1/hook", b"{}", secret=None, delivery_id="d1", timeout=HOOK_TIMEOUT
        )
    assert info.value.permanent


def test_caller_supplied_client_is_used_and_left_open() -> None:
    with WebhookClient(timeout=HOOK_TIMEOUT) as client, WebhookReceiver([200, 200]) as rx:
        post_webhook(
            rx.url, b"{}", secret=None, delivery_id="d1", client=client, timeout=HOOK_TIMEOUT
        )
        post_webhook(
            rx.url, b"{}", secret=None, delivery_id="d2", client=client, timeout=HOOK_TIMEOUT
        )
        assert not client.is_closed
    assert [r.headers["x-monitor-delivery"] for r in rx.requests] == ["d1", "d2"]


def test_match_payload_has_exactly_the_contract_fields() -> None:
    payload = json.loads(encode(match_payload(ITEM, delivery_id="dlv-9")))
    assert payload == {
        "event": "match",
        "delivery_id": "dlv-9",
        "topic": {"id": "yarmouk", "name": "Yarmouk Valley"},
        "article": {
            "id": "art-1",
            "url": "https://news.example/yarmouk",
            "title": "Shelling near the Yarmouk Valley",
            "published": "2026-11-25T10:00:00Z",
            "sources": ["Reuters", "BBC"],
        },
        "score": 0.8123,
        "reason": "named as 'Yarmouk Valley'",
        "evidence": {
            "passage": "Shelling hit the Yarmouk Valley.",
            "alias": "Yarmouk Valley",
            "similarity": 0.61,
        },
    }
    undated = DigestItem("t", "T", "a", "u", "x", None, (), 0.5, {})
    assert (
        json.loads(encode(match_payload(undated, delivery_id="d")))["article"]["published"] is None
    )


def test_digest_payload_lists_items_ranked() -> None:
    low = DigestItem(
        "t2",
        "Other",
        "art-2",
        "https://news.example/2",
        "Other",
        datetime(2026, 11, 25, 11, 0),
        (),
        0.4,
        {"passage": "", "alias": None},
    )
    payload = json.loads(
        encode(
            digest_payload([low, ITEM], delivery_id="dg-1", since=NOW - timedelta(days=1), now=NOW)
        )
    )
    assert payload["event"] == "digest" and payload["delivery_id"] == "dg-1"
    assert payload["since"] == "2026-11-24T12:00:00Z" and payload["until"] == "2026-11-25T12:00:00Z"
    assert payload["count"] == 2
    assert [i["article"]["id"] for i in payload["items"]] == ["art-1", "art-2"]
    assert all(
        set(i) == {"topic", "article", "score", "reason", "evidence"} for i in payload["items"]
    )
    assert payload["items"][1]["article"]["published"] == "2026-11-25T11:00:00Z"  # naive = UTC


def test_slack_body_shape_and_escaping() -> None:
    hostile = DigestItem(
        "t",
        "A&B <Topic>",
        "a2",
        "https://news.example/x?a=1|b>c",
        "<!channel> Breaking & more",
        None,
        ("<Wire>",),
        0.9,
        {},
    )
    unlinked = DigestItem("t", "T", "a3", "javascript:alert(1)", "No link", None, (), 0.1, {})
    body = slack_body([ITEM, hostile, unlinked], heading="Monitor: 3 articles")
    assert set(body) == {"text"}
    lines = body["text"].split("\n")
    assert lines[0] == "*Monitor: 3 articles*"
    assert lines[1:] == [
        "[A&amp;B &lt;Topic&gt;] <https://news.example/x?a=1%7Cb%3Ec|"
        "&lt;!channel&gt; Breaking &amp; more> (&lt;Wire&gt;) score 0.90",
        "_Why: no name found: close in meaning to the topic_",
        # The snippet, what matched in bold, and the reason under each item.
        "[Yarmouk Valley] <https://news.example/yarmouk|Shelling near the "
        "Yarmouk Valley> (Reuters, BBC) score 0.81",
        "> Shelling hit the *Yarmouk Valley*.",
        "_Why: named as 'Yarmouk Valley'_",
        "[T] No link score 0.10",
        "_Why: no name found: close in meaning to the topic_",
    ]
    capped = slack_body([ITEM] * 5, cap=2)["text"].split("\n")
    assert len(capped) == 7 and capped[-1] == "…and 3 more"


def test_signature_verification_rejects_tampering() -> None:
    body = b'{"event":"match"}'
    header = sign(body, SECRET)
    assert re.fullmatch(r"sha256=[0-9a-f]{64}", header)
    assert verify(body, SECRET, header)
    assert not verify(body, "other-secret", header)
    assert not verify(body + b" ", SECRET, header)
    assert not verify(body, SECRET, header.removeprefix("sha256="))
    assert not verify(body, SECRET, "sha256=ünïcode")


def test_retry_delay_grows_caps_and_honours_retry_after() -> None:
    rng = random.Random(3)
    first = [retry_delay(1, None, rng) for _ in range(200)]
    assert min(first) >= 1.0 and max(first) <= 2.0
    medians = [sorted(retry_delay(n, None, rng) for _ in range(51))[25] for n in range(1, 9)]
    assert medians == sorted(medians) and medians[-1] > 100
    assert all(300 <= retry_delay(n, None, rng) <= 600 for n in (20, 64, 1000))
    assert retry_delay(1, 120.0, rng) == 120.0
    assert retry_delay(1, 86_400.0, rng) == 3600.0  # a day-long Retry-After is capped
    assert retry_delay(12, 1.0, rng) >= 300  # a short Retry-After does not undercut backoff


def test_webhooks_go_through_the_configured_or_the_environment_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with WebhookReceiver([200, 200, 200]) as rx, HttpProxy() as proxy:
        post_webhook(
            rx.url, b"{}", secret=None, delivery_id="d1", proxy=proxy.url, timeout=HOOK_TIMEOUT
        )
        monkeypatch.setenv("http_proxy", proxy.url)
        post_webhook(rx.url, b"{}", secret=None, delivery_id="d2", timeout=HOOK_TIMEOUT)
        monkeypatch.setenv("no_proxy", "localhost, .example.org,127.0.0.1:8080")
        post_webhook(rx.url, b"{}", secret=None, delivery_id="d3", timeout=HOOK_TIMEOUT)
    assert proxy.requests == [("POST", rx.url, None)] * 2
    assert [r.headers["x-monitor-delivery"] for r in rx.requests] == ["d1", "d2", "d3"]


def test_a_receiver_dripping_its_answer_fails_within_the_timeout() -> None:
    # One byte every 0.2 s: no single read ever times out, the whole answer would take 30 s.
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"x" * 100
    with (
        DripServer(answer, interval=0.2, read_first=True) as srv,
        pytest.raises(WebhookError, match="timed out after 1 s") as info,
    ):
        post_webhook(
            f"http://127.0.0.1:{srv.port}/hook", b"{}", secret=None, delivery_id="d1", timeout=1
        )
    # It hung up after about a second's bytes (5, and the few sent before it noticed), not 30 s.
    assert not info.value.permanent and srv.sent < 50, srv.sent


def test_redirects_share_one_timeout() -> None:
    # Each request takes the receiver 0.4 s; the four a POST may make (3 redirects) need 1.6 s.
    slow = Answer(307, headers={"Location": "/next"})
    with WebhookReceiver([slow] * 5) as rx:
        rx.delay = 0.4
        # (a timeout per request would let each through: it would end at the redirect limit)
        with pytest.raises(WebhookError, match="timed out after 1 s"):
            post_webhook(rx.url, b"{}", secret=None, delivery_id="d1", timeout=1)
    assert len(rx.requests) < 4  # the fourth never answered


def test_docs_payload_and_evidence_table_have_the_shape_of_a_real_match() -> None:
    """docs/webhooks.md shows one shape: the real matcher's evidence, through the payload."""
    from monitor.deliver.feedback_links import FeedbackUrls
    from monitor.domain import Topic
    from monitor.match.embed import load_embedder
    from monitor.match.matcher import Matcher

    topic = Topic("yarmouk", "Yarmouk Valley", "a river valley in southern Syria", ("Yarmuk",))
    matcher = Matcher(load_embedder(), [topic], 0.5)
    title, text = "Shelling in the Yarmuk Valley", "Shelling hit the Yarmuk Valley overnight."
    [vectors] = matcher.embed([(title, text)])
    [match] = matcher.score(title, text, vectors, "a1")
    real = match_payload(
        DigestItem(
            "yarmouk",
            "Yarmouk Valley",
            "a1",
            "https://n.example/1",
            title,
            None,
            (),
            0.8,
            {},
            feedback=FeedbackUrls("https://m.example/feedback/r", "https://m.example/feedback/i"),
        ),
        delivery_id="d",
    ) | {"evidence": match.evidence}
    docs = DOCS.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", docs, re.S)
    assert block, "docs/webhooks.md shows a match payload"
    example = json.loads(block.group(1))
    assert set(example) == set(real)
    for part in ("topic", "article", "evidence"):
        assert set(example[part]) == set(real[part]), part
    table = set(re.findall(r"^\| `(\w+)` \|", docs, re.M))
    assert table == set(match.evidence)
    # The example's reason is what the monitor says for the example's evidence.
    assert example["reason"] == reason(example["evidence"], example["topic"]["name"])
    assert match.evidence["alias"] == {"alias": "Yarmouk Valley", "text": "Yarmuk Valley"}
