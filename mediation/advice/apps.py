from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "mediation.advice"
    label = "advice"
