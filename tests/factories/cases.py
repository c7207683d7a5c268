"""Cases, and a case at each stage of its life, made through the real services.

`CaseFactory` opens a referral with `case_create`, so references, the proposed route and the
timeline are as in life. Each factory below it adds one step, the way staff would take it
(`RoutedCaseFactory` confirms the route, `MediationRequestedCaseFactory` records that the family
wants mediation and tells the LA, and so on); nothing sets a field or a stage directly. The
steps are functions too (`confirm_route`, `decide`, `take_part`, `arrange_meeting`...), for
fixtures that move a case they already have on by one step.

The staff a step needs are made for the case's service unless given (`router=`, `adviser=`...).
Dates a step needs default to the day the step happens (under time_machine: the frozen day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import factory
import time_machine
from django.utils import timezone

from mediation.accounts.models import User
from mediation.advice import services as advice_services
from mediation.advice.models import InformationCall
from mediation.agreements import services as agreement_services
from mediation.agreements.models import Agreement
from mediation.cases import parties as case_parties
from mediation.cases import services as case_services
from mediation.cases.models import Case, Party
from mediation.cases.services import MatterInput, ReferralInput
from mediation.certificates.models import Certificate
from mediation.certificates.services import certificate_issue
from mediation.directory.models import Organisation
from mediation.meetings import selectors as meeting_selectors
from mediation.meetings import services as meeting_services
from mediation.meetings.models import Meeting
from mediation.meetings.services import MeetingPlan
from mediation.policy.roles import Role
from mediation.rules import statutory_calendar
from tests.factories.organisations import ICBFactory, SchoolFactory, ServedLocalAuthorityFactory
from tests.factories.people import staff_of

LONDON = ZoneInfo("Europe/London")

# A plan about health (section F): the ICB takes part, once the family chooses it.
HEALTH_MATTERS = (MatterInput(decision="plan_content", sections=("F",), involves_health=True),)


@dataclass(frozen=True)
class Person:
    """Someone who takes part: of the family, the LA or the school (`party`), or of no party."""

    name: str
    role: str
    party: str = ""
    email: str = ""
    job_title: str = ""
    language: str = ""
    decides: bool = False


# `with_people`: the LA's decision maker, the school's SENCo and the family's supporter.
PEOPLE_TAKING_PART = (
    Person(
        "Jo Bloggs",
        "decision_maker",
        party="local_authority",
        email="jo.bloggs@islington.example",
        decides=True,
    ),
    Person("Sam Teacher", "senco", party="school", email="senco@school.example"),
    Person("Chris Helper", "supporter", party="family"),
)


@dataclass(frozen=True)
class Item:
    """One thing agreed: who (`responsible`, a kind of party) does what, about which of the
    case's matters (`matter`, its position) if any."""

    decided: str
    action: str
    responsible: str
    kind: str
    how_checked: str
    matter: int | None = None


# The LA amends the plan (reg 44, 5 weeks) and the school arranges a visit (reg 42, 2 weeks).
ITEMS_AGREED = (
    Item(
        "Speech and language therapy will be set out in section F.",
        "Issue an amended EHC plan",
        "local_authority",
        "amend",
        "The SEN team emails the family the amended plan",
    ),
    Item(
        "An educational psychologist will observe Sam in class.",
        "Arrange an educational psychologist visit",
        "school",
        "other",
        "The school tells the family the date",
    ),
)


# ---------------------------------------------------------------------------------------------
# The steps
# ---------------------------------------------------------------------------------------------


def confirm_route(case: Case, *, actor: User, route: str | None = None, reason: str = "") -> Case:
    """Staff confirm the route (the one proposed, unless `route` says otherwise)."""
    chosen = route or case.proposed_route
    return case_services.case_confirm_route(case=case, route=chosen, reason=reason, actor=actor)


def book_call(
    case: Case,
    *,
    adviser: User,
    at: dt.datetime | None = None,
    method: str = "phone",
    phone_number: str = "07700 900123",
) -> InformationCall:
    """Book the information call (tomorrow, by phone, unless told otherwise)."""
    return advice_services.call_book(
        case=case,
        scheduled_for=at or timezone.now() + dt.timedelta(days=1),
        adviser=adviser,
        method=method,
        phone_number=phone_number,
        actor=adviser,
    )


def decide(
    case: Case,
    *,
    outcome: str,
    actor: User,
    decided_on: dt.date | None = None,
    icb: Organisation | None = None,
) -> Case:
    """Record what the family decided (today, unless told otherwise)."""
    advice_services.decision_record(
        case=case,
        outcome=outcome,
        decided_on=decided_on or timezone.localdate(),
        icb=icb,
        actor=actor,
    )
    case.refresh_from_db()
    return case


def tell_la(case: Case, *, actor: User, told_on: dt.date | None = None) -> Case:
    """The LA was told the family wants mediation: by e-mail when the family decided (if the LA
    has an address), or else, or on `told_on`, by phone."""
    if told_on is not None or case.mediation_requested_on is None:
        advice_services.la_told_record(
            case=case, told_on=told_on or timezone.localdate(), how="phone", actor=actor
        )
        case.refresh_from_db()
    return case


def request_mediation(
    case: Case,
    *,
    adviser: User,
    decided_on: dt.date | None = None,
    told_on: dt.date | None = None,
    icb: Organisation | None = None,
) -> Case:
    """The family wants mediation (`decided_on`, today by default), and the LA is told."""
    decide(case, outcome="wants_mediation", decided_on=decided_on, icb=icb, actor=adviser)
    return tell_la(case, told_on=told_on, actor=adviser)


def party_of(case: Case, kind: str) -> Party:
    return case.parties.get(kind=kind)


def take_part(
    case: Case,
    *,
    actor: User | None,
    people: Sequence[Person] = (),
    school: Organisation | None = None,
    shared_with: Sequence[str] = (),
    la: bool = False,
) -> Case:
    """The parties (the family; the LA if `la` or anyone below needs it; the school if given or
    needed) and the people who take part; the family's permission to share with the parties in
    `shared_with`."""
    needed = {person.party for person in people} | set(shared_with)
    case_parties.family_party_ensure(case=case)
    if la or "local_authority" in needed:
        case_parties.party_add(
            case=case, kind="local_authority", organisation=case.local_authority, actor=actor
        )
    if school is None and "school" in needed:
        school = SchoolFactory.create()
    if school is not None:
        case_parties.party_add(case=case, kind="school", organisation=school, actor=actor)
    for person in people:
        case_parties.participant_add(
            case=case,
            party=party_of(case, person.party) if person.party else None,
            name=person.name,
            role=person.role,
            email=person.email,
            job_title=person.job_title,
            language=person.language,
            is_decision_maker=person.decides,
            actor=actor,
        )
    for kind in shared_with:
        case_parties.share_consent_record(
            party=party_of(case, kind),
            given=True,
            given_by=case.applicant_name,
            method="email",
            actor=actor,
        )
    case.refresh_from_db()
    return case


def meeting_plan(**overrides: Any) -> MeetingPlan:
    """By video, 14 days from now at 10am, the family told today (unless told otherwise)."""
    day = timezone.localdate() + dt.timedelta(days=14)
    values: dict[str, Any] = {
        "format": "video",
        "starts_at": dt.datetime.combine(day, dt.time(10, 0), tzinfo=LONDON),
        "video_link": "https://meet.example/abc-123",
        "notice_given_on": timezone.localdate(),
    }
    values.update(overrides)
    return MeetingPlan(**values)


def arrange_meeting(case: Case, *, actor: User, plan: MeetingPlan | None = None) -> Meeting:
    return meeting_services.meeting_arrange(case=case, plan=plan or meeting_plan(), actor=actor)


def hold_meeting(meeting: Meeting, *, actor: User, concluded: bool = True) -> Meeting:
    return meeting_services.meeting_mark_held(meeting=meeting, actor=actor, concluded=concluded)


def meeting_held_on(
    case: Case, *, day: dt.date, arranged_on: dt.date, actor: User, concluded: bool = True
) -> Meeting:
    """A meeting on ``day`` at 10am, arranged at 9am on ``arranged_on`` (the family told then,
    agreeing to shorter notice when it is under 5 working days), and recorded as held that
    afternoon: the way a case reaches its outcome."""
    arranged_at = dt.datetime.combine(arranged_on, dt.time(9, 0), tzinfo=LONDON)
    short = statutory_calendar().working_days_between(arranged_on, day) < 5
    with time_machine.travel(arranged_at, tick=False):
        plan = meeting_plan(
            starts_at=dt.datetime.combine(day, dt.time(10, 0), tzinfo=LONDON),
            notice_given_on=arranged_on,
            short_notice_agreed=short,
            short_notice_note="The family agreed to meet sooner." if short else "",
        )
        meeting = arrange_meeting(case, actor=actor, plan=plan)
    with time_machine.travel(dt.datetime.combine(day, dt.time(15, 0), tzinfo=LONDON), tick=False):
        hold_meeting(meeting, actor=actor, concluded=concluded)
    case.refresh_from_db()
    meeting.refresh_from_db()
    return meeting


def draft_agreement(
    case: Case,
    *,
    actor: User,
    outcome: str = "partial_agreement",
    concluded_on: dt.date | None = None,
    items: Sequence[Item] = ITEMS_AGREED,
    in_dispute: str = "The school named in section I.",
) -> Agreement:
    """The mediation's outcome, and the draft written agreement dated the day it concluded
    (the day of the meeting, or else today)."""
    concluded_on = concluded_on or case.meeting_on or timezone.localdate()
    agreement_services.outcome_record(
        case=case, outcome=outcome, concluded_on=concluded_on, notes="", actor=actor
    )
    agreement = agreement_services.agreement_start(case=case, actor=actor)
    matters = list(case.matters.all())
    for item in items:
        agreement_services.agreement_item_add(
            agreement=agreement,
            data=agreement_services.ItemInput(
                matter=matters[item.matter] if item.matter is not None else None,
                decided=item.decided,
                action=item.action,
                responsible=party_of(case, item.responsible),
                kind=item.kind,
                how_checked=item.how_checked,
            ),
            actor=actor,
        )
    if in_dispute:
        agreement_services.agreement_dispute_update(
            agreement=agreement, matters_in_dispute=in_dispute, actor=actor
        )
    agreement.refresh_from_db()
    return agreement


def finalise_agreement(agreement: Agreement, *, actor: User) -> Agreement:
    agreement = agreement_services.agreement_finalise(agreement=agreement, actor=actor)
    agreement.case.refresh_from_db()
    return agreement


def issue_certificate(case: Case, *, kind: str, actor: User) -> Certificate:
    """Issue a certificate of the kind, as a mediation adviser (`actor`)."""
    return certificate_issue(
        case=case,
        kind=kind,
        issuer_name=actor.full_name,
        issuer_role="Mediation adviser",
        actor=actor,
    )


# ---------------------------------------------------------------------------------------------
# The factories: a case at each stage
# ---------------------------------------------------------------------------------------------


class CaseFactory(factory.Factory[Case]):
    """A new referral, from the family online (`actor=` a member of staff who took it)."""

    class Meta:
        model = Case

    class Params:
        health = factory.Trait(ehc_status="plan", matters=HEALTH_MATTERS)

    local_authority = factory.SubFactory(ServedLocalAuthorityFactory)
    actor = None
    channel = "online"
    applicant_role = "parent_carer"
    applicant_name = "Alex Morgan"
    applicant_relationship = "Mother"
    applicant_email = "alex.morgan@family.example"
    applicant_phone = "07700 900123"
    child_first_name = "Sam"
    child_last_name = "Morgan"
    child_date_of_birth = dt.date(2015, 3, 14)
    ehc_status = "none"
    decision_date = dt.date(2026, 10, 1)
    decision_summary = "The council refused to assess Sam's needs."
    wants = "certificate"
    matters = (MatterInput(decision="refusal_to_assess"),)

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **referral: Any) -> Case:
        local_authority: Organisation = referral.pop("local_authority")
        actor: User | None = referral.pop("actor", None)
        return case_services.case_create(
            referral=ReferralInput(local_authority_id=local_authority.pk, **referral), actor=actor
        )


def _staff(role: str) -> Any:
    """A new member of staff of the role, in the service of the case's local authority."""
    return factory.LazyAttribute(lambda o: staff_of(o.local_authority, role))


class RoutedCaseFactory(CaseFactory):
    """The route confirmed by a coordinator (`route=` another, with a `route_reason`)."""

    route: str | None = None
    route_reason = ""
    router = _staff(Role.COORDINATOR)

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        route: str | None = kwargs.pop("route")
        route_reason: str = kwargs.pop("route_reason")
        router: User = kwargs.pop("router")
        case = super()._create(model_class, *args, **kwargs)
        confirm_route(case, route=route, reason=route_reason, actor=router)
        return case


class CallBookedCaseFactory(RoutedCaseFactory):
    """The information call booked with an adviser (tomorrow by phone, unless `call_at=`)."""

    adviser = _staff(Role.MEDIATION_ADVISER)
    call_at = None

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        adviser: User = kwargs.pop("adviser")
        call_at: dt.datetime | None = kwargs.pop("call_at")
        case = super()._create(model_class, *args, **kwargs)
        book_call(case, adviser=adviser, at=call_at)
        case.refresh_from_db()
        return case


class CertificateDueCaseFactory(RoutedCaseFactory):
    """The family told the adviser it does not want mediation: a certificate is due."""

    adviser = _staff(Role.MEDIATION_ADVISER)
    router = factory.SelfAttribute("adviser")
    decided_on = None

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        adviser: User = kwargs.pop("adviser")
        decided_on: dt.date | None = kwargs.pop("decided_on")
        case = super()._create(model_class, *args, **kwargs)
        return decide(case, outcome="declines", decided_on=decided_on, actor=adviser)


class MediationRequestedCaseFactory(RoutedCaseFactory):
    """The family wants mediation and the LA has been told (`told_on=`: told by phone that day).

    Options: `health` (a health matter, and an ICB), `with_people` (`PEOPLE_TAKING_PART`) or
    `people=`, `school=` (a school party), `shared_with=` (kinds of party), `assigned_to=`.
    """

    class Params:
        health = factory.Trait(
            ehc_status="plan", matters=HEALTH_MATTERS, icb=factory.SubFactory(ICBFactory)
        )
        with_people = factory.Trait(people=PEOPLE_TAKING_PART)

    wants = "mediation"
    route = "mediation_information"
    adviser = _staff(Role.MEDIATION_ADVISER)
    router = factory.SelfAttribute("adviser")
    decided_on = None
    icb = None
    told_on = None
    assigned_to = None
    people: Sequence[Person] = ()
    school = None
    shared_with: Sequence[str] = ()

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        adviser: User = kwargs.pop("adviser")
        decided_on: dt.date | None = kwargs.pop("decided_on")
        icb: Organisation | None = kwargs.pop("icb")
        told_on: dt.date | None = kwargs.pop("told_on")
        assigned_to: User | None = kwargs.pop("assigned_to")
        people: Sequence[Person] = kwargs.pop("people")
        school: Organisation | None = kwargs.pop("school")
        shared_with: Sequence[str] = kwargs.pop("shared_with")
        case = super()._create(model_class, *args, **kwargs)
        request_mediation(case, adviser=adviser, decided_on=decided_on, told_on=told_on, icb=icb)
        if assigned_to is not None:
            case_services.case_assign(case=case, assignee=assigned_to, actor=None)
        if people or school is not None or shared_with:
            take_part(case, people=people, school=school, shared_with=shared_with, actor=adviser)
        return case


class MeetingArrangedCaseFactory(MediationRequestedCaseFactory):
    """A meeting arranged by a coordinator (`plan=`; by default `meeting_plan()`)."""

    plan = None
    arranger = _staff(Role.COORDINATOR)

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        plan: MeetingPlan | None = kwargs.pop("plan")
        arranger: User = kwargs.pop("arranger")
        case = super()._create(model_class, *args, **kwargs)
        arrange_meeting(case, plan=plan, actor=arranger)
        case.refresh_from_db()
        return case


class MeetingHeldCaseFactory(MeetingArrangedCaseFactory):
    """The meeting held, and the mediation concluded at it. Everything before happened
    `arranged_days_ago` (21) days ago, so the meeting (14 days after it was arranged) was a week
    ago."""

    arranged_days_ago = 21

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        arranged_days_ago: int = kwargs.pop("arranged_days_ago")
        arranger: User = kwargs["arranger"]
        back_then = timezone.now() - dt.timedelta(days=arranged_days_ago)
        with time_machine.travel(back_then, tick=True):
            case = super()._create(model_class, *args, **kwargs)
        meeting = meeting_selectors.current_meeting(case=case)
        assert meeting is not None
        hold_meeting(meeting, actor=arranger)
        case.refresh_from_db()
        return case


class AgreementDraftCaseFactory(MeetingHeldCaseFactory):
    """The parties agreed: the outcome and a draft written agreement (`ITEMS_AGREED` by default),
    written by a mediator. The school takes part, as it has a part in the agreement."""

    people = PEOPLE_TAKING_PART
    mediator = _staff(Role.MEDIATOR)
    outcome = "partial_agreement"
    items = ITEMS_AGREED
    in_dispute = "The school named in section I."

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        mediator: User = kwargs.pop("mediator")
        outcome: str = kwargs.pop("outcome")
        items: Sequence[Item] = kwargs.pop("items")
        in_dispute: str = kwargs.pop("in_dispute")
        case = super()._create(model_class, *args, **kwargs)
        draft_agreement(case, outcome=outcome, items=items, in_dispute=in_dispute, actor=mediator)
        case.refresh_from_db()
        return case


class AgreementFinalCaseFactory(AgreementDraftCaseFactory):
    """The written agreement finalised and sent to the parties (with the family's permission to
    share with the LA and the school)."""

    shared_with = ("local_authority", "school")
    finalised_by = factory.SelfAttribute("mediator")

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        finalised_by: User = kwargs.pop("finalised_by")
        case = super()._create(model_class, *args, **kwargs)
        agreement = agreement_services.agreement_start(case=case, actor=finalised_by)
        return finalise_agreement(agreement, actor=finalised_by).case


class CertificateIssuedCaseFactory(AgreementFinalCaseFactory):
    """The certificate after mediation issued by a mediation adviser."""

    issuer = _staff(Role.MEDIATION_ADVISER)

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        issuer: User = kwargs.pop("issuer")
        case = super()._create(model_class, *args, **kwargs)
        issue_certificate(case, kind="after_mediation", actor=issuer)
        case.refresh_from_db()
        return case


class ClosedCaseFactory(CertificateIssuedCaseFactory):
    """The service's part done: the case closed by a coordinator."""

    closure_reason = "The mediation concluded and the certificate was issued."
    closed_by = _staff(Role.COORDINATOR)

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        closure_reason: str = kwargs.pop("closure_reason")
        closed_by: User = kwargs.pop("closed_by")
        case = super()._create(model_class, *args, **kwargs)
        return case_services.case_close(case=case, reason=closure_reason, actor=closed_by)


class DisagreementResolutionCaseFactory(RoutedCaseFactory):
    """Disagreement resolution (no EHC plan; a disagreement with the school): routed by a
    coordinator, the school a party with its head taking part. With ``agreed``, every party has
    said it will take part (as a DR meeting needs)."""

    wants = "disagreement_resolution"
    matters = (MatterInput(decision="other_disagreement"),)
    route = "disagreement_resolution"
    people: Sequence[Person] = (
        Person("Pat Head", "other", party="school", email="head@school.example"),
    )
    school = None
    agreed = False

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        people: Sequence[Person] = kwargs.pop("people")
        school: Organisation | None = kwargs.pop("school")
        agreed: bool = kwargs.pop("agreed")
        router: User = kwargs["router"]
        case = super()._create(model_class, *args, **kwargs)
        case = take_part(case, people=people, school=school, actor=router)
        if agreed:
            for party in case.parties.exclude(kind="family"):
                case_parties.dr_answer_record(party=party, answer="agrees", actor=router)
            case.refresh_from_db()
        return case
