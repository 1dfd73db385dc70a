"""A review site to test against: real feeds served on 127.0.0.1, polled, embedded and matched
by the real model into SQLite, and the web app served by uvicorn on an ephemeral port."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from monitor.config import Config, load_config
from monitor.match.stage import MatchStage
from monitor.run.cycle import Cycle
from monitor.store import Store
from monitor.web.app import WebContext, build_app
from monitor.web.server import WebServer
from tests.feedserver import FeedServer

SCRIPT_TITLE = "<script>alert(1)</script>"

FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Levant Wire</title><link>https://wire.example.org/</link>
<item><title>Army takes the last IS-held villages in the Yarmouk Valley</title>
<link>https://wire.example.org/2026/03/yarmouk</link><guid>wire-1</guid>
<description>Syrian army units took the last villages held by Jaish Khalid bin al-Waleed in
the Yarmouk Valley, in the far south-west of Daraa province, after three days of
shelling.</description></item>
<item><title>Khalid ibn al-Walid Army fighters surrender</title>
<link>https://wire.example.org/2026/03/surrender</link><guid>wire-2</guid>
<description>Dozens of fighters of the Khalid ibn al-Walid Army, the Islamic State affiliate
in the Yarmouk basin, handed themselves over to government troops.</description></item>
<item><title>{SCRIPT_TITLE.replace("<", "&lt;").replace(">", "&gt;")}</title>
<link>https://wire.example.org/2026/03/ambush</link><guid>wire-3</guid>
<description>Jaysh Khalid ibn al-Walid fighters ambushed an army patrol near Saham al-Jawlan
in the Yarmouk basin, killing four soldiers, local activists said.</description></item>
<item><title>Aid convoy reaches Yarmouk refugee camp in southern Damascus</title>
<link>https://wire.example.org/2026/03/aid</link><guid>wire-4</guid>
<description>A UN aid convoy delivered food parcels to Palestinian families in the Yarmouk
refugee camp in southern Damascus on Monday.</description></item>
<item><title>Shelling near the Yarmouk</title>
<link>https://wire.example.org/2026/03/shelling</link><guid>wire-6</guid>
<description>Artillery shelled villages near the Yarmouk river in southern Syria, residents
said.</description></item>
<item><title>Wheat harvest forecast revised upwards</title>
<link>https://wire.example.org/2026/03/wheat</link><guid>wire-5</guid>
<description>Late spring rains have improved the wheat harvest outlook in Jordan and
Lebanon, the FAO said.</description></item>
</channel></rss>
""".encode()

TOPICS = """\
topics:
  - name: Yarmouk Valley
    about: Fighting and control in the Yarmouk basin of south-west Daraa, Syria
    aliases: [Yarmouk basin, Wadi al-Yarmouk]
    exclude: [Yarmouk refugee camp]
  - name: Jaish Khalid bin al-Waleed
    id: jkbw
    about: The Islamic State affiliate in the Yarmouk basin of south-west Syria
    aliases: [Khalid ibn al-Walid Army, Jaysh Khalid ibn al-Walid]
"""


def write_config(folder: Path, feed_url: str, server: str = "{host: 127.0.0.1, port: 0}") -> Path:
    path = folder / "monitor.yaml"
    path.write_text(
        textwrap.dedent(f"""\
        storage: sqlite:///monitor.db
        feeds:
          - url: {feed_url}
            name: Levant Wire
        server: {server}
        subscribers:
          - name: ana
            email: ana@example.org
            outbox_dir: outbox
        """)
        + TOPICS,
        encoding="utf-8",
    )
    return path


def serve(
    store: Store,
    config: Callable[[], Config],
    stage: Callable[[], MatchStage],
    labels_changed: Callable[[], None] = lambda: None,
) -> WebServer:
    """The web app over ``store``, started on an ephemeral port of 127.0.0.1 (a healthy daemon's
    /healthz, a stand-in /metrics body)."""
    context = WebContext(
        store=store,
        config=config,
        stage=stage,
        metrics=lambda: b"# metrics\n",
        health=lambda: (True, {"status": "ok"}),
        labels_changed=labels_changed,
    )
    server = WebServer(build_app(context), "127.0.0.1", 0)
    server.start()
    return server


class Site:
    """The app over a polled and matched store; ``use(server_yaml)`` switches the config (as a
    reload does) to try auth settings."""

    def __init__(self, folder: Path, feeds: FeedServer) -> None:
        self.folder = folder
        self.feed_url = feeds.add_feed("/wire.rss", FEED)
        self.config: Config = load_config(write_config(folder, self.feed_url))
        self.store = Store.open(self.config.storage_url)
        self.cycle = Cycle(self.config, self.store)
        [polled] = self.cycle.poll_all()
        assert polled.ok and polled.stats.new == 6
        self.cycle.match_all()
        self.server = serve(
            self.store,
            lambda: self.config,
            lambda: self.cycle.stage,
            labels_changed=lambda: self.cycle.stage.labels_changed(),
        )
        self.url = f"http://127.0.0.1:{self.server.port}"

    def use(self, server_yaml: str, extra: str = "") -> None:
        path = write_config(self.folder, self.feed_url, server_yaml)
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
        self.config = load_config(path)

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)

    def article_id(self, title_start: str) -> str:
        for row in self.store.export_articles():
            if str(row["title"]).startswith(title_start):
                return str(row["id"])
        raise AssertionError(f"no stored article titled {title_start!r}")

    def close(self) -> None:
        self.server.stop()
        self.store.close()
