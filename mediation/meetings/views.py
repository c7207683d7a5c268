"""The meeting: arrange it (question page, then a check page), see it, change or cancel it, record
that it was held, download its calendar file; and record that the LA cannot arrange mediation in
time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mediation import policy
from mediation.cases import selectors as case_selectors
from mediation.core.errors import ApplicationError
from mediation.core.formatting import govuk_time, weekday_date
from mediation.meetings import selectors, services
from mediation.meetings.choices import DEFAULT_DURATION_MINUTES, MeetingFormat, MeetingStatus
from mediation.meetings.forms import (
    CancelForm,
    ConfirmForm,
    HeldForm,
    LaCannotArrangeForm,
    MeetingForm,
    RescheduleForm,
)
from mediation.meetings.models import Meeting
from mediation.rules import statutory_calendar

if TYPE_CHECKING:
    from mediation.cases.models import Case


def _case_or_404(case_id: UUID) -> Case:
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    return case


def _meeting_or_404(meeting_id: UUID) -> Meeting:
    meeting = selectors.meeting_get(meeting_id=meeting_id)
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def _case_url(case: Any) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


def _meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", kwargs={"meeting_id": meeting.pk})


def _plan(answers: dict[str, Any]) -> services.MeetingPlan:
    return services.MeetingPlan(
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


def _initial_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    starts_at = timezone.localtime(dt.datetime.fromisoformat(answers["starts_at"]))
    initial = {k: v for k, v in answers.items() if k not in {"starts_at", "short_notice_agreed"}}
    initial["day"] = starts_at.date()
    initial["time"] = starts_at.strftime("%H:%M")
    initial["notice_given_on"] = dt.date.fromisoformat(answers["notice_given_on"])
    initial["short_notice"] = ["agreed"] if answers["short_notice_agreed"] else []
    return initial


def _initial_from_meeting(meeting: Meeting) -> dict[str, Any]:
    starts_at = timezone.localtime(meeting.starts_at)
    return {
        "format": meeting.format,
        "venue_name": meeting.venue_name,
        "venue_address": meeting.venue_address,
        "video_link": meeting.video_link,
        "dial_in": meeting.dial_in,
        "day": starts_at.date(),
        "time": starts_at.strftime("%H:%M"),
        "duration_minutes": meeting.duration_minutes,
        "arrangements": meeting.arrangements,
        "notice_given_on": timezone.localdate(),
    }


def _clock_context(case: Case) -> dict[str, Any]:
    """The 30-day date and its status, shown on every page of the meeting."""
    today = timezone.localdate()
    due = selectors.mediation_due(case=case, today=today)
    return {"mediation_due": due, "today": today}


def _when(meeting_or_plan: Any) -> str:
    start = timezone.localtime(meeting_or_plan.starts_at)
    end = start + dt.timedelta(minutes=meeting_or_plan.duration_minutes)
    return f"{weekday_date(start)}, {govuk_time(start)} to {govuk_time(end)}"


# ---------------------------------------------------------------------------------------------
# Arranging: a question page, then a check page
# ---------------------------------------------------------------------------------------------


def _arrange_key(case: Case) -> str:
    return f"meeting-arrange:{case.pk}"


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def arrange(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "meeting.manage", case)
    arranged = selectors.meetings_for_case(case=case).filter(status=MeetingStatus.ARRANGED).first()
    if arranged is not None:
        messages.info(request, "A meeting is already arranged. Change it here")
        return redirect(_meeting_url(arranged))
    if not selectors.can_arrange(case=case):
        raise ApplicationError(
            "A meeting can be arranged once the family has asked for mediation or disagreement "
            "resolution, while the case is open"
        )
    saved = request.session.get(_arrange_key(case))
    initial = (
        _initial_from_answers(saved)
        if saved
        else {
            "duration_minutes": DEFAULT_DURATION_MINUTES,
            "arrangements": selectors.arrangements_prefill(case=case),
            "notice_given_on": timezone.localdate(),
        }
    )
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        try:
            services.meeting_plan_check(case=case, plan=_plan(answers))
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[_arrange_key(case)] = answers
            return redirect("meetings:arrange-check", case_id=case.pk)
    return render(
        request,
        "meetings/arrange.html",
        {
            "title": "Arrange the meeting",
            "case": case,
            "form": form,
            "kind": selectors.meeting_kind_label(case),
            "back_url": _case_url(case),
            **_clock_context(case),
        },
    )


def _check_page(
    request: HttpRequest,
    *,
    case: Case,
    answers: dict[str, Any],
    change_url: str,
    title: str,
    submit: str,
    meeting: Meeting | None = None,
    problem: str = "",
) -> HttpResponse:
    plan = _plan(answers)
    check = None
    try:
        check = services.meeting_plan_check(case=case, plan=plan)
    except ApplicationError as exc:
        problem = problem or exc.message
    recipients = selectors.meeting_recipients(case=case)
    return render(
        request,
        "meetings/check.html",
        {
            "title": title,
            "case": case,
            "meeting": meeting,
            "plan": plan.cleaned(),
            "format_label": MeetingFormat(plan.format).label,
            "when": _when(plan),
            "duration": selectors.duration_label(plan.duration_minutes),
            "check": check,
            "problem": problem,
            "answers": answers,
            "change_url": change_url,
            "submit": submit,
            "recipients": recipients,
            "form": ConfirmForm(),
            **_clock_context(case),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def arrange_check(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "meeting.manage", case)
    answers = request.session.get(_arrange_key(case))
    if not answers:
        return redirect("meetings:arrange", case_id=case.pk)
    problem = ""
    if request.method == "POST":
        try:
            meeting = services.meeting_arrange(case=case, plan=_plan(answers), actor=request.user)
        except ApplicationError as exc:
            problem = exc.message
        else:
            request.session.pop(_arrange_key(case), None)
            messages.success(request, f"Meeting arranged for {_when(meeting)}")
            return redirect(_meeting_url(meeting))
    return _check_page(
        request,
        case=case,
        answers=answers,
        change_url=reverse("meetings:arrange", kwargs={"case_id": case.pk}),
        title="Check the meeting before sending the invitations",
        submit="Arrange meeting and send invitations",
        problem=problem,
    )


# ---------------------------------------------------------------------------------------------
# The meeting page and its calendar file
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_GET
def detail(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _meeting_or_404(meeting_id)
    case = meeting.case
    policy.require(request.user, "meeting.view", case)
    invitees = selectors.meeting_invitees(meeting=meeting) if meeting.is_arranged else []
    local_date = timezone.localtime(meeting.starts_at).date()
    notice_due = selectors.notice_due_for(meeting_date=local_date)
    due = selectors.mediation_due(case=case)
    return render(
        request,
        "meetings/detail.html",
        {
            "title": f"{selectors.meeting_kind_label(case).capitalize()}: {_when(meeting)}",
            "case": case,
            "meeting": meeting,
            "when": _when(meeting),
            "duration": selectors.duration_label(meeting.duration_minutes),
            "invitees": invitees,
            "to_send": sum(1 for r in invitees if r.recipient.email and not r.up_to_date),
            "invitations": meeting.invitations.select_related("sent_by").order_by("-sent_at"),
            "changes": selectors.meeting_changes(meeting=meeting),
            "reminders": selectors.meeting_reminders(meeting=meeting),
            "notice_due": notice_due,
            "notice_working_days": statutory_calendar().working_days_between(
                meeting.notice_given_on, local_date
            ),
            "after_mediation_due": bool(
                meeting.is_arranged and due is not None and local_date > due.due
            ),
            "may_manage": policy.can(request.user, "meeting.manage", case) and case.is_open,
            "started": meeting.starts_at <= timezone.now(),
            **_clock_context(case),
        },
    )


@policy.policy_required("staff.workspace")
@require_GET
def ics(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _meeting_or_404(meeting_id)
    policy.require(request.user, "meeting.view", meeting.case)
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"
    response = HttpResponse(
        selectors.meeting_ics(meeting=meeting, method=method),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{selectors.meeting_ics_filename(meeting)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@policy.policy_required("staff.workspace")
@require_POST
def invite(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    """Send the meeting to anyone who does not have it as it is now (someone added since)."""
    meeting = _meeting_or_404(meeting_id)
    policy.require(request.user, "meeting.manage", meeting.case)
    try:
        sent = services.invitations_send(meeting=meeting, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if sent:
            messages.success(request, f"Sent to {', '.join(i.name for i in sent)}")
        else:
            messages.info(request, "Everyone with an email address already has the meeting")
    return redirect(_meeting_url(meeting))


# ---------------------------------------------------------------------------------------------
# Changing, cancelling, recording it held
# ---------------------------------------------------------------------------------------------


def _reschedule_key(meeting: Meeting) -> str:
    return f"meeting-reschedule:{meeting.pk}"


def _arranged_or_back(request: HttpRequest, meeting: Meeting) -> HttpResponse | None:
    if meeting.status != MeetingStatus.ARRANGED or not meeting.case.is_open:
        messages.info(request, f"This meeting is {meeting.get_status_display().lower()}")
        return redirect(_meeting_url(meeting))
    return None


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def reschedule(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _meeting_or_404(meeting_id)
    case = meeting.case
    policy.require(request.user, "meeting.manage", case)
    if (back := _arranged_or_back(request, meeting)) is not None:
        return back
    saved = request.session.get(_reschedule_key(meeting))
    initial = _initial_from_answers(saved) if saved else _initial_from_meeting(meeting)
    form = RescheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        try:
            services.meeting_plan_check(case=case, plan=_plan(answers))
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[_reschedule_key(meeting)] = answers
            return redirect("meetings:reschedule-check", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/arrange.html",
        {
            "title": "Change the meeting",
            "case": case,
            "meeting": meeting,
            "when": _when(meeting),
            "form": form,
            "kind": selectors.meeting_kind_label(case),
            "back_url": _meeting_url(meeting),
            **_clock_context(case),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def reschedule_check(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _meeting_or_404(meeting_id)
    case = meeting.case
    policy.require(request.user, "meeting.manage", case)
    if (back := _arranged_or_back(request, meeting)) is not None:
        return back
    answers = request.session.get(_reschedule_key(meeting))
    if not answers:
        return redirect("meetings:reschedule", meeting_id=meeting.pk)
    problem = ""
    if request.method == "POST":
        try:
            services.meeting_reschedule(
                meeting=meeting,
                plan=_plan(answers),
                reason=answers["reason"],
                actor=request.user,
            )
        except ApplicationError as exc:
            problem = exc.message
        else:
            request.session.pop(_reschedule_key(meeting), None)
            meeting.refresh_from_db()
            messages.success(
                request, f"Meeting moved to {_when(meeting)}. Everyone invited has been told"
            )
            return redirect(_meeting_url(meeting))
    return _check_page(
        request,
        case=case,
        answers=answers,
        meeting=meeting,
        change_url=reverse("meetings:reschedule", kwargs={"meeting_id": meeting.pk}),
        title="Check the change before telling everyone",
        submit="Change meeting and tell everyone",
        problem=problem,
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _meeting_or_404(meeting_id)
    case = meeting.case
    policy.require(request.user, "meeting.manage", case)
    if (back := _arranged_or_back(request, meeting)) is not None:
        return back
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Meeting cancelled. Everyone invited has been told")
            return redirect(_case_url(case))
    return render(
        request,
        "meetings/form_page.html",
        {
            "title": "Cancel the meeting",
            "case": case,
            "meeting": meeting,
            "intro": f"The meeting on {_when(meeting)}.",
            "form": form,
            "submit": "Cancel meeting",
            "submit_classes": "govuk-button--warning",
            "back_url": _meeting_url(meeting),
            "back_text": "Back to the meeting",
            "secondary_text": "Keep the meeting",
            **_clock_context(case),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def held(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _meeting_or_404(meeting_id)
    case = meeting.case
    policy.require(request.user, "meeting.manage", case)
    if (back := _arranged_or_back(request, meeting)) is not None:
        return back
    form = HeldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_mark_held(
                meeting=meeting,
                concluded=form.cleaned_data["concluded"] == "yes",
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Meeting recorded as held")
            return redirect(_case_url(case))
    return render(
        request,
        "meetings/form_page.html",
        {
            "title": "Record that the meeting took place",
            "case": case,
            "meeting": meeting,
            "intro": f"The meeting on {_when(meeting)}.",
            "form": form,
            "submit": "Save",
            "back_url": _meeting_url(meeting),
            "back_text": "Back to the meeting",
            "secondary_text": "Cancel",
            **_clock_context(case),
        },
    )


# ---------------------------------------------------------------------------------------------
# The LA cannot arrange mediation within 30 days
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def la_cannot_arrange(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "meeting.la_cannot_arrange", case)
    form = LaCannotArrangeForm(request.POST or None, initial={"said_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.la_cannot_arrange_record(
                case=case,
                on=form.cleaned_data["said_on"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            due = statutory_calendar().add_working_days(form.cleaned_data["said_on"], 3)
            messages.success(
                request,
                f"Recorded. The family's certificate is due by {weekday_date(due)}",
            )
            return redirect(_case_url(case))
    return render(
        request,
        "meetings/form_page.html",
        {
            "title": "The local authority cannot arrange mediation in time",
            "case": case,
            "intro": f"{case.local_authority.name} must arrange mediation within 30 days of being "
            "told the family wants it. If it says it cannot, the family can have a mediation "
            "certificate within 3 working days, and may appeal straight away or still go to "
            "mediation later.",
            "form": form,
            "submit": "Save",
            "back_url": _case_url(case),
            "back_text": "Back to the case",
            "secondary_text": "Cancel",
            **_clock_context(case),
        },
    )
