from django.urls import path

from mediation.pages import brand_views, views

app_name = "pages"

urlpatterns = [
    path("", views.start, name="start"),
    path("home/", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("contact/", views.contact, name="contact"),
    path("feedback/", views.feedback, name="feedback"),
    path("healthz", views.healthz, name="healthz"),
    path("brand.css", brand_views.brand_css, name="brand-css"),
]
