"""Forms for preparing a meeting. Rendered through the GOV.UK form helper like every form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms

from mediation.core.forms_govuk import GovukDateField, set_choices
from mediation.preparation.choices import (
    CHILD_VIEWS_QUESTIONS,
    VISIBILITY_HINTS,
    ChildViewsBy,
    ContactMethod,
    Visibility,
)
from mediation.preparation.uploads import UploadError, upload_check

if TYPE_CHECKING:
    import datetime as dt

    from django.core.files import File

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Party

TEXT_OR_FILE = "Type the case summary or choose a file to upload"


class IntroContactAnswers(TypedDict):
    """An introductory contact, as `services.intro_contact_record` takes it."""

    party: Party
    contacted_on: dt.date
    method: str
    made_by: Actor
    spoke_to: str
    notes: str


class SummaryAnswers(TypedDict):
    """A case summary, as `services.summary_submit` takes it (with the party it is from)."""

    party: Party
    visibility: str
    submitted_by_name: str
    text: str
    upload: File | None


class ChildViewsAnswers(TypedDict):
    """The child's views, as `services.child_views_record` takes them."""

    completed_by: str
    completed_by_name: str
    completed_on: dt.date
    visibility: str
    answers: dict[str, str]
    joins_meeting_note: str
    parent_agrees: bool
    mediator_agrees: bool


def _party_choices(parties: Iterable[Party]) -> list[tuple[str, str]]:
    return [(str(p.pk), p.name) for p in parties]


class SummaryFileField(forms.FileField):
    """A PDF or Word document, checked by its content, with the GOV.UK error messages."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Upload a file")
        kwargs.setdefault("help_text", "A PDF or Word document, smaller than 10MB")
        kwargs.setdefault(
            "error_messages",
            {
                "empty": "The selected file is empty",
                "invalid": "The selected file must be a PDF or Word document",
                "max_length": "The file name must be 200 characters or fewer",
            },
        )
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            try:
                upload_check(upload)
            except UploadError as exc:
                raise forms.ValidationError(exc.message, code="rejected") from exc
        return upload


def visibility_field(label: str, required_message: str) -> forms.ChoiceField:
    """Who may read it: always an explicit choice (no default)."""
    return forms.ChoiceField(
        label=label,
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


class IntroContactForm(forms.Form):
    party = forms.ChoiceField(
        label="Which party did you contact?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the party you contacted"},
    )
    contacted_on = GovukDateField(
        name="the date of the contact",
        label="When did you contact them?",
        help_text="For example, 27 3 2026",
        not_in_future=True,
    )
    method = forms.ChoiceField(
        label="How did you contact them?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you contacted the party"},
    )
    made_by = forms.ChoiceField(
        label="Who made the contact?", error_messages={"required": "Select who made the contact"}
    )
    spoke_to = forms.CharField(
        label="Who did you speak or write to? (optional)",
        required=False,
        max_length=150,
        help_text="For example, the parent, or the SEN officer's name",
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        help_text="What you explained and anything they need for the meeting",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        parties: Iterable[Party] = (),
        people: Iterable[Actor] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.parties = {str(p.pk): p for p in parties}
        self.people = {str(p.pk): p for p in people}
        set_choices(self, "party", _party_choices(self.parties.values()))
        set_choices(
            self,
            "made_by",
            [("", "Choose a person")]
            + [(key, f"{p.full_name} ({p.get_role_display()})") for key, p in self.people.items()],
        )

    def answers(self) -> IntroContactAnswers:
        data = self.cleaned_data
        return {
            "party": self.parties[data["party"]],
            "contacted_on": data["contacted_on"],
            "method": data["method"],
            "made_by": self.people[data["made_by"]],
            "spoke_to": data["spoke_to"],
            "notes": data["notes"],
        }


class SummaryForm(forms.Form):
    """A case summary sent for a party by the service's staff (usually the family's)."""

    party = forms.ChoiceField(
        label="Which party is the case summary from?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the party the case summary is from"},
    )
    submitted_by_name = forms.CharField(
        label="Name of the person it is from",
        max_length=150,
        help_text="For example, the parent or carer who wrote it",
        error_messages={"required": "Enter the name of the person the case summary is from"},
    )
    text = forms.CharField(
        label="Case summary",
        required=False,
        help_text=(
            "Type it here, upload a file, or both. What the disagreement is about, what they "
            "would like to happen, and why"
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    file = SummaryFileField()
    visibility = visibility_field(
        "Who can read the case summary?", "Select who can read the case summary"
    )
    govuk_classes = {"party": "govuk-fieldset__legend--m"}

    def __init__(self, *args: Any, parties: Iterable[Party] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = {str(p.pk): p for p in parties}
        set_choices(self, "party", _party_choices(self.parties.values()))
        self.govuk_choice_hints = {"visibility": {k.value: v for k, v in VISIBILITY_HINTS.items()}}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            "file" not in self.errors
            and not cleaned.get("text", "").strip()
            and not cleaned.get("file")
        ):
            self.add_error("text", TEXT_OR_FILE)
        return cleaned

    def answers(self) -> SummaryAnswers:
        data = self.cleaned_data
        return {
            "party": self.parties[data["party"]],
            "visibility": data["visibility"],
            "submitted_by_name": data["submitted_by_name"],
            "text": data["text"],
            "upload": data["file"] or None,
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is it being withdrawn? (optional)",
        required=False,
        help_text="For example, the wrong file was sent",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConfirmForm(forms.Form):
    """A button that needs no answers (the CSRF token is the form)."""


ANSWER_MAX = 1000

CHILD_QUESTION_HINTS = {
    "what_i_like": "For example, games, places, people, food or things to do.",
    "what_i_am_good_at": "Things I can do well, at school or at home.",
    "what_is_hard": "Things I find difficult, or that worry me.",
    "what_helps_me": "People or things that help me learn, feel safe or feel calm.",
    "what_i_would_like_to_happen": "What I would like to change, at school or anywhere else.",
    "who_i_would_like_to_speak_for_me": (
        "Someone I trust to tell people what I think. This can be me."
    ),
}


def _answer(label: str, name: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=ANSWER_MAX,
        help_text=CHILD_QUESTION_HINTS[name],
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"{label} must be {ANSWER_MAX} characters or fewer"},
    )


JOINING_AGREED_BY = [
    ("parent", "The parent or carer agrees"),
    ("mediator", "The mediator agrees"),
]


class ChildViewsForm(forms.Form):
    """The easy-read "my views" form: one short question per box, in the child's words.

    The fields that belong to one answer of the first question follow it, labelled to say when
    they apply (the house pattern for radios: see `mediation.core.forms_govuk`).
    """

    completed_by = forms.ChoiceField(
        label="Who is giving these views?",
        choices=ChildViewsBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is giving the views"},
    )
    completed_by_name = forms.CharField(
        label="Name of the person who helped, or of the parent or carer answering",
        required=False,
        max_length=150,
        help_text="Leave it blank if the child answered on their own. For example, Mum",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    joins_meeting_note = forms.CharField(
        label="If they will join part of the meeting: which part, and how?",
        required=False,
        help_text="For example, the first 20 minutes, by video, with their key worker",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    joining_agreed_by = forms.MultipleChoiceField(
        label="If they will join part of the meeting: who agrees?",
        required=False,
        choices=JOINING_AGREED_BY,
        help_text="The child can join only if the parent or carer and the mediator both agree",
        widget=forms.CheckboxSelectMultiple,
    )
    what_i_like = _answer("What I like", "what_i_like")
    what_i_am_good_at = _answer("What I am good at", "what_i_am_good_at")
    what_is_hard = _answer("What is hard for me", "what_is_hard")
    what_helps_me = _answer("What helps me", "what_helps_me")
    what_i_would_like_to_happen = _answer(
        "What I would like to happen", "what_i_would_like_to_happen"
    )
    who_i_would_like_to_speak_for_me = _answer(
        "Who I would like to speak for me", "who_i_would_like_to_speak_for_me"
    )
    completed_on = GovukDateField(
        name="the date the views were given",
        label="When were these views given?",
        help_text="For example, 27 3 2026",
        not_in_future=True,
    )
    visibility = visibility_field(
        "Who can read these views?", "Select who can read the child's views"
    )

    govuk_classes = {
        "completed_by": "govuk-fieldset__legend--m",
        "what_i_like": "govuk-label--m",
        "what_i_am_good_at": "govuk-label--m",
        "what_is_hard": "govuk-label--m",
        "what_helps_me": "govuk-label--m",
        "what_i_would_like_to_happen": "govuk-label--m",
        "who_i_would_like_to_speak_for_me": "govuk-label--m",
        "visibility": "govuk-fieldset__legend--m",
    }

    ANSWERS = (
        "what_i_like",
        "what_i_am_good_at",
        "what_is_hard",
        "what_helps_me",
        "what_i_would_like_to_happen",
        "who_i_would_like_to_speak_for_me",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.govuk_choice_hints = {
            "visibility": {k.value: v for k, v in VISIBILITY_HINTS.items()},
            "completed_by": {
                ChildViewsBy.JOINS_MEETING.value: (
                    "Only if the parent and the mediator both agree. You can still write down "
                    "their views below."
                )
            },
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        how = cleaned.get("completed_by")
        if (
            how == ChildViewsBy.PARENT_ON_BEHALF
            and not cleaned.get("completed_by_name", "").strip()
        ):
            self.add_error("completed_by_name", "Enter the name of the parent or carer answering")
        if how == ChildViewsBy.JOINS_MEETING:
            if not cleaned.get("joins_meeting_note", "").strip():
                self.add_error("joins_meeting_note", "Say which part of the meeting they will join")
            agreed = set(cleaned.get("joining_agreed_by") or [])
            if agreed != {"parent", "mediator"}:
                self.add_error(
                    "joining_agreed_by",
                    "The child can join only if the parent or carer and the mediator both agree",
                )
        elif how and not any(cleaned.get(name, "").strip() for name in self.ANSWERS):
            self.add_error("what_i_like", "Answer at least one question")
        return cleaned

    @property
    def parent_agrees(self) -> bool:
        return "parent" in (self.cleaned_data.get("joining_agreed_by") or [])

    @property
    def mediator_agrees(self) -> bool:
        return "mediator" in (self.cleaned_data.get("joining_agreed_by") or [])

    def answers(self) -> ChildViewsAnswers:
        data = self.cleaned_data
        return {
            "completed_by": data["completed_by"],
            "completed_by_name": data["completed_by_name"],
            "completed_on": data["completed_on"],
            "visibility": data["visibility"],
            "answers": {name: data[name] for name, _ in CHILD_VIEWS_QUESTIONS},
            "joins_meeting_note": data["joins_meeting_note"],
            "parent_agrees": self.parent_agrees,
            "mediator_agrees": self.mediator_agrees,
        }
