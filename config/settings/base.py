"""Settings shared by every environment. Environment-specific modules import from here."""

from pathlib import Path

from config.env import BASE_DIR, env

VAR_DIR = Path(env.str("MEDIATION_VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public name of the service and of the organisation that runs it.
SERVICE_NAME = env.str("SERVICE_NAME", default="SEND mediation and disagreement resolution")
SERVICE_PROVIDER_NAME = env.str("SERVICE_PROVIDER_NAME", default="Synthetic Mediation Services")
SERVICE_PHONE = env.str("SERVICE_PHONE", default="0300 000 0000")
SERVICE_EMAIL = env.str("SERVICE_EMAIL", default="help@mediation.example")
SERVICE_PHASE = env.str("SERVICE_PHASE", default="beta")
# The provider's brand (docs/adr/0010-provider-brand.md). The defaults are the demo's invented
# provider. BRAND_DIR holds logo.svg and icon.svg (see frontend/brand/README.md).
SERVICE_BRAND_COLOUR = env.str("SERVICE_BRAND_COLOUR", default="#0b5c63")
SERVICE_PROVIDER_ADDRESS = env.str("SERVICE_PROVIDER_ADDRESS", default="")
SERVICE_PROVIDER_WEBSITE = env.str("SERVICE_PROVIDER_WEBSITE", default="")
SERVICE_PROVIDER_REGISTRATION = env.str("SERVICE_PROVIDER_REGISTRATION", default="")
BRAND_DIR = Path(env.str("BRAND_DIR", default=str(BASE_DIR / "frontend" / "brand")))
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "mediation.core",
    "mediation.pages",
    "mediation.accounts",
    "mediation.directory",
    "mediation.clock",
    "mediation.cases",
    "mediation.intake",
    "mediation.advice",
    "mediation.certificates",
    "mediation.panel",
    "mediation.meetings",
    "mediation.preparation",
    "mediation.agreements",
    "mediation.casework",
    "mediation.portal",
    "mediation.notes",
    "mediation.expenses",
    "mediation.notifications",
    "mediation.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mediation.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "context_processors": [
                "mediation.pages.context_processors.service",
                "mediation.core.branding.brand_context",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Django's own admin and DRF's browsable pages use Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while the task worker writes; IMMEDIATE takes the write lock
    # at the start of a transaction so concurrent writers wait instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:start"
PASSWORD_RESET_TIMEOUT = (
    60 * 60 * 24
)  # a day: long enough for a busy caseworker, short enough to be safe

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# The build script (scripts/build_assets.mjs) writes GOV.UK Frontend, MOJ Frontend and our own
# styles here; the folder is built, never committed.
STATICFILES_DIRS = [BASE_DIR / "build" / "static", ("brand", BRAND_DIR)]
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded and generated documents hold children's data: no URL serves this folder; files are
# only ever sent by views that check who may see them.
MEDIA_URL = "/no-public-media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {
        # A database cache keeps the web tier stateless (rate limits are shared by every web
        # process) without another server to run.
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mediation_cache",
    }
}

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# E-mail goes through Django 6.1's MAILERS. The environment variables keep their familiar names:
# EMAIL_BACKEND picks the backend; the SMTP ones configure a real mail server in production.
EMAIL_BACKEND_PATH = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
MAIL_DIR = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))


def mailer(backend: str) -> dict[str, object]:
    """The MAILERS entry for a backend, with the options that backend understands."""
    options: dict[str, object] = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": env.str("EMAIL_HOST", default="localhost"),
            "port": env.int("EMAIL_PORT", default=25),
            "username": env.str("EMAIL_HOST_USER", default=""),
            "password": env.str("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            "use_ssl": env.bool("EMAIL_USE_SSL", default=False),
            "timeout": env.int("EMAIL_TIMEOUT", default=30),
        }
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": MAIL_DIR}
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": mailer(EMAIL_BACKEND_PATH)}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default=f"{SERVICE_PROVIDER_NAME} <no-reply@mediation.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SEND mediation service API",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Demo data (synthetic people and cases) may be loaded only where this is true. Production
# settings force it off.
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# How many reverse proxies in front of the web server append to X-Forwarded-For. Rate limits key on
# the client's address: 0 means trust only REMOTE_ADDR (no proxy); behind one proxy set 1, or every
# visitor would share the proxy's address.
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)

CSRF_FAILURE_VIEW = "mediation.pages.views.csrf_failure"
