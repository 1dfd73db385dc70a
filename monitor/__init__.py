"""monitor: a self-hosted media-monitoring alert daemon."""

__version__ = "0.1.0"
