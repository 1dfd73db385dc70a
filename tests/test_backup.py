"""``monitor backup FILE``: a consistent copy of a SQLite database taken while another handle
writes to it; restored (copied in place), ``monitor export`` gives exactly the source's
export. On PostgreSQL: one line saying to use pg_dump, with the command."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url

from monitor.cli import main
from monitor.domain import Article, Feed, FeedPoll
from monitor.store import Store
from tests.pg import fresh_database

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
BATCH = 5  # articles per writer transaction
WORDS = "Fighting resumed near the dam on the river as both sides brought up reinforcements. "


def batch(store: Store, key: str, n: int, when: datetime) -> None:
    [feed] = store.feeds()
    arts = tuple(
        Article(
            id=f"{key}-{i}",
            url=f"https://e.example.org/{key}/{i}",
            title=f"Story {key}-{i}",
            text=f"{WORDS * 12} {key}-{i}",
            published=when,
            content_hash=f"{key}-{i}",
        )
        for i in range(n)
    )
    store.record_poll(FeedPoll(feed, 200, arts, attempted=when, next_due=when))


def export(config: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["export", "-c", str(config)]) == 0
    return capsys.readouterr().out.splitlines()


def test_backup_while_writing_restores_to_an_identical_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "monitor.db"
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: sqlite:///{db}\n")
    store = Store.open(f"sqlite:///{db}")
    store.sync_feeds([Feed("https://e.example.org/rss", every_s=60)], NOW)
    for k in range(20):  # some megabytes, so the copy takes a while
        batch(store, f"seed{k}", 100, NOW + timedelta(seconds=k))

    # Another handle (as the daemon would) writes a batch of articles per transaction.
    writer = Store.open(f"sqlite:///{db}")
    stop, written = threading.Event(), []

    def write() -> None:
        while not stop.is_set():
            n = len(written)
            batch(writer, f"w{n:04d}", BATCH, NOW + timedelta(minutes=1, seconds=n))
            written.append(n)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        while len(written) < 3:
            stop.wait(0.01)
        before = len(written)
        copy = tmp_path / "copy.db"
        assert main(["backup", str(copy), "-c", str(config)]) == 0
        assert capsys.readouterr().out.startswith(f"backed up to {copy} (")
        while len(written) < before + 3:  # the writer went on meanwhile
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join()
        writer.close()

    # The copy is one instant of the database: whole transactions, the earliest ones.
    restored = tmp_path / "restored" / "monitor.db"
    restored.parent.mkdir()
    shutil.copy(copy, restored)  # restore: copy it in place
    restored_config = tmp_path / "restored.yaml"
    restored_config.write_text(f"storage: sqlite:///{restored}\n")
    copied = export(restored_config, capsys)
    source = export(config, capsys)
    batches = sorted({line.split('"id": "')[1].split("-")[0] for line in copied})
    writes = [b for b in batches if b.startswith("w")]
    assert writes == [f"w{n:04d}" for n in range(len(writes))]
    assert before <= len(writes) < len(written)
    assert len(copied) == 20 * 100 + BATCH * len(writes)
    wanted = set(batches)
    assert copied == [line for line in source if line.split('"id": "')[1].split("-")[0] in wanted]

    # Nothing writing: the copy's export is the source's, line for line.
    assert main(["backup", str(copy), "-c", str(config)]) == 2
    assert "exists; give --force to overwrite it" in capsys.readouterr().err
    assert main(["backup", str(copy), "--force", "-c", str(config)]) == 0
    capsys.readouterr()
    shutil.copy(copy, restored)
    assert export(restored_config, capsys) == source
    store.close()


def test_backup_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: sqlite:///{tmp_path}/monitor.db\n")
    assert main(["backup", str(tmp_path / "no" / "copy.db"), "-c", str(config)]) == 2
    err = capsys.readouterr().err
    assert err == f"monitor: cannot back up to {tmp_path}/no/copy.db: no folder {tmp_path}/no\n"
    assert main(["backup", str(tmp_path), "-c", str(config)]) == 2
    assert capsys.readouterr().err == f"monitor: cannot back up to {tmp_path}: it is a folder\n"
    assert not list(tmp_path.glob(".*partial"))


def test_backup_on_postgresql_says_to_use_pg_dump_and_that_command_restores(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: {pg_url}\n")
    store = Store.open(pg_url)
    store.sync_feeds([Feed("https://e.example.org/rss", every_s=60)], NOW)
    batch(store, "a", 7, NOW)
    server_major = int(store.engine.dialect.server_version_info[0])  # type: ignore[index]
    store.close()
    dump = tmp_path / "copy.dump"
    assert main(["backup", str(dump), "-c", str(config)]) == 2
    err = capsys.readouterr().err
    said = "monitor: monitor backup copies SQLite databases; back up PostgreSQL with pg_dump: "
    assert err.startswith(f"{said}pg_dump -Fc -f {dump} -d '") and err.count("\n") == 1
    assert f"dbname={make_url(pg_url).database}'" in err
    assert not dump.exists()

    # The command it gives works, and pg_restore into an empty database gives the same export.
    tools = pg_tools(server_major)
    if tools is None:
        pytest.skip(f"no pg_dump/pg_restore of PostgreSQL {server_major} or newer")
    command = err[len(said) :].strip().replace("pg_dump", str(tools / "pg_dump"), 1)
    subprocess.run(command, shell=True, check=True, timeout=120)
    with fresh_database() as restored_url:
        subprocess.run(
            [tools / "pg_restore", "--no-owner", "-d", pg_libpq_url(restored_url), dump],
            check=True,
            timeout=120,
        )
        restored = tmp_path / "restored.yaml"
        restored.write_text(f"storage: {restored_url}\n")
        copied = export(restored, capsys)
    assert copied == export(config, capsys) and len(copied) == 7


def pg_tools(major: int) -> Path | None:
    """A folder with pg_dump and pg_restore of at least the server's major version: the
    system's, else the pgserver wheel's."""
    for folder in _tool_folders():
        dump = folder / "pg_dump"
        if not dump.is_file() or not (folder / "pg_restore").is_file():
            continue
        version = subprocess.run([dump, "--version"], capture_output=True, text=True).stdout
        if int(version.split(")")[1].split(".")[0]) >= major:
            return folder
    return None


def _tool_folders() -> Iterator[Path]:
    system = shutil.which("pg_dump")
    if system:
        yield Path(system).parent
    try:
        import pgserver  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return
    yield Path(pgserver.__file__).parent / "pginstall" / "bin"


def pg_libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
