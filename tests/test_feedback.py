"""Learning from the analyst's labels: the feedback table, its commands, and what matching
learns (real SQLite files, the real model, the CLI's main function)."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import create_engine, insert, text

from monitor.cli import main
from monitor.config import Settings, load_config
from monitor.domain import Article, Feed, FeedPoll
from monitor.errors import StoreError
from monitor.match.embed import ArticleVectors
from monitor.match.learn import Learned, TopicLabel
from monitor.match.stage import (
    MatchStage,
    embedder_for,
    label_readings,
    learned_for,
    matcher_for,
)
from monitor.store import SCHEMA_VERSION, Store
from monitor.store.feedback import FeedbackStore, Label
from monitor.store.migrations import create_v1
from monitor.store.schema import meta

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
EVERY = Settings().poll_every  # the config's default poll interval
ROOT = Path(__file__).resolve().parents[1]

CONFIG = """\
storage: sqlite:///monitor.db
topics:
  - name: Yarmouk Valley
    about: Fighting and control in the Yarmouk basin of south-west Daraa, Syria
    aliases: [Yarmouk basin, Wadi al-Yarmouk]
  - name: Yarmouk refugee camp
    id: camp
    about: The Palestinian refugee camp in southern Damascus
"""

VALLEY = {
    "id": "valley",
    "title": "Army takes last IS villages in Wadi al-Yarmuk",
    "text": "Government troops captured the last villages held by the Islamic State "
    "affiliate in the Yarmuk basin of south-west Daraa, near the Jordanian border.",
}
# The same story as VALLEY, re-worded a little: what a label on one must decide for the other.
VALLEY_AGAIN = {
    "id": "valley-2",
    "title": "Army takes the last IS villages in Wadi al-Yarmuk",
    "text": "Government troops captured the last villages held by the Islamic "
    "State affiliate in the Yarmuk basin of south-west Daraa, near the "
    "border with Jordan.",
}

# The same kind of story, told differently (best passage cosine to VALLEY 0.83).
VALLEY_LIKE = {
    "id": "valley-like",
    "title": "Syrian army captures final IS villages near Jordan",
    "text": "The Syrian army captured the final villages that the Islamic State affiliate held "
    "in the Yarmuk basin, in south-western Daraa near Jordan.",
}


def label(
    item: str, topic: str = "t", relevant: bool = True, vectors: bytes = b"", source: str = "cli"
) -> Label:
    return Label(
        item=item,
        topic_id=topic,
        relevant=relevant,
        source=source,
        title=f"T {item}",
        text=f"text {item}",
        model="m",
        vectors=vectors or _vectors(item),
    )


def valley_label(
    matcher: Any,
    story: dict[str, str],
    relevant: bool,
    source: str = "cli",
    article_id: str | None = None,
) -> Label:
    """A label of the valley topic on ``story``, with the vectors the matcher makes of it."""
    [vectors] = matcher.embed([(story["title"], story["text"])])
    return Label(
        item=story["id"],
        topic_id="yarmouk-valley",
        relevant=relevant,
        source=source,
        title=story["title"],
        text=story["text"],
        model=matcher.embedder.name,
        vectors=vectors.to_bytes(),
        article_id=article_id,
    )


def _vectors(seed: str) -> bytes:
    rng = np.random.default_rng(abs(hash(seed)) % 2**32)
    v = rng.normal(size=(2, 384)).astype(np.float32)
    return ArticleVectors(v / np.linalg.norm(v, axis=1, keepdims=True)).to_bytes()


def write_config(tmp_path: Path) -> Path:
    path = tmp_path / "monitor.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# -- the store ---------------------------------------------------------------------------------


def test_a_v1_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/monitor.db"
    with create_engine(url).begin() as conn:  # what the first release left on disk
        meta.create(conn)
        create_v1(conn)
        conn.execute(insert(meta).values(key="schema_version", value="1"))
        conn.execute(
            text(
                "INSERT INTO articles (id, url, title, text, fetched, content_hash, "
                "fingerprint_count) VALUES ('a1', 'https://e.org/1', 'Old', 'kept', "
                "'2026-01-01 00:00:00', 'h', 0)"
            )
        )
    store = Store.open(url)
    assert store.schema_version() == SCHEMA_VERSION
    assert [a["text"] for a in store.export_articles()] == ["kept"]
    store.feedback.record([label("a1")])
    store.close()
    store = Store.open(url)  # a restart
    try:
        assert [(lab.item, lab.relevant) for lab in store.feedback.labels()] == [("a1", True)]
    finally:
        store.close()


def polled(store: Store, *articles: Article) -> FeedPoll:
    """A successful poll, at NOW, of the store's one feed that brought ``articles``."""
    [feed] = store.feeds()
    return FeedPoll(feed, 200, articles, attempted=NOW, next_due=NOW)


def test_a_new_label_replaces_the_old_and_outlives_its_article(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path}/monitor.db")
    try:
        store.sync_feeds([Feed("file:///x.rss", every_s=EVERY)], NOW)
        store.record_poll(
            polled(
                store,
                Article(
                    id="a1",
                    url="https://e.org/1",
                    title="T",
                    text="x",
                    published=NOW,
                    content_hash="h",
                ),
            )
        )
        store.feedback.record([label("a1", relevant=True), label("other", topic="u")])
        before = store.feedback.marker()
        store.feedback.record([label("a1", relevant=False)])
        assert store.feedback.marker() != before  # the daemon sees a replaced label
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM articles WHERE id = 'a1'"))
        labels = store.feedback.labels("t")
        assert [(lab.item, lab.relevant, lab.title) for lab in labels] == [("a1", False, "T a1")]
        assert ArticleVectors.from_bytes(labels[0].vectors).vectors.shape == (2, 384)
    finally:
        store.close()


def test_learning_from_1000_labels(tmp_path: Path) -> None:
    # How long it takes is bench/match.py's to measure, not a test's.
    store = Store.open(f"sqlite:///{tmp_path}/monitor.db")
    try:
        store.feedback.record(
            [label(f"x{i}", topic=f"t{i % 10}", relevant=i % 3 == 0) for i in range(1000)]
        )
        learned = Learned(
            [f"t{i}" for i in range(10)],
            [
                TopicLabel(
                    lab.topic_id,
                    lab.relevant,
                    lab.title,
                    ArticleVectors.from_bytes(lab.vectors).vectors,
                    0.7 if lab.relevant else 0.6,
                )  # relevant texts scored a little higher
                for lab in store.feedback.labels()
            ],
        )
    finally:
        store.close()
    counts = [learned.of_topic(i) for i in range(10)]
    assert len(learned) == 1000 and sum(c[0] for c in counts if c) == 334
    # A third relevant, every text scored 0.6 or more: each topic's threshold moves up.
    assert all(c is not None and c[0] + c[1] == 100 and c[2] < 0 for c in counts)
    article = ArticleVectors.from_bytes(_vectors("article")).vectors
    scores, evidence = learned.adjust(article, np.full(10, 0.5))
    assert set(evidence) == set(range(10)) and ((scores > 0) & (scores < 1)).all()


def scored_titles(matcher: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the texts ``matcher`` scores from now on, in order: the real matcher's
    ``score``, counted."""
    scored: list[str] = []
    score = matcher.score

    def counted(title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        scored.append(title)
        return score(title, text, *args, **kwargs)

    monkeypatch.setattr(matcher, "score", counted)
    return scored


def test_a_new_label_costs_its_own_reading_not_every_labels_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(write_config(tmp_path))
    matcher = matcher_for(config, embedder_for(config))
    scored = scored_titles(matcher, monkeypatch)
    store = Store.open(config.storage_url)
    try:
        store.feedback.record(
            [valley_label(matcher, VALLEY, True), valley_label(matcher, VALLEY_LIKE, True)]
        )
        readings: dict[int, Any] = {}
        learned_for(store, matcher, readings)
        assert sorted(scored) == sorted([VALLEY["title"], VALLEY_LIKE["title"]])
        scored.clear()
        store.feedback.record([valley_label(matcher, VALLEY_AGAIN, False)])
        learned = learned_for(store, matcher, readings)
        assert scored == [VALLEY_AGAIN["title"]]  # the new label's text only
        scored.clear()
        store.feedback.record([valley_label(matcher, VALLEY_LIKE, False)])  # replaced: new id
        learned = learned_for(store, matcher, readings)
        assert scored == [VALLEY_LIKE["title"]] and len(readings) == 3
        fresh = learned_for(store, matcher)  # every label read anew: the same teaching
    finally:
        store.close()
    assert learned.titles == fresh.titles and learned.of_topic(0) == fresh.of_topic(0) == (
        1,
        2,
        pytest.approx(fresh.shift[0]),
    )


def test_a_labels_zero_shot_score_is_kept_so_a_restart_scores_no_labeled_text_again(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_config(tmp_path)
    config = load_config(path)
    embedder = embedder_for(config)
    matcher = matcher_for(config, embedder)
    store = Store.open(db_url)
    try:
        store.feedback.record(
            [valley_label(matcher, VALLEY, True), valley_label(matcher, VALLEY_LIKE, False)]
        )
        assert [lab.zero_shot for lab in store.feedback.labels()] == [None, None]
        first = learned_for(store, matcher)
        kept = store.feedback.labels()
        assert {lab.zero_shot_by for lab in kept} == {matcher.fingerprint}
        for lab in kept:  # each its text's zero-shot score for its topic
            # (read from the vectors the label keeps, float16: a score from vectors embedded
            # afresh may differ in its fourth decimal)
            vectors = matcher.stored(lab.vectors, lab.model, lab.language)
            assert vectors is not None
            zero_shot = matcher.score(lab.title, lab.text, vectors, lab.item)
            assert lab.zero_shot == pytest.approx(zero_shot[matcher.index_of[lab.topic_id]].score)
        # A restart: a new matcher of the same config and model scores no labeled text, and
        # learns the same.
        restarted = matcher_for(config, embedder)
        scored = scored_titles(restarted, monkeypatch)
        again = learned_for(store, restarted)
        assert scored == [] and again.of_topic(0) == first.of_topic(0) is not None
        assert again.shift == pytest.approx(first.shift)
        # Another watchlist (an alias more) scores every labeled text again and keeps that.
        path.write_text(CONFIG.replace("Wadi al-Yarmouk]", "Wadi al-Yarmouk, Yarmuk]"))
        edited = matcher_for(load_config(path), embedder)
        assert edited.fingerprint != matcher.fingerprint
        scored = scored_titles(edited, monkeypatch)
        learned_for(store, edited)
        assert sorted(scored) == sorted([VALLEY["title"], VALLEY_LIKE["title"]])
        assert {lab.zero_shot_by for lab in store.feedback.labels()} == {edited.fingerprint}
        # A label replaced has no score until it is learned again.
        store.feedback.record([valley_label(matcher, VALLEY, False)])
        assert [(lab.item, lab.zero_shot) for lab in store.feedback.labels()][-1] == (
            VALLEY["id"],
            None,
        )
    finally:
        store.close()
    # Another process makes the same fingerprint of the same config: a restart's.
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from monitor.config import load_config;"
            "from monitor.match.stage import embedder_for, matcher_for;"
            "c = load_config(sys.argv[1]); print(matcher_for(c, embedder_for(c)).fingerprint)",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "random"},
    )
    assert out.stdout.strip() == edited.fingerprint


def test_imported_labels_come_scored_so_the_first_learning_scores_no_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_config(tmp_path)
    labeled = write_jsonl(
        tmp_path / "labels.jsonl",
        [
            {**VALLEY, "labels": {"yarmouk-valley": 1, "camp": 0}},
            {**VALLEY_LIKE, "labels": {"yarmouk-valley": 0}},
        ],
    )
    assert main(["feedback", "import", str(labeled), "-c", str(path)]) == 0
    capsys.readouterr()
    config = load_config(path)
    matcher = matcher_for(config, embedder_for(config))  # a new one, as a daemon starts with
    store = Store.open(config.storage_url)
    try:
        labels = store.feedback.labels()
        assert {lab.zero_shot_by for lab in labels} == {matcher.fingerprint}
        # each the score learning would give it, read from the stored vectors
        unscored = [dataclasses.replace(lab, zero_shot=None) for lab in labels]
        assert [lab.zero_shot for lab in labels] == [
            score for _, score in label_readings(matcher, unscored)
        ]
        scored = scored_titles(matcher, monkeypatch)
        learned = learned_for(store, matcher)
    finally:
        store.close()
    assert scored == [] and len(learned) == 3


def test_learning_goes_on_when_the_labels_scores_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config = load_config(write_config(tmp_path))
    matcher = matcher_for(config, embedder_for(config))
    store = Store.open(config.storage_url)
    try:
        store.feedback.record([valley_label(matcher, VALLEY, False)])

        def refused(self: FeedbackStore, by: str, scores: Any) -> None:  # SQLite under load
            raise StoreError("database error: database is locked")

        monkeypatch.setattr(FeedbackStore, "keep_zero_shot", refused)
        learned = learned_for(store, matcher)
        assert learned.titles == [VALLEY["title"]]
        assert [lab.zero_shot for lab in store.feedback.labels()] == [None]  # scored next time
    finally:
        store.close()
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "could not keep the labels' zero-shot scores: database error: database is locked"
    ]


# -- the commands and every scoring path, with the real model ---------------------------------


def test_a_label_flips_the_next_decision_on_a_near_identical_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    articles = write_jsonl(tmp_path / "articles.jsonl", [VALLEY_AGAIN])
    assert main(["match", "-c", str(config), "--input", str(articles)]) == 0
    [before] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert before["topic"] == "yarmouk-valley" and before["evidence"]["feedback"] is None
    assert not (tmp_path / "monitor.db").exists()  # without a database: zero-shot, none made

    labeled = write_jsonl(tmp_path / "labels.jsonl", [{**VALLEY, "labels": {"yarmouk-valley": 0}}])
    assert main(["feedback", "import", str(labeled), "-c", str(config)]) == 0
    assert capsys.readouterr().out.startswith("imported 1 labels on 1 texts")
    assert main(["match", "-c", str(config), "--input", str(articles), "--all"]) == 0
    rows = {r["topic"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    after = rows["yarmouk-valley"]
    assert not after["match"] and after["score"] < 0.5
    assert after["evidence"]["feedback"]["relevant"] is False
    assert after["evidence"]["feedback"]["title"] == VALLEY["title"]
    assert after["evidence"]["feedback"]["similarity"] >= 0.95
    assert rows["camp"]["evidence"]["feedback"] is None  # no labels for that topic


def test_a_marked_false_alert_holds_back_the_next_article_like_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not the same text (cosine 0.83, under the near-identical 0.95): the same kind of story,
    which the analyst has said is not wanted for this topic."""
    config = write_config(tmp_path)
    articles = write_jsonl(tmp_path / "articles.jsonl", [VALLEY_LIKE])
    assert main(["match", "-c", str(config), "--input", str(articles)]) == 0
    [before] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert before["topic"] == "yarmouk-valley" and before["score"] >= 0.5

    labeled = write_jsonl(tmp_path / "labels.jsonl", [{**VALLEY, "labels": {"yarmouk-valley": 0}}])
    assert main(["feedback", "import", str(labeled), "-c", str(config)]) == 0
    capsys.readouterr()
    assert main(["match", "-c", str(config), "--input", str(articles), "--all"]) == 0
    rows = {r["topic"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    after = rows["yarmouk-valley"]
    assert not after["match"] and after["score"] < 0.5
    feedback = after["evidence"]["feedback"]
    assert feedback["rule"] == "similar" and feedback["relevant"] is False
    assert feedback["title"] == VALLEY["title"] and 0.75 <= feedback["similarity"] < 0.95


def test_a_label_on_a_text_in_another_language_decides_the_same_story_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The multilingual model read the labeled French text: its vectors are stored under that
    model's name and compared with the articles that model reads (not with English ones)."""
    from monitor.match.embed import MultilingualEmbedder

    config = write_config(tmp_path)
    french = {
        "id": "fr",
        "title": "L'armée reprend les derniers villages de l'EI dans le bassin du Yarmouk",
        "text": "Les troupes gouvernementales ont pris les derniers villages tenus par la filiale "
        "de l'État islamique dans le bassin du Yarmouk, au sud-ouest de Deraa, près de la "
        "frontière jordanienne.",
    }
    labeled = write_jsonl(tmp_path / "labels.jsonl", [{**french, "labels": {"yarmouk-valley": 0}}])
    assert main(["feedback", "import", str(labeled), "-c", str(config)]) == 0
    capsys.readouterr()
    store = Store.open(load_config(config).storage_url)
    try:
        [stored] = store.feedback.labels()
    finally:
        store.close()
    assert stored.model == MultilingualEmbedder.name

    articles = write_jsonl(tmp_path / "articles.jsonl", [{**french, "id": "fr-again"}, VALLEY])
    assert main(["match", "-c", str(config), "--input", str(articles), "--all"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    [again] = [r for r in rows if r["article_id"] == "fr-again" and r["topic"] == "yarmouk-valley"]
    assert again["score"] == 0.0 and again["evidence"]["feedback"]["rule"] == "near-identical"
    assert again["evidence"]["feedback"]["title"] == french["title"]
    # The English story is not compared with the French label: the topic's shift alone moves it.
    [english] = [r for r in rows if r["article_id"] == "valley" and r["topic"] == "yarmouk-valley"]
    feedback = english["evidence"]["feedback"]
    assert feedback["rule"] == "shift" and feedback["similarity"] is None


def test_import_errors_name_the_line_and_import_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    cases = [
        (
            '{"id": "a", "text": "x", "labels": {"nope": 1}}',
            "unknown topic 'nope' (known: yarmouk-valley, camp)",
        ),
        ('{"id": "a", "text": "x", "labels": {"camp": 2}}', "the label of 'camp' must be 0"),
        ('{"id": "a", "text": "x"}', 'each line needs "id", "text" and "labels"'),
        ("{not json", "not JSON"),
    ]
    cases.append(
        ('{"id": "a", "text": "caf\xe9", "labels": {"camp": 1}}', "not UTF-8 text (byte 0xe9")
    )
    for bad, message in cases:
        path = tmp_path / "labels.jsonl"
        path.write_bytes(
            b'{"id": "ok", "text": "fine", "labels": {"camp": 1}}\n\n'
            + bad.encode("latin-1")
            + b"\n"
        )
        assert main(["feedback", "import", str(path), "-c", str(config)]) == 2
        assert f"monitor: {path}:3: {message}" in capsys.readouterr().err
    assert not (tmp_path / "monitor.db").exists()  # nothing half-imported
    assert main(["feedback", "list", "--json", "-c", str(config)]) == 0
    assert capsys.readouterr().out == ""


def test_add_and_list_labels_of_stored_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    store = Store.open(load_config(config).storage_url)
    try:
        store.sync_feeds([Feed("file:///x.rss", every_s=EVERY)], NOW)
        store.record_poll(
            polled(
                store,
                Article(
                    id="valley",
                    url="https://e.org/v",
                    title=VALLEY["title"],
                    text=VALLEY["text"],
                    published=NOW,
                    content_hash="h",
                ),
            )
        )
    finally:
        store.close()
    args = ["feedback", "add", "--article", "valley", "--topic", "camp", "-c", str(config)]
    assert main([*args, "--relevant"]) == 0
    assert main([*args, "--irrelevant"]) == 0  # replaces the first
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == f"valley: irrelevant for camp: {VALLEY['title']}"
    )
    labeled = write_jsonl(
        tmp_path / "labels.jsonl",
        [
            {"id": "valley", "title": "t", "text": "x", "labels": {"yarmouk-valley": 1}},
            {"id": "elsewhere", "title": "Elsewhere", "text": "y", "labels": {"camp": 1}},
        ],
    )
    assert main(["feedback", "import", str(labeled), "-c", str(config)]) == 0
    assert capsys.readouterr().out == "imported 2 labels on 2 texts (1 stored articles)\n"
    assert main(["feedback", "list", "--json", "--topic", "camp", "-c", str(config)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [{k: v for k, v in r.items() if k != "created"} for r in rows] == [
        {
            "item": "valley",
            "article_id": "valley",
            "topic": "camp",
            "relevant": False,
            "source": "cli",
            "title": VALLEY["title"],
            "language": "en",
        },
        {
            "item": "elsewhere",
            "article_id": None,
            "topic": "camp",
            "relevant": True,
            "source": "import",
            "title": "Elsewhere",
            "language": "en",
        },
    ]
    assert all(datetime.fromisoformat(r["created"]).tzinfo is not None for r in rows)
    assert main(["feedback", "list", "-c", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 labels"
    assert main([*args[:5], "nope", *args[6:], "--relevant"]) == 2
    assert (
        main(
            [
                "feedback",
                "add",
                "--article",
                "gone",
                "--topic",
                "camp",
                "--relevant",
                "-c",
                str(config),
            ]
        )
        == 2
    )
    assert "no stored article with id 'gone'" in capsys.readouterr().err


def test_the_match_stage_takes_new_labels_without_a_restart(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path))
    matcher = matcher_for(config, embedder_for(config))
    store = Store.open(config.storage_url)
    try:
        stage = MatchStage(store, matcher, labels_check_s=0.0)
        store.sync_feeds([Feed("file:///x.rss", every_s=EVERY)], NOW)

        def poll(item: dict[str, str]) -> list[str]:
            store.record_poll(
                polled(
                    store,
                    Article(
                        id=item["id"],
                        url=f"https://e.org/{item['id']}",
                        title=item["title"],
                        text=item["text"],
                        published=NOW,
                        content_hash=item["id"],
                    ),
                )
            )
            return [m.topic_id for m in stage.run_batch(lambda m: []).new_matches]

        assert poll(VALLEY) == ["yarmouk-valley"]
        store.feedback.record([valley_label(matcher, VALLEY, False, "ui", article_id="valley")])
        assert poll(VALLEY_AGAIN) == []
        assert stage.learned is not None and len(stage.learned) == 1
    finally:
        store.close()


def test_labels_shift_a_topics_threshold_a_little_then_more() -> None:
    # The topic's relevant texts score 0.3-0.4 zero-shot, its irrelevant ones 0.05: its
    # threshold should come down, a little with one label of each kind, more with many.
    def learned(n: int) -> Learned:
        return Learned(
            ["t", "u"],
            [
                TopicLabel(
                    "t",
                    relevant,
                    f"T {relevant} {k}",
                    np.asarray(ArticleVectors.from_bytes(_vectors(f"{relevant}{k}")).vectors),
                    0.35 if relevant else 0.05,
                )
                for relevant in (True, False)
                for k in range(n)
            ],
        )

    one, six, many = learned(1), learned(6), learned(20)
    assert 0 < one.shift[0] < six.shift[0] < many.shift[0]
    assert one.shift[1] == six.shift[1] == many.shift[1] == 0
    article = ArticleVectors.from_bytes(_vectors("article")).vectors
    scores, evidence = many.adjust(article, np.array([0.4, 0.4]))
    assert scores[0] > 0.5 and scores[1] == 0.4  # the other topic keeps its exact score
    assert evidence[0]["shift"] == round(float(many.shift[0]), 4) and 1 not in evidence


def test_the_learning_curve_sets_beside_each_figure_zero_shot_on_the_same_texts() -> None:
    """Drawing n labels of each class out of a topic's texts changes the F1 of what is left by
    itself: the curve's bracketed figure is the zero-shot F1 of the very texts each draw left,
    so that the gain from learning is the difference of the two."""
    from monitor.domain import Match
    from monitor.match.evaluate import prf
    from monitor.match.learning_eval import format_learning, learning_report

    # One topic: two relevant texts that score 0.9 and three irrelevant ones of which one (a
    # false alert) scores 0.9 too. Whether a draw takes the false alert out decides the F1 of
    # the rest: 1.0 if it does, 0.67 if not (all five texts: 0.8).
    zero_shot = {"r0": 0.9, "r1": 0.9, "i0": 0.9, "i1": 0.1, "i2": 0.1}
    ids = list(zero_shot)

    class Scorer:  # the Matcher's interface as the learning report uses it
        topics = [type("Topic", (), {"id": "t"})()]
        thresholds = np.array([0.5])

        def score(self, title: str, text: str, vectors: object, article_id: str) -> list[Match]:
            s = zero_shot[article_id]
            return [Match(article_id, "t", s, s >= 0.5)]

    rows = [{"id": k, "title": k, "text": k, "labels": {"t": int(k[0] == "r")}} for k in ids]
    vectors = [ArticleVectors.from_bytes(_vectors(k)) for k in ids]
    report = learning_report(Scorer(), rows, vectors, sizes=(0, 1), seeds=20, marks=(1, 3))  # type: ignore[arg-type]

    assert report.curve[0]["t"] == report.paired[0]["t"] == pytest.approx(0.8)
    f1s = []
    for seed in range(20):  # the draw: n relevant, then n irrelevant, by default_rng(seed)
        rng = np.random.default_rng(seed)
        drawn = {int(rng.choice([0, 1], 1)[0]), int(rng.choice([2, 3, 4], 1)[0])}
        rest = [k for a, k in enumerate(ids) if a not in drawn]
        f1s.append(prf([zero_shot[k] >= 0.5 for k in rest], [k[0] == "r" for k in rest]).f1)
    assert {round(f, 2) for f in f1s} == {0.67, 1.0}  # both kinds of draw happen
    assert report.paired[1]["t"] == pytest.approx(np.mean(f1s))
    assert report.paired_macro(1) == report.paired[1]["t"]
    assert report.as_json()["curve"]["1"]["zero_shot_macro_f1"] == pytest.approx(np.mean(f1s))
    assert "0.80 (0.80)" in format_learning(report)

    # The analyst marks one of the three alerts (no relevant text was missed): the rest keeps
    # the false alert unless it was the one marked.
    marked = []
    for seed in range(20):
        [drawn] = np.random.default_rng(seed).choice([0, 1, 2], 1, replace=False)
        rest = [k for a, k in enumerate(ids) if a != drawn]
        marked.append(prf([zero_shot[k] >= 0.5 for k in rest], [k[0] == "r" for k in rest]).f1)
    pair = report.marked[1]["t"]
    assert pair is not None and pair[1] == pytest.approx(np.mean(marked))
    assert report.marked[3]["t"] is None  # three alerts: none would be left unmarked


def test_a_text_like_a_corrected_one_moves_toward_its_label() -> None:
    """A false alert marked not relevant holds back the texts like it (cosine >= SIMILAR) that
    are not nearer a relevant label; a missed text marked relevant lifts the texts like it."""
    from monitor.match.learn import NEAR_IDENTICAL, PULL, SIMILAR

    basis = np.eye(8, 384, dtype=np.float32)

    def unit(*weights: float) -> np.ndarray:
        v = np.asarray(weights, dtype=np.float32) @ basis[: len(weights)]
        return (v / np.linalg.norm(v))[None, :]

    false_alert = unit(1)  # scored 0.9, marked not relevant: a correction
    confirmed = unit(0.6, 0.8)  # scored 0.9, marked relevant: no correction
    missed = unit(0, 0, 0, 0, 1)  # scored 0.1, marked relevant: a correction
    learned = Learned(
        ["t"],
        [
            TopicLabel("t", False, "Mozambique insurgents", false_alert, 0.9),
            TopicLabel("t", True, "Mogadishu attack", confirmed, 0.9),
            TopicLabel("t", True, "Drawdown from the bases", missed, 0.1),
        ],
    )
    shifted = float(1 / (1 + np.exp(-(np.log(0.8 / 0.2) + learned.shift[0]))))

    def judged(vectors: np.ndarray) -> tuple[float, dict[str, object]]:
        scores, evidence = learned.adjust(vectors, np.array([0.8]))
        return float(scores[0]), evidence[0]

    like_alert = unit(0.8, 0, 0.6)  # 0.8 to the false alert, 0.48 to the confirmed one
    score, why = judged(like_alert)
    assert SIMILAR <= 0.8 < NEAR_IDENTICAL
    assert score == pytest.approx(shifted * (1 - PULL)) and score < 0.5
    assert why["rule"] == "similar" and why["relevant"] is False
    assert why["title"] == "Mozambique insurgents" and why["similarity"] == pytest.approx(0.8)

    nearer_confirmed = unit(0.78, 0.6, 0.178)  # 0.78 to the false alert, 0.948 to the confirmed
    score, why = judged(nearer_confirmed)
    assert score == pytest.approx(shifted) and why["rule"] == "shift"
    assert why["title"] == "Mogadishu attack"

    less_alike = unit(0.7, 0, 0.714)  # 0.7 to the false alert: under SIMILAR
    assert judged(less_alike)[0] == pytest.approx(shifted)

    like_missed = unit(0, 0, 0.6, 0, 0.8)  # 0.8 to the missed text, 0 to the false alert
    scores, evidence = learned.adjust(like_missed, np.array([0.2]))
    low = float(1 / (1 + np.exp(-(np.log(0.2 / 0.8) + learned.shift[0]))))
    assert float(scores[0]) == pytest.approx(1 - (1 - low) * (1 - PULL))
    assert evidence[0]["rule"] == "similar" and evidence[0]["relevant"] is True


def test_labels_are_compared_only_within_the_model_that_read_them() -> None:
    """The multilingual model's cosines crowd near the top (two different texts meet at
    0.7-0.87): its labels take their own thresholds, and never meet the English model's."""
    from monitor.match.learn import PULL, SIMILAR_MULTILINGUAL

    basis = np.eye(4, 384, dtype=np.float32)

    def at(cosine: float) -> np.ndarray:  # a unit row at this cosine to basis[0]
        return (cosine * basis[0] + np.sqrt(1 - cosine**2) * basis[1])[None, :]

    learned = Learned(
        ["t"],
        [TopicLabel("t", False, "Un faux positif", basis[:1].copy(), 0.9, multilingual=True)],
    )

    def moved(cosine: float, multilingual: bool) -> tuple[float, str | None]:
        scores, evidence = learned.adjust(at(cosine), np.array([0.8]), multilingual=multilingual)
        return float(scores[0]), evidence[0]["rule"] if 0 in evidence else None

    shifted, rule = moved(0.9, multilingual=True)  # as close as two different texts get there
    assert rule == "shift" and shifted > 0.5
    assert SIMILAR_MULTILINGUAL <= 0.96
    assert moved(0.96, multilingual=True) == (pytest.approx(shifted * (1 - PULL)), "similar")
    assert moved(0.999, multilingual=True) == (0.0, "near-identical")
    # An English article at the same cosine is not compared with it: the shift alone.
    assert moved(0.999, multilingual=False) == (pytest.approx(shifted), "shift")


def test_a_label_is_read_again_by_the_model_that_reads_its_text_now(tmp_path: Path) -> None:
    """A French label stored under the English model's name (what `feedback import` wrote
    before) is embedded again by the multilingual model; an English one is taken as stored."""
    from monitor.match.learn import NEAR_IDENTICAL_MULTILINGUAL
    from monitor.store.feedback import Label as StoredLabel

    config = load_config(write_config(tmp_path))
    matcher = matcher_for(config, embedder_for(config))
    french = (
        "L'armée reprend les derniers villages de l'EI dans le bassin du Yarmouk",
        "Les troupes gouvernementales ont pris les derniers villages tenus par la filiale de "
        "l'État islamique dans le bassin du Yarmouk, près de la frontière jordanienne.",
    )
    store = Store.open(config.storage_url)
    try:
        store.feedback.record(
            [
                StoredLabel(
                    item=item,
                    topic_id="yarmouk-valley",
                    relevant=False,
                    source="import",
                    title=title,
                    text=body,
                    model=matcher.embedder.name,
                    vectors=_vectors(item),  # not what either model makes of the text
                )
                for item, (title, body) in (
                    ("fr", french),
                    ("en", (VALLEY["title"], VALLEY["text"])),
                )
            ]
        )
        learned = learned_for(store, matcher)
    finally:
        store.close()
    [again] = matcher.embed([french])
    assert again.multilingual
    scores, evidence = learned.adjust(again.vectors, np.array([0.8, 0.1]), multilingual=True)
    assert evidence[0]["rule"] == "near-identical" and evidence[0]["title"] == french[0]
    assert evidence[0]["similarity"] >= NEAR_IDENTICAL_MULTILINGUAL and scores[0] == 0.0
    # The English label kept its stored (random) vectors: the English story is not near them.
    [valley] = matcher.embed([(VALLEY["title"], VALLEY["text"])])
    _, evidence = learned.adjust(valley.vectors, np.array([0.8, 0.1]))
    assert evidence[0]["title"] == VALLEY["title"] and evidence[0]["similarity"] < 0.5
