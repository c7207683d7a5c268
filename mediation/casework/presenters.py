"""The sections of the staff case page and the family page: what each app shows about a case.

Each section of a case (overview, meetings, agreement, certificates, documents, timeline; the
parties and preparation are those apps' own pages) asks only for what it shows, so each page
makes few queries; `mediation.cases.presenters.case_header` gives them all the same top.

This app sits above the apps whose panels it shows (advice, meetings, agreements...), so that
none of them, and not `mediation.cases`, has to import the others (ADR 0005).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from mediation import policy
from mediation.advice import selectors as advice_selectors
from mediation.agreements import selectors as agreement_selectors
from mediation.cases import clock, selectors, services
from mediation.cases.presenters import case_header
from mediation.certificates import selectors as certificate_selectors
from mediation.expenses import selectors as expense_selectors
from mediation.meetings import presenters as meeting_presenters
from mediation.panel import selectors as panel_selectors
from mediation.preparation import selectors as preparation_selectors
from mediation.rules import RulesInputError, rights_change_date, rights_holder

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case

# The family's own dates (the service's deadlines are for staff).
FAMILY_DEADLINES = ("appeal_deadline", "adviser_contact_deadline")


@dataclass(frozen=True)
class YoungPersonNotice:
    """Who holds the rights, and whether that changes while the case is open."""

    holder: str
    change: dt.date | None
    past: bool
    applicant_mismatch: bool


def young_person_notice(case: Case, today: dt.date) -> YoungPersonNotice | None:
    dob = case.child_date_of_birth
    try:
        holder = rights_holder(dob, today)
        start = timezone.localtime(case.received_at).date()
        # Cases can run for months: flag a change from the referral to a year ahead.
        change = rights_change_date(dob, min(start, today), today + dt.timedelta(days=365))
    except RulesInputError:
        return None
    return YoungPersonNotice(
        holder=holder,
        change=change,
        past=change is not None and change <= today,
        applicant_mismatch=holder == "young_person" and case.applicant_role == "parent_carer",
    )


def _section(case: Case, section: str, heading: str = "") -> dict[str, object]:
    """What every section of the case shows first: its header, sub-navigation and next step."""
    header = case_header(case=case, section=section, heading=heading)
    title = f"{heading}: {case.reference}" if heading else f"{case.reference}: {case.child_name}"
    return {"title": title, "case": case, "case_header": header}


def overview_page(*, case: Case, viewer: Actor, today: dt.date) -> dict[str, object]:
    """The case at a glance: its key dates, the family, the disagreement, the help they need to
    take part, the permissions given, who is working on it and any safeguarding concern."""
    case_clock = clock.case_clock(case, today=today)
    return {
        **_section(case, "overview"),
        "clock": case_clock,
        "deadlines": list(case_clock.deadlines),
        "young_person": young_person_notice(case, today),
        "consents": selectors.latest_consents(case=case),
        "may_read_safeguarding": policy.can(viewer, "case.safeguarding.read", case),
        "mediator": panel_selectors.case_mediator_summary(case=case),
    }


def meetings_page(*, case: Case, today: dt.date) -> dict[str, object]:
    """The information calls with the family, and the mediation or DR meeting(s)."""
    return {
        **_section(case, "meetings", "Calls and meetings"),
        "calls": advice_selectors.calls_for_case(case=case),
        "meeting_panel": meeting_presenters.case_meeting_panel(case=case, today=today),
    }


def agreement_page(*, case: Case) -> dict[str, object]:
    """How the mediation ended and the written agreement (the agreement's own page builds it)."""
    return {
        **_section(case, "agreement", "Outcome and agreement"),
        "agreement_overview": agreement_selectors.case_agreement_overview(case=case),
    }


def certificates_page(*, case: Case) -> dict[str, object]:
    return {
        **_section(case, "certificates", "Certificates"),
        "certificates": certificate_selectors.certificates_for_case(case=case),
    }


def timeline_page(*, case: Case, viewer: Actor) -> dict[str, object]:
    """Everything that happened on the case, the latest first; entries about safeguarding only
    for those who may read them."""
    may_read_safeguarding = policy.can(viewer, "case.safeguarding.read", case)
    return {
        **_section(case, "timeline", "Timeline"),
        "timeline": selectors.case_timeline(case=case, include_restricted=may_read_safeguarding),
    }


@dataclass(frozen=True)
class CaseDocument:
    """A document on the case, opened through the view that guards it."""

    title: str
    kind: str
    dated: dt.date
    href: str
    note: str = ""
    file_href: str = ""  # the file itself, where the link above is a page about it


def _certificate_documents(case: Case) -> list[CaseDocument]:
    return [
        CaseDocument(
            title=f"Certificate {c.number}",
            kind=f"{c.get_kind_display()} (PDF)",
            dated=c.issued_on,
            href=reverse("certificates:pdf", kwargs={"certificate_id": c.pk}),
            note="Withdrawn" if c.status == "withdrawn" else "",
        )
        for c in certificate_selectors.certificates_for_case(case=case)
    ]


def _agreement_documents(case: Case) -> list[CaseDocument]:
    agreement = agreement_selectors.agreement_for_case(case=case)
    if agreement is None or not agreement.pdf:
        return []
    return [
        CaseDocument(
            title="Written agreement",
            kind="Agreement (PDF)",
            dated=agreement.agreed_on,
            href=reverse("agreements:pdf", kwargs={"case_id": case.pk}),
        )
    ]


def _summary_documents(case: Case, viewer: Actor) -> list[CaseDocument]:
    summaries = preparation_selectors.summaries_for_case(case=case, include_withdrawn=True)
    return [
        CaseDocument(
            title=f"Case summary from {s.party.name}",
            kind=f"Case summary ({s.get_visibility_display().lower()})",
            dated=timezone.localtime(s.submitted_at).date(),
            href=reverse("preparation:summary", kwargs={"summary_id": s.pk}),
            note="Withdrawn" if s.withdrawn_at else "",
            file_href=reverse("preparation:summary-file", kwargs={"summary_id": s.pk})
            if s.has_file
            else "",
        )
        for s in summaries
        if policy.can(viewer, "summary.read", s)
    ]


def _receipt_documents(case: Case) -> list[CaseDocument]:
    return [
        CaseDocument(
            title=receipt.original_name,
            kind=f"Receipt for an expense claim: {Truncator(claim.description).chars(60)}",
            dated=timezone.localtime(receipt.created_at).date(),
            href=reverse("expenses:receipt", kwargs={"case_id": case.pk, "receipt_id": receipt.pk}),
        )
        for claim in expense_selectors.claims_for_case(case=case)
        for receipt in claim.receipts.all()
    ]


def documents_page(*, case: Case, viewer: Actor) -> dict[str, object]:
    """Every document on the case this person may open, the latest first: certificates, the
    written agreement, case summaries and the receipts for expense claims."""
    documents = [
        *_certificate_documents(case),
        *(_agreement_documents(case) if policy.can(viewer, "agreement.view", case) else []),
        *_summary_documents(case, viewer),
        *_receipt_documents(case),
    ]
    documents.sort(key=lambda d: d.dated, reverse=True)
    return {**_section(case, "documents", "Documents"), "documents": documents}


def family_page(*, case: Case, token: str, today: dt.date) -> dict[str, object]:
    """What the family's private page shows: their dates, certificates and agreement."""
    deadlines = clock.case_clock(case, today=today).deadlines
    agreement = agreement_selectors.agreement_for_case(case=case)
    return {
        "title": f"Your case {case.reference}",
        "case": case,
        "token": token,
        "family_deadlines": [d for d in deadlines if d.key in FAMILY_DEADLINES],
        "certificates": [
            c
            for c in certificate_selectors.certificates_for_case(case=case)
            if c.status == "issued"
        ],
        "agreement": agreement,
        "items": list(agreement_selectors.agreement_items(agreement=agreement))
        if agreement
        else [],
        "signposts": services.signposts(case=case),
        "today": today,
    }
