from django.urls import path

from mediation.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/<uuid:case_id>/", views.case, name="case"),
    path("cases/<uuid:case_id>/attendance/", views.attendance, name="attendance"),
    path("cases/<uuid:case_id>/people/add/", views.participant_add, name="participant-add"),
    path(
        "cases/<uuid:case_id>/people/<uuid:participant_id>/decision-maker/",
        views.decision_maker,
        name="decision-maker",
    ),
    path(
        "cases/<uuid:case_id>/people/<uuid:participant_id>/remove/",
        views.participant_remove,
        name="participant-remove",
    ),
    path("cases/<uuid:case_id>/summary/", views.summary_submit, name="summary"),
    path("cases/<uuid:case_id>/disagreement-resolution/", views.dr_answer, name="dr-answer"),
    path("cases/<uuid:case_id>/agreement.pdf", views.agreement_pdf, name="agreement-pdf"),
    path(
        "cases/<uuid:case_id>/agreement/confirm/",
        views.agreement_confirm,
        name="agreement-confirm",
    ),
    path("cases/<uuid:case_id>/meeting.ics", views.meeting_ics, name="meeting-ics"),
]
