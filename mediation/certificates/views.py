"""Issuing, viewing, withdrawing and downloading certificates (staff); checking one (anyone)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mediation import policy
from mediation.cases import selectors as case_selectors
from mediation.certificates import ratelimit, selectors, services
from mediation.certificates.choices import (
    KINDS_THAT_CLOSE_THE_CASE,
    CertificateKind,
    IssuerRole,
)
from mediation.certificates.forms import ConfirmIssueForm, IssueForm, VerifyForm, WithdrawForm
from mediation.certificates.models import Certificate
from mediation.core.errors import ApplicationError, ConflictError

if TYPE_CHECKING:
    from mediation.cases.models import Case


def _case_or_404(case_id: UUID) -> Case:
    case = case_selectors.case_get(case_id=case_id)
    if case is None:
        raise Http404("No such case")
    return case


def _certificate_or_404(certificate_id: UUID) -> Certificate:
    certificate = selectors.certificate_get(certificate_id=certificate_id)
    if certificate is None:
        raise Http404("No such certificate")
    return certificate


def case_url(case: Any) -> str | None:
    """The case page, once the cases app serves it."""
    try:
        return reverse("casework:detail", kwargs={"case_id": case.pk})
    except NoReverseMatch:
        return None


def _session_key(case: Case) -> str:
    return f"certificate-issue:{case.pk}"


def _default_role(user: Any) -> str:
    return IssuerRole.MEDIATOR if user.role == "mediator" else IssuerRole.MEDIATION_ADVISER


# ---------------------------------------------------------------------------------------------
# Issuing: a question page, then a check page
# ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "certificate.issue", case)
    saved = request.session.get(_session_key(case)) or {}
    if "issued" in saved:
        saved = {}
    initial = {
        "kind": saved.get("kind") or selectors.suggested_kind(case=case),
        "issuer_name": saved.get("issuer_name") or getattr(request.user, "full_name", ""),
        "issuer_role": saved.get("issuer_role") or _default_role(request.user),
    }
    form = IssueForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        request.session[_session_key(case)] = {
            "kind": form.cleaned_data["kind"],
            "issuer_name": form.cleaned_data["issuer_name"],
            "issuer_role": form.cleaned_data["issuer_role"],
        }
        return redirect("certificates:issue-check", case_id=case.pk)
    return render(
        request,
        "certificates/issue.html",
        {
            "title": "Issue a mediation certificate",
            "form": form,
            "case": case,
            "case_url": case_url(case),
            "existing": selectors.certificates_for_case(case=case),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_check(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_or_404(case_id)
    policy.require(request.user, "certificate.issue", case)
    answers = request.session.get(_session_key(case))
    if not answers:
        return redirect("certificates:issue", case_id=case.pk)
    if "issued" in answers:
        # Issued already (a second click, or the back button): show what was issued.
        return redirect("certificates:detail", certificate_id=answers["issued"])
    problem = ""
    details = None
    try:
        details = selectors.certificate_details(
            case=case,
            kind=answers["kind"],
            issuer_name=answers["issuer_name"],
            issuer_role=answers["issuer_role"],
            on=timezone.localdate(),
        )
    except ApplicationError as exc:
        live = selectors.certificate_live(case=case, kind=answers["kind"])
        if isinstance(exc, ConflictError) and live is not None and request.method == "POST":
            # Most likely a second click on "Issue certificate": show what the first one did.
            request.session.pop(_session_key(case), None)
            messages.info(request, f"Certificate {live.number} has already been issued")
            return redirect("certificates:detail", certificate_id=live.pk)
        problem = exc.message

    if request.method == "POST" and details is not None:
        posted = ConfirmIssueForm(request.POST)
        if not posted.is_valid():
            problem = "Check the details, then select Issue certificate again"
        else:
            try:
                certificate = services.certificate_issue(
                    case=case,
                    kind=answers["kind"],
                    issuer_name=answers["issuer_name"],
                    issuer_role=answers["issuer_role"],
                    actor=request.user,
                    expected_fingerprint=posted.cleaned_data["fingerprint"],
                )
            except ApplicationError as exc:
                problem = exc.message
            else:
                request.session[_session_key(case)] = {"issued": str(certificate.pk)}
                if case.applicant_email:
                    sent = f" and emailed to {case.applicant_email}"
                else:
                    sent = ". There is no email address on the case: print it and post it"
                messages.success(request, f"Certificate {certificate.number} issued{sent}")
                return redirect("certificates:detail", certificate_id=certificate.pk)
    # Always a fresh form: after a problem, the button must carry what is shown now.
    form = ConfirmIssueForm(initial={"fingerprint": details.fingerprint() if details else ""})
    return render(
        request,
        "certificates/issue_check.html",
        {
            "title": "Check the certificate details",
            "form": form,
            "case": case,
            "case_url": case_url(case),
            "details": details,
            "problem": problem,
            "closes_case": answers["kind"] in KINDS_THAT_CLOSE_THE_CASE and case.is_open,
        },
    )


# ---------------------------------------------------------------------------------------------
# One certificate
# ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def detail(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    certificate = _certificate_or_404(certificate_id)
    case = certificate.case
    policy.require(request.user, "case.view", case)
    replaced_by = certificate.replaced_by.first()
    can_reissue = (
        not certificate.is_live
        and replaced_by is None
        and policy.can(request.user, "certificate.issue", case)
        and selectors.certificate_live(case=case, kind=certificate.kind) is None
    )
    return render(
        request,
        "certificates/detail.html",
        {
            "title": f"Certificate {certificate.number}",
            "certificate": certificate,
            "case": case,
            "case_url": case_url(case),
            "replaced_by": replaced_by,
            "can_withdraw": certificate.is_live
            and policy.can(request.user, "certificate.withdraw", case),
            "can_reissue": can_reissue,
            "verify_url": services.certificate_verify_url(
                number=certificate.number, code=certificate.verification_code
            ),
        },
    )


@login_required
@require_GET
def pdf(request: HttpRequest, certificate_id: UUID) -> FileResponse:
    certificate = _certificate_or_404(certificate_id)
    policy.require(request.user, "case.view", certificate.case)
    response = FileResponse(
        certificate.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=certificate.pdf_filename,
    )
    # Holds a child's details: never kept by a shared cache or the browser's back button.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    certificate = _certificate_or_404(certificate_id)
    case = certificate.case
    policy.require(request.user, "certificate.withdraw", case)
    if not certificate.is_live:
        messages.info(request, f"Certificate {certificate.number} has already been withdrawn")
        return redirect("certificates:detail", certificate_id=certificate.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_withdraw(
                certificate=certificate, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ConflictError as exc:
            messages.info(request, exc.message)
        else:
            messages.success(
                request,
                f"Certificate {certificate.number} withdrawn. You can now issue a new certificate",
            )
        return redirect("certificates:detail", certificate_id=certificate.pk)
    return render(
        request,
        "certificates/withdraw.html",
        {
            "title": f"Withdraw certificate {certificate.number}",
            "form": form,
            "certificate": certificate,
        },
    )


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
        return render(
            request,
            "certificates/verify_too_many.html",
            {"title": "Too many attempts"},
            status=429,
        )
    form = VerifyForm(request.GET if asked else None)
    if asked and form.is_valid():
        result = selectors.certificate_verify(
            number=form.cleaned_data["number"], code=form.cleaned_data["code"]
        )
        if not result.confirmed:
            ratelimit.record_failure(ip)
        titles = {
            "genuine": "This certificate is genuine",
            "withdrawn": "This certificate has been withdrawn",
            "not_confirmed": "We could not confirm this certificate",
        }
        return render(
            request,
            "certificates/verify_result.html",
            {"title": titles[result.outcome], "result": result, "kinds": CertificateKind},
        )
    return render(
        request,
        "certificates/verify.html",
        {"title": "Check a mediation certificate", "form": form},
    )
