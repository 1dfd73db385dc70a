"""Schema migrations on both backends: databases written by released versions (files kept in
tests/fixtures, made by the code of their time) are upgraded in place and lose nothing; the
frozen steps build the live schema; processes opening one empty database at once all succeed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, create_engine, inspect, select, text
from sqlalchemy.engine import Engine

from monitor.store import SCHEMA_VERSION, Store
from monitor.store.migrations import MIGRATIONS
from monitor.store.schema import meta, metadata, url_hash

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


def shape(engine: Engine) -> dict[str, Any]:
    """Tables, columns (type, nullability), indexes, unique constraints and foreign keys."""
    found = inspect(engine)
    out: dict[str, Any] = {}
    for table in sorted(found.get_table_names()):
        out[table] = {
            "columns": sorted(
                (c["name"], str(c["type"]).split("(")[0], c["nullable"])
                for c in found.get_columns(table)
            ),
            "indexes": sorted(
                (tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes(table)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
            "foreign": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], f["options"].get("ondelete"))
                for f in found.get_foreign_keys(table)
            ),
        }
    return out


def test_migrating_from_nothing_builds_the_live_schema(new_db: Callable[[], str]) -> None:
    migrated, live = new_db(), new_db()
    Store.open(migrated).close()
    live_engine = create_engine(live)
    if live.startswith("sqlite"):
        Path(live_engine.url.database or "").parent.mkdir(parents=True, exist_ok=True)
    metadata.create_all(live_engine)
    migrated_engine = create_engine(migrated)
    try:
        assert shape(migrated_engine) == shape(live_engine)
    finally:
        migrated_engine.dispose()
        live_engine.dispose()


def rows(engine: Engine, table: str) -> list[dict[str, Any]]:
    found = MetaData()
    found.reflect(engine, only=[table])
    t = found.tables[table]
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(t).order_by(*t.primary_key))]


def copy_into(source: Engine, target: Engine, version: int) -> None:
    """A database of schema ``version`` on ``target`` (PostgreSQL) with the fixture's rows:
    built by the frozen steps, as that release would have."""
    with target.begin() as conn:
        meta.create(conn)
        for step in range(1, version + 1):
            MIGRATIONS[step](conn)
        old = MetaData()
        old.reflect(conn)
        for table in old.sorted_tables:
            data = rows(source, table.name)
            if data:
                conn.execute(table.insert(), data)
        for table in ("feeds", "article_sources", "feedback"):  # serial counters move on
            if table in old.tables:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )


# v5, PostgreSQL: autovacuum comes after each day's prune, not after four (see migrations).
PRUNED_AUTOVACUUM = {
    table: ["autovacuum_vacuum_scale_factor=0.02"]
    for table in (
        "article_sources",
        "articles",
        "deliveries",
        "embeddings",
        "fingerprints",
        "matches",
    )
}


def autovacuum_options(engine: Engine) -> dict[str, list[str]]:
    """PostgreSQL: each table's storage parameters (pg_class.reloptions), where it has any."""
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT relname, reloptions FROM pg_class WHERE relkind = 'r' "
                "AND relnamespace = 'public'::regnamespace AND reloptions IS NOT NULL"
            )
        ).all()
    return {r.relname: list(r.reloptions) for r in found}


def test_a_new_postgresql_database_has_autovacuum_tuned_for_prunes(pg_url: str) -> None:
    Store.open(pg_url).close()
    engine = create_engine(pg_url)
    try:
        assert autovacuum_options(engine) == PRUNED_AUTOVACUUM
    finally:
        engine.dispose()


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_a_database_of_a_released_version_is_upgraded_in_place_and_keeps_everything(
    version: int, new_db: Callable[[], str], tmp_path: Path
) -> None:
    db_url = new_db()
    fixture = tmp_path / f"v{version}.db"
    shutil.copy(FIXTURES / f"schema-v{version}.db", fixture)
    source = create_engine(f"sqlite:///{fixture}")
    tables = ["feeds", "articles", "fingerprints", "article_sources", "embeddings", "matches"]
    tables += ["deliveries", "digests"] + (["feedback"] if version >= 2 else [])
    before = {t: rows(source, t) for t in tables}
    assert before["articles"] and before["deliveries"] and before["matches"]
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{fixture}"  # the file itself, upgraded in place
    else:
        url = db_url
        target = create_engine(url)
        copy_into(source, target, version)
        target.dispose()
    source.dispose()

    store = Store.open(url)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        after_engine = create_engine(url)
        after = {t: rows(after_engine, t) for t in tables}
        after_engine.dispose()
        for table in tables:
            kept = [{k: r[k] for k in before[table][0]} for r in after[table]]
            assert kept == before[table], table
        assert [r["url_hash"] for r in after["articles"]] == [
            url_hash(r["url"]) for r in before["articles"]
        ]
        assert all(r["lease_owner"] is None for r in after["deliveries"])
        # v5: the articles with vectors are embedded; the one without is the embed backlog.
        assert [r["embedded"] for r in after["articles"]] == [True, True, False]
        assert [a[0] for a in store.articles_to_embed(10)] == ["a2"]
        assert store.embed_backlog() == 1
        # The upgraded database reads as before: the sent delivery stays sent.
        assert store.delivery_counts() == {"pending": 1, "sent": 1}
        assert sorted(a["id"] for a in store.export_articles()) == ["a0", "a1", "a2"]
        assert all(r["text_dropped"] is None for r in after["articles"])  # v5: texts kept
        # v6: no stored feed asks for pages of summaries; none has been measured yet.
        assert [(f.full_text, f.text_chars, f.summaries) for f in store.feeds()] == [
            (False, None, False)
        ] * 2
        # v7: no feed declared a language for the articles stored before.
        assert [r["declared_language"] for r in after["articles"]] == [None] * 3
        assert [a.declared_language for a in store.articles_to_embed(10)] == [None]
        # v8: a label keeps its stored article's language (v3 gave the articles one).
        if version >= 2:
            assert [(lab.item, lab.language) for lab in store.feedback.labels()] == [
                ("a0", "en" if version >= 3 else None)
            ]
            # v9: no label keeps a zero-shot score yet (the next learning scores and keeps it).
            assert [(lab.zero_shot, lab.zero_shot_by) for lab in store.feedback.labels()] == [
                (None, None)
            ]
            store.feedback.keep_zero_shot("m", {lab.id: 0.25 for lab in store.feedback.labels()})
            assert [(lab.zero_shot, lab.zero_shot_by) for lab in store.feedback.labels()] == [
                (0.25, "m")
            ]
    finally:
        store.close()
    # Opened again: nothing to do. Its schema is a new database's, foreign keys included.
    Store.open(url).close()
    fresh = new_db()
    Store.open(fresh).close()
    upgraded_engine, fresh_engine = create_engine(url), create_engine(fresh)
    try:
        assert shape(upgraded_engine) == shape(fresh_engine)
        if upgraded_engine.dialect.name == "postgresql":
            assert autovacuum_options(upgraded_engine) == PRUNED_AUTOVACUUM
            assert autovacuum_options(fresh_engine) == PRUNED_AUTOVACUUM
    finally:
        upgraded_engine.dispose()
        fresh_engine.dispose()


def test_processes_opening_an_empty_database_at_once_all_succeed(
    new_db: Callable[[], str],
) -> None:
    for _ in range(2):
        url = new_db()
        script = (
            "import sys\n"
            "from monitor.domain import Feed\n"
            "from monitor.store import Store\n"
            "s = Store.open(sys.argv[1])\n"
            "s.sync_feeds([Feed(f'https://e.org/{i}.rss', every_s=60) for i in range(50)])\n"
            "print(s.schema_version(), len(s.feeds()))\n"
        )
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", script, url],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [p.communicate(timeout=120) for p in procs]
        for proc, (out, err) in zip(procs, results, strict=True):
            assert proc.returncode == 0, err[-2000:]
            assert out.split() == [str(SCHEMA_VERSION), "50"]
