from django.urls import path

from mediation.agreements import views

app_name = "agreements"

urlpatterns = [
    path("<uuid:case_id>/outcome/", views.outcome, name="outcome"),
    path("<uuid:case_id>/agreement/", views.builder, name="builder"),
    path("<uuid:case_id>/agreement/date/", views.agreement_date, name="date"),
    path("<uuid:case_id>/agreement/in-dispute/", views.dispute, name="dispute"),
    path("<uuid:case_id>/agreement/items/add/", views.item_add, name="item-add"),
    path("<uuid:case_id>/agreement/items/<uuid:item_id>/", views.item_change, name="item-change"),
    path(
        "<uuid:case_id>/agreement/items/<uuid:item_id>/remove/",
        views.item_remove,
        name="item-remove",
    ),
    path("<uuid:case_id>/agreement/check/", views.check, name="check"),
    path("<uuid:case_id>/agreement/finalise/", views.finalise, name="finalise"),
    path("<uuid:case_id>/agreement/pdf/", views.pdf, name="pdf"),
    path("<uuid:case_id>/agreement/send/<uuid:party_id>/", views.send, name="send"),
    path("<uuid:case_id>/agreement/confirm/<uuid:party_id>/", views.confirm, name="confirm"),
]
