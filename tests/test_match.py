"""Matcher tests with the real bundled model (loaded once per module)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ruamel.yaml import YAML

from monitor.config.models import MatchingConfig, TopicConfig
from monitor.deliver.reason import reason
from monitor.domain import Match, Topic
from monitor.errors import ModelError
from monitor.match.aliases import (
    AliasHit,
    AliasIndex,
    compile_aliases,
    inflected,
    place_adjective_forms,
    title_case,
    tokens,
)
from monitor.match.embed import (
    ArticleVectors,
    load_embedder,
    plain_text,
    split_passages,
    unwrapped,
    without_title,
)
from monitor.match.evaluate import evaluate, format_report, macro_f1
from monitor.match.initials import (
    armed_forces_forms,
    glossed_acronyms,
    glossed_as,
    initials,
    initials_of,
    short_forms,
)
from monitor.match.kinds import kinds_of, mentions, own_name_keys
from monitor.match.lexical import topic_words
from monitor.match.matcher import (
    BRIEF_CHARS,
    EXCLUDE_MARGIN,
    PERSON_LEAD_CHARS,
    Matcher,
    as_read,
    capitals_written,
    cased,
    code_name,
    common_words,
    description_aliases,
    description_names,
    likened_only,
    name_parts,
    names_capitalised,
    scope_of,
    told_names,
    without_told_names,
)
from monitor.match.people import (
    describes_group,
    describes_person,
    leaders,
    parents,
    surname,
    surnames,
)

THRESHOLD = MatchingConfig().threshold  # the config's default

SHARED = Path(__file__).resolve().parents[2] / "shared"


def left_out(m: Matcher, title: str, text: str) -> set[str]:
    """The topics of ``m`` whose names a text leaves out (``Features.absent``)."""
    f = m.features(title, text, m.embed([(title, text)])[0])
    return {t.id for t, a in zip(m.topics, f.absent, strict=True) if a}


VALLEY = Topic(
    "valley",
    "Yarmouk Valley",
    "The Yarmouk River basin area in south-western Daraa province, Syria, bordering "
    "Jordan and the Golan Heights, and the fighting there.",
    ("Yarmouk Valley", "Yarmouk Basin"),
)
JKBW = Topic(
    "jkbw",
    "Jaish Khalid bin al-Waleed",
    "Islamic State-affiliated militant group in the Yarmouk basin of south-west Syria.",
    ("Jaish Khalid bin al-Waleed", "Khalid ibn al-Walid Army"),
)
CAMP = Topic(
    "camp",
    "Yarmouk refugee camp",
    "The Palestinian refugee camp and district in southern Damascus, Syria.",
    ("Yarmouk camp", "Yarmouk refugee camp"),
)
WATCHLIST = (VALLEY, JKBW, CAMP)


def load_topics(path: Path) -> list[Topic]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [TopicConfig.model_validate(t).to_topic() for t in data["topics"]]


@pytest.fixture(scope="module")
def embedder():
    return load_embedder()


@pytest.fixture(scope="module")
def matcher(embedder):
    return Matcher(embedder, WATCHLIST, THRESHOLD)


def verdicts(matcher: Matcher, title: str, text: str) -> dict[str, bool]:
    vec = matcher.embed([(title, text)])[0]
    return {m.topic_id: m.matched for m in matcher.score(title, text, vec, "a1")}


def find_aliases(text: str, aliases: tuple[str, ...]) -> list[AliasHit]:
    """Occurrences of ``aliases`` in ``text``, in text order, found as the matcher finds them."""
    index = AliasIndex([(0, p) for p in compile_aliases(aliases)])
    return sorted(index.search(text).get(0, []), key=lambda h: h.start)


def find_read(
    text: str, alias: str, vocab: frozenset[str], language: str | None = None
) -> list[str]:
    """What the matcher finds of ``alias`` in ``text`` with the model's vocabulary (names as
    the text inflects them, common words marked), its words as written or near each other;
    the text in ``language`` where given."""
    from monitor.match.aliases import inflected

    index = AliasIndex([(0, p) for p in compile_aliases((alias,))])
    toks = inflected(text, tokens(text), vocab, language)
    return [text[h.start : h.end] for h in index.find(text, toks, language).get(0, [])]


@pytest.mark.parametrize(
    "variant",
    [
        "Jaish Khalid bin al-Waleed",
        "Jaysh Khaled ibn al-Walid",
        "jaish khalid ben el-walid",
        "Jaish Khalid Ibn Al Walid",
        "Jaysh Khaled bin Walid",
        "Khalid ibn al-Walid Army",
        "Army of Khalid ibn al-Walid",
        "جيش خالد بن الوليد",
        "JAISH KHÁLID BIN AL-WALĪD",
    ],
)
def test_group_name_spellings_are_found(variant: str) -> None:
    hits = find_aliases(f"Fighters of the {variant} attacked.", JKBW.aliases)
    assert [h.alias for h in hits][:1] in (
        ["Jaish Khalid bin al-Waleed"],
        ["Khalid ibn al-Walid Army"],
    )


@pytest.mark.parametrize(
    "alias",
    ["Jaish Khalid Bin Al-Waleed", "JAISH KHALID BIN AL-WALEED", "Jaish Khalid bin al-Waleed"],
)
def test_son_of_is_no_proper_word_of_an_alias(alias: str) -> None:
    """A capital marks a name's word, but "son of" is written "bin", "Bin", "ibn" as a
    writer pleases: an alias in title case or in capitals wrote "Bin" as a name's word, and
    "ibn" in a text did not meet it."""
    hits = find_aliases("Fighters of the Khalid ibn al-Walid Army attacked.", (alias,))
    assert [h.alias for h in hits] == [alias]


@pytest.mark.parametrize(
    "variant",
    [
        "Yarmouk Valley",
        "Yarmuk valley",
        "Yarmuq Valley",
        "al-Yarmouk Valley",
        "el-Yarmuk Valley",
        "Yarmouk valley",
    ],
)
def test_place_spellings_are_found(variant: str) -> None:
    assert [h.alias for h in find_aliases(f"Shelling in the {variant} today.", VALLEY.aliases)] == [
        "Yarmouk Valley"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Khalid ibn al-Walid was a general.",  # the man, not the army
        "The Yarmouk will be dredged.",  # short skeletons must match exactly (valley != will)
        "Yarmouk University in Irbid.",
    ],
)
def test_other_words_are_not_aliases(text: str) -> None:
    assert find_aliases(text, (*VALLEY.aliases, *JKBW.aliases)) == []


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Бойцы Вагнера покинули Бахмут.", "Wagner"),
        ("Підрив греблі: Нова Каховка під водою.", "Nova Kakhovka"),
        ("Евгений Пригожин заявил об уходе.", "Prigozhin"),
    ],
)
def test_latin_aliases_are_found_in_cyrillic_text(text: str, alias: str) -> None:
    # Russian and Ukrainian write these names in Cyrillic; the watchlist in Latin letters.
    assert [h.alias for h in find_aliases(text, (alias,))] == [alias]
    assert find_aliases("Бойцы покинули город.", (alias,)) == []


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        ("Боевики «Джебхат ан-Нусры» отступили.", "Jabhat al-Nusra", "Джебхат ан-Нусры"),
        ("Группировка «Джейш аль-Ислам» ушла.", "Jaish al-Islam", "Джейш аль-Ислам"),
        ("Бойовики «Джебхат ан-Нусри» відступили.", "Jabhat al-Nusra", "Джебхат ан-Нусри"),
        ("Американская база в Джибути.", "Djibouti", "Джибути"),
    ],
)
def test_russian_dzh_is_the_names_j(text: str, alias: str, found: str, embedder) -> None:
    # Russian and Ukrainian write English and Arabic j as дж, read "dzh".
    assert find_read(text, alias, embedder.vocab) == [found]


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # A group's name that opens with a word Arabic groups' names open with is met as
        # written: its words apart, another group's name between them, are no hit (dev d010,
        # "جيش خالد ... تنظيم الدولة الإسلامية", Jaish Khalid of the Islamic State, scored 0.80
        # for Jaish al-Islam).
        ("جيش خالد المتهم بمبايعة تنظيم الدولة الإسلامية", "Jaish al-Islam", []),
        ("Jaish Khalid pledged allegiance to the Islamic State.", "Jaish al-Islam", []),
        ("Fighters of Jaish al-Islam left Douma.", "Jaish al-Islam", ["Jaish al-Islam"]),
        ("مقاتلو جيش الإسلام غادروا دوما", "Jaish al-Islam", ["جيش الإسلام"]),
        # (a name of other words still is, in any order: "the offensive in Daraa")
        ("The offensive in Daraa began in June.", "Daraa offensive", ["offensive in Daraa"]),
    ],
)
def test_a_groups_name_opening_with_an_arabic_group_word_is_met_whole(
    text: str, alias: str, found: list[str], embedder
) -> None:
    assert find_read(text, alias, embedder.vocab) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        ("أعلنت جبهة النصرة مسؤوليتها", "Jabhat al-Nusra", ["جبهة النصرة"]),
        (
            "هجوم لحركة الشباب المجاهدين",
            "Harakat al-Shabaab al-Mujahideen",
            ["لحركة الشباب المجاهدين"],
        ),
        ("قالت جبهة فتح الشام", "Jabhat Fatah al-Sham", ["جبهة فتح الشام"]),
        ("Fighters of the Jabha al-Nusra took the town.", "Jabhat al-Nusra", ["Jabha al-Nusra"]),
        ("قتلى في جبهة القتال", "Jabhat al-Nusra", []),  # "the front line": the next word counts
        ("قتلى في جبهة القتال", "Jabhat", []),  # a name's last word: its -at is no ة
    ],
)
def test_arabic_construct_state_is_the_names_at(
    text: str, alias: str, found: list[str], embedder
) -> None:
    # Arabic reads a final ة "-at" before the word it governs, which transliterations write;
    # without the t the word is the name's too, in a name of several words.
    assert find_read(text, alias, embedder.vocab) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        ("The turkey was roasted for Thanksgiving.", "Turkey", []),
        ("Fine china plates were sold.", "China", []),
        ("Turkey closed its border.", "Turkey", ["Turkey"]),  # opening a sentence
        ("Officials in Turkey said so.", "Turkey", ["Turkey"]),
        ("The Wagner group said so.", "Wagner Group", ["Wagner group"]),  # of several words
    ],
)
def test_a_one_word_name_is_not_the_common_word_in_lower_case(
    text: str, alias: str, found: list[str], embedder
) -> None:
    # A names-only topic "Turkey" (alias weight 4.39) had alerted on every Thanksgiving recipe.
    assert find_read(text, alias, embedder.vocab, "en") == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        ("سيطرت هيئة تحرير الشام على المدينة", "Hayat Tahrir al-Sham", ["هيئة تحرير الشام"]),
        ("هجوم تبناه جيش العدل", "Jaish al-Adl", ["جيش العدل"]),
        ("أعلنت سرايا القدس مسؤوليتها", "Saraya al-Quds", ["سرايا القدس"]),
        ("بيان من حراس الدين", "Hurras al-Din", ["حراس الدين"]),
        ("قصفت عصائب أهل الحق القاعدة", "Asaib Ahl al-Haq", ["عصائب أهل الحق"]),
        ("مقاتلو أهل السنة والجماعة", "Ahlu Sunnah wa Jamaah", ["أهل السنة والجماعة"]),
        (
            "بيان جماعة نصرة الإسلام والمسلمين",
            "Jamaat Nusrat al-Islam wal-Muslimin",
            ["جماعة نصرة الإسلام والمسلمين"],
        ),
        ("ارتفعت أسعار القدس", "Saraya al-Quds", []),  # prices: it opens with a vowel
        ("الصراع في القدس مستمر", "Saraya al-Quds", []),  # the conflict in: side by side only
        ("قال الجيش أفضل الحلول", "Jaish al-Adl", []),  # better: ف is no v in a short word
        ("قال أهل الحق", "Ahl al-Haq", []),  # two short words: too few consonants
    ],
)
def test_short_name_words_are_found_by_their_consonants_in_arabic(
    text: str, alias: str, found: list[str], embedder
) -> None:
    # Arabic writes a name's short words with their long vowels, hamza and ʿayn ("هيئة" for
    # Hayat, "العدل" for Adl): within a name of several words they are read by consonants.
    assert find_read(text, alias, embedder.vocab) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        ("قصف إسرائيلي على غزة", "Gaza", ["غزة"]),
        ("وصل الوفد إلى سوريا والعراق", "Syria", ["سوريا"]),
        ("وصل الوفد إلى سوريا والعراق", "Iraq", ["والعراق"]),
        ("زيارة للعراق", "Iraq", ["للعراق"]),
        ("حمله به کیف ادامه دارد", "Kyiv", ["کیف"]),  # Persian
        ("Удары по Сирии продолжаются.", "Syria", ["Сирии"]),
        ("Обстріл Сирії триває.", "Syria", ["Сирії"]),
        ("Власти Ирака заявили.", "Iraq", ["Ирака"]),
        ("Турция заявила.", "Turkey", ["Турция"]),  # CLDR's English name is "Türkiye"
        ("Ο στρατός μπήκε στη Συρία.", "Syria", ["Συρία"]),
        ("העיר עזה הותקפה", "Gaza", ["עזה"]),
        ("הצבא נכנס לעזה", "Gaza", ["לעזה"]),  # Hebrew's joined "to", "and in"
        ("נפגעים ובעזה", "Gaza", ["ובעזה"]),
        ("שינוי כיוון", "Greece", []),  # a direction: Greece is "יוון", but not after "as"
        ("Вибухи в Києві.", "Kyiv", ["Києві"]),  # Ukrainian -їв is -єв- in its cases
        ("أعلن الدعم المالي للمشروع", "Mali", []),  # financial: Mali is written bare
        ("جزایر قناری", "Algeria", []),  # Persian islands; Algeria is "the islands"
        ("كيف حالك", "Kyiv", []),  # Arabic "how": Persian writes Kyiv with its own k and y
        ("قالت الحكومة العمانية", "Germany", []),  # Omani: "ألمانيا" but for its ʿayn
        ("The army entered Syria.", "Syria", ["Syria"]),
        ("قالت الحكومة اليمنية", "Yemen", ["اليمنية"]),  # the adjective
        ("أعلنت السلطات الإيرانية", "Iran", ["الإيرانية"]),
        ("فاز اليمين المتطرف", "Yemen", []),  # the right: Yemen's skeleton, not its name
        ("قبل از جنگ", "Kabul", []),  # Persian "before"
        ("La situación en Siria empeora.", "Syria", ["Siria"]),
        ("Neue Angriffe in Syrien.", "Syria", ["Syrien"]),
        ("Almanya ile görüşmeler sürüyor.", "Germany", ["Almanya"]),
        ("Les troupes sont entrées en Egypte.", "Egypt", ["Egypte"]),  # no accent on a capital
        ("Wojska wkroczyły do Syrii.", "Syria", ["Syrii"]),  # Polish cases
        ("Z Rosji wróciła delegacja.", "Russia", ["Rosji"]),
        ("Die Zukunft Deutschlands ist offen.", "Germany", ["Deutschlands"]),  # genitive
        ("Die Oma erzählte.", "Oman", []),  # Portuguese "Omã": its tilde is a letter's
        ("Ship sank off Christmas Island.", "Iceland", []),  # German "Island": an English word
        ("Seul le président a parlé.", "Seoul", []),  # Portuguese Seoul; French "alone"
    ],
)
def test_places_are_found_as_other_languages_name_them(
    text: str, alias: str, found: list[str], embedder
) -> None:
    # CLDR's names of countries and main cities, met by the words exactly (case endings and
    # joined prepositions read off), in their own letters.
    assert find_read(text, alias, embedder.vocab) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # A city's names in other scripts and the spellings of them (GeoNames): none of the
        # first ten was met before, the skeleton's consonants differ or the names are others.
        ("Обстрел Николаева продолжается.", "Mykolaiv", ["Николаева"]),
        ("Удар по Николаеву.", "Mykolaiv", ["Николаеву"]),  # a case of the Russian name
        ("Shelling of Nikolaev went on.", "Mykolaiv", ["Nikolaev"]),  # Russian agencies' copy
        ("Взрывы во Львове.", "Lviv", ["Львове"]),
        ("Sirens sounded in Lvov.", "Lviv", ["Lvov"]),
        ("Бои за Артемовск.", "Bakhmut", ["Артемовск"]),  # its Russian name, before 2016
        ("قصف على حلب", "Aleppo", ["حلب"]),
        ("اشتباكات في أم درمان", "Omdurman", ["أم درمان"]),
        ("اشتباكات في درعا", "Daraa", ["درعا"]),  # (an alias that spells GeoNames' "Dar‘ā")
        ("Fighting in Deraa went on.", "Daraa", ["Deraa"]),
        ("قصف على حمص", "Homs", ["حمص"]),  # (met before, by the skeleton)
        ("اشتباكات في دير الزور", "Deir ez-Zor", ["دير الزور"]),  # an article between words
        # a common word of the language, which a town is also named: Arabic "pictures", Tyre
        ("نشرت صور الهجوم", "Tyre", []),
        # ... or read as one: "لأول" (for the first time) is Laval's "لاول" but for its hamza
        ("بدأت العمل لأول مرة", "Laval", []),
        ("افغانستان میں امن", "Emmen", []),  # Urdu "peace", Emmen's "إمن" without its hamza
        ("Officials in Stalin said so.", "Donetsk", []),  # Stalino, once: the man's name
        ("Die Mosel ist hoch.", "Mosul", []),  # one of Mosul's names, and the river's
    ],
)
def test_cities_are_found_as_other_languages_and_other_spellings_name_them(
    text: str, alias: str, found: list[str], embedder
) -> None:
    assert find_read(text, alias, embedder.vocab) == found


def test_a_description_city_counts_as_other_spellings_write_it(matcher: Matcher) -> None:
    """The description's cities are met as GeoNames spells them too (``about_count``): a text
    that writes "Deraa" names the description's "Daraa" (it did not before)."""
    topic = Topic("t", "Test topic", "The 2018 government offensive in Daraa.", ("Zzyzx",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    title, text = "Army advances", "Government troops entered Deraa on Friday."
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == ["Deraa"]


def test_the_gazetteer_reads_every_city_record_whole() -> None:
    """Its record-by-record reading of GeoNames' file (``_RECORD``) finds every city and each
    of its names, as the file parsed whole gives them, a name with a bracket too ("Cice [a.
    1140]", Zeitz: its record's later names were cut off)."""
    import json

    from monitor.match.gazetteer import _CITIES, _RECORD, _STRING

    raw = _CITIES.read_bytes()
    whole = json.loads(raw)
    records = list(_RECORD.finditer(raw))
    assert len(records) == len(whole)
    for record in records:
        city = json.loads(record[0])
        assert city == whole[str(city["geonameid"])]
        assert json.loads(record[1]) == city["name"]
        assert [json.loads(q) for q in _STRING.findall(record[2])] == city["alternatenames"]


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("Stalin", "es"),
        ("Mosel", "de"),
        ("حلب", "ar"),
        ("لأول", "ar"),
        ("Николаев", "ru"),
        ("Так", "ru"),
        ("Zzyzxq", "en"),  # none: 0
        ("Nova Kakhovka", "pt"),  # several words: 0, where wordfreq guesses a phrase's
    ],
)
def test_the_gazetteer_reads_word_frequencies_as_wordfreq_does(word: str, language: str) -> None:
    """Its own reading of wordfreq's small lists (hashes, not the lists kept whole) gives the
    Zipf wordfreq gives, to the hundredth, for a word of Zipf 3 or more; 0 below."""
    from wordfreq import zipf_frequency

    from monitor.match.gazetteer import _zipf

    expected = zipf_frequency(word, language, wordlist="small") if " " not in word else 0.0
    assert _zipf(word, (language,)) == pytest.approx(expected, abs=0.005)


@pytest.mark.parametrize(
    ("alias", "named"),
    [
        ("Mykolaiv", True),
        ("Nova Kakhovka", True),
        ("mykolaiv", False),  # an alias in lower case names no city for sure
        ("Syria", False),  # a country: CLDR names it (``exonyms``)
        ("Kyiv", False),  # a main city: CLDR names it
        ("Mosel", False),  # a word of German before it is one of Mosul's names
        ("Hama", True),  # GeoNames' "Ḩamāh", spelled so
        ("Basra", True),  # "Al Başrah"
        ("Beria", False),  # an old name of Aleppo's, and a man's
        ("Wagner Group", False),
        ("Yarmouk Valley", False),
    ],
)
def test_a_city_is_looked_up_only_for_an_alias_that_names_one(alias: str, named: bool) -> None:
    from monitor.match.aliases import city_spellings

    assert bool(city_spellings(alias)) == named


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        ("The U.S. Navy said so.", "US Navy", ["U.S. Navy"]),
        ("The US Navy said so.", "U.S. Navy", ["US Navy"]),
        ("U.N. observers left.", "UN observers", ["U.N. observers"]),
        ("U.S.-backed forces advanced.", "US-backed forces", ["U.S.-backed forces"]),
        ("Officials told us.", "U.S.", []),
        ("U.S. officials said so.", "US", ["U.S."]),  # an acronym's alias
        ("US officials said so.", "U.S.", ["US"]),
    ],
)
def test_initials_with_full_stops_are_one_word(
    text: str, alias: str, found: list[str], embedder
) -> None:
    """ "U.S." is "US": before, its letters were two words of one letter, so an alias or a
    description's "US" never met it (17 times in set B's texts)."""
    assert find_read(text, alias, embedder.vocab) == found


@pytest.mark.parametrize(
    ("text", "language", "alias", "found"),
    [
        # a place's name as the text's language writes it, though English writes the word too
        ("La deforestación en Brasil cayó.", "es", "Brazil", ["Brasil"]),
        ("Die Regierung in Island trat zurück.", "de", "Iceland", ["Island"]),
        ("Le Congrès se réunit à Wien.", "fr", "Vienna", []),  # German's name, not French's
        ("Brasil is a font.", "en", "Brazil", []),  # nor in English
        ("Die Insel Island.", "en", "Iceland", []),
        # one that is also a first name or a common word of the language: no place's
        ("Dominique a parlé.", "fr", "Dominica", []),
        # a city's English name before and after English renamed it, either way round
        ("Shelling resumed near Kiev overnight.", "en", "Kyiv", ["Kiev"]),
        ("Shelling resumed near Kyiv overnight.", "en", "Kiev", ["Kyiv"]),
        ("Protests spread in Rangoon.", "en", "Yangon", ["Rangoon"]),
        ("Protests spread in Yangon.", "en", "Rangoon", ["Yangon"]),
        ("Floods hit Dhaka again.", "en", "Dacca", ["Dhaka"]),
        ("Casinos in Macau reopened.", "en", "Macao", ["Macau"]),
        # a city merged into another's time zone is no name of it ("Europe/Zaporozhye" is
        # Kyiv's zone; "Asia/Tel_Aviv" Jerusalem's)
        ("Talks were held in Tel Aviv.", "en", "Jerusalem", []),
        ("Shelling resumed near Zaporozhye.", "en", "Kyiv", []),
    ],
)
def test_a_place_is_found_as_the_texts_language_names_it(
    text: str, language: str, alias: str, found: list[str], embedder
) -> None:
    """Before, a word the English model's vocabulary has ("brasil", "island") met no place in
    any language: Spanish "Brasil" was no Brazil; nor, in English, "Kiev" Kyiv, though French,
    Spanish and Italian name it so (both are words of the vocabulary)."""
    assert find_read(text, alias, embedder.vocab, language) == found


def test_a_description_place_is_counted_as_another_script_names_it(matcher: Matcher) -> None:
    topic = Topic("t", "Test topic", "Arms deliveries from Germany to Syria.", ("Zzyzx",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    text = "محادثات بين ألمانيا وسوريا حول الأسلحة"
    f = m.features("أخبار", text, m.embed([("أخبار", text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == ["ألمانيا", "وسوريا"]


def test_a_description_in_lower_case_names_its_places_and_the_watchlists_names(
    matcher: Matcher,
) -> None:
    """A description typed all in lower case read its places as common words: a text about
    the same places counted none of them, and a namesake qualified by another country (the
    description's countries are the topic's home) was the topic's."""
    about = "the somali jihadist group, its attacks in somalia and kenya since may 2023."
    topic = Topic("t", "al-Shabaab", about, ("al-Shabaab",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    title, text = "Attack in Kenya", "Gunmen attacked a bus near the Somali border in Kenya."
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == ["Kenya", "Somali"]
    text = "Al-Shabaab (Mozambique) attacked a village in Cabo Delgado."
    f = m.features("Cabo Delgado", text, m.embed([("Cabo Delgado", text)])[0])
    assert f.values["alias"][0] == 0 and f.values["other_name"][0] == 1


def test_a_name_of_no_word_is_matched_by_its_description(matcher: Matcher) -> None:
    # A topic may be named "—" (its id given): no text writes such a name, so it has no alias
    # to find, and the matcher is built and reads the topic by its description (it stopped with
    # a traceback, max() of nothing).
    assert compile_aliases(["—", "()"]) == []
    topic = Topic("dash", "—", "The Wagner Group's mercenaries in Mali.", ())
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    title, text = "Wagner in Mali", "Russian mercenaries of the Wagner Group fought in Mali."
    [match] = m.matches(title, text, m.embed([(title, text)])[0], "a")
    assert match.topic_id == "dash" and match.evidence["alias"] is None


@pytest.mark.parametrize(
    ("about", "aliases"),
    [
        # another name in brackets after one of the topic's names is one of its names
        ("Attacks by Yemen's Houthis (Ansar Allah) on ships.", ["Ansar Allah"]),
        ("Sudan's Rapid Support Forces (RSF) and the army.", ["RSF"]),
        ("The Lebanese Hezbollah (Party of God) and Iran.", ["Party of God"]),
        # not a place, which qualifies the name, nor a list, a date or words in lower case,
        # nor brackets after another word
        ("The Somali al-Shabaab (Somalia) and Kenya.", []),
        ("Sabotage of Nord Stream (Baltic Sea) in 2022.", []),
        ("The Somali al-Shabaab (East Africa) and Kenya.", []),
        ("Yemen's Houthis (Ansar Allah, a Zaydi movement) attacked.", []),
        ("Yemen's Houthis (2014-2024) attacked.", []),
        ("Yemen's Houthis (a rebel movement) attacked.", []),
        ("Ships in the Red Sea (Bab el-Mandeb) were hit.", []),
    ],
)
def test_a_description_gives_other_names_in_brackets(about: str, aliases: list[str]) -> None:
    names = ("Rapid Support Forces", "al-Shabaab", "Hezbollah", "Nord Stream")
    topic = Topic("t", "Houthi attacks", about, names)
    assert description_aliases(topic) == aliases


@pytest.mark.parametrize(
    ("about", "names", "read"),
    [
        # the names told after "also known as" and its kin are the topic's; a clause that
        # tells nothing else is read without them
        (
            "The Russian mercenary company. Also known as PMC Wagner, Wagner mercenaries or "
            "Africa Corps.",
            ["PMC Wagner", "Wagner mercenaries", "Africa Corps"],
            "The Russian mercenary company.",
        ),
        ("Also known as: JNIM, the Support Group.", ["JNIM", "Support Group"], ""),
        (
            "The Kakhovka dam, known locally as Kakhovka HPP.",
            ["Kakhovka HPP"],
            "The Kakhovka dam.",
        ),
        (
            "The Lebanese party, a.k.a. Party of God; its wars.",
            ["Party of God"],
            "The Lebanese party; its wars.",
        ),
        # a clause that goes on tells its names and stays
        (
            "The Yemeni rebels, also known as Ansar Allah, attack ships.",
            ["Ansar Allah"],
            "The Yemeni rebels, also known as Ansar Allah, attack ships.",
        ),
        (
            "The Syrian alliance, renamed Hayat Tahrir al-Sham in 2017.",
            ["Hayat Tahrir al-Sham"],
            "The Syrian alliance, renamed Hayat Tahrir al-Sham in 2017.",
        ),
        (
            "The militants known as 'al-Shabab' in Cabo Delgado.",
            ["al-Shabab"],
            "The militants known as 'al-Shabab' in Cabo Delgado.",
        ),
        # no name told: words that open with none, a name that "and" goes on with
        (
            "The group known as the one that attacked the Westgate mall.",
            [],
            "The group known as the one that attacked the Westgate mall.",
        ),
        (
            "What is known as the Islamic State of Iraq and the Levant, in Syria.",
            [],
            "What is known as the Islamic State of Iraq and the Levant, in Syria.",
        ),
        # a name of four words but more parts, at the clause's end (it stopped with an
        # IndexError)
        (
            "Also known as Wagner ISIS/ISIL Kataib Hezbollah",
            ["Wagner ISIS/ISIL Kataib Hezbollah"],
            "Also known as Wagner ISIS/ISIL Kataib Hezbollah",
        ),
        # a former name may be another thing's: not told
        (
            "Formed from Jabhat Fateh al-Sham, the former al-Nusra Front.",
            [],
            "Formed from Jabhat Fateh al-Sham, the former al-Nusra Front.",
        ),
        # names told of another name than the topic's, a person's or a group's: not the
        # topic's; of a place (where the subject is), the subject's
        (
            "The alliance led by Abu Mohammad al-Julani, also known as Ahmed al-Sharaa.",
            [],
            "The alliance led by Abu Mohammad al-Julani, also known as Ahmed al-Sharaa.",
        ),
        (
            "The alliance, formed from the Nusra Front, known as Jabhat Fateh al-Sham.",
            [],
            "The alliance, formed from the Nusra Front, known as Jabhat Fateh al-Sham.",
        ),
        (
            "The al-Qaeda affiliate of the Sahel, known as JNIM.",
            ["JNIM"],
            "The al-Qaeda affiliate of the Sahel.",
        ),
        (
            "Hayat Tahrir al-Sham, also known as HTS, in Idlib.",
            ["HTS"],
            "Hayat Tahrir al-Sham, also known as HTS, in Idlib.",
        ),
        # a person's nickname, whatever name it follows
        (
            "The commander of Sudan's Rapid Support Forces, known as Hemedti.",
            ["Hemedti"],
            "The commander of Sudan's Rapid Support Forces.",
        ),
    ],
)
def test_a_description_tells_other_names_after_also_known_as(
    about: str, names: list[str], read: str
) -> None:
    topic = Topic("t", "Hayat Tahrir al-Sham", about, ())
    assert told_names(topic) == names
    assert without_told_names(topic) == read


def test_aliases_told_in_the_description_read_as_aliases_listed(embedder: Any) -> None:
    # A user who lists no aliases may tell them in the description ("... Also known as
    # al-Shabab or Harakat al-Shabaab al-Mujahideen."). Read as the description's words, they
    # were no aliases, and they drew the sentence model to namesakes: bench/relevance.py's
    # rewrite of the dev topics so changed 7 of set A's 112 decisions and 4 of set B's 368
    # (the Saudi football club Shabab 0.31 -> 0.63 for the Somali group); read as aliases, none.
    about = (
        "The al-Qaeda-affiliated Somali jihadist group, its attacks in Somalia and Kenya, and "
        "the campaign against it by Somali forces and the African Union."
    )
    listed = Topic("s", "al-Shabaab", about, ("al-Shabab", "Harakat al-Shabaab al-Mujahideen"))
    told = Topic(
        "s",
        "al-Shabaab",
        f"{about} Also known as al-Shabab or Harakat al-Shabaab al-Mujahideen.",
        (),
    )
    assert as_read(told).about == about
    names = [{(r := as_read(t)).name, *r.aliases} for t in (told, listed)]
    assert names[0] == names[1]
    stories = [
        (
            "Saudi football club Shabab to host Roma during Riyadh Season",
            "Saudi Pro League side Al-Shabab will host Italian club AS Roma in a friendly "
            "during Riyadh Season, the club said. The match will be played in Riyadh.",
        ),
        (
            "Harakat al-Shabaab al-Mujahideen fighters attack base",
            "Militants stormed an army base in Lower Shabelle, killing ten soldiers.",
        ),
    ]
    scores = []
    for topic in (listed, told):
        m = Matcher(embedder, [topic], THRESHOLD)
        scores.append([m.score(t, x, m.embed([(t, x)])[0], "a")[0].score for t, x in stories])
    assert scores[0] == pytest.approx(scores[1], abs=0.01)


def test_a_name_the_description_gives_in_brackets_is_found_as_an_alias(matcher: Matcher) -> None:
    # (before, "Ansar Allah" counted as two of the description's names, and an Arabic story
    # that named the group only so scored 0.49 for Houthi attacks on shipping: dev2's d2-031)
    topic = Topic("t", "Houthi attacks", "Attacks by Yemen's Houthis (Ansar Allah) on ships.", ())
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    title, text = "News", "Ansar Allah said it fired two missiles at a tanker."
    [match] = m.score(title, text, m.embed([(title, text)])[0], "a")
    assert match.evidence["alias"] == {"alias": "Ansar Allah", "text": "Ansar Allah"}


def test_a_short_description_name_keeps_its_final_h(matcher: Matcher) -> None:
    # "Allah" of "Ansar Allah" read without its h would be "إلى" (to), which nearly every
    # Arabic text writes; "الله" is the name.
    topic = Topic("t", "Test topic", "Attacks by Yemen's Ansar Allah on ships.", ("Zzyzx",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    for text, seen in (
        ("وصلت السفينة إلى الميناء أمس", []),
        ("أعلنت جماعة أنصار الله مسؤوليتها", ["أنصار", "الله"]),
    ):
        f = m.features("أخبار", text, m.embed([("أخبار", text)])[0])
        assert sorted(f.about_names.get(0, {}).values()) == seen, text


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        ("Удары по Газе продолжаются.", "Gaza", ["Газе"]),  # "gaze" to English: no matter
        ("Жители Газы бегут.", "Gaza", ["Газы"]),
        ("Обстріл Гази триває.", "Gaza", ["Гази"]),
        ("Власти Ирана заявили.", "Iran", ["Ирана"]),
        ("Влада Ірану заявила.", "Iran", ["Ірану"]),
        ("В Ракке бои.", "Raqqa", ["Ракке"]),
        ("Цены на газ растут, газа не хватает.", "Gaza", []),  # gas, in lower case
        ("Ирина заявила.", "Iran", []),
    ],
)
def test_short_names_are_found_as_russian_and_ukrainian_decline_them(
    text: str, alias: str, found: list[str], embedder
) -> None:
    # Too few consonants for a skeleton: such a name is matched whole, and its case ending
    # ("Газе", "Ирана") is read off to the nominative, with its -а or without.
    assert find_read(text, alias, embedder.vocab) == found


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Anschlag der Al-Schabab-Miliz in Mogadischu.", "al-Shabaab"),  # German sch
        ("Eş-Şebab militanları saldırdı.", "al-Shabaab"),  # Turkish ş
        ("Die Kachowka-Talsperre am Dnipro.", "Kakhovka"),  # German and Polish ch for kh
        ("Kämpfe um Bachmut und Cherson.", "Bakhmut"),
        ("Jewgeni Prigoschin kündigte den Rückzug an.", "Prigozhin"),  # German sch for zh
        ("Jewgienij Prigożyn ogłosił wycofanie.", "Prigozhin"),  # Polish ż
        ("Marschall Schukow nahm Berlin ein.", "Zhukov"),
        ("حمله حوثی‌ها به کشتی", "Houthi"),  # Persian letters (ی)
        ("گروه واگنر در آفریقا", "Wagner"),  # (گ)
        ("پریگوژین کشته شد", "Prigozhin"),  # (پ, ژ)
    ],
)
def test_names_are_found_as_other_alphabets_write_them(text: str, alias: str) -> None:
    assert [h.alias for h in find_aliases(text, (alias,))] == [alias]


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Los combates en Jersón y Bajmut continúan.", "Kherson"),  # Spanish j for kh
        ("Los combates en Jersón y Bajmut continúan.", "Bakhmut"),
        ("La ONU pide una tregua en Jartum.", "Khartoum"),
        ("Un ataque de Yabhat al Nusra en Idlib.", "Jabhat al-Nusra"),  # Spanish y for Arabic j
        ("Angriff der Dschabhat an-Nusra in Idlib.", "Jabhat al-Nusra"),  # German dsch
        ("Die Huthi im Jemen greifen Schiffe an.", "Yemen"),  # j for an opening y
        ("Kämpfe im Jarmuk-Tal.", "Yarmouk"),
        ("Une attaque des Chebab à Mogadiscio.", "al-Shabaab"),  # French ch for sh
        ("Le site de Tchernobyl a été touché.", "Chernobyl"),  # French tch
        ("Luftangriffe auf Rakka.", "Raqqa"),  # a short name read with one spelling too: q, k
    ],
)
def test_names_are_found_as_other_latin_alphabets_spell_them(text: str, alias: str) -> None:
    assert [h.alias for h in find_aliases(text, (alias,))] == [alias]


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("جمعنا الأدلة في المدينة", "Yemen"),  # "we gathered": Yemen as Jemen, read in Arabic
        ("Ситуация в Чехии остаётся спокойной.", "Sheikh"),  # Czechia: Sheikh as Cheikh
        ("A band called Jerk played.", "Kharkiv"),  # Jarkiv would keep too few letters
        (
            "Sytuacja wokół Kijowski pozostaje napięta.",
            "Kakhovka",
        ),  # Kajovka: Polish "of Kyiv" adjective
        ("Die Lage in Tschechien bleibt ruhig.", "Chechnya"),  # German tsch is left as written
    ],
)
def test_latin_spellings_are_not_met_by_other_words(text: str, alias: str, embedder) -> None:
    assert find_read(text, alias, embedder.vocab) == []


@pytest.mark.parametrize(
    ("text", "language", "alias", "found"),
    [
        # x and ks: "Alexei", "Aleksei", Russian "Алексей"
        ("Aleksei Navalny died in prison.", "en", "Alexei Navalny", "Aleksei Navalny"),
        ("Алексей Навальный умер в колонии.", "ru", "Alexei Navalny", "Алексей Навальный"),
        ("Похороны Алексея Навального.", "ru", "Alexei Navalny", "Алексея Навального"),
        ("Maksim Gorky wrote the play.", "en", "Maxim Gorky", "Maksim Gorky"),
        # a Russian Е that opens a word is "ye" (or "e"), in Russian and in English
        ("Евгений Пригожин погиб.", "ru", "Yevgeny Prigozhin", "Евгений Пригожин"),
        (
            "Во вторник Евгения Пригожина похоронили.",
            "ru",
            "Yevgeny Prigozhin",
            "Евгения Пригожина",
        ),
        ("Evgeny Prigozhin said so.", "en", "Yevgeny Prigozhin", "Evgeny Prigozhin"),
        ("В Екатеринбурге прошли протесты.", "ru", "Yekaterinburg", "Екатеринбурге"),
        ("Protests in Ekaterinburg grew.", "en", "Yekaterinburg", "Ekaterinburg"),
        ("Protests in Yekaterinburg grew.", "en", "Ekaterinburg", "Yekaterinburg"),
        # German j for y and sch for zh in one name; the j German writes for Russian й
        (
            "Dann sagte Jewgeni Prigoschin, er ziehe ab.",
            "de",
            "Yevgeny Prigozhin",
            "Jewgeni Prigoschin",
        ),
        ("Gestern sagte Aleksej Nawalny aus.", "de", "Alexei Navalny", "Aleksej Nawalny"),
        # "Abdel" and "Abd al-" (عبد ال): each found as English writes the other, in Arabic too
        ("قال عبد الفتاح السيسي إن", "ar", "Abdel Fattah el-Sisi", "عبد الفتاح السيسي"),
        ("Abd al-Fattah al-Sisi said so.", "en", "Abdel Fattah el-Sisi", "Abd al-Fattah al-Sisi"),
        (
            "Abdel Fattah al-Burhan said so.",
            "en",
            "Abd al-Fattah al-Burhan",
            "Abdel Fattah al-Burhan",
        ),
        ("خطاب عبد الملك الحوثي", "ar", "Abdul-Malik al-Houthi", "عبد الملك الحوثي"),
        # ... and as one word, or apart, whichever the alias writes
        ("Abdulmalik al-Houthi said so.", "en", "Abdul-Malik al-Houthi", "Abdulmalik al-Houthi"),
        ("Abdul Malik al-Houthi said so.", "en", "Abdulmalik al-Houthi", "Abdul Malik al-Houthi"),
        (
            "El general Abdelfatah al Burhan dijo.",
            "es",
            "Abd al-Fattah al-Burhan",
            "Abdelfatah al Burhan",
        ),
        ("قال عبد العزيز بوتفليقة", "ar", "Abdelaziz Bouteflika", "عبد العزيز بوتفليقة"),
        # German, Polish and Czech -ij, -yj for a final -y, -i (Russian, Ukrainian -ий, -ый)
        ("Prezident Zelenskyj řekl.", "cs", "Zelensky", "Zelenskyj"),
        ("Wczoraj Jewgienij Prigożyn powiedział.", "pl", "Yevgeny Prigozhin", "Jewgienij Prigożyn"),
        ("Gestern sagte General Syrskyj, er bleibe.", "de", "Syrskyi", "Syrskyj"),
        # German alone: s for z, with sch for zh and -yj for -y
        ("Gestern sagte Präsident Selenskyj, er reise ab.", "de", "Zelensky", "Selenskyj"),
        ("Die Hisbollah feuerte Raketen ab.", "de", "Hezbollah", "Hisbollah"),
        ("Dann sprach Walerij Saluschnyj.", "de", "Valerii Zaluzhnyi", "Walerij Saluschnyj"),
        ("Dann sagte Maria Sacharowa, sie bleibe.", "de", "Maria Zakharova", "Maria Sacharowa"),
        # ... and z for ts (before, "Donezk" was no Donetsk, a place the descriptions of the
        # front's towns name)
        ("In der Region Donezk rücken die Truppen vor.", "de", "Donetsk", "Donezk"),
        # Polish alone: sz for sh, cz for ch, j for a й after a vowel
        ("Wczoraj Nikołaj Patruszew powiedział.", "pl", "Nikolai Patrushev", "Nikołaj Patruszew"),
        ("Wczoraj Siergiej Szojgu powiedział.", "pl", "Sergei Shoigu", "Siergiej Szojgu"),
        ("Wczoraj Łukaszenka powiedział.", "pl", "Lukashenko", "Łukaszenka"),
        # (a short one-word name held to the strict key of that spelling, not the English one)
        ("Wczoraj doradca Uszakow powiedział.", "pl", "Ushakov", "Uszakow"),
        ("Wczoraj w Czernihowie było spokojnie.", "pl", "Chernihiv", "Czernihowie"),
        # Swedish, Norwegian and Danish alone: tj for ch, zj for zh (before, not met: a real
        # Swedish story of the IAEA's readings at Chernobyl)
        ("IAEA: Normala strålningsnivåer vid Tjernobyl", "sv", "Chernobyl", "Tjernobyl"),
        ("Tjernobyl-ulykken skjedde i 1986.", "no", "Chernobyl", "Tjernobyl"),
        ("Marskal Zjukov vandt slaget.", "da", "Zhukov", "Zjukov"),
        # French alone: gu for g before e, i, y; iou for yu; i for a final y
        ("Mardi, Evgueni Prigojine a déclaré.", "fr", "Yevgeny Prigozhin", "Evgueni Prigojine"),
        ("Mardi, Ioulia Navalnaïa a parlé.", "fr", "Yulia Navalnaya", "Ioulia Navalnaïa"),
        # Spanish alone: j for kh in a short name, held to its strict key and vowels
        ("La presa de Kajovka fue destruida ayer.", "es", "Kakhovka", "Kajovka"),
        ("El líder supremo Alí Jamenei habló ayer.", "es", "Ali Khamenei", "Alí Jamenei"),
        ("El mariscal Jalifa Haftar habló ayer.", "es", "Khalifa Haftar", "Jalifa Haftar"),
        ("El ministro Mijaíl Mishustin habló ayer.", "es", "Mikhail Mishustin", "Mijaíl Mishustin"),
        # an Arabic or Somali name's g written ج or ق, where four consonants are left
        ("وصل الوفد إلى هرجيسا أمس.", "ar", "Hargeisa", "هرجيسا"),
        ("اشتباكات عنيفة في القضارف أمس.", "ar", "Gedaref", "القضارف"),
        # a place CLDR names in Arabic ("مقديشيو") is met by a skeleton of five consonants too
        ("قتل عشرة أشخاص في انفجار في مقديشو أمس.", "ar", "Mogadishu", "مقديشو"),
        # the name's "ye" as "e", and spelled as a language does: Italian -ij
        ("Martedì Evgenij Prigozhin ha detto.", "it", "Yevgeny Prigozhin", "Evgenij Prigozhin"),
        # German tsch in the alias, ch in the others' spelling
        ("Віталій Кличко заявив.", "uk", "Vitali Klitschko", "Віталій Кличко"),
        ("Mayor Vitali Klychko said.", "en", "Vitali Klitschko", "Vitali Klychko"),
        # German j for a y before a vowel; Arabic ة as "eh", "a", "ah", Turkish "e"
        (
            "Gestern sagte Benjamin Netanjahu, er bleibe.",
            "de",
            "Benjamin Netanyahu",
            "Benjamin Netanjahu",
        ),
        ("Dann sagte Jahja Sinwar, er bleibe.", "de", "Yahya Sinwar", "Jahja Sinwar"),
        ("Hamas chief Ismail Haniya was killed.", "en", "Ismail Haniyeh", "Ismail Haniya"),
        ("Dann sagte Ismail Hanija, er bleibe.", "de", "Ismail Haniyeh", "Ismail Hanija"),
        ("Hamas lideri İsmail Haniye öldürüldü.", "tr", "Ismail Haniyeh", "İsmail Haniye"),
        # a short word's doubled consonant: "Assad", Russian "Асад"; "Sisi", French "Sissi"
        ("Президент Башар Асад заявил.", "ru", "Bashar al-Assad", "Башар Асад"),
        (
            "Le président Abdel Fattah al-Sissi a dit.",
            "fr",
            "Abdel Fattah el-Sisi",
            "Abdel Fattah al-Sissi",
        ),
        # French ou for u
        (
            "Mardi, Abou Bakr al-Baghdadi a parlé.",
            "fr",
            "Abu Bakr al-Baghdadi",
            "Abou Bakr al-Baghdadi",
        ),
        # Г as h, as Ukrainian reads it and as both write names from other languages
        ("Обстріл Луганська триває.", "uk", "Luhansk", "Луганська"),
        ("Вчера в Луганске прогремел взрыв.", "ru", "Luhansk", "Луганске"),
        ("Ракетний удар по Чернігову.", "uk", "Chernihiv", "Чернігову"),
        ("Прем'єр Ізраїлю Нетаньягу заявив.", "uk", "Netanyahu", "Нетаньягу"),
        # Polish ł ("Władimir", "Zełenski")
        (
            "Wczoraj Wołodymyr Zełenski powiedział.",
            "pl",
            "Volodymyr Zelensky",
            "Wołodymyr Zełenski",
        ),
    ],
)
def test_names_of_people_and_places_are_found_as_languages_transliterate_them(
    text: str, language: str, alias: str, found: str, embedder
) -> None:
    """Russian, Ukrainian, Arabic and Hebrew names of people and places, as English and other
    languages transliterate them: each found whole, as the text writes it."""
    assert find_read(text, alias, embedder.vocab, language) == [found]


@pytest.mark.parametrize(
    ("text", "language", "alias"),
    [
        ("Ещё одна новость из Москвы.", "ru", "Sheikh"),  # "still": its e is no "ye"
        ("Tjernobyl-ulykken skjedde i 1986.", "en", "Chernobyl"),  # tj for ch: Nordic alone
        ("Европа ждёт.", "ru", "Yerevan"),
        ("Рынок рухнул в Манбидже.", "ru", "Manbij Council"),  # no -ij for -ej: a name of one
        ("Jemen und Oman verhandeln.", "de", "Yemen Oman Airways"),
        ("Gaza City: Aleks Sela won.", "en", "Alexander Lukashenko"),
        ("Abdel said so, and Malik agreed.", "en", "Abdul-Malik al-Houthi"),
        ("Abdul Lah said so.", "en", "Abdullah"),  # one word in every spelling: Abd Allah
        # German s for z is German's alone: Slovak "Slovensko" (Slovakia), Polish "sprawiają"
        ("K Slovensku sa priblížil front.", "sk", "Zelensky"),
        ("Sprawiają wrażenie spokojnych.", "pl", "Zaporizhzhia"),
        ("Święty Mikołaj przyniósł prezenty.", "pl", "Mykolaiv"),  # Mikołajów keeps its w
        ("Justin Trudeau said so.", "en", "Estonia"),  # an "e" as "ye" is never German "je"
        # Spanish j for kh is Spanish's alone, and a short name's keeps its vowels
        ("El jamón ibérico subió de precio ayer.", "es", "Khamenei"),
        ("Tenía una herida en la mejilla izquierda.", "es", "Mikhail"),  # Mijaíl's mjl
        # ج and ق as g only where four consonants are left: "it takes place", the Tigris
        ("الانتخابات تجري اليوم في البلاد.", "ar", "Tigray"),
        ("ارتفع منسوب نهر دجلة أمس.", "ar", "Dagalo"),
    ],
)
def test_other_spellings_of_names_meet_no_other_word(
    text: str, language: str, alias: str, embedder
) -> None:
    assert find_read(text, alias, embedder.vocab, language) == []


def test_an_arabic_name_ending_in_ij_keeps_its_j() -> None:
    # German and Polish "-ej" for Russian й is read as "-ei"; an Arabic "-ij" is no such ending
    assert [h.alias for h in find_aliases("Fighting near Manbij went on.", ("Manbij",))] == [
        "Manbij"
    ]
    assert find_aliases("Fighting near Manbi went on.", ("Manbij",)) == []


def test_a_short_name_keeps_its_own_letters_in_other_alphabets() -> None:
    # kh read as ch is for names of six letters or more ("Khan" is not "Chan"), and ş is sh.
    assert find_aliases("Jackie Chan starred in the film.", ("Khan",)) == []
    assert find_aliases("Şam'da toplantı yapıldı.", ("Sam",)) == []  # Turkish Şam, Damascus


@pytest.mark.parametrize("text", ["قصف في حوض اليرموك", "Shelling in Wadi al-Yarmouk."])
def test_arabic_place_word_before_the_name_is_found(text: str) -> None:
    # Arabic puts the kind of place first ("basin of Yarmouk"), English after the name.
    assert find_aliases(text, ("Yarmouk Basin", "Yarmouk Valley")) != []
    assert find_aliases("Shelling in the basin near Yarmouk town.", ("Yarmouk Basin",)) == []


@pytest.mark.parametrize(
    ("topic", "text", "other"),
    [
        # the town: the dam, the reservoir and the plant named after it are other things
        ("town", "The Kakhovka dam was blown up; the Kakhovka reservoir drained.", True),
        ("town", "A strike on the Kakhovka hydroelectric power plant.", True),
        ("town", "Shelling hit Kakhovka and the Kakhovka dam.", False),  # the town written too
        # the dam: a kind its names end in, or its description writes
        ("dam", "The Kakhovka reservoir drained within days.", False),
        # the valley: a camp named after it is another place
        ("valley", "Buses left the Yarmouk camp in Damascus on Sunday.", True),
        ("valley", "Fighting in the Yarmouk basin went on.", False),  # its kind
        # a work's name before "Project" is that work ("the Three Gorges Project", 0.13 for the
        # Three Gorges Dam before), before another capitalised word another thing's name
        ("dam", "Nearly a million people were moved for the Kakhovka Project.", False),
        ("dam", "Students of Kakhovka University protested.", True),
    ],
)
def test_a_name_word_only_before_a_kind_the_topic_is_not_of_names_another_thing(
    matcher: Matcher, topic: str, text: str, other: bool
) -> None:
    """A word of a topic's name that a text writes only before a kind of place or work that
    none of the topic's names ends in and its description does not write names another
    thing: "Kakhovka dam" and "Kakhovka reservoir" are no town of Nova Kakhovka (stories of
    the drained reservoir scored 0.52 and 0.51 for the town before), "Yarmouk camp" no
    Yarmouk Valley."""
    topics = {
        "town": Topic(
            "town",
            "Nova Kakhovka",
            "The town in Ukraine's Kherson region under Russian occupation: its officials and "
            "shelling of the town.",
            (),
        ),
        "dam": Topic(
            "dam",
            "Kakhovka Dam",
            "The dam on the Dnipro, its destruction and the drained Kakhovka Reservoir.",
            ("Kakhovka HPP",),
        ),
        "valley": Topic("valley", "Yarmouk Valley", "The river basin in south-west Syria.", ()),
    }
    m = Matcher(matcher.embedder, [topics[topic]], THRESHOLD)
    [match] = m.score("News", text, m.embed([("News", text)])[0], "k")
    assert (match.evidence["other_name"] is not None) == other


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("Students of Yarmouk University protested.", "Yarmouk University"),
        ("Clashes with Jaish al-Islam in Douma.", "Jaish al-Islam"),
        ("He studied at the University of Yarmouk.", "University of Yarmouk"),
        ("Shelling hit the Yarmouk Valley.", None),  # the topic's own word
        ("Shelling in Yarmouk Province.", None),  # the place itself
        ("Yarmouk. University staff left.", None),  # a sentence end between them
        # a hyphen between spaces parts a headline from its source (Google News)
        ("Rebels clash with militants in Yarmouk - Reuters\nNews.", None),
        ("Students of the Yarmouk-University protested.", "Yarmouk-University"),
        ("Shuhada al-Yarmouk attacked.", None),  # a foreign name word is not judged
        # ... but after a word Arabic groups' names open with, one not the topic's names
        # another group
        ("Jaish al-Adl attacked a border post.", "Jaish al-Adl"),
        # ... the Arabic article spelled as Urdu and Persian names write it, before a hyphen
        ("Hizb ut-Yarmouk was banned in Britain.", "Hizb ut-Yarmouk"),
        ("Jamaat-ud-Yarmouk ran the schools.", "Jamaat-ud-Yarmouk"),
        ("The Council at Yarmouk met.", None),  # "at" between spaces is an English word
        ("Fighters of Jaysh Khalid bin al-Waleed fled.", None),
        ("Jaish fighters fled.", None),
        ("University of Yarmouk staff left.", None),  # a capital that starts the sentence
        ("Yarmouk Rebels Fire Rockets at Troops\nNews.", None),  # a headline in title case
        # an adjective English capitalises anywhere, a faith's or a people's
        ("The Yarmouk Islamist group attacked.", None),
        ("The Yarmouk Syrian fighters withdrew.", None),
    ],
)
def test_name_word_inside_another_name(embedder, text: str, other: str | None) -> None:
    from monitor.match.aliases import in_other_name, inflected

    own = frozenset(
        k
        for tok in tokens(f"{VALLEY.name} {JKBW.name} {VALLEY.about}")
        for k in (tok.key, tok.key.rstrip("s"))
    )
    if "\n" not in text:
        text = f"News of the day\n{text}"  # a headline in sentence case
    toks = inflected(text, tokens(text), embedder.vocab)
    i = next(k for k, t in enumerate(toks) if t.key in {"yrmk", "jsh"})
    span = in_other_name(text, toks, i, own, embedder.vocab)
    assert (text[span[0] : span[1]] if span else None) == other


def test_a_group_named_with_the_article_spelled_ut_is_another_group(matcher: Matcher) -> None:
    """Hizb ut-Tahrir is another Islamist group than Hayat Tahrir al-Sham, which shares its
    word "Tahrir": a real story of the UK banning it scored 0.77 for HTS, its "ut-" no
    article the matcher knew, so that "Tahrir" read as written plainly."""
    about = (
        "The Syrian Islamist armed group led by Ahmed al-Sharaa, its rule over Idlib and the "
        "2024 offensive that toppled Bashar al-Assad."
    )
    hts = Topic("hts", "Hayat Tahrir al-Sham", about, ("Hayat Tahrir al-Sham", "HTS"))
    m = Matcher(matcher.embedder, [hts], THRESHOLD)
    text = (
        "The government moved to ban the international Islamist group Hizb ut-Tahrir as a "
        "terrorist organisation, saying it promotes and encourages terrorism. Membership of "
        "Hizb ut-Tahrir will become a criminal offence once parliament approves the order."
    )
    title = "Britain to ban Islamist group"
    [match] = m.score(title, text, m.embed([(title, text)])[0], "h")
    assert match.evidence["other_name"] == ["Hizb ut-Tahrir"] and match.score < 0.5


def test_a_city_named_only_as_its_region_s_name_is_the_region(matcher: Matcher) -> None:
    """A watched city whose name a text writes only as its region's ("Kherson Oblast",
    "the Kherson region") is not that text's subject: the story is of the region's villages
    (a real story of villages in occupied Kherson Oblast scored 1.00 for the city). A text
    that also writes the name alone may tell of the city; a topic whose description covers
    the region as well keeps the name."""
    about = (
        "The Ukrainian city of Kherson on the Dnipro river, its Russian occupation from March "
        "2022, its liberation in November 2022, and the Russian shelling of the city since."
    )
    kherson = Topic("kherson", "Kherson", about, ("Kherson",))
    m = Matcher(matcher.embedder, [kherson], THRESHOLD)
    title = "Villages of occupied Kherson Oblast emptied"
    text = (
        "Several villages on the left bank in occupied Kherson Oblast have been wiped out by "
        "fighting, an official said. Russian forces still hold much of Kherson Oblast east "
        "of the Dnipro river."
    )
    match = scored_by(m, title, text)
    assert match.evidence["alias"] is None
    assert match.evidence["other_name"] == ["Kherson Oblast"]
    # in Russian too, the region's adjective before its word
    text = "Несколько сёл Херсонской области полностью разрушены, сообщил чиновник."
    assert scored_by(m, "Сёла разрушены", text).evidence["alias"] is None
    # ... not where the text also writes the name alone (the city)
    text = (
        "Russian forces shelled the Kherson region overnight, and drones struck Kherson "
        "itself, killing two people in the city centre."
    )
    match = scored_by(m, "Drones strike Kherson", text)
    assert match.evidence["alias"] == {"alias": "Kherson", "text": "Kherson"}
    # ... nor for a topic whose description speaks of the region too
    about = "Kherson, the city and region in southern Ukraine, and the war there since 2022."
    m = Matcher(matcher.embedder, [Topic("kherson", "Kherson", about, ("Kherson",))], THRESHOLD)
    title = "Villages of occupied Kherson Oblast emptied"
    text = "Several villages in occupied Kherson Oblast have been wiped out by fighting."
    assert scored_by(m, title, text).evidence["alias"] == {"alias": "Kherson", "text": "Kherson"}


def test_other_thing_named_yarmouk_is_not_the_valley(matcher: Matcher) -> None:
    title = "Yarmouk University in Irbid"
    text = (
        "Yarmouk University is a public university in Irbid in northern Jordan, near the "
        "Syrian border. Yarmouk University offers degrees in science and the arts."
    )
    got = {
        m.topic_id: m for m in matcher.score(title, text, matcher.embed([(title, text)])[0], "u")
    }
    assert not got["valley"].matched
    assert got["valley"].evidence["other_name"] == ["Yarmouk University"]


def test_a_title_case_headline_names_no_other_thing(matcher: Matcher) -> None:
    """A headline that capitalises every word does not make "Yarmouk Villages" a name: the
    text decides whether the word stands inside another thing's name."""
    headline = "Shelling Hits Yarmouk Villages Near Jordanian Border"
    text = "Government artillery struck several villages near the border on Sunday, residents said."
    got = {
        m.topic_id: m
        for m in matcher.score(headline, text, matcher.embed([(headline, text)])[0], "h")
    }
    assert got["valley"].evidence["other_name"] is None
    assert not got["valley"].evidence["name_absent"]
    text = "Students at Yarmouk University in Irbid protested against higher fees on Monday."
    # in title case, or in none (a page's address for a title): the text decides
    for title in (
        "Yarmouk University Students Protest Fees",
        "yarmouk-university-students-protest",
    ):
        vec = matcher.embed([(title, text)])[0]
        got = {m.topic_id: m for m in matcher.score(title, text, vec, "u")}
        assert got["valley"].evidence["other_name"] == ["Yarmouk University"]


@pytest.mark.parametrize(
    ("title", "text", "other"),
    [
        # the university in Irbid, as the French and the Spanish write it
        (
            "Des étudiants manifestent à Irbid",
            "Des centaines d'étudiants de l'Université de Yarmouk ont manifesté à Irbid.",
            ["Université de Yarmouk"],
        ),
        (
            "Estudiantes protestan en Irbid",
            "Cientos de estudiantes de la Universidad de Yarmuk protestaron en Irbid.",
            ["Universidad de Yarmuk"],
        ),
        (
            "Calcio giordano",
            "Lo Stadio di Yarmouk ospita la finale della coppa giordana.",
            ["Stadio di Yarmouk"],
        ),
        # the valley, its kind translated, or a word in lower case: no other thing's name
        (
            "Combats dans la vallée du Yarmouk",
            "De violents combats ont eu lieu dans la vallée du Yarmouk, en Syrie.",
            None,
        ),
        (
            "Combates en el sur de Siria",
            "Los rebeldes y la universidad de Yarmuk fueron atacados cerca de la frontera.",
            None,
        ),
    ],
)
def test_an_institutions_name_in_another_language_is_another_thing(
    matcher: Matcher, title: str, text: str, other: list[str] | None
) -> None:
    """ "l'Université de Yarmouk" is no Yarmouk Valley, as "Yarmouk University" is none: a
    French story of the university's students scored 0.67 for the valley."""
    f = matcher.features(title, text, matcher.embed([(title, text)])[0])
    found = f.other.get(0)
    assert (sorted(set(found)) if found else None) == other


@pytest.mark.parametrize(
    ("line", "capitalised"),
    [
        ("Houthi Rebels Fire Missiles at Ship", True),
        ("Russia Says It Will Respond With Force", True),  # "With": a word of grammar
        ("Meta-analysis Maps Blood Pressure Patterns in European Youth", True),
        # sentence case that names two things: its other long words in lower case
        ("Piracy rises in the Strait of Malacca", False),
        ("Eight Russian missiles hit Dnipro HPP - Prosecutor General's Office", False),
        ("Richard Wagner and anti-Semitism", False),
    ],
)
def test_a_headline_in_title_case_writes_no_long_word_in_lower_case(
    line: str, capitalised: bool
) -> None:
    assert title_case(line) == capitalised


def test_a_sentence_case_headline_naming_two_things_names_them(embedder: Any) -> None:
    """ "Piracy rises in the Strait of Malacca" capitalises three of its four long words: read
    as title case, its "Strait of Malacca" named nothing, and the story of another strait,
    which names the Strait of Hormuz further on, scored 0.50 for it."""
    hormuz = Topic(
        "hormuz",
        "Strait of Hormuz",
        "The strait between Iran and Oman through which a fifth of the world's oil passes: "
        "Iranian seizures of tankers, threats to close it, and naval patrols.",
        ("Strait of Hormuz", "Hormuz Strait"),
    )
    m = Matcher(embedder, [hormuz], THRESHOLD)
    title = "Piracy rises in the Strait of Malacca"
    text = (
        "Armed robberies against ships in the Strait of Malacca and Singapore rose sharply this "
        "year, a regional anti-piracy centre said. The Strait of Hormuz saw fewer incidents."
    )
    (match,) = m.score(title, text, m.embed([(title, text)])[0], "a")
    assert match.evidence["other_of_kind"] == ["Strait of Malacca"]
    assert not match.matched


def test_name_word_absent_is_evidence(matcher: Matcher) -> None:
    title = "Israeli jets strike militants"
    written = "Fighters of Shuhada al-Yarmouk fired on troops in the Golan Heights."
    absent = "Fighters fired on troops in the Golan Heights."
    ev = {
        t: {
            m.topic_id: m.evidence
            for m in matcher.score(title, t, matcher.embed([(title, t)])[0], "g")
        }["valley"]
        for t in (written, absent)
    }
    assert ev[absent]["name_absent"] and not ev[written]["name_absent"]


def test_a_name_a_summary_does_not_write_counts_less(matcher: Matcher) -> None:
    """A feed's summary need not write every name its story does: the distinctive name word's
    absence weighs by the text's length, in full from BRIEF_CHARS characters."""
    from monitor.match.matcher import BRIEF_CHARS

    title = "Israeli jets strike militants"
    lead = "Fighters fired on troops in the Golan Heights, the army said."
    story = lead + " Residents reported shelling through the night." * 25
    assert len(story) >= BRIEF_CHARS > len(lead)
    valley = [t.id for t in matcher.topics].index("valley")
    for text, weight in ((lead, len(lead) / BRIEF_CHARS), (story, 1.0)):
        vec = matcher.embed([(title, text)])[0]
        f = matcher.features(title, text, vec)
        assert f.absent[valley]  # the evidence still says the name is not written
        assert f.values["name_absent"][valley] == pytest.approx(weight)


def test_short_one_word_alias_needs_its_strict_spelling() -> None:
    # al-Shabab's skeleton (shb) is shared by Shabwa and Arabic "the people" (الشعب).
    names = ("al-Shabaab", "al-Shabab")
    for text in ("Fighting in Shabwa province.", "قال الشعب"):
        assert find_aliases(text, names) == [], text
    for text in ("Shebab militants attacked.", "هجوم لحركة الشباب", "Al Shabaab fighters"):
        assert len(find_aliases(text, names)) == 1, text
    # Hamas and Homs share a strict key (hms) but not how many vowels they write; a name's
    # transliterations write as many (Homs, Hims) and Arabic writes few (حمص).
    assert find_aliases("Hamas said the talks had stalled.", ("Homs",)) == []
    assert find_aliases("Fighting in Homs went on.", ("Hamas",)) == []
    for text in ("Fighting in Hims went on.", "قتال في حمص"):
        assert len(find_aliases(text, ("Homs",))) == 1, text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The army's offensive in Daraa entered its second week.", "offensive in Daraa"),
        (
            "New Houthi attacks on ships in the Red Sea.",
            "Houthi attacks on ships in the Red Sea",
        ),
        ("Daraa was calm. " + "Nothing else happened there that week. " * 2 + "An offensive", None),
        ("An offensive near Homs.", None),
        # not across a sentence's end
        ("The offensive was over. Daraa was calm.", None),
        ("Ships in the Red Sea were safe. Houthi attacks went on inland.", None),
        # not across a clause: a verb's helper or a pronoun between the words
        ("The offensive against rebels in Daraa went on.", "offensive against rebels in Daraa"),
        ("Fighters in Daraa were faced with a second offensive line.", None),
        ("Police in Daraa lost their lives in the offensive.", None),
    ],
)
def test_a_names_words_close_together_in_another_order_are_found(
    text: str, found: str | None
) -> None:
    index = AliasIndex(
        [(0, p) for p in compile_aliases(["Daraa offensive", "Houthi Red Sea attacks"])]
    )
    hits = index.search_near(text, tokens(text), skip=())
    assert [text[h.start : h.end] for h in hits.get(0, [])] == ([found] if found else [])
    assert index.search_near(text, tokens(text), skip=[0]) == {}  # already hit as written


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the words inside one longer name, other words of its own between them: another group
        ("Fighters of the Arakan Rohingya Salvation Army attacked a camp.", None),
        # ... not the words apart, nor in a line that capitalises every word
        ("Army officials in Arakan said the town fell.", "Army officials in Arakan"),
        (
            "Arakan Rohingya Salvation Army Leader Arrested In Dhaka",
            "Arakan Rohingya Salvation Army",
        ),
    ],
)
def test_an_aliass_words_inside_another_name_are_no_hit(text: str, found: str | None) -> None:
    """ "Arakan Rohingya Salvation Army" (ARSA) is no Arakan Army: the two words met apart
    stood in one name with two words of its own between them (a story on ARSA 0.96 -> 0.90
    for the Arakan Army, its evidence no longer naming it)."""
    index = AliasIndex([(0, p) for p in compile_aliases(["Arakan Army"])])
    hits = index.find(text)
    assert [text[h.start : h.end] for h in hits.get(0, [])] == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # "and" alone between two of the words: two things, no name in another order
        ("Relations between Pakistan and the Taliban worsened.", "Pakistani Taliban", None),
        ("Pakistan or the Taliban will act.", "Pakistani Taliban", None),
        ("Attacks by the Taliban in Pakistan rose.", "Pakistani Taliban", "Taliban in Pakistan"),
        # an alias that pairs two names as written is met so ("Israel-Hamas war")
        (
            "The war between Israel and Hamas went on.",
            "Israel-Hamas war",
            "war between Israel and Hamas",
        ),
        # "and" between other words leaves the name
        ("The offensive in Daraa and Quneitra began.", "Daraa offensive", "offensive in Daraa"),
    ],
)
def test_an_aliass_words_joined_by_and_alone_name_two_things(
    text: str, alias: str, found: str | None
) -> None:
    index = AliasIndex([(0, p) for p in compile_aliases([alias])])
    hits = index.search_near(text, tokens(text), skip=())
    assert [text[h.start : h.end] for h in hits.get(0, [])] == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Wagner Group said so.", "Wagner Group"),
        ("A tribute to Richard Wagner. Group members sang.", None),
        ("A tribute to Richard Wagner\nGroup members sang.", None),  # a title, then the text
        ("The U.S. Army said so.", "U.S. Army"),  # an alias that spans a full stop
        # Every stop that cuts passages cuts an alias too: an ellipsis, a Devanagari danda.
        ("A tribute to Richard Wagner… Group members sang.", None),
        ("रिचर्ड Wagner। Group के सदस्य", None),
    ],
)
def test_an_aliass_words_stand_in_one_sentence(text: str, found: str | None) -> None:
    index = AliasIndex([(0, p) for p in compile_aliases(["Wagner Group", "U.S. Army"])])
    hits = index.search(text, tokens(text))
    assert [text[h.start : h.end] for h in hits.get(0, [])] == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Apple sold more iPhone 10 units.", "iPhone 10"),
        ("iPhone XR: the 10 best apps", None),
        ("Nord Stream 2 was damaged.", "Nord Stream 2"),
        ("The Nord Stream pipeline lost 2 lines.", None),
    ],
)
def test_a_number_in_a_name_stays_where_the_name_puts_it(text: str, found: str | None) -> None:
    index = AliasIndex([(0, p) for p in compile_aliases(["iPhone 10", "Nord Stream 2"])])
    hits = index.find(text)
    assert [text[h.start : h.end] for h in hits.get(0, [])] == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        (
            "Hayat Tahrir al-Sham",
            "Fighters of Hay'at Tahrir al-Sham took Aleppo.",
            "Hay'at Tahrir al-Sham",
        ),
        (
            "Hay'at Tahrir al-Sham",
            "Fighters of Hayat Tahrir al-Sham took Aleppo.",
            "Hayat Tahrir al-Sham",
        ),
        (
            "Jamaat Nusrat al-Islam",
            "Jama’at Nusrat al-Islam claimed the attack.",
            "Jama’at Nusrat al-Islam",
        ),
        ("Daesh", "Les combattants de Da'esh ont attaqué la ville.", "Da'esh"),
        ("Sloviansk", "Обстріл Слов'янська триває з понеділка.", "Слов'янська"),
        ("Sanaa", "Houthi officials in Sana'a said so.", "Sana'a"),  # a single a after it
        ("Shia", "Shi'a militias said so.", "Shi'a"),
        ("Rafah", "Rafah's crossing stayed shut.", "Rafah"),  # a possessive stays apart
        ("Ukraine", "Le forze dell'Ucraina avanzano.", "Ucraina"),  # an elision too
    ],
)
def test_an_apostrophe_inside_a_name_joins_its_word(
    embedder, alias: str, text: str, found: str
) -> None:
    assert found in alias_hits(embedder, alias, text)


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("F-16", "Ukraine receives its first F-16s from Denmark.", "F-16s"),
        ("F-16", "Denmark sends F16 fighter jets.", "F16"),
        ("F-16", "More F16s arrive.", "F16s"),
        ("T-72", "Russia lost dozens of T-72s near Avdiivka.", "T-72s"),
        ("COP 28", "Leaders met at COP28 in Dubai.", "COP28"),
        ("IED", "Three IEDs exploded in Kandahar.", "IEDs"),
        ("F-16", "An F-15 and 16 others flew.", None),
        ("F-16", "Hits of the 16s and the 1990s.", None),
        ("iPhone X", "The iPhone X review is out.", "iPhone X"),
        ("iPhone X", "The iPhone XS review is out.", None),  # another model, not X's plural
        # ... and one the alias writes joined, apart (before, "MH17" met only "MH17")
        ("MH17", "The downing of flight MH-17 over Ukraine in 2014.", "MH-17"),
        ("COP28", "Leaders met at COP 28 in Dubai.", "COP 28"),
        # capitals joined by an ampersand are one name (before, "AT&T" was the article "at"
        # and a "T", which met any T)
        ("AT&T", "AT&T said on Monday it would cut jobs.", "AT&T"),
        ("AT&T", "Mr T said the plan was fine.", None),
        ("P&O Ferries", "P&O Ferries sacked 800 staff.", "P&O Ferries"),
    ],
)
def test_a_designation_is_found_joined_and_in_the_plural(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("Deir ez-Zor", "Fighting continued in Deir el-Zor province.", "Deir el-Zor"),
        ("Deir el-Zor", "Fighting continued in Deir ez-Zor province.", "Deir ez-Zor"),
        ("Deir ez-Zor", "Fighting continued in Deir al-Zor province.", "Deir al-Zor"),
    ],
)
def test_the_arabic_article_is_read_in_its_levantine_spelling(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("al-Qaeda", "Militants of al-Qaida attacked the base.", "Qaida"),
        ("al-Qaida", "Militants of al-Qaeda attacked the base.", "Qaeda"),
        ("Taiz", "Shelling hit Taez overnight.", "Taez"),
        # an Arabic word is read as Arabic writes it: "قاعدة" is also a (military) base
        ("al-Qaeda", "أعلن تنظيم القاعدة مسؤوليته عن الهجوم على قاعدة عسكرية.", None),
    ],
)
def test_a_short_name_written_with_ae_or_ai_is_one_name(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # A word in lower case that its language writes often is that word, not a name of one
        # word (before, each of these met the name by its consonants and vowels)
        ("Ajoutez la crème et mélangez doucement.", "Crimea", []),
        ("Batir la crema con el azúcar durante cinco minutos.", "Crimea", []),
        ("Las suelas de goma resisten el agua.", "Goma", []),
        ("Yaz boyunca sahil kalabalık oldu.", "Sahel", []),
        # ... as a people's or a group's plural in lower case is not, nor a kind's word in a
        # name of several
        ("Les houthis ont revendiqué une nouvelle attaque en mer Rouge.", "Houthi", ["houthis"]),
        ("Il gruppo Wagner opera in Mali da anni.", "Wagner Group", ["gruppo Wagner"]),
        # ... and written with a capital it is a name
        ("Les combats ont repris autour de Goma, selon l'ONU.", "Goma", ["Goma"]),
        # ... but not opening a line of a text that writes it in lower case too: squid
        ("Lula recheada\nA lula é um molusco de corpo alongado, com dois tentáculos.", "Lula", []),
        (
            "Lula diz que vai vetar o projeto\nO presidente Lula disse nesta terça-feira.",
            "Lula",
            ["Lula", "Lula"],
        ),
    ],
)
def test_a_common_word_of_another_language_is_no_name(
    embedder, text: str, alias: str, found: list[str]
) -> None:
    assert alias_hits(embedder, alias, text) == found


def alias_hits(embedder, alias: str, text: str) -> list[str]:
    """What the alias meets in the text, as the matcher reads the text (its language too)."""
    from monitor.match.language import detect

    return find_read(text, alias, embedder.vocab, detect("", text))


@pytest.mark.parametrize(
    ("text", "aliases", "found"),
    [
        # A Slavic adjective of a place name: Ukrainian "Kakhovska HPP", "Каховської ГЕС".
        ("Russians blew up the Kakhovska HPP overnight.", ("Kakhovka HPP",), "Kakhovska HPP"),
        ("Shelling in Khersonska oblast went on.", ("Kherson",), "Khersonska"),
        ("Удар по Харківській області.", ("Kharkiv",), "Харківській"),
        # An English plural of a name the model does not know as a word.
        ("The Houthis fired two missiles.", ("Houthi",), "Houthis"),
        # Russian and Ukrainian cases with a consonant ending, an adjective's too.
        ("Конфликт с Вагнером обострился.", ("Wagner",), "Вагнером"),
        ("Встреча с Пригожиным не состоялась.", ("Prigozhin",), "Пригожиным"),
        ("Уровень Каховского водохранилища упал.", ("Kakhovka",), "Каховского"),
        ("Бои в Хомсе продолжались.", ("Homs",), "Хомсе"),  # Х for "h" as for "kh"
        # Arabic: the plural, a joined "and the" / "for the" / "by", and a short name's strict
        # spelling read with its long vowels ("الحوثي" is "Houthi"; an alias in Arabic too).
        ("هجمات الحوثيين على السفن", ("Houthi",), "الحوثيين"),
        ("قصف يستهدف والحوثيين", ("الحوثي",), "والحوثيين"),
        ("بيان للحوثيين", ("Houthi",), "للحوثيين"),
        ("اتهامات بفاغنر في مالي", ("فاغنر",), "بفاغنر"),
        ("The Houthis fired again.", ("الحوثي",), "Houthis"),
        # A foreign name in Arabic: p as ب, v as ف, g as غ.
        ("مرتزقة فاغنر في مالي", ("Wagner",), "فاغنر"),
        ("انهيار سد كاخوفكا", ("Kakhovka",), "كاخوفكا"),
        ("قال بوتين", ("Putin",), "بوتين"),
        # A people's adjective in -an; Х for "h" and a silent final h dropped.
        ("Tigrayan forces withdrew.", ("Tigray",), "Tigrayan"),
        ("Хезболла обстреляла север.", ("Hezbollah",), "Хезболла"),
        # Not inflected: a name that is a word of its own ("Hamas" is no plural of "Hama"),
        # a word written in lower case, an adjective of an unrelated name.
        ("Hamas said the talks had stalled.", ("Hama",), None),
        ("The houthis of the story.", ("Houthi",), None),
        ("A storm hit Minsk.", ("Monaco",), None),  # a word: not "Mnk"-ska
        ("Конфликт с вагнером.", ("Wagner",), None),  # lower case: not a name
        ("قال الشعبين", ("al-Shabaab",), None),  # "the two peoples": still not al-Shabaab
    ],
)
def test_names_are_found_as_the_text_inflects_them(
    embedder, text: str, aliases: tuple[str, ...], found: str | None
) -> None:
    from monitor.match.aliases import inflected

    index = AliasIndex([(0, p) for p in compile_aliases(aliases)])
    hits = index.search(text, inflected(text, tokens(text), embedder.vocab))
    assert [text[h.start : h.end] for h in hits.get(0, [])] == ([found] if found else [])
    assert index.search(text, inflected(text, tokens(text), frozenset())) == {}  # no vocabulary


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # Urdu writes the h of "Allah" and of places with its own letter, ہ (before, "حزب
        # اللہ" was no Hezbollah, "غزہ" no Gaza)
        ("لبنان میں حزب اللہ کے ٹھکانوں پر حملے ہوئے", "Hezbollah", ["حزب اللہ"]),
        ("انصار اللہ نے بحیرہ احمر میں جہاز پر حملہ کیا", "Ansar Allah", ["انصار اللہ"]),
        ("غزہ میں حماس کے رہنما ہلاک ہو گئے", "Gaza", ["غزہ"]),
        ("تہران میں اعلیٰ سطحی اجلاس ہوا", "Tehran", ["تہران"]),
        # Persian's name of Algiers is Al Jazeera's too
        ("شبکه الجزیره گزارش داد که مذاکرات ادامه دارد", "Algiers", []),
    ],
)
def test_names_are_found_as_urdu_writes_them(
    embedder, text: str, alias: str, found: list[str]
) -> None:
    assert alias_hits(embedder, alias, text) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # Arabic spells an acronym out by its letters' names (before, a real Arabic story of
        # the ADF's massacres in North Kivu, "(إيه دي إف)", met no ADF: 0.39)
        (
            "هجمات نسبت إلى متمردي تحالف القوى الديمقراطية (إيه دي إف) في شمال كيفو",
            "ADF",
            ["إيه دي إف"],
        ),
        ("أعلنت قوات الدعم السريع (آر إس إف) السيطرة على المدينة", "RSF", ["آر إس إف"]),
        # ... one letter and a number, and "بي" as b or p, Arabic having no p
        ("سيطرت حركة إم 23 على مدينة غوما", "M23", ["إم 23"]),
        ("قصفت تركيا مواقع حزب العمال الكردستاني بي كيه كيه", "PKK", ["بي كيه كيه"]),
        # ... letter by letter: "إيه دي إس" is ADS, no ADF
        ("قالت شركة إيه دي إس في بيان", "ADF", []),
    ],
)
def test_an_acronym_arabic_spells_out_by_its_letters(
    embedder, text: str, alias: str, found: list[str]
) -> None:
    assert alias_hits(embedder, alias, text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # German writes no case ending after a name: a final vowel the name lacks makes
        # another name ("Pokrowske", the village Pokrovske, met Pokrovsk in a real German
        # report of the front, 0.98)
        ("Russische Truppen rücken auf die Kleinstadt Pokrowske im Westen vor.", []),
        ("Russische Truppen rücken auf die Stadt Pokrowsk im Westen vor.", ["Pokrowsk"]),
        ("Russian troops advanced on the village of Pokrovske in the west.", []),
        # ... a language that declines names writes one so (Polish genitive, locative)
        ("Rosyjskie wojska zbliżają się do Pokrowska od wschodu.", ["Pokrowska"]),
        ("Walki w Pokrowsku trwają od wielu tygodni.", ["Pokrowsku"]),
    ],
)
def test_a_vowel_after_a_name_is_another_name_where_names_take_no_ending(
    embedder, text: str, found: list[str]
) -> None:
    assert alias_hits(embedder, "Pokrovsk", text) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # A Latin-script Slavic language declines a name as Russian does (before, only the
        # nominative was met: a Slovak "Navaľného" was no Navalny)
        ("Manželka Navaľného vyzvala Rusov na protesty v uliciach.", "Navalny", ["Navaľného"]),
        ("Adwokaci spotkali się z Nawalnym w kolonii karnej za kołem.", "Navalny", ["Nawalnym"]),
        ("Julia Nawalna wezwała do protestów po śmierci Nawalnego.", "Navalny", ["Nawalnego"]),
        (
            "Julija, žena Navalného, vyzvala Rusy k protestům po jeho smrti.",
            "Navalny",
            ["Navalného"],
        ),
        ("Rozmowa z Putinem trwała dwie godziny, powiedział rzecznik.", "Putin", ["Putinem"]),
        # ... in such a language only: in English a name's end is its own
        ("The Salem witch trials began in Massachusetts in 1692.", "Sal", []),
        # Turkish joins its case ending after an apostrophe (before, "Wagner'in" was no
        # Wagner); a place as Turkish names it, so declined
        (
            "Rus paralı asker grubu Wagner'in Mali'deki operasyonları sürüyor.",
            "Wagner",
            ["Wagner'in"],
        ),
        (
            "Kremlin, Putin'in açıklamasını yalanladı ve yeni bir bildiri yayımladı.",
            "Putin",
            ["Putin'in"],
        ),
        ("İsrail ordusu Gazze'de yeni bir kara operasyonu başlattı.", "Gaza", ["Gazze'de"]),
        # French, Spanish, Portuguese and Italian write a group's members in lower case, in the
        # plural too (before, "les houthis" and "les shebabs" were no Houthi, no al-Shabaab,
        # though "le groupe shebab" was)
        ("Les houthis ont attaqué un navire marchand en mer Rouge.", "Houthi", ["houthis"]),
        ("Os houthis atacaram um navio mercante no mar Vermelho.", "Houthi", ["houthis"]),
        ("Les shebabs ont revendiqué l'attentat de Mogadiscio.", "al-Shabaab", ["shebabs"]),
        # ... such a plural meets no name a common word would not
        ("Les hommes armés ont attaqué un navire en mer Rouge.", "Hamas", []),
        # ... and in English a word in lower case is still no name's plural
        ("The houthis of the valley are a kind of fish.", "Houthi", []),
        # Spanish writes English's th after a vowel (Arabic ث) as t, and the plural of a name
        # ending in a stressed vowel -íes; Turkish writes it s, and a name's plural with -ler
        # or -lar and no apostrophe (before, none of these met Houthi)
        ("Los hutíes atacaron otro buque mercante en el mar Rojo.", "Houthi", ["hutíes"]),
        ("Los rebeldes hutíes lanzaron un misil contra el buque.", "Houthi", ["hutíes"]),
        ("Yemen'deki Husiler Kızıldeniz'de bir gemiye saldırdı.", "Houthi", ["Husiler"]),
        ("ABD ve İngiltere, Husilerin hedeflerini vurdu.", "Houthi", ["Husilerin"]),
        ("Yemen'deki Husi isyancılar bir gemiye saldırdı.", "Houthi", ["Husi"]),
        # ... each in its own language: an English text's "Husi" is no Houthi
        ("The Husi family of Sacramento held a reunion.", "Houthi", []),
        # Russian and Ukrainian write a group's members in lower case, derived from its name,
        # and Arabic's th as s (before, none of these met)
        ("Атаки хуситов продолжаются в Красном море.", "Houthi", ["хуситов"]),
        ("Бойцы заявили, что вагнеровцы ушли из Бахмута.", "Wagner", ["вагнеровцы"]),
        ("Вагнерівці залишили Бахмут у червні.", "Wagner", ["Вагнерівці"]),
        ("Военные сообщили, что азовцы покинули завод.", "Azov", ["азовцы"]),
        # ... not a common word with such an ending after и or і ("техніці", in technology,
        # would be Thani)
        ("Нові матеріали в техніці змінюють виробництво.", "al-Thani", []),
        # ... nor a Russian verb's -ит ("кормит", it feeds, was Crimea)
        ("Фермер кормит скот дважды в день.", "Crimea", []),
        # Russian's o for Ukrainian's i in a name's last syllable, closed by its consonant;
        # not elsewhere: "Кроме того" (besides), opening many a sentence, was Crimea
        ("В Харькове снова прогремели взрывы.", "Kharkiv", ["Харькове"]),
        ("Бои в Хомсе продолжаются.", "Homs", ["Хомсе"]),
        ("Кроме того, власти обещали помощь пострадавшим.", "Crimea", []),
        # German, Polish and Czech spell kh as ch in Latin script alone: Arabic "تشارك" (it
        # takes part), its تش read as ch, was "Charkiw", Kharkiv
        ("Angriff auf Charkiw am Montag.", "Kharkiv", ["Charkiw"]),
        ("قصف روسي على خاركيف.", "Kharkiv", ["خاركيف"]),
        ("قالت الوزارة إن تشارك في المؤتمر دول عدة.", "Kharkiv", []),
        (
            "Der Bruch des Kachowka-Staudamms flutete Dörfer.",
            "Kakhovka dam",
            ["Kachowka-Staudamms"],
        ),
    ],
)
def test_names_are_found_as_other_languages_decline_them(
    embedder, text: str, alias: str, found: list[str]
) -> None:
    assert alias_hits(embedder, alias, text) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # Greek spells a foreign name by its sounds, in its own letters: μπ, ντ, γκ for b, d,
        # g, χ for both h and kh, s for sh, z for zh (before, no Greek word met any name)
        ("Η ομάδα Βάγκνερ αποχώρησε από την πόλη.", "Wagner Group", ["ομάδα Βάγκνερ"]),
        ("Οι Χούθι επιτέθηκαν σε πλοίο στην Ερυθρά Θάλασσα.", "Houthi", ["Χούθι"]),
        ("Η αλ-Σαμπάμπ επιτέθηκε σε βάση στο Μογκαντίσου.", "al-Shabaab", ["Σαμπάμπ"]),
        ("Ο Πριγκόζιν ηγήθηκε της ανταρσίας.", "Prigozhin", ["Πριγκόζιν"]),
        ("Οι μαχητές της Χεζμπολάχ εκτόξευσαν ρουκέτες.", "Hezbollah", ["Χεζμπολάχ"]),
        # ... a diaeresis parts two vowels ("Σοϊγκού" is So-i-gu); a genitive's s is read off
        ("Ο Σοϊγκού συναντήθηκε με τον υπουργό.", "Shoigu", ["Σοϊγκού"]),
        ("Οι πλημμύρες της Χερσώνας συνεχίζονται.", "Kherson", ["Χερσώνας"]),
        # ... and a short name's, a country's or a main city's genitive read back to the name
        # (before, none of these met)
        ("Οι κάτοικοι της Γάζας έφυγαν.", "Gaza", ["Γάζας"]),
        ("Οι πρόσφυγες της Συρίας επέστρεψαν.", "Syria", ["Συρίας"]),
        ("Ο πρόεδρος της Ρωσίας μίλησε.", "Russia", ["Ρωσίας"]),
        ("Ο πρωθυπουργός του Λιβάνου μίλησε.", "Lebanon", ["Λιβάνου"]),
        ("Ο δήμαρχος του Κιέβου μίλησε.", "Kyiv", ["Κιέβου"]),
        # ... a kind of place or thing as Greek writes it
        (
            "Το φράγμα της Καχόβκα καταστράφηκε στις 6 Ιουνίου.",
            "Kakhovka dam",
            ["φράγμα της Καχόβκα"],
        ),
        # ... a name opening a sentence, and Greek's common words not: "Κράτη" (states) opening
        # one is no Croatia, "Άλλαξε" (it changed) no Alexei, and in lower case nothing is
        ("Χαμάς και Ισραήλ συμφώνησαν σε εκεχειρία.", "Hamas", ["Χαμάς"]),
        ("Κράτη της Ευρώπης συζητούν νέα μέτρα.", "Croatia", []),
        ("Άλλαξε η κατάσταση στην αγορά.", "Alexei", []),
        ("Τα κράτη της Ευρώπης συζητούν νέα μέτρα.", "Croatia", []),
        # ... and a Greek spelling only in a Greek text
        ("The Herson family held a reunion in Ohio.", "Kherson", []),
        # Bulgarian and Macedonian join the article to a name's end, and write Arabic's th as
        # s; Serbian writes it t, and has letters of its own (before, none of these met)
        ("Хусите нападнаха товарен кораб в Червено море.", "Houthi", ["Хусите"]),
        ("Групата Вагнер напусна града.", "Wagner Group", ["Групата Вагнер"]),
        ("Хути су напали теретни брод у Црвеном мору.", "Houthi", ["Хути"]),
        ("Брана Каховка је уништена.", "Kakhovka dam", ["Брана Каховка"]),
        ("Напад у Јемену је осуђен.", "Yemen", ["Јемену"]),
        # ... not a common word with the article ("Костите", the bones, is no Kosti)
        ("Костите бяха намерени в пещера.", "Kosti", []),
        # Russian's "group" in lower case, as it declines it (before, only "Группа" opening
        # a sentence met, by the English word's consonants)
        ("Бойцы группы Вагнера покинули город.", "Wagner Group", ["группы Вагнера"]),
    ],
)
def test_names_are_found_in_greek_and_south_slavic_cyrillic(
    embedder, text: str, alias: str, found: list[str]
) -> None:
    assert alias_hits(embedder, alias, text) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # Hebrew writes a foreign name by its consonants, some vowels by letters, past the
        # letters it joins before a word ("in", "the") and a kind of place before it (before,
        # none of these met)
        ("קבוצת וגנר הודיעה כי לוחמיה נסוגו מהעיר.", "Wagner Group", ["קבוצת וגנר"]),
        ("הפיצוץ בסכר קחובקה הציף כפרים.", "Kakhovka dam", ["בסכר קחובקה"]),
        ("פריגוז'ין האשים את משרד ההגנה הרוסי.", "Prigozhin", ["פריגוז'ין"]),
        ("ההפגזות בחרסון נמשכו כל הלילה.", "Kherson", ["בחרסון"]),
        ("לוחמי חיזבאללה שיגרו רקטות לעבר הגליל.", "Hezbollah", ["חיזבאללה"]),
        ("הקרבות בבחמות נמשכו כל הלילה.", "Bakhmut", ["בבחמות"]),
        ("מחנה הפליטים ירמוך נמצא בדמשק.", "Yarmouk camp", ["מחנה הפליטים ירמוך"]),
        (
            "ארגון ג'יש ח'אלד בן אל-וליד תקף כפר בדרום סוריה.",
            "Jaish Khalid bin al-Waleed",
            ["ג'יש ח'אלד בן אל-וליד"],
        ),
        # ... and not Hebrew's words of those consonants: the article's h is no kh ("הראשון",
        # the first; "הרכב", the vehicle), a vowel letter stands only where the name has a
        # vowel and ו writes no i ("מוסרית", moral), an i of a name is written ("הכלכלה", the
        # economy), a common word past a joined letter is that word ("הדרומית", the southern)
        ("הראשון הגיע לתחנה בשעה שמונה.", "Kherson", []),
        ("הרכב חנה ליד הבית כל הלילה.", "Kharkiv", []),
        ("זו הייתה החלטה מוסרית וקשה.", "Misrata", []),
        ("הכלכלה צמחה בשנה שעברה.", "Qalqilya", []),
        ("בחזית הדרומית היה שקט.", "Hadramawt", []),
        # ... nor a name of three consonants ("חמס" is violence), nor a name without its kind
        ("החמס בעיר גבר בשנה האחרונה.", "Hamas", []),
        ("וגנר היה מלחין גרמני.", "Wagner Group", []),
        ("קחובקה היא עיר בדרום אוקראינה.", "Kakhovka dam", []),
    ],
)
def test_names_are_found_in_hebrew_by_their_consonants_and_vowels(
    embedder, text: str, alias: str, found: list[str]
) -> None:
    assert alias_hits(embedder, alias, text) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # A kind of place or thing as more of Europe's languages write it, before the name or
        # after it (before, none of these met)
        ("Přehrada Kachovka byla zničena 6. června.", "Kakhovka dam", ["Přehrada Kachovka"]),
        ("Kachovská priehrada bola zničená 6. júna.", "Kakhovka dam", ["Kachovská priehrada"]),
        ("Jez Kahovka je bil uničen 6. junija.", "Kakhovka dam", ["Jez Kahovka"]),
        ("Barajul Kahovka a fost distrus pe 6 iunie.", "Kakhovka dam", ["Barajul Kahovka"]),
        ("Kakhovka-dæmningen blev ødelagt den 6. juni.", "Kakhovka dam", ["Kakhovka-dæmningen"]),
        ("Kahhovka tamm hävis 6. juunil.", "Kakhovka dam", ["Kahhovka tamm"]),
        ("A Wagner-csoport kedden bejelentette a kivonulást.", "Wagner Group", ["Wagner-csoport"]),
        ("Grupul Wagner a anunțat marți retragerea.", "Wagner Group", ["Grupul Wagner"]),
        ("Skupina Wagner oznámila v úterý stažení.", "Wagner Group", ["Skupina Wagner"]),
        # ... and more kinds: a strip, heights, a peninsula, a corridor, a pipeline, a
        # hospital, a prison (before, none of these met)
        ("Les frappes se poursuivent dans la bande de Gaza.", "Gaza Strip", ["bande de Gaza"]),
        ("Удары по сектору Газа продолжаются.", "Gaza Strip", ["сектору Газа"]),
        ("Nuevos asentamientos en los Altos del Golán.", "Golan Heights", ["Altos del Golán"]),
        ("Neue Siedlungen auf den Golan-Höhen.", "Golan Heights", ["Golan-Höhen"]),
        ("Υψίπεδα του Γκολάν", "Golan Heights", ["Υψίπεδα του Γκολάν"]),
        ("Es kam zu Kämpfen auf der Halbinsel Sinai.", "Sinai Peninsula", ["Halbinsel Sinai"]),
        ("القوات تسيطر على محور فيلادلفيا.", "Philadelphi Corridor", ["محور فيلادلفيا"]),
        (
            "Le esplosioni del gasdotto Nord Stream.",
            "Nord Stream pipeline",
            ["gasdotto Nord Stream"],
        ),
        (
            "Panzer umstellen das Krankenhaus al-Schifa.",
            "al-Shifa Hospital",
            ["Krankenhaus al-Schifa"],
        ),
        ("Тысячи заключенных вышли из тюрьмы Сайдная.", "Saydnaya prison", ["тюрьмы Сайдная"]),
        ("درهای زندان صیدنایا باز شد.", "Saydnaya prison", ["زندان صیدنایا"]),
        # ... the place as the language names it, beside its word for the kind (before, the
        # kind met only the English name's skeleton: "غزة" and "Gazze" are none of "Gaza")
        ("قالت وزارة الصحة في قطاع غزة إن القصف مستمر.", "Gaza Strip", ["قطاع غزة"]),
        ("Gazze Şeridi'nde saldırılar sürüyor.", "Gaza Strip", ["Gazze Şeridi'nde"]),
        ("רצועת עזה הותקפה הלילה", "Gaza Strip", ["רצועת עזה"]),
        ("هاجم قراصنة سفينة في خليج عدن.", "Gulf of Aden", ["خليج عدن"]),
        # ... and a kind the English name writes first: in the order other languages write
        ("هددت إيران بإغلاق مضيق هرمز أمام الناقلات.", "Strait of Hormuz", ["مضيق هرمز"]),
        (
            "Iran drohte mit der Schließung der Straße von Hormus.",
            "Strait of Hormuz",
            ["Straße von Hormus"],
        ),
        # ... and joined to the name in one word, as German writes it, in any case
        ("Luftangriffe im Gazastreifen dauern an.", "Gaza Strip", ["Gazastreifen"]),
        ("Die Lage des Gazastreifens verschlechtert sich.", "Gaza Strip", ["Gazastreifens"]),
        ("Weniger Schiffe passieren den Panamakanal.", "Panama Canal", ["Panamakanal"]),
        ("Neue Siedlungen auf den Golanhöhen.", "Golan Heights", ["Golanhöhen"]),
        ("Die Wagnergruppe zog sich aus Bachmut zurück.", "Wagner Group", ["Wagnergruppe"]),
        # ... a power plant by the kind's acronym or its words, and by its initials
        ("A drone hit the Kursk NPP overnight.", "Kursk nuclear power plant", ["Kursk NPP"]),
        ("Беспилотник атаковал Курскую АЭС.", "Kursk nuclear power plant", ["Курскую АЭС"]),
        (
            "The Kakhovka hydroelectric plant was destroyed.",
            "Kakhovka HPP",
            ["Kakhovka hydroelectric plant"],
        ),
        ("IAEA experts remain at the ZNPP.", "Zaporizhzhia nuclear power plant", ["ZNPP"]),
        ("The Kursk power plant's workers went home.", "Kursk nuclear power plant", []),
        # ... and as other languages name the kind, beside the name as they spell it
        (
            "Das Atomkraftwerk Saporischschja ist wieder am Netz.",
            "Zaporizhzhia nuclear power plant",
            ["Atomkraftwerk Saporischschja"],
        ),
        (
            "Des experts sont à la centrale nucléaire de Zaporijia.",
            "Zaporizhzhia nuclear power plant",
            ["nucléaire de Zaporijia"],
        ),
        (
            "Das Wasserkraftwerk Kachowka wurde zerstört.",
            "Kakhovka HPP",
            ["Wasserkraftwerk Kachowka"],
        ),
        # ... each in its own language: in English, "Jez" is a given name, "bande" no strip
        ("Jez Kakhovka said on Tuesday that he would stay.", "Kakhovka dam", []),
        ("The Gazastreifen band played in Berlin on Friday night.", "Gaza Strip", []),
        ("Gazze Streifen", "Gaza Strip", []),  # (Turkish "Gazze", German "Streifen")
        ("The bande Gaza played at the festival.", "Gaza Strip", []),
    ],
)
def test_kinds_of_place_are_found_as_more_languages_name_them(
    embedder, text: str, alias: str, found: list[str]
) -> None:
    assert alias_hits(embedder, alias, text) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # A hard c is the k other languages write (before, "Crocus" met no "Крокус", "Caucasus"
        # no German "Kaukasus", "Kandahar" no Portuguese "Candahar", "Mecca" no "Мекку",
        # "Crimea" no Arabic "القرم")
        ("Теракт в «Крокус Сити Холле» унёс жизни 145 человек.", "Crocus", ["Крокус"]),
        ("Im Kaukasus kam es erneut zu schweren Gefechten.", "Caucasus", ["Kaukasus"]),
        ("Os talibãs tomaram Candahar na sexta-feira.", "Kandahar", ["Candahar"]),
        ("Паломники прибыли в Мекку к началу хаджа.", "Mecca", ["Мекку"]),
        ("قالت روسيا إن القرم تعرضت لهجوم بطائرات مسيرة", "Crimea", ["القرم"]),
        # ... not a soft c, nor "ch" or Polish "cz"
        ("Nice hosted the summit of Mediterranean leaders.", "Nike", []),
        ("Protesty w Czechach trwały cały weekend.", "Kekh", []),
    ],
)
def test_a_hard_c_is_the_k_of_other_spellings(
    embedder, text: str, alias: str, found: list[str]
) -> None:
    assert alias_hits(embedder, alias, text) == found


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # the names as Arabic writes them, long vowels where the name has vowels
        ("قال الحوثي إن السفينة أصيبت", "Houthi", "الحوثي"),
        ("قالت أوكرانيا إن الهدنة صامدة", "Ukraine", "أوكرانيا"),
        ("وصلت القوات إلى عفرين", "Afrin", "عفرين"),  # an ʿayn opens it as a vowel
        ("وصل الوفد إلى لبنان", "Lebanon", "لبنان"),
        ("انفجار في بيشاور", "Peshawar", "بيشاور"),
        ("قتل جيش خالد بن الوليد", "Jaish Khalid ibn al-Waleed", "جيش خالد بن الوليد"),
        ("قال مقاتلو فاغنر", "Wagner", "فاغنر"),
        # common words with a name's consonants, not its vowels
        ("وصلت القوات حيث اندلعت الاشتباكات", "Houthi", None),  # where
        ("ازدادت حياته صعوبة", "Houthi", None),  # his life
        ("قال والدي إن الطريق مغلق", "Waleed", None),  # my father
        ("في القرن الماضي", "Ukraine", None),  # the century: no vowel opens it
        ("نشر بحث جديد", "Fatah", None),  # research: ب read as p does not make "ph" an f
    ],
)
def test_arabic_script_meets_a_name_by_its_long_vowels(
    embedder, text: str, alias: str, found: str | None
) -> None:
    """A word in Arabic script meets a Latin name by its consonants, and Arabic leaves short
    vowels unwritten; but the long vowels it writes stand where the name has such a vowel
    (over the 20,000 commonest Arabic words, 90 one-word place and group names met 471 words
    other than their own spellings, now 209, some of those the names' adjectives; in Persian
    339 -> 132, in Urdu 450 -> 163; each name's own Arabic spelling met as before)."""
    assert find_read(text, alias, embedder.vocab) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # the names as Arabic writes them
        ("قال المرشد خامنئي إن", "Khamenei", "خامنئي"),  # a hamza for two vowels side by side
        ("وصلت القوات إلى الناصرية", "Nasiriyah", "الناصرية"),
        ("قصفت القوات ميكولايف", "Mykolaiv", "ميكولايف"),  # v as ف
        ("اشتباكات في الميادين", "Mayadin", "الميادين"),  # y as ي
        ("هجوم لجبهة النصرة", "Nusra", "النصرة"),
        ("وصل الوفد إلى كيسمايو", "Kismayo", "كيسمايو"),
        ("قال المالكي", "Maliki", "المالكي"),
        # "Allah" joined to the word before it, two words in Arabic script (and Persian's
        # joiner between them)
        ("قصف حزب الله مواقع", "Hezbollah", "حزب الله"),
        ("مقاتلو كتائب حزب الله", "Kataib Hezbollah", "كتائب حزب الله"),
        ("في رام الله", "Ramallah", "رام الله"),
        ("حمله حزب\u200cالله به", "Hezbollah", "حزب\u200cالله"),
        ("Hizb Allah fighters fired.", "Hezbollah", "Hizb Allah"),
        ("قال الله تعالى", "Hezbollah", None),  # God alone
        # common words with a name's consonants, not as Arabic would write the name
        ("قال مسؤول في الوزارة", "Mosul", None),  # an official: a hamza for one vowel
        ("أعلن المسؤولون", "Mosul", None),
        ("قال قائدا", "al-Qaeda", None),  # a leader: a short word matched whole, hamza and all
        ("قتل عنصر من الشرطة", "Nusra", None),  # an element: an ʿayn opens it
        ("أصبح الوضع صعبا", "Sabha", None),  # became: a vowel opens it
        ("احتفل الفريق بالنصر", "Nusra", None),  # the victory: no final vowel
        ("رئيس قسم الأخبار", "Kismayo", None),  # a section
        ("قال الملك", "Maliki", None),  # the king
        ("قرأت المقال", "Mykolaiv", None),  # the article: no v
        ("تمهيدا لاتفاق السلام", "Latakia", None),  # for an agreement: ف read as v, no v
        ("این هفته", "Houthi", None),  # Persian "this week"
        ("في المدن الكبرى", "Mayadin", None),  # the cities: no y
    ],
)
def test_arabic_script_meets_a_name_as_arabic_writes_it(
    embedder, text: str, alias: str, found: str | None
) -> None:
    """A word in Arabic script meets a Latin name by its consonants only where its letters
    could write that name: a hamza on و or ي where the name has two vowels side by side, no
    vowel or ʿayn opening a word for a name that opens with a consonant, the final vowel a
    name ends in, a ف read as v only for a v, and a ي or و for the name's y or w (over the
    20,000 commonest Arabic words, 149 place, group and people's names met 275 words, now 141;
    in Persian 156, now 85; each name's own Arabic spelling met as before)."""
    assert find_read(text, alias, embedder.vocab) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "language", "alias", "found"),
    [
        # a language that names the place: its own name, the name it is given, its people
        ("Der Sudan und Äthiopien streiten.", "de", "Sudan", "Sudan"),
        ("Sudans Armee rückt vor.", "de", "Sudan", "Sudans"),
        ("L'Argentine a voté.", "fr", "Argentina", "Argentine"),  # an English word too
        ("Les Chinois ont annoncé un accord.", "fr", "China", "Chinois"),
        ("De Chinees werd gearresteerd.", "nl", "China", "Chinees"),
        ("He said Somali forces advanced.", "en", "Somalia", "Somali"),  # English: as before
        # not its other words that share the name's consonants
        ("Im Süden des Landes kam es zu Kämpfen.", "de", "Sudan", None),  # the south
        ("Die Preise steigen weiter.", "de", "Paris", None),  # prices
        ("Aus diesem Grund bleibt es so.", "de", "Grenada", None),  # a reason
        ("Il a été libéré hier.", "fr", "Liberia", None),  # freed
        ("El Franco de la guerra civil.", "es", "France", None),
        ("Судно было атаковано.", "ru", "Sudan", None),  # a ship
        ("Судан и Эфиопия спорят.", "ru", "Sudan", "Судан"),
    ],
)
def test_a_place_is_met_as_the_texts_language_names_it(
    embedder, text: str, language: str, alias: str, found: str | None
) -> None:
    """In a text in a language whose names of countries and main cities CLDR gives, written
    in Latin or Cyrillic script, such a place is met only by its names there, its own and the
    words derived from them, not by its skeleton (each language's 20,000 commonest words
    against every country and CLDR city, words met: German 590 -> 258 (with the German nouns
    below), French 933 -> 445, Spanish 1026 -> 431, Italian 877 -> 367, Portuguese 973 ->
    452, Dutch 744 -> 356, Polish 359 -> 219, Turkish 284 -> 137, Russian 531 -> 363,
    Ukrainian 455 -> 296, Bulgarian 410 -> 234; English 709 as before; the countries' own
    names found as before)."""
    assert find_read(text, alias, embedder.vocab, language) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        ("Die Lage in Mossul bleibt angespannt.", "Mosul", "Mossul"),
        ("Die Kämpfe um Jarmuk dauern an.", "Yarmouk", "Jarmuk"),
        ("Die Schlacht um Falludscha begann.", "Fallujah", "Falludscha"),
        ("Die Kämpfer der Huthi griffen an.", "Houthi", "Huthi"),
        ("Die Ferien beginnen morgen.", "Afrin", None),  # holidays
        ("Der Veganer bestellt Salat.", "Wagner", None),  # a vegan
        ("Der Beirat tagt heute.", "Beirut", None),  # a board (and Beirut is met by its names)
        ("Die Adern sind verengt.", "Derna", None),  # veins
        # ... nor a German word written often, unless it is the name itself, or a continent
        ("Die Kirche bleibt geschlossen.", "Kerch", None),  # a church
        ("Er sprach mit den Herren.", "Hiran", None),  # the gentlemen
        ("An der Küste regnet es.", "Kosti", None),  # the coast
        ("Die Wagner-Truppe zog ab.", "Wagner", "Wagner"),
        ("Die Lage in Afrika bleibt angespannt.", "Africa", "Afrika"),
    ],
)
def test_a_german_noun_is_no_name_for_its_capital(
    embedder, text: str, alias: str, found: str | None
) -> None:
    """German writes every noun with a capital, so there a capital marks no name: a word the
    English vocabulary lacks meets a name by its consonants only with as many runs of vowels
    and a vowel opening it or not alike, as a word opening a sentence does (German's 20,000
    commonest words against 107 regional names: 55 words met other than the names' own
    spellings, now 32; every country and CLDR city: 342, now 258; the names' German spellings
    found as before). A word German writes often (``COMMON_ZIPF``) meets only the name it is,
    with an ending, as an English word does: "Kirche" is no Kerch (bench/spellings.py's words
    in their own language: 13 German meetings fewer, every one wrong)."""
    assert find_read(text, alias, embedder.vocab, "de") == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "language", "alias", "found"),
    [
        ("Die Dörfer wurden geräumt.", "de", "Darfur", None),  # villages
        ("Die Weine von der Mosel sind teuer.", "de", "Mosul", None),  # the river
        ("Im Süden regnet es.", "de", "Sidon", None),  # the south
        ("Der Revolutionsführer Chamenei sprach.", "de", "Khamenei", "Chamenei"),
        ("Kämpfer der Schabab griffen an.", "de", "al-Shabaab", "Schabab"),
        ("Die Lage in Mossul bleibt angespannt.", "de", "Mosul", "Mossul"),
        ("On attend la sortie de crise.", "fr", "Sirte", None),  # the way out
        ("une attaque des rebelles houthis", "fr", "Houthis", "houthis"),
        ("une attaque shebab à Mogadiscio", "fr", "al-Shabaab", "shebab"),
        ("Lanzaron un misil contra la ciudad.", "es", "Mosul", None),  # a missile
        ("Sheikh Hassan spoke.", None, "Sheikh Hassan", "Sheikh Hassan"),
        ("Shaykh Hassan spoke.", None, "Sheikh Hassan", "Shaykh Hassan"),
    ],
)
def test_a_word_without_a_name_capital_writes_the_names_vowels(
    embedder, text: str, language: str | None, alias: str, found: str | None
) -> None:
    """A word that no capital marks as a name (in lower case, opening a sentence, a German
    noun) meets a name by its consonants only where each run of vowels is alike: sharing a
    vowel, or a and e, e and i, o and u, which transliterations write for one another
    (each language's 20,000 commonest words against 107 regional names, words met other than
    the names' own spellings: German 32 -> 9, French 78 -> 65, Spanish 63 -> 53, Italian 37
    -> 30, Portuguese 48 -> 40, Turkish 43 -> 38, Dutch 39 -> 35, English 39 -> 38; every
    country and CLDR city: German 258 -> 218, French 445 -> 405, English 709 -> 702; the
    names as other languages spell them found as before)."""
    assert find_read(text, alias, embedder.vocab, language) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "language", "alias", "found"),
    [
        ("Открытие выставки состоится завтра.", "ru", "Tikrit", None),  # an opening
        ("Судно было атаковано.", "ru", "Sidon", None),  # a ship
        ("Масло подорожало.", "ru", "Mosul", None),  # butter
        ("Ещё один удар.", "ru", "Sheikh", None),  # one more
        ("Дурень сказал.", "uk", "Derna", None),  # a fool
        ("Мосул освобождён.", "ru", "Mosul", "Мосул"),
        ("Харьков снова под обстрелом.", "ru", "Kharkiv", "Харьков"),  # Russian o, Ukrainian i
        ("Харьковского района жители ушли.", "ru", "Kharkiv", "Харьковского"),
        # a headline in title case: an acronym's capitals still mark it
        ("Новости. Подрыв Каховской ГЭС.", "ru", "Kakhovka HPP", "Каховской ГЭС"),
    ],
)
def test_a_cyrillic_word_opening_a_sentence_writes_the_names_vowels(
    embedder, text: str, language: str, alias: str, found: str | None
) -> None:
    """A word in Cyrillic script whose capital only opens a sentence or a headline is held as
    a Latin one: its runs of vowels alike the name's, read also as its stems, Russian o for a
    Ukrainian name's i (each language's 20,000 commonest words opening a sentence, against
    107 regional names: Russian 111 -> 44 met, Ukrainian 117 -> 70, Bulgarian 83 -> 19, most
    of those left the names' own spellings; against every country and CLDR city ru 362 ->
    319, uk 295 -> 236, bg 233 -> 186; 244 Cyrillic spellings of names, in and opening
    sentences, found 198 as before; over the real texts four hits fewer, all false: "Ещё",
    "Що" for Sheikh)."""
    assert find_read(text, alias, embedder.vocab, language) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "language", "alias", "found"),
    [
        ("El ministro Durán anunció nuevas medidas.", "es", "Derna", None),  # a surname
        ("Le ministre Adrien Durand a parlé.", "fr", "Derna", None),  # a first name
        ("Gymnast abuser Larry Nassar was sentenced.", None, "Nusra", None),
        ("Fans of Cleveland cheered.", None, "Iceland", None),
        ("Fighters of the Shebab attacked.", None, "al-Shabaab", "Shebab"),
        ("Les combats à Mossoul continuent.", "fr", "Mosul", "Mossoul"),
        ("Тяжёлые бои в Хомсе.", "ru", "Homs", "Хомсе"),
        ("Shelling in Edlib went on.", None, "Idlib", "Edlib"),
    ],
)
def test_a_name_is_met_by_its_opening_and_a_short_one_by_its_vowels(
    embedder, text: str, language: str | None, alias: str, found: str | None
) -> None:
    """A word written as a name (with a capital) meets a name by its consonants only opening
    with a vowel, or not, alike; a short name's (three consonants or fewer) with its runs of
    vowels alike, o and i too ("Hims" for Homs), as a word without a capital does (each
    language's 20,000 commonest words, capitalised, against 107 regional names, words met
    other than the names' own spellings: French 65 -> 42, Spanish 53 -> 31, Italian 30 ->
    17, Portuguese 40 -> 27, Turkish 38 -> 14, Dutch 35 -> 26, Polish 9 -> 7, English 38 ->
    22; every country and CLDR city: English 702 -> 589, French 405 -> 349; names as other
    languages spell them found as before; over the real texts six hits fewer, all false:
    "Nassar" four times and "Ansar" for Nusra, "Ungar" for Niger)."""
    assert find_read(text, alias, embedder.vocab, language) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "language", "alias", "found"),
    [
        # a consonant on the other side of a vowel, or the opening ones parted
        ("Fans of Contar Records met.", None, "Quneitra", None),
        ("The Thrown Stone played.", None, "Tehran", None),
        ("Vendas de Brandy subiram.", "pt", "Burundi", None),
        ("Les Traités de Rome furent signés.", "fr", "Tartus", None),
        ("Polise göre Yorumcu dün geldi.", "tr", "Yarmouk", None),
        ("Der Bruder des Ministers sprach.", "de", "Bardera", None),
        # a short vowel written or left out between two consonants, w as a vowel
        (
            "A strike killed Ayman al-Zawahri in Kabul.",
            None,
            "Ayman al-Zawahiri",
            "Ayman al-Zawahri",
        ),
        ("Raids near Tulkarem went on.", None, "Tulkarm", "Tulkarem"),
        ("Raids near Tulkarm went on.", None, "Tulkarem", "Tulkarm"),
        ("The Dnieper river rose.", None, "Dnipro", "Dnieper"),
        (
            "Abu Muhammad al-Jawlani spoke.",
            None,
            "Abu Mohammad al-Julani",
            "Abu Muhammad al-Jawlani",
        ),
    ],
)
def test_a_name_is_met_by_its_consonants_placed_alike(
    embedder, text: str, language: str | None, alias: str, found: str | None
) -> None:
    """A word written as a name meets a name's spelling whose consonants it shares only with
    them in runs between its vowels as long, or parted by a vowel a transliteration writes or
    leaves out, but for those it opens with (bench/spellings.py: the same 246 of 344
    spellings met; other words met in an English sentence, capitalised, 1,816 -> 1,477:
    "Contar" and "Cantiere" for Quneitra, "Throne" for Tehran, "Brandy" for Burundi)."""
    assert find_read(text, alias, embedder.vocab, language) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "language", "alias", "found"),
    [
        # the strict key and the vowels alike, the consonants placed otherwise among them
        ("El pueblo de Huerta celebró.", "es", "Herat", None),  # h, rt: h, r, t
        ("Polise göre Kerem Aktürk dün geldi.", "tr", "Crimea", None),  # k, r, m: kr, m
        ("Según la policía, Victoriano Huerta huyó.", "es", "Herat", None),
        ("The Truck Stop opened.", None, "Turk", None),
        ("The Court Theatre reopened.", None, "Croat", None),
        # a name's spellings place them alike
        ("Fighting in Hims went on.", None, "Homs", "Hims"),
        ("Тяжёлые бои в Хомсе.", "ru", "Homs", "Хомсе"),  # kh, one consonant
        ("Fighters of the Chebab attacked.", None, "al-Shabaab", "Chebab"),
        ("Der Anführer der Türk Partei sprach.", "de", "Turk", "Türk"),
    ],
)
def test_a_short_name_is_met_by_its_consonants_placed_alike(
    embedder, text: str, language: str | None, alias: str, found: str | None
) -> None:
    """A name of three consonants or fewer is met by a word with its strict key whose runs of
    consonants between the vowels are as long: the key keeps the consonants, not where the
    vowels stand among them (10,000 commonest words of ten languages against 80 one-word
    names: 8 false meetings fewer, none new, none right lost; against 52 peoples' names in the
    plural, met in the singular too, 5 fewer: Italian "Targa" for Tuaregs)."""
    assert find_read(text, alias, embedder.vocab, language) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "written"),
    [
        ("Hama", "Hamah"),
        ("Raqqa", "Raqqah"),
        ("Derna", "Darnah"),
        ("Falluja", "Fallujah"),
        ("Fallujah", "Falluja"),
        ("Jabhat al-Nusra", "Jabhat al-Nusrah"),
        ("Odesa", None),  # "Odisha", India's state: an h would join the s
    ],
)
def test_a_name_ending_in_a_is_also_written_ah(embedder, alias: str, written: str | None) -> None:
    """English writes Arabic's final ة as "a" or "ah" ("Hama", "Hamah"): a name's final a
    after a consonant that an h does not join to another sound is also met as "ah" (ten
    such pairs: 2 found, now 12; the other way, as before)."""
    text = f"Fighting near {written or 'Odisha'} went on."
    assert find_read(text, alias, embedder.vocab) == ([written] if written else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("Gaddafi", "Muammar Gadhafi was killed in 2011.", "Gadhafi"),  # AP's spelling
        ("Gadhafi", "Muammar Gaddafi was killed in 2011.", "Gaddafi"),
        ("Qaddafi", "Le colonel Kadhafi est mort en 2011.", "Kadhafi"),  # French
        ("Kadhafi", "Qaddafi died in 2011.", "Qaddafi"),
        ("Hadramawt", "Fighting in Hadhramaut province went on.", "Hadhramaut"),
        ("Hadhramaut", "Fighting in Hadramawt province went on.", "Hadramawt"),
        # Never in Arabic script, where the consonants read so are other words: shells,
        # old, a foot.
        ("Qaddafi", "سقطت قذائف على المدينة", None),
        ("Kadhimiya", "في المدينة القديمة", None),
        ("Kadhimiya", "على قدم وساق", None),
        # Nor a single d before a vowel: "dh" there would meet Indonesian words whose d and h
        # open two syllables ("sedihnya", sadly; "sudahnya").
        ("Sweden", "Kata Sedihnya muncul lagi.", None),
        ("Medina", "Kata Mudahan muncul lagi.", None),
    ],
)
def test_arabic_dh_is_met_as_d_in_latin_script(
    embedder, alias: str, text: str, found: str | None
) -> None:
    """Arabic ذ (and ض) is written d or dh in English, either way round: a name's spelling
    with one is met as the other in Latin script (none of the six was met before)."""
    assert find_read(text, alias, embedder.vocab) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("Luhansk", "Shelling near Lugansk went on, TASS said.", "Lugansk"),
        ("Horlivka", "Shelling near Gorlovka went on.", "Gorlovka"),  # and o for i
        ("Chernihiv", "Shelling near Chernigov went on.", "Chernigov"),
        ("Uzhhorod", "Talks in Uzhgorod went on.", "Uzhgorod"),
        ("Enerhodar", "Shelling near Energodar went on.", "Energodar"),
        ("Huliaipole", "Shelling near Gulyaipole went on.", "Gulyaipole"),
        ("Hostomel", "Fighting at Gostomel airport went on.", "Gostomel"),
        # The vowels must be alike: a g as a new first consonant meets other words.
        ("Hungary", "The Ginger Group met on Monday.", None),
        ("Horlivka", "The Garlic Festival opened on Monday.", None),
        ("Hargeisa", "Georges Ruggiu was sentenced.", None),
        ("Chernihiv", "The Cheering Crowd left on Monday.", None),
        # A short name keeps its h: "Hama" is no "Gama".
        ("Hama", "Vasco da Gama sailed on.", None),
    ],
)
def test_a_ukrainian_h_is_met_as_the_g_of_the_russian_name(
    embedder, alias: str, text: str, found: str | None
) -> None:
    """English writes a Ukrainian place's Г h and its Russian name's g ("Luhansk" and TASS's
    "Lugansk"): a name's h of its own is also met as g in Latin script, by a word whose vowels
    are alike (none of the seven was met before)."""
    assert find_read(text, alias, embedder.vocab) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("Deir ez-Zor", "Clashes in Deir al-Zour went on.", "Deir al-Zour"),
        ("Deir ez-Zor", "Clashes in Deir el-Zur went on.", "Deir el-Zur"),
        ("Deir al-Zour", "Clashes in Deir ez-Zor went on.", "Deir ez-Zor"),
        ("Deir ez-Zor", "Clashes in Dair al-Zor went on.", "Dair al-Zor"),
        ("Deir ez-Zor", "Бои в Дейр-эз-Зоре продолжаются.", "Дейр-эз-Зоре"),  # Russian й: y
        ("Tal Afar", "Fighting in Tel Afar went on.", "Tel Afar"),  # a short a as e
        ("Tell Abyad", "Fighting in Tal Abyad went on.", "Tal Abyad"),
        # the Persian and Urdu ezafe, i or e
        ("Mazar-i-Sharif", "Fighting in Mazar-e-Sharif went on.", "Mazar-e-Sharif"),
        (
            "Tehrik-i-Taliban Pakistan",
            "A Tehreek-e-Taliban Pakistan attack went on.",
            "Tehreek-e-Taliban Pakistan",
        ),
        # A short word alone is still met only as written: its other words are what tell a
        # name of several apart.
        ("Zor", "The Zur family arrived.", None),
        ("Deir", "The Dair family arrived.", None),
    ],
)
def test_a_short_word_of_a_longer_name_is_met_in_its_other_vowel_spellings(
    embedder, alias: str, text: str, found: str | None
) -> None:
    """Arabic's u is written o, u or ou, its ay ai, ay, ei or ey: in a name of several words a
    short word is also met so, and its one short a as e ("Deir ez-Zor", "Deir al-Zour", "Tal
    Afar", "Tel Afar": none of the seven was met before; over the 597 dev texts and feed items,
    233 names of several words meet the same words as before); and the Persian and Urdu ezafe
    (of) written i or e either way ("Mazar-i-Sharif" met "Mazar-e-Sharif" only the other way)."""
    assert find_read(text, alias, embedder.vocab) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text"),
    [
        ("Jabalia", "Strikes on Jabaliya went on."),
        ("Jabalia", "Strikes on Jabalya went on."),
        ("Jabaliya", "Strikes on Jabalia went on."),
        ("Zawiya", "Strikes on Zawia went on."),
        ("Ajdabiya", "Strikes on Ajdabia went on."),
        ("Adhamiya", "Strikes on Adhamia went on."),
    ],
)
def test_a_final_ya_or_iya_is_met_as_ia(embedder, alias: str, text: str) -> None:
    """Arabic ـية and ـيا, Russian -ия, which names write "iya", "ya" or "ia": none of the six
    was met before (a name of three consonants or fewer is held to its strict key, which kept
    the y)."""
    assert find_read(text, alias, embedder.vocab) == [text.split()[2]]


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("Shoigu", "Об этом заявил министр обороны Шойгу в понедельник.", "Шойгу"),
        ("Nikolai", "Об этом заявил секретарь совбеза Николай в понедельник.", "Николай"),
        # -ий is "y" in English (Georgy): read "ii", "Георгий" met Georgia in a first cut
        ("Georgia", "Об этом заявил Георгий в понедельник на встрече.", None),
    ],
)
def test_a_russian_y_after_a_vowel_is_also_read_as_i(
    embedder, alias: str, text: str, found: str | None
) -> None:
    """Й after a vowel, "y" in the fold, is "i" as English news writes Russian names: a short
    name alone ("Shoigu", "Nikolai"), held to its strict key, did not meet it before."""
    assert find_read(text, alias, embedder.vocab, "ru") == ([found] if found else [])


def test_a_polish_genitive_after_an_apostrophe_stays_apart(embedder) -> None:
    """Polish writes a case of a name ending in a silent e after an apostrophe ("George'a",
    George's): joined, as "Sana'a" is, it would be "Georgea", met as Georgia where the text's
    language is not told (a text in Polish reads Georgia only as Polish names it, "Gruzja")."""
    assert find_read("Wizyta George'a Busha w Tbilisi.", "Georgia", embedder.vocab) == []


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("Nord Stream", "Repairs to Nordstream were discussed.", "Nordstream"),
        ("Nord Stream", "Posts tagged #NordStream spread.", "NordStream"),
        ("Boko Haram", "Posts tagged #BokoHaram spread.", "BokoHaram"),
        ("Deir ez-Zor", "Clashes in Deir Ezzor went on.", "Deir Ezzor"),
        ("al-Shabaab", "Posts tagged #AlShabaab spread.", "Shabaab"),  # as "al-Shabaab" is
        # Met as written, not by the joined word's consonants, which lose where one word ends:
        # a first cut met "Ruslan" for Ras al-Ayn and "Controls" for Central Asia; a short one
        # ("Redsea") would be held to the strict key of "Reds".
        ("Ras al-Ayn", "Officials said that Ruslan was there.", None),
        ("Central Asia", "Officials said that Controls were lifted.", None),
        ("Red Sea", "Officials said that Reds were there.", None),
    ],
)
def test_a_name_of_several_words_is_met_written_as_one(
    embedder, alias: str, text: str, found: str | None
) -> None:
    """Two words of a name, or an article and its word, written as one, as a hashtag, a page's
    address or a writer may: none of the five was met before."""
    assert find_read(text, alias, embedder.vocab) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("Houthi", "Posts tagged #HouthiAttacks spread.", "Houthi"),
        ("Wagner Group", "Posts tagged #WagnerGroupMutiny spread.", "WagnerGroup"),
        ("Kakhovka", "Posts tagged #KakhovkaDamCollapse spread.", "Kakhovka"),
        ("Ukraine", "Posts tagged #StandWithUkraine spread.", "Ukraine"),
        ("ISIS", "Posts tagged #ISISAttack spread.", "ISIS"),  # an acronym, a capital after it
        ("ISIS", "Posts tagged #StopISISNow spread.", "ISIS"),
        ("IS", "Posts tagged #ISISAttack spread.", None),
        # a hashtag in lower case is one word, no name of it told apart
        ("Gaza", "Posts tagged #gazaunderattack spread.", None),
        # nor a word that only opens like the name's
        ("Gaza", "Posts tagged #GazaleBeauty spread.", None),
    ],
)
def test_a_hashtag_in_a_text_writes_a_name_with_other_words(
    embedder, alias: str, text: str, found: str | None
) -> None:
    """A hashtag joins a name to other words where a capital opens each ("#HouthiAttacks",
    "#StandWithUkraine"): read as those words, it writes the name (none of the six was met
    before: the joined word's consonants are no name's)."""
    assert find_read(text, alias, embedder.vocab) == ([found] if found else [])


@pytest.mark.parametrize(
    ("title", "seen"),
    [
        ("Houthi rebels strike a tanker off Yemen", ["Houthi", "Yemen"]),
        ("houthi-rebels-strike-a-tanker-off-yemen", ["houthi", "yemen"]),  # a page's address
        ("several ships were struck", []),  # Israel's consonants, a common word
        ("A tanker struck off yemen", []),  # lower case in a title that writes capitals
    ],
)
def test_a_title_in_lower_case_names_the_description_in_lower_case(
    matcher: Matcher, title: str, seen: list[str]
) -> None:
    """A title written in lower case throughout (a page's address for a title) writes the
    description's names so: they count there as spelled (a common word only as the name's
    own word), as in a title with capitals; the dev texts' titles so rewritten changed an
    about count 3 times (texts of Daraa, Yarmouk, the Central African Republic), now never."""
    topic = Topic("t", "Test topic", "Attacks by Yemen's Houthis on Israel's ships.", ("Zzyzx",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    text = "The ship was hit at night."
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == seen


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # English news writes a Turkish or Romanian ş without its cedilla, an s, as often as
        # with it (before, the two spellings never met: ş is read "sh", as in "Şebab")
        (
            "Kahramanmaraş earthquake",
            "After the Kahramanmaras earthquake, aid came.",
            "Kahramanmaras earthquake",
        ),
        (
            "Kahramanmaras earthquake",
            "After the Kahramanmaraş earthquake, aid came.",
            "Kahramanmaraş earthquake",
        ),
        ("Timișoara", "Protesters gathered in Timisoara on Sunday.", "Timisoara"),
        ("Şebab", "Somali'deki eş-Şebab örgütü saldırı düzenledi.", "Şebab"),
        # ... as "sh" still ("Shebab"), and no other word's s is a ş
        ("Şebab", "Gunmen of the Shebab attacked the base.", "Shebab"),
        ("Beşiktaş", "The besieged town held out.", None),
    ],
)
def test_a_name_with_a_cedilla_is_met_without_it(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("about", "text", "seen"),
    [
        (
            "The earthquake that struck Kahramanmaraş and Şanlıurfa.",
            "Rescuers searched the rubble in Kahramanmaras and Sanliurfa.",
            ["Kahramanmaras", "Sanliurfa"],
        ),
        (
            "The earthquake that struck Kahramanmaras and Sanliurfa.",
            "Rescuers searched the rubble in Kahramanmaraş and Şanlıurfa.",
            ["Kahramanmaraş", "Şanlıurfa"],
        ),
    ],
)
def test_a_description_name_with_a_cedilla_is_met_without_it(
    matcher: Matcher, about: str, text: str, seen: list[str]
) -> None:
    """The description's names as English writes them with the cedilla or without (before,
    neither way met)."""
    topic = Topic("t", "Test topic", about, ("Zzyzx",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == seen


def test_a_name_word_with_a_cedilla_is_written_without_it(matcher: Matcher) -> None:
    """A distinctive word of the topic's names written without its cedilla is written: not
    absent (before, "Kahramanmaras" left "Kahramanmaraş" absent, name_absent 0.29 on a
    300-character story of the earthquake)."""
    topic = Topic(
        "t",
        "2023 Turkey earthquake",
        "The earthquake of February 2023 in southern Turkey and northern Syria.",
        ("Kahramanmaraş earthquake",),
    )
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    text = "Buildings collapsed across Hatay, Kahramanmaras and Gaziantep, officials said."
    f = m.features("Quake toll rises", text, m.embed([("Quake toll rises", text)])[0])
    assert f.values["name_absent"][0] == 0.0
    assert not f.absent[0]


@pytest.mark.parametrize(
    ("title", "absent"),
    [
        # the name's place and its other word in the headline: named so
        ("Turkey earthquake: contractors face arrest over collapsed buildings", False),
        ("Despair at the Syrian-Turkish border after the earthquakes", False),
        # ... a headline's short form of its word ("quake")
        ("Quake deaths pass 5,000 as Turkey, Syria seek survivors", False),
        ("Turkey's survivors still live in containers a year after quake", False),
        # the place alone, or the kind alone, is no name of this earthquake
        ("Turkey: contractors face arrest over collapsed buildings", True),
        ("Earthquake: contractors face arrest over collapsed buildings", True),
        # nor both in the lead alone: another quake there tells them as well
        ("Contractors face arrest over collapsed buildings", True),
    ],
)
def test_a_name_of_everyday_words_and_a_place_is_written_by_its_words(
    matcher: Matcher, title: str, absent: bool
) -> None:
    """A topic named by a place and everyday words, whose rarer word only an alias writes,
    is named by a headline that writes the name's own words, its place among them (before,
    every story not writing "Kahramanmaraş" left the name out: 0.07 for a story of the
    contractors arrested after the 2023 earthquake headlined "Turkey earthquake: ..."). The
    month a name dates it by is none of its words: no headline writes it (before, real stories
    headlined "Quake deaths pass 5,000 as Turkey, Syria seek survivors" scored 0.22 and 0.04
    for "February 2023 Turkey-Syria earthquake")."""
    about = "The February 2023 earthquakes in southern Turkey and northern Syria and their toll."
    aliases = ("Turkey-Syria earthquake", "Kahramanmaraş earthquake")
    text = (
        "Officials issued warrants for builders after thousands of buildings collapsed in the "
        "earthquake that struck southern Turkey and Syria last week."
    )
    for name in ("2023 Turkey–Syria earthquakes", "February 2023 Turkey-Syria earthquake"):
        m = Matcher(matcher.embedder, [Topic("quake", name, about, aliases)], THRESHOLD)
        f = m.features(title, text, m.embed([(title, text)])[0])
        assert bool(f.absent[0]) is absent, name


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # a name's common noun in the other number, as a text writes it (before, none met:
        # the plural's s is a consonant of its key, and a common word meets only itself)
        ("Kakhovka dam", "Water from the Kakhovka and Dnipro dams reached the city.", True),
        ("Turkey earthquake", "Aid for survivors of the Turkey earthquakes arrived.", True),
        ("Houthi shipping attacks", "A Houthi shipping attack forced the tanker back.", True),
        ("Wagner mercenaries", "A Wagner mercenary was captured near the border.", True),
        # ... not a capitalised word, which is the name's own ("Africa Corps" is one corps)
        ("Africa Corps", "The Africa Corp said it had acquired a rival.", False),
        # a country's name by its other English names (before, none met)
        ("Myanmar", "Burma's junta said the vote would go ahead.", True),
        ("Côte d'Ivoire", "Ivory Coast held elections on Saturday.", True),
        ("Democratic Republic of the Congo", "Fighting in DR Congo displaced thousands.", True),
        ("Eswatini", "Swaziland's king opened parliament.", True),
        # ... that country's alone: "Congo-Brazzaville" is the other Congo
        ("Democratic Republic of the Congo", "Fighting in Congo-Brazzaville ended.", False),
        # a day's or a month's name, capitalised wherever it stands, is that word: "Friday"
        # shares Freddy's consonants (before, every story written on a Friday met the cyclone)
        ("Freddy", "The storm made landfall on Friday near Beira.", False),
        ("Freddy", "Freddy made landfall near Beira on Saturday.", True),
        ("Mae", "Floods hit the north in May.", False),
    ],
)
def test_an_alias_is_met_as_a_text_writes_it_and_named_as_written(
    matcher: Matcher, alias: str, text: str, found: bool
) -> None:
    """The hit is the alias as the user wrote it."""
    m = Matcher(matcher.embedder, [Topic("t", "Test topic", "", (alias,))], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert [h.alias for h in f.hits.get(0, [])][:1] == ([alias] if found else [])


def test_country_spellings_are_one_country_s_english_names() -> None:
    from monitor.match.exonyms import country_spellings

    assert set(country_spellings("Burma")) == {"Burma", "Myanmar"}
    assert "Czech Republic" in country_spellings("Czechia")
    assert "DRC" in country_spellings("DR Congo")
    assert country_spellings("Congo") == ("Congo",)  # the two Congos': no name of one alone
    assert country_spellings("Yarmouk") == ()


def test_other_number_reads_only_a_lower_case_noun_the_vocabulary_has(embedder) -> None:
    from monitor.match.matcher import other_number

    vocab = embedder.vocab
    assert other_number("Red Sea shipping attacks", vocab) == ("Red Sea shipping attack",)
    assert other_number("Yarmouk refugee camp", vocab) == ("Yarmouk refugee camps",)
    assert other_number("Wagner mercenaries", vocab) == ("Wagner mercenary",)
    assert other_number("Kakhovka Dam", vocab) == ()  # written as the name's own word
    assert other_number("earthquake", vocab) == ()  # one word: a name, not a name's noun
    assert other_number("Daraa offensive", vocab) == ()  # "offensives" is no word of it


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # Arabic writes a foreign name's ch "تش" (before, none of these met)
        ("Bucha", "مجزرة بوتشا صدمت العالم", "بوتشا"),
        ("Chernihiv", "قصف روسي على تشيرنيهيف الليلة الماضية", "تشيرنيهيف"),
        ("Chasiv Yar", "معارك عنيفة في تشاسيف يار", "تشاسيف يار"),
        # ... and writes "تش" as such in its own words and names: "Tishreen" still meets
        ("Tishreen Dam", "سيطرت القوات على سد تشرين", "سد تشرين"),
        # ... and may leave out the vowel a y between consonants spells, as it leaves out an
        # i (before, only "تشيرنوبيل" met: a real Arabic story of Russian trenches in the zone)
        ("Chernobyl", "حفرت روسيا خنادق دفاعية بمنطقة تشرنوبل من بيلاروسيا", "تشرنوبل"),
        ("Chernobyl", "حفرت روسيا خنادق دفاعية بمنطقة تشيرنوبيل", "تشيرنوبيل"),
        # ... but not where the name writes a y beside a vowel, a consonant Arabic writes
        ("Mayadin", "قصفت الطائرات المدن السورية", None),
        # French writes ч "tch", after a vowel too; English's "tch" there is English's
        # (before, "Caoutchouc" met Kakhovka as German "Kachowka" in any text)
        ("Gorbachev", "Mikhaïl Gorbatchev est mort mardi à Moscou.", "Gorbatchev"),
        ("Kakhovka", "They sold Caoutchouc in the market on Monday.", None),
    ],
)
def test_a_name_s_ch_as_arabic_and_french_write_it(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # Arabic names a kind by its singular or its plural, before the name ("حريق", a fire;
        # "حرائق", fires): either meets an alias's kind word (before, only the plural met)
        ("Palisades fire", "امتد حريق باليساديس نحو حي برينتوود", "حريق باليساديس"),
        ("Palisades fire", "امتدت حرائق باليساديس نحو حي برينتوود", "حرائق باليساديس"),
        # ... and a name's short word there by its consonants, where the kind's and the
        # name's have enough between them (before, none met)
        ("Eaton fire", "تسبب حريق إيتون في مقتل 11 شخصا", "حريق إيتون"),
        ("Maui fires", "امتدت حرائق ماوي إلى لاهينا", None),
        ("Eaton fire", "تسبب حريق في مقتل 11 شخصا", None),
        # a jungle or a forest, one word in Arabic (before, not met: a real story of the fall
        # in crossings of the Darién Gap, which writes the name in guillemets)
        ("Darién jungle", "عبروا غابة «دارين» بين كولومبيا وبنما", "غابة «دارين"),
    ],
)
def test_an_alias_s_kind_as_arabic_writes_it_before_the_name(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # Arabic writes the s a foreign name voices between vowels as ز (before, none met: the
        # first from a real story of 78 migrants reaching the island)
        ("Lampedusa", "اعترضت قوات خفر السواحل قاربين قبالة سواحل لامبيدوزا", "لامبيدوزا"),
        ("Louisiana", "ضرب الإعصار ولاية لويزيانا الأمريكية", "لويزيانا"),
        # ... not after a و that opens the word, a consonant there: "وزير", "الوزير" (a
        # minister) are no "Wasir"
        ("Wasir", "قال وزير الخارجية إن المحادثات مستمرة", None),
        ("Wasir", "وصل الوزير إلى المحطة", None),
    ],
)
def test_a_foreign_name_s_s_as_arabic_voices_it(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


def test_a_name_with_a_capital_keeps_its_other_vowels(matcher: Matcher) -> None:
    """A word written as a name may write other vowels than the description's: Russian
    "Zaporozhye" for Ukrainian Zaporizhzhia (o for i) is the same place."""
    topic = Topic("t", "Test topic", "Cooling water for the Zaporizhzhia plant.", ("Zzyzx",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    text = "The reservoir of the Zaporozhye plant fell again."
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert list(f.about_names.get(0, {}).values()) == ["Zaporozhye"]


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # a kind of place as other languages name it, before the name or after it (before,
        # none of these met the alias)
        ("Kakhovka dam", "После разрушения Каховской плотины вода ушла.", "Каховской плотины"),
        ("Kakhovka dam", "Підрив Каховської греблі спричинив повінь.", "Каховської греблі"),
        (
            "Kakhovka Reservoir",
            "Каховское водохранилище обмелело за лето.",
            "Каховское водохранилище",
        ),
        (
            "Kakhovka dam",
            "La destruction du barrage de Kakhovka a provoqué des inondations.",
            "barrage de Kakhovka",
        ),
        ("Kakhovka dam", "Der Kachowka-Staudamm wurde im Juni zerstört.", "Kachowka-Staudamm"),
        ("Kakhovka dam", "La presa de Kajovka fue destruida en junio.", "presa de Kajovka"),
        (
            "Yarmouk Valley",
            "Les combats ont repris dans la vallée du Yarmouk.",
            "vallée du Yarmouk",
        ),
        (
            "Rafah crossing",
            "Les camions attendent au passage de Rafah depuis lundi.",
            "passage de Rafah",
        ),
        # a name's ч as French and German write it, "tch" and "tsch", and a Slavic adjective
        # with "-en-" before its "sk" (before, none of these met "Kerch Bridge")
        (
            "Kerch Bridge",
            "Le pont de Kertch a été touché dimanche matin par des drones ukrainiens.",
            "pont de Kertch",
        ),
        (
            "Kerch Bridge",
            "Die Kertsch-Brücke wurde am Montag erneut von Drohnen angegriffen.",
            "Kertsch-Brücke",
        ),
        (
            "Kerch Bridge",
            "Взрыв на Керченском мосту повредил пролёт, сообщили власти.",
            "Керченском мосту",
        ),
        (
            "Kerch Bridge",
            "Вибух на Керченському мосту пошкодив проліт, повідомила влада.",
            "Керченському мосту",
        ),
        # one kind word, one key in several languages: each its own ("puente" and "pont",
        # "represa" in Spanish and Portuguese; before, only the first language's met)
        (
            "Kerch Bridge",
            "La explosión dañó el puente de Kerch, dijeron las autoridades rusas.",
            "puente de Kerch",
        ),
        (
            "Kakhovka dam",
            "A destruição da represa de Kakhovka inundou dezenas de aldeias no sul.",
            "represa de Kakhovka",
        ),
        # a place's adjective as other languages name the place (before, none met)
        (
            "Crimean Bridge",
            "Взрыв на Крымском мосту повредил пролёт, сообщили власти.",
            "Крымском мосту",
        ),
        (
            "Crimean Bridge",
            "L'explosion a endommagé le pont de Crimée, selon les autorités russes.",
            "pont de Crimée",
        ),
        (
            "Crimean Bridge",
            "La explosión dañó el puente de Crimea, dijeron las autoridades rusas.",
            "puente de Crimea",
        ),
        ("Crimean Bridge", "The crime bridge between the two gangs was hit, police said.", None),
        # ... German's "tsch" only as that ч: "Tschechien" (Czechia) is no Chechnya
        ("Chechnya", "Tschechien und Polen unterzeichneten am Montag ein Abkommen.", None),
        # Turkish writes its kind after the name, in its own word ("Grubu" met none before)
        ("Wagner Group", "Wagner Grubu Bahmut'tan çekildi, dedi Prigojin.", "Wagner Grubu"),
        ("Yarmouk camp", "Yermük Kampı'nda açlık sürüyor, dedi yetkililer.", "Yermük Kampı'nda"),
        # kinds of event as other languages name them (before, none met)
        ("Mariupol siege", "Осада Мариуполя длилась почти три месяца.", "Осада Мариуполя"),
        ("Mariupol siege", "Облога Маріуполя тривала 86 днів.", "Облога Маріуполя"),
        ("Mariupol siege", "El asedio de Mariúpol duró casi tres meses.", "asedio de Mariúpol"),
        (
            "Mariupol siege",
            "Die Belagerung von Mariupol dauerte fast drei Monate.",
            "Belagerung von Mariupol",
        ),
        (
            "Bucha massacre",
            "Das Massaker von Butscha erschütterte die Welt.",
            "Massaker von Butscha",
        ),
        ("Bucha massacre", "Резня в Буче потрясла мир, заявили в ООН.", "Резня в Буче"),
        (
            "Kahramanmaraş earthquake",
            "Le séisme de Kahramanmaraş a fait plus de 50 000 morts.",
            "séisme de Kahramanmaraş",
        ),
        (
            "Kahramanmaraş earthquake",
            "Kahramanmaraş depreminde 50 binden fazla kişi öldü.",
            "Kahramanmaraş depreminde",
        ),
        (
            "Sednaya prison",
            "Penjara Saydnaya, yang dijuluki rumah jagal, menjadi simbol kekejaman rezim Assad.",
            "Penjara Saydnaya",
        ),
        (
            "Myanmar earthquake",
            "Korban jiwa gempa Myanmar tembus 2.886 orang, dan 300 orang masih hilang setelah"
            " gempa bermagnitudo 7,7 mengguncang negara itu.",
            "gempa Myanmar",
        ),
        (
            "Daraa offensive",
            "Наступление на Дараа продолжается, сообщают источники.",
            "Наступление на Дараа",
        ),
        # ... and disasters, by several words each language has for them (before, none met)
        ("Palisades Fire", "Пожар в Палисейдс локализован на 11%.", "Пожар в Палисейдс"),
        (
            "Los Angeles wildfires",
            "Bei Waldbränden in Los Angeles kommen fünf Menschen ums Leben.",
            "Waldbränden in Los Angeles",
        ),
        ("Palisades Fire", "El incendio de Palisades sigue sin control.", "incendio de Palisades"),
        (
            "Amazon deforestation",
            "Inpe detecta queda de 63% no desmatamento da Amazônia.",
            "desmatamento da Amazônia",
        ),
        (
            "Valencia floods",
            "Sedikitnya 51 orang tewas di wilayah timur Spanyol, Valencia, setelah banjir bandang"
            " menghanyutkan mobil dan mengubah jalanan desa menjadi sungai.",
            "Valencia, setelah banjir",
        ),
        ("Beirut blast", "Суд отложил дело о взрыве в Бейруте.", "взрыве в Бейруте"),
        # ... beside a name as Russian spells it: Valencia's soft c as an s (before, none met)
        (
            "Valencia floods",
            "Из-за наводнений в Валенсии погибли граждане 12 стран.",
            "наводнений в Валенсии",
        ),
        # ... and a storm's word, which stands before its name (before, none met; Spanish
        # "huracán" has the keys of "hurricane" and is no English word)
        ("Cyclone Freddy", "إعصار فريدي يقتل 190 شخصا في ملاوي", "إعصار فريدي"),
        (
            "Cyclone Freddy",
            "Из-за циклона «Фредди» в Малави погибли не менее 40 человек.",
            "циклона «Фредди",
        ),
        (
            "Hurricane Otis",
            "El huracán Otis golpeó Acapulco con vientos de categoría 5 y dejó decenas de"
            " muertos y desaparecidos en la ciudad.",
            "huracán Otis",
        ),
        (
            "Storm Daniel",
            "La tempête Daniel a frappé l'est de la Libye et fait des milliers de morts.",
            "tempête Daniel",
        ),
        # ... and a disease's word, where the alias writes it, without the alias's "in"
        # (before, none met)
        (
            "cholera in Sudan",
            "Un brote de cólera en Sudán ha matado a cientos de personas este año.",
            "cólera en Sudán",
        ),
        (
            "cholera in Sudan",
            "Вспышка холеры в Судане унесла жизни сотен человек.",
            "холеры в Судане",
        ),
        (
            "cholera in Sudan",
            "ارتفاع الإصابات بالكوليرا في السودان إلى 124 حالة",
            "بالكوليرا في السودان",
        ),
        (
            "cholera in Sudan",
            "Sudan'daki kolera salgınında hayatını kaybedenlerin sayısı arttı.",
            "Sudan'daki kolera",
        ),
        (
            "measles in Texas",
            "El brote de sarampión en Texas crece y ya suma cientos de casos en el estado.",
            "sarampión en Texas",
        ),
        # ... a word of another language only in a text of that language: the English
        # "barrage" of shells is no French dam
        ("Kakhovka dam", "A barrage of shells hit Kakhovka overnight, officials said.", None),
        (
            "Hurricane Otis",
            "The band Tormenta Otis played in Austin on Monday, its manager said.",
            None,
        ),
        # ... and only after a kind word itself, not a word with its consonants: "Street" is
        # no "strait", "Stewart" none either (before, both met)
        ("Downing Street", "Le détroit de Downing est fermé aux navires.", None),
        ("Jon Stewart", "El estrecho de Jon quedó cerrado.", None),
    ],
)
def test_an_alias_kind_word_is_read_as_other_languages_write_it(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # a dash between spaces before a capital parts a dateline from its story, and a name
        # from another (before, each met: a quake in Istanbul in 2025 was the 2023 one's)
        (
            "Turkey earthquake",
            "ISTANBUL, Turkey – A powerful 6.2-magnitude earthquake shook the city on Wednesday.",
            None,
        ),
        (
            "Arakan Army",
            "Policja zatrzymała jednego z liderów Arakan Rohingya Salvation Army – ARSA (Armia"
            " Ocalenia Rohingjów z Arakanu), podała agencja.",
            None,
        ),
        # ... not one before a word in lower case, which joins a clause
        (
            "Sednaya prison",
            "Седная — тюрьма под Дамаском, где пытали заключённых.",
            "Седная — тюрьма",
        ),
        (
            "Turkey earthquake",
            "In Turkey, the earthquake - the worst in decades - killed many.",
            "Turkey, the earthquake",
        ),
    ],
)
def test_an_alias_is_met_within_one_sentence_of_a_dateline(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        ("Wagner Group", "قالت مجموعة فاغنر إن", "مجموعة فاغنر"),
        ("Kakhovka dam", "بعد تفجير سد كاخوفكا", "سد كاخوفكا"),
        ("Kakhovka Reservoir", "جفاف خزان كاخوفكا", "خزان كاخوفكا"),
        ("Yarmouk camp", "حصار مخيم اليرموك", "مخيم اليرموك"),
        # Persian, in its own words (before, none met)
        ("Wagner Group", "گروه واگنر از باخموت عقب‌نشینی کرد", "گروه واگنر"),
        ("Yarmouk camp", "محاصره اردوگاه یرموک در دمشق ادامه دارد", "اردوگاه یرموک"),
        ("Yarmouk Valley", "نبرد در دره یرموک ادامه دارد", "دره یرموک"),
        # ... and a kind of event (before, none met)
        ("Mariupol siege", "حصار ماريوبول استمر ثلاثة أشهر", "حصار ماريوبول"),
        ("Beirut blast", "أهالي ضحايا انفجار بيروت يتظاهرون", "انفجار بيروت"),
        # the Arabic word's consonants are no English word's: "مطار" (airport) is no "Motor"
        ("Kabul airport", "The Motor Kabul show", None),
        # ... and the Arabic word is met as written, past what Arabic joins before it, not by
        # its consonants: "مباراة" (a match) is no "معبر" (a crossing), the ʿayn unwritten (before,
        # a football final in Rafah met "Rafah crossing")
        ("Rafah crossing", "انطلاق مباراة نهائي كأس فلسطين بين شباب رفح وأهلي الخليل", None),
        ("Rafah crossing", "وصلت الشاحنات إلى المعبر في رفح", "المعبر في رفح"),
        # nor an alias's last word a kind of place for sharing a kind word's consonants:
        # "Report" is no "airport", "Plan" no "plain", "Party" no "port" (before, each met)
        ("Mueller Report", "وصلت الطائرة إلى مطار مولر", None),
        ("Mueller Report", "نشر تقرير مولر", None),
        ("Marshall Plan", "في سهل مارشال", None),
        ("Baath Party", "في ميناء البعث", None),
        ("Baath Party", "قيادة حزب البعث", "حزب البعث"),
    ],
)
def test_an_alias_kind_word_is_read_in_arabic_script_before_the_name(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert find_read(text, alias, embedder.vocab) == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Взрыв на Крымском мосту через Керченский пролив", ["Крымском"]),
        ("Вибух на Кримському мосту: обвалився проліт", ["Кримському"]),
        ("Die Krim und die Brücke über die Meerenge", ["Krim"]),
        ("Die Kirche von Kremmen wird restauriert", []),
    ],
)
def test_a_description_name_with_a_hard_c_is_met_as_other_languages_write_it(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """Russian, Ukrainian and German write the k that English writes c in "Crimea" (before,
    "Крымском", "Кримському" and "Krim" were none of the description's names)."""
    topic = Topic("t", "Bridge attacks", "Attacks on the bridge to Crimea.", ("Zzyzx",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == seen


@pytest.mark.parametrize(
    ("about", "text", "seen"),
    [
        (
            "Visits by Volodymyr Zelensky.",
            "Wolodymyr Selenskyj reiste am Montag nach Washington.",
            ["Selenskyj", "Wolodymyr"],
        ),
        (
            "Floods in Kherson and Kakhovka.",
            "La ciudad de Jersón y Kajovka quedaron inundadas.",
            ["Jersón", "Kajovka"],
        ),
        (
            "Visits by Sergei Shoigu.",
            "Minister Siergiej Szojgu przyjechał w poniedziałek do Mińska.",
            ["Siergiej", "Szojgu"],
        ),
        # ... in that language only: an English text's "Kajovka" is no Kakhovka
        ("Floods in Kherson and Kakhovka.", "The Kajovka family met on Sunday.", []),
    ],
)
def test_a_description_name_is_met_as_one_language_alone_spells_it(
    matcher: Matcher, about: str, text: str, seen: list[str]
) -> None:
    """The description's names as German, Polish, Spanish or Turkish alone spell them, as the
    aliases are met (``language_spellings``; before, the words above were none of its names
    but "Jersón", which every Latin-script text may write)."""
    m = Matcher(matcher.embedder, [Topic("t", "Test topic", about, ("Zzyzx",))], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == seen


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Houthi rebels fired at a tanker.", ["Houthi"]),
        ("The Houthis fired at a tanker.", ["Houthis"]),
        ("قال الحوثيون إن السفينة أصيبت", ["الحوثيون"]),
        ("وصلت القوات حيث اندلعت الاشتباكات", []),  # where: Houthi's consonants, not its vowels
        # ... and as one language alone spells the name, in that language only: Turkish "Husi"
        # (before, "Husiler" was none of the description's names)
        ("Yemen'deki Husiler Kızıldeniz'de bir gemiye saldırdı.", ["Husiler"]),
        ("Хуситы атаковали судно в Красном море, сообщили военные.", ["Хуситы"]),
        ("The Husi family of Sacramento met on Sunday.", []),
    ],
)
def test_a_description_name_in_the_plural_is_met_in_the_singular(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """A text writes a people or a group in the singular before a noun ("Houthi rebels"), as
    Arabic does in its own words; the description named them in the plural."""
    topic = Topic("t", "Test topic", "Attacks by the Houthis on ships.", ("Zzyzx",))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == seen


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # A silent final h that other spellings drop; "Allah" in Arabic, whose article is part
        # of the name; a final h after a vowel that leaves too short a name stays.
        ("Fighters of Hizbulla crossed.", "Hezbollah", "Hizbulla"),
        ("Protests in Ramalla went on.", "Ramallah", "Ramalla"),
        ("بيان أنصار الله", "Ansar Allah", "أنصار الله"),
        ("A fata morgana.", "Fatah", None),
        ("The oil port of Sidra.", "Sadr", None),  # a final vowel counts in a word as written
        # Russian writes names with a capital: "газа" is "of gas", "Газа" Gaza.
        ("Поставки газа в Европу сократились.", "Gaza", None),
        ("Удар по сектору Газа.", "Gaza", "Газа"),
    ],
)
def test_spellings_that_drop_a_letter_are_found(text: str, alias: str, found: str | None) -> None:
    hits = find_aliases(text, (alias,))
    assert [text[h.start : h.end] for h in hits] == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "alias", "found"),
    [
        # Another language's acronym for the English one.
        ("Бойцы ЧВК «Вагнер» покинули Ростов.", "PMC Wagner", "ЧВК «Вагнер"),
        ("Власник ПВК «Вагнер» виїхав.", "PMC Wagner", "ПВК «Вагнер"),
        ("Катастрофа на Каховской ГЭС.", "Kakhovka HPP", "Каховской ГЭС"),
        ("Саммит НАТО в Вильнюсе.", "NATO", "НАТО"),
        ("Le Conseil de sécurité de l'ONU a voté.", "UN", "ONU"),
        ("Решение ЕС по санкциям.", "UN", None),  # another acronym
        # ... for the countries and agencies news names by them most (before, none met)
        ("Une épidémie de mpox en RDC inquiète.", "mpox DRC", "mpox en RDC"),
        ("Вспышка mpox в ДРК продолжается.", "mpox DRC", "mpox в ДРК"),
        ("ВОЗ объявила чрезвычайную ситуацию.", "WHO", "ВОЗ"),
        ("TikTok envia mensagem a usuário nos EUA.", "US", "EUA"),
        ("Le FMI a approuvé le prêt.", "IMF", "FMI"),
        # A short name in a case ending in a vowel; Х read as "h" still counts its vowels, so
        # Homs (one run) is not Hamas (two), in any case.
        ("Удары по Йемену.", "Yemen", "Йемену"),
        ("Боевики Шабаба напали.", "Shabaab", "Шабаба"),
        ("Заявление Хамаса.", "Hamas", "Хамаса"),
        ("Заявление Хамаса.", "Homs", None),
        ("Бои в Хомсе.", "Hamas", None),
        ("Хомс окружён.", "Hamas", None),
    ],
)
def test_names_in_another_languages_forms(
    embedder, text: str, alias: str, found: str | None
) -> None:
    from monitor.match.aliases import inflected

    index = AliasIndex([(0, p) for p in compile_aliases([alias])])
    hits = index.search(text, inflected(text, tokens(text), embedder.vocab)).get(0, [])
    assert [text[h.start : h.end] for h in hits] == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # A soft c as a text in Russian writes a Spanish or English one: an s (before, none met)
        ("Valencia", "Протесты в Валенсии продолжаются уже неделю.", "Валенсии"),
        ("Francisco", "Папа Франсиско встретился с президентом.", "Франсиско"),
        # ... not in Latin script, where a c is a c ("Valensia" is no spelling of Valencia's)
        ("Valencia", "Valensia is a small village in the hills.", None),
        # A soft g as Russian and Ukrainian write an English one: "дж" (before, none met)
        ("Rohingya", "Около 87 тысяч Рохинджа бежали из Мьянмы.", "Рохинджа"),
        (
            "Los Angeles wildfires",
            "Опубликованы снимки последствий пожара в Лос-Анджелесе.",
            "пожара в Лос-Анджелесе",
        ),
        (
            "Los Angeles wildfires",
            "Наслідки пожеж у Лос-Анджелесі оцінюють у мільярди доларів.",
            "пожеж у Лос-Анджелесі",
        ),
        # ... only in Cyrillic script ("Rohindzha" in Latin letters is no spelling of it)
        ("Rohingya", "Rohindzha is a small village in the hills.", None),
    ],
)
def test_a_soft_c_or_g_in_cyrillic_script(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # Russian and Ukrainian write a people's name in lower case (before, none met)
        ("Rohingya", "Около 87 тысяч мусульман народа рохинджа бежали в Бангладеш.", "рохинджа"),
        ("Rohingya", "Члени народності рохінджа залишають свої домівки.", "рохінджа"),
        # ... not a word those languages write often: "правда" (truth) is no Pravda
        ("Pravda", "Он сказал, что это правда, и ушёл.", None),
        ("Pravda", "Газета «Правда» вышла в понедельник.", "Правда"),
    ],
)
def test_a_peoples_name_in_lower_case_in_russian_and_ukrainian(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


@pytest.mark.parametrize(
    ("alias", "text", "found"),
    [
        # An acronym of two or three letters inside an alias is met in capitals only: French
        # "les incendies depuis le début" is no "LA fires" (before, "incendies depuis le")
        ("LA fires", "Face aux feux, les incendies depuis le début de l'année.", None),
        ("LA fires", "Les incendies de LA ont détruit 16 000 bâtiments.", "incendies de LA"),
        ("LA fires", "The LA fires destroyed 16,000 structures.", "LA fires"),
        ("LA fires", "There were fires in la paz last week; la fires burned.", None),
        ("US strikes", "Critics of us say strikes are useless.", None),
        ("US strikes", "New US strikes hit Houthi targets.", "US strikes"),
        # ... not a longer one, whose letters tell it ("Isis" as the Guardian writes it)
        ("ISIS attack", "The Isis attack killed twelve.", "Isis attack"),
    ],
)
def test_a_short_acronym_in_an_alias_is_met_in_capitals(
    embedder, alias: str, text: str, found: str | None
) -> None:
    assert alias_hits(embedder, alias, text) == ([found] if found else [])


def test_a_description_name_without_its_silent_h_is_counted_once(matcher: Matcher) -> None:
    war = Topic("war", "Israel-Lebanon war", "Fighting between Israel and Hezbollah.", ())
    m = Matcher(matcher.embedder, [war], THRESHOLD)
    title = "Удары по Хезболле"
    text = "Армия нанесла удары по позициям Хезболлы."
    f = m.features(title, text, m.embed([(title, text)])[0])
    # Under the description's own key, as the text first spells it.
    hezbollah = [key for key, word in description_names(war).items() if word == "hezbollah"]
    assert f.about_names[0] == dict.fromkeys(hezbollah, "Хезболле")


def test_a_topics_words_are_its_common_words_by_their_stems_and_rarity() -> None:
    words = topic_words(
        ["Houthi attacks on Red Sea shipping", "Attacks by Yemen's Houthis on the ships."]
    )
    # Stop words and words written with a capital (names, a sentence's first word) are none;
    # "ships" and "shipping" are one stem, which weighs as its rarer word.
    assert set(words) == {"attack", "ship"}
    assert words["ship"] > words["attack"] > 0


def test_the_topics_own_words_in_the_lead_are_evidence(matcher: Matcher) -> None:
    dam = Topic(
        "dam",
        "Kakhovka Dam",
        "The destruction of the Kakhovka dam, the flooding downstream and the drained reservoir.",
        ("Kakhovka dam",),
    )
    m = Matcher(matcher.embedder, [dam], THRESHOLD)
    title = "Reservoir Drained"
    text = "Villages downstream flooded after the dam burst. " + "Later reports followed. " * 60
    text += "The reservoir's bed turned to meadow."  # past the lead: not read for the words
    f = m.features(title, text, m.embed([(title, text)])[0])
    # As the text writes them, each stem once, in the title and the lead only.
    assert f.topic_words[0] == ["Reservoir", "Drained", "downstream", "flooded", "dam"]
    assert f.values["topic_words"][0] > 0
    plain = "Villages nearby were hit after the barrier burst."
    f = m.features("News", plain, m.embed([("News", plain)])[0])
    assert 0 not in f.topic_words and f.values["topic_words"][0] == 0
    [match] = m.score(title, text, m.embed([(title, text)])[0], "a")
    assert match.evidence["topic_words"] == ["Reservoir", "Drained", "downstream", "flooded", "dam"]
    # A topic without a description is decided by its names alone: its words are no evidence.
    named = Matcher(matcher.embedder, [Topic("dam", "Kakhovka dam reservoir", "", ())], THRESHOLD)
    [match] = named.score(title, text, named.embed([(title, text)])[0], "a")
    assert match.evidence["topic_words"] is None


def test_a_name_written_inflected_is_not_absent(matcher: Matcher) -> None:
    # d2-066 of the dev set: "the Kakhovska HPP" was scored as never naming the dam (0.06).
    dam = Topic("dam", "Kakhovka Dam", "The dam on the Dnipro in Ukraine.", ("Kakhovka HPP",))
    m = Matcher(matcher.embedder, [dam], THRESHOLD)
    title = "Oleshky almost completely flooded"
    text = "The city was flooded after Russians blew up the Kakhovska HPP."
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert f.values["alias"][0] == 1 and f.values["name_absent"][0] == 0


@pytest.mark.parametrize(
    ("text", "aliases", "found"),
    [
        # A common word of the text is no name whose skeleton it shares.
        ("Shelling destroyed their homes overnight.", ("Hamas",), None),
        ("Shelling destroyed their homes overnight.", ("Homs",), None),
        ("Homes were destroyed.", ("Homs",), None),  # a word opening a sentence
        ("A gallon of fuel, a glen.", ("Golan",), None),
        ("Floods Destroy Homes Across Syria", ("Homs",), None),  # a headline in title case
        ("Floods Destroy Homes Across Homs Province", ("Homs",), "Homs"),
        ("Warships docked at Tartus on Monday.", ("Tartu",), None),  # a place in -us: no plural
        ("Violent crime rose in the city.", ("Crimea",), None),  # the start of a longer name
        # Words in lower case of other languages in Latin script, which the English vocabulary
        # lacks: German "deren" (whose), "besser" (better), French "serait" (would be).
        ("Sie sagte, deren Haus sei besser.", ("Derna", "Basra"), None),
        ("Il serait parti hier soir.", ("Sirte",), None),
        # ... or whose capital only opens a sentence: German "Unser" (our), "Daran" (on it).
        ("Unser Haus steht noch. Daran glaubt er.", ("Nusra", "Derna"), None),
        ("Shebab fighters attacked the base.", ("al-Shabaab",), "Shebab"),
        # ... and names so written, as those languages write them in lower case: a people or
        # a group as French writes it, a name in a compound, an alias's common word.
        ("Les rebelles houthis ont tiré.", ("Houthis",), "houthis"),
        ("Au moins 19 civils tués dans une attaque shebab.", ("al-Shabaab",), "shebab"),
        ("Les mercenaires de Wagner", ("Wagner mercenaries",), "mercenaires de Wagner"),
        ("Söldner der wagner-Gruppe", ("Wagner",), "wagner"),
        ("Der Kachowka-Staudamm", ("Kakhovka",), "Kachowka"),
        # The name itself is found, opening a sentence too; a name's transliterations still.
        ("Hamas said the talks had stalled.", ("Hamas",), "Hamas"),
        ("Fighting near Hims went on.", ("Homs",), "Hims"),
        # An alias's common word in another spelling; "ibn" is "bin" in every spelling.
        ("Ships left Odesa harbour.", ("Odesa harbor",), "Odesa harbour"),
        (
            "Jaish Khalid ibn al-Walid fighters",
            ("Jaish Khalid bin al-Waleed",),
            "Jaish Khalid ibn al-Walid",
        ),
    ],
)
def test_common_words_are_not_names(
    embedder, text: str, aliases: tuple[str, ...], found: str | None
) -> None:
    from monitor.match.aliases import inflected

    index = AliasIndex([(0, p) for p in compile_aliases(aliases)])
    hits = index.find(text, inflected(text, tokens(text), embedder.vocab))
    assert [text[h.start : h.end] for h in hits.get(0, [])] == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # dev d2-002, the Houthis' war for Marib: "Shabwa", a Yemeni province, shares the key of
        # "Shabaab" (shb) but not its consonants, and wrote the Somali group's name
        ("Houthi forces advanced from Shabwa province towards Marib, the army said. ", True),
        # its spellings still write it, as does a word inflecting it
        ("Shebab fighters attacked a base near Afgooye, officials said. ", False),
        ("Shabaab's fighters attacked a base near Afgooye, officials said. ", False),
    ],
)
def test_a_name_word_is_met_by_its_consonants_not_its_key_alone(
    matcher: Matcher, text: str, absent: bool
) -> None:
    about = "The al-Qaeda-affiliated Somali jihadist group and its attacks in Somalia and Kenya."
    m = Matcher(matcher.embedder, [Topic("s", "Harakat al-Shabaab", about, ())], THRESHOLD)
    title, text = "News", text * 20
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert bool(f.absent[0]) is absent


def test_a_common_word_is_no_name_word(matcher: Matcher) -> None:
    # "would" shares the skeleton of "Waleed" (wld): it had made the group's name "written" in
    # any text with a "would" in it.
    jkbw = Topic("jkbw", "Jaish Khalid bin al-Waleed", "An armed group in Syria.", ())
    m = Matcher(matcher.embedder, [jkbw], THRESHOLD)
    title, text = "Talks", "The rebels said they would not leave the town. " * 30
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert f.values["name_absent"][0] == 1


def test_a_name_qualified_by_another_country_is_a_namesakes(matcher: Matcher) -> None:
    # d2-085 of the dev set, "Al-Shabaab (Mozambique)": the Mozambican group, which an
    # encyclopaedia tells apart from the Somali one by its country, scored 0.96 for the Somali
    # group on its name. A text that qualifies the name by a country none of the topic's, and
    # never by one of the topic's, writes the namesake's name throughout.
    about = "The al-Qaeda-affiliated Somali jihadist group and its attacks in Somalia and Kenya."
    shabaab = Topic("shabaab", "al-Shabaab", about, ("al-Shabaab", "al-Shabab"))
    about = "The Russian mercenary company, its war in Ukraine and its operations in Africa."
    wagner = Topic("wagner", "Wagner Group", about, ("Wagner Group",))
    m = Matcher(matcher.embedder, [shabaab, wagner], THRESHOLD)

    def read(title: str, text: str) -> tuple[list[float], list[float], Any]:
        f = m.features(title, text, m.embed([(title, text)])[0])
        return list(f.values["alias"]), list(f.values["other_name"]), f.other.get(0)

    text = "Al-Shabaab is an Islamist group in Cabo Delgado. Al-Shabaab burned villages."
    alias, other, written = read("Al-Shabaab (Mozambique)", text)
    assert (alias[0], other[0]) == (0, 1) and written and "(Mozambique)" in written[0]
    text = "Fighters of the Mozambican al-Shabab raided the port town of Mocimboa da Praia."
    assert read("Insurgents raid port", text) == ([0, 0], [1, 0], ["Mozambican al-Shabab"])
    # The topic's own country, or one on a continent its description names, is the topic's.
    text = "Al-Shabaab attacked a base. Unlike the Mozambican al-Shabab, it is an al-Qaeda ally."
    assert read("Al-Shabaab (Somalia) attacks base", text)[0] == [1, 0]
    assert read("Somali al-Shabab kills ten", "A blast in Mogadishu.")[0] == [1, 0]
    text = "Wagner Group fighters and Malian soldiers killed hundreds in Moura, the UN said."
    assert read("Wagner Group (Mali) accused of massacre", text)[0] == [0, 1]
    # A gloss in brackets that names a country qualifies nothing.
    text = "Al-Shabaab (proscribed in the UK in 2010) attacked a base near Afgooye."
    assert read("Militants attack base", text)[0] == [1, 0]


def test_a_person_named_after_another_countrys_office_is_a_namesake(matcher: Matcher) -> None:
    # A real story of Ousman Sonko, a Gambian ex-minister tried in Switzerland, scored 1.00 for
    # Ousmane Sonko, Senegal's prime minister: English writes a person's country and office
    # before the name, and another country's is a namesake's.
    about = "Ousmane Sonko, Senegalese opposition leader of PASTEF and prime minister of Senegal."
    sonko = Topic("sonko", "Ousmane Sonko", about, ("Ousmane Sonko",))
    m = Matcher(matcher.embedder, [sonko], THRESHOLD)

    def read(title: str, text: str) -> tuple[float, float]:
        f = m.features(title, text, m.embed([(title, text)])[0])
        return f.values["alias"][0], f.values["other_name"][0]

    text = "The trial of the former interior minister began in a federal court in Switzerland."
    assert read("Gambian ex-minister Sonko on trial in Switzerland", text) == (0, 1)
    text = "Sonko was jailed in Switzerland for crimes committed under Yahya Jammeh."
    assert read("Gambian former interior minister Ousman Sonko jailed", text) == (0, 1)
    # The person's own country's office is the person's; and only words of an office stand
    # between the people's adjective and the name.
    text = "Sonko called for calm after the clashes in Dakar."
    assert read("Senegalese opposition leader Ousmane Sonko speaks", text) == (1, 0)
    assert read("Gambian minister meets Sonko in Dakar", text) == (1, 0)


@pytest.mark.parametrize(
    ("title", "text", "other"),
    [
        # Iraq's militias whose names write Lebanon's Hezbollah's: another group's name
        (
            "Kataib Hezbollah claims drone attack on US base in Iraq",
            "The Iraqi militia Kataib Hezbollah said it launched a drone at a US base.",
            ["Kataib Hezbollah"],
        ),
        (
            "Iraqi militia threatens US forces",
            "Harakat Hezbollah al-Nujaba threatened to attack US forces in Iraq.",
            ["Harakat Hezbollah"],
        ),
        (
            "Militia statement",
            "Kata'ib Hizballah denied any role in the attack.",
            ["Kata'ib Hizballah"],
        ),
        # one name, one sense: the name alone too is the topic's
        (
            "Militias and Hezbollah",
            "Kataib Hezbollah, unlike Lebanon's Hezbollah, fights in Iraq.",
            None,
        ),
        # the word in lower case, or none before the name
        ("Strikes", "The kataib Hezbollah fighters were hit.", None),
        ("Strikes", "Hezbollah fighters were hit near Khiam.", None),
    ],
)
def test_a_name_after_a_word_arabic_groups_names_open_with_is_another_groups(
    matcher: Matcher, title: str, text: str, other: list[str] | None
) -> None:
    about = "The Lebanese Shia party and militant group backed by Iran, and its wars with Israel."
    hezbollah = Topic("hezbollah", "Hezbollah", about, ("Hezbollah", "Hizballah"))
    # a topic whose own name writes the word: its name
    iraqi = Topic("kh", "Kataib Hezbollah", "The Iraqi militia backed by Iran.", ())
    m = Matcher(matcher.embedder, [hezbollah, iraqi], THRESHOLD)
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert f.other.get(0) == other
    assert f.values["alias"][0] == (0 if other else 1)
    assert f.values["other_name"][0] == (1 if other else 0)
    if "Kataib" in text:
        assert f.values["alias"][1] == 1 and 1 not in f.other


@pytest.mark.parametrize(
    ("topic", "title", "text", "other"),
    [
        # d001 and d012 of the dev set: the group named for the general, which writes the
        # general's name only so, scored 0.89 and 0.77 for the general.
        (
            "khalid",
            "Jihadists in southern Syria",
            "The Khalid ibn al-Walid Army enforced the Islamic State's rule in the Yarmouk basin.",
            ["Khalid ibn al-Walid Army"],
        ),
        # one name, one sense: the name alone too is the topic's
        (
            "khalid",
            "Jihadists in southern Syria",
            "The Khalid ibn al-Walid Army took its name from Khalid ibn al-Walid.",
            None,
        ),
        # the word in lower case, or not right after the name
        ("khalid", "Battles", "Khalid ibn al-Walid's army won at the Yarmouk.", None),
        ("khalid", "Battles", "Khalid ibn al-Walid led the army at the Yarmouk.", None),
        # A group's own name may end so: the Polisario Front is the Polisario.
        ("polisario", "Talks", "The Polisario Front said talks would resume in Geneva.", None),
    ],
)
def test_a_name_before_a_word_english_closes_groups_names_with_is_another_groups(
    matcher: Matcher, topic: str, title: str, text: str, other: list[str] | None
) -> None:
    topics = {
        "khalid": Topic(
            "khalid",
            "Khalid ibn al-Walid",
            "The 7th-century Arab commander of the early Muslim conquests: his life and battles.",
            ("Khalid ibn al-Walid",),
        ),
        "polisario": Topic(
            "polisario",
            "Polisario",
            "The Sahrawi independence movement of Western Sahara and its war with Morocco.",
            ("Polisario",),
        ),
    }
    m = Matcher(matcher.embedder, [topics[topic]], THRESHOLD)
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert f.other.get(0) == other
    assert (f.values["alias"][0], f.values["other_name"][0]) == ((0, 1) if other else (1, 0))


@pytest.mark.parametrize(
    ("topic", "text", "other"),
    [
        # dev d010: the group, for the general (0.62 before)
        ("khalid", "أعدم جيش خالد بن الوليد العشرات في درعا", True),
        ("khalid", "قاد خالد بن الوليد جيش المسلمين في معركة اليرموك", False),
        # Arabic names every group so: "the Hamas movement" is Hamas
        ("hamas", "قالت حركة حماس إن المفاوضات ستستأنف", False),
    ],
)
def test_a_name_after_an_arabic_group_word_is_another_groups_for_no_group(
    matcher: Matcher, topic: str, text: str, other: bool
) -> None:
    topics = {
        "khalid": Topic(
            "khalid",
            "Khalid ibn al-Walid",
            "The 7th-century Arab commander of the early Muslim conquests: his life and battles.",
            ("Khalid ibn al-Walid",),
        ),
        "hamas": Topic(
            "hamas", "Hamas", "The Palestinian Islamist group that governs Gaza.", ("Hamas",)
        ),
    }
    m = Matcher(matcher.embedder, [topics[topic]], THRESHOLD)
    f = m.features("", text, m.embed([("", text)])[0])
    assert (f.values["alias"][0], f.values["other_name"][0]) == ((0, 1) if other else (1, 0))


# d2-085 of the dev set opens as an encyclopaedia does, saying what its name is.
_MOZAMBICAN_SHABAAB = (
    "Al-Shabaab (الشباب), also known as Ansar al-Sunna or Ahlu Sunna Wal Jammah, is an Islamist "
    "militant group active in Cabo Delgado Province, Mozambique. Since October 2017, al-Shabaab "
    "has waged an insurgency in the region."
)


@pytest.mark.parametrize(
    ("title", "text", "namesake"),
    [
        # Under a headline that names no country (as a page's address, or the bare name, the
        # bracketed country gone), the opening sentence says the name is another country's
        # thing: scored 0.95 for the Somali group, 0.04 under "Al-Shabaab (Mozambique)".
        ("al-shabaab-(mozambique)-(wikipedia)", _MOZAMBICAN_SHABAAB, True),
        ("Al-Shabaab", _MOZAMBICAN_SHABAAB, True),
        ("Islamist insurgency", "The " + _MOZAMBICAN_SHABAAB.replace(" (الشباب)", ""), True),
        # The topic's own country in that sentence, or none at all: the topic's.
        (
            "Al-Shabaab",
            "Al-Shabaab is a jihadist group based in Somalia that controls much of the south.",
            False,
        ),
        ("Al-Shabaab", "Al-Shabaab is a growing threat to Kenya's coast, officials said.", False),
        ("Al-Shabaab", "Al-Shabaab is an Islamist militant group founded in 2006.", False),
        # Only the text's opening sentence, and only one that says what the name is.
        (
            "Insurgency",
            "Officials in Somalia said al-Shabaab is a threat. Mozambique's army fought in Cabo "
            "Delgado.",
            False,
        ),
        ("Insurgency", "Al-Shabaab attacked a village in Mozambique, Somali police said.", False),
    ],
)
def test_a_name_an_opening_says_is_another_countrys_thing_is_a_namesakes(
    matcher: Matcher, title: str, text: str, namesake: bool
) -> None:
    # An encyclopaedia's opening that says what its name is, a thing of a country none of the
    # topic's, writes the namesake's name throughout (other_name), as the country in brackets
    # after the name does.
    about = "The al-Qaeda-affiliated Somali jihadist group and its attacks in Somalia and Kenya."
    shabaab = Topic("shabaab", "al-Shabaab", about, ("al-Shabaab", "al-Shabab"))
    m = Matcher(matcher.embedder, [shabaab], THRESHOLD)
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert (f.values["alias"][0], f.values["other_name"][0]) == ((0, 1) if namesake else (1, 0))


@pytest.mark.parametrize(
    ("title", "text", "namesake"),
    [
        # d2-083 and d2-026 of the dev set: Mozambique's insurgents, a local nickname, scored
        # 0.85 and 0.96 for the Somali group on its name.
        (
            "Mozambique president visits region beset by Islamists",
            "The militants - known locally as al-Shabab, or the youth - have an Islamist agenda.",
            True,
        ),
        # The place is the headline's, where it names one: the lead goes on to name the
        # Somali group the nickname is borrowed from.
        (
            "Who is the new militant group threatening Mozambique?",
            "The group is also locally referred to as Al Shabab (The Youth), even though it "
            "has no connections with the Somali movement of the same name.",
            True,
        ),
        # ... in a page's address for a headline too
        (
            "who-is-the-new-militant-group-threatening-mozambique",
            "The group is also locally referred to as Al Shabab (The Youth), even though it "
            "has no connections with the Somali movement of the same name.",
            True,
        ),
        # where the headline names no country, the lead's
        (
            "Insurgents raid port town",
            "Fighters known locally as 'al-Shabab' raided Mocimboa da Praia in Mozambique.",
            True,
        ),
        # A nickname at the topic's own place is the topic's, and so is one in a text that
        # names no place; one name, one sense: the headline's name is the nickname's too.
        (
            "Kenya: a bus attacked near the border",
            "The gunmen, known locally as al-Shabaab, stopped the bus near Mandera.",
            False,
        ),
        ("Insurgents raid port town", "Fighters known locally as al-Shabab raided it.", False),
        (
            "Al-Shabaab attacks port in Mozambique",
            "Fighters known locally as al-Shabab raided Mocimboa da Praia.",
            True,
        ),
        # "locally" of something else than the name
        (
            "Mozambique: al-Shabab claims attack",
            "The attack was locally organised, the Somali group al-Shabab said.",
            False,
        ),
    ],
)
def test_a_name_given_as_a_local_one_is_the_places_namesake(
    matcher: Matcher, title: str, text: str, namesake: bool
) -> None:
    # A name the text gives as what a thing is called locally ("known locally as", "locally
    # referred to as") is qualified by the story's place: the countries its headline names,
    # or where it names none, its lead. A place none of the topic's makes the name a
    # namesake's (other_name), as "Al-Shabaab (Mozambique)" does.
    about = "The al-Qaeda-affiliated Somali jihadist group and its attacks in Somalia and Kenya."
    shabaab = Topic("shabaab", "al-Shabaab", about, ("al-Shabaab", "al-Shabab"))
    m = Matcher(matcher.embedder, [shabaab], THRESHOLD)
    f = m.features(title, text, m.embed([(title, text)])[0])
    read = (f.values["alias"][0], f.values["other_name"][0])
    assert read == ((0, 1) if namesake else (1, 0))
    # the evidence quotes the name with what made it a namesake's
    assert not namesake or "locally" in f.other[0][-1]


@pytest.mark.parametrize(
    ("about", "local"),
    [
        ("The insurgency in Mozambique, by the group known locally as al-Shabab.", {"al-Shabab"}),
        ("The dam on the Dnipro, locally known as Kakhovka HPP, and its breach.", {"Kakhovka HPP"}),
        ("The Russian mercenary company. Also known as PMC Wagner or Africa Corps.", set()),
        ("The Russian mercenary company.", set()),
    ],
)
def test_a_description_tells_a_local_name(about: str, local: set[str]) -> None:
    from monitor.match.matcher import local_names

    assert local_names(Topic("t", "Topic", about, ())) == local


@pytest.mark.parametrize(
    ("title", "text", "absent"),
    [
        # a story of another country's war, which names no Somalia: scored 0.65 for it
        (
            "50 Houthis killed in new battle for Marib city",
            "Fighting around Marib killed 50 Houthi fighters, Yemeni government officials said.",
            True,
        ),
        # the country by its name, its people, its capital, a town of it, or as the text's
        # language names it
        ("Attack on hotel", "Al-Shabaab fighters stormed a hotel in Somalia.", False),
        ("Attack on hotel", "Somali forces ended the siege of the hotel.", False),
        ("Attack on hotel", "Fighters stormed a hotel in Mogadishu.", False),
        ("Attack on base", "Fighters attacked a base near Afgooye.", False),
        (
            "Attentat à Mogadiscio",
            "Au moins dix-neuf civils ont été tués dans un attentat à Mogadiscio, selon la police.",
            False,
        ),
    ],
)
def test_a_topic_named_for_a_countrys_field_is_absent_where_the_country_is(
    matcher: Matcher, title: str, text: str, absent: bool
) -> None:
    # A topic named for a field in a country and by no distinctive word ("Security in
    # Somalia") leaves its name out of a text that names that country nowhere (name_absent),
    # as one named by a distinctive word does of a text that never writes it.
    topic = Topic(
        "security",
        "Security in Somalia",
        "The war against the al-Shabaab insurgency: attacks, military operations and airstrikes.",
        (),
    )
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert bool(f.absent[0]) is absent
    assert bool(f.values["name_absent"][0] > 0) is absent


@pytest.mark.parametrize(
    ("name", "countries", "continents"),
    [
        ("Security in Somalia", {"SO"}, set()),
        ("Somali piracy", {"SO"}, set()),  # a people's country, where it names no place
        ("Israeli strikes on Iran", {"IR"}, set()),  # else the place, not the people
        ("Floods in South Africa", {"ZA"}, set()),  # a country of a continent's words
        ("Drought in the Horn of Africa", None, {"Africa"}),
        ("Russian mercenaries in Africa", None, {"Africa"}),
    ],
)
def test_the_scope_of_a_name_is_the_place_it_names(
    name: str, countries: set[str] | None, continents: set[str]
) -> None:
    codes, named = scope_of(name)
    assert named == continents
    if countries is not None:
        assert codes == countries
    else:  # a continent's: every country on it
        assert {"KE", "ML", "ZA", "EG"} <= codes and not {"RU", "UA", "FR"} & codes


_MERCENARIES = (
    "Russian mercenaries in Africa",
    "Russian private military companies in Africa: their deployments and abuses.",
    ("Africa Corps",),
)
_STRIKES = ("Israeli strikes on Iran", "Israel's air strikes on Iranian territory.", ())


@pytest.mark.parametrize(
    ("topic", "title", "text", "absent"),
    [
        # a story of another continent's war, which names none of Africa's countries
        (
            _MERCENARIES,
            "Wagner fighters shell Bakhmut",
            "Russian mercenaries shelled Bakhmut in Ukraine.",
            True,
        ),
        (
            _MERCENARIES,
            "Mercenaries in Syria",
            "Russian contractors guard oil fields near Palmyra.",
            True,
        ),
        # one of Africa's countries, a town of one, or the continent by its name or a region's
        (
            _MERCENARIES,
            "Killings in the Central African Republic",
            "Russian mercenaries were accused of killing civilians near Bambari.",
            False,
        ),
        (_MERCENARIES, "Mercenaries in Mali", "Russian instructors arrived in Bamako.", False),
        (
            _MERCENARIES,
            "Russia's new army",
            "Moscow is sending more mercenaries to the Sahel.",
            False,
        ),
        (
            _MERCENARIES,
            "Russia's reach",
            "Russian mercenaries are spreading across Africa.",
            False,
        ),
        # the alias, a name: the topic's wherever the story is
        (_MERCENARIES, "Africa Corps recruits", "The Africa Corps is recruiting in Moscow.", False),
        # the country it names by its name, not the people whose strikes it is
        (
            _STRIKES,
            "Strikes on Gaza",
            "Israeli strikes killed dozens in the Gaza Strip on Tuesday.",
            True,
        ),
        (_STRIKES, "Strikes overnight", "Israel struck Iranian air defences overnight.", False),
    ],
)
def test_a_topic_named_for_a_field_of_a_place_is_absent_where_that_place_is(
    matcher: Matcher, topic: tuple[str, str, tuple[str, ...]], title: str, text: str, absent: bool
) -> None:
    # A name of no distinctive word that places its field in a country or on a continent
    # ("... in Africa", "... on Iran") scopes the topic to that country or that continent's
    # countries, as "Security in Somalia" to Somalia: not to the people whose field it is
    # (Russian mercenaries, Israeli strikes); and a word that makes a group's name of any
    # other ("Corps" of the alias "Africa Corps") is no name word a story must write.
    name, about, aliases = topic
    m = Matcher(matcher.embedder, [Topic("t", name, about, aliases)], THRESHOLD)
    assert not m.has_names[0]
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert bool(f.absent[0]) is absent


@pytest.mark.parametrize(
    ("topic", "title", "text", "place"),
    [
        # The Somali group's stories for a watchlist of the Mozambican insurgents, whose
        # description gives "al-Shabab" as their local name: scored 0.89-0.99 on that name.
        (
            "cabo",
            "US airstrikes in Somalia kill three al-Shabab militants",
            "The strikes near Jilib killed three fighters of the al-Qaeda-linked group.",
            "Somalia and United States",
        ),
        ("cabo", "Al-Shabaab attack on Mogadishu hotel ends", "Dozens were killed.", "Somalia"),
        # ... by a people's adjective in the headline, a country's name in the lead
        (
            "cabo",
            "Shebab militants target Kenyan police",
            "The attack in Kenya killed four officers, al-Shabaab said.",
            "Kenya",
        ),
        # ... in a language that writes a place's name with a capital, as it names the place
        (
            "cabo",
            "Somalie : dix-neuf civils tués dans une attaque shebab à Mogadiscio",
            "Les shebabs ont revendiqué l'attentat contre deux restaurants.",
            "Somalia",
        ),
        (
            "cabo",
            "Somalia: militantes de al-Shabab atacan una base",
            "Los militantes atacaron una base del ejército cerca de Mogadiscio.",
            "Somalia",
        ),
        # A story of the topic's country, or of one next to it, or of none named, is the
        # topic's; so is one that names the topic's country anywhere, or one of its cities.
        ("cabo", "Insurgents raid port", "Al-Shabab fighters attacked Mocimboa da Praia.", None),
        (
            "cabo",
            "Tanzanie : des insurgés attaquent un village frontalier",
            "Des combattants d'al-Shabab ont traversé la Ruvuma, selon la police.",
            None,
        ),
        (
            "cabo",
            "Somalie et Mozambique : deux guerres",
            "Les shebabs du Mozambique n'ont aucun lien avec ceux de Somalie.",
            None,
        ),
        ("cabo", "Tanzania on alert", "Al-Shabab fighters crossed the Ruvuma river.", None),
        (
            "cabo",
            "Somalia: a lesson for Maputo",
            "Al-Shabab in Mozambique learned from the Somali group.",
            None,
        ),
        (
            "cabo",
            "Kenya sends advisers",
            "Kenyan officers will train troops fighting al-Shabab around Pemba.",
            None,
        ),
        # a people's adjective names no story's place: "Russian missiles" fall on Ukraine
        (
            "shabaab",
            "Al-Shabaab (proscribed in the UK in 2010) attacks base",
            "The fighters attacked a base near Afgooye.",
            None,
        ),
        # A person goes where they go: a person's name is no place's.
        ("person", "Prigozhin in Mali", "Yevgeny Prigozhin was seen in Bamako.", None),
        # Nor is an event's whose description opens without placing it (several countries'
        # investigations, a story of another's part in it).
        (
            "nord",
            "US blew up Nord Stream, journalist claims",
            "US Navy divers planted the explosives on Nord Stream, he wrote.",
            None,
        ),
        # Only a name the description gives as a local one: a name of the topic's own is the
        # topic's in a story of any country (a shipping line's, Denmark's)
        (
            "houthi",
            "Maersk pauses Red Sea transits after Houthi attack",
            "Danish shipping giant Maersk said in Copenhagen that it would pause transits after "
            "Houthis attacked one of its container ships.",
            None,
        ),
    ],
)
def test_a_local_name_in_a_story_of_a_far_country_is_a_namesakes(
    matcher: Matcher, topic: str, title: str, text: str, place: str | None
) -> None:
    # A name the description gives as the topic's local one ("known locally as al-Shabab"), of
    # a place, a group or an event its name or description's opening clause places, in a
    # story whose headline (or else lead) names countries by name, none of them the topic's or
    # next to one, in a text that names none of the topic's anywhere, is a namesake's
    # (other_name), as "known locally as" in a story of another country makes it; the
    # evidence says where the story is.
    topics = {
        "cabo": Topic(
            "cabo",
            "Cabo Delgado insurgency",
            "The Islamist insurgency in Mozambique's Cabo Delgado province, waged by the group "
            "known locally as al-Shabab.",
            ("Cabo Delgado insurgency", "al-Shabab"),
        ),
        "shabaab": Topic(
            "shabaab",
            "al-Shabaab",
            "The al-Qaeda-affiliated Somali jihadist group and its attacks in Somalia and Kenya.",
            ("al-Shabaab",),
        ),
        "person": Topic(
            "person",
            "Yevgeny Prigozhin",
            "The Russian founder of the Wagner Group, his mutiny and his death.",
            ("Yevgeny Prigozhin",),
        ),
        "houthi": Topic(
            "houthi",
            "Houthi attacks on Red Sea shipping",
            "Attacks by Yemen's Houthis on ships in the Red Sea and the Gulf of Aden.",
            ("Houthis",),
        ),
        "nord": Topic(
            "nord",
            "Nord Stream sabotage",
            "The explosions that damaged the Nord Stream pipelines under the Baltic Sea, and the "
            "German, Swedish and Danish investigations.",
            ("Nord Stream",),
        ),
    }
    m = Matcher(matcher.embedder, [topics[topic]], THRESHOLD)
    f = m.features(title, text, m.embed([(title, text)])[0])
    read = (f.values["alias"][0], f.values["other_name"][0])
    assert read == ((1, 0) if place is None else (0, 1))
    assert place is None or f.other[0][0].endswith(f"(a story of {place})")


@pytest.mark.parametrize(
    ("title", "text", "language", "namesake"),
    [
        # Mozambique's own press, and the French and Spanish: the place named as the text's
        # language writes it ("Moçambique"), the nickname given as that language gives one.
        (
            "Cabo Delgado: insurgentes atacam Mocímboa da Praia",
            "Os insurgentes islâmicos conhecidos localmente como al-Shabab atacaram a vila de "
            "Mocímboa da Praia, na província de Cabo Delgado, no norte de Moçambique.",
            "pt",
            True,
        ),
        (
            "Mozambique : les insurgés attaquent Mocímboa da Praia",
            "Les insurgés islamistes connus localement sous le nom d'Al-Shabab ont attaqué la "
            "ville de Mocímboa da Praia, dans la province de Cabo Delgado.",
            "fr",
            True,
        ),
        (
            "Mozambique: los insurgentes atacan Mocímboa da Praia",
            "Los insurgentes islamistas, conocidos localmente como Al Shabab, atacaron la "
            "ciudad de Mocímboa da Praia, en la provincia de Cabo Delgado.",
            "es",
            True,
        ),
        (
            "Mosambik: Islamisten greifen Mocímboa da Praia an",
            "Die Islamisten, die vor Ort als al-Shabab bekannt sind, griffen die Stadt "
            "Mocímboa da Praia in der Provinz Cabo Delgado im Norden von Mosambik an.",
            "de",
            True,
        ),
        # At the topic's own place, as that language names it ("Somalie"), the nickname is
        # the topic's.
        (
            "Somalie : nouvel attentat à Mogadiscio",
            "Les insurgés connus localement sous le nom d'al-Shabab ont revendiqué "
            "l'attentat à la voiture piégée qui a fait dix morts samedi dans la capitale.",
            "fr",
            False,
        ),
        # A name no such words give: the topic's wherever the story is.
        (
            "Moçambique: ataque em Cabo Delgado",
            "O grupo al-Shabab reivindicou o ataque na província de Cabo Delgado.",
            "pt",
            False,
        ),
    ],
)
def test_a_name_given_as_a_local_one_in_another_language_is_the_places_namesake(
    matcher: Matcher, title: str, text: str, language: str, namesake: bool
) -> None:
    # As in English ("known locally as" in a story of Mozambique), in the languages of
    # Latin script whose press reports such places, the multilingual model's (whose score
    # then counts the name written in another sense, ``other_name``, as the English one's
    # does); English place names alone missed "Moçambique" and "Somalie".
    about = "The al-Qaeda-affiliated Somali jihadist group and its attacks in Somalia and Kenya."
    shabaab = Topic("shabaab", "al-Shabaab", about, ("al-Shabaab", "al-Shabab"))
    m = Matcher(matcher.embedder, [shabaab], THRESHOLD)
    vectors = m.embed([(title, text)])[0]
    assert vectors.language == language
    f = m.features(title, text, vectors)
    assert (f.values["alias"][0], f.values["other_name"][0]) == ((0, 1) if namesake else (1, 0))
    assert not namesake or "al" in f.other[0][-1].lower()


@pytest.mark.parametrize(
    ("name", "language", "codes"),
    [
        ("Moçambique", "pt", ("MZ",)),
        ("Somalie", "fr", ("SO",)),
        ("Mogadiscio", "it", ("SO",)),
        ("Mosambik", "de", ("MZ",)),
        # English names are ``countries_named``'s; a word no language of the list writes so
        ("Moçambique", "en", ()),
        ("Moçambique", None, ()),
        ("Casa", "pt", ()),
    ],
)
def test_a_country_or_main_city_as_a_language_writes_it(
    name: str, language: str | None, codes: tuple[str, ...]
) -> None:
    from monitor.match.exonyms import local_country_codes

    assert local_country_codes(name, language) == codes


@pytest.mark.parametrize(
    ("name", "about", "aliases", "read"),
    [
        # the capitals the description writes, past a plural's s and in other spellings
        ("kakhovka dam", "The dam at Nova Kakhovka in Ukraine.", (), "Kakhovka dam"),
        ("al-shabab", "The Somali group Harakat al-Shabaab.", (), "al-Shabab"),
        ("houthi attacks", "Attacks by Yemen's Houthis in the Red Sea.", (), "Houthi attacks"),
        # or a name or alias of the topic, not the first word of one in sentence case
        ("kakhovka reservoir", "The dam.", ("Kakhovka Dam",), "Kakhovka reservoir"),
        ("landmine", "Civilians maimed.", ("Landmine casualties",), "landmine"),
        # a name written with any capital is the user's
        ("Houthi attacks on shipping", "Attacks by Yemen's Houthis.", (), None),
        # a group's name of the model's words, ending in a body of people's word, is a name
        # as typed in lower case; so its words are wherever the topic writes them
        ("wagner group", "The company.", ("wagner group",), "Wagner Group"),
        ("pmc wagner", "The company.", ("wagner group",), "pmc Wagner"),
        (
            "rapid support forces",
            "Sudan's paramilitary.",
            ("rapid support forces",),
            "Rapid Support Forces",
        ),
        ("rsf", "Sudan's paramilitary.", ("rapid support forces", "rsf"), None),
        # not a theme's
        ("bird flu", "Outbreaks in poultry.", ("bird flu",), None),
        ("islamic state", "The jihadist group.", ("islamic state",), None),
        # a sea's name of everyday words, its kind's word beside, typed in lower case
        (
            "houthi attacks on red sea shipping",
            "attacks on ships.",
            ("houthi attacks on red sea shipping",),
            "houthi attacks on Red Sea shipping",
        ),
        ("gulf of aden", "shipping in the gulf of aden.", (), "Gulf of Aden"),
        ("the sea", "shipping at sea.", ("the sea",), None),
        # a city's name of two words in a description typed in lower case
        ("nova kakhovka dam", "the dam at nova kakhovka.", (), "Nova Kakhovka dam"),
    ],
)
def test_a_name_in_lower_case_takes_the_capitals_the_topic_writes(
    name: str, about: str, aliases: tuple[str, ...], read: str | None
) -> None:
    topic = Topic("t", "Topic", about, aliases)
    assert cased(name, capitals_written(topic)) == (read or name)


def test_a_groups_name_typed_in_lower_case_is_a_name_a_text_may_leave_out(
    matcher: Matcher,
) -> None:
    """A group's name typed in lower case, its description too ("wagner group"), had no name
    word (every word the model's, none capitalised anywhere): no text left it out, and a
    story of the Russian army on the Kherson front scored 0.61 for the group (set B's
    watchlist in lower case). Read as
    "Wagner Group", the story leaves the name out as it does the topic typed with capitals;
    a story writing "Wagner" does not."""
    about = "The Russian private military company founded by Yevgeny Prigozhin and its wars."
    typed = Topic("w", "wagner group", about.lower(), ("pmc wagner", "wagner mercenaries"))
    written = Topic("w", "Wagner Group", about, ("PMC Wagner", "Wagner mercenaries"))
    front = (
        "Russian troops dig in on the Kherson front",
        "Russian soldiers dug new trenches on the left bank of the Dnipro near Kherson, "
        "Ukrainian officials said, and the army moved artillery closer to the river.",
    )
    named = ("Wagner fighters leave Mali", "Wagner's fighters left Mali after two years.")
    for topic in (typed, written):
        m = Matcher(matcher.embedder, [topic], THRESHOLD)
        assert m.has_names[0]
        absent = [
            m.features(t, x, m.embed([(t, x)])[0]).values["name_absent"][0]
            for t, x in (front, named)
        ]
        # (a short text's absence counts in part: BRIEF_CHARS)
        assert absent[0] > 0 and absent[1] == 0


def test_a_description_typed_in_lower_case_capitalises_the_words_only_a_name_writes(
    embedder: Any,
) -> None:
    from monitor.match.matcher import as_read

    about = "the government offensive that retook daraa and quneitra provinces from rebels."
    topic = Topic("t", "2018 Southern Syria offensive", about, ())
    read = as_read(topic, capitals_written(topic, embedder.vocab)).about
    assert read == "The government offensive that retook Daraa and Quneitra provinces from rebels."


def test_a_description_typed_in_lower_case_gives_the_other_name_it_brackets(
    embedder: Any,
) -> None:
    """Typed with capitals, "Yemen's Houthis (Ansar Allah)" gives the topic the alias "Ansar
    Allah" (``description_aliases``), which an Arabic story writing only "أنصار الله" needs
    (set B's d2-031: 0.95, and 0.29 with the description typed in lower case). In lower case
    the brackets' name is read so where a word of it is only a name's ("ansar"); not a gloss
    of everyday words."""
    from monitor.match.matcher import as_read

    name = "Houthi attacks on Red Sea shipping"
    for about, alias in (
        ("attacks by yemen's houthis (ansar allah) on ships in the red sea.", "Ansar Allah"),
        ("attacks by yemen's houthis (the rebels) on ships in the red sea.", None),
    ):
        topic = Topic("t", name, about, ())
        read = as_read(topic, capitals_written(topic, embedder.vocab))
        assert read.aliases[1:] == ((alias,) if alias else ())
    # (and the sea's name is one: "Red Sea", a name of the description, as typed with capitals)
    assert read.about == "Attacks by Yemen's Houthis (the rebels) on ships in the Red Sea."


@pytest.mark.parametrize(
    ("name", "read"),
    [
        # the words the model does not know and English seldom writes: only a name's
        # and so a name, its other words that are no everyday word ("khalid", a word of the
        # model's), so the name reads as one, not as two ("Jaish", "al-Waleed")
        ("jaish khalid bin al-waleed", "Jaish Khalid bin al-Waleed"),
        # ... and a group's name, which ends in a body of people's word, has each of its
        # words but a particle for a name's (``groups_name``), as the dev watchlist writes it
        ("khalid ibn al-walid army", "Khalid ibn al-Walid Army"),
        # (a sea's name of everyday words is one too: ``seas_named``)
        ("houthi attacks on the red sea", "Houthi attacks on the Red Sea"),
        ("kakhovka hpp", "Kakhovka hpp"),
        ("kakhovka dam", "Kakhovka Dam"),
        ("harakat al-shabaab al-mujahideen", "Harakat al-Shabaab al-Mujahideen"),
        # not a word of the model's ("khalid", "wagner", "camp"), nor an acronym so typed,
        # which aliases meet as it is
        ("pmc wagner", "pmc wagner"),
        ("jkbw", "jkbw"),
    ],
)
def test_a_name_typed_in_lower_case_capitalises_the_words_only_a_name_writes(
    embedder: Any, name: str, read: str
) -> None:
    from monitor.match.matcher import as_typed

    vocab = embedder.vocab
    topic = Topic("t", name, "A militant group in a civil war.", ())
    assert as_typed(name, capitals_written(topic, vocab), topic) == read


@pytest.mark.parametrize(
    ("about", "read"),
    [
        ("News about the Somali group.", "The Somali group."),
        ("Track coverage of the dam and its fall.", "The dam and its fall."),
        ("This topic covers attacks by the Houthis.", "Attacks by the Houthis."),
        ("Anything about the Wagner Group in Mali.", "The Wagner Group in Mali."),
        ("Monitoring reports on the war.", "The war."),
        # a verb alone, or news as the topic, is what the topic is
        ("Following the dam's collapse, floods.", "Following the dam's collapse, floods."),
        ("Monitor lizards in Indonesia.", "Monitor lizards in Indonesia."),
        ("News agencies in Syria.", "News agencies in Syria."),
    ],
)
def test_a_description_opening_with_what_to_watch_is_read_as_what_the_topic_is(
    about: str, read: str
) -> None:
    from monitor.match.matcher import as_read

    assert as_read(Topic("t", "T", about, ())).about == read


@pytest.mark.parametrize(
    ("name", "aliases", "about", "read"),
    [
        ("al-Shabaab", (), "Al-Shabaab is an al-Qaeda affiliate.", "An al-Qaeda affiliate."),
        (
            "Wagner Group",
            (),
            "The Wagner Group (PMC Wagner) was a Russian mercenary company.",
            "A Russian mercenary company.",
        ),
        (
            "JKBW",
            ("Jaish Khalid bin al-Waleed",),
            "Jaish Khalid bin al-Waleed: an IS group.",
            "An IS group.",
        ),
        # the name as a word of the subject, or the description no more than the name, stays
        ("Hamas", (), "Hamas-run Gaza and its wars.", "Hamas-run Gaza and its wars."),
        ("Houthis", (), "Houthis attack ships.", "Houthis attack ships."),
        ("Yarmouk Valley", (), "Yarmouk Valley is", "Yarmouk Valley is"),
    ],
)
def test_a_description_opening_with_the_topics_name_is_read_without_it(
    embedder: Any, name: str, aliases: tuple[str, ...], about: str, read: str
) -> None:
    # The description is what the topic is, apart from a name other things share: opened
    # with the name ("Al-Shabaab is ..."), the football clubs named Shabab came near it.
    from monitor.match.matcher import as_read

    assert as_read(Topic("t", name, about, aliases)).about == read
    title = "Al-Shabab FC wins the Saudi league"
    text = "The football club Al-Shabab beat Al-Hilal in Riyadh to win the league title. " * 4
    if name == "al-Shabaab":
        scores = []
        for written in (about, read):
            m = Matcher(embedder, [Topic("t", name, written, aliases)], THRESHOLD)
            scores.append(m.score(title, text, m.embed([(title, text)])[0], "a")[0].score)
        assert scores[0] == scores[1]


@pytest.mark.parametrize(
    ("name", "about", "read"),
    [
        # a capital on each word but an everyday word, a particle or one the topic writes in
        # lower case, unless the topic writes it with one ("Red Sea")
        (
            "HOUTHI ATTACKS ON RED SEA SHIPPING",
            "Attacks by Yemen's Houthis on ships in the Red Sea.",
            "Houthi attacks on Red Sea shipping",
        ),
        ("WAGNER GROUP", "The Russian private military company.", "Wagner group"),
        ("JAISH KHALID BIN AL-WALEED", "A militant group.", "Jaish Khalid bin al-Waleed"),
        ("YARMOUK REFUGEE CAMP", "The refugee camp in Damascus.", "Yarmouk refugee camp"),
        # an acronym, or several, is as typed
        ("ISIS", "The Islamic State.", "ISIS"),
        ("PMC RSF", "Sudan's Rapid Support Forces.", "PMC RSF"),
    ],
)
def test_a_name_typed_in_capitals_is_read_as_a_name_is_written(
    name: str, about: str, read: str
) -> None:
    from monitor.match.matcher import as_read

    assert as_read(Topic("t", name, about, ())).name == read


def test_a_watchlist_typed_in_lower_case_leaves_out_its_names_as_one_with_capitals(
    embedder: Any,
) -> None:
    # Set A's watchlist with its names and aliases in lower case changed 12 of its 112
    # decisions (Jaish Khalid bin al-Waleed's precision 0.69 -> 0.45): typed so, with no
    # capital elsewhere to case them by, its names were common words, and a story of the
    # Islamic State in Damascus that never writes them did not leave them out.
    about = "Islamic State-affiliated militant group that held the Yarmouk basin in Syria."
    title = "IS fighters leave south Damascus"
    text = "Buses of IS fighters left the enclave in the south of the Syrian capital. " * 15
    read = []
    for name, aliases in (
        ("Jaish Khalid bin al-Waleed", ("Khalid ibn al-Walid Army", "JKBW")),
        ("jaish khalid bin al-waleed", ("khalid ibn al-walid army", "jkbw")),
    ):
        m = Matcher(embedder, [Topic("jkbw", name, about, aliases)], THRESHOLD)
        f = m.features(title, text, m.embed([(title, text)])[0])
        read.append(f.values["name_absent"][0])
    assert read == [1.0, 1.0]


def test_a_name_word_inside_another_watched_topics_name_is_that_topics(
    matcher: Matcher,
) -> None:
    # d015 of the dev set, a story of the Yarmouk refugee camp that also writes "Yarmouk"
    # alone ("trapped inside Yarmouk"), scored 0.51 for the Yarmouk Valley: the bare word
    # counted as the valley's name written. One name, one sense: where the text writes the
    # word inside another watched topic's name, it is that topic's throughout.
    about = "The Yarmouk River basin in Daraa province, Syria, bordering Jordan."
    valley = Topic("valley", "Yarmouk Valley", about, ("Yarmouk Basin",))
    about = "The Palestinian refugee camp in southern Damascus."
    camp = Topic("camp", "Yarmouk refugee camp", about, ("Yarmouk camp",))
    about = "Attacks by Yemen's Houthis on ships in the Red Sea."
    red_sea = Topic("red_sea", "Houthi attacks on Red Sea shipping", about, ())
    houthis = Topic("houthis", "Houthis", "The Yemeni rebel movement Ansar Allah.", ())
    m = Matcher(matcher.embedder, [valley, camp, red_sea, houthis], THRESHOLD)

    def read(title: str, text: str) -> tuple[list[float], list[float], dict[int, list[str]]]:
        f = m.features(title, text, m.embed([(title, text)])[0])
        return list(f.values["alias"]), list(f.values["other_name"]), f.other

    title = "One month under ISIS in Yarmouk"
    text = (
        "Fighters overran the Yarmouk refugee camp in April. 18,000 people are still trapped "
        "inside Yarmouk without food."
    )
    alias, other, written = read(title, text)
    assert (alias[:2], other[:2]) == ([0, 1], [1, 0])
    assert written[0] == ["Yarmouk refugee camp"]
    # and the other way round
    title, text = "Army retakes the Yarmouk Basin", "The army took the last villages of Yarmouk."
    assert read(title, text)[:2] == ([1, 0, 0, 0], [0, 1, 0, 0])
    # A text writing both names names both.
    text = "Families fled the Yarmouk Basin for the Yarmouk camp in Damascus."
    assert read("Families flee", text)[:2] == ([1, 1, 0, 0], [0, 0, 0, 0])
    # A topic's name that is a part of another's names that other thing, not another one:
    # the Houthis' name in a story that writes no "Red Sea" leaves the topic of their attacks
    # on shipping as it was (its name only partly written: names_unwritten).
    text = "Houthis fired two missiles at a tanker off Hodeidah, the ship's operator said."
    alias, other, written = read("Tanker attacked off Yemen", text)
    assert alias[3] == 1 and other[2] == 0 and 2 not in written


def test_a_description_name_inside_another_watched_topics_name_is_that_topics(
    matcher: Matcher,
) -> None:
    # d014-d016 of the dev set, stories of the Islamic State in the Yarmouk refugee camp,
    # counted "Yarmouk" among the names of the group's description ("held the Yarmouk basin"),
    # which made them a little more the group's. One name, one sense, as for name words: a
    # word the text writes inside another watched topic's name is that topic's throughout,
    # unless the description writes that topic's name itself (the valley's "Yarmouk Basin").
    about = "Islamic State-affiliated group that held the Yarmouk basin in Syria."
    group = Topic("jkbw", "Jaish Khalid bin al-Waleed", about, ("JKBW",))
    valley = Topic(
        "valley", "Yarmouk Valley", "The Yarmouk River area in Syria.", ("Yarmouk Basin",)
    )
    camp = Topic("camp", "Yarmouk refugee camp", "The camp in Damascus, Syria.", ("Yarmouk camp",))
    title = "One month under ISIS in Yarmouk"
    text = "Fighters of the Islamic State overran the Yarmouk refugee camp in Syria in April."

    def about_names(*topics: Topic, text: str = text) -> list[str]:
        m = Matcher(matcher.embedder, topics, THRESHOLD)
        f = m.features(title, text, m.embed([(title, text)])[0])
        return sorted(f.about_names.get(0, {}).values())

    assert about_names(group, camp) == ["State", "Syria"]
    # not watched, the camp's name is no other thing's to the matcher
    assert about_names(group) == ["State", "Syria", "Yarmouk"]
    # a watched topic whose name the description writes names the description's thing
    text = "Fighters of the Islamic State held the Yarmouk Basin in Syria until July."
    assert about_names(group, valley, camp, text=text) == ["State", "Syria", "Yarmouk"]


def test_a_watchlist_in_lower_case_reads_its_names_as_names(matcher: Matcher) -> None:
    # Typed in lower case, set A's watchlist lost 9 of its 112 right decisions and set B's 5 of
    # 368: "yarmouk valley" had no distinctive name word, so a text never naming it was not
    # scored lower (name_absent), nor one writing "Yarmouk University" (other_name).
    about = "The Yarmouk River basin in Daraa province, Syria, bordering Jordan."
    typed = Topic("valley", "yarmouk valley", about, ("yarmouk basin",))
    camp = Topic("camp", "yarmouk camp", "The Palestinian refugee camp in Damascus.", ())
    m = Matcher(matcher.embedder, [typed, camp], THRESHOLD)
    title = "Fighting in Daraa"
    text = "Government troops shelled rebel-held towns in Daraa province near Jordan. " * 15
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert list(f.values["name_absent"]) == [1, 1]
    title = "Yarmouk University in Irbid"
    text = "Yarmouk University admitted 4,000 students from across Jordan this year."
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert list(f.values["other_name"]) == [1, 1]


def test_a_common_word_opening_a_topic_name_is_no_name_word(matcher: Matcher) -> None:
    # The model's vocabulary lacks "landmine", and the capital that opens the topic's name read
    # it as a name like Yarmouk: a story of "mines" never naming it scored as one on a
    # namesake's region (name_absent), "the Landmine Monitor" as another thing's name
    # (other_name), and "Landmines in Ukraine" as two names. Its description writes it in
    # lower case.
    about = "Civilians killed or maimed by landmines and unexploded ordnance left by wars."
    mines = Topic("mines", "Landmine casualties", about, ())
    m = Matcher(matcher.embedder, [mines], THRESHOLD)
    title = "Deminers clear 40,000 mines from Kharkiv farmland"
    text = (
        "Teams of deminers have cleared more than 40,000 explosive items from farmland in the "
        "Kharkiv region since the spring, the emergency service said. Farmers have been killed "
        "by anti-tank mines while ploughing fields. "
    ) * 6
    [match] = m.score(title, text, m.embed([(title, text)])[0], "a")
    assert match.evidence["name_absent"] is False
    title = "Mine casualties rose again"
    text = "The Landmine Monitor counted 4,710 people killed or injured by mines last year."
    [match] = m.score(title, text, m.embed([(title, text)])[0], "b")
    assert match.evidence["other_name"] is None
    assert name_parts("Landmines in Ukraine", matcher.embedder.vocab, common_words(mines)) == []
    # A name's own word stays one: "Yarmouk" in lower case nowhere else.
    valley = Topic("valley", "Yarmouk Valley", "The river basin in Syria.", ())
    assert name_parts("Yarmouk Valley in Syria", matcher.embedder.vocab, common_words(valley)) == [
        "Yarmouk Valley",
        "Syria",
    ]


def test_description_names_are_met_by_names_not_common_words(matcher: Matcher) -> None:
    # A skeleton lets common words pass for names: "several" for Israel (srl), "ensure" for
    # Ansar, "times" for ATMIS. A description's name counts when the text writes it as a name.
    golan = Topic(
        "golan",
        "Golan Heights",
        "The plateau occupied by Israel since 1967, the ceasefire line and the UNDOF observers.",
        ("Golan Heights",),
    )
    m = Matcher(matcher.embedder, [golan], THRESHOLD)

    def about(text: str) -> float:
        f = m.features("News", text, m.embed([("News", text)])[0])
        return float(f.values["about_count"][0])

    assert about("Police said several people were hurt and roads were severely damaged.") == 0
    assert about("Israel said several people were hurt.") == pytest.approx(np.log1p(1))
    assert about("قالت إسرائيل إن الهدنة صامدة") == pytest.approx(np.log1p(1))  # no capitals


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Warships escorted tankers through the Red Sea.", ["Red", "Sea"]),
        (
            "Tankers turned back from the Red Sea and the Suez Canal.",
            ["Red", "Sea", "Suez", "Canal"],
        ),
        ("A red sea of flags filled the square.", []),
        ("Red flags flew over the Sea of Azov.", []),
        ("Boats crossed the Dead Sea and the Red River.", []),
    ],
)
def test_a_description_s_name_of_everyday_words_is_met_as_a_name(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """A name of short everyday words alone ("Red Sea", "West Bank"), which the topic's own
    name writes too, is a name of the description all the same, met by its words written as
    a name, beside each other, and counted once; before, no text named it: "EU launches naval
    operation in the Red Sea" for Red Sea shipping wrote none of the description's names."""
    shipping = Topic(
        "shipping",
        "Red Sea shipping",
        "Shipping through the Red Sea and the Suez Canal: attacks on ships and rerouting.",
        (),
    )
    m = Matcher(matcher.embedder, [shipping], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == sorted(seen)
    names = {"Red": "Red Sea", "Sea": "Red Sea"}
    count = len({names.get(word, word) for word in seen})
    assert float(f.values["about_count"][0]) == pytest.approx(np.log1p(count))
    # a name or an alias that is the name alone finds it as such
    sea = Topic("sea", "Red Sea", "The sea between Africa and Arabia; the Red Sea is warm.", ())
    assert description_names(sea) == {"frk": "africa", "=arabia": "arabia"}


@pytest.mark.parametrize(
    ("about", "names"),
    [
        (
            "Viktor Orbán, Prime Minister of Hungary and leader of Fidesz.",
            ["orban", "hungary", "fidesz"],
        ),
        ("Alexander Lukashenko, President of Belarus since 1994.", ["lukashenko", "belarus"]),
        (
            "Myanmar's former State Counsellor and Nobel Peace laureate.",
            ["myanmar", "nobel", "peace"],
        ),
        # a title before a name is no office alone: the name stays
        ("The kingdom of King Abdullah II of Jordan.", ["king", "abdullah", "ii", "jordan"]),
    ],
)
def test_an_office_is_no_name_of_the_description(about: str, names: list[str]) -> None:
    """The offices a description writes with capitals are no names a text must write (before,
    "Prime" and "Minister" of Viktor Orbán's description counted in a story of the Czech
    election for its "Czech Prime Minister Petr Fiala")."""
    topic = Topic("t", "Zzyzx", about, ())
    assert list(description_names(topic).values()) == names


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        # other names and words that share a name's consonants
        ("The Korean delegation met Samuel Okafor at the Golf club, the Times said.", []),
        ("Fighters of the Nusra Front and Mahmood's men shelled the town.", []),
        ("Status reports from Cameron on the Reservoir Dogs.", []),  # States, Cameroon, Reserve
        # the names, their inflections and derivations, other spellings of them
        ("Officials of Ukrainian ports said the Somali crew was freed.", ["Ukrainian", "Somali"]),
        ("Ukrainian officials said so.", ["Ukrainian"]),  # opening a sentence too
        (
            "Envoys from Cherson met Mohammed Hamdan Dagalo.",
            ["Cherson", "Mohammed", "Hamdan", "Dagalo"],
        ),
        ("Mohammed Hamdan Dagalo met envoys.", ["Mohammed", "Hamdan", "Dagalo"]),
        ("Los enviados de Jersón llegaron al Yemen.", ["Jersón", "Yemen"]),  # Spanish j for kh
        ("Die Huthi im Jemen.", ["Jemen"]),  # j for an opening y
        ("The Houthis, or Ansarullah, fired at ships in the Gulf.", ["Gulf"]),
        # other scripts: Urdu "کرنے" (to do) shares Ukraine's consonants, not its opening vowel
        ("ہمیں یہ کام کرنے دیں", []),
        ("قالت أوكرانيا إن السفينة الصومالية وصلت", ["أوكرانيا", "الصومالية"]),
    ],
)
def test_description_names_are_met_by_their_spellings_not_lookalikes(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """A skeleton lets other names pass for a description's: "Korean" for Ukraine (krn),
    "Samuel" for Somali, "Nusra" for Ansar, "Golf" for Gulf, "Times" for ATMIS; over the dev
    texts and feed items, for the 14 topics of bench/relevance.py, 39 such counts."""
    about = (
        "Its war in Ukraine and Kherson, the Somali coast and ATMIS, Ansar Allah of Yemen in the "
        "Gulf of Aden, Mohamed Hamdan Dagalo, the United States, Cameroon and the Reserve Bank."
    )
    assert description_names_written(matcher, about, text) == sorted(seen)


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Fighting spread across Sudan and into Syrian towns.", ["Sudan", "Syrian"]),
        ("Sudanese and Syrians fled to Ukrainian ports.", ["Sudanese", "Syrians", "Ukrainian"]),
        ("Sudani troops crossed into Ukraine.", ["Sudani", "Ukraine"]),
        # other scripts read the adjective's country as they read a country the text names
        ("قالت السودان إن الجيش السوري انسحب", ["السودان", "السوري"]),
        ("Власти Судана и Сирии заявили.", ["Сирии", "Судана"]),
        # another country, another country's people, a word of the same consonants
        ("Niger closed its border with Chad.", []),
        ("Officials in Surin said so.", []),
    ],
)
def test_a_country_and_its_people_are_one_name(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """A description writes a people's adjective ("the Sudanese paramilitary") where a text
    names the country, or the other way round: both count, as one name. Before, "Sudanese",
    "Syrian", "Russian" met only themselves (a word of the model's vocabulary is read as
    written): over the dev texts and feed items, 60 text x topic pairs now count one name
    more ("Syria" for a description's "Syrian", "Russia" for "Russian")."""
    about = "The Sudanese paramilitary and its war with the army, Syria, Ukraine and Nigerian oil."
    assert description_names_written(matcher, about, text) == sorted(seen)


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Lebanon and France said so.", ["France", "Lebanon"]),
        ("Lebanese and French officials said so.", ["French", "Lebanese"]),
        ("Palestinians fled the camp.", ["Palestinians"]),
        ("Turkish jets struck the border.", ["Turkish"]),
        ("Turkey closed the border.", ["Turkey"]),
        ("Frenchman Jean Dupont said so.", []),
    ],
)
def test_a_people_of_another_name_than_its_country_is_one_name_with_it(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """The adjectives that no ending makes of the country's name (countryinfo's: "French",
    "Lebanese", "Turkish" for CLDR's Türkiye, which English news calls Turkey)."""
    about = "The Lebanese party, French troops, Palestinian camps and Turkey's army."
    assert description_names_written(matcher, about, text) == sorted(seen)


@pytest.mark.parametrize(
    ("about", "text", "seen"),
    [
        ("Strikes by Turkey.", "Türkiye said so.", ["Türkiye"]),
        ("Strikes by Türkiye.", "Turkey said so.", ["Turkey"]),
        ("The Burmese junta.", "Myanmar's junta said so.", ["Myanmar"]),
        ("The junta of Myanmar.", "Burmese troops.", ["Burmese"]),
        # the short names English news writes: Congo, Britain
        ("The Congolese army.", "Fighting in Congo.", ["Congo"]),
        ("Rebels in Congo.", "Congolese troops.", ["Congolese"]),
        ("Strikes by British warships.", "Britain said so.", ["Britain"]),
        ("Sanctions by Britain.", "British officials and Великобритания.", ["British"]),
        # a country's acronym is the country, in capitals: "US" and "American", "UAE" and
        # "Emirati", "DRC" and "Congo"
        ("Raids by US forces.", "American jets struck.", ["American"]),
        ("Raids by American forces.", "U.S. jets struck. The USA said so.", ["U.S."]),
        ("Raids by American forces.", "Us and them: officials told us.", []),
        ("Drones sold by the UAE.", "Emirati drones.", ["Emirati"]),
        ("Rebels in the DRC.", "Fighting in Congo.", ["Congo"]),
        ("Rebels in the DRC.", "The UAE and the US said so.", []),
        # a country the text names in several words is that country, not its words' (before,
        # "United States" met no "US", and "South Sudan" met a description's Sudan)
        ("Raids by US forces.", "The United States said so.", ["United States"]),
        ("American strikes.", "The United States said so.", ["United States"]),
        ("Strikes by British jets.", "The United Kingdom said so.", ["United Kingdom"]),
        ("Raids by US forces.", "A united states of mind.", []),
        ("War in Sudan.", "South Sudan said so.", []),
        ("War in South Sudan.", "Sudan said so.", []),
        ("Sanctions on North Korea.", "South Korea said so.", []),
        ("Mercenaries in Africa.", "South Africa and Africa said so.", ["Africa"]),
        ("Mercenaries in Africa.", "South Africa said so.", []),
        ("Sanctions on North Korea.", "North Korea said so.", ["Korea", "North"]),
    ],
)
def test_a_country_of_two_names_is_met_by_either(
    matcher: Matcher, about: str, text: str, seen: list[str]
) -> None:
    assert description_names_written(matcher, about, text) == seen


@pytest.mark.parametrize(
    ("name", "aliases", "text", "seen"),
    [
        # a short place's name: before, only a longer word counted ("Iranian" for Iran)
        ("Test topic", ("Zzyzx",), "Iran, Iraq and Gaza said so.", ["Gaza", "Iran", "Iraq"]),
        ("Test topic", ("Zzyzx",), "The sea and the red flag.", []),  # short common words
        # a place that only the topic's longer name writes is the description's too...
        ("2023 Turkey-Iran earthquake", ("Zzyzx",), "Quake survivors in Turkey.", ["Turkey"]),
        # ...not one that a name is alone: the alias's to find
        ("Test topic", ("Gaza",), "Gaza and Iran said so.", ["Iran"]),
    ],
)
def test_a_place_the_description_names_counts_however_short(
    matcher: Matcher, name: str, aliases: tuple[str, ...], text: str, seen: list[str]
) -> None:
    about = "The earthquake in Turkey, Iran, Iraq and Gaza, the Red Sea."
    m = Matcher(matcher.embedder, [Topic("t", name, about, aliases)], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == seen


@pytest.mark.parametrize(
    ("name", "about", "text", "seen"),
    [
        # a place only the topic's name writes: a text naming the place is about it too
        ("Haiti gang violence", "Gangs in the capital.", "Police in Haiti said so.", ["Haiti"]),
        ("Haiti gang violence", "Gangs in the capital.", "Haitian police said so.", ["Haitian"]),
        # ...once: a country the description names already, as its people, is not a second
        (
            "2018 Southern Syria offensive",
            "The Russian-backed Syrian government offensive.",
            "Syria said so, and Syrian troops advanced.",
            ["Syria"],
        ),
        # a name of words joined by a short word between hyphens is one name: its everyday
        # words count beside each other only
        (
            "Haiti gang violence",
            "Gang violence in Port-au-Prince.",
            "Gangs in Port-au-Prince; Port Sudan and Prince Harry said so.",
            ["Port", "Prince"],
        ),
        ("Haiti gang violence", "Gang violence in Port-au-Prince.", "Port Sudan said so.", []),
    ],
)
def test_a_place_of_the_topics_name_counts_once(
    matcher: Matcher, name: str, about: str, text: str, seen: list[str]
) -> None:
    m = Matcher(matcher.embedder, [Topic("t", name, about, ("Zzyzx",))], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == seen


@pytest.mark.parametrize(
    ("name", "about", "text"),
    [
        ("Test topic", "Oil in Saudi Arabia.", "Saudi Arabia said so."),
        ("Test topic", "War in South Sudan.", "South Sudan said so."),
        ("US opioid crisis", "Overdose deaths in the United States.", "The United States and US."),
    ],
)
def test_a_country_of_several_words_is_one_name(
    matcher: Matcher, name: str, about: str, text: str
) -> None:
    m = Matcher(matcher.embedder, [Topic("t", name, about, ("Zzyzx",))], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert len(f.about_names[0]) >= 2 and f.values["about_count"][0] == pytest.approx(np.log(2))


@pytest.mark.parametrize(
    ("about", "text"),
    [
        # a given name with its surname, an everyday word with the rest of its name: one name
        # (before, two)
        ("Founded by Yevgeny Prigozhin.", "Yevgeny Prigozhin said so."),
        ("Led by Rafael Grossi.", "Rafael Grossi said so."),
        ("The African Union mission fought the group.", "The African Union said so."),
    ],
)
def test_a_name_of_several_words_counts_once(matcher: Matcher, about: str, text: str) -> None:
    m = Matcher(matcher.embedder, [Topic("t", "Test topic", about, ("Zzyzx",))], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert len(f.about_names[0]) == 2 and f.values["about_count"][0] == pytest.approx(np.log(2))


def test_two_countries_of_the_same_consonants_are_two_names(matcher: Matcher) -> None:
    # Niger and Nigeria share a skeleton (ngr): a description naming both counts each, and a
    # text naming one counts that one only.
    about = "Boko Haram in north-eastern Nigeria, Chad and Niger."
    assert description_names_written(matcher, about, "Niger and Nigeria said so.") == [
        "Niger",
        "Nigeria",
    ]
    assert description_names_written(matcher, about, "Nigerian troops.") == ["Nigerian"]
    about = "Coups in Niger."
    assert description_names_written(matcher, about, "Nigeria and Nigerians said so.") == []


@pytest.mark.parametrize(
    ("about", "names"),
    [
        # a place, a people or an acronym opening the description is one of its names (before,
        # a first word counted only as an acronym: "Somali jihadist group" named nothing)
        ("Somali jihadist group.", ["somali"]),
        ("Yemen's Houthis attacking ships.", ["yemen", "houthis"]),
        ("Russian mercenaries in Mali.", ["russian", "mali"]),
        ("IAEA inspections.", ["iaea"]),
        # any other word whose capital only opens a sentence is none (before, a second
        # sentence's first word was a name: "Coverage", "These")
        ("Attacks on ships. Coverage includes strikes. These are news.", []),
        ("Mercenaries in Mali. This topic covers Libya.", ["mali", "libya"]),
        # a description written over several lines (`about: |`) breaks them anywhere
        (
            "The company founded by\nYevgeny Prigozhin.\nAttacks in Mali.",
            ["yevgeny", "prigozhin", "mali"],
        ),
        # initials do not end a sentence: "Army" after "U.S." is no sentence's first word
        ("Raids by the U.S. Special Forces.", ["us", "special", "forces"]),
        # a country and its people are one name
        ("Sudan's paramilitary and the Sudanese army.", ["sudan"]),
        ("The Sudanese army in Sudan.", ["sudanese"]),
        # a short name is one unless English writes it every day ("Sea", "Red", "Lake"):
        # before, only a country or a main city was, and Goma, Kivu, Doha and Homs were none
        ("Rebels in North Kivu took Goma; talks in Doha.", ["north", "kivu", "goma", "doha"]),
        ("Shelling of Homs and Hama.", ["homs", "hama"]),
        ("Attacks on Lake Chad.", ["chad"]),
        # ... but a name of such words alone is one ("Red Sea", met by its words together)
        ("Attacks in the Red Sea and on Lake Chad.", ["red", "sea", "chad"]),
    ],
)
def test_a_descriptions_names_are_its_names_wherever_they_stand(
    about: str, names: list[str]
) -> None:
    assert list(description_names(Topic("t", "Test topic", about, ())).values()) == names


def test_a_description_opening_with_a_name_the_model_does_not_know_counts_it(
    matcher: Matcher,
) -> None:
    # "A capital that opens a sentence says nothing" left out "Dnipro" of "Dnipro river dam at
    # Nova Kakhovka" and "Prigozhin" of "Prigozhin's mercenaries": a word the model does not
    # know and English seldom writes is a name wherever it stands.
    about = "Dnipro river dam at Nova Kakhovka. Prigozhin's mercenaries held its bank."
    text = "Floods on the Dnipro. Yevgeny Prigozhin said so."
    assert description_names_written(matcher, about, text) == ["Dnipro", "Prigozhin"]
    # A word the model knows is none there, as before: "Coverage", and "Islamic" of a name
    # that opens the description, whose "State" counts beside it.
    about = "Islamic State-affiliated group. Coverage includes Syria."
    text = "The Islamic State lost its Coverage team in Syria."
    assert description_names_written(matcher, about, text) == ["State", "Syria"]


def test_a_description_opening_with_its_people_counts_the_country(matcher: Matcher) -> None:
    assert description_names_written(matcher, "Somali jihadist group.", "Raids in Somalia.") == [
        "Somalia"
    ]


@pytest.mark.parametrize(
    ("title", "text", "seen"),
    [
        ("News", "The FAA and the WHO said so; US officials agreed.", ["FAA", "US", "WHO"]),
        ("News", "Officials told us who had said so.", []),
        ("News", "Who said so? Us, the Faa family.", []),  # no acronyms, capitalised
        ("News", "В США заявили об этом.", ["США"]),  # Russian for US
        ("News", "U.S. officials said so.", ["U.S."]),
        # a title in capitals throughout tells no acronym; its text does
        ("WHO TOLD US", "Nobody did.", []),
        ("WHO TOLD US", "The WHO did.", ["WHO"]),
    ],
)
def test_a_short_acronym_of_the_description_counts_in_capitals(
    matcher: Matcher, title: str, text: str, seen: list[str]
) -> None:
    """A description's acronym of four letters or fewer ("FAA oversight", "WHO emergency
    declarations", "US airstrikes") counts as one of its names where a text writes it in
    capitals (before, no short word counted but a place's name), also as the first word."""
    about = "NATO said so: FAA oversight, WHO emergency declarations and US airstrikes."
    m = Matcher(matcher.embedder, [Topic("t", "Test topic", about, ("Zzyzx",))], THRESHOLD)
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert sorted(f.about_names.get(0, {}).values()) == seen
    text = "NATO allies met."
    f = m.features("News", text, m.embed([("News", text)])[0])
    assert list(f.about_names.get(0, {}).values()) == ["NATO"]


def description_names_written(matcher: Matcher, about: str, text: str) -> list[str]:
    """The names of a topic described by ``about`` that ``text`` writes, as it writes them."""
    m = Matcher(matcher.embedder, [Topic("t", "Test topic", about, ("Zzyzx",))], THRESHOLD)
    f = m.features("News", text, m.embed([("News", text)])[0])
    return sorted(f.about_names.get(0, {}).values())


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Fans of Contar and Cantiere cheered.", []),  # k, nt, r: Quneitra's k, n, tr
        ("Reports from Quneitra and Teheran came in.", ["Quneitra", "Teheran"]),
        ("Reports from Kuneitra and Tehran came in.", ["Kuneitra", "Tehran"]),
    ],
)
def test_description_names_are_met_by_their_consonants_placed_alike(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """A description's name is met by a word that places its consonants alike among its
    vowels, or parts a run of them with a vowel ("Teheran" for Tehran), as an alias is."""
    about = "Shelling around Quneitra and talks in Tehran."
    assert description_names_written(matcher, about, text) == sorted(seen)


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("General Mohamed Hamdan Dagalo spoke in Khartoum.", ["Mohamed", "Hamdan", "Dagalo"]),
        ("Dagalo spoke in Khartoum.", ["Dagalo"]),
        ("IAEA chief Rafael Grossi said so; Grossi went on.", ["IAEA", "Rafael", "Grossi"]),
        # another Mohamed, another Rafael: a given name alone is not the person
        ("Lawmakers chose between Mohamed Abdullahi Mohamed and Hassan Sheikh Mohamud.", []),
        ("Rafael Nadal won in Madrid.", []),
    ],
)
def test_a_given_name_counts_beside_the_surname(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """A description's name of several words whose last word is no common word (a surname)
    counts its other words only beside that one: over the dev texts and feed items, a topic
    naming Mohamed Hamdan Dagalo had counted "Mohamed", "Mohammed", "Mohamud" in 10 stories
    from Somalia, the Gulf, Mali and Syria, one naming Hassan Nasrallah "Hassan" in 3."""
    about = "Sudan's war led by Mohamed Hamdan Dagalo, and IAEA inspections led by Rafael Grossi."
    assert description_names_written(matcher, about, text) == sorted(seen)


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Fighters of the Islamic State took the town.", ["Islamic", "State"]),
        ("ISLAMIC STATE FIGHTERS TAKE TOWN. Witnesses said so.", ["ISLAMIC", "STATE"]),
        ("The African Union sent troops to Somalia.", ["African", "Somalia", "Union"]),
        # the everyday word inside another name, or alone with a capital: not this name
        ("Trump gave his State of the Union address.", []),
        ("The European Union and the Central African Republic said so.", []),
        ("State media said so. Union leaders met.", []),
        # a place's own word counts alone (Tampa, Baltic: no everyday words); so do a country
        # and a people however common their words
        ("Rain in Tampa and across the Baltic.", ["Baltic", "Tampa"]),
        ("Somali troops and Syrian ones.", ["Somali", "Syrian"]),
    ],
)
def test_an_everyday_word_of_a_name_counts_beside_the_name(
    matcher: Matcher, text: str, seen: list[str]
) -> None:
    """A description's everyday word written only inside a longer name ("State" of "Islamic
    State", "Union" of "African Union") counts only beside a word of that name: over the dev
    texts and feed items, the topics naming the Islamic State had counted "State" in 15
    stories ("State of the Union", "State House", "State media"), the one naming the African
    Union "Union" in 12 ("European Union") and "African" in 5 ("Central African Republic")."""
    about = (
        "Attacks by the Islamic State and the African Union's mission in Somalia, the storm "
        "in Tampa Bay, the Baltic Sea and Syria."
    )
    assert description_names_written(matcher, about, text) == sorted(seen)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Houthis strike cargo ship off Yemen\nThe vessel was hit.", "The vessel was hit."),
        ("HOUTHIS STRIKE CARGO SHIP OFF YEMEN. The vessel was hit.", "The vessel was hit."),
        ("Houthis strike cargo ship off Yemen \u2013 The vessel was hit.", "The vessel was hit."),
        # the title opens a longer sentence: the text is left whole
        (
            "Houthis strike cargo ship off Yemen's coast.",
            "Houthis strike cargo ship off Yemen's coast.",
        ),
        ("The vessel was hit.", "The vessel was hit."),
    ],
)
def test_a_text_that_opens_with_its_title_is_read_without_it(text: str, rest: str) -> None:
    assert without_title("Houthis strike cargo ship off Yemen", text) == rest
    assert without_title("Gaza", "Gaza\nCity") == "Gaza\nCity"  # a word or two: a text's start


def test_a_title_repeated_in_the_text_changes_no_score(matcher: Matcher) -> None:
    """Feeds and article pages often open the text with the headline; read twice, it would
    fill the lead where the description's names are sought."""
    title = "Government forces advance on the last pocket held by militants in the south-west"
    text = (
        "Syrian troops and allied militias pushed on Monday into villages held by the Islamic "
        "State affiliate, residents said, after days of air strikes on the area near the "
        "Jordanian border. Thousands of civilians fled towards the frontier, where aid groups "
        "said shelters were already full. The offensive, backed by Russian aircraft, began "
        "last month in the east of the province and has since retaken most of it. Commanders "
        "said the remaining fighters were surrounded near the Golan Heights and Daraa."
    )
    plain = matcher.score(title, text, matcher.embed([(title, text)])[0], "a")
    repeated = f"{title}\n{text}"
    again = matcher.score(title, repeated, matcher.embed([(title, repeated)])[0], "b")
    assert [m.score for m in again] == [m.score for m in plain]


@pytest.mark.parametrize(
    "written",
    [
        lambda s: s.replace(" ", "\u00a0"),  # no-break spaces, as pages and pastes carry
        lambda s: s.replace("Yarmouk", "Yar\u00admouk"),  # a soft hyphen (&shy;)
        lambda s: s.replace("Yarmouk", "Yarm\u200bouk"),  # a zero-width space
        lambda s: s.replace("-", "\u2011"),  # non-breaking hyphens
        lambda s: unicodedata.normalize("NFD", s),  # accents as combining marks
        lambda s: s.replace(". ", ".[1] "),  # reference marks of a page copied from a wiki
    ],
)
def test_invisible_characters_change_no_score(matcher: Matcher, written) -> None:
    title = "Clashes near Yarmouk University as students flee"
    text = (
        "Fighters of Jaish al-Islam and government troops clashed in the Yarmouk Basin, "
        "residents of Tasil said. Students of Yarmouk University in Irbid were sent home; "
        "the café near the campus closed."
    )
    plain = matcher.score(title, text, matcher.embed([(title, text)])[0], "a")
    t, x = written(title), written(text)
    assert (t, x) != (title, text) and plain_text(t) == title and plain_text(x) == text
    again = matcher.score(t, x, matcher.embed([(t, x)])[0], "b")
    assert [m.score for m in again] == [m.score for m in plain]
    assert [m.evidence["other_name"] for m in again] == [m.evidence["other_name"] for m in plain]


def test_a_hard_wrapped_text_scores_as_its_paragraphs(matcher: Matcher) -> None:
    """Mail, plain-text feeds and pastes break lines at a width, here inside "Jaish al-Islam"
    and "Yarmouk University": a line break ends a name for the name rules, and both read
    plainly made the group's name word count as written (other_name lost: 0.06 -> 0.71 for
    the group on a dev text)."""
    title = "Clashes near Yarmouk University as students flee"
    paragraphs = [
        "Fighters of Jaish al-Islam and government troops clashed on Monday in the hills "
        "south of the town, residents of Tasil said, and the shelling went on until dusk.",
        "Students of Yarmouk University in Irbid were sent home for the rest of the week; "
        "the cafe near the campus closed and the road to the border was shut by the army.",
    ]
    text = "\n".join(paragraphs)
    wrapped = (
        "Fighters of Jaish\nal-Islam and government troops clashed on Monday in the hills\n"
        "south of the town, residents of Tasil said, and the shelling went on until\n"
        "dusk.\n\nStudents of Yarmouk University in Irbid were sent home for the rest of\n"
        "the week; the cafe near the campus closed and the road to the border was shut\n"
        "by the army."
    )
    assert wrapped.split() == text.split()
    assert plain_text(wrapped) == text
    plain = matcher.score(title, text, matcher.embed([(title, text)])[0], "a")
    again = matcher.score(title, wrapped, matcher.embed([(title, wrapped)])[0], "b")
    assert [m.score for m in again] == [m.score for m in plain]
    assert [m.evidence["other_name"] for m in again] == [m.evidence["other_name"] for m in plain]
    assert any(m.evidence["other_name"] for m in plain)


@pytest.mark.parametrize(
    "text",
    [
        # paragraphs of a line each
        "The group shelled the town.\nResidents fled north.\nThe army said it would respond.\n"
        "Talks are due on Friday.",
        # headings between them
        "Escalation at sea\nThe Houthis fired two missiles at a cargo ship on Monday.\n"
        "Damage to the vessel\nThe ship's crew was unharmed, its operator said.",
        # a list
        "Changelog\nRemove superfluous includes from the headers\nPut some functions in "
        "their proper files\nUse modern type annotations",
    ],
)
def test_text_not_hard_wrapped_keeps_its_lines(text: str) -> None:
    assert unwrapped(text) == text


def test_a_line_broken_at_a_hyphen_joins_without_a_space() -> None:
    """Wrapping breaks lines at hyphens too ("Jaish al-" | "Islam")."""
    import textwrap

    text = (
        "Fighters of the group known as Jaish al-Islam and government troops clashed on "
        "Monday in the hills south of the town, residents of Tasil said, and the shelling "
        "went on until dusk. Students of Yarmouk University were sent home."
    )
    wrapped = textwrap.fill(text, 40)
    assert "al-\nIslam" in wrapped
    assert plain_text(wrapped) == text


def test_a_description_without_its_full_stop_scores_the_same(embedder, matcher: Matcher) -> None:
    """Users write descriptions with and without a final full stop; the model reads the two a
    little apart, and as z-scores that moved decisions."""
    import dataclasses

    bare = [dataclasses.replace(t, about=t.about.rstrip(".")) for t in WATCHLIST]
    assert [t.about for t in bare] != [t.about for t in WATCHLIST]
    other = Matcher(embedder, bare, THRESHOLD)
    title = "Government forces shell the Yarmouk Basin"
    text = "Artillery hit villages held by the Islamic State affiliate near the Jordanian border."
    vec = matcher.embed([(title, text)])[0]
    assert [m.score for m in other.score(title, text, vec, "a")] == [
        m.score for m in matcher.score(title, text, vec, "a")
    ]


@pytest.mark.parametrize(
    ("about", "kept", "senses"),
    [
        (
            "The Yarmouk basin in Daraa, not the Yarmouk refugee camp in Damascus.",
            "The Yarmouk basin in Daraa.",
            ("the Yarmouk refugee camp in Damascus",),
        ),
        (
            "The Yarmouk basin (not the camp). Its war.",
            "The Yarmouk basin. Its war.",
            ("the camp",),
        ),
        ("Attacks on ships. Not Red Sea tourism.", "Attacks on ships.", ("Red Sea tourism",)),
        (
            "The group. Not the composer, or people named Wagner nor the Wagner Act.",
            "The group.",
            ("the composer", "people named Wagner", "the Wagner Act"),
        ),
        (
            "The dam, but not the town of Nova Kakhovka, and its flooding.",
            "The dam, and its flooding.",
            ("the town of Nova Kakhovka",),
        ),
        (
            "Attacks at sea; excluding piracy off Somalia.",
            "Attacks at sea.",
            ("piracy off Somalia",),
        ),
        # as users write it otherwise
        (
            "The valley in Daraa. This topic does not cover the camp or the battle of 636.",
            "The valley in Daraa.",
            ("the camp", "the battle of 636"),
        ),
        ("The valley. It is not about the camp.", "The valley.", ("the camp",)),
        ("The valley. Excludes the camp.", "The valley.", ("the camp",)),
        ("The valley. Excluded: the camp; the battle.", "The valley.", ("the camp", "the battle")),
        ("The valley. Out of scope: the camp.", "The valley.", ("the camp",)),
        (
            "The town and its siege. Earlier shelling of the town (2014-2022) and other "
            "battles such as Bakhmut or Pokrovsk are out of scope.",
            "The town and its siege.",
            (
                "Earlier shelling of the town (2014-2022)",
                "other battles such as Bakhmut",
                "Pokrovsk",
            ),
        ),
        ("The valley. The camp is excluded. Its war.", "The valley. Its war.", ("The camp",)),
        ("The valley. The camp is not covered", "The valley.", ("The camp",)),
        (
            "The valley, rather than the camp, and its war.",
            "The valley, and its war.",
            ("the camp",),
        ),
        ("The valley (as opposed to the camp).", "The valley.", ("the camp",)),
        ("Attacks on ships, and not the land war.", "Attacks on ships.", ("the land war",)),
        # "not" that opens no clause of another sense
        ("Other than the camp, the valley.", "Other than the camp, the valley.", ()),
        ("Groups other than Hamas in Gaza.", "Groups other than Hamas in Gaza.", ()),
        (
            "A group, not yet banned, and its attacks.",
            "A group, not yet banned, and its attacks.",
            (),
        ),
        ("Not only raids but also strikes.", "Not only raids but also strikes.", ()),
        ("The dam. Its fall was not an accident.", "The dam. Its fall was not an accident.", ()),
        ("The dam. It is covered.", "The dam. It is covered.", ()),
    ],
)
def test_what_a_description_says_the_topic_is_not_is_an_exclude_sense(
    about: str, kept: str, senses: tuple[str, ...]
) -> None:
    from monitor.match.matcher import as_read

    read = as_read(Topic("t", "T", about, exclude=("Yarmouk University",)))
    assert (read.about, read.exclude) == (kept, ("Yarmouk University", *senses))


def test_a_description_that_rules_out_a_sense_is_read_as_exclude(embedder) -> None:
    """Written "not the Yarmouk refugee camp in Damascus", the description would sit nearer the
    camp (the model reads no negation) and count Damascus as the topic's own place."""
    import dataclasses

    ruled_out = dataclasses.replace(
        VALLEY, about=VALLEY.about + " Not the Yarmouk refugee camp in Damascus."
    )
    excluded = dataclasses.replace(VALLEY, exclude=("the Yarmouk refugee camp in Damascus",))
    title = "Aid convoy reaches Yarmouk refugee camp in southern Damascus"
    text = "UN trucks brought food to Palestinian families in the Yarmouk camp in Damascus."
    got = []
    for topic in (ruled_out, excluded):
        m = Matcher(embedder, [topic], THRESHOLD)
        (match,) = m.score(title, text, m.embed([(title, text)])[0], "a")
        got.append(match)
    assert got[0].score == got[1].score
    assert got[0].evidence["exclude"]["sense"] == "the Yarmouk refugee camp in Damascus"
    assert "Damascus" not in (got[0].evidence["about_names"] or [])


def test_a_name_with_another_in_brackets_reads_as_the_two_names(embedder: Any) -> None:
    # Set B's Houthi topic named "Houthi attacks on Red Sea shipping (Houthi Red Sea attacks)"
    # lost 2 of its 9 wanted texts: the bracket was read as a third part of the name that
    # the texts left out (name_absent 0.33), and its alias was dropped.
    about = "Attacks by Yemen's Houthis on ships in the Red Sea and the responses to them."
    title = "EU launches Aspides naval operation in the Red Sea"
    text = "The operation will escort merchant vessels after attacks by the Houthis. " * 4
    read = []
    for name, aliases in (
        ("Houthi attacks on Red Sea shipping (Houthi Red Sea attacks)", ()),
        ("Houthi attacks on Red Sea shipping", ("Houthi Red Sea attacks",)),
    ):
        m = Matcher(embedder, [Topic("t", name, about, aliases)], THRESHOLD)
        f = m.features(title, text, m.embed([(title, text)])[0])
        read.append({k: round(float(v[0]), 6) for k, v in f.values.items() if k != "z"})
    assert read[0] == read[1]
    assert read[0]["name_absent"] == 0


@pytest.mark.parametrize(
    ("written", "forms"),
    [
        ("Rapid Support Forces (RSF)", ["Rapid Support Forces", "RSF"]),
        ("Al-Shabaab (Somalia)", ["Al-Shabaab"]),  # a qualifier, not a name
        # another name, as a description's brackets give one; a place's a qualifier still
        ("Wagner Group (PMC Wagner)", ["Wagner Group", "PMC Wagner"]),
        ("Houthis (Ansar Allah)", ["Houthis", "Ansar Allah"]),
        ("Yarmouk Valley (Daraa)", ["Yarmouk Valley"]),
        ("Kakhovka Dam (Nova Kakhovka)", ["Kakhovka Dam"]),
        ("Tigray War (2020-2022)", ["Tigray War"]),
        ("Zaporizhzhia NPP (nuclear plant)", ["Zaporizhzhia NPP"]),
        ("Islamic State (IS) in Syria", ["Islamic State in Syria", "IS"]),
        ("ISIS/ISIL", ["ISIS", "ISIL"]),
        ("al-Shabaab / al-Shabab", ["al-Shabaab", "al-Shabab"]),
        ("Route 24/7", ["Route 24/7"]),
        ("Kakhovka dam", ["Kakhovka dam"]),
        # a slash inside brackets joins qualifiers, not names: "Israel)" was an alias
        ("Golan Heights (Syria/Israel)", ["Golan Heights"]),
        ("ISIS/ISIL (Islamic State)", ["ISIS", "ISIL"]),
        # a country or a main city after a comma qualifies the name, another word does not
        ("Yarmouk Valley, Syria", ["Yarmouk Valley"]),
        ("Kakhovka Dam, Ukraine", ["Kakhovka Dam"]),
        ("Paris, Texas", ["Paris, Texas"]),
        (", Syria", [", Syria"]),  # a place qualifies a name, not nothing
        # a hashtag names what its words do, one where a capital opens one
        ("#WagnerGroup", ["Wagner Group"]),
        ("#PMCWagner", ["PMC Wagner"]),
        ("#iPhoneX", ["iPhone X"]),
        ("#ZNPP", ["ZNPP"]),
    ],
)
def test_a_name_joining_several_stands_for_each(written: str, forms: list[str]) -> None:
    from monitor.match.matcher import name_forms

    assert name_forms(written) == forms


@pytest.mark.parametrize(
    ("name", "word"),
    [
        # the rarer words of a short name the model knows whole
        ("Wagner Group", "Wagner"),
        ("Taliban", "Taliban"),
        ("Hamas", "Hamas"),
        ("Muslim Brotherhood", "Brotherhood"),
        # not everyday words, nor a place's or a people's name (a country's is sought as the
        # country: test_a_topic_named_for_a_countrys_field_is_absent_where_the_country_is)
        ("Red Sea", None),
        ("Red Army", None),
        # (nor a longer official name, which news shortens otherwise: "ATMIS" in
        # test_a_group_is_met_by_its_initials_in_english)
    ],
)
def test_a_name_of_the_models_words_is_left_out_by_a_text_that_never_writes_it(
    embedder, name: str, word: str | None
) -> None:
    # dev2's d2-061, a story of the Kherson front that never writes "Wagner", scored 0.59
    # for the Wagner Group: only a word the model lacked (Yarmouk, Kakhovka) was a name word
    # whose absence counted, and Taliban, Hamas and Wagner are the model's words.
    m = Matcher(embedder, [Topic("t", name, "An armed force in a war.", ())], THRESHOLD)
    title = "Fighting on the front"
    text = "Troops shelled the town again and the army said it held its positions. " * 15
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert f.values["name_absent"][0] == (0.0 if word is None else 1.0)
    # and a text that writes the word, as it is written (not "Homes" for Hamas), does not:
    # opening a sentence, where its capital says nothing, or within one, where news writes it
    # most ("the Wagner PMC", which a word of the model's was once not met in)
    if word is not None:
        for written, left_out in ((word, 0), ("Homes", 1)):
            for sentence in (f"{written} were shelled. ", f"Troops said {written} units left. "):
                read = sentence + text
                f = m.features(title, read, m.embed([(title, read)])[0])
                assert f.values["name_absent"][0] == left_out, sentence


def test_a_persons_given_name_is_no_name_word_left_out(embedder) -> None:
    # News names a person by the surname alone: "Donald" of "Donald Trump", the only word of
    # that name that is no everyday one, is no name word a story of "Trump" leaves out.
    about = "The 45th and 47th president of the United States: his policies and his trials."
    m = Matcher(embedder, [Topic("t", "Donald Trump", about, ())], THRESHOLD)
    title = "Trump signs order on tariffs"
    text = "Trump signed an executive order raising tariffs on steel, the White House said. " * 15
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert f.values["name_absent"][0] == 0


def test_a_hashtag_alias_adds_no_name_word_that_texts_leave_out(embedder) -> None:
    """ "#WagnerGroup" was one word outside the vocabulary: a distinctive name word of a
    topic whose names are all the model's words, which a story of the group that never writes
    the hashtag did not write (``name_absent``). The hashtag changes nothing: the name word
    left out is "Wagner", as without it."""
    about = "The Russian private military company and its operations in Africa."
    title = "Russia's mercenaries in Africa"
    text = "Russian mercenaries guard the gold mines of the Central African Republic."
    read = []
    for aliases in (("Wagner Group",), ("Wagner Group", "#WagnerGroup")):
        m = Matcher(embedder, [Topic("w", "Wagner Group", about, aliases)], THRESHOLD)
        f = m.features(title, text, m.embed([(title, text)])[0])
        read.append(float(f.values["name_absent"][0]))
    assert read[0] == read[1] > 0


def test_a_description_is_read_without_its_web_addresses(embedder) -> None:
    """The model read a description's "See https://..." as part of what the topic is about."""
    about = "The plateau occupied by Israel since 1967 and the UN observers there."
    linked = f"{about} See https://en.wikipedia.org/wiki/Golan_Heights."
    title, text = "UN observers", "UN observers on the Golan Heights reported shelling."
    read = []
    for written in (about, linked):
        m = Matcher(embedder, [Topic("g", "Golan Heights", written, ())], THRESHOLD)
        (match,) = m.score(title, text, m.embed([(title, text)])[0], "a")
        read.append((match.score, m.readings[0].about))
    assert read[0] == read[1]


def test_a_qualified_name_is_read_without_its_qualifier(embedder) -> None:
    """ "Golan Heights (Syria/Israel)" made "Israel" an alias of its own; "Yarmouk Valley,
    Syria" was an alias of three words that a text writing "the Yarmouk Valley" alone did not
    meet. A country after a comma is now what it is in brackets: a qualifier, which the name
    wants (``name_parts``) and its aliases leave out."""
    about = "The plateau occupied by Israel since 1967, the ceasefire line and UN observers."
    golan = Topic("g", "Golan Heights (Syria/Israel)", about, ())
    m = Matcher(embedder, [golan], THRESHOLD)
    title, text = "Israel's cabinet meets", "Israel's cabinet met on Sunday to discuss the budget."
    f = m.features(title, text, m.embed([(title, text)])[0])
    assert f.values["alias"][0] == 0
    about = "The Yarmouk River basin in Daraa province, Syria."
    title, text = "Shelling in the south", "Shelling hit villages of the Yarmouk Valley."
    read = []
    for name in ("Yarmouk Valley, Syria", "Yarmouk Valley (Syria)"):
        m = Matcher(embedder, [Topic("v", name, about, ())], THRESHOLD)
        f = m.features(title, text, m.embed([(title, text)])[0])
        read.append({k: float(v[0]) for k, v in f.values.items() if k not in ("z",)})
    assert read[0] == read[1] and read[0]["alias"] == 1


def test_a_plural_name_means_its_singular_too_but_a_place_in_us_does_not(embedder) -> None:
    from monitor.match.matcher import singular

    assert singular("Houthis", embedder.vocab) == ("Houthi",)
    assert singular("Tigrayans", embedder.vocab) == ("Tigrayan",)
    assert singular("Tartus", embedder.vocab) == ()  # the Syrian port, not "Tartu"s
    assert singular("Hamas", embedder.vocab) == ()  # a word of the vocabulary: no plural
    # a Slavic name's ending is no plural: "Zelen" would meet German "Zellen" (cells)
    assert singular("Zelensky", embedder.vocab) == ()
    assert singular("Luhansk", embedder.vocab) == ()
    # Arabic's plural of a people's or members' name, in either case
    assert singular("الحوثيون", embedder.vocab) == ("الحوثي",)
    assert singular("الحوثيين", embedder.vocab) == ("الحوثي",)
    assert singular("الشباب", embedder.vocab) == ()  # the youth: no such plural
    assert singular("تعيين", embedder.vocab) == ()  # an appointment: its y is the root's


def test_an_arabic_plural_alias_meets_its_singular(embedder) -> None:
    """An alias written in Arabic in the plural ("الحوثيون", the Houthis) met the plural a
    text writes, not the singular it writes as often ("جماعة الحوثي", the Houthi group)."""
    topic = Topic("h", "Red Sea attacks", "Attacks by Yemen's rebels on ships.", ("الحوثيون",))
    m = Matcher(embedder, [topic], THRESHOLD)
    text = "قالت جماعة الحوثي إنها استهدفت سفينة في البحر الأحمر"
    f = m.features("", text, m.embed([("", text)])[0])
    assert [f.body[h.start : h.end] for h in f.hits.get(0, [])] == ["الحوثي"]


@pytest.mark.parametrize(
    ("alias", "title"),
    [
        ("Rapid Support Forces (RSF)", "RSF fighters shell the town"),
        ("Rapid Support Forces (RSF)", "Rapid Support Forces shell the town"),
        ("ISIS/ISIL", "ISIL fighters shell the town"),
        ("Houthis", "Houthi fighters shell the town"),  # a plural name, its singular written
    ],
)
def test_names_are_found_however_the_watchlist_joins_them(embedder, alias: str, title: str) -> None:
    topic = Topic("t", "Militia", "An armed group and its attacks on towns.", (alias,))
    m = Matcher(embedder, [topic], THRESHOLD)
    text = "Residents said the attack lasted all night."
    (match,) = m.score(title, text, m.embed([(title, text)])[0], "a")
    assert match.evidence["alias"] is not None
    (other,) = m.score(
        "Fighters shell the town", text, m.embed([("Fighters shell the town", text)])[0], "b"
    )
    assert other.evidence["alias"] is None


def test_the_best_of_several_passages_is_read_against_chance() -> None:
    # The best of n passages sits higher than one by chance alone: its z is read less the mean
    # of the largest of n standard normal draws, so a long text about other things does not
    # gain on a topic by its length.
    from monitor.match.matcher import best_passages, expected_max

    assert [round(expected_max(n), 2) for n in (1, 2, 4)] == [0.0, 0.56, 1.03]
    rng = np.random.default_rng(0)
    sem = rng.normal(size=(8, 2)).astype(np.float32)
    one = rng.normal(size=(1, 8)).astype(np.float32)
    mean, std = np.zeros(2), np.full(2, 0.5)
    _, _, z1, za1 = best_passages(one, sem, mean, std)
    _, _, z4, za4 = best_passages(np.repeat(one, 4, axis=0), sem, mean, std)
    assert z4 == pytest.approx(z1 - expected_max(4)) and za4 == pytest.approx(
        za1 - 1.0293, abs=1e-3
    )


def test_description_names_count_in_the_lead(matcher: Matcher) -> None:
    from monitor.match.matcher import ABOUT_CHARS

    golan = Topic("golan", "Golan Heights", "The plateau held by Israel since 1967.", ())
    m = Matcher(matcher.embedder, [golan], THRESHOLD)
    filler = "The weather was mild and the markets were calm that week. " * 30
    assert len(filler) > ABOUT_CHARS

    def about(text: str) -> float:
        f = m.features("News", text, m.embed([("News", text)])[0])
        return float(f.values["about_count"][0])

    assert about("Israel said the talks went on. " + filler) == pytest.approx(np.log1p(1))
    assert about(filler + "Israel said the talks went on.") == 0  # named only in passing, late


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        # Russian ж: "zh" in English, "j" in French (and the Ukrainian "zhzh" of Zaporizhzhia).
        ("La milice de Prigojine au Mali.", "Prigozhin"),
        ("Cooling water at the Zaporozhye NPP.", "Zaporizhzhia NPP"),
        ("Le niveau baisse à Zaporijjia.", "Zaporizhzhia"),
    ],
)
def test_zh_is_read_as_j(text: str, alias: str) -> None:
    assert len(find_aliases(text, (alias,))) == 1


def test_token_keys_unify_article_and_patronymic() -> None:
    assert [t.key for t in tokens("al-Waleed ibn")] == [t.key for t in tokens("Walid bin")]


def test_sample_article_matches_valley_and_group_not_camp(matcher: Matcher) -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if SHARED.is_dir() else []
    if not seeds:
        pytest.skip("shared seeds absent")
    title, text = seeds[0].read_text(encoding="utf-8").split("\n", 1)
    vec = matcher.embed([(title, text)])[0]
    got = {m.topic_id: m for m in matcher.score(title, text, vec, "seed")}
    assert got["valley"].matched and got["jkbw"].matched and not got["camp"].matched
    ev = got["jkbw"].evidence
    assert ev["alias"]["alias"] == "Jaish Khalid bin al-Waleed"
    assert ev["passage"] in split_passages(title, text)
    json.dumps(ev)  # evidence must be JSON-serialisable


def test_camp_article_does_not_match_valley(matcher: Matcher) -> None:
    got = verdicts(
        matcher,
        "Aid reaches Yarmouk after months of siege",
        "Residents of the Yarmouk refugee camp in southern Damascus received food "
        "parcels from UNRWA on Tuesday. Palestinian families in the camp said they "
        "had lived on rice and lentils since the district was encircled.",
    )
    assert got == {"valley": False, "jkbw": False, "camp": True}


def test_excluded_sense_does_not_match(embedder) -> None:
    topic = Topic(
        "valley", "Yarmouk Valley", VALLEY.about, VALLEY.aliases, exclude=("Battle of Yarmouk 636",)
    )
    m = Matcher(embedder, [topic], THRESHOLD)
    title = "The Battle of the Yarmouk Valley, 636"
    text = (
        "In August 636 the Rashidun army under Khalid ibn al-Walid defeated the Byzantine "
        "forces of Heraclius in the Yarmouk Valley, in the south-west of Syria on the border "
        "of Jordan. The six-day battle ended Byzantine rule in Syria and is studied by "
        "military historians to this day."
    )
    (match,) = m.score(title, text, m.embed([(title, text)])[0], "b636")
    assert not match.matched
    assert match.evidence["exclude"] == {
        "sense": "Battle of Yarmouk 636",
        "similarity": match.evidence["exclude"]["similarity"],
        "lowered": True,
    }
    # Without the exclude entry the alias alone would have matched.
    plain = Matcher(embedder, [VALLEY], THRESHOLD)
    assert plain.score(title, text, plain.embed([(title, text)])[0], "b636")[0].matched


def test_a_sense_only_a_little_nearer_than_the_topic_leaves_the_score(embedder) -> None:
    # News of a battle in the valley sits a little nearer to "Battle of Yarmouk in 636" than
    # to the valley's description: two queries' cosines differ by chance that much.
    topic = Topic(
        "valley", VALLEY.name, VALLEY.about, VALLEY.aliases, exclude=("Battle of Yarmouk in 636",)
    )
    m = Matcher(embedder, [topic], THRESHOLD)
    title = "The battle of the Yarmouk Valley"
    text = (
        "Government troops fought the Islamic State affiliate for the Yarmouk Valley villages "
        "in heavy fighting."
    )
    v = m.embed([(title, text)])[0]
    f = m.features(title, text, v)
    assert f.raw[0] < f.ex_best[0] <= f.raw[0] + EXCLUDE_MARGIN and not f.excluded[0]
    (match,) = m.score(title, text, v, "b2018")
    plain = Matcher(embedder, [VALLEY], THRESHOLD)
    assert match.score == plain.score(title, text, v, "b2018")[0].score
    assert match.matched and match.evidence["exclude"]["lowered"] is False


def test_general_khalid_is_not_the_army(matcher: Matcher) -> None:
    title = "Khalid ibn al-Walid, the Sword of God"
    text = (
        "Khalid ibn al-Walid was an Arab commander who led the early Muslim conquest of "
        "Syria and defeated the Byzantine army at the Yarmouk. He is remembered as one of "
        "the most successful generals in history."
    )
    got = {
        m.topic_id: m for m in matcher.score(title, text, matcher.embed([(title, text)])[0], "k")
    }
    assert not got["jkbw"].matched and not got["valley"].matched


def test_exclude_sense_guards_topics_sharing_its_name_word(embedder) -> None:
    # The group's names write Yarmouk too (Yarmouk Martyrs Brigade): the valley's excluded
    # camp is not the group either, though only the valley lists it.
    valley = Topic(
        "valley",
        VALLEY.name,
        VALLEY.about,
        VALLEY.aliases,
        exclude=("Yarmouk refugee camp in Damascus",),
    )
    group = Topic("jkbw", JKBW.name, JKBW.about, (*JKBW.aliases, "Yarmouk Martyrs Brigade"))
    m = Matcher(embedder, [valley, group], THRESHOLD)
    assert sorted(zip(m.ex_owner.tolist(), m.ex_names, strict=True)) == [
        (0, "Yarmouk refugee camp in Damascus"),
        (1, "Yarmouk refugee camp in Damascus"),
    ]
    title = "Aid convoy reaches Yarmouk refugee camp in southern Damascus"
    text = (
        "A UN convoy carrying food and medicine entered the Yarmouk camp, the Palestinian "
        "refugee district in the south of Damascus, for the first time since government "
        "forces retook it from Islamic State in May."
    )
    got = {x.topic_id: x for x in m.score(title, text, m.embed([(title, text)])[0], "c")}
    assert not got["valley"].matched and not got["jkbw"].matched
    assert got["jkbw"].evidence["exclude"]["sense"] == "Yarmouk refugee camp in Damascus"
    # A sense that names a watched topic by alias is that topic, not another sense of it.
    m = Matcher(embedder, [valley, group, CAMP], THRESHOLD)
    assert sorted(zip(m.ex_owner.tolist(), m.ex_names, strict=True)) == [
        (0, "Yarmouk refugee camp in Damascus"),
        (1, "Yarmouk refugee camp in Damascus"),
    ]
    got = {x.topic_id: x for x in m.score(title, text, m.embed([(title, text)])[0], "c")}
    assert got["camp"].matched and not got["jkbw"].matched


def test_score_is_the_logistic_model_of_its_features(matcher: Matcher) -> None:
    from monitor.match.matcher import BIAS, WEIGHTS, WEIGHTS_MULTILINGUAL, probability

    title, text = "Clashes in the Yarmouk Basin", "Jaish Khalid bin al-Waleed lost two villages."
    vec = matcher.embed([(title, text)])[0]
    f = matcher.features(title, text, vec)
    assert set(f.values) == set(WEIGHTS) | set(WEIGHTS_MULTILINGUAL)
    expect = probability(f.values, WEIGHTS, BIAS)
    assert [m.score for m in matcher.score(title, text, vec, "x")] == pytest.approx(
        expect.tolist(), abs=1e-4
    )


def test_topic_without_a_description_is_decided_by_its_names(embedder) -> None:
    """A watchlist of names only (no ``about``) takes its own weights: the text that writes one
    of its names matches, the one only near its names (another Wagner) does not -- the full
    weights, made for described topics, matched the opera (z 8.4 to "Wagner Group")."""
    from monitor.match.matcher import BIAS, WEIGHTS, probability

    dam = Topic("dam", "Kakhovka Dam", "", ("Kakhovka HPP", "Kakhovka Reservoir"))
    group = Topic("group", "Wagner Group", "", ("PMC Wagner",))
    m = Matcher(embedder, [dam, group, VALLEY], THRESHOLD)
    cases = {
        (
            "Farmers count the cost",
            "A year after the Kakhovka Reservoir drained, farmers in "
            "southern Ukraine still lack water for their fields.",
        ): {"dam"},
        (
            "Mercenaries in Mali",
            "Fighters of PMC Wagner were seen near Timbuktu, local officials said.",
        ): {"group"},
        (
            "Opera season opens",
            "The Bayreuth festival opened with Wagner's Ring cycle, "
            "conducted by a young Finnish conductor.",
        ): set(),
    }
    for (title, text), want in cases.items():
        vec = m.embed([(title, text)])[0]
        got = m.score(title, text, vec, "a")
        assert {x.topic_id for x in got if x.matched} == want, title
        assert got[2].score == pytest.approx(  # a described topic keeps the full weights
            float(probability(m.features(title, text, vec).values, WEIGHTS, BIAS)[2]), abs=1e-4
        )
    title, text = next(k for k, v in cases.items() if not v)
    f = m.features(title, text, m.embed([(title, text)])[0])
    # The weights of described topics would have matched it.
    assert probability(f.values, WEIGHTS, BIAS)[1] >= THRESHOLD


def test_topic_described_without_proper_names_still_matches(embedder) -> None:
    """A description in plain words gives the matcher no places or people to look for
    (``about_count`` stays 0): the weights are fit on descriptions cut to fewer names too, so
    such a topic still matches a text on it (0.56; fit on the dev descriptions as written, the
    weights scored it 0.30 when the text did not say "in the outbreak", which the shipped weights
    now leave at 0.49: a text of a topic described so sits near the threshold)."""
    measles = Topic(
        "measles",
        "Measles outbreaks",
        "outbreaks of measles and the vaccination campaigns against them",
        ("measles",),
    )
    m = Matcher(embedder, [measles], THRESHOLD)
    title = "Measles cases climb"
    text = (
        "Health officials reported 40 new measles cases in the outbreak and urged parents to "
        "vaccinate children."
    )
    vec = m.embed([(title, text)])[0]
    assert m.features(title, text, vec).values["about_count"][0] == 0
    assert verdicts(m, title, text) == {"measles": True}
    assert verdicts(m, "Wheat prices", "Wheat prices rose as the drought cut the harvest.") == {
        "measles": False
    }


def test_vectors_round_trip(matcher: Matcher) -> None:
    vec = matcher.embed([("T", "One sentence. " * 400)])[0]
    back = ArticleVectors.from_bytes(vec.to_bytes())
    assert back.vectors.shape == vec.vectors.shape == (4, 384)
    assert np.allclose(back.vectors, vec.vectors, atol=2e-3)


@pytest.mark.slow  # 1,000 topic texts through the model
@pytest.mark.timeout(900)  # 2,000 topic-side encodes (name: about, about), on a shared CPU
def test_thousand_topics_score_as_one_product(embedder) -> None:
    topics = [
        Topic(f"t{i}", f"Topic number {i}", f"News about subject {i} of a long list.")
        for i in range(997)
    ] + list(WATCHLIST)
    big = Matcher(embedder, topics, THRESHOLD)
    assert big.topic_vecs.shape == (384, 1000)
    title = "Clashes in the Yarmouk Basin"
    text = "Jaish Khalid bin al-Waleed lost two villages near Yarmouk."
    vec = big.embed([(title, text)])[0]
    many = {m.topic_id: m.score for m in big.score(title, text, vec, "a1")}
    assert len(many) == 1000
    # The same numbers as scoring the watchlist on its own: the topics that share no name
    # change nothing. (Those that do, do: a bare "Yarmouk" in a text that writes "Yarmouk
    # Basin" is the valley's, not the camp's, where both are watched.)
    alone = Matcher(embedder, WATCHLIST, THRESHOLD).score(title, text, vec, "a1")
    for match in alone:
        assert many[match.topic_id] == pytest.approx(match.score, abs=1e-5)
    [camp] = Matcher(embedder, [CAMP], THRESHOLD).score(title, text, vec, "a1")
    assert many[CAMP.id] < camp.score


def test_bad_model_path_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        load_embedder(str(tmp_path / "nope"))
    with pytest.raises(ModelError, match="not a sentence-transformers model"):
        load_embedder(str(tmp_path))


def _load_set(rows_file: Path, topics_file: Path) -> tuple[list[dict], list[Topic]]:
    rows = [
        json.loads(line)
        for line in rows_file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return rows, load_topics(topics_file)


@pytest.fixture(scope="module")
def dev_sets(embedder):
    eval_dir = SHARED / "eval"
    if (
        not (eval_dir / "relevance-dev.jsonl").is_file()
        or not (eval_dir / "dev2" / "relevance-dev2.jsonl").is_file()
    ):
        pytest.skip("shared eval sets absent")
    return {
        "A": _load_set(eval_dir / "relevance-dev.jsonl", eval_dir / "topics.yaml"),
        "B": _load_set(
            eval_dir / "dev2" / "relevance-dev2.jsonl", eval_dir / "dev2" / "topics.yaml"
        ),
    }


@pytest.fixture(scope="module")
def dev_report(embedder, dev_sets):
    rows, topics = dev_sets["A"]
    return evaluate(Matcher(embedder, topics, THRESHOLD), rows)


@pytest.mark.slow
def test_dev_set_beats_keyword_baseline(dev_report) -> None:
    # The shipped weights were fit on this set and set B together: an in-sample check of
    # sanity (not a quality figure; bench/relevance.py prints the cross-set ones).
    print(format_report(dev_report))
    method, keywords = macro_f1(dev_report.method), macro_f1(dev_report.aliases_only)
    assert method is not None and keywords is not None and method >= keywords + 0.2
    assert dev_report.method["yarmouk_camp"].f1 == 1.0  # the camp is told from the valley


@pytest.mark.slow
def test_weights_fit_on_one_set_generalize_to_the_other(embedder, dev_sets) -> None:
    """Honest check: the logistic model refit on one labelled set's English texts (other
    topics) and scored on the other's, both ways, as the shipped weights are fit, beats the
    aliases-only baseline there, keeps precision, and its weights agree in sign with the
    shipped ones."""
    from sklearn.linear_model import LogisticRegression

    from monitor.match.evaluate import prf
    from monitor.match.language import ENGLISH, detect
    from monitor.match.matcher import WEIGHTS, probability

    data = {}
    for name, (all_rows, topics) in dev_sets.items():
        rows = [r for r in all_rows if detect(r["title"], r["text"]) == ENGLISH]
        m = Matcher(embedder, topics, THRESHOLD)
        vecs = m.embed([(r["title"], r["text"]) for r in rows])
        feats = [m.features(r["title"], r["text"], v) for r, v in zip(rows, vecs, strict=True)]
        x = {k: np.vstack([f.values[k] for f in feats]) for k in WEIGHTS}
        gold = np.array([[r["labels"][t.id] for t in topics] for r in rows], dtype=bool)
        plain = np.array(
            [
                [
                    any(
                        a.casefold() in f"{r['title']}\n{r['text']}".casefold()
                        for a in (t.name, *t.aliases)
                    )
                    for t in topics
                ]
                for r in rows
            ]
        )
        data[name] = (x, gold, plain, topics)
    for train, test in (("A", "B"), ("B", "A")):
        x, gold, _, _ = data[train]
        lr = LogisticRegression(C=3.0, max_iter=5000).fit(
            np.stack([x[k].ravel() for k in WEIGHTS], axis=1), gold.ravel()
        )
        weights = dict(zip(WEIGHTS, lr.coef_[0].tolist(), strict=True))
        for k in ("z_about", "alias", "name_absent", "about_count"):
            assert np.sign(weights[k]) == np.sign(WEIGHTS[k]), (train, k, weights[k])
        xt, gt, plain, topics = data[test]
        pred = (
            np.stack(
                [
                    probability({k: xt[k][a] for k in WEIGHTS}, weights, float(lr.intercept_[0]))
                    for a in range(len(gt))
                ]
            )
            >= 0.5
        )
        ours = [prf(list(pred[:, j]), list(gt[:, j])) for j in range(len(topics))]
        base = [prf(list(plain[:, j]), list(gt[:, j])) for j in range(len(topics))]
        macro, base_macro = np.mean([r.f1 for r in ours]), np.mean([r.f1 for r in base])
        assert macro >= base_macro + 0.15, (test, macro, base_macro)
        assert macro >= 0.65, (test, macro)
        assert np.mean([r.precision for r in ours]) >= 0.8, (test, ours)


def test_matches_are_the_matched_part_of_score(matcher: Matcher) -> None:
    title = "Clashes in the Yarmouk Basin"
    text = (
        "Fighters of Jaish Khalid bin al-Waleed lost two villages near the Jordanian border "
        "after heavy shelling by government forces in Daraa province."
    )
    vec = matcher.embed([(title, text)])[0]
    full = matcher.score(title, text, vec, "x")
    assert matcher.matches(title, text, vec, "x") == [m for m in full if m.matched]
    assert {m.topic_id for m in full if m.matched} == {"valley", "jkbw"}


def test_a_feeds_link_to_a_related_story_does_not_make_an_alert(embedder) -> None:
    # A Guardian-style summary ends with a related story's headline and a read-on link; read as
    # the story's own text, the headline's names made it an alert for the related story's topic.
    from monitor.domain import Entry
    from monitor.poll.clean import article_from_entry

    dam = Topic(
        "dam",
        "Kakhovka Dam",
        "The Kakhovka hydroelectric dam on the Dnipro in Ukraine's Kherson region, its "
        "destruction in June 2023 and the flooding that followed.",
        ("Kakhovka dam", "Kakhovka Reservoir"),
    )
    m = Matcher(embedder, [dam], THRESHOLD)
    title = "Kherson residents struggle through winter under shelling"
    story = (
        "Residents of Kherson city said daily Russian shelling from across the Dnipro river had "
        "left many districts without heating, as the regional administration opened more "
        "warming points and urged families to leave."
    )
    related = "Kakhovka dam breach: floodwaters sweep through villages downstream"
    summary = (
        f'<p>{story}</p><p> <span>Related: </span><a href="https://example.org/b">{related}</a>'
        ' </p> <a href="https://example.org/a">Continue reading...</a>'
    )
    entry = Entry("g1", "https://example.org/a", title, summary, "", None, None)
    article = article_from_entry(entry, feed_url="https://example.org/feed")
    assert article is not None and article.text == story
    assert verdicts(m, title, article.text) == {"dam": False}
    # The same text with the related headline read as its own: the alert this prevents.
    assert verdicts(m, title, f"{story}\n\nRelated: {related}") == {"dam": True}


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Houthi attacks on Red Sea shipping", ["Houthi", "Red Sea"]),
        ("Israeli strikes on Iran", ["Israeli", "Iran"]),
        ("Sudan's Rapid Support Forces", ["Sudan", "Rapid Support Forces"]),
        # one name, however many words and particles it writes
        ("Jaish Khalid bin al-Waleed", []),
        ("Tehrik-i-Taliban Pakistan", []),  # a link between hyphens, as "Port-au-Prince"
        ("Lashkar-e-Taiba", []),
        ("2018 Southern Syria offensive", []),
        ("Islamic State Khorasan Province", []),
        ("Trump–Russia investigation", []),
        ("Boeing 737 MAX", []),
        # a common word whose capital only opens the name is none, nor a continent or a
        # region; a country and its people are one
        ("Foreign investment in India", []),
        ("Floods in Pakistan", []),
        ("Cholera in Sudan", []),
        ("Wagner Group in Africa", []),
        ("JNIM in the Sahel", []),
        ("Russian strikes in Russia", []),
        ("Nipah virus in Kerala", ["Nipah", "Kerala"]),
        # a country in brackets or after a comma qualifies the name; another name so written
        # is the name's own
        ("Al-Shabaab (Somalia)", ["Al-Shabaab", "Somalia"]),
        ("Ansar al-Sharia, Libya", ["Ansar al-Sharia", "Libya"]),
        ("M23 (March 23 Movement)", []),
        ("Islamic State (ISIS)", []),
        ("Rapid Support Forces (RSF), Sudan", ["Rapid Support Forces", "Sudan"]),
        ("Houthi attacks, Red Sea", ["Houthi", "Red Sea"]),
    ],
)
def test_the_names_a_topic_name_writes(embedder, name: str, parts: list[str]) -> None:
    assert name_parts(name, embedder.vocab) == parts


@pytest.mark.parametrize(
    ("name", "about", "text", "unwritten"),
    [
        # the Houthis' war on land: one of the two names (before, it counted as named in full)
        (
            "Houthi attacks on Red Sea shipping",
            "Attacks by Yemen's Houthis on ships in the Red Sea since November 2023.",
            "Houthi fighters shelled government positions south of Marib on Sunday.",
            ["Red Sea"],
        ),
        (
            "Houthi attacks on Red Sea shipping",
            "Attacks by Yemen's Houthis on ships in the Red Sea since November 2023.",
            "Houthi missiles struck a tanker in the Red Sea on Sunday.",
            None,
        ),
        # a country is written by any of its names or its people's
        (
            "US airstrikes in Somalia",
            "American strikes against militants in Somalia.",
            "An American drone strike killed fighters near Jilib, Somali officials said.",
            None,
        ),
        (
            "US airstrikes in Somalia",
            "American strikes against militants in Somalia.",
            "The United States struck a camp near Jilib, Somalia's government said.",
            None,
        ),
    ],
)
def test_a_text_that_writes_some_of_a_topic_names_is_about_some_of_the_topic(
    matcher: Matcher, name: str, about: str, text: str, unwritten: list[str] | None
) -> None:
    """A topic named for two things together ("Houthi attacks on Red Sea shipping") is not
    what a text that names only one of them is about: the share it leaves unwritten counts as
    absent, and the evidence names what it leaves out."""
    topic = Topic("t", name, about, ())
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    v = m.embed([("News", text)])[0]
    f = m.features("News", text, v)
    share = len(unwritten) / len(name_parts(name)) if unwritten else 0.0
    weight = min(1.0, len(text) / BRIEF_CHARS)
    assert f.values["name_absent"][0] == pytest.approx(share * weight)
    (match,) = m.score("News", text, v, "a")
    assert match.evidence["names_unwritten"] == unwritten
    assert match.evidence["name_absent"] is False


@pytest.mark.parametrize(
    ("name", "alias", "text", "unwritten"),
    [
        # the alias leaves the country of the topic's name open: a story of the namesake or of
        # the group elsewhere writes another (before, none was unwritten where an alias met)
        (
            "Ansar al-Sharia in Libya",
            "Ansar al-Sharia",
            "Tunisian police arrested twelve suspected members of Ansar al-Sharia in Tunis.",
            ["Libya"],
        ),
        (
            "Wagner Group in Mali",
            "Wagner Group",
            "Wagner Group fighters guard gold mines in Burkina Faso.",
            ["Mali"],
        ),
        # the country by its people, or by its capital
        (
            "Wagner Group in Mali",
            "Wagner Group",
            "Wagner Group fighters and Malian soldiers were killed near the border.",
            None,
        ),
        (
            "Wagner Group in Mali",
            "Wagner Group",
            "Wagner Group fighters patrolled the streets of Bamako on Tuesday.",
            None,
        ),
        # one country of several is enough where the alias is met
        (
            "Boko Haram in Nigeria and Chad",
            "Boko Haram",
            "Boko Haram fighters attacked a village in Borno, Nigerian officials said.",
            None,
        ),
        (
            "Boko Haram in Nigeria and Chad",
            "Boko Haram",
            "Boko Haram fighters attacked a village in Cameroon's Far North region.",
            ["Nigeria", "Chad"],
        ),
        # another name of the topic's name is the alias's to stand for
        (
            "Houthi attacks on Red Sea shipping",
            "Operation Prosperity Guardian",
            "Warships of Operation Prosperity Guardian escorted tankers off Yemen.",
            None,
        ),
    ],
)
def test_an_alias_met_leaves_the_country_of_the_topic_name_to_the_text(
    matcher: Matcher, name: str, alias: str, text: str, unwritten: list[str] | None
) -> None:
    """A topic named for a group in one country ("Wagner Group in Mali") is not what a story
    of the group elsewhere is about, though it writes the group's alias: the country's share of
    the name counts as absent, and the evidence names it."""
    topic = Topic("t", name, "Fighting and politics.", (alias,))
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    v = m.embed([("News", text)])[0]
    f = m.features("News", text, v)
    assert 0 in f.hits
    share = len(unwritten) / len(name_parts(name)) if unwritten else 0.0
    weight = min(1.0, len(text) / BRIEF_CHARS)
    assert f.values["name_absent"][0] == pytest.approx(share * weight)
    (match,) = m.score("News", text, v, "a")
    assert match.evidence["names_unwritten"] == unwritten


def test_a_capital_writes_its_country_for_a_topic_name(matcher: Matcher) -> None:
    """ "Israeli strikes on Iran": a story of Israeli strikes near Tehran writes Iran (before,
    'Iran' was unwritten)."""
    topic = Topic("t", "Israeli strikes on Iran", "Israel's air strikes on Iranian territory.", ())
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    text = "Israeli jets struck a military site near Tehran overnight, officials said."
    (match,) = m.score("News", text, m.embed([("News", text)])[0], "a")
    assert match.evidence["names_unwritten"] is None


@pytest.mark.parametrize(
    ("about", "person"),
    [
        ("The founder and head of the Wagner Group: his mutiny and his death.", True),
        ("Russian opposition leader, his arrests and trials.", True),
        ("The director general of the International Atomic Energy Agency.", True),
        ("Sudan's RSF commander, known as Hemedti.", True),
        ("He was Syria's president until December 2024.", True),
        ("Yevgeny Prigozhin (1961-2023), Russian oligarch and founder of Wagner.", True),
        ("Abu Mohammad al-Julani: HTS leader who became Syria's interim president.", True),
        # a role written with capitals after the name (it was read past, to "his government")
        ("Abiy Ahmed, Prime Minister of Ethiopia since 2018, his government and policies.", True),
        ("Javier Milei, President of Argentina since 2023, his government and reforms.", True),
        ("General Motors, the American carmaker, and its plants.", False),
        ("Boko Haram: jihadist group in north-east Nigeria; his successor.", False),
        # a group, whose description may tell of its leader; a place; an event; none
        ("The group founded by Mohammed Yusuf, his preaching and its insurgency.", False),
        ("The group founded by Mohammed Yusuf and his preaching.", False),
        ("Islamic State-affiliated militant group that held the Yarmouk basin.", False),
        ("The dam on the Dnipro, its destruction and the flood.", False),
        ("Houthi attacks on ships in the Red Sea.", False),
        ("", False),
    ],
)
def test_a_description_reads_as_a_persons(about: str, person: bool) -> None:
    assert describes_person(about) is person


def test_a_topic_named_for_a_kind_of_place_is_no_persons() -> None:
    """A prison's description may tell of a person ("after his fall"): its names, which name a
    kind of place, say it is none (a real watchlist's Sednaya prison was read as a person's)."""
    about = (
        "Sednaya military prison near Damascus, the torture of detainees under Bashar al-Assad, "
        "and the search for the missing after his fall in December 2024."
    )
    assert describes_person(about)
    assert not describes_person(about, ("Sednaya prison", "Saydnaya prison"))
    about = "Gustavo Petro, president of Colombia since 2022, his government and reforms."
    assert describes_person(about, ("Gustavo Petro",))


@pytest.mark.parametrize(
    ("about", "group"),
    [
        ("The Lebanese Shia political party and militant group backed by Iran.", True),
        ("Boko Haram: jihadist group in north-east Nigeria.", True),
        ("The Sahrawi independence movement of Western Sahara.", True),
        ("The Islamic State affiliate in north-eastern Nigeria and the Lake Chad basin.", True),
        ("Al-Qaeda's Yemeni branch: its attacks in Abyan and Shabwa.", True),
        ("The founder and head of the Wagner Group: his mutiny and his death.", False),
        ("The dam on the Dnipro, its destruction and the flood.", False),
        ("", False),
    ],
)
def test_a_description_reads_as_a_groups(about: str, group: bool) -> None:
    assert describes_group(about) is group


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Yevgeny Prigozhin", "Prigozhin"),
        ("Abu Mohammad al-Julani", "al-Julani"),
        ("Recep Tayyip Erdoğan", "Erdoğan"),
        # a father's name many share, a word of the model's vocabulary or of English, a place
        ("Abiy Ahmed", None),
        ("Donald Trump", None),
        ("Michael Jordan", None),
        ("Kim Jong Un", None),  # too short to stand alone
        ("Osama bin Laden", None),  # a word in lower case: no person's name as read here
        ("Harakat al-Shabaab al-Mujahideen", None),  # an article inside: a group's
        ("Prigozhin", None),  # one word: the name itself
    ],
)
def test_a_persons_surname(embedder, name: str, expected: str | None) -> None:
    assert surname(name, embedder.vocab) == expected


def test_a_surname_that_a_given_name_meets_is_none_alone(embedder) -> None:
    """ "Mohamud" (of Hassan Sheikh Mohamud) would meet every "Mohammed" and "Muhammad" as the
    alias search reads spellings; "Prigozhin" meets no word of the model's vocabulary."""
    about = "Somalia's president: his government and his elections."
    assert surnames(("Hassan Sheikh Mohamud",), about, embedder.vocab) == []
    assert surnames(("Yevgeny Prigozhin",), about, embedder.vocab) == ["Prigozhin"]


@pytest.mark.parametrize(
    ("about", "expected"),
    [
        (
            "The Russian private military company founded by Yevgeny Prigozhin, and its war.",
            ["Prigozhin"],
        ),
        ("The rebel alliance led by Abu Mohammad al-Julani, formed in 2017.", ["al-Julani"]),
        ("Sudan's paramilitary force led by Mohamed Hamdan Dagalo (Hemedti).", ["Dagalo"]),
        ("The jihadist group of Nigeria; its leader Abubakar Shekau died in 2021.", ["Shekau"]),
        # another's leader: the government or the offensive the group fights
        (
            "The jihadist group fighting the government led by Mohamed Abdullahi Farmaajo.",
            [],
        ),
        ("The militia that resisted the offensive led by Khalifa Haftar in 2019.", []),
        # typed in lower case: after the cue, a name's words
        ("the mercenary company founded by yevgeny prigozhin, and its war.", ["Prigozhin"]),
        ("the militant group led by local commanders in the south.", []),
        # not a person's description, no name of a person
        ("The founder and head of the Wagner Group mercenary company, founded by him.", []),
        ("The militant group led by the Islamic State in Syria.", []),
        ("The militant group led by Islamic State commanders.", []),
    ],
)
def test_a_groups_leader_is_the_person_its_description_says_leads_it(
    embedder, about: str, expected: list[str]
) -> None:
    assert leaders(about, embedder.vocab) == expected


def test_a_text_that_writes_a_groups_leader_writes_its_name(matcher: Matcher) -> None:
    """News names a group by its leader as often as by its name: a story of "Russian
    mercenaries" that writes Prigozhin, their founder, and never "Wagner" (dev d2-023, 0.30
    before) does not leave the Wagner Group's name out; one that writes neither does."""
    about = "The Russian private military company founded by Yevgeny Prigozhin, and its wars."
    m = Matcher(matcher.embedder, [Topic("w", "Wagner Group", about, ())], THRESHOLD)

    def absent(title: str, text: str) -> bool:
        return bool(m.features(title, text, m.embed([(title, text)])[0]).absent[0])

    assert not absent("Russia's playbook", "Mercenaries sent by Prigozhin guard the mines.")
    assert not absent("Пригожин в Африке", "Наемники охраняют шахты.")  # in any script
    assert absent("Russia's playbook", "Russian mercenaries guard the gold mines.")


@pytest.mark.parametrize(
    ("about", "expected"),
    [
        ("Islamic State-affiliated militant group that held the Yarmouk basin.", ["Islamic State"]),
        ("The al-Qaeda-affiliated Somali jihadist group, its attacks.", ["al-Qaeda"]),
        ("Al-Qaeda's Yemeni branch: its attacks in Abyan and Shabwa.", ["Al-Qaeda"]),
        ("The al-Qaeda affiliate of the Sahel: its attacks in Mali.", ["al-Qaeda"]),
        ("The militant group, an offshoot of the Islamic State in Khorasan.", ["Islamic State"]),
        ("The armed wing of Hamas in Gaza.", ["Hamas"]),
        ("A militant group affiliated with al-Qaeda.", ["al-Qaeda"]),
        # typed in lower case: the words beside the cue, with a capital
        ("islamic state-affiliated militant group that held the yarmouk basin.", ["Islamic State"]),
        ("the al-qaeda affiliate of the sahel: its attacks in mali.", ["al-Qaeda"]),
        ("the armed wing of hamas in gaza.", ["Hamas"]),
        # no group's description, or no group it belongs to, or none named but by everyday
        # words ("State" of a name whose other word was typed in lower case)
        ("The dam on the Dnipro: its branch canals and the reservoir.", []),
        ("News about islamic State-affiliated militant group that held the basin.", []),
        ("The Russian private military company founded by Yevgeny Prigozhin.", []),
    ],
)
def test_a_groups_parent_is_the_group_its_description_says_it_belongs_to(
    about: str, expected: list[str]
) -> None:
    assert parents(about) == expected


def test_a_text_that_writes_a_groups_parent_and_its_place_writes_its_name(
    matcher: Matcher,
) -> None:
    """News names an affiliate by its parent and where it is: "IS-controlled territory in the
    Yarmouk Basin" for Jaish Khalid bin al-Waleed (dev d028, 0.37 before; d003 0.71), "al-Qaeda
    operatives" in a UN report on Yemen for AQAP (0.09). Such a text does not leave the
    group's name out; one that writes the parent elsewhere, or the place without the parent,
    does. The place is the most particular its description first names (the Yarmouk basin,
    not Syria), and the one another watched topic's name writes is that topic's ("the Yarmouk
    refugee camp")."""
    about = (
        "Islamic State-affiliated militant group that held the Yarmouk basin in south-west"
        " Syria from 2016 until 2018."
    )
    jkbw = Topic("jkbw", "Jaish Khalid bin al-Waleed", about, ())
    about = "Al-Qaeda's Yemeni branch: its attacks, US drone strikes on its leaders."
    aqap = Topic("aqap", "AQAP", about, ("al-Qaeda in the Arabian Peninsula",))
    about = "The Palestinian refugee camp in southern Damascus, held by Islamic State until 2018."
    camp = Topic("camp", "Yarmouk refugee camp", about, ("Yarmouk camp",))
    m = Matcher(matcher.embedder, [jkbw, aqap, camp], THRESHOLD)

    text = "Islamic State fighters held out in the villages of the Yarmouk basin on Tuesday."
    assert "jkbw" not in left_out(m, "Army advances in Daraa", text)
    text = "Islamic State fighters attacked an army post in Syria's eastern desert."
    assert "jkbw" in left_out(m, "Attack in the desert", text)
    text = "Islamic State fighters left the Yarmouk refugee camp in buses on Sunday."
    assert "jkbw" in left_out(m, "Buses leave Damascus", text)
    text = "Rebels shelled the villages of the Yarmouk basin on Tuesday."
    assert "jkbw" in left_out(m, "Shelling in Daraa", text)
    # ... by any name news gives the parent ("ISIS", "ISIL", "Daesh"; dev d008, d009: 0.44,
    # 0.34 before), not by an acronym in capitals that English also writes ("IS")
    text = "Syrian troops took the last villages ISIS held in the Yarmouk basin."
    assert "jkbw" not in left_out(m, "Army advances in Daraa", text)
    text = "Government forces shelled Daesh positions in the Yarmouk basin."
    assert "jkbw" not in left_out(m, "Shelling in Daraa", text)
    text = "ISIS fighters attacked an army post in Syria's eastern desert."
    assert "jkbw" in left_out(m, "Attack in the desert", text)
    assert "jkbw" in left_out(m, "WHAT IS LEFT OF THE YARMOUK BASIN", "Rebels shelled villages.")
    text = "Two Al-Qaeda operatives worked with Houthi intelligence in Yemen, the UN panel said."
    assert "aqap" not in left_out(m, "UN report on Yemen", text)
    text = "Al-Qaeda's Somali ally al-Shabaab attacked a base near Mogadishu."
    assert "aqap" in left_out(m, "Attack in Somalia", text)


def test_a_country_watched_by_a_name_of_its_own_is_named_by_its_capital(
    matcher: Matcher,
) -> None:
    """A country a watchlist also names by a word the model does not know ("Sakartvelo") is
    named by its capital, its people or a town of it: a story of protests in Tbilisi
    against "the Georgian Dream government" leaves no name of Georgia out; one of Yerevan
    does."""
    about = "The South Caucasus country: its government, protests and occupied Abkhazia."
    m = Matcher(matcher.embedder, [Topic("ge", "Georgia", about, ("Sakartvelo",))], THRESHOLD)

    def absent(title: str, text: str) -> bool:
        return bool(m.features(title, text, m.embed([(title, text)])[0]).absent[0])

    assert not absent("Protests in Tbilisi", "Riot police cleared the avenue in Tbilisi.")
    assert absent("Protests in Yerevan", "Riot police cleared the avenue in Yerevan.")


def test_a_person_is_met_by_a_word_of_the_name_after_a_title(matcher: Matcher) -> None:
    """ "President Putin", "Prime Minister Abiy": a title tells a person's name from a word
    the model knows ("Putin" alone met no alias of Vladimir Putin, 0.31 for a story of the
    Kremlin's security council) and from a word English writes every day ("Trump"); not
    another's of the name, who is given a name of their own ("President Mohamed Abdullahi
    Mohamed"), nor the word alone ("Putin told ..."), which many may share."""
    about = "The president of Russia: his war in Ukraine and his meetings with leaders."
    putin = Topic("putin", "Vladimir Putin", about, ())
    about = "The prime minister of Ethiopia: his government and the Tigray war."
    abiy = Topic("abiy", "Abiy Ahmed", about, ())
    about = "The Somali president: his government and his elections."
    farmaajo = Topic("farmaajo", "Mohamed Farmaajo", about, ())
    m = Matcher(matcher.embedder, [putin, abiy, farmaajo], THRESHOLD)

    def met(title: str, text: str) -> set[str]:
        v = m.embed([(title, text)])[0]
        return {x.topic_id for x in m.score(title, text, v, "a") if x.evidence["alias"]}

    assert met("Kremlin talks", "President Putin told his security council so.") == {"putin"}
    assert met("Speech", "Prime Minister Abiy spoke to parliament in Addis Ababa.") == {"abiy"}
    text = "President Mohamed Abdullahi Mohamed met Kenyan officials in Nairobi."
    assert met("Summit", text) == set()
    assert met("Kremlin talks", "Putin told his security council so.") == set()


def test_a_person_named_by_a_word_the_model_knows_is_not_left_out(matcher: Matcher) -> None:
    """A watched person whose name carries a word the model does not know ("Imran") is
    named by any word of the name a text writes as one, "Khan", though no alias meets
    that word alone (the model knows it, and many share it): a story that writes "Khan"
    three times left the name out before. Not another's "Khan" ("Sadiq Khan"), nor
    another's given name ("Khan Younis" in Gaza), nor an everyday word of an epithet."""
    about = "The former prime minister of Pakistan: his imprisonment and his party PTI."
    khan = Topic("khan", "Imran Khan", about, ())
    about = "The 7th-century Arab commander of the early Muslim conquests: his battles."
    khalid = Topic("khalid", "Khalid ibn al-Walid", about, ("Sword of God",))
    m = Matcher(matcher.embedder, [khan, khalid], THRESHOLD)

    text = "A court extended the detention of the former prime minister Khan by 14 days."
    assert "khan" not in left_out(m, "Detention extended", text)
    assert "khan" in left_out(m, "London votes", "Sadiq Khan won a third term as mayor of London.")
    assert "khan" in left_out(m, "Strike in Gaza", "An air strike hit Khan Younis on Tuesday.")
    assert "khalid" in left_out(m, "Games of the year", "God of War was the year's best game.")


def test_a_person_is_met_by_the_surname_alone(matcher: Matcher) -> None:
    """A headline or a summary names a watched person by the surname ("Putin breaks silence on
    Prigozhin death": 0.16 before, with no name met); another of the family ("Maher
    al-Assad", "Eduardo Bolsonaro") is not the person, nor is the surname of a topic that
    reads as no person's."""
    about = "The founder and head of the Wagner Group: his mutiny in June 2023 and his death."
    prigozhin = Topic("prigozhin", "Yevgeny Prigozhin", about, ())
    about = "The former Syrian president, his government and his fall in December 2024."
    assad = Topic("assad", "Bashar al-Assad", about, ())
    about = "The Brazilian far-right politician: his presidency and his trials."
    bolsonaro = Topic("bolsonaro", "Jair Bolsonaro", about, ())
    about = "Jihadist group in north-east Nigeria and its attacks."
    boko = Topic("boko", "Boko Haram", about, ())
    m = Matcher(matcher.embedder, [prigozhin, assad, bolsonaro, boko], THRESHOLD)

    def met(title: str, text: str) -> dict[str, str | None]:
        scored = m.score(title, text, m.embed([(title, text)])[0], "a")
        return {x.topic_id: (x.evidence["alias"] or {}).get("alias") for x in scored}

    text = "President Vladimir Putin called Prigozhin a talented man who made mistakes."
    assert met("Putin breaks silence on Prigozhin death", text)["prigozhin"] == "Prigozhin"
    title, text = "Prigozhin's men to leave", "Wagner's founder said they would go on May 10."
    assert met(title, text)["prigozhin"] == "Prigozhin"
    text = "Похороны прошли закрыто."  # in any script, as the full name is met
    assert met("Пригожина похоронили в Петербурге", text)["prigozhin"] == "Prigozhin"
    assert met("Assad flees to Moscow", "He was granted asylum.")["assad"] == "al-Assad"
    assert met("News", "President Assad met the envoy.")["assad"] == "al-Assad"
    assert met("News", "The division of Maher al-Assad withdrew.")["assad"] is None
    assert met("Eduardo Bolsonaro moves to US", "The congressman spoke.")["bolsonaro"] is None
    assert met("News", "The son, Eduardo Bolsonaro, spoke.")["bolsonaro"] is None
    # ... nor is the surname written alone in a text that wrote it first as another's
    text = "Bolsonaro, a congressman, said he would stay in Texas."
    assert met("Eduardo Bolsonaro moves to US", text)["bolsonaro"] is None
    text = "Jair Bolsonaro's son Eduardo Bolsonaro moved to the US. Bolsonaro denies it."
    assert met("News", text)["bolsonaro"] == "Jair Bolsonaro"
    # ... nor a text that writes it alone first, then as another's, never as the person's
    # ("Mike Sonko: ...", then "Mike Mbuvi Sonko": "Mike", an everyday word, said nothing)
    text = "When Mike Eduardo Bolsonaro sat in the Senate, Bolsonaro looked subdued."
    assert met("Bolsonaro: subdued at the hour of reckoning", text)["bolsonaro"] is None
    text = "President Jair Bolsonaro said so. His son Eduardo Bolsonaro agreed."
    assert met("Bolsonaro: subdued", text)["bolsonaro"] == "Bolsonaro"
    assert met("News", "Brazil's Bolsonaro spoke.")["bolsonaro"] == "Bolsonaro"
    assert met("News", "The haram market was closed by Haram elders.")["boko"] is None
    # the same where the watchlist gives the surname as an alias of its own
    about = "Hungary's prime minister since 2010 and leader of Fidesz, and his vetoes in the EU."
    orban = Topic("orban", "Viktor Orbán", about, ("Viktor Orbán", "Orbán"))
    m = Matcher(matcher.embedder, [orban], THRESHOLD)
    text = "Willi Orbán scored twice as RB Leipzig beat Bochum, the defender said."
    assert met("Leipzig win again", text)["orban"] is None
    assert met("News", "Prime Minister Orbán said Hungary would veto it.")["orban"] == "Orbán"
    # ... typed without its diacritics ("Orban" beside "Viktor Orbán")
    orban = Topic("orban", "Viktor Orbán", about, ("Viktor Orbán", "Orban"))
    m = Matcher(matcher.embedder, [orban], THRESHOLD)
    assert met("Leipzig win again", text)["orban"] is None
    assert met("News", "Prime Minister Orban said Hungary would veto it.")["orban"] == "Orban"
    # a surname with its particle ("Le Pen"), whose last word is an everyday one, and another
    # of the family by a given name of two ("Jean-Marie", though "Marie" is spelled much like
    # "Marine"): a real obituary of Jean-Marie Le Pen scored 1.00 for his daughter
    about = "Marine Le Pen, the French far-right leader of the National Rally, and her trial."
    le_pen = Topic("le_pen", "Marine Le Pen", about, ("Marine Le Pen", "Le Pen"))
    m = Matcher(matcher.embedder, [le_pen], THRESHOLD)
    text = (
        "Jean-Marie Le Pen, the founder of the National Front, has died at 96. Le Pen "
        "caused a shock in 2002 when he reached the presidential run-off."
    )
    [match] = m.score("Le Pen dies at 96", text, m.embed([("", text)])[0], "a")
    assert match.evidence["alias"] is None
    assert match.evidence["other_name"] == ["Jean-Marie Le Pen"]
    assert met("News", "Le Pen said her party would appeal.")["le_pen"] == "Le Pen"
    text = "Marine Le Pen thanked her father, Jean-Marie Le Pen, for the party he founded."
    assert met("News", text)["le_pen"] == "Marine Le Pen"
    # a name news gives alone ("Abiy", after "Prime Minister Abiy") just before a name none of
    # his that the model does not know is another's: Abiy Addi, a town in Tigray (0.56 before)
    about = (
        "Abiy Ahmed, Prime Minister of Ethiopia since 2018, his government and the war in Tigray."
    )
    abiy = Topic("abiy", "Abiy Ahmed", about, ("Abiy Ahmed", "Prime Minister Abiy"))
    m = Matcher(matcher.embedder, [abiy], THRESHOLD)
    text = "Abiy Addi is a town in central Tigray, known for its honey and its market."
    assert met("Abiy Addi", text)["abiy"] is None
    assert met("News", "Abiy said the war in Tigray was over.")["abiy"] == "Abiy"
    assert met("Abiy Says Tigray War Is Over", "The premier spoke.")["abiy"] == "Abiy"


def scored_by(m: Matcher, title: str, text: str) -> Match:
    """The first topic's match of one article, as ``m`` scores it."""
    return m.score(title, text, m.embed([(title, text)])[0], "a")[0]


def test_a_headline_in_lower_case_names_another_of_the_family(matcher: Matcher) -> None:
    """A headline that is a page's address ("moussa-traore-who-ruled-mali-...") writes no
    capital, so "moussa" told no given name: a real obituary of Moussa Traoré, Mali's ruler
    until 1991, whose text writes only "Mr. Traoré", scored 0.98 for Burkina Faso's Ibrahim
    Traoré. An English headline all in lower case is read with a capital on its words that are
    no common English word, as a headline in sentence case writes its names."""
    about = (
        "Captain Ibrahim Traoré, Burkina Faso's junta leader since the September 2022 coup, "
        "his rule and the war against jihadists."
    )
    traore = Topic("traore", "Ibrahim Traoré", about, ("Ibrahim Traoré", "Traoré"))
    m = Matcher(matcher.embedder, [traore], THRESHOLD)
    text = (
        "Mr. Traoré was a young lieutenant when he led a coup in 1968. He ruled the country "
        "as its military leader until 1979, when he installed himself as civilian president. "
        "Mr. Traoré was knocked from power in 1991 after days of violent protests."
    )
    title = "moussa-traore-who-ruled-mali-for-22-years-before-being-ousted-in-coup-dies-at-83"
    obituary = scored_by(m, title, text)
    assert obituary.evidence["other_name"] == ["Moussa Traore"] and obituary.score < 0.5
    assert names_capitalised(title).startswith("Moussa Traore who ruled Mali for 22 years")
    # the person's own story so headed is his
    text = "Captain Traoré said the junta would stay in power and fight the jihadists."
    own = scored_by(m, "ibrahim traore extends transition in burkina faso", text)
    assert own.evidence["alias"] is not None and own.score >= 0.5
    # a headline with a capital, in another language or in another script, stays as written
    assert names_capitalised("Moussa traore dies") == "Moussa traore dies"
    assert names_capitalised("смерть моуссы траоре") == "смерть моуссы траоре"


def test_a_headline_naming_another_titled_person_is_that_persons_story(matcher: Matcher) -> None:
    """A headline that names another by a title or a role and none of the watched person's
    names is that one's story, which recalls the person in passing: a real story of Nepal's
    prime minister resigning that compared his fall with Sheikh Hasina's scored 0.99 for her."""
    about = (
        "Sheikh Hasina, prime minister of Bangladesh until her fall in the August 2024 uprising, "
        "her flight to India and the trials against her."
    )
    hasina = Topic("hasina", "Sheikh Hasina", about, ("Sheikh Hasina",))
    m = Matcher(matcher.embedder, [hasina], THRESHOLD)

    text = (
        "Nepal's prime minister resigned after days of protests led by students, who stormed "
        "parliament. Like Sheikh Hasina in Bangladesh a year earlier, he lost the army's "
        "support and fled the capital as the protests against his government spread."
    )
    nepal = scored_by(m, "Nepal's Prime Minister Oli to resign after student protests", text)
    assert nepal.evidence["other_of_kind"] == ["Minister Oli"] and nepal.score < 0.5
    # "PM", as headlines shorten the title (before, no title: "Populist Party of Former PM
    # Babis Wins Czech Parliamentary Elections" scored 0.96 for Viktor Orbán)
    nepal = scored_by(m, "Nepal PM Oli To Resign After Student Protests", text)
    assert nepal.evidence["other_of_kind"] == ["PM Oli"] and nepal.score < 0.5
    # not where the headline names her too, nor a word a title-case headline capitalises
    own = scored_by(m, "Prime Minister Oli meets Sheikh Hasina", text)
    assert own.evidence["other_of_kind"] is None
    text = (
        "Sheikh Hasina was sentenced in absentia by a tribunal in Dhaka for her government's "
        "crackdown on the protests that ousted her; she remains in India."
    )
    verdict = scored_by(m, "Former Leader Sentenced In Absentia", text)
    assert verdict.evidence["other_of_kind"] is None and verdict.score >= 0.5


def test_a_headline_naming_another_person_in_full_is_that_persons_story(matcher: Matcher) -> None:
    """A headline that names another person in full and none of the watched person's names is
    that one's story: a real story of an Istanbul district mayor's detention that named Ekrem
    İmamoğlu in passing scored 0.99 for him. Not a place of two words, nor a headline in title
    case, whose capitals say nothing (unless its text writes the two words as a name), nor one
    that names the watched person too."""
    about = (
        "Ekrem İmamoğlu, mayor of Istanbul for the opposition CHP, his arrest in March 2025, the "
        "trials against him and the protests for his release."
    )
    imamoglu = Topic("imamoglu", "Ekrem İmamoğlu", about, ("Ekrem İmamoğlu",))
    m = Matcher(matcher.embedder, [imamoglu], THRESHOLD)
    text = (
        "Police detained the mayor of Esenyurt, one of Istanbul's districts, in an investigation "
        "into alleged links with the PKK. The CHP said the detention was political, as it had "
        "said of the case against Istanbul's mayor Ekrem İmamoğlu, and called for protests."
    )
    other = scored_by(m, "Ahmet Özer, Istanbul district mayor, detained in terror probe", text)
    assert other.evidence["other_of_kind"] == ["Ahmet Özer"] and other.score < 0.5
    for title in (
        "Ekrem İmamoğlu defends Ahmet Özer after his detention",
        "Las Vegas police detain Istanbul district mayor",
        "Istanbul Mayor Detained As Ahmet Özer Case Widens",
        "ÖZER DETAINED NOW",
    ):
        kept = scored_by(m, title, text)
        assert kept.evidence["other_of_kind"] is None and kept.score >= 0.5, title
    # A headline in title case names a person where the text writes the two words so, as
    # only a name is written ("Irfaan Ali Secures Second Term as President of Guyana", 0.92
    # for Nicolás Maduro before, and "President Irfaan Ali" in its text).
    named = text.replace("the mayor of Esenyurt", "Ahmet Özer, the mayor of Esenyurt")
    title = "Istanbul Mayor Detained As Ahmet Özer Case Widens"
    other = scored_by(m, title, named)
    assert other.evidence["other_of_kind"] == ["Ahmet Özer"] and other.score < 0.5
    own = scored_by(m, "Istanbul Mayor Ekrem İmamoğlu Speaks Out", named)
    assert own.evidence["other_of_kind"] is None and own.score >= 0.5
    # nor a person the topic's description names: the person's own story
    with_rival = Topic("imamoglu", "Ekrem İmamoğlu", f"{about} His rival Ahmet Özer.", ())
    m = Matcher(matcher.embedder, [with_rival], THRESHOLD)
    own = scored_by(m, "Ahmet Özer, Istanbul district mayor, detained in terror probe", text)
    assert own.evidence["other_of_kind"] is None


def test_another_of_the_family_the_headline_names_in_full_is_that_ones_story(
    matcher: Matcher,
) -> None:
    """A headline that names another of a watched person's family in full ("Mohammed Sinwar",
    a brother) is that one's story, though it writes the surname and its text the person's
    name in a clause: real stories of Mohammed Sinwar's death scored 0.96 for Yahya Sinwar,
    a profile of Balázs Orbán 1.00 for Viktor Orbán. Not a headline that names the person
    too."""
    about = (
        "Yahya Sinwar, the Hamas leader in Gaza behind the 7 October 2023 attack, killed in "
        "Rafah in October 2024."
    )
    sinwar = Topic("sinwar", "Yahya Sinwar", about, ("Yahya Sinwar", "Sinwar"))
    m = Matcher(matcher.embedder, [sinwar], THRESHOLD)
    text = (
        "Israel's defence minister said on Wednesday that Mohammed Sinwar, a senior Hamas "
        "commander and the younger brother of Yahya Sinwar, was likely killed in an airstrike "
        "on a tunnel under a hospital in Khan Younis last week. The army said Sinwar had "
        "hidden there with ten of his aides."
    )
    other = scored_by(m, "Mohammed Sinwar likely killed in Gaza strike, Israel says", text)
    assert other.evidence["other_of_kind"] == ["Mohammed Sinwar"] and other.score < 0.5
    for title in (
        "Yahya Sinwar's brother Mohammed Sinwar likely killed, Israel says",
        "Sinwar and his brother Mohammed Sinwar: Israel's most wanted",
    ):
        kept = scored_by(m, title, text)
        assert kept.evidence["other_of_kind"] is None and kept.score >= 0.5, title


@pytest.mark.parametrize(
    ("title", "likened"),
    [
        ("Costa Rica to build Bukele-style mega prison", "Bukele-style"),
        ("Al estilo Bukele, Honduras continúa su batalla contra las pandillas", "estilo Bukele"),
        ('Noboa busca replicar en Ecuador el "modelo Bukele"', "modelo Bukele"),
        ("A Bukele-like crackdown", "Bukele-like"),
        ("Bukele visits Costa Rica's new prison", None),
        ("Bukele-style prison opens as Bukele visits", None),
    ],
)
def test_a_name_written_as_a_model_is_read_in_the_headline(title: str, likened: str | None) -> None:
    """A name as a model another thing follows: after a word for one ("al estilo", "modelo")
    or before a suffix that makes it one ("-style", "-like"); every hit in the headline so."""
    found = [AliasHit("Bukele", m.start(), m.end()) for m in re.finditer("Bukele", title)]
    assert likened_only(title, found) == likened


def test_a_headline_that_likens_another_to_the_topic_tells_of_the_other(
    matcher: Matcher,
) -> None:
    """A headline that writes the watched topic's name only as a model another thing follows
    ("Bukele-style", "al estilo Bukele", "el modelo Bukele") is a story of what is so likened,
    though the text names the person in full: real stories of Costa Rica's and Honduras'
    prisons and gang crackdowns scored 0.97 for Nayib Bukele. Not a headline that names the
    person otherwise too."""
    about = (
        "Nayib Bukele, president of El Salvador since 2019, his gang crackdown and the CECOT "
        "mega-prison."
    )
    bukele = Topic("bukele", "Nayib Bukele", about, ("Nayib Bukele", "Bukele"))
    m = Matcher(matcher.embedder, [bukele], THRESHOLD)
    text = (
        "President Rodrigo Chaves announced plans for a maximum-security prison modeled on "
        "the mega prison of Nayib Bukele in El Salvador, as violence rises in Costa Rica."
    )
    for title, likened in (
        ("Costa Rica to build Bukele-style mega prison amid rising violence", "Bukele-style"),
        ("Costa Rica adopts the 'model Bukele' against gangs", "model Bukele"),
    ):
        other = scored_by(m, title, text)
        assert other.evidence["other_of_kind"] == [likened] and other.score < 0.5, title
    for title in (
        "Bukele's mega prison: Costa Rica to build its own",
        "Costa Rica to build Bukele-style prison, Bukele offers help",
    ):
        kept = scored_by(m, title, text)
        assert kept.evidence["other_of_kind"] is None and kept.score >= 0.5, title


def test_a_surname_the_text_gives_to_another_is_not_the_persons(matcher: Matcher) -> None:
    """A surname after a title ("PM Orban") or alone names the watched person, unless the text
    says who it is: another given name before it ("Ludovic Orban", Romania's prime minister),
    and the person's own nowhere. Real Reuters and Romanian stories of Ludovic Orban's
    government scored 0.97 and 0.82 for Viktor Orbán."""
    about = "Viktor Orbán, Hungary's prime minister and Fidesz leader, and his EU disputes."
    orban = Topic("orban", "Viktor Orbán", about, ("Viktor Orban", "Orbán Viktor"))
    m = Matcher(matcher.embedder, [orban], THRESHOLD)
    text = (
        "Romania's prime minister-designate Ludovic Orban easily won a vote of confidence in "
        "parliament on Saturday. Lawmakers had toppled Orban's minority government in February."
    )
    other = scored_by(m, "Romanian lawmakers endorse PM Orban in vote of confidence", text)
    assert other.evidence["alias"] is None and other.score < 0.5
    assert other.evidence["other_name"] == ["Ludovic Orban", "Orban"]
    other = scored_by(m, "Romania's new government to seek vote of confidence", text)
    assert other.evidence["other_name"] == ["Ludovic Orban", "Orban"] and other.score < 0.5
    # ... where the text names the person too, a surname alone may be theirs
    both = text + " Hungary's Viktor Orbán congratulated him; Orban called it a new start."
    kept = scored_by(m, "Romanian lawmakers endorse PM Orban in vote of confidence", both)
    assert kept.evidence["alias"] is not None
    text = "Prime Minister Orban said Hungary would veto the EU's aid to Ukraine again."
    kept = scored_by(m, "Hungary's PM Orban vetoes EU aid", text)
    assert kept.evidence["alias"] == {"alias": "Viktor Orbán", "text": "Orban"}


def test_a_headline_placing_the_story_in_another_country_is_that_countrys(
    matcher: Matcher,
) -> None:
    """For a topic of an outbreak or a disaster in a country, a headline that names other
    countries only, by their names, tells their own story, which recalls the topic's in passing:
    a real story of Marburg virus in Ethiopia that closed on Rwanda's 2024 cluster scored 0.99
    for Marburg virus in Rwanda."""
    about = (
        "The outbreak of Marburg virus disease in Rwanda from September 2024, the cases and "
        "deaths among health workers, contact tracing, the vaccine trials with doses from the "
        "United States, and the end of the outbreak."
    )
    marburg = Topic("marburg", "Marburg virus in Rwanda", about, ("Marburg virus Rwanda",))
    canal = Topic("canal", "Panama Canal", "Shipping through the Panama Canal.", ())
    about = "Foreign direct investment flows into India and the rules for foreign investors."
    fdi = Topic("fdi", "Foreign investment in India", about, ("FDI in India",))
    m = Matcher(matcher.embedder, [marburg, canal, fdi], THRESHOLD)
    # (not a topic named for a place or work of its own: others of its kind tell it; nor one
    # of a country's dealings with others, whose headlines name them: "Netherlands and France
    # favourites for routing investments")
    assert list(m.placed_events) == [0] and "RW" in m.placed_events[0]

    ethiopia = (
        "Health authorities confirmed an outbreak of Marburg virus disease in the south of the "
        "country after laboratory tests, and isolated the cases and traced their contacts. The "
        "virus, a relative of Ebola, causes fever and bleeding. Recent outbreaks, such as "
        "Rwanda's cluster of cases among health workers in late 2024, show its spread."
    )
    other = scored_by(m, "Marburg virus outbreak confirmed in southern Ethiopia", ethiopia)
    assert other.evidence["other_of_kind"] == ["Ethiopia"] and other.score < 0.5
    rwanda = (
        "Rwanda declared the end of its Marburg virus outbreak after 42 days without a new case. "
        "Health workers had been most of the cases, and contact tracing and a vaccine trial "
        "had slowed the spread."
    )
    own = scored_by(m, "Rwanda declares end of Marburg outbreak", rwanda)
    assert own.evidence["other_of_kind"] is None and own.score >= 0.5
    # not a country its description names, nor one named by its people alone
    doses = scored_by(m, "United States ships Marburg vaccine doses", rwanda)
    assert doses.evidence["other_of_kind"] is None
    helpers = scored_by(m, "Kenyan doctors join the Marburg response", rwanda)
    assert helpers.evidence["other_of_kind"] is None and helpers.score >= 0.5
    # a name of the topic's that such a country's name writes is not the topic's: "Sudan" of
    # "South Sudan" met "Sudan cholera outbreak" in a real story of South Sudan (0.99)
    about = "Cholera outbreaks in Sudan during the war, the cases and deaths, and vaccination."
    cholera = Topic("cholera", "Cholera in Sudan", about, ("Sudan cholera outbreak",))
    m = Matcher(matcher.embedder, [cholera], THRESHOLD)
    text = (
        "Health authorities declared a cholera outbreak in Renk, a county on the northern "
        "border with Sudan, where refugees fleeing the war arrive, and sent a taskforce."
    )
    south = scored_by(m, "South Sudan mobilizes taskforce as cholera outbreak hits Renk", text)
    assert south.evidence["other_of_kind"] == ["South Sudan"] and south.score < 0.5
    own = scored_by(m, "Sudan cholera outbreak spreads to Khartoum", text)
    assert own.evidence["other_of_kind"] is None


def test_a_headline_naming_another_storm_is_that_storms_story(matcher: Matcher) -> None:
    """For a topic of a storm, a headline that names another storm and none of the topic's
    names is that storm's story: a real story of Cyclone Jude in Mozambique and Malawi scored
    0.56 for Cyclone Freddy."""
    about = (
        "Tropical Cyclone Freddy of February-March 2023, its landfalls in Madagascar and "
        "Mozambique, the floods and landslides in Malawi, the dead and the relief."
    )
    freddy = Topic("freddy", "Cyclone Freddy", about, ("Cyclone Freddy",))
    m = Matcher(matcher.embedder, [freddy], THRESHOLD)
    assert m.storms == {0: frozenset({("frd", "freddy")})}

    text = (
        "The storm made landfall in Nampula province of Mozambique on Tuesday with winds of 140 "
        "km/h, damaging roads and power lines. Officials said several people died. Cyclone "
        "Freddy struck the same coast in 2023."
    )
    jude = scored_by(m, "Cyclone Jude kills several people in Mozambique, Malawi", text)
    assert jude.evidence["other_of_kind"] == ["Cyclone Jude"] and jude.score < 0.5
    # not where the headline names the topic's storm too, nor a word a title-case headline
    # capitalises ("Relief"), nor another storm named only in the text
    both = scored_by(m, "Cyclone Jude hits Malawi two years after Cyclone Freddy", text)
    assert both.evidence["other_of_kind"] is None
    text = (
        "Cyclone Freddy's floods left tens of thousands homeless in Malawi, where aid groups "
        "hand out food; Cyclone Jude, a weaker storm, followed two years later."
    )
    relief = scored_by(m, "Cyclone Relief Efforts Continue In Malawi", text)
    assert relief.evidence["other_of_kind"] is None and relief.score >= 0.5


def test_a_lower_case_headline_names_a_storm_the_text_names(matcher: Matcher) -> None:
    """A headline written all in lower case, a page's address, capitalises no storm's name:
    "le-cyclone-dikeledi-arrive-sur-madagascar", of a real French story of the next storm
    that recalls Chido, scored 1.00 for Cyclone Chido. The text's own "tempête tropicale
    Dikeledi" tells the name."""
    about = (
        "Tropical Cyclone Chido, which devastated the French territory of Mayotte on 14 "
        "December 2024, the death toll, the destroyed shantytowns and the relief effort."
    )
    chido = Topic("chido", "Cyclone Chido", about, ("Cyclone Chido", "Chido"))
    m = Matcher(matcher.embedder, [chido], THRESHOLD)
    text = (
        "Moins d'un mois après le cyclone Chido, Mayotte doit affronter la tempête tropicale "
        "Dikeledi. L'île a été placée en vigilance rouge samedi soir, et les habitants des "
        "bidonvilles détruits sont appelés à rejoindre les abris."
    )
    dikeledi = scored_by(m, "le-cyclone-dikeledi-arrive-sur-mayotte", text)
    assert dikeledi.evidence["other_of_kind"] == ["cyclone-dikeledi"] and dikeledi.score < 0.5
    # the topic's own storm in such a headline, and a word after a storm's word that the
    # text never writes as a storm's name, name no other storm
    own = scored_by(m, "le-cyclone-chido-a-devaste-mayotte", text)
    assert own.evidence["other_of_kind"] is None and own.score >= 0.5
    text = (
        "À Mayotte, les habitants reconstruisent leurs maisons détruites par le cyclone Chido "
        "avec des tôles récupérées, faute de matériaux."
    )
    relief = scored_by(m, "mayotte-cyclone-reconstruction-des-bidonvilles", text)
    assert relief.evidence["other_of_kind"] is None


def test_a_title_case_headline_names_a_storm_the_text_names(matcher: Matcher) -> None:
    """Storms bear given names the model knows, and a headline in title case capitalises every
    word: "Hurricane John Devastates Mexico's Pacific Coast" named no storm (its "John" read
    as a common word there), and a real story of Hurricane John in Acapulco, recalling "last
    year's Hurricane Otis", scored 0.98 for Hurricane Otis. The text's own "Tropical Storm
    John", mid-sentence, tells the name."""
    about = (
        "Hurricane Otis, which struck Acapulco, Mexico, as a Category 5 storm on 25 October "
        "2023, the deaths and damage, the looting and the reconstruction of Acapulco."
    )
    otis = Topic("otis", "Hurricane Otis", about, ("Hurricane Otis",))
    m = Matcher(matcher.embedder, [otis], THRESHOLD)
    text = (
        "The storm caused severe flooding and landslides in Acapulco, still recovering from "
        "last year's Hurricane Otis. Tropical Storm John made its second landfall on Friday, "
        "and the deaths rose to 22 as rescuers reached the damaged towns."
    )
    john = scored_by(m, "Hurricane John Devastates Mexico's Pacific Coast", text)
    assert john.evidence["other_of_kind"] == ["Hurricane John"] and john.score < 0.5
    # a headline in title case whose storm word stands before a word the text never writes
    # as a storm's name names none ("Hurricane Season Devastates ...")
    season = scored_by(m, "Hurricane Season Devastates Mexico's Pacific Coast", text)
    assert season.evidence["other_of_kind"] is None
    # nor a body or a thing of storms that a storm's word names ("the National Hurricane
    # Center", read as a storm called Center), in a headline in sentence case
    text = (
        "Hurricane Otis strengthened to a Category 5 storm overnight and struck Acapulco, "
        "where the deaths and damage rose as rescuers reached the city."
    )
    center = scored_by(
        m, "National Hurricane Center says the storm grew faster than forecast", text
    )
    assert center.evidence["other_of_kind"] is None and center.score >= 0.5


def test_a_headline_dated_before_the_topics_year_is_another_years_story(matcher: Matcher) -> None:
    """For a topic whose name gives its year ("2022 Pakistan floods"), a headline that names
    only years before it tells a story of before, which cannot report the topic's: a real
    story of the 2010 floods, "Pakistan, Floods 2010", scored 0.98. Not a headline that names
    the topic's year or a later one (a story looking back), nor a number that is no year."""
    about = (
        "The floods that submerged a third of Pakistan in the 2022 monsoon, the dead and the "
        "displaced, the relief and the rebuilding."
    )
    floods = Topic("floods", "2022 Pakistan floods", about, ("Pakistan floods",))
    m = Matcher(matcher.embedder, [floods], THRESHOLD)
    assert m.name_years == {0: 2022}

    text = (
        "Pakistan floods left millions homeless in Sindh and Punjab as the Indus burst its "
        "banks; aid agencies appealed for food, clean water and tents for the displaced."
    )
    before = scored_by(m, "Pakistan, Floods 2010", text)
    assert before.evidence["other_of_kind"] == ["2010"] and before.score < 0.5
    for title in (
        "Pakistan floods: a year on from 2022",
        "Pakistan floods of 2010 and 2022 compared",
        "2023 brings no relief to Pakistan flood victims",
        "Pakistan floods displace 1,325 families",
    ):
        assert scored_by(m, title, text).evidence["other_of_kind"] is None, title
    # A storm's description dates it where its names do not; a topic of no dated kind (a
    # group's, whose description says since when) is left alone.
    about = (
        "Hurricane Otis, which intensified into a Category 5 storm and struck Acapulco, Mexico, "
        "on 25 October 2023, the dead and the destruction of the city."
    )
    otis = Topic("otis", "Hurricane Otis", about, ("Hurricane Otis",))
    about = "The ethnic Rakhine armed group fighting Myanmar's junta, its offensives since 2023."
    arakan = Topic("arakan", "Arakan Army", about, ("Arakan Army",))
    m = Matcher(matcher.embedder, [otis, arakan], THRESHOLD)
    assert m.name_years == {0: 2023}
    text = "Hurricane Otis made landfall near Acapulco with winds of 165 mph."
    assert scored_by(m, "Hurricane Otis (2005)", text).evidence["other_of_kind"] == ["2005"]


def test_a_person_named_only_after_the_lead_is_named_in_passing(matcher: Matcher) -> None:
    """A watched person whom an English text names only after its first PERSON_LEAD_CHARS
    characters, and whose name its headline does not write, is recalled in another's story:
    a real story of a WikiLeaks release that named Julian Assange in its closing lines scored
    0.96 for him. Not where the lead or the headline names him."""
    about = (
        "Julian Assange, founder of WikiLeaks, his detention in London, the US extradition case "
        "against him, his plea deal and release in 2024."
    )
    assange = Topic("assange", "Julian Assange", about, ("Julian Assange", "Assange"))
    m = Matcher(matcher.embedder, [assange], THRESHOLD)
    lead = (
        "WikiLeaks published thousands of files on Tuesday that it says describe hacking tools "
        "used by an intelligence agency to break into phones, televisions and cars. The "
        "organisation said the files had circulated among former government contractors "
        "before one of them passed them on. Security researchers who read the first batch "
        "said the tools looked genuine, though several were years old and had been patched. "
        "Phone makers said they were studying the documents and would fix any flaw still open. "
        "The agency declined to comment on the authenticity of the files, and lawmakers asked "
        "for a briefing on how they had been taken. "
    )
    assert len(lead) > PERSON_LEAD_CHARS
    close = "Its founder, Julian Assange, spent years in the Ecuadorian embassy in London."
    title = "WikiLeaks publishes trove of hacking files"
    passing = scored_by(m, title, lead + close)
    assert passing.evidence["named_in_passing"] is True and passing.score < 0.5
    assert "in passing, in another's story" in reason(passing.evidence, "Julian Assange")
    # named in the lead, or in the headline, he is part of the story
    first = scored_by(m, title, close + " " + lead)
    assert first.evidence["named_in_passing"] is False and first.score >= 0.5
    headline = scored_by(m, "Assange's WikiLeaks publishes trove of hacking files", lead + close)
    assert headline.evidence["named_in_passing"] is False and headline.score >= 0.5


def test_a_city_an_english_text_names_once_is_named_in_passing(matcher: Matcher) -> None:
    """A watched city that an English text names once, and not in its headline, is named in
    another's story: a real story of the fighting for Kupiansk that closed on "...near
    Pokrovsk, another focal point of Moscow's offensive" scored 0.97 for Pokrovsk. Not where
    the text names the city again, or its headline names it."""
    about = (
        "The town of Pokrovsk in Ukraine's Donetsk region, a road and rail logistics hub, and "
        "the Russian offensive against it since 2024, the fighting in the city and its capture."
    )
    pokrovsk = Topic("pokrovsk", "Pokrovsk", about, ("Pokrovsk",))
    m = Matcher(matcher.embedder, [pokrovsk], THRESHOLD)
    assert m.city_topics == frozenset({0})
    text = (
        "Russian forces claimed on Tuesday to have captured half of Kupiansk, a city in the "
        "Kharkiv region, which Ukrainian officials denied, saying their troops held their "
        "positions after weeks of assaults. Ukraine's military said it repelled nearly 50 "
        "attempts by Russian forces to break through Ukrainian defences near Pokrovsk, another "
        "focal point of Moscow's offensive in the Donetsk region."
    )
    title = "Russia claims capture of half of Kupiansk as Ukraine denies advance"
    once = scored_by(m, title, text)
    assert once.evidence["named_once"] is True and once.evidence["named_in_passing"] is True
    assert once.score < 0.5
    assert "the city is named once" in reason(once.evidence, "Pokrovsk")
    # named again, or in the headline, it is part of the story
    again = text + " In Pokrovsk itself, the evacuation of the last civilians went on."
    twice = scored_by(m, title, again)
    assert twice.evidence["named_once"] is False and twice.score >= 0.5
    headline = scored_by(m, "Fighting near Pokrovsk and Kupiansk as Russia presses on", text)
    assert headline.evidence["named_once"] is False and headline.score >= 0.5
    # once is one place, which two of the city's names may both meet (a real story of the
    # Pokrovsk front recalling "the capture of Avdiivka" scored 0.99 for Avdiivka, whose
    # watchlist wrote "Avdiivka" and "Avdiyivka")
    avdiivka = Topic(
        "avdiivka",
        "Avdiivka",
        "The town of Avdiivka in Ukraine's Donetsk region and the long Russian offensive on it "
        "(October 2023 - February 2024), its fall and the Ukrainian withdrawal.",
        ("Avdiivka", "Avdiyivka"),
    )
    m = Matcher(matcher.embedder, [avdiivka], THRESHOLD)
    closing = " Moscow's troops have pressed on westward since the capture of Avdiivka."
    vector = m.embed([(title, text + closing)])[0]
    assert len(m.features(title, text + closing, vector).hits[0]) == 2
    once = scored_by(m, title, text + closing)
    assert once.evidence["named_once"] is True and once.evidence["named_in_passing"] is True
    assert once.evidence["alias_count"] == 1


def test_a_text_that_names_an_event_by_its_day_names_it(embedder) -> None:
    """News names an event by its day as by a name ("6 Şubat depremleri", a real Turkish
    story of the Kahramanmaraş earthquakes' toll, scored 0.45 without it): a text that writes
    the day the description dates the event by leaves no name out and names the topic; the
    same text written with another day does not."""
    quake = Topic(
        "quake",
        "2023 Turkey-Syria earthquake",
        "The magnitude 7.8 earthquakes of 6 February 2023 in southern Turkey and northern "
        "Syria, the tens of thousands of dead, the rescue, the aid and the reconstruction.",
        ("Turkey-Syria earthquake", "Kahramanmaras earthquake"),
    )
    m = Matcher(embedder, [quake], THRESHOLD)
    title = "Survivors still wait for homes in Antakya"

    def story(day: str) -> str:
        return (
            f"Nearly two years after the {day} earthquake, thousands of families in Antakya "
            "still live in container cities on the edge of town. The government has promised "
            "650,000 new homes, but residents say construction is slow and many buildings that "
            "survived the tremors were later demolished. Aid groups warn that winter conditions "
            "in the camps remain harsh, and that many children have not returned to school "
            "since their homes collapsed."
        )

    dated = scored_by(m, title, story("February 6"))
    assert dated.evidence["named_by_date"] == "February 6"
    assert dated.evidence["name_absent"] is False and dated.score >= THRESHOLD
    assert reason(dated.evidence, quake.name).startswith("named by its day, 'February 6'")
    other_day = scored_by(m, title, story("February 16"))
    assert other_day.evidence["named_by_date"] is None
    assert other_day.evidence["name_absent"] is True and other_day.score < THRESHOLD


def test_a_storms_name_before_a_surname_is_a_persons(matcher: Matcher) -> None:
    """Storms bear given names, and a watchlist writes the storm's alone ("Helene"): "Helene
    Fischer" in a real German story of the singer scored 0.89 for Hurricane Helene, "Hélène
    Carrère d'Encausse" in a French obituary 0.88. A capitalised word right after the name
    that is a surname (no everyday word, place or acronym) makes it a person's; the storm's
    own news keeps its hit."""
    helene = Topic(
        "helene",
        "Hurricane Helene",
        "Hurricane Helene, the September 2024 hurricane that struck Florida's Big Bend and "
        "flooded western North Carolina, its deaths, damage and recovery.",
        ("Hurricane Helene", "Helene"),
    )
    m = Matcher(matcher.embedder, [helene], THRESHOLD)
    singer = scored_by(
        m,
        "Schlager star announces her return to the stage",
        "Helene Fischer will tour again next year, her management said on Monday. The singer, "
        "who took a long break after the birth of her daughter, plans twenty concerts in "
        "stadiums across Germany, Austria and Switzerland. Tickets go on sale in March.",
    )
    assert singer.evidence["other_name"] == ["Helene Fischer"] and singer.score < 0.5
    for storm in (
        "Helene made landfall in Florida's Big Bend late on Thursday as a Category 4 storm.",
        "Helene Recovery Fund volunteers cleared debris in Asheville after the flooding.",
        "Residents of Asheville said Helene FEMA aid was slow to arrive after the flooding.",
    ):
        hit = scored_by(m, "Storm damage across the South", storm)
        assert hit.evidence["alias"] is not None and hit.evidence["other_name"] is None


def test_a_headline_dated_before_a_persons_role_is_a_story_of_before(matcher: Matcher) -> None:
    """A watched person whose description opens with a role held since a year ("Gustavo
    Petro, president of Colombia since August 2022") is followed from then: a headline that
    names only years before it tells of before (a real "Petro reconoce su derrota en la
    segunda vuelta presidencial de 2018" scored 0.98). A year the description gives later than
    the role after the name dates nothing ("Ousmane Sonko, Senegalese opposition leader ...,
    and since April 2024 prime minister": his story goes back further)."""
    about = (
        "Gustavo Petro, president of Colombia since August 2022, his government and reforms, "
        "his total peace talks with armed groups."
    )
    petro = Topic("petro", "Gustavo Petro", about, ("Gustavo Petro",))
    about = (
        "Ousmane Sonko, Senegalese opposition leader of PASTEF, his trials and imprisonment, "
        "and since April 2024 prime minister of Senegal."
    )
    sonko = Topic("sonko", "Ousmane Sonko", about, ("Ousmane Sonko",))
    m = Matcher(matcher.embedder, [petro, sonko], THRESHOLD)
    assert m.name_years == {0: 2022}

    text = (
        "Gustavo Petro conceded defeat to Iván Duque in the presidential runoff, saying his "
        "movement would lead the opposition in Congress."
    )
    before = scored_by(m, "Petro concedes defeat in the 2018 presidential runoff", text)
    assert before.evidence["other_of_kind"] == ["2018"] and before.score < 0.5
    later = scored_by(m, "Petro looks back on his 2018 defeat as 2026 nears", text)
    assert later.evidence["other_of_kind"] is None and later.score >= 0.5


def test_a_persons_name_word_beside_another_name_is_anothers(matcher: Matcher) -> None:
    """A watched person's word the model does not know ("Abiy" of Abiy Ahmed, whose watchlist
    gives no alias that news writes alone), written just before a name none of his ("Abiy
    Addi", a town) or after another given name, is a word of another's name (``other_name``),
    not his name written."""
    about = (
        "Abiy Ahmed, Prime Minister of Ethiopia since 2018, his government and the war in Tigray."
    )
    m = Matcher(matcher.embedder, [Topic("abiy", "Abiy Ahmed", about, ("Abiy Ahmed",))], THRESHOLD)

    town = scored_by(m, "Abiy Addi", "Abiy Addi is a town in central Tigray, known for its honey.")
    assert town.evidence["other_name"] == ["Abiy Addi"] and town.score < 0.5
    said = scored_by(m, "News", "Abiy said the war in Tigray was over.")
    assert said.evidence["other_name"] is None and said.score >= 0.5
    headline = scored_by(m, "Abiy Says Tigray War Is Over", "The premier spoke.")
    assert headline.evidence["other_name"] is None and headline.score >= 0.5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Rapid Support Forces", ["RSF"]),
        ("International Atomic Energy Agency", ["IAEA"]),
        ("Hayat Tahrir al-Sham", ["HTS"]),  # an article joined inside: skipped
        ("Al-Qaeda in the Arabian Peninsula", ["AQAP"]),  # ... but not where it opens the name
        ("Jama'at Nusrat al-Islam wal-Muslimin", ["JNIM"]),
        ("Jaish Khalid bin al-Waleed", ["JKBW", "JKW"]),  # with and without "bin"
        ("Democratic Republic of the Congo", ["DRC"]),
        ("Tigray People's Liberation Front", ["TPLF"]),
        # an everyday word in capitals, too few letters, a lower-case word, a figure, an acronym
        ("Central African Republic", []),
        ("World Health Organization", []),
        ("Yarmouk Valley", []),
        ("Zaporizhzhia nuclear power plant", []),
        ("2018 Southern Syria offensive", []),
        ("Kakhovka HPP", []),
    ],
)
def test_a_names_initials(name: str, expected: list[str]) -> None:
    assert initials(name) == expected


def test_initials_a_watchlist_writes_are_not_derived_again() -> None:
    assert initials_of(["Jaish Khalid bin al-Waleed", "JKBW"]) == ["JKW"]
    assert initials_of(["Rapid Support Forces", "R.S.F."]) == []


def test_a_names_short_forms() -> None:
    assert short_forms("Kenya Defence Forces") == [
        *("Kenya Defence", "Kenya Defences", "Defence Forces", "Defence Force")
    ]
    assert "Revolutionary Guards" in short_forms("Islamic Revolutionary Guard Corps")
    assert "Red Cross" in short_forms("International Committee of the Red Cross")
    assert "Committee of the" not in short_forms("International Committee of the Red Cross")


def test_a_group_is_met_by_its_initials_in_english(matcher: Matcher) -> None:
    """A headline names the Rapid Support Forces "RSF" (0.34 and 0.26 before, no name met);
    the French "RSF" is Reporters sans frontières; a person's initials are no name; and a
    text that writes the name of such a group neither whole, nor short, nor by its initials
    leaves it out (name_absent), as one that never writes "Yarmouk" leaves out the valley."""
    about = (
        "The Sudanese paramilitary force led by Mohamed Hamdan Dagalo, at war with the Sudanese"
        " army since April 2023, its sieges of El Fasher and its atrocities in Darfur."
    )
    rsf = Topic("rsf", "Rapid Support Forces", about, ())
    about = "Kenya's military: its operations against al-Shabaab in Somalia."
    kdf = Topic("kdf", "Kenya Defence Forces", about, ())
    about = "The commander of Sudan's Rapid Support Forces, in the war against the army."
    hemedti = Topic("hemedti", "Mohamed Hamdan Dagalo", about, ())
    m = Matcher(matcher.embedder, [rsf, kdf, hemedti], THRESHOLD)

    def scored(title: str, text: str) -> dict[str, Any]:
        return {x.topic_id: x for x in m.score(title, text, m.embed([(title, text)])[0], "a")}

    def met(title: str, text: str) -> dict[str, str | None]:
        return {k: (x.evidence["alias"] or {}).get("alias") for k, x in scored(title, text).items()}

    text = "Paramilitary fighters stormed the last working hospital in the city, witnesses said."
    found = scored("RSF fighters storm El Fasher hospital", text)["rsf"]
    assert found.matched and found.evidence["alias"]["alias"] == "RSF"
    text = "L'ONG a dénoncé l'arrestation de trois journalistes à Khartoum."
    assert met("RSF dénonce l'arrestation de journalistes", text)["rsf"] is None
    assert met("MHD said to be in talks", "The talks went on.")["hemedti"] is None
    long_text = (
        "Al-Shabaab fighters attacked a base in southern Somalia on Monday. " * 12
        + "The US military said it carried out an airstrike in support of Somali troops."
    )
    absent = scored("US airstrikes in Somalia kill al-Shabaab militants", long_text)["kdf"]
    assert absent.evidence["name_absent"] > 0.9
    for title in ("KDF repels al-Shabaab attack", "Kenya's Defence Forces repel an attack"):
        assert scored(title, long_text)["kdf"].evidence["name_absent"] == 0
    # (a longer official name, which news shortens otherwise, is not held to that)
    about = "The African Union's mission against al-Shabaab in Somalia."
    atmis = Topic("atmis", "African Union Transition Mission in Somalia", about, ())
    m = Matcher(matcher.embedder, [kdf, atmis], THRESHOLD)
    found = scored("ATMIS withdraws troops from Somali bases", long_text)
    assert found["atmis"].evidence["name_absent"] == 0 < found["kdf"].evidence["name_absent"]


def test_a_group_named_by_a_code_is_left_out_of_a_story_that_writes_neither_it_nor_its_name(
    matcher: Matcher,
) -> None:
    """A group a watchlist names by a code ("M23", "ISWAP", "PKK") has as distinctive a name
    as one named in full: a story of its region that writes neither the code nor the name it
    stands for is of another group there, or of none (name_absent). Before, such a topic had
    no name to leave out: over the dev texts and feed items, six groups named so (M23, ISWAP,
    PKK, TPLF, AQAP, SDF) took 47 false alerts, ISWAP 0.84 for a story of the Islamic State in
    Daraa. Not a place's code ("DRC"), a kind of plant's ("NPP") nor a thing's that is no
    group (the H5N1 virus of a topic on bird flu)."""
    assert code_name("M23") and code_name("ISWAP") and code_name("PKK")
    assert not code_name("DRC") and not code_name("NPP") and not code_name("Wagner Group")
    about = (
        "The Islamic State affiliate in north-eastern Nigeria and the Lake Chad basin, which"
        " split from Boko Haram in 2016: its attacks on the Nigerian army in Borno state."
    )
    iswap = Topic("iswap", "ISWAP", about, ())
    about = "The Rwanda-backed rebel group fighting the Congolese army in North Kivu."
    m23 = Topic("m23", "M23", about, ("March 23 Movement",))
    about = "Outbreaks of avian influenza in poultry and people, and the culls that follow."
    bird_flu = Topic("bird_flu", "Bird flu", about, ("H5N1",))
    m = Matcher(matcher.embedder, [iswap, m23, bird_flu], THRESHOLD)

    text = "Boko Haram militants loyal to the late Abubakar Shekau abducted 30 women in Borno."
    assert "iswap" in left_out(m, "Women abducted near Gwoza", text)
    assert "iswap" not in left_out(m, "ISWAP fighters overrun army base", text)
    text = "Islamic State West Africa Province fighters overran an army base in Borno state."
    assert "iswap" not in left_out(m, "Army base overrun in Borno", text)
    text = "Cholera cases tripled in the camps around Goma, where the fighting drove a million."
    assert "m23" in left_out(m, "Cholera spreads in North Kivu", text)
    text = "Fighters of the March 23 Movement took the airport of Goma on Monday."
    assert "m23" not in left_out(m, "Goma airport falls", text)
    text = "Avian influenza was found on two poultry farms, and 40,000 birds were culled."
    assert "bird_flu" not in left_out(m, "Poultry culled after outbreak", text)


def test_a_countrys_armed_force_is_written_as_the_country_and_a_word_for_it(
    matcher: Matcher,
) -> None:
    """News writes a country's armed force, which a watchlist names in full, as the country
    or its people and a word for the force: "Kenyan troops launched an assault" (dev d2-046,
    0.09 for a topic of the Kenya Defence Forces, which it left out), "Sudan's army"; not
    its police, not another country's army, and not for a force named otherwise."""
    assert "Kenyan troops" in armed_forces_forms("Kenya Defence Forces")
    assert "Sudan army" in armed_forces_forms("Sudanese Armed Forces")
    assert armed_forces_forms("Rapid Support Forces") == []
    assert armed_forces_forms("Syrian Arab Army") == []  # a word of no armed force's name
    about = "Kenya's military: its operations against al-Shabaab in Somalia."
    kdf = Topic("kdf", "Kenya Defence Forces", about, ())
    about = "Sudan's paramilitary force, at war with the Sudanese army since April 2023."
    rsf = Topic("rsf", "Rapid Support Forces", about, ())
    about = "Sudan's army, at war with the Rapid Support Forces since April 2023."
    saf = Topic("saf", "Sudanese Armed Forces", about, ())
    m = Matcher(matcher.embedder, [kdf, rsf, saf], THRESHOLD)

    text = "Kenyan troops launched an assault on the last building held by the gunmen."
    assert "kdf" not in left_out(m, "Gunmen attack college", text)
    text = "Kenyan police said the gunmen had crossed from Somalia; the army was not deployed."
    assert "kdf" in left_out(m, "Gunmen attack college", text)
    text = "Sudan's army said it had retaken the presidential palace in Khartoum."
    assert left_out(m, "Palace retaken", text) >= {"kdf", "rsf"}
    assert "saf" not in left_out(m, "Palace retaken", text)
    assert "saf" in left_out(m, "Palace retaken", "Ethiopian troops said they held the border.")


@pytest.mark.parametrize(
    ("name", "about", "aliases"),
    [
        # a name written as an acronym: the proper name the description spells it out as
        ("RSF", "Sudan's Rapid Support Forces, led by Hemedti.", ["Rapid Support Forces"]),
        (
            "ICRC",
            "The International Committee of the Red Cross: its work in war zones.",
            ["International Committee of the Red Cross"],
        ),
        ("JKBW", "The Jaish Khalid bin al-Waleed held the basin.", ["Jaish Khalid bin al-Waleed"]),
        # not words of other initials, nor across a clause
        ("RSF", "Sudan's paramilitary force, led by Hemedti.", []),
        ("RSF", "Relief, Support, Food: the aid of Sudan.", []),
    ],
)
def test_a_description_spells_out_an_acronym_name(
    name: str, about: str, aliases: list[str]
) -> None:
    assert description_aliases(Topic("t", name, about, ())) == aliases


@pytest.mark.parametrize(
    ("about", "names", "read"),
    [
        # an acronym a name or an alias writes, spelled out in the description's words,
        # whatever their case, its link words skipped
        (
            "Foreign direct investment flows into India and the tax treaties.",
            ["Foreign investment in India", "FDI inflows"],
            "Foreign direct investment (FDI) flows into India and the tax treaties.",
        ),
        (
            "The Russian private military company founded by Yevgeny Prigozhin.",
            ["Wagner Group", "PMC Wagner"],
            "The Russian private military company (PMC) founded by Yevgeny Prigozhin.",
        ),
        (
            "Europe's largest nuclear power plant, at Enerhodar.",
            ["Zaporizhzhia NPP", "ZNPP"],
            "Europe's largest nuclear power plant (NPP), at Enerhodar.",
        ),
        (
            "The work of the International Committee of the Red Cross in war zones.",
            ["ICRC"],
            "The work of the International Committee of the Red Cross (ICRC) in war zones.",
        ),
        # written already, as it is or in brackets
        (
            "Sudan's Rapid Support Forces (RSF), at war since 2023.",
            ["Rapid Support Forces", "RSF"],
            "Sudan's Rapid Support Forces (RSF), at war since 2023.",
        ),
        # words that spell it only across a mark, or only in part; an acronym of two letters
        # or with a figure
        ("Attacks on ships, and the responses.", ["ASR"], "Attacks on ships, and the responses."),
        ("The Kakhovka hydroelectric dam.", ["Kakhovka HPP"], "The Kakhovka hydroelectric dam."),
        ("The United Nations mission.", ["UN mission"], "The United Nations mission."),
        ("Highly pathogenic avian flu.", ["H5N1"], "Highly pathogenic avian flu."),
    ],
)
def test_an_acronym_the_description_spells_out_is_glossed(
    about: str, names: list[str], read: str
) -> None:
    assert glossed_acronyms(about, names) == read


def test_an_acronym_of_a_name_the_description_tells_is_glossed_too() -> None:
    # "Also known as FDI inflows" tells an alias (``told_names``), whose acronym the
    # description spells out: glossed as one listed would be.
    about = "Foreign direct investment flows into India. Also known as FDI inflows."
    read = as_read(Topic("fdi", "Foreign investment in India", about, ()))
    assert read.about == "Foreign direct investment (FDI) flows into India."
    assert "FDI inflows" in read.aliases


def test_a_text_writing_an_acronym_is_as_close_as_one_spelling_it_out(embedder: Any) -> None:
    # "FDI inflows contract for the first time in 6 years" was missed for a topic described as
    # "Foreign direct investment flows into India" with the alias "FDI inflows" (0.37): the
    # sentence model did not link the acronym to the words, 2.4 background deviations from
    # the description against 4.2 for the same story spelling them out. Glossed, the
    # description holds both.
    about = "Foreign direct investment flows into India, the rules for foreign investors."
    topic = Topic("fdi", "Foreign investment in India", about, ("FDI inflows",))
    m = Matcher(embedder, [topic], THRESHOLD)
    closeness = []
    for opening, words in (
        ("FDI", "FDI"),
        ("Foreign direct investment", "foreign direct investment"),
    ):
        title = f"{opening} inflows contract for the first time in 6 years"
        text = f"FY19 saw {words} equity inflows falling 1% to $44.4 bn in a fresh challenge."
        f = m.features(title, text, m.embed([(title, text)])[0])
        closeness.append(float(f.values["z_about"][0]))
    assert closeness[0] >= 0.85 * closeness[1]


@pytest.mark.parametrize(
    ("names", "kinds"),
    [
        (["Kakhovka Dam", "Kakhovka HPP", "Kakhovka Reservoir"], {"dam"}),
        (["Kursk nuclear power plant"], {"NPP"}),
        (["Yarmouk Valley", "Yarmouk Basin"], {"valley", "basin"}),
        (["Strait of Hormuz"], {"strait"}),
        (["Yarmouk refugee camp"], {"camp"}),
        # a group's, a region's or an event's name names no kind of place
        (["Wagner Group", "Daraa offensive", "Kherson region", "Houthi Red Sea attacks"], set()),
        (["Dam"], set()),  # a kind alone is no name of one
    ],
)
def test_a_topic_named_by_a_kind_of_place_has_that_kind(names: list[str], kinds: set[str]) -> None:
    assert kinds_of(names) == kinds


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("The Oskol reservoir drained.", ["Oskol reservoir"]),
        ("Strikes hit Zaporizhzhia's Dnipro HPP.", ["Dnipro HPP"]),
        ("The Kaniv Hydroelectric Power Plant was hit.", ["Kaniv Hydroelectric Power Plant"]),
        ("Russian forces struck the Pechenihy Reservoir dam.", ["Pechenihy Reservoir"]),
        (
            "Ships left the Strait of Hormuz for Bab el-Mandeb Strait.",
            ["Strait of Hormuz", "Bab el-Mandeb Strait"],
        ),
        # a word for its sort between the name and the kind
        ("The Koysha hydropower dam is 70 percent complete.", ["Koysha hydropower dam"]),
        ("A storm hit the Zaatari refugee camp.", []),  # (not a kind asked for here)
        # a people's dam, a Soviet-era one, one that only a sentence or headline capitalises
        ("A Ukrainian dam was breached. A Soviet-era dam held.", []),
        ("A Ukrainian hydropower dam was breached.", []),
        ("Engineers inspected the old hydropower dam.", []),
        ("Dam breached. The reservoir drained.", []),
        ("Russian Forces Destroyed Dam", []),
    ],
)
def test_a_thing_of_a_kind_is_named_by_a_name_of_its_own(
    text: str, written: list[str], embedder: Any
) -> None:
    toks = inflected(text, tokens(text), embedder.vocab, "en")
    found = mentions(text, toks, frozenset({"dam", "strait"}))
    assert [m.written for m in found] == written


KAKHOVKA = Topic(
    "dam",
    "Kakhovka Dam",
    "The Kakhovka hydroelectric dam on the Dnipro at Nova Kakhovka in Ukraine's Kherson region, "
    "its destruction on 6 June 2023 and the consequences.",
    ("Kakhovka dam", "Kakhovka HPP", "Kakhovka Reservoir"),
)


@pytest.mark.parametrize(
    ("title", "text", "others"),
    [
        # a story of another dam, that recalls this one
        (
            "Eight Russian missiles hit Dnipro HPP",
            "Russian missiles struck the Dnipro hydroelectric power plant in Zaporizhzhia on "
            "Friday, officials said. The dam was damaged but there is no threat of a breach. "
            "Moscow wanted to repeat the Kakhovka dam disaster of June 2023, the president said.",
            ["Dnipro HPP", "Dnipro hydroelectric power plant"],
        ),
        # ... whose headline writes its name alone
        (
            "Oskol: Ukraine lost another large reservoir",
            "In addition to the tragedy of the Kakhovka HPP, Ukraine lost another large "
            "reservoir. A dam on the Oskol River was damaged, and the Oskol reservoir drained.",
            ["Oskol reservoir"],
        ),
        # ... with a word for its sort before its kind (a real story of another dam that
        # compares it with Ethiopia's Renaissance dam scored 0.99 for that dam)
        (
            "Dniester hydropower dam to be repaired",
            "Engineers will repair the Dniester hydropower dam in Novodnistrovsk this year. "
            "Its reservoir is smaller than the Kakhovka Reservoir was.",
            ["Dniester hydropower dam"],
        ),
        # not where the headline names the topic too, nor a people's dam
        (
            "Russian missiles hit the Kakhovka dam and the Dnipro HPP",
            "Russian missiles struck the Dnipro hydroelectric power plant in Zaporizhzhia on "
            "Friday, officials said. The Kakhovka dam was hit too.",
            None,
        ),
        (
            "Ukrainian dam breached",
            "A Ukrainian dam was breached after shelling; the Kakhovka Reservoir drained.",
            None,
        ),
        # nor where the other is named only after the headline
        (
            "Floods downstream",
            "Towns downstream of the Kakhovka dam were flooded; the Dnipro HPP upstream held.",
            None,
        ),
    ],
)
def test_a_headline_naming_another_of_the_topics_kind_is_of_that_other(
    matcher: Matcher, title: str, text: str, others: list[str] | None
) -> None:
    """A story whose headline names another dam ("Dnipro HPP") and recalls the Kakhovka dam in
    passing is a story of that other dam: no alert, and the evidence names it."""
    m = Matcher(matcher.embedder, [KAKHOVKA], THRESHOLD)
    v = m.embed([(title, text)])[0]
    (match,) = m.score(title, text, v, "a")
    assert match.evidence["alias"] is not None
    assert match.evidence["other_of_kind"] == others
    assert m.features(title, text, v).values["other_of_kind"][0] == (1.0 if others else 0.0)
    if others:
        assert not match.matched
        assert "its headline names another of its kind" in reason(match.evidence, KAKHOVKA.name)


@pytest.mark.parametrize(
    ("title", "text", "others"),
    [
        # A text that writes none of the topic's names, whose lead names another of its kind:
        # a story of the Kakhovka dam scored 0.98 for the Dnipro hydroelectric station, whose
        # river it names.
        (
            "Ukraine, a dam destroyed in Kherson, flood risk",
            "The Kakhovka dam on the Dnipro river was blown up overnight, flooding the towns "
            "downstream, Ukrainian officials said.",
            ["Kakhovka dam"],
        ),
        # not one named only after the lead
        (
            "Ukraine, a dam destroyed in Kherson, flood risk",
            "A dam on the Dnipro river was blown up overnight, flooding the towns downstream. " * 20
            + "It was the Kakhovka dam.",
            None,
        ),
    ],
)
def test_a_lead_naming_another_of_the_topics_kind_is_of_that_other_where_no_name_is_met(
    matcher: Matcher, title: str, text: str, others: list[str] | None
) -> None:
    topic = Topic(
        "dniprohes",
        "Dnipro Hydroelectric Station",
        "The hydroelectric dam on the Dnipro in Zaporizhzhia and the missile strikes on it.",
        ("DniproHES", "Dnipro HPP"),
    )
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    (match,) = m.score(title, text, m.embed([(title, text)])[0], "a")
    assert match.evidence["alias"] is None
    assert match.evidence["other_of_kind"] == others


def test_a_place_named_beside_another_of_its_kind_is_still_met(matcher: Matcher) -> None:
    """A story of the Hindon airport that names the Delhi airport it relieves is the Hindon
    airport's: its headline names it."""
    topic = Topic(
        "air", "Hindon airport", "The civil airport at the Hindon air base near Delhi.", ()
    )
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    title = "Commercial flights to begin at Hindon airport by June"
    text = (
        "Commercial flights will begin at Hindon airport by the end of June to ease the load on "
        "Indira Gandhi International Airport, officials said."
    )
    (match,) = m.score(title, text, m.embed([(title, text)])[0], "a")
    assert match.matched
    assert match.evidence["other_of_kind"] is None


def test_a_topics_own_name_words_are_its_rare_ones(embedder: Any) -> None:
    """A mention or a headline that writes "River" does not name the Yarmouk River basin: the
    Jordan River is another; a name of everyday words alone keeps them all."""
    vocab = embedder.vocab
    assert own_name_keys(["Yarmouk River basin"], vocab) == own_name_keys(["Yarmouk"], vocab)
    assert own_name_keys(["Grand Ethiopian Renaissance Dam"], vocab) == own_name_keys(
        ["Grand Ethiopian Renaissance"], vocab
    )
    assert own_name_keys(["Grand Ethiopian Renaissance Dam"], vocab)


@pytest.mark.parametrize(
    ("about", "others"),
    [
        ("The Rafah crossing between Gaza and Egypt.", ["Kerem Shalom crossing"]),
        # the description covers the other crossing too
        ("The Rafah crossing between Gaza and Egypt, and aid through Kerem Shalom crossing.", None),
    ],
)
def test_another_of_its_kind_that_the_description_names_is_the_topics(
    matcher: Matcher, about: str, others: list[str] | None
) -> None:
    topic = Topic("rafah", "Rafah crossing", about, ())
    m = Matcher(matcher.embedder, [topic], THRESHOLD)
    title = "Kerem Shalom crossing reopens for aid trucks"
    text = (
        "Aid trucks entered Gaza through the Kerem Shalom crossing; the Rafah crossing stayed shut."
    )
    (match,) = m.score(title, text, m.embed([(title, text)])[0], "a")
    assert match.evidence["other_of_kind"] == others


def test_a_nuclear_plant_counts_other_power_plants_a_dam_does_not(matcher: Matcher) -> None:
    """A headline about a hydroelectric plant is another plant's story for a topic of a nuclear
    plant; one about the nuclear plant a dam cools may well be the dam's."""
    znpp = Topic(
        "znpp",
        "Zaporizhzhia nuclear power plant",
        "Europe's largest nuclear power plant, at Enerhodar on the Kakhovka Reservoir.",
        (),
    )
    m = Matcher(matcher.embedder, [znpp, KAKHOVKA], THRESHOLD)

    def others(title: str, text: str) -> dict[str, Any]:
        v = m.embed([(title, text)])[0]
        return {x.topic_id: x.evidence["other_of_kind"] for x in m.score(title, text, v, "a")}

    text = (
        "Missiles hit the Dnipro hydroelectric power plant. The Zaporizhzhia nuclear power "
        "plant lost one power line; the Kakhovka dam breach had already drained its pond."
    )
    assert others("Eight Russian missiles hit Dnipro HPP", text) == {
        "znpp": ["Dnipro HPP", "Dnipro hydroelectric power plant"],
        "dam": ["Dnipro HPP", "Dnipro hydroelectric power plant"],
    }
    text = (
        "The drained Kakhovka Reservoir leaves the Zaporizhzhia nuclear plant short of cooling "
        "water, the IAEA said, after the Kakhovka dam was destroyed."
    )
    found = others("IAEA: Dam disaster is a major difficulty for Zaporizhzhia nuclear plant", text)
    assert found == {"znpp": None, "dam": None}
    # the topic's name as the owner of another plant names that plant's place, not the topic
    # (a real story of the Dnipro plant so headlined scored 0.86 for the nuclear plant)
    text = "Missiles hit the Dnipro hydroelectric power plant in the city of Zaporizhzhia."
    found = others(
        "Zaporizhzhia's Dnipro Hydroelectric Power Plant loses a third of its power", text
    )
    assert found["znpp"] == ["Dnipro Hydroelectric Power Plant", "Dnipro hydroelectric power plant"]
    found = others("Zaporizhzhia's reactors stay cold", "The Zaporizhzhia nuclear plant is safe.")
    assert found["znpp"] is None


@pytest.mark.parametrize(
    ("title", "others"),
    [
        # the thermal plant of the same name, in the same town: another plant
        (
            "Russian drones hit Zaporizhzhia thermal power plant",
            ["Zaporizhzhia thermal power plant", "Zaporizhzhia Thermal Power Plant"],
        ),
        ("Drones hit Zaporizhzhia TPP", ["Zaporizhzhia TPP", "Zaporizhzhia Thermal Power Plant"]),
        # the nuclear plant's own kind, or its name alone beside the other: the topic's
        ("Drones hit Zaporizhzhia NPP", None),
        ("Zaporizhzhia plant loses power after strike on thermal plant", None),
    ],
)
def test_a_plant_of_another_kind_by_the_topics_name_is_another_plant(
    matcher: Matcher, title: str, others: list[str] | None
) -> None:
    """A story of the Zaporizhzhia thermal power plant (0.80 for the nuclear plant before) is
    another plant's: a kind the topic counts but is not of makes another thing of its own
    name too."""
    znpp = Topic(
        "znpp",
        "Zaporizhzhia nuclear plant",
        "Europe's largest nuclear power plant at Enerhodar in southern Ukraine, occupied by "
        "Russia since March 2022, its shelling, power cuts and IAEA inspections.",
        ("Zaporizhzhia nuclear power plant", "ZNPP", "Zaporizhzhia NPP"),
    )
    m = Matcher(matcher.embedder, [znpp], THRESHOLD)
    text = (
        "Russian drones struck the Zaporizhzhia Thermal Power Plant in Enerhodar overnight, "
        "cutting power to parts of the town, Ukrainian officials said."
    )
    v = m.embed([(title, text)])[0]
    (match,) = m.score(title, text, v, "a")
    assert match.evidence["other_of_kind"] == others
    if others:
        assert not match.matched


@pytest.mark.parametrize(
    ("text", "acronym", "words"),
    [
        (
            "Reporters sans frontières (RSF) urged the authorities",
            "RSF",
            "Reporters sans frontières",
        ),
        ("The RSF (Reporters sans frontières) said so.", "RSF", "Reporters sans frontières"),
        ("Sudan's army and the Rapid Support Forces (RSF) fought", "RSF", "Rapid Support Forces"),
        ("The Tehrik-i-Taliban Pakistan (TTP) claimed it.", "TTP", "Tehrik-i-Taliban Pakistan"),
        (
            "tactics, techniques and procedures (TTPs) of the group",
            "TTP",
            "tactics, techniques and procedures",
        ),
        (
            "the International Committee of the Red Cross (ICRC)",
            "ICRC",
            "International Committee of the Red Cross",
        ),
        # words that do not spell it, a mark between them, or no brackets: no gloss
        ("les Forces de soutien rapide (RSF, en anglais)", "RSF", None),
        ("Sudan's army. Forces (RSF) attacked", "RSF", None),
        ("The paramilitary RSF attacked El Fasher (Reuters).", "RSF", None),
        ("Islamic State (IS)", "IS", None),  # two letters: too short to tell
    ],
)
def test_the_words_a_text_gives_for_an_acronym_in_brackets(
    text: str, acronym: str, words: str | None
) -> None:
    start = text.index(acronym)
    assert glossed_as(text, start, start + len(acronym)) == words


@pytest.mark.parametrize(
    ("text", "alias", "other"),
    [
        # a French story of press freedom in Sudan: the press group's RSF, wherever written
        (
            "Reporters sans frontières (RSF) exhorte les autorités soudanaises à libérer les "
            "journalistes détenus à Khartoum. RSF dénombre douze arrestations.",
            0,
            ["Reporters sans frontières (RSF)"],
        ),
        # the topic's own words, spelled otherwise too: its name
        ("The Rapid Support Forces (RSF) shelled El Fasher again on Sunday.", 1, None),
        ("The Rapid Support Force (RSF) shelled El Fasher again on Sunday.", 1, None),
        # the topic's other names stay its hits
        (
            "Reporters sans frontières (RSF) said the Rapid Support Forces detained reporters "
            "in El Fasher.",
            1,
            None,
        ),
        # no words given for it: the topic's
        ("RSF fighters shelled El Fasher again on Sunday.", 1, None),
    ],
)
def test_an_acronym_a_text_spells_out_as_another_things_name_is_no_name_hit(
    matcher: Matcher, text: str, alias: int, other: list[str] | None
) -> None:
    about = (
        "Sudan's paramilitary force led by Mohamed Hamdan Dagalo, and its war with the "
        "Sudanese Armed Forces since April 2023."
    )
    rsf = Topic("rsf", "Rapid Support Forces", about, ("Rapid Support Forces", "RSF"))
    m = Matcher(matcher.embedder, [rsf], THRESHOLD)
    f = m.features("Sudan", text, m.embed([("Sudan", text)])[0])
    assert f.values["alias"][0] == alias
    assert f.other.get(0) == other
    assert f.values["other_name"][0] == (1 if other else 0)


@pytest.mark.parametrize(
    ("text", "alias", "other"),
    [
        # parties whose names open with the Urdu "movement" of the group's name
        (
            "The call by the Tehreek-e-Labbaik Pakistan (TLP) prompted police to block roads.",
            0,
            ["Tehreek-e-Labbaik"],
        ),
        (
            "The founding chairman of Pakistan Tehreek-e-Insaf said the march would go on.",
            0,
            ["Tehreek-e-Insaf"],
        ),
        # the group's own name, however spelled
        ("Militants of the Tehreek-i-Taliban Pakistan attacked a police post.", 1, None),
    ],
)
def test_a_name_after_a_word_urdu_groups_names_open_with_is_another_groups(
    matcher: Matcher, text: str, alias: int, other: list[str] | None
) -> None:
    about = (
        "The Pakistani Taliban, an armed group formed in 2007 that fights the Pakistani state "
        "from the tribal districts of Khyber Pakhtunkhwa."
    )
    ttp = Topic("ttp", "Tehrik-i-Taliban Pakistan", about, ("Tehrik-i-Taliban Pakistan", "TTP"))
    afghan = "The Islamist movement that rules Afghanistan from Kabul since August 2021."
    taliban = Topic("taliban", "Taliban", afghan, ("Taliban",))
    m = Matcher(matcher.embedder, [ttp, taliban], THRESHOLD)
    f = m.features("Pakistan", text, m.embed([("Pakistan", text)])[0])
    assert f.values["alias"][0] == alias
    assert f.other.get(0) == other
    # the Afghan Taliban's name written inside the Pakistani group's is that group's
    if alias:
        assert f.values["alias"][1] == 0 and f.other.get(1) == ["Tehreek-i-Taliban Pakistan"]


@pytest.mark.parametrize(
    ("alias", "forms"),
    [
        ("Crimean Bridge", ["Crimea Bridge"]),
        ("Crimea Bridge", ["Crimean Bridge"]),
        ("Kenya Defence Forces", ["Kenyan Defence Forces"]),
        # a place's name of four letters, a name's last word, a word not in a: none
        ("Roman Catholic Church", []),
        ("Nova Kakhovka", []),
        ("Houthi attacks on Red Sea shipping", []),
    ],
)
def test_an_alias_writes_a_place_or_its_adjective_alike(alias: str, forms: list[str]) -> None:
    assert place_adjective_forms(alias) == forms


def test_a_place_and_its_adjective_meet_an_alias_as_written_only() -> None:
    # "Crimea Bridge" is the Crimean Bridge, as news writes both ...
    index = AliasIndex([(0, p) for p in compile_aliases(["Crimean Bridge"])])
    text = "Two were killed in an attack on the Crimea bridge."
    assert [text[h.start : h.end] for h in index.find(text)[0]] == ["Crimea bridge"]
    # ... but such a form's words apart in another order are no name: "Syrian" of "Southern
    # Syria offensive" here stands in one name and "Southern" in another
    index = AliasIndex([(0, p) for p in compile_aliases(["Southern Syria offensive"])])
    text = "ISIS launched an offensive on the Free Syrian Army-affiliated Southern Front."
    assert index.find(text) == {}
    text = "The Southern Syria offensive began in June."
    assert [text[h.start : h.end] for h in index.find(text)[0]] == ["Southern Syria offensive"]


def test_another_fields_story_is_no_news_of_a_place_named_like_its_club(embedder) -> None:
    """A club, a player or a stadium named after a watched place writes its name as often as
    the place's own news does (an encyclopaedia's FC Kramatorsk, a real text, scored 0.90 for
    the city): a sports story is lowered as an exclude sense is, unless the topic's
    description speaks of sport (``monitor.match.fields``)."""
    city = Topic(
        "kramatorsk",
        "Kramatorsk",
        "Kramatorsk, the city in Ukraine's Donetsk Oblast, the Russian missile strikes on it "
        "and the front line approaching it.",
        ("Kramatorsk",),
    )
    club = Topic(
        "fc_kramatorsk",
        "FC Kramatorsk",
        "FC Kramatorsk, the football club of the city, its league games and its players.",
        ("FC Kramatorsk",),
    )
    title = "FC Kramatorsk"
    text = (
        "Football Club Kramatorsk is a Ukrainian professional football club based in "
        "Kramatorsk, Donetsk Oblast. Founded in 1993, the club moved to Kramatorsk's stadium "
        "after Russian shelling of the city in 2014. The team played in the Ukrainian First "
        "League until the full-scale invasion of 2022, when Kramatorsk came within range of "
        "Russian missiles and its players left the city."
    )
    for_city = scored_by(Matcher(embedder, [city, club], THRESHOLD), title, text)
    for_club = scored_by(Matcher(embedder, [club, city], THRESHOLD), title, text)
    assert for_city.evidence["other_field"] == {
        "field": "sport",
        "words": ["fc", "football", "club"],
    }
    assert for_city.evidence["alias"] is not None and for_city.score < THRESHOLD
    assert "a story of sport ('fc', 'football', 'club'), which the topic's description" in reason(
        for_city.evidence, city.name
    )
    assert for_club.evidence["other_field"] is None and for_club.score >= THRESHOLD
    # the city's own news is not one
    news = (
        "A Russian missile struck the centre of Kramatorsk on Thursday, killing four people "
        "and damaging a school, the head of the Donetsk regional administration said."
    )
    hit = scored_by(Matcher(embedder, [city], THRESHOLD), "Missile strike on Kramatorsk", news)
    assert hit.evidence["other_field"] is None and hit.score >= THRESHOLD


def test_a_films_story_is_no_news_of_the_city_it_is_named_for(embedder) -> None:
    """A film named for a watched city writes the city's name in its title and its lead (a
    real review of Charlton Heston's "Khartoum" scored 0.73 for the city): a story of the
    screen is lowered as a sports story is."""
    khartoum = Topic(
        "khartoum",
        "Khartoum",
        "Khartoum, the capital of Sudan, the war between the army and the Rapid Support Forces "
        "for the city since April 2023, its siege, its ruin and its people.",
        ("Khartoum",),
    )
    review = (
        "Expansive historical epic about the Siege of Khartoum in 1885, with Charlton Heston "
        "as General Gordon defending Khartoum against the army of the Mahdi. The film was "
        "nominated for an Oscar for its screenplay, and the cast is superb; Olivier's role "
        "as the Mahdi divides audiences, and the battle scenes in the Sudan still impress."
    )
    film = scored_by(Matcher(embedder, [khartoum], THRESHOLD), "Khartoum", review)
    assert film.evidence["other_field"] == {
        "field": "film, music and books",
        "words": ["film", "oscar", "screenplay"],
    }
    assert film.evidence["alias"] is not None and film.score < THRESHOLD
    assert "a story of film, music and books" in reason(film.evidence, khartoum.name)
