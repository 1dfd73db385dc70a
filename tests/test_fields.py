"""Another field's story, read from its headline and lead (``monitor.match.fields``)."""

from __future__ import annotations

import pytest

from monitor.match.fields import (
    FIELD_LEAD_CHARS,
    SCREEN,
    SPORT,
    FieldStory,
    field_story,
    fields_spoken_of,
)

CLUB = (
    "Football Club Kramatorsk is a Ukrainian professional football club based in Kramatorsk. "
    "The team plays in the Ukrainian First League, and its home ground is the city's stadium."
)
FILM = (
    "Expansive historical epic based on the Siege of Khartoum in 1885, with Charlton Heston as "
    "Charles Gordon. The film was nominated for an Oscar for its screenplay, and the cast is "
    "superb; Olivier's role as the Mahdi divides audiences."
)


def test_a_clubs_story_is_sports() -> None:
    # those only sport uses first, each as the story first writes it
    assert field_story("FC Kramatorsk", CLUB, None) == FieldStory(
        SPORT, ("fc", "football", "club", "team", "league", "stadium")
    )
    assert field_story("FC Kramatorsk", CLUB, "en") == field_story("FC Kramatorsk", CLUB, None)


def test_a_films_story_is_the_screens() -> None:
    assert field_story("Khartoum", FILM, None) == FieldStory(
        SCREEN, ("film", "oscar", "screenplay", "cast", "role", "audiences")
    )


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "de",
            "Achmat Grosny",
            "Der Fußballverein aus Grosny spielt in der ersten Liga; der Klub gewann 2004 den "
            "Pokal.",
        ),
        (
            "es",
            "Los partidos del Mundial en Guadalajara",
            "La FIFA confirmó que el Estadio Akron recibirá cuatro partidos del torneo; la "
            "selección jugará en la Copa.",
        ),
        (
            "ru",
            "УПЛ исключила два клуба",
            "Футбольные клубы из Мариуполя больше не сыграют в чемпионате: лига приняла решение.",
        ),
        (
            # Arabic writes its article and prepositions joined to the word: "لكرة القدم"
            "ar",
            "الهلال يفوز",
            "فاز نادي الهلال على منافسه في مباراة الدوري بهدفين، وقال مدرب الفريق إن لكرة القدم "
            "السودانية مستقبلا.",
        ),
        (
            "tr",
            "Fenerbahçe kazandı",
            "Süper Lig'de Fenerbahçe, deplasmanda oynadığı maçta kazandı; teknik direktör takımı "
            "övdü.",
        ),
    ],
)
def test_a_sports_story_is_read_in_the_languages_the_matcher_reads(
    language: str, title: str, text: str
) -> None:
    story = field_story(title, text, language)
    assert story is not None and story.field == SPORT


def test_a_word_counts_once_in_all_its_forms() -> None:
    # "club" and "clubs" are one word of sport's; "football" and "league" make three
    assert field_story("Clubs", "A football club among the league's clubs.", None) is not None
    assert field_story("Clubs", "A football club among the clubs.", None) is None
    # nor is a word of sport's counted again inside a longer one only sport uses
    premier = field_story("Results", "Premier League: the club won.", None)
    assert premier is None
    assert field_story("Results", "Premier League: the club won the league.", None) == FieldStory(
        SPORT, ("premier league", "club", "league")
    )


def test_words_that_mean_other_things_make_no_fields_story() -> None:
    # a league, a stadium, a team, a season and a goal are found in other news too: a story
    # needs a word only its field uses
    storm = (
        "Evacuees sheltered in the stadium as the storm hit. Rescue teams reached the last "
        "villages before the rainy season's peak; the goal is to restore power by Friday. "
        "The Arab League held its final session on aid."
    )
    assert field_story("Storm batters the coast", storm, None) is None
    # one word only sport uses and one other is not enough ("Kadyrov gifts Mercedes-Maybach to
    # UFC champion", a real story of Ramzan Kadyrov, wanted for him)
    gift = "Kadyrov gave the car to the championship's champion at a ceremony in Grozny."
    assert field_story("Kadyrov gifts a car", gift, None) is None
    # nor are a state's actors, a prime minister (Russian "премьер") or a funeral's music: news
    # writes of films and songs more often than of matches, and the screen needs four words
    actors = "Non-state actors filmed the attack; the film's director spoke of its role."
    assert field_story("Militias", actors, None) is None
    funeral = "На похоронах звучала музыка, показали сцены из фильма; премьер выступил."
    assert field_story("Похороны", funeral, "ru") is None
    # an Arabic general's rank is a team's word ("الفريق"), and a goal is an aim
    general = (
        "قال الفريق أول عبد الفتاح البرهان إن الجيش سيواصل القتال في الخرطوم، وإن هدف "
        "العملية هو طرد قوات الدعم السريع."
    )
    assert field_story("البرهان", general, "ar") is None


def test_only_the_headline_and_lead_are_read() -> None:
    late = "x " * (FIELD_LEAD_CHARS // 2) + CLUB
    assert field_story("Shelling hits the city centre", late, None) is None


def test_a_language_without_the_fields_words_reads_no_fields_story() -> None:
    assert field_story("FC Kramatorsk", CLUB, "sw") is None


def test_the_fields_a_description_speaks_of() -> None:
    assert fields_spoken_of(["Akhmat Grozny", "The Russian Premier League football club."]) == {
        SPORT
    }
    assert fields_spoken_of(["Der Fußballverein Achmat Grosny"]) == {SPORT}
    assert fields_spoken_of(["Charlton Heston", "The actor, his films and his roles."]) == {SCREEN}
    assert not fields_spoken_of(
        ["Kramatorsk", "The city in Donetsk Oblast and the Russian strikes on it."]
    )
