"""Benchmark: how many of a name's real spellings the alias search meets, and which other
words it meets.

A rule of ``monitor.match.aliases`` is general: one that meets a name in one more spelling may
meet words of other languages too. Four figures, before and after a change:

- spellings met: ``PAIRS``, a name as one writer spells it and as another does (Arabic, Persian,
  Pashto, Somali, Russian and Ukrainian names as English, French, German and agency copy write
  them), each way: the first as the alias and the second in a text, and the other way round,
  in one English sentence;
- names met in other scripts: ``IN_OTHER_SCRIPTS``, a watchlist's name (in Latin letters) in a
  sentence of a language that writes it in its own script (Greek, Bulgarian, Serbian, Hebrew;
  Russian, Ukrainian, Arabic and Persian beside them), and those languages' common words
  (``COMMON_WORDS``), which no name should meet;
- words met: ``names()`` (every country CLDR names in English, the pairs' names and other
  places and people of conflict news) against the 20,000 most frequent words of 14 languages
  (wordfreq), each capitalised in an English sentence, the worst case (a capital marks a name):
  the words that share a key with one of the name's spellings and that the name meets, but for
  its own forms (a word within the name). Most are the name in another language or case; a
  rule's false meetings are the ones it adds: write both trees' meetings with ``--out`` and
  compare them with ``--diff`` (the first run's candidate words are read by the second with
  ``--candidates``, so that both trees judge the same words);
- words met in their own language: the same names against the 20,000 most frequent words of
  12 languages that write names with a capital (``OWN_SENTENCES``), each capitalised in a
  sentence of its language and read as a text in it: a spelling or a kind of place that only
  a text in one language meets (German "Selenskyj", Greek "Γάζας", Italian "gasdotto") meets
  that language's words there and nowhere else, so only this figure shows its false
  meetings. Every name against every word, no candidates; ``--diff`` compares these too.

    python bench/spellings.py [--list] [--out FILE] [--candidates FILE] [--diff OLD NEW]
    python bench/spellings.py --quick   # a few pairs, names and words: a smoke run
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from babel import Locale
from wordfreq import top_n_list

from monitor.match.aliases import (
    AliasIndex,
    compile_aliases,
    inflected,
    latin_spellings,
    skeleton,
    spellings,
    tokens,
)
from monitor.match.embed import load_embedder
from monitor.match.language import detect

SENTENCE = "Officials said on Monday that {} was discussed."
PAIRS = [
    ("Gaddafi", "Qaddafi"),
    ("Gaddafi", "Kadhafi"),
    ("Qaddafi", "Gadhafi"),
    ("Deir ez-Zor", "Deir Ezzor"),
    ("Deir ez-Zor", "Dayr az-Zawr"),
    ("Deir ez-Zor", "Deir el-Zour"),
    ("Yahya Sinwar", "Yehia Sinwar"),
    ("Mohammed Deif", "Mohammed Dief"),
    ("Hawran", "Houran"),
    ("Hauran", "Horan"),
    ("Golan", "Jolan"),
    ("Mosul", "Mawsil"),
    ("Idlib", "Edlib"),
    ("Kerch", "Kertch"),
    ("Vovchansk", "Vovtchansk"),
    ("Raqqa", "Raqqah"),
    ("Raqqa", "Al-Rakka"),
    ("Hodeidah", "Hudaydah"),
    ("Hodeidah", "Hodeida"),
    ("Hodeidah", "Al-Hudaydah"),
    ("Sanaa", "Sana'a"),
    ("Marib", "Ma'rib"),
    ("Taiz", "Ta'izz"),
    ("Houthi", "Huthi"),
    ("Hezbollah", "Hizbullah"),
    ("Hezbollah", "Hizballah"),
    ("Nasrallah", "Nasrullah"),
    ("Hassan Nasrallah", "Hasan Nasrallah"),
    ("Ansar Allah", "Ansarullah"),
    ("Al-Qaeda", "Al-Qaida"),
    ("Al-Qaeda", "al-Qa'ida"),
    ("Boko Haram", "Boko-Haram"),
    ("Hamas", "HAMAS"),
    ("Ismail Haniyeh", "Ismail Haniya"),
    ("Ismail Haniyeh", "Isma'il Haniyya"),
    ("Khan Younis", "Khan Yunis"),
    ("Khan Younis", "Khan Yunus"),
    ("Rafah", "Rafa"),
    ("Jabalia", "Jabaliya"),
    ("Jabalia", "Jabalya"),
    ("Nuseirat", "Nusseirat"),
    ("Deir al-Balah", "Deir el-Balah"),
    ("Beit Hanoun", "Beit Hanun"),
    ("Shujaiya", "Shejaiya"),
    ("Shujaiya", "Shujaiyya"),
    ("Tulkarm", "Tulkarem"),
    ("Nablus", "Nabulus"),
    ("Qalqilya", "Qalqiliya"),
    ("Kismayo", "Kismaayo"),
    ("Beledweyne", "Beled Weyne"),
    ("Hiran", "Hiraan"),
    ("Al-Fashir", "El Fasher"),
    ("El Fasher", "Al-Fasher"),
    ("Hemedti", "Hemeti"),
    ("Mohamed Hamdan Dagalo", "Mohammed Hamdan Daglo"),
    ("Omdurman", "Umm Durman"),
    ("Darfur", "Dar Fur"),
    ("Zaporizhzhia", "Zaporizhia"),
    ("Zaporizhzhia", "Zaporozhye"),
    ("Zaporizhzhia", "Zaporizhzhya"),
    ("Enerhodar", "Energodar"),
    ("Kherson", "Cherson"),
    ("Kharkiv", "Kharkov"),
    ("Kyiv", "Kiev"),
    ("Mykolaiv", "Nikolaev"),
    ("Mykolaiv", "Mykolayiv"),
    ("Avdiivka", "Avdeevka"),
    ("Avdiivka", "Avdiyivka"),
    ("Prigozhin", "Prigojine"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
    ("Yevgeny Prigozhin", "Yevgeniy Prigozhin"),
    ("Dmitry Utkin", "Dmitri Utkin"),
    ("Shoigu", "Shoygu"),
    ("Luhansk", "Lugansk"),
    ("Horlivka", "Gorlovka"),
    ("Chernihiv", "Chernigov"),
    ("Uzhhorod", "Uzhgorod"),
    ("Huliaipole", "Gulyaipole"),
    ("Hostomel", "Gostomel"),
    ("Donetsk", "Donezk"),
    ("Tikrit", "Takrit"),
    ("Fallujah", "Falluja"),
    ("Fallujah", "Fallouja"),
    ("Ramadi", "Ar-Ramadi"),
    ("Kirkuk", "Karkuk"),
    ("Erbil", "Arbil"),
    ("Erbil", "Irbil"),
    ("Sulaymaniyah", "Sulaimaniya"),
    ("Kobani", "Kobane"),
    ("Afrin", "Efrin"),
    ("Manbij", "Menbij"),
    ("Tal Abyad", "Tell Abyad"),
    ("Hasakah", "Hasaka"),
    ("Hasakah", "Al-Hasakah"),
    ("Qamishli", "Qamishlo"),
    ("Quneitra", "Kuneitra"),
    ("Daraa", "Deraa"),
    ("Daraa", "Dar'a"),
    ("Sweida", "Suwayda"),
    ("Sweida", "As-Suwayda"),
    ("Homs", "Hims"),
    ("Hama", "Hamah"),
    ("Latakia", "Lattakia"),
    ("Latakia", "Al-Ladhiqiyah"),
    ("Tartus", "Tartous"),
    ("Jaish al-Islam", "Jaysh al-Islam"),
    ("Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham"),
    ("Hayat Tahrir al-Sham", "Hayat Tahrir ash-Sham"),
    ("Abu Mohammad al-Julani", "Abu Muhammad al-Jawlani"),
    ("Abu Mohammad al-Julani", "Abu Mohammed al-Golani"),
    ("Ahmed al-Sharaa", "Ahmad al-Shara"),
    ("Ayman al-Zawahiri", "Ayman al-Zawahri"),
    ("Osama bin Laden", "Usama bin Ladin"),
    ("Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdady"),
    ("Muqtada al-Sadr", "Moqtada al-Sadr"),
    ("Qassem Soleimani", "Qasem Soleimani"),
    ("Qassem Soleimani", "Ghassem Soleimani"),
    ("Qassem Soleimani", "Qasim Sulaimani"),
    ("Khamenei", "Khamene'i"),
    ("Ali Khamenei", "Ali Khamene'i"),
    ("Rouhani", "Rohani"),
    ("Ahmadinejad", "Ahmadinezhad"),
    ("Zarif", "Zareef"),
    ("Tehran", "Teheran"),
    ("Mashhad", "Meshed"),
    ("Isfahan", "Esfahan"),
    ("Bandar Abbas", "Bandar-e Abbas"),
    ("Kandahar", "Qandahar"),
    ("Helmand", "Hilmand"),
    ("Taliban", "Taleban"),
    ("Haibatullah Akhundzada", "Hibatullah Akhundzada"),
    ("Mullah Omar", "Mulla Omar"),
    ("Jalalabad", "Jalal Abad"),
    ("Mazar-i-Sharif", "Mazar-e Sharif"),
    ("Tigray", "Tigrai"),
    ("Mekelle", "Mekele"),
    ("Mekelle", "Makelle"),
    ("Abiy Ahmed", "Abiy Ahmad"),
    ("Al-Shabaab", "Al Shebab"),
    ("Al-Shabaab", "Chabab"),
    ("Al-Shabaab", "Ash-Shabaab"),
    ("Muammar Gaddafi", "Moammar Gadhafi"),
    ("Benghazi", "Banghazi"),
    ("Misrata", "Misurata"),
    ("Khalifa Haftar", "Khalifa Hifter"),
    ("Khalifa Haftar", "Khalifa Hafter"),
    ("Sirte", "Surt"),
    ("Derna", "Darnah"),
    ("Tobruk", "Tubruq"),
    ("Bashar al-Assad", "Bashar el-Assad"),
    ("Bashar al-Assad", "Bachar al-Assad"),
    ("Mohammed bin Salman", "Muhammad bin Salman"),
    ("Mohammed bin Salman", "Mohamed ben Salmane"),
    ("Abdel Fattah al-Burhan", "Abdel Fatah al-Burhan"),
    ("Abdel Fattah al-Burhan", "Abdelfattah al-Burhan"),
    ("Abdel Fattah el-Sisi", "Abdul Fattah al-Sisi"),
    ("Wagner Group", "Vagner Group"),
    ("Kakhovka", "Kachowka"),
    ("Kakhovka", "Kakhovska"),
    ("Nova Kakhovka", "Novaya Kakhovka"),
    ("Dnipro", "Dnieper"),
    ("Dnipro", "Dnepr"),
    ("Bab el-Mandeb", "Bab al-Mandab"),
    ("Bab el-Mandeb", "Bab-el-Mandeb"),
    ("Hajjah", "Hajja"),
    ("Saada", "Sa'dah"),
    ("Saada", "Sadah"),
    ("Abdul-Malik al-Houthi", "Abdulmalik al-Huthi"),
    ("Yarmouk", "Yarmuk"),
    ("Yarmouk", "Yarmuq"),
    ("Jaish Khalid bin al-Waleed", "Jaysh Khalid ibn al-Walid"),
    ("Nord Stream", "Nordstream"),
]
# Places and people of conflict news besides the pairs' (names of one word or several).
OTHER_NAMES = (
    "Gaddafi Qaddafi Hadramawt Hodeidah Saada Baghdad Daraa Idlib Jeddah Sadr Madaya Mosul "
    "Ramadi Fallujah Adhamiya Kadhimiya Mahdi Houthi Dhamar Marib Aden Sudan Darfur Kordofan "
    "Medina Riyadh Abu-Dhabi Dubai Mogadishu Kismayo Baidoa Beledweyne Hiraan Jubaland Gedo "
    "Bakool Bardera Garissa Mandera Wajir Madobe Odessa Odesa Dnipro Donetsk Luhansk Kherson "
    "Mykolaiv Zaporizhzhia Melitopol Berdyansk Mariupol Avdiivka Bakhmut Soledar Kramatorsk "
    "Sloviansk Kadyrov Medvedev Budanov Zelensky Kiev Kyiv Podolyak Yermak Khodorkovsky Navalny "
    "Shoigu Gerasimov Surovikin Utkin Prigozhin Dagalo Hemedti Burhan Fasher Geneina Nyala "
    "Omdurman Khartoum Wad-Madani Gedaref Kassala Sennar Kosti Damazin Dilling Kadugli Babanusa "
    "Muglad Abyei Juba Bor Malakal Bentiu Rumbek Wau Yambio Torit Enerhodar Chernihiv Horlivka "
    "Myrhorod Uzhhorod Bohdan Serhiy Mohammed Muhammad Ibrahim Mahmoud Tahrir Jihad Mujahideen "
    "Sahel Rahman Abdulrahman Nahyan Zahran Shahid Tehran Bahrain Ahmed Zahedan Mashhad Lahore "
    "Peshawar Johannesburg Bohemia Ohio Idaho Oklahoma Yohannes Mehdi Rahim Suhail Fahim "
    "Nouhoum Nouakchott Duhok Dohuk Mahama Sahrawi Kuhestan Bilohorivka Vuhledar Huliaipole "
    "Hostomel Berehove Uhlehirsk Yahidne Vovchansk Raqqah Hodeidah Hamah Hasakah Rafah Jeddah "
    "Sharjah Hudaydah Haniyah Fallujah Ramallah Sarah Jonah Fatah Darnah Hajjah Tallah Halabjah "
    "Jalulah Samarrah Kufah Hillah Karbalah Najaf Basrah Aqabah Ghouta Midyah Mahrah Shabwah "
    "Lahj Amanah Qalqilyah Hasbayah Baalbek Nabatieh Nabatiyah Jabalia Jabaliya Zawiya Ajdabiya "
    "Adhamiya Kadhimiya Kadhimiyya Ilya Tanya Qalqilya Daraya Darayya Sariya Rusafa Rabiya "
    "Sakhnin Suwayda Sabha Kufra Ghariyan Tarhuna Bayda Shahhat Marj Sirte Jufra Ubari Murzuq "
    "Ghat Zintan Nalut Yefren Gharyan Misrata Zliten Khoms Msallata Tigray Shoigu Mykolaiv "
    "Dubai Kuwait Sinai Bahrain Zayed Sheikh Hussein Hussain Faisal Qais Kais Zaid Said Saif "
    "Yousef Haifa Taiz Baidoa Beirut Kuwayt Mai Thai Roy Kay Ray Nikolai Andrei Sergei Alexei "
    "Aleksei Mikhail Yuri Gennady Valery Dmitry Arkady Timur Kadyrov Shoigu Lavrov Peskov "
    "Medvedev Sobyanin Nikolaev Maykop Baykal Altai Chelyabinsk Yaroslavl"
)
# A name as a language of another script writes it, in a sentence of that language (the
# sentences are this project's own): (alias, language, text).
IN_OTHER_SCRIPTS = [
    ("Wagner Group", "el", "Η ομάδα Βάγκνερ δήλωσε την Τρίτη ότι οι μαχητές της αποχώρησαν."),
    ("Houthi", "el", "Οι Χούθι επιτέθηκαν την Τρίτη σε φορτηγό πλοίο στην Ερυθρά Θάλασσα."),
    ("al-Shabaab", "el", "Η αλ-Σαμπάμπ επιτέθηκε σε στρατιωτική βάση στο Μογκαντίσου."),
    ("Kakhovka dam", "el", "Το φράγμα της Καχόβκα καταστράφηκε στις 6 Ιουνίου."),
    ("Prigozhin", "el", "Ο Πριγκόζιν ηγήθηκε της ανταρσίας τον Ιούνιο."),
    ("Kherson", "el", "Οι πλημμύρες της Χερσώνας συνεχίζονται για τρίτη μέρα."),
    ("Hezbollah", "el", "Οι μαχητές της Χεζμπολάχ εκτόξευσαν ρουκέτες προς το Ισραήλ."),
    ("Bakhmut", "el", "Οι μάχες στη Μπαχμούτ συνεχίστηκαν όλη τη νύχτα."),
    ("Wagner Group", "bg", "Групата Вагнер заяви във вторник, че бойците ѝ са напуснали града."),
    ("Houthi", "bg", "Хусите нападнаха товарен кораб в Червено море."),
    ("al-Shabaab", "bg", "Ал Шабаб нападна военна база в Могадишу."),
    ("Wagner Group", "sr", "Група Вагнер је у уторак саопштила да су се њени борци повукли."),
    ("Houthi", "sr", "Хути су напали теретни брод у Црвеном мору."),
    ("Kakhovka dam", "sr", "Брана Каховка је уништена 6. јуна 2023."),
    ("Wagner Group", "he", "קבוצת וגנר הודיעה ביום שלישי כי לוחמיה נסוגו מהעיר."),
    ("Houthi", "he", "החות'ים תקפו ביום שלישי ספינת משא בים האדום."),
    ("al-Shabaab", "he", "אל-שבאב תקפה בסיס צבאי במוגדישו."),
    ("Kakhovka dam", "he", "סכר קחובקה נהרס ב-6 ביוני."),
    ("Prigozhin", "he", "פריגוז'ין האשים את משרד ההגנה הרוסי."),
    ("Hezbollah", "he", "לוחמי חיזבאללה שיגרו רקטות לעבר הגליל."),
    ("Kherson", "he", "ההפגזות בחרסון נמשכו כל הלילה."),
    ("Jaish Khalid bin al-Waleed", "he", "ארגון ג'יש ח'אלד בן אל-וליד תקף כפר בדרום סוריה."),
    ("Wagner Group", "ru", "Бойцы группы Вагнера покинули город во вторник."),
    ("Houthi", "ru", "Атаки хуситов в Красном море продолжаются."),
    ("Kakhovka HPP", "uk", "Підрив Каховської ГЕС спричинив затоплення."),
    ("Wagner Group", "ar", "أعلنت مجموعة فاغنر انسحاب مقاتليها من المدينة."),
    ("Houthi", "ar", "هاجم الحوثيون سفينة شحن في البحر الأحمر."),
    ("Wagner Group", "fa", "گروه واگنر روز سه‌شنبه اعلام کرد که نیروهایش عقب‌نشینی کرده‌اند."),
]
# Common words of such a language, each with a name it would meet by its consonants alone:
# opening a sentence, where a capital says nothing, or in Hebrew, which has none (a namesake,
# "Wagner" without his group, too): (alias, language, text).
COMMON_WORDS = [
    ("Croatia", "el", "Κράτη της Ευρώπης συζητούν νέα μέτρα για την οικονομία."),
    ("Alexei", "el", "Άλλαξε η κατάσταση στην αγορά μετά την ανακοίνωση."),
    ("Mali", "el", "Μαλλί και νύχια: συμβουλές ομορφιάς για το καλοκαίρι."),
    ("Ethiopia", "el", "Ηθοποιοί και σκηνοθέτες διαμαρτυρήθηκαν στην Αθήνα."),
    ("Kerch", "el", "Κορίτσια και αγόρια παίζουν στο πάρκο κάθε απόγευμα."),
    ("Kosti", "bg", "Костите бяха намерени в пещера край селото."),
    ("Kherson", "he", "הראשון הגיע לתחנה בשעה שמונה."),
    ("Kharkiv", "he", "הרכב חנה ליד הבית כל הלילה."),
    ("Qalqilya", "he", "הכלכלה צמחה בשנה שעברה."),
    ("Misrata", "he", "זו הייתה החלטה מוסרית וקשה."),
    ("Hadramawt", "he", "בחזית הדרומית היה שקט."),
    ("Bahamas", "he", "הם הגיעו בחמש בבוקר."),
    ("Wagner Group", "he", "וגנר היה מלחין גרמני."),
]
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "id", "ar", "ru", "uk", "pl", "fa")
WORDS_PER_LANGUAGE = 20_000
# A sentence of each language that writes names with a capital and has spellings of its own
# (``aliases.language_spellings``, Greek and Cyrillic readings, kinds of place): its common
# words, capitalised there, are what such a spelling meets in a text of that language, which
# the English sentence of the words figure never reads so.
OWN_SENTENCES = {
    "fr": "Les responsables ont déclaré lundi que la question de {} avait été discutée.",
    "de": "Die Behörden sagten am Montag, dass über {} gesprochen wurde.",
    "es": "Las autoridades dijeron el lunes que se discutió el asunto de {}.",
    "it": "Le autorità hanno detto lunedì che si è discusso di {}.",
    "pt": "As autoridades disseram na segunda-feira que o assunto {} foi discutido.",
    "nl": "De autoriteiten zeiden maandag dat er over {} is gesproken.",
    "tr": "Yetkililer pazartesi günü {} konusunu görüştüklerini söyledi.",
    "pl": "Urzędnicy powiedzieli w poniedziałek, że omówiono sprawę {}.",
    "ru": "Чиновники заявили в понедельник, что обсуждался вопрос {}.",
    "uk": "Посадовці заявили в понеділок, що обговорювали питання {}.",
    "el": "Οι αξιωματούχοι δήλωσαν τη Δευτέρα ότι συζητήθηκε το θέμα {}.",
    "bg": "Служители заявиха в понеделник, че е обсъден въпросът за {}.",
}


def names() -> list[str]:
    """The names whose meetings are counted."""
    found = set(Locale("en").territories.values()) | set(OTHER_NAMES.split())
    found |= {name for pair in PAIRS for name in pair}
    return sorted(n.replace("-", " ") for n in found)


class Search:
    """What the alias search finds of one alias in one text, with the model's vocabulary."""

    def __init__(self) -> None:
        self.vocab = load_embedder().vocab

    def finds(self, alias: str, written: str) -> bool:
        return self.finds_in(alias, SENTENCE.format(written))

    def finds_in(self, alias: str, text: str) -> bool:
        language = detect("", text)
        index = AliasIndex([(0, p) for p in compile_aliases([alias])])
        toks = inflected(text, tokens(text), self.vocab, language)
        return bool(index.find(text, toks, language).get(0))


def met_in_sentences(search: Search, cases: list[tuple[str, str, str]]) -> list[bool]:
    """Per (alias, language, text), whether the alias meets the text, read as the matcher
    reads it (its language detected)."""
    return [search.finds_in(alias, text) for alias, _, text in cases]


def by_language(cases: list[tuple[str, str, str]], met: list[bool]) -> str:
    """ "el 8/8, he 0/4": per language, how many were met of how many."""
    counts: dict[str, list[int]] = {}
    for (_, language, _), found in zip(cases, met, strict=True):
        counts.setdefault(language, [0, 0])
        counts[language][0] += found
        counts[language][1] += 1
    return ", ".join(f"{lang} {m}/{n}" for lang, (m, n) in counts.items())


def spellings_met(search: Search, pairs: list[tuple[str, str]]) -> list[tuple[bool, bool]]:
    """Per pair, whether the first meets the second and the second the first."""
    return [(search.finds(a, b), search.finds(b, a)) for a, b in pairs]


def candidates(name_list: list[str], per_language: int) -> dict[str, list[str]]:
    """Per name, the frequent words (capitalised) that share a key with one of its spellings."""
    by_key: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for word in top_n_list(language, per_language):
            for form in {word, word[:1].upper() + word[1:]}:
                toks = tokens(form)
                if len(toks) == 1:
                    by_key.setdefault(toks[0].key, set()).add(form)
    out = {}
    for name in name_list:
        keys = {
            key
            for tok in tokens(name)
            for key in (
                tok.key,
                *(skeleton(s) for s in (*spellings(tok.word), *latin_spellings(tok.word))),
            )
        }
        words = set().union(*(by_key.get(k, set()) for k in keys))
        out[name] = sorted(w for w in words if w[:1].isupper() and w.lower() not in name.lower())
    return out


def words_met(search: Search, cands: dict[str, list[str]]) -> dict[str, list[str]]:
    """Per name, the candidate words it meets."""
    met = {name: [w for w in words if search.finds(name, w)] for name, words in cands.items()}
    return {name: words for name, words in met.items() if words}


def own_language_words(
    search: Search, name_list: list[str], per_language: int
) -> dict[str, list[str]]:
    """Per name, the frequent words of each language of ``OWN_SENTENCES`` (capitalised, in a
    sentence of that language, read as the matcher reads a text in it) that the name meets, as
    "language:Word", but for its own forms (a word within the name). Every name against every
    word, in one index: no candidates drawn by keys, which a language's own spellings would
    escape."""
    index = AliasIndex([(k, p) for k, n in enumerate(name_list) for p in compile_aliases([n])])
    met: dict[str, set[str]] = {}
    for language, sentence in OWN_SENTENCES.items():
        words = [w[:1].upper() + w[1:] for w in top_n_list(language, per_language)]
        for start in range(0, len(words), 500):
            text = " ".join(sentence.format(w) for w in words[start : start + 500])
            toks = inflected(text, tokens(text), search.vocab, language)
            for k, hits in index.find(text, toks, language).items():
                for h in hits:
                    word = text[h.start : h.end]
                    if word.lower() not in name_list[k].lower():
                        met.setdefault(name_list[k], set()).add(f"{language}:{word}")
    return {name: sorted(found) for name, found in sorted(met.items())}


def print_met(figure: str, met: dict[str, list[str]], tried: str, listed: bool) -> None:
    """A words figure ("words met: 1535 by 348 of 804 names (...)") and, ``listed``, each name's
    words."""
    print(f"{figure}: {sum(map(len, met.values()))} by {len(met)} of {tried}")
    if listed:
        for name, found in met.items():
            print(f"  {name}: {', '.join(found)}")


def diff(old: dict[str, list[str]], new: dict[str, list[str]]) -> list[str]:
    """The meetings one tree's run has and the other's lacks, per name."""
    lines = []
    for name in sorted(set(old) | set(new)):
        before, after = set(old.get(name, ())), set(new.get(name, ()))
        if before != after:
            lines.append(f"{name}: new {sorted(after - before)}, gone {sorted(before - after)}")
    return lines


def read(path: Path, parser: argparse.ArgumentParser, field: str | None = None) -> Any:
    """A JSON file this script wrote (its ``field``), or one line naming what is wrong with it."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
        return value if field is None else value[field]
    except (OSError, ValueError, KeyError, TypeError) as e:
        parser.error(f"{path}: not a file this script wrote ({type(e).__name__}: {e})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list what is not met and met")
    parser.add_argument("--out", type=Path, help="write the words met per name (JSON)")
    parser.add_argument("--candidates", type=Path, help="read (or, if absent, write) the words")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--quick", action="store_true", help="a few pairs, names and words")
    args = parser.parse_args()
    if args.diff:
        old, new = (read(p, parser) for p in args.diff)
        lines = [
            line
            for field in ("words", "own")
            if field in old or field in new
            for line in diff(old.get(field, {}), new.get(field, {}))
        ]
        print("\n".join(lines) if lines else "the same meetings")
        return
    pairs = PAIRS[:8] if args.quick else PAIRS
    # (in the quick run, two countries besides, whose names in other languages are among
    # their most frequent words: "Deutschland", "России")
    quick_names = {n for p in pairs for n in p} | {"Germany", "Russia"}
    name_list = sorted(quick_names) if args.quick else names()
    search = Search()
    met = spellings_met(search, pairs)
    both = sum(a and b for a, b in met)
    print(
        f"spellings met: {sum(a + b for a, b in met)} of {2 * len(met)} ways "
        f"({len(met)} pairs, {both} both ways)"
    )
    if args.list:
        for (a, b), (there, back) in zip(pairs, met, strict=True):
            if not (there and back):
                print(
                    f"  {'met' if there else 'not met'} / {'met' if back else 'not met'}: {a} | {b}"
                )
    scripts = IN_OTHER_SCRIPTS[::4] if args.quick else IN_OTHER_SCRIPTS
    commons = COMMON_WORDS[::4] if args.quick else COMMON_WORDS
    in_scripts = met_in_sentences(search, scripts)
    common_met = met_in_sentences(search, commons)
    print(
        f"names met in other scripts: {sum(in_scripts)} of {len(scripts)} "
        f"({by_language(scripts, in_scripts)}); common words met: "
        f"{sum(common_met)} of {len(commons)}"
    )
    if args.list:
        for (alias, language, text), found in zip(
            [*scripts, *commons], [*in_scripts, *common_met], strict=True
        ):
            print(f"  {'met' if found else 'not met'}: {alias} | {language} | {text}")
    if args.candidates is not None and args.candidates.exists():
        cands = read(args.candidates, parser)
    else:
        cands = candidates(name_list, 1_000 if args.quick else WORDS_PER_LANGUAGE)
        if args.candidates is not None:
            args.candidates.write_text(json.dumps(cands, ensure_ascii=False), encoding="utf-8")
    words = words_met(search, cands)
    tried = f"{len(cands)} names ({sum(map(len, cands.values()))} words tried)"
    print_met("words met", words, tried, args.list)
    own = own_language_words(search, name_list, 1_000 if args.quick else WORDS_PER_LANGUAGE)
    tried = f"{len(name_list)} names ({len(OWN_SENTENCES)} languages)"
    print_met("words met in their own language", own, tried, args.list)
    if args.out is not None:
        record = {
            "pairs": [
                [a, b, there, back] for (a, b), (there, back) in zip(pairs, met, strict=True)
            ],
            "words": words,
            "own": own,
            "scripts": [
                [alias, language, found]
                for (alias, language, _), found in zip(
                    [*scripts, *commons], [*in_scripts, *common_met], strict=True
                )
            ],
        }
        args.out.write_text(json.dumps(record, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
