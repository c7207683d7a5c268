"""The partner side: LA, ICB and school users see and act on their organisation's cases only.

Every view: sign in first (anonymous users go to the sign-in page); partners only (staff get 403);
the case is loaded (404 when missing); the partner's organisation must be a party to it (403);
and for an action, the party must be the partner's own and the case open (403).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.agreements import selectors as agreement_selectors
from mediation.agreements import services as agreement_services
from mediation.cases import parties as case_parties
from mediation.cases.access import case_or_404
from mediation.core.actions import posted, submit, uploaded
from mediation.core.lookups import found_or_404
from mediation.core.responses import CALENDAR, PDF, file_response, private
from mediation.meetings import calendar as meeting_calendar
from mediation.meetings import presenters as meeting_presenters
from mediation.meetings import selectors as meeting_selectors
from mediation.portal import presenters, selectors, services
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

if TYPE_CHECKING:
    from collections.abc import Callable

    from mediation.agreements.models import Agreement
    from mediation.cases.models import Case, Participant, Party
    from mediation.preparation.models import CaseSummary


def _case_and_party(
    request: HttpRequest, case_id: UUID, action: str | None = None
) -> tuple[Case, Party]:
    """The case (if the partner's organisation is a party to it) and the partner's own party on
    it; for an action, the policy must let them do it for that party (403)."""
    case = case_or_404(request, case_id, "portal.case.view")
    party = selectors.partner_party(user=signed_in(request), case=case)
    if action is not None:
        return case, policy.authorised(request.user, action, party)
    return case, found_or_404(party, "Not a party to this case")


def _agreement(party: Party) -> Agreement:
    agreement = agreement_selectors.agreement_for_party(party=party)
    return found_or_404(agreement, "No agreement to show")


def _case_url(case: Case) -> str:
    return reverse("portal:case", kwargs={"case_id": case.pk})


def _form_page(
    request: HttpRequest,
    case: Case,
    party: Party,
    form: forms.Form,
    title: str,
    *,
    template: str = "portal/form_page.html",
    **extra: object,
) -> HttpResponse:
    """A page with one question for the partner's party (by default portal/form_page.html)."""
    context = {"title": title, "case": case, "party": party, "form": form, **extra}
    return render(request, template, context)


@policy.policy_required("partner.workspace")
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    rows = presenters.partner_case_rows(user=user)
    return render(
        request,
        "portal/home.html",
        {
            "title": "Your cases",
            "organisation": user.organisation,
            "open_rows": [r for r in rows if r.case.is_open],
            "closed_rows": [r for r in rows if not r.case.is_open],
        },
    )


@policy.policy_required("partner.workspace")
@require_GET
def case(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id)
    view = presenters.partner_case_view(case=case, party=party)
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
    return private(response)


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "portal.party.act")
    form = ConfirmForm(posted(request))
    done = submit(
        request,
        form,
        lambda: case_parties.attendance_confirm(party=party, actor=signed_in(request)),
        success=f"You have confirmed that {party.name} will attend",
        redirect_to=_case_url(case),
    )
    meeting = meeting_presenters.meeting_for_party(case=case, party=party)
    title = "Confirm you will attend"
    return done or _form_page(
        request, case, party, form, title, template="portal/attendance.html", meeting=meeting
    )


def _added(participant: Participant) -> str:
    can_decide = ", who can make decisions" if participant.is_decision_maker else ""
    return f"{participant.name} added{can_decide}"


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Add someone who will attend for the organisation, and say whether they can decide."""
    case, party = _case_and_party(request, case_id, "portal.party.act")
    user = signed_in(request)
    initial = presenters.participant_initial(user=user, themselves=bool(request.GET.get("me")))
    form = ParticipantForm(posted(request), initial=initial)
    done = submit(
        request,
        form,
        lambda: services.partner_participant_add(
            case=case, party=party, actor=user, **form.answers()
        ),
        success=_added,
        redirect_to=_case_url(case),
    )
    return done or _form_page(
        request, case, party, form, "Add someone who will attend", submit="Add person"
    )


@dataclass(frozen=True)
class _AboutParticipant:
    """A question the partner answers about one of the people their party sends (``{name}``
    in the title and the success message is that person's name)."""

    form: type[forms.Form]
    act: Callable[..., Participant]
    template: str
    title: str
    success: str


_DECISION_MAKER = _AboutParticipant(
    DecisionMakerForm,
    case_parties.decision_maker_confirm,
    "portal/decision_maker.html",
    "Can {name} make decisions?",
    "You have confirmed that {name} can make decisions",
)
_REMOVE = _AboutParticipant(
    ConfirmForm,
    case_parties.participant_remove,
    "portal/participant_remove.html",
    "Remove {name}",
    "{name} will no longer attend",
)


def _about_participant(
    request: HttpRequest, case_id: UUID, participant_id: UUID, question: _AboutParticipant
) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "portal.party.act")
    found = selectors.participant_of_party(party=party, participant_id=participant_id)
    participant = found_or_404(found, "No such person")
    form = question.form(posted(request))
    done = submit(
        request,
        form,
        lambda: question.act(participant=participant, actor=signed_in(request)),
        success=question.success.format(name=participant.name),
        redirect_to=_case_url(case),
    )
    title = question.title.format(name=participant.name)
    return done or _form_page(
        request, case, party, form, title, template=question.template, participant=participant
    )


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def decision_maker(request: HttpRequest, case_id: UUID, participant_id: UUID) -> HttpResponse:
    return _about_participant(request, case_id, participant_id, _DECISION_MAKER)


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def participant_remove(request: HttpRequest, case_id: UUID, participant_id: UUID) -> HttpResponse:
    return _about_participant(request, case_id, participant_id, _REMOVE)


def _sent(summary: CaseSummary) -> str:
    return f"Your case summary has been sent ({Visibility(summary.visibility).label.lower()})"


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def summary_submit(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "summary.submit")
    user = signed_in(request)
    initial = {"submitted_by_name": user.full_name}
    form = SummaryForm(posted(request), uploaded(request), initial=initial)
    done = submit(
        request,
        form,
        lambda: preparation_services.summary_submit(
            case=case, party=party, actor=user, **form.answers()
        ),
        success=_sent,
        redirect_to=_case_url(case),
        fields={"upload": "file"},
    )
    return done or _form_page(
        request,
        case,
        party,
        form,
        "Send your case summary",
        submit="Send case summary",
        enctype="multipart/form-data",
        intro=presenters.SUMMARY_INTRO,
    )


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def dr_answer(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Disagreement resolution is voluntary: the partner says whether it will take part."""
    case, party = _case_and_party(request, case_id, "portal.party.act")
    if not case.is_disagreement_resolution:
        raise Http404("This case is not disagreement resolution")
    form = DRAnswerForm(posted(request))
    done = submit(
        request,
        form,
        lambda: case_parties.dr_answer_record(
            party=party, actor=signed_in(request), **form.answers()
        ),
        success="Thank you: your answer has been recorded",
        redirect_to=_case_url(case),
    )
    title = "Will you take part in disagreement resolution?"
    return done or _form_page(
        request, case, party, form, title, submit="Send answer", heading_in_form=True
    )


@policy.policy_required("partner.workspace")
@require_GET
def agreement_pdf(request: HttpRequest, case_id: UUID) -> HttpResponse:
    _, party = _case_and_party(request, case_id)
    agreement = _agreement(party)
    found = agreement_selectors.agreement_pdf(agreement=agreement)
    printed = found_or_404(found, "The agreement has not been printed")
    return private(file_response(printed.content, PDF, printed.filename, inline=True))


@policy.policy_required("partner.workspace")
@require_http_methods(["GET", "POST"])
def agreement_confirm(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, party = _case_and_party(request, case_id, "agreement.confirm")
    agreement = _agreement(party)
    user = signed_in(request)
    form = AgreementConfirmForm(posted(request), initial={"confirmed_by_name": user.full_name})
    done = submit(
        request,
        form,
        lambda: agreement_services.agreement_confirm(
            agreement=agreement,
            party=party,
            confirmed_by_name=form.cleaned_data["confirmed_by_name"],
            method="online",
            actor=user,
        ),
        success="You have confirmed the agreement",
        redirect_to=_case_url(case),
    )
    intro = presenters.agreement_intro(agreement)
    title = "Confirm the written agreement"
    return done or _form_page(
        request, case, party, form, title, submit="Confirm agreement", intro=intro
    )


@policy.policy_required("partner.workspace")
@require_GET
def meeting_ics(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The meeting for the partner's own calendar (no other attendees listed)."""
    case = case_or_404(request, case_id, "portal.case.view")
    found = meeting_selectors.current_meeting(case=case)
    meeting = found_or_404(found, "No meeting arranged")
    content = meeting_calendar.meeting_ics(meeting=meeting, attendees=[])
    filename = meeting_calendar.meeting_ics_filename(meeting)
    return private(file_response(content, CALENDAR, filename))
