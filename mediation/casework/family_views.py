"""The family's private page: their dates, certificates and written agreement, by secret link.

Families have no accounts; the link (sent by e-mail) is the key. An unknown or revoked link is a
plain 404, so links cannot be probed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation.agreements import selectors as agreement_selectors
from mediation.cases import services
from mediation.casework import presenters
from mediation.certificates import selectors as certificate_selectors

if TYPE_CHECKING:
    from mediation.cases.models import Case


def _case(token: str) -> Case:
    case = services.family_access_case(token=token)
    if case is None:
        raise Http404("No such link")
    return case


@never_cache
@require_GET
def case_page(request: HttpRequest, token: str) -> HttpResponse:
    case = _case(token)
    context = presenters.family_page(case=case, token=token, today=timezone.localdate())
    response = render(request, "casework/family.html", context)
    # The page holds private details: never cache it or send its address elsewhere.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_GET
def certificate_pdf(request: HttpRequest, token: str, certificate_id: UUID) -> FileResponse:
    case = _case(token)
    certificate = certificate_selectors.certificate_get(certificate_id=certificate_id)
    if certificate is None or certificate.case_id != case.pk or not certificate.pdf:
        raise Http404("No such certificate")
    return FileResponse(
        certificate.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{certificate.number}.pdf",
    )


@never_cache
@require_GET
def agreement_pdf(request: HttpRequest, token: str) -> FileResponse:
    case = _case(token)
    agreement = agreement_selectors.agreement_for_case(case=case)
    if agreement is None or not agreement.pdf:
        raise Http404("No agreement")
    return FileResponse(
        agreement.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{case.reference}-agreement.pdf",
    )
