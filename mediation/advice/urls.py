from django.urls import path

from mediation.advice import views

app_name = "advice"

urlpatterns = [
    path("<uuid:case_id>/information-call/", views.book, name="book"),
    path("information-call/<uuid:call_id>/", views.record, name="record"),
    path("<uuid:case_id>/decision/", views.decide, name="decide"),
    path("<uuid:case_id>/local-authority-told/", views.la_told, name="la-told"),
]
