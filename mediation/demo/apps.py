from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mediation.demo"
    label = "demo"
    verbose_name = "Demo data"
