"""Digest rendering: one card per article, ranking, caps, time zones, escaping, highlighting,
the reason line, the period and footer, subject.

Golden outputs: ``MONITOR_UPDATE_GOLDEN=1 pytest tests/test_digest.py`` rewrites them; review the
diff before committing."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from monitor.cli import error_line
from monitor.deliver.digest import (
    DigestItem,
    DigestSettings,
    RenderedDigest,
    digest_subject,
    highlight,
    lead,
    render_digest,
    text_lang,
)
from monitor.deliver.reason import reason
from monitor.errors import ConfigError, MonitorError

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
GOLDEN = Path(__file__).resolve().parent / "golden" / "deliver"
YARMOUK = ("yarmouk", "Yarmouk Valley")
JKBW = ("jkbw", "Jaish Khalid bin al-Waleed")


def item(
    n: int,
    topic: tuple[str, str] = YARMOUK,
    *,
    score: float = 0.5,
    title: str | None = None,
    url: str | None = None,
    published: datetime | None = NOW - timedelta(hours=3),
    sources: tuple[str, ...] = ("Example News",),
    **evidence: Any,
) -> DigestItem:
    return DigestItem(
        topic_id=topic[0],
        topic_name=topic[1],
        article_id=f"a{n}",
        url=url if url is not None else f"https://news.example/{n}",
        title=title if title is not None else f"Article number {n}",
        published=published,
        sources=sources,
        score=score,
        evidence=evidence
        or {"passage": f"Report {n} from the Yarmouk Valley today.", "alias": None},
    )


def render(items: list[DigestItem], tz: str = "UTC", cap: int = 10) -> RenderedDigest:
    return render_digest(
        "ann@example.org",
        items,
        timezone=tz,
        since=NOW - timedelta(days=1),
        now=NOW,
        cap_per_topic=cap,
    )


def sample_items() -> list[DigestItem]:
    """A small realistic digest, also used for the golden text rendering."""
    return [
        item(
            1,
            YARMOUK,
            score=0.62,
            title="Shelling reported near Yarmouk camp",
            sources=("Reuters",),
            passage="Residents said shelling hit the edge of the Yarmouk Valley on Tuesday night.",
            alias={"alias": "Yarmouk Valley", "text": "Yarmouk Valley"},
        ),
        item(
            2,
            JKBW,
            score=0.91,
            title="Jaish Khalid bin al-Waleed remnants surrender",
            sources=("AP", "BBC"),
            published=datetime(2026, 11, 24, 22, 30, tzinfo=UTC),
            passage="Remnants of JAISH KHALID BIN AL WALEED, an IS affiliate, surrendered "
            "in Daraa province.",
            alias={"alias": "Jaish Khalid bin al-Waleed", "text": "Jaish Khalid bin al-Waleed"},
        ),
        item(
            3,
            YARMOUK,
            score=0.84,
            title="Water talks: <Yarmouk> & the Jordan basin",
            sources=("Al-Monitor",),
            published=None,
            passage="Talks on the Yarmūk river's water resumed.",
            alias={"alias": "Yarmuk", "text": "Yarmuk"},
        ),
    ]


def titles_in_order(text: str) -> list[str]:
    return re.findall(r"^\* (.+)$", text, flags=re.M)


def test_cards_rank_by_best_score() -> None:
    out = render(sample_items())
    # The topic holding the strongest match (0.91) leads the subject; cards go best first.
    assert out.topics == ("Jaish Khalid bin al-Waleed", "Yarmouk Valley")
    assert titles_in_order(out.text) == [
        "Jaish Khalid bin al-Waleed remnants surrender",
        "Water talks: <Yarmouk> & the Jordan basin",
        "Shelling reported near Yarmouk camp",
    ]
    html_order = [
        out.html.index(t) for t in ("remnants surrender", "Water talks", "Shelling reported")
    ]
    assert html_order == sorted(html_order)


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MONITOR_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_text_rendering_matches_golden() -> None:
    out = render(sample_items(), tz="Europe/Berlin")
    assert_golden("digest_sample.txt", out.text)


def two_topic_items() -> list[DigestItem]:
    """One article both topics matched by an alias the article spells its own way, beside an
    Arabic one matched by meaning alone."""
    title = "Jaysh Khalid ibn al-Walid remnants leave Wadi al-Yarmuk"
    passage = (
        f"{title} Fighters of Jaysh Khalid ibn al-Walid left their last positions in Wadi "
        "al-Yarmuk on Monday, local sources said."
    )
    return [
        item(
            7,
            YARMOUK,
            score=0.93,
            title=title,
            sources=("Enab Baladi",),
            passage=passage,
            alias={"alias": "Wadi al-Yarmuk", "text": "Wadi al-Yarmuk"},
            alias_count=2,
            semantic=0.61,
        ),
        item(
            7,
            JKBW,
            score=0.97,
            title=title,
            sources=("Enab Baladi",),
            passage=passage,
            alias={"alias": "Jaish Khalid bin al-Waleed", "text": "Jaysh Khalid ibn al-Walid"},
            alias_count=2,
            semantic=0.58,
        ),
        item(
            8,
            YARMOUK,
            score=0.55,
            title="اشتباكات في حوض اليرموك",
            sources=("عنب بلدي",),
            passage="اشتباكات في حوض اليرموك قالت مصادر محلية إن اشتباكات اندلعت قرب الحدود "
            "الأردنية صباح اليوم.",
            alias=None,
            semantic=0.49,
        ),
    ]


SETTINGS = DigestSettings(
    topics=("Yarmouk Valley", "Jaish Khalid bin al-Waleed"),
    schedule="every day at 07:00",
    timezone="Asia/Damascus",
)


def test_one_card_per_article_with_both_labels_the_spelling_marked_and_why() -> None:
    out = render_digest(
        "ann@example.org",
        two_topic_items(),
        timezone="Asia/Damascus",
        since=NOW - timedelta(days=1),
        now=NOW,
        cap_per_topic=10,
        settings=SETTINGS,
    )
    assert_golden("digest_two_topics.txt", out.text)
    assert_golden("digest_two_topics.html", out.html)
    assert out.count == 2 and out.subject.startswith("Monitor: 2 articles on")
    # One card for the article both topics matched, its labels best first.
    assert out.html.count('class="card"') == 2
    assert titles_in_order(out.text) == [
        "Jaysh Khalid ibn al-Walid remnants leave Wadi al-Yarmuk",
        "اشتباكات في حوض اليرموك",
    ]
    assert "[Jaish Khalid bin al-Waleed 0.97] [Yarmouk Valley 0.93]" in out.text
    # The article's own spellings are marked, in HTML and text.
    assert re.search(r"<mark[^>]*>Jaysh Khalid ibn al-Walid</mark> left", out.html)
    assert re.search(r"<mark[^>]*>Wadi al-Yarmuk</mark> on Monday", out.html)
    assert "*Jaysh Khalid ibn al-Walid* left their last positions in\n  > *Wadi" in out.text
    # The reason, in words, per topic.
    assert (
        "Why: named as 'Jaysh Khalid ibn al-Walid' (a spelling of Jaish Khalid bin "
        "al-Waleed), 2 mentions" in " ".join(out.text.split())
    )
    assert "</b> named as 'Wadi al-Yarmuk' (a spelling of Yarmouk Valley), 2 mentions" in unescape(
        out.html
    )
    assert "Why: no name found: close in meaning to the topic" in out.text
    # The title once, then the lead: the passage no longer starts with the title.
    assert "> Fighters of" in out.text
    # The period and the footer.
    assert (
        "Matches found since Tue 24 Nov 2026, 15:00 +03, up to Wed 25 Nov 2026, 15:00 +03."
        in out.text
    )
    assert "Schedule: every day at 07:00, Asia/Damascus" in out.text
    assert "Topics: Yarmouk Valley, Jaish Khalid bin al-Waleed" in out.html
    # Arabic reads right to left: every text block says dir=auto and its language.
    assert '<div dir="auto" lang="ar"' in out.html
    assert out.html.count('dir="auto"') >= 6


def test_reason_lines() -> None:
    assert reason({"alias": None}, "Yarmouk Valley") == (
        "no name found: close in meaning to the topic"
    )
    valley = {"alias": "Yarmouk Valley", "text": "Yarmouk valley"}
    assert reason({"alias": valley, "alias_count": 1}, "Yarmouk Valley") == (
        "named as 'Yarmouk valley'"
    )
    # an event named by its day, not by a name
    assert reason({"alias": None, "named_by_date": "6 Şubat"}, "2023 Turkey-Syria earthquake") == (
        "named by its day, '6 Şubat'"
    )
    words = {"alias": valley, "topic_words": ["Shelling", "basin", "fighting", "river"]}
    assert reason(words, "Yarmouk Valley") == (
        "named as 'Yarmouk valley'; writes the topic's words 'Shelling', 'basin', 'fighting'"
    )
    near = {
        "alias": None,
        "semantic": 0.41,
        "exclude": {"sense": "Yarmouk refugee camp", "similarity": 0.52},
    }
    assert reason(near, "Yarmouk Valley") == (
        "no name found: close in meaning to the topic; another sense is nearer: "
        "Yarmouk refugee camp"
    )
    # An exclude sense that is farther than the topic is not a reason, nor one the matcher
    # says did not lower the score (nearer, but not by its margin); evidence stored before
    # the matcher said so is read by the cosines.
    assert "another sense" not in reason({**near, "semantic": 0.6}, "Yarmouk Valley")
    slightly = {**near, "exclude": {**near["exclude"], "lowered": False}}
    assert "another sense" not in reason(slightly, "Yarmouk Valley")
    lowered = {**near, "exclude": {**near["exclude"], "lowered": True}}
    assert reason(lowered, "Yarmouk Valley") == reason(near, "Yarmouk Valley")
    learned = {"alias": None, "feedback": {"relevant": True, "title": "Dam talks resume"}}
    assert reason(learned, "Yarmouk Valley") == (
        "no name found: close in meaning to the topic; like an article you marked relevant "
        "('Dam talks resume')"
    )  # evidence stored before the rule was
    for rule, shift, said in (
        ("similar", -0.2, "like an article you marked relevant ('Dam talks resume')"),
        ("near-identical", -0.2, "the same story as one you marked relevant ('Dam talks resume')"),
        ("shift", -0.2, "your labels for this topic made it stricter"),
        ("shift", 0.3, "your labels for this topic made it less strict"),
    ):
        feedback = {**learned["feedback"], "rule": rule, "shift": shift}
        assert reason({**learned, "feedback": feedback}, "Yarmouk Valley").endswith(f"; {said}")
    inside = {"alias": None, "other_name": ["Yarmouk University"]}
    assert reason(inside, "Yarmouk Valley").endswith(
        "its name stands for another thing here: 'Yarmouk University'"
    )
    elsewhere = {"alias": None, "other_name": ["Shabaab (a story of Somalia)"]}
    assert reason(elsewhere, "Cabo Delgado insurgency").endswith(
        "its name stands for another thing here: 'Shabaab (a story of Somalia)'"
    )
    kind = {
        "alias": {"alias": "Kakhovka dam", "text": "Kakhovka dam"},
        "other_of_kind": ["Dnipro HPP"],
    }
    assert reason(kind, "Kakhovka Dam").endswith(
        "its headline names another of its kind: 'Dnipro HPP'"
    )
    part = {"alias": None, "names_unwritten": ["Red Sea"]}
    assert reason(part, "Houthi attacks on Red Sea shipping").endswith(
        "does not write 'Red Sea', which the topic's name names too"
    )


def test_lead_drops_the_title_and_text_lang_reads_the_script() -> None:
    assert lead("Title here. The lead follows.", "Title here.") == "The lead follows."
    assert lead("Another start", "Title") == "Another start"
    assert text_lang("اشتباكات في حوض اليرموك") == "ar"
    assert text_lang("Shelling was reported in the valley on Monday") == "en"
    assert text_lang("Des tirs ont été signalés dans la vallée lundi") == ""


def test_a_date_out_of_range_in_another_zone_renders_as_unknown() -> None:
    """Dated year 9999 or 1 (stored before dates were checked), a match once raised
    OverflowError in every digest of a subscriber east or west of UTC."""
    far = [
        item(1, title="Far future", published=datetime(9999, 12, 31, 23, 0, tzinfo=UTC)),
        item(2, title="Far past", published=datetime(1, 1, 1, 0, 30, tzinfo=UTC)),
    ]
    east, west = render(far, tz="Asia/Damascus"), render(far, tz="America/Los_Angeles")
    for out in (east, west):
        assert titles_in_order(out.text) == ["Far future", "Far past"]
    assert "9999" not in east.text  # past the last representable moment there: unknown
    assert "Dec 9999" in west.text and "0001" not in west.text  # before the first one there


def test_cap_per_topic_says_how_many_more() -> None:
    items = [item(n, score=n / 100) for n in range(1, 14)]
    out = render(items, cap=10)
    assert out.count == 13
    assert len(titles_in_order(out.text)) == 10
    assert "Article number 13" in out.html and "Article number 3<" not in out.html
    assert "and 3 more on Yarmouk Valley" in out.html
    assert "... and 3 more on Yarmouk Valley" in out.text
    assert "more on" not in render(items[:10], cap=10).html


def test_times_are_in_the_subscribers_zone() -> None:
    one = [item(1, published=datetime(2026, 11, 25, 9, 0, tzinfo=UTC))]
    assert "Wed 25 Nov 2026, 04:00 EST" in render(one, tz="America/New_York").html
    assert "Wed 25 Nov 2026, 18:00 JST" in render(one, tz="Asia/Tokyo").text
    naive = [item(1, published=datetime(2026, 11, 25, 9, 0))]  # the store's naive UTC
    assert "Wed 25 Nov 2026, 10:00 CET" in render(naive, tz="Europe/Berlin").text
    with pytest.raises(ConfigError, match="time zone"):
        render(one, tz="Mars/Olympus_Mons")


def test_an_unknown_time_zone_is_one_clear_line_not_a_traceback() -> None:
    with pytest.raises(MonitorError) as info:
        render([item(1)], tz="Mars/Olympus_Mons")
    assert (
        error_line(info.value) == "monitor: digest.timezone: unknown time zone 'Mars/Olympus_Mons'"
    )
    assert info.value.exit_status == 2


def test_untrusted_text_is_escaped_in_html() -> None:
    items = [
        item(
            1,
            title="<script>alert('x')</script> Clashes",
            url='https://news.example/a?x=1&y="><img src=x onerror=alert(1)>',
            sources=("<b>Evil</b> Wire",),
            passage="<img src=x onerror=alert(2)> fighting in Yarmouk Valley",
            alias=None,
        )
    ]
    html = render(items).html
    assert "<script>" not in html and "<img" not in html and "<b>Evil" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Clashes" in html
    assert 'href="https://news.example/a?x=1&amp;y=&#34;&gt;&lt;img' in html
    assert "&lt;b&gt;Evil&lt;/b&gt; Wire" in html


def test_only_web_urls_become_links() -> None:
    html = render([item(1, url="javascript:alert(1)", title="Bad link")]).html
    assert "javascript:" not in html and "Bad link" in html
    assert 'href="https://news.example/2"' in render([item(2)]).html


def test_text_part_keeps_each_field_on_its_own_line() -> None:
    text = render([item(1, title="Headline\r\nSubject: forged\u202e txt")]).text
    assert "* Headline Subject: forged txt" in text
    assert "\u202e" not in text


def test_highlights_alias_ignoring_case_and_diacritics() -> None:
    html = render(sample_items()).html
    assert re.search(r"<mark[^>]*>JAISH KHALID BIN AL WALEED</mark>", html)
    assert re.search(r"<mark[^>]*>Yarmūk</mark> river", html)
    assert re.search(r"<mark[^>]*>Yarmouk Valley</mark> on Tuesday", html)


def test_highlights_the_alias_as_the_article_spells_it() -> None:
    """The matcher's evidence names the spelling it found; that is what gets marked, in the
    HTML and (as the snippet) in the text, not only the topic's own name."""
    found = {"alias": "Jaish Khalid bin al-Waleed", "text": "Jaysh Khalid ibn al-Walid"}
    passage = "Fighters of Jaysh Khalid ibn al-Walid surrendered near Daraa."
    rendered = render([item(1, JKBW, passage=passage, alias=found)])
    assert re.search(r"<mark[^>]*>Jaysh Khalid ibn al-Walid</mark> surrendered", rendered.html)
    assert "*Jaysh Khalid ibn al-Walid* surrendered" in rendered.text


def test_highlight_falls_back_to_topic_name_and_escapes_parts() -> None:
    html = render(
        [
            item(
                1,
                passage="<i>x</i> near the yarmouk valley & beyond",
                alias={"alias": "Not In Passage", "text": "Not In Passage"},
            )
        ]
    ).html
    assert re.search(
        r"&lt;i&gt;x&lt;/i&gt; near the <mark[^>]*>yarmouk valley</mark> "
        r"&amp; beyond",
        html,
    )


def test_highlight_segments_and_window() -> None:
    assert highlight("Near Ḑarʿā and DARAA.", ["Daraa"]) == [
        ("Near Ḑarʿā and ", False),
        ("DARAA", True),
        (".", False),
    ]
    assert highlight("nothing here", ["Daraa"]) == [("nothing here", False)]
    long = "word " * 200 + "Yarmouk Valley" + " tail" * 200
    parts = highlight(long, ["Yarmouk Valley"], width=100)
    assert parts[0] == ("…", False) and parts[-1] == ("…", False)
    assert ("Yarmouk Valley", True) in parts
    assert sum(len(p) for p, _ in parts) <= 104
    # A name is matched as whole words, not inside another word.
    assert highlight("Daraaville", ["Daraa"]) == [("Daraaville", False)]


def test_subject_wording() -> None:
    out = render(sample_items())
    assert out.subject == "Monitor: 3 articles on Jaish Khalid bin al-Waleed, Yarmouk Valley"
    assert out.count == 3
    # The same article matched by two topics is one article.
    twice = [item(1, YARMOUK, score=0.7), item(1, JKBW, score=0.6)]
    assert render(twice).subject == (
        "Monitor: 1 article on Yarmouk Valley, Jaish Khalid bin al-Waleed"
    )
    assert digest_subject(12, ["A", "B", "C", "D"]) == (
        "Monitor: 12 articles on A, B, C and 1 more topic"
    )
    assert digest_subject(5, ["A", "B", "C", "D", "E"]).endswith("and 2 more topics")


def test_empty_digest_renders() -> None:
    out = render([])
    assert out.subject == "Monitor: no new articles" and out.count == 0 and out.topics == ()
    assert "Nothing new matched your topics" in out.text
    assert "Nothing new matched your topics" in out.html
