"""E-mails are rendered from one place, recorded, and sent by a task after commit."""

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from mediation.notifications import services
from mediation.notifications.models import EmailStatus, OutboundEmail

pytestmark = pytest.mark.django_db


def test_an_email_is_recorded_and_sent_after_commit(
    make_case: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email = services.email_queue(
            template="mediation_requested_la",
            to=["SEN@LA.example", "sen@la.example"],
            context={"case": case, "matters": list(case.matters.all())},
            case=case,
        )
    assert email is not None
    assert email.to == ["sen@la.example"]  # normalised and de-duplicated
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    assert case.reference in mail.outbox[0].subject
    assert "Sam Morgan" in mail.outbox[0].body


def test_no_address_means_nothing_is_queued(make_case: Any) -> None:
    assert services.email_queue(template="mias_booked", to=["", " "], context={}) is None
    assert not OutboundEmail.objects.exists()


def test_delivery_is_idempotent_and_attaches_files(make_case: Any) -> None:
    path = default_storage.save("test/certificate.pdf", ContentFile(b"%PDF-1.7 test"))
    case = make_case()
    email = services.email_queue(
        template="mediation_requested_la",
        to=["a@la.example"],
        context={"case": case, "matters": []},
        case=case,
        attachments=[{"name": "certificate.pdf", "path": path, "mimetype": "application/pdf"}],
    )
    assert email is not None
    services.email_deliver(email_id=str(email.pk))
    services.email_deliver(email_id=str(email.pk))
    assert len(mail.outbox) == 1
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert (name, mimetype) == ("certificate.pdf", "application/pdf")
    assert content == b"%PDF-1.7 test"


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, _Inbox]]:
    """A real SMTP server on loopback (aiosmtpd)."""
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def test_production_style_smtp_delivery(make_case: Any, smtp_server: Any) -> None:
    port, inbox = smtp_server
    case = make_case()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    with override_settings(MAILERS=mailers):
        email = services.email_queue(
            template="mediation_requested_la",
            to=["sen@la.example"],
            context={"case": case, "matters": list(case.matters.all())},
            case=case,
        )
        assert email is not None
        services.email_deliver(email_id=str(email.pk))
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["sen@la.example"]
    assert case.reference.encode() in envelope.content


def test_a_failed_send_is_recorded_for_retry(make_case: Any) -> None:
    case = make_case()
    port = _free_port()  # nothing listens here
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    email = services.email_queue(
        template="mediation_requested_la",
        to=["sen@la.example"],
        context={"case": case, "matters": []},
        case=case,
    )
    assert email is not None
    with override_settings(MAILERS=mailers), pytest.raises(ConnectionRefusedError):
        services.email_deliver(email_id=str(email.pk))
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
