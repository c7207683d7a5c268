from django.apps import AppConfig


class PreparationConfig(AppConfig):
    name = "mediation.preparation"
    label = "preparation"
