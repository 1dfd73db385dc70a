"""parse_feed against golden files (tests/golden/parse), the shared feed corpus (../shared/feeds)
and crafted inputs; parse_opml.

Golden outputs: ``MONITOR_UPDATE_GOLDEN=1 pytest tests/test_parse.py`` rewrites the ``*.json``
files from the current parser; review the diff before committing it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.config.models import FetchConfig
from monitor.errors import FeedError, OpmlError
from monitor.poll.clean import article_from_entry, html_to_text
from monitor.poll.opml import OpmlFeed, parse_opml
from monitor.poll.parse import ParsedFeed, parse_feed

SHARED = Path(__file__).resolve().parents[2] / "shared"
FEEDS = SHARED / "feeds"
needs_shared = pytest.mark.skipif(
    not (FEEDS / "manifest.json").is_file(),
    reason="shared feed corpus (../shared/feeds) not present",
)
URL = "http://127.0.0.1/feed.xml"
MAX_ENTRIES = FetchConfig().max_entries  # the config's default
GOLDEN = Path(__file__).resolve().parent / "golden" / "parse"
# Relative links in the golden feeds resolve against this.
GOLDEN_URL = "https://feeds.example.org/section/feed.xml"


def _manifest() -> list[dict]:
    if not (FEEDS / "manifest.json").is_file():
        return []
    rows = json.loads((FEEDS / "manifest.json").read_text(encoding="utf-8"))
    return [r for r in rows if r.get("kind") != "generator"]


def _parse(name: str, **kw: object) -> ParsedFeed:
    row = next(r for r in _manifest() if r["file"] == name)
    ctype = (row.get("http_headers") or {}).get("content-type")
    kw = {"max_entries": MAX_ENTRIES, **kw}
    return parse_feed((FEEDS / name).read_bytes(), url=URL, content_type=ctype, **kw)  # type: ignore[arg-type]


def _all_text(pf: ParsedFeed) -> str:
    return repr(pf)


def _as_json(pf: ParsedFeed) -> str:
    def value(v: object) -> object:
        return v.isoformat() if isinstance(v, datetime) else v

    return (
        json.dumps(
            {
                "title": pf.title,
                "warning": pf.warning,
                "total_entries": pf.total_entries,
                "entries": [
                    {k: value(v) for k, v in dataclasses.asdict(e).items()} for e in pf.entries
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


@pytest.mark.parametrize("source", sorted(GOLDEN.glob("*.xml")), ids=lambda p: p.name)
def test_golden(source: Path) -> None:
    got = _as_json(parse_feed(source.read_bytes(), url=GOLDEN_URL, max_entries=MAX_ENTRIES))
    expected = source.with_suffix(".json")
    if os.environ.get("MONITOR_UPDATE_GOLDEN") == "1":
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


def test_golden_set_covers_the_formats() -> None:
    sources = {p.stem for p in GOLDEN.glob("*.xml")}
    assert {"rss2", "atom", "rdf", "bozo", "relative"} <= sources
    for name in sources:
        assert (GOLDEN / f"{name}.json").is_file(), name


@needs_shared
@pytest.mark.parametrize("row", _manifest(), ids=lambda r: r["file"])
def test_manifest_file(row: dict) -> None:
    body = (FEEDS / row["file"]).read_bytes()
    ctype = (row.get("http_headers") or {}).get("content-type")
    if row["entries"] == 0 and not row["feedparser_version"]:
        with pytest.raises(FeedError) as err:
            parse_feed(body, url=URL, content_type=ctype, max_entries=MAX_ENTRIES)
        assert err.value.code == "not-a-feed"
        assert err.value.url == URL
        return
    pf = parse_feed(body, url=URL, content_type=ctype, max_entries=500)  # this test's own cap
    assert pf.total_entries == row["entries"]
    assert len(pf.entries) == min(row["entries"], 500)
    bozo = row["bozo_expected"] if row["bozo_expected"] is not None else row["bozo_parsed"]
    if bozo:
        assert pf.warning and "\n" not in pf.warning
    else:
        assert pf.warning is None
    for e in pf.entries:
        assert e.link is None or e.link.startswith(("http://", "https://"))
        for d in (e.published, e.updated):
            assert d is None or d.tzinfo is not None and d.utcoffset().total_seconds() == 0


@needs_shared
def test_news_feeds_have_titles_links_and_dates() -> None:
    for row in _manifest():
        if not row["file"].startswith("news/"):
            continue
        pf = _parse(row["file"])
        assert pf.title == " ".join(row["feed_title"].split())  # whitespace is normalised
        with_both = [e for e in pf.entries if e.title and e.link]
        assert len(with_both) == row["entries_with_title_and_link"], row["file"]


@needs_shared
@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("news/NetNewsWire__kc0011.rss", "建国35周年纪念，华表，和平鸽"),  # GB18030
        (
            "news/miniflux__urdu_UTF8.xml",
            "امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب"
            " دہشت گردوں کی پشت پناہی",
        ),
        ("news/miniflux__encoding_WINDOWS-1251.xml", "Цитата #17703"),
        (
            "news/rbren__encoding.rss",
            "Mãe de utente é a nova presidente da Raríssimas",
        ),  # ISO-8859-1
        (
            "news/rbren__uolNoticias.rss",
            "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno",
        ),
        ("news/rss2email__bbc-chinese_feed.atom", "白宫提名艾伦为北约最高司令官"),
    ],
)
def test_non_latin_and_legacy_encodings(name: str, title: str) -> None:
    pf = _parse(name)
    assert pf.entries[0].title == title
    # Cleaning keeps the script intact too (ftfy must not "repair" correct text).
    article = article_from_entry(pf.entries[0], feed_url=URL)
    assert article is not None and article.title == title


@needs_shared
def test_dates_are_utc() -> None:
    e = _parse("news/miniflux__urdu_UTF8.xml").entries[0]
    assert e.published == datetime(2018, 1, 5, 16, 51, tzinfo=UTC)
    # kc0011 writes dates as "2020/1/10 14:33:00"; feedparser still reads them.
    assert all(x.published for x in _parse("news/NetNewsWire__kc0011.rss").entries)


@needs_shared
def test_http_headers_charset_matters() -> None:
    name = "feedparser/http_text_xml_charset_2.xml"
    with_header = _parse(name)
    assert with_header.warning is None
    assert "£“test.”" in with_header.entries[0].summary_html
    bare = parse_feed((FEEDS / name).read_bytes(), url=URL, max_entries=MAX_ENTRIES)
    assert bare.warning is not None


@needs_shared
def test_billion_laughs_not_expanded() -> None:
    pf = _parse("hostile/billion_laughs.xml")
    assert pf.warning and "entity" in pf.warning
    assert [e.title for e in pf.entries] == ["&lol9;"]
    assert "lollol" not in _all_text(pf)


@needs_shared
def test_xxe_reads_no_file() -> None:
    pf = _parse("hostile/xxe_file_passwd.xml")
    assert pf.warning
    assert pf.entries[0].title == "Leak: &xxe;"
    article = article_from_entry(pf.entries[0], feed_url=URL)
    for text in (_all_text(pf), repr(article)):
        assert "root:" not in text and "/bin/" not in text


@needs_shared
def test_many_entries_capped_newest_first() -> None:
    pf = _parse("hostile/many_entries_5000.xml", max_entries=100)
    assert pf.total_entries == 5000 and len(pf.entries) == 100
    # The file lists newest first, one minute apart: the cap keeps the first 100.
    assert [e.guid for e in pf.entries] == [f"many-{i}" for i in range(100)]


@needs_shared
def test_xss_fields_sanitised() -> None:
    pf = _parse("hostile/xss_script_onerror.xml")
    assert pf.entries[2].title == 'Markets close lower <script>alert("title")</script>'
    for e in pf.entries:
        for field in (e.summary_html, e.content_html):
            low = field.lower()
            for bad in (
                "<script",
                "onerror",
                "onclick",
                "onmouseover",
                "onload",
                "javascript:",
                "<iframe",
                "<object",
                "<embed",
            ):
                assert bad not in low
            text = html_to_text(field)
            assert "document.cookie" not in text and "alert(" not in text
    assert html_to_text(pf.entries[0].summary_html) == (
        "Talks resumed on Monday.\n\nOfficials said more rounds are planned."
    )


@needs_shared
def test_big_generated_feed_parses_and_caps(tmp_path: Path) -> None:
    out = tmp_path / "big.xml"
    subprocess.run(
        [sys.executable, str(FEEDS / "hostile" / "gen_big.py"), str(out), "3"],
        check=True,
        capture_output=True,
    )
    pf = parse_feed(out.read_bytes(), url=URL, max_entries=50)
    assert len(pf.entries) == 50 and pf.total_entries > 50


# --- crafted inputs (no shared data needed) ---------------------------------------------------

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Crafted &amp; Co</title><link>http://127.0.0.1/</link>
<item><title>First &#8211; story</title><link>/news/1?utm_source=rss</link>
<guid isPermaLink="false">id-1</guid><pubDate>Tue, 04 Mar 2025 09:30:00 +0200</pubDate>
<description>&lt;p&gt;Summary &amp;amp; more&lt;/p&gt;</description></item>
<item><title>Second</title><link>javascript:alert(1)</link>
<description>Plain text summary</description></item>
<item><title>Third</title><link>http://[bad/x</link></item>
</channel></rss>"""


def test_crafted_rss_fields() -> None:
    pf = parse_feed(RSS, url="http://127.0.0.1/feeds/main.xml", max_entries=MAX_ENTRIES)
    assert pf.title == "Crafted & Co" and pf.warning is None and pf.total_entries == 3
    first, second, third = pf.entries
    assert first.title == "First – story"
    assert first.guid == "id-1"
    assert first.link == "http://127.0.0.1/news/1?utm_source=rss"  # relative link made absolute
    assert first.published == datetime(2025, 3, 4, 7, 30, tzinfo=UTC)
    assert html_to_text(first.summary_html) == "Summary & more"
    assert second.link is None  # javascript: is not a link
    assert second.published is None
    assert third.link is None  # unparseable URL dropped, not raised


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;b&gt;Bold&lt;/b&gt; feed</title>
<entry><id>tag:x,2025:1</id><title type="html">A &lt;em&gt;big&lt;/em&gt; day</title>
<link rel="alternate" href="https://example.org/a"/>
<updated>2025-03-04T10:00:00Z</updated>
<summary>short</summary>
<content type="html">&lt;p&gt;The long body.&lt;/p&gt;</content></entry></feed>"""


def test_crafted_atom_fields() -> None:
    pf = parse_feed(ATOM, url="https://example.org/feed", max_entries=MAX_ENTRIES)
    assert pf.title == "Bold feed"
    (e,) = pf.entries
    assert e.title == "A big day"
    assert e.guid == "tag:x,2025:1" and e.link == "https://example.org/a"
    assert e.updated == datetime(2025, 3, 4, 10, tzinfo=UTC)
    assert e.summary_html == "short" and "The long body." in e.content_html


LANGUAGES_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Лента</title><link>http://127.0.0.1/</link>{language}
<item><title>ЧВК Вагнер в Африке</title><link>http://127.0.0.1/1</link></item>
</channel></rss>"""

LANGUAGES_ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr-CA"><title>Nouvelles</title>
<entry><id>1</id><title>Le fil</title><link href="https://example.org/1"/></entry>
<entry xml:lang="de-AT"><id>2</id><title>Die Meldung</title><link href="https://example.org/2"/>
<summary>Kurz</summary></entry></feed>"""


@pytest.mark.parametrize(
    ("declared", "header", "language"),
    [
        ("<language>ru-RU</language>", None, "ru"),
        ("<language>RU</language>", "en-US", "ru"),  # the document's own before the server's
        ("", "uk-UA", "uk"),  # the server's when the document declares none
        ("", "en, fr", "en"),  # a header naming two: the first
        ("<language>iw</language>", None, "he"),  # the old code for Hebrew
        ("<language>deu</language>", None, "de"),  # ISO 639-2
        ("<language>pt_BR</language>", None, "pt"),
        ("<dc:language>es</dc:language>", None, "es"),
        ("", None, None),
        ("<language>und</language>", None, None),  # undetermined
        ("<language>x-default</language>", None, None),
        ("<language>English</language>", "*", None),  # no language tag
        ("<language>  </language>", "", None),
    ],
)
def test_the_language_a_feed_declares_is_read_as_its_code(
    declared: str, header: str | None, language: str | None
) -> None:
    body = LANGUAGES_RSS.format(language=declared).encode()
    if "dc:" in declared:
        body = body.replace(
            b'<rss version="2.0">',
            b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        )
    pf = parse_feed(body, url=URL, content_language=header, max_entries=MAX_ENTRIES)
    assert [e.language for e in pf.entries] == [language]
    (article,) = (article_from_entry(e, feed_url=URL) for e in pf.entries)
    assert article is not None and article.declared_language == language


def test_an_entrys_own_xml_lang_comes_before_its_feeds() -> None:
    pf = parse_feed(LANGUAGES_ATOM, url=URL, content_language="en", max_entries=MAX_ENTRIES)
    assert [e.language for e in pf.entries] == ["fr", "de"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (
            b"<!DOCTYPE html><html><head><title>Shop</title></head><body><p>Hi</p></body></html>",
            "HTML page",
        ),
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"\x00\x01\x02garbage\xff\xfe", "no RSS, Atom or RDF feed"),
        (b'{"items": []}', "no RSS, Atom or RDF feed"),
        # feedparser would open this as a file path if handed the bytes directly.
        (b"/etc/passwd", "no RSS, Atom or RDF feed"),
    ],
)
def test_not_a_feed(body: bytes, needle: str) -> None:
    with pytest.raises(FeedError) as err:
        parse_feed(body, url=URL, max_entries=MAX_ENTRIES)
    assert err.value.code == "not-a-feed" and err.value.url == URL
    assert needle in str(err.value)
    assert "root:" not in str(err.value)


_LOL = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
    b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10) for i in range(8)
)
_ITEM = (
    b'<rss version="2.0"><channel><title>t</title><item><title>&i;</title>'
    b"<description>&i;</description></item></channel></rss>"
)


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "prolog",
    [
        # DOCTYPE on the XML declaration's line: feedparser's line-anchored filter misses it.
        b'<?xml version="1.0"?><!DOCTYPE rss [' + _LOL + b"]>",
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + _LOL.replace(b"><", b">\n<") + b"\n]>\n",
        # A "<b" inside an entity value ends feedparser's prolog early; expat's limit still holds.
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY z "<b>">\n'
        + _LOL.replace(b"><", b">\n<")
        + b"\n]>\n",
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n%p;\n]>',
        b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd">',
    ],
)
def test_entity_variants_never_expand(prolog: bytes) -> None:
    pf = parse_feed(prolog + _ITEM, url=URL, max_entries=MAX_ENTRIES)
    text = _all_text(pf)
    assert "aaaaaaaaaaaaaaaaaaaa" not in text and "root:" not in text
    assert len(text) < 2000


def test_utf16_entity_declaration_refused() -> None:
    doc = (
        '<?xml version="1.0" encoding="utf-16"?>\n<!DOCTYPE rss [\n<!ENTITY a "x">\n]>\n'
        '<rss version="2.0"><channel><item><title>&a;</title></item></channel></rss>'
    )
    with pytest.raises(FeedError, match="UTF-16"):
        parse_feed(doc.encode("utf-16"), url=URL, max_entries=MAX_ENTRIES)


def test_max_entries_prefers_newest_dates() -> None:
    items = b"".join(
        b"<item><title>t%d</title><guid>g%d</guid><pubDate>Mon, %02d Mar 2025 10:00:00 GMT"
        b"</pubDate></item>" % (i, i, day)
        for i, day in enumerate([1, 9, 3, 7, 5])
    )
    body = b'<rss version="2.0"><channel><title>x</title>' + items + b"</channel></rss>"
    pf = parse_feed(body, url=URL, max_entries=2)
    assert [e.guid for e in pf.entries] == ["g1", "g3"]  # the two newest, in feed order
    assert pf.total_entries == 5


# --- OPML -------------------------------------------------------------------------------------

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Subs</title></head><body>
<outline text="News">
  <outline text="Wire" title="Wire feed" type="rss" xmlUrl="https://wire.example/rss"/>
  <outline text="Region"><outline text="Local" xmlurl="http://local.example/feed.xml"/></outline>
</outline>
<outline text="Duplicate" xmlUrl="https://wire.example/rss"/>
<outline text="Just a folder"/>
</body></opml>"""


def test_opml_nested_outlines() -> None:
    assert parse_opml(OPML, source="subs.opml") == [
        OpmlFeed(url="https://wire.example/rss", title="Wire feed"),
        OpmlFeed(url="http://local.example/feed.xml", title="Local"),
    ]


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"<opml><body><outline", "not well-formed"),
        (b"<rss version='2.0'/>", "not an OPML document"),
        (b"", "not well-formed"),
        (b'<opml><body><outline xmlUrl="javascript:alert(1)"/></body></opml>', "not an http(s)"),
        (b'<opml><body><outline xmlUrl="http://[bad/"/></body></opml>', "not an http(s)"),
    ],
)
def test_opml_errors_name_the_source(data: bytes, needle: str) -> None:
    with pytest.raises(OpmlError) as err:
        parse_opml(data, source="subs.opml")
    assert str(err.value).startswith("subs.opml") and needle in str(err.value)
    assert isinstance(err.value, ValueError)


@pytest.mark.timeout(30)
def test_opml_entities_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE opml ['
        + _LOL
        + b'<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body>'
        b'<outline text="&i;&x;" xmlUrl="http://a.example/&i;"/></body></opml>'
    )
    try:
        feeds = parse_opml(bomb, source="bomb.opml")
    except OpmlError as err:  # refusing is fine too
        assert "root:" not in str(err)
        return
    text = repr(feeds)
    assert "aaaaaaaaaaaaaaaaaaaa" not in text and "root:" not in text
