"""Cleaning (golden files in tests/golden), canonical URLs, ids and near-duplicate detection.

Golden outputs: ``MONITOR_UPDATE_GOLDEN=1 pytest tests/test_text.py`` rewrites the ``*.txt``
files from the current code; review the diff before committing it.
"""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.domain import Entry
from monitor.poll.clean import (
    NEAR_DUPLICATE_SHARE,
    article_from_entry,
    article_id,
    boilerplate,
    canonical_url,
    content_hash,
    extract_main_text,
    fingerprints,
    fix_mojibake,
    html_to_text,
    remove_repeated_paragraphs,
    story_share,
    without_source,
)

GOLDEN = Path(__file__).parent / "golden"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_6442bd6def682b13.txt"


def _clean(markup: str) -> str:
    return remove_repeated_paragraphs(html_to_text(markup))


@pytest.mark.parametrize("source", sorted(GOLDEN.glob("*.html")), ids=lambda p: p.name)
def test_golden(source: Path) -> None:
    got = _clean(source.read_text(encoding="utf-8"))
    expected_file = source.with_suffix(".txt")
    if os.environ.get("MONITOR_UPDATE_GOLDEN") == "1":
        expected_file.write_text(got + "\n", encoding="utf-8")
    assert got == expected_file.read_text(encoding="utf-8").removesuffix("\n")


def test_golden_set_is_complete() -> None:
    assert len(list(GOLDEN.glob("*.html"))) >= 5
    for source in GOLDEN.glob("*.html"):
        assert source.with_suffix(".txt").is_file(), source.name


def test_golden_news_article_drops_non_text() -> None:
    text = _clean((GOLDEN / "news_article.html").read_text(encoding="utf-8"))
    for junk in (
        "dataLayer",
        "loadAd",
        "enable JavaScript",
        "Subscribe",
        "tracking text",
        "margin",
        "Page title",
        "pixel",
        "ga(",
        "analytics",
    ):
        assert junk not in text
    assert text.count("A convoy of 40 trucks") == 1
    assert text.count("The convoy carried:") == 1


@pytest.mark.skipif(not SEED.is_file(), reason="shared seed article not present")
def test_seed_article_every_paragraph_once() -> None:
    raw = SEED.read_text(encoding="utf-8")
    cleaned = _clean(raw)
    lines = [line for line in cleaned.split("\n") if line.strip()]
    assert len(lines) == len(set(lines))
    # Every distinct line of the scrape survives, in first-seen order (mojibake aside).
    distinct = list(dict.fromkeys(line.strip() for line in raw.split("\n") if line.strip()))
    assert len(lines) == len(distinct)
    assert lines[0] == "IS militia collapse following Syrian regime offensive in Yarmouk Valley"
    assert lines[-2].startswith("A number of former rebel groups")
    # "°®Âþµº" (GBK read as Latin-1): ftfy flags it as mojibake it cannot repair, so it goes.
    assert "°®Âþµº" not in cleaned and "Tamimi told ." in cleaned


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("", ""),
        ("plain text", "plain text"),
        ("AT&amp;T &lt;b&gt; &#8220;q&#8221;", "AT&T <b> “q”"),
        ("<script>alert(1)</script>", ""),
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("one<br>two<br/>three", "one\ntwo\nthree"),
        ("<ol><li>x</li><li>y</li></ol>after", "x\ny\n\nafter"),
        ("<p>  lots \n\t of   space </p>", "lots of space"),
        ("<div><div><p>deep</p></div></div>", "deep"),
        ('<p onclick="steal()">x<img src="t.gif" onerror="e()"></p>', "x"),
        ('<?xml version="1.0" encoding="utf-8"?><p>decl</p>', "decl"),
        ("<style>p{}</style><template>t</template><p>kept</p>", "kept"),
        ("<p>&nbsp;</p><p>x</p>", "x"),
        ("<p>x\x0by\x00</p>", "xy"),  # control characters (lxml would refuse the string)
        # Noncharacters XML refuses too, written or referenced (test_robust_property found one).
        ("<p>x\ufffey\uffff</p>", "xy"),
        ("<p>x&#xFFFE;y&#65535;</p>", "xy"),
        ("a\x00b & c", "ab & c"),
    ],
)
def test_html_to_text(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected


_STORY = "<p>Ships left Odesa on Monday.</p>"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # The Guardian's feed: a related story's headline, then the way to the rest.
        (
            _STORY + '<p> <span>Related: </span><a href="/b">Dam breach floods villages</a> </p>'
            ' <a href="/a">Continue reading...</a>',
            "Ships left Odesa on Monday.",
        ),
        (
            _STORY + '<p>Lire aussi : <a href="/b">La digue cède</a></p>',
            "Ships left Odesa on Monday.",
        ),
        (
            _STORY + '<p><a href="/a">To read this article in full, please click here</a></p>',
            ("Ships left Odesa on Monday."),
        ),
        (_STORY + '<p><a href="/a">Read more »</a></p>', "Ships left Odesa on Monday."),
        (
            _STORY + '<p>The post <a href="/a">Ships leave Odesa</a> appeared first on '
            '<a href="/">Port News</a>.</p>',
            "Ships left Odesa on Monday.",
        ),
        (
            _STORY + '<p>Der Beitrag <a href="/a">Schiffe</a> erschien zuerst auf <a href="/">'
            "Hafen</a>.</p>",
            "Ships left Odesa on Monday.",
        ),
        # Links that are the story's own text stay: in a sentence, a sentence of many words,
        # a list of links, a text that is nothing but a link, a link before the last paragraph.
        (
            _STORY + '<p>Read <a href="/r">the full report</a> here.</p>',
            "Ships left Odesa on Monday.\n\nRead the full report here.",
        ),
        (
            _STORY + '<p><a href="/r">Grain prices fell for a third week as more ships left the '
            "ports of Odesa and Chornomorsk</a></p>",
            "Ships left Odesa on Monday.\n\nGrain prices fell for a third week as more ships left "
            "the ports of Odesa and Chornomorsk",
        ),
        ('<ul><li><a href="/1">One</a></li><li><a href="/2">Two</a></li></ul>', "One\nTwo"),
        ('<p><a href="/a">Ships left Odesa</a></p>', "Ships left Odesa"),
        (
            '<p><a href="/a">More ships</a></p>' + _STORY,
            "More ships\n\nShips left Odesa on Monday.",
        ),
        ("<p>Talks resume: <b>Thursday</b></p>", "Talks resume: Thursday"),
        (
            _STORY + '<p>The proof: <a href="https://x.org/p">https://x.org/p</a></p>',
            "Ships left Odesa on Monday.\n\nThe proof: https://x.org/p",
        ),
        # Link marks leave no trace: no doubled space, no empty line for an image's link.
        ('<p>a <a href="/x"> </a> b<br><a href="/i"><img src="i.png"></a><br>c</p>', "a b\nc"),
    ],
)
def test_a_feeds_links_to_elsewhere_are_no_part_of_the_text(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وصلت قافلة المساعدات إلى وادي اليرموك يوم الاثنين",
        "联合国称，援助车队周一抵达耶尔穆克河谷。“这是第一批物资。”",
        "Гуманитарный конвой прибыл в долину Ярмук — «сообщила ООН».",
        "اقوام متحدہ کے مطابق چالیس ٹرک پہنچے۔",
        "Ελληνικά: «Η αποστολή έφτασε»",
        "Café, naïve façade, São Paulo, Škoda, Łódź, ½ cup, 25°C, ±3, © 2025, “q” ‘a’ – —",
        "ｆｕｌｌ-width ＡＢＣ and ﬁ ligature stay",
        "日本語のテキスト、カタカナ ﾊﾝｶｸ",
    ],
)
def test_correct_text_is_not_touched(text: str) -> None:
    assert fix_mojibake(text) == text
    assert html_to_text(f"<p>{text}</p>") == text


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("cafÃ©", "café"),
        ("donâ€™t", "don’t"),
        ("â€œquotedâ€\x9d", "“quoted”"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "Привет мир"),
    ],
)
def test_mojibake_repaired(bad: str, good: str) -> None:
    assert fix_mojibake(bad) == good


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a long enough paragraph\n\nother paragraph\n\na long enough paragraph",
            "a long enough paragraph\n\nother paragraph",
        ),
        ("A Long Enough  Paragraph\nA long enough paragraph", "A Long Enough  Paragraph"),
        ("Yes\nNo\nYes\nNo", "Yes\nNo\nYes\nNo"),  # short lines may be table cells: kept
        ("\n\nfirst line here ok\n\n\n\nfirst line here ok\n\nend", "first line here ok\n\nend"),
        ("", ""),
    ],
)
def test_remove_repeated_paragraphs(text: str, expected: str) -> None:
    assert remove_repeated_paragraphs(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/a/./b/../c?b=2&a=1#frag", "http://example.com/a/c?a=1&b=2"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        (
            "https://example.com/story?utm_source=rss&utm_medium=feed&id=7",
            "https://example.com/story?id=7",
        ),
        (
            "https://example.com/s?fbclid=abc&gclid=1&mc_cid=2&mc_eid=3&igshid=4&ref_src=twsrc&_ga=5"
            "&yclid=6&msclkid=7&page=2",
            "https://example.com/s?page=2",
        ),
        ("https://example.com/s?UTM_Campaign=x&q=1", "https://example.com/s?q=1"),
        ("https://example.com/%7euser/caf%c3%a9", "https://example.com/~user/caf%C3%A9"),
        ("https://bücher.example/ü", "https://xn--bcher-kva.example/%C3%BC"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("  https://example.com/x  ", "https://example.com/x"),
        ("https://example.com/?b=&a=1", "https://example.com/?a=1&b="),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
    assert canonical_url(expected) == expected  # idempotent


@pytest.mark.parametrize("url", ["http://[bad/x", "http://example.com:99999/"])
def test_canonical_url_of_invalid_url_is_the_url(url: str) -> None:
    assert canonical_url(f" {url} ") == url
    assert canonical_url("") == ""


def test_article_id_kinds_and_stability() -> None:
    # Literal values: ids are stored, so any change to how they are computed must be deliberate.
    assert article_id("https://example.com/a", None, "", "") == "u-2dce0a4c50441bfc"
    assert article_id(None, "g", "", "") == "g-cd0aa9856147b6c5"
    assert article_id(None, None, "T", "x") == "c-cf8028329ec9d1b6"
    # The URL wins over the guid, the guid over the content.
    assert article_id("https://example.com/a", "g", "T", "x") == "u-2dce0a4c50441bfc"
    assert article_id(None, "g", "T", "x") == "g-cd0aa9856147b6c5"
    # Content ids ignore case and whitespace differences.
    assert article_id(None, None, " t ", "X") == "c-cf8028329ec9d1b6"


def test_content_hash_detects_changes_only() -> None:
    base = content_hash("Title", "Body text here.")
    assert content_hash("Title", "Body  text\nhere.") == base
    assert content_hash("Title", "Body text here, updated.") != base
    assert content_hash("Title!", "Body text here.") != base


# --- near duplicates --------------------------------------------------------------------------

WIRE = """Syrian government forces on Tuesday captured two more villages in the Yarmouk Valley \
basin from a militia linked to the Islamic State group, a war monitor and state media said, \
tightening the siege on the last pocket the jihadists hold in the south of the country.

The Britain-based Syrian Observatory for Human Rights said troops backed by Russian air strikes \
entered the villages of Hit and Beit Ara after heavy shelling overnight. State news agency SANA \
said army units were clearing mines and explosives left behind by the fighters.

The militia, known as Jaish Khalid bin al-Waleed, has controlled a strip of territory along the \
frontier with Jordan and the Israeli-occupied Golan Heights since 2016. Its fighters have \
launched suicide attacks on advancing troops in recent days, the Observatory said.

More than 200 militants and at least 60 government soldiers have been killed since the \
offensive began in mid-July, according to the monitor. The toll among civilians is unclear, and \
aid groups said thousands of residents had fled towards the Jordanian border.

A commander in the pro-government alliance told reporters the operation would be completed \
within days. Jordan said it would keep its border closed but was coordinating with the United \
Nations to deliver aid to displaced families on the Syrian side."""

# The same wire copy republished elsewhere: new headline line, two words edited, boilerplate.
REPUBLISHED = (
    "Syria army takes two more Yarmouk villages from IS-linked group\n\n"
    + WIRE.replace("captured", "seized").replace("frontier", "border")
    + "\n\n(Reporting by staff in Beirut and Amman; editing by the world desk)\n"
    "Copyright 2018. All rights reserved."
)

# Same topic, different story.
OTHER_STORY = """Families who fled the fighting in southern Syria's Yarmouk Valley are \
sheltering in olive groves near the Jordanian border with little food or clean water, aid \
workers said on Wednesday, as the United Nations appealed for access to the area.

The UN refugee agency said about 20,000 people had gathered in makeshift camps since \
government forces began their offensive against the Islamic State-linked Jaish Khalid bin \
al-Waleed in mid-July. Many arrived on foot carrying only blankets and documents.

Doctors at a field clinic near the border described treating children for dehydration and \
scorpion stings. Temperatures in the valley have topped 40 degrees Celsius this week, and water \
tankers have been unable to reach several of the camps because of damaged roads.

Jordan, which already hosts hundreds of thousands of Syrian refugees, has said it will not open \
its border, citing security concerns. Officials in Amman said they were allowing aid convoys to \
cross into Syria and had treated a small number of seriously wounded people.

Aid groups said they feared an outbreak of disease if the displaced could not return home \
soon, and called on all sides to allow safe passage for civilians leaving the battle zone."""

UNRELATED = """The central bank left interest rates unchanged on Thursday and signalled that \
it expects inflation to ease slowly over the next two years, as wage growth cools and energy \
prices fall. Markets had priced in a small chance of a cut. The governor said the committee \
would watch services inflation closely, and that borrowing costs would stay high for as long as \
needed. Shares rose modestly after the announcement while the currency slipped against the \
dollar. Economists said a first cut was now likely in the spring."""


def test_fingerprints_are_stable_and_skip_short_lines() -> None:
    value = fingerprints(WIRE)
    assert len(value) == 9 and fingerprints(WIRE) == value  # nine sentences
    # Literal value: fingerprints are stored, so a change must be deliberate.
    assert fingerprints("Syrian forces advance in the Yarmouk Valley.") == (14497065551636444188,)
    assert fingerprints("") == () and fingerprints("All rights reserved. Copyright 2018.") == ()


def test_fingerprints_ignore_case_punctuation_and_layout() -> None:
    assert fingerprints(WIRE) == fingerprints(WIRE.upper().replace("\n\n", "\n").replace(",", ""))


def shared_share(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share the store judges by (story_share, from counts), for two fingerprint sets."""
    return story_share(len(set(a) & set(b)), len(set(a)), len(set(b)))


def same_story(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return shared_share(a, b) >= NEAR_DUPLICATE_SHARE


def test_republished_wire_copy_is_the_same_story() -> None:
    assert same_story(fingerprints(WIRE), fingerprints(REPUBLISHED))


def test_few_words_changed_is_the_same_story() -> None:
    edited = (
        WIRE.replace("Tuesday", "Wednesday").replace("two more", "three more").replace("200", "250")
    )
    # Two of nine sentences touched.
    assert shared_share(fingerprints(WIRE), fingerprints(edited)) == 7 / 9


def test_different_stories_are_not_the_same_story() -> None:
    for a, b in [
        (WIRE, OTHER_STORY),
        (REPUBLISHED, OTHER_STORY),
        (WIRE, UNRELATED),
        (OTHER_STORY, UNRELATED),
    ]:
        assert shared_share(fingerprints(a), fingerprints(b)) == 0
        assert not same_story(fingerprints(a), fingerprints(b))


def test_random_single_word_edits_stay_the_same_story() -> None:
    rng = random.Random(7)
    words = WIRE.split(" ")
    base = fingerprints(WIRE)
    for _ in range(30):
        edited = list(words)
        edited[rng.randrange(len(edited))] = "changed"
        assert same_story(base, fingerprints(" ".join(edited)))


def test_short_texts_are_never_the_same_story() -> None:
    a = fingerprints("Fighting resumed near the border town on Monday morning.")
    assert not same_story(a, a)


# --- entries to articles ----------------------------------------------------------------------

FEED = "https://feeds.example/world.xml"


def _entry(**kw: object) -> Entry:
    fields: dict[str, object] = dict(
        guid="tag:example,2025:1",
        link="https://Example.com/story?utm_source=rss#top",
        title="Aid convoy reaches valley",
        summary_html="<p>Short summary.</p>",
        content_html="<p>Aid convoy reaches valley</p><p>The full body.</p><p>The full body.</p>",
        published=datetime(2025, 3, 3, 10, tzinfo=UTC),
        updated=None,
    )
    fields.update(kw)
    return Entry(**fields)  # type: ignore[arg-type]


def test_article_from_entry() -> None:
    art = article_from_entry(_entry(), feed_url=FEED)
    assert art is not None
    assert art.url == "https://example.com/story"
    assert art.id == article_id("https://example.com/story", None, "", "")
    assert art.title == "Aid convoy reaches valley"
    assert art.text == "The full body."  # headline line and repeated paragraph removed
    assert art.published == datetime(2025, 3, 3, 10, tzinfo=UTC)
    assert art.content_hash == content_hash(art.title, art.text)
    assert art.fingerprints == fingerprints(art.text)


def test_article_falls_back_to_summary_and_updated() -> None:
    updated = datetime(2025, 3, 4, tzinfo=UTC)
    art = article_from_entry(
        _entry(content_html="", published=None, updated=updated), feed_url=FEED
    )
    assert art is not None and art.text == "Short summary." and art.published == updated
    art = article_from_entry(_entry(content_html="<script>x()</script>"), feed_url=FEED)
    assert art is not None and art.text == "Short summary."


def test_article_without_link_uses_guid_scoped_by_feed() -> None:
    a = article_from_entry(_entry(link=None, guid="1234"), feed_url=FEED)
    b = article_from_entry(_entry(link=None, guid="1234"), feed_url="https://other.example/rss")
    assert a is not None and b is not None
    assert a.url == "" and a.id.startswith("g-") and a.id != b.id


def test_article_without_link_or_guid_uses_content() -> None:
    a = article_from_entry(_entry(link=None, guid=None), feed_url=FEED)
    assert a is not None and a.id.startswith("c-")


def test_article_updated_text_changes_hash_not_id() -> None:
    a = article_from_entry(_entry(), feed_url=FEED)
    b = article_from_entry(_entry(content_html="<p>The corrected body.</p>"), feed_url=FEED)
    assert a is not None and b is not None
    assert a.id == b.id and a.content_hash != b.content_hash


def test_empty_entry_gives_none() -> None:
    assert (
        article_from_entry(_entry(title="", summary_html="", content_html=""), feed_url=FEED)
        is None
    )
    assert (
        article_from_entry(
            _entry(title="  ", summary_html="<img src=x>", content_html=""), feed_url=FEED
        )
        is None
    )


def test_title_only_entry_kept() -> None:
    art = article_from_entry(_entry(summary_html="", content_html=""), feed_url=FEED)
    assert art is not None and art.text == "" and art.title == "Aid convoy reaches valley"


# --- full-text extraction ---------------------------------------------------------------------

PAGE = """<html><head><title>Convoy | Example News</title><script>var x = 1;</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Aid convoy reaches Yarmouk Valley</h1>
<p>A convoy of 40 trucks carrying food, medicine and winter supplies reached the Yarmouk Valley
on Monday, the UN humanitarian office said, the first delivery since the crossing closed.</p>
<p>A spokeswoman told reporters in Amman that a second convoy was planned for later in the
week, and that local officials had guaranteed safe passage for the drivers.</p>
</article>
<footer>Copyright 2025 Example News. All rights reserved. Cookie settings.</footer>
</body></html>"""


def test_extract_main_text() -> None:
    text = extract_main_text(PAGE, url="https://news.example/convoy")
    assert text is not None
    assert "A convoy of 40 trucks" in text and "second convoy was planned" in text
    assert "\n\n" in text  # paragraphs kept
    for junk in ("Sport", "Cookie settings", "var x"):
        assert junk not in text


def test_extract_main_text_nothing_usable() -> None:
    assert extract_main_text("<html><body></body></html>", url="https://news.example/") is None
    assert extract_main_text(b"", url="https://news.example/") is None


def test_control_characters_are_stripped_from_titles_and_text() -> None:
    art = article_from_entry(
        _entry(
            title="Aid\x00 con\x01voy\x7f\treaches\nvalley\x1b",
            content_html="<p>The full\x00 body&#1; &#x7F;of&#0; &#31;text&#10;here.</p>",
        ),
        feed_url=FEED,
    )
    assert art is not None
    assert art.title == "Aid convoy reaches valley"
    assert art.text == "The full body of text here."
    # Text without markup, and references that only look alike, are kept.
    assert html_to_text("a\x00b &#1;c &#127;d") == "ab c d"
    assert html_to_text("<p>&#100;&#x10A;&#0123;&#x1f600;</p>") == "dĊ{😀"


def test_boilerplate_is_what_different_texts_of_a_feed_repeat() -> None:
    footer = (7, 8, 9)
    # Three stories with one footer: the footer; the same story listed twice: nothing.
    assert boilerplate([(1, 2, *footer), (3, 4, *footer), (5, 6, *footer)]) == set(footer)
    assert boilerplate([(1, 2, 3), (1, 2, 3), (4, 5, 6)]) == frozenset()


# An item as Google News's RSS gives it: the publisher after the headline, in <source>, and a
# description that is only the headline with that name.
_AGGREGATED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>"houthi" - Google News</title>
<link>https://news.google.com/search?q=houthi</link><description>Google News</description>
<item><title>Houthis strike cargo ship off Yemen - Reuters</title>
<link>https://news.google.com/rss/articles/CBMiX2h0dHBz?oc=5</link>
<guid isPermaLink="false">CBMiX2h0dHBz</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
<description>&lt;a href="https://news.google.com/rss/articles/CBMiX2h0dHBz?oc=5"
target="_blank"&gt;Houthis strike cargo ship off Yemen&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font
color="#6f6f6f"&gt;Reuters&lt;/font&gt;</description>
<source url="https://www.reuters.com">Reuters</source></item>
<item><title>Ukrainian gunners destroy an ammunition depot - Maliar</title>
<link>https://example.org/depot</link><description>The depot burned.</description></item>
</channel></rss>"""


def test_an_aggregators_item_reads_as_the_publishers_own() -> None:
    """Google News puts the publisher after each headline ("... - Reuters"): it is no part of
    what the story says (a dev text's score moved by up to 0.12 with such a suffix), and the
    publisher's own feed writes the title bare. A title's own dash stays where the feed names
    no source ("... - Maliar", the one quoted)."""
    from monitor.poll.parse import parse_feed

    url = "https://news.google.com/rss/search?q=houthi"
    entries = parse_feed(_AGGREGATED, url=url, max_entries=10).entries
    assert [e.source for e in entries] == ["Reuters", ""]
    google, own = (article_from_entry(e, feed_url=url) for e in entries)
    assert google is not None and own is not None
    assert google.title == "Houthis strike cargo ship off Yemen"
    assert google.text == ""  # the description held only the headline and the publisher
    assert own.title == "Ukrainian gunners destroy an ammunition depot - Maliar"


@pytest.mark.parametrize(
    ("title", "source", "bare"),
    [
        ("Houthis strike ship - Reuters", "Reuters", "Houthis strike ship"),
        ("Houthis strike ship | Reuters", "reuters", "Houthis strike ship"),
        (
            "Houthis strike ship \u2014 The New York Times",
            "The New York Times",
            "Houthis strike ship",
        ),
        ("Houthis strike ship - Al-Monitor", "Al-Monitor", "Houthis strike ship"),
        ("Russia - Ukraine talks - Reuters", "Reuters", "Russia - Ukraine talks"),
        ("Talks with AP", "AP", "Talks with AP"),  # no dash: a word of the headline
        ("- Reuters", "Reuters", "- Reuters"),  # nothing before it
        ("Houthis strike ship - Reuters", "", "Houthis strike ship - Reuters"),  # no source
        ("Houthis strike ship - AP", "Reuters", "Houthis strike ship - AP"),  # another name
    ],
)
def test_a_title_loses_only_its_sources_name(title: str, source: str, bare: str) -> None:
    assert without_source(title, source) == bare
