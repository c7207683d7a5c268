"""Arranging, changing and cancelling the meeting; recording it held; the LA cannot arrange."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from mediation.core.forms_govuk import GovukDateField, TimeField
from mediation.meetings.choices import DEFAULT_DURATION_MINUTES, MeetingFormat


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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        format_ = cleaned.get("format")
        if format_ == MeetingFormat.IN_PERSON:
            if not cleaned.get("venue_name", "").strip():
                self.add_error("venue_name", "Enter the name of the venue")
            if not cleaned.get("venue_address", "").strip():
                self.add_error("venue_address", "Enter the address of the venue")
        elif format_ == MeetingFormat.VIDEO:
            link = cleaned.get("video_link") or ""
            if not link:
                self.add_error("video_link", "Enter the video call link")
            elif not link.startswith("https://"):
                self.add_error("video_link", "Enter a secure link, starting with https://")
        elif format_ == MeetingFormat.PHONE and not cleaned.get("dial_in", "").strip():
            self.add_error("dial_in", "Enter the phone number to call and any PIN")
        if (
            "agreed" in cleaned.get("short_notice", [])
            and not cleaned.get("short_notice_note", "").strip()
        ):
            self.add_error("short_notice_note", "Say who agreed to shorter notice, when and how")
        day, time = cleaned.get("day"), cleaned.get("time")
        if day and time:
            cleaned["starts_at"] = timezone.make_aware(dt.datetime.combine(day, time))
            if cleaned["starts_at"] <= timezone.now():
                self.add_error("time", "The meeting must start in the future")
        return cleaned

    def answers(self) -> dict[str, Any]:
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

    def answers(self) -> dict[str, Any]:
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
