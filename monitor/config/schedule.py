"""Digest schedules as people write and read them: ``@daily`` for ``0 0 * * *``, and a cron
expression said back in words ("every day at 07:00") for the digest's footer and check-config."""

from __future__ import annotations

import re

# The shorthands cron itself accepts; APScheduler's crontab parser does not.
SHORTHANDS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
}
_DAYS = ("Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays")
_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_NUMBER = re.compile(r"\d{1,2}")


def expand(cron: str) -> str:
    """The five-field expression for ``cron``: a shorthand expanded, anything else as given."""
    return SHORTHANDS.get(cron.strip().lower(), cron.strip())


def for_apscheduler(cron: str) -> str:
    """``cron`` as APScheduler's ``CronTrigger.from_crontab`` reads it rightly: that parser
    counts weekdays from Monday = 0, cron from Sunday = 0 (so "* * * * 1" fired on Tuesdays);
    weekday numbers become names, which both read alike."""
    fields = expand(cron).split()
    if len(fields) == 5:
        fields[4] = re.sub(r"\d+", lambda m: _CRON_DAYS[int(m.group()) % 7], fields[4])
    return " ".join(fields)


def describe(cron: str) -> str:
    """``0 7 * * *`` → ``every day at 07:00``; ``30 6 * * 1`` → ``Mondays at 06:30``;
    ``0 * * * *`` → ``every hour at :00``. What is not that simple is quoted as written."""
    fields = expand(cron).split()
    if len(fields) == 5 and fields[2:4] == ["*", "*"] and _NUMBER.fullmatch(fields[0]):
        minute, hour, weekday = int(fields[0]), fields[1], fields[4]
        if hour == "*" and weekday == "*":
            return f"every hour at :{minute:02d}"
        if _NUMBER.fullmatch(hour):
            at = f"{int(hour):02d}:{minute:02d}"
            if weekday == "*":
                return f"every day at {at}"
            if re.fullmatch(r"[0-7]", weekday):
                return f"{_DAYS[int(weekday) % 7]} at {at}"
            if weekday == "1-5":
                return f"weekdays at {at}"
    return f"cron '{cron.strip()}'"
