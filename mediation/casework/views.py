"""The staff case page, in sections: each its own address under the case, composed in
`presenters.py` from the apps' parts. The parties and preparation sections are those apps' pages."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases.access import case_or_404
from mediation.casework import presenters


@policy.policy_required("staff.workspace")
@require_GET
def detail(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The overview: the case at a glance."""
    case = case_or_404(request, case_id)
    context = presenters.overview_page(
        case=case, viewer=signed_in(request), today=timezone.localdate()
    )
    return render(request, "casework/detail.html", context)


@policy.policy_required("staff.workspace")
@require_GET
def meetings(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "meeting.view")
    context = presenters.meetings_page(case=case, today=timezone.localdate())
    return render(request, "casework/meetings.html", context)


@policy.policy_required("staff.workspace")
@require_GET
def agreement(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "agreement.view")
    return render(request, "casework/agreement.html", presenters.agreement_page(case=case))


@policy.policy_required("staff.workspace")
@require_GET
def certificates(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id)
    return render(request, "casework/certificates.html", presenters.certificates_page(case=case))


@policy.policy_required("staff.workspace")
@require_GET
def documents(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id)
    context = presenters.documents_page(case=case, viewer=signed_in(request))
    return render(request, "casework/documents.html", context)


@policy.policy_required("staff.workspace")
@require_GET
def timeline(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id)
    context = presenters.timeline_page(case=case, viewer=signed_in(request))
    return render(request, "casework/timeline.html", context)
