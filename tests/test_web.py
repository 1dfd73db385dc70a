"""The web UI and API over HTTP, served by uvicorn on 127.0.0.1: what each route answers,
what it records, and what it refuses (auth, CSRF, forged links). Pages in a real browser:
tests/test_browser.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from itsdangerous import TimestampSigner

from monitor.deliver.feedback_links import FeedbackLinks, links_for
from monitor.web.auth import CSRF_FIELD, hash_password
from tests.feedserver import FeedServer
from tests.web_site import SCRIPT_TITLE, Site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with FeedServer() as feeds:
        site = Site(tmp_path_factory.mktemp("site"), feeds)
        try:
            yield site
        finally:
            site.close()


@pytest.fixture(autouse=True)
def _open_config(site: Site) -> Iterator[None]:
    yield
    site.use("{host: 127.0.0.1, port: 0}")  # each test starts without auth


def link_path(site: Site, article: str, topic: str, relevant: bool) -> str:
    """The path of the feedback link the site's digests carry for subscriber ana."""
    urls = links_for(site.config.settings.server, site.store).urls("ana", article, topic)
    return path_of(urls.relevant if relevant else urls.irrelevant)


def path_of(url: str) -> str:
    return "/feedback/" + url.rpartition("/feedback/")[2]


def csrf_of(client: httpx.Client, path: str = "/try") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(rf'name="{CSRF_FIELD}" value="([0-9a-f]+)"', page.text)
    assert found, "no CSRF field on the page"
    return found.group(1)


def label_of(site: Site, article_id: str, topic: str) -> tuple[bool, str] | None:
    for lab in site.store.feedback.labels(topic):
        if lab.item == article_id:
            return lab.relevant, lab.source
    return None


def test_healthz_and_metrics_are_served_as_before(site: Site) -> None:
    with site.client() as http:
        health = http.get("/healthz")
        assert health.status_code == 200
        assert health.headers["content-type"] == "application/json"
        assert health.content == b'{"status": "ok"}'
        metrics = http.get("/metrics")
        assert metrics.status_code == 200 and metrics.content == b"# metrics\n"
        assert metrics.headers["content-type"].startswith("text/plain")
        # No login, cookie or page headers on the plumbing: scrapers and health checks see
        # what they always saw.
        assert (
            "set-cookie" not in health.headers and "content-security-policy" not in health.headers
        )


def test_pages_send_security_headers_and_no_inline_script(site: Site) -> None:
    with site.client() as http:
        for path in ("/", "/topics/jkbw", "/topics/jkbw?near=1", "/try", "/feeds", "/deliveries"):
            page = http.get(path)
            assert page.status_code == 200, (path, page.text[:300])
            csp = page.headers["content-security-policy"]
            assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
            assert "script-src" not in csp or "'self'" in csp  # default-src 'none' covers it
            assert page.headers["x-frame-options"] == "DENY"
            assert page.headers["referrer-policy"] == "no-referrer"
            assert "<script" not in page.text.replace("&lt;script", "")


def test_watchlist_counts_matches_and_label_precision(site: Site) -> None:
    with site.client() as http:
        page = http.get("/").text
    assert 'href="/topics/jkbw"' in page and "Yarmouk Valley" in page


def test_topic_page_shows_matches_with_reasons_and_escapes_titles(site: Site) -> None:
    with site.client() as http:
        page = http.get("/topics/jkbw").text
    assert "Khalid ibn al-Walid Army fighters surrender" in page
    assert (
        "named as &#39;Khalid ibn al-Walid Army&#39; (a spelling of Jaish Khalid bin al-Waleed)"
        in page
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and SCRIPT_TITLE not in page


def test_api_matches_and_feeds(site: Site) -> None:
    with site.client() as http:
        answer = http.get("/api/matches", params={"topic": "jkbw"})
        assert answer.status_code == 200
        body = answer.json()
        titles = [m["article"]["title"] for m in body["matches"]]
        assert "Khalid ibn al-Walid Army fighters surrender" in titles
        first = body["matches"][0]
        assert {"article", "topic", "score", "reasons", "passage", "label", "evidence"} <= set(
            first
        )
        assert first["topic"] == "jkbw" and first["reasons"]
        assert http.get("/api/matches", params={"topic": "nope"}).status_code == 404
        feeds = http.get("/api/feeds").json()["feeds"]
        assert [f["name"] for f in feeds] == ["Levant Wire"] and feeds[0]["health"] == "ok"
        # The seed feed gives a few sentences per entry: a hint, not a fault, on the feeds page.
        assert feeds[0]["summaries"] is True and feeds[0]["text_chars"] < 500
        assert feeds[0]["summaries_hint"] in http.get("/feeds").text


def test_api_feedback_records_a_label_and_refuses_what_is_not_json(site: Site) -> None:
    article = site.article_id("Wheat harvest")
    with site.client() as http:
        made = http.post(
            "/api/feedback", json={"article_id": article, "topic": "jkbw", "relevant": False}
        )
        assert made.status_code == 201, made.text
        assert made.json()["relevant"] is False
        assert label_of(site, article, "jkbw") == (False, "ui")
        # A cross-site form can only send form or text bodies: refused, nothing changes.
        form = http.post(
            "/api/feedback",
            content=json.dumps({"article_id": article, "topic": "jkbw", "relevant": True}),
            headers={"Content-Type": "text/plain"},
        )
        assert form.status_code == 415
        assert label_of(site, article, "jkbw") == (False, "ui")
        missing = http.post(
            "/api/feedback", json={"article_id": "nope", "topic": "jkbw", "relevant": True}
        )
        assert missing.status_code == 404
        bad = http.post("/api/feedback", json={"article_id": article, "topic": "jkbw"})
        assert bad.status_code == 400


def test_a_form_post_without_the_csrf_token_is_refused(site: Site) -> None:
    article = site.article_id("Aid convoy")
    with site.client() as http:
        csrf = csrf_of(http, "/topics/jkbw")
        for token in (None, "0" * 64):
            data = {"article_id": article, "relevant": "1"}
            if token:
                data[CSRF_FIELD] = token
            refused = http.post("/topics/jkbw/feedback", data=data)
            assert refused.status_code == 403
        assert label_of(site, article, "jkbw") is None
        # Another browser (no cookie) cannot use a token it saw.
        with site.client() as other:
            stolen = other.post(
                "/topics/jkbw/feedback",
                data={"article_id": article, "relevant": "1", CSRF_FIELD: csrf},
            )
            assert stolen.status_code == 403
        ok = http.post(
            "/topics/jkbw/feedback", data={"article_id": article, "relevant": "1", CSRF_FIELD: csrf}
        )
        assert ok.status_code == 303
        assert label_of(site, article, "jkbw") == (True, "ui")


def test_a_feedback_link_shows_a_confirm_page_and_only_a_post_records(site: Site) -> None:
    article = site.article_id("Army takes")
    path = link_path(site, article, "yarmouk-valley", False)
    with site.client() as http:
        for _ in range(2):  # a mail scanner, then the reader's preview
            shown = http.get(path)
            assert shown.status_code == 200 and "Confirm: not relevant" in shown.text
        assert label_of(site, article, "yarmouk-valley") is None
        csrf = re.search(rf'name="{CSRF_FIELD}" value="([0-9a-f]+)"', shown.text)
        assert csrf
        done = http.post(path, data={CSRF_FIELD: csrf.group(1)})
        assert done.status_code == 200 and 'data-recorded="irrelevant"' in done.text
    assert label_of(site, article, "yarmouk-valley") == (False, "email")


def test_forged_tampered_and_expired_feedback_links_record_nothing(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = site.article_id("Khalid ibn al-Walid Army")
    good = link_path(site, article, "jkbw", True)
    payload, stamp, signature = good.removeprefix("/feedback/").split(".")
    # The verdict flipped in the payload, the signature kept: tampered.
    flipped = payload[:-2] + ("MF0" if payload.endswith("XQ") else "XQ")
    forged = FeedbackLinks("not the server's secret", site.url)
    with monkeypatch.context() as m:
        m.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 31 * 86400)
        expired = link_path(site, article, "jkbw", True)
    with site.client() as http:
        csrf = csrf_of(http)
        for path, status in (
            (f"/feedback/{flipped}.{stamp}.{signature}", 400),
            (f"/feedback/{payload}.{stamp}.{signature[:-3]}abc", 400),
            (path_of(forged.urls("ana", article, "jkbw").relevant), 400),
            ("/feedback/garbage", 400),
            (expired, 410),
        ):
            assert http.get(path).status_code == status, path
            assert http.post(path, data={CSRF_FIELD: csrf}).status_code == status, path
    assert label_of(site, article, "jkbw") is None


def test_basic_auth_guards_pages_and_api_but_not_health_or_feedback_links(site: Site) -> None:
    digest = hash_password("correct horse")
    site.use(
        "{host: 0.0.0.0, port: 0, auth: {type: basic, users: "
        f'[{{name: analyst, password_hash: "{digest}"}}]}}}}'
    )
    article = site.article_id("Wheat harvest")
    link = link_path(site, article, "yarmouk-valley", True)
    with site.client() as http:
        for path in ("/", "/topics/jkbw", "/try", "/feeds", "/deliveries", "/api/feeds"):
            refused = http.get(path)
            assert refused.status_code == 401, path
            assert refused.headers["www-authenticate"].startswith("Basic")
        assert http.post("/api/feedback", json={}).status_code == 401
        assert http.get("/healthz").status_code == 200
        assert http.get(link).status_code == 200
        assert http.get("/", auth=("analyst", "wrong")).status_code == 401
    with site.client(auth=("analyst", "correct horse")) as http:
        assert http.get("/").status_code == 200
        assert http.get("/api/matches", params={"topic": "jkbw"}).status_code == 200


def test_token_auth_takes_a_bearer_token_on_the_api_and_a_login_form_on_pages(site: Site) -> None:
    token = "s3cret-token-0123456789"
    site.use(f"{{host: 127.0.0.1, port: 0, auth: {{type: token, token: {token}}}}}")
    with site.client() as http:
        assert http.get("/api/feeds").status_code == 401
        assert (
            http.get("/api/feeds", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        )
        to_login = http.get("/topics/jkbw")
        assert to_login.status_code == 303 and to_login.headers["location"].startswith("/login")
        csrf = csrf_of(http, "/login")
        wrong = http.post("/login?next=/topics/jkbw", data={"token": "nope", CSRF_FIELD: csrf})
        assert wrong.status_code == 401 and token not in wrong.text
        logged = http.post("/login?next=/topics/jkbw", data={"token": token, CSRF_FIELD: csrf})
        assert logged.status_code == 303 and logged.headers["location"] == "/topics/jkbw"
        assert http.get("/topics/jkbw").status_code == 200
        assert token not in http.get("/topics/jkbw").text


def test_deliveries_page_retries_a_dead_letter(site: Site) -> None:
    from datetime import UTC, datetime

    from monitor.domain import DeliveryStatus

    rows = site.store.deliveries(status=DeliveryStatus.PENDING)
    assert rows
    # Refused for good by its receiver: outcomes are written under the sender's lease.
    assert site.store.claim_deliveries([rows[0].id], datetime.now(UTC), 60) == {rows[0].id}
    site.store.mark_failed(
        [rows[0].id],
        datetime.now(UTC),
        error="550 mailbox unavailable",
        next_attempt=datetime.now(UTC),
        give_up_after_s=0,
        permanent=True,
    )
    with site.client() as http:
        page = http.get("/deliveries")
        assert "550 mailbox unavailable" in page.text
        csrf = csrf_of(http, "/deliveries")
        done = http.post("/deliveries/retry", data={"id": rows[0].id, CSRF_FIELD: csrf})
        assert done.status_code == 303 and done.headers["location"] == "/deliveries?requeued=1"
    assert not site.store.deliveries(status=DeliveryStatus.DEAD)


def test_hash_password_reads_standard_input_and_prints_a_verifiable_hash() -> None:
    from monitor.web.auth import verify_password

    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "hash-password"],
        input="correct horse\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    digest = done.stdout.strip()
    assert digest.startswith("$argon2id$") and "correct horse" not in done.stdout
    assert verify_password(digest, "correct horse") and not verify_password(digest, "wrong")
    empty = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "hash-password"],
        input="",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert empty.returncode == 2 and empty.stderr.startswith("monitor: no password")


@pytest.mark.parametrize(
    ("server", "line", "problem"),
    [
        (
            "server:\n  port: 8321\n  host: 0.0.0.0\n",
            1,
            "server: host 0.0.0.0 is reachable from the network: set auth",
        ),
        (
            "server:\n  host: '::'\n  auth: {type: none}\n",
            1,
            "server: host :: is reachable from the network",
        ),
        (
            "server:\n  host: 0.0.0.0\n  auth:\n    type: basic\n",
            3,
            "server.auth: type basic needs users",
        ),
    ],
)
def test_the_config_check_refuses_a_network_bind_without_auth(
    tmp_path: Path, server: str, line: int, problem: str
) -> None:
    """``line``: of the key named, counted in ``server``'s text (the file starts with 2 lines
    of topics)."""
    path = tmp_path / "monitor.yaml"
    path.write_text("topics:\n  - name: A\n" + server, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "check-config", "-c", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"monitor: {path}:{line + 2}: {problem}"), done.stderr
    assert "Traceback" not in done.stderr


def test_a_loopback_bind_needs_no_auth(tmp_path: Path) -> None:
    path = tmp_path / "monitor.yaml"
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        path.write_text(f"server: {{host: '{host}'}}\n", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "monitor.cli", "check-config", "-c", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr


def test_try_fetches_a_url_through_the_poller_s_fetcher_and_its_limits(
    site: Site, feed_server: FeedServer
) -> None:
    page = feed_server.add_feed(
        "/story.html",
        b"<html><head><title>Ambush</title></head><body><article><h1>Ambush</h1>"
        + b"<p>Jaysh Khalid ibn al-Walid fighters ambushed an army patrol near Saham al-Jawlan"
        + b" in the Yarmouk basin, killing four soldiers, local activists said.</p>" * 3
        + b"</article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    with site.client() as http:
        # A page on this machine is a private address: refused, as for an article page.
        csrf = csrf_of(http)
        refused = http.post("/try", data={"url": page, CSRF_FIELD: csrf})
        assert (
            refused.status_code == 200 and "is at the non-public address 127.0.0.1" in refused.text
        )
    site.use("{host: 127.0.0.1, port: 0}", "fetch: {allow_private_pages: true}\n")
    with site.client() as http:
        csrf = csrf_of(http)
        scored = http.post("/try", data={"url": page, CSRF_FIELD: csrf})
    assert scored.status_code == 200
    assert "named as &#39;Jaysh Khalid ibn al-Walid&#39;" in scored.text


def test_digest_html_and_slack_bodies_carry_the_two_feedback_links() -> None:
    from datetime import UTC, datetime

    from monitor.deliver.digest import DigestItem, render_digest
    from monitor.deliver.feedback_links import FeedbackUrls
    from monitor.deliver.webhook import slack_body

    links = FeedbackUrls("https://m.example.org/feedback/yes", "https://m.example.org/feedback/no")
    item = DigestItem(
        "jkbw",
        "Jaish Khalid bin al-Waleed",
        "a1",
        "https://news.example/1",
        "Fighters surrender",
        None,
        ("Wire",),
        0.9,
        {"passage": "Fighters surrendered.", "alias": None},
        feedback=links,
    )
    now = datetime(2026, 11, 30, tzinfo=UTC)
    html = render_digest("ana", [item], timezone="UTC", since=None, now=now, cap_per_topic=5).html
    assert '<a data-feedback="relevant" href="https://m.example.org/feedback/yes"' in html
    assert '<a data-feedback="irrelevant" href="https://m.example.org/feedback/no"' in html
    text = slack_body([item])["text"]
    assert "<https://m.example.org/feedback/yes|Relevant>" in text
    assert "<https://m.example.org/feedback/no|Not relevant>" in text


def test_the_topic_page_says_what_the_labels_made_of_its_threshold(site: Site) -> None:
    with site.client() as http:
        for title in ("Wheat harvest", "Aid convoy"):
            made = http.post(
                "/api/feedback",
                json={
                    "article_id": site.article_id(title),
                    "topic": "yarmouk-valley",
                    "relevant": False,
                },
            )
            assert made.status_code == 201, made.text
        page = http.get("/topics/yarmouk-valley").text
    labels = site.store.feedback.labels("yarmouk-valley")
    relevant = sum(lab.relevant for lab in labels)
    found = re.search(
        rf"your labels: {relevant} relevant, {len(labels) - relevant} not; "
        r"it acts as (0\.\d\d)",
        page,
    )
    assert found, "no summary of the labels on the topic page"
    # Texts marked not relevant that scored under 0.5 zero-shot (no correction among them)
    # raise the bar a little: the zero-shot score the threshold acts as is above 0.50.
    assert relevant == 0 and 0.5 < float(found.group(1)) < 0.8
