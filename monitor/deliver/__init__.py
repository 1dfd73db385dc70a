"""The delivery stage: digest rendering, email over SMTP, and signed webhooks. The outbox (store
rows, scheduling, retries) lives with the pipeline and calls these senders."""

from monitor.deliver.digest import DigestItem, RenderedDigest, render_digest

__all__ = ["DigestItem", "RenderedDigest", "render_digest"]
