"""Reading what intake needs: the local authorities we serve, and referrals held for review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from mediation import policy
from mediation.cases import clock as case_clock
from mediation.cases import selectors as case_selectors
from mediation.directory import selectors as directory_selectors
from mediation.intake.models import HeldReferral, HeldStatus

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case
    from mediation.cases.services import ReferralInput
    from mediation.directory.models import Organisation
    from mediation.rules import Deadline


def local_authorities_we_serve() -> QuerySet[Organisation]:
    """Current local authorities covered by any of our services, by name."""
    return directory_selectors.local_authorities_served(
        services=directory_selectors.service_list()
    ).filter(valid_to__isnull=True)


def local_authority_choices() -> list[tuple[str, str]]:
    return [(str(la.pk), la.name) for la in local_authorities_we_serve()]


def held_referrals_visible_to(*, user: Actor) -> QuerySet[HeldReferral]:
    """Held referrals for the services this member of staff works in (managers see all).

    One that names no local authority we serve belongs to no service: everyone who reviews held
    referrals sees it, as someone has to decide about it.
    """
    qs = HeldReferral.objects.select_related("service", "case", "reviewed_by")
    if policy.is_manager(user):
        return qs
    return qs.filter(Q(service__isnull=True) | Q(service_id__in=policy.service_ids(user)))


def held_referrals_waiting(*, user: Actor) -> QuerySet[HeldReferral]:
    return (
        held_referrals_visible_to(user=user).filter(status=HeldStatus.HELD).order_by("created_at")
    )


def held_referrals_reviewed(*, user: Actor, limit: int = 50) -> list[HeldReferral]:
    return list(
        held_referrals_visible_to(user=user)
        .exclude(status=HeldStatus.HELD)
        .order_by("-reviewed_at")[:limit]
    )


def held_referral_get(*, user: Actor, held_id: UUID | str) -> HeldReferral | None:
    try:
        return held_referrals_visible_to(user=user).filter(pk=held_id).first()
    except (ValueError, TypeError):
        return None


def held_referrals_from_same_address(*, held: HeldReferral) -> int:
    """How many other referrals were held from the same internet address (a sign of spam)."""
    return HeldReferral.objects.filter(ip_hash=held.ip_hash).exclude(pk=held.pk).count()


@dataclass(frozen=True)
class KeyDates:
    adviser_contact: Deadline | None = None
    appeal: Deadline | None = None

    @property
    def known(self) -> bool:
        return self.adviser_contact is not None or self.appeal is not None


def key_dates(*, case: Case, today: dt.date | None = None) -> KeyDates:
    """The family's own statutory dates: contacting the adviser, and the appeal deadline."""
    deadlines = case_clock.case_clock(case, today=today).deadlines
    return KeyDates(
        adviser_contact=deadlines.get("adviser_contact_deadline"),
        appeal=deadlines.get("appeal_deadline"),
    )


def open_cases_for_referral(*, referral: ReferralInput) -> list[Case]:
    """Open cases for the same child and local authority as a referral (it may be a duplicate)."""
    return list(
        case_selectors.open_duplicates(
            child_first_name=referral.child_first_name,
            child_last_name=referral.child_last_name,
            child_date_of_birth=referral.child_date_of_birth,
            local_authority_id=referral.local_authority_id,
        ).select_related("local_authority")
    )
