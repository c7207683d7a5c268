import datetime as dt
from decimal import Decimal
from typing import TypedDict

from django import forms
from django.core.files.uploadedfile import UploadedFile

from mediation.core.forms_govuk import GovukDateField


class ClaimAnswers(TypedDict):
    """A claim form's answers, as `services.claim_record` takes them."""

    claimant: str
    description: str
    amount: Decimal
    receipts: list[UploadedFile]


class SettleAnswers(TypedDict):
    """What the local authority decided, as `services.claim_settle` takes it."""

    paid: bool
    on: dt.date
    la_reference: str
    notes: str


class ClaimForm(forms.Form):
    claimant = forms.CharField(
        label="Who is claiming?",
        max_length=150,
        error_messages={"required": "Enter who is claiming"},
    )
    description = forms.CharField(
        label="What was the money spent on?",
        help_text="For example: return bus fares to the mediation meeting on 3 March.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the money was spent on"},
    )
    amount = forms.DecimalField(
        label="Amount, in pounds",
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        error_messages={
            "required": "Enter the amount",
            "invalid": "Enter the amount in pounds, like 12.50",
            "min_value": "Enter an amount more than £0",
            "max_decimal_places": "Enter the amount in pounds and pence, like 12.50",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    receipt = forms.FileField(
        label="Receipt (optional)",
        required=False,
        help_text="A PDF, JPG or PNG, up to 10MB. Scan several receipts into one PDF.",
    )
    govuk_classes = {"amount": "govuk-input--width-10"}

    def answers(self) -> ClaimAnswers:
        data = self.cleaned_data
        receipt = data.get("receipt")
        return {
            "claimant": data["claimant"],
            "description": data["description"],
            "amount": data["amount"],
            "receipts": [receipt] if receipt else [],
        }


class SettleForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What did the local authority decide?",
        choices=[("paid", "It paid the claim"), ("refused", "It refused the claim")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it paid the claim"},
    )
    on = GovukDateField(name="the date of the decision", label="When?", not_in_future=True)
    la_reference = forms.CharField(
        label="The local authority's reference (optional)", required=False, max_length=60
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def answers(self) -> SettleAnswers:
        data = self.cleaned_data
        return {
            "paid": data["outcome"] == "paid",
            "on": data["on"],
            "la_reference": data["la_reference"],
            "notes": data["notes"],
        }
