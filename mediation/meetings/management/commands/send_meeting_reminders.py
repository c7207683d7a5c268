"""Send any meeting reminder whose time has come.

    python manage.py send_meeting_reminders

Each reminder is normally sent by a task queued to run at its time. This is the safety net: run it
from cron (every 15 minutes, say) and it sends any reminder whose task was lost, and only those.
"""

from typing import Any

from django.core.management.base import BaseCommand

from mediation.meetings.services import reminders_send_due


class Command(BaseCommand):
    help = "Send meeting reminders that are due and have not been sent."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send_due()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent")
