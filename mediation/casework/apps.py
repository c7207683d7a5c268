from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "mediation.casework"
    label = "casework"
    verbose_name = "Case page and family page"
