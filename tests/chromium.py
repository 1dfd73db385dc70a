"""Debian's chromium, as the browser tests (and scripts/screenshot_ui.py) start it through
Playwright: never a downloaded browser, and none of the background traffic this machine's
closed network refuses."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
