from django.urls import path

from mediation.notes import views

app_name = "notes"

urlpatterns = [
    path("<uuid:case_id>/private-notes/", views.notes, name="case"),
]
