"""All SQL lives in this package; the rest of the program sees the :class:`Store` façade and
the records it takes and returns."""

from monitor.store.outbox import PlannedDelivery, delivery_id
from monitor.store.schema import SCHEMA_VERSION, utcnow
from monitor.store.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "PlannedDelivery",
    "Store",
    "delivery_id",
    "utcnow",
]
