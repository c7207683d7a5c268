"""Parties and participants of a case, the family's permission to share, and DR answers."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mediation import policy
from mediation.cases import parties, selectors, services
from mediation.cases.choices import ParticipantRole, PartyKind, Route, Stage
from mediation.cases.forms import (
    DRAnswerForm,
    ParticipantForm,
    PartyForm,
    ShareConsentForm,
    WithdrawForm,
)
from mediation.core.errors import ApplicationError
from mediation.directory import selectors as directory_selectors
from mediation.directory import services as directory_services

FAMILY_ROLES = [
    ParticipantRole.PARENT,
    ParticipantRole.YOUNG_PERSON,
    ParticipantRole.ALTERNATIVE_PERSON,
    ParticipantRole.SUPPORTER,
    ParticipantRole.INTERPRETER,
    ParticipantRole.OTHER,
]
ORGANISATION_ROLES = [
    ParticipantRole.OFFICER,
    ParticipantRole.DECISION_MAKER,
    ParticipantRole.SENCO,
    ParticipantRole.HEALTH_PROFESSIONAL,
    ParticipantRole.SOCIAL_WORKER,
    ParticipantRole.OTHER,
]


def _case(case_id: UUID, user: Any, action: str = "case.edit") -> Any:
    case = selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    policy.require(user, action, case)
    return case


def _party(case: Any, party_id: UUID) -> Any:
    party = selectors.party_get(case=case, party_id=party_id)
    if party is None:
        raise Http404("No such party")
    return party


def _parties_url(case: Any) -> str:
    return reverse("cases:parties", kwargs={"case_id": case.pk})


@policy.policy_required("staff.workspace")
def party_list(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user, "case.view")
    return render(
        request,
        "cases/parties.html",
        {
            "title": "Parties and participants",
            "case": case,
            "parties": selectors.parties_for_case(case=case),
            "is_dr": case.route == Route.DISAGREEMENT_RESOLUTION,
            "dr_ready": selectors.dr_ready(case=case),
            "others": selectors.participants_without_party(case=case),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def party_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user)
    organisations = directory_selectors.organisations_for_parties(case=case)
    form = PartyForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        try:
            if form.cleaned_data["organisation"]:
                organisation = directory_selectors.organisation_get(
                    organisation_id=form.cleaned_data["organisation"]
                )
            else:
                organisation = directory_services.organisation_ensure(
                    kind={
                        "school": "school",
                        "icb": "icb",
                        "local_authority": "local_authority",
                        "social_care": "social_care",
                    }.get(kind, "other"),
                    name=form.cleaned_data["new_name"].strip(),
                    local_authority=case.local_authority if kind == "school" else None,
                    email=form.cleaned_data["new_email"],
                )
            party = parties.party_add(
                case=case, kind=kind, organisation=organisation, actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{party.name} added as a party")
            return redirect(_parties_url(case))
    return render(
        request,
        "cases/party_form.html",
        {
            "title": "Add a party",
            "case": case,
            "form": form,
            "submit": "Add party",
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user)
    party = _party(case, party_id)
    roles = FAMILY_ROLES if party.is_family else ORGANISATION_ROLES
    form = ParticipantForm(
        request.POST or None,
        roles=[(r.value, r.label) for r in roles],
        initial={
            "role": ParticipantRole.DECISION_MAKER
            if party.kind == PartyKind.LOCAL_AUTHORITY
            else ""
        },
    )
    if party.is_family:
        del form.fields["is_decision_maker"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        is_decision_maker = bool(data.get("is_decision_maker")) or (
            data["role"] == ParticipantRole.DECISION_MAKER
        )
        try:
            participant = parties.participant_add(
                case=case,
                party=party,
                name=data["name"],
                role=data["role"],
                job_title=data["job_title"],
                email=data["email"],
                phone=data["phone"],
                language=data["language"],
                is_decision_maker=is_decision_maker,
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{participant.name} added")
            return redirect(_parties_url(case))
    return render(
        request,
        "cases/party_form.html",
        {
            "title": f"Add someone for {party.name.lower() if party.is_family else party.name}",
            "case": case,
            "form": form,
            "submit": "Add person",
        },
    )


@policy.policy_required("staff.workspace")
@require_POST
def participant_remove(request: HttpRequest, case_id: UUID, participant_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user)
    participant = selectors.participant_get(case=case, participant_id=participant_id)
    if participant is None:
        raise Http404("No such person")
    parties.participant_remove(participant=participant, actor=request.user)
    messages.success(request, f"{participant.name} removed")
    return redirect(_parties_url(case))


@policy.policy_required("staff.workspace")
@require_POST
def decision_maker_confirm(
    request: HttpRequest, case_id: UUID, participant_id: UUID
) -> HttpResponse:
    case = _case(case_id, request.user)
    participant = selectors.participant_get(case=case, participant_id=participant_id)
    if participant is None:
        raise Http404("No such person")
    try:
        parties.decision_maker_confirm(participant=participant, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{participant.name} confirmed as the decision maker")
    return redirect(_parties_url(case))


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def share_consent(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user)
    party = _party(case, party_id)
    if party.is_family:
        raise Http404("The family does not need permission to see its own information")
    form = ShareConsentForm(request.POST or None, initial={"given_by": case.applicant_name})
    if request.method == "POST" and form.is_valid():
        parties.share_consent_record(
            party=party,
            given=form.cleaned_data["given"] == "yes",
            given_by=form.cleaned_data["given_by"],
            method=form.cleaned_data["method"],
            actor=request.user,
        )
        messages.success(request, "The family's permission is recorded")
        return redirect(_parties_url(case))
    return render(
        request,
        "cases/party_form.html",
        {
            "title": f"Sharing with {party.name}",
            "case": case,
            "form": form,
            "submit": "Save",
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def dr_answer(request: HttpRequest, case_id: UUID, party_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user)
    party = _party(case, party_id)
    if party.is_family:
        raise Http404("The family asked for disagreement resolution")
    form = DRAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        parties.dr_answer_record(
            party=party,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, f"{party.name}'s answer is recorded")
        return redirect(_parties_url(case))
    return render(
        request,
        "cases/party_form.html",
        {
            "title": party.name,
            "case": case,
            "form": form,
            "submit": "Save",
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case(case_id, request.user, "case.close")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_withdraw(
                case=case,
                reason=form.cleaned_data["reason"],
                wants_certificate=form.cleaned_data["certificate"] == "yes",
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            if case.stage == Stage.CERTIFICATE_DUE:
                messages.success(request, "Withdrawal recorded: the certificate is now due")
            else:
                messages.success(request, "Withdrawal recorded and the case closed")
            return redirect(reverse("casework:detail", kwargs={"case_id": case.pk}))
    return render(
        request,
        "cases/party_form.html",
        {
            "title": "The family is withdrawing",
            "case": case,
            "form": form,
            "submit": "Record withdrawal",
        },
    )
