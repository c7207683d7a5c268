"""Background tasks: thin, take ids, call a service."""

from django.tasks import task


@task()
def meeting_reminder_task(reminder_id: str) -> None:
    """Send one reminder (a no-op if the meeting moved or was cancelled since it was scheduled)."""
    from mediation.meetings.services import reminder_send

    reminder_send(reminder_id=reminder_id)
