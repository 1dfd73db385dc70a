"""One feed through every stage to the digest a subscriber reads, compared with a golden file
(as rss2email keeps ``N.expected`` files): served by the real HTTP server on 127.0.0.1, polled,
stored in SQLite, embedded and matched by the real model, rendered with a fixed clock.

``MONITOR_UPDATE_GOLDEN=1 pytest tests/test_end_to_end.py`` rewrites the expected file; review
the diff before committing it.
"""

from __future__ import annotations

import os
import re
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from monitor.config import load_config
from monitor.deliver.outbox import Outbox
from monitor.run.cycle import Cycle
from monitor.store import Store
from tests.feedserver import FeedServer

EXPECTED = Path(__file__).resolve().parent / "golden" / "deliver" / "feed_to_digest.expected"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Levant Wire</title><link>https://wire.example.org/</link>
<item><title>Army takes the last IS-held villages in the Yarmouk Valley</title>
<link>https://wire.example.org/2026/03/yarmouk?utm_source=rss</link>
<guid>wire-1</guid><pubDate>Mon, 02 Mar 2026 08:30:00 GMT</pubDate>
<description>&lt;p&gt;Syrian army units took the last villages held by Jaish Khalid bin
al-Waleed in the Yarmouk Valley, in the far south-west of Daraa province, after three days
of shelling.&lt;/p&gt;</description></item>
<item><title>Khalid ibn al-Walid Army fighters surrender</title>
<link>https://wire.example.org/2026/03/surrender</link>
<guid>wire-2</guid><pubDate>Sun, 01 Mar 2026 17:00:00 GMT</pubDate>
<description>Dozens of fighters of the Khalid ibn al-Walid Army, the Islamic State affiliate
in the Yarmouk basin, handed themselves over to government troops.</description></item>
<item><title>Wheat harvest forecast revised upwards</title>
<link>https://wire.example.org/2026/03/wheat</link>
<guid>wire-3</guid><pubDate>Mon, 02 Mar 2026 06:00:00 GMT</pubDate>
<description>Late spring rains have improved the wheat harvest outlook in Jordan and
Lebanon, the FAO said.</description></item>
</channel></rss>
"""


def test_feed_to_digest_text(tmp_path: Path, feed_server: FeedServer) -> None:
    url = feed_server.add_feed("/wire.rss", FEED)
    (tmp_path / "monitor.yaml").write_text(
        textwrap.dedent(f"""\
        storage: sqlite:///monitor.db
        feeds:
          - url: {url}
            name: Levant Wire
        topics:
          - name: Yarmouk Valley
            about: Fighting in the Yarmouk basin of south-west Daraa, Syria
          - name: Jaish Khalid bin al-Waleed
            id: jkbw
            aliases: [Khalid ibn al-Walid Army]
        subscribers:
          - name: ana
            outbox_dir: outbox
            digest: {{timezone: Europe/Berlin}}
        """),
        encoding="utf-8",
    )
    config = load_config(tmp_path / "monitor.yaml")
    store = Store.open(config.storage_url)
    try:
        cycle = Cycle(config, store)
        [polled] = cycle.poll_all()
        assert polled.ok and polled.stats.new == 3
        assert cycle.match_all().embedded == 3
        [sub] = config.settings.subscribers
        got = Outbox(config, store, clock=lambda: NOW).preview(sub)
    finally:
        store.close()
    text = f"Subject: {got.subject}\n\n{got.text}"
    # A feedback link's token carries its time of issue: the golden file shows where it goes.
    text = re.sub(r"/feedback/[\w.-]+", "/feedback/<token>", text)
    if os.environ.get("MONITOR_UPDATE_GOLDEN") == "1":
        EXPECTED.write_text(text, encoding="utf-8")
    assert text == EXPECTED.read_text(encoding="utf-8")
