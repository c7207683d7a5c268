"""Forms for the outcome and the written agreement (rendered through the GOV.UK form helper)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms

from mediation.agreements.choices import OUTCOME_HINTS, ConfirmationMethod, OutcomeKind
from mediation.agreements.document import matter_label
from mediation.core.forms_govuk import GovukDateField, set_choices

if TYPE_CHECKING:
    from mediation.agreements.models import AgreementItem
    from mediation.agreements.presenters import KindOption
    from mediation.cases.models import Case, Matter, Party

NO_MATTER = "none"
DUE_DEFAULT = "default"
DUE_DIFFERENT = "different"


class OutcomeAnswers(TypedDict):
    """An outcome form's answers, as `services.outcome_record` takes them."""

    outcome: str
    concluded_on: dt.date
    notes: str


class ConfirmationAnswers(TypedDict):
    """A recorded confirmation, as `services.agreement_confirm` takes it."""

    confirmed_by_name: str
    method: str
    confirmed_on: dt.date


class OutcomeForm(forms.Form):
    govuk_page_heading = "outcome"
    govuk_choice_hints = {"outcome": {k.value: v for k, v in OUTCOME_HINTS.items()}}
    govuk_dividers = {"outcome": [OutcomeKind.WITHDRAWN.value]}

    outcome = forms.ChoiceField(
        label="How did the mediation end?",
        choices=OutcomeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the mediation ended"},
    )
    concluded_on = GovukDateField(
        name="the date the mediation concluded",
        not_in_future=True,
        label="When did the mediation conclude?",
        help_text="The day of the meeting, or the day the mediation ended without one. For "
        "example, 27 3 2026",
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        help_text="For the case record only. Do not write down anything said in the mediation: "
        "it is confidential.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, disagreement_resolution: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if disagreement_resolution:
            # Disagreement resolution has no certificate: say nothing about one.
            self.fields["outcome"].label = "How did the disagreement resolution meeting end?"
            self.fields["concluded_on"].label = "When did it conclude?"
            self.govuk_choice_hints = {
                "outcome": {
                    **self.govuk_choice_hints["outcome"],
                    OutcomeKind.WITHDRAWN: "The family decided not to go on.",
                    OutcomeKind.DID_NOT_GO_AHEAD: "For example, a party did not attend.",
                }
            }

    def answers(self) -> OutcomeAnswers:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "concluded_on": data["concluded_on"],
            "notes": data["notes"],
        }


class AgreementDateForm(forms.Form):
    govuk_page_heading = "agreed_on"

    agreed_on = GovukDateField(
        name="the date of the agreement",
        not_in_future=True,
        label="What is the date of the agreement?",
        help_text="Usually the day of the meeting. The timescales in the regulations count from "
        "this date. For example, 27 3 2026",
    )


class DisputeForm(forms.Form):
    govuk_page_heading = "matters_in_dispute"

    matters_in_dispute = forms.CharField(
        label="Which matters are still in dispute?",
        required=False,
        help_text="What the parties did not agree. The family may still appeal to the Tribunal "
        "about these. Leave it empty if everything was agreed.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ItemForm(forms.Form):
    """One agreed item. The due date is the regulations' unless the parties agreed another in
    writing (then say who agreed it and when)."""

    matter = forms.ChoiceField(
        label="Which matter is this about?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the matter this is about"},
    )
    decided = forms.CharField(
        label="What was decided?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was decided"},
    )
    action = forms.CharField(
        label="What will be done?",
        help_text="The action, in plain words. For example, “Issue an amended EHC plan with the "
        "speech and language therapy in section F”.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what will be done"},
    )
    responsible = forms.ChoiceField(
        label="Who is responsible?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is responsible"},
    )
    kind = forms.ChoiceField(
        label="What kind of action is it?",
        help_text="This sets the timescale. Appealable matters follow the timescales the "
        "Tribunal would set (regulations 42 and 44); anything else is due in 2 weeks.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of action it is"},
    )
    due = forms.ChoiceField(
        label="When is it due?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select when it is due"},
    )
    due_on = GovukDateField(
        name="the date the parties agreed",
        label="Date the parties agreed (only if different)",
        help_text="For example, 15 5 2026",
        required=False,
    )
    due_date_note = forms.CharField(
        label="Why is the date different?",
        required=False,
        help_text="Only if the parties agreed a different date. Say who agreed it in writing, "
        "and when. For example, “Agreed in writing by Jo Smith (Islington SEN team) and Alex "
        "Morgan at the meeting on 27 March 2026”.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    how_checked = forms.CharField(
        label="How will the parties know it has been done?",
        help_text="For example, “The SEN team emails Alex Morgan a copy of the amended plan”.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter how the parties will know it has been done"},
    )

    govuk_conditionals = {"due": {DUE_DIFFERENT: ["due_on", "due_date_note"]}}

    def __init__(
        self,
        *args: Any,
        matters: Iterable[Matter],
        parties: Iterable[Party],
        kinds: list[KindOption],
        statutory: bool,
        agreed_on: dt.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.statutory = statutory
        self.agreed_on = agreed_on
        set_choices(
            self,
            "matter",
            [(str(m.pk), matter_label(m)) for m in matters]
            + [(NO_MATTER, "Something else the parties agreed")],
        )
        self.govuk_dividers = {"matter": [NO_MATTER]}
        set_choices(self, "responsible", [(str(p.pk), p.name) for p in parties])
        hints: dict[str, dict[str, str]] = {}
        if statutory:
            set_choices(self, "kind", [(k.value, k.label) for k in kinds])
            hints["kind"] = {k.value: k.hint for k in kinds}
            set_choices(
                self,
                "due",
                [
                    (DUE_DEFAULT, "The date the regulations set for this kind of action"),
                    (DUE_DIFFERENT, "A different date the parties agreed in writing"),
                ],
            )
            hints["due"] = {
                DUE_DEFAULT: "Shown beside each kind of action above",
                DUE_DIFFERENT: "Regulation 42 allows the parties to agree a different timescale "
                "in writing",
            }
        else:
            del self.fields["kind"]
            del self.fields["due"]
            self.govuk_conditionals = {}
            due_on = self.fields["due_on"]
            due_on.required = True
            due_on.label = "When is it due?"
            due_on.help_text = "The date the parties agreed. For example, 15 5 2026"
            note = self.fields["due_date_note"]
            note.label = "Notes about the date (optional)"
            note.help_text = ""
        self.govuk_choice_hints = hints

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.statutory:
            due_on = cleaned.get("due_on")
            if due_on is not None and due_on < self.agreed_on:
                self.add_error("due_on", "The due date cannot be before the date of the agreement")
            return cleaned
        if cleaned.get("due") == DUE_DIFFERENT:
            due_on = cleaned.get("due_on")
            if due_on is None and "due_on" not in self.errors:
                self.add_error("due_on", "Enter the date the parties agreed")
            elif due_on is not None and due_on < self.agreed_on:
                self.add_error("due_on", "The due date cannot be before the date of the agreement")
            if not cleaned.get("due_date_note", "").strip():
                self.add_error(
                    "due_date_note", "Say who agreed the different date in writing, and when"
                )
        else:
            cleaned["due_on"] = None
            cleaned["due_date_note"] = ""
        return cleaned


class ConfirmationForm(forms.Form):
    confirmed_by_name = forms.CharField(
        label="Who confirmed it?",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter the name of the person who confirmed the agreement"},
    )
    method = forms.ChoiceField(
        label="How did they confirm it?",
        choices=ConfirmationMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they confirmed the agreement"},
    )
    confirmed_on = GovukDateField(
        name="the date they confirmed",
        not_in_future=True,
        label="When did they confirm it?",
        help_text="For example, 30 3 2026",
    )

    def answers(self) -> ConfirmationAnswers:
        data = self.cleaned_data
        return {
            "confirmed_by_name": data["confirmed_by_name"],
            "method": data["method"],
            "confirmed_on": data["confirmed_on"],
        }


class FinaliseForm(forms.Form):
    """Nothing to fill in: a button that posts (with the CSRF token)."""


def new_item_initial(*, case: Case) -> dict[str, object]:
    """The regulations' date; the matter, when the case has only one."""
    initial: dict[str, object] = {"due": DUE_DEFAULT}
    matters = list(case.matters.all())
    if len(matters) == 1:
        initial["matter"] = str(matters[0].pk)
    return initial


def item_initial(item: AgreementItem) -> dict[str, object]:
    """An item's answers, to change it."""
    return {
        "matter": str(item.matter_id) if item.matter_id else NO_MATTER,
        "decided": item.decided,
        "action": item.action,
        "responsible": str(item.responsible_id),
        "kind": item.kind,
        "due": DUE_DIFFERENT if item.due_date_changed else DUE_DEFAULT,
        "due_on": item.due_on,
        "due_date_note": item.due_date_note,
        "how_checked": item.how_checked,
    }
