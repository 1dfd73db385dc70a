"""A watched group, body or place is met by its initials where the watchlist leaves them out:
English news names the Rapid Support Forces "RSF" after the first mention, and a headline or a
feed's summary often only so ("Sudan army retakes Khartoum palace from RSF"). Without this, a
topic named "Rapid Support Forces" met such texts only by closeness, where a name hit counts
most (0.34 for that headline, 0.26 for "RSF fighters storm El Fasher hospital").

A name yields initials (``initials``) where it is a proper name: three words or more, each
capitalised but the link words ("of", "in", "the", "and"), which are skipped. An article or
"and" joined to a later word is skipped ("al-" of "Hayat Tahrir al-Sham": HTS, "wal-" of
"Jama'at Nusrat al-Islam wal-Muslimin": JNIM), but an article that opens a name counts
("Al-Qaeda in the Arabian Peninsula": AQAP); "bin" counts or not, as news writes either
("Jaish Khalid bin al-Waleed": JKBW and JKW). A name with a lower-case word ("Zaporizhzhia
nuclear power plant", "Houthi attacks on Red Sea shipping": a description's initials name
nothing), a figure ("2018 Southern Syria offensive") or an acronym of its own ("Kakhovka HPP")
yields none. Initials that spell an everyday English word are not sought ("Central African
Republic": CAR; "World Health Organization": WHO): a headline in capitals writes that word.
Nor are a person's (``people``): "Mohamed Hamdan Dagalo" is no "MHD".

The other way round, a description that spells out in words an acronym the topic's names
write ("Foreign direct investment flows into India" beside the alias "FDI inflows") is read
with the acronym in brackets after those words (``glossed_acronyms``), so that the sentence
model, which reads a text that writes only "FDI" far from the words, reads the two together.

Initials are English's: the French write the RSF "FSR", and their "RSF" is Reporters sans
frontières. They are met in English texts alone, in capitals, as an acronym alias is.

Such a name, of three or four initials, is distinctive whole even where each of its words is an
everyday one ("Kenya Defence Forces"): a text that writes neither it, nor a shorter form of it
(``short_forms``: "Defence Forces", "Red Cross", "Revolutionary Guards"), nor its initials,
nor, for a country's armed force, the country or its people with a word for the force
(``armed_forces_forms``: "Kenyan troops", "Kenya's army") leaves the topic's name out, as
one that never writes "Yarmouk" leaves out the Yarmouk Valley (the matcher's
``name_absent``). Without that, a topic named "Kenya Defence Forces" and
described by its war on al-Shabaab in Somalia alerted on stories of al-Shabaab that never name
Kenya's army (0.92 for "US airstrikes in Somalia kill three al-Shabab militants"). Not a
place's name, which news shortens freely ("Congo" for the Democratic Republic of the Congo),
nor a longer official name, which it often shortens otherwise ("ATMIS" for the African Union
Transition Mission in Somalia, "UNIFIL" for the United Nations Interim Force in Lebanon)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from monitor.match.aliases import LINK_WORDS, as_acronym, is_acronym
from monitor.match.exonyms import country_of, country_spellings, peoples_of
from monitor.match.lexical import is_everyday

# Joined to the word after them, these are skipped unless one opens the name: the Arabic
# article and "and" ("Jama'at Nusrat al-Islam wal-Muslimin": JNIM).
_JOINED = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ul", "wa", "wal"})
_SON_OF = frozenset({"bin", "ibn", "ben"})
_HYPHEN = re.compile("[-‐]")
_AROUND = "\"'’‘()[],.;:!?"
MIN_LETTERS, MAX_LETTERS = 3, 6


def initials(name: str) -> list[str]:
    """The initials of ``name`` if it is a proper name of three words or more: with and
    without its "bin" where it writes one."""
    letters: list[str] = []
    son_of: list[int] = []  # where in ``letters`` a "bin" stands
    for n, word in enumerate(name.split()):
        word = word.strip(_AROUND)
        for suffix in ("'s", "’s", "'", "’"):
            word = word.removesuffix(suffix)
        parts = [p for p in _HYPHEN.split(word) if p]
        for k, part in enumerate(parts):
            lower = part.lower()
            if any(c.isdigit() for c in part) or (len(part) > 1 and part.isupper()):
                return []
            if lower in LINK_WORDS:
                continue
            if lower in _JOINED and k < len(parts) - 1:
                if n == 0 and k == 0:  # the article that opens a name: "Al-Qaeda"
                    letters.append(part[0].upper())
                continue
            if lower in _SON_OF:
                son_of.append(len(letters))
                letters.append(part[0].upper())
            elif part[0].isupper():
                letters.append(part[0])
            else:
                return []
    without = "".join(c for k, c in enumerate(letters) if k not in son_of)
    return [
        written
        for written in dict.fromkeys(("".join(letters), without))
        if MIN_LETTERS <= len(written) <= MAX_LETTERS and not is_everyday(written.lower())
    ]


def initials_of(names: Iterable[str]) -> list[str]:
    """The initials of a topic's names (``initials``) that none of them writes already, nor
    names as a country's other name ("UAE" of the United Arab Emirates: ``country_spellings``,
    sought as such)."""
    names = list(names)
    own = {as_acronym(n) for n in names if is_acronym(n)}
    own |= {c for n in names for c in country_spellings(n)}
    found = (i for n in names if not is_acronym(n) for i in initials(n))
    return [i for i in dict.fromkeys(found) if i not in own]


def spelled_out(text: str, acronyms: Iterable[str]) -> list[str]:
    """The proper names ``text`` writes whose initials are one of ``acronyms`` ("Rapid Support
    Forces" in "Sudan's Rapid Support Forces, led by ..." for "RSF"), each once: a run of words
    from a capitalised one, within one clause."""
    wanted = {as_acronym(a) for a in acronyms}
    if not wanted:
        return []
    words = text.split()
    longest = max(len(a) for a in wanted) * 2 + 2  # (letters and the link words between)
    found: list[str] = []

    def named(word: str) -> bool:  # a name's own word: capitalised, no link word ("The")
        word = word.strip(_AROUND)
        last = _HYPHEN.split(word)[-1]  # "al-Waleed"
        return last[:1].isupper() and word.lower() not in LINK_WORDS

    for i, first in enumerate(words):
        if not named(first):
            continue
        for j in range(i + 1, min(len(words), i + longest) + 1):
            run = " ".join(words[i:j])
            if any(c in run[:-1] for c in ",;:()") or run.endswith(("(", ";")):
                break
            name = run.strip(_AROUND)
            if named(words[j - 1]) and name not in found and wanted.intersection(initials(name)):
                found.append(name)
    return found


# The small words a name's initials pass over, in English and the languages of Europe that
# write their names so ("Médecins du Monde", "Fuerzas de Apoyo", "Bundesamt für Verfassungs-
# schutz"), and the Arabic article and the Urdu "of" of names written in Latin ("Tehrik-i-Taliban").
NAME_LINK_WORDS = LINK_WORDS | _JOINED | {"i", "e", "y", "d", "l", "et", "de", "des", "du", "la"}
NAME_LINK_WORDS |= {"le", "les", "del", "di", "da", "do", "dos", "das", "der", "die", "und"}
NAME_LINK_WORDS |= {"für", "von", "van", "voor"}
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_BRACKET_AFTER = re.compile(r"s?\s*\(")  # (after an acronym, its plural's s aside)
_GLOSS_CHARS = 120  # how far before an acronym its words are sought


def glossed_as(text: str, start: int, end: int) -> str | None:
    """The words ``text`` gives in brackets with the acronym it writes at ``start``:``end``,
    before it ("Reporters sans frontières (RSF)") or after it ("RSF (Reporters sans
    frontières)"): a run of words whose initials spell it (a plural's "s"
    aside: "TTPs"), the small words of names passed over where they spell nothing
    (``NAME_LINK_WORDS``: "Tehrik-i-Taliban Pakistan (TTP)"); None where the text gives
    none. A watched acronym that a text spells out as another thing's name is that thing's
    there ("RSF" of Reporters sans frontières for Sudan's Rapid Support Forces)."""
    acronym = as_acronym(text[start:end])
    if acronym.endswith("s") and acronym[:-1].isupper():
        acronym = acronym[:-1]
    if not (MIN_LETTERS <= len(acronym) <= MAX_LETTERS and acronym.isalpha()):
        return None
    letters = acronym.upper()
    if start > 0 and text[start - 1] == "(":
        before = text[max(0, start - 1 - _GLOSS_CHARS) : start - 1]
        words = list(_LETTER_RUN.finditer(before))[::-1]
        return _spelling(before, words, letters[::-1], forward=False)
    after = _BRACKET_AFTER.match(text, end)
    if after is not None:
        inside = text[after.end() : after.end() + _GLOSS_CHARS]
        return _spelling(inside, list(_LETTER_RUN.finditer(inside)), letters, forward=True)
    return None


def _spelling(text: str, words: list[re.Match[str]], letters: str, *, forward: bool) -> str | None:
    """The run of ``words`` (in reading order where ``forward``, else from the last) whose
    initials are ``letters`` in that order, from the first word on, no mark but a comma
    between them: as ``text`` writes it, or None."""
    taken: list[re.Match[str]] = []
    edge = 0 if forward else len(text)
    for word in words:
        gap = text[edge : word.start()] if forward else text[word.end() : edge]
        if gap.strip(" ,-‐'’") or "\n" in gap:
            return None  # a mark but a comma ("tactics, techniques and procedures"): ended
        edge = word.end() if forward else word.start()
        if word[0][0].upper() == letters[len(taken)]:
            taken.append(word)
            if len(taken) == len(letters):
                first, last = (taken[0], word) if forward else (word, taken[0])
                return text[first.start() : last.end()]
        elif not taken or word[0].lower() not in NAME_LINK_WORDS:
            return None
    return None


# A word of a description, with its apostrophe's ending ("Europe's"); a hyphen parts words
# ("State-affiliated").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_WORD_GAP = re.compile(r"[ \t-]+")


def glossed_acronyms(about: str, names: Iterable[str]) -> str:
    """``about`` with each acronym of three letters or more that the topic's ``names`` write
    ("FDI" of "FDI inflows", "PMC" of "PMC Wagner") and that it spells out in words, whatever
    their case, but does not write, glossed in brackets after the first words that spell it:
    "Foreign direct investment (FDI) flows into India". A text writes the acronym where the
    description spells it out, and the sentence model links the two only where both stand
    together: "FY19 saw FDI equity inflows falling 1%" sat at 2.5 background deviations from
    the description without the gloss, 5.0 with it. Link words inside the run are skipped
    ("Committee of the Red Cross"); a run stops at any mark but a hyphen."""
    written = set(_WORD.findall(about))
    acronyms = sorted(
        {
            word
            for name in names
            for word in name.split()
            if word.isalpha() and len(word) >= 3 and is_acronym(word) and word not in written
        }
    )
    for acronym in acronyms:
        words = list(_WORD.finditer(about))
        for i in range(len(words)):
            letters, k = "", i
            while k < len(words) and len(letters) < len(acronym):
                word = words[k].group()
                if k > i and not _WORD_GAP.fullmatch(about[words[k - 1].end() : words[k].start()]):
                    break
                if word.lower() not in LINK_WORDS or k == i:
                    letters += word[0]
                k += 1
            if letters.upper() == acronym and words[k - 1].group().lower() not in LINK_WORDS:
                end = words[k - 1].end()
                about = f"{about[:end]} ({acronym}){about[end:]}"
                break
    return about


def short_forms(name: str) -> list[str]:
    """The shorter names inside a proper name of several words: each run of two words or more
    of it that opens and closes on a capitalised word, its last word in either number ("Red
    Cross", "Revolutionary Guard" and "Revolutionary Guards", "Defence Forces" and "Defence
    Force" of "Kenya Defence Forces")."""
    words = name.split()
    named = [w[:1].isupper() and w.lower() not in LINK_WORDS for w in words]
    runs = [
        words[a:b]
        for a in range(len(words))
        for b in range(a + 2, len(words) + 1)
        if (b - a) < len(words) and named[a] and named[b - 1]
    ]
    return [
        " ".join((*run[:-1], last))
        for run in runs
        for last in (run[-1], run[-1][:-1] if run[-1].endswith("s") else run[-1] + "s")
    ]


# The words of a country's armed force's name after the country ("Kenya Defence Forces",
# "Sudanese Armed Forces", "Somali National Army", "Ethiopian National Defense Force"), and the
# words news writes after the country's name or its people's for that force ("Kenyan troops",
# "Sudan's army", "Israeli forces").
_ARMED_FORCE_NAME_WORDS = frozenset(
    {"army", "forces", "force", "armed", "defence", "defense", "military", "national"}
    | {"navy", "naval", "air", "ground", "land"}
)
ARMED_FORCES_WORDS = (
    *("army", "military", "troops", "soldiers", "forces", "armed forces", "defence forces"),
    *("defense forces", "navy", "air force"),
)


def armed_forces_forms(name: str) -> list[str]:
    """How news writes a country's armed force that a watchlist names in full, where ``name``
    is one: the country by its name or its people's (its first word; "Kenya", "Sudanese"),
    then only words of such a name (``_ARMED_FORCE_NAME_WORDS``). Each of the country's
    names and its people's adjectives with each of ``ARMED_FORCES_WORDS``: "Kenyan troops",
    "Kenya army" (met as "Kenya's army" too) for the Kenya Defence Forces. Not a force named
    otherwise ("Rapid Support Forces" is no Sudanese army)."""
    first, *rest = name.split() or [""]
    if not rest or any(w.lower() not in _ARMED_FORCE_NAME_WORDS for w in rest):
        return []
    country = country_of(first) or (first if country_spellings(first) else None)
    if country is None:
        return []
    names = {n for n in country_spellings(country.title()) if n[:1].isupper()}
    peoples = {p.title() for n in names for p in peoples_of(n)}
    return [f"{c} {w}" for c in sorted(names | peoples) for w in ARMED_FORCES_WORDS]
