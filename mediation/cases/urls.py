from django.urls import path

from mediation.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<uuid:case_id>/", views.detail, name="detail"),
    path("<uuid:case_id>/route/", views.route, name="route"),
    path("<uuid:case_id>/assign/", views.assign, name="assign"),
    path("<uuid:case_id>/permission/", views.consent, name="consent"),
    path("<uuid:case_id>/safeguarding/", views.safeguarding, name="safeguarding"),
    path("<uuid:case_id>/close/", views.close, name="close"),
]
