"""Embedding and match rows: the vectors of each article and the matches found in them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
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
    conn: Connection, model: str, vectors: Sequence[tuple[str, bytes]], now: datetime
) -> None:
    """Store each article's vectors, replacing older ones: an upsert, so two workers that
    embedded the same article (a lease that ran out) do not collide."""
    if not vectors:
        return
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
        [{"article_id": i, "model": model, "vectors": v, "created": now} for i, v in vectors],
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


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(matches)).scalar() or 0)
