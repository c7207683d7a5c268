"""Arranging, changing and cancelling the meeting; recording it held; the LA cannot arrange."""

import datetime as dt
from typing import Any, ClassVar, NotRequired, TypedDict

from django import forms
from django.utils import timezone

from mediation.core.forms_govuk import GovukDateField, TimeField
from mediation.meetings.choices import DEFAULT_DURATION_MINUTES, MeetingFormat
from mediation.meetings.services import MeetingPlan


class MeetingAnswers(TypedDict):
    """A meeting form's answers as kept in the session, between the question and check pages."""

    format: str
    starts_at: str  # ISO 8601, aware
    duration_minutes: int
    venue_name: str
    venue_address: str
    video_link: str
    dial_in: str
    arrangements: str
    notice_given_on: str  # ISO 8601
    short_notice_agreed: bool
    short_notice_note: str
    reason: NotRequired[str]  # when moving a meeting


class HeldAnswers(TypedDict):
    """How the meeting went, as `services.meeting_mark_held` takes it."""

    concluded: bool
    note: str


class LaCannotArrangeAnswers(TypedDict):
    """What the local authority said, as `services.la_cannot_arrange_record` takes it."""

    on: dt.date
    note: str


def plan_from_answers(answers: MeetingAnswers) -> MeetingPlan:
    """The plan the answers describe, for the services to check or carry out."""
    return MeetingPlan(
        format=answers["format"],
        starts_at=dt.datetime.fromisoformat(answers["starts_at"]),
        duration_minutes=int(answers["duration_minutes"]),
        venue_name=answers["venue_name"],
        venue_address=answers["venue_address"],
        video_link=answers["video_link"],
        dial_in=answers["dial_in"],
        arrangements=answers["arrangements"],
        notice_given_on=dt.date.fromisoformat(answers["notice_given_on"]),
        short_notice_agreed=bool(answers["short_notice_agreed"]),
        short_notice_note=answers["short_notice_note"],
    )


def initial_from_answers(answers: MeetingAnswers) -> dict[str, object]:
    """The question page filled in again from answers kept in the session."""
    starts_at = timezone.localtime(dt.datetime.fromisoformat(answers["starts_at"]))
    initial: dict[str, object] = {
        k: v for k, v in answers.items() if k not in {"starts_at", "short_notice_agreed"}
    }
    initial["day"] = starts_at.date()
    initial["time"] = starts_at.strftime("%H:%M")
    initial["notice_given_on"] = dt.date.fromisoformat(answers["notice_given_on"])
    initial["short_notice"] = ["agreed"] if answers["short_notice_agreed"] else []
    return initial


class MeetingForm(forms.Form):
    """When, where and how; the adjustments; when the family was told."""

    format = forms.ChoiceField(
        label="How will the meeting happen?",
        choices=MeetingFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select in person, by video or by phone"},
    )
    venue_name = forms.CharField(
        label="Name of the venue (if in person)",
        required=False,
        max_length=200,
        help_text="A place near the family, for example the child's school",
    )
    venue_address = forms.CharField(
        label="Address of the venue (if in person)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    video_link = forms.URLField(
        label="Video call link (if by video)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a link in the correct format, like https://..."},
        help_text="Everyone invited gets this link in their email and calendar invitation",
    )
    dial_in = forms.CharField(
        label="Phone number to call, and any PIN (if by phone)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    day = GovukDateField(
        name="the date of the meeting",
        label="Date of the meeting",
        not_in_past=True,
        help_text="For example, 27 3 2026",
    )
    time = TimeField(label="Start time", error_messages={"required": "Enter the start time"})
    duration_minutes = forms.IntegerField(
        label="How long, in minutes?",
        initial=DEFAULT_DURATION_MINUTES,
        min_value=30,
        max_value=480,
        help_text="Mediation meetings usually take about 3 hours (180 minutes)",
        error_messages={
            "required": "Enter how long the meeting will take, in minutes",
            "invalid": "Enter the length in minutes, like 180",
            "min_value": "The meeting must be at least 30 minutes long",
            "max_value": "The meeting must be 8 hours (480 minutes) or shorter",
        },
    )
    arrangements = forms.CharField(
        label="Adjustments and arrangements",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Filled in from the help the family asked for. Add anything else: breaks, "
        "separate rooms, step-free access, an interpreter to book.",
    )
    notice_given_on = GovukDateField(
        name="the date the family was told the date and place",
        label="Date the family was told the date and place",
        not_in_future=True,
        help_text="Usually today: everyone is emailed when you arrange the meeting",
    )
    short_notice = forms.MultipleChoiceField(
        label="Shorter notice",
        required=False,
        choices=[("agreed", "The family agreed to less than 5 working days' notice")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Only needed if the family is told less than 5 working days before the meeting",
    )
    short_notice_note = forms.CharField(
        label="Who agreed, when, and how",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    # Radios show the fields for each option after the group (see mediation.core.forms_govuk).
    govuk_conditionals = {
        "format": {
            "in_person": ["venue_name", "venue_address"],
            "video": ["video_link"],
            "phone": ["dial_in"],
        },
        "short_notice": {"agreed": ["short_notice_note"]},
    }
    govuk_choice_hints = {
        "format": {
            "in_person": "At a venue near the family, for example the school",
            "video": "For example Microsoft Teams or Zoom",
        }
    }
    govuk_classes = {"time": "govuk-input--width-5", "duration_minutes": "govuk-input--width-4"}

    # Where each way of meeting is, and the message when it is missing.
    place_fields: ClassVar[dict[str, tuple[tuple[str, str], ...]]] = {
        MeetingFormat.IN_PERSON: (
            ("venue_name", "Enter the name of the venue"),
            ("venue_address", "Enter the address of the venue"),
        ),
        MeetingFormat.PHONE: (("dial_in", "Enter the phone number to call and any PIN"),),
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_place(cleaned)
        if (
            "agreed" in cleaned.get("short_notice", [])
            and not cleaned.get("short_notice_note", "").strip()
        ):
            self.add_error("short_notice_note", "Say who agreed to shorter notice, when and how")
        self._clean_start(cleaned)
        return cleaned

    def _clean_place(self, cleaned: dict[str, Any]) -> None:
        format_ = cleaned.get("format") or ""
        for name, message in self.place_fields.get(format_, ()):
            if not cleaned.get(name, "").strip():
                self.add_error(name, message)
        if format_ == MeetingFormat.VIDEO:
            link = cleaned.get("video_link") or ""
            if not link:
                self.add_error("video_link", "Enter the video call link")
            elif not link.startswith("https://"):
                self.add_error("video_link", "Enter a secure link, starting with https://")

    def _clean_start(self, cleaned: dict[str, Any]) -> None:
        day, time = cleaned.get("day"), cleaned.get("time")
        if day and time:
            cleaned["starts_at"] = timezone.make_aware(dt.datetime.combine(day, time))
            if cleaned["starts_at"] <= timezone.now():
                self.add_error("time", "The meeting must start in the future")

    def answers(self) -> MeetingAnswers:
        """What to keep in the session between the question page and the check page."""
        data = self.cleaned_data
        return {
            "format": data["format"],
            "starts_at": data["starts_at"].isoformat(),
            "duration_minutes": data["duration_minutes"],
            "venue_name": data.get("venue_name", ""),
            "venue_address": data.get("venue_address", ""),
            "video_link": data.get("video_link") or "",
            "dial_in": data.get("dial_in", ""),
            "arrangements": data.get("arrangements", ""),
            "notice_given_on": data["notice_given_on"].isoformat(),
            "short_notice_agreed": "agreed" in data.get("short_notice", []),
            "short_notice_note": data.get("short_notice_note", ""),
        }


class RescheduleForm(MeetingForm):
    reason = forms.CharField(
        label="Why is the meeting changing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone invited is told the meeting has changed; the reason stays on the case",
        error_messages={"required": "Say why the meeting is changing"},
    )

    def answers(self) -> MeetingAnswers:
        return {**super().answers(), "reason": self.cleaned_data["reason"]}


class ConfirmForm(forms.Form):
    """The check page's button: nothing to fill in."""


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Everyone invited gets a cancellation for their calendar. The reason stays on "
        "the case; it is not sent to them.",
        error_messages={"required": "Say why the meeting is cancelled"},
    )


class HeldForm(forms.Form):
    concluded = forms.ChoiceField(
        label="Has the mediation finished?",
        choices=[
            ("yes", "Yes, it finished at this meeting"),
            ("no", "No, the parties will meet again"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the mediation finished at this meeting"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Practical points only. Keep what was said in the meeting in the mediator's "
        "private notes.",
    )

    govuk_choice_hints = {
        "concluded": {
            "yes": "For mediation, the certificate is then due within 3 working days",
            "no": "The case goes back to arranging, for the next meeting",
        }
    }

    def answers(self) -> HeldAnswers:
        return {
            "concluded": self.cleaned_data["concluded"] == "yes",
            "note": self.cleaned_data["note"],
        }


class LaCannotArrangeForm(forms.Form):
    said_on = GovukDateField(
        name="the date the local authority said so",
        label="When did the local authority say it cannot arrange mediation within 30 days?",
        not_in_future=True,
        help_text="The family's certificate is due within 3 working days of this date",
    )
    note = forms.CharField(
        label="Who said so, and how",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: email from the SEN team manager, Jo Smith",
        error_messages={"required": "Say who at the local authority said so, and how"},
    )

    def answers(self) -> LaCannotArrangeAnswers:
        return {"on": self.cleaned_data["said_on"], "note": self.cleaned_data["note"]}
