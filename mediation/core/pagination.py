"""Long lists a page at a time: Django's Paginator, drawn with the GOV.UK pagination component.

    page = page_of(cases, request.GET.get("page"), size=50)
    links = pagination_links(page, query=request.GET)   # govukPagination's params, or None

A page number that is not a number, or past the end, shows the nearest page (never an error).
The links keep the rest of the query (the search and its filters).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.paginator import Page, Paginator

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django.http import QueryDict


class PageLink(TypedDict, total=False):
    """One item of govukPagination's list: a page number, or an ellipsis between numbers."""

    number: int
    href: str
    current: bool
    ellipsis: bool


class PaginationParams(TypedDict):
    """govukPagination's parameters."""

    items: list[PageLink]
    previous: dict[str, str] | None
    next: dict[str, str] | None
    landmarkLabel: str


def page_of[T: Model](
    items: QuerySet[T] | Sequence[T], number: str | None, *, size: int
) -> Page[T]:
    """One page of the items (the first for a missing or wrong number; the last past the end)."""
    return Paginator(items, size).get_page(number)


def _href(query: QueryDict, number: int) -> str:
    params = query.copy()
    params["page"] = str(number)
    return f"?{params.urlencode()}"


def pagination_links(
    page: Page[Any], *, query: QueryDict, label: str = "Results pages"
) -> PaginationParams | None:
    """The GOV.UK pagination for this page (None when everything fits on one page)."""
    if page.paginator.num_pages <= 1:
        return None
    items: list[PageLink] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            number = int(number)
            items.append(
                {"number": number, "href": _href(query, number), "current": number == page.number}
            )
    previous = {"href": _href(query, page.previous_page_number())} if page.has_previous() else None
    following = {"href": _href(query, page.next_page_number())} if page.has_next() else None
    return {"items": items, "previous": previous, "next": following, "landmarkLabel": label}
