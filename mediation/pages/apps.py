from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "mediation.pages"
    label = "pages"
    verbose_name = "Pages every service has"
