"""Background tasks: thin, take ids, call a service."""

from django.tasks import task


@task()
def send_email_task(email_id: str) -> None:
    from mediation.notifications.services import email_deliver

    email_deliver(email_id=email_id)
