"""Another thing of a watched place's kind: a story of the Oskol reservoir that names the Kakhovka
dam once, as the disaster it recalls, is a story of another reservoir. A topic whose names end in a
kind of place or work ("Kakhovka dam", "Kakhovka HPP", "Yarmouk Valley", "Strait of Hormuz") is met
by a text whose headline names another of that kind ("Eight Russian missiles hit Dnipro HPP",
"Russian forces strike Pechenihy Reservoir dam"; or by its name alone, where the text writes it so:
"Oskol: ... Ukraine lost another large reservoir" of a text naming "the Oskol reservoir") and none
of the topic's names, or whose lead names one where the text writes none of the topic's names ("The
Kakhovka dam on the Dnipro river was blown up" for the Dnipro hydroelectric station:
``headline_other``): the matcher's ``other_of_kind``. Not every text that names another of the kind:
a story of the Hindon airport that names the Delhi airport it relieves is still the Hindon
airport's.

A kind is named by a capitalised name just before its word ("Pechenihy Reservoir", "Dnipro
HPP"), or before a word for its sort and its word ("Koysha hydropower dam", which a story of
that dam names in its headline and that compares it with Ethiopia's Renaissance dam: 0.99 for
the Renaissance dam before; ``_WORK_MODIFIERS``), or, for a kind of place English also writes
first, just after it ("Gulf of Aden"). A
name that is only a people's ("Ukrainian dam", "Syrian camp"), or a word that only a sentence
or a headline capitalises ("The reservoir", "Russian Forces Destroyed Dam"), names no other
one. Kinds are the English words of physical places and works; not a group's ("Brigade",
"Front": a story of one group names its allies and rivals), nor an administrative region's (a
story of one province names its neighbours), nor an event's (a story of one offensive recalls
others)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from monitor.match.aliases import (
    GEOGRAPHIC_KINDS,
    PLANTS,
    STORMS_ELSEWHERE,
    AliasHit,
    Token,
    country_of_people,
    inflected,
    kind_last_forms,
    tokens,
)

# Kinds that one thing is often called by several of: a dam, the reservoir it makes and the
# hydroelectric plant it holds ("Kakhovka dam", "Kakhovka Reservoir", "Kakhovka HPP").
_KIND_GROUPS: dict[str, str] = {"reservoir": "dam", "HPP": "dam", "HPS": "dam", "HES": "dam"}
# Kinds whose others a topic of one kind also counts: a nuclear or a thermal plant's story is
# not one of a hydroelectric plant ("Eight Russian missiles hit Dnipro HPP" for the
# Zaporizhzhia nuclear plant), but a dam's may well be of the nuclear plant it cools ("IAEA:
# Dam disaster is 'major difficulty' for Zaporizhzhya nuclear plant" is the Kakhovka dam's).
_OTHER_PLANTS: dict[str, frozenset[str]] = {
    "NPP": frozenset({"dam", "TPP"}),
    "TPP": frozenset({"dam", "NPP"}),
}
_KIND_WORDS = frozenset(
    {
        *("dam", "reservoir", "valley", "basin", "camp", "strait", "gulf", "bay", "sea"),
        *("island", "lake", "port", "peninsula", "canal", "heights", "corridor", "pipeline"),
        *("bridge", "airport", "airbase", "prison", "hospital", "mine", "plateau", "oasis"),
        *("refinery", "terminal", "crossing", "desert", "mountains", "glacier", "harbour"),
        "harbor",
    }
)
# The words of a kind of plant and its acronym ("hydroelectric power plant": HPP); HPS and HES
# are other transliterations of the hydroelectric plant ("Dnipro HES", after Ukrainian ГЕС).
_PHRASES: dict[tuple[str, ...], str] = {
    **{tuple(phrase.split()): acronym for acronym, phrases in PLANTS.items() for phrase in phrases},
    **{(acronym.lower(),): acronym for acronym in (*PLANTS, "HPS", "HES")},
    **{(word,): word for word in _KIND_WORDS},
}
_ACRONYMS = frozenset((*PLANTS, "HPS", "HES"))
_LONGEST = max(map(len, _PHRASES))
# Words after a work's name that name that work itself, not another thing of its name: "the
# Three Gorges Project" is the Three Gorges Dam (0.13 before, read like "Yarmouk University"),
# "the Nord Stream 2 project" the pipeline; "China Three Gorges Corp" stays a company's name.
SAME_WORK_WORDS = frozenset({"project", "projects", "scheme"})
# Words in lower case that may stand between a thing's name and its kind, saying what sort of
# that kind it is: "Koysha hydropower dam", "Zaatari refugee camp", "Kerem Shalom border
# crossing".
_WORK_MODIFIERS = frozenset(
    {
        *("hydropower", "hydroelectric", "hydro", "irrigation", "refugee", "displacement"),
        *("border", "rail", "railway", "road", "suspension", "container", "oil", "gas"),
    }
)
_NAME_WORDS = 3  # a name before its kind is this many words at most
_BETWEEN = frozenset({" ", "-", "\u00a0"})
_ARTICLES = frozenset({"the", "a", "an"})
# (an article joined inside a name, "Bab el-Mandeb", "Ain al-Hilweh", is of it)
_JOINED_ARTICLE = re.compile(r"[ \u00a0-](?:al|el|ad|an|ar|as|ash|at|az|ul)-", re.IGNORECASE)


def own_name_keys(names: Iterable[str], vocab: frozenset[str]) -> frozenset[str]:
    """The keys of the words that make a topic's names its own: a mention or a headline that
    writes one names the topic ("Nova Kakhovka dam" for the Kakhovka dam). Not a kind's, nor
    an everyday word where a name has other words ("River" of "Yarmouk River basin": the
    "Jordan River" is another)."""
    kind_words = {w for phrase in _PHRASES for w in phrase}
    out: set[str] = set()
    for name in names:
        words = [t for t in tokens(name) if t.word not in kind_words and name[t.start].isupper()]
        rare = [t for t in words if t.word not in vocab]
        out.update(key for t in rare or words for key in (t.key, *t.forms))
    return frozenset(out)


def described_keys(about: str, kinds: frozenset[str], vocab: frozenset[str]) -> frozenset[str]:
    """The keys of the names of the others of ``kinds`` that a topic's description names: what
    it covers besides the topic's own ("aid through the Kerem Shalom crossing" for a topic of
    the Rafah crossing)."""
    toks = inflected(about, tokens(about), vocab, "en")
    return frozenset(key for m in mentions(about, toks, kinds) for key in m.name_keys)


def kind_group(kind: str) -> str:
    return _KIND_GROUPS.get(kind, kind)


_ALL_KINDS = frozenset(map(kind_group, _PHRASES.values()))


def kinds_of(names: Iterable[str]) -> frozenset[str]:
    """The kinds (by group) that a topic's names end in: "Kakhovka dam", "Kakhovka HPP" and
    "Kakhovka Reservoir" are of the dam's; "Strait of Hormuz" of the strait's."""
    out: set[str] = set()
    for name in (f for n in names for f in (n, *kind_last_forms(n))):
        words = name.split()
        for n in range(min(_LONGEST, len(words) - 1), 0, -1):
            tail = tuple(w.lower() for w in words[-n:])
            kind = _PHRASES.get(tail)
            if kind is not None and (kind not in _ACRONYMS or n > 1 or words[-1].isupper()):
                out.add(kind_group(kind))
                break
    return frozenset(out)


def foreign_kinds(names: Iterable[str], about: str) -> frozenset[str]:
    """The kinds (by group) a topic is not of: none of its names ends in one, and its
    description writes none of their words. A word of the topic's name that a text writes
    only before such a kind names another thing ("Kakhovka dam", "Kakhovka reservoir" for the
    town of Nova Kakhovka; "Yarmouk camp" for the Yarmouk Valley)."""
    # (a kind a name ends in, ``kinds_of``, is one whose words that name writes)
    written = {t.word for t in tokens(" ".join((*names, about)))}
    return _ALL_KINDS - {
        kind_group(kind) for phrase, kind in _PHRASES.items() if not written.isdisjoint(phrase)
    }


def kinds_counted(kinds: frozenset[str]) -> frozenset[str]:
    """The kinds whose others count against a topic of ``kinds`` (``_OTHER_PLANTS``)."""
    return kinds.union(*(_OTHER_PLANTS.get(k, ()) for k in kinds))


@dataclass(frozen=True, slots=True)
class KindMention:
    kind: str  # its group
    start: int  # the name's span in the text ...
    end: int  # ... and the kind's end
    name_keys: frozenset[str]  # the name's keys
    written: str  # the name and its kind as the text writes them


def mentions(body: str, toks: Sequence[Token], kinds: frozenset[str]) -> list[KindMention]:
    """The things of ``kinds`` that ``body`` names by a name of their own, each mention."""
    out: list[KindMention] = []
    used_to = -1  # a name's tokens are not read again as another's kind
    for k, tok in enumerate(toks):
        if tok.start < used_to:
            continue
        found = _kind_at(body, toks, k)
        if found is None or kind_group(found[0]) not in kinds:
            continue
        kind, after = found
        name = [t for t in _name_before(body, toks, k) if t.start >= used_to]
        if (
            not name
            and k > 0
            and toks[k - 1].word in _WORK_MODIFIERS
            and body[toks[k - 1].end : tok.start] in _BETWEEN
        ):
            name = [t for t in _name_before(body, toks, k - 1) if t.start >= used_to]
        if name:
            start, end = name[0].start, toks[after - 1].end
        else:
            name = _name_after(body, toks, k, after) if kind in GEOGRAPHIC_KINDS else []
            if not name:
                continue
            start, end = tok.start, name[-1].end
        if all(country_of_people(t.word) is not None for t in name):
            continue  # a people's dam: no name of its own
        keys = frozenset(key for t in name for key in (t.key, *t.forms))
        out.append(KindMention(kind_group(kind), start, end, keys, body[start:end]))
        used_to = end
    return out


@dataclass(frozen=True, slots=True)
class Headline:
    end: int  # where the title ends in the text
    # where each word it writes as a name (not ``Token.common``) starts, its keys, and, for
    # one written in the possessive ("Zaporizhzhia's"), where the word after it starts (-1)
    words: tuple[tuple[int, frozenset[str], int], ...]


def headline_of(title: Sequence[Token]) -> Headline:
    """The headline of a text whose title's tokens are ``title``: read once for every topic."""
    return Headline(
        title[-1].end if title else 0,
        tuple(
            (tok.start, frozenset((tok.key, *tok.forms)), _possessed(title, k))
            for k, tok in enumerate(title)
            if not tok.common
        ),
    )


def _possessed(title: Sequence[Token], k: int) -> int:
    """Where the word that token ``k`` owns starts, written "k's word" (the apostrophe between
    is the tokens' gap), or -1."""
    if k + 2 < len(title) and title[k + 1].word == "s" and title[k + 1].start == title[k].end + 1:
        return title[k + 2].start
    return -1


def headline_other(
    found: Sequence[KindMention],
    kinds: frozenset[str],
    hits: Sequence[AliasHit],
    own_keys: frozenset[str],
    headline: Headline,
    own_kinds: frozenset[str] = frozenset(),
    described: frozenset[str] = frozenset(),
    lead_end: int = 0,
) -> list[str]:
    """The others of a topic's kinds the text names, as written, where its headline names one
    of them and none of the topic's names, or where the text writes none of the topic's names
    (``hits``) and its lead (up to ``lead_end``) names one; else none. A thing of a kind the
    topic counts but is not of (``own_kinds``: a thermal plant for a nuclear plant's topic) is
    another by the topic's name too, unless its description names it (``described``:
    ``described_keys``): "Zaporizhzhia thermal power plant" for the Zaporizhzhia nuclear
    plant, whose name the headline then writes only inside the other's."""
    title_end = headline.end
    if any(h.start < title_end for h in hits):
        return []
    others = [
        m
        for m in found
        if m.kind in kinds
        and (
            m.name_keys.isdisjoint(own_keys)
            or (own_kinds and m.kind not in own_kinds and m.name_keys.isdisjoint(described))
        )
        and not any(h.start < m.end and m.start < h.end for h in hits)
    ]
    # A name the headline writes as the owner of another of the kind is that one's place, not
    # the topic's name: "Zaporizhzhia's Dnipro Hydroelectric Power Plant" (0.86 for the
    # Zaporizhzhia nuclear plant before).
    named = frozenset().union(
        *(
            keys
            for start, keys, owned in headline.words
            if not any(m.start <= start < m.end or m.start == owned for m in others)
        )
    )
    if not named.isdisjoint(own_keys):
        return []
    if not any(
        m.start < title_end
        or not m.name_keys.isdisjoint(named)
        or (not hits and m.start < lead_end)
        for m in others
    ):
        return []
    return list(dict.fromkeys(m.written for m in others))


def _kind_at(body: str, toks: Sequence[Token], k: int) -> tuple[str, int] | None:
    """The kind whose words open at token ``k`` and the token after them."""
    for n in range(min(_LONGEST, len(toks) - k), 0, -1):
        kind = _PHRASES.get(tuple(t.word for t in toks[k : k + n]))
        if kind is None or not _joined(body, toks[k : k + n]):
            continue
        if kind in _ACRONYMS and n == 1 and not body[toks[k].start : toks[k].end].isupper():
            continue
        return kind, k + n
    return None


def _adjoining(gap: str) -> bool:
    return gap in _BETWEEN or _JOINED_ARTICLE.fullmatch(gap) is not None


def _joined(body: str, run: Sequence[Token]) -> bool:
    return all(body[a.end : b.start] in _BETWEEN for a, b in zip(run, run[1:], strict=False))


def _is_name_word(body: str, tok: Token) -> bool:
    return body[tok.start].isupper() and not tok.common and tok.word not in _ARTICLES


def _name_before(body: str, toks: Sequence[Token], k: int) -> list[Token]:
    name: list[Token] = []
    j = k - 1
    while j >= 0 and len(name) < _NAME_WORDS:
        tok = toks[j]
        if not _is_name_word(body, tok) or not _adjoining(body[tok.end : toks[j + 1].start]):
            break
        name.insert(0, tok)
        j -= 1
    return name


def _name_after(body: str, toks: Sequence[Token], k: int, after: int) -> list[Token]:
    """ "Gulf of Aden": the name after the kind and "of" (and an article)."""
    if after >= len(toks) or toks[after].word != "of":
        return []
    j = after + 1
    if j < len(toks) and toks[j].word in _ARTICLES:
        j += 1
    name: list[Token] = []
    while j < len(toks) and len(name) < _NAME_WORDS and _is_name_word(body, toks[j]):
        if name and not _adjoining(body[name[-1].end : toks[j].start]):
            break
        name.append(toks[j])
        j += 1
    return name


# A storm's words, which news writes before its name ("Cyclone Freddy", "Tropical Storm Ana",
# "Hurricane Otis"), in English and as the languages the multilingual model reads write them
# ("la tempête tropicale Ana", "il ciclone Batsirai", "Ciclone Gombe", "циклон Фредди"). A
# storm's news names the storm, and a story of another storm recalls earlier ones: for a topic
# of a storm, a headline that names another and none of the topic's names is that storm's
# story (on four sets of real texts, 6 headlines named another storm, none wanted; 5 named the
# watched one). Not Arabic: its script writes no capital to tell a name.
_STORMS_WRITTEN = (
    "cyclone hurricane typhoon storm tropical",  # English
    "tropicale тропический тропічний",  # French and Italian, Russian, Ukrainian
    *(
        word
        for languages in STORMS_ELSEWHERE.values()
        for language, words in languages.items()
        if language != "ar"
        for word in words
    ),
)
# (as tokens read them: folded, transliterated, "tempete", "tsiklon")
_STORM_WORDS = frozenset(tok.word for line in _STORMS_WRITTEN for tok in tokens(line))
# Words after a storm's word that name no storm but a body or a thing of storms ("the National
# Hurricane Center", "the Storm Prediction Center", "Hurricane Season", "Hurricane Hunters"),
# and the missile "Storm Shadow": a headline of a storm's news names them as often as the storm.
_NO_STORM_NAMES = frozenset(
    {
        *("center", "centre", "service", "agency", "prediction", "season", "seasons"),
        *("warning", "warnings", "watch", "watches", "hunter", "hunters", "tracker"),
        *("shadow", "shadows"),
    }
)


@dataclass(frozen=True, slots=True)
class StormMention:
    start: int  # the storm word's start in the text ...
    end: int  # ... and its name's end
    name: tuple[str, str]  # the name's key and its word, folded
    written: str  # the storm word and its name as the text writes them


def is_storm_word(word: str) -> bool:
    """Whether ``word`` (folded) is a word for a storm ("hurricane", "ouragan", "tormenta")."""
    return word in _STORM_WORDS


def storm_names(names: Iterable[str]) -> frozenset[tuple[str, str]]:
    """The names (key, folded word) of the storms a topic's names are ("Cyclone Freddy":
    Freddy's); none for a topic of no storm."""
    return frozenset(m.name for name in names for m in storms_named(name, tokens(name)))


def storms_named(
    body: str, toks: Sequence[Token], elsewhere: Sequence[Token] = (), lower_case: bool = False
) -> list[StormMention]:
    """The storms ``body`` names by a storm's word and a name after it, each mention: the name
    a word written as a name (not ``Token.common``: "Cyclone Relief Efforts" names none), or
    one that ``elsewhere`` (more of the body's tokens) names so, whose capital there tells a
    name where a headline in title case tells none: storms bear given names the model knows
    ("Hurricane John Devastates Mexico's Pacific Coast", of a text that goes on "Tropical
    Storm John made its second landfall"); in a headline written all in lower case
    (``lower_case``: a page's address, "le-cyclone-dikeledi-arrive-sur-madagascar"), which
    capitalises nothing, only such a one. ``elsewhere`` is read only for such a name."""
    out: list[StormMention] = []
    named: frozenset[tuple[str, str]] | None = None
    for word, name in zip(toks, toks[1:], strict=False):
        if (
            word.word in _STORM_WORDS
            and body[word.end : name.start] in _BETWEEN
            and (lower_case or (body[name.start].isupper() and not name.no_capital))
            and not name.lowercase
            and name.word not in _STORM_WORDS
            and name.word not in _NO_STORM_NAMES
        ):
            if name.common or lower_case:
                if named is None:
                    named = frozenset(m.name for m in storms_named(body, elsewhere))
                if (name.key, name.word) not in named:
                    continue
            written = body[word.start : name.end]
            out.append(StormMention(word.start, name.end, (name.key, name.word), written))
    return out


def _same_name(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two storms' names are one, however transliterated ("Фредди" freddi, Freddy):
    one skeleton and about one length ("Fred" is another storm: Tropical Storm Fred, 2021)."""
    return a[0] == b[0] and abs(len(a[1]) - len(b[1])) <= 1


def other_storms(
    found: Sequence[StormMention],
    own: frozenset[tuple[str, str]],
    hits: Sequence[AliasHit],
    title_end: int,
) -> list[str]:
    """The other storms a headline (up to ``title_end``) names, as written, where it names
    none of the topic's names (``hits``, the storm's ``own`` names); else none."""
    headline = [m for m in found if m.start < title_end]
    if any(h.start < title_end for h in hits) or any(
        _same_name(m.name, name) for m in headline for name in own
    ):
        return []
    return list(dict.fromkeys(m.written for m in headline))
