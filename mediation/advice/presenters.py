"""What the information call pages start with, and what they tell staff afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from mediation.advice.models import CallStatus

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mediation.accounts.actors import Actor
    from mediation.advice.models import InformationCall
    from mediation.cases.models import Case


def case_url(case: Case) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


def book_initial(*, case: Case, actor: Actor, advisers: Sequence[Actor]) -> dict[str, object]:
    """The family's number; the person booking, if they give the information themselves."""
    return {
        "phone_number": case.applicant_phone,
        "method": "phone",
        "adviser": str(actor.pk) if actor in advisers else "",
    }


def record_initial(call: InformationCall) -> dict[str, object]:
    """The call happened today, at the time it was booked for, and took the usual 20 minutes."""
    return {
        "happened": "yes",
        "day": timezone.localdate(),
        "time": timezone.localtime(call.scheduled_for).strftime("%H:%M"),
        "duration": 20,
    }


def call_recorded(call: InformationCall) -> str:
    if call.status == CallStatus.GIVEN:
        return "Call recorded. Now record what the family decided."
    return "Missed call recorded. Book another call."


def after_call(call: InformationCall) -> str:
    """After the information is given, the family's decision; after a missed call, the case."""
    if call.status == CallStatus.GIVEN:
        return reverse("advice:decide", kwargs={"case_id": call.case_id})
    return case_url(call.case)
