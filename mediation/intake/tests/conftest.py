"""Answers for whole referrals, and a helper that walks the online question pages."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    # The rate limit counts in the cache, which lives as long as the test process.
    cache.clear()
    yield
    cache.clear()


def step_url(slug: str) -> str:
    if slug == "who-are-you":
        return reverse("intake:start")
    return reverse("intake:step", kwargs={"slug": slug})


def parent_answers(la: Any) -> dict[str, dict[str, Any]]:
    """A parent's referral, page by page, as the browser posts it."""
    return {
        "who-are-you": {"who": "parent_carer"},
        "child": {
            "child_first_name": "Sam",
            "child_last_name": "Morgan",
            "child_date_of_birth-day": "14",
            "child_date_of_birth-month": "3",
            "child_date_of_birth-year": "2015",
            "child_setting": "Northbrook Primary School",
        },
        "local-authority": {"local_authority": str(la.pk)},
        "ehc-plan": {"ehc_status": "plan"},
        "disagreement": {
            "decisions": ["plan_content", "plan_placement"],
            "plan_sections": ["B", "F"],
            "plan_areas": ["health"],
            "decision_summary": "The plan does not give Sam the speech therapy he needs.",
        },
        "decision-letter": {
            "decision_date-day": "1",
            "decision_date-month": "10",
            "decision_date-year": "2026",
        },
        "what-you-want": {"wants": "mediation"},
        "help-to-take-part": {"support": ["interpreter"], "interpreter_language": "Polish"},
        "contact-details": {
            "applicant_name": "Alex Morgan",
            "applicant_relationship": "Mother",
            "applicant_email": "alex.morgan@family.example",
            "applicant_phone": "07700 900123",
            "contact_method": "email",
            "contact_times": "Weekday mornings",
        },
    }


def professional_answers(la: Any, *, consent: str = "not_yet") -> dict[str, dict[str, Any]]:
    answers = parent_answers(la)
    answers["who-are-you"] = {"who": "professional"}
    answers["your-details"] = {
        "referrer_name": "Jo Patel",
        "referrer_organisation": "Islington SENDIASS",
        "referrer_role": "SEND adviser",
        "referrer_email": "jo.patel@sendiass.example",
        "referrer_phone": "020 7946 0000",
    }
    answers["the-family"] = {"family_role": "parent_carer", "family_consent": consent}
    return answers


ORDER = (
    "who-are-you",
    "your-details",
    "the-family",
    "child",
    "local-authority",
    "ehc-plan",
    "disagreement",
    "decision-letter",
    "what-you-want",
    "help-to-take-part",
    "contact-details",
    "address",
)


@pytest.fixture
def walk() -> Callable[..., Any]:
    """Answer every page in order with the test client; returns the last response."""

    def answer_all(client: Any, answers: dict[str, dict[str, Any]], **extra: Any) -> Any:
        response = None
        for slug in ORDER:
            if slug not in answers:
                continue
            response = client.post(step_url(slug), answers[slug], **extra)
            assert response.status_code == 302, (slug, response.content.decode()[:3000])
        return response

    return answer_all
