from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "mediation.expenses"
    label = "expenses"
