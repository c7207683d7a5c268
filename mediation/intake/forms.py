"""The referral's questions: one form per question page, reused by the staff referral page.

Every form knows the answers given before it (``facts``) and who it is speaking to: a parent or
carer, a young person, someone acting for a young person, a professional (all online), or a
member of staff entering a referral taken by phone, email or letter (``staff=True``). The wording
and the checks that depend on earlier answers (a plan decision needs a plan) follow from those.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from mediation.cases.choices import (
    ApplicantRole,
    Channel,
    ContactMethod,
    DecisionType,
    EHCStatus,
    PlanSection,
    Wants,
)
from mediation.core.forms_govuk import GovukDateField
from mediation.rules import MATTERS_NEEDING_A_PLAN

PROFESSIONAL = "professional"
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
PHONE_FORMAT = "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
MOBILE_FORMAT = "Enter a mobile phone number for text messages, like 07700 900 982"

# Decisions that only exist once there is an EHC plan (or, under the old law, a statement): the
# rules' own list, so the referral and the certificate checker always agree.
NEEDS_A_PLAN = MATTERS_NEEDING_A_PLAN
# Disagreements that are not about a local authority decision, so may have no decision letter.
NOT_LA_DECISIONS = frozenset(
    {DecisionType.OTHER_DISAGREEMENT, DecisionType.DISABILITY_DISCRIMINATION}
)

Rows = list[tuple[str, list[str]]]


def _phone_digits(value: str) -> str:
    return re.sub(r"[\s\-().]", "", value)


def clean_phone(value: str) -> str:
    """A UK or international phone number, as typed (spaces kept), or a ValidationError."""
    value = value.strip()
    if not value:
        return ""
    digits = _phone_digits(value)
    if not re.fullmatch(r"\+?\d{10,15}", digits):
        raise forms.ValidationError(PHONE_FORMAT, code="invalid")
    return value


def is_mobile(value: str) -> bool:
    """UK mobiles start 07 (or +44 7); a number from abroad is taken on trust."""
    digits = _phone_digits(value)
    if digits.startswith("+") and not digits.startswith("+44"):
        return True
    return bool(re.fullmatch(r"(07\d{9})|(\+?447\d{9})", digits))


POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")


def clean_postcode(value: str) -> str:
    match = POSTCODE.match(value.strip().upper())
    if not match:
        raise forms.ValidationError("Enter a real postcode", code="invalid")
    return f"{match.group(1)} {match.group(2)}"


def _choice_label(choices: Sequence[tuple[Any, Any]], value: Any) -> str:
    for key, label in choices:
        if str(key) == str(value):
            return str(label)
    return str(value)


def _date_text(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


class StepForm(forms.Form):
    """A question page. Subclasses set their fields, wording (``configure``) and summary rows."""

    # The field whose label is the page's heading (a page with one question), if any.
    govuk_page_heading: str | None = None
    # The page's heading when it asks several questions (one-question pages use the question).
    heading: ClassVar[str] = ""
    intro: ClassVar[str] = ""

    def __init__(
        self,
        *args: Any,
        facts: Mapping[str, Any] | None = None,
        staff: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.facts: dict[str, Any] = dict(facts or {})
        self.staff = staff
        self.page_heading = self.heading
        self.page_intro = self.intro
        if staff:
            # On the staff page every step is a section of one long form: no question is the
            # page's heading, and every question is the same size under its section's heading.
            self.govuk_page_heading = None
            base = dict(getattr(type(self), "govuk_classes", {}))
            sizes = ("govuk-fieldset__legend--", "govuk-label--")
            self.govuk_classes = {
                name: " ".join(
                    [c for c in base.get(name, "").split() if not c.startswith(sizes)]
                    + ["govuk-fieldset__legend--s"]
                )
                for name in self.fields
            }
        self.configure()

    @property
    def page_title(self) -> str:
        """The page's heading: its own, or the question that is the heading."""
        if self.page_heading:
            return self.page_heading
        if self.govuk_page_heading:
            return str(self.fields[self.govuk_page_heading].label)
        return ""

    # Who the questions are about and to -------------------------------------------------

    @property
    def asker(self) -> str:
        """The answer to "Who are you?": a role, or a professional."""
        return str(self.facts.get("who", ""))

    @property
    def role(self) -> str:
        """The applicant's role: who holds the rights, or acts for the young person."""
        if self.asker == PROFESSIONAL:
            return str(self.facts.get("family_role", ""))
        return self.asker

    @property
    def about_family(self) -> bool:
        """Speak of the family in the third person (a professional or staff is filling it in)."""
        return self.staff or self.asker == PROFESSIONAL

    @property
    def young_person_self(self) -> bool:
        return not self.about_family and self.asker == ApplicantRole.YOUNG_PERSON

    @property
    def child(self) -> str:
        """How to name the child or young person in a question."""
        if self.young_person_self:
            return "you"
        if self.role in {ApplicantRole.YOUNG_PERSON, ApplicantRole.ALTERNATIVE_PERSON}:
            return "the young person"
        return "the child or young person"

    def you(self, second: str, third: str) -> str:
        return third if self.about_family else second

    def configure(self) -> None:
        """Adjust labels, hints and which fields exist to the facts and audience."""

    def summary_rows(self) -> Rows:
        """(question, answer lines) for the check-answers page; call only on a valid form."""
        return []

    def set_messages(self, name: str, **messages: str) -> None:
        self.fields[name].error_messages.update(messages)


# ---------------------------------------------------------------------------------------------
# 1. Who are you?
# ---------------------------------------------------------------------------------------------


class WhoForm(StepForm):
    govuk_page_heading = "who"
    govuk_dividers = {"who": [PROFESSIONAL]}

    who = forms.ChoiceField(
        label="Who are you?",
        widget=forms.RadioSelect,
        choices=[
            (ApplicantRole.PARENT_CARER.value, "A parent or carer"),
            (ApplicantRole.YOUNG_PERSON.value, "A young person aged 16 to 25, asking for myself"),
            (
                ApplicantRole.ALTERNATIVE_PERSON.value,
                "Someone acting for a young person who cannot make this decision themselves",
            ),
            (PROFESSIONAL, "A professional asking on a family's behalf"),
        ],
        error_messages={"required": "Select who you are"},
    )

    def configure(self) -> None:
        self.govuk_choice_hints = {
            "who": {
                ApplicantRole.PARENT_CARER.value: (
                    "Of a child or young person with special educational needs or "
                    "disabilities (SEND)"
                ),
                ApplicantRole.ALTERNATIVE_PERSON.value: (
                    "For example, their deputy, attorney or parent, when the young person does "
                    "not have the mental capacity to decide about mediation"
                ),
                PROFESSIONAL: (
                    "For example, from a SEND information, advice and support service "
                    "(SENDIASS), a school or social care. You will need the family's permission."
                ),
            }
        }
        if self.staff:
            field = self.fields["who"]
            field.label = "Who is the referral from?"
            field.choices = [  # type: ignore[attr-defined]
                (ApplicantRole.PARENT_CARER.value, "A parent or carer"),
                (ApplicantRole.YOUNG_PERSON.value, "The young person (16 to 25)"),
                (
                    ApplicantRole.ALTERNATIVE_PERSON.value,
                    "Someone acting for a young person who cannot make this decision "
                    "(deputy, attorney or parent)",
                ),
                (PROFESSIONAL, "A professional on the family's behalf"),
            ]
            self.govuk_choice_hints = {}
            self.set_messages("who", required="Select who the referral is from")

    def summary_rows(self) -> Rows:
        label = _choice_label(self.fields["who"].choices, self.cleaned_data["who"])  # type: ignore[attr-defined]
        return [(str(self.fields["who"].label), [label])]


# ---------------------------------------------------------------------------------------------
# 2. A professional's details, and the family's agreement
# ---------------------------------------------------------------------------------------------


class ProfessionalForm(StepForm):
    heading = "Your details"

    referrer_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    referrer_organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="For example, the SENDIASS, school or charity you work for",
        error_messages={"required": "Enter the name of your organisation"},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    referrer_role = forms.CharField(
        label="Job title",
        max_length=100,
        error_messages={"required": "Enter your job title"},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    referrer_email = forms.EmailField(
        label="Email address",
        help_text="We will send a confirmation to this address",
        error_messages={"required": "Enter your email address", "invalid": EMAIL_FORMAT},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    referrer_phone = forms.CharField(
        label="Phone number (optional)",
        required=False,
        max_length=40,
        help_text="For international numbers include the country code",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    govuk_classes = {"referrer_phone": "govuk-input--width-20"}

    def configure(self) -> None:
        if self.staff:
            self.fields["referrer_name"].label = "Referrer's full name"
            self.fields["referrer_email"].help_text = ""
            self.set_messages("referrer_name", required="Enter the referrer's full name")
            self.set_messages("referrer_organisation", required="Enter the referrer's organisation")
            self.set_messages("referrer_role", required="Enter the referrer's job title")
            self.set_messages("referrer_email", required="Enter the referrer's email address")

    def clean_referrer_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("referrer_phone", ""))

    def summary_rows(self) -> Rows:
        data = self.cleaned_data
        lines = [data["referrer_name"], f"{data['referrer_role']}, {data['referrer_organisation']}"]
        lines.append(data["referrer_email"])
        if data["referrer_phone"]:
            lines.append(data["referrer_phone"])
        return [("Your details" if not self.staff else "Referrer", lines)]


class FamilyAgreementForm(StepForm):
    heading = "About the family"

    family_role = forms.ChoiceField(
        label="Who will we be helping?",
        widget=forms.RadioSelect,
        choices=[
            (ApplicantRole.PARENT_CARER.value, "A parent or carer"),
            (ApplicantRole.YOUNG_PERSON.value, "A young person aged 16 to 25"),
            (
                ApplicantRole.ALTERNATIVE_PERSON.value,
                "Someone acting for a young person who cannot make this decision themselves",
            ),
        ],
        error_messages={"required": "Select who we will be helping"},
    )
    family_consent = forms.ChoiceField(
        label="Has the family agreed to you asking us for help?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes, they have agreed"), ("not_yet", "Not yet")],
        error_messages={"required": "Select whether the family has agreed to this referral"},
    )
    govuk_classes = {
        "family_role": "govuk-fieldset__legend--m",
        "family_consent": "govuk-fieldset__legend--m",
    }

    def configure(self) -> None:
        self.govuk_choice_hints = {
            "family_role": {
                ApplicantRole.ALTERNATIVE_PERSON.value: "For example, their deputy or attorney",
            },
            "family_consent": {
                "not_yet": (
                    "We will contact the family to ask their permission before we do anything else"
                )
            },
        }
        if self.staff:
            self.fields["family_role"].label = "Who in the family is the referral for?"
            self.fields["family_consent"].label = "Has the family agreed to this referral?"

    def summary_rows(self) -> Rows:
        data = self.cleaned_data
        role = _choice_label(self.fields["family_role"].choices, data["family_role"])  # type: ignore[attr-defined]
        consent = _choice_label(self.fields["family_consent"].choices, data["family_consent"])  # type: ignore[attr-defined]
        return [
            (str(self.fields["family_role"].label), [role]),
            (str(self.fields["family_consent"].label), [consent]),
        ]


# ---------------------------------------------------------------------------------------------
# 3. The child or young person
# ---------------------------------------------------------------------------------------------


class ChildForm(StepForm):
    heading = "About the child or young person"

    child_first_name = forms.CharField(label="First name", max_length=100)
    child_last_name = forms.CharField(label="Last name", max_length=100)
    child_date_of_birth = GovukDateField(
        name="their date of birth",
        label="Date of birth",
        help_text="For example, 27 3 2012",
        not_in_future=True,
    )
    child_setting = forms.CharField(
        label="School, college or setting (optional)",
        required=False,
        max_length=200,
        help_text="Where they go now, if anywhere",
    )

    def configure(self) -> None:
        if self.young_person_self:
            self.page_heading = "About you"
            self.fields["child_date_of_birth"].help_text = "For example, 27 3 2007"
            self.fields["child_date_of_birth"].date_name = "your date of birth"  # type: ignore[attr-defined]
            self.fields["child_setting"].help_text = "Where you go now, if anywhere"
            self.set_messages("child_first_name", required="Enter your first name")
            self.set_messages("child_last_name", required="Enter your last name")
            self.fields["child_first_name"].widget.attrs["autocomplete"] = "given-name"
            self.fields["child_last_name"].widget.attrs["autocomplete"] = "family-name"
            return
        if self.child == "the young person":
            self.page_heading = "About the young person"
        self.set_messages("child_first_name", required="Enter their first name")
        self.set_messages("child_last_name", required="Enter their last name")
        for name in ("child_first_name", "child_last_name"):
            self.fields[name].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def summary_rows(self) -> Rows:
        data = self.cleaned_data
        rows: Rows = [
            ("Name", [f"{data['child_first_name']} {data['child_last_name']}"]),
            ("Date of birth", [_date_text(data["child_date_of_birth"])]),
            ("School, college or setting", [data["child_setting"] or "Not given"]),
        ]
        return rows


# ---------------------------------------------------------------------------------------------
# 4. The local authority
# ---------------------------------------------------------------------------------------------


class LocalAuthorityForm(StepForm):
    govuk_page_heading = "local_authority"

    local_authority = forms.ChoiceField(
        label="Which local authority made the decision?",
        error_messages={
            "required": "Select the local authority that made the decision",
            "invalid_choice": "Select the local authority that made the decision",
        },
    )

    def __init__(
        self, *args: Any, local_authorities: Sequence[tuple[str, str]] = (), **kwargs: Any
    ) -> None:
        self.local_authorities = list(local_authorities)
        super().__init__(*args, **kwargs)

    def configure(self) -> None:
        field = self.fields["local_authority"]
        field.choices = [("", "Choose a local authority"), *self.local_authorities]  # type: ignore[attr-defined]
        field.help_text = (
            "If the disagreement is not about a local authority decision, choose the local "
            f"authority where {self.child} {'live' if self.child == 'you' else 'lives'}. "
            "If your local authority is not listed, we do not provide its mediation service: "
            "its Local Offer website names the service to contact."
        )
        if self.staff:
            field.label = "Local authority"
            field.help_text = "Only the local authorities we serve are listed."

    def summary_rows(self) -> Rows:
        name = _choice_label(self.local_authorities, self.cleaned_data["local_authority"])
        return [("Local authority", [name])]


# ---------------------------------------------------------------------------------------------
# 5. EHC plan
# ---------------------------------------------------------------------------------------------


class EHCPlanForm(StepForm):
    govuk_page_heading = "ehc_status"

    ehc_status = forms.ChoiceField(
        label="Does the child or young person have an education, health and care (EHC) plan?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they have an EHC plan"},
    )

    def configure(self) -> None:
        field = self.fields["ehc_status"]
        if self.staff:
            field.label = "EHC plan"
            field.choices = [(s.value, s.label) for s in EHCStatus]  # type: ignore[attr-defined]
            self.set_messages("ehc_status", required="Select whether there is an EHC plan")
            return
        if self.young_person_self:
            field.label = "Do you have an education, health and care (EHC) plan?"
            self.set_messages("ehc_status", required="Select whether you have an EHC plan")
        elif self.child == "the young person":
            field.label = "Does the young person have an education, health and care (EHC) plan?"
        have = "I have" if self.young_person_self else "they have"
        labels = {
            EHCStatus.PLAN: f"Yes, {have} an EHC plan",
            EHCStatus.ASSESSMENT: "No, but the local authority is assessing needs for a plan",
            EHCStatus.NONE: "No",
            EHCStatus.LEGACY_STATEMENT: f"No, {have} a statement of special educational needs",
        }
        field.choices = [(status.value, labels[status]) for status in labels]  # type: ignore[attr-defined]
        self.govuk_choice_hints = {
            "ehc_status": {
                EHCStatus.ASSESSMENT.value: "An EHC needs assessment is under way",
                EHCStatus.LEGACY_STATEMENT.value: (
                    "Statements were used before EHC plans. Most were changed to EHC plans by 2018."
                ),
            }
        }

    def summary_rows(self) -> Rows:
        field = self.fields["ehc_status"]
        return [("EHC plan", [_choice_label(field.choices, self.cleaned_data["ehc_status"])])]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# 6. The disagreement
# ---------------------------------------------------------------------------------------------

DECISION_LABELS: dict[str, tuple[str, str]] = {
    DecisionType.REFUSAL_TO_ASSESS: (
        "The local authority will not do an EHC needs assessment",
        "An assessment is the first step towards an EHC plan",
    ),
    DecisionType.REFUSAL_TO_REASSESS: (
        "The local authority will not do a new assessment",
        "It refused to re-assess needs for an existing EHC plan",
    ),
    DecisionType.REFUSAL_TO_ISSUE_PLAN: (
        "The local authority will not make an EHC plan",
        "It did an assessment, then decided not to issue a plan",
    ),
    DecisionType.PLAN_CONTENT: (
        "The needs or provision in the plan",
        "What the plan says about special educational needs (section B) or the support to meet "
        "them (section F)",
    ),
    DecisionType.PLAN_PLACEMENT: (
        "The school or setting named in the plan",
        "Section I: the school, college or type of setting named, or that none is named",
    ),
    DecisionType.REFUSAL_TO_AMEND: (
        "The local authority will not change the plan after a review",
        "It decided not to amend the plan after an annual review or a new assessment",
    ),
    DecisionType.CEASE_TO_MAINTAIN: (
        "The local authority has decided to stop the plan",
        "It has decided to cease to maintain the EHC plan",
    ),
    DecisionType.HEALTH_SOCIAL_CARE: (
        "The health or social care parts of the plan",
        "Sections C and G (health), or D and H (social care)",
    ),
    DecisionType.OTHER_DISAGREEMENT: (
        "Something else, for example a disagreement with a school, college or health service",
        "We can help with any disagreement about special educational needs and disabilities, "
        "with or without an EHC plan",
    ),
    DecisionType.DISABILITY_DISCRIMINATION: (
        "Disability discrimination",
        "A school or college treated a disabled child or young person unfairly",
    ),
}

CARE_AREAS = [
    ("health", "Health (sections C and G)"),
    ("social_care", "Social care (sections D and H)"),
]


class DisagreementForm(StepForm):
    govuk_page_heading = "decisions"
    govuk_conditionals = {
        "decisions": {
            DecisionType.PLAN_CONTENT.value: ["plan_sections", "plan_areas"],
            DecisionType.HEALTH_SOCIAL_CARE.value: ["care_areas"],
        }
    }

    decisions = forms.MultipleChoiceField(
        label="What do you disagree with?",
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        choices=[(key.value, DECISION_LABELS[key][0]) for key in DecisionType],
        error_messages={"required": "Select what you disagree with"},
    )
    plan_sections = forms.MultipleChoiceField(
        label="Which parts of the plan?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (PlanSection.B.value, "Section B: special educational needs"),
            (PlanSection.F.value, "Section F: special educational provision (the support)"),
        ],
    )
    plan_areas = forms.MultipleChoiceField(
        label="Are health or social care part of this disagreement too? (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("health", "Health"), ("social_care", "Social care")],
    )
    care_areas = forms.MultipleChoiceField(
        label="Which parts?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=CARE_AREAS,
    )
    decision_summary = forms.CharField(
        label="Tell us about the disagreement (optional)",
        required=False,
        max_length=2000,
        help_text="In your own words. You can tell the mediation adviser more when you talk.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    govuk_classes = {"decision_summary": "govuk-label--s"}

    def configure(self) -> None:
        self.govuk_choice_hints = {
            "decisions": {key.value: DECISION_LABELS[key][1] for key in DecisionType}
        }
        if self.about_family:
            self.fields["decisions"].label = (
                "What is the disagreement about?"
                if self.staff
                else "What does the family disagree with?"
            )
            self.fields["decision_summary"].help_text = "In the family's own words, if you can."
            self.set_messages("decisions", required="Select what the disagreement is about")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decisions = set(data.get("decisions") or [])
        if not decisions:
            return data
        if DecisionType.PLAN_CONTENT in decisions and not data.get("plan_sections"):
            self.add_error("plan_sections", "Select which parts of the plan you disagree with")
        if DecisionType.HEALTH_SOCIAL_CARE in decisions and not data.get("care_areas"):
            self.add_error(
                "care_areas", "Select whether the disagreement is about health, social care or both"
            )
        status = self.facts.get("ehc_status")
        if status in {EHCStatus.NONE, EHCStatus.ASSESSMENT} and decisions & NEEDS_A_PLAN:
            there = "you do not have" if self.young_person_self else "there is not"
            self.add_error(
                "decisions",
                f"You told us {there} an EHC plan yet, so these options do not apply: "
                + ", ".join(
                    DECISION_LABELS[d][0].lower()
                    for d in DecisionType
                    if d in decisions & NEEDS_A_PLAN
                )
                + ". Select something else, or change your answer about the EHC plan",
            )
        # Answers under options no longer ticked are not part of the referral.
        if DecisionType.PLAN_CONTENT not in decisions:
            data["plan_sections"], data["plan_areas"] = [], []
        if DecisionType.HEALTH_SOCIAL_CARE not in decisions:
            data["care_areas"] = []
        return data

    def summary_rows(self) -> Rows:
        data = self.cleaned_data
        lines = []
        for key in DecisionType:
            if key.value not in data["decisions"]:
                continue
            text = DECISION_LABELS[key][0]
            if key == DecisionType.PLAN_CONTENT:
                sections = data["plan_sections"]
                text += f" ({'sections' if len(sections) > 1 else 'section'} "
                text += f"{' and '.join(sections)})"
                if data["plan_areas"]:
                    areas = " and ".join(
                        "health" if a == "health" else "social care" for a in data["plan_areas"]
                    )
                    text += f", also involving {areas}"
            if key == DecisionType.HEALTH_SOCIAL_CARE:
                names = {"health": "health", "social_care": "social care"}
                text += f" ({', '.join(names[a] for a in data['care_areas'])})"
            lines.append(text)
        rows: Rows = [("What the disagreement is about", lines)]
        rows.append(
            (
                "In your own words" if not self.about_family else "Details",
                [data["decision_summary"] or "Not given"],
            )
        )
        return rows


# ---------------------------------------------------------------------------------------------
# 7. The decision letter
# ---------------------------------------------------------------------------------------------


class DecisionDateForm(StepForm):
    govuk_page_heading = "decision_date"

    decision_date = GovukDateField(
        name="the date on the decision letter",
        label="What date is on the decision letter?",
        required=False,
        not_in_future=True,
        help_text=(
            "For example, 27 3 2026. The decision letter is the letter from the local authority "
            "about its decision. If you cannot find it, enter the date you were told about the "
            "decision."
        ),
    )
    no_letter = forms.BooleanField(
        label="I do not have a decision letter",
        required=False,
        help_text="For example, because the disagreement is with a school, not the local authority",
    )

    @property
    def letter_optional(self) -> bool:
        decisions = set(self.facts.get("decisions") or [])
        return bool(decisions) and decisions <= NOT_LA_DECISIONS

    def configure(self) -> None:
        # Online, the option is offered only when it fits the earlier answers. Staff see the
        # whole referral on one page, so they always see it and the check happens on sending.
        if not self.letter_optional and not self.staff:
            del self.fields["no_letter"]
        if self.staff:
            self.fields["decision_date"].label = "Date on the decision letter"
            self.fields["decision_date"].help_text = "For example, 27 3 2026"
            if "no_letter" in self.fields:
                self.fields["no_letter"].label = "There is no decision letter"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "decision_date" in self.errors:
            return data
        date, no_letter = data.get("decision_date"), data.get("no_letter", False)
        if date and no_letter:
            self.add_error(
                "decision_date",
                "Enter the date on the decision letter, or select that there is no decision "
                "letter, not both",
            )
        elif no_letter and not self.letter_optional:
            self.add_error(
                "decision_date",
                "Enter the date on the decision letter: a disagreement about a local authority "
                "decision needs it",
            )
        elif not date and not no_letter:
            self.add_error(
                "decision_date",
                "Enter the date on the decision letter, or select that there is no decision letter"
                if self.letter_optional
                else "Enter the date on the decision letter",
            )
        return data

    def summary_rows(self) -> Rows:
        date = self.cleaned_data.get("decision_date")
        return [
            ("Date on the decision letter", [_date_text(date) if date else "No decision letter"])
        ]


# ---------------------------------------------------------------------------------------------
# 8. What they would like
# ---------------------------------------------------------------------------------------------


class WantsForm(StepForm):
    govuk_page_heading = "wants"
    govuk_dividers = {"wants": [Wants.NOT_SURE.value]}

    wants = forms.ChoiceField(
        label="What would you like help with?",
        widget=forms.RadioSelect,
        choices=[
            (Wants.CERTIFICATE.value, "Information about mediation, and a mediation certificate"),
            (Wants.MEDIATION.value, "Mediation"),
            (Wants.DISAGREEMENT_RESOLUTION.value, "Disagreement resolution"),
            (Wants.NOT_SURE.value, "I'm not sure yet"),
        ],
        error_messages={"required": "Select what you would like help with"},
    )

    def configure(self) -> None:
        self.govuk_choice_hints = {
            "wants": {
                Wants.CERTIFICATE.value: (
                    "A mediation adviser explains mediation in a short phone call, usually about "
                    "20 minutes. If you decide not to have mediation, you get a certificate "
                    "within 3 working days, so you can appeal to the SEND Tribunal."
                ),
                Wants.MEDIATION.value: (
                    "A meeting with the local authority, led by an independent mediator, to try "
                    "to agree. You still get a certificate afterwards if you need one to appeal."
                ),
                Wants.DISAGREEMENT_RESOLUTION.value: (
                    "A meeting to help sort out any SEND disagreement, for example with a school "
                    "or health service. Everyone involved has to agree to take part."
                ),
                Wants.NOT_SURE.value: "A mediation adviser will talk through the options with you.",
            }
        }
        if self.about_family:
            field = self.fields["wants"]
            field.label = (
                "What does the family want?"
                if self.staff
                else ("What would the family like help with?")
            )
            field.choices = [  # type: ignore[attr-defined]
                (value, "Not sure yet" if value == Wants.NOT_SURE else label)
                for value, label in field.choices  # type: ignore[attr-defined]
            ]
            self.set_messages("wants", required="Select what the family would like help with")
            if self.staff:
                self.govuk_choice_hints = {}

    def summary_rows(self) -> Rows:
        field = self.fields["wants"]
        return [("Help wanted", [_choice_label(field.choices, self.cleaned_data["wants"])])]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# 9. Help to take part
# ---------------------------------------------------------------------------------------------

SUPPORT_CHOICES = [
    ("interpreter", "An interpreter"),
    ("bsl", "A British Sign Language (BSL) interpreter"),
    ("easy_read", "Easy read information"),
    ("large_print", "Large print"),
    ("other", "Something else"),
    ("none", "No, I do not need any help"),
]


class SupportForm(StepForm):
    govuk_page_heading = "support"
    govuk_conditionals = {
        "support": {"interpreter": ["interpreter_language"], "other": ["other_adjustments"]}
    }
    govuk_dividers = {"support": ["none"]}

    support = forms.MultipleChoiceField(
        label="Do you need any help to take part?",
        help_text="For example, in phone calls and meetings. Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        choices=SUPPORT_CHOICES,
        error_messages={
            "required": "Select the help you need, or select 'No, I do not need any help'"
        },
    )
    interpreter_language = forms.CharField(label="Which language?", required=False, max_length=60)
    other_adjustments = forms.CharField(
        label="Tell us what would help",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    govuk_classes = {"interpreter_language": "govuk-input--width-20"}

    def configure(self) -> None:
        if self.about_family:
            field = self.fields["support"]
            field.label = (
                "Does the family need help to take part?"
                if self.staff
                else "Does the family need any help to take part?"
            )
            none = "No, they do not need any help"
            field.choices = [  # type: ignore[attr-defined]
                (v, none if v == "none" else label) for v, label in SUPPORT_CHOICES
            ]
            self.set_messages("support", required=f"Select the help they need, or select '{none}'")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = set(data.get("support") or [])
        if "none" in chosen and len(chosen) > 1:
            none = _choice_label(self.fields["support"].choices, "none")  # type: ignore[attr-defined]
            self.add_error("support", f"Select the help needed, or select '{none}', not both")
        if "interpreter" in chosen and not data.get("interpreter_language", "").strip():
            self.add_error("interpreter_language", "Enter the language for the interpreter")
        if "other" in chosen and not data.get("other_adjustments", "").strip():
            self.add_error("other_adjustments", "Tell us what help is needed")
        if "interpreter" not in chosen:
            data["interpreter_language"] = ""
        if "other" not in chosen:
            data["other_adjustments"] = ""
        return data

    def summary_rows(self) -> Rows:
        data = self.cleaned_data
        labels = dict(self.fields["support"].choices)  # type: ignore[attr-defined]
        lines = []
        for value in data["support"]:
            text = str(labels[value])
            if value == "interpreter":
                text += f": {data['interpreter_language']}"
            if value == "other":
                text += f": {data['other_adjustments']}"
            lines.append(text)
        return [("Help to take part", lines)]


# ---------------------------------------------------------------------------------------------
# 10. Contact details
# ---------------------------------------------------------------------------------------------

CONTACT_LABELS = {
    ContactMethod.PHONE: "Phone call",
    ContactMethod.EMAIL: "Email",
    ContactMethod.TEXT: "Text message",
    ContactMethod.LETTER: "Letter",
}


class ContactForm(StepForm):
    heading = "Your contact details"
    intro = "We need an email address or phone number, so that a mediation adviser can contact you."

    applicant_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    applicant_relationship = forms.CharField(
        label="Your relationship to the child or young person",
        required=False,
        max_length=80,
        help_text="For example, mother, grandparent or foster carer",
    )
    applicant_email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="We will send a confirmation to this address",
        error_messages={"invalid": EMAIL_FORMAT},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    applicant_phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=40,
        help_text="For international numbers include the country code",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    contact_method = forms.ChoiceField(
        label="How should we contact you?",
        widget=forms.RadioSelect,
        choices=[(m.value, CONTACT_LABELS[m]) for m in ContactMethod],
        error_messages={"required": "Select how we should contact you"},
    )
    contact_times = forms.CharField(
        label="Best times to call (optional)",
        required=False,
        max_length=200,
        help_text="For example, weekday mornings, or after 3pm",
    )
    govuk_classes = {
        "applicant_phone": "govuk-input--width-20",
        "contact_method": "govuk-fieldset__legend--m",
    }

    @property
    def asks_relationship(self) -> bool:
        return self.staff or self.role in {
            ApplicantRole.PARENT_CARER,
            ApplicantRole.ALTERNATIVE_PERSON,
        }

    def configure(self) -> None:
        if self.role == ApplicantRole.ALTERNATIVE_PERSON:
            self.fields[
                "applicant_relationship"
            ].help_text = "For example, deputy, attorney or parent"
        if not self.asks_relationship:
            del self.fields["applicant_relationship"]
        if self.staff:
            self.page_heading = "Contact details"
            self.page_intro = ""
            self.fields["applicant_name"].label = "Full name of the parent, carer or young person"
            self.fields[
                "applicant_relationship"
            ].label = "Relationship to the child or young person"
            self.fields["applicant_relationship"].help_text = (
                "For example, mother or foster carer. Leave empty when the young person is asking "
                "for themselves."
            )
            self.fields["applicant_email"].help_text = ""
            self.fields["contact_method"].label = "How should we contact them?"
            self.set_messages("applicant_name", required="Enter the full name")
            self.set_messages("contact_method", required="Select how we should contact them")
        elif self.asker == PROFESSIONAL:
            self.page_heading = "The family's contact details"
            self.page_intro = (
                "We need an email address or phone number for the family, so that we can "
                "contact them."
            )
            self.fields["applicant_name"].label = "Their full name"
            self.fields["applicant_name"].widget.attrs["autocomplete"] = "off"
            self.fields["applicant_email"].widget.attrs["autocomplete"] = "off"
            self.fields["applicant_phone"].widget.attrs["autocomplete"] = "off"
            self.fields["applicant_email"].help_text = ""
            if "applicant_relationship" in self.fields:
                self.fields[
                    "applicant_relationship"
                ].label = "Their relationship to the child or young person"
            self.fields["contact_method"].label = "How should we contact them?"
            self.set_messages("applicant_name", required="Enter their full name")
            self.set_messages("contact_method", required="Select how we should contact them")

    def clean_applicant_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("applicant_phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        method = data.get("contact_method")
        email, phone = data.get("applicant_email", ""), data.get("applicant_phone", "")
        other_way = "or choose another way for us to contact " + self.you("you", "them")
        if "applicant_relationship" in self.fields and not data.get("applicant_relationship"):
            role = self.role
            if role in {ApplicantRole.PARENT_CARER, ApplicantRole.ALTERNATIVE_PERSON}:
                self.add_error(
                    "applicant_relationship",
                    "Enter "
                    + self.you("your", "their")
                    + " relationship to the child or young person",
                )
        if method == ContactMethod.EMAIL and not email and "applicant_email" not in self.errors:
            self.add_error("applicant_email", f"Enter an email address, {other_way}")
        if method == ContactMethod.PHONE and not phone and "applicant_phone" not in self.errors:
            self.add_error("applicant_phone", f"Enter a phone number, {other_way}")
        if method == ContactMethod.TEXT and "applicant_phone" not in self.errors:
            if not phone:
                self.add_error("applicant_phone", f"Enter a mobile phone number, {other_way}")
            elif not is_mobile(phone):
                self.add_error("applicant_phone", MOBILE_FORMAT)
        return data

    def summary_rows(self) -> Rows:
        data = self.cleaned_data
        rows: Rows = [("Name", [data["applicant_name"]])]
        if data.get("applicant_relationship"):
            rows.append(
                ("Relationship to the child or young person", [data["applicant_relationship"]])
            )
        rows.append(("Email address", [data["applicant_email"] or "Not given"]))
        rows.append(("Phone number", [data["applicant_phone"] or "Not given"]))
        method = CONTACT_LABELS[ContactMethod(data["contact_method"])]
        rows.append(("How to contact " + self.you("you", "them"), [method]))
        rows.append(("Best times to call", [data["contact_times"] or "Not given"]))
        return rows


class AddressForm(StepForm):
    """Asked only of someone who wants letters (its own page: a radio cannot reveal it without
    the invalid aria-expanded GOV.UK Frontend puts on radios, which axe-core rejects)."""

    heading = "What is your address?"

    applicant_address = forms.CharField(
        label="Address",
        max_length=500,
        help_text="The house number or name, street, and town or city",
        error_messages={"required": "Enter your address"},
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    applicant_postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        error_messages={"required": "Enter your postcode"},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    govuk_classes = {"applicant_postcode": "govuk-input--width-10"}

    def configure(self) -> None:
        if self.about_family:
            self.page_heading = "The family's address" if not self.staff else "Address"
            self.fields["applicant_address"].help_text = "For letters"
            self.set_messages("applicant_address", required="Enter their address")
            self.set_messages("applicant_postcode", required="Enter their postcode")
            for name in ("applicant_address", "applicant_postcode"):
                self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean_applicant_postcode(self) -> str:
        return clean_postcode(self.cleaned_data.get("applicant_postcode", ""))

    def summary_rows(self) -> Rows:
        data = self.cleaned_data
        return [("Address", [*data["applicant_address"].splitlines(), data["applicant_postcode"]])]


# ---------------------------------------------------------------------------------------------
# The staff referral page: how and when the referral arrived, and safeguarding
# ---------------------------------------------------------------------------------------------


class StaffReferralForm(forms.Form):
    govuk_conditionals = {"safeguarding": {"concern": ["safeguarding_notes"]}}
    govuk_classes = {
        "channel": "govuk-fieldset__legend--s",
        "received_on": "govuk-fieldset__legend--s",
        "safeguarding": "govuk-fieldset__legend--s",
    }

    channel = forms.ChoiceField(
        label="How did the referral arrive?",
        widget=forms.RadioSelect,
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
        error_messages={"required": "Select how the referral arrived"},
    )
    received_on = GovukDateField(
        name="the date we received the referral",
        label="When did we receive it?",
        help_text=(
            "For example, 27 3 2026. The statutory clock counts from this date, so use the day "
            "the call, email or letter came in."
        ),
        not_in_future=True,
    )
    safeguarding = forms.MultipleChoiceField(
        label="Safeguarding",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("concern", "There is a safeguarding concern")],
    )
    safeguarding_notes = forms.CharField(
        label="Describe the concern",
        required=False,
        max_length=4000,
        help_text="Only the service manager and the caseworker who holds the case can read this.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        concern = "concern" in (data.get("safeguarding") or [])
        if concern and not data.get("safeguarding_notes", "").strip():
            self.add_error("safeguarding_notes", "Describe the safeguarding concern")
        if not concern:
            data["safeguarding_notes"] = ""
        return data


class ConfirmForm(forms.Form):
    """A button that confirms an action (send, create, dismiss): nothing to fill in, but it goes
    through the one form renderer, and carries a problem found on the way as its error."""
