"""Names of countries and main cities as other languages write them, from the Unicode CLDR
(through babel): a watchlist names "Syria", an Arabic text "سوريا", a Persian one "سوریه", a
Russian one "Сирия", a German one "Syrien", a Turkish one "Suriye"; "Germany" is "Allemagne",
"Niemcy", "Almanya"; "Gaza" "غزة" and "Gazze".

The consonant skeletons of ``aliases`` find a name as another alphabet transliterates it
("Кахо́вка", "فاغنر"), not a language's own name for a place, and a short name (Gaza, Iran,
Iraq) is matched whole, so in no other script at all. These names are met exactly
(``aliases.exact_keys``), by a word that the English model's vocabulary lacks: German
"Island" (Iceland) is an English word, and no name here. But for a city's English names
before and after English renamed it ("Kiev" and "Kyiv", "Rangoon" and "Yangon", as the tz
database's renamed zones tell: ``_former_names``), which its vocabulary may have both of."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.core import get_global

# Languages of news in Arabic script (Arabic, Persian), Cyrillic (Russian, Ukrainian,
# Bulgarian, Serbian), Greek, Hebrew and Latin (German, French, Spanish, Italian, Portuguese,
# Dutch, Polish, Turkish). Chinese, Japanese and Korean write no spaces between words, which
# the alias search needs.
LOCALES = (
    *("ar", "fa", "ru", "uk", "bg", "sr", "el", "he"),
    *("de", "fr", "es", "it", "pt", "nl", "pl", "tr"),
)
# Those written in the scripts with capitals that the alias search folds, Cyrillic and Latin:
# their texts open a place's name with a capital.
CASED_LOCALES = ("ru", "uk", "bg", "sr", "de", "fr", "es", "it", "pt", "nl", "pl", "tr")

# CLDR territories that are no country a text names so: the unknown region, groupings,
# pseudo-locales.
_NOT_PLACES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})
_LATIN_END = 0x250  # Basic Latin to Latin Extended-B
ZONES_MAX = 2


def as_written(text: str) -> str:
    """A word as the search compares it with these names: case, accents, harakat, hamza and
    tatweel aside ("أ" is "ا", as it is often written; "ё" "е"; "Égypte" "egypte"), but for
    the letters a mark makes ("й", "ї", "ñ", "ç": Portuguese "Omã" is no German "Oma",
    Turkish "Çin", China, no "Cin", a genie); Urdu's h as Persian writes it (``_URDU_H``:
    "غزہ", "تہران" are Persian "غزه", "تهران": Gaza, Tehran)."""
    text = unicodedata.normalize("NFD", text.casefold().translate(_URDU_H))
    text = "".join(c for c in text if not unicodedata.combining(c) or c in _LETTER_MARKS)
    return unicodedata.normalize("NFC", text).replace("ё", "е").replace("ـ", "")


# Urdu's letters for h (heh goal, heh doachashmee) and its teh marbuta goal, which CLDR's
# Urdu names do not cover: read as the Persian and Arabic letters.
_URDU_H = str.maketrans({"ہ": "ه", "ھ": "ه", "ۃ": "ة"})


_LETTER_MARKS = "\u0303\u0306\u0308\u0327"  # tilde, breve, diaeresis, cedilla


# Names that are also common words or first names of their language, which a script without
# capitals (or a capital opening a sentence) cannot tell apart: Arabic "مالي" and Persian
# "مالی" (Mali; financial), "ماهي" (Mahé; what is), "العيون" (El Aaiún; the eyes), "عمان"
# (Oman; Amman), "بنين" and Hebrew "בנין" (Benin; sons, a building), Persian "چک" (Czechia;
# cheque), "ماهه" (Mahé; -month), "دوشنبه" (Dushanbe; Monday), Hebrew "הודו" (India; praise),
# "פרו" (Peru; be fruitful), "עדן" (Aden; Eden), Russian and Ukrainian "Того" (Togo; of
# that), "Мае" (Mahé; in May), "Мали", "Малі" (Mali; had, small), Greek "Άκρα" (Accra; ends),
# Portuguese "Seul" (Seoul; French "alone"), "Mauricio", "Maurice" (Mauritius; first names),
# Polish "Dominika" (Dominica; a first name), Spanish "Gana" (Ghana; wins). Found by reading
# the names among each language's 8,000 commonest words and those its 20,000 commonest meet
# (wordfreq's lists, not shipped), by hand. And those that English writes too, read by hand
# among the words of the English model's vocabulary that ``is_local_name`` lets meet a place:
# French "Dominique" (Dominica; a first name), "Grenade" (Grenada; a grenade), Spanish and
# Portuguese "Granada" (Grenada; the Spanish city), French and Dutch "Ascension" (the island;
# the feast). And Persian (and Urdu) "الجزیره" (Algiers; Al Jazeera).
_HOMOGRAPHS = frozenset(
    as_written(word)
    for word in (
        *("مالي", "مالی", "ماهي", "العيون", "عمان", "چک", "ماهه", "دوشنبه", "بنين", "בנין"),
        *("הודו", "פרו", "עדן", "Того", "Мае", "Мали", "Малі", "Άκρα"),
        *("Seul", "Mauricio", "Maurício", "Maurice", "Dominika", "Gana"),
        *("Dominique", "Grenade", "Granada", "Ascension"),
        "الجزیره",  # Persian for Algiers, and for Al Jazeera, which news names more often
    )
)


def is_homograph(name: str) -> bool:
    """Whether a place's name in another language is also a common word or a first name there
    (``_HOMOGRAPHS``: Arabic "مالي", Mali and financial)."""
    return as_written(name) in _HOMOGRAPHS


def _key(name: str) -> str:
    """An English name as looked up: case-folded, accents off, one space between words."""
    name = unicodedata.normalize("NFKD", name.replace("’", "'"))
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"^the\s+", "", name.strip()).split())


def _parts(name: str) -> list[str]:
    """A CLDR name and the name in its brackets, apart ("Myanmar (Burma)", "هيبرون (مدينة
    الخليل)"); not an acronym there, which qualifies the name ("Гонконг (САР)"), nor what
    the name is without a bracket in its middle ("Кокосови (Кийлинг) острови")."""
    m = re.fullmatch(r"(.*?)\s*\((.*?)\)\s*(.*)", name)
    if m is None:
        return [name.strip()] if name.strip() else []
    before, inside, after = m.groups()
    parts = [f"{before} {after}".strip()]
    if not inside.isupper():
        parts.append(inside.strip())
    return [p for p in parts if p]


def _countries() -> dict[str, tuple[str, ...]]:
    """English name of a country (``_key``) -> its CLDR territory codes: "syria": ("SY",); also
    the name English news writes where CLDR's is another (``_countryinfo``: "turkey" for
    CLDR's "Türkiye", "ivory coast", "czech republic", "palestine"; ``_SHORT_NAMES``: "congo",
    "britain")."""
    return _country_tables()[0]


@lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """``_countries``, and each of its names as written ("côte d'ivoire": "Côte d’Ivoire",
    "drc": "DRC")."""
    countries: dict[str, tuple[str, ...]] = {}
    written: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if str(code).isalpha() and code not in _NOT_PLACES:
            for part in _parts(str(name)):
                countries[_key(part)] = (*countries.get(_key(part), ()), str(code))
                written.setdefault(_key(part), part)
    known = {code for codes in countries.values() for code in codes}
    for code, name, _, _, _ in _countryinfo():
        if code in known and _key(name) not in countries:
            countries[_key(name)] = (code,)
            written[_key(name)] = name
    for name, codes in _SHORT_NAMES.items():
        if name not in countries:
            countries[name] = codes
            written[name] = name.upper() if name in COUNTRY_ACRONYMS else name.title()
    return countries, written


# The names English news writes for a country where CLDR and countryinfo write a longer one
# ("Congo - Kinshasa", "Democratic Republic of the Congo"; "United Kingdom"): the two Congos'
# "Congo", so that "Congolese" is a people's, and Britain, the "British" one's; and its
# acronyms (``COUNTRY_ACRONYMS``), so that "American" is the people of the "US".
COUNTRY_ACRONYMS: dict[str, tuple[str, ...]] = {
    "us": ("US",),
    "usa": ("US",),
    "uk": ("GB",),
    "uae": ("AE",),
    "drc": ("CD",),
}
_SHORT_NAMES: dict[str, tuple[str, ...]] = {
    "congo": ("CD", "CG"),
    "britain": ("GB",),
    "great britain": ("GB",),
    "dr congo": ("CD",),
    **COUNTRY_ACRONYMS,
}


@lru_cache(maxsize=1)
def _countryinfo_entries() -> tuple[Mapping[str, Any], ...]:
    """countryinfo's entries, one a country (and one for each of some countries' parts)."""
    from countryinfo import CountryInfo  # deferred: 250 files read once, where asked for

    return tuple(CountryInfo.all().values())


@lru_cache(maxsize=1)
def _countryinfo() -> tuple[tuple[str, str, str, int, str], ...]:
    """(CLDR territory code, common English name, people's adjective, population, continent)
    of each country countryinfo knows (its data are the REST Countries project's): "TR",
    "Turkey", "Turkish", ..., "Asia"; "LB", "Lebanon", "Lebanese", ..., "Asia". One entry a
    code, the most populous: its "Wales" shares the United Kingdom's code."""
    rows: dict[str, tuple[str, str, str, int, str]] = {}
    for entry in _countryinfo_entries():
        code = str((entry.get("ISO") or {}).get("alpha2") or "")
        name, people = str(entry.get("name") or ""), str(entry.get("demonym") or "")
        population = int(entry.get("population") or 0)
        if code and name and population > rows.get(code, ("", "", "", -1, ""))[3]:
            rows[code] = (code, name, people, population, str(entry.get("region") or ""))
    return tuple(rows.values())


@lru_cache(maxsize=1)
def _continents() -> dict[str, str]:
    """CLDR territory code -> the continent countryinfo puts the country in ("Africa", "Asia",
    "Europe", "Americas", "Oceania")."""
    return {code: region for code, _, _, _, region in _countryinfo() if region}


def continent(code: str) -> str | None:
    """The continent of the country of CLDR ``code`` ("MZ": "Africa", "SY": "Asia")."""
    return _continents().get(code)


def countries_on(continents: Iterable[str]) -> frozenset[str]:
    """The CLDR codes of the countries on ``continents`` (``continent``'s names)."""
    wanted = set(continents)
    return frozenset(code for code, region in _continents().items() if region in wanted)


@lru_cache(maxsize=1)
def _common_names() -> dict[str, str]:
    """CLDR territory code -> the common English name countryinfo gives the country."""
    return {code: name for code, name, _, _, _ in _countryinfo()}


def country_name(code: str) -> str:
    """The English name news writes for the country of CLDR ``code`` ("SA": "Saudi Arabia",
    "TR": "Turkey"); the code itself for an unknown one."""
    return _common_names().get(code) or str(Locale("en").territories.get(code, code))


@lru_cache(maxsize=1)
def _borders() -> dict[str, frozenset[str]]:
    """CLDR territory code -> those of the countries it borders by land, as countryinfo
    lists them (alpha-3 there)."""
    entries = _countryinfo_entries()
    alpha2 = {
        str(iso.get("alpha3")): str(iso.get("alpha2"))
        for entry in entries
        if (iso := entry.get("ISO") or {}).get("alpha3") and iso.get("alpha2")
    }
    out: dict[str, set[str]] = {}
    for entry in entries:
        code = str((entry.get("ISO") or {}).get("alpha2") or "")
        if code:
            out.setdefault(code, set()).update(
                alpha2[b] for b in entry.get("borders") or () if b in alpha2
            )
    return {code: frozenset(codes) for code, codes in out.items()}


def neighbours(code: str) -> frozenset[str]:
    """The CLDR codes of the countries the country of ``code`` borders by land ("SO": DJ, ET,
    KE)."""
    return _borders().get(code, frozenset())


@lru_cache(maxsize=1)
def _peoples() -> dict[str, str]:
    """A people's adjective (``_key``) -> its country's English name, one word each, from
    countryinfo: "lebanese": "lebanon", "turkish": "turkey", "dutch": "netherlands"; where
    several share an adjective, the most populous ("french": France, not Réunion)."""
    out: dict[str, str] = {}
    for _, name, people, _, _ in sorted(_countryinfo(), key=lambda row: -row[3]):
        # its one-word names, countryinfo's own first: "turkey" before CLDR's "turkiye"
        names = sorted(country_names(name), key=lambda n: n != _key(name))
        if names and people and re.fullmatch(r"[^\W\d_]+", people):
            out.setdefault(_key(people), names[0])
    return out


def country_of(people: str) -> str | None:
    """The English name of the country whose people's adjective ``people`` is (``_peoples``):
    "Lebanese" "lebanon", "Afghan" "afghanistan"; None for another word."""
    return _peoples().get(_key(people))


@lru_cache(maxsize=1)
def _peoples_by_country() -> dict[str, tuple[str, ...]]:
    """``_peoples`` the other way round: "lebanon": ("lebanese",)."""
    by_country: dict[str, tuple[str, ...]] = {}
    for people, country in _peoples().items():
        by_country[country] = (*by_country.get(country, ()), people)
    return by_country


def peoples_of(country: str) -> tuple[str, ...]:
    """The people's adjectives of a country's English name (``_peoples``): "lebanon"
    ("lebanese",); none for another word."""
    return _peoples_by_country().get(_key(country), ())


@lru_cache(maxsize=1)
def _places() -> dict[str, list[str]]:
    """English name (``_key``) -> its CLDR ids: "SY", "Asia/Damascus"."""
    places: dict[str, list[str]] = {name: list(codes) for name, codes in _countries().items()}
    # A time zone's city (CLDR's exemplar city) in a country of at most ZONES_MAX zones: the
    # capital or the main city ("Asia/Damascus", "Europe/Kyiv", "Asia/Gaza"), not the Alaskan
    # "Nome" (Arabic "نوم", sleep) nor the Micronesian "Chuuk" ("ترك", left).
    territory = get_global("zone_territories")
    zones_in = Counter(territory.values())
    zones = {str(z) for code in LOCALES for z in Locale(code).time_zones if "/" in str(z)}
    for zone in sorted(zones):
        if zones_in[territory.get(zone, "ZZ")] > ZONES_MAX or territory.get(zone) == "ZZ":
            continue
        for name in _english_cities(zone):
            places.setdefault(_key(name), []).append(zone)
    for former, zone in _former_names().items():
        if any(zone in places.get(_key(name), ()) for name in _english_cities(zone)):
            places.setdefault(former, []).append(zone)
    return places


def _zone_city(zone: str) -> str:
    """The city a time zone's id names ("Asia/Ho_Chi_Minh": "Ho Chi Minh")."""
    return zone.rsplit("/", 1)[1].replace("_", " ")


@lru_cache(maxsize=1024)
def _english_cities(zone: str) -> frozenset[str]:
    """The English names of a time zone's city: its id's ("Asia/Macau": "Macau") and CLDR's
    English exemplar city where it writes another ("Macao")."""
    city = _zone_city(zone)
    return frozenset({city, _english_time_zones().get(zone, {}).get("city") or city})


@lru_cache(maxsize=1)
def _english_time_zones() -> dict[str, dict[str, str]]:
    """CLDR's English names of the time zones (one locale read once, not once a zone)."""
    return dict(Locale("en").time_zones)


@lru_cache(maxsize=1)
def _former_names() -> dict[str, str]:
    """A main city's former English name (``_key``) -> its time zone: the city of a time zone
    the tz database renamed when English did ("Europe/Kiev", now "Europe/Kyiv"; "Asia/Calcutta",
    "Asia/Rangoon": babel's ``zone_aliases``), where a language of ``LOCALES`` still writes it
    for that city ("Kiev" in French, Spanish, Italian, Turkish): a spelling of the city's name,
    not another city merged into its zone ("Europe/Zaporozhye" is Kyiv's zone too,
    "Asia/Tel_Aviv" Jerusalem's, "America/Montreal" Toronto's)."""
    locales = [Locale(code) for code in LOCALES]
    out: dict[str, str] = {}
    for old, zone in get_global("zone_aliases").items():
        if "/" not in old or (city := _zone_city(old)) == _zone_city(zone):
            continue
        if any(
            as_written(part) == as_written(city)
            for locale in locales
            for part in _written_in(locale, zone)
        ):
            out[_key(city)] = zone
    return out


def _written_in(locale: Locale, place: str) -> list[str]:
    """The names a locale writes for a CLDR id (a territory, or a time zone's city), but the
    homographs (one the English spells alike too: Polish declines it, "Syrii", Syria)."""
    written = (
        locale.time_zones.get(place, {}).get("city")
        if "/" in place
        else locale.territories.get(place)
    )
    return [part for part in _parts(str(written or "")) if as_written(part) not in _HOMOGRAPHS]


@lru_cache(maxsize=1)
def _renamed_cities() -> frozenset[str]:
    """The English names, former and present (``_key``), of the cities of ``_former_names``:
    "kiev" and "kyiv", "rangoon" and "yangon". The English model's vocabulary has both of
    "kiev" and "kyiv", and a word it has meets no other name of a place but where
    ``is_local_name`` says the text's language names the place so."""
    return frozenset(_former_names()) | frozenset(
        _key(name) for zone in _former_names().values() for name in _english_cities(zone)
    )


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """English name (``_key``) -> its names in ``LOCALES``."""
    locales = [Locale(code) for code in LOCALES]
    out: dict[str, tuple[str, ...]] = {}
    former = _former_names()
    for english_name, ids in _places().items():
        names = dict.fromkeys(
            part
            for locale in locales
            for place in dict.fromkeys(ids)
            for part in _written_in(locale, place)
        )
        if english_name in former:  # and its city as English writes it now: "Kiev" is Kyiv
            names.update(dict.fromkeys(sorted(_english_cities(former[english_name]))))
        if names:
            out[english_name] = tuple(names)
    return out


def _written_by_language(ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """Language of ``LOCALES`` -> the names it writes for the CLDR ``ids`` (``as_written``)."""
    ids = set(ids)
    return {
        locale.language: frozenset(
            as_written(part) for place in ids for part in _written_in(locale, place)
        )
        for locale in map(Locale, LOCALES)
    }


@lru_cache(maxsize=1)
def _local_names() -> dict[str, frozenset[str]]:
    """Language of ``LOCALES`` -> the names of countries and main cities it writes
    (``as_written``): "es": "brasil", "italia", "alemania", ..."""
    return _written_by_language(place for places in _places().values() for place in places)


@lru_cache(maxsize=1)
def _local_region_names() -> dict[str, frozenset[str]]:
    """Language of ``LOCALES`` -> the names of continents and world regions it writes (CLDR's
    numeric territories, ``as_written``): "de": "afrika", "europa", "asien", ..."""
    return _written_by_language(
        code for code in map(str, Locale("en").territories) if code.isdigit()
    )


def is_local_region_name(word: str, language: str | None) -> bool:
    """Whether ``word`` is the name of a continent or a world region as ``language`` writes it
    (German "Afrika", "Europa")."""
    names = _local_region_names().get(language or "")
    return names is not None and as_written(word) in names


def is_local_name(word: str, language: str | None) -> bool:
    """Whether ``word`` is the name of a country or a main city as ``language`` writes it
    (Spanish "Brasil", German "Island", Iceland): in a text in that language it is that
    place's, whatever English writes so. In English, a city's name before and after English
    renamed it (``_renamed_cities``: "Kiev" and "Kyiv", which a watchlist and a text may
    write either way)."""
    if language == "en":
        return _key(word) in _renamed_cities()
    names = _local_names().get(language or "")
    return names is not None and as_written(word) in names


@lru_cache(maxsize=4096)
def city_countries(name: str) -> tuple[str, ...]:
    """The CLDR codes of the country whose capital or main city (a time zone's, ``_places``)
    an English ``name`` is ("Bamako": ML, "Kyiv": UA); none for another name."""
    territory = get_global("zone_territories")
    return tuple(
        dict.fromkeys(
            territory[place] for place in _places().get(_key(name), ()) if place in territory
        )
    )


@lru_cache(maxsize=len(LOCALES))
def _local_codes(language: str) -> dict[str, tuple[str, ...]]:
    """The names of countries and main cities as ``language`` writes them (``as_written``) ->
    the CLDR codes of their countries: Portuguese "mocambique" MZ, French "mogadiscio" SO."""
    territory = get_global("zone_territories")
    locale = Locale(language)
    out: dict[str, dict[str, None]] = {}
    for ids in _places().values():
        for place in ids:
            code = territory.get(place) if "/" in place else place
            if code is None:
                continue
            for part in _written_in(locale, place):
                out.setdefault(as_written(part), {})[code] = None
    return {name: tuple(codes) for name, codes in out.items()}


def local_country_codes(name: str, language: str | None) -> tuple[str, ...]:
    """The CLDR codes of the country whose name, or capital's or main city's, a text in
    ``language`` (one of ``LOCALES``) writes as ``name`` ("Moçambique" in Portuguese: MZ,
    "Mogadiscio" in French or Italian: SO); none in English or another language."""
    if language is None or language not in LOCALES:
        return ()
    return _local_codes(language).get(as_written(name), ())


def is_country(name: str) -> bool:
    """Whether an English ``name`` is a country's (a city's adjective is seldom written: Arabic
    "الرياضي", of Riyadh's skeleton, is "sporting")."""
    return _key(name) in _countries()


def is_place(name: str) -> bool:
    """Whether an English ``name`` is a country's or a main city's that other languages name
    (``exonyms``)."""
    return _key(name) in _index()


def same_country(name: str, other: str) -> bool:
    """Whether two English names are one country's ("Burma", "Myanmar")."""
    return not set(_countries().get(_key(name), ())).isdisjoint(_countries().get(_key(other), ()))


@lru_cache(maxsize=1)
def _region_words() -> frozenset[str]:
    """The words of CLDR's English names of continents and world regions ("africa", "asia",
    "caribbean", "latin")."""
    return frozenset(
        word
        for code, name in Locale("en").territories.items()
        if not str(code).isalpha()
        for word in re.findall(r"[a-z]+", _key(str(name)))
    )


def is_region_word(word: str) -> bool:
    """Whether ``word`` is a word of a continent's or a world region's name ("Africa",
    "Asia", "Caribbean")."""
    return _key(word) in _region_words()


def country_codes(name: str) -> tuple[str, ...]:
    """The CLDR codes of the country an English ``name`` is ("Syria", "US", "Britain":
    ``_countries``); none for any other name."""
    return _countries().get(_key(name), ())


# Small words a country's name of several words writes in lower case ("Democratic Republic of
# the Congo", "Trinidad and Tobago").
_COUNTRY_NAME_PARTICLES = frozenset({"of", "the", "and"})


@lru_cache(maxsize=1)
def _countries_of_words() -> re.Pattern[str]:
    """One pattern for every country's name of several words ("United States", "Saudi
    Arabia", "Democratic Republic of the Congo"), longest first."""
    names = sorted(
        (n for n in _countries() if " " in n and re.fullmatch(r"[a-z' ]+", n)),
        key=len,
        reverse=True,
    )
    words = (r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    # (a name opens with a capital: other places are passed over at once)
    return re.compile(
        r"(?<![\w-])(?=(?-i:[A-Z]))(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE
    )


def countries_written(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, CLDR codes) of each country's name of several words that ``text`` writes
    as a name, its words capitalised ("the United States", "South Sudan"; not "a united
    states of mind"): a text's "United States" is the country a description's "US" or
    "American" names, which no one of its words is."""
    if " " not in text:
        return []
    return [
        (m.start(), m.end(), country_codes(m[0]))
        for m in _countries_of_words().finditer(text)
        if all(w[0].isupper() for w in m[0].split() if w.casefold() not in _COUNTRY_NAME_PARTICLES)
    ]


@lru_cache(maxsize=4096)
def country_spellings(name: str) -> tuple[str, ...]:
    """The English names, as written, of the country ``name`` is, each of that country alone,
    itself among them ("Myanmar": "Myanmar", "Burma"; "Ivory Coast": "Côte d’Ivoire", "Ivory
    Coast"; "Turkey": "Türkiye", "Turkey"; "Congo", the two Congos', has none of its own);
    none for another name."""
    countries, written = _country_tables()
    codes = set(countries.get(_key(name), ()))
    if not codes:
        return ()
    return tuple(
        dict.fromkeys([name, *(written[k] for k, of in countries.items() if set(of) == codes)])
    )


@lru_cache(maxsize=4096)
def country_names(name: str) -> tuple[str, ...]:
    """The English names of one word of the country ``name`` is, itself among them (``_key``,
    accents off): "turkey" ("turkiye", "turkey"), "burma" ("myanmar", "burma"); none for
    another name."""
    codes = set(_countries().get(_key(name), ()))
    return tuple(n for n, c in _countries().items() if " " not in n and codes.intersection(c))


def exonyms(name: str) -> tuple[str, ...]:
    """Other languages' names of the country or city an English ``name`` is ("Syria": "سوريا",
    "سوریه", "Сирия", "Syrien", ...); none for any other name."""
    return _index().get(_key(name), ())
