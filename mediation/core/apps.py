from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mediation.core"
    label = "core"
    verbose_name = "Core"
