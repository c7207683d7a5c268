"""Writing the mediator panel: profiles, conflict declarations, allocating mediators to cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mediation.cases import services as case_services
from mediation.cases.choices import EventKind
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.formatting import govuk_date
from mediation.notifications import services as notifications
from mediation.panel import selectors
from mediation.panel.choices import AccreditationRegister
from mediation.panel.models import Allocation, ConflictDeclaration, MediatorProfile
from mediation.policy.roles import Role

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.accounts.models import User
    from mediation.cases.models import Case
    from mediation.directory.models import Organisation


def _require_mediator(mediator: User | None) -> None:
    if mediator is None or getattr(mediator, "role", None) != Role.MEDIATOR:
        raise ApplicationError("Only a mediator can be on the panel.")


def languages_clean(languages: Iterable[str]) -> list[str]:
    """Each language once, in one spelling, in the order given."""
    cleaned: list[str] = []
    for raw in languages:
        language = selectors.language_normalise(raw)
        if language and language.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(language)
    return cleaned


# ---------------------------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------------------------


def _check_accreditation(
    register: str, register_other: str, accredited_until: dt.date | None
) -> None:
    if register and register not in AccreditationRegister.values:
        raise ApplicationError(
            "Choose the register the mediator is accredited on.", field="register"
        )
    if register == AccreditationRegister.OTHER and not register_other.strip():
        raise ApplicationError("Enter the name of the register.", field="register_other")
    if register and accredited_until is None:
        raise ApplicationError(
            "Enter the date the accreditation runs until.", field="accredited_until"
        )


def _check_areas(any_area: bool, areas: list[Organisation]) -> None:
    if any(getattr(a, "kind", None) != "local_authority" for a in areas):
        raise ApplicationError("Areas must be local authorities.", field="areas")
    if not any_area and not areas:
        raise ApplicationError(
            "Choose the local authorities the mediator covers, or any area.", field="areas"
        )


@transaction.atomic
def profile_save(
    *,
    mediator: User,
    actor: Actor | None,
    register: str,
    registration_number: str,
    accredited_until: dt.date | None,
    languages: Iterable[str],
    available: bool,
    max_open_cases: int,
    any_area: bool = False,
    areas: Iterable[Organisation] = (),
    register_other: str = "",
    availability_notes: str = "",
) -> MediatorProfile:
    """Create or update a mediator's panel profile."""
    _require_mediator(mediator)
    _check_accreditation(register, register_other, accredited_until)
    if max_open_cases < 1:
        raise ApplicationError(
            "The maximum number of open cases must be 1 or more.", field="max_open_cases"
        )
    area_list = list(areas)
    _check_areas(any_area, area_list)
    language_list = languages_clean(languages)
    if not language_list:
        raise ApplicationError(
            "Enter at least one language the mediator mediates in.", field="languages"
        )

    profile = MediatorProfile.objects.filter(user=mediator).first() or MediatorProfile(
        user=mediator, created_by=actor
    )
    profile.register = register
    profile.register_other = register_other.strip() if register == "other" else ""
    profile.registration_number = registration_number.strip()
    profile.accredited_until = accredited_until if register else None
    profile.languages = language_list
    profile.available = available
    profile.availability_notes = availability_notes.strip()
    profile.max_open_cases = max_open_cases
    profile.any_area = any_area
    profile.updated_by = actor
    profile.save()
    profile.areas.set([] if any_area else area_list)
    return profile


# ---------------------------------------------------------------------------------------------
# Conflicts of interest
# ---------------------------------------------------------------------------------------------


def _check_conflict_subject(
    organisation: Organisation | None, surname: str, child_date_of_birth: dt.date | None
) -> None:
    """A conflict is with an organisation (not the provider), or a family named by surname and
    the child's date of birth."""
    if organisation is not None and (surname or child_date_of_birth):
        raise ApplicationError("Declare a conflict with an organisation or a family, not both.")
    if organisation is not None:
        if organisation.kind == "provider":
            raise ApplicationError(
                "Choose the organisation the conflict is with.", field="organisation"
            )
        return
    if not surname:
        raise ApplicationError("Enter the family's surname.", field="family_surname")
    if child_date_of_birth is None:
        raise ApplicationError(
            "Enter the child's date of birth.", field="family_child_date_of_birth"
        )
    if child_date_of_birth > timezone.localdate():
        raise ApplicationError(
            "The child's date of birth must be in the past.", field="family_child_date_of_birth"
        )


def _tell_cases_touched(conflict: ConflictDeclaration, actor: Actor | None) -> None:
    """Open cases the mediator already holds that the conflict touches get a timeline entry, so
    the coordinator can reallocate."""
    mediator = conflict.mediator
    for case in selectors.cases_allocated_to(mediator=mediator):
        touched = [c for c, _ in selectors.conflicts_with_case(mediator=mediator, case=case)]
        if conflict in touched:
            case_services.event_record(
                case=case,
                kind=EventKind.MEDIATOR_CONFLICT_DECLARED,
                title=f"{mediator.full_name} declared a conflict of interest",
                description=(
                    f"With {conflict.subject}: {conflict.description} "
                    "Consider allocating another mediator."
                ),
                actor=actor,
            )


@transaction.atomic
def conflict_declare(
    *,
    mediator: User,
    actor: Actor | None,
    description: str,
    organisation: Organisation | None = None,
    family_surname: str = "",
    family_child_date_of_birth: dt.date | None = None,
    declared_on: dt.date | None = None,
) -> ConflictDeclaration:
    """Record a mediator's conflict of interest with an organisation or a family.

    Open cases the mediator already holds that the conflict touches get a timeline entry, so the
    coordinator can reallocate.
    """
    _require_mediator(mediator)
    today = timezone.localdate()
    surname = " ".join(family_surname.split())
    if not description.strip():
        raise ApplicationError("Describe the conflict of interest.", field="description")
    _check_conflict_subject(organisation, surname, family_child_date_of_birth)
    declared_on = declared_on or today
    if declared_on > today:
        raise ApplicationError(
            "The date of the declaration must be today or in the past.", field="declared_on"
        )
    conflict = ConflictDeclaration.objects.create(
        mediator=mediator,
        organisation=organisation,
        family_surname=surname if organisation is None else "",
        family_child_date_of_birth=family_child_date_of_birth if organisation is None else None,
        description=description.strip(),
        declared_on=declared_on,
        created_by=actor,
        updated_by=actor,
    )
    _tell_cases_touched(conflict, actor)
    return conflict


@transaction.atomic
def conflict_withdraw(
    *, conflict: ConflictDeclaration, actor: Actor | None, reason: str
) -> ConflictDeclaration:
    """Withdraw a declaration that no longer applies (or was made in error); it stays on record."""
    if not reason.strip():
        raise ApplicationError("Say why the declaration is being withdrawn.", field="reason")
    updated = ConflictDeclaration.objects.filter(pk=conflict.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(),
        withdrawn_by=actor,
        withdrawal_reason=reason.strip(),
        updated_at=timezone.now(),
        updated_by=actor,
    )
    if not updated:
        raise ConflictError("This declaration has already been withdrawn.")
    conflict.refresh_from_db()
    return conflict


# ---------------------------------------------------------------------------------------------
# Allocation
# ---------------------------------------------------------------------------------------------


def _check_allocatable(case: Case, mediator: User, current: Allocation | None, reason: str) -> None:
    """Refuse the mediator already on the case, a replacement without a reason, and a mediator
    who is not eligible (naming why)."""
    if current is not None and current.mediator_id == mediator.pk:
        raise ConflictError(f"{mediator.full_name} is already the mediator for this case.")
    if current is not None and not reason.strip():
        raise ApplicationError(
            f"Give the reason for replacing {current.mediator.full_name} as the mediator.",
            field="reason",
        )
    if not mediator.is_active:
        raise ApplicationError(
            f"{mediator.full_name} cannot be allocated: the account is closed.", field="mediator"
        )
    if not mediator.services.filter(pk=case.service_id).exists():
        raise ApplicationError(
            f"{mediator.full_name} cannot be allocated: they do not work in the "
            f"{case.service.name} service.",
            field="mediator",
        )
    assessment = selectors.mediator_assess(case=case, mediator=mediator)
    if not assessment.eligible:
        raise ApplicationError(
            f"{mediator.full_name} cannot be allocated to this case. "
            + " ".join(r if r.endswith(".") else r + "." for r in assessment.reasons),
            field="mediator",
        )


def _allocation_create(
    case: Case, mediator: User, actor: Actor | None, now: dt.datetime
) -> Allocation:
    try:
        with transaction.atomic():
            return Allocation.objects.create(
                case=case,
                mediator=mediator,
                allocated_at=now,
                created_by=actor,
                updated_by=actor,
            )
    except IntegrityError as exc:
        raise ConflictError(
            "Someone else allocated a mediator to this case just now. Check the case and try again."
        ) from exc


def _record_allocation(
    case: Case, mediator: User, previous: User | None, reason: str, actor: Actor | None
) -> None:
    if previous is None:
        case_services.event_record(
            case=case,
            kind=EventKind.MEDIATOR_ALLOCATED,
            title=f"Mediator allocated: {mediator.full_name}",
            actor=actor,
        )
        return
    case_services.event_record(
        case=case,
        kind=EventKind.MEDIATOR_REALLOCATED,
        title=f"Mediator changed from {previous.full_name} to {mediator.full_name}",
        description=f"Reason: {reason.strip()}",
        actor=actor,
    )


def _tell_mediators(case: Case, mediator: User, previous: User | None, actor: Actor | None) -> None:
    """The new mediator is e-mailed the case reference and what to do next; a mediator taken off
    the case is told too."""
    due = selectors.mediation_due_on(case)
    context = {
        "case": case,
        "case_path": reverse("casework:detail", kwargs={"case_id": case.pk}),
        "mediation_due": govuk_date(due) if due is not None else "",
        "allocated_by": actor.full_name if actor is not None else "",
    }
    notifications.email_queue(
        template="panel_mediator_allocated",
        to=[mediator.email],
        context={**context, "mediator": mediator, "replacing": previous},
        case=case,
    )
    if previous is not None:
        notifications.email_queue(
            template="panel_mediator_replaced",
            to=[previous.email],
            context={**context, "mediator": previous, "successor": mediator},
            case=case,
        )


@transaction.atomic
def mediator_allocate(
    *, case: Case, mediator: User, actor: Actor | None, reason: str = ""
) -> Allocation:
    """Allocate a mediator to a case, or replace the current one (the reason is then required).

    Refuses a mediator who is not eligible (a declared conflict, expired accreditation, no
    capacity...), naming the reason. The new mediator is e-mailed the case reference and what to do
    next; a mediator taken off the case is told too.
    """
    if not case.is_open:
        raise ConflictError("This case is closed.")
    _require_mediator(mediator)
    current = (
        Allocation.objects.select_for_update()
        .select_related("mediator")
        .filter(case=case, ended_at__isnull=True)
        .first()
    )
    _check_allocatable(case, mediator, current, reason)
    now = timezone.now()
    previous = None
    if current is not None:
        current.ended_at = now
        current.ended_by = actor
        current.end_reason = reason.strip()
        current.updated_by = actor
        current.save(
            update_fields=["ended_at", "ended_by", "end_reason", "updated_at", "updated_by"]
        )
        previous = current.mediator
    allocation = _allocation_create(case, mediator, actor, now)
    _record_allocation(case, mediator, previous, reason, actor)
    _tell_mediators(case, mediator, previous, actor)
    return allocation
