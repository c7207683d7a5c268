from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "mediation.portal"
    label = "portal"
