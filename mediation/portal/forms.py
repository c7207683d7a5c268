"""Forms on the partner side. Rendered through the GOV.UK form helper like every form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django import forms

from mediation.cases.choices import ParticipantRole
from mediation.preparation.choices import VISIBILITY_HINTS, Visibility
from mediation.preparation.uploads import UploadError, upload_check

if TYPE_CHECKING:
    from django.core.files import File

YES_NO = [("yes", "Yes"), ("no", "No")]

PARTNER_ROLES = [
    (ParticipantRole.OFFICER.value, "Officer"),
    (ParticipantRole.SENCO.value, ParticipantRole.SENCO.label),
    (ParticipantRole.HEALTH_PROFESSIONAL.value, ParticipantRole.HEALTH_PROFESSIONAL.label),
    (ParticipantRole.SOCIAL_WORKER.value, ParticipantRole.SOCIAL_WORKER.label),
    (ParticipantRole.OTHER.value, "Someone else"),
]


class ParticipantAnswers(TypedDict):
    """Someone the partner adds, as `services.partner_participant_add` takes them."""

    name: str
    role: str
    job_title: str
    email: str
    phone: str
    can_decide: bool


class SummaryAnswers(TypedDict):
    """The partner's case summary, as `preparation.services.summary_submit` takes it."""

    visibility: str
    submitted_by_name: str
    text: str
    upload: File | None


class DRAnswers(TypedDict):
    """The partner's answer about disagreement resolution, as `dr_answer_record` takes it."""

    answer: str
    note: str


class ConfirmForm(forms.Form):
    """A button that needs no answers (the CSRF token is the form)."""


class ParticipantForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": "Enter the person's full name"},
    )
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
    email = forms.EmailField(
        label="Email address",
        help_text="We send the meeting invitation here",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    role = forms.ChoiceField(
        label="What is their role?",
        choices=PARTNER_ROLES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )
    can_decide = forms.ChoiceField(
        label="Does this person have the authority to resolve the issues at the meeting?",
        help_text=(
            "They can agree what will happen, for example to carry out an assessment or to change "
            "the plan, without going back to a panel or a manager."
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this person can make decisions"},
    )
    govuk_classes = {"can_decide": "govuk-fieldset__legend--m govuk-radios--inline"}

    def answers(self) -> ParticipantAnswers:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "role": data["role"],
            "job_title": data["job_title"],
            "email": data["email"],
            "phone": data["phone"],
            "can_decide": data["can_decide"] == "yes",
        }


class DecisionMakerForm(forms.Form):
    confirm = forms.BooleanField(
        label="I confirm they have the authority to resolve the issues at the meeting",
        error_messages={"required": "Confirm that they can make decisions at the meeting"},
    )


class SummaryForm(forms.Form):
    submitted_by_name = forms.CharField(
        label="Your name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": "Enter your name"},
    )
    text = forms.CharField(
        label="Your case summary",
        required=False,
        help_text=(
            "Type it here, upload a file, or both. Say what the disagreement is about from your "
            "side, what you have done so far, and what you would like to happen"
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text="A PDF or Word document, smaller than 10MB",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
        error_messages={
            "empty": "The selected file is empty",
            "invalid": "The selected file must be a PDF or Word document",
            "max_length": "The file name must be 200 characters or fewer",
        },
    )
    visibility = forms.ChoiceField(
        label="Who can read your case summary?",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who can read your case summary"},
    )
    govuk_classes = {"visibility": "govuk-fieldset__legend--m"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.govuk_choice_hints = {"visibility": {k.value: v for k, v in VISIBILITY_HINTS.items()}}

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                upload_check(upload)
            except UploadError as exc:
                raise forms.ValidationError(exc.message, code="rejected") from exc
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            "file" not in self.errors
            and not cleaned.get("text", "").strip()
            and not cleaned.get("file")
        ):
            self.add_error("text", "Type your case summary or choose a file to upload")
        return cleaned

    def answers(self) -> SummaryAnswers:
        data = self.cleaned_data
        return {
            "visibility": data["visibility"],
            "submitted_by_name": data["submitted_by_name"],
            "text": data["text"],
            "upload": data["file"] or None,
        }


class DRAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Will you take part in disagreement resolution?",
        choices=[("agrees", "Yes, we will take part"), ("declines", "No, we will not take part")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you will take part"},
    )
    note = forms.CharField(
        label="Anything you want to tell us (optional)",
        required=False,
        help_text="For example, dates you cannot attend, or why you will not take part",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    govuk_page_heading = "answer"

    def answers(self) -> DRAnswers:
        return {"answer": self.cleaned_data["answer"], "note": self.cleaned_data["note"]}


class AgreementConfirmForm(forms.Form):
    confirmed_by_name = forms.CharField(
        label="Your name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": "Enter your name"},
    )
    confirm = forms.BooleanField(
        label="I confirm the written agreement records what was agreed at the meeting",
        error_messages={"required": "Confirm that the agreement records what was agreed"},
    )
