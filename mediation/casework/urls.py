from django.urls import path

from mediation.casework import views

app_name = "casework"

urlpatterns = [
    path("<uuid:case_id>/", views.detail, name="detail"),
]
