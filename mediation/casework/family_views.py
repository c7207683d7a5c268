"""The family's private page: their dates, certificates and written agreement, by secret link.

Families have no accounts; the link (sent by e-mail) is the key. An unknown or revoked link is a
plain 404, so links cannot be probed.
"""

from uuid import UUID

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation.agreements import selectors as agreement_selectors
from mediation.cases.access import family_case_or_404
from mediation.casework import presenters
from mediation.certificates import selectors as certificate_selectors


@never_cache
@require_GET
def case_page(request: HttpRequest, token: str) -> HttpResponse:
    case = family_case_or_404(token)
    context = presenters.family_page(case=case, token=token, today=timezone.localdate())
    response = render(request, "casework/family.html", context)
    # The page holds private details: never cache it or send its address elsewhere.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_GET
def certificate_pdf(request: HttpRequest, token: str, certificate_id: UUID) -> FileResponse:
    case = family_case_or_404(token)
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
    case = family_case_or_404(token)
    agreement = agreement_selectors.agreement_for_case(case=case)
    if agreement is None or not agreement.pdf:
        raise Http404("No agreement")
    return FileResponse(
        agreement.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{case.reference}-agreement.pdf",
    )
