"""Parties and participants of a case, the family's permission to share, and DR answers."""

from collections.abc import Callable
from uuid import UUID

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases import parties, presenters, services
from mediation.cases.access import case_or_404, participant_or_404, party_or_404
from mediation.cases.choices import Stage
from mediation.cases.forms import (
    DRAnswerForm,
    ParticipantForm,
    PartyForm,
    ShareConsentForm,
    WithdrawForm,
)
from mediation.cases.models import Case, Participant, Party
from mediation.cases.pages import case_form_page, case_url
from mediation.core.actions import run, submit
from mediation.directory import selectors as directory_selectors


def _parties_url(case: Case) -> str:
    return reverse("cases:parties", kwargs={"case_id": case.pk})


def _organisation_party(case: Case, party_id: UUID) -> Party:
    """A party other than the family: the family's permission to share with it, and its answer
    about disagreement resolution (the family asked for it), are recorded for these only."""
    party = party_or_404(case, party_id)
    if party.is_family:
        raise Http404("Not asked of the family")
    return party


def _form_page(
    request: HttpRequest, case: Case, form: forms.Form, title: str, submit_label: str
) -> HttpResponse:
    """The one-question page of each action on the parties, with a way back to them."""
    back = _parties_url(case)
    return case_form_page(request, case, form, title, submit_label, back_to=back, back_text="Back")


@policy.policy_required("staff.workspace")
def party_list(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.view")
    return render(request, "cases/parties.html", presenters.parties_page(case=case))


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def party_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.edit")
    organisations = directory_selectors.organisations_for_parties(case=case)
    form = PartyForm(request.POST or None, organisations=organisations)
    done = submit(
        request,
        form,
        lambda: parties.party_add_chosen(case=case, actor=signed_in(request), **form.answers()),
        success=lambda party: f"{party.name} added as a party",
        redirect_to=_parties_url(case),
    )
    return done or _form_page(request, case, form, "Add a party", "Add party")


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.edit")
    party = party_or_404(case, party_id)
    form = ParticipantForm(request.POST or None, party=party)
    done = submit(
        request,
        form,
        lambda: parties.participant_add(
            case=case, party=party, actor=signed_in(request), **form.answers()
        ),
        success=lambda participant: f"{participant.name} added",
        redirect_to=_parties_url(case),
    )
    title = f"Add someone for {party.name.lower() if party.is_family else party.name}"
    return done or _form_page(request, case, form, title, "Add person")


def _participant_button(
    request: HttpRequest,
    case_id: UUID,
    participant_id: UUID,
    act: Callable[..., Participant],
    done: str,
) -> HttpResponse:
    """A button about one person taking part: ``act`` on them, say they are ``done``."""
    case = case_or_404(request, case_id, "case.edit")
    participant = participant_or_404(case, participant_id)
    return run(
        request,
        lambda: act(participant=participant, actor=signed_in(request)),
        success=f"{participant.name} {done}",
        redirect_to=_parties_url(case),
    )


@policy.policy_required("staff.workspace")
@require_POST
def participant_remove(request: HttpRequest, case_id: UUID, participant_id: UUID) -> HttpResponse:
    return _participant_button(
        request, case_id, participant_id, parties.participant_remove, "removed"
    )


@policy.policy_required("staff.workspace")
@require_POST
def decision_maker_confirm(
    request: HttpRequest, case_id: UUID, participant_id: UUID
) -> HttpResponse:
    return _participant_button(
        request,
        case_id,
        participant_id,
        parties.decision_maker_confirm,
        "confirmed as the decision maker",
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def share_consent(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.edit")
    party = _organisation_party(case, party_id)
    form = ShareConsentForm(request.POST or None, initial={"given_by": case.applicant_name})
    done = submit(
        request,
        form,
        lambda: parties.share_consent_record(
            party=party, actor=signed_in(request), **form.answers()
        ),
        success="The family's permission is recorded",
        redirect_to=_parties_url(case),
    )
    return done or _form_page(request, case, form, f"Sharing with {party.name}", "Save")


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def dr_answer(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.edit")
    party = _organisation_party(case, party_id)
    form = DRAnswerForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: parties.dr_answer_record(party=party, actor=signed_in(request), **form.answers()),
        success=f"{party.name}'s answer is recorded",
        redirect_to=_parties_url(case),
    )
    return done or _form_page(request, case, form, party.name, "Save")


def _withdrawn(case: Case) -> str:
    if case.stage == Stage.CERTIFICATE_DUE:
        return "Withdrawal recorded: the certificate is now due"
    return "Withdrawal recorded and the case closed"


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "case.close")
    form = WithdrawForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.case_withdraw(case=case, actor=signed_in(request), **form.answers()),
        success=_withdrawn,
        redirect_to=case_url(case),
    )
    return done or _form_page(request, case, form, "The family is withdrawing", "Record withdrawal")
