"""The embedded default: SQLite, the database task queue, e-mails written to files, demo data."""

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import mailer

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Links in e-mails, on certificates and in their QR codes follow the address the service runs on
# (`make run PORT=8801` sets MEDIATION_PORT for the web server and the worker alike).
SITE_URL = env.str(
    "SITE_URL", default=f"http://127.0.0.1:{env.int('MEDIATION_PORT', default=8000)}"
)

# A newcomer reads the service's e-mails as files in var/mail/.
MAILERS = {
    "default": mailer(
        env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
    )
}

# Static files come straight from build/static/ (no collectstatic in development).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)
