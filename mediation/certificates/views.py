"""Issuing, viewing, withdrawing and downloading certificates (staff); checking one (anyone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases.access import case_or_404
from mediation.certificates import document, presenters, ratelimit, selectors, services
from mediation.certificates.choices import CertificateKind
from mediation.certificates.forms import ConfirmIssueForm, IssueForm, VerifyForm, WithdrawForm
from mediation.core.actions import Refused, attempt, run
from mediation.core.errors import ConflictError
from mediation.core.lookups import found_or_404
from mediation.core.responses import PDF, private

if TYPE_CHECKING:
    from uuid import UUID

    from mediation.cases.models import Case
    from mediation.certificates.document import CertificateDetails
    from mediation.certificates.models import Certificate


def _certificate_or_404(request: HttpRequest, certificate_id: UUID, action: str) -> Certificate:
    """The certificate (else a 404 page), if this user may do ``action`` to its case (else 403)."""
    found = selectors.certificate_get(certificate_id=certificate_id)
    certificate = found_or_404(found, "No such certificate")
    policy.require(request.user, action, certificate.case)
    return certificate


def _detail_url(certificate: Certificate) -> str:
    return reverse("certificates:detail", kwargs={"certificate_id": certificate.pk})


# ---------------------------------------------------------------------------------------------
# Issuing: a question page, then a check page. The answers wait in the session between them.
# ---------------------------------------------------------------------------------------------


def _session_key(case: Case) -> str:
    return f"certificate-issue:{case.pk}"


def _answers(request: HttpRequest, case: Case) -> dict[str, str]:
    answers: dict[str, str] = request.session.get(_session_key(case)) or {}
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "certificate.issue")
    saved = _answers(request, case)
    if "issued" in saved:
        saved = {}
    initial = presenters.issue_initial(case=case, saved=saved, actor=signed_in(request))
    form = IssueForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        request.session[_session_key(case)] = form.answers()
        return redirect("certificates:issue-check", case_id=case.pk)
    context = {
        "title": "Issue a mediation certificate",
        "form": form,
        "case": case,
        "case_url": presenters.case_url(case),
        "existing": selectors.certificates_for_case(case=case),
    }
    return render(request, "certificates/issue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def issue_check(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = case_or_404(request, case_id, "certificate.issue")
    answers = _answers(request, case)
    if not answers:
        return redirect("certificates:issue", case_id=case.pk)
    if "issued" in answers:
        # Issued already (a second click, or the back button): show what was issued.
        return redirect("certificates:detail", certificate_id=answers["issued"])
    checked = attempt(
        lambda: document.certificate_details(
            case=case, on=timezone.localdate(), **IssueForm.kept(answers)
        )
    )
    if isinstance(checked, Refused):
        shown = _already_issued(request, case, answers, checked)
        return shown or _check_page(request, case, answers, None, checked.error.message)
    if request.method == "POST":
        return _issue_checked(request, case, answers, checked.value)
    return _check_page(request, case, answers, checked.value, "")


def _already_issued(
    request: HttpRequest, case: Case, answers: dict[str, str], refused: Refused
) -> HttpResponse | None:
    """Most likely a second click on "Issue certificate": show what the first one did."""
    live = selectors.certificate_live(case=case, kind=answers["kind"])
    if request.method != "POST" or live is None or not isinstance(refused.error, ConflictError):
        return None
    request.session.pop(_session_key(case), None)
    messages.info(request, f"Certificate {live.number} has already been issued")
    return redirect(_detail_url(live))


def _issue_checked(
    request: HttpRequest, case: Case, answers: dict[str, str], details: CertificateDetails
) -> HttpResponse:
    """Issue what the person checked (the button carries its fingerprint), or say why not."""
    posted = ConfirmIssueForm(request.POST)
    if not posted.is_valid():
        problem = "Check the details, then select Issue certificate again"
        return _check_page(request, case, answers, details, problem)
    issued = attempt(
        lambda: services.certificate_issue(
            case=case,
            actor=signed_in(request),
            expected_fingerprint=posted.cleaned_data["fingerprint"],
            **IssueForm.kept(answers),
        )
    )
    if isinstance(issued, Refused):
        return _check_page(request, case, answers, details, issued.error.message)
    certificate = issued.value
    request.session[_session_key(case)] = {"issued": str(certificate.pk)}
    messages.success(request, presenters.issued_message(case=case, certificate=certificate))
    return redirect(_detail_url(certificate))


def _check_page(
    request: HttpRequest,
    case: Case,
    answers: dict[str, str],
    details: CertificateDetails | None,
    problem: str,
) -> HttpResponse:
    # Always a fresh form: after a problem, the button must carry what is shown now.
    form = ConfirmIssueForm(initial={"fingerprint": details.fingerprint() if details else ""})
    context = {
        "title": "Check the certificate details",
        "form": form,
        "case": case,
        "case_url": presenters.case_url(case),
        "details": details,
        "problem": problem,
        "closes_case": presenters.closes_case(case=case, kind=answers["kind"]),
    }
    return render(request, "certificates/issue_check.html", context)


# ---------------------------------------------------------------------------------------------
# One certificate
# ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def detail(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    certificate = _certificate_or_404(request, certificate_id, "case.view")
    context = presenters.certificate_page(certificate=certificate, viewer=signed_in(request))
    return render(request, "certificates/detail.html", context)


@login_required
@require_GET
def pdf(request: HttpRequest, certificate_id: UUID) -> FileResponse:
    certificate = _certificate_or_404(request, certificate_id, "case.view")
    return private(
        FileResponse(
            certificate.pdf.open("rb"),
            content_type=PDF,
            as_attachment=False,
            filename=certificate.pdf_filename,
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    certificate = _certificate_or_404(request, certificate_id, "certificate.withdraw")
    if not certificate.is_live:
        messages.info(request, f"Certificate {certificate.number} has already been withdrawn")
        return redirect(_detail_url(certificate))
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return run(
            request,
            lambda: services.certificate_withdraw(
                certificate=certificate,
                reason=form.cleaned_data["reason"],
                actor=signed_in(request),
            ),
            success=f"Certificate {certificate.number} withdrawn. You can now issue a new "
            "certificate",
            redirect_to=_detail_url(certificate),
        )
    context = {
        "title": f"Withdraw certificate {certificate.number}",
        "form": form,
        "certificate": certificate,
    }
    return render(request, "certificates/withdraw.html", context)


# ---------------------------------------------------------------------------------------------
# Public: is this certificate genuine?
# ---------------------------------------------------------------------------------------------


@never_cache
@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """The form, and (with `number` and `code`, from the form or the QR code) the answer."""
    asked = "number" in request.GET or "code" in request.GET
    ip = ratelimit.client_ip(request)
    if asked and ratelimit.too_many_failures(ip):
        title = {"title": "Too many attempts"}
        return render(request, "certificates/verify_too_many.html", title, status=429)
    form = VerifyForm(request.GET if asked else None)
    if not (asked and form.is_valid()):
        page = {"title": "Check a mediation certificate", "form": form}
        return render(request, "certificates/verify.html", page)
    result = selectors.certificate_verify(
        number=form.cleaned_data["number"], code=form.cleaned_data["code"]
    )
    if not result.confirmed:
        ratelimit.record_failure(ip)
    answer = {
        "title": presenters.VERIFY_TITLES[result.outcome],
        "result": result,
        "kinds": CertificateKind,
    }
    return render(request, "certificates/verify_result.html", answer)
