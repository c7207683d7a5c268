"""What the referral pages show: the question pages' links, the answers as summary lists, the
staff page, and the referrals held for review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse

from mediation.cases import selectors as case_selectors
from mediation.intake import journey, selectors, steps
from mediation.intake.forms import ConfirmForm

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case
    from mediation.cases.services import ReferralInput
    from mediation.intake.forms import StepForm
    from mediation.intake.models import HeldReferral
    from mediation.intake.staff import StaffReferralPage

# The answers that identify a child's case: with all of them, look for an open case already.
IDENTIFYING_FACTS = frozenset(
    {"child_first_name", "child_last_name", "child_date_of_birth", "local_authority"}
)


def step_url(step: steps.Step, *, change: bool = False) -> str:
    """A question page's address (``change``: come back to check answers after it)."""
    url = (
        reverse("intake:start")
        if step == steps.FIRST_STEP
        else reverse("intake:step", kwargs={"slug": step.slug})
    )
    return f"{url}?change=1" if change else url


def confirm_form(error: str = "") -> ConfirmForm:
    """The confirming button's form, checked (so a refusal can be added to it)."""
    form = ConfirmForm({})
    form.is_valid()
    if error:
        form.add_error(None, error)
    return form


# ---------------------------------------------------------------------------------------------
# The online referral
# ---------------------------------------------------------------------------------------------


def question_page(
    step: steps.Step, form: StepForm, evaluation: steps.Evaluation, *, changing: bool
) -> dict[str, object]:
    """One question page: its form, and where "Back" goes (check answers, when changing)."""
    previous = evaluation.previous(step)
    if changing:
        back = reverse("intake:check")
    else:
        back = step_url(previous) if previous else reverse("pages:start")
    return {
        "title": form.page_title or step.title,
        "form": form,
        "step": step,
        "back_url": back,
        "honeypot_field": journey.HONEYPOT_FIELD,
    }


@dataclass(frozen=True)
class SummaryRow:
    """One answer on a summary list, with the page to change it on (if it may be changed)."""

    key: str
    hidden: str  # the key as it reads after "Change" to a screen reader
    lines: list[str]
    href: str = ""


def lower_first(text: str) -> str:
    """Lower-case the first letter ("Date of birth" to "date of birth"), but not an acronym's."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _heading(step: steps.Step, evaluation: steps.Evaluation, *, change_links: bool) -> str:
    """A group's heading, as the person reading it would put it."""
    if step.group == steps.CHILD and change_links and evaluation.facts.get("who") == "young_person":
        return "About you"
    if step.group == steps.WANTS and not change_links:  # staff reading a held referral
        return "What the family wants"
    return step.group


def summary_groups(
    evaluation: steps.Evaluation, *, change_links: bool
) -> list[tuple[str, list[SummaryRow]]]:
    """The answers for GOV.UK summary lists: [(group heading, rows)], each row with its page."""
    groups: dict[str, list[SummaryRow]] = {}
    for step, rows in steps.summary_sections(evaluation):
        heading = _heading(step, evaluation, change_links=change_links)
        href = step_url(step, change=True) if change_links else ""
        for key, lines in rows:
            row = SummaryRow(key=key, hidden=lower_first(key), lines=lines, href=href)
            groups.setdefault(heading, []).append(row)
    return list(groups.items())


def check_page(evaluation: steps.Evaluation, form: ConfirmForm) -> dict[str, object]:
    return {
        "title": "Check your answers before sending your referral",
        "form": form,
        "groups": summary_groups(evaluation, change_links=True),
        "honeypot_field": journey.HONEYPOT_FIELD,
        "professional": evaluation.facts.get("who") == steps.PROFESSIONAL,
    }


# ---------------------------------------------------------------------------------------------
# Staff referrals
# ---------------------------------------------------------------------------------------------


def staff_page(page: StaffReferralPage, *, viewer: Actor) -> dict[str, object]:
    title = "New referral"
    return {
        "title": f"Error: {title}" if page.has_errors else title,
        "page": page,
        "held_waiting": selectors.held_referrals_waiting(user=viewer).count(),
    }


def duplicates_page(
    referral: ReferralInput, duplicates: list[Case], *, token: str
) -> dict[str, object]:
    return {
        "title": "There may already be a case for this child or young person",
        "duplicates": duplicates,
        "referral": referral,
        "token": token,
        "form": confirm_form(),
    }


# ---------------------------------------------------------------------------------------------
# Held referrals
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldSummary:
    """Who a held referral seems to be about, from its raw answers (they may be junk)."""

    child: str
    applicant: str


def held_summary(held: HeldReferral) -> HeldSummary:
    answers = held.answers if isinstance(held.answers, dict) else {}

    def first(slug: str, name: str) -> str:
        values = answers.get(slug, {}).get(name) or [""]
        return str(values[0])[:100]

    child = f"{first('child', 'child_first_name')} {first('child', 'child_last_name')}".strip()
    return HeldSummary(
        child=child or "Not given", applicant=first("contact-details", "applicant_name")
    )


def held_list_page(*, viewer: Actor) -> dict[str, object]:
    """Held referrals waiting for review, oldest first, and the ones most recently reviewed."""
    waiting = selectors.held_referrals_waiting(user=viewer)
    reviewed = selectors.held_referrals_reviewed(user=viewer)
    return {
        "title": "Held referrals",
        "waiting": [(held, held_summary(held)) for held in waiting],
        "reviewed": [(held, held_summary(held)) for held in reviewed],
    }


def _open_cases_for(facts: steps.Facts) -> list[Case]:
    """Open cases for the child the answers name (none if they do not say who)."""
    if not IDENTIFYING_FACTS.issubset(facts):
        return []
    return list(
        case_selectors.open_duplicates(
            child_first_name=facts["child_first_name"],
            child_last_name=facts["child_last_name"],
            child_date_of_birth=facts["child_date_of_birth"],
            local_authority_id=facts["local_authority"],
        )
    )


def held_detail_page(held: HeldReferral, form: ConfirmForm) -> dict[str, object]:
    """A held referral: its answers (as a summary if they make a referral, else as sent), any
    open case for the same child, and other referrals held from the same address."""
    answers = held.answers if isinstance(held.answers, dict) else {}
    evaluation = steps.evaluate(answers, staff=True)
    return {
        "title": "Held referral",
        "held": held,
        "form": form,
        "summary": held_summary(held),
        "groups": summary_groups(evaluation, change_links=False) if evaluation.complete else [],
        "raw_rows": [] if evaluation.complete else steps.raw_rows(held.answers),
        "problem": evaluation.first_incomplete,
        "duplicates": _open_cases_for(evaluation.facts),
        "same_address": selectors.held_referrals_from_same_address(held=held),
    }
