from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "mediation.panel"
    label = "panel"
