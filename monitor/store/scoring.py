"""Embedding and match rows: the vectors of each article and the matches found in them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from monitor.domain import Match
from monitor.store.schema import (
    articles,
    batched,
    chunks,
    db_time,
    embeddings,
    matches,
    upsert,
)


def replace_vectors(
    conn: Connection,
    model: str,
    vectors: Sequence[tuple[str, bytes]],
    now: datetime,
    models: Mapping[str, str],
    languages: Mapping[str, str],
) -> None:
    """Vectors by ``model``, or by ``models[article_id]`` where another model made them (the
    articles leave the embed backlog); each article's detected language in ``languages``. An
    upsert, so two workers that embedded the same article (a lease that ran out) do not
    collide."""
    if vectors:
        insert = upsert(conn, embeddings)
        conn.execute(
            insert.on_conflict_do_update(
                index_elements=[embeddings.c.article_id],
                set_={
                    "model": insert.excluded.model,
                    "vectors": insert.excluded.vectors,
                    "created": insert.excluded.created,
                },
            ),
            [
                {"article_id": i, "model": models.get(i, model), "vectors": v, "created": now}
                for i, v in vectors
            ],
        )
    for chunk in chunks([article_id for article_id, _ in vectors]):
        conn.execute(articles.update().where(articles.c.id.in_(chunk)).values(embedded=True))
    by_language: dict[str, list[str]] = {}
    for article_id, language in languages.items():
        by_language.setdefault(language, []).append(article_id)
    for language, same in by_language.items():
        for chunk in chunks(same):
            conn.execute(
                articles.update().where(articles.c.id.in_(chunk)).values(language=language)
            )


def add_new_matches(
    conn: Connection, found: Sequence[Match], origin: str, now: datetime
) -> list[Match]:
    """Insert the positive matches not recorded yet for their (article, topic); returns them.
    ON CONFLICT DO NOTHING: of two workers recording the same match, one gets it as new."""
    fresh: dict[tuple[str, str], Match] = {}
    for m in found:
        if m.matched:
            fresh.setdefault((m.article_id, m.topic_id), m)
    if not fresh:
        return []
    inserted: set[tuple[str, str]] = set()
    for chunk in chunks(list(fresh.values())):
        statement = (
            upsert(conn, matches)
            .values(
                [
                    {
                        "article_id": m.article_id,
                        "topic_id": m.topic_id,
                        "score": m.score,
                        "evidence": json.dumps(m.evidence, ensure_ascii=False),
                        "origin": origin,
                        "created": now,
                    }
                    for m in chunk
                ]
            )
            .on_conflict_do_nothing(index_elements=[matches.c.article_id, matches.c.topic_id])
            .returning(matches.c.article_id, matches.c.topic_id)
        )
        inserted.update((r.article_id, r.topic_id) for r in conn.execute(statement))
    return [m for key, m in fresh.items() if key in inserted]


def iter_vectors(
    conn: Connection, model: str, since: datetime | None, batch: int
) -> Iterator[list[tuple[str, bytes]]]:
    query = select(embeddings.c.article_id, embeddings.c.vectors).where(embeddings.c.model == model)
    if since is not None:
        query = query.join(articles, articles.c.id == embeddings.c.article_id).where(
            articles.c.fetched >= db_time(since)
        )
    for rows in batched(conn.execute(query.execution_options(stream_results=True)), batch):
        yield [(r.article_id, r.vectors) for r in rows]


def matches_for(conn: Connection, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Match]:
    wanted = set(pairs)
    out: dict[tuple[str, str], Match] = {}
    for chunk in chunks(sorted({a for a, _ in wanted})):
        for r in conn.execute(select(matches).where(matches.c.article_id.in_(chunk))):
            if (r.article_id, r.topic_id) in wanted:
                out[(r.article_id, r.topic_id)] = Match(
                    r.article_id, r.topic_id, r.score, True, json.loads(r.evidence)
                )
    return out


def matches_since(
    conn: Connection, since: datetime, topic_ids: Sequence[str] | None, *, backfilled: bool
) -> list[Match]:
    """Matches recorded at or after ``since`` (of ``topic_ids`` only, unless None; those of
    ``monitor backfill`` only if ``backfilled``), oldest first."""
    query = select(matches).where(matches.c.created >= db_time(since))
    if not backfilled:
        query = query.where(matches.c.origin != "backfill")
    if topic_ids is not None:
        query = query.where(matches.c.topic_id.in_(list(topic_ids)))
    rows = conn.execute(query.order_by(matches.c.created, matches.c.article_id, matches.c.topic_id))
    return [Match(r.article_id, r.topic_id, r.score, True, json.loads(r.evidence)) for r in rows]


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(matches)).scalar() or 0)
