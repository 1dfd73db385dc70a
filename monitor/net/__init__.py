"""HTTP for every request the monitor makes (feeds, article pages, webhooks): ``http11``
(keep-alive connections over h11, proxies, the transport's own errors) and ``policy`` (what every
request shares: User-Agent, TLS trust, Retry-After)."""
