"""A property of the whole poll: feeds made of random entries (fields missing or odd, random
text in titles and links, random dates) are polled through `monitor poll`, from a real HTTP
server, beside a healthy feed. Whatever they hold, the poll does not raise, the healthy feed's
article is stored, no article is stored twice, and a bad feed fails with a code of its own, not
`internal` (a crash of ours), nor skips an entry that failed to clean."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from itertools import count
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.cli import main
from tests.feedserver import FeedServer
from tests.test_cli import STORY, rss, write_config

# Any character a str can hold in UTF-8 (no lone surrogates), control characters included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
HOST = st.from_regex(r"[a-z0-9-]{1,12}(\.[a-z0-9-]{1,8}){0,2}", fullmatch=True)
LINK = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "",
            "javascript:alert(1)",
            "mailto:desk@example.org",
            "http://",
            "https://[bad/",
            "http://a..b/x",
            "http://" + "a" * 64 + ".example/x",
            "//example.org/relative",
            "/relative?utm_source=x",
            "https://example.org/a\x7fb",
            "https://example.org/a\x00b",
        ]
    ),
    st.builds(lambda host, path: f"https://{host}/{path}", HOST, TEXT),
    TEXT,
)


def _date(when: datetime, style: int) -> str:
    return (
        format_datetime(when),
        when.isoformat(),
        when.strftime("%d/%m/%Y"),
    )[style]


DATE = st.one_of(
    st.none(),
    TEXT,
    st.builds(
        _date,
        st.datetimes(
            min_value=datetime(1, 1, 2),
            max_value=datetime(9999, 12, 30),
            timezones=st.sampled_from(
                [UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12))]
            ),
        ),
        st.integers(0, 2),
    ),
)


@st.composite
def entry(draw: st.DrawFn) -> str:
    fields = {
        "title": draw(st.one_of(st.none(), TEXT)),
        "link": draw(LINK),
        "guid": draw(st.one_of(st.none(), TEXT)),
        "pubDate": draw(DATE),
        "description": draw(st.one_of(st.none(), TEXT, st.builds("<p>{}</p>".format, TEXT))),
    }
    # Most values escaped as they should be; some raw (a publisher's ill-formed XML).
    raw = draw(st.booleans()) and draw(st.booleans())
    return (
        "<item>"
        + "".join(
            f"<{tag}>{value if raw else escape(value)}</{tag}>"
            for tag, value in fields.items()
            if value is not None
        )
        + "</item>"
    )


FEED = st.lists(entry(), max_size=6).map(
    lambda items: (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>R</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")
)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with FeedServer(log=False) as srv:
        yield srv


_paths = count()


# Shared by the two runs below: the inner loop's few examples and CI's many.
PROPERTY: dict[str, Any] = {
    "deadline": None,
    # capsys is only read, and emptied, within an example
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
BODIES = st.lists(FEED, min_size=1, max_size=2)


@settings(max_examples=150, **PROPERTY)
@given(bodies=BODIES)
def test_random_feeds_never_hold_up_a_healthy_one(
    server: FeedServer, capsys: pytest.CaptureFixture[str], bodies: list[bytes]
) -> None:
    _never_hold_up(server, capsys, bodies)


@pytest.mark.slow  # 1,500 examples at about 0.14 s each: 210 s here
# pytest's 300 s default left a slower CI machine too little margin at 2,000
@pytest.mark.timeout(900)
@settings(max_examples=1500, **PROPERTY)
@given(bodies=BODIES)
def test_random_feeds_never_hold_up_a_healthy_one_thousands(
    server: FeedServer, capsys: pytest.CaptureFixture[str], bodies: list[bytes]
) -> None:
    _never_hold_up(server, capsys, bodies)


def _never_hold_up(
    server: FeedServer, capsys: pytest.CaptureFixture[str], bodies: list[bytes]
) -> None:
    n = next(_paths)
    healthy = server.add_feed(f"/{n}/healthy.xml", rss(STORY))
    bad = [server.add_feed(f"/{n}/random{i}.xml", body) for i, body in enumerate(bodies)]

    def run(*argv: str) -> list[str]:
        capsys.readouterr()
        assert main(list(argv)) == 0
        return capsys.readouterr().out.splitlines()

    with tempfile.TemporaryDirectory() as tmp:
        config = str(write_config(Path(tmp), [healthy, *bad]))
        run("poll", "-c", config)
        stored = [json.loads(line) for line in run("export", "-c", config)]
        feeds = [json.loads(line) for line in run("feeds", "--json", "-c", config)]
    assert [a["title"] for a in stored if healthy in a["feeds"]] == [STORY[0]]
    assert len({a["id"] for a in stored}) == len(stored)
    assert len({a["url"] for a in stored}) == len(stored)
    assert all(a["url"].startswith(("http://", "https://")) for a in stored)
    # Nor a crash of ours on one entry.
    assert not [f for f in feeds if f["error_code"] == "internal"], feeds
    assert not [f for f in feeds if "failed to clean" in (f["warning"] or "")], feeds
