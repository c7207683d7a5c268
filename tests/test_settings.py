"""Production settings refuse to start unsafely; the deploy checks pass when configured."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "Z9x-" + "qwertyuiopasdfghjklzxcvbnm0123456789"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    dropped = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
        "SITE_URL",
        "MEDIATION_PORT",
    }
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings.production"})
    base.update({"SITE_URL": "https://mediation.example", **env})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _run(
        {"ALLOWED_HOSTS": "mediation.example", "DATABASE_URL": "postgres://u@h/db"}, "check"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_key() -> None:
    result = _run(
        {
            "SECRET_KEY": "dev-only-insecure-key-never-use-in-production" + "x" * 20,
            "ALLOWED_HOSTS": "mediation.example",
            "DATABASE_URL": "postgres://u@h/db",
        },
        "check",
    )
    assert result.returncode != 0


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = _run({"SECRET_KEY": GOOD_KEY, "DATABASE_URL": "postgres://u@h/db"}, "check")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_sqlite() -> None:
    result = _run(
        {
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "mediation.example",
            "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
        },
        "check",
    )
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_deploy_checks_pass_with_real_settings() -> None:
    result = _run(
        {
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "mediation.example",
            "DATABASE_URL": "postgres://u@h/db",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_its_public_address() -> None:
    result = _run(
        {
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "mediation.example",
            "DATABASE_URL": "postgres://u@h/db",
            "SITE_URL": "",
        },
        "check",
    )
    assert result.returncode != 0
    assert "SITE_URL must be the service's public address" in result.stderr


def test_in_development_links_follow_the_port_the_service_runs_on() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DATABASE_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", "MEDIATION_PORT": "8801"})
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip() == "http://127.0.0.1:8801", result.stderr
