"""An event topic's day, and the texts that name the topic by it (``monitor.match.dates``)."""

from __future__ import annotations

import pytest

from monitor.match.dates import days_written, event_days

QUAKE_DAY = frozenset({(6, 2)})


def test_a_description_dates_its_event_by_a_day_with_its_year() -> None:
    about = "The magnitude 7.8 earthquakes of 6 February 2023 in southern Turkey and Syria."
    assert event_days(about, ["2023 Turkey-Syria earthquake"]) == QUAKE_DAY
    assert event_days("The floods of October 29, 2024 in Valencia.", []) == {(29, 10)}
    # the first day of a span
    assert event_days("The storm of 6-7 February 2023.", []) == QUAKE_DAY
    # a name needs no year
    assert event_days("The earthquakes in Turkey.", ["February 6 earthquakes"]) == QUAKE_DAY
    # a day without a year in a description is no date of the event ("meets every 6 May")
    assert event_days("The council, which meets every 6 May.", ["Council"]) == frozenset()
    assert event_days("Founded in February 2023.", []) == frozenset()


@pytest.mark.parametrize(
    "text",
    [
        "the February 6 earthquakes",
        "since the February 6th quake",
        "the quake of 6 February",
        "Feb. 6",
        "le séisme du 6 février",
        "el terremoto del 6 de febrero",
        "das Erdbeben vom 6. Februar",
        "6 Şubat depremleri",
        "землетрясение 6 февраля",
        "زلزال 6 فبراير",
        "زلزال ٦ شباط",
    ],
)
def test_a_text_writes_the_day_in_the_languages_the_matcher_reads(text: str) -> None:
    assert (6, 2) in days_written(text, [2])


@pytest.mark.parametrize(
    "text", ["February 16", "16 February", "6 March", "a 6 percent fall in February", "Feb 2026"]
)
def test_another_day_is_not_the_events(text: str) -> None:
    assert (6, 2) not in days_written(text, [2])
