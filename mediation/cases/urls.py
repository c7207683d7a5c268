from django.urls import path

from mediation.cases import party_views, search_views, views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("search/", search_views.search, name="search"),
    path("mine/", search_views.mine, name="mine"),
    path("<uuid:case_id>/route/", views.route, name="route"),
    path("<uuid:case_id>/assign/", views.assign, name="assign"),
    path("<uuid:case_id>/permission/", views.consent, name="consent"),
    path("<uuid:case_id>/safeguarding/", views.safeguarding, name="safeguarding"),
    path("<uuid:case_id>/close/", views.close, name="close"),
    path("<uuid:case_id>/withdraw/", party_views.withdraw, name="withdraw"),
    path("<uuid:case_id>/parties/", party_views.party_list, name="parties"),
    path("<uuid:case_id>/parties/add/", party_views.party_add, name="party-add"),
    path(
        "<uuid:case_id>/parties/<uuid:party_id>/people/add/",
        party_views.participant_add,
        name="participant-add",
    ),
    path(
        "<uuid:case_id>/parties/<uuid:party_id>/sharing/",
        party_views.share_consent,
        name="share-consent",
    ),
    path(
        "<uuid:case_id>/parties/<uuid:party_id>/disagreement-resolution/",
        party_views.dr_answer,
        name="dr-answer",
    ),
    path(
        "<uuid:case_id>/people/<uuid:participant_id>/remove/",
        party_views.participant_remove,
        name="participant-remove",
    ),
    path(
        "<uuid:case_id>/people/<uuid:participant_id>/confirm-decision-maker/",
        party_views.decision_maker_confirm,
        name="decision-maker-confirm",
    ),
]
