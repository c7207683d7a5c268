from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "mediation.agreements"
    label = "agreements"
