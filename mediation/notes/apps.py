from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "mediation.notes"
    label = "notes"
