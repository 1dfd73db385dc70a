"""Render a realistic sample digest and screenshot its HTML with headless Chromium, to check by
eye how the mail looks (layout, highlighting, escaping of a hostile title).

    apt-get install -y chromium      # Debian's package, if not installed
    PYTHONPATH=. python scripts/screenshot_digest.py [--out /tmp/digest.png --width 900]

Writes the HTML beside the PNG. Nothing leaves the machine: the page has no remote resources
and Chromium runs with networking features off.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.deliver.digest import DigestItem, render_digest

NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)


def sample_items() -> list[DigestItem]:
    yarmouk, jkbw, daraa = (
        ("yarmouk", "Yarmouk Valley"),
        ("jkbw", "Jaish Khalid bin al-Waleed"),
        ("daraa", "Daraa"),
    )

    def item(
        n: int,
        topic: tuple[str, str],
        score: float,
        title: str,
        passage: str,
        alias: str | None,
        sources: tuple[str, ...] = ("Reuters",),
        hours: float | None = 5,
    ) -> DigestItem:
        return DigestItem(
            topic[0],
            topic[1],
            f"a{n}",
            f"https://news.example/2026/11/{n}",
            title,
            NOW - timedelta(hours=hours) if hours is not None else None,
            sources,
            score,
            {"passage": passage, "alias": alias},
        )

    items = [
        item(
            1,
            jkbw,
            0.91,
            "Last Jaish Khalid bin al-Waleed holdouts surrender in Daraa",
            "Dozens of fighters from the IS-affiliated JAISH KHALID BIN AL-WALEED handed over "
            "their weapons near the Yarmouk Valley on Tuesday, according to local officials "
            "who asked not to be named because they were not authorised to speak.",
            "Jaish Khalid bin al-Waleed",
            ("AP", "BBC Arabic"),
            3,
        ),
        item(
            2,
            jkbw,
            0.77,
            "Analysis: what remains of IS in southern Syria",
            "Analysts say the group once known as Jaish Khalid ibn al-Walid kept sleeper "
            "cells in villages along the Yarmouk river long after its defeat in 2018.",
            "Jaish Khalid ibn al-Walid",
            ("Al-Monitor",),
            20,
        ),
        item(
            3,
            yarmouk,
            0.84,
            "<script>alert('x')</script> Water talks on the Yarmūk resume",
            "Jordanian and Syrian engineers met to discuss flows in the Yarmūk Valley, where "
            "rainfall this season was below average & the reservoir is at a record low.",
            "Yarmuk Valley",
            ("Jordan Times",),
            None,
        ),
        item(
            4,
            daraa,
            0.55,
            "Protests in Daraa over fuel prices",
            "Hundreds gathered in the centre of Dar'a on Monday to protest rising fuel "
            "prices, residents said.",
            None,
            ("Enab Baladi",),
            30,
        ),
    ]
    items += [
        item(
            10 + n,
            yarmouk,
            0.70 - n / 100,
            f"Farmers in the valley report losses ({n})",
            "Farmers along the Yarmouk Valley said the drought cut their harvest.",
            "Yarmouk Valley",
            ("Syria Direct", "Reuters"),
            6 + n,
        )
        for n in range(7)
    ]
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "monitor-digest.png"
    )
    parser.add_argument("--width", type=int, default=900)
    parser.add_argument("--height", type=int, default=1400)
    parser.add_argument("--timezone", default="Europe/Berlin")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("chromium not found; apt-get install -y chromium", file=sys.stderr)
        return 2
    rendered = render_digest(
        "ann@example.org",
        sample_items(),
        timezone=args.timezone,
        since=NOW - timedelta(days=1),
        now=NOW,
        cap_per_topic=5,
    )
    out = args.out.resolve()
    html_path = out.with_suffix(".html")
    html_path.write_text(rendered.html, encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--screenshot={out}",
                f"--window-size={args.width},{args.height}",
                html_path.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"subject: {rendered.subject}\nhtml: {html_path}\nscreenshot: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
