from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "mediation.certificates"
    label = "certificates"
