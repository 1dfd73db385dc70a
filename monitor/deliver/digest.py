"""Digest rendering: matched items grouped by topic, ranked by score, as text and HTML.

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
    feedback: FeedbackUrls | None = None  # the signed Relevant / Not relevant links


@dataclass(frozen=True)
class RenderedDigest:
    """``count`` is the number of distinct articles; ``topics`` the topic names, in order."""

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
) -> RenderedDigest:
    """Render the digest for one subscriber. Times are shown in ``timezone`` (an IANA name)."""
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone {timezone!r}", key="digest.timezone") from None
    groups: dict[str, list[DigestItem]] = {}
    for item in items:
        groups.setdefault(item.topic_id, []).append(item)
    ranked = [sorted(g, key=_item_rank) for g in groups.values()]
    # The topic with the strongest match leads; ties go alphabetically for stable output.
    ranked.sort(key=lambda g: (-g[0].score, g[0].topic_name.casefold()))
    topics = tuple(clean_line(g[0].topic_name) for g in ranked)
    count = len({item.article_id for item in items})
    context = {
        "subscriber": clean_line(subscriber),
        "count": count,
        "since": _when(since, tz) if since else None,
        "now": _when(now, tz),
        "groups": [_group_view(g, tz, cap_per_topic) for g in ranked],
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
    """Split ``passage`` into (part, is_match) segments around the first of ``names`` found,
    case- and diacritic-insensitively, cut to about ``width`` characters around the match."""
    passage = clean_line(passage)
    folded, index = _fold(passage)
    spans: list[tuple[int, int]] = []
    for name in names:
        tokens = re.findall(r"\w+", _fold(name or "")[0])
        if not tokens:
            continue
        pattern = r"(?<!\w)" + r"[\W_]+".join(map(re.escape, tokens)) + r"(?!\w)"
        spans = [(index[m.start()], index[m.end() - 1] + 1) for m in re.finditer(pattern, folded)]
        if spans:
            break
    start, end = _window(passage, spans[0] if spans else (0, 0), width)
    segments: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    pos = start
    for s, e in spans:
        if s < pos or e > end:
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


def _item_rank(item: DigestItem) -> tuple[float, float, str]:
    stamp = item.published.timestamp() if item.published else 0.0
    return (-item.score, -stamp, item.article_id)


def _when(moment: datetime, tz: ZoneInfo) -> str | None:
    if moment.tzinfo is None:  # the store keeps UTC; a naive value means UTC
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(tz).strftime("%a %d %b %Y, %H:%M %Z")
    except OverflowError:  # year 1 or 9999, stored before dates were checked: unknown
        return None


def _group_view(group: list[DigestItem], tz: ZoneInfo, cap: int) -> dict[str, Any]:
    shown = group[: max(cap, 0)]
    return {
        "id": group[0].topic_id,
        "name": clean_line(group[0].topic_name),
        "total": len(group),
        "more": len(group) - len(shown),
        "items": [_item_view(item, tz) for item in shown],
    }


def _matched_names(evidence: dict[str, Any]) -> list[str]:
    """The name the matcher found, as the article spells it first ("Jaysh Khalid ibn
    al-Walid"), then as the topic lists it: ``evidence["alias"]`` is ``{"alias", "text"}``."""
    alias = evidence.get("alias")
    if not isinstance(alias, dict):
        return []
    return [str(alias[key]) for key in ("text", "alias") if alias.get(key)]


def _item_view(item: DigestItem, tz: ZoneInfo) -> dict[str, Any]:
    passage = str(item.evidence.get("passage") or "")
    return {
        "title": capped(clean_line(item.title), TITLE_CHARS) or "(untitled)",
        "url": clean_line(item.url),
        "link": is_web_url(item.url.strip()),
        "sources": ", ".join(clean_line(s) for s in item.sources if s.strip()),
        "published": _when(item.published, tz) if item.published else None,
        "score": f"{item.score:.2f}",
        "snippet": highlight(passage, [*_matched_names(item.evidence), item.topic_name])
        if passage
        else [],
        "feedback": item.feedback,  # feedback links (or None)
    }
