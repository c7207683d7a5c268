"""The life of a case: its stages, the moves between them, and the next step at each.

One table (`MOVES`) says which moves exist, from which stages to which, who may make them (the
policy action a person needs) and what must be true first. Every service that moves a case calls
`move`; nothing else sets `Case.stage`. A refused move raises `ConflictError` with a reason a
caseworker can act on. `next_step` is the one answer to "what happens next on this case", used by
the case page, the work queue and the partner side.

The stages (`mediation.cases.choices.Stage`):

    awaiting_consent -> new -> mias_to_book <-> mias_booked -> follow_up
                                  |                 |             |
                                  +--------+--------+------+------+
                                           |               |
                                   certificate_due   arranging_mediation / arranging_dr
                                           |               |
                                           |        meeting_arranged -> after_meeting
                                           +-------------> closed <------------+
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils import timezone

from mediation.cases import clock
from mediation.cases.choices import DRAnswer, PartyKind, Route, Stage
from mediation.core.errors import ConflictError
from mediation.core.formatting import govuk_date, govuk_time, weekday_date

if TYPE_CHECKING:
    from mediation.cases.models import Case

OPEN = frozenset(Stage) - {Stage.CLOSED}
ARRANGING = frozenset({Stage.ARRANGING_MEDIATION, Stage.ARRANGING_DR})
BEFORE_THE_CALL = frozenset({Stage.MIAS_TO_BOOK, Stage.MIAS_BOOKED, Stage.FOLLOW_UP})


class MoveName(StrEnum):
    CONSENT_GIVEN = "consent_given"
    ROUTE_CONFIRMED = "route_confirmed"
    OUT_OF_SCOPE = "out_of_scope"
    CALL_BOOKED = "call_booked"
    CALL_NOT_GIVEN = "call_not_given"
    FAMILY_DECIDING = "family_deciding"
    MEDIATION_DECLINED = "mediation_declined"
    MEDIATION_WANTED = "mediation_wanted"
    MEETING_ARRANGED = "meeting_arranged"
    MEETING_CANCELLED = "meeting_cancelled"
    MEETING_HELD = "meeting_held"
    OUTCOME_AFTER_MEETING = "outcome_after_meeting"
    ENDED_WITHOUT_MEETING = "ended_without_meeting"
    LA_CANNOT_ARRANGE = "la_cannot_arrange"
    ARRANGING_RESUMED = "arranging_resumed"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


# A guard answers why a move may not be made now (or None when it may).
type Guard = Callable[[Case, Stage], str | None]


def _every_party_agreed_to_dr(case: Case, target: Stage) -> str | None:
    """Disagreement resolution is voluntary for everyone: no meeting until all have agreed."""
    if not case.is_disagreement_resolution:
        return None
    others = [p for p in case.parties.all() if p.kind != PartyKind.FAMILY]
    if not others:
        return "Add the other parties and ask each whether it will take part first."
    declined = [p.name for p in others if p.dr_answer == DRAnswer.DECLINES]
    if declined:
        return (
            f"{_names(declined)} said no to disagreement resolution, so there can be no "
            "meeting. Close the case, or record a change of mind first."
        )
    waiting = [p.name for p in others if p.dr_answer != DRAnswer.AGREES]
    if waiting:
        return f"Wait until {_names(waiting)} agrees to take part before arranging the meeting."
    return None


def _certificate_owed_only_for_la_delay(case: Case, target: Stage) -> str | None:
    """While the certificate is owed because the LA cannot arrange mediation in time, mediation
    can still go ahead if the LA arranges it later; a family that declined it cannot meet."""
    if case.stage != Stage.CERTIFICATE_DUE or case.la_cannot_arrange_on is not None:
        return None
    return "The family does not want mediation, so there is no meeting: issue the certificate."


def _la_told(case: Case, target: Stage) -> str | None:
    if case.is_disagreement_resolution or case.mediation_requested_on is not None:
        return None
    return "Record when the local authority was told the family wants mediation first."


def _names(names: Iterable[str]) -> str:
    listed = list(names)
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"


@dataclass(frozen=True)
class Move:
    """One kind of move: from these stages to one of these, by someone allowed ``action``."""

    name: MoveName
    label: str  # what a person does, e.g. "Confirm the route"
    sources: frozenset[Stage]
    targets: frozenset[Stage]
    action: str  # the policy action a person needs to make it
    guards: tuple[Guard, ...] = field(default=())

    @property
    def target(self) -> Stage | None:
        """The stage it leads to, when there is only one."""
        return next(iter(self.targets)) if len(self.targets) == 1 else None


def _one(stage: Stage) -> frozenset[Stage]:
    return frozenset({stage})


MOVES: dict[MoveName, Move] = {
    m.name: m
    for m in (
        Move(
            MoveName.CONSENT_GIVEN,
            "Record the family's permission",
            _one(Stage.AWAITING_CONSENT),
            _one(Stage.NEW),
            "case.edit",
        ),
        Move(
            MoveName.ROUTE_CONFIRMED,
            "Confirm the route",
            _one(Stage.NEW),
            frozenset({Stage.MIAS_TO_BOOK, Stage.ARRANGING_DR}),
            "case.route",
        ),
        Move(
            MoveName.OUT_OF_SCOPE,
            "Close the case as out of scope",
            frozenset({Stage.NEW, *BEFORE_THE_CALL}),
            _one(Stage.CLOSED),
            "case.route",
        ),
        Move(
            MoveName.CALL_BOOKED,
            "Book the information call",
            frozenset({Stage.NEW, *BEFORE_THE_CALL}),
            _one(Stage.MIAS_BOOKED),
            "mias.manage",
        ),
        Move(
            MoveName.CALL_NOT_GIVEN,
            "Record that the call did not happen",
            _one(Stage.MIAS_BOOKED),
            _one(Stage.MIAS_TO_BOOK),
            "mias.manage",
        ),
        Move(
            MoveName.FAMILY_DECIDING,
            "Record that the family is deciding",
            BEFORE_THE_CALL,
            _one(Stage.FOLLOW_UP),
            "mias.manage",
        ),
        Move(
            MoveName.MEDIATION_DECLINED,
            "Record that the family does not want mediation",
            BEFORE_THE_CALL,
            _one(Stage.CERTIFICATE_DUE),
            "mias.manage",
        ),
        Move(
            MoveName.MEDIATION_WANTED,
            "Record that the family wants mediation",
            BEFORE_THE_CALL,
            _one(Stage.ARRANGING_MEDIATION),
            "mias.manage",
        ),
        Move(
            MoveName.MEETING_ARRANGED,
            "Arrange the meeting",
            frozenset({*ARRANGING, Stage.CERTIFICATE_DUE}),
            _one(Stage.MEETING_ARRANGED),
            "meeting.manage",
            (_certificate_owed_only_for_la_delay, _la_told, _every_party_agreed_to_dr),
        ),
        Move(
            MoveName.MEETING_CANCELLED,
            "Cancel the meeting",
            _one(Stage.MEETING_ARRANGED),
            frozenset({*ARRANGING, Stage.CERTIFICATE_DUE}),
            "meeting.manage",
        ),
        Move(
            MoveName.MEETING_HELD,
            "Record the meeting as held",
            _one(Stage.MEETING_ARRANGED),
            frozenset({Stage.AFTER_MEETING, *ARRANGING}),
            "meeting.manage",
        ),
        Move(
            MoveName.OUTCOME_AFTER_MEETING,
            "Record the outcome",
            _one(Stage.AFTER_MEETING),
            _one(Stage.AFTER_MEETING),
            "agreement.manage",
        ),
        Move(
            MoveName.ENDED_WITHOUT_MEETING,
            "Record that mediation ended without a meeting",
            frozenset({*ARRANGING, Stage.MEETING_ARRANGED}),
            _one(Stage.AFTER_MEETING),
            "agreement.manage",
        ),
        Move(
            MoveName.LA_CANNOT_ARRANGE,
            "Record that the local authority cannot arrange mediation in time",
            frozenset({Stage.ARRANGING_MEDIATION, Stage.MEETING_ARRANGED}),
            _one(Stage.CERTIFICATE_DUE),
            "meeting.la_cannot_arrange",
        ),
        Move(
            MoveName.ARRANGING_RESUMED,
            "Go back to arranging mediation",
            _one(Stage.CERTIFICATE_DUE),
            _one(Stage.ARRANGING_MEDIATION),
            "certificate.issue",
        ),
        Move(
            MoveName.WITHDRAWN,
            "Record that the family withdrew",
            OPEN,
            frozenset({Stage.CERTIFICATE_DUE, Stage.CLOSED}),
            "case.close",
        ),
        Move(MoveName.CLOSED, "Close the case", OPEN, _one(Stage.CLOSED), "case.close"),
    )
}

ROUTE_TARGETS = {
    Route.MEDIATION_INFORMATION: Stage.MIAS_TO_BOOK,
    Route.OPTIONAL_MEDIATION: Stage.MIAS_TO_BOOK,
    Route.DISAGREEMENT_RESOLUTION: Stage.ARRANGING_DR,
}


def refusal(case: Case, name: MoveName, to: Stage | None = None) -> str | None:
    """Why this move may not be made on this case now, in words; None when it may."""
    move = MOVES[name]
    stage = Stage(case.stage)
    if stage not in move.sources:
        if stage == Stage.CLOSED:
            return "This case is closed."
        return f"{move.label} is not possible now: the case is at “{stage.label}”."
    target = to or move.target
    if target is None or target not in move.targets:
        return f"{move.label} cannot lead to “{Stage(target).label if target else 'nowhere'}”."
    for guard in move.guards:
        reason = guard(case, target)
        if reason:
            return reason
    return None


def move(case: Case, name: MoveName, to: Stage | None = None) -> Stage:
    """Make the move (set the stage; the caller saves the case and records the timeline).

    Refuses with a `ConflictError` saying why. Returns the stage the case is now at.
    """
    reason = refusal(case, name, to)
    if reason:
        raise ConflictError(reason)
    target = to or MOVES[name].target
    assert target is not None  # refusal() checked it
    case.stage = target
    return target


def allowed_moves(case: Case) -> list[Move]:
    """The moves that could be made on this case now (for each, some target passes)."""
    return [m for m in MOVES.values() if any(refusal(case, m.name, t) is None for t in m.targets)]


# ---------------------------------------------------------------------------------------------
# The next step
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    """What happens next on a case, for staff: a title, why, and where to do it.

    ``url_name`` and ``url_kwargs`` name the page (reversed by the page that shows the step);
    ``action`` is the policy action a person needs to take it. ``waiting_for`` says who the
    service is waiting on, when it is not the service itself.
    """

    title: str
    why: str = ""
    url_name: str = ""
    url_kwargs: dict[str, str] = field(default_factory=dict)
    action: str = ""
    waiting_for: str = ""
    also: tuple[NextStep, ...] = ()  # other things that may be done instead, as links
    for_partners: str = ""  # what is happening, as the other parties may be told


# What is happening at each stage, in words for the LA, ICB and school on the partner side.
PARTNER_WORDS: dict[Stage, str] = {
    Stage.AWAITING_CONSENT: "the family is being asked whether it agrees to the referral",
    Stage.NEW: "the service is looking at the referral",
    Stage.MIAS_TO_BOOK: "a mediation adviser is talking to the family",
    Stage.MIAS_BOOKED: "a mediation adviser is talking to the family",
    Stage.FOLLOW_UP: "the family is deciding whether it wants mediation",
    Stage.CERTIFICATE_DUE: "the family is getting its mediation certificate",
    Stage.ARRANGING_MEDIATION: "the service is arranging the meeting",
    Stage.ARRANGING_DR: "the service is asking everyone whether they will take part",
    Stage.MEETING_ARRANGED: "the meeting is arranged",
    Stage.AFTER_MEETING: "the service is finishing the written agreement and the certificate",
}


def _case_kwargs(case: Case) -> dict[str, str]:
    return {"case_id": str(case.pk)}


def _booked_call_step(case: Case) -> NextStep:
    booked = next((c for c in case.calls.all() if c.status == "booked"), None)
    if booked is None:
        return NextStep(
            "Book the information call",
            url_name="advice:book",
            url_kwargs=_case_kwargs(case),
            action="mias.manage",
        )
    when = timezone.localtime(booked.scheduled_for)
    return NextStep(
        "Record the call",
        why=f"Call booked for {weekday_date(when)} at {govuk_time(when)} with "
        f"{booked.adviser.full_name}.",
        url_name="advice:record",
        url_kwargs={"call_id": str(booked.pk)},
        action="mias.manage",
        also=(
            NextStep(
                "Rebook the call",
                url_name="advice:book",
                url_kwargs=_case_kwargs(case),
                action="mias.manage",
            ),
        ),
    )


def _deadline_words(case: Case, key: str) -> str:
    if case.next_deadline_key == key and case.next_deadline_on:
        return f" by {weekday_date(case.next_deadline_on)}"
    return ""


def _arranging_mediation_step(case: Case) -> NextStep:
    if case.mediation_requested_on is None:
        return NextStep(
            "Record when the local authority was told",
            why="Mediation must take place within 30 days of the day the local authority is "
            "told the family wants it.",
            url_name="advice:la-told",
            url_kwargs=_case_kwargs(case),
            action="mias.manage",
        )
    return _mediator_or_meeting_step(case)


def _mediator_or_meeting_step(case: Case) -> NextStep:
    allocated = any(a.ended_at is None for a in case.mediator_allocations.all())
    if not allocated:
        return NextStep(
            "Allocate a mediator",
            why=_mediation_due_words(case),
            url_name="panel:allocate",
            url_kwargs={"case_id": str(case.pk)},
            action="mediator.allocate",
            also=_cannot_arrange(case),
        )
    return NextStep(
        "Arrange the meeting",
        why=_mediation_due_words(case),
        url_name="meetings:arrange",
        url_kwargs=_case_kwargs(case),
        action="meeting.manage",
        also=_cannot_arrange(case),
    )


def _mediation_due_words(case: Case) -> str:
    if case.is_disagreement_resolution:
        return ""
    due = clock.case_clock(case).deadlines.get("mediation_due")
    if due is None or due.done_on is not None:
        return ""
    told = f"{case.local_authority.name} was told on {govuk_date(case.mediation_requested_on)}. "
    return f"{told}Mediation must take place by {weekday_date(due.due)}."


def _cannot_arrange(case: Case) -> tuple[NextStep, ...]:
    if case.is_disagreement_resolution or case.stage != Stage.ARRANGING_MEDIATION:
        return ()
    return (
        NextStep(
            "The local authority cannot arrange it in time",
            url_name="meetings:la-cannot-arrange",
            url_kwargs=_case_kwargs(case),
            action="meeting.la_cannot_arrange",
        ),
    )


def _arranging_dr_step(case: Case) -> NextStep:
    reason = _every_party_agreed_to_dr(case, Stage.MEETING_ARRANGED)
    if reason:
        return NextStep(
            "Parties and their answers",
            why=f"Disagreement resolution is voluntary for everyone. {reason}",
            url_name="cases:parties",
            url_kwargs=_case_kwargs(case),
            action="case.edit",
            waiting_for="the other parties",
        )
    return _mediator_or_meeting_step(case)


def _meeting_step(case: Case) -> NextStep:
    arranged = next((m for m in case.meetings.all() if m.status == "arranged"), None)
    if arranged is None:
        return NextStep(
            "Arrange the meeting",
            url_name="meetings:arrange",
            url_kwargs=_case_kwargs(case),
            action="meeting.manage",
        )
    kwargs = {"meeting_id": str(arranged.pk)}
    if arranged.starts_at > timezone.now():
        starts = timezone.localtime(arranged.starts_at)
        return NextStep(
            "Hold the meeting",
            why=f"The meeting is on {weekday_date(starts)}. Afterwards, record it as held.",
            url_name="meetings:detail",
            url_kwargs=kwargs,
            action="meeting.view",
        )
    return NextStep(
        "Record the meeting as held",
        why=f"The meeting was due on {govuk_date(arranged.starts_at)}.",
        url_name="meetings:held",
        url_kwargs=kwargs,
        action="meeting.manage",
        also=(
            NextStep(
                "Move or cancel the meeting",
                url_name="meetings:detail",
                url_kwargs=kwargs,
                action="meeting.view",
            ),
        ),
    )


def _one_to_one(case: Case, name: str) -> object | None:
    """A reverse one-to-one (the outcome, the agreement), or None when there is none.

    Django's missing-related error is also an AttributeError, so getattr's default applies.
    """
    return getattr(case, name, None)


def _certificate_after_mediation(case: Case) -> dt.date | None:
    """When the certificate after mediation is due, while it is still owed."""
    due = clock.case_clock(case).deadlines.get("certificate_due")
    if due is None or due.done_on is not None or due.counted_from != "mediation_concluded":
        return None
    issued = case.certificate_issued_on
    return None if issued is not None and issued >= due.counted_from_date else due.due


def _after_meeting_step(case: Case) -> NextStep:
    kwargs = _case_kwargs(case)
    if _one_to_one(case, "outcome") is None:
        return NextStep(
            "Record the outcome",
            url_name="agreements:outcome",
            url_kwargs=kwargs,
            action="agreement.manage",
        )
    agreement = _one_to_one(case, "agreement")
    unfinished = agreement is not None and getattr(agreement, "status", "") != "final"
    finish = NextStep(
        "Finish the written agreement",
        url_name="agreements:builder",
        url_kwargs=kwargs,
        action="agreement.manage",
    )
    due = _certificate_after_mediation(case)
    if due is not None:
        concluded = (
            f"The mediation concluded on {govuk_date(case.mediation_concluded_on)}. "
            if case.mediation_concluded_on
            else ""
        )
        return NextStep(
            "Issue the certificate",
            why=f"{concluded}Issue the certificate after mediation by {weekday_date(due)}.",
            url_name="certificates:issue",
            url_kwargs=kwargs,
            action="certificate.issue",
            also=(finish,) if unfinished else (),
        )
    if unfinished:
        return finish
    return NextStep(
        "Close the case",
        why="The service's part is done.",
        url_name="cases:close",
        url_kwargs=kwargs,
        action="case.close",
    )


def _certificate_step(case: Case) -> NextStep:
    by = _deadline_words(case, "certificate_due")
    if case.la_cannot_arrange_on is not None:
        why = (
            f"{case.local_authority.name} said it cannot arrange mediation within 30 days. "
            f"Issue the certificate{by}."
        )
    elif case.certificate_requested_on is not None:
        why = f"The family withdrew and asked for its certificate. Issue it{by}."
    else:
        why = f"The family does not want mediation. Issue the certificate{by}."
    return NextStep(
        "Issue the certificate",
        why=why,
        url_name="certificates:issue",
        url_kwargs=_case_kwargs(case),
        action="certificate.issue",
    )


_STEPS: dict[Stage, Callable[[Case], NextStep]] = {
    Stage.AWAITING_CONSENT: lambda case: NextStep(
        "Record the family's permission",
        why=f"{case.referrer_name or 'Someone'} referred this family. Ask the family whether "
        "they agree before doing anything else.",
        url_name="cases:consent",
        url_kwargs=_case_kwargs(case),
        action="case.edit",
        waiting_for="the family",
    ),
    Stage.NEW: lambda case: NextStep(
        "Confirm the route",
        why="Check what the disagreement is about and confirm the route.",
        url_name="cases:route",
        url_kwargs=_case_kwargs(case),
        action="case.route",
    ),
    Stage.MIAS_TO_BOOK: _booked_call_step,
    Stage.MIAS_BOOKED: _booked_call_step,
    Stage.FOLLOW_UP: lambda case: NextStep(
        "Record the family's decision",
        why="The family is deciding whether they want mediation.",
        url_name="advice:decide",
        url_kwargs=_case_kwargs(case),
        action="mias.manage",
        waiting_for="the family",
    ),
    Stage.CERTIFICATE_DUE: _certificate_step,
    Stage.ARRANGING_MEDIATION: _arranging_mediation_step,
    Stage.ARRANGING_DR: _arranging_dr_step,
    Stage.MEETING_ARRANGED: _meeting_step,
    Stage.AFTER_MEETING: _after_meeting_step,
}


def next_step(case: Case) -> NextStep | None:
    """What happens next on the case, or None once it is closed.

    Reads the case and its related rows by relation (calls, allocations, meetings, outcome,
    agreement): fetch them for lists (`cases.selectors.NEXT_STEP_PREFETCH` and `NEXT_STEP_RELATED`).
    """
    if not case.is_open:
        return None
    stage = Stage(case.stage)
    return dataclasses.replace(_STEPS[stage](case), for_partners=PARTNER_WORDS[stage])
