"""A watched person is met by the surname alone: news names a person in full once, then as
"Prigozhin", and a headline or a feed's summary often never in full ("Putin breaks silence on
Prigozhin death", "PM Modi's landslide victory"). Without this, a topic named "Yevgeny
Prigozhin" met those texts only by closeness, where a name hit counts most.

A topic is a person's where its description reads as one (``describes_person``: a role noun
heads its first phrase, "Russian opposition leader", "The commander of ...", not a group's
noun, "The group founded by ..."; or a personal pronoun and no "its"), and a name of the topic
is a person's name where it is two to four capitalised words whose last, the surname, is no
word of the model's vocabulary (Prigozhin, Dagalo, al-Julani; not "Ahmed" of "Abiy Ahmed", a
father's name that many share), no everyday English word ("Trump", "Brown"), no place and no
people ("Jordan"), and no vocabulary word meets it as the alias search reads spellings
("Mohamud" would meet "Mohammed": ``met_by_vocabulary``). Such a surname is one of the
topic's names (``surnames``), except after another given name (``another_persons``): "Maher
al-Assad" and "Eduardo Bolsonaro" are others of the family. A group's name of a person's
shape ("Boko Haram") is kept apart by its description alone.

A group's description names the people and the groups news also names it by: its founder or
leader (``leaders``: "founded by Yevgeny Prigozhin"), and the group it is an affiliate or a
branch of (``parents``: "Al-Qaeda's Yemeni branch").

A topic written without a description is not read as anyone's: its name alone cannot tell
"Boko Haram" from "Jair Bolsonaro"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from wordfreq import zipf_frequency

from monitor.match.aliases import (
    JOINED_BEFORE,
    LINK_WORDS,
    NOUNS_CAPITALISED,
    AliasIndex,
    Token,
    common_in,
    compile_aliases,
    country_of_people,
    is_acronym,
    starts_sentence,
    title_case,
    tokens,
)
from monitor.match.exonyms import is_place
from monitor.match.gazetteer import city
from monitor.match.kinds import kinds_of
from monitor.match.lexical import NAME_PARTICLES, is_everyday

_PERSONAL = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_ITS = re.compile(r"\bits\b", re.IGNORECASE)
# Where a description's first phrase ends: a stop, a comma or bracket, or a word that starts
# a clause or a complement ("The founder and head of the Wagner Group": "The founder").
_PHRASE_END = re.compile(
    r"[,;:(.]|\s(?:of|and|who|whose|that|which|in|at|for|from|with|since|known|as)\s",
    re.IGNORECASE,
)
# Nouns for what people are, which a person's description opens with ("Russian opposition
# leader", "The director general of the IAEA", "India's prime minister"); none names a group,
# a place or an event.
ROLES = frozenset(
    {
        *("leader", "founder", "co-founder", "commander", "president", "minister", "premier"),
        *("chancellor", "head", "chief", "director", "general", "spokesman", "spokeswoman"),
        *("spokesperson", "secretary", "chairman", "chairwoman", "emir", "king", "queen"),
        *("prince", "princess", "sultan", "sheikh", "cleric", "imam", "ayatollah", "preacher"),
        *("bishop", "pope", "patriarch", "journalist", "reporter", "activist", "politician"),
        *("dissident", "businessman", "businesswoman", "oligarch", "billionaire", "warlord"),
        *("ruler", "dictator", "monarch", "governor", "mayor", "senator", "lawmaker"),
        *("congressman", "congresswoman", "ambassador", "envoy", "diplomat", "judge"),
        *("prosecutor", "lawyer", "officer", "colonel", "admiral", "marshal", "actor"),
        *("actress", "singer", "rapper", "musician", "footballer", "athlete", "coach"),
        *("doctor", "scientist", "economist", "writer", "author", "candidate", "entrepreneur"),
        *("executive", "fighter", "opponent", "critic"),
        *("blogger", "poet", "novelist", "artist", "player", "mogul", "heir"),
    }
)
# How alike, letter for letter (difflib's ratio), a given name written before a watched
# person's surname must be to one of the person's own name words to be that word in another
# language's spelling, where the keys differ: "sheyh" and "scheich" for "sheikh" 0.73-0.77,
# "yahya" and "jahja" 0.60, "evgueni" for "yevgeny" 0.71; another's given name sits lower:
# "maher" for "bashar" 0.55, "ricardo" for "nicolas" 0.43. Names as near as "maria" and
# "mario" (0.80) stay the person's, as they were before this reading.
SAME_NAME_LIKENESS = 0.6
# Words that stand before a person's name without being a name of the family: titles that
# English writes with a capital and seldom elsewhere ("Sheikh", "Ayatollah"; everyday ones,
# "President", "General", are no given name as it is).
TITLES = ROLES | {
    *("mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen"),
    *("rep", "gov", "st", "sir", "dame", "lord", "lady", "mullah", "rabbi", "pastor", "father"),
    *("cardinal", "archbishop", "speaker", "field", "crown", "vice", "deputy", "acting", "pm"),
    # and other languages' forms of address and "chef", which travel as given names do
    # ("Herr Orbán", "Monsieur Macron", "Fidesz-Chef Orbán": the person, no other of the
    # family)
    *("herr", "frau", "monsieur", "madame", "señor", "señora", "signor", "signora"),
    *("senhor", "senhora", "pani", "chef"),
}
MIN_SURNAME = 4  # letters: "Un" of "Kim Jong Un", "Xi" are no surname alone


# Nouns for a body of people, whose description may tell of its leader ("The group founded by
# Mohammed Yusuf, his preaching ..."): a description whose first phrase ends so is a group's.
GROUPS = frozenset(
    {
        *("group", "movement", "organisation", "organization", "militia", "party", "army"),
        *("force", "forces", "network", "company", "faction", "alliance", "coalition"),
        *("front", "brigade", "insurgency", "insurgents", "rebels", "sect", "cult", "gang"),
        *("cartel", "clan", "tribe", "family", "dynasty", "regime", "government", "junta"),
        *("affiliate", "branch", "offshoot", "wing"),
    }
)
_NOUNS = ROLES | GROUPS
_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z][^\W\d_]*(?![-‐])")


def _writes_words(phrase: str) -> bool:
    """Whether a phrase writes a word in lower case: not a name's particle or article alone
    ("Abu Mohammad al-Julani", "Osama bin Laden")."""
    return any(len(w) >= 3 and w not in NAME_PARTICLES for w in _LOWER_WORD.findall(phrase))


def _ends_in_noun(phrase: str) -> bool:
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", phrase.lower())
    return bool(words) and words[-1] in _NOUNS


def _head(about: str) -> str | None:
    """The head of a description's first phrase where it is a noun for a person or a group
    (``ROLES``, ``GROUPS``): "militant group", "rebel leader"; None where it writes neither."""
    # (past a phrase of names and dates alone: "Yevgeny Prigozhin (1961-2023), Russian
    # oligarch ...", "Boko Haram: jihadist group ...")
    # ... but not past a role written with capitals ("Abiy Ahmed, Prime Minister of Ethiopia",
    # "Javier Milei, President of Argentina"), which ends a phrase of no word in lower case
    phrase = next((p for p in _PHRASE_END.split(about) if _writes_words(p) or _ends_in_noun(p)), "")
    nouns = [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", phrase.lower()) if w in _NOUNS]
    return nouns[-1] if nouns else None  # the last is the phrase's head


def describes_person(about: str, names: Iterable[str] = ()) -> bool:
    """Whether a topic's description reads as a person's: the head of its first phrase is a
    noun for a person (``ROLES``), not for a group (``GROUPS``); or, neither written there, it
    writes a personal pronoun and no "its" ("his mutiny ..."). Not where the topic's ``names``
    name a kind of place or work (``kinds.kinds_of``): "Sednaya prison", whose description
    tells of "the search for the missing after his fall", is no person."""
    if kinds_of(names):
        return False
    head = _head(about)
    if head is not None:
        return head in ROLES
    return bool(_PERSONAL.search(about)) and not _ITS.search(about)


def describes_group(about: str) -> bool:
    """Whether a topic's description reads as a group's: the head of its first phrase is a
    noun for a group (``GROUPS``: "The Lebanese Shia political party and militant group")."""
    return _head(about) in GROUPS


# The particles a surname opens with, capitalised in a name as written ("Marine Le Pen",
# "Charles De Gaulle", "Inácio Da Silva").
SURNAME_PARTICLES = frozenset({"le", "la", "de", "du", "da", "di", "van", "von", "dos", "das"})


def surname(name: str, vocab: frozenset[str]) -> str | None:
    """The surname of a person's name (``name``: two to four capitalised words, the last no
    word of the model's ``vocab``, no everyday English word, place or people), as written
    with its article ("al-Julani"); None for any other name."""
    toks = tokens(name)
    if not 2 <= len(toks) <= 4 or any(c.isdigit() for c in name):
        return None
    if any(not name[t.start].isupper() for t in toks):  # "bin", "of": a group's name
        return None
    if re.search(r"(?<![^\W\d_])[^\W\d_]+[-‐]", name[: toks[-2].end]):
        return None  # "Harakat al-Shabaab al-Mujahideen": an article inside, a group's name
    last = toks[-1]
    written = name[last.start : last.end]
    # A surname with its particle ("Le Pen" of Marine Le Pen, "De Gaulle"), whose last word
    # may be an everyday one ("pen"): the two are the surname.
    if len(toks) >= 3 and toks[-2].word in SURNAME_PARTICLES:
        if is_place(written) or country_of_people(last.word) is not None:
            return None
        return name[toks[-2].start : last.end]
    if (
        len(last.word) < MIN_SURNAME
        or last.word in vocab
        or is_everyday(last.word)
        or is_place(written)
        or country_of_people(last.word) is not None
        or is_acronym(written)
    ):
        return None
    joined = JOINED_BEFORE.search(name, 0, last.start)
    return name[joined.start() if joined else last.start : last.end]


# What a group's description says before the name of the person who founded or leads it:
# "founded by Yevgeny Prigozhin", "led by Abu Mohammad al-Julani", "its leader Abubakar Shekau";
# then the name's words, each with the article or the "bin" joined to it ("al-Julani").
_LEADER_CUE = re.compile(
    r"\b(?:(?:founded|co-founded|led|headed|commanded|created|run)\s+by"
    r"|(?:its|the\s+group's|the\s+group’s)\s+(?:leader|founder|chief|commander|head),?)\s+",
    re.IGNORECASE,
)
_PARTICLE = r"(?:al|el|bin|ibn|abu)[-\s]"
_PERSON_NAME = re.compile(f"(?:{_PARTICLE})?[^\\W\\d_]+(?:[-‐'’][^\\W\\d_]+)*", re.IGNORECASE)
MAX_NAME_WORDS = 4
# Things a group's description may say another leads, in lower case before the cue: the
# government, the coalition or the offensive it fights ("fighting the government led by
# President Mohamed Abdullahi Farmaajo", "the offensive led by General Haftar").
_LED_OTHERS = frozenset(
    {"government", "regime", "coalition", "mission", "offensive", "operation", "campaign"}
    | {"war", "intervention", "administration", "junta", "state", "country", "army"}
    | {"military", "police", "forces", "troops"}
)
_WORD_BEFORE = re.compile(r"([a-z]+)[\s,]*$")


def _capitalised(word: str) -> bool:
    """Whether a word of a person's name is written with a capital, past the article or the
    "bin" joined to it ("al-Julani", "bin Laden")."""
    particle = re.match(_PARTICLE, word, re.IGNORECASE)
    return word[particle.end() if particle else 0 :][:1].isupper()


def leaders(about: str, vocab: frozenset[str]) -> list[str]:
    """The surnames (``surname``) of the people a group's description names as its founder or
    leader (``_LEADER_CUE``): "Prigozhin" of "The Russian private military company founded by
    Yevgeny Prigozhin", "Dagalo" of "Sudan's paramilitary force led by Mohamed Hamdan Dagalo";
    none where the description is no group's (``describes_group``). News names a group by its
    leader as often as by its name ("Prigozhin's fighters", "Hemedti's forces"). The name is
    the capitalised words after the cue; where the first is in lower case, as a description
    typed in lower case writes a name ("founded by yevgeny prigozhin"), the longest run of the
    words after it, each read with a capital, that is a person's name (``surname`` keeps no
    word of the vocabulary: "led by local commanders" names none). Not after a thing the
    group fights, which another leads (``_LED_OTHERS``: "the government led by ...")."""
    if not describes_group(about):
        return []
    found: dict[str, None] = {}
    for cue in _LEADER_CUE.finditer(about):
        before = _WORD_BEFORE.search(about, 0, cue.start())
        if before is not None and before[1] in _LED_OTHERS:
            continue  # ("fighting the government led by President ...": not the group's)
        words: list[str] = []
        at = cue.end()
        while len(words) < MAX_NAME_WORDS and (word := _PERSON_NAME.match(about, at)):
            written = word[0]
            if words and _capitalised(written) != _capitalised(words[0]):
                break  # (a name in capitals ends at a word in lower case)
            words.append(written)
            at = word.end()
            if not about.startswith(" ", at):
                break
            at += 1
        for n in range(len(words), 1, -1):
            name = " ".join(w if _capitalised(w) else w.title() for w in words[:n])
            if (last := surname(name, vocab)) is not None:
                if not met_by_vocabulary(last, vocab):
                    found[last] = None
                break
    return list(found)


# The group a group's description says it belongs to: "Al-Qaeda's Yemeni branch", "Islamic
# State-affiliated militant group", "The al-Qaeda affiliate of the Sahel", "an offshoot of the
# Islamic State". A name is a run of capitalised words, each with the article joined to it.
_JOINED_ARTICLE = r"(?:(?:al|el|ad|an|ar|as|ash|at|az)[-‐])?"  # "al-Qaeda", "ash-Sham"
_GROUP_WORD = rf"{_JOINED_ARTICLE}[A-Z][^\W\d_]*"
_GROUP_NAME = rf"{_GROUP_WORD}(?:[ \t-]{_GROUP_WORD})*"
_PART = r"(?:affiliate|branch|offshoot|franchise|wing)"
_PARENT = re.compile(
    rf"(?P<joined>{_GROUP_NAME})[-‐ ](?:affiliated|linked|aligned)\b"
    rf"|(?P<owner>{_GROUP_NAME})['’]s\s+(?:[\w-]+\s+){{0,2}}?{_PART}\b"
    rf"|(?P<before>{_GROUP_NAME})\s+{_PART}\b"
    rf"|\b{_PART}\s+of\s+(?:the\s+)?(?P<after>{_GROUP_NAME})"
    rf"|\b(?:affiliated|linked|aligned)\s+(?:with|to)\s+(?:the\s+)?(?P<with>{_GROUP_NAME})"
)
_ARTICLE = re.compile(r"^(?:The|An?)\s+")
# ... and in a description typed in lower case, where no capital tells a name: the words
# before the cue, up to a link word, three at most; or, where none stands there, after "an
# affiliate of (the)", "affiliated with" ("the al-qaeda affiliate of the sahel": al-Qaeda).
_CUE = re.compile(
    rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?{_PART}\b"
    rf"|(?:[-‐ ](?:affiliated|linked|aligned)|\s+{_PART})\b(?P<of>\s+(?:of|with|to)\s+(?:the\s+)?)?"
)
_TYPED_WORD = re.compile(rf"{_JOINED_ARTICLE}[a-z]+")


def parents(about: str) -> list[str]:
    """The names of the groups a group's description says it is an affiliate, a branch or an
    offshoot of (``_PARENT``): "al-Qaeda" of "The al-Qaeda-affiliated Somali jihadist group",
    "Islamic State" of "Islamic State-affiliated militant group that held the Yarmouk basin";
    none where the description is no group's (``describes_group``). News names such a group by
    its parent and its place as often as by its own name ("al-Qaeda in Yemen", "IS-controlled
    territory in the Yarmouk Basin")."""
    if not describes_group(about):
        return []
    if about.islower():
        return _parents_in_lower_case(about)
    found: dict[str, None] = {}
    for written in _PARENT.finditer(about):
        name = _ARTICLE.sub("", next(g for g in written.groups() if g is not None))
        # (no group is named by everyday words alone: "State" of "islamic State-affiliated")
        if (
            name
            and not re.match(rf"(?i){_PART}\b", name)
            and not all(map(is_everyday, re.findall(r"[^\W\d_]+", name)))
        ):
            found[name] = None
    return list(found)


# The other names news gives the two parents most armed groups claim, which no reading of a
# description finds: the Islamic State's acronyms in English and Russian and its Arabic one
# (Daesh, "داعش" is met by its consonants). Not "IS" alone, a word in a headline in capitals.
# (al-Qaeda's other spellings, "al-Qaida", "Al Qaeda", are the aliases' consonants to meet.)
_PARENTS_OTHERWISE: dict[str, tuple[str, ...]] = {
    "islamic state": ("ISIS", "ISIL", "Daesh", "ИГИЛ"),
}


def parent_names(name: str) -> list[str]:
    """A parent group's name (``parents``) and the other names news gives it ("Islamic State":
    "ISIS", "ISIL", "Daesh")."""
    return [name, *_PARENTS_OTHERWISE.get(" ".join(name.lower().split()), ())]


def _parents_in_lower_case(about: str) -> list[str]:
    """``parents`` of a description typed in lower case ("islamic state-affiliated militant
    group"): the words next to the cue (``_CUE``), each read with a capital."""
    found: dict[str, None] = {}
    for cue in _CUE.finditer(about):
        words: list[str] = []
        at = cue.start()
        while len(words) < 3 and (word := _typed_word_before(about, at)) is not None:
            words.insert(0, word[0])
            at = word.start() - 1
            if at < 0 or about[at] != " ":
                break
        if all(map(is_everyday, words)):  # ("the armed wing of ...": no name before it)
            words = []
        if not words and cue["of"] is not None:
            at = cue.end()
            while len(words) < 3 and (word := _TYPED_WORD.match(about, at)) is not None:
                if word[0] in LINK_WORDS or word[0] in _NOUNS:
                    break
                words.append(word[0])
                at = word.end() + 1
                if not about.startswith(" ", word.end()):
                    break
        if not all(map(is_everyday, words)):
            found[" ".join(_with_capital(w) for w in words)] = None
    return list(found)


def _typed_word_before(about: str, end: int) -> re.Match[str] | None:
    """The word of ``about`` that ends at ``end``, where it is no link word nor a noun of a
    person or a group."""
    for word in _TYPED_WORD.finditer(about, max(0, end - 40), end):
        if word.end() == end and word[0] not in LINK_WORDS and word[0] not in _NOUNS:
            return word
    return None


def _with_capital(word: str) -> str:
    """A word typed in lower case as a name writes it: "al-Qaeda", "Islamic"."""
    article, _, rest = word.rpartition("-")
    return f"{article}-{rest.capitalize()}" if article else word.capitalize()


def surnames(names: Iterable[str], about: str, vocab: frozenset[str]) -> list[str]:
    """The surnames a person's topic is also met by: of each of its ``names`` (its name and
    aliases) that is a person's, those not already among them and that no word of the
    model's ``vocab`` meets (``met_by_vocabulary``); none where the description (``about``)
    is no person's."""
    names = list(names)
    if not describes_person(about, names):
        return []
    found = dict.fromkeys(s for n in names if (s := surname(n, vocab)) is not None)
    return [s for s in found if s not in names and not met_by_vocabulary(s, vocab)]


def met_by_vocabulary(name: str, vocab: frozenset[str]) -> bool:
    """Whether a word of the model's ``vocab`` that shares the skeleton of ``name``, written
    as a name, meets it: "Mohamud" (of Hassan Sheikh Mohamud) is met by "Mohammed" and
    "Muhammad", given names of thousands, as the alias search reads spellings; "Biden" is not
    met by "Baden", nor "Musk" by "Music"."""
    toks = tokens(name)
    alike = _vocabulary_by_key(vocab).get(toks[-1].key, ()) if toks else ()
    if not alike:
        return False
    text = " and ".join(w.capitalize() for w in alike)
    return bool(AliasIndex([(0, p) for p in compile_aliases([name])]).find(text))


@lru_cache(maxsize=2)
def _vocabulary_by_key(vocab: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The model's vocabulary by each word's skeleton (about 0.4 s for its 22,500 words, once
    per vocabulary, where a topic is a person's)."""
    out: dict[str, list[str]] = {}
    for word in vocab:
        for tok in tokens(word):
            out.setdefault(tok.key, []).append(word)
    return {k: tuple(sorted(ws)) for k, ws in out.items()}


def another_persons(
    body: str,
    toks: Sequence[Token],
    k: int,
    own: frozenset[str],
    names: frozenset[str],
    language: str | None = None,
) -> bool:
    """Whether token ``k``, a surname, is written after another person's given name: a word
    with a capital (opening a sentence, "Eduardo Bolsonaro said"; not a word of the model's
    vocabulary in a headline that capitalises every word: "Kremlin Foe Navalny Dies", nor,
    opening a sentence, a common word of the text's ``language``: French "Affaire Sonko",
    the Sonko affair), foreign to ``own`` (the keys of the topic's names and description),
    spelled otherwise than the person's own name words ``names`` (folded; ``spelled_like``:
    Turkish "Şeyh Hasina" is Sheikh Hasina), and no title, everyday word, people or acronym
    ("Maher al-Assad", "Eduardo Bolsonaro"; not "President Assad", "Russian Navalny", "RSF
    Dagalo")."""
    before = k - 1
    if before < 0:
        return False
    prev = toks[before]
    gap = body[prev.end : toks[k].start]
    written = body[prev.start : prev.end]
    opening = starts_sentence(body, prev.start)
    # A given name of two joined by a hyphen is another's where its first is: "Jean-Marie"
    # is not "Marine" (Jean-Marie Le Pen for Marine Le Pen), though "Marie" alone is spelled
    # much like it.
    first = toks[before - 1] if before >= 1 else None
    compound_other = (
        first is not None
        and body[first.end : prev.start] == "-"
        and body[first.start].isupper()
        and first.key not in own
        and not spelled_like(first.word, names)
    )
    return bool(
        gap.strip(" -‐") in ("", "al", "el", "Al", "El")
        and written[:1].isupper()
        and not (
            prev.common
            and not opening
            and not (language in NOUNS_CAPITALISED and _given_name_abroad(prev, written, language))
        )
        and not (opening and _common_word_there(prev, written, language))
        and not (language in NOUNS_CAPITALISED and prev.word.endswith(GERMAN_ROLE_ENDINGS))
        and prev.key not in own
        and _may_be_a_name(prev, written)
        and (compound_other or not spelled_like(prev.word, names))
    )


# A given name travels: English texts write "Ricardo", "Pierre" or "Juan" (Zipf 3.4 to 4.1),
# names of people from anywhere, and hardly another language's common nouns ("affaire" 2.2,
# "procès" 1.4, "gobierno" 1.9), though that language writes both as often.
NAME_ABROAD_ZIPF = 3.0
# ... and a rarer name there is still written there about as often as at home: "Willi" 2.7
# (German 4.0), "Ludovic" 2.2 (Romanian 4.1), where a common noun is far rarer there than at
# home ("affaire" 2.2, French 5.2; "caso" 2.4, Spanish 5.7; "Kapitän" 1.8, German 4.4).
NAME_ABROAD_MIN_ZIPF = 2.0
NAME_AT_HOME_GAP = 2.0  # Zipf at home less Zipf in English, at most
# German writes a role before a name as a noun, often a compound ("Regierungschef Orbán",
# "Kremlchef Putin", "Rechtspopulist Orbán", "Ministerpräsidentin"): a word ending in one, or
# in its feminine, is no given name. Folded, as a token's word is.
GERMAN_ROLE_ENDINGS = tuple(
    f"{role}{ending}"
    for role in (
        *("chef", "prasident", "minister", "kanzler", "fuhrer", "populist", "politiker"),
        *("sprecher", "kandidat", "vorsitzende", "vorsitzender", "kommandeur", "anwalt"),
        "trainer",
    )
    for ending in ("", "in")
)


def _common_word_there(tok: Token, written: str, language: str | None) -> bool:
    """Whether a word (``written`` so) is a common word of the text's ``language`` other
    than English (``common_in``) and no name that travels (``_name_that_travels``): French
    "Affaire" of "Affaire Sonko" (the Sonko affair), not Spanish "Ricardo" of "Ricardo
    Maduro", another Maduro, nor Romanian "Ludovic" of "Ludovic Orban", another Orbán."""
    return common_in(written.lower(), language) and not _name_that_travels(tok, written, language)


def _given_name_abroad(tok: Token, written: str, language: str) -> bool:
    """Whether a word that a ``language`` capitalising its nouns writes often (German
    "Willi") may yet be a given name: one that travels (``_name_that_travels``), no place
    ("Berlin")."""
    return (
        _name_that_travels(tok, written, language)
        and not is_place(written)
        and city(written) is None
    )


def _name_that_travels(tok: Token, written: str, language: str | None) -> bool:
    """Whether a word of a text in ``language`` (``written`` so) is written in English about
    as often as a given name is: often (``NAME_ABROAD_ZIPF``), or not seldom and not much
    less often than in that language (``NAME_AT_HOME_GAP``): German "Willi", Romanian
    "Ludovic"."""
    abroad = zipf_frequency(tok.word, "en")
    if abroad >= NAME_ABROAD_ZIPF:
        return True
    at_home = zipf_frequency(written.lower(), language) if language else 0.0
    return abroad >= NAME_ABROAD_MIN_ZIPF and at_home - abroad <= NAME_AT_HOME_GAP


def _may_be_a_name(tok: Token, written: str) -> bool:
    """Whether a word (``written`` so) may be a word of a person's name: no title, everyday
    word, people or acronym."""
    return (
        tok.word not in TITLES
        and not is_everyday(tok.word)
        and country_of_people(tok.word) is None
        and not is_acronym(written)
    )


def titled_others(body: str, headline: Sequence[Token]) -> list[tuple[str, str]]:
    """The persons a headline (its tokens, ``headline``) names by a title or a role before a
    name: the name (folded) and the title with it as written ("oli", "Minister Oli" of
    "Nepal's Prime Minister Oli to Resign"; "goita", "leader Goita" of "Mali confirms
    five-year term for junta leader Goita"). A name is a capitalised word of two letters or
    more that the model does not know as a common word there (a word a title-case headline
    capitalises, "Leader Says"; ``_may_be_a_name``)."""
    return [
        (b.word, body[a.start : b.end])
        for a, b in zip(headline, headline[1:], strict=False)
        if a.word in TITLES
        and body[a.end : b.start] == " "
        and body[b.start].isupper()
        and len(b.word) > 1
        and not b.common
        and _may_be_a_name(b, body[b.start : b.end])
    ]


class NamedInFull(NamedTuple):
    words: tuple[str, str]  # folded
    keys: frozenset[str]
    written: str


def named_others(
    body: str,
    headline: Sequence[Token],
    language: str | None,
    text: Sequence[Token] = (),
) -> list[NamedInFull]:
    """The persons a headline (its tokens, ``headline``) may name in full: two capitalised
    words in a row, each of which may be a word of a person's name ("Ahmet Özer, Istanbul's
    district mayor, detained", "Murió Khaleda Zia, ex primera ministra", "Муджибур Рахман").
    Not a word whose capital says nothing (one of the model's vocabulary written so, one in a
    headline in title case, a German noun: ``Token.common``, ``Token.no_capital``), but for
    the headline's first word, which the checks that follow decide ("Ahmet"); not a word in
    capitals throughout, as a headline in capitals writes every word ("ÖZER DETAINED"); not a
    common word of the text's language ("Corte Suprema", "Murió"; but two words where the
    text writes the second alone as a name: "François Bayrou", then "mais Bayrou préfère";
    "Álvaro Uribe", then "el expresidente Uribe"), a word with a digit, a
    title, everyday word, people or acronym (``_may_be_a_name``), nor a place: a country's or
    a city's name, or the two words one ("Addis Abeba", "Las Vegas"). Of a headline in title
    case, the two words that the text after it (its tokens, ``text``) writes as such a name."""

    def may_be(tok: Token, given: bool = False) -> bool:
        written = body[tok.start : tok.end]
        return (
            written[:1].isupper()
            and not written.isupper()
            and len(tok.word) > 1
            and tok.word.isalpha()
            and (given or not (tok.common or tok.lowercase))
            and (not tok.no_capital or tok is headline[0])
            and (given or not common_in(written.lower(), language))
            and _may_be_a_name(tok, written)
            and not is_place(tok.word)
            and city(written) is None
        )

    def a_name(a: Token, b: Token, given: bool = False) -> bool:
        return (
            body[a.end : b.start] == " "
            and may_be(a, given)
            and may_be(b, given)
            and not is_place(f"{a.word} {b.word}")
            and city(body[a.start : b.end]) is None
        )

    # A given name that the text's language or the model writes as often as a word
    # ("Álvaro", "François") is one before a word that the text then writes alone as a name,
    # capitalised after a word in lower case, inside a sentence ("François Bayrou déçoit
    # ...", then "... mais Bayrou préfère"): a surname, as news names a person after naming
    # them in full; so is such a surname ("Álvaro Uribe", then "el expresidente Uribe").
    # (The text is read for such words only where a pair needs them.)
    alone: set[str] | None = None
    pairs = []
    for a, b in zip(headline, headline[1:], strict=False):
        if a_name(a, b):
            pairs.append((a, b))
        elif a_name(a, b, given=True):
            if alone is None:
                alone = {
                    tok.word
                    for prev, tok in zip(text, text[1:], strict=False)
                    if body[tok.start].isupper()
                    and body[prev.start].islower()
                    and not _SENTENCE_END.search(body[prev.end : tok.start])
                }
            if b.word in alone:
                pairs.append((a, b))
    # A headline in title case capitalises every word: two of its words are a name where the
    # text writes them so, as only a name is written ("Irfaan Ali Secures Second Term as
    # President of Guyana", then "President Irfaan Ali has ...").
    if not pairs and text and headline and title_case(body[headline[0].start : headline[-1].end]):
        asked = {
            (a.word, b.word): (a, b)
            for a, b in zip(headline, headline[1:], strict=False)
            if body[a.end : b.start] == " "
        }
        pairs = [
            asked[a.word, b.word]
            for a, b in zip(text, text[1:], strict=False)
            if (a.word, b.word) in asked and a_name(a, b)
        ]
    return [
        NamedInFull((a.word, b.word), frozenset((a.key, b.key)), body[a.start : b.end])
        for a, b in dict.fromkeys(pairs)
    ]


# What ends a sentence between two words: a stop, a line break.
_SENTENCE_END = re.compile(r"[.!?:;\n]")


def spelled_like(word: str, names: frozenset[str]) -> bool:
    """Whether a folded word is one of the folded ``names`` as another language spells it:
    as alike as ``SAME_NAME_LIKENESS`` letter for letter ("sheyh", Turkish, and "cheikh",
    French, for "sheikh"; "evgueni", French, for "yevgeny"; not German "jewgeni", 0.57),
    where keys differ; "maher" is no "bashar", "ricardo" no "nicolas"."""
    return any(SequenceMatcher(None, word, name).ratio() >= SAME_NAME_LIKENESS for name in names)
