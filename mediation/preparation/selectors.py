"""Reading the preparation for a meeting: who has been contacted, whose summary is in, and what
each party may read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from mediation.accounts import selectors as account_selectors
from mediation.policy.roles import Role
from mediation.preparation.models import CaseSummary, ChildViews, IntroContact

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case, Participant, Party

# Who makes the introductory contact: the mediator, or a coordinator or manager of the service.
CONTACT_ROLES = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR, Role.MEDIATOR})


def summary_get(*, summary_id: UUID | str) -> CaseSummary | None:
    try:
        return (
            CaseSummary.objects.select_related(
                "case", "case__service", "party", "party__organisation", "created_by"
            )
            .filter(pk=summary_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def summaries_for_case(*, case: Case, include_withdrawn: bool = False) -> QuerySet[CaseSummary]:
    """Every summary on the case (for the service's staff), oldest first."""
    qs = CaseSummary.objects.filter(case=case).select_related(
        "party", "party__organisation", "created_by"
    )
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    return qs


def summaries_for_party_view(*, party: Party) -> list[CaseSummary]:
    """What one party may read: its own summaries, and what others shared with all parties once
    the family has given permission to share with this party. Mirrors the policy's `summary.read`.
    """
    readable = []
    for summary in summaries_for_case(case=party.case):
        if summary.party_id == party.pk or (
            summary.is_shared and party.may_receive_shared_information
        ):
            readable.append(summary)
    return readable


def child_views_for_case(*, case: Case) -> ChildViews | None:
    return ChildViews.objects.filter(case=case).select_related("updated_by").first()


def child_views_readable_by_party(*, party: Party) -> ChildViews | None:
    """The child's views, if they were shared and the family lets this party see its information."""
    views = child_views_for_case(case=party.case)
    if views is None:
        return None
    if party.is_family or (views.is_shared and party.may_receive_shared_information):
        return views
    return None


def intro_contacts_for_case(*, case: Case) -> QuerySet[IntroContact]:
    return IntroContact.objects.filter(case=case).select_related("party", "made_by")


def contact_makers(*, case: Case, actor: Actor) -> list[Actor]:
    """Who may be named as having made an introductory contact: the service's mediators,
    coordinators and managers, and (first, if not one of them) the person recording it."""
    people = [
        person
        for person in account_selectors.staff_of_service(service=case.service)
        if person.role in CONTACT_ROLES
    ]
    if actor not in people:
        people.insert(0, actor)
    return people


@dataclass(frozen=True)
class PartyPreparation:
    """How far one party is ready for the meeting."""

    party: Party
    intro_contact: IntroContact | None
    summaries: list[CaseSummary]
    decision_makers: list[Participant]

    @property
    def name(self) -> str:
        return self.party.name

    @property
    def contacted(self) -> bool:
        return self.intro_contact is not None

    @property
    def has_summary(self) -> bool:
        return bool(self.summaries)

    @property
    def share_permission(self) -> str:
        """'not_needed' (the family), 'given', 'refused' or 'not_asked'."""
        if self.party.is_family:
            return "not_needed"
        if self.party.share_consent is True:
            return "given"
        if self.party.share_consent is False:
            return "refused"
        return "not_asked"

    @property
    def needs_decision_maker(self) -> bool:
        return not self.party.is_family

    @property
    def decision_maker_confirmed(self) -> bool:
        return any(p.decision_maker_confirmed_at for p in self.decision_makers)

    @property
    def attendance_confirmed(self) -> bool:
        return self.party.is_family or self.party.attendance_confirmed_at is not None

    @property
    def ready(self) -> bool:
        return (
            self.contacted
            and self.has_summary
            and self.share_permission in ("not_needed", "given")
            and (not self.needs_decision_maker or self.decision_maker_confirmed)
            and self.attendance_confirmed
        )


@dataclass(frozen=True)
class PreparationOverview:
    """Everything the case page and the preparation page show about getting ready."""

    rows: list[PartyPreparation]
    child_views: ChildViews | None
    summaries: list[CaseSummary]
    withdrawn_summaries: list[CaseSummary]
    intro_contacts: list[IntroContact]

    @property
    def parties_ready(self) -> int:
        return sum(1 for row in self.rows if row.ready)

    @property
    def shared_summaries(self) -> list[CaseSummary]:
        return [s for s in self.summaries if s.is_shared]

    @property
    def all_ready(self) -> bool:
        return bool(self.rows) and self.parties_ready == len(self.rows) and bool(self.child_views)


def preparation_overview(*, case: Case) -> PreparationOverview:
    """Per party: introductory contact made? summary in? the family's permission to share with
    them? decision maker confirmed? attendance confirmed? And the child's views."""
    parties = list(case.parties.select_related("organisation").order_by("created_at"))
    contacts = list(intro_contacts_for_case(case=case))
    every = list(summaries_for_case(case=case, include_withdrawn=True))
    summaries = [s for s in every if not s.is_withdrawn]
    participants = list(
        case.participants.filter(removed_at__isnull=True, is_decision_maker=True).select_related(
            "party"
        )
    )
    rows = []
    for party in parties:
        latest = next((c for c in contacts if c.party_id == party.pk), None)
        rows.append(
            PartyPreparation(
                party=party,
                intro_contact=latest,
                summaries=[s for s in summaries if s.party_id == party.pk],
                decision_makers=[p for p in participants if p.party_id == party.pk],
            )
        )
    return PreparationOverview(
        rows=rows,
        child_views=child_views_for_case(case=case),
        summaries=summaries,
        withdrawn_summaries=[s for s in every if s.is_withdrawn],
        intro_contacts=contacts,
    )


def party_of_case(*, case: Case, party_id: UUID | str) -> Party | None:
    """One of the case's parties, by id (None if it is not a party to this case)."""
    try:
        return case.parties.select_related("organisation").filter(pk=party_id).first()
    except (ValueError, TypeError):
        return None


@dataclass(frozen=True)
class ExchangeLine:
    """What one party would be sent when the shared summaries are exchanged, or why not."""

    party: Party
    summaries: list[CaseSummary]
    addresses: list[str]
    blocked: str = ""

    @property
    def will_send(self) -> bool:
        return bool(self.summaries) and bool(self.addresses) and not self.blocked


def _addresses(case: Case, party: Party) -> list[str]:
    found = [
        p.email
        for p in party.participants.filter(removed_at__isnull=True).exclude(email="")
        if p.email
    ]
    if party.is_family and case.applicant_email:
        found.append(case.applicant_email)
    return sorted({address.strip().lower() for address in found})


def exchange_plan(*, case: Case) -> list[ExchangeLine]:
    """For each party: the other parties' shared summaries, and where they would go."""
    shared = [s for s in summaries_for_case(case=case) if s.is_shared]
    lines = []
    for party in case.parties.select_related("organisation").order_by("created_at"):
        others = [s for s in shared if s.party_id != party.pk]
        addresses = _addresses(case, party)
        blocked = ""
        if not others:
            blocked = "No other party has shared a summary yet"
        elif not party.may_receive_shared_information:
            blocked = "The family has not given permission to share with them"
        elif not addresses:
            blocked = "No email address"
        lines.append(
            ExchangeLine(party=party, summaries=others, addresses=addresses, blocked=blocked)
        )
    return lines
