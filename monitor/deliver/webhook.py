"""Webhooks: JSON payloads (or a Slack/Mattermost ``{"text": ...}`` body), HMAC signatures, and
one POST classified into accepted / temporary / permanent. The contract is in docs/webhooks.md.

POSTs go over the same HTTP/1.1 connections as feeds (:mod:`monitor.net.http11`), so ``fetch.proxy``
(or the environment's proxy) and ``fetch.ca_file`` apply to them alike.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from monitor.deliver.digest import (
    PASSAGE_CHARS,
    TITLE_CHARS,
    DigestItem,
    capped,
    clean_line,
    highlight,
    is_web_url,
    lead,
)
from monitor.deliver.reason import names_found, reason
from monitor.errors import TransportError, WebhookError
from monitor.net.http11 import ConnectionPool, Proxies, Target
from monitor.net.policy import PRODUCT, parse_retry_after, tls_context
from monitor.run.logs import redact_endpoint

MAX_REDIRECTS = 3
EXCERPT_CHARS = 200  # of the receiver's answer kept for the delivery log, never the whole body
_READ_BYTES = 2048
SLACK_SNIPPET_CHARS = 200  # a chat message shows less than a mail
_REPOST = (301, 302, 307, 308)  # a POST is re-sent (same host only); 303 would turn it into GET


@dataclass(frozen=True)
class WebhookResult:
    """The receiver accepted the delivery: its status, a short excerpt of its answer, and the
    URL that finally answered (after same-host redirects)."""

    status: int
    excerpt: str
    url: str


class WebhookClient:
    """Blocking POSTs over the shared HTTP/1.1 connections, which it keeps between calls (on
    its own event loop) until :meth:`close`. ``timeout`` (seconds) bounds connecting and each
    read; ``ca_file`` and ``proxy`` are ``fetch.ca_file`` and ``fetch.proxy``."""

    def __init__(
        self, *, timeout: float, ca_file: str | None = None, proxy: str | None = None
    ) -> None:
        self._runner = asyncio.Runner()
        self._pool = ConnectionPool(
            connect_timeout=timeout,
            read_timeout=timeout,
            ssl_context=tls_context(ca_file),
            max_idle=4,
            proxies=Proxies(proxy),
        )
        self.is_closed = False

    def __enter__(self) -> WebhookClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if not self.is_closed:
            self.is_closed = True
            self._runner.run(self._pool.aclose())
            self._runner.close()

    def post(
        self, url: str, body: bytes, headers: Sequence[tuple[bytes, bytes]], timeout: float
    ) -> tuple[int, str, str | None, float | None]:
        """One POST, no redirect followed: status, excerpt of the answer, Location and
        Retry-After. Raises ``TransportError`` when no answer came, and ``TimeoutError``
        past ``timeout`` seconds in all."""
        return self._runner.run(asyncio.wait_for(self._post(url, body, headers), timeout))

    async def _post(
        self, url: str, body: bytes, headers: Sequence[tuple[bytes, bytes]]
    ) -> tuple[int, str, str | None, float | None]:
        resp = await self._pool.request(url, Target.parse(url), headers, method=b"POST", body=body)
        try:
            raw = b""
            async for chunk in resp.aiter_raw():  # raw: never inflate an answer to log it
                raw += chunk
                if len(raw) >= _READ_BYTES:
                    break
        finally:
            resp.close()
        excerpt = clean_line(raw.decode("utf-8", "replace"))[:EXCERPT_CHARS]
        return (
            resp.status,
            excerpt,
            resp.headers.get("location"),
            parse_retry_after(resp.headers.get("retry-after")),
        )


def match_item(item: DigestItem) -> dict[str, Any]:
    """One matched article as it appears in every payload, its title and passage capped."""
    evidence = dict(item.evidence)
    if isinstance(evidence.get("passage"), str):
        evidence["passage"] = capped(evidence["passage"], PASSAGE_CHARS)
    return {
        "topic": {"id": item.topic_id, "name": item.topic_name},
        "article": {
            "id": item.article_id,
            "url": item.url,
            "title": capped(item.title, TITLE_CHARS),
            "published": iso_utc(item.published),
            "sources": list(item.sources),
        },
        "score": round(float(item.score), 4),
        "reason": reason(item.evidence, item.topic_name),
        "evidence": evidence,
        # feedback links: signed, one item only, 30 days
        **(
            {
                "feedback": {
                    "relevant": item.feedback.relevant,
                    "irrelevant": item.feedback.irrelevant,
                }
            }
            if item.feedback
            else {}
        ),
    }


def match_payload(item: DigestItem, *, delivery_id: str) -> dict[str, Any]:
    """The body for an instant subscriber: one request per match."""
    return {"event": "match", "delivery_id": delivery_id, **match_item(item)}


def digest_payload(
    items: Sequence[DigestItem], *, delivery_id: str, since: datetime | None, now: datetime
) -> dict[str, Any]:
    """The body for a digest subscriber: one request per digest, items ranked by score."""
    ranked = sorted(items, key=lambda i: (-i.score, i.topic_id, i.article_id))
    return {
        "event": "digest",
        "delivery_id": delivery_id,
        "since": iso_utc(since),
        "until": iso_utc(now),
        "count": len(ranked),
        "items": [match_item(i) for i in ranked],
    }


def slack_body(
    items: Sequence[DigestItem], *, heading: str | None = None, cap: int = 20
) -> dict[str, str]:
    """A Slack/Mattermost incoming-webhook body: ``{"text": ...}`` in Slack's markup: per item
    (at most ``cap``) a line with its topic and linked title, the lead quoted with what matched
    in bold, and why it matched; untrusted text escaped as Slack requires."""
    ranked = sorted(items, key=lambda i: -i.score)
    lines = [f"*{_slack(heading)}*"] if heading else []
    for item in ranked[:cap]:
        title = _slack(capped(clean_line(item.title), TITLE_CHARS) or "(untitled)")
        if is_web_url(item.url.strip()):
            # In <url|text> the URL may not contain '|' or '>'; percent-encode them.
            url = clean_line(item.url).replace("|", "%7C").replace(">", "%3E")
            title = f"<{_slack(url)}|{title}>"
        sources = ", ".join(clean_line(s) for s in item.sources if s.strip())
        tail = f" ({_slack(sources)})" if sources else ""
        lines.append(
            f"[{_slack(clean_line(item.topic_name))}] {title}{tail} score {item.score:.2f}"
        )
        passage = lead(str(item.evidence.get("passage") or ""), item.title)
        if passage:
            names = [*names_found(item.evidence), item.topic_name]
            lines.append(
                "> "
                + "".join(
                    f"*{_slack(part)}*" if hit else _slack(part)
                    for part, hit in highlight(passage, names, width=SLACK_SNIPPET_CHARS)
                )
            )
        lines.append(f"_Why: {_slack(reason(item.evidence, item.topic_name))}_")
        if item.feedback:  # feedback links
            links = item.feedback
            lines.append(f"    <{links.relevant}|Relevant> · <{links.irrelevant}|Not relevant>")
    if len(ranked) > cap:
        lines.append(f"…and {len(ranked) - cap} more")
    return {"text": "\n".join(lines)}


def encode(payload: dict[str, Any]) -> bytes:
    """The exact bytes that are signed and sent."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode(
        "utf-8"
    )


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex HMAC-SHA256 of body>``, the X-Monitor-Signature header value."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str) -> bool:
    """Whether ``header`` is the signature of ``body`` (constant-time comparison)."""
    return hmac.compare_digest(sign(body, secret).encode(), header.strip().encode("utf-8"))


def post_webhook(
    url: str,
    body: bytes,
    *,
    secret: str | None,
    delivery_id: str,
    timeout: float,
    client: WebhookClient | None = None,
    ca_file: str | None = None,
    proxy: str | None = None,
) -> WebhookResult:
    """POST ``body`` to ``url``. Returns on 2xx; raises ``WebhookError`` (a DeliveryError)
    otherwise: 408, 429, 5xx, timeouts and connection errors are temporary, other 4xx and
    redirects to another host are permanent. Same-host redirects are followed (at most 3), all
    within the one ``timeout``: it bounds the whole delivery, not each request or read.
    Without a ``client``, one is made for this call with ``ca_file`` and ``proxy``. Error
    messages name the endpoint by scheme and host only: a chat webhook's path is its credential,
    and the message is logged and stored."""
    headers = [
        (b"Content-Type", b"application/json"),
        (b"User-Agent", PRODUCT.encode()),
        (b"X-Monitor-Delivery", delivery_id.encode()),
        (b"Accept-Encoding", b"identity"),  # the answer's excerpt is logged; keep it readable
    ]
    if secret:
        headers.append((b"X-Monitor-Signature", sign(body, secret).encode()))
    own = client is None
    http = (
        client
        if client is not None
        else WebhookClient(timeout=timeout, ca_file=ca_file, proxy=proxy)
    )
    deadline = time.monotonic() + timeout
    try:
        target = url
        for _ in range(MAX_REDIRECTS + 1):
            status, excerpt, location, retry_after = _post_once(
                http, target, body, headers, timeout, deadline
            )
            if status in _REPOST and location:
                try:
                    nxt = str(httpx.URL(target).join(location))
                except httpx.InvalidURL as exc:
                    raise WebhookError(
                        f"{redact_endpoint(url)} redirected to an unusable URL: {location!r}",
                        permanent=True,
                        status=status,
                    ) from exc
                if _origin(nxt) != _origin(url):
                    raise WebhookError(
                        f"{redact_endpoint(url)} redirected to another host: {nxt}",
                        permanent=True,
                        status=status,
                    )
                target = nxt
                continue
            if 200 <= status < 300:
                return WebhookResult(status=status, excerpt=excerpt, url=target)
            raise _failure(target, status, excerpt, retry_after)
        raise WebhookError(
            f"{redact_endpoint(url)}: more than {MAX_REDIRECTS} redirects", permanent=True
        )
    finally:
        if own:
            http.close()


def iso_utc(moment: datetime | None) -> str | None:
    """ISO-8601 in UTC with a ``Z``; naive values are taken as UTC (how the store keeps them)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _post_once(
    http: WebhookClient,
    url: str,
    body: bytes,
    headers: Sequence[tuple[bytes, bytes]],
    timeout: float,
    deadline: float,
) -> tuple[int, str, str | None, float | None]:
    try:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return http.post(url, body, headers, left)
    except TransportError as exc:
        if exc.code == "invalid-url":
            raise WebhookError(
                f"{redact_endpoint(url)}: unusable URL: {exc}", permanent=True
            ) from exc
        # Refused, reset, DNS, TLS, protocol, proxy, a read timing out: all may pass. Named
        # as exceptions (ConnectError, TimeoutError...) as the delivery log has named them.
        kind = "".join(part.capitalize() for part in exc.code.split("-")) + "Error"
        raise WebhookError(f"{redact_endpoint(url)}: {kind}: {exc}") from exc
    except TimeoutError as exc:
        raise WebhookError(f"{redact_endpoint(url)}: timed out after {timeout:g} s") from exc


def _failure(url: str, status: int, excerpt: str, retry_after: float | None) -> WebhookError:
    temporary = status in (408, 429) or status >= 500
    message = f"{redact_endpoint(url)} answered {status}" + (f": {excerpt}" if excerpt else "")
    return WebhookError(
        message,
        permanent=not temporary,
        retry_after=retry_after if temporary else None,
        status=status,
        excerpt=excerpt,
    )


def _origin(url: str) -> tuple[str, str, int | None]:
    parsed = httpx.URL(url)
    default = {"http": 80, "https": 443}.get(parsed.scheme)
    return parsed.scheme, parsed.host, parsed.port or default


def _slack(text: str) -> str:
    """Slack's escaping: only &, < and > are control characters in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
