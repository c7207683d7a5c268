from django.urls import path

from mediation.panel import views

app_name = "panel"

urlpatterns = [
    path("", views.panel_list, name="list"),
    path("<uuid:user_id>/", views.detail, name="detail"),
    path("<uuid:user_id>/edit/", views.edit, name="edit"),
    path("<uuid:user_id>/conflicts/new/", views.conflict_new, name="conflict-new"),
    path(
        "conflicts/<uuid:conflict_id>/withdraw/",
        views.conflict_withdraw,
        name="conflict-withdraw",
    ),
    path("cases/<uuid:case_id>/allocate/", views.allocate, name="allocate"),
]
