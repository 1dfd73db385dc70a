"""All SQL lives in this package; the rest of the program sees the :class:`Store` façade and
the records it takes and returns."""

from monitor.store.store import (
    SCHEMA_VERSION,
    FeedUpdate,
    IngestStats,
    PlannedDelivery,
    Store,
    delivery_id,
    utcnow,
)

__all__ = [
    "SCHEMA_VERSION",
    "FeedUpdate",
    "IngestStats",
    "PlannedDelivery",
    "Store",
    "delivery_id",
    "utcnow",
]
