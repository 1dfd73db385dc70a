"""The analyst's labels: (article or text, topic, relevant or not), with where they came from.

A label keeps the title, the text and the passage vectors of what was labeled, so that it
survives the article's deletion and learning from it needs no embedding. ``item`` is the
labeled thing's identity: the article id, or an imported text's own id; a new label for the
same (item, topic) replaces the older one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    bindparam,
    func,
    select,
    tuple_,
)

from monitor.errors import StoreError
from monitor.store.schema import articles, chunks, embeddings, feedback, naive, utcnow

if TYPE_CHECKING:
    from monitor.store.store import Store

SOURCES = ("cli", "import", "email", "ui")


@dataclass(frozen=True)
class Label:
    item: str
    topic_id: str
    relevant: bool
    source: str
    title: str
    text: str
    model: str
    vectors: bytes
    article_id: str | None = None
    created: datetime | None = None  # set by the store
    id: int | None = None  # set by the store; grows with every new label
    # The language ``vectors`` were read in, as the embed stage detected it, and the one the
    # article's feed declared (None: unknown, read again from the label's own text).
    language: str | None = None
    declared_language: str | None = None
    # Its zero-shot score for its topic and the matcher that scored it (``Matcher.fingerprint``):
    # given by whoever scored it (``monitor feedback import``), or kept by learning
    # (:meth:`FeedbackStore.keep_zero_shot`); None until then.
    zero_shot: float | None = None
    zero_shot_by: str | None = None


@dataclass(frozen=True)
class StoredArticle:
    """What a label on a stored article copies: its text and, once embedded, its vectors."""

    id: str
    title: str
    text: str
    model: str | None
    vectors: bytes | None
    language: str | None = None  # as the embed stage detected it (None before it ran)
    declared_language: str | None = None  # as its feed declared it


class FeedbackStore:
    """The labels' part of the :class:`~monitor.store.store.Store`, in its transactions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, labels: Sequence[Label], now: datetime | None = None) -> int:
        """Store labels in one transaction, each replacing any older label of its (item,
        topic); the replacement gets a new id, so :meth:`marker` sees it. Returns the count."""
        bad = sorted({lab.source for lab in labels} - set(SOURCES))
        if bad:
            raise StoreError(f"unknown label source {bad[0]!r} (one of {', '.join(SOURCES)})")
        latest = {(lab.item, lab.topic_id): lab for lab in labels}  # later lines win
        now_db = naive(now or utcnow())
        with self.store._write() as conn:
            for chunk in chunks(list(latest)):
                conn.execute(
                    feedback.delete().where(tuple_(feedback.c.item, feedback.c.topic_id).in_(chunk))
                )
            if latest:
                conn.execute(
                    feedback.insert(),
                    [
                        {
                            "item": lab.item,
                            "article_id": lab.article_id,
                            "topic_id": lab.topic_id,
                            "relevant": lab.relevant,
                            "source": lab.source,
                            "title": lab.title,
                            "text": lab.text,
                            "model": lab.model,
                            "vectors": lab.vectors,
                            "created": now_db,
                            "language": lab.language,
                            "declared_language": lab.declared_language,
                            "zero_shot": lab.zero_shot,
                            "zero_shot_by": lab.zero_shot_by,
                        }
                        for lab in latest.values()
                    ],
                )
        return len(latest)

    def labels(self, topic_id: str | None = None) -> list[Label]:
        """Every label (of one topic), oldest first."""
        query = select(feedback).order_by(feedback.c.id)
        if topic_id is not None:
            query = query.where(feedback.c.topic_id == topic_id)
        with self.store._read() as conn:
            return [
                Label(
                    item=r.item,
                    topic_id=r.topic_id,
                    relevant=bool(r.relevant),
                    source=r.source,
                    title=r.title,
                    text=r.text,
                    model=r.model,
                    vectors=r.vectors,
                    article_id=r.article_id,
                    created=r.created.replace(tzinfo=UTC),
                    id=r.id,
                    language=r.language,
                    declared_language=r.declared_language,
                    zero_shot=r.zero_shot,
                    zero_shot_by=r.zero_shot_by,
                )
                for r in conn.execute(query)
            ]

    def keep_zero_shot(self, by: str, scores: Mapping[int, float]) -> None:
        """Keep the zero-shot scores (by label id) that the matcher ``by`` gave labels, in one
        transaction. A label replaced since it was read (its id gone) keeps nothing."""
        if not scores:
            return
        with self.store._write() as conn:
            conn.execute(
                feedback.update()
                .where(feedback.c.id == bindparam("label_id"))
                .values(zero_shot=bindparam("score"), zero_shot_by=by),
                [{"label_id": i, "score": score} for i, score in scores.items()],
            )

    def marker(self) -> tuple[int, int]:
        """(count, highest id): changes whenever a label is added, replaced or removed. One
        cheap query, so the daemon can ask before every batch."""
        with self.store._read() as conn:
            row = conn.execute(select(func.count(), func.max(feedback.c.id))).one()
        return int(row[0] or 0), int(row[1] or 0)

    def articles(self, ids: Sequence[str]) -> dict[str, StoredArticle]:
        """Stored articles among ``ids``, with their vectors where they have been embedded.
        An article whose text retention dropped is not among them: a label needs the text."""
        out: dict[str, StoredArticle] = {}
        query = (
            select(
                articles.c.id,
                articles.c.title,
                articles.c.text,
                embeddings.c.model,
                embeddings.c.vectors,
                articles.c.language,
                articles.c.declared_language,
            )
            .outerjoin(embeddings, embeddings.c.article_id == articles.c.id)
            .where(articles.c.text_dropped.is_(None))
        )
        with self.store._read() as conn:
            for chunk in chunks(list(dict.fromkeys(ids))):
                for r in conn.execute(query.where(articles.c.id.in_(chunk))):
                    out[r.id] = StoredArticle(*r)
        return out
