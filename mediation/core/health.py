"""What /healthz reports: database reachable, migrations applied, task queue answering."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.tasks import task_backends


def _database() -> dict[str, Any]:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connections[DEFAULT_DB_ALIAS].vendor}


def _migrations() -> dict[str, Any]:
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": not plan, "unapplied": len(plan)}


def _tasks() -> dict[str, Any]:
    try:
        backend = task_backends["default"]
        info: dict[str, Any] = {"ok": True, "backend": backend.__class__.__name__}
        if backend.__class__.__module__.startswith("django_tasks_db"):
            from django_tasks_db.models import DBTaskResult

            # The queue lives in the database: answering means its table can be read.
            info["ready"] = DBTaskResult.objects.ready().count()
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return info


def check() -> dict[str, Any]:
    database = _database()
    migrations = _migrations() if database["ok"] else {"ok": False, "error": "database"}
    tasks = _tasks() if database["ok"] else {"ok": False, "error": "database"}
    healthy = database["ok"] and migrations["ok"] and tasks["ok"]
    return {
        "healthy": healthy,
        "status": "ok" if healthy else "unavailable",
        "checks": {"database": database, "migrations": migrations, "task_queue": tasks},
    }
