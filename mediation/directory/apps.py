from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mediation.directory"
    label = "directory"
    verbose_name = "Organisations and reference data"
