"""The thing a page is about, found by id: a 404 page when there is none.

A selector answers None for an id it does not know (or one of another case); a view turns that
into the 404 page here, in one line:

    item = found_or_404(selectors.agreement_item_get(agreement=agreement, item_id=item_id))

When the policy must also allow the object, `mediation.policy.authorised` does both.
"""

from __future__ import annotations

from django.http import Http404


def found_or_404[T](found: T | None, what: str = "Not found") -> T:
    """``found``, or a 404 page (``what`` says what was missing, for the logs)."""
    if found is None:
        raise Http404(what)
    return found
