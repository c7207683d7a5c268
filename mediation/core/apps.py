from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mediation.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers the brand's system checks (Django's documented place for it).
        from mediation.core import branding  # noqa: F401
