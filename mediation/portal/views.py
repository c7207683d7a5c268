"""The partner side: LA, ICB and school users see and act on their organisation's cases only.

Every view: sign in first (anonymous users go to the sign-in page); partners only (staff get 403);
the case is loaded (404 when missing); the partner's organisation must be a party to it (403);
and for an action, the party must be the partner's own and the case open (403).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mediation import policy
from mediation.agreements import selectors as agreement_selectors
from mediation.agreements import services as agreement_services
from mediation.cases import parties as case_parties
from mediation.cases import selectors as case_selectors
from mediation.cases.choices import ParticipantRole
from mediation.core.errors import ApplicationError
from mediation.meetings import selectors as meeting_selectors
from mediation.portal import selectors
from mediation.portal.forms import (
    AgreementConfirmForm,
    ConfirmForm,
    DecisionMakerForm,
    DRAnswerForm,
    ParticipantForm,
    SummaryForm,
)
from mediation.preparation import services as preparation_services
from mediation.preparation.choices import Visibility


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one binds the form), or None for a GET."""
    return request.POST if request.method == "POST" else None


def _uploaded(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _case_and_party(request: HttpRequest, case_id: UUID, action: str | None = None) -> Any:
    """The case (404 if none) and the partner's party on it (403 if not a party)."""
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    policy.require(request.user, "portal.case.view", case)
    party = selectors.partner_party(user=request.user, case=case)
    if action is not None:
        policy.require(request.user, action, party)
    return case, party


def _case_url(case: Any) -> str:
    return reverse("portal:case", kwargs={"case_id": case.pk})


def _private(response: HttpResponse) -> HttpResponse:
    # Holds a child's details: never kept by a shared cache or the browser's back button.
    response["Cache-Control"] = "private, no-store"
    return response


@policy.policy_required("partner.workspace")
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    rows = selectors.partner_case_rows(user=request.user)
    return render(
        request,
        "portal/home.html",
        {
            "title": "Your cases",
            "organisation": getattr(request.user, "organisation", None),
            "open_rows": [r for r in rows if r.case.is_open],
            "closed_rows": [r for r in rows if not r.case.is_open],
        },
    )


@policy.policy_required("partner.workspace")
@require_GET
def case(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id)
    view = selectors.partner_case_view(case=case, party=party)
    response = render(
        request,
        "portal/case.html",
        {
            "title": f"{case.reference}: {view.child_label}",
            "case": case,
            "party": party,
            "view": view,
            "may_act": policy.can(request.user, "portal.party.act", party),
            "may_submit": policy.can(request.user, "summary.submit", party),
            "may_confirm_agreement": view.agreement is not None
            and view.confirmation is None
            and policy.can(request.user, "agreement.confirm", party),
        },
    )
    return _private(response)


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "portal.party.act")
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        case_parties.attendance_confirm(party=party, actor=request.user)
        messages.success(request, f"You have confirmed that {party.name} will attend")
        return redirect(_case_url(case))
    return render(
        request,
        "portal/attendance.html",
        {
            "title": "Confirm you will attend",
            "case": case,
            "party": party,
            "form": form,
            "meeting": meeting_selectors.meeting_for_party(case=case, party=party),
        },
    )


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Add someone who will attend for the organisation, and say whether they can decide."""
    case, party = _case_and_party(request, case_id, "portal.party.act")
    user: Any = request.user
    initial: dict[str, Any] = {}
    if request.GET.get("me"):
        initial = {
            "name": user.full_name,
            "email": user.email,
            "job_title": user.job_title,
            "phone": user.phone,
            "role": ParticipantRole.OFFICER.value,
        }
    form = ParticipantForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        can_decide = data["can_decide"] == "yes"
        role = data["role"]
        if can_decide and role == ParticipantRole.OFFICER:
            role = ParticipantRole.DECISION_MAKER
        try:
            participant = case_parties.participant_add(
                case=case,
                party=party,
                name=data["name"],
                role=role,
                job_title=data["job_title"],
                email=data["email"],
                phone=data["phone"],
                is_decision_maker=can_decide,
                user=user if data["email"].strip().lower() == user.email.lower() else None,
                actor=user,
            )
            if can_decide:
                case_parties.decision_maker_confirm(participant=participant, actor=user)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            extra = ", who can make decisions" if can_decide else ""
            messages.success(request, f"{participant.name} added{extra}")
            return redirect(_case_url(case))
    return render(
        request,
        "portal/form_page.html",
        {
            "title": "Add someone who will attend",
            "case": case,
            "party": party,
            "form": form,
            "submit": "Add person",
        },
    )


def _participant_or_404(party: Any, participant_id: UUID) -> Any:
    participant = selectors.participant_of_party(party=party, participant_id=participant_id)
    if participant is None:
        raise Http404("No such person")
    return participant


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def decision_maker(request: HttpRequest, case_id: UUID, participant_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "portal.party.act")
    participant = _participant_or_404(party, participant_id)
    form = DecisionMakerForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        case_parties.decision_maker_confirm(participant=participant, actor=request.user)
        messages.success(request, f"You have confirmed that {participant.name} can make decisions")
        return redirect(_case_url(case))
    return render(
        request,
        "portal/decision_maker.html",
        {
            "title": f"Can {participant.name} make decisions?",
            "case": case,
            "party": party,
            "participant": participant,
            "form": form,
        },
    )


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def participant_remove(request: HttpRequest, case_id: UUID, participant_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "portal.party.act")
    participant = _participant_or_404(party, participant_id)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        case_parties.participant_remove(participant=participant, actor=request.user)
        messages.success(request, f"{participant.name} will no longer attend")
        return redirect(_case_url(case))
    return render(
        request,
        "portal/participant_remove.html",
        {
            "title": f"Remove {participant.name}",
            "case": case,
            "party": party,
            "participant": participant,
            "form": form,
        },
    )


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def summary_submit(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "summary.submit")
    form = SummaryForm(
        _posted(request),
        _uploaded(request),
        initial={"submitted_by_name": getattr(request.user, "full_name", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            preparation_services.summary_submit(
                case=case,
                party=party,
                visibility=data["visibility"],
                submitted_by_name=data["submitted_by_name"],
                text=data["text"],
                upload=data["file"] or None,
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            label = Visibility(data["visibility"]).label.lower()
            messages.success(request, f"Your case summary has been sent ({label})")
            return redirect(_case_url(case))
    return render(
        request,
        "portal/form_page.html",
        {
            "title": "Send your case summary",
            "case": case,
            "party": party,
            "form": form,
            "submit": "Send case summary",
            "enctype": "multipart/form-data",
            "intro": (
                "Tell the mediator and the other parties, in a page or two, what the disagreement "
                "is about from your side and what you would like to happen. You choose who can "
                "read it."
            ),
        },
    )


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def dr_answer(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Disagreement resolution is voluntary: the partner says whether it will take part."""
    case, party = _case_and_party(request, case_id, "portal.party.act")
    if not case.is_disagreement_resolution:
        raise Http404("This case is not disagreement resolution")
    form = DRAnswerForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        case_parties.dr_answer_record(
            party=party,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, "Thank you: your answer has been recorded")
        return redirect(_case_url(case))
    return render(
        request,
        "portal/form_page.html",
        {
            "title": "Will you take part in disagreement resolution?",
            "case": case,
            "party": party,
            "form": form,
            "submit": "Send answer",
            "heading_in_form": True,
        },
    )


def _agreement_or_404(party: Any) -> Any:
    agreement = agreement_selectors.agreement_for_party(party=party)
    if agreement is None:
        raise Http404("No agreement to show")
    return agreement


@policy.policy_required("partner.workspace")
@require_GET
def agreement_pdf(request: HttpRequest, case_id: UUID) -> HttpResponse:
    _case, party = _case_and_party(request, case_id)
    agreement = _agreement_or_404(party)
    printed = agreement_selectors.agreement_pdf(agreement=agreement)
    if printed is None:
        raise Http404("The agreement has not been printed")
    response = HttpResponse(printed.content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
    return _private(response)


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def agreement_confirm(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "agreement.confirm")
    agreement = _agreement_or_404(party)
    form = AgreementConfirmForm(
        _posted(request), initial={"confirmed_by_name": getattr(request.user, "full_name", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement_services.agreement_confirm(
                agreement=agreement,
                party=party,
                confirmed_by_name=form.cleaned_data["confirmed_by_name"],
                method="online",
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "You have confirmed the agreement")
            return redirect(_case_url(case))
    return render(
        request,
        "portal/form_page.html",
        {
            "title": "Confirm the written agreement",
            "case": case,
            "party": party,
            "form": form,
            "submit": "Confirm agreement",
            "intro": (
                f"The agreement dated {agreement.agreed_on.day} {agreement.agreed_on:%B %Y}. "
                "Read it before you confirm. If it does not record what was agreed, contact us "
                "instead."
            ),
        },
    )


@policy.policy_required("partner.workspace")
@require_GET
def meeting_ics(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The meeting for the partner's own calendar (no other attendees listed)."""
    case, _party = _case_and_party(request, case_id)
    meeting = meeting_selectors.current_meeting(case=case)
    if meeting is None:
        raise Http404("No meeting arranged")
    content = meeting_selectors.meeting_ics(meeting=meeting, attendees=[])
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    filename = meeting_selectors.meeting_ics_filename(meeting)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)
