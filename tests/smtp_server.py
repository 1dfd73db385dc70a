"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 in a background thread.

Modes: ``plain``; ``starttls`` (a test CA's certificate, STARTTLS and AUTH required); ``ssl``
(implicit TLS). ``reject_rcpt`` / ``reject_data`` make the server answer RCPT or DATA with the
given reply (e.g. ``"451 4.3.0 Try again later"``) instead of accepting. ``refuse_containing``
refuses (554, a content filter) any message with those bytes. ``drop_after_data`` keeps the
next message and then hangs up before answering DATA, as a server does that crashes or loses its
connection right after queueing: the client cannot know the message arrived.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.certs import LocalCA


@dataclass(frozen=True)
class Received:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    login: str | None

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


def free_port() -> int:
    """A port nothing listens on right now (aiosmtpd's Controller cannot take port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class _Handler:
    reject_rcpt: str | None = None
    reject_data: str | None = None
    drop_after_data: bool = False
    refuse_containing: bytes | None = None
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if self.reject_rcpt:
            return self.reject_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.reject_data:
            return self.reject_data
        if self.refuse_containing and self.refuse_containing in envelope.content:
            return "554 5.7.1 Message content rejected"
        auth = session.auth_data
        login = auth.login.decode() if isinstance(auth, LoginPassword) else None
        self.received.append(
            Received(
                envelope.mail_from,
                tuple(envelope.rcpt_tos),
                envelope.original_content or envelope.content,
                login,
            )
        )
        if self.drop_after_data:
            self.drop_after_data = False
            server.transport.close()
        return f"250 2.0.0 Ok: queued as Q{len(self.received)}"


class SmtpServer:
    """Context manager: ``with SmtpServer() as srv: ... srv.received``."""

    def __init__(
        self,
        *,
        mode: Literal["plain", "starttls", "ssl"] = "plain",
        cert: LocalCA | None = None,
        users: dict[str, str] | None = None,
        reject_rcpt: str | None = None,
        reject_data: str | None = None,
        port: int | None = None,
    ) -> None:
        self.mode = mode
        self.users = users or {}
        self.handler = _Handler(reject_rcpt=reject_rcpt, reject_data=reject_data)
        self.host = "127.0.0.1"
        self.port = port or free_port()
        kwargs: dict[str, Any] = {}
        if mode != "plain":
            if cert is None:
                raise ValueError(f"mode {mode} needs a certificate")
            context = cert.server_context()
            if mode == "starttls":
                kwargs.update(tls_context=context, require_starttls=True)
            else:
                kwargs.update(ssl_context=context)
        if self.users:
            kwargs.update(
                authenticator=self._authenticate,
                auth_required=True,
                auth_require_tls=mode != "plain",
            )
        self.controller = Controller(
            self.handler, hostname=self.host, port=self.port, server_hostname="mx.test", **kwargs
        )

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and self.users.get(auth_data.login.decode()) == auth_data.password.decode()
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
