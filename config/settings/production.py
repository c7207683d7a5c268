"""Production: PostgreSQL, SMTP, HTTPS only. Refuses to start without real secrets and hosts."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, SECRET_KEY, STORAGES

DEBUG = False

if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith(("django-insecure", "dev-only", "test-only", "change-me"))
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production (at least 50 characters). "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the host names this service answers to (no '*')."
    )

SITE_URL = env.str("SITE_URL", default="")
if not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        "SITE_URL must be the service's public address, starting https:// (it is printed in "
        "e-mails, on certificates and in their QR codes)."
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env.bool(
    "ALLOW_SQLITE_IN_PRODUCTION", default=False
):
    raise ImproperlyConfigured(
        "Production runs on PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/name."
    )

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if env.bool("BEHIND_TLS_PROXY", default=True):
    # The reverse proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=1)

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEMO_DATA_ALLOWED = False
