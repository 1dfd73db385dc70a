"""Digest mail: build a multipart/alternative message, send it over SMTP, keep an .eml copy.

``send_message`` returns the server's answer to DATA (the proof of acceptance the outbox
records) and raises ``DeliveryError`` classified once here: 5xx answers are permanent, 4xx
answers, refused connections, timeouts and dropped connections are temporary. ``timeout``
bounds the whole exchange, not each read: smtplib's own timeout is per socket operation, so a
server answering a byte at a time would otherwise hold a send (and the outbox) for hours.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import smtplib
import socket
import ssl
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, getaddresses
from pathlib import Path
from typing import Literal

from monitor import __version__
from monitor.deliver.digest import RenderedDigest
from monitor.errors import DeliveryError

Security = Literal["starttls", "ssl", "none"]
_DELIVERY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


@dataclass(frozen=True, kw_only=True)
class SmtpSettings:
    """How to reach the mail server. ``password`` is already resolved from the environment by
    the config loader, whose ``SmtpConfig`` holds the defaults. ``cafile`` trusts an extra CA
    (a private or test server); ``verify=False`` skips certificate checks entirely and is meant
    only for a self-signed local relay."""

    host: str
    port: int
    security: Security
    username: str | None = None
    password: str | None = None
    sender: str = ""
    timeout: float
    cafile: str | None = None
    verify: bool = True


def build_digest_message(
    rendered: RenderedDigest, *, sender: str, to: str | Sequence[str], delivery_id: str, domain: str
) -> EmailMessage:
    """A text + HTML message whose Message-ID and X-Monitor-Delivery carry ``delivery_id``, so a
    receiver can drop the duplicate left by a crash between send and mark."""
    if not _DELIVERY_ID.fullmatch(delivery_id):
        raise DeliveryError(
            f"delivery id not usable in a Message-ID: {delivery_id!r}", permanent=True
        )
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["Subject"] = rendered.subject
    msg["From"] = sender
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = f"<{delivery_id}@{domain}>"
    msg["X-Monitor-Delivery"] = delivery_id
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation responders stay quiet
    msg["X-Mailer"] = f"monitor/{__version__}"
    msg.set_content(rendered.text, cte="quoted-printable")
    msg.add_alternative(rendered.html, subtype="html", cte="quoted-printable")
    return msg


def send_message(msg: EmailMessage, settings: SmtpSettings) -> str:
    """Send ``msg`` to its To/Cc/Bcc recipients; return the server's answer to DATA."""
    sender = settings.sender or _first_address(msg.get_all("From", []))
    recipients = [
        a
        for _, a in getaddresses([str(v) for f in ("To", "Cc", "Bcc") for v in msg.get_all(f, [])])
        if a
    ]
    if not recipients:
        raise DeliveryError("message has no recipients", permanent=True)
    if msg["Bcc"] is not None:
        msg = copy.copy(msg)
        del msg["Bcc"]
    payload = msg.as_bytes(policy=SMTP_POLICY)
    where = f"{settings.host}:{settings.port}"
    deadline = _Deadline(settings.timeout)
    try:
        with deadline:
            smtp = _connect(settings, deadline)
            try:
                return _transact(smtp, settings, sender, recipients, payload)
            finally:
                _quit(smtp)
    except (smtplib.SMTPException, OSError) as exc:
        if deadline.expired:  # whatever the cut connection raised, the cause is the deadline
            raise DeliveryError(f"{where} timed out after {settings.timeout:g} s in all") from exc
        raise _classified(where, exc) from exc


def _classified(where: str, exc: smtplib.SMTPException | OSError) -> DeliveryError:
    """The DeliveryError for what smtplib raised: permanent only for 5xx answers."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        detail = "; ".join(f"{r}: {c} {_text(a)}" for r, (c, a) in exc.recipients.items())
        return DeliveryError(
            f"{where} refused recipients: {detail}", permanent=all(c >= 500 for c in codes)
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError(f"{where}: {exc}", permanent=True)
    if isinstance(exc, smtplib.SMTPResponseException):  # sender/data/auth/helo/connect answers
        return DeliveryError(
            f"{where} answered {exc.smtp_code} {_text(exc.smtp_error)}",
            permanent=exc.smtp_code >= 500,
        )
    if isinstance(exc, ssl.SSLError):
        # Certificate and handshake problems: usually configuration, but the outbox's give-up
        # time bounds the retries and a fixed certificate then goes through without loss.
        return DeliveryError(f"{where} TLS failed: {exc}")
    # Refused, timeout, reset, disconnected.
    return DeliveryError(f"{where} unreachable: {type(exc).__name__}: {exc}")


class _Deadline:
    """Cuts the connection of an SMTP exchange still running ``seconds`` after it began.

    smtplib blocks in socket reads whose timeout restarts with every byte; shutting the socket
    down from a timer thread wakes the blocked read at once, whatever smtplib was doing. The
    connection is looked up when the timer fires, as STARTTLS replaces the socket object.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._lock = threading.Lock()
        self._smtp: smtplib.SMTP | None = None
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, smtp: smtplib.SMTP) -> None:
        with self._lock:
            self._smtp = smtp
            if self.expired:
                self._cut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._cut()

    def _cut(self) -> None:
        sock = self._smtp.sock if self._smtp is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed: nothing left to wake
                sock.shutdown(socket.SHUT_RDWR)


def write_eml(msg: EmailMessage, outbox_dir: Path) -> Path:
    """Write ``msg`` as ``<delivery id>.eml`` atomically; writing it again replaces the file."""
    delivery_id = str(msg["X-Monitor-Delivery"] or "")
    if not _DELIVERY_ID.fullmatch(delivery_id):
        raise DeliveryError(
            f"message has no usable X-Monitor-Delivery header: {delivery_id!r}", permanent=True
        )
    outbox_dir.mkdir(parents=True, exist_ok=True)
    target = outbox_dir / f"{delivery_id}.eml"
    fd, tmp = tempfile.mkstemp(dir=outbox_dir, prefix=".tmp-", suffix=".eml")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(msg.as_bytes(policy=SMTP_POLICY))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """The client TLS context: system CAs plus ``cafile``; no checks when ``verify`` is off."""
    context = ssl.create_default_context(cafile=settings.cafile)
    if not settings.verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _connect(settings: SmtpSettings, deadline: _Deadline) -> smtplib.SMTP:
    # Made without a host, then watched, then connected: the greeting falls under the deadline.
    smtp = (
        smtplib.SMTP_SSL(timeout=settings.timeout, context=tls_context(settings))
        if settings.security == "ssl"
        else smtplib.SMTP(timeout=settings.timeout)
    )
    # The name TLS checks (SMTP_SSL, STARTTLS) is smtplib's ``_host``, which only a constructor
    # that also connects sets (and typeshed does not declare): set it as that constructor would.
    vars(smtp)["_host"] = settings.host
    deadline.watch(smtp)
    try:
        smtp.connect(settings.host, settings.port)
        if settings.security == "starttls":
            smtp.ehlo()
            smtp.starttls(context=tls_context(settings))
            smtp.ehlo()
        elif settings.security not in ("none", "ssl"):
            raise DeliveryError(f"unknown SMTP security {settings.security!r}", permanent=True)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _transact(
    smtp: smtplib.SMTP, settings: SmtpSettings, sender: str, recipients: list[str], payload: bytes
) -> str:
    """One mail transaction, spelled out (not ``sendmail``) to keep the answer to DATA."""
    smtp.ehlo_or_helo_if_needed()
    if settings.username:
        smtp.login(settings.username, settings.password or "")
    code, answer = smtp.mail(sender)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, answer, sender)
    refused = {}
    for rcpt in recipients:
        code, answer = smtp.rcpt(rcpt)
        if code not in (250, 251):
            refused[rcpt] = (code, answer)
    if len(refused) == len(recipients):
        raise smtplib.SMTPRecipientsRefused(refused)
    code, answer = smtp.data(payload)
    if code != 250:
        raise smtplib.SMTPDataError(code, answer)
    return f"{code} {_text(answer)}"


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye; a failure here must not turn an accepted message into a failed one."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _first_address(values: Sequence[str]) -> str:
    found = [a for _, a in getaddresses([str(v) for v in values]) if a]
    if not found:
        raise DeliveryError("message has no sender", permanent=True)
    return found[0]


def _text(answer: bytes | str) -> str:
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
    return " ".join(text.split())
