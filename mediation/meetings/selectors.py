"""Reading meetings: a case's meetings, the dates the rules set for them, and who they are for.

What the pages and e-mails say about a meeting is in `presenters`; its calendar file in
`calendar`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from mediation.cases import clock as case_clock
from mediation.cases.choices import DRAnswer, PartyKind, Stage
from mediation.core.errors import ApplicationError
from mediation.meetings.choices import InvitationKind, MeetingStatus, ReminderStatus
from mediation.meetings.models import Invitation, Meeting, MeetingChange, Reminder
from mediation.panel import selectors as panel_selectors
from mediation.rules import CaseFacts, Deadline, RulesInputError, compute_deadlines

if TYPE_CHECKING:
    from mediation.accounts.models import User
    from mediation.cases.models import Case, Participant, Party

# Stages from which a meeting may be arranged. After the LA has said it cannot arrange mediation
# in time (certificate due), the family may still mediate later, so arranging stays open then.
ARRANGING_STAGES = frozenset({Stage.ARRANGING_MEDIATION, Stage.ARRANGING_DR})


# ---------------------------------------------------------------------------------------------
# Meetings of a case
# ---------------------------------------------------------------------------------------------


def meeting_get(*, meeting_id: UUID | str) -> Meeting | None:
    try:
        return (
            Meeting.objects.select_related(
                "case", "case__service", "case__local_authority", "created_by"
            )
            .filter(pk=meeting_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def meetings_for_case(*, case: Case) -> QuerySet[Meeting]:
    """Every meeting of the case, the latest first (arranged, held and cancelled)."""
    return Meeting.objects.filter(case=case).select_related("created_by").order_by("-starts_at")


def arranged_meeting(*, case: Case) -> Meeting | None:
    """The meeting arranged now (a case has at most one), or None."""
    return meetings_for_case(case=case).filter(status=MeetingStatus.ARRANGED).first()


def current_meeting(*, case: Case) -> Meeting | None:
    """The meeting arranged now, or else the last one held (None if neither)."""
    arranged = arranged_meeting(case=case)
    if arranged is not None:
        return arranged
    return meetings_for_case(case=case).filter(status=MeetingStatus.HELD).first()


def meeting_changes(*, meeting: Meeting) -> QuerySet[MeetingChange]:
    return meeting.changes.select_related("created_by").order_by("-created_at")


def meeting_reminders(*, meeting: Meeting) -> QuerySet[Reminder]:
    return meeting.reminders.order_by("send_at")


def meeting_invitations(*, meeting: Meeting) -> QuerySet[Invitation]:
    """Every invitation, update and cancellation sent for the meeting, the latest first."""
    return meeting.invitations.select_related("created_by").order_by("-sent_at")


def reminders_due(*, now: dt.datetime) -> QuerySet[Reminder]:
    """Scheduled reminders whose time has come (a safety net if a deferred task was lost)."""
    return Reminder.objects.filter(status=ReminderStatus.SCHEDULED, send_at__lte=now)


def can_arrange(*, case: Case) -> bool:
    """Whether the case is at a point where a meeting can be arranged (no meeting arranged now)."""
    if not case.is_open:
        return False
    stage_ok = case.stage in ARRANGING_STAGES or (
        case.stage == Stage.CERTIFICATE_DUE and case.la_cannot_arrange_on is not None
    )
    return (
        stage_ok and not Meeting.objects.filter(case=case, status=MeetingStatus.ARRANGED).exists()
    )


def la_cannot_arrange_allowed(*, case: Case) -> bool:
    """The LA can say it cannot arrange mediation in time once it has been told of the request,
    while the case is open and mediation has not concluded."""
    return (
        case.is_open
        and case.mediation_requested_on is not None
        and case.mediation_concluded_on is None
        and case.la_cannot_arrange_on is None
    )


# ---------------------------------------------------------------------------------------------
# The dates the rules set
# ---------------------------------------------------------------------------------------------


def notice_due_for(*, meeting_date: dt.date) -> dt.date:
    """The latest day the family can be given the date and place: 5 working days before.

    The statutory clock's `meeting_notice_due` deadline (statutory calendar for England, so bank
    holidays do not count).
    """
    try:
        deadline = compute_deadlines(CaseFacts({"meeting_date": meeting_date})).get(
            "meeting_notice_due"
        )
    except RulesInputError as exc:
        raise ApplicationError(
            "Check the date of the meeting: it is too far ahead.", field="starts_at"
        ) from exc
    assert deadline is not None  # the rules always give it for a meeting date
    return deadline.due


def mediation_due(*, case: Case, today: dt.date | None = None) -> Deadline | None:
    """The 30-day date (mediation to take place), when the case has one."""
    return case_clock.case_clock(case, today=today).deadlines.get("mediation_due")


def dr_answers(*, case: Case) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """For disagreement resolution (voluntary for every party): the parties other than the family
    that (declined, have not agreed yet). Nobody, for mediation."""
    declined: list[str] = []
    waiting: list[str] = []
    if case.is_disagreement_resolution:
        for party in case.parties.exclude(kind=PartyKind.FAMILY).select_related("organisation"):
            if party.dr_answer == DRAnswer.DECLINES:
                declined.append(party.name)
            elif party.dr_answer != DRAnswer.AGREES:
                waiting.append(party.name)
    return tuple(declined), tuple(waiting)


# ---------------------------------------------------------------------------------------------
# Who is invited
# ---------------------------------------------------------------------------------------------


def participants_taking_part(*, case: Case) -> list[Participant]:
    """Everyone taking part (not removed), the family first, then the other parties."""
    people = list(
        case.participants.filter(removed_at__isnull=True, attending=True)
        .select_related("party", "party__organisation")
        .order_by("created_at")
    )
    return sorted(people, key=lambda p: (0 if is_family_side(p) else 1, p.created_at))


def is_family_side(participant: Participant) -> bool:
    return participant.party is not None and participant.party.kind == PartyKind.FAMILY


def side_name(participant: Participant) -> str:
    if participant.party is None:
        return "For the service"
    return str(participant.party.name)


@dataclass(frozen=True)
class Recipient:
    """Someone the meeting is sent to: a participant of the case, or the allocated mediator."""

    key: str  # "participant:<id>" or "user:<id>": how invitations are matched to people
    name: str
    email: str
    side: str
    role: str
    participant: Participant | None = None
    user: User | None = None
    is_family: bool = False
    party: Party | None = None

    @property
    def may_see_family_details(self) -> bool:
        """The family's names and addresses go only to the family, the service's people and the
        mediator, and to a party the family has agreed to share its information with."""
        if self.party is None:
            return True
        return bool(self.party.may_receive_shared_information)


def _participant_recipient(person: Participant) -> Recipient:
    return Recipient(
        key=f"participant:{person.pk}",
        name=person.name,
        email=person.email,
        side=side_name(person),
        role=person.get_role_display(),
        participant=person,
        is_family=is_family_side(person),
        party=person.party,
    )


def mediator_recipient(*, case: Case) -> Recipient | None:
    """The mediator allocated to the case now, as someone to send the meeting to."""
    mediator = panel_selectors.current_mediator(case=case)
    if mediator is None:
        return None
    return Recipient(
        key=f"user:{mediator.pk}",
        name=mediator.full_name,
        email=mediator.email,
        side="The mediator",
        role="Mediator",
        user=mediator,
    )


def meeting_recipients(*, case: Case) -> list[Recipient]:
    """Everyone the meeting is for: the allocated mediator, then each participant taking part."""
    people = [_participant_recipient(p) for p in participants_taking_part(case=case)]
    mediator = mediator_recipient(case=case)
    return ([mediator] if mediator is not None else []) + people


def _invitation_key(invitation: Invitation) -> str:
    if invitation.participant_id is not None:
        return f"participant:{invitation.participant_id}"
    return f"user:{invitation.user_id}"


@dataclass(frozen=True)
class InviteeRow:
    recipient: Recipient
    last_invitation: Invitation | None
    up_to_date: bool  # has been sent the meeting as it is now

    @property
    def reason_not_invited(self) -> str:
        return "" if self.recipient.email else "No email address: tell them another way"


def meeting_invitees(*, meeting: Meeting) -> list[InviteeRow]:
    """Each person the meeting is for, and whether they have been sent it as it is now."""
    latest: dict[str, Invitation] = {}
    for invitation in meeting.invitations.order_by("-sent_at", "-sequence"):
        latest.setdefault(_invitation_key(invitation), invitation)
    rows = []
    for recipient in meeting_recipients(case=meeting.case):
        last = latest.get(recipient.key)
        rows.append(
            InviteeRow(
                recipient=recipient,
                last_invitation=last,
                up_to_date=last is not None and last.sequence == meeting.sequence,
            )
        )
    return rows


def recipients_to_invite(*, meeting: Meeting) -> list[Recipient]:
    """People with an e-mail address who do not yet have the meeting as it is now."""
    return [
        row.recipient
        for row in meeting_invitees(meeting=meeting)
        if row.recipient.email and not row.up_to_date
    ]


def recipients_invited(*, meeting: Meeting) -> list[Recipient]:
    """People the meeting is for who were sent an invitation or update for it."""
    invited = {
        _invitation_key(i) for i in meeting.invitations.exclude(kind=InvitationKind.CANCELLATION)
    }
    return [r for r in meeting_recipients(case=meeting.case) if r.key in invited and r.email]


def keys_ever_sent(*, meeting: Meeting) -> set[str]:
    """The people (by `Recipient.key`) who were ever sent anything about the meeting."""
    return {
        f"participant:{p}" if p else f"user:{u}"
        for p, u in meeting.invitations.values_list("participant_id", "user_id")
    }
