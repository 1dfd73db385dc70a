"""Fetch, parse and clean feeds, and record what a poll found: ``fetch`` (politeness,
redirects, limits, error codes) → ``parse`` (feedparser) → ``clean`` (HTML to text, canonical
URLs, fingerprints) → ``reader`` (one feed's outcome) → ``workers`` (reader processes) →
``ingest`` (a poll, stored in batches)."""
