"""The digest as a phone shows it: rendered in a real browser (Debian's chromium driven by
Playwright; no browser is downloaded) at 390 px and 700 px wide.

``MONITOR_UPDATE_GOLDEN=1`` also rewrites the screenshots in docs/ (review them before
committing)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.deliver.digest import render_digest
from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.test_digest import NOW, SETTINGS, two_topic_items

DOCS = Path(__file__).resolve().parents[1] / "docs"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(
        "no /usr/bin/chromium: install Debian's chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def digest_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = render_digest(
        "ann@example.org",
        two_topic_items(),
        timezone="Asia/Damascus",
        since=NOW - timedelta(days=1),
        now=NOW,
        cap_per_topic=10,
        settings=SETTINGS,
    )
    path = tmp_path_factory.mktemp("digest") / "digest.html"
    path.write_text(out.html, encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [390, 700])
def test_digest_reads_at_phone_and_desktop_width(
    browser: Any, digest_file: Path, tmp_path: Path, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(digest_file.as_uri())
        # Nothing sticks out sideways: no horizontal scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        cards = page.locator("td.card")
        assert cards.count() == 2
        first = cards.nth(0)
        assert first.locator("span").all_inner_texts()[:2] == [
            "Jaish Khalid bin al-Waleed\xa00.97",
            "Yarmouk Valley\xa00.93",
        ]
        marks = first.locator("mark").all_inner_texts()
        assert "Jaysh Khalid ibn al-Walid" in marks and "Wadi al-Yarmuk" in marks
        # Every mark is seen: it has a size and lies inside the viewport's width.
        for box in (m.bounding_box() for m in first.locator("mark").all()):
            assert box is not None and box["width"] > 0 and box["x"] + box["width"] <= width
        # The Arabic card reads right to left, the English one left to right.
        arabic = cards.nth(1).locator("div[lang=ar]").first
        assert arabic.evaluate("e => e.matches(':dir(rtl)')")
        assert first.locator("div[lang=en]").first.evaluate("e => e.matches(':dir(ltr)')")
        assert "Why: no name found" in cards.nth(1).inner_text()
        shot = tmp_path / f"digest-{width}px.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        if os.environ.get("MONITOR_UPDATE_GOLDEN") == "1":
            (DOCS / shot.name).write_bytes(shot.read_bytes())
    finally:
        page.close()
