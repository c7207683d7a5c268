from django.urls import path

from mediation.meetings import views

app_name = "meetings"

urlpatterns = [
    path("<uuid:case_id>/meeting/arrange/", views.arrange, name="arrange"),
    path("<uuid:case_id>/meeting/arrange/check/", views.arrange_check, name="arrange-check"),
    path("<uuid:case_id>/la-cannot-arrange/", views.la_cannot_arrange, name="la-cannot-arrange"),
    path("meetings/<uuid:meeting_id>/", views.detail, name="detail"),
    path("meetings/<uuid:meeting_id>/meeting.ics", views.ics, name="ics"),
    path("meetings/<uuid:meeting_id>/change/", views.reschedule, name="reschedule"),
    path(
        "meetings/<uuid:meeting_id>/change/check/",
        views.reschedule_check,
        name="reschedule-check",
    ),
    path("meetings/<uuid:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("meetings/<uuid:meeting_id>/held/", views.held, name="held"),
    path("meetings/<uuid:meeting_id>/invite/", views.invite, name="invite"),
]
