"""Feed parsing from bytes already fetched. Nothing here touches the network or disk.

feedparser does the format work (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF, charsets, dates, HTML
sanitising). This module only guards its input, caps what comes out and maps it to
:class:`monitor.domain.Entry`.
"""

from __future__ import annotations

import calendar
import html
import io
import re
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from babel import Locale, UnknownLocaleError

from monitor.domain import Entry
from monitor.errors import FeedError
from monitor.poll.clean import html_to_text

__all__ = ["ParsedFeed", "parse_feed"]

# How far into the body the prolog (XML declaration, DOCTYPE, comments) is looked for.
_PROLOG_SCAN = 64 * 1024
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
# A DOCTYPE or ENTITY declaration with something other than blanks before it on its line.
_INLINE_DECL = re.compile(rb"(\S[ \t]*)(<!(?:DOCTYPE|ENTITY))")
_WS = re.compile(r"\s+")
_WARNING_MAX = 200
# A date before this or more than _AHEAD after the fetch (parsing follows it at once) is a
# publisher's error (a year 0001 or 9999 placeholder, a clock at the epoch, a typo), not a
# time: kept, it overflowed the time-zone conversion of the digest and sorted such an entry
# first. It counts as no date.
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_AHEAD = timedelta(days=1)


@dataclass(frozen=True)
class ParsedFeed:
    """One parsed feed. ``entries`` holds at most ``max_entries`` items; ``total_entries`` is how
    many the document had, so the caller can log a truncation. ``warning`` is one line when the
    document was ill-formed but entries could still be read."""

    title: str | None
    entries: tuple[Entry, ...]
    warning: str | None
    total_entries: int


def parse_feed(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    content_language: str | None = None,
    max_entries: int,
) -> ParsedFeed:
    """Parse a feed body. Raises ``FeedError("not-a-feed")`` for anything that is not a feed.
    Entry dates before 1990 or more than a day from now (the body was just fetched) are
    dropped (None). ``content_language``: the response's Content-Language header, the language
    of entries the feed itself declares none for."""
    if not body.strip():
        raise FeedError("not-a-feed", "empty body, not a feed", url=url)
    # Only the content type (it carries the charset). No Content-Location: with a base URL
    # feedparser resolves xml:base on every element (urljoin per start tag, a third of the parse
    # time on long feeds); entry links are made absolute against the feed URL in _absolute()
    # instead. resolve_relative_uris=False likewise leaves links inside entry HTML as sent: only
    # text is taken from that HTML.
    headers = {"content-type": content_type or "application/xml"}
    # A BytesIO, never the bytes themselves: feedparser treats a bytes/str argument that names an
    # existing file as a path and reads it (b"/etc/passwd" would be opened).
    result = feedparser.parse(
        io.BytesIO(_guard_prolog(body, url)), response_headers=headers, resolve_relative_uris=False
    )
    raw_entries: list[Any] = result.get("entries", [])
    if not raw_entries and not result.get("version"):
        raise FeedError("not-a-feed", _not_a_feed_reason(body, result), url=url)

    total = len(raw_entries)
    latest = datetime.now(UTC) + _AHEAD
    chosen = _newest(raw_entries, max_entries, latest) if total > max_entries else raw_entries
    feed = result.get("feed", {})
    # The document's own declaration before the server's, which is often a site-wide default.
    language = declared_language(feed.get("language")) or declared_language(content_language)
    return ParsedFeed(
        title=_plain(feed.get("title"), feed.get("title_detail")) or None,
        entries=tuple(_entry(e, url, latest, language) for e in chosen),
        warning=_warning(result.get("bozo_exception")) if result.get("bozo") else None,
        total_entries=total,
    )


def _guard_prolog(body: bytes, url: str) -> bytes:
    """Make sure feedparser's own DOCTYPE filter sees every declaration.

    feedparser strips ``<!DOCTYPE`` and unsafe ``<!ENTITY`` declarations with line-anchored
    regexes, so a DOCTYPE written on one line (``<?xml ...?><!DOCTYPE rss [<!ENTITY ...``)
    reaches expat intact; an entity bomb then runs until expat's amplification limit stops it
    (~1.3 s). Starting each such declaration on its own line lets feedparser drop the unsafe ones.
    Only such prologs change, so line numbers in warnings stay right for everything else.
    """
    head = body[:_PROLOG_SCAN]
    if b"\x00" in head[:4] or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16/32: the byte patterns below do not apply. No real feed declares entities in a
        # UTF-16 prolog, so refuse rather than rely on the parser's limits.
        if b"<!ENTITY" in head.replace(b"\x00", b"").upper():
            raise FeedError(
                "not-a-feed", "UTF-16/32 document declaring XML entities refused", url=url
            )
        return body
    first = _FIRST_ELEMENT.search(head)
    end = first.start() if first else len(head)
    prolog = head[:end]
    if b"<!ENTITY" not in prolog and b"<!DOCTYPE" not in prolog:
        return body
    return _INLINE_DECL.sub(rb"\1\n\2", prolog) + body[end:]


def _not_a_feed_reason(body: bytes, result: Any) -> str:
    head = body[:4096]
    if _HTML_SNIFF.search(head):
        return (
            "got an HTML page, not a feed (`monitor feeds discover URL` lists the feeds of a site)"
        )
    exc = result.get("bozo_exception")
    detail = f" ({_warning(exc)})" if exc is not None else ""
    return f"no RSS, Atom or RDF feed found{detail}"


def _warning(exc: BaseException | None) -> str | None:
    """One line describing why the document was ill-formed."""
    if exc is None:
        return None
    if isinstance(exc, xml.sax.SAXParseException):
        text = (
            f"ill-formed XML: {exc.getMessage()} at line {exc.getLineNumber()}, "
            f"column {exc.getColumnNumber()}"
        )
    elif isinstance(exc, feedparser.CharacterEncodingOverride):
        text = f"encoding: {exc}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    text = _WS.sub(" ", text).strip()
    return text[:_WARNING_MAX]


def _newest(entries: list[Any], n: int, latest: datetime) -> list[Any]:
    """The ``n`` newest entries, in feed order. Undated entries (and absurd dates) count as
    oldest, and among equal dates the earlier position wins (feeds list newest first)."""

    def key(i: int) -> float:
        e = entries[i]
        when = _utc(_raw(e, "published_parsed"), latest) or _utc(_raw(e, "updated_parsed"), latest)
        return when.timestamp() if when else float("-inf")

    ranked = sorted(range(len(entries)), key=key, reverse=True)
    # sorted() is stable and reverse keeps it stable, so ties stay in feed order.
    return [entries[i] for i in sorted(ranked[:n])]


def _entry(e: Any, base: str, latest: datetime, feed_language: str | None) -> Entry:
    contents = [_as_html(c.get("value"), c.get("type")) for c in e.get("content", ())]
    summary_detail = e.get("summary_detail") or {}
    # An entry's xml:lang (feedparser gives it each text's detail) before its feed's language.
    details = [*e.get("content", ()), summary_detail, e.get("title_detail") or {}]
    tags = (declared_language(d.get("language")) for d in details)
    return Entry(
        guid=(e.get("id") or "").strip() or None,
        link=_absolute(e.get("link"), base),
        title=_plain(e.get("title"), e.get("title_detail")),
        summary_html=_as_html(e.get("summary"), summary_detail.get("type")),
        content_html=max(contents, key=len, default=""),
        published=_utc(_raw(e, "published_parsed"), latest),
        updated=_utc(_raw(e, "updated_parsed"), latest),
        source=_plain((e.get("source") or {}).get("title"), None),
        language=next((t for t in tags if t), feed_language),
    )


def declared_language(tag: str | None) -> str | None:
    """A declared language tag ("en-US", "ru_RU", "iw", "deu"; of a Content-Language naming
    several, the first) as its ISO 639 language code ("en", "ru", "he", "de"); None for none,
    "und" (undetermined) or what is no language tag."""
    first = (tag or "").split(",")[0].strip().replace("_", "-")
    if not first or first.lower().split("-")[0] == "und":
        return None
    try:
        return Locale.parse(first, sep="-").language
    except (ValueError, UnknownLocaleError):
        return None


def _raw(e: Any, key: str) -> Any:
    # dict.get, not FeedParserDict.get: the latter answers "updated_parsed" with the published
    # date when there is none (and warns), which would invent an update.
    return dict.get(e, key)


def _plain(value: str | None, detail: Any) -> str:
    """A title as plain text. feedparser leaves text/plain titles as text (a literal ``<script>``
    stays text, to be escaped by whoever renders it) and gives HTML titles as sanitised HTML."""
    if not value:
        return ""
    if detail and "html" in (detail.get("type") or ""):
        return html_to_text(value).replace("\n", " ")
    return _WS.sub(" ", value).strip()


def _as_html(value: str | None, ctype: str | None) -> str:
    if not value:
        return ""
    return value if ctype is None or "html" in ctype else html.escape(value, quote=False)


def _absolute(link: str | None, base: str) -> str | None:
    if not link:
        return None
    try:
        absolute = urljoin(base, link.strip())
        scheme = urlsplit(absolute).scheme
    except ValueError:  # "http://[bad/" and the like: not a usable link
        return None
    return absolute if scheme in ("http", "https") else None


def _utc(t: Any, latest: datetime) -> datetime | None:
    if not t:
        return None
    try:
        when = datetime.fromtimestamp(calendar.timegm(t), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
    return when if _EARLIEST <= when <= latest else None
