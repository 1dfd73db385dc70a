"""Prometheus metrics (names prefixed ``monitor_``), served at /metrics by the web app."""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from monitor.store.stats import DatabaseStats


class Metrics:
    """One registry per daemon, so tests can run several side by side."""

    def __init__(self) -> None:
        self.registry = r = CollectorRegistry()
        self.polls = Counter("monitor_polls", "Feed polls by outcome", ["status"], registry=r)
        self.feed_errors = Counter(
            "monitor_feed_errors", "Feed failures by error code", ["code"], registry=r
        )
        self.articles_new = Counter("monitor_articles_new", "New articles stored", registry=r)
        self.matches = Counter("monitor_matches", "New matches by topic", ["topic"], registry=r)
        self.deliveries_sent = Counter(
            "monitor_deliveries_sent", "Deliveries accepted", ["channel", "kind"], registry=r
        )
        self.deliveries_failed = Counter(
            "monitor_deliveries_failed", "Failed delivery attempts", ["channel", "kind"], registry=r
        )
        self.deliveries_pending = Gauge(
            "monitor_deliveries_pending", "Deliveries not yet sent", registry=r
        )
        self.deliveries_dead = Gauge("monitor_deliveries_dead", "Dead letters", registry=r)
        self.embed_backlog = Gauge(
            "monitor_embed_backlog", "Stored articles not yet embedded", registry=r
        )
        self.embed_seconds = Histogram(
            "monitor_embed_seconds",
            "Embed+match time per batch",
            registry=r,
            buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
        )
        self.poll_seconds = Histogram(
            "monitor_poll_seconds",
            "Fetch time per feed",
            registry=r,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
        )
        self.poll_lateness_seconds = Histogram(
            "monitor_poll_lateness_seconds",
            "How late each poll started: from when its feed was due to when its fetch began",
            registry=r,
            buckets=(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600),
        )
        self.polls_waiting = Gauge(
            "monitor_polls_waiting", "Due feeds whose poll has not started yet", registry=r
        )
        self.polls_late = Gauge(
            "monitor_polls_late",
            "Due feeds whose poll has waited longer than their interval to start",
            registry=r,
        )
        self.last_poll = Gauge(
            "monitor_last_poll_timestamp_seconds", "When polls were last stored", registry=r
        )

        # The database's size and growth (monitor db stats), refreshed in the background.
        self.db_bytes = Gauge("monitor_db_bytes", "Size of the whole database", registry=r)
        self.db_free_bytes = Gauge(
            "monitor_db_free_bytes", "SQLite: free pages inside the file (VACUUM)", registry=r
        )
        self.db_table_rows = Gauge(
            "monitor_db_table_rows",
            "Rows per table (PostgreSQL: the planner's estimate)",
            ["table"],
            registry=r,
        )
        self.db_table_bytes = Gauge(
            "monitor_db_table_bytes", "Bytes per table with its indexes", ["table"], registry=r
        )
        self.db_articles_per_day = Gauge(
            "monitor_db_articles_per_day",
            "Articles stored per day, mean of the 7 full days before today",
            registry=r,
        )
        self.db_oldest = Gauge(
            "monitor_db_oldest_timestamp_seconds",
            "When the oldest row of each kind was stored",
            ["kind"],
            registry=r,
        )
        self.db_projected_year_bytes = Gauge(
            "monitor_db_projected_year_bytes",
            "Database size in a year at the current rate if nothing were pruned",
            registry=r,
        )
        self.db_stats_time = Gauge(
            "monitor_db_stats_timestamp_seconds",
            "When the monitor_db_* gauges were last refreshed",
            registry=r,
        )

    def record_db_stats(self, stats: DatabaseStats) -> None:
        self.db_bytes.set(stats.bytes)
        if stats.free_bytes is not None:
            self.db_free_bytes.set(stats.free_bytes)
        for table in stats.tables:
            self.db_table_rows.labels(table=table.name).set(table.rows)
            if table.bytes is not None:
                self.db_table_bytes.labels(table=table.name).set(table.bytes)
        self.db_articles_per_day.set(stats.articles_per_day_rate)
        for kind, when in stats.oldest.items():
            if when is not None:
                self.db_oldest.labels(kind=kind).set(when.timestamp())
            else:  # none of that kind (any more): no sample rather than a made-up time
                self.db_oldest.remove(kind)
        if stats.projected_year_bytes is not None:
            self.db_projected_year_bytes.set(stats.projected_year_bytes)
        self.db_stats_time.set_to_current_time()

    def render(self) -> bytes:
        return generate_latest(self.registry)
