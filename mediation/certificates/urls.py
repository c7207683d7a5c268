from django.urls import path

from mediation.certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("case/<uuid:case_id>/issue/", views.issue, name="issue"),
    path("case/<uuid:case_id>/issue/check/", views.issue_check, name="issue-check"),
    path("<uuid:certificate_id>/", views.detail, name="detail"),
    path("<uuid:certificate_id>/pdf/", views.pdf, name="pdf"),
    path("<uuid:certificate_id>/withdraw/", views.withdraw, name="withdraw"),
]
