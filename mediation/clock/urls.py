from django.urls import URLPattern, path

from mediation.clock import views

app_name = "clock"

urlpatterns: list[URLPattern] = [
    path("key-dates/", views.key_dates, name="key-dates"),
    path("key-dates/your-dates/", views.key_dates_result, name="key-dates-result"),
    path(
        "key-dates/your-dates/calendar.ics",
        views.key_dates_calendar,
        name="key-dates-calendar",
    ),
    path("do-i-need-a-certificate/", views.certificate_checker, name="certificate-checker"),
    path(
        "do-i-need-a-certificate/answer/",
        views.certificate_answer,
        name="certificate-answer",
    ),
]
