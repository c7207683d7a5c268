"""Sending e-mail: render a template from the one place templates live, record it, send it later.

Templates are in `jinja2/notifications/email/<name>.subject.txt` and `<name>.txt`. A message is
rendered and stored when the service decides to send it, and delivered by a task after the
transaction commits, so a failure to send never loses the decision (or the message: it can be
retried).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from mediation.core.branding import brand
from mediation.notifications.models import EmailStatus, OutboundEmail

if TYPE_CHECKING:
    from mediation.cases.models import Case

TEMPLATE_DIR = "notifications/email"


def _context(context: Mapping[str, object]) -> dict[str, object]:
    return {
        "service_name": settings.SERVICE_NAME,
        "service_provider_name": settings.SERVICE_PROVIDER_NAME,
        "service_phone": settings.SERVICE_PHONE,
        "service_email": settings.SERVICE_EMAIL,
        "site_url": settings.SITE_URL.rstrip("/"),
        "brand": brand(),
        **context,
    }


def email_render(*, template: str, context: Mapping[str, object]) -> tuple[str, str]:
    """The subject (one line) and plain-text body of a templated e-mail."""
    full = _context(context)
    subject = render_to_string(f"{TEMPLATE_DIR}/{template}.subject.txt", full)
    body = render_to_string(f"{TEMPLATE_DIR}/{template}.txt", full)
    return " ".join(subject.split()), body.strip() + "\n"


def email_queue(
    *,
    template: str,
    to: Iterable[str],
    context: Mapping[str, object],
    case: Case | None = None,
    attachments: Iterable[Mapping[str, str]] = (),
) -> OutboundEmail | None:
    """Render and record an e-mail now; send it once the current transaction commits.

    Returns None (and records nothing) when there is no address to send to.
    """
    recipients = sorted({address.strip().lower() for address in to if address and address.strip()})
    if not recipients:
        return None
    subject, body = email_render(template=template, context=context)
    email = OutboundEmail.objects.create(
        template=template,
        to=recipients,
        subject=subject,
        body=body,
        case_id_ref=getattr(case, "pk", None),
        attachments=[dict(a) for a in attachments],
    )
    from mediation.notifications.tasks import send_email_task

    email_id = str(email.pk)
    transaction.on_commit(lambda: send_email_task.enqueue(email_id))
    return email


def email_deliver(*, email_id: str) -> OutboundEmail:
    """Send a recorded e-mail (idempotent: a sent e-mail is not sent twice).

    A failure is recorded on the e-mail (outside the rolled-back transaction) and re-raised, so
    the task is marked failed and the e-mail can be retried.
    """
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.select_for_update().get(pk=email_id)
            if email.status == EmailStatus.SENT:
                return email
            message = EmailMessage(
                subject=email.subject,
                body=email.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=list(email.to),
                reply_to=[settings.SERVICE_EMAIL],
            )
            for attachment in email.attachments:
                with default_storage.open(attachment["path"], "rb") as handle:
                    message.attach(attachment["name"], handle.read(), attachment["mimetype"])
            message.send()
            email.attempts += 1
            email.status = EmailStatus.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["status", "attempts", "last_error", "sent_at", "updated_at"])
            return email
    except Exception as exc:
        OutboundEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.FAILED,
            attempts=F("attempts") + 1,
            last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
            updated_at=timezone.now(),
        )
        raise
