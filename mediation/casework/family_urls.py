from django.urls import path

from mediation.casework import family_views

app_name = "family"

urlpatterns = [
    path("<str:token>/", family_views.case_page, name="case"),
    path(
        "<str:token>/certificates/<uuid:certificate_id>.pdf",
        family_views.certificate_pdf,
        name="certificate-pdf",
    ),
    path("<str:token>/agreement.pdf", family_views.agreement_pdf, name="agreement-pdf"),
]
