from django.apps import AppConfig


class ClockConfig(AppConfig):
    name = "mediation.clock"
    label = "clock"
