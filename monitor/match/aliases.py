"""Spelling-tolerant alias search for names transliterated from Arabic.

Names reach English text in many spellings (Yarmouk/Yarmuk/Yarmuq, Waleed/Walid, bin/ibn,
al-/el-, Jaish/Jaysh) and in Arabic script. Rather than list spellings, every token is reduced
to a consonant skeleton: vowels carry little information in these transliterations, so they
are dropped (y and w too, except at the start of a word, where they are consonants), q is k,
v is w, x is ks, doubled letters are single, the definite article and the patronymic are
unified. Arabic script goes through the same skeleton by a letter map, so "جيش خالد بن الوليد" and
"Jaish Khalid bin al-Waleed" meet at ``jsh khld bn wld``; Cyrillic and Greek too ("Вагнера",
"Βάγκνερ" and "Wagner" at ``wgnr``). A name the text inflects is found too (``inflected``:
"Houthis", "Kakhovska").
"""

from __future__ import annotations

import itertools
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from wordfreq import available_languages, zipf_frequency

from monitor.match.dates import MONTH_WORDS
from monitor.match.embed import CLOSERS, SENTENCE_STOPS
from monitor.match.exonyms import (
    CASED_LOCALES,
    as_written,
    country_names,
    country_of,
    exonyms,
    is_country,
    is_local_name,
    is_local_region_name,
    is_place,
    peoples_of,
    same_country,
)
from monitor.match.gazetteer import city, zipf
from monitor.match.language import ENGLISH

# Arabic letters to the Latin letters most transliterations use; long vowels and hamza carriers
# map to vowels (dropped later), ʿayn and hamza to nothing. A hamza on و or ي is a vowel
# letter of its own (u, e; ``_HAMZA_SEATS``), which only a name's two vowels side by side may
# stand for ("خامنئي", Khamenei; not "مسؤول", an official, for Mosul: ``_vowels_fit``).
_ARABIC = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ى": "a",
    "ة": "a",
    "ء": "",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "w",
    "ي": "y",
    "ـ": "",
    # Persian and Urdu letters (حوثی, واگنر, پریگوژین: Houthi, Wagner, Prigozhin)
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "ک": "k",
    "گ": "g",
    "ی": "y",
    "ے": "y",
    "ہ": "h",
    "ھ": "h",
    "ۃ": "a",
    "ں": "n",
    "ٹ": "t",
    "ڈ": "d",
    "ڑ": "r",
}
# (Read before the decomposition that would leave only their seats, و and ي.)
_HAMZA_SEATS = str.maketrans({"ؤ": "u", "ئ": "e"})
# ... and as those seats again where a word must match a name's letters whole (``_word_key``).
_HAMZA_AS_SEAT = str.maketrans({"u": "w", "e": "y"})
# Cyrillic letters (Russian and Ukrainian, lower case; ї loses its mark as a diacritic first,
# й is "y": Йемен is Yemen) to the Latin letters English-language news uses for those names:
# Вагнер and Wagner, Каховка and Kakhovka, Пригожин and Prigozhin meet at one skeleton.
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ye",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Serbian and Macedonian letters (Џ is "dzh", read as j: ``_one_spelling``)
    **{"ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "ch", "џ": "dzh", "ѓ": "gj", "ќ": "kj"},
    "ѕ": "dz",
}
# Standalone Latin spellings of the Arabic article, its l assimilated ("as-Sham"), and of "son
# of". Also with an e, as place names in the Levant write it ("Deir ez-Zor"), where that is no
# common word of a Latin-script language ("en", "es", "et", "er", "ed"): a word left out of
# the text brings the words around it together, and a name's words may stand one word apart.
_ARTICLES = {"al", "el", "il", "ul", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an"}
_ARTICLES |= {"edh", "esh", "eth", "ez"}
# ... and with a u, as names that came through Urdu or Persian write it ("Hizb ut-Tahrir",
# "Jamaat-ud-Dawa"): not "us", "un" nor "ur", common words of Latin-script languages.
_ARTICLES |= {"ut", "ud", "udh", "uth", "ush", "uz"}
_SON_OF = {"bin", "ibn", "ben", "bn", "ibin", "ebn"}
# Arabic head words of organisation names and their usual English renderings, so that
# "Jaish X" is also found as "X Army" / "Army of X".
_HEAD_WORDS = {
    "jsh": "army",
    "=liwa": "brigade",
    "jbh": "front",
    "jbht": "front",
    "ktb": "battalion",
    "ktbt": "battalion",
    "hrk": "movement",
    "hrkt": "movement",
    "flk": "legion",
    "flq": "legion",
}
# Arabic words for kinds of place, which stand before the name ("حوض اليرموك", "wadi al-Yarmouk")
# where English puts its word after it ("Yarmouk Basin"): an alias ending in the English word is
# also sought in the Arabic order. And kinds of thing a watchlist names the same way ("Kakhovka
# dam", "سد كاخوفكا"; "Wagner Group", "مجموعة فاغنر"), in Arabic script only: their
# transliterations are seldom written, and some share an English word's consonants ("matar",
# airport, and "meter"). Persian puts its own words there too ("گروه واگنر", "اردوگاه یرموک").
_PLACE_WORDS = {
    "valley": ("wadi", "وادي", "دره"),
    "basin": ("hawd", "حوض", "حوضه"),
    "river": ("nahr", "نهر", "رود", "رودخانه"),
    "camp": ("mukhayyam", "مخيم", "اردوگاه"),
    "mountain": ("jabal", "جبل", "کوه"),
    "hill": ("tall", "تل", "تپه"),
    "plain": ("sahl", "سهل", "دشت"),
    "lake": ("buhayrat", "بحيرة", "دریاچه"),
    "dam": ("سد",),
    "reservoir": ("خزان", "مخزن"),
    "group": ("مجموعة", "گروه"),
    "mercenaries": ("مرتزقة", "مزدوران"),
    "army": ("جيش", "ارتش"),
    "movement": ("حركة", "جنبش"),
    "front": ("جبهة", "جبهه"),
    "brigade": ("لواء", "تیپ"),
    "party": ("حزب",),
    "port": ("ميناء", "بندر"),
    "airport": ("مطار", "فرودگاه"),
    "strait": ("مضيق", "تنگه"),
    "gulf": ("خليج", "خلیج"),
    "bay": ("خليج", "خلیج"),
    "sea": ("بحر", "دریای"),
    "crossing": ("معبر", "گذرگاه"),
    "island": ("جزيرة", "جزیره"),
    "strip": ("قطاع", "نوار"),
    "heights": ("هضبة", "مرتفعات"),
    "peninsula": ("جزيرة", "جزیره"),  # "شبه جزيرة سيناء", half-island
    "corridor": ("محور", "ممر", "کریدور", "دالان"),
    "canal": ("قناة", "کانال"),
    "pipeline": ("أنابيب", "لوله"),  # "خط أنابيب", a line of pipes
    "hospital": ("مستشفى", "بیمارستان"),
    "prison": ("سجن", "زندان"),
    **dict.fromkeys(("jungle", "forest"), ("غابة", "غابات", "جنگل")),
    # and kinds of event ("Mariupol siege", "Bucha massacre", "Kahramanmaraş earthquake")
    "siege": ("حصار", "محاصره"),
    "massacre": ("مجزرة", "مذبحة", "کشتار"),
    "earthquake": ("زلزال", "زلزله"),
    "offensive": ("هجوم",),
    **dict.fromkeys(("flood", "floods", "flooding"), ("فيضانات", "فيضان", "سيول")),
    **dict.fromkeys(("wildfire", "wildfires", "fire", "fires"), ("حرائق", "حريق")),
    **dict.fromkeys(("explosion", "blast"), ("انفجار",)),
}
# The same kinds of place and thing as other languages name them, where their consonants are
# not the English word's ("dam": French "barrage de Kakhovka", Russian "Каховской плотины",
# German "Kachowka-Staudamm"; "camp" and "groupe", "réservoir", "Gruppe" need none): an alias
# ending in the English word is also sought with the other language's, before the name or
# after it. A word in Cyrillic script meets only a word in that script; one in Latin script
# only a text in that language (French "barrage" is also an English word: "a barrage near
# Kakhovka" is no dam).
# (kinds of event, which English names by several words, "flood", "floods", "flooding",
# and each of these languages by several of its own: "наводнения", "паводок", "Hochwasser")
_FLOODS: dict[str, tuple[str, ...]] = {
    "ru": ("наводнение", "наводнения", "наводнений", "паводок"),
    "uk": ("повінь", "повені", "повеней"),
    **{"fr": ("inondations", "inondation", "crues"), "es": ("inundaciones", "riadas")},
    **{"pt": ("enchentes", "inundações", "cheias"), "it": ("alluvione", "inondazioni")},
    **{
        "de": ("Überschwemmungen", "Hochwasser", "Flut"),
        "pl": ("powódź", "powodzie"),
    },
    **{"tr": ("sel", "selde", "sellerde", "taşkın"), "id": ("banjir",)},
}
_FIRES: dict[str, tuple[str, ...]] = {
    "ru": ("пожары", "пожаров", "пожар"),
    "uk": ("пожежі", "пожеж", "пожежа"),
    **{"fr": ("incendies", "incendie", "feux"), "es": ("incendios", "incendio")},
    **{"pt": ("incêndios", "incêndio"), "it": ("incendi", "incendio")},
    **{"de": ("Waldbrände", "Brände", "Feuer", "Waldbränden"), "pl": ("pożary", "pożar")},
    **{"tr": ("yangınları", "yangın", "yangınlar"), "id": ("kebakaran",)},
}
_EXPLOSION: dict[str, tuple[str, ...]] = {
    "ru": ("взрыв", "взрыва", "взрыве"),
    "uk": ("вибух", "вибуху"),
    **{"es": ("explosión",), "pt": ("explosão",), "it": ("esplosione",)},
    **{
        "de": ("Explosion",),
        "pl": ("wybuch",),
        "tr": ("patlama", "patlaması", "patlamasında", "patlamasının"),
    },
    "id": ("ledakan",),
}
_KINDS_ELSEWHERE: dict[str, dict[str, tuple[str, ...]]] = {
    "dam": {
        **dict.fromkeys(("ru", "uk"), ("плотина", "дамба", "гребля")),
        **{"fr": ("barrage",), "es": ("presa", "represa"), "pt": ("barragem", "represa")},
        **{"de": ("Staudamm", "Talsperre"), "it": ("diga",), "pl": ("zapora", "tama")},
        "tr": ("barajı", "baraj"),
        "el": ("φράγμα", "φράγματος"),
        "sr": ("брана",),
        "he": ("סכר",),
        **{"cs": ("přehrada", "přehrady", "přehradu"), "sk": ("priehrada", "priehrady")},
        **{"sl": ("jez", "jezu"), **dict.fromkeys(("hr", "bs"), ("brana", "brane"))},
        **{"ro": ("barajul", "baraj"), "da": ("dæmning", "dæmningen"), "sv": ("dammen",)},
        **{"fi": ("pato", "padon"), "et": ("tamm",), "hu": ("gát", "gátat", "gátja")},
        "id": ("bendungan",),
    },
    "reservoir": {
        **dict.fromkeys(("ru", "uk"), ("водохранилище", "водосховище")),
        **{"es": ("embalse",), "pt": ("reservatório", "represa"), "de": ("Stausee",)},
        **{"it": ("bacino",), "pl": ("zbiornik",)},
        "el": ("ταμιευτήρας", "ταμιευτήρα"),
        "he": ("מאגר",),
        "id": ("waduk",),
    },
    "bridge": {
        **dict.fromkeys(("ru", "uk"), ("мост", "міст")),
        **{"fr": ("pont",), "es": ("puente",), "pt": ("ponte",), "de": ("Brücke",)},
        **{"it": ("ponte",), "pl": ("most",), "tr": ("köprüsü", "köprü")},
        "el": ("γέφυρα", "γέφυρας"),
        "he": ("גשר",),
        "id": ("jembatan",),
    },
    "camp": {
        **dict.fromkeys(("ru", "uk"), ("лагерь", "табір")),
        **{"es": ("campamento",), "pt": ("acampamento",), "de": ("Lager", "Flüchtlingslager")},
        **{"pl": ("obóz",), "tr": ("kampı",)},
        "el": ("καταυλισμός", "καταυλισμού", "καταυλισμό", "στρατόπεδο", "στρατοπέδου"),
        "he": ("מחנה",),
        "id": ("kamp",),
    },
    "group": {
        **{"ru": ("группа",), "uk": ("група",), "bg": ("групата",)},
        **{"tr": ("grubu", "grup"), "el": ("ομάδα", "ομάδας"), "he": ("קבוצת", "קבוצה")},
        **dict.fromkeys(("cs", "sk", "sl"), ("skupina", "skupiny", "skupine", "skupinu")),
        **dict.fromkeys(("hr", "bs"), ("skupina", "skupine", "grupa", "grupe")),
        **{"hu": ("csoport", "csoportot", "csoportnak"), "ro": ("grupul", "grupului")},
        **{"da": ("gruppe", "gruppen"), "sv": ("gruppen",), "nl": ("groep",), "de": ("Gruppe",)},
        **{"fi": ("ryhmä", "ryhmän"), "et": ("grupp",), "pl": ("grupa", "grupy", "grupie")},
        "id": ("kelompok",),
    },
    "gulf": {
        **{"ru": ("залив",), "uk": ("затока",), "fr": ("golfe",), "es": ("golfo",)},
        **{"pt": ("golfo",), "it": ("golfo",), "de": ("Golf",), "tr": ("körfezi", "körfez")},
        **{"pl": ("zatoka", "zatoce", "zatoki"), "el": ("κόλπος", "κόλπου", "κόλπο")},
        "he": ("מפרץ",),
        "id": ("teluk",),
    },
    "bay": {
        **{"ru": ("залив", "бухта"), "uk": ("затока", "бухта"), "fr": ("baie",)},
        **{"es": ("bahía",), "pt": ("baía",), "it": ("baia",), "de": ("Bucht",)},
        **{"tr": ("körfezi", "koyu"), "pl": ("zatoka", "zatoce", "zatoki")},
        **{"el": ("κόλπος", "κόλπου", "κόλπο"), "he": ("מפרץ",)},
        "id": ("teluk",),
    },
    "sea": {
        **dict.fromkeys(("ru", "uk"), ("море", "моря", "морі")),
        **{"fr": ("mer",), "es": ("mar",), "pt": ("mar",), "it": ("mare",), "de": ("Meer",)},
        **{"tr": ("denizi", "deniz"), "pl": ("morze", "morza", "morzu")},
        **{"el": ("θάλασσα", "θάλασσας"), "he": ("ים",)},
        "id": ("laut",),
    },
    # a power plant by its kind's acronym (``plant_forms``): "Atomkraftwerk Saporischschja",
    # "centrale nucléaire de Zaporijia", "central nuclear de Zaporiyia"
    "npp": {
        "de": ("Atomkraftwerk", "Atomkraftwerks", "Kernkraftwerk", "Kernkraftwerks", "AKW"),
        **{"fr": ("nucléaire",), "es": ("nuclear",), "pt": ("nuclear",), "it": ("nucleare",)},
        **{"tr": ("nükleer",), "pl": ("jądrowa", "jądrowej", "atomowa", "atomowej")},
    },
    "hpp": {
        "de": ("Wasserkraftwerk", "Wasserkraftwerks"),
        **{"fr": ("hydroélectrique",), "es": ("hidroeléctrica",), "pt": ("hidrelétrica",)},
        **{"it": ("idroelettrica",), "tr": ("hidroelektrik",)},
    },
    "valley": {
        **dict.fromkeys(("ru", "uk"), ("долина",)),
        **{"fr": ("vallée",), "es": ("valle",), "pt": ("vale",), "de": ("Tal",)},
        **{"it": ("valle",), "pl": ("dolina",), "tr": ("vadisi",)},
        "el": ("κοιλάδα", "κοιλάδας"),
        "he": ("עמק",),
        "id": ("lembah",),
    },
    "river": {
        **dict.fromkeys(("ru", "uk"), ("река", "річка")),
        **{"fr": ("fleuve", "rivière"), "es": ("río",), "pt": ("rio",), "de": ("Fluss",)},
        **{"it": ("fiume",), "pl": ("rzeka",), "tr": ("nehri",)},
        "el": ("ποταμός", "ποταμού", "ποταμό"),
        "he": ("נהר",),
        "id": ("sungai",),
    },
    "lake": {
        **dict.fromkeys(("ru", "uk"), ("озеро",)),
        **{"fr": ("lac",), "es": ("lago",), "pt": ("lago",), "de": ("See",), "it": ("lago",)},
        **{"pl": ("jezioro",), "tr": ("gölü",)},
        "el": ("λίμνη", "λίμνης"),
        "he": ("אגם",),
        "id": ("danau",),
    },
    "strait": {
        **dict.fromkeys(("ru", "uk"), ("пролив", "протока")),
        **{"fr": ("détroit",), "es": ("estrecho",), "pt": ("estreito",)},
        "de": ("Meerenge", "Straße", "Strasse"),  # "Straße von Hormus"
        **{"it": ("stretto",), "tr": ("boğazı",)},
        "el": ("πορθμός", "πορθμού", "στενά", "στενών"),
        "he": ("מצר", "מיצר"),
        "id": ("selat",),
    },
    "crossing": {
        **dict.fromkeys(("ru", "uk"), ("переход", "перехід")),
        **{"fr": ("passage",), "es": ("paso",), "pt": ("passagem",)},
        **{"de": ("Grenzübergang", "Übergang"), "it": ("valico",), "he": ("מעבר",)},
        "id": ("perlintasan", "penyeberangan"),
    },
    "island": {
        **dict.fromkeys(("ru", "uk"), ("остров", "острів")),
        **{"fr": ("île",), "es": ("isla",), "pt": ("ilha",), "de": ("Insel",)},
        **{"it": ("isola",), "tr": ("adası",)},
        "el": ("νησί", "νησιού", "νήσος", "νήσου"),
        "id": ("pulau",),
    },
    "strip": {
        **{"fr": ("bande",), "es": ("franja",), "pt": ("faixa",), "it": ("striscia",)},
        **{"de": ("Streifen",), "ru": ("сектор",), "uk": ("сектор", "смуга")},
        **{"tr": ("şeridi", "şerit"), "pl": ("strefa", "strefie", "strefę", "strefy")},
        "el": ("λωρίδα", "λωρίδας"),
        "he": ("רצועת", "רצועה"),
    },
    "heights": {
        **{"fr": ("plateau",), "es": ("altos",), "pt": ("colinas",), "it": ("alture",)},
        **{"de": ("Höhen",), "ru": ("высоты", "высотах"), "uk": ("висоти", "висотах")},
        **{"tr": ("tepeleri",), "pl": ("wzgórza", "wzgórzach")},
        "el": ("υψίπεδα", "υψιπέδων"),
        "he": ("רמת",),
    },
    "peninsula": {
        **{"it": ("penisola",), "de": ("Halbinsel",), "ru": ("полуостров",)},
        **{"uk": ("півострів",), "tr": ("yarımadası",), "pl": ("półwysep", "półwyspie")},
        "el": ("χερσόνησος", "χερσονήσου", "χερσόνησο"),
    },
    "corridor": {
        **{"it": ("corridoio",), "pl": ("korytarz", "korytarzu")},
        "el": ("διάδρομος", "διαδρόμου", "διάδρομο"),
        "he": ("ציר", "מסדרון"),
    },
    "canal": {
        **{"de": ("Kanal",), "nl": ("kanaal",), "it": ("canale",), "pl": ("kanał", "kanału")},
        **dict.fromkeys(("ru", "uk"), ("канал",)),
        **dict.fromkeys(("da", "sv", "no"), ("kanal", "kanalen")),
        "tr": ("kanalı",),
        "el": ("διώρυγα", "διώρυγας"),
        "he": ("תעלת", "תעלה"),
        "id": ("terusan",),
    },
    "pipeline": {
        **{"fr": ("gazoduc", "oléoduc"), "es": ("gasoducto", "oleoducto")},
        **{"pt": ("gasoduto", "oleoduto"), "it": ("gasdotto", "oleodotto")},
        **{"de": ("Gasleitung",), "ru": ("газопровод", "трубопровод")},
        **{"uk": ("газогін", "газопровід"), "pl": ("gazociąg", "rurociąg")},
        **{"tr": ("hattı",), "el": ("αγωγός", "αγωγού", "αγωγό"), "he": ("צינור",)},
    },
    "hospital": {
        **{"fr": ("hôpital",), "it": ("ospedale",), "de": ("Krankenhaus", "Klinik")},
        **{"ru": ("больница", "госпиталь"), "uk": ("лікарня", "шпиталь")},
        **{"tr": ("hastanesi", "hastane"), "pl": ("szpital",)},
        "el": ("νοσοκομείο", "νοσοκομείου"),
    },
    "prison": {
        **{"es": ("prisión", "cárcel"), "pt": ("prisão",), "it": ("carcere", "prigione")},
        **{"de": ("Gefängnis",), "ru": ("тюрьма",), "uk": ("тюрма", "в'язниця")},
        **{"tr": ("hapishanesi", "cezaevi"), "pl": ("więzienie",)},
        "el": ("φυλακή", "φυλακές", "φυλακών"),
        "he": ("כלא",),
        "id": ("penjara",),
    },
    # kinds of event (French "siège", "massacre", Spanish "masacre", "ofensiva" need none)
    "siege": {
        "ru": ("осада",),
        "uk": ("облога",),
        **{"es": ("asedio", "cerco"), "pt": ("cerco",), "de": ("Belagerung",)},
        **{"it": ("assedio",), "pl": ("oblężenie",), "tr": ("kuşatması", "kuşatma")},
        "el": ("πολιορκία", "πολιορκίας"),
        "he": ("מצור",),
        "id": ("pengepungan",),
    },
    "massacre": {
        "ru": ("резня", "бойня"),
        "uk": ("різанина",),
        **{"de": ("Massaker",), "it": ("massacro",), "pl": ("masakra",)},
        "tr": ("katliamı", "katliam"),
        "el": ("σφαγή", "σφαγής"),
        "he": ("טבח",),
        "id": ("pembantaian",),
    },
    "earthquake": {
        "ru": ("землетрясение",),
        "uk": ("землетрус",),
        **{"fr": ("séisme",), "es": ("terremoto", "sismo"), "pt": ("terremoto", "sismo")},
        **{
            "de": ("Erdbeben",),
            "it": ("terremoto", "sisma"),
            "tr": ("depremi", "depreminde", "deprem"),
            "id": ("gempa",),
        },
        "el": ("σεισμός", "σεισμού", "σεισμό"),
    },
    "offensive": {"ru": ("наступление",), "uk": ("наступ",)},
    **dict.fromkeys(("flood", "floods", "flooding"), _FLOODS),
    **dict.fromkeys(("wildfire", "wildfires", "fire", "fires"), _FIRES),
    **dict.fromkeys(("explosion", "blast"), _EXPLOSION),
    "deforestation": {
        "ru": ("вырубка", "вырубки"),
        "uk": ("вирубка", "вирубки"),
        **{"es": ("deforestación",), "pt": ("desmatamento", "desflorestação")},
        **{"de": ("Abholzung", "Entwaldung", "Abholzungszahlen"), "it": ("deforestazione",)},
        **{"pl": ("wylesianie",), "tr": ("ormansızlaşma",), "id": ("deforestasi",)},
    },
}
# A storm's word as other languages write it before its name ("Cyclone Freddy": "циклон
# «Фредди»", "إعصار فريدي", "ciclone Freddy"; "Hurricane Otis": "huracán Otis", "Hurrikan
# Otis"), by the English word an alias opens with. One sense for a tropical cyclone's three
# English words: languages name one by their region's word or a word of their own for all
# ("ouragan" and "cyclone", German "Wirbelsturm", Arabic "إعصار").
_TROPICAL_CYCLONES: dict[str, tuple[str, ...]] = {
    **{"fr": ("ouragan", "cyclone", "typhon"), "es": ("huracán", "ciclón", "tifón")},
    **{"it": ("uragano", "ciclone", "tifone"), "pt": ("furacão", "ciclone", "tufão")},
    "de": ("Hurrikan", "Zyklon", "Taifun", "Wirbelsturm", "Tropensturm"),
    **dict.fromkeys(("ru", "uk"), ("ураган", "циклон", "тайфун")),
    **{"id": ("siklon", "topan"), "sw": ("kimbunga",), "ar": ("إعصار",)},
}
STORMS_ELSEWHERE: dict[str, dict[str, tuple[str, ...]]] = {
    **dict.fromkeys(("hurricane", "cyclone", "typhoon"), _TROPICAL_CYCLONES),
    "storm": {
        **{"fr": ("tempête",), "es": ("tormenta",), "it": ("tempesta",)},
        **{"pt": ("tempestade",), "de": ("Sturm",), "id": ("badai",), "ar": ("عاصفة",)},
        **dict.fromkeys(("ru", "uk"), ("шторм",)),
    },
}
# Diseases that other languages name by words of their own, where the consonants are not the
# English word's ("cholera in Sudan": "cólera en Sudán", "холеры в Судане", "kolera",
# "الكوليرا"; "measles": "sarampión", "Masern", "корь"), met where the English word stands
# in an alias of several words. Arabic's without the article, as a word's stem is read
# ("بالكوليرا", with the cholera).
_DISEASES_ELSEWHERE: dict[str, dict[str, tuple[str, ...]]] = {
    "cholera": {
        **dict.fromkeys(("es", "pt"), ("cólera",)),
        **{"it": ("colera",), "tr": ("kolera",), "id": ("kolera",)},
        **{"ru": ("холера",), "uk": ("холера",), "ar": ("كوليرا",)},
    },
    "measles": {
        **{"es": ("sarampión",), "pt": ("sarampo",), "it": ("morbillo",)},
        **{"fr": ("rougeole",), "de": ("Masern",), "tr": ("kızamık",), "id": ("campak",)},
        **{"ru": ("корь", "кори"), "uk": ("кір", "кору"), "ar": ("حصبة",)},
    },
    "polio": {
        **{"ru": ("полиомиелит",), "uk": ("поліомієліт",), "de": ("Kinderlähmung",)},
    },
    "dengue": {"ar": ("ضنك",)},  # ("حمى الضنك", dengue fever)
}
# Acronyms other languages write for the English ones aliases and descriptions use: an alias
# "PMC Wagner" is "ЧВК «Вагнер»" in Russian and "ПВК «Вагнер»" in Ukrainian, "Kakhovka HPP"
# "Каховская ГЭС", "UN" "ООН" and "ONU", "mpox DRC" "mpox en RDC", a description's "WHO"
# "ВОЗ" and "OMS". Each is read as the English acronym too.
ACRONYMS_ELSEWHERE: dict[str, str] = {
    **dict.fromkeys(("ЧВК", "ПВК"), "PMC"),  # private military company
    **dict.fromkeys(("ГЭС", "ГЕС"), "HPP"),  # hydroelectric power plant
    **dict.fromkeys(("АЭС", "АЕС"), "NPP"),  # nuclear power plant
    **dict.fromkeys(("ООН", "ONU"), "UN"),
    **dict.fromkeys(("ЕС", "ЄС", "UE"), "EU"),
    **dict.fromkeys(("НАТО", "OTAN"), "NATO"),
    **dict.fromkeys(("МАГАТЭ", "МАГАТЕ", "AIEA", "OIEA"), "IAEA"),
    **dict.fromkeys(("США", "USA", "EUA", "EEUU"), "US"),
    **dict.fromkeys(("RDC", "ДРК"), "DRC"),  # (French, Spanish, Portuguese; Russian)
    **dict.fromkeys(("OMS", "ВОЗ", "ВООЗ"), "WHO"),
    **dict.fromkeys(("FMI", "МВФ"), "IMF"),
}
_APOSTROPHES = "'’‘ʿʾ`´ʼ׳"  # (and Hebrew's geresh)
# A word joined by a hyphen to the word after it, at the end of a string: "Al-" of
# "Al-Shabaab", "al-" of "Abu Mohammad al-Julani".
JOINED_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[-‐]$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ACRONYM = re.compile(r"^[A-Z0-9]{2,6}$")


# Letters that stripping the accent would misread: Russian й is "y" (Йемен, Yemen), Turkish
# and Romanian ş/ș "sh" (Şebab, Shabab), Turkish dotless ı "i" (which has no accent to strip),
# and Polish ł, which has none either, "l" ("Władimir", "Łukaszenka").
_LETTERS_AS_TWO = str.maketrans(
    {"й": "y", "Й": "Y", "ş": "sh", "Ş": "Sh", "ș": "sh", "Ș": "Sh", "ı": "i", "ł": "l", "Ł": "L"}
)
# ... but English news writes Turkish and Romanian names as often without the cedilla, an s
# ("Kahramanmaras", "Besiktas", "Timisoara"): a name or a text's word with one is also read so
# (``without_cedilla``).
_CEDILLA_S = str.maketrans({"ş": "s", "Ş": "S", "ș": "s", "Ș": "S"})


def without_cedilla(text: str) -> str:
    """``text`` with a Turkish or Romanian ş, ș as s, as English writes them."""
    return text.translate(_CEDILLA_S) if not text.isascii() else text


def _fold(text: str) -> str:
    """Case-fold, strip diacritics and harakat, Arabic and Cyrillic letters to Latin,
    apostrophes out."""
    if not text.isascii():
        text = text.translate(_LETTERS_AS_TWO).translate(_HAMZA_SEATS)
        if _GREEK_LETTERS.search(text):
            text = _greek_as_latin(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(_ARABIC.get(c, c) for c in text)
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    return "".join(_CYRILLIC.get(c, c) for c in text.casefold())


# Greek letters (lower case, accents off) to the Latin letters of the names Greek news writes
# in them: foreign names are spelled by sound, so "Βάγκνερ" is Wagner, "Χούθι" Houthi,
# "Μπαχμούτ" Bakhmut, "Μογκαντίσου" Mogadishu. Pairs first (``_GREEK_PAIRS``); χ is "h", as
# Greek writes both a foreign h and kh with it (a Greek text's names meet an alias's kh read as
# h: ``greek_spellings``).
_GREEK = {
    **{"α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th"},
    **{"ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "ks", "ο": "o", "π": "p"},
    **{"ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "i", "φ": "f", "χ": "h", "ψ": "ps"},
    "ω": "o",
}
# Letter pairs that write one sound, read before the letters (on the decomposed word, so that a
# diaeresis keeps two vowels apart: "Σοϊγκού" is So-i-gu, Shoigu; and an accent on the first
# of two vowels, "Κάιρο", Ka-i-ro): μπ, ντ, γκ are the b, d, g of foreign names ("Μπαχμούτ",
# "Ντονέτσκ"), τζ j ("Τζιχάντ"), γ before a front vowel y ("Γεβγκένι", Yevgeny), υ before a
# vowel opening a word y ("Υεμένη", Yemen).
_GREEK_PAIRS = re.compile(
    "(γκ|γγ|μπ|ντ|τζ|τσ|ου|αι|ει|οι|υι|αυ|ευ)(?!\u0308)|γι(?=[αεηοω])|γ(?=[εηι])|(?<!\\w)υ(?=[αεηοω])"
)
_GREEK_PAIR_SOUNDS = {
    **{"γκ": "g", "γγ": "ng", "μπ": "b", "ντ": "d", "τζ": "j", "τσ": "ts", "ου": "u"},
    **{"αι": "e", "ει": "i", "οι": "i", "υι": "i", "αυ": "av", "ευ": "ev", "γι": "y"},
    **{"γ": "y", "υ": "y"},
}
# The letters of the scripts other than Latin and Arabic that names are read in.
_GREEK_RANGE = "\u0370-\u03ff\u1f00-\u1fff"
_CYRILLIC_RANGE = "\u0400-\u04ff"
_HEBREW_RANGE = "\u05d0-\u05ea"
_GREEK_LETTERS = re.compile(f"[{_GREEK_RANGE}]")
_HEBREW_LETTERS = re.compile(f"[{_HEBREW_RANGE}]")


def _greek_as_latin(text: str) -> str:
    """A folded word's Greek letters as Latin ones (``_GREEK``, ``_GREEK_PAIRS``)."""
    text = unicodedata.normalize("NFD", text.casefold())
    text = _GREEK_PAIRS.sub(lambda m: _GREEK_PAIR_SOUNDS[m[0]], text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(_GREEK.get(c, c) for c in text)


def _one_spelling(word: str) -> str:
    """A folded word with the letters that spell one sound one way, as both keys read it:
    German "sch" is "sh" and "dsch" "j" ("Dschabhat"), Russian "дж" ("dzh") "j" ("Джибути"),
    "q" "k", "v" "w", "ph" "f", "dj" "j", "ck" "k", "x" "ks" ("Alexei", "Aleksei",
    "Алексей"), a hard c "k" (``_HARD_C``: "Crimea", "Krim"), "ou" "u" but after a vowel
    (French "Abou" for Abu, "Joulani"; "Seoul" stays, or it would be French "Seul", alone),
    a "tch" opening a word or after a consonant (French, "Tchernobyl", "Kertch"; ``_TCH``)
    "ch", and a final "ej" of a word of five letters or more, German, Polish and Czech for
    Russian "ей", "ei" ("Sergej", "Aleksej": Sergei, Alexei; not "ij", which ends Arabic
    names: "Manbij"). German "tsch" stays: as "ch" it
    would make "Tschechien" (Czechia) Chechnya, which German writes "Tschetschenien". And a
    final "ya" or "iya" after a consonant is "ia" (``_FINAL_YA``: "Jabaliya", "Jabalya")."""
    word = _TCH.sub("ch", word)
    word = _FINAL_YA.sub("i", word)
    if len(word) >= 5 and word.endswith("ej"):
        word = word[:-1] + "i"
    word = (
        word.replace("dsch", "j")
        .replace("dzh", "j")
        .replace("sch", "sh")
        .replace("q", "k")
        .replace("v", "w")
        .replace("ph", "f")
        .replace("dj", "j")
        .replace("ck", "k")
        .replace("x", "ks")
    )
    return _OU.sub("u", _HARD_C.sub("k", word))


# A "tch" where French writes it for ch, opening a word or after a consonant ("Tchernobyl",
# "Kertch", "Vovtchansk"); after a vowel it is English's ("Mitchell" is no German "Michail",
# Mikhail; "Pitcher" no Peshawar), as French's there is rarer ("Gorbatchev").
_TCH = re.compile("(?<![aeiouy])tch")
_VOWEL_TCH = re.compile("(?<=[aeiouy])tch")
# A final "ya" or "iya" after a consonant, which names also write "ia" (Arabic ـية, ـيا; Russian
# -ия): "Jabalia", "Jabaliya" and "Jabalya", "Zawiya" and "Zawia", "Kadhimiyya" meet.
_FINAL_YA = re.compile("(?<=[^aeiouy])i?y+(?=a$)")
# An "ou" but after a vowel: French for "u" ("Abou").
_OU = re.compile("(?<![aeiouy])ou")
# A c that is no "ch", "cz" or soft (before e, i, y): a k, as other languages write it ("Crimea",
# German "Krim", Russian "Крым", Arabic "القرم"; "Crocus", "Крокус"; Portuguese "Cabul", Kabul).
_HARD_C = re.compile("c(?![ehiyz])")


def skeleton(token: str) -> str:
    """Consonant skeleton of one folded token. "zh" is "j", as French and Arabic write the
    sound (Russian ж): Zaporizhzhia, Zaporozhye and Zaporijjia, Prigozhin and Prigojine meet."""
    t = _one_spelling(token).replace("zh", "j")
    head, rest = t[:1], t[1:]
    rest = re.sub(r"[aeiouyw]", "", rest)
    head = "" if head in "aeiou" and rest else head
    return re.sub(r"(.)\1+", r"\1", head + rest)


def strict_key(word: str, arabic: bool = False) -> str:
    """A stricter skeleton of one folded word for short names: letters doubled in the spelling
    are single, vowels after the first letter drop, but y and w stay and letters that meet
    only once the vowels are gone stay doubled. "Shabaab", "Shebab" and Arabic "الشباب" give
    ``shbb``; "Shabwa" (``shbw``) and Arabic "الشعب" (``shb``, the people) do not, though all
    share the skeleton ``shb``. In a word written in Arabic script (``arabic``) y and w drop
    too: there they are as often the long vowels ("الحوثي" is "Houthi", ``hth``)."""
    t = re.sub(r"(.)\1+", r"\1", _one_spelling(word))
    head, rest = t[:1], t[1:]
    rest = re.sub(r"[aeiouwy]" if arabic else r"[aeiou]", "", rest)
    return (head if head not in "aeiou" or not rest else "") + rest


# A one-word alias whose skeleton has this many consonants or fewer (Shabab: shb) also needs
# its strict key to match: three consonants name too many different words.
STRICT_MAX = 3


# A name this long or longer is also found as German, Polish and Czech spell its Russian or
# Ukrainian kh and zh (``spellings``); a shorter one would meet other names ("Khan", "Chan").
OTHER_SPELLINGS_MIN = 6


def spellings(word: str) -> tuple[str, ...]:
    """A name's folded ``word`` and, from ``OTHER_SPELLINGS_MIN`` letters, its kh and zh as
    German, Polish and Czech write them: ch ("Kachowka", "Cherson", "Bachmut"), sch
    ("Prigoschin", read as sh by ``skeleton``), z once the accent is off ("Prigożyn"); and
    the other way, a German "tsch" in the name as ch, as the other languages write it
    ("Klitschko", Ukrainian "Кличко", "Klychko")."""
    out = [word, *kh_zh_spellings(word)]
    if len(word) >= OTHER_SPELLINGS_MIN and "tsch" in word:
        out.append(word.replace("tsch", "ch"))
    return tuple(out)


def kh_zh_spellings(word: str) -> list[str]:
    """The kh and zh of a name's folded ``word`` as German, Polish and Czech write them
    (``spellings``), which only Latin script writes."""
    out = []
    if len(word) >= OTHER_SPELLINGS_MIN:
        if "kh" in word:
            out.append(word.replace("kh", "ch"))
        if "zh" in word:
            out += [word.replace("zh", "sh"), word.replace("zh", "z")]
    return out


# An h that is a letter of its own, not the second of a digraph ("kh", "zh", "sh", "ch", "th",
# "gh", "ph", "dh") nor a final, silent one: Ukrainian Г, which English writes h in Ukrainian
# names and g in their Russian ones ("Luhansk", "Lugansk"; "Horlivka", "Gorlovka").
_UKRAINIAN_H = re.compile("(?<![cdgkpstz])h(?!$)")


def g_for_h(word: str) -> str | None:
    """A name's folded ``word``, from ``OTHER_SPELLINGS_MIN`` letters, with its h that may be
    Ukrainian Г written g, as English writes the place's Russian name ("Luhansk", "Lugansk";
    "Chernihiv", "Chernigov"; "Huliaipole", "Gulyaipole"), where enough consonants are left to
    tell it from other words (``_distinct``); None if it has no such h. A word meets this
    spelling only with its vowels alike (``g_spelling_fits``): as a new first consonant, or
    one more, the g would make "Ginger" Hungary, "Garlic" Horlivka, "Georges" Hargeisa."""
    one = _one_spelling(word)
    if len(word) < OTHER_SPELLINGS_MIN or not _UKRAINIAN_H.search(one):
        return None
    other = _UKRAINIAN_H.sub("g", one)
    return other if _distinct(other, word) else None


def g_spelling_fits(written: str, name: str) -> bool:
    """Whether a folded word writes the vowels of a name's spelling with g for h
    (``g_for_h``; folded: ``name``) alike: both open with a vowel or a consonant, and have as
    many runs of vowels before a consonant, each alike, with o for i in the last of them
    (``_O_FOR_I``), as Russian writes Ukrainian names ("Gorlovka" for Horlivka)."""
    written, name = _one_spelling(written), _one_spelling(name)
    return _opens_like(written, name) and _runs_alike(
        written, name, _STEM_VOWEL_RUNS, o_for_i=True, any_end=True
    )


# Arabic ذ or ض as English may write it: dh after a vowel and before a vowel or an r
# ("Gadhafi", "Hadhramaut"), and the other way, dd before a vowel and d before an r
# ("Gaddafi", "Hadramawt"). Not a single d before a vowel: "Medina", "Budanov" and "Sweden"
# as "dh" meet Indonesian words ("Mudahan", "Bodohnya", "Sedihnya"), where d and h open
# two syllables.
_VOWEL_DH = re.compile(r"(?<=[aeiou])dh(?=[aeiour])")
_VOWEL_D = re.compile(r"(?<=[aeiou])(?:dd(?=[aeiou])|d(?=r))")


def latin_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in Latin script writes, as
    Spanish, French, German... transliterate the English one's letters: from
    ``OTHER_SPELLINGS_MIN`` letters, Spanish j for kh ("Jersón", "Bajmut", "Jartum") and y for
    Arabic j ("Yabhat al Nusra"), French ch for sh ("Chebab", "Cheikh"), each where enough
    consonants are left to tell it from other words (``_distinct``: "Jarkiv", Kharkiv, would
    meet "Jerk"); and from five letters German, Dutch, Polish and Scandinavian j for a y
    before a vowel ("Jemen", "Jarmuk", "Netanjahu", "Jahja"); and a final a as "ah"
    (``_FINAL_A``), and "eh", as Persian-style spellings write Arabic ة, and the other way
    round ("Haniyeh", "Haniya", "Haniyah", Turkish "Haniye", and German "Hanija"). And from
    ``OTHER_SPELLINGS_MIN`` letters Arabic ذ or ض, which English writes d or dh, either way
    round (``_VOWEL_DH``: "Gaddafi" and AP's "Gadhafi", "Qaddafi" and French "Kadhafi",
    "Hadramawt" and "Hadhramaut"): only in a name's spelling, never read into a text's words,
    where "dh" also joins two parts of a word ("Gandhi", "Eindhoven", Dutch "gezondheid").
    And an h of its own as g, as English writes a Ukrainian place's Russian name
    (``g_for_h``: "Lugansk" for Luhansk). Arabic and Cyrillic letters read as Latin ones are
    never so met: "jemen" would be "جمعنا" (we gathered), "cheikh" Russian "Чехия" (Czechia),
    "qadhafi" "قذائف" (shells)."""
    one = _one_spelling(word)
    out = []
    if len(word) >= OTHER_SPELLINGS_MIN:
        out += [
            other
            for written, other_way in (("kh", "j"), ("sh", "ch"), ("j", "y"))
            if written in one and _distinct(other := one.replace(written, other_way), word)
        ]
        if (russian := g_for_h(word)) is not None:
            out.append(russian)
        if _VOWEL_DH.search(word):
            out.append(_VOWEL_DH.sub("d", word))
        elif _VOWEL_D.search(word):
            out.append(_VOWEL_D.sub("dh", word))
    endings = [word]
    if _FINAL_A.search(word):
        endings += [word + "h", word[:-1] + "eh"]
    if len(word) >= 5 and _FINAL_EH.search(word):
        endings += [word[:-2] + "a", word[:-2] + "ah", word[:-1]]
    if len(word) >= 5 and (final := _FINAL_I.search(word)):
        endings.append(word[: final.start()] + "ij")
        if word.endswith("y"):  # and a final y as i: "Evgeni", "Dmitri", "Yuri"
            endings.append(word[:-1] + "i")
    out += endings[1:]
    if len(word) >= 5:
        out += [_Y_BEFORE_VOWEL.sub("j", w) for w in endings if _Y_BEFORE_VOWEL.search(w)]
    return tuple(out)


def german_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in German writes: from
    ``OTHER_SPELLINGS_MIN`` letters, s for the z of a Russian or Ukrainian name (з), with sch
    or ch for its zh or kh, -yj for a final -y and -ja or -ija for a final -ia ("Selenskyj",
    "Ramsan", "Saluschnyj", "Sacharowa", "Hisbollah", "Saporischschja"); from five, tsch for
    its ch (ч: "Kertsch", "Tschassiw Jar") and z for its ts (ц: "Donezk"), each where enough
    consonants are left to tell it from other words (``_distinct``). Only in German: other
    languages write z, and their words would meet it (Slovak "Slovensko" would be Zelensky,
    Polish "Sprawiają" Zaporizhzhia); and a German "tsch" is read as written elsewhere
    ("Tschechien", Czechia, is no Chechnya)."""
    out: list[str] = []
    if len(word) >= 5 and "ch" in word and "sch" not in word:
        out.append(word.replace("ch", "tsch"))
    if len(word) >= 5 and "ts" in word:
        out.append(word.replace("ts", "z"))
    if len(word) >= OTHER_SPELLINGS_MIN and _Z.search(word):
        final = _FINAL_I.search(word)
        forms = [word] + ([word[: final.start()] + "ij"] if final else [])
        # (a final -ia of a Slavic name, я, is -ja: "Saporischschja", "Jewpatorija")
        forms += [_FINAL_IA.sub(ending, word) for ending in ("ja", "ija") if _FINAL_IA.search(word)]
        voiced = [_Z.sub("s", w) for w in forms]
        out += [v for w in voiced for v in (w, w.replace("zh", "sh"), w.replace("kh", "ch"))]
    return tuple(w for w in dict.fromkeys(out) if _distinct(w, word))


# A final -ia after a consonant (Zaporizhzhia), which German writes -ja or -ija.
_FINAL_IA = re.compile("(?<=[^aeiouy])ia$")
# A z that is no part of "zh": German writes s for a Russian or Ukrainian з.
_Z = re.compile("z(?!h)")


def polish_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in Polish writes: from
    five letters, sz for sh, cz for ch, szcz for shch, and j for an i or y after a vowel and
    before a consonant or at the end ("Szojgu", "Łukaszenka", "Czernihów", "Nikołaj"), where
    enough consonants are left to tell it from other words (``_distinct``)."""
    if len(word) < 5:
        return ()
    polish = word.replace("shch", "szcz").replace("sh", "sz").replace("ch", "cz")
    polish = _POLISH_J.sub("j", polish)
    return (polish,) if polish != word and _distinct(polish, word) else ()


# An i or y after a vowel and before a consonant or at the end: Polish j for a Russian й
# ("Szojgu", "Nikołaj"). Not before a final v: Polish "Mikołajów" (Mykolaiv) keeps its w,
# which the skeleton drops, and would be "Mikołaj", a first name (St Nicholas, Santa Claus).
_POLISH_J = re.compile("(?<=[aeiou])[iy](?=[^aeiouy]|$)(?!v$)")


def nordic_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in Swedish, Norwegian or
    Danish writes: from five letters, tj for the ch of a Russian or Ukrainian name (ч), sj
    for its sh (ш) and zj for its zh (ж): "Tjernobyl", "Tjetjenien", "Sjojgu", "Zjukov";
    where enough consonants are left to tell it from other words (``_distinct``)."""
    if len(word) < 5:
        return ()
    nordic = word.replace("shch", "sjtj").replace("sh", "sj").replace("zh", "zj")
    nordic = _NORDIC_TJ.sub("tj", nordic)
    return (nordic,) if nordic != word and _distinct(nordic, word) else ()


# A ch that is no part of "sch" (a German spelling, "Tschernobyl")
_NORDIC_TJ = re.compile("(?<!s)ch")


def french_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in French writes: from
    five letters, gu for a g before e, i or y, iou for yu and i for a final y ("Evgueni",
    "Sergueï", "Ioulia"), where enough consonants are left to tell it from other words
    (``_distinct``) or too few for a skeleton ("Evgueni" is met whole)."""
    if len(word) < 5:
        return ()
    french = _hard_g(word).replace("yu", "iou")
    return (french,) if french != word and _kept(french, word) else ()


_FRENCH_G = re.compile("g(?=[eiy])")
_FINAL_Y = re.compile("(?<=[^aeiouy])y$")


def _hard_g(word: str) -> str:
    """``word`` as French and Spanish write a hard g before e, i or y, gu, and a final y after
    a consonant, i ("evgeny": "evgueni")."""
    return _FINAL_Y.sub("i", _FRENCH_G.sub("gu", word))


def _kept(other: str, word: str) -> bool:
    """Whether a language's spelling ``other`` of ``word`` can be told from other words: it
    keeps enough consonants (``_distinct``), or too few for a skeleton, so that it is met
    whole, exactly (``_word_key``)."""
    return len(skeleton(other)) < 3 or _distinct(other, word)


def spanish_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in Spanish writes: from
    five letters, gu for a g before e or i with i for a final y ("Yevgueni", "Serguéi"), and
    j for kh where too few consonants are left for every Latin-script text to write it so
    (``latin_spellings``: "Jersón"): "Kajovka", "Jamenei", "Jalifa", a short name's spelling,
    held to its strict key and its vowels (``_strict_match``: "jamón", ham, is no Jamenei)."""
    if len(word) < 5:
        return ()
    out = []
    if _FRENCH_G.search(word) and _kept(spanish := _hard_g(word), word):
        out.append(spanish)
    if "kh" in (one := _one_spelling(word)):
        j = one.replace("kh", "j")
        if len(skeleton(j)) <= STRICT_MAX and len(strict_key(j)) >= STRICT_MAX:
            out.append(j)
    if (t := _vowel_th_as("t", word)) is not None:
        out.append(t)  # "hutí" (plural "hutíes"), Houthi
    return tuple(out)


# A th after a vowel, as English writes Arabic ث ("Houthi", "Ba'ath", "Uthman"), which
# Spanish writes t ("hutíes") and Turkish, Russian and Ukrainian s ("Husiler", "хуситы",
# "Osman"). Not a th opening a word ("Thames" as "Tames" would be "Times"), nor one after a
# consonant ("Smith").
_VOWEL_TH = re.compile("(?<=[aeiou])th")


def th_as_s_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in Turkish, Russian or
    Ukrainian writes: from five letters, s for a th after a vowel, as these write Arabic ث
    (``_VOWEL_TH``: "Husiler", "хуситы", Houthis; "Baas", "Баас", Ba'ath), and "ou" as "u",
    where enough consonants are left to tell it from other words or too few for a skeleton
    (``_kept``: a short name is met whole, "husi")."""
    if len(word) < 5 or (other := _vowel_th_as("s", word)) is None:
        return ()
    return (other,)


def cyrillic_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in Russian, Ukrainian,
    Bulgarian or Macedonian writes, read in Latin letters as a Cyrillic word's key is: s for
    a th after a vowel (``th_as_s_spellings``), and from five letters s for a soft c, before
    e, i or y, as they write a Spanish or English one ("Валенсия", Valencia; "Барселона",
    "Франсиско", "Мерседес"), and with it "дж" for a soft g after an n (``_SOFT_G``), as
    they write an English one ("Лос-Анджелес", Los Angeles; "Рохинджа",
    Rohingya), where enough consonants are left to tell it from other words (``_kept``)."""
    out = list(th_as_s_spellings(word))
    if len(word) < 5:
        return tuple(out)
    soft = _SOFT_C.sub("s", word)
    for other in dict.fromkeys((soft, _SOFT_G.sub("dzh", soft))):
        if other != word and _kept(other, word):
            out.append(other)
    return tuple(out)


# A soft c: before e, i or y, not in "sc" ("Moscow") nor "cc".
_SOFT_C = re.compile("(?<![sc])c(?=[eiy])")
# A soft g after an n, as English names write one ("Angeles", "Rohingya"): before e or i, and
# "gy" before a vowel. Not after another letter, where Russian names' hard g stands as often
# ("Yevgeny", "Sergei": Евгений, Сергей), and where a spelling more of a common name word would
# multiply its aliases' combinations past ``SPELLING_COMBINATIONS``.
_SOFT_G = re.compile("(?<=n)(?:gy(?=[aeiou])|g(?=[ei]))")


def th_as_t_spellings(word: str) -> tuple[str, ...]:
    """The same with t for that th, as Serbian writes it ("Хути", Houthis)."""
    if len(word) < 5 or (other := _vowel_th_as("t", word)) is None:
        return ()
    return (other,)


def _vowel_th_as(letter: str, word: str) -> str | None:
    """A name's folded ``word`` with its th after a vowel (``_VOWEL_TH``) as ``letter`` and "ou"
    as "u", if it has one and enough consonants are left to tell it from other words or too few
    for a skeleton (``_kept``: a short name is met whole, "husi", "huti"); else None."""
    if not _VOWEL_TH.search(word):
        return None
    other = _VOWEL_TH.sub(letter, _OU.sub("u", word))
    return other if _kept(other, word) else None


def greek_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a name's folded ``word`` that only a text in Greek writes, read in
    Latin letters as a Greek word's key is (``_GREEK``): from four letters, h for kh (Greek χ
    writes both: "Χερσώνα", Kherson; "Χούθι", Houthi), s for sh, z for zh and ts for ch, which
    Greek has no letters for ("Σαμπάμπ", Shabaab; "Πριγκόζιν", Prigozhin), and a letter doubled
    once (Greek writes no long vowel double: "sabab"), where enough consonants are left to tell
    it from other words or too few for a skeleton (``_kept``: met whole)."""
    if len(word) < 4:
        return ()
    one = _one_spelling(word)
    greek = one.replace("kh", "h").replace("sh", "s").replace("zh", "z").replace("ch", "ts")
    greek = re.sub(r"(.)\1+", r"\1", greek)
    return (greek,) if greek != one and _kept(greek, word) else ()


GERMAN = "de"
POLISH = "pl"
FRENCH = "fr"
SPANISH = "es"
TURKISH = "tr"
RUSSIAN = "ru"
UKRAINIAN = "uk"
GREEK = "el"
BULGARIAN = "bg"
MACEDONIAN = "mk"
SERBIAN = "sr"
HEBREW = "he"
SWEDISH = "sv"
# Norwegian (and its Bokmål) and Danish texts spell a foreign name as Swedish does ("Tjernobyl",
# ``nordic_spellings``): one scope for the three, each spelling once (``_spelling_variants``
# combines a name's words' spellings within a bound, ``SPELLING_COMBINATIONS``).
_SPELLS_AS = {"no": SWEDISH, "nb": SWEDISH, "da": SWEDISH}
# The spellings only a text in one language writes, by its language.
_LANGUAGE_SPELLINGS = {
    GERMAN: german_spellings,
    POLISH: polish_spellings,
    SWEDISH: nordic_spellings,
    FRENCH: french_spellings,
    SPANISH: spanish_spellings,
    TURKISH: th_as_s_spellings,
    RUSSIAN: cyrillic_spellings,  # (read in Latin letters, as a Cyrillic word's key is)
    UKRAINIAN: cyrillic_spellings,
    GREEK: greek_spellings,  # (likewise)
    BULGARIAN: cyrillic_spellings,
    MACEDONIAN: cyrillic_spellings,
    SERBIAN: th_as_t_spellings,
}
_CYRILLIC_LANGUAGES = frozenset({RUSSIAN, UKRAINIAN, BULGARIAN, MACEDONIAN, SERBIAN})
# Those of them written in another script than Latin: their spellings are met in that script.
_NOT_IN_LATIN = _CYRILLIC_LANGUAGES | {GREEK, HEBREW}


def language_spellings(word: str) -> dict[str, tuple[str, ...]]:
    """A name's folded ``word`` as each language alone spells it (``_LANGUAGE_SPELLINGS``), by
    language; the languages with none left out."""
    return {lang: alts for lang, spell in _LANGUAGE_SPELLINGS.items() if (alts := spell(word))}


# A final i or y after a consonant, which German, Polish and Czech write "ij" or "yj" for a
# Russian or Ukrainian -ий, -ый, -ій ("Dmitrij", "Selenskyj", "Syrskyj"): those spellings read
# as the name's, where the text's "ij" stays as written (Arabic "Manbij").
_FINAL_I = re.compile("(?<=[^aeiouy])[iy]+$")


_Y_BEFORE_VOWEL = re.compile("y(?=[aeiou])")
# A final "eh" after a consonant or y: Arabic ة as Persian-style spellings write it.
_FINAL_EH = re.compile("[^aeiouh]eh$")


# A final a after a consonant, which English also writes "ah" (Arabic ة: "Hamah", "Raqqah",
# "Darnah" for Hama, Raqqa, Derna); not after one that an h would join to another sound
# ("Odesa" is no "Odisha", "Kakhovka" no Turkish "kahkaha", laughter).
_FINAL_A = re.compile("[bfjlmnqrvwy]a$")


def ye_or_e(word: str) -> str | None:
    """A name's folded ``word`` of six letters or more that opens with "ye" and a consonant
    without its y, or one that opens with e and a consonant with one (None: neither)."""
    if len(word) < 6:
        return None
    if _OPENING_YE.match(word):
        return word[1:]
    if _OPENING_YE.match("y" + word):
        return "y" + word
    return None


_OPENING_YE = re.compile("ye[^aeiouy]")


def short_vowel_spellings(word: str) -> list[str]:
    """A short word's other spellings of Arabic's vowels, for a name of several words, where its
    other words tell it apart (a short word alone is matched as written, ``_word_key``): u
    written o or u ("Zor", "Zour", "Zur"), and ay written ai, ay, ei or ey ("Deir", "Dayr",
    "Dair", Russian "Дейр"), as "Deir ez-Zor", "Deir al-Zour" and "Dayr al-Zur" spell one
    city; and a word's one short a written e or the other way ("Tal Afar" and "Tel Afar", "Tell
    Abyad" and "Tal Abyad"); and the Persian and Urdu ezafe, "of", written i or e
    ("Mazar-i-Sharif" and "Mazar-e-Sharif", "Tehrik-i-Taliban" and "Tehreek-e-Taliban")."""
    one = _one_spelling(word)  # "zour" is "zur"
    out = [_EZAFE[one]] if one in _EZAFE else []
    if "o" in one or "u" in one:
        out.append(one.translate(_O_OR_U))
    if _DIPHTHONG.search(one):
        out += [_DIPHTHONG.sub(other, one) for other in ("ai", "ay", "ei", "ey")]
    if len(runs := _VOWEL_RUNS.findall(one)) == 1 and runs[0] in ("a", "e"):
        out.append(one.translate(_A_OR_E))
    return [w for w in dict.fromkeys(out) if w != one]


_EZAFE = {"i": "e", "e": "i"}
_O_OR_U = str.maketrans("ou", "uo")
_A_OR_E = str.maketrans("ae", "ea")
_DIPHTHONG = re.compile("[ae][iy](?![aeiou])")


def _distinct(other: str, word: str) -> bool:
    """Whether another spelling of a name's folded ``word`` keeps enough consonants to be told
    from other words: more than ``STRICT_MAX`` in its skeleton, or, for a short name held to
    its strict key, as many as that key has, and more than ``STRICT_MAX``."""
    if len(skeleton(word)) <= STRICT_MAX:
        strict = len(strict_key(other))
        return strict > STRICT_MAX and strict >= len(strict_key(word))
    return len(skeleton(other)) > STRICT_MAX


def key_forms(key: str, word: str) -> tuple[str, ...]:
    """The keys a name's word (its key, folded ``word``) is found by: its own and, for a word
    ending in a vowel and an h that is not sounded ("Hezbollah", "Ramallah"), the key without
    that h, as other spellings and scripts drop it ("Hizbulla", "Хезболла", "Рамалла").
    Only where three consonants are left: "Fatah" (``fth``) keeps its h, and so does a short
    word found by its whole form ("Allah" is no "=ala", Arabic "إلى", to). And the keys of its
    other ``spellings`` that have three (a word with fewer is found by its whole folded form,
    ``_word_key``: "Zukov" is no key)."""
    forms = [key]
    if len(key) > 3 and key.endswith("h") and not key.startswith("=") and _SILENT_H.search(word):
        forms.append(key[:-1])
    forms += [k for w in spellings(word)[1:] if len(k := skeleton(w)) >= 3]
    return tuple(dict.fromkeys(forms))


# A final h after a vowel, which many names write and do not sound ("Hezbollah", "Fallujah").
_SILENT_H = re.compile(r"[aeiou]h$")


def without_silent_h(word: str) -> tuple[str, ...]:
    """A name's folded ``word`` as it is and, if it ends in a silent h (``_SILENT_H``),
    without it: as other spellings and scripts may write it ("Falludscha", "السنة")."""
    return (word, word[:-1]) if _SILENT_H.search(word) else (word,)


def arabic_readings(word: str, last: bool) -> tuple[str, ...]:
    """A name's folded ``word`` as Arabic script may write it: as it is, without a final h
    after a vowel (ة: "Sunnah", "السنة"; ``without_silent_h``) and, but for a name's ``last``
    word, without the t of the construct state (ة before the word it governs: "Hayat",
    "هيئة")."""
    out = list(without_silent_h(word))
    if not last and word.endswith("at"):
        out.append(word[:-1])
    return tuple(out)


def arabic_short_key(word: str) -> str:
    """The key by which a word in Arabic script too short for a skeleton (``_word_key``
    matches such a word whole) meets a name's word of a name of several words: "~" and the
    consonants Arabic writes of it (``strict_key``, w and y as long vowels, ʿayn not a
    letter): "هيئة" (folded "hyya") and "Haya(t)" are ``~h``, "العدل" and "Adl" ``~dl``."""
    return "~" + strict_key(word, arabic=True)


# A name of several words is found by the "~" keys of its short words (``arabic_short_key``)
# only where its words have this many consonants between them: "Jaish al-Adl" (jsh, dl),
# "Hurras al-Din", "Saraya al-Quds"; not "Ahl al-Haq" (hl, hk), whose consonants and vowels
# Arabic writes in too many other phrases.
ARABIC_NAME_MIN = 5


def arabic_short_options(
    readings: Sequence[Iterable[str]], before: int = 0
) -> list[tuple[str, ...]]:
    """The keys of a name of several words, one of each word's ``readings``, by which Arabic
    script meets it: those with a short word's "~" key (``arabic_short_key``) whose words have
    ``ARABIC_NAME_MIN`` consonants or more, with ``before`` more of a word before them (a
    kind's: ``arabic_kind_first``)."""
    return [
        option
        for option in itertools.product(*readings)
        if any(k.startswith("~") for k in option)
        and before + sum(len(k.lstrip("~")) for k in option) >= ARABIC_NAME_MIN
    ]


# "and" as a name transliterates it ("Ahlu Sunnah wa Jamaah", "wal-Muslimin"): Arabic joins it
# to the next word ("والجماعة"), whose stem is found.
_AND = frozenset({"wa", "wal", "w"})


# A word's runs of vowels (folded, in a script that writes them): a name's transliterations
# differ in which vowels they write (Homs, Hims; Shabaab, Shebab), seldom in how many ("Hamas"
# is not "Homs", though both are ``hms``; "Sidra" is not "Sadr"). Every run, and those before
# a consonant: a stem's, whose last vowel may be a case ending ("Йемена") or lost with one
# ("Kakhovka", "Каховск-ого").
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_STEM_VOWEL_RUNS = re.compile(r"[aeiouy]+(?=[^aeiouy])")


@dataclass(frozen=True)
class Token:
    key: str  # skeleton
    word: str  # folded
    start: int  # character span in the original text
    end: int
    forms: tuple[str, ...] = ()  # keys of the words it may be an inflected form of
    bases: tuple[str, ...] = ()  # those words folded, where they are known (strict keys)
    arabic: bool = False  # written in Arabic script (strict keys)
    # A word of the model's vocabulary written as a common word: in lower case, opening a
    # sentence, or in a headline that capitalises every word ("homes", "Several", "Floods
    # Destroy Homes"). It meets a name only as that name's own word (``meets``): its skeleton
    # alone would make "homes" Hamas and "gallon" Golan.
    common: bool = False
    # A word in lower case in a script other than Latin that writes names with a capital
    # (Cyrillic, Greek): a common word of its language, which never stands for a name the alias
    # writes with one (Russian "газа", of gas, is not Gaza; "Газа" is).
    lowercase: bool = False
    # A word in Latin script without a capital that marks a name: in lower case, or where a
    # capital says nothing (opening a sentence, in a headline in title case; ``inflected``).
    # One the vocabulary lacks is most often a common word of another language (German
    # "deren", "Unser", French "serait"), at times a name as French writes a people or a group
    # ("les rebelles houthis", "une attaque shebab"): ``meets``. So is a word in Cyrillic
    # script whose capital only opens a sentence or a headline (Russian "Открытие", an
    # opening, is no Tikrit; "Судно", a ship, no Sidon); in lower case it is ``lowercase``.
    no_capital: bool = False
    # A word in Arabic script that opens with a vowel letter or ʿayn, past a joined
    # conjunction, preposition or article ("أوكرانيا", "وعفرين"): the script writes a vowel
    # that opens a word, so only such a word may be a name that opens with one.
    vowel_start: bool = False
    # Its readings (folded: the word and its ``bases``) that open with a vowel letter or ʿayn
    # past the article alone, so that a conjunction or preposition joined to them is read as
    # a consonant of the word ("عنصر", an element, opens with one; "وعدن" does not, but its
    # "عدن" does): only a name that opens with a vowel is such a reading (``arabic_spelling_fits``).
    opens: frozenset[str] = frozenset()
    # Written in Latin script (its first letter): only such a word meets a spelling that only
    # Latin script writes (``latin_spellings``).
    latin: bool = True
    # Written in Hebrew script: met by a name's consonants and vowels (``hebrew_fits``), its
    # readings past the letters Hebrew joins before a word in ``bases``.
    hebrew: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.forms)


_ARABIC_TSH = "تش"
# A ز between long vowels, as Arabic writes the s a foreign name voices there ("لامبيدوزا",
# Lampedusa; "لويزيانا", Louisiana; "إليزابيث", Elizabeth): read as س too (``inflected``).
# Not after a و or ي that opens the word, past its article: a consonant ("وزير", a minister).
_ARABIC_VOICED_S = re.compile("(?<=[\u0621-\u064a][اوي])ز(?=[اويى])")
_ARABIC_LETTERS = re.compile("[\u0621-\u064a\u0679-\u06d3]")  # with Persian and Urdu


def _is_arabic(word: str) -> bool:
    return bool(_ARABIC_LETTERS.match(word))


# "Allah" written in Arabic: its article is part of the word in every transliteration (Ansar
# Allah, Hizb Allah), so it is not split off as the article of a word "لله". Urdu writes its
# final h as ہ ("حزب اللہ", Hezbollah).
_ALLAH = "الله"
_ALLAH_WRITTEN = frozenset({_ALLAH, "اللہ"})
# A folded word that ends in "Allah" joined to it: the word before and a vowel.
_JOINED_ALLAH = re.compile(r"(\w{2,}?)[aou]ll?ah?")


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> tuple[str, str, bool] | None:
    """(key, folded, written in Arabic script) of one word, or None for an article. Cached:
    news repeats its words."""
    f = _fold(word)
    if word in _ALLAH_WRITTEN:
        f = "allah"
    elif word[:2] == "ال" and len(word) > 3:  # Arabic article is written joined to the word
        f = _fold(word[2:])
    if f in _ARTICLES:
        return None
    key = "bn" if f in _SON_OF else skeleton(f)
    arabic = _is_arabic(word)
    if len(key) < 3 and f not in _SON_OF:
        # Too few consonants to be told apart: the word must match, a consonant doubled or
        # not ("Assad" and Russian "Асад", "Sisi" and French "Sissi", as the skeleton reads
        # them: ``_DOUBLED``); a hamza's seat as its letter ("قائدا", a leader, is no "Qaeda").
        # A letter alone is that letter ("iPhone X" is no "iPhone XS", read "ks"). English
        # writes an Arabic "ai" also "ae" ("Qaeda" and "Qaida", "Taez" and "Taiz").
        whole = f if len(f) == 1 else _one_spelling(f.translate(_HAMZA_AS_SEAT) if arabic else f)
        if not arabic:
            whole = whole.replace("ae", "ai")
        key = "=" + _DOUBLED.sub(r"\1", whole)
    return (key, f, arabic) if key else None


_LATIN_END = 0x250  # Basic Latin to Latin Extended-B: the letters of Latin-script languages


# Words with an apostrophe inside: an ʿayn or a hamza as Latin script writes them ("Hay'at",
# "Jama'at", "Ba'ath", "Da'esh") and Ukrainian's apostrophe ("Слов'янськ", "Мар'їнка") are
# one word; an elision ("l'armée", "d'Alep", "dell'Ucraina": one letter before it, or a
# capital after), a possessive and a contraction ("Rafah's", "don't", "they're", "we've",
# "you'll") are two. And Hebrew's geresh, inside a Hebrew word ("ג'יהאד", "החות'ים").
_APOSTROPHES_INSIDE = "'’‘׳"
_CONTRACTIONS = frozenset({"re", "ve", "ll"})


# Initials written with full stops, one word: "U.S." is "US", "U.N." "UN".
_INITIALISM = re.compile(r"(?<![^\W\d_])(?:[A-Z]\.){2,}")
# ... and capitals joined by an ampersand: "AT&T" is "ATT", "P&O" "PO" (not "AT" and "T", or
# the article "at" and a letter).
_AMPERSAND_NAME = re.compile(r"(?<![^\W\d_])[A-Z]{1,3}&[A-Z]{1,3}(?![^\W\d_])")


# A hashtag ("#WagnerGroup", "#AlShabaab") names what its words do, one word each where a
# capital opens one (a capital after a lower-case letter, or the last of a run of capitals
# before a lower-case letter: "#ISISAttack").
HASHTAG = re.compile(r"#[^\W_]\w*")
CAMEL_CASE = re.compile(r"(?<=[^\W\d_][a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _words(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the words of ``text`` (``_WORD``), those that an apostrophe joins in one,
    initials with full stops (``_INITIALISM``: "U.S.", read as "US" by ``tokens``), capitals
    joined by an ampersand (``_AMPERSAND_NAME``: "AT&T", read as "ATT"), and a hashtag's
    words where capitals open them (``HASHTAG``: "#WagnerGroup" is "Wagner", "Group")."""
    if "#" not in text:
        yield from _joined_words(text)
        return
    tags = {m.start() + 1: m.end() for m in HASHTAG.finditer(text)}
    for a, b in _joined_words(text):
        if tags.get(a) == b:
            cuts = [a, *(a + m.start() for m in CAMEL_CASE.finditer(text[a:b])), b]
            yield from itertools.pairwise(cuts)
        else:
            yield a, b


def _in_hashtag(text: str, tok: Token) -> bool:
    """Whether ``tok`` is one of a hashtag's words but its whole: a letter or digit joins it
    to the word before or after (``_words`` cuts no other word)."""
    return text[tok.start - 1 : tok.start].isalnum() or text[tok.end : tok.end + 1].isalnum()


def _joined_words(text: str) -> Iterator[tuple[int, int]]:
    """``_words`` but for hashtags."""
    start = end = part = -1  # the word so far, and the start of its last part
    initials = {m.start(): m.end() for m in _INITIALISM.finditer(text)} if "." in text else {}
    if "&" in text:
        initials.update((m.start(), m.end()) for m in _AMPERSAND_NAME.finditer(text))
    skip_to = -1
    for w in _WORD.finditer(text):
        a, b = w.span()
        if initials:
            if a < skip_to:
                continue
            if a in initials:
                if end >= 0:
                    yield start, end
                yield a, initials[a]
                skip_to, start, end = initials[a], -1, -1
                continue
        if end >= 0 and a == end + 1 and text[end] in _APOSTROPHES_INSIDE:
            before, after = text[part:end], text[a:b]
            cyrillic = _CYRILLIC_LETTERS.match(before[-1]) and _CYRILLIC_LETTERS.match(after)
            # a geresh inside a Hebrew word ("ג'יהאד", "החות'ים")
            hebrew = before[-1] in _HEBREW_GERESH and _HEBREW_LETTERS.match(after)
            if (
                cyrillic
                or hebrew
                or (
                    len(before) >= 2
                    and after[:1].islower()
                    # "Sana'a", "Shi'a"; not "Assad's", nor Polish "George'a" (George's)
                    and (len(after) >= 2 or (after == "a" and before[-1] != "e"))
                    and after not in _CONTRACTIONS
                )
            ):
                end, part = b, a
                continue
        if end >= 0:
            yield start, end
        start, end, part = a, b, a
    if end >= 0:
        yield start, end


def tokens(text: str) -> list[Token]:
    """Skeleton tokens with spans; articles dropped, "son of" unified, a glued Arabic ال split."""
    out: list[Token] = []
    for start, end in _words(text):
        word = text[start:end].replace(".", "").replace("&", "")  # "U.S.": US; "AT&T": ATT
        kf = _word_key(word)
        if kf is not None:
            small = word[:1].islower()
            lower = small and _CASED_OTHER_LETTERS.match(word) is not None
            no_capital = small and _LATIN_WORD.fullmatch(word) is not None
            opens = kf[2] and (
                word in _ALLAH_WRITTEN or _ARABIC_VOWEL_START.match(word) is not None
            )
            opens_whole = kf[2] and _ARABIC_OPENING.match(word) is not None
            out.append(
                Token(
                    kf[0],
                    kf[1],
                    start,
                    end,
                    arabic=kf[2],
                    lowercase=lower,
                    no_capital=no_capital,
                    vowel_start=opens,
                    opens=frozenset((kf[1],)) if opens_whole else frozenset(),
                    latin=ord(word[0]) < _LATIN_END,
                    hebrew=_HEBREW_LETTERS.match(word) is not None,
                )
            )
    return out


# Arabic writes "and", "by", "for", "so" and "as" joined to the next word, before its article
# ("والحوثيين", "بالحديدة"; "for the" is "لل"), and "and", "by", "for" without one ("بفاغنر",
# "ولحزب": "so" and "as" are rarer there, and ف and ك begin too many words); a people's or a
# group's plural adds -ين / -ون to the name ("الحوثيين", "المجاهدون").
_ARABIC_ARTICLE_CLITICS = ("وال", "بال", "فال", "كال")
_ARABIC_CLITICS = "وبل"
_ARABIC_PLURALS = ("ين", "ون")
_ARABIC_FOREIGN = str.maketrans({"ف": "v", "غ": "g"})
# ... and a g of a name from Arabic itself, or Somali, written as Egyptian, Sudanese and
# Somali names write it, ج or ق ("هرجيسا", Hargeisa; "القضارف", Gedaref; "مقديشو", Mogadishu),
# read as Persian گ, which is g.
_ARABIC_G = str.maketrans({"ج": "گ", "ق": "گ"})
# ... and ب as p, unless an h follows, which would make it an "f" ("بحث", research, is no Fatah).
_ARABIC_FOREIGN_P = re.compile("ب(?![حه])")
# Й after a vowel, which English writes "i" (``base_forms``); not after и, ы or і: -ий, -ый, -ій
# are "y" in English (Dmitry, Georgy, Andriy), and "Георгий" read "Georgii" would be Georgia.
_VOWEL_Y_CYRILLIC = re.compile("(?<=[аеёоуэюяїєАЕЁОУЭЮЯЇЄ])й")
_KH, _G = re.compile("[Хх]"), re.compile("[Гг]")
# Russian and Ukrainian case endings that leave a consonant in the skeleton (the others are
# vowels, which it drops already: "Вагнера", "Вагнеру" are "Вагнер"): instrumental "Вагнером",
# "Пригожиным", plural "Вагнерам", "Вагнерах", and an adjective's "Каховского" (then an
# adjective as below).
# Longest first: "Вагнерами" ends in -ами, not -ми.
_CYRILLIC_ENDINGS = (
    *("ами", "ями", "ого", "его", "ому", "ему", "ими", "ыми"),
    *("ом", "ем", "ём", "ым", "им", "ам", "ям", "ах", "ях", "их", "ых"),
)
_CYRILLIC_LETTERS = re.compile(f"[{_CYRILLIC_RANGE}]")
# The scripts other than Latin that write names with a capital: Cyrillic and Greek.
_CASED_OTHER_LETTERS = re.compile(f"[{_GREEK_RANGE}{_CYRILLIC_RANGE}]")
_CASED_OTHER_WORD = re.compile(f"[{_GREEK_RANGE}{_CYRILLIC_RANGE}'\u2019-]+")
# Greek endings of a name's cases that leave a consonant in the skeleton or take a vowel from
# it: the s of a nominative or a genitive ("Χερσώνας", of Kherson) and a genitive's -ου
# ("Κιέβου", of Kyiv, "Κίεβο"), read off; a stem of three letters or more is left.
_GREEK_ENDING = re.compile(r"(?<=[^\W\d_]{3})(?:ς|ο[υύ])$")
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")


# A place with names in Arabic script (``exonyms``) is met in that script by its skeleton too
# where that keeps this many consonants or more: CLDR's name of a city is not always the news's
# ("مقديشيو" and "مقديشو", Mogadishu), and no common word of 20,000 meets a skeleton so long.
ARABIC_SKELETON_MIN = 5


def by_name_in_arabic(key: str) -> bool:
    """Whether a place known by name in Arabic script (``AliasPattern.arabic_by_name``) whose
    name's key is ``key`` is met in that script only by those names, not by its skeleton (a
    short name's whole form, "=gaza", is no skeleton)."""
    return key.startswith(("=", "@")) or len(key) < ARABIC_SKELETON_MIN


def _arabic_unjoined(word: str) -> str:
    """``word`` without a joined conjunction or preposition ("والعراق", "للعراق": "العراق")."""
    if word.startswith(_ARABIC_ARTICLE_CLITICS) and len(word) > 5:
        return word[1:]
    if word.startswith("لل") and len(word) > 4:
        return "ا" + word[1:]
    if word[:1] in _ARABIC_CLITICS and len(word) > 4 and not word.startswith("ال"):
        return word[1:]
    return word


def _arabic_stems(word: str) -> list[str]:
    """``word`` without a joined conjunction or preposition, and that without a plural ending."""
    bare = _arabic_unjoined(word)
    stems = [bare] if bare != word else []
    name = bare[2:] if bare.startswith("ال") else bare
    if name.endswith(_ARABIC_PLURALS) and len(name) > 4:
        stems.append(bare[:-2])
    return stems


_NUMBER_PLURAL = re.compile(r"\d+s")
# The "en" a Slavic adjective puts between a name's last consonant and its "sk" (Керченский,
# Kerch; Ukrainian Керченський), as the adjective's stem writes it ("kerchen").
_EN_BEFORE_SK = re.compile("(?<=[^aeiouy])[ei]n$")


@lru_cache(maxsize=200_000)  # the vocabulary is one object, whose hash Python keeps
def base_forms(
    written: str, vocab: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """(keys, folded words, those of them that open with a vowel or ʿayn: ``Token.opens``) of
    the names that the name ``written`` may be an inflected form
    of, so that a name is found as the text inflects it: an English plural ("Houthis",
    "Kurds"; not a word in -ss or -us, "Tartus" is no plural of "Tartu") or adjective in -an
    ("Tigrayan"), a Slavic adjective ("Kakhovska HPP", "Khersonska oblast", Ukrainian
    "Каховської": the skeleton's ending ``sk``), a Russian or
    Ukrainian case ("Вагнером", "Пригожиным"), Х read as "h" ("Хамас") or Й after a vowel as
    "i" ("Шойгу", Shoigu), an Arabic word with
    its joined conjunction or preposition or its plural ("والحوثيين"). Only names are
    inflected, words that ``vocab`` (the model's whole words) lacks: "Hamas" (a word) is not
    "Hama"s, and the plural of an ordinary word would meet other names' skeletons ("models" and
    "Middle"). Without a vocabulary nothing is."""
    if _NUMBER_PLURAL.fullmatch(written) and (number := _word_key(written[:-1])) is not None:
        return (number[0],), (number[1],), frozenset()  # "F-16s", "T-72s": F-16, T-72
    kf = _word_key(written)
    # (A word in Cyrillic or Arabic script is no English word, whatever its letters read as:
    # "Газе" is "gaze", "العدل" "dl".)
    cyrillic = _CYRILLIC_LETTERS.match(written) is not None
    greek = _GREEK_LETTERS.match(written) is not None
    arabic = _is_arabic(written)
    if not vocab or kf is None or (kf[1] in vocab and not cyrillic and not arabic and not greek):
        return (), (), frozenset()
    key, word, _ = kf
    bases: list[tuple[str, str]] = []
    declined: list[str] = []  # the whole keys of a short name's inflected forms
    short_stems: list[str] = []  # and the stems whose spelling they are judged by
    native: set[tuple[str, str]] = set()  # an Arabic word's stems read as Arabic, not foreign
    if arabic:
        stems = _arabic_stems(written)
        native = {skf[:2] for stem in stems if (skf := _word_key(stem)) is not None}
        # A foreign name in Arabic writes p as ب, v as ف and g as غ ("فاغنر" Wagner, "بوتين"
        # Putin, "كاخوفكا" Kakhovka, "بريغوجين" Prigozhin): the same word read so too; and
        # with its g of ج or ق (``_ARABIC_G``) where four consonants are left, as a short
        # word's three are met by its consonants alone ("تجري", it takes place, would be
        # Tigray; "دجلة", the Tigris, Dagalo).
        stems += [
            foreign
            for w in (written, *stems)
            if (foreign := _ARABIC_FOREIGN_P.sub("p", w).translate(_ARABIC_FOREIGN)) != w
        ]
        stems += [
            g
            for w in (written, *stems)
            if (g := w.translate(_ARABIC_G)) != w
            and (kf := _word_key(g)) is not None
            and len(kf[0]) > STRICT_MAX
        ]
    elif cyrillic:
        ending = next((e for e in _CYRILLIC_ENDINGS if written.endswith(e)), "")
        # A case ending in a vowel (Йемена, Шабаба): the skeleton drops it already, but the
        # runs of vowels a short name's strict match counts are the stem's.
        if not ending and written[-1] in _CYRILLIC_VOWELS:
            ending = written[-1]
        stems = [written[: -len(ending)]] if ending and len(written) - len(ending) >= 3 else []
        # Х writes both "kh" (Херсон, Kherson) and "h" (Хамас, Hamas; Хомс, Homs); Г both "g"
        # and, in names from other languages, "h" (Гамбург, Hamburg; Ukrainian Нетаньягу,
        # Netanyahu).
        # And Й after a vowel is "y" and, as English news writes Russian names, "i" (Шойгу, Shoigu;
        # Николай, Nikolai): a short name's strict key keeps a y.
        for letter, other in ((_KH, "h"), (_G, "h"), (_VOWEL_Y_CYRILLIC, "и")):
            stems += [o for w in (written, *stems) if (o := letter.sub(other, w)) != w]
    elif greek:
        lowered = written.lower()
        stems = [stem] if (stem := _GREEK_ENDING.sub("", lowered)) != lowered else []
    else:
        stems = (
            [written[:-1]]
            if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us"))
            else []
        )
        # Spanish's plural of a name ending in a stressed i or u: "hutíes", "iraníes",
        # "marroquíes", "hindúes" (the accent says it is no English "-ies"); a short one is
        # met whole ("hutí": Huti, as Spanish writes Houthi)
        if written.endswith(("íes", "úes")) and len(word) >= 5:
            stems.append(written[:-2])
            if (skf := _word_key(written[:-2])) is not None and skf[0].startswith("="):
                declined.append(skf[0])
                short_stems.append(skf[1])
        # A people's or a place's adjective in -an ("Tigrayan", "Eritreans", "Rwandan"): the
        # place's name, whose vowels the skeleton drops ("Bosnian" is Bosni-, "bsn").
        stems += [w[:-2] for w in (written, *stems) if w.endswith("an") and len(w) >= 6]
    # A short name (too few consonants for a skeleton: matched whole) declined in Russian or
    # Ukrainian: its nominative is the stem ("Иране", "Ірану": Iran) or the stem and -а
    # ("Газе", "Гази", "Ракке": Gaza, Raqqa).
    for stem in stems:
        skf = _word_key(stem)
        if skf is not None:
            bases.append(skf[:2])
            if skf[0].startswith("=") and cyrillic:
                declined += [skf[0], skf[0] + "a"]
            elif skf[0].startswith("=") and greek:  # "Γάζας", "Συρίας": Gaza, Syria
                declined.append(skf[0])
                short_stems.append(skf[1])
    for k, w in [(key, word), *bases]:
        if k.endswith("sk") and len(k) >= 4:
            stem = re.sub(r"(?<=sk)[aeiouy]+$", "", w)[:-2]  # kakhovska, kakhovskyi: kakhov
            bases += [(k[:-2], stem), (k[:-2] + "k", stem + "k")]
            # and "-en-" before it after a name's last consonant (Керченский, Kerch)
            if k.endswith("nsk") and len(k) >= 7 and (short := _EN_BEFORE_SK.sub("", stem)) != stem:
                bases.append((k[:-3], short))
    keys: dict[str, None] = {}
    words: dict[str, None] = {}
    for k, w in bases:
        if len(k) >= 3 and not k.startswith("="):
            if k != key:
                keys[k] = None
            words[w] = None  # a stem with the word's own key still counts its vowels
    keys.update(dict.fromkeys(k for k in declined if k != key))
    words.update(dict.fromkeys(short_stems))
    # An opening Е is "ye" in Russian, as English writes it (Евгений, Yevgeny; Екатеринбург,
    # Yekaterinburg), or "e" (Европа), as Bulgarian reads it: the word is also found by the
    # keys so read (its opening is alike a name's "ye": ``_opens_alike``).
    if cyrillic and written[:1] == "Е":
        keys.update(
            dict.fromkeys(
                skf[0]
                for w in (written, *stems)
                if (skf := _word_key("Й" + w)) is not None and not skf[0].startswith("=")
            )
        )
    keys.update(dict.fromkeys(exact_keys(written)))
    opening: frozenset[str] = frozenset()
    if arabic:
        opening = frozenset(
            skf[1]
            for stem in stems
            if _ARABIC_OPENING.match(stem) and (skf := _word_key(stem)) is not None
        )
        # A short word or stem ("هيئة", "والجماعة": "الجماعة") meets a short word of a name of
        # several words by its consonants (``arabic_short_key``); not as a foreign name (ف as
        # v would make "أفضل", better, "Adl").
        for k, w in [(key, word), *bases]:
            if k.startswith("=") and (k == key or (k, w) in native):
                keys[arabic_short_key(w)] = None
                words[w] = None
    return tuple(keys), tuple(words), opening


# Russian and Ukrainian case endings of a place's name -> the endings of its nominative: "Ирака",
# "Ираку" are "Ирак"; "Газы", "Газе" "Газа"; "Израиля" "Израиль"; "Сирии", "Сирію" "Сирия",
# "Сирія"; "Южного" "Южный"; "Нідерландів" "Нідерланди".
_NOMINATIVES = {
    **{"а": ("",), "у": ("", "а"), "ом": ("",), "е": ("", "а", "ь", "й"), "я": ("ь", "й")},
    **{"ю": ("ь", "й", "я"), "ем": ("ь", "й"), "ы": ("а",), "и": ("а", "ь"), "ью": ("ь",)},
    **{"ой": ("а", "ый", "ий", "ой", "ая"), "ии": ("ия",), "ию": ("ия",), "ией": ("ия",)},
    **{"ого": ("ый", "ий", "ой"), "ому": ("ый", "ий", "ой"), "ым": ("ый", "ой"), "им": ("ий",)},
    **{"ую": ("ая",), "ов": ("ы",), "ам": ("ы", "и"), "ами": ("ы", "и"), "ах": ("ы", "и")},
    **{"і": ("", "а", "ь"), "ові": ("",), "еві": ("ь",), "єві": ("й",), "ою": ("а",)},
    **{"ії": ("ія",), "ію": ("ія",), "ією": ("ія",), "ї": ("й",), "єм": ("й",), "ої": ("а",)},
    **{"ів": ("и",)},
}
# The same for Polish: "Syrii", "Rosji", "Iraku", "Ukrainie", "Ukrainę", "Afryki", "Berlinie"
# are "Syria", "Rosja", "Irak", "Ukraina", "Afryka", "Berlin".
_POLISH_NOMINATIVES = {
    **{"ii": ("ia",), "ię": ("ia",), "ią": ("ia",), "ji": ("ja",), "ję": ("ja",), "ją": ("ja",)},
    **{"u": ("",), "iem": ("",), "ie": ("a", ""), "ę": ("a",), "ą": ("a",), "y": ("a",)},
    **{"ki": ("ka",), "gi": ("ga",)},
}


# The letters Hebrew joins to a place's name, in their order: "and", and "in", "to" or "from"
# ("ובעזה", and in Gaza). Not "that", "as" or the article, which a name seldom takes and
# which make common words of short names: "כיוון" (a direction) would be Greece, "הריגה" (a
# killing) Riga, "שמאלי" (leftist) Mali. Nor two such words among Hebrew's 20,000 commonest
# (wordfreq's list, read by hand): "מורשה" (a heritage) is no Warsaw, "בלימה" (braking) no
# Lima.
_HEBREW_PREFIXES = re.compile(f"ו?[בלמ]?(?=[{_HEBREW_RANGE}])")
_HEBREW_NOT_JOINED = frozenset({"מורשה", "בלימה"})


# Hebrew writes a foreign name by its consonants, a vowel at times by a letter (ו for o or u, י
# for i or e, א for a) and one letter for sounds Latin script tells apart (ב b and v, פ p and f,
# ש s and sh), a geresh after a letter for sounds it lacks (ג' j, ז' zh, צ' ch, ת' th, ח' kh),
# and ח for both h and kh. So a name and a Hebrew word meet by the classes of their consonants
# (``hebrew_key``): "Wagner" and "וגנר" are ``bgnr``, "Kakhovka" and "קחובקה" ``khbk``,
# "Prigozhin" and "פריגוז'ין" ``prgzn``; and then by their vowels (``hebrew_fits``). Hebrew's
# words are built of three consonants, most of them, so only a name of four classes or more is
# met so, or of several words with six between them, each of two or more: "Hamas" (``hms``)
# would be "חמס", violence, "Houthi" (``ht``) "חוטי", threads, "Sinai" "שינה", sleep, even
# where the word writes a vowel letter the name has (2026-12-04: single names of two or three
# classes so held added 306 of Hebrew's 20,000 commonest words met, nearly all wrongly).
_HEBREW_CLASSES = {
    **{"ב": "b", "ג": "g", "ד": "d", "ה": "h", "ז": "z", "ח": "x", "ט": "t", "כ": "k"},
    **{"ך": "k", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s", "פ": "p"},
    **{"ף": "p", "צ": "c", "ץ": "c", "ק": "k", "ר": "r", "ש": "s", "ת": "t"},
}
_HEBREW_GERESH = {"ג": "j", "ז": "z", "צ": "c", "ץ": "c", "ת": "t", "ח": "x"}
_GERESHES = "'’׳"
# The vowels of a name that Hebrew's vowel letters ו and י write (א, ע and a final ה any).
_VOWELS_WRITTEN_SO = {"ו": set("ouw"), "י": set("iey")}
# A Latin name's letters in those classes: the pairs first (a "kh" is Hebrew's ח, "x" as ח is,
# an "sh" its ש), then the letters; vowels, and w and y but opening the word, are vowels.
_LATIN_HEBREW_PAIRS = re.compile("dzh|tch|sch|kh|sh|zh|ch|ts|tz|th|dh|gh|ph|ck|c(?=[eiy])|c")
_LATIN_HEBREW_PAIR_CLASSES = {
    **{"dzh": "j", "tch": "c", "sch": "s", "kh": "x", "sh": "s", "zh": "z", "ch": "c"},
    **{"ts": "c", "tz": "c", "th": "t", "dh": "d", "gh": "g", "ph": "p", "ck": "k", "c": "k"},
}
_LATIN_HEBREW_LETTERS = {"q": "k", "v": "b", "f": "p", "x": "ks", "j": "j"}
HEBREW_NAME_MIN = 4  # consonant classes of a name of one word met in Hebrew script
HEBREW_WORDS_MIN = 6  # ... and of a name of several words, each of HEBREW_WORD_MIN or more
HEBREW_WORD_MIN = 2
# The letters Hebrew joins before a word ("and", "in", "to", "from", "as", "that", "the"), in
# their order, and a plural's ending ("החות'ים", the Houthis).
_HEBREW_CLITICS = re.compile("ו?[בלמכש]?ה?")
_HEBREW_PLURALS = ("ים", "ות")
_HEBREW_POINTS = re.compile("[\u0591-\u05bd\u05bf-\u05c7]")  # cantillation and vowel points


@lru_cache(maxsize=100_000)  # news repeats its words, and a watchlist its names
def _hebrew_sounds(written: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A Hebrew word's consonant classes (``_HEBREW_CLASSES``; ח is "x", h or kh) and the
    vowel letters before, between and after them (one more than the classes): a geresh reads
    its letter's other sound; ו and י opening the word, or doubled, are consonants (v or w, y),
    elsewhere vowels, as א and ע are, and ה at the word's end; a class twice with no vowel
    between is once (Hebrew writes no consonant long: "אללה" of Hezbollah is "Allah")."""
    word = _HEBREW_POINTS.sub("", written)
    classes: list[str] = []
    vowels = [""]
    for k, letter in enumerate(word):
        if letter in _GERESHES:
            continue
        following = word[k + 1 : k + 2]
        sound = ""
        if following and following in _GERESHES and letter in _HEBREW_GERESH:
            sound = _HEBREW_GERESH[letter]
        elif letter in "וי":
            if k == 0 or following == letter or (k > 0 and word[k - 1] == letter):
                sound = "b" if letter == "ו" else "y"
        elif not (k == len(word) - 1 and letter == "ה"):
            sound = _HEBREW_CLASSES.get(letter, "")
        if not sound:
            vowels[-1] += letter
        elif not (classes and classes[-1] == sound and not vowels[-1]):
            classes.append(sound)
            vowels.append("")
    return tuple(classes), tuple(vowels)


@lru_cache(maxsize=100_000)
def _latin_hebrew_sounds(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's folded ``word`` in the classes Hebrew writes its consonants by ("kh" is "x",
    ``_LATIN_HEBREW_PAIRS``) and its vowels before, between and after them; a final h after a
    vowel is none, nor a consonant written twice."""
    word = re.sub("(?<=[aeiou])h$", "", word.replace("'", ""))
    classes: list[str] = []
    vowels = [""]
    k = 0
    while k < len(word):
        pair = _LATIN_HEBREW_PAIRS.match(word, k)
        if pair is not None:
            sound, k = _LATIN_HEBREW_PAIR_CLASSES[pair[0]], pair.end()
        else:
            letter, k = word[k], k + 1
            vowel = letter in "aeiou" or (letter in "wy" and classes)
            sound = "" if vowel else _LATIN_HEBREW_LETTERS.get(letter, letter)
            if letter in "wy" and not classes:
                sound = "b" if letter == "w" else "y"
            if not sound:
                vowels[-1] += letter
                continue
        for one in ("k", "s") if sound == "ks" else (sound,):
            if not (classes and classes[-1] == one and not vowels[-1]):
                classes.append(one)
                vowels.append("")
    return tuple(classes), tuple(vowels)


def hebrew_key(written: str) -> str:
    """The key a word in Hebrew script is found by: its consonant classes (``_hebrew_sounds``),
    ח and ה alike, which ``hebrew_fits`` then tells apart."""
    return "".join(_hebrew_sounds(written)[0]).replace("x", "h")


def latin_hebrew_key(word: str) -> str:
    """The same key of a name's folded ``word``: "wagner" ``bgnr``, "kherson" ``hrsn``,
    "hezbollah" ``hzbl``."""
    return "".join(_latin_hebrew_sounds(word)[0]).replace("x", "h")


def hebrew_fits(written: str, word: str, last: bool = True) -> bool:
    """Whether a word in Hebrew script (``written``, a reading of it past its joined letters)
    may be a name's folded ``word`` whose key it has: an h of the name is ה or ח, a kh only ח
    ("הרכב", the vehicle, is no Kharkiv); a vowel letter stands before, between or after its
    consonants only where the name has a vowel ("הראשון", the first, is no Kherson;
    "סולידריות", solidarity, no Soledar), and an o or u of the name
    between two consonants is written ("בהמות" no Bakhmut); ו writes an o or a u, י an i, an e or
    a y ("מוסרית", moral, is no Misrata); and in a name's ``last`` word (a
    name of one word is that) an i too ("כלכלה", economy, is no Qalqilya; "ברזל", iron, no
    Brazil). Not in the others': Hebrew writes an Arabic name's short i as Arabic does, not
    at all ("ג'יש ח'אלד", Jaish Khalid)."""
    classes, vowels = _hebrew_sounds(written)
    name, name_vowels = _latin_hebrew_sounds(word)
    if len(classes) != len(name):
        return False
    for here, there in zip(classes, name, strict=True):
        if here != there and not (here == "x" and there == "h"):
            return False
    written_so = set("iou" if last else "ou")
    # (a name that opens with a vowel is written opening with a vowel letter, one that ends
    # in a vowel but a silent e ending with one: "ורחים", and they flee, is no Ibrahim, "ממשלת",
    # the government of, no Msallata)
    if (name_vowels[0] and not vowels[0]) or (name_vowels[-1].rstrip("e") and not vowels[-1]):
        return False
    for k in range(len(classes) + 1):
        if vowels[k] and not name_vowels[k]:
            return False
        if any(not set(name_vowels[k]) & _VOWELS_WRITTEN_SO[v] for v in vowels[k] if v in "וי"):
            return False
        if 0 < k < len(classes) and set(name_vowels[k]) & written_so and not vowels[k]:
            return False
    return True


@lru_cache(maxsize=100_000)
def hebrew_keys(written: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys by which a word in Hebrew script meets a name (``hebrew_key``, marked "ʜ"),
    past the letters Hebrew joins before it and without a plural's ending, with the keys of
    those readings as written (a kind of place or thing: "בסכר", in the dam, is "סכר"); and
    the readings, for ``hebrew_fits``."""
    joined = _HEBREW_CLITICS.match(written)
    readings = [written[k:] for k in range(0, (joined.end() if joined else 0) + 1)]
    readings = [r for r in readings if len(r) >= 2]
    # (a word whose letters past a joined one are a common word is that word so joined:
    # "בחמש", in five, is no Bahamas; "הדרומית", the southern, no Hadramawt. Not past "and"
    # alone, which a name opening with a consonantal ו seems to be: "וליד" is Waleed, not
    # "and near")
    common = [
        len(r) >= 3 and written[: len(written) - len(r)] != "ו" and zipf(r, HEBREW) >= COMMON_ZIPF
        for r in readings
    ]
    readings = [r for k, r in enumerate(readings) if not any(common[k + 1 :])]
    readings += [r[:-2] for r in readings if r.endswith(_HEBREW_PLURALS) and len(r) >= 4]
    # (a name ending in i or y takes the plural's ים on its י: "חות'ים", "חות'י")
    readings += [r[:-1] for r in readings if r.endswith("ים") and len(r) >= 4]
    keys = ["ʜ" + key for r in readings if len(key := hebrew_key(r)) >= HEBREW_WORD_MIN]
    keys += [kf[0] for r in readings[1:] if (kf := _word_key(r)) is not None]
    return tuple(dict.fromkeys(keys)), tuple(readings)


def hebrew_variant(alias: str, toks: Sequence[Token], words: _Words) -> _Variant | None:
    """An alias as Hebrew script writes it (``latin_hebrew_key`` of each word, marked "ʜ"),
    met only in a text in Hebrew, by any word whose classes are its; None for an alias in
    another script than Latin, one with a word that has no consonant, and a country or a main
    city whose Hebrew names are known (``names_elsewhere``: met by them)."""
    if not all(t.latin for t in toks):
        return None
    if len(toks) == 1 and any(_HEBREW_LETTERS.match(other) for other in names_elsewhere(alias)):
        return None
    keys = tuple("ʜ" + key for t in toks if (key := latin_hebrew_key(t.word)))
    if len(keys) != len(toks):
        return None
    return keys, words, HEBREW


def _hebrew_kept(variant: _Variant) -> bool:
    """Whether a variant met in Hebrew text is kept: its name has consonants enough
    (``hebrew_enough``), and a kind of place or thing it ends in is Hebrew's word, not the
    English one read in Hebrew letters ("Kakhovka dam" as "קחובקה דם", Kakhovka blood)."""
    keys, words, _ = variant
    english_kind = (
        keys[-1].startswith("ʜ")
        and len(keys) > 1
        and (words[-1][0] in _kind_keys_elsewhere() or words[-1][0] in _arabic_place_keys())
    )
    return hebrew_enough(keys) and not english_kind


def hebrew_enough(keys: tuple[str, ...]) -> bool:
    """Whether a Hebrew variant's keys have consonants enough to tell a name from Hebrew's words
    (``HEBREW_NAME_MIN``, ``HEBREW_WORDS_MIN``): a kind of place or thing written in Hebrew
    ("סכר", dam) counts as a word of the name, not as its consonants."""
    name = [len(k) - 1 for k in keys if k.startswith("ʜ")]
    if len(name) == 1 or len(name) < len(keys):
        return sum(name) >= HEBREW_NAME_MIN
    return min(name) >= HEBREW_WORD_MIN and sum(name) >= HEBREW_WORDS_MIN


_UKRAINIAN_NOMINATIVE_IV = {"єв": "їв", "ов": "ів"}


def exact_keys(written: str) -> list[str]:
    """The keys by which a word (capitalised, or in a script without capitals, and not in the
    English vocabulary: ``base_forms``) meets a place's name as its language writes it
    (``exonyms``): ``exact_key`` of the word, or of a stem of it: past
    Arabic's joined conjunction or preposition ("والعراق", "للعراق": "العراق"; the article
    stays: "المالي", financial, is no "مالي", Mali, nor "جزایر", Persian islands,
    "الجزایر", Algeria), past Hebrew's joined "and" and preposition (``_HEBREW_PREFIXES``:
    "בעזה", in Gaza; "ולבנון", and Lebanon), or a Russian, Ukrainian, Polish or Greek case
    ending or a German genitive read back to the nominative (``_NOMINATIVES``,
    ``_POLISH_NOMINATIVES``, ``_GREEK_ENDING``)."""
    forms = [written]
    if _is_arabic(written):
        forms.append(_arabic_unjoined(written))  # (no plural's stem: "اتنين", two, is no Athens)
        return list(dict.fromkeys(exact_key(f) for f in forms))
    if (joined := _HEBREW_PREFIXES.match(written)) and written not in _HEBREW_NOT_JOINED:
        forms += [written[k:] for k in range(1, joined.end() + 1) if len(written) - k >= 2]
        return list(dict.fromkeys(exact_key(f) for f in forms))
    if _GREEK_LETTERS.match(written):
        # A Greek genitive read back to the nominative ("Συρίας", "Γάζας": Συρία, Γάζα;
        # "Κιέβου": Κίεβο; "Λιβάνου": Λίβανος).
        if (stem := _GREEK_ENDING.sub("", written)) != written:
            forms += [stem] if written.endswith("ς") else [stem + "ο", stem + "ος"]
        return list(dict.fromkeys(exact_key(f) for f in forms))
    cyrillic, latin = _CYRILLIC_LETTERS.match(written) is not None, ord(written[0]) < _LATIN_END
    if cyrillic or latin:
        forms += [
            written[: -len(ending)] + nominative
            for ending, nominatives in (_NOMINATIVES if cyrillic else _POLISH_NOMINATIVES).items()
            if written.endswith(ending) and len(written) - len(ending) >= 3
            for nominative in nominatives
        ]
    if cyrillic:
        # Ukrainian's -ів, -їв of a nominative are -ов-, -єв- in its cases ("Києва", "Києві":
        # Київ).
        forms += [f[:-2] + iv for f in forms if (iv := _UKRAINIAN_NOMINATIVE_IV.get(f[-2:]))]
    # A German genitive ("Syriens", "Deutschlands"); not a word in -ss ("Fass", a barrel, is no
    # Turkish "Fas", Morocco) nor a short one ("Indes", meanwhile, is no French "Inde").
    if latin and written.endswith("s") and not written.endswith("ss") and len(written) > 5:
        forms.append(written[:-1])
    return list(dict.fromkeys(exact_key(f) for f in forms))


def exact_key(written: str) -> str:
    """The key of a word as written (``exact_keys``), in its own letters
    (``exonyms.as_written``): folded to Latin ones, Arabic "العمانية" (Omani, its ʿayn
    not a letter) would be "ألمانيا", Germany, and Russian "ряд" (a row) Persian "ریاض",
    Riyadh."""
    return "@" + as_written(written)


def arabic_adjectives(name: str) -> list[str]:
    """A country's name in Arabic (``exonyms``) as its adjective, with the article and without:
    "اليمن" is "اليمني", "اليمنية", "اليمنيين", "اليمنيون" (Yemeni); "سوريا" "السوري"; "غزة"
    "الغزي". None of a stem shorter than three letters ("آبيا", Apia: "أبي" is "my father"),
    nor of a Persian name, whose adjective in -ی is too often a word of its own ("ریاضی",
    mathematics, of "ریاض", Riyadh; "صوفی", a Sufi, of "صوفیه", Sofia)."""
    if any(c in _PERSIAN_LETTERS for c in name):
        return []
    base = name.removeprefix("ال")
    for end in ("يا", "ا", "ة", "ه"):
        if base.endswith(end):
            base = base[: -len(end)]
            break
    if len(base) < 3:
        return []
    return [head + base + end for head in ("", "ال") for end in ("ي", "ية", "يين", "يون")]


_PERSIAN_LETTERS = frozenset("یکگپچژ")


# A word in lower case that a language other than English writes this often or more (wordfreq's
# Zipf scale: once in 10,000 words) is a common word of that language, as a word of the model's
# vocabulary is of English, and it meets no name of one word: Spanish "crema" and French "crème"
# are no Crimea, Spanish "goma" (rubber) no Goma, Polish "raka" no Raqqa, Turkish "sahil" (a
# coast) no Sahel, "refah" (welfare) no Rafah. The plurals these languages write in lower case
# for a people or a group are rarer (French "houthis" 2.6, "talibans" 3.4, "kurdes" 3.7;
# Spanish "talibanes" 3.2). In a name of several words the others tell, and a kind's word
# there is met as other languages write it, in lower case: Italian "il gruppo Wagner".
COMMON_ZIPF = 4.0
# A word in lower case in Russian or Ukrainian of this many consonants or more (its skeleton),
# not a common word there, may be a people's name as they write it ("рохинджа", Rohingya);
# fewer would let common words meet short names ("газа", of gas, is no Gaza).
PEOPLE_IN_LOWER_CASE_MIN = 4
# The languages wordfreq has a list of (for another, "tl", it would read the nearest one's,
# Filipino, and log a warning).
_WORDFREQ_LANGUAGES = frozenset(available_languages())


@lru_cache(maxsize=100_000)
def common_in(written: str, language: str | None) -> bool:
    """Whether a word written in lower case (with its accents) is a common word of a
    ``language`` other than English (``COMMON_ZIPF``); False where wordfreq has no list."""
    if language not in _WORDFREQ_LANGUAGES or language == ENGLISH:
        return False
    return zipf_frequency(written, language) >= COMMON_ZIPF


# The English names of the days and the months (folded), capitalised wherever they stand.
_CALENDAR_WORDS = (
    frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
    | MONTH_WORDS
)


def inflected(
    text: str, toks: Sequence[Token], vocab: frozenset[str], language: str | None = None
) -> list[Token]:
    """``tokens(text)`` read with the model's vocabulary: with the keys of the names they may
    inflect (``base_forms``; only capitalised words are read as names, and those of a script
    without capitals: Arabic, Hebrew; and in a language that writes a group's members in lower
    case, its plurals: French "les houthis"), and the words of the vocabulary written as common
    words marked (``Token.common``), as every word of the vocabulary is in a first line written in
    title case ("Floods Destroy Homes"), where a capital says nothing; so are the words in
    Latin, Cyrillic or Greek script whose capital only opens a sentence or such a headline
    (``Token.no_capital``), and every one in Latin script in a text in a ``language`` that
    capitalises its nouns (German: "Ferien", holidays, is no Afrin; "Veganer" no Wagner), and
    there a word it writes often is a common word ("Kirche", a church, is no Kerch), unless it
    names a continent or a region ("Afrika")."""
    out = []
    nouns_capitalised = language in NOUNS_CAPITALISED
    slavic = language in _LATIN_SLAVIC
    apostrophe = language in _APOSTROPHE_ENDINGS
    lower_case_groups = language in _GROUPS_IN_LOWER_CASE
    members_derived = language in _MEMBERS_DERIVED
    first_line = text.split("\n", 1)[0]
    headline_end = len(first_line) if title_case(first_line) else 0

    def opens_line(start: int) -> bool:  # a sentence, or a word of a headline in title case
        return start < headline_end or starts_sentence(text, start)

    for t in toks:
        written = text[t.start : t.end]
        forms: tuple[str, ...] = ()
        bases: tuple[str, ...] = ()
        opening: frozenset[str] = frozenset()
        # Russian and Ukrainian write a people's own name in lower case ("мусульмане
        # рохинджа", Rohingya Muslims): a word rare there, of consonants enough to tell it, is
        # read as a name, judged by its spelling as a word without a capital is
        people_in_lower_case = (
            t.lowercase
            and members_derived
            and len(t.key) >= PEOPLE_IN_LOWER_CASE_MIN
            and not common_in(written.lower(), language)
        )
        # capitalised, or in a script without case; or a group's members in the plural, which
        # these languages write in lower case as their singular ("les houthis", "os houthis",
        # "les shebabs", as "le groupe shebab" was met already)
        if (
            not written[:1].islower()
            or people_in_lower_case
            or (lower_case_groups and written.endswith("s") and _LATIN_WORD.fullmatch(written))
        ):
            forms, bases, opening = base_forms(written, vocab)
            if slavic and t.word not in vocab and _LATIN_WORD.fullmatch(written):
                stems = _slavic_stems(written)
                forms += tuple(dict.fromkeys(k for k, _ in stems if k not in (t.key, *forms)))
                bases += tuple(w for _, w in stems)
            elif (
                language == TURKISH
                and t.word not in vocab
                and (plural := _TURKISH_PLURAL.fullmatch(written))
            ):
                # a name's plural, with or without a case ending ("Husiler", "Husilerin":
                # the Houthis, of the Houthis), which Turkish writes without an apostrophe
                forms, bases = _read_as(plural[1], t.key, forms, bases, vocab, exact=True)
            elif (
                language in _ARTICLE_JOINED
                and t.word not in vocab
                and (article := _ARTICLE_ENDING.fullmatch(written))
                and not common_in(written.lower(), language)
            ):
                # a name with the article joined to its end ("Хусите": the Houthis; not a
                # common word, "Костите", the bones, which would be Kosti)
                forms, bases = _read_as(article[1], t.key, forms, bases, vocab, exact=True)
            elif apostrophe and (ending := _APOSTROPHE_ENDING.fullmatch(written)):
                # the name before the ending, as it is written alone ("Wagner'in": Wagner)
                forms, bases = _read_as(ending[1], t.key, forms, bases, vocab, exact=True)
            # a place's name as the text's language writes it, though English writes the word
            # too (Spanish "Brasil", German "Island", Iceland): ``base_forms`` reads only the
            # words English lacks
            if not forms and t.word in vocab and is_local_name(written, language):
                forms = tuple(exact_keys(written))
        if t.hebrew and language == HEBREW:
            keys, readings = hebrew_keys(written)
            forms += tuple(k for k in keys if k not in (t.key, *forms))
            bases += readings
        english = ACRONYMS_ELSEWHERE.get(written)
        if english is not None and (kf := _word_key(english)) is not None:
            forms, bases = (*forms, kf[0]), (*bases, kf[1])
        # A name's other readings: its ş as an s, which a name written without the cedilla
        # has ("Kahramanmaraş" for an alias "Kahramanmaras"); in French, a "tch" after a vowel
        # as the ch it writes in Russian names ("Gorbatchev"), which in English is English's
        # ("Mitchell", "Pitcher": ``_TCH``).
        others: list[str] = []
        if not written[:1].islower():
            if (plain := without_cedilla(written)) != written:
                others.append(plain)
            if language == "fr" and _VOWEL_TCH.search(t.word):
                others.append(_VOWEL_TCH.sub("ch", t.word))
        for other in others:
            kf = _word_key(other)
            if kf is not None and kf[0] not in (t.key, *forms):
                forms, bases = (*forms, kf[0]), (*bases, kf[1])
        # Arabic "تش" as the ch it writes in foreign names ("بوتشا", Bucha; "تشيرنيهيف",
        # Chernihiv), as Persian "چ" does, and as written too ("تشرين", Tishreen)
        if t.arabic and _ARABIC_TSH in written:
            as_ch = written.replace(_ARABIC_TSH, "چ")
            forms, bases = _read_as(as_ch, t.key, forms, bases, vocab)
        if t.arabic and _ARABIC_VOICED_S.search(bare := written.removeprefix("ال")):
            forms, bases = _read_as(_ARABIC_VOICED_S.sub("س", bare), t.key, forms, bases, vocab)
        lower = written[:1].islower()
        known = t.word in vocab and t.word not in _SON_OF  # "ibn" is "bin" in every spelling
        latin = _LATIN_WORD.fullmatch(written) is not None
        capital_says_nothing = not lower and (
            ((known or latin) and (nouns_capitalised or opens_line(t.start)))
            # a day's or a month's name, which English always capitalises ("Friday" is no
            # Cyclone Freddy, whose consonants it shares)
            or (known and t.word in _CALENDAR_WORDS)
            # an acronym's capitals mark it anywhere ("ГЭС", a hydroelectric plant: HPP)
            or (
                _CASED_OTHER_WORD.fullmatch(written) is not None
                and not written.isupper()
                and opens_line(t.start)
            )
        )
        # (and a German word that German writes often, every noun having a capital, or a
        # Greek word that Greek writes often, whose capital only opens a sentence:
        # folded to Latin letters, "Κράτη", states, would be Croatia and "Άλλαξε", it changed,
        # Alexei; a name so written, "Χαμάς", "Ερντογάν", is its own word. Not Cyrillic: there
        # the names of the news are frequent words whose letters English writes otherwise,
        # "Зеленский" for Zelensky, which would be lost opening a sentence.)
        common = (known and (lower or capital_says_nothing)) or (
            capital_says_nothing
            and (
                _GREEK_LETTERS.match(written) is not None
                or (nouns_capitalised and not is_local_region_name(written, language))
            )
            and common_in(written.lower(), language)
        )
        # the vocabulary's words are judged as common words; the others by their spelling
        no_capital = t.no_capital or (capital_says_nothing and not known)
        # Russian and Ukrainian write a group's members in lower case, as a word derived from
        # its name ("хуситы", the Houthis; "вагнеровцы", Wagner's men; "азовцы", Azov's): read
        # as that name, judged by its spelling as a word without a capital is (capitalised,
        # opening a sentence, as well)
        lowercase = t.lowercase
        derived_from_name = _member_stems(written.lower()) if members_derived else []
        if derived_from_name and t.word not in vocab:
            for stem in derived_from_name:
                forms, bases = _read_as(stem, t.key, forms, bases, vocab)
            if lowercase:
                lowercase, no_capital = False, True
        elif people_in_lower_case:
            lowercase, no_capital = False, True
        if forms or bases or common or no_capital != t.no_capital or lowercase != t.lowercase:
            t = replace(
                t,
                forms=forms,
                bases=bases,
                common=common,
                lowercase=lowercase,
                no_capital=no_capital,
                opens=t.opens | opening,
            )
        out.append(t)
    return out


# Languages that write a group's members in lower case, derived from its name: Russian and
# Ukrainian "хуситы", "хусити" (Houthis), "вагнеровцы", "вагнерівці" (Wagner's men). The
# endings: -ит- after the name's final и or і ("хуси-ты"), and -ец, -цы after it or after
# -ов-, -ев-, -ів- ("азов-цы", "вагнер-овцы"), each with its case endings; not -ці after и or
# і, which ends many common words ("столиці", "крамниці": capitals, shops), nor -ит or -ите
# alone, a Russian verb's ("кормит", it feeds, would be Crimea; "строит", it builds), as a
# member is seldom written alone.
_MEMBERS_DERIVED = frozenset({"ru", "uk"})
_MEMBER_IT = re.compile("(.{2,}[иі])т(?:ы|и|ов|ів|ам|ами|ах|а|у|ом|ові)")
_MEMBER_TS = re.compile(
    "(.{2,}?[^иіы])(ов|ев|ів)?(?:ец|цы|ці|ців|цев|цам|цями|цами|цах|цях|ца|цу|цем|цом)"
)


def _read_as(
    name: str,
    key: str,
    forms: tuple[str, ...],
    bases: tuple[str, ...],
    vocab: frozenset[str],
    exact: bool = False,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A token's ``forms`` and ``bases`` (its own key: ``key``) with what it is read by as the
    name ``name`` it stands for (the word before an ending, a stem, another reading of its
    letters): that name's key and the keys of the names it may inflect (``base_forms``), and
    with ``exact`` its exact keys (``exact_keys``); the forms it has already left out."""
    kf = _word_key(name)
    own, own_bases, _ = base_forms(name, vocab)
    keys = ([kf[0]] if kf is not None else []) + [*own, *(exact_keys(name) if exact else ())]
    forms += tuple(dict.fromkeys(k for k in keys if k not in (key, *forms)))
    return forms, (*bases, *([kf[1]] if kf is not None else []), *own_bases)


def _member_stems(written: str) -> list[str]:
    """The names a word for a group's members (in lower case, Russian or Ukrainian) may be
    derived from: "хуситов" from "хуси", "вагнеровцев" from "вагнеров" or "вагнер"."""
    if (m := _MEMBER_IT.fullmatch(written)) is not None:
        return [m[1]]
    if (m := _MEMBER_TS.fullmatch(written)) is not None:
        return [m[1] + (m[2] or ""), m[1]] if m[2] else [m[1]]
    return []


NOUNS_CAPITALISED = frozenset({"de", "lb"})  # German, Luxembourgish
# Languages that write a people's or a group's members in lower case ("les houthis", "los
# talibanes"): their plurals in lower case are read as a name's. Over the 30,000 most frequent
# words of each (wordfreq), their plurals in lower case met one name that they had not met of
# the 129 names of 47 topics (the dev sets' and those written to probe the matcher): French
# "lendemains", a landmine.
_GROUPS_IN_LOWER_CASE = frozenset({"fr", "es", "pt", "it", "ca", "ro"})
# The Slavic languages written in Latin script, which decline a name as Russian does
# (``_LATIN_SLAVIC_ENDINGS``), and those endings, longest first: Polish "Nawalnego",
# "Nawalnym", "Putinem", "Zełenskiego"; Czech and Slovak "Navalného", "Navaľným", "Putinovi",
# "Zelenskou"; Croatian, Serbian and Slovenian "Putinom", "Zelenskog". An ending of a vowel
# alone the skeleton drops already ("Putina", "Prigożyna").
_LATIN_SLAVIC = frozenset({"pl", "cs", "sk", "sl", "hr", "bs", "sr"})
_LATIN_SLAVIC_ENDINGS = (
    *("owie", "owi", "ovi", "ego", "emu", "ého", "ému", "ími", "ymi", "imi", "ach", "ami"),
    *("iem", "ym", "im", "ým", "ím", "em", "om", "ou", "og", "oj", "ą", "ę"),
)


# Languages that join a case ending to a name after an apostrophe (Turkish and Azerbaijani:
# "Wagner'in", Wagner's; "Ukrayna'da", in Ukraine; "Putin'e"), and that ending.
_APOSTROPHE_ENDINGS = frozenset({"tr", "az"})
# A Turkish plural and a case ending after it, if any, on a stem of three letters or more.
_TURKISH_PLURAL = re.compile(r"(.{3,}?)(?:ler|lar)(?:[iıea]|[iı]n|[iı]ne|[iı]na|d[ea]n|d[ea])?")
_APOSTROPHE_ENDING = re.compile(r"(.{2,}?)['’][a-zçğıöşüə]{1,7}")
# Languages that join the definite article to a noun's end, a name's too (Bulgarian and
# Macedonian "Групата", the group; "Хусите", the Houthis), and those endings, after a stem of
# three letters or more.
_ARTICLE_JOINED = frozenset({"bg", "mk"})
_ARTICLE_ENDING = re.compile(f"([{_CYRILLIC_RANGE}]{{3,}}?)(?:те|та|то|ът|ят|от)")


def _slavic_stems(written: str) -> list[tuple[str, str]]:
    """(key, folded word) of the nominatives a name of a Latin-script Slavic language's text
    declines (``_LATIN_SLAVIC_ENDINGS``): "Nawalnego" is Nawaln-, "Nawalny" or "Nawalni" (a
    short name's strict key keeps its y: Navalny), "Putinem" Putin; none of a stem too short
    to tell apart by its consonants. The declined name meets what its nominative meets."""
    ending = next((e for e in _LATIN_SLAVIC_ENDINGS if written.endswith(e)), "")
    if not ending or len(written) - len(ending) < 4:
        return []
    stem = written[: -len(ending)]
    return [
        kf[:2]
        for nominative in (stem, stem + "y", stem + "i")
        if (kf := _word_key(nominative)) is not None
        and len(kf[0]) >= 3
        and not kf[0].startswith("=")
    ]


def title_case(line: str) -> bool:
    """Whether a line capitalises its words whatever they are, as many headlines do: most of
    its words of four letters or more, and at least three of them, and none of those in lower
    case but a small word of grammar that some styles leave so ("with", "from", "into"). A
    headline in sentence case that names two things writes its other words in lower case:
    "Piracy rises in the Strait of Malacca" is no title case, and its "Malacca" a name."""
    words: list[str] = [w for w in _WORD.findall(line) if len(w) >= 4 and w[0].isalpha()]
    capitals = sum(w[0].isupper() for w in words)
    return (
        capitals >= 3
        and capitals >= 0.75 * len(words)
        and all(w[0].isupper() or w in ENGLISH_STOP_WORDS for w in _LINE_WORD.findall(line))
    )


# A word of a line of four letters or more that opens a word as written (not the second of
# "Meta-analysis"): what a headline in title case capitalises.
_LINE_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{4,}(?![\w'’])")


# The sounds of the letters that stand for vowels: a word in Arabic script writes its long
# vowels (ا a, و u or o, ي i or e), not its short ones; a Latin name writes every vowel, and an
# o alone may be written with either (لبنان, Lebanon), but "ou" or "oo" is u.
_ARABIC_VOWEL_SOUNDS = {"a": "a", "i": "i", "w": "u", "y": "i", "u": "u", "e": "i"}
_LATIN_VOWEL_SOUNDS = {"a": "a", "e": "ai", "i": "i", "o": "ua", "u": "u", "w": "u", "y": "i"}
_LATIN_U = re.compile("o[ou]|uo")
_ARABIC_ADJECTIVE = "ia"  # ية or يا after a name's last consonant ("ya", as ``_FINAL_YA`` reads it)


def _vowel_slots(word: str) -> list[str]:
    """The vowel letters a folded word writes after each consonant of its ``skeleton``: [after
    the first, after the second, ...] (letters doubled there are one consonant). A v, which
    the skeleton drops as it drops w, is kept as "V"."""
    slots: list[str] = []
    last = ""
    for k, c in enumerate(_one_spelling(word.replace("v", "V")).replace("zh", "j")):
        if c in "aeiouwyV" and (k or c not in "wyV"):
            if slots:
                slots[-1] += c
        elif c != last:
            slots.append("")
            last = c
    return slots


def arabic_vowels_fit(arabic: str, name: str, last: bool = True) -> bool:
    """Whether a word written in Arabic script (folded: ``arabic``) may be the name (folded:
    ``name``) by its long vowels: Arabic writes the long vowels a name's transliteration
    writes, where it writes any ("الحوثي" for Houthi), and none may stand where the name has
    another vowel or none ("حيث", where, is not Houthi, nor "والدي", my father, Waleed).
    Words that share a skeleton but part it into consonants differently are not judged; nor
    an adjective's ending after a name that ends in a consonant ("اليمنية", Yemeni)."""
    a, n = _vowel_slots(arabic), _vowel_slots(name)
    if len(a) != len(n):
        return True
    if n and not n[-1] and a[-1] == _ARABIC_ADJECTIVE:
        a, n = a[:-1], n[:-1]
    elif last and n and not a[-1] and _LATIN_FINAL_VOWEL.search(name):
        return False
    return all(_vowels_fit(x, y) for x, y in zip(a, n, strict=True))


# A name that ends in a vowel Arabic writes ("Nusra", "النصرة"; "Kismayo", "كيسمايو"; not
# "النصر", victory, nor "قسم", a section): not a silent e ("Sirte", "سرت") nor the Latin -ia,
# -ea of a name Arabic writes without it ("Crimea", "القرم").
_LATIN_FINAL_VOWEL = re.compile("(?<![ie])[aiouy]$")
_HAMZA = frozenset("ue")  # the hamza letters ؤ and ئ as ``_fold`` reads them


def _vowels_fit(arabic: str, latin: str) -> bool:
    """Whether the vowel letters an Arabic word writes after one consonant (``_vowel_slots``)
    may be those a name writes there: a long vowel of the same sound, a hamza on و or ي only
    for two vowels side by side ("Khamenei", "Qaim"), a v (ف) only for a v or w (a
    foreign name's "كاخوفكا", Kakhovka; not Persian "هفته", a week, for Houthi), and
    something where the name writes a y or w, which Arabic writes as ي or و ("الميادين",
    Mayadin; not "المدن", the cities), but for a y alone between consonants, a vowel that
    Arabic may leave out as it leaves out an i ("تشرنوبل" and "تشيرنوبيل", Chernobyl)."""
    if ("V" in arabic) != ("V" in latin) and "w" not in (latin if "V" in arabic else arabic):
        return False
    if _HAMZA & set(arabic) and len(latin) < 2:
        return False
    if not arabic and (("y" in latin and latin != "y") or "w" in latin):
        return False
    sounds = {s for c in arabic for s in _ARABIC_VOWEL_SOUNDS.get(c, "")}
    return not sounds or bool(sounds & _latin_sounds(latin))


def _latin_sounds(vowels: str) -> set[str]:
    return {s for c in _LATIN_U.sub("u", vowels) for s in _LATIN_VOWEL_SOUNDS.get(c, "")}


def arabic_spelling_fits(tok: Token, word: str, last: bool = True) -> bool:
    """Whether a word in Arabic script (``tok``) may be a name's word (folded: ``word``) by the
    vowels both write: one opening with a vowel (not "بن" for "ibn": "son of" is one word in
    every spelling) and the long vowels (``arabic_vowels_fit``) of the word as written or as
    any of its stems that has the name's consonants (if none has: no verdict), and one that
    opens with a consonant (``Token.opens``). A name's final vowel is judged only in its
    ``last`` word: a word before another may end in a case vowel that Arabic does not write
    ("Ahlu Sunnah", "أهل السنة")."""
    if word[:1] in "aeiou" and not tok.vowel_start and word not in _SON_OF:
        return False
    # A short word met by its consonants (``arabic_short_key``) as the name reads in Arabic
    # script (``arabic_readings``): it opens with a vowel only where the name does too
    # ("أسعار", prices, is no "Saraya"), and its long vowels fit that reading.
    short = [
        (w, r)
        for w in (tok.word, *tok.bases)
        if len(skeleton(w)) < 3 and word not in _SON_OF
        for r in arabic_readings(word, last=False)
        if len(skeleton(r)) < 3 and arabic_short_key(w) == arabic_short_key(r)
    ]
    if short:
        return tok.vowel_start == (word[:1] in "aeiou") and any(
            arabic_vowels_fit(w, r, last) for w, r in short
        )
    # The word's readings that share the name's skeleton, or that of the name without a final
    # h after a vowel ("Nasiriyah", "الناصرية").
    aligned = [
        (w, r)
        for r in without_silent_h(word)
        for w in (tok.word, *tok.bases)
        if skeleton(w) == skeleton(r)
    ]
    if aligned and word[:1] not in "aeiou" and not _LATIN_CLUSTER.match(word):
        # A reading that opens with a vowel or ʿayn (``Token.opens``) is no name that opens
        # with a consonant: "عنصر" (an element) is no Nusra, "أصبح" (became) no Sabha.
        aligned = [(w, r) for w, r in aligned if w not in tok.opens]
        if not aligned:
            return False
    return not aligned or any(arabic_vowels_fit(w, r, last) for w, r in aligned)


def meets(tok: Token, word: str | None, proper: bool = True, last: bool = True) -> bool:
    """Whether ``tok``, whose keys include those of a name's word (folded: ``word``; None: not
    known), may stand for that word: always, unless ``tok`` is written as a common word
    (``Token.common``); then only as that word with an ending or without ("Israeli" for
    Israel, "Houthis"), or, when the name writes the word in lower case (not ``proper``:
    "Odesa harbor"), in another spelling of it ("harbour"); never as a word that differs in
    its vowels ("homes" is neither Hamas nor Homs, "gallon" no Golan), nor as the start of
    a longer name but for a plural's s ("crime" is no Crimea; "houthi" is Houthis). A word of
    another script written in lower case (``Token.lowercase``) meets only a word the name
    writes so; one in Arabic script only as that script could write it
    (``arabic_spelling_fits``; ``last``: the name's last word)."""
    if tok.lowercase and proper:
        return False
    if word is not None and _is_arabic(word):  # an Arabic word of an alias (_PLACE_WORDS)
        # (as written, past what Arabic joins before it: its consonants alone, the ʿayn
        # unwritten, would make "مباراة", a match, "معبر", a crossing)
        forms = _arabic_kind_forms().get(_fold(word), frozenset({_fold(word)}))
        return tok.arabic and not forms.isdisjoint((tok.word, *tok.bases))
    if word is not None and _CASED_OTHER_LETTERS.match(word):  # a kind's (_KINDS_ELSEWHERE)
        return not tok.latin and not tok.arabic
    if tok.hebrew:  # a name's word in Hebrew script, or a kind's written so (_KINDS_ELSEWHERE)
        return (
            word is None
            or _HEBREW_LETTERS.match(word) is not None
            or any(hebrew_fits(r, word, last) for r in tok.bases)
        )
    if tok.arabic and word is not None and not arabic_spelling_fits(tok, word, last):
        return False
    if tok.no_capital and proper and word is not None and not _spelling_fits(tok, word):
        return False
    if (
        proper
        and word is not None
        and not tok.arabic
        and not (_opens_alike(tok, word) and _placed_alike(tok, word))
    ):
        return False
    if not tok.common or word is None or tok.word.startswith(word) or word == tok.word + "s":
        return True
    prefix = len(os.path.commonprefix([tok.word, word]))
    return not proper and prefix >= max(3, min(len(tok.word), len(word)) - 2)


# Languages that write a name as it is, with no case ending after it (a plural's or a
# genitive's s aside): there a final vowel the name lacks makes another name.
_UNINFLECTED = frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "ca", "da", "no", "sv"})
# A word rarer than this in English (Zipf scale) is a name: an alias's word, not a word another
# language writes with an ending of its own ("Gruppe" for Group, "islámico" for Islamic); a
# word of a headline all in lower case ("ousted" 3.2, "famine" 3.6, "Mohamed" 3.6 are words;
# "moussa", "traore", "darfur" are rarer: ``matcher.names_capitalised``).
NAME_ZIPF = 3.0


def vowel_added(tok: Token, word: str | None, language: str | None) -> bool:
    """Whether a word in Latin script of a text in a language that does not inflect names
    (``_UNINFLECTED``) ends in a vowel after a name's word (folded: ``word``) that ends in a
    consonant: another name, whose consonants the skeleton reads alike ("Pokrowske", the
    German for the village Pokrovske, is no Pokrovsk). Not a people's -i ("Iraqi"), nor a
    word of everyday English (``NAME_ZIPF``)."""
    return (
        language in _UNINFLECTED
        and word is not None
        and tok.latin
        and word[-1:].isalpha()
        and word[-1] not in _VOWELS
        and word[-1] not in "hw"
        and tok.word[-1:] in ("a", "e", "o", "u")
        and zipf_frequency(word, ENGLISH) < NAME_ZIPF
    )


def _placed_alike(tok: Token, name: str) -> bool:
    """Whether a word in Latin or Cyrillic script (folded, or as one of its stems) and a name's
    word (folded: ``name``, a silent h off too) place their consonants alike among their vowels
    (``_clusters_fit``), or the word opens with the name."""
    if not (tok.word[:1].isascii() and name[:1].isascii()):
        return True
    return any(
        written.startswith(n) or _clusters_fit(written, n)
        for written in (tok.word, *tok.bases)
        for n in without_silent_h(name)
    )


# Consonants between vowels, w and y among the vowels, as ``skeleton`` reads them ("Jawlani",
# "Julani").
_CLUSTERS = re.compile("[^aeiouyw]+")


def _clusters_fit(written: str, name: str) -> bool:
    """Whether two folded words (``_single_consonants``) write their consonants in runs
    between vowels of the same lengths, or one writes a vowel inside a run of the other's
    but the run that opens it: a transliteration writes or leaves out a short vowel between
    two consonants ("Zawahri" and "Zawahiri", "Tulkarm" and "Tulkarem", "Dnipro" and
    "Dnieper"), not one that moves a consonant to the other side of a vowel ("Contar" is no
    "Quneitra", "Thrown" no "Tehran") or parts the consonants a name opens with ("Brand" is
    no "Burundi", "Traits" no "Tartus")."""
    w, n = _single_consonants(written), _single_consonants(name)
    ours, theirs = _run_lengths(w, _CLUSTERS), _run_lengths(n, _CLUSTERS)
    return (
        ours == theirs
        or _split_from(ours, theirs, opening=n[:1] not in "aeiou")
        or _split_from(theirs, ours, opening=w[:1] not in "aeiou")
    )


def _split_from(fine: list[int], coarse: list[int], opening: bool) -> bool:
    """Whether runs of consonants (their lengths) are ``coarse`` with some of its runs parted
    by a vowel, but its first where that opens the word (``opening``: the word opens with a
    consonant, a y or w there too, as in "Yarmouk": "Yorumcu" is no Yarmouk)."""
    k = 0
    for n, length in enumerate(coarse):
        parts = 0
        while k < len(fine) and parts < length:
            parts += fine[k]
            k += 1
            if n == 0 and opening and parts < length:
                return False
        if parts != length:
            return False
    return k == len(fine)


def _opens_alike(tok: Token, name: str) -> bool:
    """Whether a word in Latin or Cyrillic script (folded, or as one of its stems) and a name's
    word (folded: ``name``) both open with a vowel or both with a consonant (a Cyrillic Е as
    the name's "ye": ``_opens_like``)."""
    if not (tok.word[:1].isascii() and name[:1].isascii()):
        return True
    return any(_opens_like(w, name, cyrillic=not tok.latin) for w in (tok.word, *tok.bases))


def _opens_like(written: str, name: str, cyrillic: bool = False) -> bool:
    """Whether two folded words both open with a vowel or both with a consonant; a word in
    Cyrillic script that opens with e ("Евгений") also as a name that opens with "ye"
    ("Yevgeny")."""
    return _opens_with_vowel(written) == _opens_with_vowel(name) or (
        cyrillic and written[:1] == "e" and _OPENING_YE.match(name) is not None
    )


def _opens_with_vowel(word: str) -> bool:
    """Whether a folded word opens with a vowel; a y opens with a consonant ("Yarmouk",
    German "Jarmuk")."""
    return word[:1] in "aeiou"


def _spelling_fits(tok: Token, name: str) -> bool:
    """Whether a word in Latin or Cyrillic script without a capital that marks a name
    (``Token.no_capital``) may be a name written with a capital (folded: ``name``) that shares
    its consonants: the name with an ending or without ("houthis"), or another spelling of it
    with as many runs of vowels before a consonant, each alike, and a vowel at its start if the
    name has one ("shebab" for Shabaab). The common words of other languages that a skeleton
    alone would take for names mostly differ so: German "deren" and Spanish "dieron" (Derna),
    "besser" (Basra), "unser" (Nusra), French "serait" (Sirte), "sortie" (Sirte again),
    Russian "Открытие" (Tikrit). A name's final h after a vowel may be silent ("Fallujah",
    German "Falludscha"). A word in Cyrillic script is also read as its stems
    (``Token.bases``: "Харьковского", Kharkiv's, as "Харьков"), and Russian writes o for the i
    of Ukrainian names ("Харьков", Kharkiv): there the two are alike."""
    cyrillic = not tok.latin
    return any(
        written.startswith(name)
        or any(
            _latin_vowels_fit(written, r, alike=True, cyrillic=cyrillic)
            for r in without_silent_h(name)
        )
        for written in ((tok.word, *tok.bases) if cyrillic else (tok.word,))
    )


# Single vowels that transliterations of one name write for each other: "Shabaab" and French
# "Shebab", "Hezbollah" and "Hizbullah", "Mosul" and "Mossoul", Turkish "Bingazi".
_NEAR_VOWELS = frozenset([frozenset("ae"), frozenset("ei"), frozenset("ou")])


# o for i: Russian "Харьков", "Николаев" for Ukrainian Kharkiv, Mykolaiv; "Homs" and "Hims".
# Only in a name's last syllable, closed by its last consonant, where the two languages write
# them: Russian "Кроме" (besides), which opens many a sentence, is no Crimea.
_O_FOR_I = frozenset("io")


def _vowel_runs_alike(written: str, name: str, o_for_i: bool = False) -> bool:
    """Whether two runs of vowels may spell one sound: they share a vowel (y read as i:
    "ou" and "u", "ai" and "ae", "ay" and "ei") or are near single vowels (``_NEAR_VOWELS``,
    and with ``o_for_i`` o and i)."""
    a, b = set(written.replace("y", "i")), set(name.replace("y", "i"))
    return bool(a & b) or (
        len(a) == len(b) == 1 and (a | b in _NEAR_VOWELS or (o_for_i and a | b == _O_FOR_I))
    )


def _latin_vowels_fit(
    written: str, name: str, *, alike: bool = False, cyrillic: bool = False
) -> bool:
    """Whether two folded Latin words have as many runs of vowels before a consonant, and a
    vowel at their start or not alike: "Cherson" and "Kherson", not "Korean" and "Ukraine"
    (a y opens with a consonant: "Yarmouk", German "Jarmuk"; ``_opens_like``). With
    ``alike``, for a word without a capital that marks a name, each run also alike
    (``_vowel_runs_alike``; o as i for a word written in Cyrillic script): not
    German "Dörfer" (villages) for Darfur, "Mosel" for Mosul, "Süden" (the south) for Sidon,
    French "sortie" for Sirte, which differ from the name in the vowels they write. A name
    written with a capital keeps the looser fit: "Zaporozhye", Russian, for Zaporizhzhia."""
    written, name = _one_spelling(written), _one_spelling(name)  # "Aleksej" is "aleksei"
    return _opens_like(written, name, cyrillic) and _runs_alike(
        written, name, _STEM_VOWEL_RUNS, alike=alike, o_for_i=cyrillic
    )


def _runs_alike(
    written: str,
    name: str,
    runs: re.Pattern[str],
    *,
    alike: bool = True,
    o_for_i: bool = False,
    any_end: bool = False,
) -> bool:
    """Whether two folded words have as many ``runs`` of vowels, with ``alike`` each alike;
    ``o_for_i``: an o for an i in the last run of a name (folded: ``name``) that ends in a
    consonant (``_O_FOR_I``), or with ``any_end`` whatever it ends in."""
    ours, theirs = runs.findall(written), runs.findall(name)
    if len(ours) != len(theirs):
        return False
    last = len(theirs) - 1 if o_for_i and (any_end or name[-1:] not in _VOWELS) else -1
    return not alike or all(
        _vowel_runs_alike(a, b, k == last)
        for k, (a, b) in enumerate(zip(ours, theirs, strict=True))
    )


def spelled_alike(written: str, tok: Token, word: str, vocab: frozenset[str]) -> bool:
    """Whether ``tok`` (``written`` so in the text), whose keys include those of a proper
    name's word (folded: ``word``), may be that word rather than another one that shares its
    consonants: the word itself, an inflection or a derivation of it (``derived``:
    "Israeli", "Houthis", "Ukrainian", "Palestine" for Palestinian, "Mohammed" for Mohamed),
    also where it opens a sentence; otherwise only a word written as a name
    (not ``Token.common`` nor ``Token.lowercase``: a lower-case "several" is no Israel), and in
    Latin script only one the vocabulary lacks, with as many runs of vowels before a
    consonant and a vowel at its start if the name has one ("Cherson" for Kherson,
    "Prigojine"; not "Korean" for Ukraine, "Samuel" for Somali, "Nusra" for Ansar). In Arabic
    script, which writes only long vowels, those and the opening one (``arabic_spelling_fits``:
    not Urdu "کرنے", to do, for Ukraine); in another, only the vowel at its start, and a
    word in Cyrillic script opening a sentence as one without a capital (``_spelling_fits``).
    In Latin and Cyrillic script, with the name's consonants placed alike among its vowels
    (``_placed_alike``: "Throne" is no Tehran)."""
    if tok.lowercase:
        return False
    if derived_from(tok, word):
        return True
    if tok.common:
        return False
    if tok.arabic:
        return arabic_spelling_fits(tok, word)
    if not _LATIN_WORD.fullmatch(written):
        # A name that opens with a vowel ("Ukraine") is no word of another script that opens
        # with a consonant, by any of its readings; one opening a sentence is held as in Latin.
        return (
            (word[:1] not in _VOWELS or any(w[:1] in _VOWELS for w in (tok.word, *tok.bases)))
            and (not tok.no_capital or _spelling_fits(tok, word))
            and _placed_alike(tok, word)
        )
    return (
        tok.word not in vocab
        and _latin_vowels_fit(tok.word, word, alike=tok.no_capital)
        and _placed_alike(tok, word)
    )


def derived(word: str, name: str, ends: frozenset[str] | None = None) -> bool:
    """Whether two folded words are one name written with doubled consonants or not
    ("Mohammed", Mohamed), or one derived from the other by an ending: a people, a language,
    a plural ("Syrian", "Ukrainian", "Chinese", "Houthis", "Israeli"; "Palestine" for
    Palestinian), not another word that opens alike ("Status" for States, "Reservoir" for
    Reserve), nor another country or its people ("Niger" for Nigeria, "Nigerian" for Niger).
    ``ends``: those of another language's words derived from its name of a place
    (``_PEOPLE_ENDS``)."""
    if _DOUBLED.sub(r"\1", word) == _DOUBLED.sub(r"\1", name):
        return True
    country = is_country(name)
    if country and (people_of := country_of_people(word)) is not None:
        return same_country(people_of, name)  # "Lebanese" of Lebanon, "Burmese" of Myanmar
    stem = len(os.path.commonprefix([word, name]))
    if stem < 3 or (country and is_country(word)):
        return False
    a, b = word[stem:], name[stem:]
    if ends is not None:
        return b in _BASE_ENDS | {"ie"} and a in ends
    return (a in _BASE_ENDS and b in _DERIVED_ENDS) or (b in _BASE_ENDS and a in _DERIVED_ENDS)


@lru_cache(maxsize=4096)
def country_of_people(word: str) -> str | None:
    """The country whose people or language the folded ``word`` (or its plural) names: by
    countryinfo's adjectives ("lebanese" Lebanon, "french" France, "afghans" Afghanistan:
    ``exonyms.country_of``), else by an ending (``_DERIVED_ENDS``: "sudani" Sudan, "syrians"
    Syria; the longest such name, "nigerian" Nigeria, not Niger); None for any other word.
    Countries only: a city's adjective is seldom written, and "Roman" is a first name more
    often than Rome's."""
    for people in (word, word[:-1]) if word.endswith("s") else (word,):
        if (country := country_of(people)) is not None:
            return country
    found = [
        word[: len(word) - len(end)] + base
        for end in _DERIVED_ENDS
        if end and word.endswith(end) and len(word) - len(end) >= 3
        for base in _BASE_ENDS
    ]
    return max((c for c in found if c != word and is_country(c)), key=len, default=None)


@lru_cache(maxsize=4096)
def peoples_of_country(word: str) -> frozenset[str]:
    """The keys of the words a country's folded name ``word`` gives for its people or
    language: countryinfo's adjective of any of its names and its plural ("lebanon"
    "lebanese", "france" "french", "frenchs", "myanmar" "burmese"), and the name with each
    ending (``derived``: "syria" "syrian", "syrians", "syriac"...), most of them no word at
    all, which costs nothing, as a text's word meets them only if ``derived`` from the name.
    None for another word."""
    if not is_country(word):
        return frozenset()
    words = [
        word[: len(word) - len(base)] + end
        for base in _BASE_ENDS
        if word.endswith(base) and len(word) - len(base) >= 3
        for end in _DERIVED_ENDS
        if end
    ]
    peoples = [people for name in country_names(word) for people in peoples_of(name)]
    words += [w for people in peoples for w in (people, people + "s")]
    return frozenset(tok.key for w in words for tok in tokens(w))


def derived_from(tok: Token, word: str) -> bool:
    """Whether ``tok`` is the folded ``word`` or one derived from it (``derived``)."""
    return any(derived(w, word) for w in (tok.word, *tok.bases))


_DOUBLED = re.compile(r"([^aeiouy])\1+")  # a consonant: "Cameron" is no Cameroon
# What a name may end in that its derived words drop ("Ukrain-e", "Chin-a", "Somali-a"), and
# the endings of those words.
_BASE_ENDS = frozenset({"", "a", "e", "ia", "o", "y"})
_DERIVED_ENDS = frozenset(
    {"", "s", "es", "n", "ns", "an", "ans", "ian", "ians", "i", "is", "ese", "ic", "ish", "ite"}
    | {"ites", "ean", "eans"}
)
# The endings of a people's name in French and Dutch after the place's name, or its name
# itself ("Chin-e": French "Chinois", "Croat-ie": "Croates", "Chin-a": Dutch "Chinees",
# "Brazili-ë": "Braziliaan"): those that leave the name's skeleton as it is. Not an ending of
# one vowel, which makes other words: Spanish "Franco" of "Francia", "Tirano" (a tyrant) of
# Albanian "Tirana".
_PEOPLE_ENDS = frozenset({"", "es", "ois", "oise", "oises", "ais", "aise", "aises", "ees", "aan"})
# An Arabic word's opening vowel letter or ʿayn (which opens with a vowel as names write it:
# "عفرين", Afrin), past a joined conjunction or preposition and the article, whose alif opens
# no name.
_ARABIC_VOWEL_START = re.compile(
    "[\u0648\u0641\u0628\u0644\u0643]?(?:\u0627\u0644)?+[\u0627\u0623\u0625\u0622\u0639]"
)
# The same of a word read whole, past its article alone (``Token.opens``).
_ARABIC_OPENING = re.compile("(?:\u0627\u0644)?+[\u0627\u0623\u0625\u0622\u0639]")
# A name that opens with s and another consonant, before which Arabic may write a vowel
# ("إسبانيا", "استوكهولم"): it may be a word that opens with one.
_LATIN_CLUSTER = re.compile("s[^aeiouyh]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f'\u2019-]+")
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True)
class AliasPattern:
    alias: str
    keys: tuple[str, ...]
    acronym: bool = False
    strict: str | None = None  # strict_key of a short one-word alias, which a hit must share
    strict_arabic: str | None = None  # the same as a word in Arabic script must (w, y vowels)
    # That alias's word (folded) in a script with vowels, whose runs of vowels a hit in such a
    # script must write alike, a stem it inflects all but a final one (``_strict_match``).
    spelling: str | None = None
    words: tuple[str | None, ...] = ()  # the keys' words, folded (None: a word not known)
    proper: tuple[bool, ...] = ()  # each written capitalised in the alias (a name's word)
    latin: bool = False  # a spelling that only words in Latin script meet (latin_spellings)
    language: str | None = None  # a spelling only a text in this language writes
    # Short words read by their consonants (``arabic_short_key``): met as written, side by side.
    arabic_short: bool = False
    # A place's name as another language writes it (``exonyms``), met by exact keys
    # (``exact_keys``).
    exonym: bool = False
    # A place whose names in Arabic script are known (``exonyms``): a word in that script meets
    # it only as one of them or its adjective, not by its skeleton ("اليمين", the right, is
    # no Yemen; "يعرفون", they know, no Yerevan), where that is short (``by_name_in_arabic``).
    arabic_by_name: bool = False
    # A place that the languages of ``exonyms.CASED_LOCALES`` name (every country and main
    # city): its names there, folded (``cased_names``). In a text in one of those languages
    # a word meets it only as one of them or as its own name or a word derived from it
    # (``named_so``), not by its skeleton: German "Süden" (south) is no Sudan, "Preise"
    # (prices) no Paris, "Grund" (a reason) no Grenada, Russian "Судно" (a ship) no Sudan.
    cased_names: frozenset[str] = frozenset()
    # Per key, whether its word is a name's spelling with g for h (``g_for_h``), which a word
    # meets only with its vowels alike (``g_spelling_fits``).
    g_for_h: tuple[bool, ...] = ()
    # Whether its words may be met apart, in another order (``AliasIndex.search_near``): not
    # those of a form an alias only implies (``place_adjective_forms``: "Syrian" of "Southern
    # Syria offensive" met so in "offensive on the Free Syrian Army-affiliated Southern Front").
    near: bool = True
    # Per key, whether its word is a short acronym the alias writes in capitals ("LA" of "LA
    # fires", "US" of "US strikes"), which only a word written in capitals meets: French "la"
    # and "le" are no Los Angeles (``short_capitals``).
    capitals: tuple[bool, ...] = ()

    def word(self, k: int) -> tuple[str | None, bool]:
        """The ``k``-th key's word and whether the alias writes it as a name."""
        return self.words[k], self.proper[k]

    def met_as_key(self, k: int) -> bool:
        """Whether the ``k``-th key alone decides a word: an exonym's exact key; a kind's word
        beside it is held to ``meets`` as any alias's word is."""
        return self.exonym and self.keys[k].startswith("@")

    def fits_g_for_h(self, k: int, written: str) -> bool:
        """Whether a folded word may stand for the ``k``-th key's word as far as its vowels
        tell: any may, but for a spelling with g for h (``g_spelling_fits``)."""
        return (
            k >= len(self.g_for_h)
            or not self.g_for_h[k]
            or g_spelling_fits(written, self.words[k] or "")
        )

    def in_capitals_only(self, k: int) -> bool:
        """Whether the ``k``-th key's word is met in capitals only (``capitals``)."""
        return k < len(self.capitals) and self.capitals[k]

    def fits_case(self, k: int, text: str, tok: Token) -> bool:
        """Whether ``tok`` of ``text`` is written as the ``k``-th key's word must be: in
        capitals where that is a short acronym (``capitals``)."""
        return not self.in_capitals_only(k) or in_capitals(text, tok)


def in_capitals(text: str, tok: Token) -> bool:
    """Whether ``tok`` is written in capitals in ``text`` (a script without them never is)."""
    return text[tok.start : tok.end].isupper()


# An acronym of this many letters or fewer inside an alias of several words ("LA fires") is
# met only in capitals: read by its letters, it would be a common word ("la", "us", "un").
SHORT_CAPITALS_MAX = 3


def short_capitals(alias: str, toks: Sequence[Token]) -> frozenset[int]:
    """The indexes of ``toks`` (an alias's words) that are short acronyms in capitals, their
    keys too short for a skeleton (``_word_key``): "LA" of "LA fires", "US" of "US strikes";
    not "ISIS" or "DRC", whose keys tell them apart."""
    if len(toks) < 2:
        return frozenset()
    return frozenset(
        k
        for k, t in enumerate(toks)
        if t.key.startswith("=")
        and 2 <= len(written := alias[t.start : t.end]) <= SHORT_CAPITALS_MAX
        and written.isupper()
    )


def as_acronym(alias: str) -> str:
    """An alias as an acronym is written without full stops: "U.S." is "US"."""
    alias = alias.strip()
    return alias.replace(".", "") if _INITIALISM.fullmatch(alias) else alias


def is_acronym(alias: str) -> bool:
    return _ACRONYM.match(as_acronym(alias)) is not None


def compile_aliases(aliases: Sequence[str]) -> list[AliasPattern]:
    """Patterns for the aliases plus the English orders of "Jaish X"-style names."""
    out: list[AliasPattern] = []
    seen: set[tuple[str, ...]] = set()
    seen_in: set[tuple[tuple[str, ...], str]] = set()
    latin_only: set[tuple[str, ...]] = set()  # keys of ``seen`` met in Latin script alone
    storm_keys_seen: set[tuple[str, ...]] = set()  # keys of ``seen`` with a storm's word
    adjective_forms = {a: place_adjective_forms(a) for a in aliases}
    implied = {form for forms in adjective_forms.values() for form in forms}
    for label, alias in (
        (a, spelled)
        for a in aliases
        for spelled in dict.fromkeys(
            s
            for form in (
                *abd_forms(a),
                *designation_forms(a),
                *kind_last_forms(a),
                *plant_forms(a),
                *adjective_forms[a],
            )
            for s in (form, without_cedilla(form))
        )
    ):
        first = len(out)
        if is_acronym(alias):
            letters = as_acronym(alias)
            out.append(
                AliasPattern(alias, (letters,), acronym=True, words=(letters,), proper=(True,))
            )
            continue
        toks = tokens(alias)
        if not toks:  # (a name of no word, "—": no text writes it)
            continue
        # (a letter left of a name whose other words read as articles is no name: "AT&T" is
        # no "T", met as written, joined: ``joined_forms``)
        lone_letter = (
            (f"={toks[0].word}",)
            if len(toks) == 1 and len(toks[0].word) == 1 and len(_WORD.findall(alias)) > 1
            else ()
        )
        keys = tuple(t.key for t in toks)
        # (a capital marks a name's word, but not "son of", which texts write "bin", "Bin",
        # "ibn" as they please: "Jaish Khalid Bin Al-Waleed" is the "Khalid ibn al-Walid Army")
        words: tuple[tuple[str | None, bool], ...] = tuple(
            (t.word, not alias[t.start].islower() and t.word not in _SON_OF) for t in toks
        )
        variants: list[_Variant] = [(keys, words, "")]
        # Each word's other keys and spellings (``_spelling_variants``); those only Latin
        # script or one language writes come last.
        capitals = short_capitals(alias, toks)
        spelled_so = _spelling_variants(toks, words, capitals)
        variants += [v for v in spelled_so if not v[2]]
        # A name that writes "Allah" joined to the word before it ("Hezbollah", "Nasrallah",
        # "Ramallah") is two words in Arabic script ("حزب الله") and in other spellings ("Hizb
        # Allah").
        allah = tokens(_ALLAH)[0]
        for k, t in enumerate(toks):
            if (joined := _JOINED_ALLAH.fullmatch(t.word)) and (before := tokens(joined[1])):
                variants.append(
                    (
                        keys[:k] + (before[0].key, allah.key) + keys[k + 1 :],
                        words[:k]
                        + ((before[0].word, words[k][1]), ("allah", False))
                        + words[k + 1 :],
                        "",
                    )
                )
        variants += joined_forms(alias, toks, words)
        if len(keys) > 1 and keys[0] in _HEAD_WORDS:
            head = tokens(_HEAD_WORDS[keys[0]])[0]
            variants += [
                (keys[1:] + (head.key,), words[1:] + ((head.word, False),), ""),
                ((head.key,) + keys[1:], ((head.word, False),) + words[1:], ""),
            ]
        if len(keys) > 1:
            variants += arabic_kind_first((keys, words, ""))
        # Arabic reads a word's final ة "-a" alone and "-at" before the word it governs, as a
        # transliterated name writes it there; the word without its t is the name's too
        # ("جبهة النصرة", "Jabha al-Nusra": Jabhat al-Nusra; "حركة الشباب": Harakat
        # al-Shabaab). Not a name's last word, which governs none: "Jabhat" alone is not
        # "جبهة" (a front).
        variants += [
            (
                keys[:k] + (construct,) + keys[k + 1 :],
                words[:k] + ((t.word[:-1], words[k][1]),) + words[k + 1 :],
                "",
            )
            for k, t in enumerate(toks[:-1])
            if t.word.endswith("at") and len(construct := skeleton(t.word[:-1])) >= 3
        ]
        # Arabic script writes a name's short words with their long vowels, hamza and ʿayn
        # ("هيئة" Hayat, "العدل" Adl, "أهل" Ahl, "السنة" Sunnah): too few consonants for a
        # skeleton, such a word is matched whole (``_word_key``), so never in that script.
        # Within a name of several words whose consonants tell it apart (ARABIC_NAME_MIN), a
        # word in Arabic script meets one by its consonants (``arabic_short_key``) where its
        # long vowels fit (``arabic_spelling_fits``). Only as written: "هيئة تحرير الشام"
        # is Hayat Tahrir al-Sham, "جيش العدل" Jaish al-Adl.
        if len(toks) > 1:
            readings = [
                dict.fromkeys(
                    key if len(key := skeleton(r)) >= 3 else arabic_short_key(r)
                    for r in arabic_readings(t.word, last=k == len(toks) - 1)
                )
                if t.key.startswith("=") or len(t.key) >= 3
                else {t.key: None}  # "bin" is "bn" in every script
                for k, t in enumerate(toks)
                if t.word not in _AND
            ]
            kept = tuple(w for w, t in zip(words, toks, strict=True) if t.word not in _AND)
            variants += [(option, kept, "") for option in arabic_short_options(readings)]
        # Last, as a key met in every script is met so: the spellings only Latin script, or
        # only one language, writes; and the name as Hebrew writes it (``hebrew_variant``).
        variants += [v for v in spelled_so if v[2]]
        if (hebrew := hebrew_variant(alias, toks, words)) is not None:
            variants.append(hebrew)
        storm_forms: list[_Variant] = []
        if len(keys) > 1:
            storm_forms = storms_elsewhere(variants)
            variants += storm_forms
            variants += diseases_elsewhere(variants)
            variants += kinds_elsewhere(variants)
            variants += place_of_adjective(keys, words, toks)
        variants = [v for v in variants if v[2] != HEBREW or _hebrew_kept(v)]
        storm_words = set(storm_forms)
        # A short alias, or a short spelling of a one-word one ("Hamah" for "Hama", Polish
        # "Uszakow" for "Ushakov"), is held to the strict key of that spelling.
        spelled = (
            {
                skeleton(w): w
                for w in reversed(
                    (
                        *without_silent_h(toks[0].word),
                        *spellings(toks[0].word),
                        *latin_spellings(toks[0].word),
                        *filter(None, (ye_or_e(toks[0].word),)),
                        *(w for spell in _LANGUAGE_SPELLINGS.values() for w in spell(toks[0].word)),
                    )
                )
            }
            if len(keys) == 1
            else {}
        )
        russian = {g for t in toks if (g := g_for_h(t.word)) is not None}
        in_capitals_words = {toks[k].word for k in capitals}
        for v, w, scope in variants:
            # (keys met in every script, or in Latin script, once; keys one language writes
            # once per language: French "pont" and Spanish "puente" are one key, "pnt"; and
            # a key Latin script alone writes, once more in a language of another script:
            # "Prigożyn" and Greek "Πριγκόζιν" are both "prgzn"; and a storm's word of
            # another language, met as any word of its keys, once more where the name's
            # word has them: Spanish "huracán", no English word, is "hurricane"'s "hrkn")
            if (
                not v
                or (
                    v in seen
                    and not ((v, w, scope) in storm_words and v not in storm_keys_seen)
                    and not (v in latin_only and scope in _NOT_IN_LATIN)
                )
                or (v, scope) in seen_in
                or v == lone_letter
            ):
                continue
            if (v, w, scope) in storm_words:
                storm_keys_seen.add(v)
            if scope in ("", LATIN):
                if scope == LATIN and v not in seen:
                    latin_only.add(v)
                seen.add(v)
            else:
                seen_in.add((v, scope))
            strict = strict_arabic = spelling = None
            if len(v) == 1 and not v[0].startswith(("=", "ʜ")) and len(v[0]) <= STRICT_MAX:
                word, script = spelled.get(v[0], toks[0].word), toks[0].arabic
                strict = strict_key(word, script)
                strict_arabic = strict_key(word, arabic=True)
                spelling = None if script else word
            out.append(
                AliasPattern(
                    alias,
                    v,
                    strict=strict,
                    strict_arabic=strict_arabic,
                    spelling=spelling,
                    words=tuple(x for x, _ in w),
                    proper=tuple(p for _, p in w),
                    latin=bool(scope) and scope not in _NOT_IN_LATIN,
                    language=scope if scope not in ("", LATIN) else None,
                    arabic_short=any(k.startswith("~") for k in v),
                    g_for_h=tuple(x is not None and x in russian for x, _ in w),
                    capitals=tuple(x is not None and x in in_capitals_words for x, _ in w),
                )
            )
        if len(toks) == 1 and (elsewhere := exonyms(alias)):
            in_arabic = any(_is_arabic(other) for other in elsewhere)
            in_cased = cased_names(alias)
            out[first:] = [
                replace(p, arabic_by_name=in_arabic, cased_names=in_cased) for p in out[first:]
            ]
        out += _exonym_patterns(alias, seen)
        out += _exonyms_beside_kind(alias, toks, seen, seen_in)
        out += _closed_compounds(alias, toks, seen, seen_in)
        if alias != label:
            out[first:] = [replace(p, alias=label) for p in out[first:]]
        if alias in implied:
            out[first:] = [replace(p, near=False) for p in out[first:]]
    return out


# "Abdel", "Abdul" ("servant of the", عبد ال) open many Arabic names, which Arabic writes as
# two words ("عبد الفتاح السيسي") and English apart, hyphenated or as one word: "Abd al-Fattah",
# "Abdel Fattah", "Abdul-Malik", "Abdulmalik".
# (not "Abdullah", Abd Allah, one word in every spelling)
_ABD = re.compile(r"\bAbd(?:([aeiou])l(?:[ -](?=\w)|(?=[a-km-z][a-z]{2}))|[ -][ae]l-(?=\w))")


def abd_forms(alias: str) -> list[str]:
    """The alias and, for a name opening with "Abdel", "Abdul" or "Abd al-" ("servant of
    the"), that name written the other ways: "Abdel Fattah", "Abdelfattah" and "Abd
    al-Fattah" for any of them. Each is found as English writes the others, "Abd al-" as
    Arabic writes it."""
    m = _ABD.search(alias)
    if m is None:
        return [alias]
    head, name = alias[: m.start()], alias[m.end() :]
    abd = f"Abd{m[1] or 'e'}l"
    forms = (
        f"{head}{abd} {name[:1].upper()}{name[1:]}",
        f"{head}{abd}{name[:1].lower()}{name[1:]}",
        f"{head}Abd al-{name[:1].upper()}{name[1:]}",
    )
    return list(dict.fromkeys((alias, *forms)))


# A designation of letters and a number written with a hyphen or a space ("F-16", "Su-25",
# "MiG-29", "S-400", "COP 28"), which the news also writes joined ("F16", "Su25", "COP28").
_DESIGNATION = re.compile(r"\b([A-Za-z]{1,3})[-\u2010\u2011 ](\d{1,4})\b")
# ... and one written joined, in capitals ("MH17", "COP28"; not "Su25", nor "B2B" or "G7s").
_JOINED_DESIGNATION = re.compile(r"\b([A-Z]{1,3})(\d{1,4})\b")


# An alias that names a kind of place before the place, "Strait of Hormuz", "Gulf of Aden",
# "Port of Hodeidah": the kind and the proper name after "of".
_KIND_OF = re.compile(r"^(\w+) of ((?:[^\W\d_][\w'’-]*)(?: [^\W\d_][\w'’-]*){0,2})$")
GEOGRAPHIC_KINDS = frozenset(
    {"strait", "gulf", "bay", "sea", "island", "lake", "river", "port", "peninsula", "canal"}
)


def kind_last_forms(alias: str) -> list[str]:
    """An alias that writes a kind of place before the place ("Strait of Hormuz") with the
    kind after it ("Hormuz Strait"), as English writes it too, and as that order is turned
    into other languages' (``kinds_elsewhere``, ``arabic_kind_first``: "مضيق هرمز",
    "Meerenge von Hormus")."""
    found = _KIND_OF.match(alias)
    if found is None or found[1].lower() not in GEOGRAPHIC_KINDS or not found[2][0].isupper():
        return []
    return [f"{found[2]} {found[1]}"]


# Kinds of power plant and the acronyms news writes them by ("Kursk NPP", "Kakhovka HPP";
# Russian and Ukrainian "АЭС", "ГЭС" are read as these: ``ACRONYMS_ELSEWHERE``).
PLANTS: dict[str, tuple[str, ...]] = {
    "NPP": ("nuclear power plant", "nuclear power station", "nuclear plant"),
    "HPP": (
        *("hydroelectric power plant", "hydroelectric power station", "hydroelectric plant"),
        *("hydropower plant", "hydroelectric station"),
    ),
    "TPP": ("thermal power plant", "thermal power station"),
}
_PLANT_ACRONYM = {phrase: acronym for acronym, phrases in PLANTS.items() for phrase in phrases}
_PLANT_END = re.compile(
    "^(.+?) (" + "|".join(sorted((*PLANTS, *_PLANT_ACRONYM), key=len, reverse=True)) + ")$",
    re.IGNORECASE,
)


def plant_forms(alias: str) -> list[str]:
    """An alias that names a power plant ("Kursk nuclear power plant", "Kakhovka HPP") in the
    other ways news names it: by the kind's acronym or its words ("Kursk NPP", "Kakhovka
    hydroelectric power plant", "Kursk nuclear plant"), and a place of one word by its initial
    joined to the acronym ("ZNPP" for the Zaporizhzhia NPP)."""
    found = _PLANT_END.match(alias)
    if found is None:
        return []
    place, kind = found[1], found[2]
    acronym = kind if kind in PLANTS else _PLANT_ACRONYM.get(kind.lower())
    if acronym is None:
        return []
    forms = [f"{place} {acronym}", *(f"{place} {phrase}" for phrase in PLANTS[acronym])]
    if " " not in place and place[:1].isupper():
        forms.append(place[0] + acronym)
    return [f for f in dict.fromkeys(forms) if f.lower() != alias.lower()]


# A place's name that ends in a, and its adjective in an: "Crimea", "Crimean"; "Syria",
# "Syrian"; "Kenya", "Kenyan" (the place's name from five letters: "Roman" is no "Roma").
_PLACE_IN_A = re.compile(r"(?<![\w'’-])([A-Z][a-z]{3,}a)(n?)(?=[ \t]+\S)")


def place_adjective_forms(alias: str) -> list[str]:
    """An alias of several words that writes a place's name ending in a before another of its
    words with that place's adjective instead, or its adjective with the place: "Crimea
    Bridge" for "Crimean Bridge", as news writes both, "Kenyan Defence Forces" for "Kenya
    Defence Forces"; one word at a time."""
    return [
        f"{alias[: m.start()]}{m[1]}{'' if m[2] else 'n'}{alias[m.end() :]}"
        for m in _PLACE_IN_A.finditer(alias)
    ]


def designation_forms(alias: str) -> list[str]:
    """The alias with its designations joined ("F16" for "F-16") or apart ("MH 17" for "MH17",
    which the news also writes "MH-17"), if it writes one."""
    joined = _DESIGNATION.sub(r"\1\2", alias)
    apart = _JOINED_DESIGNATION.sub(r"\1 \2", alias)
    return [form for form in (joined, apart) if form != alias]


# A name's words and whether each is written with a capital, as ``AliasPattern`` holds them;
# and a name's keys with those words and where they are written so: "" in every script,
# ``LATIN`` only in Latin script, a language's code only in that language.
_Words = tuple[tuple[str | None, bool], ...]
_Variant = tuple[tuple[str, ...], _Words, str]


def joined_forms(alias: str, toks: Sequence[Token], words: _Words) -> list[_Variant]:
    """An alias's (keys, words, "") with two of its words written as one, as a hashtag, a
    page's address or a writer may ("NordStream", "Nordstream" for Nord Stream), and with an
    article joined to its word ("Deir Ezzor" for Deir ez-Zor, "AlShabaab" for al-Shabaab).
    The word so written is met as written (``exact_key``): its consonants alone lose where
    one word ended ("Rasalayn" would be "Ruslan", "Centralasia" "Controls")."""
    keys = tuple(t.key for t in toks)
    out: list[_Variant] = []
    for k, t in enumerate(toks):
        if t.arabic:
            continue
        before = [m for m in _WORD.finditer(alias, 0, t.start) if m.end() == t.start - 1]
        if before and _fold(article := before[0].group()) in _ARTICLES:
            spans = [(k, k + 1, article + alias[t.start : t.end])]
        else:
            spans = []
        if k + 1 < len(toks) and not toks[k + 1].arabic:
            spans.append((k, k + 2, "".join(_WORD.findall(alias[t.start : toks[k + 1].end]))))
        out += [
            (
                keys[:first] + (exact_key(written),) + keys[end:],
                words[:first] + ((_fold(written), words[k][1]),) + words[end:],
                "",
            )
            for first, end, written in spans
            if written.isalpha()  # (a designation joined, "F16", is ``designation_forms``')
        ]
    return out


LATIN = "latin"
# The most combinations of its words' spellings a name is sought by; past that (a long name
# whose words each have several), one word's other spelling at a time.
SPELLING_COMBINATIONS = 64


def _spelling_variants(
    toks: Sequence[Token], words: _Words, capitals: frozenset[int] = frozenset()
) -> list[_Variant]:
    """An alias's (keys, words, where written) with its words' other keys and spellings: without
    a silent h and as German, Polish and Czech write kh and zh (``key_forms``), "ye" as "e" or
    "e" as "ye" (``ye_or_e``: Russian Е, "Yevgeny" and "Evgeny"), and as Latin-script languages
    write its letters (``latin_spellings``); every combination of them, as a text spells every
    word its own language's way ("Jewgeni Prigoschin", Yevgeny Prigozhin), and as one
    language alone writes them (``_LANGUAGE_SPELLINGS``: German, Polish, French, Spanish,
    Turkish, Russian, Ukrainian, Greek, Bulgarian, Macedonian, Serbian). Each with where it is
    written so: those met in every script first, then those only Latin script writes, then those
    only one language does. A short acronym (``capitals``: "LA") is written so alone."""
    options: list[list[tuple[str, tuple[str | None, bool], str]]] = []
    for k, t in enumerate(toks):
        if k in capitals:
            options.append([(t.key, words[k], "")])
            continue
        # (German, Polish and Czech spellings of kh and zh only Latin script writes: an
        # Arabic "تشارك", it takes part, read with its تش as ch, is no "Charkiw", Kharkiv)
        keys_of = key_forms(t.key, t.word)
        latin_only = {skeleton(w) for w in kh_zh_spellings(t.word)} - {keys_of[0]}
        own = [(key, words[k], LATIN if key in latin_only else "") for key in keys_of]
        # (by its whole form where too few consonants are left: "evgeny", ``_word_key``)
        forms = [t.word]
        if (other := ye_or_e(t.word)) and (kf := _word_key(other)) is not None:
            own.append((kf[0], (other, words[k][1]), ""))
            # the name's "ye" as "e", spelled as the languages do too: Italian "Evgenij" (not
            # an "e" as "ye": "Estonia" as German "Jestonia" would meet "Justin")
            if len(other) < len(t.word):
                forms.append(other)
        if not t.arabic:  # (by its whole form where too few consonants are left: "haniya")
            own += [
                (kf[0], (alt, words[k][1]) if words[k][0] is not None else words[k], scope)
                for scope, alts in ((LATIN, latin_spellings), *_LANGUAGE_SPELLINGS.items())
                for form in forms
                for alt in alts(form)
                if (kf := _word_key(alt)) is not None
            ]
            if len(toks) > 1 and t.key.startswith("="):
                own += [
                    (kf[0], (alt, words[k][1]), "")
                    for alt in short_vowel_spellings(t.word)
                    if (kf := _word_key(alt)) is not None
                ]
        options.append(own)
    if math.prod(len(o) for o in options) <= SPELLING_COMBINATIONS:
        combinations = list(itertools.product(*options))
    else:
        plain = tuple(o[0] for o in options)
        combinations = [
            plain[:k] + (alt,) + plain[k + 1 :] for k, o in enumerate(options) for alt in o[1:]
        ]
    order = ("", LATIN, *_LANGUAGE_SPELLINGS)
    variants = [
        (
            tuple(c[0] for c in combo),
            tuple(c[1] for c in combo),
            max((c[2] for c in combo), key=order.index),
        )
        for combo in combinations
        # (one language's spellings with another's: no text writes the name so)
        if len({c[2] for c in combo} - {"", LATIN}) <= 1
    ]
    return sorted(variants, key=lambda v: order.index(v[2]))


@lru_cache(maxsize=4096)  # a watchlist's descriptions name the same countries again and again
def cased_names(name: str) -> frozenset[str]:
    """A place's one-word names in the Latin and Cyrillic scripts (``exonyms``), folded."""
    return frozenset(
        _fold(other)
        for other in exonyms(name)
        if (ord(other[0]) < _LATIN_END or _CYRILLIC_LETTERS.match(other))
        and len(_WORD.findall(other)) == 1
    )


def named_so(tok: Token, name: str | None, names: frozenset[str]) -> bool:
    """Whether a word written with a capital in a text in one of the languages of
    ``exonyms.CASED_LOCALES`` may be a place known there as ``names`` (``cased_names``): its own
    name (folded: ``name``) or a word derived from it (``derived``), one of those names
    (French "Argentine", Spanish "Granada": English words, which the exact keys of
    ``exact_keys`` leave out) or a people of one (French "Chinois", "Croates", Dutch
    "Chinees")."""
    if name is not None and derived_from(tok, name):
        return True
    return any(derived(w, n, _PEOPLE_ENDS) for w in (tok.word, *tok.bases) for n in names)


def names_elsewhere(name: str) -> list[str]:
    """A country's or main city's English ``name`` as other languages write it (``exonyms``)
    and, for a country, its adjective in Arabic (``arabic_adjectives``)."""
    names = exonyms(name)
    if not is_country(name):
        return list(names)
    arabic = [n for n in names if _is_arabic(n) and " " not in n]
    return [*names, *(a for n in arabic for a in arabic_adjectives(n))]


def _skeletons(name: str) -> tuple[str, ...]:
    """The consonant skeletons of a name's words, its articles, ʿayn and hamza and a final h
    after a vowel left out ("As-Suwayda": "sd"; "Dar‘ā", "Raqqah")."""
    name = name.translate(_NO_APOSTROPHES)
    return tuple(skeleton(re.sub("(?<=[aeiou])h$", "", t.word)) for t in tokens(name))


_NO_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHES, ""))


def city_spellings(alias: str) -> list[str]:
    """The names of the city an alias names (``gazetteer.city``) in other scripts ("Mykolaiv":
    "Николаев", "Миколаїв") and those in Latin script that spell one of them ("Nikolaev", of
    "Николаев"; not "Vernoleninsk", a former name, nor "Mikolajow", Polish). An alias that is
    no city's primary name names it where it writes that name in another spelling ("Daraa" of
    "Dar‘ā", "Sweida" of "As-Suwayda"), not where it is another name of the city ("Beria", an
    old name of Aleppo's, and a man's; "Yuzovka", Donetsk's)."""
    found = city(alias)
    if found is None or (alias != found.name and _skeletons(alias) != _skeletons(found.name)):
        return []
    # (not by a Greek name: Greek writes kh and h alike, χ, and would take "Herson", an English
    # surname, for Kherson's "Χερσώνα")
    spelled = {_skeletons(n) for n in found.elsewhere if not _GREEK_LETTERS.match(n)}
    # (not the alias itself, met as an alias is: read as an exonym, a German genitive's s
    # would be read off "Tartus", Syria's, for Estonia's "Tartu")
    return [
        *found.elsewhere,
        *(
            n
            for n in found.latin
            if _skeletons(n) in spelled and as_written(n) != as_written(alias)
        ),
    ]


def _exonym_patterns(alias: str, seen: set[tuple[str, ...]]) -> list[AliasPattern]:
    """Patterns of a country's or a city's name (``alias``) as other languages write it
    ("Syria": "سوريا", "Сирия", "Suriye"; ``names_elsewhere``; ``city_spellings``), met by
    those words exactly (``exact_keys``): a skeleton would take "جزر" (islands) for "الجزائر"
    (Algeria), "غانا" (Ghana) for "غينيا" (Guinea). Not a name with an article the search
    leaves out: Turkish "El Halil" (Hebron) would be "Halil", a first name."""
    out = []
    for other in dict.fromkeys((*names_elsewhere(alias), *city_spellings(alias))):
        toks = tokens(other)
        keys = tuple(exact_key(other[t.start : t.end]) for t in toks)
        if not keys or keys in seen or len(toks) < len(_WORD.findall(other)):
            continue
        seen.add(keys)
        words = tuple(t.word for t in toks)
        out.append(AliasPattern(alias, keys, words=words, proper=(True,) * len(toks), exonym=True))
    return out


# Languages that join a kind of place to the place's name in one word ("Gazastreifen").
_COMPOUNDING = frozenset({"de", "nl", "da", "sv", "no"})


def _first_seen(
    keys: tuple[str, ...],
    language: str | None,
    seen: set[tuple[str, ...]],
    seen_in: set[tuple[tuple[str, ...], str]],
) -> bool:
    """Whether a pattern of ``keys`` that a text in ``language`` meets (None: any) is new to
    an alias's patterns, as ``compile_aliases`` counts them (``seen``: keys met in any
    language; ``seen_in``: keys and the one language that meets them), and count it."""
    if keys in seen or (language is not None and (keys, language) in seen_in):
        return False
    if language is None:
        seen.add(keys)
    else:
        seen_in.add((keys, language))
    return True


def _closed_compounds(
    alias: str,
    toks: Sequence[Token],
    seen: set[tuple[str, ...]],
    seen_in: set[tuple[tuple[str, ...], str]],
) -> list[AliasPattern]:
    """Patterns of a place's name and a kind of place written as one word, as German and the
    other languages of ``_COMPOUNDING`` write them ("Gazastreifen" for "Gaza Strip",
    "Golanhöhen" for "Golan Heights", "Sinaihalbinsel"; ``_KINDS_ELSEWHERE``): met as
    written, or in a case ``exact_keys`` reads back ("des Gazastreifens"), only in a text in
    that language."""
    if len(toks) < 2 or any(t.arabic for t in toks):
        return []
    name = "".join(_WORD.findall(alias[toks[0].start : toks[-2].end]))
    return [
        AliasPattern(
            alias, keys, words=(_fold(joined),), proper=(True,), exonym=True, language=where
        )
        for where, words in _KINDS_ELSEWHERE.get(toks[-1].word, {}).items()
        if where in _COMPOUNDING
        for joined in (name + word.lower() for word in words)
        if _first_seen(keys := (exact_key(joined),), where, seen, seen_in)
    ]


def _script(word: str) -> str:
    """Which script ``word`` opens in, as kinds of place are sought beside names: Arabic (with
    Persian), Hebrew, Greek or Cyrillic, else Latin."""
    if _is_arabic(word):
        return "arabic"
    if _HEBREW_LETTERS.match(word):
        return "hebrew"
    if _GREEK_LETTERS.match(word):
        return "greek"
    return "cyrillic" if _CASED_OTHER_LETTERS.match(word) else LATIN


def _exonyms_beside_kind(
    alias: str,
    toks: Sequence[Token],
    seen: set[tuple[str, ...]],
    seen_in: set[tuple[tuple[str, ...], str]],
) -> list[AliasPattern]:
    """Patterns of a place's name and a kind of place or thing ("Gaza Strip", "Aden port") as
    other languages write both: the place by their own name for it (``names_elsewhere``,
    ``city_spellings``: Arabic "غزة", Turkish "Gazze", Hebrew "עזה"), which no skeleton of
    the English name meets, beside their word for the kind (``_PLACE_WORDS``,
    ``_KINDS_ELSEWHERE``) in that script, before the name or after it as the language puts
    it: "قطاع غزة", "Gazze Şeridi", "רצועת עזה". Met by those words exactly, as an exonym is;
    a word for the kind in Latin script only in a text in its language."""
    if len(toks) < 2:
        return []
    return [
        AliasPattern(alias, keys, words=words, proper=proper, exonym=True, language=where)
        for keys, words, proper, where in _kind_beside_exonyms(
            alias[toks[0].start : toks[-2].end], toks[-1].word
        )
        if _first_seen(keys, where, seen, seen_in)
    ]


@lru_cache(maxsize=4096)
def _kind_beside_exonyms(
    name: str, kind: str
) -> tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...], str | None], ...]:
    """(keys, words, whether each is a name's, the language that writes it) of each way
    ``_exonyms_beside_kind`` seeks a place ``name`` beside a ``kind`` (folded): once per name
    and kind, however many aliases and topics write them."""
    kinds = [
        (key, word, where, where in _KIND_FIRST or _script(word) == "hebrew")
        for key, word, where in _kind_keys_elsewhere().get(kind, ())
    ] + [(key, word, "", True) for key, word in _arabic_place_keys().get(kind, ()) if word]
    if not kinds:
        return ()
    out = []
    for other in dict.fromkeys((*names_elsewhere(name), *city_spellings(name))):
        if len(_WORD.findall(other)) != 1:
            continue
        place = (exact_key(other), tokens(other)[0].word, True)
        script = _script(other)
        for key, word, where, first in kinds:
            if _script(word) != script:
                continue
            beside = ((key, word, False), place)
            for order in (beside,) if first else (beside, beside[::-1]):
                out.append(
                    (
                        tuple(k for k, _, _ in order),
                        tuple(w for _, w, _ in order),
                        tuple(named for _, _, named in order),
                        where or None,
                    )
                )
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _arabic_place_keys() -> dict[str, tuple[tuple[str, str | None], ...]]:
    """English place word, folded -> (key, word) of each of its Arabic words: the word as
    written in Arabic script, which only a word in that script meets (``meets``), or None for a
    transliteration. By the word, not its key: "Party" is no "port", nor "Plan" a "plain"."""
    return {
        tokens(eng)[0].word: tuple(
            dict.fromkeys((tokens(w)[0].key, w if _is_arabic(w) else None) for w in words)
        )
        for eng, words in _PLACE_WORDS.items()
    }


@lru_cache(maxsize=1)
def _arabic_kind_forms() -> dict[str, frozenset[str]]:
    """An Arabic word for a kind (``_PLACE_WORDS``), folded -> the folded words for that kind
    that share its key, its singular and its plural ("حريق", "حرائق": a fire, fires), which
    an alias's variant writes as one (the first: its patterns are one per key)."""
    out: dict[str, set[str]] = {}
    for words in _arabic_place_keys().values():
        for key, word in words:
            if word is not None:
                forms = {_fold(w) for k, w in words if k == key and w is not None}
                out.setdefault(_fold(word), set()).update(forms)
    return {w: frozenset(forms) for w, forms in out.items()}


def arabic_kind_first(variant: _Variant) -> list[_Variant]:
    """An alias's variant whose last word is a kind of place or thing (``_PLACE_WORDS``) in the
    Arabic and Persian order, their word for the kind first ("سد كاخوفكا", "گروه واگنر"); and
    there its short words (too few consonants for a skeleton) by their consonants as Arabic
    writes them (``arabic_short_key``), where the kind's word and the name's have enough
    consonants between them (``ARABIC_NAME_MIN``: "حريق إيتون", the Eaton fire; not "حرائق
    ماوي", the Maui fires, which only the words beside it may tell)."""
    keys, words, _ = variant
    out: list[_Variant] = []
    for arabic, in_script in _arabic_place_keys().get(words[-1][0] or "", ()):
        out.append(((arabic,) + keys[:-1], ((in_script, True),) + words[:-1], ""))
        if in_script is None or not any(k.startswith("=") for k in keys[:-1]):
            continue
        readings = [
            (k,)
            if not k.startswith("=") or w is None
            else tuple(dict.fromkeys(arabic_short_key(r) for r in arabic_readings(w, last=True)))
            for k, (w, _) in zip(keys[:-1], words[:-1], strict=True)
        ]
        out += [
            ((arabic, *option), ((in_script, True),) + words[:-1], "")
            for option in arabic_short_options(readings, before=len(arabic))
        ]
    return out


def _kind_beside(keys: tuple[str, ...], base: tuple[str, ...], scope: str, where: str) -> bool:
    """Whether a kind's word of another language (written ``where``: "" for a word in another
    script than Latin) is sought beside an alias's variant (``keys``, written ``scope``): one
    in Latin script beside the alias as written and its own language's spellings; one in
    another script beside the alias as written (the text's inflections and transliterations
    are read on its side), and a Cyrillic-script language's spellings ("наводнений в
    Валенсии": Valencia's soft c as Russian writes it)."""
    if where:
        return not scope or scope in (where, LATIN)
    return keys == base or scope in _CYRILLIC_LANGUAGES


def kinds_elsewhere(variants: Sequence[_Variant]) -> list[_Variant]:
    """An alias's variants whose last word is a kind of place or thing (``_KINDS_ELSEWHERE``),
    with that word as other languages write it: before the name in the Romance languages
    ("barrage de Kakhovka"), before or after it in the others ("Каховской плотины",
    "Kachowka-Staudamm", "плотина Каховской ГЭС"). A word in Cyrillic script beside the name
    as the alias writes it (the text's inflections and transliterations are read on its side);
    one in Latin script beside that, its own language's spellings of it and those every
    Latin-script language may write ("Kachowka" in German), not another's. (Every spelling
    with every language's words would multiply an alias's patterns tenfold.)"""
    out: list[_Variant] = []
    base = variants[0][0] if variants else ()
    for keys, words, scope in variants:
        for key, written, where in _kind_keys_elsewhere().get(words[-1][0] or "", ()):
            if not _kind_beside(keys, base, scope, where):
                continue
            kind = ((written, False),)
            out.append(((key,) + keys[:-1], kind + words[:-1], where or scope))
            if where not in _KIND_FIRST:
                out.append((keys[:-1] + (key,), words[:-1] + kind, where or scope))
    return out


_PLACE_FIRST = frozenset({"tr"})  # languages that write a place before its disease
_ENGLISH_LINKS = frozenset({"in", "of"})  # an alias's words the other languages write otherwise


def diseases_elsewhere(variants: Sequence[_Variant]) -> list[_Variant]:
    """An alias's variants with a disease's word (``_DISEASES_ELSEWHERE``: "cholera in
    Sudan") as other languages write it, where the alias writes it: "cólera en Sudán",
    "холеры в Судане". As ``kinds_elsewhere``: a word in another script than Latin in the name
    as the alias writes it, one in Latin script in that and its own language's spellings."""
    out: list[_Variant] = []
    base = variants[0][0] if variants else ()
    for keys, words, scope in variants:
        for k, (word, _) in enumerate(words):
            elsewhere = _disease_keys_elsewhere().get(word or "", ())
            if not elsewhere:
                continue
            # (without the alias's English "in" or "of": the text's own stands where it
            # stood, as a word inside an alias may, ``AliasIndex.max_gap``)
            kept = [n for n, (w, _) in enumerate(words) if n == k or w not in _ENGLISH_LINKS]
            for key, written, where in elsewhere:
                if not _kind_beside(keys, base, scope, where):
                    continue
                variant = (
                    tuple(key if n == k else keys[n] for n in kept),
                    tuple((written, False) if n == k else words[n] for n in kept),
                    where or scope,
                )
                out.append(variant)
                if where in _PLACE_FIRST and len(kept) == 2:  # "Sudan'daki kolera salgını"
                    out.append((variant[0][::-1], variant[1][::-1], variant[2]))
    return out


def storms_elsewhere(variants: Sequence[_Variant]) -> list[_Variant]:
    """An alias's variants whose first word is a storm's ("Cyclone Freddy", "Hurricane Otis"),
    with that word as other languages write it before the name (``STORMS_ELSEWHERE``):
    "циклон «Фредди»", "إعصار فريدي", "huracán Otis". As ``kinds_elsewhere``: a word in
    another script than Latin beside the name as the alias writes it, one in Latin script
    beside that and its own language's spellings."""
    out: list[_Variant] = []
    base = variants[0][0] if variants else ()
    for keys, words, scope in variants:
        for key, written, where in _storm_keys_elsewhere().get(words[0][0] or "", ()):
            if not _kind_beside(keys, base, scope, where):
                continue
            out.append(((key,) + keys[1:], ((written, False),) + words[1:], where or scope))
    return out


def place_of_adjective(
    keys: tuple[str, ...], words: _Words, toks: Sequence[Token]
) -> list[_Variant]:
    """An alias of two words, a place's English adjective and a kind of place or thing
    ("Crimean Bridge"), as other languages name it, by the place: "pont de Crimée",
    "puente de Crimea", "Krim-Brücke", Russian "Крымский мост" (the Slavic adjective read as
    its place's name; ``kinds_elsewhere``, ``_PLACE_WORDS``). Not in English, where the
    place's name may be a word ("crime bridge")."""
    if (
        len(toks) != 2
        or not _ADJECTIVE_OF_PLACE.search(toks[0].word)
        or is_place(toks[0].word)  # "Jordan Valley", "Tehran airport": a place's own name
    ):
        return []
    kind = toks[1].word
    if kind not in _kind_keys_elsewhere() and kind not in _arabic_place_keys():
        return []
    place = _word_key(_ADJECTIVE_OF_PLACE.sub("", toks[0].word))
    if place is None or place[0].startswith("=") or place[0] == keys[0]:
        return []
    own: _Variant = ((place[0], keys[1]), ((place[1], words[0][1]), words[1]), "")
    return [*kinds_elsewhere([own]), *arabic_kind_first(own)]


# The English ending of a place's adjective, after at least four letters of its name
# ("Crimean", "Syrian", "Ukrainian").
_ADJECTIVE_OF_PLACE = re.compile("(?<=[a-z]{4})(?:i?an)$")


# Languages that write a kind of place before its name ("barrage de Kakhovka").
_KIND_FIRST = frozenset({"fr", "es", "pt", "it", "he"})


@lru_cache(maxsize=1)
def _kind_keys_elsewhere() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """English kind word, folded -> (key, word, where written) of each of its words in other
    languages (``_KINDS_ELSEWHERE``): a word in Cyrillic script as written, which only a word in
    that script meets (``meets``), met in any language; one in Latin script folded, met in a
    text in its language."""
    return _keys_elsewhere(_KINDS_ELSEWHERE)


@lru_cache(maxsize=1)
def _disease_keys_elsewhere() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """The same of a disease's words (``_DISEASES_ELSEWHERE``)."""
    return _keys_elsewhere(_DISEASES_ELSEWHERE)


@lru_cache(maxsize=1)
def _storm_keys_elsewhere() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """The same of a storm's words (``STORMS_ELSEWHERE``), Arabic's as written too."""
    return _keys_elsewhere(STORMS_ELSEWHERE)


def _keys_elsewhere(
    table: dict[str, dict[str, tuple[str, ...]]],
) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """English word, folded -> (key, word, where written) of each of its words in other
    languages in ``table`` (``_kind_keys_elsewhere``): a word in another script than Latin as
    written, met in any language; one in Latin script folded, met in a text in its language."""
    out: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for eng, languages in table.items():
        found: dict[tuple[str, str, str], None] = {}
        for language, words in languages.items():
            for w in words:
                tok = tokens(w)[0]
                other_script = _CASED_OTHER_LETTERS.match(w) is not None or _is_arabic(w)
                found[
                    (tok.key, w if other_script else tok.word, "" if other_script else language)
                ] = None
        out[tokens(eng)[0].word] = tuple(found)
    return out


# What may stand between two words of one name: spaces, a hyphen, an apostrophe, "of" or an
# article ("Battle of Yarmouk", "Shuhada al-Yarmouk"); not a line break or other punctuation,
# nor a hyphen between spaces, which parts a headline from its source ("Clashes in Daraa -
# Reuters", as Google News writes every title: "Daraa - Reuters" was another thing's name).
_NAME_SEPARATOR = r"(?:[ \t]+|-|['’][ \t]*)"
# ... the Arabic article's other spellings before a hyphen alone ("Hizb ut-Tahrir", "Ahrar
# ash-Sham": "at", "as" and "an" between spaces are English words), and the Persian and Urdu
# link ("izafat") between hyphens: "Lashkar-e-Taiba", "Tehrik-i-Taliban".
_HYPHENED_ARTICLES = "|".join(sorted(_ARTICLES - {"al", "el"}, key=len, reverse=True))
_NAME_JOIN = re.compile(
    rf"{_NAME_SEPARATOR}?(?:(?:of|al|el|the){_NAME_SEPARATOR}|(?:{_HYPHENED_ARTICLES})-){{0,2}}"
    r"|-[ei]-",
    re.IGNORECASE,
)
_LINKS = frozenset({"of", "the"})
IZAFAT = frozenset({"e", "i"})


# A short word in lower case between hyphens, inside a name ("Port-au-Prince", "Aix-en-
# Provence", "Stratford-upon-Avon").
HYPHENED_LINK = re.compile(r"-[^\W\d_]{1,4}-")


def capitalised_runs(text: str) -> list[list[Token]]:
    """The runs of capitalised words of ``text`` that read as one name ("Rafael Grossi",
    "Mohamed Hamdan Dagalo", "Gulf of Aden", "Port-au-Prince"): words with a capital, joined by
    a space, a hyphen, an apostrophe, "of" or an article (``_NAME_JOIN``), or a short word
    between hyphens (``HYPHENED_LINK``); a single word is a run of one."""
    runs: list[list[Token]] = []
    for tok in tokens(text):
        if not text[tok.start].isupper():
            # "Gulf of Aden" goes on past its "of", "Port-au-Prince" past its "au"
            if tok.word not in _LINKS and not HYPHENED_LINK.fullmatch(
                text[max(0, tok.start - 1) : tok.end + 1]
            ):
                runs.append([])
            continue
        gap = text[runs[-1][-1].end : tok.start] if runs and runs[-1] else None
        if gap is not None and (_NAME_JOIN.fullmatch(gap) or HYPHENED_LINK.fullmatch(gap)):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return [run for run in runs if run]


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens ``text`` or a sentence of it (after a stop, a colon
    or a line break; not after the full stop of initials: "the U.S. Army")."""
    before = text[max(0, start - 12) : start].rstrip(" \t\"“‘'(")
    if not before:
        return start <= 12
    return before[-1] in ".!?:\n" and not _INITIALISM.search(before[-4:])


# Words that qualify a place as itself ("Daraa Province"), not another thing named after it.
_SAME_PLACE = frozenset(
    {
        "province",
        "governorate",
        "city",
        "district",
        "countryside",
        "region",
        "area",
        "town",
        "village",
        "municipality",
        "county",
        "suburb",
    }
)


# Adjectives of a faith or a creed, which English capitalises wherever it writes them: beside a
# name they name no other thing ("the Shebab Islamist group"), as a people's do not ("Shebab
# Somali fighters": ``country_of_people``).
_FAITHS = frozenset(
    {
        *("islamist", "islamic", "muslim", "christian", "jewish", "sunni", "shia", "shiite"),
        *("salafi", "salafist", "jihadist", "catholic", "orthodox", "protestant", "hindu"),
        *("buddhist", "arab", "kurdish", "druze", "alawite", "marxist", "maoist", "zionist"),
    }
)


# The words Arabic groups' names open with, as English texts transliterate them (folded, the
# apostrophe gone: "Kata'ib" is "kataib"): "Kataib Hezbollah" (Iraq's, not Lebanon's
# Hezbollah), "Harakat Hezbollah al-Nujaba", "Jaish al-Adl", "Liwa al-Quds", "Saraya
# al-Ashtar", "Jabhat al-Nusra", "Hayat Tahrir al-Sham", "Jamaat Nusrat al-Islam"; and those
# Urdu and Persian names open with, before their link (``IZAFAT``): "Tehreek-e-Labbaik
# Pakistan" and "Pakistan Tehreek-e-Insaf", parties, are no Tehrik-i-Taliban Pakistan,
# "Lashkar-e-Taiba", "Sipah-e-Sahaba", "Harkat-ul-Mujahideen". A name word beside one names
# another group, as beside "Brigade" or "Army"; the model's English vocabulary lacks them.
GROUP_NAME_WORDS = frozenset(
    {
        *("kataib", "kataeb", "katibat", "katiba", "harakat", "harakah", "haraka", "jaish"),
        *("jaysh", "jeish", "liwa", "liwaa", "saraya", "jabhat", "jabhet", "hizb", "quwat"),
        *("faylaq", "asaib", "tanzim", "junud", "hayat", "haiat", "jamaat", "jamaah", "majlis"),
        *("tehreek", "tehrik", "tahreek", "tahrik", "lashkar", "sipah", "harkat"),
    }
)


# ... and in Arabic script, as the tokens read them (``Token.word``): جيش, حركة, كتائب, كتيبة,
# لواء, جبهة, سرايا, فيلق, تنظيم, جماعة ("جيش خالد بن الوليد", the group, for the general). Not
# for a group's topic: Arabic names every group so ("حركة حماس", the Hamas movement).
ARABIC_GROUP_WORDS = frozenset(
    {"jysh", "hrka", "ktaeb", "ktyba", "lwa", "jbha", "sraya", "fylq", "tnzym", "jmaa"}
)

# ... and the words English writes after a name to make a group's of it ("Khalid ibn al-Walid
# Army", the group named for the general; "Hezbollah Brigades", Iraq's Kataib Hezbollah; "Yarmouk
# Martyrs Brigade", "Mahdi Army", "Hamza Division").
GROUP_WORDS_AFTER = frozenset(
    {
        *("army", "brigade", "brigades", "battalion", "battalions", "front", "movement"),
        *("division", "corps", "regiment", "militia", "legion"),
    }
)

# The words that open an institution's name in the languages of Latin script whose press the
# multilingual model reads, folded ("Université" is "universite"), and the link words between
# them and the name: "l'Université de Yarmouk", "la Universidad de Yarmuk" are no Yarmouk
# Valley, as "Yarmouk University" is none. Not a place's kind ("vallée du Yarmouk" is the
# valley): universities and schools, hospitals, stadiums and clubs, museums, banks,
# foundations, awards, churches and mosques, streets.
INSTITUTION_WORDS = frozenset(
    {
        *("universite", "universidad", "universidade", "universita", "universitat", "hopital"),
        *("hospital", "ospedale", "krankenhaus", "stade", "estadio", "stadio", "stadion"),
        *("ecole", "escuela", "escola", "scuola", "schule", "lycee", "colegio", "institut"),
        *("instituto", "istituto", "musee", "museo", "museu", "banque", "banco", "banca"),
        *("club", "clube", "fondation", "fundacion", "fundacao", "fondazione", "stiftung"),
        *("prix", "premio", "eglise", "iglesia", "igreja", "chiesa", "mosquee", "mezquita"),
        *("mesquita", "moschea", "moschee", "rue", "calle", "rua", "avenida"),
    }
)
# "de", "du", "del", "della", "di", "da", "do", "des", "der", "von", and an article after them
_INSTITUTION_LINK = re.compile(
    r"[ \t]+(?:de|du|del|della|dell['’]|di|da|do|des|der|von)"
    r"(?:[ \t]+(?:la|el|le)|[ \t]*l['’])?[ \t]*",
    re.IGNORECASE,
)
_INSTITUTION_LINK_WORDS = frozenset(
    {*("de", "du", "del", "della", "dell", "di", "da", "do"), *("des", "der", "von", "la", "el")}
    | {"le", "l"}
)


def in_other_name(
    text: str, toks: Sequence[Token], i: int, own: frozenset[str], common: frozenset[str]
) -> tuple[int, int] | None:
    """The span of the name when token ``i`` forms one with a capitalised common word (one of
    ``common``, the model's vocabulary) foreign to ``own`` (the keys of a topic's names and
    description): "Yarmouk University" or "Jaish al-Islam" name another thing that shares the
    topic's name word, and so does a word Arabic groups' names open with (``GROUP_NAME_WORDS``:
    "Kataib Hezbollah") and one other languages open an institution's with, before the name and
    its link word (``INSTITUTION_WORDS``: "Université de Yarmouk"); so does a name word that is
    such a group word itself, before a capitalised name foreign to ``own`` ("Jaysh Khalid" for
    Jaish al-Islam). Another foreign name word ("Shuhada al-Yarmouk") is not judged, nor an
    adjective English capitalises anywhere, a people's or a faith's (``_FAITHS``: "the Shebab
    Islamist group", "Wagner Russian mercenaries")."""
    tok = toks[i]
    # A word Arabic groups' names open with, before a name none of the topic's: "Jaysh Khalid
    # ibn al-Walid" is another group than Jaish al-Islam, whatever language its name word is.
    if tok.word in GROUP_NAME_WORDS and i + 1 < len(toks):
        n = toks[i + 1]
        if n.word in IZAFAT and i + 2 < len(toks):  # "Tehreek-e-Labbaik"
            n = toks[i + 2]
        if (
            _NAME_JOIN.fullmatch(text, tok.end, n.start) is not None
            and text[n.start].isupper()
            and n.key not in own
            and n.key.rstrip("s") not in own
            and not n.common
        ):
            return (tok.start, n.end)
    before = i - 1
    while before >= 0 and i - before <= 3 and toks[before].word in _INSTITUTION_LINK_WORDS:
        before -= 1
    if (
        before >= 0
        and before < i - 1
        and toks[before].word in INSTITUTION_WORDS
        and text[toks[before].start].isupper()
        and toks[before].key not in own
        and _INSTITUTION_LINK.fullmatch(text, toks[before].end, tok.start)
    ):
        return (toks[before].start, tok.end)  # "Université de Yarmouk"
    for step in (-1, 1):
        nb = i + step
        if 0 <= nb < len(toks) and toks[nb].word in _LINKS:
            nb += step  # "University of Yarmouk": look past the link word
        if not 0 <= nb < len(toks):
            continue
        n = toks[nb]
        gap = text[n.end : tok.start] if nb < i else text[tok.end : n.start]
        word = text[n.start : n.end]
        folded = n.word
        if (
            _NAME_JOIN.fullmatch(gap) is None
            or not word[:1].isupper()
            or len(word) < 4
            or n.key in own
            or n.key.rstrip("s") in own
            or (folded not in common and folded not in GROUP_NAME_WORDS)
            or folded in _SAME_PLACE
            or folded in _FAITHS
            or country_of_people(folded) is not None
        ):
            continue
        if n.common:
            # A capital that only starts the sentence, or one of a headline that capitalises
            # every word ("Houthi Rebels Fire Missiles at Ship"), says nothing.
            continue
        return (min(n.start, tok.start), max(n.end, tok.end))
    return None


@dataclass(frozen=True)
class AliasHit:
    alias: str
    start: int
    end: int


# An alias's words in another order, close together, name the same thing: "the offensive in
# Daraa" for "Daraa offensive", "Houthi attacks on shipping in the Red Sea" for "Houthi Red Sea
# attacks". Within NEAR_WINDOW words of the first one; the link words do not count.
NEAR_WINDOW = 8
# The small words that link a name's words ("Gulf of Aden", "Committee of the Red Cross").
LINK_WORDS = frozenset({"of", "on", "in", "the", "and", "at", "to", "for", "by", "a", "an"})
# English words that open or carry another clause: a verb's helpers, pronouns, a relative's
# words. An alias's words on both sides of one are no name in another order, but parts of two
# statements: "Palestinian fighters in Yarmouk were faced with a second battle line" writes no
# Battle of the Yarmuk, "security officers, lost their lives in attacks by Somalia" no
# Security in Somalia; "the offensive in Daraa", "security assistance to Somalia" do.
CLAUSE_WORDS = frozenset(
    {
        *("is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had"),
        *("do", "does", "did", "will", "would", "shall", "should", "can", "could", "may"),
        *("might", "must", "he", "she", "it", "we", "they", "him", "her", "us", "them"),
        *("his", "its", "our", "their", "who", "whom", "whose", "which", "that", "when"),
        *("where", "while", "because", "although", "but"),
    }
)


# What joins two names that an alias pairs as written ("Israel-Hamas war", "Trinidad and
# Tobago"): there "Israel and Hamas" writes the alias's words in another order too.
_PAIRED = re.compile(r"[^\W\d_][-‐][^\W\d_]|\s(?:and|&)\s", re.IGNORECASE)
_COORDINATION = frozenset({"and", "or"})


def _coordinated(toks: Sequence[Token], span: Sequence[int]) -> bool:
    """Whether two of an alias's words met apart (token positions ``span``, in order) stand
    joined by "and" or "or" alone, an article aside: "Pakistan and the Taliban" names two
    things, no "Pakistani Taliban" (the Taliban in Pakistan would)."""
    for a, b in itertools.pairwise(span):
        between = {tok.word for tok in toks[a + 1 : b]}
        if between & _COORDINATION and between <= _COORDINATION | {"the", "a", "an"}:
            return True
    return False


def _strict_match(tok: Token, p: AliasPattern) -> bool:
    """Whether ``tok`` has the short alias's strict key and, both written with their vowels,
    as many runs of vowels, each alike (``_vowel_runs_alike``, o for i too: "Shebab" for
    Shabaab, "Hims" for Homs; not Spanish "Durán", a surname, for Derna); or a word it may
    inflect ("Houthis" for "Houthi", "Каховського" for "Kakhovka", "Хомсе" for "Homs",
    "والشباب" for "الشباب") has that key and, in a script with vowels, such runs but for a
    final one (which its ending may have taken or be). A word in Arabic script is held to
    the alias read as that script writes it, w and y as long vowels ("كاخوفكا" is
    "Kakhovka")."""
    strict = p.strict_arabic if tok.arabic else p.strict
    spelling = None if tok.arabic else p.spelling
    if strict_key(tok.word, tok.arabic) == strict and (
        spelling is None
        or (
            _runs_alike(tok.word, spelling, _VOWEL_RUNS, o_for_i=True)
            and consonants_alike(tok.word, spelling)
        )
    ):
        return True
    return any(
        strict_key(w, tok.arabic) == strict
        and (
            spelling is None
            or (
                _runs_alike(w, spelling, _STEM_VOWEL_RUNS, o_for_i=True)
                and consonants_alike(w, spelling)
            )
        )
        for w in tok.bases
    )


# Two letters that write one consonant, as one ("kh", "sh", "ts"...): Russian "Хомс" is
# "khoms", Homs.
_ONE_CONSONANT = re.compile("[cdgkpstz]h|ts")
_CONSONANT_RUNS = re.compile("[^aeiouy]+")


def consonants_alike(written: str, name: str) -> bool:
    """Whether two folded words write as many consonants in each run between their vowels,
    letters doubled or not: the strict key of a short name keeps its consonants, not where
    its vowels stand among them, and "Court" (k, rt), French "Quart" and Russian "Карта"
    would be "Croat" (kr, t), "Truck" "Turk"."""
    return _run_lengths(_single_consonants(written), _CONSONANT_RUNS) == _run_lengths(
        _single_consonants(name), _CONSONANT_RUNS
    )


def _run_lengths(word: str, runs: re.Pattern[str]) -> list[int]:
    """The lengths of the ``runs`` of consonants of a word as ``_single_consonants`` writes
    it."""
    return [len(r) for r in runs.findall(word)]


def _single_consonants(word: str) -> str:
    """A folded word in one spelling, each consonant one letter (``_ONE_CONSONANT``) and
    doubled letters single."""
    return re.sub(r"(.)\1+", r"\1", _ONE_CONSONANT.sub("h", _one_spelling(word)))


# A sentence ends between two words: a stop (embed.SENTENCE_STOPS), its closers and a space,
# or a line break; or a dash between spaces before a capital, which parts a dateline from its
# story ("ISTANBUL, Turkey – A powerful 6.2-magnitude earthquake") and a name from another
# ("Arakan Rohingya Salvation Army – ARSA"); not before a word in lower case, where it joins a
# clause ("Седная — главная тюрьма", Sednaya is the main prison).
_SENTENCE_GAP = re.compile(
    f"[{SENTENCE_STOPS}][{CLOSERS}]*\\s|\n|\\s[-–—]\\s+(?=[\"'«“]?[A-Z\u00c0-\u00de\u0400-\u042f])"
)


_ACRONYM_WRITTEN = re.compile(r"\b([A-Z0-9]{2,6})s?\b")


def _acronyms_written(text: str, toks: Sequence[Token]) -> Iterator[tuple[str, int, int]]:
    """(acronym, start, end) of each acronym ``text`` writes: as written, or with a plural's
    s ("IEDs", "NGOs"); with full stops ("U.S." for US); as another language writes an
    English one (ООН for UN: ``ACRONYMS_ELSEWHERE``); a hashtag's word in capitals
    ("#ISISAttack")."""
    for m in _ACRONYM_WRITTEN.finditer(text):
        yield m[1], m.start(), m.end()
    for m in _INITIALISM.finditer(text) if "." in text else ():
        yield as_acronym(m[0]), m.start(), m.end()
    tagged = "#" in text
    for tok in toks:
        written = text[tok.start : tok.end]
        english = ACRONYMS_ELSEWHERE.get(written)
        if english is None and tagged and _ACRONYM.match(written) and _in_hashtag(text, tok):
            english = written
        if english is not None:
            yield english, tok.start, tok.end
    if any(tok.arabic for tok in toks):
        yield from _spelled_out_in_arabic(text)


# The names of the Latin letters as Arabic writes an acronym letter by letter ("إيه دي إف",
# ADF; "آر إس إف", RSF; "إم 23", M23): Arabic has no p, so "بي" is b or p ("بي كيه كيه",
# PKK; "بي بي سي", BBC). Not the names that are everyday words there too: "أو" (o, "or"),
# "في" (v, "in").
_ARABIC_LETTER_NAMES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("إيه", "أيه", "ايه"), ("A",)),
    "بي": ("B", "P"),
    "سي": ("C",),
    "دي": ("D",),
    "إي": ("E",),
    **dict.fromkeys(("إف", "اف"), ("F",)),
    "جي": ("G",),
    **dict.fromkeys(("إتش", "اتش", "إيتش"), ("H",)),
    "آي": ("I",),
    **dict.fromkeys(("جيه", "جاي"), ("J",)),
    **dict.fromkeys(("كيه", "كاي", "كي"), ("K",)),
    "إل": ("L",),
    **dict.fromkeys(("إم", "ام"), ("M",)),
    "إن": ("N",),
    "كيو": ("Q",),
    **dict.fromkeys(("آر", "ار"), ("R",)),
    **dict.fromkeys(("إس", "اس"), ("S",)),
    "تي": ("T",),
    "يو": ("U",),
    "دبليو": ("W",),
    **dict.fromkeys(("إكس", "اكس"), ("X",)),
    "واي": ("Y",),
    **dict.fromkeys(("زد", "زي"), ("Z",)),
}


def _spelled_out_in_arabic(text: str) -> Iterator[tuple[str, int, int]]:
    """(acronym, start, end) of each acronym an Arabic text spells out by its letters' names
    (``_ARABIC_LETTER_NAMES``): two letters or more, or one and a number ("إم 23", M23), each
    a word of its own, a space between them; every reading of an ambiguous letter. (Read
    from the text's words, not its tokens, which leave out words too short to name.)"""
    words = list(_WORD.finditer(text))
    n = 0
    while n < len(words):
        k = n
        while (
            k < len(words)
            and words[k][0] in _ARABIC_LETTER_NAMES
            and (k == n or text[words[k - 1].end() : words[k].start()].isspace())
        ):
            k += 1
        letters = [_ARABIC_LETTER_NAMES[w[0]] for w in words[n:k]]
        if letters:
            end = words[k - 1].end()
            number = ""
            if k < len(words) and words[k][0].isdigit() and text[end : words[k].start()].isspace():
                number, end = words[k][0], words[k].end()
            if len(letters) >= 2 or number:
                for reading in itertools.product(*letters):
                    yield "".join(reading) + number, words[n].start(), end
        n = max(k, n + 1)


def _inside_another_name(text: str, first: Token, last: Token, words: int) -> bool:
    """Whether the words of an alias met apart, from ``first`` to ``last`` (``words`` of
    them), all stand in one longer name with other words of its own between them: "Arakan
    Rohingya Salvation Army" is another group than the Arakan Army, "Islamic Revolutionary
    Guard Corps" no "Islamic Guard". A line that capitalises every word says nothing so."""
    line_start = text.rfind("\n", 0, first.start) + 1
    line_end = text.find("\n", last.end)
    if title_case(text[line_start : len(text) if line_end < 0 else line_end]):
        return False
    for run in capitalised_runs(text[line_start : last.end]):
        starts = [tok.start + line_start for tok in run]
        if first.start in starts and last.start in starts:
            return starts.index(last.start) - starts.index(first.start) + 1 > words
    return False


class AliasIndex:
    """All patterns of many topics, indexed by their first key, so one pass over an article's
    tokens finds every topic's aliases: the cost grows with the text, not with the topics."""

    def __init__(self, patterns: Sequence[tuple[int, AliasPattern]], max_gap: int = 1) -> None:
        self.max_gap = max_gap  # one extra word may stand inside an alias
        self.by_key: dict[str, list[tuple[int, AliasPattern]]] = {}
        self.acronyms: dict[str, list[tuple[int, AliasPattern]]] = {}
        # Aliases of two or more words (link words aside) by their first word, for search_near:
        # (owner, alias, the words' keys, each word and whether it is a name's, whether each is
        # met in capitals only).
        self.near: dict[str, list[tuple[int, str, tuple[str, ...], _Words, tuple[bool, ...]]]] = {}
        skip = {t.key for w in LINK_WORDS for t in tokens(w)}
        for owner, p in patterns:
            target = self.acronyms if p.acronym else self.by_key
            target.setdefault(p.keys[0], []).append((owner, p))
            # another language's spelling, an Arabic reading of short words: found as written
            if p.acronym or p.latin or p.arabic_short or p.exonym or not p.near:
                continue
            words: dict[str, tuple[str | None, bool]] = {}  # each key once, as first written
            capitals: dict[str, bool] = {}  # and whether it is met in capitals only
            for n, k in enumerate(p.keys):
                if k not in skip:
                    words.setdefault(k, p.word(n))
                    capitals.setdefault(k, p.in_capitals_only(n))
            # A number stays where the alias puts it: "iPhone 10" is not "iPhone XR: the 10
            # best apps", nor "Nord Stream 2" a "2" further on.
            numbered = any(w is not None and w.isdigit() for w, _ in words.values())
            # ... and a group's name that opens with a word Arabic groups' names open with is
            # written so, whole ("Jaish al-Islam"; "Jaish Khalid ... the Islamic State" is no
            # Jaish al-Islam)
            fixed = next(iter(words.values()))[0] in GROUP_NAME_WORDS if words else False
            if len(words) >= 2 and not numbered and not fixed:
                self.near.setdefault(next(iter(words)), []).append(
                    (owner, p.alias, tuple(words), tuple(words.values()), tuple(capitals.values()))
                )

    def search_near(
        self, text: str, toks: Sequence[Token], skip: Iterable[int]
    ) -> dict[int, list[AliasHit]]:
        """Hits of multi-word aliases whose words stand within ``NEAR_WINDOW`` words of each
        other in any order and in one sentence of ``text`` ("...said Wagner. The group of
        singers" names no Wagner Group), for the owners not in ``skip`` (those hit as
        written). A hit spans from the first of the words to the last."""
        done = set(skip)

        def one_sentence(i: int, j: int) -> bool:
            a, b = sorted((i, j))
            return _SENTENCE_GAP.search(text, toks[a].end, toks[b].start) is None

        where: dict[str, list[int]] = {}
        for i, tok in enumerate(toks):
            for key in tok.keys:
                where.setdefault(key, []).append(i)
        hits: dict[int, list[AliasHit]] = {}
        for key, positions in where.items():
            for owner, alias, keys, words, capitals in self.near.get(key, ()):
                if owner in done or not all(k in where for k in keys[1:]):
                    continue
                for i in positions:
                    if not meets(toks[i], *words[0], last=len(keys) == 1) or (
                        capitals[0] and not in_capitals(text, toks[i])
                    ):
                        continue
                    near = [
                        min(
                            (
                                j
                                for j in where[k]
                                if abs(j - i) <= NEAR_WINDOW
                                and meets(toks[j], *word, last=n == len(keys) - 1)
                                and not (capitals[n] and not in_capitals(text, toks[j]))
                                and one_sentence(i, j)
                            ),
                            default=None,
                        )
                        for n, (k, word) in enumerate(zip(keys[1:], words[1:], strict=True), 1)
                    ]
                    if all(j is not None for j in near):
                        span = [i, *(j for j in near if j is not None)]
                        if any(tok.word in CLAUSE_WORDS for tok in toks[min(span) + 1 : max(span)]):
                            continue
                        if _coordinated(toks, sorted(span)) and not _PAIRED.search(alias):
                            continue
                        if _inside_another_name(text, toks[min(span)], toks[max(span)], len(span)):
                            continue
                        hits.setdefault(owner, []).append(
                            AliasHit(alias, toks[min(span)].start, toks[max(span)].end)
                        )
                        done.add(owner)
                        break
        return hits

    def find(
        self, text: str, toks: list[Token] | None = None, language: str | None = None
    ) -> dict[int, list[AliasHit]]:
        """Every hit per owner, as the matcher counts them: the aliases as written (``search``)
        and, for the owners not hit so, their words near each other (``search_near``)."""
        toks = tokens(text) if toks is None else toks
        hits = self.search(text, toks, language)
        hits.update(self.search_near(text, toks, hits))
        return hits

    def search(
        self, text: str, toks: list[Token] | None = None, language: str | None = None
    ) -> dict[int, list[AliasHit]]:
        """Hits per owner (topic index); ``toks`` are ``tokens(text)`` when already made;
        ``language``, the text's, where known. An alias's words stand in one sentence
        ("...Richard Wagner. Group members sang" is no Wagner Group), unless the alias itself
        spans a full stop ("U.S. Army")."""
        toks = tokens(text) if toks is None else toks
        named_here = language in CASED_LOCALES
        in_english = language == ENGLISH
        # (the scope of the spellings of its names: a language's own, or one it shares)
        spells_as = _SPELLS_AS.get(language or "", language)
        # (the words the text writes in lower case: such a word opening a line is that word
        # there too, "Lula recheada" of a Portuguese recipe that writes "a lula", squid)
        in_lower_case = (
            set()
            if in_english
            else {tok.word for tok in toks if tok.no_capital and text[tok.start].islower()}
        )
        hits: dict[int, list[AliasHit]] = {}
        for i, tok in enumerate(toks):
            for owner, p in (op for key in tok.keys for op in self.by_key.get(key, ())):
                if (p.latin and not tok.latin) or (
                    p.arabic_by_name and tok.arabic and by_name_in_arabic(p.keys[0])
                ):
                    continue
                if p.language is not None and p.language not in (language, spells_as):
                    continue
                if (
                    named_here
                    and p.cased_names
                    and not tok.arabic
                    and not (text[tok.start].isupper() and named_so(tok, p.words[0], p.cased_names))
                ):
                    continue
                if p.strict is not None and not _strict_match(tok, p):
                    continue
                if not p.met_as_key(0) and not meets(tok, *p.word(0), last=len(p.keys) == 1):
                    continue
                if len(p.keys) == 1 and vowel_added(tok, p.words[0], language):
                    continue
                if not p.fits_g_for_h(0, tok.word) or not p.fits_case(0, text, tok):
                    continue
                # In English, a name of one word that is also a word of the vocabulary,
                # written in lower case, is that word: "turkey" (the bird) is no Turkey,
                # "china" (plates) no China; and so in another language a word in lower case
                # that it writes often (``common_in``: Spanish "goma", rubber, is no Goma), and
                # opening a line too where the text writes it so elsewhere. In
                # a name of several, the others tell ("the Wagner group"); another language
                # may write a name so ("wagner-Gruppe").
                if (
                    len(p.keys) == 1
                    and p.proper[:1] == (True,)
                    and tok.no_capital
                    and (
                        tok.common
                        if in_english
                        else (text[tok.start].islower() or tok.word in in_lower_case)
                        and common_in(text[tok.start : tok.end].lower(), language)
                    )
                ):
                    continue
                end = self._follow(text, toks, i, p)
                if end is not None and (
                    _SENTENCE_GAP.search(text, tok.start, end) is None
                    or _SENTENCE_GAP.search(p.alias) is not None
                ):
                    hit = AliasHit(p.alias, tok.start, end)
                    # once: a place's own name in another script and its transliteration
                    # may both be read in one word ("Сирии")
                    if hit not in hits.get(owner, ()):
                        hits.setdefault(owner, []).append(hit)
        if self.acronyms:
            for key, start, end in _acronyms_written(text, toks):
                for owner, p in self.acronyms.get(key, ()):
                    # (an acronym one language writes, English initials: ``initials``)
                    if p.language in (None, language, spells_as):
                        hits.setdefault(owner, []).append(AliasHit(p.alias, start, end))
        return hits

    def _follow(self, text: str, toks: list[Token], i: int, p: AliasPattern) -> int | None:
        # Short words read by their consonants stand side by side: "الصراع في القدس" (the
        # conflict in Jerusalem) is no Saraya al-Quds.
        gap = 0 if p.arabic_short else self.max_gap
        j = i
        for n, key in enumerate(p.keys[1:], start=1):
            nxt = next(
                (
                    k
                    for k in range(j + 1, min(j + 2 + gap, len(toks)))
                    if key in toks[k].keys
                    and (p.met_as_key(n) or meets(toks[k], *p.word(n), last=n == len(p.keys) - 1))
                    and p.fits_g_for_h(n, toks[k].word)
                    and p.fits_case(n, text, toks[k])
                    and (toks[k].latin or not p.latin)
                ),
                None,
            )
            if nxt is None:
                return None
            j = nxt
        return toks[j].end
