"""The staff case page: the case and every app's part of it, on one page."""

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
    case = case_or_404(request, case_id)
    context = presenters.case_page(case=case, viewer=signed_in(request), today=timezone.localdate())
    return render(request, "casework/detail.html", context)
