"""The topic's own words that a text writes: the common words (not names) of its name, aliases
and description ("mercenaries", "reservoir", "shipping", "offensive"), each weighing how rare
English writes it, found in the text by their stems ("flooded" for "flooding", "ships" for
"shipping").

The sentence-embedding model reads a text's meaning but says little of which things it is
about: two reports of different wars sit close. Whether a text uses the words the analyst
chose to describe the topic is a second, plainer reading of the same question, and one a
person can check ("shared words: dam, reservoir, flooding"). A word weighs ``ZIPF_CEILING``
less its Zipf frequency (wordfreq: 7 for a word met once in a hundred words of English, 3
once in a million), so "war" (5.5) counts 1.5 and "reservoir" (3.9) 3.1; a word wordfreq's short
list lacks is at least as rare as ``ZIPF_FLOOR``. Stop words (scikit-learn's English list),
the particles of names ("bin", "van") and words written with a capital (names, and a
sentence's first word) are not topic words. The matcher reads the weight of a topic's words
that a text writes against the square root of the weight of all of them, so that a long
description does not lift every text (``matcher.TOPIC_WORDS_REFERENCE``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from wordfreq import zipf_frequency

ZIPF_CEILING = 7.0  # a word this common or commoner weighs nothing ("of" 7.4, "the" 7.7)
ZIPF_FLOOR = 3.0  # wordfreq's short list stops about here: a word it lacks is rarer
MIN_LETTERS = 3  # "al", "el" (Arabic's article in names), "km" are no topic words
# The lower-case words of people's and groups' names, which say nothing of a topic: Arabic "son
# of", "father of" and "and" ("Jaish Khalid bin al-Waleed", "wal-Jihad"), and the particles of
# Dutch, German, Spanish, Portuguese and Italian names.
NAME_PARTICLES = frozenset(
    {"bin", "ibn", "ben", "bint", "ibin", "ebn", "abu", "wal"}
    | {"van", "von", "der", "den", "del", "della", "dos", "das"}
)
# Runs of letters: "State-affiliated" is "State" and "affiliated", "Yemen's" "Yemen".
_LETTERS = re.compile(r"[^\W\d_]+")
_STEMMER = snowballstemmer.stemmer("english")


# An everyday word of English: one met at least once in 30,000 words ("state" 5.8, "union" 5.1,
# "republic" 4.6, "bank" 5.2), which a name of several words often borrows ("Islamic State",
# "African Union", "Reserve Bank"); not a place's own rarer word, which a description also
# writes inside such a name and a text alone ("Tampa" 3.9 of "Tampa Bay", "Baltic" 3.6,
# "Saudi" 4.3, "Gulf" 4.3). Chosen on those words, before any score was read.
EVERYDAY_ZIPF = 4.5


def is_everyday(word: str) -> bool:
    """Whether ``word`` is one of English's everyday words (``EVERYDAY_ZIPF``)."""
    return zipf_frequency(word, "en", wordlist="small") >= EVERYDAY_ZIPF


# A lead's words are mostly common ones: stemming them afresh costs ten times the lookups
# (2.2 ms per text against 0.2); 20,000 entries keep about 3 MB, 200,000 would keep 30.
@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """A word's Snowball (Porter 2) stem, folded to lower case: "Shipping" and "ships" are
    "ship", "flooded" and "flooding" "flood"."""
    out: str = _STEMMER.stemWord(word.lower())
    return out


@lru_cache(maxsize=50_000)
def weight(word: str) -> float:
    """How much a common word says of a topic: ``ZIPF_CEILING`` less its Zipf frequency."""
    return max(0.0, ZIPF_CEILING - (zipf_frequency(word, "en", wordlist="small") or ZIPF_FLOOR))


def topic_words(texts: Iterable[str]) -> dict[str, float]:
    """The stems of the words written in lower case in ``texts`` (a topic's name, aliases and
    description), stop words aside, each with its weight (the largest of its words')."""
    out: dict[str, float] = {}
    for text in texts:
        for word in _LETTERS.findall(text):
            if (
                len(word) < MIN_LETTERS
                or not word.islower()
                or word in ENGLISH_STOP_WORDS
                or word in NAME_PARTICLES
            ):
                continue
            if (w := weight(word)) > 0:
                key = stem(word)
                out[key] = max(out.get(key, 0.0), w)
    return out


def text_words(text: str) -> dict[str, str]:
    """The stems of the words of ``text``, whatever their case ("Flooding Hits Kherson"), each
    with the word as first written."""
    out: dict[str, str] = {}
    for word in _LETTERS.findall(text):
        if len(word) >= MIN_LETTERS:
            out.setdefault(stem(word), word)
    return out
