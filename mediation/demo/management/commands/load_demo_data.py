from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mediation.demo.loader import demo_load


class Command(BaseCommand):
    help = "Load the synthetic demo data (never in production). Safe to re-run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-allowed",
            action="store_true",
            help="Do nothing (successfully) where demo data is not allowed, e.g. in production.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            if options["if_allowed"]:
                self.stdout.write("Demo data is not allowed in this environment: skipped.")
                return
            raise CommandError("Demo data is not allowed here (DEMO_DATA_ALLOWED is off).")
        self.stdout.write(str(demo_load()))
