from django.urls import path

from mediation.casework import views

app_name = "casework"

# The sections of a case (the parties and preparation are cases:parties and
# preparation:overview). The agreement's own page, agreements:builder, is /cases/<id>/agreement/.
urlpatterns = [
    path("<uuid:case_id>/", views.detail, name="detail"),
    path("<uuid:case_id>/meetings/", views.meetings, name="meetings"),
    path("<uuid:case_id>/outcome-and-agreement/", views.agreement, name="agreement"),
    path("<uuid:case_id>/certificates/", views.certificates, name="certificates"),
    path("<uuid:case_id>/documents/", views.documents, name="documents"),
    path("<uuid:case_id>/timeline/", views.timeline, name="timeline"),
]
