from django.urls import path

from mediation.preparation import views

app_name = "preparation"

urlpatterns = [
    path("<uuid:case_id>/preparation/", views.overview, name="overview"),
    path("<uuid:case_id>/preparation/contact/", views.intro_contact, name="intro-contact"),
    path("<uuid:case_id>/preparation/summary/", views.summary_add, name="summary-add"),
    path("<uuid:case_id>/preparation/child-views/", views.child_views, name="child-views"),
    path("<uuid:case_id>/preparation/exchange/", views.exchange, name="exchange"),
    path("summaries/<uuid:summary_id>/", views.summary, name="summary"),
    path("summaries/<uuid:summary_id>/file/", views.summary_file, name="summary-file"),
    path("summaries/<uuid:summary_id>/withdraw/", views.summary_withdraw, name="summary-withdraw"),
]
