"""The questions of the public tools: key dates, and "do I need a mediation certificate?"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TypedDict

from django import forms

from mediation.clock import services
from mediation.core.formatting import govuk_date
from mediation.core.forms_govuk import GovukDateField
from mediation.rules import MATTERS

if TYPE_CHECKING:
    from django.http import QueryDict


class KeyDates(TypedDict):
    """The dates, as `services.key_dates_for_page` takes them."""

    decision_sent: date
    certificate_issued: date | None


class CertificateQuestions(TypedDict):
    """The answers, as `services.certificate_advice` takes them."""

    matters: list[str]
    plan_status: str
    la_in_england: bool


# -- key dates ---------------------------------------------------------------------------------

_ISO_PARTS: Final = re.compile(r"^(\d{1,4})-(\d{1,2})-(\d{1,2})$")


def _range_message(what: str, latest: date) -> str:
    return (
        f"{what} must be between {govuk_date(services.FIRST_COUNTABLE_DATE)} and"
        f" {govuk_date(latest)}"
    )


class KeyDatesForm(forms.Form):
    """The date on the decision letter and, if the family has one, on the mediation certificate."""

    decision_date = GovukDateField(
        name="the date on the decision letter",
        label="Date on the decision letter",
        help_text=(
            "Use the date the local authority sent the letter. This is usually the date printed"
            " on it. For example, 1 10 2025"
        ),
    )
    certificate_date = GovukDateField(
        name="the date on the mediation certificate",
        label="Date on the mediation certificate (optional)",
        required=False,
        help_text=(
            "Only if you already have a mediation certificate: it can give you more time to"
            " appeal. For example, 29 11 2025"
        ),
    )

    govuk_classes = {
        "decision_date": "govuk-fieldset__legend--m",
        "certificate_date": "govuk-fieldset__legend--m",
    }

    # Names of the query parameters of a shareable result ("?decision=2025-10-01").
    QUERY_NAMES: Final = {"decision_date": "decision", "certificate_date": "certificate"}

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> KeyDatesForm:
        """Bind the form to ISO dates in a result URL, so they get the very same checks."""
        data: dict[str, str] = {}
        for field, param in cls.QUERY_NAMES.items():
            raw = (query.get(param) or "").strip()
            match = _ISO_PARTS.match(raw)
            if raw and not match:
                # Not a date at all: let the field say it is not a real date.
                parts = ("x", "x", "x")
            else:
                year, month, day = match.groups() if match else ("", "", "")
                parts = (day, month, year)
            for name, value in zip(("day", "month", "year"), parts, strict=True):
                data[f"{field}-{name}"] = value
        return cls(data)

    @classmethod
    def initial_from_query(cls, query: Mapping[str, str]) -> dict[str, date]:
        """Answers given back by a "Change" link, ignoring anything that is not an ISO date."""
        initial: dict[str, date] = {}
        for field, param in cls.QUERY_NAMES.items():
            try:
                initial[field] = date.fromisoformat(query.get(param) or "")
            except ValueError:
                continue
        return initial

    def clean_decision_date(self) -> date:
        value: date = self.cleaned_data["decision_date"]
        latest = services.latest_decision_date()
        if not services.FIRST_COUNTABLE_DATE <= value <= latest:
            raise forms.ValidationError(
                _range_message("The date on the decision letter", latest), code="out_of_range"
            )
        return value

    def clean_certificate_date(self) -> date | None:
        value: date | None = self.cleaned_data.get("certificate_date")
        latest = services.latest_certificate_date()
        if value is not None and not services.FIRST_COUNTABLE_DATE <= value <= latest:
            raise forms.ValidationError(
                _range_message("The date on the mediation certificate", latest),
                code="out_of_range",
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decision = cleaned.get("decision_date")
        certificate = cleaned.get("certificate_date")
        if decision is not None and certificate is not None and certificate < decision:
            self.add_error(
                "certificate_date",
                forms.ValidationError(
                    "The date on the mediation certificate must be the same as or after the date"
                    " on the decision letter",
                    code="before_decision",
                ),
            )
        return cleaned

    def answers(self) -> KeyDates:
        return {
            "decision_sent": self.cleaned_data["decision_date"],
            "certificate_issued": self.cleaned_data["certificate_date"],
        }

    def query(self) -> dict[str, str]:
        """The valid answers as a result URL's query parameters."""
        params = {}
        for field, param in self.QUERY_NAMES.items():
            value = self.cleaned_data.get(field)
            if value is not None:
                params[param] = value.isoformat()
        return params


# -- do I need a certificate? ------------------------------------------------------------------

# What each matter (``mediation.rules.MATTERS``) is called on the checker's question page.
MATTER_LABELS: Final = {
    "refusal_to_assess": "A decision not to carry out an EHC needs assessment",
    "refusal_to_reassess": "A decision not to carry out a re-assessment",
    "refusal_to_issue_plan": "A decision not to issue an EHC plan after an assessment",
    "plan_content": (
        "The special educational needs or provision described in the plan (sections B and F)"
    ),
    "plan_placement": (
        "The school, college or other setting named in the plan (section I), or that none is named"
    ),
    "refusal_to_amend": "A decision not to change the plan after a review or re-assessment",
    "cease_to_maintain": "A decision to stop the plan (to cease to maintain it)",
    "health_social_care": "The health or social care parts of the plan",
    "other_disagreement": "Something else, for example the support a school gives",
    "disability_discrimination": "Disability discrimination by a school",
}
# In the rules' order; a matter the rules add without a label here fails at import.
MATTER_CHOICES: Final = tuple((matter, MATTER_LABELS[matter]) for matter in MATTERS)

PLAN_STATUS_CHOICES: Final = (
    ("none", "No, and there has not been an EHC needs assessment"),
    ("assessment", "No, but there is or has been an EHC needs assessment"),
    ("plan", "Yes, an EHC plan"),
    ("legacy_statement", "A statement of special educational needs"),
)
PLAN_STATUS_LABELS: Final = dict(PLAN_STATUS_CHOICES)

YES_NO: Final = (("yes", "Yes"), ("no", "No"))


def _quoted(labels: list[str]) -> str:
    quoted = [f"'{label}'" for label in labels]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


class CertificateCheckForm(forms.Form):
    """What the appeal or disagreement is about, and whether there is a plan."""

    matters = forms.MultipleChoiceField(
        label="What do you disagree with?",
        help_text="Select all that apply.",
        choices=MATTER_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select what you disagree with",
            "invalid_choice": "Select what you disagree with from the list",
        },
    )
    plan_status = forms.ChoiceField(
        label=("Does the child or young person have an education, health and care (EHC) plan?"),
        choices=PLAN_STATUS_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the child or young person has an EHC plan",
            "invalid_choice": "Select whether the child or young person has an EHC plan",
        },
    )
    la_in_england = forms.ChoiceField(
        label="Is the local authority in England?",
        help_text="The local authority is the council that made the decision.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if the local authority is in England",
            "invalid_choice": "Select yes if the local authority is in England",
        },
    )

    govuk_classes = {
        "matters": "govuk-fieldset__legend--m",
        "plan_status": "govuk-fieldset__legend--m",
        "la_in_england": "govuk-fieldset__legend--m govuk-radios--inline",
    }
    govuk_choice_hints = {
        "matters": {
            "refusal_to_issue_plan": "After assessing needs, the local authority decided not to"
            " write a plan.",
            "plan_placement": "For example, you want a different school named.",
            "other_disagreement": "Or how a local authority, school, college or health service"
            " carries out its duties for children and young people with SEND.",
        },
        "plan_status": {
            "assessment": "For example, the local authority assessed needs and then decided not"
            " to issue a plan.",
            "legacy_statement": "Statements were used before EHC plans. Most were changed to EHC"
            " plans by 2018.",
        },
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        matters = cleaned.get("matters")
        plan_status = cleaned.get("plan_status")
        if matters and plan_status:
            conflicts = services.certificate_plan_conflicts(
                matters=matters, plan_status=plan_status
            )
            if conflicts:
                labels = [MATTER_LABELS[m] for m in conflicts]
                verb = "is" if len(labels) == 1 else "are"
                self.add_error(
                    "plan_status",
                    forms.ValidationError(
                        f"You said there is no EHC plan, but {_quoted(labels)} {verb} about a"
                        " plan. Select 'Yes, an EHC plan' if there is one, or change what you"
                        " disagree with",
                        code="needs_a_plan",
                    ),
                )
        return cleaned

    @classmethod
    def initial_from_query(cls, query: QueryDict) -> dict[str, object]:
        """Answers given back by a "Change" link."""
        return {
            "matters": query.getlist("matters"),
            "plan_status": query.get("plan_status"),
            "la_in_england": query.get("la_in_england"),
        }

    @property
    def in_england(self) -> bool:
        return bool(self.cleaned_data["la_in_england"] == "yes")

    def answers(self) -> CertificateQuestions:
        return {
            "matters": self.cleaned_data["matters"],
            "plan_status": self.cleaned_data["plan_status"],
            "la_in_england": self.in_england,
        }

    def query(self) -> list[tuple[str, str]]:
        """The valid answers as a result URL's query parameters (matters repeated)."""
        return [
            *(("matters", m) for m in self.cleaned_data["matters"]),
            ("plan_status", self.cleaned_data["plan_status"]),
            ("la_in_england", self.cleaned_data["la_in_england"]),
        ]
