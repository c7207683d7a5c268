"""The staff referral page: every question page's form as one section of a single page.

Staff take referrals by phone, email and letter, so they see the whole referral at once, with
the same questions and the same checks as the online referral (the forms are shared). While they
check for a case that may already exist, the typed answers wait in the session (a draft).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

from mediation.cases.services import ReferralInput
from mediation.intake import steps
from mediation.intake.forms import StaffReferralForm, StepForm

DETAILS_PREFIX = "referral"
DRAFT = "intake_staff_draft"


@dataclass(frozen=True)
class Section:
    heading: str
    slugs: tuple[str, ...]
    hint: str = ""


SECTIONS = (
    Section("Who is referring", ("who-are-you",)),
    Section(
        "The professional referring",
        ("your-details", "the-family"),
        hint="Only if a professional is referring on the family's behalf.",
    ),
    Section("The child or young person", ("child",)),
    Section("The disagreement", ("local-authority", "ehc-plan", "disagreement", "decision-letter")),
    Section("What the family wants", ("what-you-want", "help-to-take-part")),
    Section("Contact details", ("contact-details",)),
    Section("Address", ("address",), hint="Only if they would like letters."),
)


class StaffReferralPage:
    """The forms of the page, bound to what was posted (or a saved draft), checked in order."""

    def __init__(self, data: MultiValueDict[str, str] | None = None) -> None:
        self.bound = data is not None
        self.details = StaffReferralForm(data, prefix=DETAILS_PREFIX)
        self.forms: dict[str, StepForm] = {}
        self.facts: steps.Facts = {}
        self.valid = self.details.is_valid() if self.bound else False
        for step in steps.STEPS:
            form = steps.make_form(step, self.facts, data=data, staff=True, prefix=step.slug)
            if self.bound and not step.applies(self.facts):
                # Shown with what was typed, but not checked: it does not apply to this referral
                # (e.g. the professional's details when a parent rang).
                form = steps.make_form(
                    step, self.facts, initial=steps.initial_from(form), staff=True, prefix=step.slug
                )
            elif self.bound:
                if form.is_valid():
                    self.facts.update(form.cleaned_data)
                else:
                    self.valid = False
            self.forms[step.slug] = form

    @property
    def checked_forms(self) -> list[forms.Form]:
        return [self.details, *self.forms.values()]

    @property
    def sections(self) -> list[tuple[Section, list[StepForm]]]:
        return [(section, [self.forms[slug] for slug in section.slugs]) for section in SECTIONS]

    @property
    def has_errors(self) -> bool:
        return self.bound and any(form.is_bound and form.errors for form in self.checked_forms)

    def referral(self) -> ReferralInput:
        details = self.details.cleaned_data
        return steps.referral_input(
            self.facts,
            channel=details["channel"],
            received_at=steps.received_at_for(details["received_on"]),
            safeguarding_concern="concern" in details["safeguarding"],
            safeguarding_notes=details["safeguarding_notes"],
        )


# ---------------------------------------------------------------------------------------------
# The draft: answers kept server-side, so "create anyway" (or going back to change them) never
# makes anyone type them again.
# ---------------------------------------------------------------------------------------------


def draft_keep(request: HttpRequest, data: MultiValueDict[str, str]) -> str:
    """Keep the typed answers; returns the token that brings them back."""
    token = secrets.token_urlsafe(16)
    request.session[DRAFT] = {
        "token": token,
        "data": {key: data.getlist(key) for key in data if key != "csrfmiddlewaretoken"},
    }
    return token


def draft_answers(request: HttpRequest, token: str) -> MultiValueDict[str, str] | None:
    """The answers kept under this token, or None (no token, or they are no longer kept)."""
    draft = request.session.get(DRAFT)
    if not token or not draft or not secrets.compare_digest(str(draft.get("token", "")), token):
        return None
    return MultiValueDict(draft["data"])


def draft_clear(request: HttpRequest) -> None:
    request.session.pop(DRAFT, None)
