"""Embedding and match rows: the vectors of each article and the matches found in them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from monitor.domain import Match
from monitor.store.schema import articles, batched, chunks, db_time, embeddings, matches


def replace_vectors(
    conn: Connection,
    model: str,
    vectors: Sequence[tuple[str, bytes]],
    now: datetime,
    models: Mapping[str, str],
    languages: Mapping[str, str],
) -> None:
    """Vectors by ``model``, or by ``models[article_id]`` where another model made them; each
    article's detected language in ``languages``."""
    ids = [article_id for article_id, _ in vectors]
    for chunk in chunks(ids):
        conn.execute(embeddings.delete().where(embeddings.c.article_id.in_(chunk)))
    if vectors:
        conn.execute(
            embeddings.insert(),
            [
                {"article_id": i, "model": models.get(i, model), "vectors": v, "created": now}
                for i, v in vectors
            ],
        )
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
    """Insert the positive matches not recorded yet for their (article, topic); returns them."""
    fresh: dict[tuple[str, str], Match] = {}
    for m in found:
        if m.matched:
            fresh.setdefault((m.article_id, m.topic_id), m)
    for chunk in chunks(sorted({m.article_id for m in fresh.values()})):
        for r in conn.execute(
            select(matches.c.article_id, matches.c.topic_id).where(matches.c.article_id.in_(chunk))
        ):
            fresh.pop((r.article_id, r.topic_id), None)
    if fresh:
        conn.execute(
            matches.insert(),
            [
                {
                    "article_id": m.article_id,
                    "topic_id": m.topic_id,
                    "score": m.score,
                    "evidence": json.dumps(m.evidence, ensure_ascii=False),
                    "origin": origin,
                    "created": now,
                }
                for m in fresh.values()
            ],
        )
    return list(fresh.values())


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
