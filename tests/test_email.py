"""Digest mail against a real aiosmtpd server on 127.0.0.1: MIME content and headers, STARTTLS,
implicit TLS, AUTH, and how server answers and network faults are classified."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from monitor.config.models import DigestConfig
from monitor.deliver.digest import DigestItem, RenderedDigest, render_digest
from monitor.deliver.email import (
    SmtpSettings,
    build_digest_message,
    send_message,
    write_eml,
)
from monitor.errors import DeliveryError
from tests.certs import LocalCA, make_local_ca
from tests.drip_server import DripServer
from tests.smtp_server import SmtpServer, free_port

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SENDER = "monitor@monitor.test"
TO = "ann@example.org"


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> LocalCA:
    return make_local_ca(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def rendered() -> RenderedDigest:
    items = [
        DigestItem(
            "yarmouk",
            "Yarmūk Valley",
            "a1",
            "https://news.example/1",
            "Shelling <near> the valley",
            NOW - timedelta(hours=2),
            ("Reuters",),
            0.8,
            {"passage": "Shelling hit the Yarmouk Valley overnight.", "alias": "Yarmouk Valley"},
        ),
        DigestItem(
            "jkbw",
            "Jaish Khalid bin al-Waleed",
            "a2",
            "https://news.example/2",
            "Group remnants surrender",
            NOW - timedelta(hours=5),
            ("AP",),
            0.7,
            {"passage": "Jaish Khalid bin al-Waleed remnants surrendered.", "alias": None},
        ),
    ]
    return render_digest(
        TO,
        items,
        timezone="Europe/Berlin",
        since=NOW - timedelta(days=1),
        now=NOW,
        cap_per_topic=DigestConfig().max_per_topic,
    )


@pytest.fixture
def message(rendered: RenderedDigest) -> EmailMessage:
    return build_digest_message(
        rendered,
        sender=f"Monitor <{SENDER}>",
        to=TO,
        delivery_id="d-20261125-0001",
        domain="monitor.test",
    )


@pytest.fixture
def plain_server() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


def settings_for(server: SmtpServer, **overrides: object) -> SmtpSettings:
    values: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "security": "none",
        "sender": SENDER,
        "timeout": 5.0,
    }
    values.update(overrides)
    return SmtpSettings(**values)  # type: ignore[arg-type]


def test_plain_send_delivers_multipart_digest(
    plain_server: SmtpServer, message: EmailMessage, rendered: RenderedDigest
) -> None:
    answer = send_message(message, settings_for(plain_server))
    assert answer == "250 2.0.0 Ok: queued as Q1"
    [got] = plain_server.received
    assert got.mail_from == SENDER and got.rcpt_tos == (TO,)
    mail = got.message
    assert mail.get_content_type() == "multipart/alternative"
    assert mail["Message-ID"] == "<d-20261125-0001@monitor.test>"
    assert mail["X-Monitor-Delivery"] == "d-20261125-0001"
    assert mail["Subject"] == rendered.subject
    assert "Yarmūk Valley" in mail["Subject"]  # non-ASCII survives RFC 2047 encoding
    assert mail["To"] == TO and mail["From"] == f"Monitor <{SENDER}>"
    assert mail["Auto-Submitted"] == "auto-generated"
    sent = parsedate_to_datetime(mail["Date"])
    assert abs((sent - datetime.now(UTC)).total_seconds()) < 120
    text_part, html_part = mail.iter_parts()
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    text, html = text_part.get_content(), html_part.get_content()
    assert "* Shelling <near> the valley" in text
    assert "Shelling &lt;near&gt; the valley" in html and "<near>" not in html
    assert "<mark" in html and 'href="https://news.example/1"' in html
    assert text.replace("\r\n", "\n") == rendered.text
    assert html.replace("\r\n", "\n") == rendered.html


def test_starttls_with_auth(cert: LocalCA, message: EmailMessage) -> None:
    with SmtpServer(mode="starttls", cert=cert, users={"alice": "s3cret"}) as server:
        settings = settings_for(
            server,
            security="starttls",
            username="alice",
            password="s3cret",
            cafile=str(cert.ca_file),
        )
        assert send_message(message, settings).startswith("250 ")
        [got] = server.received
        assert got.login == "alice"
        assert got.message["X-Monitor-Delivery"] == "d-20261125-0001"


def test_wrong_password_is_permanent(cert: LocalCA, message: EmailMessage) -> None:
    with SmtpServer(mode="starttls", cert=cert, users={"alice": "s3cret"}) as server:
        settings = settings_for(
            server,
            security="starttls",
            username="alice",
            password="wrong",
            cafile=str(cert.ca_file),
        )
        with pytest.raises(DeliveryError) as info:
            send_message(message, settings)
        assert info.value.permanent and "535" in str(info.value)
        assert server.received == []


def test_server_requiring_auth_refuses_anonymous_mail(cert: LocalCA, message: EmailMessage) -> None:
    with SmtpServer(mode="starttls", cert=cert, users={"alice": "s3cret"}) as server:
        with pytest.raises(DeliveryError) as info:
            send_message(
                message, settings_for(server, security="starttls", cafile=str(cert.ca_file))
            )
        assert info.value.permanent and "530" in str(info.value)


def test_untrusted_certificate_is_a_temporary_tls_failure(
    cert: LocalCA, message: EmailMessage
) -> None:
    with SmtpServer(mode="starttls", cert=cert) as server:
        with pytest.raises(DeliveryError) as info:
            send_message(message, settings_for(server, security="starttls"))
        assert not info.value.permanent and "TLS" in str(info.value)
        # verify=False is the escape hatch for a self-signed local relay.
        send_message(message, settings_for(server, security="starttls", verify=False))
        assert len(server.received) == 1


def test_implicit_tls(cert: LocalCA, message: EmailMessage) -> None:
    with SmtpServer(mode="ssl", cert=cert) as server:
        assert send_message(
            message, settings_for(server, security="ssl", cafile=str(cert.ca_file))
        ).startswith("250 ")
        assert len(server.received) == 1


@pytest.mark.parametrize(
    ("where", "reply", "permanent"),
    [
        ("rcpt", "451 4.3.0 Mailbox temporarily unavailable", False),
        ("rcpt", "550 5.1.1 <ann@example.org>: Recipient address rejected", True),
        ("data", "452 4.3.1 Insufficient system storage", False),
        ("data", "554 5.7.1 Message rejected as spam", True),
    ],
)
def test_server_answers_are_classified(
    message: EmailMessage, where: str, reply: str, permanent: bool
) -> None:
    rcpt, data = (reply, None) if where == "rcpt" else (None, reply)
    with SmtpServer(reject_rcpt=rcpt, reject_data=data) as server:
        with pytest.raises(DeliveryError) as info:
            send_message(message, settings_for(server))
        assert info.value.permanent is permanent
        assert reply in str(info.value)  # the server's own words are kept for the log
        assert server.received == []


def test_connection_refused_is_temporary(message: EmailMessage) -> None:
    settings = SmtpSettings(
        host="127.0.0.1", port=free_port(), security="none", sender=SENDER, timeout=5
    )
    with pytest.raises(DeliveryError) as info:
        send_message(message, settings)
    assert not info.value.permanent and "ConnectionRefusedError" in str(info.value)


def test_silent_server_times_out_as_temporary(message: EmailMessage) -> None:
    # A listening socket that never accepts: the TCP connect succeeds, no greeting comes.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        settings = SmtpSettings(
            host="127.0.0.1",
            port=listener.getsockname()[1],
            security="none",
            sender=SENDER,
            timeout=0.5,
        )
        with pytest.raises(DeliveryError) as info:
            send_message(message, settings)
    assert not info.value.permanent and "timed out" in str(info.value)


def test_message_id_needs_a_plain_delivery_id(rendered: RenderedDigest) -> None:
    with pytest.raises(DeliveryError, match="delivery id"):
        build_digest_message(
            rendered, sender=SENDER, to=TO, delivery_id="a b>c", domain="monitor.test"
        )


def test_write_eml_is_atomic_and_idempotent(
    tmp_path: Path, message: EmailMessage, rendered: RenderedDigest
) -> None:
    outbox = tmp_path / "outbox"
    first = write_eml(message, outbox)
    second = write_eml(message, outbox)
    assert first == second == outbox / "d-20261125-0001.eml"
    assert sorted(p.name for p in outbox.iterdir()) == ["d-20261125-0001.eml"]
    parsed = message_from_bytes(first.read_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == "<d-20261125-0001@monitor.test>"
    assert parsed["Subject"] == rendered.subject


def test_a_server_dripping_its_answers_fails_within_the_timeout(message: EmailMessage) -> None:
    # One byte every 0.2 s: no single read ever times out, the greeting alone takes 40 s.
    with DripServer(b"220 " + b"x" * 200 + b"\r\n", interval=0.2, read_first=False) as srv:
        settings = SmtpSettings(
            host="127.0.0.1", port=srv.port, security="none", sender=SENDER, timeout=1
        )
        with pytest.raises(DeliveryError) as info:
            send_message(message, settings)
    assert not info.value.permanent and "timed out after 1 s in all" in str(info.value)
    # It hung up after about a second's bytes (5, and the few sent before it noticed), not 40 s.
    assert srv.sent < 50, srv.sent
