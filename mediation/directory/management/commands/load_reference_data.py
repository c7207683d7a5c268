from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from mediation.directory import services


class Command(BaseCommand):
    help = "Load (or refresh) the local authorities, ICBs and the provider. Safe to re-run."

    def handle(self, *args: Any, **options: Any) -> None:
        las = services.local_authorities_load()
        icbs = services.icbs_load()
        provider = services.provider_ensure(
            name=settings.SERVICE_PROVIDER_NAME,
            email=settings.SERVICE_EMAIL,
            phone=settings.SERVICE_PHONE,
        )
        self.stdout.write(f"Local authorities: {las}. ICBs: {icbs}. Provider: {provider.name}.")
