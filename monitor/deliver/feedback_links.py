"""Signed feedback links: the Relevant / Not relevant URLs of every digest item and webhook.

A link is ``<server.public_url>/feedback/<token>``. The token names the subscriber, article,
topic and verdict, carries its time of issue and is signed (HMAC-SHA256, itsdangerous) with
the server's secret: the signature is the credential, for that one item only, so the link works
without a login and cannot be turned into another. It expires after ``LINK_TTL_S``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

if TYPE_CHECKING:
    from monitor.config.models import ServerConfig
    from monitor.store import Store

LINK_TTL_S = 30 * 86400
_SALT = "monitor.feedback-link"


@dataclass(frozen=True)
class FeedbackUrls:
    relevant: str
    irrelevant: str


@dataclass(frozen=True)
class FeedbackClaim:
    """What a valid token says."""

    subscriber: str
    article_id: str
    topic_id: str
    relevant: bool


class InvalidLink(Exception):
    """A forged, tampered or malformed token (``expired`` False) or an old one (True)."""

    def __init__(self, reason: str, *, expired: bool = False) -> None:
        super().__init__(reason)
        self.expired = expired


class FeedbackLinks:
    def __init__(self, secret: str, base_url: str) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt=_SALT)
        self.base_url = base_url.rstrip("/")

    def token(self, claim: FeedbackClaim) -> str:
        return str(
            self._signer.dumps(
                [claim.subscriber, claim.article_id, claim.topic_id, int(claim.relevant)]
            )
        )

    def urls(self, subscriber: str, article_id: str, topic_id: str) -> FeedbackUrls:
        def url(relevant: bool) -> str:
            claim = FeedbackClaim(subscriber, article_id, topic_id, relevant)
            return f"{self.base_url}/feedback/{self.token(claim)}"

        return FeedbackUrls(relevant=url(True), irrelevant=url(False))

    def verify(self, token: str, max_age_s: int = LINK_TTL_S) -> FeedbackClaim:
        try:
            value = self._signer.loads(token, max_age=max_age_s)
        except SignatureExpired:
            raise InvalidLink("this feedback link has expired", expired=True) from None
        except BadSignature:
            raise InvalidLink("this feedback link is not valid") from None
        if (
            not isinstance(value, list)
            or len(value) != 4
            or not all(isinstance(v, str) for v in value[:3])
            or value[3] not in (0, 1)
        ):
            raise InvalidLink("this feedback link is not valid")
        return FeedbackClaim(value[0], value[1], value[2], bool(value[3]))


def links_for(server: ServerConfig, store: Store) -> FeedbackLinks:
    """The links of this server: signed with ``server.secret``, else with the random key kept
    in the database (made on first use)."""
    secret = server.secret.get_secret_value() if server.secret else store.review.server_secret()
    return FeedbackLinks(secret, server.base_url())
