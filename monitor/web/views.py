"""What each page and API answer shows, as plain data: matches with their reasons in words,
feeds with their health, labels recorded from a click."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from monitor.deliver import reason
from monitor.deliver.digest import capped, clean_line, highlight, is_web_url
from monitor.domain import Article, Delivery, FeedHealth, Topic
from monitor.errors import InputError
from monitor.match.learn import Learned, shifted
from monitor.match.matcher import Matcher
from monitor.match.stage import label_stored
from monitor.run.logs import redact_url, redact_urls
from monitor.store import Store
from monitor.store.review import StoredMatch

TITLE_CHARS = 300


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def shown_time(value: datetime | None) -> str:
    if value is None:
        return "date unknown"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%d %b %Y %H:%M UTC")


def when(stamp: str | None) -> str:
    """An ISO time of the API as a page shows it: ``30 Nov 2026 04:01 UTC``."""
    if not stamp:
        return "–"
    return shown_time(datetime.fromisoformat(stamp))


def reasons(evidence: Mapping[str, Any], topic: Topic, topics: Mapping[str, Topic]) -> list[str]:
    """Why the matcher scored an article as it did, in words, strongest evidence first: the
    digest's reasons, then how close the text is in meaning and what the page can say beside
    (the topic's name not written, another watched topic named instead)."""
    out = reason.reasons(evidence, topic.name)
    semantic = evidence.get("semantic")
    z = evidence.get("semantic_z")
    if isinstance(semantic, int | float) and isinstance(z, int | float):
        if z >= 3:
            out.append(f"close to the topic's description (similarity {semantic:.2f})")
        elif z >= 1.5:
            out.append(f"somewhat close to the topic's description (similarity {semantic:.2f})")
        else:
            out.append(f"far from the topic's description (similarity {semantic:.2f})")
    if evidence.get("name_absent") and not evidence.get("other_name"):
        out.append("the topic's name is not written")
    other = evidence.get("other_sense")
    if other:
        named = ", ".join(topics[t].name if t in topics else t for t in other)
        out.append(f"names another watched topic instead: {named}")
    return out


def match_view(
    article: Article,
    topic: Topic,
    score: float,
    evidence: Mapping[str, Any],
    topics: Mapping[str, Topic],
    *,
    label: bool | None = None,
    created: datetime | None = None,
) -> dict[str, Any]:
    """One match as a page shows it and the API returns it (``snippet`` is for pages:
    (part, is_match) segments, each escaped by the template)."""
    passage = str(evidence.get("passage") or "")
    names = reason.names_found(evidence)
    return {
        "article": {
            "id": article.id,
            "url": article.url,
            "title": capped(clean_line(article.title), TITLE_CHARS) or "(untitled)",
            "published": iso(article.published),
            "sources": list(article.sources),
            "language": article.language,
        },
        "topic": topic.id,
        "score": round(score, 4),
        "matched_at": iso(created),
        "passage": passage,
        "reasons": reasons(evidence, topic, topics),
        "label": None if label is None else ("relevant" if label else "irrelevant"),
        "evidence": dict(evidence),
        # for pages only
        "link": is_web_url(article.url.strip()),
        "shown_time": shown_time(article.published or article.fetched),
        "snippet": highlight(passage, [*names, topic.name]) if passage else [],
    }


API_HIDDEN = ("link", "shown_time", "snippet")


def api_match(view: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in view.items() if k not in API_HIDDEN}


def stored_match_view(m: StoredMatch, topics: Mapping[str, Topic]) -> dict[str, Any] | None:
    topic = topics.get(m.topic_id)
    if topic is None:  # a topic since removed from the config
        return None
    return match_view(
        m.article, topic, m.score, m.evidence, topics, label=m.label, created=m.created
    )


def summaries_hint(f: FeedHealth) -> str | None:
    """What `monitor feeds` and the feeds page say of a feed whose entries are summaries
    (None for any other)."""
    if not f.summaries:
        return None
    return (
        f"entries are summaries (median {f.text_chars} characters): matching reads little of "
        "each story; full_text: auto reads their pages"
    )


def feed_view(f: FeedHealth) -> dict[str, Any]:
    """A feed as ``monitor feeds --json`` shows it: URL credentials hidden."""
    return {
        "id": f.id,
        "url": redact_url(f.url),
        "name": f.name,
        "configured_url": redact_url(f.configured_url),
        "health": f.state,
        "last_status": f.last_status,
        "last_error": f.last_error and redact_urls(f.last_error),
        "error_code": f.error_code,
        "warning": f.warning,
        "consecutive_failures": f.consecutive_failures,
        "last_attempt": iso(f.last_attempt),
        "last_success": iso(f.last_success),
        "next_due": iso(f.next_due),
        "items_seen": f.items_seen,
        "retired": f.retired,
        "full_text": f.full_text,
        "text_chars": f.text_chars,
        "summaries": f.summaries,
        "summaries_hint": summaries_hint(f),
    }


def delivery_view(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.id,
        "subscriber": d.subscriber,
        "channel": str(d.channel),
        "kind": str(d.kind),
        "status": str(d.status),
        "article_id": d.article_id,
        "topic": d.topic_id,
        "attempts": d.attempts,
        "last_error": d.last_error and redact_urls(d.last_error),
        "created": iso(d.created),
        "sent_at": iso(d.sent_at),
        "next_attempt": iso(d.next_attempt),
    }


def record_label(
    store: Store,
    matcher: Matcher,
    article_id: str,
    topic_id: str,
    relevant: bool,
    source: str,
) -> Article:
    """Label a stored article for a topic (``label_stored``, with the daemon's matcher) and
    return the article as the pages show it."""
    if topic_id not in matcher.index_of:
        raise InputError(f"no topic with id {topic_id!r}")
    if label_stored(store, article_id, topic_id, relevant, source, lambda: matcher) is None:
        raise LookupError(article_id)
    articles = store.articles_by_id([article_id])
    return articles[article_id]


def by_id(topics: Sequence[Topic]) -> dict[str, Topic]:
    return {t.id: t for t in topics}


def labels_view(learned: Learned | None, index: int, threshold: float) -> dict[str, Any] | None:
    """A topic's labels as its page shows them: how many of each verdict, and the zero-shot
    score the topic's shift makes its threshold act as (an article like one you corrected is
    moved further, and a near-identical one takes your label). None: the topic has none."""
    counts = learned.of_topic(index) if learned is not None else None
    if counts is None:
        return None
    relevant, irrelevant, shift = counts
    acts_as = float(shifted(threshold, -shift))  # where a shifted score crosses the threshold
    return {"relevant": relevant, "irrelevant": irrelevant, "acts_as": acts_as}
