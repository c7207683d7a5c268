"""Turning referrals into cases: online (with spam checks that hold, never drop), staff-entered,
and held referrals that staff release; and the e-mails that confirm a referral.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from mediation.cases.choices import Channel, Stage
from mediation.cases.services import ReferralInput, case_create
from mediation.core.errors import ApplicationError, ConflictError
from mediation.directory import selectors as directory_selectors
from mediation.intake import selectors, steps
from mediation.intake.models import HeldReason, HeldReferral, HeldStatus
from mediation.notifications.services import email_queue

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case
    from mediation.directory.models import Service

# At most this many online referrals from one internet address in RATE_WINDOW seconds; more are
# held for review (a family centre or school may share an address, so they are never refused).
RATE_LIMIT = int(getattr(settings, "INTAKE_REFERRALS_PER_HOUR", 5))
RATE_WINDOW = 60 * 60


def ip_hash(client_ip: str) -> str:
    """A keyed hash of an internet address: enough to count and compare, not to recover it."""
    return salted_hmac(
        "mediation.intake.client-ip", client_ip or "unknown", algorithm="sha256"
    ).hexdigest()


def _rate_limit_reached(hashed_ip: str) -> bool:
    """Count one more referral from this address; True if it is over the hourly limit."""
    key = f"intake:referrals:{hashed_ip}"
    cache.add(key, 0, timeout=RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


@dataclass(frozen=True)
class SendOutcome:
    """What became of an online referral: a case, or a referral held for review."""

    case: Case | None = None
    held: HeldReferral | None = None


def _service_for_answers(answers: steps.Answers) -> Service | None:
    la_id = (answers.get("local-authority", {}).get("local_authority") or [""])[0]
    if not la_id:
        return None
    try:
        la = directory_selectors.organisation_get(organisation_id=la_id)
    except (ValueError, TypeError, ValidationError):  # a spam bot's idea of an id
        return None
    if la is None:
        return None
    return directory_selectors.service_for_local_authority(local_authority=la)


def held_referral_create(
    *, answers: steps.Answers, reason: str, hashed_ip: str, replaces_id: str = ""
) -> HeldReferral:
    """Hold a referral for review. Sent again from the same browser while still held, it
    updates that one rather than giving staff two to review."""
    service = _service_for_answers(answers)
    if replaces_id:
        earlier = (
            HeldReferral.objects.select_for_update()
            .filter(pk=replaces_id, status=HeldStatus.HELD)
            .first()
        )
        if earlier is not None:
            earlier.answers, earlier.reason, earlier.service = answers, reason, service
            earlier.save(update_fields=["answers", "reason", "service", "updated_at"])
            return earlier
    return HeldReferral.objects.create(
        answers=answers, reason=reason, ip_hash=hashed_ip, service=service
    )


@transaction.atomic
def referral_send(
    *,
    answers: steps.Answers,
    client_ip: str,
    honeypot_filled: bool,
    previously_held_id: str = "",
) -> SendOutcome:
    """Send an online referral: a new case (and its e-mails), or a held referral for review.

    The answers must be complete (the check-answers page checks that first). A referral that
    trips the spam checks is kept whole for staff; nothing is sent to the address it gives, so
    the form cannot be used to send e-mails to strangers. ``previously_held_id`` is the referral
    this browser had held by the rate limit: sent now, it needs no review.
    """
    hashed = ip_hash(client_ip)
    over_limit = _rate_limit_reached(hashed)
    if honeypot_filled or over_limit:
        reason = HeldReason.HONEYPOT if honeypot_filled else HeldReason.RATE_LIMIT
        held = held_referral_create(
            answers=answers, reason=reason, hashed_ip=hashed, replaces_id=previously_held_id
        )
        return SendOutcome(held=held)
    evaluation = steps.evaluate(answers)
    if not evaluation.complete:
        raise ApplicationError(
            "Some answers are missing. Check your answers and try again.", field="answers"
        )
    case = referral_create(referral=steps.referral_input(evaluation.facts))
    if previously_held_id:
        held_referral_settle(held_id=previously_held_id, case=case)
    return SendOutcome(case=case)


@transaction.atomic
def referral_create(
    *, referral: ReferralInput, actor: Actor | None = None, actor_label: str = ""
) -> Case:
    """Open the case and confirm the referral to the family (and to the referrer)."""
    case = case_create(referral=referral, actor=actor, actor_label=actor_label)
    referral_confirm(case=case)
    return case


# ---------------------------------------------------------------------------------------------
# Held referrals
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def held_referral_create_case(*, held: HeldReferral, actor: Actor | None) -> Case:
    """Staff decided a held referral is genuine: open its case as if it had gone straight in."""
    held = HeldReferral.objects.select_for_update().get(pk=held.pk)
    if not held.is_waiting:
        raise ConflictError("This held referral has already been dealt with.")
    evaluation = steps.evaluate(held.answers)
    problem = evaluation.first_incomplete
    if problem is not None:
        raise ApplicationError(
            f"The answers about '{problem.title.lower()}' are missing or not valid, so a case "
            "cannot be made from them. Contact the family, then enter the referral with the "
            "new referral form.",
            field="held",
        )
    referral = steps.referral_input(
        evaluation.facts, channel=Channel.ONLINE, received_at=held.created_at
    )
    case = referral_create(referral=referral, actor=actor)
    held.status = HeldStatus.CASE_CREATED
    held.case = case
    held.reviewed_by = actor
    held.reviewed_at = timezone.now()
    held.save(update_fields=["status", "case", "reviewed_by", "reviewed_at", "updated_at"])
    return case


@transaction.atomic
def held_referral_dismiss(*, held: HeldReferral, actor: Actor | None) -> HeldReferral:
    held = HeldReferral.objects.select_for_update().get(pk=held.pk)
    if not held.is_waiting:
        raise ConflictError("This held referral has already been dealt with.")
    held.status = HeldStatus.DISMISSED
    held.reviewed_by = actor
    held.reviewed_at = timezone.now()
    held.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    return held


def held_referral_settle(*, held_id: str, case: Case) -> None:
    """A person held by the rate limit later sent the same referral: link it, nothing to review."""
    HeldReferral.objects.filter(pk=held_id, status=HeldStatus.HELD).update(
        status=HeldStatus.CASE_CREATED, case=case, reviewed_at=timezone.now()
    )


# ---------------------------------------------------------------------------------------------
# Confirmation e-mails
# ---------------------------------------------------------------------------------------------


def _path(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # an optional page that is not installed
        return ""


def referral_confirm(*, case: Case) -> None:
    """Tell each person what they need to know, and no more.

    The family gets the reference, what happens next and their key dates. A professional gets
    the reference and what happens next, but not the family's dates or details. If the family
    has not yet agreed to the referral, they get a message asking for their permission instead.
    """
    context = {
        "case": case,
        "key_dates": selectors.key_dates(case=case),
        "key_dates_path": _path("clock:key-dates"),
        "contact_path": _path("pages:contact"),
        "awaiting_consent": case.stage == Stage.AWAITING_CONSENT,
    }
    if case.is_third_party and case.referrer_email:
        email_queue(
            template="referral_received_referrer",
            to=[case.referrer_email],
            context=context,
            case=case,
        )
    if not case.applicant_email:
        return
    if case.is_third_party and case.referrer_email.lower() == case.applicant_email.lower():
        return  # the referrer gave their own address for the family: nothing for the family
    template = "referral_permission" if context["awaiting_consent"] else "referral_received"
    email_queue(template=template, to=[case.applicant_email], context=context, case=case)
