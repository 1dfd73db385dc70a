"""The day an event topic happened, and the texts that name it by that day.

News names an event by its date as often as by a name: "the February 6 earthquakes", "6 Şubat
depremleri", "la DANA del 29 de octubre", "the October 7 attack". A watchlist's description
that dates the topic by a day and a month with its year ("the earthquakes of 6 February 2023",
"on 29 October 2024"), or a name or alias that writes a day and a month ("February 6
earthquakes"), gives that day; a text that writes the same day and month, in English or in
the month names of a language the matcher reads (CLDR's, through babel: "6 Şubat", "29 de
octubre", "6 февраля"), names the topic by it.

Over the dev sets and sixteen sets of real texts gathered for 64 other topics (2026-12-07),
such texts were 30 wanted and 3 unwanted pairs (three Syrian stories of 8 December for the
reconstruction of Notre-Dame, which reopened on 7 and 8 December 2024; all scored below 0.05).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from babel.dates import get_month_names

from monitor.match.exonyms import LOCALES

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = "|".join(_MONTHS)
# The months' names as ``tokens`` fold them: a date's words, no name's ("February 2023
# Turkey-Syria earthquake").
MONTH_WORDS = frozenset(m.lower() for m in _MONTHS)
# "6 February 2023", "February 6, 2023", "6-7 February 2023" (the first day), with the year
# in a description; a name or an alias need not write it ("February 6 earthquakes").
_DAY_MONTH = rf"(?P<day>\d{{1,2}})(?:\s*[-\u2013]\s*\d{{1,2}})?\s+(?P<month>{_MONTH})"
_MONTH_DAY = rf"(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
_YEAR = r",?\s+(?:19|20)\d\d\b"
_DATED = re.compile(rf"\b(?:{_DAY_MONTH}|{_MONTH_DAY}){_YEAR}")
_NAMED = re.compile(rf"\b(?:{_DAY_MONTH}|{_MONTH_DAY})\b")
# Arabic names its months three ways: the Egyptian and Gulf press from the Latin names
# (فبراير), the Levant's and Iraq's by the Syriac ones (شباط), the Maghreb's from the French
# (فيفري) or its own (غشت).
ARABIC_MONTH_LOCALES = ("ar_SY", "ar_DZ", "ar_MA")
# The shortest month name that stands for a month (CLDR's abbreviations: "Feb", "févr"); a
# shorter one ("ma" is no month) is not read.
MIN_MONTH_LETTERS = 3


def event_days(about: str, names: Iterable[str]) -> frozenset[tuple[int, int]]:
    """The (day, month) pairs a topic's description dates it by, with a year, and its names
    write, with or without one."""
    found = [*_DATED.finditer(about), *(m for n in names for m in _NAMED.finditer(n))]
    return frozenset(
        (int(m["day"] or m["day2"]), _MONTHS.index(m["month"] or m["month2"]) + 1)
        for m in found
        if 1 <= int(m["day"] or m["day2"]) <= 31
    )


@cache
def _month_pattern(month: int) -> re.Pattern[str]:
    """A day of ``month`` as the languages the matcher reads write it: "6 February",
    "February 6th", "6 de febrero", "6. Februar", "6 Şubat", "6 февраля", "٦ فبراير"."""
    names = {_MONTHS[month - 1].lower()}
    for locale in ("en", *LOCALES, *ARABIC_MONTH_LOCALES):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                name = get_month_names(width, context, locale)[month].lower().rstrip(".")
                if len(name) >= MIN_MONTH_LETTERS:
                    names.add(name)
    month_names = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(
        rf"(?<!\w)(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s*(?:de\s+|of\s+)?"
        rf"(?:{month_names})(?!\w)"
        rf"|(?<!\w)(?:{month_names})\.?\s+(?P<day2>\d{{1,2}})(?![\d])",
        re.IGNORECASE,
    )


def days_written(text: str, months: Iterable[int]) -> dict[tuple[int, int], str]:
    """The days of ``months`` that ``text`` writes, each as first written ("6 Şubat"): read
    once per text for every watched event, whatever their number."""
    out: dict[tuple[int, int], str] = {}
    for month in months:
        for m in _month_pattern(month).finditer(text):
            out.setdefault((int(m["day"] or m["day2"]), month), m[0])
    return out
