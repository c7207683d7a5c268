"""What the online referral keeps in the person's session, and the spam checks on a request.

The answers live only in the session until the referral is sent: nothing about a family is
stored in the database before they press "Send referral". After sending, the session remembers
which case (or held referral) it made, so the confirmation survives a refresh while nobody else,
with or without the link, can see it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, QueryDict

from mediation.intake.steps import Answers

if TYPE_CHECKING:
    from mediation.cases.models import Case
    from mediation.intake.models import HeldReferral

ANSWERS = "intake_answers"
HONEYPOT_TRIPPED = "intake_honeypot"
SENT_CASE = "intake_sent_case"
HELD = "intake_held"

# The spam-trap field. A name a form-filling robot wants to fill; people never see it.
HONEYPOT_FIELD = "website"


def answers(request: HttpRequest) -> Answers:
    stored = request.session.get(ANSWERS)
    return stored if isinstance(stored, dict) else {}


def save_page(request: HttpRequest, slug: str, posted: dict[str, list[str]]) -> None:
    # A new referral begun on this browser: the last one's confirmation is no longer shown (the
    # next person at a shared computer should not see it).
    request.session.pop(SENT_CASE, None)
    stored = answers(request)
    stored[slug] = posted
    request.session[ANSWERS] = stored
    request.session.modified = True


def honeypot_filled(data: QueryDict) -> bool:
    return bool(data.get(HONEYPOT_FIELD, "").strip())


def note_honeypot(request: HttpRequest, data: QueryDict) -> None:
    """Remember a filled spam trap on any page: the referral is held when it is sent."""
    if honeypot_filled(data):
        request.session[HONEYPOT_TRIPPED] = True


def honeypot_tripped(request: HttpRequest) -> bool:
    return bool(request.session.get(HONEYPOT_TRIPPED))


def remember_sent(request: HttpRequest, case: Case) -> None:
    """The referral became a case: forget the answers, remember the case for the confirmation."""
    for key in (ANSWERS, HONEYPOT_TRIPPED, HELD):
        request.session.pop(key, None)
    request.session[SENT_CASE] = str(case.pk)


def sent_case_id(request: HttpRequest) -> str | None:
    value = request.session.get(SENT_CASE)
    return str(value) if value else None


def remember_held(request: HttpRequest, held: HeldReferral, *, keep_answers: bool) -> None:
    """Held for review. A person stopped by the rate limit keeps their answers (they may be
    one of several families using one computer); a filled spam trap clears them."""
    request.session[HELD] = {"id": str(held.pk), "reason": held.reason}
    request.session.pop(SENT_CASE, None)
    if not keep_answers:
        request.session.pop(ANSWERS, None)
        request.session.pop(HONEYPOT_TRIPPED, None)


def held(request: HttpRequest) -> dict[str, str] | None:
    value = request.session.get(HELD)
    return value if isinstance(value, dict) else None
