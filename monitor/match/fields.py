"""Another field's story, read from the words of its headline and lead: sport's, or the
screen's, music's and books'.

A watched place, group or person shares its name with clubs, players and stadiums ("FC
Kramatorsk", "Shabab Al Ahli", "Akhmat Grozny", the Alassane Ouattara Stadium), and with
films, actors and novels ("Khartoum", Charlton Heston's film; the actor Robert Wagner; "Mosul",
a film of the city's battle), and such a story writes that name as often as a story of the
topic would, and as close to its start. Its words tell it apart: a story whose headline and
lead write a word only its field uses ("football", "striker"; "film", "actress") and two more
of the field's words ("club", "league", "season"; three more for the screen: "director",
"premiere", "role") is that field's, and no news of a topic whose description speaks of no
such thing (``monitor.match.matcher``).

Measured on the texts of twenty sets of real texts gathered and labeled for 80 topics
(2026-12-07), none of them wanted for any topic: sport, 35 texts read so (24 in English), 6 of
them had been sent (a fan's preview of Akhmat Grozny's game and a German encyclopaedia's
Achmat Grosny for Ramzan Kadyrov, an encyclopaedia's FC Kramatorsk, an African Champions
League story of Khartoum's Al-Hilal, a Russian story of Mariupol's clubs expelled from the
league, Guadalajara's World Cup games for the Jalisco cartel); the screen, music and books, 8
texts (5 in English), 3 of them sent (a page of the film "Mosul", a review of "Khartoum", a
French story of the musical "Notre-Dame de Paris"). They had scored 0.50 to 1.00; lowered,
0.20 to 0.40. A wanted story that such a field brushes against writes fewer of its words
("Kadyrov gifts Mercedes-Maybach to UFC champion": one only sport uses, one more). Of those
texts' languages, Arabic and Turkish came later: their words read 4 more texts as sport's
(Arabic and Turkish stories of clubs and cups), none wanted or sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

# Per field, the words only it uses (``_ONLY_SPORT``) and those it uses among others
# (``_SPORT``), per language the matcher reads, comma-separated; a word that ends in "*" is a
# stem (the languages that inflect: "футбола", "Fußballverein"); the forms of one word are one
# entry, written "club/clubs", and count once. Among sport's other words, not its own: a
# league ("Arab League", "National League for Democracy", "Liga Árabe") and a stadium (where
# a storm's evacuees shelter). Left out: words that mean something else as often ("partido",
# a party; the French "but", a goal and an aim; "novel" and "musical", adjectives too; an
# actor, a state's too: "non-state actors"; "critique", "Preis", "público": criticism, a
# price, the public; the Russian "премьер", a premiere and a prime minister).
_ONLY_SPORT: dict[str, str] = {
    "en": "football, footballer*, soccer, premier league, champions league, striker*, "
    "midfielder*, goalkeeper*, championship*, uefa, fifa, fc, basketball, nba, tennis, "
    "olympic*, playoff*, tournament*, referee*, kick-off, cricket*, rugby, athletics",
    "fr": "football*, championnat*, buteur*, attaquant*, gardien de but, uefa, fifa, fc, "
    "basket*, tennis*, olympique*, tournoi*, arbitre*, rugby",
    "es": "fútbol/futbol*, delantero*, centrocampista*, portero*, campeonato*, uefa, fifa, "
    "fc, baloncesto, tenis*, olímpic*, torneo*, árbitro*, rugby",
    "pt": "futebol*, atacante*, avançado*, goleiro*, guarda-redes, campeonato*, uefa, fifa, "
    "fc, basquete*, tênis/ténis, olímpic*, torneio*, árbitro*, rugby",
    "de": "fußball*/fussball*, bundesliga*, stürmer*, torwart*, meisterschaft*, uefa, fifa, "
    "fc, basketball*, tennis*, olympi*, turnier*, schiedsrichter*, rugby",
    "it": "calcio, calciator*, campionato*, attaccante*, portiere*, uefa, fifa, fc, basket*, "
    "tennis*, olimpi*, torneo*, arbitr*, rugby",
    "ru": "футбол*, чемпионат*, нападающ*, вратар*, уефа, фифа, фк, баскетбол*, теннис*, "
    "олимпийск*, турнир*, арбитр*, регби",
    "uk": "футбол*, чемпіонат*, нападник*, воротар*, уєфа, фіфа, фк, баскетбол*, теніс*, "
    "олімпійськ*, турнір*, арбітр*, регбі",
    "ar": "كرة القدم, كرة السلة, كرة اليد, تنس, فيفا, يويفا, حارس المرمى, ركلة جزاء, "
    "أولمبي*/اولمبي*, هداف*, دوري أبطال, الدوري الممتاز",
    "tr": "futbol*, basketbol*, voleybol*, süper lig*, şampiyonlar ligi*, teknik direktör*, "
    "hakem*, uefa, fifa, fc, olimpiyat*, tenis*, kaleci*, forvet*",
}
_SPORT: dict[str, str] = {
    "en": "league*, stadium*, club/clubs, match/matches, goal/goals, coach, season, cup, "
    "player/players, team/teams, squad, final, game/games, medal/medals, "
    "athlete/athletes, champion/champions, fixture/fixtures, scored, fans",
    "fr": "ligue*, stade/stades, club/clubs, match/matchs, entraîneur*, saison, coupe, "
    "joueur*, équipe*, finale, victoire, supporters, champion*, médaille*",
    "es": "liga*, estadio*, club/clubes, gol/goles, entrenador*, temporada, copa, jugador*, "
    "equipo*, final, afición, campeón/campeones, medalla*, selección",
    "pt": "liga*, estádio*, clube*, partida*, jogo/jogos, gol/gols/golo*, treinador*, "
    "temporada, taça, copa, jogador*, equipe*/equipa*, final, torcida*, campeão/campeões, "
    "medalha*, seleção",
    "de": "liga*, stadion*, verein*, klub*, club, spiel/spiele/spiels, tor/tore, trainer*, "
    "saison, pokal*, spieler*, mannschaft*, team, finale, fans, meister, medaille*",
    "it": "lega, stadio*, club, squadra/squadre, partita/partite, gol, allenator*, stagione, "
    "coppa, giocator*, finale, tifosi, campion*, medaglia*",
    "ru": "лиг*, стадион*, клуб*, матч*, гол/голы/голов, тренер*, сезон*, кубок*/кубка, "
    "игрок*, команд*, финал*, болельщик*, чемпион*, медал*",
    "uk": "ліг*/лізі, стадіон*, клуб*, матч*, гол/голи/голів, тренер*, сезон*, кубок*/кубка, "
    "гравц*/гравець, команд*, фінал*, уболівальник*, чемпіон*, медал*",
    "ar": "مباراة/مباراه/مباريات, دوري, منتخب*, هدف/أهداف/اهداف, لاعب*, نادي/أندية/اندية, "
    "مدرب*, بطولة/بطوله, كأس/كاس, "
    "موسم, جماهير, ملعب*, فريق",
    "tr": "lig*, maç*, gol/golü/goller*, stadyum*, kulüp*/kulüb*, oyuncu*, şampiyon*, kupa*, "
    "sezon*, takım*, taraftar*, turnuva*",
}
_ONLY_SCREEN: dict[str, str] = {
    "en": "film/films, movie*, starring, actress*, box office, screenplay*, "
    "screenwriter*, filmmaker*, cinema*, sequel*, blockbuster*, album*, singer*, songwriter*, "
    "gameplay, video game*, novels, novelist*, sitcom*, tv series, netflix, hollywood, oscar*",
    "fr": "film/films, cinéma*, actrice*, cinéaste*, comédie musicale, romancier*, "
    "chanteur*, chanteuse*, album*, série télévisée, netflix, hollywood, oscar*",
    "es": "película*, cine, actriz, cineasta*, taquilla, novelista*, "
    "cantante*, álbum*, telenovela*, netflix, hollywood, óscar*",
    "pt": "filme/filmes, cinema*, atriz, cineasta*, bilheteria*, romancista*, "
    "cantor/cantora, álbum*, telenovela*, netflix, hollywood, óscar*/oscar*",
    "de": "film/filme/films, kinofilm*, schauspieler*, regisseur*, drehbuch*, romanautor*, "
    "sänger*, album*, fernsehserie*, netflix, hollywood, oscar*",
    "it": "film, cinema*, attrice*, regista*, romanziere*, cantante*, album*, "
    "serie tv, netflix, hollywood, oscar*",
    "ru": "фильм*, кинофильм*, актёр*/актер*, актрис*, режиссёр*/режиссер*, певец, певиц*, "
    "альбом*, сериал*, голливуд*, оскар*",
    "uk": "фільм*, акторк*, актрис*, режисер*, співак*, співачк*, альбом*, серіал*, "
    "голлівуд*, оскар*",
    "ar": "فيلم/أفلام/افلام, سينما*/سينمائي*, مسلسل*, هوليوود, أوسكار/اوسكار, نتفليكس, "
    "مغني*/مطرب*, ألبوم*/البوم*",
    "tr": "film*, sinema*, aktris*, yönetmen*, şarkıcı*, albüm*, hollywood, oscar*, netflix",
}
_SCREEN: dict[str, str] = {
    "en": "director, directed, premiere*, cast, role/roles, plot, scene/scenes, "
    "audience*, review, trailer, episode*, song/songs, music, character*, documentary, "
    "festival, award*, fans, book/books, author",
    "fr": "acteur*, réalisateur*, réalisé, rôle*, scène*, bande-annonce, épisode*, saison, "
    "chanson*, musique, personnage*, documentaire, festival, roman, livre, auteur, héros",
    "es": "actor/actores, director, dirigida/dirigido, estreno*, reparto, papel/papeles, "
    "escena*, tráiler, episodio*, temporada, canción/canciones, música, "
    "personaje*, documental, festival, premio*, novela, libro, autor, héroe",
    "pt": "ator/atores, diretor, dirigido, estreia*, elenco, papel/papéis, cena*, trailer, "
    " episódio*, temporada, canção/canções, música, personage*, "
    "documentário, festival, prêmio*/prémio*, romance, livro, autor, herói",
    "de": "premiere*, besetzung, rolle*, szene*, publikum, trailer, episode*, staffel*, lied*, "
    "song*, musik, dokumentarfilm*, festival*, roman*, buch, autor*, held*",
    "it": "attore/attori, diretto, cast, ruolo/ruoli, scena*, recensione*, trailer, "
    "episodi*, stagione, canzon*, musica, personagg*, documentario, festival, premio*, "
    "romanzo, libro, autore, eroe",
    "ru": "рол*, сцен*, зрител*, рецензи*, трейлер*, эпизод*, сезон*, песн*, музык*, "
    "персонаж*, документальн*, фестивал*, премия/премии/премию, книг*, автор*, геро*",
    "uk": "актор*, рол*, сцен*, глядач*, рецензі*, трейлер*, епізод*, сезон*, пісн*, музик*, "
    "персонаж*, документальн*, фестивал*, премія/премії/премію, книг*, автор*, геро*",
    "ar": "مخرج*, ممثل*, مشهد/مشاهد, دور, مهرجان*, جائزة/جائزه/جوائز, رواية/روايه, كتاب, "
    "موسيقى, أغنية/أغاني/اغنية/اغاني, عرض",
    "tr": "oyuncu*, dizi*, rol*, sahne*, seyirci*, fragman*, bölüm*, şarkı*, müzik*, "
    "festival*, ödül*, roman*, kitap*, yazar*",
}
# The fields, as the evidence and the reason name them.
SPORT, SCREEN = "sport", "film, music and books"
FIELDS = (SPORT, SCREEN)
# Per field, its words, and how many distinct ones, one of them only its own, make a text its
# story: a film, a song or a book is written about in news more often than a match (a
# funeral's music and a documentary of the dead man, in a real Ukrainian story of Alexei
# Navalny's funeral, wanted for him), so the screen needs one word more.
_FIELDS: dict[str, tuple[dict[str, str], dict[str, str], int]] = {
    SPORT: (_ONLY_SPORT, _SPORT, 3),
    SCREEN: (_ONLY_SCREEN, _SCREEN, 4),
}
FIELD_LEAD_CHARS = 1000  # the headline and this much of the text decide


@dataclass(frozen=True)
class FieldStory:
    """An article read as another field's story: the field and the words that make it so,
    those only the field uses first, each as the article first writes it."""

    field: str
    words: tuple[str, ...]


# What a language writes joined before a word: Arabic's article and one-letter conjunctions and
# prepositions ("والملعب", "and the stadium"; "بكرة القدم").
_PREFIXES: dict[str, str] = {"ar": "(?:[وفبلك]?ال|لل|[وفبلك])?"}


def _alternative(word: str) -> str:
    return re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)


@dataclass(frozen=True)
class _Words:
    """A field's words of one kind in one language: one pattern finds them all, and one per
    entry tells which entry a word found is (its forms, "club/clubs", or its stem)."""

    every: re.Pattern[str]
    entries: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, words: str, prefix: str = "") -> _Words:
        entries = [entry.strip() for entry in words.split(",")]
        forms = [form for entry in entries for form in entry.split("/")]
        alternatives = sorted(map(_alternative, forms), key=len, reverse=True)
        return cls(
            re.compile(
                rf"(?<![\w-]){prefix}(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE
            ),
            tuple(
                re.compile(f"{prefix}(?:{'|'.join(map(_alternative, entry.split('/')))})", re.I)
                for entry in entries
            ),
        )

    def found(self, lead: str, taken: Sequence[tuple[int, int]] = ()) -> dict[str, tuple[int, int]]:
        """Per entry the lead writes outside the spans ``taken``, its first word there, folded,
        and where it stands, in the lead's order ("Premier League" is one word of sport's, not
        two: its "league" is taken)."""
        first: dict[int, tuple[str, tuple[int, int]]] = {}
        for m in self.every.finditer(lead):
            if any(start <= m.start() < end for start, end in taken):
                continue
            k = next(k for k, entry in enumerate(self.entries) if entry.fullmatch(m.group(0)))
            first.setdefault(k, (m.group(0).casefold(), m.span()))
        return dict(first.values())


@cache
def _words(field: str, language: str) -> tuple[_Words, _Words] | None:
    own, other, _ = _FIELDS[field]
    if language not in own:
        return None
    prefix = _PREFIXES.get(language, "")
    return _Words.of(own[language], prefix), _Words.of(other[language], prefix)


def field_story(title: str, text: str, language: str | None) -> FieldStory | None:
    """The field whose story an article is (``SPORT``, ``SCREEN``), read in its title and first
    ``FIELD_LEAD_CHARS`` characters; None where it is none's, or is in a language this module
    has no words for. ``language``: the article's (ISO 639-1), None for English."""
    lead = f"{title}\n{text[:FIELD_LEAD_CHARS]}"
    for field, (_, _, needed) in _FIELDS.items():
        words = _words(field, language or "en")
        if words is None:
            return None
        own = words[0].found(lead)
        if own and len(own) + len(other := words[1].found(lead, list(own.values()))) >= needed:
            return FieldStory(field, (*own, *other))
    return None


def fields_spoken_of(texts: Iterable[str]) -> frozenset[str]:
    """The fields whose own words a topic's description or names write, in any language this
    module reads: its news may be such a field's story ("the football club of ...")."""
    joined = "\n".join(texts)
    return frozenset(
        field
        for field, (own, _, _) in _FIELDS.items()
        if any(_words(field, language)[0].every.search(joined) for language in own)  # type: ignore[index]
    )
