"""Writing the parties to a case and the people who take part for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from mediation.cases.choices import (
    PARTY_ORGANISATION_KINDS,
    ConsentKind,
    DRAnswer,
    EventKind,
    ParticipantRole,
    PartyKind,
)
from mediation.cases.models import Case, Participant, Party
from mediation.cases.services import consent_record, event_record, family_party_ensure
from mediation.core.errors import ApplicationError, ConflictError
from mediation.directory import selectors as directory_selectors
from mediation.directory import services as directory_services
from mediation.notifications import services as notifications

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.directory.models import Organisation


@transaction.atomic
def party_add(
    *,
    case: Case,
    kind: str,
    organisation: Organisation | None = None,
    actor: Actor | None = None,
) -> Party:
    """Add an organisation as a party (idempotent: the same organisation is one party)."""
    if kind == PartyKind.FAMILY:
        return family_party_ensure(case=case)
    if kind not in PartyKind.values:
        raise ApplicationError("Choose what kind of party this is.", field="kind")
    if organisation is None:
        raise ApplicationError("Choose the organisation.", field="organisation")
    if organisation.kind not in PARTY_ORGANISATION_KINDS[PartyKind(kind)]:
        raise ApplicationError(
            f"{organisation.name} cannot be the {PartyKind(kind).label.lower()} party.",
            field="organisation",
        )
    existing = case.parties.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    party = Party.objects.create(case=case, kind=kind, organisation=organisation)
    event_record(
        case=case,
        kind=EventKind.PARTY_ADDED,
        title=f"{organisation.name} added as a party",
        description=PartyKind(kind).label,
        actor=actor,
        actor_label="" if actor else "The service",
    )
    return party


# The kind of organisation a new party's organisation is, by the kind of party it is.
ORGANISATION_KIND_OF_PARTY: dict[str, str] = {
    PartyKind.SCHOOL: "school",
    PartyKind.ICB: "icb",
    PartyKind.LOCAL_AUTHORITY: "local_authority",
    PartyKind.SOCIAL_CARE: "social_care",
}


def party_add_chosen(
    *,
    case: Case,
    kind: str,
    organisation_id: str,
    new_name: str,
    new_email: str = "",
    actor: Actor | None,
) -> Party:
    """Add the party staff chose: an organisation we know (``organisation_id``), or one we
    learn of now (``new_name``, recorded in the directory for next time)."""
    organisation: Organisation | None
    if organisation_id:
        organisation = directory_selectors.organisation_get(organisation_id=organisation_id)
    else:
        organisation = directory_services.organisation_ensure(
            kind=ORGANISATION_KIND_OF_PARTY.get(kind, "other"),
            name=new_name.strip(),
            local_authority=case.local_authority if kind == PartyKind.SCHOOL else None,
            email=new_email,
        )
    return party_add(case=case, kind=kind, organisation=organisation, actor=actor)


def _check_participant(
    *, case: Case, party: Party | None, name: str, role: str, language: str, decides: bool
) -> None:
    if not name.strip():
        raise ApplicationError("Enter the person's name.", field="name")
    if role not in ParticipantRole.values:
        raise ApplicationError("Choose the person's role.", field="role")
    if party is not None and party.case_id != case.pk:
        raise ApplicationError("That party is not part of this case.", field="party")
    if role == ParticipantRole.SUPPORTER and (party is None or not party.is_family):
        raise ApplicationError("An advocate or supporter comes with the family.", field="role")
    if decides and (party is None or party.is_family):
        raise ApplicationError(
            "Only an organisation's officer can be its decision maker.", field="is_decision_maker"
        )
    if role == ParticipantRole.INTERPRETER and not language.strip():
        raise ApplicationError("Enter the language the interpreter works in.", field="language")


@transaction.atomic
def participant_add(
    *,
    case: Case,
    party: Party | None,
    name: str,
    role: str,
    actor: Actor | None,
    job_title: str = "",
    email: str = "",
    phone: str = "",
    language: str = "",
    is_decision_maker: bool = False,
    user: Actor | None = None,
) -> Participant:
    """Add a person who takes part. The family may bring one advocate or supporter of its choice."""
    _check_participant(
        case=case, party=party, name=name, role=role, language=language, decides=is_decision_maker
    )
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                case=case,
                party=party,
                name=name.strip(),
                role=role,
                job_title=job_title.strip(),
                email=email.strip().lower(),
                phone=phone.strip(),
                language=language.strip(),
                is_decision_maker=is_decision_maker,
                user=user,
            )
    except IntegrityError as exc:
        raise ConflictError(
            "The family already has an advocate or supporter. Remove them first to choose "
            "someone else: the family may bring one, of its own choice."
        ) from exc
    where = party.name if party else "the service"
    event_record(
        case=case,
        kind=EventKind.PARTICIPANT_ADDED,
        title=f"{participant.name} added ({participant.get_role_display().lower()}, {where})",
        description="Has the authority to resolve the issues." if is_decision_maker else "",
        actor=actor,
    )
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, actor: Actor | None) -> Participant:
    participant.removed_at = timezone.now()
    participant.attending = False
    participant.save(update_fields=["removed_at", "attending", "updated_at"])
    event_record(
        case=participant.case,
        kind=EventKind.PARTICIPANT_REMOVED,
        title=f"{participant.name} no longer taking part",
        actor=actor,
    )
    return participant


@transaction.atomic
def decision_maker_confirm(*, participant: Participant, actor: Actor | None) -> Participant:
    """The organisation confirms this officer has the authority to resolve the issues."""
    if participant.party is None or participant.party.is_family:
        raise ApplicationError(
            "Only an organisation's officer can be its decision maker.", field="participant"
        )
    participant.is_decision_maker = True
    participant.decision_maker_confirmed_at = timezone.now()
    participant.save(
        update_fields=["is_decision_maker", "decision_maker_confirmed_at", "updated_at"]
    )
    event_record(
        case=participant.case,
        kind=EventKind.DECISION_MAKER_CONFIRMED,
        title=f"{participant.party.name} confirmed {participant.name} can make decisions",
        actor=actor,
    )
    return participant


@transaction.atomic
def share_consent_record(
    *, party: Party, given: bool, given_by: str, method: str, actor: Actor | None, notes: str = ""
) -> Party:
    """The family's permission to share its information with one party."""
    if party.is_family:
        raise ApplicationError(
            "The family does not need permission to see its own information.", field="party"
        )
    consent_record(
        case=party.case,
        kind=ConsentKind.SHARE_WITH_LA
        if party.kind == PartyKind.LOCAL_AUTHORITY
        else ConsentKind.SHARE_WITH_PARTIES,
        given=given,
        given_by=given_by,
        method=method,
        notes=f"{party.name}. {notes}".strip(),
        actor=actor,
    )
    party.share_consent = given
    party.share_consent_recorded_at = timezone.now()
    party.save(update_fields=["share_consent", "share_consent_recorded_at", "updated_at"])
    return party


@transaction.atomic
def attendance_confirm(*, party: Party, actor: Actor | None) -> Party:
    """An organisation confirms it will attend (its participants are listed on the case)."""
    party.attendance_confirmed_at = timezone.now()
    party.attendance_confirmed_by = actor
    party.save(update_fields=["attendance_confirmed_at", "attendance_confirmed_by", "updated_at"])
    event_record(
        case=party.case,
        kind=EventKind.ATTENDANCE_CONFIRMED,
        title=f"{party.name} confirmed it will attend",
        actor=actor,
    )
    return party


@transaction.atomic
def dr_answer_record(*, party: Party, answer: str, note: str = "", actor: Actor | None) -> Party:
    """Record whether a party agrees to take part in disagreement resolution (it is voluntary)."""
    if answer not in (DRAnswer.ASKED, DRAnswer.AGREES, DRAnswer.DECLINES):
        raise ApplicationError("Choose the party's answer.", field="answer")
    if party.is_family:
        raise ApplicationError("The family asked for disagreement resolution.", field="party")
    today = timezone.localdate()
    party.dr_answer = answer
    if answer == DRAnswer.ASKED:
        party.dr_asked_on = today
    else:
        party.dr_asked_on = party.dr_asked_on or today
        party.dr_answered_on = today
    party.dr_note = note
    party.save(
        update_fields=["dr_answer", "dr_asked_on", "dr_answered_on", "dr_note", "updated_at"]
    )
    title = {
        DRAnswer.ASKED: f"{party.name} asked whether it will take part in disagreement resolution",
        DRAnswer.AGREES: f"{party.name} agrees to take part in disagreement resolution",
        DRAnswer.DECLINES: f"{party.name} does not agree to take part in disagreement resolution",
    }[DRAnswer(answer)]
    event_record(
        case=party.case, kind=EventKind.DR_ANSWER, title=title, description=note, actor=actor
    )
    if answer == DRAnswer.ASKED and party.organisation is not None and party.organisation.email:
        notifications.email_queue(
            template="dr_invitation",
            to=[party.organisation.email],
            context={"case": party.case, "party": party, "matters": list(party.case.matters.all())},
            case=party.case,
        )
    return party
