"""The meeting: arrange it (question page, then a check page), see it, change or cancel it, record
that it was held, download its calendar file; and record that the LA cannot arrange mediation in
time."""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases.access import case_or_404
from mediation.core.actions import Message, Refused, attempt, submit, succeed
from mediation.core.errors import ApplicationError
from mediation.core.lookups import found_or_404
from mediation.core.responses import CALENDAR, file_response, private
from mediation.meetings import calendar, presenters, selectors, services
from mediation.meetings.choices import MeetingStatus
from mediation.meetings.forms import (
    CancelForm,
    ConfirmForm,
    HeldForm,
    LaCannotArrangeForm,
    MeetingForm,
    RescheduleForm,
    initial_from_answers,
    plan_from_answers,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from django import forms

    from mediation.cases.models import Case
    from mediation.meetings.forms import MeetingAnswers
    from mediation.meetings.models import Meeting
    from mediation.meetings.presenters import CheckPage, Context

# The plan's names for its parts, where the form asks for them under another name.
PLAN_FIELDS = {"starts_at": "day", "short_notice_agreed": "short_notice"}
NOT_READY = (
    "A meeting can be arranged once the family has asked for mediation or disagreement "
    "resolution, while the case is open"
)


def _meeting_or_404(request: HttpRequest, meeting_id: UUID, action: str) -> Meeting:
    """The meeting (else a 404 page), if this user may do ``action`` to its case (else 403)."""
    meeting = found_or_404(selectors.meeting_get(meeting_id=meeting_id), "No such meeting")
    policy.authorised(request.user, action, meeting.case)
    return meeting


# ---------------------------------------------------------------------------------------------
# Arranging or moving: a question page, then a check page
# ---------------------------------------------------------------------------------------------


def _arrange_key(case: Case) -> str:
    return f"meeting-arrange:{case.pk}"


def _reschedule_key(meeting: Meeting) -> str:
    return f"meeting-reschedule:{meeting.pk}"


def _keep_if_sound(request: HttpRequest, key: str, case: Case, answers: MeetingAnswers) -> None:
    """Check the answers against the rules (a refusal shows on the form), then keep them for
    the check page."""
    services.meeting_plan_check(case=case, plan=plan_from_answers(answers))
    request.session[key] = answers


def _question_page(
    request: HttpRequest,
    *,
    key: str,
    case: Case,
    form_class: type[MeetingForm],
    first_answers: Callable[[], dict[str, object]],
    check_url: str,
    meeting: Meeting | None = None,
) -> HttpResponse:
    """The questions (answered as last time, if they come back to change them); answers the
    rules allow are kept under ``key`` for the check page."""
    saved = request.session.get(key)
    initial = initial_from_answers(saved) if saved else first_answers()
    form = form_class(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: _keep_if_sound(request, key, case, form.answers()),
        success=None,
        redirect_to=check_url,
        fields=PLAN_FIELDS,
    )
    context = presenters.arrange_page(case=case, form=form, meeting=meeting)
    return done or render(request, "meetings/arrange.html", context)


def _check_page(
    request: HttpRequest,
    *,
    key: str,
    case: Case,
    wording: CheckPage,
    act: Callable[[MeetingAnswers], Meeting],
    success: Message[Meeting],
    meeting: Meeting | None = None,
) -> HttpResponse:
    """The answers kept under ``key``, checked against the rules; on POST, ``act`` on them (then
    to the meeting's page), or say why not. Without answers, back to the questions."""
    answers: MeetingAnswers | None = request.session.get(key)
    if not answers:
        return redirect(wording.change_url)
    problem = ""
    if request.method == "POST":
        outcome = attempt(lambda: act(answers))
        if not isinstance(outcome, Refused):
            request.session.pop(key, None)
            return succeed(
                request, outcome.value, success=success, redirect_to=presenters.meeting_url
            )
        problem = outcome.error.message
    plan = plan_from_answers(answers)
    checked = attempt(lambda: services.meeting_plan_check(case=case, plan=plan))
    if isinstance(checked, Refused):
        problem = problem or checked.error.message
    context = presenters.check_page(
        case=case,
        wording=wording,
        answers=answers,
        plan=plan,
        check=None if isinstance(checked, Refused) else checked.value,
        problem=problem,
        form=ConfirmForm(),
        meeting=meeting,
    )
    return render(request, "meetings/check.html", context)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def arrange(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "meeting.manage")
    arranged = selectors.arranged_meeting(case=case)
    if arranged is not None:
        messages.info(request, "A meeting is already arranged. Change it here")
        return redirect(presenters.meeting_url(arranged))
    if not selectors.can_arrange(case=case):
        raise ApplicationError(NOT_READY)
    return _question_page(
        request,
        key=_arrange_key(case),
        case=case,
        form_class=MeetingForm,
        first_answers=lambda: presenters.arrange_initial(case=case),
        check_url=reverse("meetings:arrange-check", kwargs={"case_id": case.pk}),
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def arrange_check(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "meeting.manage")
    return _check_page(
        request,
        key=_arrange_key(case),
        case=case,
        wording=presenters.arrange_check_wording(case),
        act=lambda answers: services.meeting_arrange(
            case=case, plan=plan_from_answers(answers), actor=signed_in(request)
        ),
        success=lambda meeting: f"Meeting arranged for {presenters.meeting_when(meeting)}",
    )


def _while_arranged(
    view: Callable[[HttpRequest, Meeting], HttpResponse],
) -> Callable[[HttpRequest, UUID], HttpResponse]:
    """For a page that changes the meeting: the meeting, if this user may manage it; one that can
    no longer change (held, cancelled, or its case closed) sends them back to its page."""

    @wraps(view)
    def while_arranged(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
        meeting = _meeting_or_404(request, meeting_id, "meeting.manage")
        if meeting.status != MeetingStatus.ARRANGED or not meeting.case.is_open:
            messages.info(request, f"This meeting is {meeting.get_status_display().lower()}")
            return redirect(presenters.meeting_url(meeting))
        return view(request, meeting)

    return while_arranged


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
@_while_arranged
def reschedule(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _question_page(
        request,
        key=_reschedule_key(meeting),
        case=meeting.case,
        form_class=RescheduleForm,
        first_answers=lambda: presenters.reschedule_initial(meeting),
        check_url=reverse("meetings:reschedule-check", kwargs={"meeting_id": meeting.pk}),
        meeting=meeting,
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
@_while_arranged
def reschedule_check(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _check_page(
        request,
        key=_reschedule_key(meeting),
        case=meeting.case,
        wording=presenters.reschedule_check_wording(meeting),
        act=lambda answers: services.meeting_reschedule(
            meeting=meeting,
            plan=plan_from_answers(answers),
            reason=answers.get("reason", ""),
            actor=signed_in(request),
        ),
        success=presenters.moved_message,
        meeting=meeting,
    )


# ---------------------------------------------------------------------------------------------
# The meeting page and its calendar file
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_GET
def detail(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _meeting_or_404(request, meeting_id, "meeting.view")
    may_manage = policy.can(request.user, "meeting.manage", meeting.case)
    context = presenters.detail_page(meeting=meeting, may_manage=may_manage)
    return render(request, "meetings/detail.html", context)


@policy.policy_required("staff.workspace")
@require_GET
def ics(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = _meeting_or_404(request, meeting_id, "meeting.view")
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"
    content = calendar.meeting_ics(meeting=meeting, method=method)
    return private(file_response(content, CALENDAR, calendar.meeting_ics_filename(meeting)))


@policy.policy_required("staff.workspace")
@require_POST
def invite(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    """Send the meeting to anyone who does not have it as it is now (someone added since)."""
    meeting = _meeting_or_404(request, meeting_id, "meeting.manage")
    outcome = attempt(lambda: services.invitations_send(meeting=meeting, actor=signed_in(request)))
    if isinstance(outcome, Refused):
        messages.error(request, outcome.error.message)
    else:
        names = [invitation.name for invitation in outcome.value]
        # Nobody to send it to is news, not a success.
        flash = messages.success if names else messages.info
        flash(request, presenters.invitations_sent_message(names))
    return redirect(presenters.meeting_url(meeting))


# ---------------------------------------------------------------------------------------------
# Cancelling, recording it held
# ---------------------------------------------------------------------------------------------


def _form_page(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    act: Callable[[], object],
    *,
    success: Message[object],
    page: Callable[[], Context],
    fields: Mapping[str, str] | None = None,
) -> HttpResponse:
    """One question about the meeting (meetings/form_page.html), then back to the case."""
    done = submit(
        request, form, act, success=success, redirect_to=presenters.case_url(case), fields=fields
    )
    return done or render(request, "meetings/form_page.html", page())


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
@_while_arranged
def cancel(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = CancelForm(request.POST or None)
    return _form_page(
        request,
        meeting.case,
        form,
        lambda: services.meeting_cancel(
            meeting=meeting, reason=form.cleaned_data["reason"], actor=signed_in(request)
        ),
        success="Meeting cancelled. Everyone invited has been told",
        page=lambda: presenters.cancel_page(meeting=meeting, form=form),
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
@_while_arranged
def held(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = HeldForm(request.POST or None)
    return _form_page(
        request,
        meeting.case,
        form,
        lambda: services.meeting_mark_held(
            meeting=meeting, actor=signed_in(request), **form.answers()
        ),
        success="Meeting recorded as held",
        page=lambda: presenters.held_page(meeting=meeting, form=form),
    )


# ---------------------------------------------------------------------------------------------
# The LA cannot arrange mediation within 30 days
# ---------------------------------------------------------------------------------------------


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def la_cannot_arrange(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "meeting.la_cannot_arrange")
    form = LaCannotArrangeForm(request.POST or None, initial={"said_on": timezone.localdate()})
    return _form_page(
        request,
        case,
        form,
        lambda: services.la_cannot_arrange_record(
            case=case, actor=signed_in(request), **form.answers()
        ),
        success=lambda _: presenters.certificate_due_message(form.cleaned_data["said_on"]),
        page=lambda: presenters.la_cannot_arrange_page(case=case, form=form),
        fields={"on": "said_on"},
    )
