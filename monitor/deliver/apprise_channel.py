"""The Apprise channel: a subscriber's ``apprise:`` URLs (Telegram, Teams, Discord, Matrix, ntfy
and 100+ more services, https://github.com/caronc/apprise) receive the text digest or alert.

A delivery goes to every URL. Apprise reports only success or failure per URL, with no
idempotency key a service could drop a repeat by, so each URL that accepted a delivery is
remembered under its delivery id: a retry after a partial failure sends to the others only.
(A crash between sending and recording re-sends, as on every channel.) Failures are temporary:
retried with backoff until the give-up time. URLs are never shown, only their scheme, because
their tokens sit anywhere in them.
"""

from __future__ import annotations

import logging
from collections.abc import MutableSet, Sequence

from monitor.config.models import apprise_endpoint
from monitor.errors import DeliveryError

_LAST_LINES = 2  # of Apprise's own log, kept as the reason of a failure


def send_apprise(urls: Sequence[str], *, title: str, body: str, accepted: MutableSet[int]) -> str:
    """Send to each of ``urls`` not in ``accepted`` (indexes), adding those that accept.
    Returns what happened; raises a temporary DeliveryError naming the URLs that failed."""
    import apprise  # only subscribers with Apprise URLs pay for its import

    failed: list[str] = []
    for index, url in enumerate(urls):
        if index in accepted:
            continue
        notifier = apprise.Apprise()
        shown = apprise_endpoint(url)
        if not notifier.add(url):
            failed.append(f"{shown}: not a URL Apprise can send to")
            continue
        with apprise.LogCapture(level=logging.WARNING) as log:  # type: ignore[no-untyped-call]
            ok = notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
        if ok:
            accepted.add(index)
            continue
        lines = [line.split(" - ", 2)[-1] for line in log.getvalue().splitlines() if line]
        reason = " ".join(lines[-_LAST_LINES:]) or "refused"
        failed.append(f"{shown}: {_scrub(reason, url)}")
    if failed:
        raise DeliveryError("apprise: " + "; ".join(failed))
    return f"{len(urls)} of {len(urls)} Apprise URLs accepted"


def _scrub(text: str, url: str) -> str:
    """Apprise's message without any long piece of the URL (a token it may have quoted)."""
    rest = url.partition("://")[2]
    for piece in sorted(set(_pieces(rest)), key=len, reverse=True):
        text = text.replace(piece, "***")
    return text


def _pieces(rest: str) -> list[str]:
    out = []
    for sep in "/?&=@:#":
        rest = rest.replace(sep, " ")
    for piece in rest.split():
        if len(piece) >= 16:  # tokens are long; most host names and ports stay readable
            out.append(piece)
    return out
