"""Article text: HTML to plain text, mojibake repair, canonical URLs, stable ids and
near-duplicate fingerprints.

Runs on every entry of every feed, so the common cases take fast paths: text without markup is
not parsed as HTML, and ASCII text is not handed to ftfy.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import C1_CONTROL_RE, UTF8_CLUES, UTF8_DETECTOR_RE
from lxml import etree
from w3lib.url import canonicalize_url

from monitor.domain import Article, Entry

__all__ = [
    "NEAR_DUPLICATE_MIN_SENTENCES",
    "NEAR_DUPLICATE_SHARE",
    "article_from_entry",
    "article_id",
    "boilerplate",
    "canonical_url",
    "content_hash",
    "extract_main_text",
    "fingerprints",
    "html_to_text",
    "remove_repeated_paragraphs",
    "story_share",
]

# Two texts are the same story when they share at least this share of their sentence
# fingerprints (of the one with more): wire copy republished under another URL with a new
# headline, a boilerplate line and a word or two edited shares 0.6-0.9 (tests/test_text.py);
# two reports of one event in their own words share none. Sentences rather than a simhash,
# because shared sentences can be looked up in an index, while simhash neighbours within the
# 6-10 bits that edited copies drift apart cannot be found without scanning.
NEAR_DUPLICATE_SHARE = 0.6
NEAR_DUPLICATE_MIN_SENTENCES = 3  # fewer is too little evidence to call two texts one story
_FINGERPRINT_MIN_WORDS = 6  # shorter lines are boilerplate ("All rights reserved.")
_MAX_FINGERPRINTS = 64

# --- HTML to text -----------------------------------------------------------------------------

# Paragraph and line-break markers from the Unicode private use area: they survive whitespace
# collapsing and never occur in feed text that matters.
_PARA = "\ue000"
_LINE = "\ue001"
# Where a link's text starts and ends, for telling a feed's links to elsewhere from its text.
_LINK_OPEN = "\ue002"
_LINK_CLOSE = "\ue003"
_LINK_MARKS = re.compile("[\ue002\ue003]")

# A feed's links that are no part of the story, dropped so that what they name does not count
# as what the story says (a Guardian summary ends "Related: <another story's headline>"; the
# matcher would read that story's names as this one's):
# - a paragraph that is a short label and one link making up the rest of it, a headline of
#   some words: "Related: ...", "See also: ...", "Read more: ...", "Lire aussi : ...", in any
#   language ("Here's the proof: <an address>" is the text's own);
_LABELLED_LINK = re.compile(
    r"(?:[^\W\d_][\w’'-]*\s*){1,3}:\s*"
    r"\ue002\s*[^\ue002\ue003\s]+\s[^\ue002\ue003]+\ue003[\s.…»›→]*"
)
# - WordPress's line under every post, in the languages its feeds are mostly written in;
_POSTED_FIRST = re.compile(
    r"(?:The post|Der Beitrag|L[’']article|La entrada|L[’']articolo|O post) \ue002[^\ue002]*\ue003 "
    r"(?:appeared first on|erschien zuerst auf|est apparu en premier sur|se publicó primero en"
    r"|proviene da|apareceu primeiro em) \ue002[^\ue002]*\ue003\.?"
)
# - the last paragraph when it is nothing but a link of a few words, the way to the rest of the
#   story ("Continue reading...", "Read more »", "To read this article in full, please click
#   here", "Lire la suite").
_READ_ON = re.compile(r"[\s(\[]*\ue002[^\ue002\ue003]+\ue003[\s.…»›→)\]]*")
_READ_ON_WORDS = 10

# Elements whose content is never article text. <form> is not among them: some sites wrap the
# whole page in one.
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "button",
    "select",
    "textarea",
    "head",
    "title",
    "meta",
    "link",
)
_BLOCK = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "figure",
        "figcaption",
        "hr",
        "address",
        "details",
        "summary",
        "fieldset",
        "center",
    )
)
_LINE_ITEMS = frozenset(("li", "dt", "dd", "tr", "caption"))
_CELLS = frozenset(("td", "th"))

_HTML_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, remove_blank_text=False
)
_HIDDEN = etree.XPath("//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')]")
# Characters XML does not allow (C0 controls but tab and line breaks, DEL, surrogates, U+FFFE and
# U+FFFF): never text, and lxml refuses to set a text holding one.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# The references to those characters (&#1;, &#x7f;): lxml decodes them into text it then
# refuses to take back, which failed the whole feed.
_CONTROL_REF = re.compile(
    "&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127|6553[45])(?![0-9])"
    "|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[fF]{3}[eEfF])(?![0-9a-fA-F]));?"
)
_TITLE_BREAKS = re.compile("[\t\n\r]+")
_SPACES = re.compile(r"[^\S\n]+")
_BLANKS = re.compile(r"\n{3,}")
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,  # entities are decoded by the HTML step
    uncurl_quotes=False,  # curly quotes are correct text
    fix_character_width=False,  # would turn CJK full-width punctuation into ASCII
    fix_latin_ligatures=False,
    explain=False,
)
# ftfy is the costliest step (~0.2 ms per article), so it only runs where its own detector of
# UTF-8 read in a single-byte encoding (or a C1 control character) finds something. That detector
# is slow too; every match of it contains a lead character followed by a continuation character
# (ftfy's own character classes), so a scan for such a pair gates it. Runs of two or more
# Latin-1 symbols (e.g. "°®") are the trace of mis-decodings ftfy cannot repair; only texts with
# one are checked with ftfy's badness measure. Correct text in any script skips all of it.
_UTF8_PAIR = re.compile(
    "["
    + UTF8_CLUES["utf8_first_of_2"]
    + UTF8_CLUES["utf8_first_of_3"]
    + UTF8_CLUES["utf8_first_of_4"]
    + "]["
    + UTF8_CLUES["utf8_continuation"]
    + "]"
)
_SYMBOL_RUN = re.compile("[\u0080-\u009f\u00a1-\u00bf]{2}")


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or document: one blank line between blocks, ``<br>`` and
    list items on their own lines; script, style, embedded objects and hidden elements dropped;
    entities decoded; mojibake repaired; whitespace normalised. Text without markup keeps its
    own line breaks."""
    if not markup:
        return ""
    if _CONTROL.search(markup):  # lxml refuses C0 control characters; they are never text
        markup = _CONTROL.sub("", markup)
    if "&#" in markup:
        markup = _CONTROL_REF.sub("", markup)
    if "<" not in markup:
        text = html.unescape(markup) if "&" in markup else markup
        return _finish(_SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")))
    try:
        root = etree.fromstring(markup, _HTML_PARSER)
    except ValueError:  # a str with an XML encoding declaration: let lxml read the bytes
        root = etree.fromstring(markup.encode("utf-8"), _HTML_PARSER)
    if root is None:
        return ""
    etree.strip_elements(root, *_DROP, with_tail=False)
    if "hidden" in markup or "display" in markup:
        for el in _HIDDEN(root):
            el.clear(keep_tail=True)
    # iter(*tags) filters in C: much cheaper than testing every element in Python.
    for el in root.iter(*_BLOCK):
        el.text = _PARA + (el.text or "")
        el.tail = _PARA + (el.tail or "")
    for el in root.iter(*_LINE_ITEMS):
        el.text = _LINE + (el.text or "")
        el.tail = _LINE + (el.tail or "")
    for el in root.iter("br"):
        el.tail = _LINE + (el.tail or "")
    links = False
    for el in root.iter("a"):
        el.text = _LINK_OPEN + (el.text or "")
        el.tail = _LINK_CLOSE + (el.tail or "")
        links = True
    for el in root.iter(*_CELLS):
        el.tail = " " + (el.tail or "")
    # str.split() splits on any Unicode whitespace and is several times faster than a regex.
    flat = " ".join(etree.tostring(root, method="text", encoding=str).split())
    paragraphs = []
    for para in flat.split(_PARA):
        lines = [line.strip() for line in para.split(_LINE)]
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    text = "\n\n".join(_without_link_furniture(paragraphs) if links else paragraphs)
    return text if text.isascii() else fix_mojibake(text)


def _without_link_furniture(paragraphs: list[str]) -> list[str]:
    """The paragraphs (link text marked) without the feed's links to elsewhere
    (``_LABELLED_LINK``, ``_POSTED_FIRST``, ``_READ_ON``), the marks taken out."""
    kept = [
        p
        for p in paragraphs
        if _LINK_OPEN not in p
        or (_LABELLED_LINK.fullmatch(p) is None and _POSTED_FIRST.fullmatch(p) is None)
    ]
    if (
        len(kept) > 1
        and _LINK_OPEN in kept[-1]
        and _READ_ON.fullmatch(kept[-1]) is not None
        and len(kept[-1].split()) <= _READ_ON_WORDS
    ):
        kept.pop()
    return [text for p in kept if (text := _unmarked(p) if _LINK_OPEN in p else p)]


def _unmarked(paragraph: str) -> str:
    """A paragraph without its link marks, as if they had never been: no space doubled, no line
    left empty by a link without text (an image's)."""
    lines = (" ".join(line.split()) for line in _LINK_MARKS.sub("", paragraph).split("\n"))
    return "\n".join(line for line in lines if line)


def _finish(text: str) -> str:
    text = _BLANKS.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()
    if not text.isascii():
        text = fix_mojibake(text)
    return text


def fix_mojibake(text: str) -> str:
    """Repair mojibake with ftfy. Where ftfy still judges a word to be mojibake (it cannot repair
    it, e.g. GBK read as Latin-1, or a byte was lost), only the word's ASCII characters are kept:
    they read the same in every encoding, so they are the publisher's text; the rest is junk.
    Correct text in any script passes unchanged (NFC)."""
    if _UTF8_PAIR.search(text) and UTF8_DETECTOR_RE.search(text) or C1_CONTROL_RE.search(text):
        text = ftfy.fix_text(text, _FTFY)
    elif not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not _SYMBOL_RUN.search(text) and not _UTF8_PAIR.search(text) or not is_bad(text):
        return text
    lines = []
    for line in text.split("\n"):
        if is_bad(line):
            words = (
                w if not is_bad(w) else "".join(c for c in w if c.isascii())
                for w in line.split(" ")
            )
            line = " ".join(w for w in words if w)
        lines.append(line)
    return "\n".join(lines)


def remove_repeated_paragraphs(text: str) -> str:
    """Drop every paragraph (non-empty line) that repeats an earlier one, compared after
    normalising case, width and whitespace. Short lines (under 12 characters, e.g. "Yes", "***")
    are kept even when repeated: they are as likely to be table cells as scrape artifacts."""
    seen: set[str] = set()
    out: list[str] = []
    for line in text.split("\n"):
        key = _normal(line)
        if len(key) >= 12:
            if key in seen:
                continue
            seen.add(key)
        if line.strip() or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def without_source(title: str, source: str) -> str:
    """``title`` without the publisher's name an aggregator puts after it ("Houthis strike ship
    - Reuters", "... | Al-Monitor"): it is not what the story says, and the same story from
    the publisher's own feed has the title bare. Only after a dash or a bar standing between
    spaces, the title's last: "Talks with AP" keeps its last word."""
    source = source.strip()
    separators = list(_SOURCE_SEPARATOR.finditer(title)) if source else []
    if not separators or _normal(title[separators[-1].end() :]) != _normal(source):
        return title
    return title[: separators[-1].start()].rstrip() or title


# (?<!\s): one try per run of spaces, however long the run.
_SOURCE_SEPARATOR = re.compile(r"(?<!\s)\s+[-|\u2013\u2014]\s+")


def _normal(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


# --- URLs and ids -----------------------------------------------------------------------------

_TRACKING_PARAMS = frozenset(
    (
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "igshid",
        "igsh",
        "ref_src",
        "ref_url",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "__hstc",
        "__hssc",
        "__hsfp",
        "hsctatracking",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "wickedid",
        "s_cid",
        "cmpid",
        "ncid",
        "ocid",
        "sr_share",
        "spm",
        "rb_clickid",
        "at_medium",
        "at_campaign",
        "icid",
    )
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "matomo_", "hmb_", "itm_")


def canonical_url(url: str) -> str:
    """The URL an article is known by: scheme and host lower-cased, default port, dot segments and
    fragment dropped, percent-encoding normalised and query parameters sorted (w3lib), tracking
    parameters dropped."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(canonicalize_url(url))
        port = parts.port
    except ValueError:  # e.g. "http://[bad/" or a port out of range: keep it as it is
        return url
    netloc = parts.netloc
    if (parts.scheme, port) in (("http", 80), ("https", 443)):
        netloc = netloc.rpartition(":")[0]
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(p))
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


def _is_tracking(pair: str) -> bool:
    name = unquote(pair.partition("=")[0]).lower()
    return name in _TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def article_id(canonical_url: str | None, guid: str | None, title: str, text: str) -> str:
    """Stable id: ``u-`` + hash of the canonical URL, else ``g-`` + hash of the guid, else
    ``c-`` + hash of the normalised title and text. 16 hex digits each."""
    if canonical_url:
        return "u-" + _digest(canonical_url)[:16]
    if guid:
        return "g-" + _digest(guid)[:16]
    return "c-" + _digest(_normal(title), _normal(text))[:16]


def content_hash(title: str, text: str) -> str:
    """Hash of the visible content (normalised title and text), for change detection."""
    return _digest(_normal(title), _normal(text))[:32]


# --- near duplicates --------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
# The fingerprints' own sentence cut, not the matcher's (monitor.match.embed.SENTENCE_STOPS):
# fingerprints are stored, and a new cut would make every stored article's differ from its
# own copy fetched again.
_SENTENCE_END = re.compile(r"(?<=[.!?;؟。！？])\s+|\n+")


def fingerprints(text: str) -> tuple[int, ...]:
    """Hashes of the text's sentences of six words or more, normalised (case, punctuation,
    layout), in order, each once. Stable across processes (stored and compared later)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    found: dict[int, None] = {}
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence.casefold())
        if len(words) < _FINGERPRINT_MIN_WORDS:
            continue
        digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
        found[int.from_bytes(digest, "little")] = None
        if len(found) == _MAX_FINGERPRINTS:
            break
    return tuple(found)


def boilerplate(prints: Iterable[tuple[int, ...]]) -> frozenset[int]:
    """The fingerprints that occur in two or more different texts of one feed's poll: the
    publisher's footer or standing disclaimer, not evidence of a story. Three stories sharing a
    three-sentence footer otherwise share 3 of their 5 sentences and are taken for one. Texts
    with the very same fingerprints count once, so a story listed twice (two URLs) is still
    recognised as one."""
    seen: set[int] = set()
    recurring: set[int] = set()
    for text in {frozenset(p) for p in prints}:
        for h in text:
            if h in seen:
                recurring.add(h)
            else:
                seen.add(h)
    return frozenset(recurring)


def story_share(shared: int, size_a: int, size_b: int) -> float:
    """The share that decides sameness, from counts (the store has counts, not sets): shared
    sentences of the larger set, 0 when either text is too short to judge."""
    if min(size_a, size_b) < NEAR_DUPLICATE_MIN_SENTENCES:
        return 0.0
    return shared / max(size_a, size_b)


# --- entries to articles ----------------------------------------------------------------------


def article_from_entry(entry: Entry, *, feed_url: str) -> Article | None:
    """Clean one feed entry into an Article; None when it has neither title nor text."""
    title = entry.title
    if not title.isprintable():  # control characters are never text (feedparser keeps them)
        title = _TITLE_BREAKS.sub(" ", _CONTROL.sub("", title))
    title = title.strip()
    if title and not title.isascii():
        title = fix_mojibake(title)
    title = without_source(title, entry.source)
    text = html_to_text(entry.content_html) if entry.content_html else ""
    if not text:
        text = html_to_text(entry.summary_html)
    text = remove_repeated_paragraphs(text)
    # Many feeds repeat the headline as the first line of the body (an aggregator with its
    # source's name after it: Google News's "Houthis strike ship  Reuters").
    first, _, rest = text.partition("\n")
    if title and _normal(first) in (_normal(title), _normal(f"{title} {entry.source}")):
        text = rest.strip()
    if not title and not text:
        return None
    url = canonical_url(entry.link) if entry.link else ""
    # A guid is only unique within its feed, so it is scoped by the feed URL.
    guid = f"{feed_url}\n{entry.guid}" if entry.guid else None
    return Article(
        id=article_id(url or None, guid, title, text),
        url=url,
        title=title,
        text=text,
        published=entry.published or entry.updated,
        content_hash=content_hash(title, text),
        fingerprints=fingerprints(text),
        declared_language=entry.language,
    )


def extract_main_text(page: bytes | str, *, url: str) -> str | None:
    """Main text of an article page (trafilatura, no network), paragraphs separated by blank
    lines; None when nothing usable is found."""
    import trafilatura  # deferred: slow to import and only used in full_text mode

    found = trafilatura.extract(
        page,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    if not found:
        return None
    text = remove_repeated_paragraphs(
        "\n\n".join(line.strip() for line in found.split("\n") if line.strip())
    )
    text = fix_mojibake(text) if not text.isascii() else text
    return text or None
