"""Sign-in and password forms, with the GOV.UK Design System's error messages."""

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.core.cache import cache
from django.http import HttpRequest

from mediation.accounts.models import User

MAX_FAILED_SIGN_INS = 5
LOCKOUT_SECONDS = 15 * 60


def _failures_key(email: str) -> str:
    return f"sign-in-failures:{email.strip().lower()}"


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email = cleaned.get("email")
        password = cleaned.get("password")
        if not email or not password:
            return cleaned
        key = _failures_key(email)
        if cache.get(key, 0) >= MAX_FAILED_SIGN_INS:
            # Slows password guessing against one account without telling anyone it exists.
            self.add_error(
                "email",
                "You have tried to sign in too many times. Wait 15 minutes and try again, "
                "or reset your password",
            )
            return cleaned
        user = authenticate(self.request, email=email.lower(), password=password)
        if user is None:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, LOCKOUT_SECONDS)
            self.add_error("email", "Enter a correct email address and password")
            self.add_error("password", "Enter a correct email address and password")
            return cleaned
        cache.delete(key)
        self.user = user
        return cleaned


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send a link to reset your password if this address has an account.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Choose a new password (after a reset link)."""

    error_messages = {"password_mismatch": "The passwords you entered do not match"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. Do not use a common password or only numbers."
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    error_messages = {
        "password_mismatch": "The passwords you entered do not match",
        "password_incorrect": "Your current password is incorrect",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. Do not use a common password or only numbers."
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"
