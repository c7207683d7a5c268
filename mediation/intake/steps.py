"""The online referral's question pages, in order, and what to make of the answers so far.

Answers are kept per page exactly as typed (the posted values), so a page shows what was typed
whenever the person comes back to it, even if it was not yet valid. Whether a page is complete is
worked out afresh each time from the answers before it: changing "who are you?" or the EHC plan
answer can make a later page apply, stop applying, or need a new answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from mediation.cases.choices import Channel, ContactMethod, DecisionType, PlanSection
from mediation.cases.services import MatterInput, ReferralInput
from mediation.core.forms_govuk import GovukDateField
from mediation.intake import forms as intake_forms
from mediation.intake import selectors
from mediation.intake.forms import PROFESSIONAL, StepForm

# {page slug: {posted field name: [values]}}
Answers = dict[str, dict[str, list[str]]]
Facts = dict[str, Any]


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[StepForm]
    title: str  # the page's name in the browser's title bar and in messages to staff
    group: str  # its heading on the check-answers page
    applies: Callable[[Facts], bool] = lambda facts: True


def _professional(facts: Facts) -> bool:
    return facts.get("who") == PROFESSIONAL


def _letters(facts: Facts) -> bool:
    return facts.get("contact_method") == ContactMethod.LETTER


WHO, CHILD, DISAGREEMENT, WANTS, CONTACT = (
    "Who is asking",
    "The child or young person",
    "The disagreement",
    "What you would like",
    "Contact details",
)
STEPS: tuple[Step, ...] = (
    Step("who-are-you", intake_forms.WhoForm, "Who are you?", WHO),
    Step("your-details", intake_forms.ProfessionalForm, "Your details", WHO, _professional),
    Step("the-family", intake_forms.FamilyAgreementForm, "About the family", WHO, _professional),
    Step("child", intake_forms.ChildForm, "The child or young person", CHILD),
    Step("local-authority", intake_forms.LocalAuthorityForm, "Local authority", DISAGREEMENT),
    Step("ehc-plan", intake_forms.EHCPlanForm, "EHC plan", DISAGREEMENT),
    Step("disagreement", intake_forms.DisagreementForm, "The disagreement", DISAGREEMENT),
    Step("decision-letter", intake_forms.DecisionDateForm, "Decision letter", DISAGREEMENT),
    Step("what-you-want", intake_forms.WantsForm, "What you would like", WANTS),
    Step("help-to-take-part", intake_forms.SupportForm, "Help to take part", WANTS),
    Step("contact-details", intake_forms.ContactForm, "Contact details", CONTACT),
    Step("address", intake_forms.AddressForm, "Address", CONTACT, _letters),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
FIRST_STEP = STEPS[0]


def posted_answers(data: QueryDict, form: StepForm) -> dict[str, list[str]]:
    """The answers on one posted page, as lists of strings (the session stores them as JSON).

    Only the page's own fields are kept (and not too much of each), so a robot posting
    anything it likes cannot fill the session.
    """
    names: set[str] = set()
    for bound in form:
        if isinstance(bound.field, GovukDateField):
            names.update(f"{bound.html_name}-{part}" for part in ("day", "month", "year"))
        else:
            names.add(bound.html_name)
    return {key: [value[:5000] for value in data.getlist(key)][:20] for key in data if key in names}


def as_data(answers: Mapping[str, list[str]]) -> MultiValueDict[str, str]:
    return MultiValueDict({key: list(values) for key, values in answers.items()})


def make_form(
    step: Step,
    facts: Facts,
    *,
    data: MultiValueDict[str, str] | None = None,
    initial: Mapping[str, Any] | None = None,
    staff: bool = False,
    prefix: str | None = None,
) -> StepForm:
    kwargs: dict[str, Any] = {"facts": facts, "staff": staff, "prefix": prefix}
    if step.form_class is intake_forms.LocalAuthorityForm:
        kwargs["local_authorities"] = selectors.local_authority_choices()
    return step.form_class(data, initial=initial, **kwargs)


def initial_from(form: StepForm) -> dict[str, Any]:
    """What a bound form's fields hold, without validating it (to redisplay typed answers)."""
    return {bound.name: bound.value() for bound in form}


def form_with_answers(step: Step, evaluation: Evaluation) -> StepForm:
    """A page's form as the person left it: what they typed, valid or not, not yet checked."""
    facts = evaluation.facts_before[step.slug]
    stored = evaluation.answers.get(step.slug)
    typed = (
        initial_from(make_form(step, facts, data=as_data(stored))) if stored is not None else None
    )
    return make_form(step, facts, initial=typed)


@dataclass
class Evaluation:
    """The answers checked page by page, in order, each against the answers before it."""

    answers: Answers
    applicable: list[Step] = field(default_factory=list)
    forms: dict[str, StepForm] = field(default_factory=dict)
    facts_before: dict[str, Facts] = field(default_factory=dict)
    valid: set[str] = field(default_factory=set)
    facts: Facts = field(default_factory=dict)

    @property
    def first_incomplete(self) -> Step | None:
        return next((s for s in self.applicable if s.slug not in self.valid), None)

    @property
    def complete(self) -> bool:
        return self.first_incomplete is None

    def reachable(self, step: Step) -> bool:
        """A page may be shown if it applies and every page before it is complete."""
        if step not in self.applicable:
            return False
        for earlier in self.applicable:
            if earlier == step:
                return True
            if earlier.slug not in self.valid:
                return False
        return False

    def previous(self, step: Step) -> Step | None:
        index = self.applicable.index(step) if step in self.applicable else 0
        return self.applicable[index - 1] if index > 0 else None

    def next(self, step: Step) -> Step | None:
        if step not in self.applicable:
            return self.first_incomplete
        index = self.applicable.index(step)
        return self.applicable[index + 1] if index + 1 < len(self.applicable) else None


def evaluate(answers: Answers, *, staff: bool = False) -> Evaluation:
    """Check the answers in order. ``staff`` words the summary for staff (a held referral)."""
    result = Evaluation(answers=answers)
    facts: Facts = {}
    for step in STEPS:
        if not step.applies(facts):
            continue
        result.applicable.append(step)
        result.facts_before[step.slug] = dict(facts)
        posted = answers.get(step.slug)
        if posted is None:
            continue
        form = make_form(step, facts, data=as_data(posted), staff=staff)
        result.forms[step.slug] = form
        if form.is_valid():
            result.valid.add(step.slug)
            facts.update(form.cleaned_data)
    result.facts = facts
    return result


def summary_sections(evaluation: Evaluation) -> list[tuple[Step, list[tuple[str, list[str]]]]]:
    """Each answered page's rows for the check-answers page: (step, [(question, lines)])."""
    sections = []
    for step in evaluation.applicable:
        form = evaluation.forms.get(step.slug)
        if form is not None and step.slug in evaluation.valid:
            sections.append((step, form.summary_rows()))
    return sections


def raw_rows(answers: Mapping[str, Mapping[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Answers as sent, for a held referral whose answers do not make a valid referral."""
    rows = []
    for step in STEPS:
        for name, values in answers.get(step.slug, {}).items():
            text = [v for v in values if v]
            if text:
                rows.append((f"{step.title}: {name.replace('_', ' ')}", text))
    return rows


# ---------------------------------------------------------------------------------------------
# Answers -> the referral the cases app takes
# ---------------------------------------------------------------------------------------------


def _matters(facts: Facts) -> list[MatterInput]:
    matters = []
    summary = facts.get("decision_summary", "")
    for key in DecisionType:
        if key.value not in facts.get("decisions", []):
            continue
        if key == DecisionType.PLAN_CONTENT:
            areas = set(facts.get("plan_areas") or [])
            matters.append(
                MatterInput(
                    decision=key.value,
                    sections=tuple(facts.get("plan_sections") or ()),
                    involves_health="health" in areas,
                    involves_social_care="social_care" in areas,
                    details=summary,
                )
            )
        elif key == DecisionType.HEALTH_SOCIAL_CARE:
            areas = set(facts.get("care_areas") or [])
            sections = [PlanSection.C.value, PlanSection.G.value] if "health" in areas else []
            if "social_care" in areas:
                sections += [PlanSection.D.value, PlanSection.H.value]
            matters.append(
                MatterInput(
                    decision=key.value,
                    sections=tuple(sections),
                    involves_education=False,
                    involves_health="health" in areas,
                    involves_social_care="social_care" in areas,
                    details=summary,
                )
            )
        elif key == DecisionType.PLAN_PLACEMENT:
            matters.append(
                MatterInput(decision=key.value, sections=(PlanSection.I.value,), details=summary)
            )
        else:
            matters.append(MatterInput(decision=key.value, details=summary))
    return matters


def referral_input(
    facts: Facts,
    *,
    channel: str = Channel.ONLINE,
    received_at: dt.datetime | None = None,
    safeguarding_concern: bool = False,
    safeguarding_notes: str = "",
) -> ReferralInput:
    """The referral as the cases app takes it, from a complete set of answers."""
    professional = facts.get("who") == PROFESSIONAL
    support = set(facts.get("support") or [])
    return ReferralInput(
        channel=channel,
        received_at=received_at,
        applicant_role=facts["family_role"] if professional else facts["who"],
        applicant_name=facts["applicant_name"],
        applicant_relationship=facts.get("applicant_relationship", ""),
        applicant_email=facts.get("applicant_email", ""),
        applicant_phone=facts.get("applicant_phone", ""),
        applicant_address=facts.get("applicant_address", ""),
        applicant_postcode=facts.get("applicant_postcode", ""),
        contact_method=facts["contact_method"],
        contact_times=facts.get("contact_times", ""),
        child_first_name=facts["child_first_name"],
        child_last_name=facts["child_last_name"],
        child_date_of_birth=facts["child_date_of_birth"],
        child_setting=facts.get("child_setting", ""),
        local_authority_id=facts["local_authority"],
        ehc_status=facts["ehc_status"],
        matters=_matters(facts),
        decision_date=facts.get("decision_date"),
        decision_summary=facts.get("decision_summary", ""),
        wants=facts["wants"],
        is_third_party=professional,
        referrer_name=facts.get("referrer_name", "") if professional else "",
        referrer_organisation=facts.get("referrer_organisation", "") if professional else "",
        referrer_role=facts.get("referrer_role", "") if professional else "",
        referrer_email=facts.get("referrer_email", "") if professional else "",
        referrer_phone=facts.get("referrer_phone", "") if professional else "",
        family_consent_confirmed=professional and facts.get("family_consent") == "yes",
        interpreter_language=(
            facts.get("interpreter_language", "") if "interpreter" in support else ""
        ),
        needs_bsl="bsl" in support,
        needs_easy_read="easy_read" in support,
        needs_large_print="large_print" in support,
        other_adjustments=facts.get("other_adjustments", "") if "other" in support else "",
        safeguarding_concern=safeguarding_concern,
        safeguarding_notes=safeguarding_notes,
    )


def received_at_for(day: dt.date) -> dt.datetime:
    """When a referral received on a day counts as received: now if today, else that midday."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
