"""What the preparation pages show: the answers a form starts with, where a page leads back to,
and the sentences that tell staff what was done."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from mediation import policy
from mediation.cases import clock
from mediation.cases.presenters import case_header
from mediation.preparation import selectors
from mediation.preparation.choices import CHILD_VIEWS_QUESTIONS, Visibility

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case, Party
    from mediation.preparation.models import CaseSummary, ChildViews
    from mediation.preparation.services import ExchangeResult


@dataclass(frozen=True)
class BackLink:
    href: str
    text: str


def overview_url(case: Case) -> str:
    return reverse("preparation:overview", kwargs={"case_id": case.pk})


def overview_page(*, case: Case) -> dict[str, object]:
    """The case's "Preparation" section: how ready each party is, the case summaries, the
    child's views and the introductory contacts."""
    return {
        "title": f"Preparing for the meeting: {case.reference}",
        "case": case,
        "case_header": case_header(
            case=case, section="preparation", heading="Preparing for the meeting"
        ),
        "overview": selectors.preparation_overview(case=case),
        "mediation_due": clock.case_clock(case).deadlines.get("mediation_due"),
    }


def back_from_summary(viewer: Actor, summary: CaseSummary) -> BackLink:
    """Where a summary's pages lead back to: the partner's case page, or the preparation page."""
    if policy.is_partner(viewer):
        case_url = reverse("portal:case", kwargs={"case_id": summary.case_id})
        return BackLink(case_url, "Back to the case")
    return BackLink(overview_url(summary.case), "Back to preparation")


def intro_contact_initial(
    *, actor: Actor, parties: Sequence[Party], chosen: str | None
) -> dict[str, object]:
    """The person recording it made the contact today; the party chosen on the overview, if any."""
    initial: dict[str, object] = {"made_by": str(actor.pk), "contacted_on": timezone.localdate()}
    if chosen and any(str(p.pk) == chosen for p in parties):
        initial["party"] = chosen
    return initial


def summary_initial(*, case: Case, parties: Sequence[Party]) -> dict[str, object]:
    """Staff usually add the family's summary (the family has no account)."""
    family = next((p for p in parties if p.is_family), None)
    if family is None:
        return {}
    return {"party": str(family.pk), "submitted_by_name": case.applicant_name}


def summary_added(summary: CaseSummary) -> str:
    label = Visibility(summary.visibility).label.lower()
    return f"Case summary from {summary.party.name} added ({label})"


def child_views_initial(existing: ChildViews | None) -> dict[str, object]:
    """The answers saved before, to change; or a new form dated today."""
    if existing is None:
        return {"completed_on": timezone.localdate()}
    agreed = (("parent", existing.parent_agrees), ("mediator", existing.mediator_agrees))
    return {
        "completed_by": existing.completed_by,
        "completed_on": existing.completed_on,
        "visibility": existing.visibility,
        "joins_meeting_note": existing.joins_meeting_note,
        "joining_agreed_by": [who for who, agrees in agreed if agrees],
        "completed_by_name": existing.completed_by_name,
        **{name: getattr(existing, name) for name, _ in CHILD_VIEWS_QUESTIONS},
    }


def summaries_sent(result: ExchangeResult) -> str:
    sent = len(result.sent)
    return f"Shared case summaries sent to {sent} {'party' if sent == 1 else 'parties'}"
