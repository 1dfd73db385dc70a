"""The web UI in a real browser: Playwright driving Debian's chromium (``.ci/run`` installs it;
no browser is ever downloaded). Skipped, saying why, only where chromium is absent."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from monitor.config import load_config
from monitor.deliver.feedback_links import links_for
from monitor.match.stage import learned_for
from monitor.run import daemon as service
from monitor.store import Store
from monitor.web.auth import hash_password
from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.feedserver import FeedServer
from tests.smtp_server import SmtpServer, free_port
from tests.test_daemon import serve_while
from tests.wait import wait_for
from tests.web_site import FEED, SCRIPT_TITLE, TOPICS, Site

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium "
    "(.ci/run installs it: apt-get install chromium)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with FeedServer() as feeds:
        site = Site(tmp_path_factory.mktemp("browser"), feeds)
        try:
            yield site
        finally:
            site.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    try:
        yield page
    finally:
        context.close()


def label_of(store: Store, article_id: str, topic: str) -> tuple[bool, str] | None:
    for lab in store.feedback.labels(topic):
        if lab.item == article_id:
            return lab.relevant, lab.source
    return None


def test_topic_page_lists_matches_with_reasons_and_a_click_records_feedback(
    site: Site, page: Any
) -> None:
    page.goto(f"{site.url}/topics/jkbw")
    cards = page.locator("article.match")
    titles = cards.locator("h2").all_inner_texts()
    assert "Khalid ibn al-Walid Army fighters surrender" in titles
    # The hostile title is shown as text, and nothing ran.
    assert SCRIPT_TITLE in titles
    assert page.dialogs == []
    hostile = cards.filter(has_text="Saham al-Jawlan")
    assert hostile.locator("h2").inner_text() == SCRIPT_TITLE
    assert "named as 'Jaysh Khalid ibn al-Walid' (a spelling of Jaish Khalid bin al-Waleed)" in (
        hostile.locator("ul.reasons").inner_text()
    )
    assert hostile.locator("mark").first.inner_text() == "Jaysh Khalid ibn al-Walid"
    article = site.article_id("<script>")
    assert label_of(site.store, article, "jkbw") is None
    hostile.locator('button[data-feedback="irrelevant"]').click()
    page.wait_for_url(re.compile(rf"/topics/jkbw#a-{article}$"))
    assert label_of(site.store, article, "jkbw") == (False, "ui")
    card = page.locator(f"#a-{article}")
    assert card.locator(".labelled").inner_text() == "marked not relevant"
    assert page.dialogs == []


def test_near_miss_filter_finds_a_missed_article_and_marks_it_relevant(
    site: Site, page: Any
) -> None:
    page.goto(f"{site.url}/topics/yarmouk-valley")
    assert "Shelling near the Yarmouk" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Near-misses").click()
    page.wait_for_url(re.compile(r"near=1"))
    assert page.get_by_text("Recent articles scored just under").is_visible()
    scores = [float(s) for s in page.locator("article.match .score").all_inner_texts()]
    assert scores and all(0.2 <= s < 0.5 for s in scores)
    missed = page.locator("article.match").filter(has_text="Shelling near the Yarmouk")
    assert missed.count() == 1 and missed.locator("ul.reasons li").count() >= 1
    missed.locator('button[data-feedback="relevant"]').click()
    page.wait_for_url(re.compile(r"near=1#a-"))
    article = site.article_id("Shelling near the Yarmouk")
    assert label_of(site.store, article, "yarmouk-valley") == (True, "ui")


def test_try_page_scores_a_pasted_text_for_every_topic(site: Site, page: Any) -> None:
    page.goto(f"{site.url}/try")
    page.fill("input[name=title]", "Army shells Jaysh Khalid ibn al-Walid positions")
    page.fill("textarea[name=text]", "Artillery hit positions in the Yarmouk basin near Daraa.")
    page.get_by_role("button", name="Score it").click()
    rows = page.locator("table.grid tbody tr")
    assert rows.count() == 2
    jkbw = rows.filter(has_text="Jaish Khalid bin al-Waleed")
    assert "match (threshold 0.50)" in jkbw.inner_text()
    assert "named as 'Jaysh Khalid ibn al-Walid'" in jkbw.locator("ul.reasons").inner_text()


def test_a_feedback_link_records_nothing_on_get_and_a_tampered_one_is_refused(
    site: Site, page: Any
) -> None:
    article = site.article_id("Wheat harvest")
    signed = links_for(site.config.settings.server, site.store).urls("ana", article, "jkbw")
    url = site.url + "/feedback/" + signed.relevant.rpartition("/feedback/")[2]
    answer = page.goto(url)
    assert answer.status == 200
    assert page.locator("h1").inner_text() == "Mark as relevant?"
    assert label_of(site.store, article, "jkbw") is None
    tampered = url[:-4] + ("AAAA" if not url.endswith("AAAA") else "BBBB")
    refused = page.goto(tampered)
    assert refused.status == 400
    assert "not valid" in page.locator("main").inner_text()
    assert label_of(site.store, article, "jkbw") is None
    page.goto(url)
    page.locator("#confirm").click()
    page.wait_for_selector("[data-recorded]")
    assert label_of(site.store, article, "jkbw") == (True, "email")


def test_with_basic_auth_pages_and_api_answer_401_and_forms_need_the_csrf_token(
    site: Site, browser: Any
) -> None:
    site.use(
        "{host: 127.0.0.1, port: 0, auth: {type: basic, users: "
        f'[{{name: analyst, password_hash: "{hash_password("correct horse")}"}}]}}}}'
    )
    try:
        anonymous = browser.new_context()
        for path in ("/", "/topics/jkbw", "/api/feeds"):
            # (a page load of a 401 is a navigation error in headless chromium: its request
            # API, with the browser context's cookies, reads the answer)
            assert anonymous.request.get(site.url + path).status == 401
        anonymous.close()
        analyst = browser.new_context(
            http_credentials={"username": "analyst", "password": "correct horse"}
        )
        page = analyst.new_page()
        assert page.goto(f"{site.url}/topics/jkbw").status == 200
        # A form whose CSRF token was lost is refused, and records nothing.
        article = site.article_id("Aid convoy")
        before = label_of(site.store, article, "yarmouk-valley")
        page.goto(f"{site.url}/topics/yarmouk-valley")
        form = page.locator("form.verdict").first
        form.locator("input[name=csrf]").evaluate("e => e.remove()")
        with page.expect_navigation():
            form.locator('button[data-feedback="relevant"]').click()
        assert "Form expired" in page.locator("h1").inner_text()
        assert label_of(site.store, article, "yarmouk-valley") == before
        analyst.close()
    finally:
        site.use("{host: 127.0.0.1, port: 0}")


PARAPHRASE = (
    "Khalid ibn al-Walid Army fighters give themselves up",
    "Dozens of Khalid ibn al-Walid Army fighters, the Islamic State affiliate in the Yarmouk "
    "basin, surrendered to government troops.",
)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_digest_mail_s_not_relevant_link_stops_the_next_similar_alert(
    tmp_path: Path,
) -> None:
    with FeedServer() as feeds, SmtpServer() as smtp:
        feed_url = feeds.add_feed("/wire.rss", FEED)
        port = free_port()
        (tmp_path / "monitor.yaml").write_text(
            textwrap.dedent(f"""\
            storage: sqlite:///monitor.db
            feeds:
              - url: {feed_url}
                name: Levant Wire
                every: 2s
            subscribers:
              - name: ana
                email: ana@example.org
                topics: [jkbw]
                digest: {{cron: "* * * * *"}}
            smtp: {{host: 127.0.0.1, port: {smtp.port}, security: none}}
            server: {{host: 127.0.0.1, port: {port}}}
            """)
            + TOPICS,
            encoding="utf-8",
        )
        config = load_config(tmp_path / "monitor.yaml")
        store = Store.open(config.storage_url)
        daemon = service.Daemon(config, store)
        outcome: dict[str, Any] = {}

        def analyst() -> None:
            # The daemon takes the main thread (its signal handlers); Playwright's sync API
            # belongs to the thread that starts it, so the browser starts here.
            from playwright.sync_api import sync_playwright

            try:
                with sync_playwright() as playwright:
                    chromium = playwright.chromium.launch(
                        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                    )
                    try:
                        _analyst(daemon, store, smtp, feeds, chromium)
                    finally:
                        chromium.close()
            except BaseException as exc:  # noqa: BLE001 (raised again in the test's thread)
                outcome["error"] = exc
            finally:
                daemon.stopping.set()

        serve_while(daemon, store, analyst)
        if "error" in outcome:
            raise outcome["error"]


def _analyst(
    daemon: service.Daemon, store: Store, smtp: SmtpServer, feeds: FeedServer, browser: Any
) -> None:
    wait_for(lambda: bool(smtp.received), 120, "the digest mail")
    mail = smtp.received[0].message
    html_part = mail.get_body(("html",))
    assert html_part is not None
    html = html_part.get_content()
    wanted = re.search(
        r'<a data-feedback="irrelevant" href="([^"]+)"[^>]*>Not relevant[^<]*</a>',
        # the card's link (its title is marked up where it names the topic)
        html.split('href="https://wire.example.org/2026/03/surrender"', 1)[1],
    )
    assert wanted, "no Not relevant link under the article"
    link = wanted.group(1).replace("&amp;", "&")
    assert link.startswith(f"http://127.0.0.1:{daemon.config.settings.server.port}/feedback/")
    article = next(
        str(r["id"]) for r in store.export_articles() if str(r["title"]).startswith("Khalid ibn")
    )
    context = browser.new_context()
    page = context.new_page()
    assert page.goto(link).status == 200
    assert page.locator("h1").inner_text() == "Mark as not relevant?"
    assert label_of(store, article, "jkbw") is None  # the GET recorded nothing
    page.locator("#confirm").click()
    page.wait_for_selector("[data-recorded=irrelevant]")
    context.close()
    assert label_of(store, article, "jkbw") == (False, "email")
    # The same story again, in other words, under another link: not delivered any more.
    title, text = PARAPHRASE
    again = FEED.replace(
        b"</channel>",
        f"<item><title>{title}</title><link>https://other.example.net/surrender</link>"
        f"<guid>other-1</guid><description>{text}</description></item></channel>".encode(),
    )
    feeds.add_feed("/wire.rss", again)

    def embedded() -> bool:
        rows = [r for r in store.export_articles() if r["title"] == title]
        return bool(rows) and store.embed_backlog() == 0

    wait_for(embedded, 60, "the re-sent article to be polled and matched")
    resent = next(str(r["id"]) for r in store.export_articles() if r["title"] == title)
    assert not [d for d in store.deliveries() if d.article_id == resent]
    assert not store.matches_for([(resent, "jkbw")])
    # Without the label it would have been sent: the label made the difference.
    matcher = daemon.cycle.stage.matcher
    [vectors] = matcher.embed([PARAPHRASE])
    index = matcher.index_of["jkbw"]
    assert matcher.score(title, text, vectors, resent)[index].matched
    learned = learned_for(store, matcher)
    assert not matcher.score(title, text, vectors, resent, learned)[index].matched
