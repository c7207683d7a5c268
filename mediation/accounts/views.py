"""Signing in and out, resetting a forgotten password, and your own account."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from mediation import policy
from mediation.accounts.forms import (
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SignInForm,
)


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@sensitive_post_parameters("password")
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_safe_next(request) or reverse("pages:home"))
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None
        login(request, form.user)
        return redirect(_safe_next(request) or reverse("pages:home"))
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": _safe_next(request), "title": "Sign in"},
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("accounts:sign-in")


@policy.policy_required("account.view_own")
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html", {"title": "Your account"})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")
    extra_context = {"title": "Reset your password"}


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"
    extra_context = {"title": "Check your email"}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")
    extra_context = {"title": "Choose a new password"}


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    extra_context = {"title": "Your password has been changed"}


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")
    extra_context = {"title": "Change your password"}
    success_message = "Your password has been changed"
