"""The stages wired: ``cycle`` (poll → match → deliver), ``daemon`` (scheduler, signals),
``lock`` (one daemon per database), ``metrics`` (/healthz, /metrics), ``logs`` (one line per
event, redaction)."""
