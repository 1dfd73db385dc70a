"""`monitor match`, `eval`, `backfill` and `run --once` with the real bundled model."""

from __future__ import annotations

import email
import json
import shutil
from email import policy
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.config import load_config
from monitor.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"

WATCHLIST = """\
storage: sqlite:///monitor.db
feeds:
  - url: {seeds}/levant-wire.rss
  - url: {seeds}/syria-monitor.atom
topics:
  - name: Yarmouk Valley
    about: Fighting and control in the Yarmouk basin of south-west Daraa, Syria
    aliases: [Yarmouk basin, Wadi al-Yarmouk]
    exclude: [Yarmouk refugee camp in Damascus, Battle of Yarmouk in 636]
{more}subscribers:
  - name: analyst
    outbox_dir: outbox
"""

ARTICLES = [
    {
        "id": "valley",
        "title": "Army takes last IS villages in Wadi al-Yarmuk",
        "text": "Government troops captured the last villages held by the Islamic State affiliate "
        "in the Yarmuk basin of south-west Daraa, near the Jordanian border.",
    },
    {
        "id": "camp",
        "title": "Aid reaches Yarmouk refugee camp",
        "text": "A UN convoy entered the Palestinian refugee camp of Yarmouk in southern Damascus.",
    },
    {"id": "wheat", "title": "Wheat harvest forecast revised", "text": "Rains helped farmers."},
]


def write(tmp_path: Path, more: str = "") -> Path:
    path = tmp_path / "monitor.yaml"
    path.write_text(WATCHLIST.format(seeds=ROOT / "seeds", more=more), encoding="utf-8")
    return path


def test_match_prints_one_line_per_match_with_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path)
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    assert main(["match", "-c", str(config), "--input", str(articles)]) == 0
    [line] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert line["article_id"] == "valley" and line["topic"] == "yarmouk-valley"
    assert 0.5 <= line["score"] <= 1 and line["evidence"]["passage"]
    assert line["evidence"]["alias"] is not None  # Wadi al-Yarmuk ~ Wadi al-Yarmouk

    assert main(["match", "-c", str(config), "--input", str(articles), "--all"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["article_id"], r["match"]) for r in rows] == [
        ("valley", True),
        ("camp", False),
        ("wheat", False),
    ]
    assert not (tmp_path / "monitor.db").exists()  # match touches no database

    # As a Windows editor saves it: a byte order mark, CRLF line ends; a title of null is none.
    windows = tmp_path / "windows.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    lines.append(json.dumps({"id": 7, "title": None, "text": ARTICLES[0]["text"]}))
    windows.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
    assert main(["match", "-c", str(config), "--input", str(windows), "--all"]) == 0
    again = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert again[:3] == rows
    assert (again[3]["article_id"], again[3]["match"]) == ("7", True)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"{not json}", "not JSON: Expecting property name enclosed in double quotes"),
        (
            b'{"id": "a", "title": "caf\xe9", "text": "x"}',
            "not UTF-8 text (byte 0xe9 at column 26): save the file as UTF-8",
        ),
        (b'{"id": "a", "title": 3, "text": "x"}', '"title" must be a string'),
        (b'{"id": "a", "text": ["x"]}', '"text" must be a string'),
        (b'{"id": " ", "text": "x"}', '"id" must be a non-empty string'),
    ],
)
def test_match_input_errors_name_the_line(
    line: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "bad.jsonl"
    articles.write_bytes(b'{"id": "a", "text": "x"}\n' + line + b"\n")
    for command in ("match", "eval"):
        assert main([command, "-c", str(write(tmp_path)), "--input", str(articles)]) == 2
        assert capsys.readouterr().err == f"monitor: {articles}:2: {message}\n"


@pytest.mark.slow  # the labeled set through the model
@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared/eval is absent")
def test_eval_prints_per_topic_scores_and_baselines(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "eval",
            "-c",
            str(SHARED / "eval" / "topics.yaml"),
            "--input",
            str(SHARED / "eval" / "relevance-dev.jsonl"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    for word in (
        "yarmouk_valley",
        "jkbw",
        "yarmouk_camp",
        "daraa_offensive",
        "macro F1",
        "aliases-only F1",
        "emb-only F1",
        "suggested th",
    ):
        assert word in out, word
    macro = out.split("macro F1")[1].split()
    assert 0.6 < float(macro[0]) <= 1 and float(macro[1]) + 0.2 < float(macro[0])  # > keywords


def test_eval_reports_wanted_pairs_found_by_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A row's "lang" decides its language where it gives one; else the matcher detects it.
    rows = [
        {**ARTICLES[0], "labels": {"yarmouk-valley": 1}},
        {**ARTICLES[1], "lang": "fr", "labels": {"yarmouk-valley": 0}},
        {**ARTICLES[2], "lang": "fr", "labels": {"yarmouk-valley": 1}},
    ]
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    argv = ["eval", "-c", str(write(tmp_path)), "--input", str(labeled)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "by language" in out  # most texts first
    assert "fr 0/1 found, 0 false (2 texts); en 1/1 found, 0 false (1 text)" in out
    assert main([*argv, "--json"]) == 0
    languages = json.loads(capsys.readouterr().out)["languages"]
    assert languages == {
        "fr": {"texts": 2, "wanted": 1, "found": 0, "recall": 0.0, "false_alerts": 0},
        "en": {"texts": 1, "wanted": 1, "found": 1, "recall": 1.0, "false_alerts": 0},
    }


def test_eval_judges_a_topic_on_the_rows_that_label_it_and_leaves_out_one_with_none_wanted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No text is wanted for the dam, and none is alerted for it: that is no error, and no F1 of
    # 0 to halve the macro mean with. The last row labels the dam only: the valley's alert on
    # it is no false alert (the file does not say), in both tables alike.
    config = write(
        tmp_path,
        more=(
            "  - name: Kakhovka Dam\n    id: dam\n"
            "    about: The Kakhovka dam on the Dnipro in southern Ukraine and its destruction\n"
        ),
    )
    valley = {
        "id": "valley-2",
        "title": "Yarmouk Valley villages retaken",
        "text": "Syrian troops retook the villages of the Yarmouk Valley held by the Islamic State "
        "affiliate Jaish Khalid bin al-Waleed, near the Jordanian border in south-west Daraa.",
    }
    rows = [
        {**ARTICLES[0], "labels": {"yarmouk-valley": 1}},
        {**valley, "labels": {"yarmouk-valley": 1}},
        {**ARTICLES[1], "labels": {"yarmouk-valley": 0}},
        {**ARTICLES[2], "labels": {"yarmouk-valley": 0}},
        {**ARTICLES[0], "id": "valley-3", "labels": {"dam": 0}},
    ]
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    argv = ["eval", "-c", str(config), "--input", str(labeled), "--folds", "2"]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    # Three tables: the matcher and baselines, learning, the analyst's marks.
    found, learned, _ = [line.split() for line in out if line.startswith("yarmouk-valley ")]
    assert learned[1] == found[1]  # zero-shot, judged alike
    dam, dam_learned, _ = [line.split() for line in out if line.startswith("dam ")]
    macro, macro_learned, _ = [line.split() for line in out if line.startswith("macro F1 ")]
    assert found[1] == "1.00/1.00/1.00" and macro[2] == "1.000" and macro[-1] == "1.000"
    assert dam[1:7] == ["-"] * 6 and dam_learned[1:3] == ["-", "-"]  # suggested th: none
    assert macro_learned[2:4] == ["1.000", "1.000"]  # zero-shot and k-fold
    assert main([*argv, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["method"]["dam"] == {"precision": None, "recall": None, "f1": None}
    assert report["macro_f1"]["method"] == report["macro_f1"]["loo_threshold"] == 1.0
    assert report["suggested_thresholds"]["dam"] is None
    assert report["learning"]["macro_f1"] == {"zero_shot": 1.0, "kfold": 1.0}
    assert report["languages"]["en"]["false_alerts"] == 0

    # A label must be 0 or 1: a string "0" would read as wanted.
    labeled.write_text(json.dumps({**ARTICLES[1], "labels": {"dam": "0"}}) + "\n", "utf-8")
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"monitor: {labeled}: row 1 (camp): the label of 'dam' must be 0 or 1, not \"0\"\n"
    )

    # Told that a topic a line does not label is not wanted for it, the valley's alert on the
    # last row is a false alert; a line may then label none (a text wanted for no topic).
    rows[3] = {**ARTICLES[2], "labels": {}}
    labeled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(argv) == 2
    assert 'row 4 (wheat): "labels" names none' in capsys.readouterr().err
    # "labels" that is no object is named as such, with the flag or without.
    for last, given in (({"labels": [1]}, "not [1]"), ({}, "none given")):
        bad = [*rows[:3], {**ARTICLES[2], **last}]
        labeled.write_text("\n".join(json.dumps(r) for r in bad) + "\n", encoding="utf-8")
        for flags in ([], ["--unlabeled-irrelevant"]):
            assert main([*argv, *flags]) == 2
            assert capsys.readouterr().err == (
                f'monitor: {labeled}: row 4 (wheat): "labels" must map topic ids to 0 or 1 '
                f"({given})\n"
            )
    labeled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main([*argv, "--unlabeled-irrelevant"]) == 0
    out = capsys.readouterr().out.splitlines()
    found, learned, _ = [line.split() for line in out if line.startswith("yarmouk-valley ")]
    assert found[1] == learned[1] == "0.67/1.00/0.80"


def test_eval_says_which_labels_name_a_topic_the_config_does_not_watch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file may label more topics than the config watches: those labels are left aside, and
    # said so on stderr, so that a misspelt id does not drop its labels unnoticed.
    config = write(tmp_path)
    rows = [
        {**ARTICLES[0], "labels": {"yarmouk-valley": 1}},
        {**ARTICLES[1], "labels": {"yarmouk-valley": 0, "yarmuk-valley": 0}},
        {**ARTICLES[2], "labels": {"yarmouk-valley": 0, "yarmuk-valley": 0, "dam": 0}},
    ]
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    argv = ["eval", "-c", str(config), "--input", str(labeled), "--folds", "2", "--json"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["method"]["yarmouk-valley"]["f1"] == 1.0
    assert captured.err == (
        f"{labeled}: warning: labels of topics the config does not watch, left aside: "
        "'dam' (1 row), 'yarmuk-valley' (2 rows); the config's topics: yarmouk-valley\n"
    )
    labeled.write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    assert main(argv) == 0
    assert capsys.readouterr().err == ""


def test_run_once_then_backfill_a_new_topic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path)
    assert main(["run", "--once", "--digest-now", "-c", str(config)]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("polled 2 feeds (0 failed), 8 new articles, 8 embedded")
    [eml] = (tmp_path / "outbox").glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    body = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Government offensive closes in on IS-held villages" in body
    assert "Aid convoy reaches Yarmouk refugee camp" not in body
    assert "Yarmouk University" not in body and "Battle of Yarmouk" not in body

    # Nothing new: a second cycle sends nothing and writes no second digest.
    assert main(["run", "--once", "-c", str(config)]) == 0
    assert "0 new matches, 0 deliveries sent" in capsys.readouterr().out
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1

    # A new topic is scored from the stored vectors; its matches are not delivered.
    config = write(
        tmp_path,
        more=(
            "  - name: Yarmouk refugee camp\n    id: camp\n"
            "    about: The Palestinian refugee camp in southern Damascus\n"
        ),
    )
    assert main(["backfill", "--topic", "camp", "-c", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("backfill camp: scored 8 stored articles, 1 new matches")
    store = Store.open(load_config(config).storage_url)
    try:
        assert store.match_count() >= 3
        assert all(d.topic_id != "camp" for d in store.deliveries())
    finally:
        store.close()
    assert main(["backfill", "--topic", "nope", "-c", str(config)]) == 2


def test_quick_start_command_runs_on_the_demo_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's main job, on a copy of the repository's config and seeds."""
    shutil.copytree(ROOT / "config", tmp_path / "config")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.rmtree(tmp_path / "config" / "data", ignore_errors=True)
    shutil.rmtree(tmp_path / "config" / "outbox", ignore_errors=True)
    config = tmp_path / "config" / "monitor.yaml"
    assert main(["run", "--once", "--digest-now", "-c", str(config)]) == 0
    assert len(list((tmp_path / "config" / "outbox").glob("*.eml"))) == 1


def test_poll_matches_the_new_articles_it_stores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path)
    assert main(["poll", "-c", str(config)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith("polled 2 feeds: 2 ok, 0 failed; 8 new articles")
    assert lines[-1].startswith("matched 8 articles: ") and not lines[-1].endswith(" 0 new matches")
    assert main(["poll", "-c", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "matched 0 articles: 0 new matches"
    # The matches wait in the outbox for the subscriber's digest.
    assert main(["digest", "-c", str(config), "--subscriber", "analyst", "--preview"]) == 0
    assert "Government offensive closes in on IS-held villages" in capsys.readouterr().out


def test_poll_with_nothing_new_to_embed_loads_no_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A poll over unchanged feeds costs the fetches only: for the second poll the model
    directory does not exist, and it still succeeds."""
    config = write(tmp_path)
    assert main(["poll", "-c", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("matched 8 articles: ")
    with config.open("a", encoding="utf-8") as fh:
        fh.write("model: no-such-model\n")
    assert main(["poll", "-c", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "matched 0 articles: 0 new matches"
    # The broken model path is real: a command that needs the model fails on it.
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    assert main(["match", "-c", str(config), "--input", str(articles)]) == 1
    assert "no-such-model" in capsys.readouterr().err


def test_eval_and_match_score_against_a_watchlist_file_of_their_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A labeled set comes with its own watchlist (``topics.yaml``): --topics scores against
    it instead of the config's topics, with no config at all too, and a bad file is named
    by its line."""
    watchlist = tmp_path / "topics.yaml"
    watchlist.write_text(
        "topics:\n"
        "  - id: camp\n"
        "    name: Yarmouk refugee camp\n"
        "    about: The Palestinian refugee camp and district in southern Damascus, Syria.\n"
        "    aliases: [Yarmouk camp]\n",
        encoding="utf-8",
    )
    rows = [
        {**ARTICLES[0], "labels": {"camp": 0}},
        {**ARTICLES[1], "labels": {"camp": 1}},
        {**ARTICLES[2], "labels": {"camp": 0}},
    ]
    labeled = tmp_path / "labeled.jsonl"
    labeled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    # beside a config that watches another topic: its settings, the file's topics
    config = write(tmp_path)
    argv = ["--input", str(labeled), "--topics", str(watchlist)]
    assert main(["eval", "-c", str(config), *argv, "--folds", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["method"]["camp"]["f1"] == 1.0
    assert main(["match", "-c", str(config), *argv]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(m["article_id"], m["topic"]) for m in found] == [("camp", "camp")]
    # no config file: the defaults, and no database is made
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MONITOR_CONFIG", str(tmp_path / "absent.yaml"))
    assert main(["match", *argv]) == 0
    assert [json.loads(line)["topic"] for line in capsys.readouterr().out.splitlines()] == ["camp"]
    assert not (tmp_path / "data").exists()
    # a watchlist file that is not there, or watches nothing: one line naming it
    assert main(["match", "--input", str(labeled), "--topics", str(tmp_path / "none.yaml")]) == 2
    err = capsys.readouterr().err
    assert err == f"monitor: {tmp_path / 'none.yaml'}: watchlist file not found (--topics)\n"
    (tmp_path / "empty.yaml").write_text("topics: []\n", encoding="utf-8")
    assert main(["eval", "--input", str(labeled), "--topics", str(tmp_path / "empty.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"monitor: {tmp_path / 'empty.yaml'}: ") and err.count("\n") == 1
    assert "watches no topics" in err
    # a watchlist file with a typo: one line naming it, nothing scored
    watchlist.write_text(
        "topics:\n  - name: Yarmouk camp\n    aliases: [Yarmouk\n", encoding="utf-8"
    )
    assert main(["match", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"monitor: {watchlist}:4: YAML syntax error") and err.count("\n") == 1
