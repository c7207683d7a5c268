"""Booking and recording the information call, and the family's decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.utils import timezone

from mediation.advice.models import CallMethod, Outcome
from mediation.core.forms_govuk import GovukDateField, TimeField, set_choices

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.directory.models import Organisation


class BookingAnswers(TypedDict):
    """A booking form's answers, as `services.call_book` takes them."""

    scheduled_for: dt.datetime
    adviser: Actor
    method: str
    phone_number: str
    video_link: str
    notes: str


class CallAnswers(TypedDict):
    """Whether the call happened and how it went, as `services.call_record` takes it."""

    given: bool
    given_at: dt.datetime | None
    duration_minutes: int | None
    notes: str


class DecisionAnswers(TypedDict):
    """The family's decision, as `services.decision_record` takes it."""

    outcome: str
    decided_on: dt.date
    follow_up_on: dt.date | None
    notes: str
    icb: Organisation | None


class LaToldAnswers(TypedDict):
    """When and how the local authority was told, as `services.la_told_record` takes it."""

    told_on: dt.date
    how: str


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class BookCallForm(forms.Form):
    day = GovukDateField(name="the date of the call", label="Date of the call", not_in_past=True)
    time = TimeField(label="Time", error_messages={"required": "Enter the time of the call"})
    adviser = forms.ChoiceField(label="Adviser", error_messages={"required": "Choose the adviser"})
    method = forms.ChoiceField(
        label="How will the call happen?",
        choices=CallMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select phone or video"},
    )
    phone_number = forms.CharField(
        label="Phone number to call (for a phone call)",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    video_link = forms.URLField(
        label="Video call link (for a video call)",
        required=False,
        error_messages={"invalid": "Enter a link in the correct format, like https://..."},
    )
    notes = forms.CharField(
        label="Notes for the adviser (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    govuk_conditionals = {"method": {"phone": ["phone_number"], "video": ["video_link"]}}
    govuk_classes = {"time": "govuk-input--width-5", "phone_number": "govuk-input--width-20"}

    def __init__(self, *args: Any, advisers: Iterable[Actor] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.advisers = {str(a.pk): a for a in advisers}
        set_choices(
            self,
            "adviser",
            [("", "Choose an adviser")]
            + [
                (key, f"{a.full_name} ({a.get_role_display()})") for key, a in self.advisers.items()
            ],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        method = cleaned.get("method")
        if method == CallMethod.PHONE and not cleaned.get("phone_number", "").strip():
            self.add_error("phone_number", "Enter the phone number to call")
        if method == CallMethod.VIDEO and not cleaned.get("video_link"):
            self.add_error("video_link", "Enter the video call link")
        day, time = cleaned.get("day"), cleaned.get("time")
        if day and time:
            cleaned["scheduled_for"] = _aware(day, time)
            if cleaned["scheduled_for"] < timezone.now():
                self.add_error("time", "The time of the call must be in the future")
        return cleaned

    def answers(self) -> BookingAnswers:
        data = self.cleaned_data
        return {
            "scheduled_for": data["scheduled_for"],
            "adviser": self.advisers[data["adviser"]],
            "method": data["method"],
            "phone_number": data["phone_number"],
            "video_link": data["video_link"] or "",
            "notes": data["notes"],
        }


class RecordCallForm(forms.Form):
    happened = forms.ChoiceField(
        label="Did the call happen?",
        choices=[("yes", "Yes, the information was given"), ("no", "No, the call was missed")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the call happened"},
    )
    day = GovukDateField(
        name="the date of the call",
        label="If it happened: date of the call",
        required=False,
        not_in_future=True,
    )
    time = TimeField(label="Time it started", required=False)
    duration = forms.IntegerField(
        label="How long did it take, in minutes?",
        required=False,
        min_value=1,
        max_value=480,
        error_messages={
            "invalid": "Enter the length of the call in minutes, like 20",
            "min_value": "The call must have lasted at least 1 minute",
            "max_value": "Enter a length of 480 minutes or fewer",
        },
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was explained and anything the family asked. Do not record what anyone "
        "said in confidence in mediation.",
    )

    govuk_conditionals = {"happened": {"yes": ["day", "time", "duration"]}}
    govuk_classes = {"time": "govuk-input--width-5", "duration": "govuk-input--width-3"}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("happened") == "yes":
            if not cleaned.get("day") and "day" not in self.errors:
                self.add_error("day", "Enter the date of the call")
            if not cleaned.get("time") and "time" not in self.errors:
                self.add_error("time", "Enter the time the call started")
            if not cleaned.get("duration") and "duration" not in self.errors:
                self.add_error("duration", "Enter how long the call took, in minutes")
            if cleaned.get("day") and cleaned.get("time"):
                cleaned["given_at"] = _aware(cleaned["day"], cleaned["time"])
        return cleaned

    def answers(self) -> CallAnswers:
        data = self.cleaned_data
        return {
            "given": data["happened"] == "yes",
            "given_at": data.get("given_at"),
            "duration_minutes": data.get("duration"),
            "notes": data["notes"],
        }


class DecisionForm(forms.Form):
    govuk_page_heading = "outcome"

    outcome = forms.ChoiceField(
        label="What did the family decide?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the family decided"},
    )
    follow_up_on = GovukDateField(
        name="the follow-up date",
        label="If they have not decided: when should we follow up?",
        required=False,
        not_in_past=True,
    )
    icb = forms.ChoiceField(
        label="If they want mediation: which integrated care board?",
        required=False,
        help_text="Health is involved, so the ICB is told too.",
    )
    decided_on = GovukDateField(
        name="the date the family told us",
        label="When did the family tell us?",
        not_in_future=True,
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    govuk_conditionals = {"outcome": {"undecided": ["follow_up_on"]}}
    govuk_choice_hints = {
        "outcome": {
            "declines": "The certificate must be issued within 3 working days of today's date.",
            "wants_mediation": "We tell the local authority today; mediation must then happen "
            "within 30 days.",
        }
    }

    def __init__(
        self, *args: Any, icbs: Iterable[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.needs_icb = icbs is not None
        self.icbs = {str(i.pk): i for i in icbs or ()}
        if icbs is not None:
            choices = [(key, icb.name) for key, icb in self.icbs.items()]
            set_choices(self, "icb", [("", "Choose the ICB"), *choices])
            self.govuk_conditionals = {
                "outcome": {"undecided": ["follow_up_on"], "wants_mediation": ["icb"]}
            }
        else:
            del self.fields["icb"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        outcome = cleaned.get("outcome")
        if (
            outcome == Outcome.UNDECIDED
            and not cleaned.get("follow_up_on")
            and ("follow_up_on" not in self.errors)
        ):
            self.add_error("follow_up_on", "Enter the follow-up date")
        if outcome == Outcome.WANTS_MEDIATION and self.needs_icb and not cleaned.get("icb"):
            self.add_error("icb", "Choose the integrated care board")
        return cleaned

    def answers(self) -> DecisionAnswers:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "decided_on": data["decided_on"],
            "follow_up_on": data.get("follow_up_on"),
            "notes": data["notes"],
            "icb": self.icbs.get(data.get("icb") or ""),
        }


class LaToldForm(forms.Form):
    told_on = GovukDateField(
        name="the date the local authority was told",
        label="When was the local authority told?",
        not_in_future=True,
    )
    how = forms.ChoiceField(
        label="How?",
        choices=[("phone", "Phone"), ("letter", "Letter"), ("email", "Email")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they were told"},
    )

    def answers(self) -> LaToldAnswers:
        return {"told_on": self.cleaned_data["told_on"], "how": self.cleaned_data["how"]}
