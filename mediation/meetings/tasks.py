"""Background tasks: thin, take ids, call a service."""

from django.tasks import task

# The services queue this task, and it calls them: a module import, read when the task runs.
from mediation.meetings import services


@task()
def meeting_reminder_task(reminder_id: str) -> None:
    """Send one reminder (a no-op if the meeting moved or was cancelled since it was scheduled)."""
    services.reminder_send(reminder_id=reminder_id)
