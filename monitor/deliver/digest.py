"""Digest rendering, as text and HTML: one card per matched article, ranked by its best score,
with the topics it matched as labels, what matched marked in the article's own spelling and a
line saying why (:mod:`monitor.deliver.reason`).

Article text is untrusted. The HTML template is autoescaped; the highlighted snippet is handed
to it as (part, is_match) segments so every part is escaped by Jinja and only the ``<mark>``
tags come from the template. Links are only emitted for http(s) URLs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from monitor.deliver.feedback_links import FeedbackUrls
from monitor.deliver.reason import names_found, reason
from monitor.errors import ConfigError

TEMPLATES = Path(__file__).resolve().parent / "templates"
SNIPPET_CHARS = 320  # long enough for a sentence or two of context around the match
# Feeds are untrusted: a "title" of a megabyte made a digest no mail server would take. Every
# rendering (mail, webhook JSON, Slack) caps what an article supplies.
TITLE_CHARS = 300
PASSAGE_CHARS = 1000  # the evidence passage in webhook JSON; mail shows a SNIPPET_CHARS window
SUBJECT_TOPICS = 3  # topics named in the subject before "and N more"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class DigestItem:
    """One matched (article, topic) pair as the subscriber will see it. ``evidence`` holds at
    least ``passage`` (a text snippet) and ``alias`` (``{"alias": the topic's name that matched,
    "text": how the article spells it}``, or None)."""

    topic_id: str
    topic_name: str
    article_id: str
    url: str
    title: str
    published: datetime | None
    sources: tuple[str, ...]
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()  # the topic's other names, also marked where written
    feedback: FeedbackUrls | None = None  # the signed Relevant / Not relevant links


@dataclass(frozen=True)
class DigestSettings:
    """What the footer says about the digest itself: the subscriber's topics (empty: all of
    them), its schedule in words and its time zone."""

    topics: tuple[str, ...]
    schedule: str
    timezone: str
    review_url: str = ""  # the web UI's watchlist page, where matches are reviewed and marked


@dataclass(frozen=True)
class RenderedDigest:
    """``count`` is the number of distinct articles (one card each); ``topics`` the topic
    names, the topic of the best match first."""

    subject: str
    text: str
    html: str
    count: int
    topics: tuple[str, ...]


def render_digest(
    subscriber: str,
    items: Sequence[DigestItem],
    *,
    timezone: str,
    since: datetime | None,
    now: datetime,
    cap_per_topic: int,
    settings: DigestSettings | None = None,
) -> RenderedDigest:
    """Render the digest for one subscriber: one card per article, with the topics it matched
    as labels and a line saying why, best score first. Times are shown in ``timezone`` (an
    IANA name); ``since`` to ``now`` is the period covered. An article is shown when it is
    among the ``cap_per_topic`` best of one of its topics; the rest are counted per topic."""
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone {timezone!r}", key="digest.timezone") from None
    by_article: dict[str, list[DigestItem]] = {}
    by_topic: dict[str, list[DigestItem]] = {}
    for item in items:
        by_article.setdefault(item.article_id, []).append(item)
        by_topic.setdefault(item.topic_id, []).append(item)
    cards = sorted((sorted(c, key=_item_rank) for c in by_article.values()), key=_card_rank)
    shown_ids = {
        i.article_id for g in by_topic.values() for i in sorted(g, key=_item_rank)[:cap_per_topic]
    }
    shown = [c for c in cards if c[0].article_id in shown_ids]
    # Topics in the order of their best match; ties alphabetically, for stable output.
    firsts = sorted((sorted(g, key=_item_rank)[0] for g in by_topic.values()), key=_topic_rank)
    topics = tuple(clean_line(i.topic_name) for i in firsts)
    hidden = [
        {"name": clean_line(i.topic_name), "more": more}
        for i in firsts
        if (more := sum(j.article_id not in shown_ids for j in by_topic[i.topic_id]))
    ]
    count = len(cards)
    context = {
        "subscriber": clean_line(subscriber),
        "count": count,
        "topic_count": len(topics),
        "since": _when(since, tz) if since else None,
        "now": _when(now, tz),
        "cards": [_card_view(card, tz) for card in shown],
        "hidden": hidden,
        "settings": _settings_view(settings),
    }
    subject = digest_subject(count, topics)
    context["subject"] = subject
    return RenderedDigest(
        subject=subject,
        text=_env.get_template("digest.txt.j2").render(context),
        html=_env.get_template("digest.html.j2").render(context),
        count=count,
        topics=topics,
    )


def digest_subject(count: int, topics: Sequence[str]) -> str:
    """``Monitor: 12 articles on Yarmouk Valley, Jaish Khalid bin al-Waleed``."""
    if count == 0:
        return "Monitor: no new articles"
    noun = "article" if count == 1 else "articles"
    named = ", ".join(topics[:SUBJECT_TOPICS])
    if len(topics) > SUBJECT_TOPICS:
        rest = len(topics) - SUBJECT_TOPICS
        named += f" and {rest} more {'topic' if rest == 1 else 'topics'}"
    return f"Monitor: {count} {noun} on {named}"


def clean_line(text: str) -> str:
    """One line of untrusted text: no control or bidi-override characters, no line breaks."""
    return " ".join(_CONTROL.sub(" ", text).split())


def capped(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_web_url(url: str) -> bool:
    """Only http(s) URLs become links (no ``javascript:`` or ``data:`` from a feed)."""
    return url.lower().startswith(("http://", "https://"))


def highlight(
    passage: str, names: Sequence[str | None], width: int = SNIPPET_CHARS
) -> list[tuple[str, bool]]:
    """Split ``passage`` into (part, is_match) segments marking every place one of ``names``
    is written, case- and diacritic-insensitively, as whole words; cut to about ``width``
    characters around the first place of the first name found (``names`` in order of
    preference)."""
    passage = clean_line(passage)
    folded, index = _fold(passage)
    spans: list[tuple[int, int]] = []
    for name in names:
        tokens = re.findall(r"\w+", _fold(name or "")[0])
        if not tokens:
            continue
        pattern = r"(?<!\w)" + r"[\W_]+".join(map(re.escape, tokens)) + r"(?!\w)"
        spans += [(index[m.start()], index[m.end() - 1] + 1) for m in re.finditer(pattern, folded)]
    start, end = _window(passage, spans[0] if spans else (0, 0), width)
    segments: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    pos = start
    for s, e in sorted(spans):
        if s < pos or e > end:  # overlaps a longer name already marked, or outside the window
            continue
        segments += [(passage[pos:s], False), (passage[s:e], True)]
        pos = e
    segments.append((passage[pos:end], False))
    if end < len(passage):
        segments.append(("…", False))
    return [(text, hit) for text, hit in segments if text]


def _fold(text: str) -> tuple[str, list[int]]:
    """Case- and accent-folded ``text`` plus, per folded character, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                index.append(i)
    return "".join(out), index


def _window(text: str, span: tuple[int, int], width: int) -> tuple[int, int]:
    """About ``width`` characters of ``text`` around ``span``, cut at spaces."""
    if len(text) <= width:
        return 0, len(text)
    middle = (span[0] + span[1]) // 2
    start = max(0, min(middle - width // 2, len(text) - width))
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, span[0])
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", span[1], end)
        end = space if space != -1 else end
    return start, end


def text_lang(text: str) -> str:
    """The language of ``text`` where its script or its words tell it plainly ("ar", "he",
    "en"), else "" (unknown: better than inheriting the page's English for a French lead)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = _script(ch)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return ""
    script = max(counts, key=lambda k: counts[k])
    if script != "latin":
        return _SCRIPT_LANG.get(script, "")
    words = re.findall(r"[a-z]+", text.lower())
    english = sum(w in _ENGLISH for w in words)
    return "en" if words and english >= max(1, len(words) // 12) else ""


def lead(passage: str, title: str) -> str:
    """The passage without the title the matcher put in front of the first one (the lead),
    so a card shows the title once and the lead under it."""
    passage, title = clean_line(passage), clean_line(title)
    if title and passage.startswith(title) and len(passage) > len(title):
        return passage[len(title) :].lstrip(" .:;,-–—|")
    return passage


_SCRIPT_LANG = {"arabic": "ar", "hebrew": "he", "greek": "el", "hangul": "ko", "thai": "th"}
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "was",
        "for",
        "on",
        "with",
        "that",
        "by",
        "at",
        "from",
        "said",
        "as",
        "are",
        "were",
        "has",
        "have",
        "it",
        "its",
        "after",
        "over",
    ]
)


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "ARABIC", "HEBREW", "CYRILLIC", "GREEK", "HANGUL", "THAI"):
        if name.startswith(script):
            return script.lower()
    return "other"


def _item_rank(item: DigestItem) -> tuple[float, float, str, str]:
    stamp = item.published.timestamp() if item.published else 0.0
    return (-item.score, -stamp, item.article_id, item.topic_name.casefold())


def _card_rank(card: list[DigestItem]) -> tuple[float, float, str, str]:
    """A card (its items best first) ranks by its best score, then newest first."""
    return _item_rank(card[0])


def _topic_rank(best: DigestItem) -> tuple[float, str]:
    return (-best.score, best.topic_name.casefold())


def _when(moment: datetime, tz: ZoneInfo) -> str | None:
    if moment.tzinfo is None:  # the store keeps UTC; a naive value means UTC
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(tz).strftime("%a %d %b %Y, %H:%M %Z")
    except OverflowError:  # year 1 or 9999, stored before dates were checked: unknown
        return None


def _card_view(card: list[DigestItem], tz: ZoneInfo) -> dict[str, Any]:
    """One article: what the card shows once (title, source, lead) and, per topic it matched
    (best first), the topic's label, score and why (``matched``: one entry per item, where
    anything said about one (article, topic) pair belongs)."""
    best = card[0]
    names = [n for i in card for n in (*names_found(i.evidence), i.topic_name, *i.aliases)]
    title = capped(clean_line(best.title), TITLE_CHARS) or "(untitled)"
    # The snippet is the best match's passage, unless another topic's names the article.
    with_name = [i for i in card if names_found(i.evidence) and i.evidence.get("passage")]
    source = with_name[0] if with_name else best
    passage = lead(str(source.evidence.get("passage") or ""), best.title)
    snippet = highlight(passage, names) if passage else []
    matched = [
        {
            "id": i.topic_id,
            "name": clean_line(i.topic_name),
            "score": f"{i.score:.2f}",
            "why": _labelled_reason(i, single=len(card) == 1),
            "feedback": i.feedback,  # the signed Relevant / Not relevant links, or None
        }
        for i in card
    ]
    return {
        "article_id": best.article_id,
        "title": highlight(title, names, width=TITLE_CHARS),
        "title_text": title,  # plain: asterisks in a bulleted headline read as noise
        # The language the matcher detected (evidence before it was recorded: from the text).
        "lang": str(best.evidence.get("language") or text_lang(f"{title} {passage}")),
        "url": clean_line(best.url),
        "link": is_web_url(best.url.strip()),
        "sources": ", ".join(clean_line(s) for s in best.sources if s.strip()),
        "published": _when(best.published, tz) if best.published else None,
        "matched": matched,
        "labels_text": " ".join(f"[{m['name']} {m['score']}]" for m in matched),
        "snippet": snippet,
        "snippet_text": _marked_text(snippet),
    }


def _marked_text(segments: list[tuple[str, bool]]) -> str:
    """The plain-text part's marking: what matched between asterisks."""
    return "".join(f"*{part}*" if hit else part for part, hit in segments)


def _labelled_reason(item: DigestItem, single: bool) -> str:
    """The reason, preceded by the topic's name on a card of several topics unless it names
    the topic itself."""
    why, name = reason(item.evidence, item.topic_name), clean_line(item.topic_name)
    return why if single or name in why else f"{name} — {why}"


def _settings_view(settings: DigestSettings | None) -> dict[str, str] | None:
    if settings is None:
        return None
    return {
        "topics": ", ".join(clean_line(t) for t in settings.topics) or "all topics",
        "schedule": settings.schedule,
        "timezone": settings.timezone,
        "review_url": settings.review_url,
    }
