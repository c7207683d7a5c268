from django.urls import path

from mediation.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.question, name="start"),
    path("check-your-answers/", views.check_answers, name="check"),
    path("sent/", views.confirmation, name="confirmation"),
    path("received/", views.received, name="received"),
    path("staff/", views.staff_new, name="staff-new"),
    path("held/", views.held_list, name="held-list"),
    path("held/<uuid:held_id>/", views.held_detail, name="held-detail"),
    # Last, so the fixed paths above are never taken for a question's name.
    path("<slug:slug>/", views.question, name="step"),
]
