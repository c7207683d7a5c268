"""Files a view sends (a PDF, a calendar), and keeping a child's details out of caches.

return private(file_response(printed.content, PDF, printed.filename, inline=True))
"""

from __future__ import annotations

from django.http import HttpResponse
from django.http.response import HttpResponseBase

PDF = "application/pdf"
CALENDAR = "text/calendar; charset=utf-8"


def private[R: HttpResponseBase](response: R) -> R:
    """For a page or file that holds a child's details: never kept by a shared cache or the
    browser's back button."""
    response["Cache-Control"] = "private, no-store"
    return response


def file_response(
    content: bytes | str, content_type: str, filename: str, *, inline: bool = False
) -> HttpResponse:
    """A file the browser shows (``inline``) or downloads, under ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
