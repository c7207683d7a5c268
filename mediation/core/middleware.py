"""Map domain errors that reach the top of a request to a GOV.UK-style page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mediation.core.errors import ApplicationError


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ApplicationError):
            return render(
                request,
                "core/domain_error.html",
                {"message": exception.message},
                status=exception.status_code,
            )
        return None
