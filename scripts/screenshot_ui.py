"""Screenshot every page of the web UI with headless Chromium (Debian's, driven by Playwright),
over a store filled by a real poll of the sample feeds and a small wire feed: to check by eye
what an analyst sees. Writes docs/ui-*.png.

    apt-get install -y chromium      # Debian's package, if not installed
    PYTHONPATH=. python scripts/screenshot_ui.py [--out docs]

Nothing leaves the machine: feeds are local files, the server listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import tempfile
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from monitor.config import load_config
from monitor.domain import DeliveryStatus
from monitor.run.cycle import Cycle
from monitor.store import Store
from monitor.web.app import WebContext, build_app
from monitor.web.server import WebServer
from monitor.web.views import record_label
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
WIRE = [
    (
        "Army takes the last IS-held villages in the Yarmouk Valley",
        "Syrian army units took the last villages held by Jaish Khalid bin al-Waleed in the "
        "Yarmouk Valley, in the far south-west of Daraa province, after three days of shelling.",
    ),
    (
        "Khalid ibn al-Walid Army fighters surrender",
        "Dozens of fighters of the Khalid ibn al-Walid Army, the Islamic State affiliate in the "
        "Yarmouk basin, handed themselves over to government troops.",
    ),
    (
        "<script>alert(1)</script>",
        "Jaysh Khalid ibn al-Walid fighters ambushed an army patrol near Saham al-Jawlan in the "
        "Yarmouk basin, killing four soldiers, local activists said.",
    ),
    (
        "Aid convoy reaches Yarmouk refugee camp in southern Damascus",
        "A UN aid convoy delivered food parcels to Palestinian families in the Yarmouk refugee "
        "camp in southern Damascus on Monday.",
    ),
    (
        "Shelling near the Yarmouk",
        "Artillery shelled villages near the Yarmouk river west of Daraa, residents said.",
    ),
    (
        "Wheat harvest forecast revised upwards",
        "Late spring rains have improved the wheat harvest outlook in Jordan and Lebanon.",
    ),
]


def wire_feed() -> str:
    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    items = "".join(
        f"<item><title>{esc(title)}</title><link>https://wire.example.org/2026/11/{n}</link>"
        f"<guid>wire-{n}</guid><pubDate>Mon, 30 Nov 2026 0{n}:15:00 GMT</pubDate>"
        f"<description>{esc(text)}</description></item>"
        for n, (title, text) in enumerate(WIRE, 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Levant Wire</title><link>https://wire.example.org/</link>{items}</channel></rss>"
    )


def build(folder: Path) -> tuple[Store, Cycle]:
    (folder / "wire.rss").write_text(wire_feed(), encoding="utf-8")
    demo = (ROOT / "config" / "monitor.yaml").read_text(encoding="utf-8")
    topics = demo[demo.index("topics:") : demo.index("subscribers:")]
    (folder / "monitor.yaml").write_text(
        textwrap.dedent(f"""\
        storage: sqlite:///monitor.db
        feeds:
          - url: wire.rss
            name: Levant Wire
          - url: {ROOT / "seeds" / "levant-wire.rss"}
            name: Levant Wire (sample)
          - url: {ROOT / "seeds" / "syria-monitor.atom"}
            name: Syria Monitor (sample)
          - url: missing.rss
            name: Old agency feed
        subscribers:
          - name: analyst
            outbox_dir: outbox
        server: {{host: 127.0.0.1, port: 0}}
        """)
        + topics,
        encoding="utf-8",
    )
    config = load_config(folder / "monitor.yaml")
    store = Store.open(config.storage_url)
    cycle = Cycle(config, store)
    cycle.poll_all()
    cycle.match_all()
    return store, cycle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--width", type=int, default=1200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store, cycle = build(Path(tmp))
        config = cycle.config
        ids = {str(r["title"]): str(r["id"]) for r in store.export_articles()}
        matcher = cycle.stage.matcher
        for title, topic, relevant in (
            ("Army takes the last IS-held villages in the Yarmouk Valley", "jkbw", True),
            ("Army takes the last IS-held villages in the Yarmouk Valley", "yarmouk-valley", True),
            (
                "Daraa: reconciliation deals and the end of the southern front",
                "yarmouk-valley",
                False,
            ),
        ):
            record_label(store, matcher, ids[title], topic, relevant, "ui")
        cycle.outbox.send_due_digests(force=True)
        sent = store.deliveries(status=DeliveryStatus.SENT)
        now = datetime.now(UTC)
        store.mark_failed(
            [sent[0].id],
            now,
            error="550 5.1.1 <analyst@example.org>: mailbox unavailable",
            next_attempt=now,
            give_up_after_s=0,
            permanent=True,
        )
        context = WebContext(
            store=store,
            config=lambda: config,
            stage=lambda: cycle.stage,
            metrics=lambda: b"",
            health=lambda: (True, {}),
        )
        server = WebServer(build_app(context), "127.0.0.1", 0)
        server.start()
        base = f"http://127.0.0.1:{server.port}"
        link = cycle.outbox.links.urls(
            "analyst",
            ids["Aid convoy reaches Yarmouk refugee camp in southern Damascus"],
            "yarmouk-valley",
        ).irrelevant.replace(config.settings.server.base_url(), base)
        pages = {
            "watchlist": "/",
            "topic": "/topics/jkbw",
            "near-misses": "/topics/yarmouk-valley?near=1",
            "feeds": "/feeds",
            "deliveries": "/deliveries",
            "feedback": link.removeprefix(base),
        }
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                page = browser.new_page(viewport={"width": args.width, "height": 800})
                for name, path in pages.items():
                    page.goto(base + path)
                    page.screenshot(path=str(args.out / f"ui-{name}.png"), full_page=True)
                page.goto(base + "/try")
                page.fill("input[name=title]", "Clashes in Wadi al-Yarmouk")
                page.fill(
                    "textarea[name=text]",
                    "Fighters of the Yarmouk Martyrs Brigade clashed with rebels near Tasil in "
                    "the Yarmouk basin, west of Daraa.",
                )
                page.get_by_role("button", name="Score it").click()
                page.wait_for_selector("table.grid")
                page.screenshot(path=str(args.out / "ui-try.png"), full_page=True)
                browser.close()
        finally:
            server.stop()
            store.close()
    for name in [*pages, "try"]:
        print(args.out / f"ui-{name}.png")


if __name__ == "__main__":
    main()
