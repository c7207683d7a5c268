from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mediation.notifications"
    label = "notifications"
    verbose_name = "Notifications"
