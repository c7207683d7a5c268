"""The service's side of preparing a meeting, and reading a case summary (staff and partners)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases.access import case_or_404
from mediation.core.actions import posted, submit, uploaded
from mediation.core.responses import private
from mediation.preparation import presenters, selectors, services
from mediation.preparation.forms import (
    ChildViewsForm,
    ConfirmForm,
    IntroContactForm,
    SummaryForm,
    WithdrawForm,
)

if TYPE_CHECKING:
    from django import forms

    from mediation.cases.models import Case
    from mediation.preparation.models import CaseSummary


def _summary(request: HttpRequest, summary_id: UUID, action: str) -> CaseSummary:
    return policy.authorised(request.user, action, selectors.summary_get(summary_id=summary_id))


def _form_page(
    request: HttpRequest, case: Case, form: forms.Form, title: str, **extra: object
) -> HttpResponse:
    """The one-question pages (preparation/form_page.html)."""
    context = {"title": title, "case": case, "form": form, **extra}
    return render(request, "preparation/form_page.html", context)


@policy.policy_required("staff.workspace")
@require_GET
def overview(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "preparation.view")
    return render(request, "preparation/overview.html", presenters.overview_page(case=case))


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def intro_contact(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "preparation.manage")
    actor = signed_in(request)
    parties = list(case.parties.select_related("organisation"))
    people = selectors.contact_makers(case=case, actor=actor)
    initial = presenters.intro_contact_initial(
        actor=actor, parties=parties, chosen=request.GET.get("party")
    )
    form = IntroContactForm(posted(request), initial=initial, parties=parties, people=people)
    done = submit(
        request,
        form,
        lambda: services.intro_contact_record(case=case, actor=actor, **form.answers()),
        success=lambda contact: f"Introductory contact with {contact.party.name} recorded",
        redirect_to=presenters.overview_url(case),
    )
    return done or _form_page(
        request,
        case,
        form,
        "Record an introductory contact",
        submit="Save contact",
        no_parties=not parties,
    )


def _summary_add(request: HttpRequest, case: Case, form: SummaryForm) -> CaseSummary:
    """Staff send a party's summary, if the policy lets them send that party's."""
    answers = form.answers()
    policy.require(request.user, "summary.submit", answers["party"])
    return services.summary_submit(case=case, actor=signed_in(request), **answers)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def summary_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Staff add a case summary for a party: usually the family's, who have no account."""
    case = case_or_404(request, case_id, "preparation.manage")
    parties = list(case.parties.select_related("organisation"))
    initial = presenters.summary_initial(case=case, parties=parties)
    form = SummaryForm(posted(request), uploaded(request), initial=initial, parties=parties)
    done = submit(
        request,
        form,
        lambda: _summary_add(request, case, form),
        success=presenters.summary_added,
        redirect_to=presenters.overview_url(case),
        fields={"upload": "file"},
    )
    return done or _form_page(
        request,
        case,
        form,
        "Add a case summary",
        submit="Add case summary",
        enctype="multipart/form-data",
        no_parties=not parties,
    )


@policy.policy_required("signed_in.home")
@require_GET
def summary(request: HttpRequest, summary_id: UUID) -> HttpResponse:
    summary = _summary(request, summary_id, "summary.read")
    back = presenters.back_from_summary(signed_in(request), summary)
    return render(
        request,
        "preparation/summary.html",
        {
            "title": f"Case summary from {summary.party.name}",
            "summary": summary,
            "case": summary.case,
            "back_href": back.href,
            "back_text": back.text,
            "show_child_name": not policy.is_partner(signed_in(request)),
        },
    )


@policy.policy_required("signed_in.home")
@require_GET
def summary_file(request: HttpRequest, summary_id: UUID) -> FileResponse:
    summary = _summary(request, summary_id, "summary.read")
    if not summary.has_file:
        raise Http404("This case summary has no file")
    return private(
        FileResponse(
            summary.file.open("rb"),
            content_type=summary.mimetype,
            as_attachment=True,
            filename=summary.file_name,
        )
    )


@policy.policy_required("signed_in.home")
@require_http_methods(["GET", "POST"])
def summary_withdraw(request: HttpRequest, summary_id: UUID) -> HttpResponse:
    summary = _summary(request, summary_id, "summary.withdraw")
    back = presenters.back_from_summary(signed_in(request), summary)
    form = WithdrawForm(posted(request))
    done = submit(
        request,
        form,
        lambda: services.summary_withdraw(
            summary=summary, reason=form.cleaned_data["reason"], actor=signed_in(request)
        ),
        success=f"Case summary from {summary.party.name} withdrawn",
        redirect_to=back.href,
    )
    return done or render(
        request,
        "preparation/withdraw.html",
        {
            "title": "Withdraw the case summary",
            "summary": summary,
            "case": summary.case,
            "form": form,
            "back_href": back.href,
            "back_text": back.text,
            "show_child_name": not policy.is_partner(signed_in(request)),
        },
    )


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def child_views(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "childviews.record")
    existing = selectors.child_views_for_case(case=case)
    form = ChildViewsForm(posted(request), initial=presenters.child_views_initial(existing))
    done = submit(
        request,
        form,
        lambda: services.child_views_record(case=case, actor=signed_in(request), **form.answers()),
        success=f"{case.child_first_name}'s views saved",
        redirect_to=presenters.overview_url(case),
        fields={"answers": "what_i_like"},
    )
    context = {"title": "My views", "case": case, "form": form, "existing": existing}
    return done or render(request, "preparation/child_views.html", context)


@policy.policy_required("staff.workspace")
@require_http_methods(["GET", "POST"])
def exchange(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Check, then send, each party the summaries the other parties shared."""
    case = case_or_404(request, case_id, "preparation.manage")
    form = ConfirmForm(posted(request))
    done = submit(
        request,
        form,
        lambda: services.summaries_exchange(case=case, actor=signed_in(request)),
        success=presenters.summaries_sent,
        redirect_to=presenters.overview_url(case),
    )
    return done or render(
        request,
        "preparation/exchange.html",
        {
            "title": "Send the shared case summaries",
            "case": case,
            "form": form,
            "plan": selectors.exchange_plan(case=case),
        },
    )
