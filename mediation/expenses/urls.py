from django.urls import path

from mediation.expenses import views

app_name = "expenses"

urlpatterns = [
    path("<uuid:case_id>/expenses/", views.claim_list, name="list"),
    path("<uuid:case_id>/expenses/new/", views.claim_new, name="new"),
    path("<uuid:case_id>/expenses/<uuid:claim_id>/send/", views.claim_send, name="send"),
    path("<uuid:case_id>/expenses/<uuid:claim_id>/decision/", views.claim_settle, name="settle"),
    path("<uuid:case_id>/expenses/receipts/<uuid:receipt_id>/", views.receipt, name="receipt"),
]
