"""What a user reads when the database cannot be where the config puts it: one line naming the
path and the cause, exit 2 when the config must change, 1 when the machine refuses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from monitor.cli import main


def feeds(capsys: pytest.CaptureFixture[str], tmp_path: Path, storage: str) -> tuple[int, str]:
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: {storage}\nfeeds: []\n", encoding="utf-8")
    code = main(["feeds", "-c", str(config)])
    out, err = capsys.readouterr()
    assert out == "" or code == 0  # nothing on stdout after an error
    return code, err


def test_a_database_under_a_regular_file_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes").write_text("not a folder", encoding="utf-8")
    db = tmp_path / "notes" / "data" / "monitor.db"
    code, err = feeds(capsys, tmp_path, f"sqlite:///{db}")
    assert code == 2
    assert err == (
        f"monitor: storage: cannot create database {db}: {tmp_path / 'notes'} is a file, "
        "not a folder\n"
    )


def test_a_database_path_that_is_a_folder_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = feeds(capsys, tmp_path, f"sqlite:///{tmp_path}")
    assert (code, err) == (2, f"monitor: storage: {tmp_path} is a folder, not a database file\n")


def test_missing_folders_of_the_database_are_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "var" / "lib" / "monitor" / "monitor.db"
    code, err = feeds(capsys, tmp_path, f"sqlite:///{db}")
    assert (code, err) == (0, "") and db.is_file()


def test_a_read_only_database_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # SQLite's read-only mode refuses writes to root as well (a chmod does not): the schema
    # cannot be created in the empty file.
    db = tmp_path / "monitor.db"
    db.touch()
    code, err = feeds(capsys, tmp_path, f"sqlite:///file:{db}?mode=ro&uri=true")
    assert code == 1
    assert err == (
        f"monitor: cannot open or upgrade the database file:{db}: "
        "attempt to write a readonly database\n"
    )
    assert not (tmp_path / "file:").exists()  # a URI is not a path to make folders for


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through a read-only folder's mode")
def test_a_read_only_folder_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    try:
        code, err = feeds(capsys, tmp_path, f"sqlite:///{folder}/sub/monitor.db")
    finally:
        folder.chmod(0o755)
    assert code == 1
    assert err == (
        f"monitor: cannot create the folder of database {folder}/sub/monitor.db: "
        "Permission denied\n"
    )
