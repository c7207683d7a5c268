"""Forms for issuing, withdrawing and checking certificates, with GOV.UK error messages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.utils import timezone

from mediation.certificates import selectors
from mediation.certificates.choices import CertificateKind, IssuerRole
from mediation.core.formatting import govuk_date

if TYPE_CHECKING:
    from mediation.cases.models import Case


# Beside each kind of certificate: the case's fact it certifies ({on} is its date), or what is
# missing while the case has no such date.
FACT_HINTS: dict[str, tuple[str, str]] = {
    CertificateKind.DECLINED: (
        "The family said it did not want mediation on {on}",
        "Not possible yet: the case has no date the family said it did not want mediation",
    ),
    CertificateKind.AFTER_MEDIATION: (
        "Mediation concluded on {on}",
        "Not possible yet: the case has no date the mediation concluded",
    ),
    CertificateKind.LA_CANNOT_ARRANGE: (
        "The local authority said it could not arrange mediation on {on}",
        "Not possible yet: the case has no date the local authority said this",
    ),
    CertificateKind.WITHDRAWN: (
        "The family asked for its certificate on {on}",
        "The family asked for mediation, then withdrew and asked for its certificate",
    ),
}


class IssueAnswers(TypedDict):
    """Which certificate, and who issues it: kept between the question and the check page."""

    kind: str
    issuer_name: str
    issuer_role: str


def _fact_hint(case: Case, kind: str) -> str:
    fact = selectors.kind_fact_date(case=case, kind=kind)
    known, missing = FACT_HINTS[kind]
    return known.format(on=govuk_date(fact)) if fact else missing


class IssueForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which certificate do you want to issue?",
        choices=CertificateKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which certificate to issue"},
    )
    issuer_name = forms.CharField(
        label="Name of the person issuing the certificate",
        help_text="This is printed on the certificate.",
        max_length=150,
        error_messages={
            "required": "Enter the name of the person issuing the certificate",
            "max_length": "Name must be 150 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    issuer_role = forms.ChoiceField(
        label="Their role",
        choices=IssuerRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role of the person issuing the certificate"},
    )

    govuk_classes = {
        "kind": "govuk-fieldset__legend--m",
        "issuer_name": "govuk-label--m",
        "issuer_role": "govuk-fieldset__legend--s govuk-radios--inline",
    }

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)
        self.govuk_choice_hints = {
            "kind": {kind: _fact_hint(case, kind) for kind in CertificateKind.values}
        }

    def clean_kind(self) -> str:
        kind: str = self.cleaned_data["kind"]
        problem = selectors.certificate_issue_problem(
            case=self.case, kind=kind, on=timezone.localdate()
        )
        if problem is not None:
            raise forms.ValidationError(problem.message)
        return kind

    def clean_issuer_name(self) -> str:
        name: str = self.cleaned_data["issuer_name"].strip()
        if not name:
            raise forms.ValidationError("Enter the name of the person issuing the certificate")
        return name

    def answers(self) -> IssueAnswers:
        return self.kept(self.cleaned_data)

    @staticmethod
    def kept(answers: Mapping[str, str]) -> IssueAnswers:
        """The answers (as kept for the check page), as the selectors and services take them."""
        return {
            "kind": answers["kind"],
            "issuer_name": answers["issuer_name"],
            "issuer_role": answers["issuer_role"],
        }


class ConfirmIssueForm(forms.Form):
    """The check page's button: it carries a digest of what was shown, so nothing else is issued."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing this certificate?",
        help_text="For example, the child's name is spelt wrongly. The reason is kept on the case "
        "record; it is not shown to anyone checking the certificate.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why you are withdrawing this certificate",
            "max_length": "Reason must be 1000 characters or fewer",
        },
    )

    govuk_classes = {"reason": "govuk-label--m"}

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why you are withdrawing this certificate")
        return reason


class VerifyForm(forms.Form):
    number = forms.CharField(
        label="Certificate number",
        help_text="For example, LDN-C-2026-0007",
        max_length=40,
        error_messages={"required": "Enter the certificate number"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label="Verification code",
        help_text="12 letters and numbers, printed under 'Check this certificate is genuine'. "
        "For example, K7QX-M4PT-9WRD",
        max_length=40,
        error_messages={"required": "Enter the verification code"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    govuk_classes = {"number": "govuk-input--width-20", "code": "govuk-input--width-20"}

    def clean_number(self) -> str:
        raw: str = self.cleaned_data["number"]
        if selectors.canonical_number(raw) is None:
            raise forms.ValidationError(
                "Enter the certificate number as it is printed, like LDN-C-2026-0007"
            )
        return raw

    def clean_code(self) -> str:
        raw: str = self.cleaned_data["code"]
        if len(selectors.compact(raw)) != 12:
            raise forms.ValidationError(
                "Enter the 12 letters and numbers of the verification code, like K7QX-M4PT-9WRD"
            )
        return raw
