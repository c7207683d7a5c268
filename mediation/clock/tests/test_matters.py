"""One list of matters: the rules own it, and every list of them in the apps is held to it.

``mediation.rules.MATTERS`` is what a family can disagree with and ``MATTERS_NEEDING_A_PLAN``
which of those only exist once there is an EHC plan. The case's decision types, the referral's
plan check and this app's certificate checker must say the same, in the same order.
"""

from __future__ import annotations

from mediation.cases.choices import DecisionType, EHCStatus
from mediation.clock.forms import MATTER_CHOICES, PLAN_STATUS_CHOICES, CertificateCheckForm
from mediation.intake import forms as intake_forms
from mediation.rules import MATTERS, MATTERS_NEEDING_A_PLAN, PLAN_STATUSES


def test_the_case_decision_types_are_the_rules_matters_in_order() -> None:
    assert tuple(DecisionType.values) == MATTERS


def test_the_case_plan_statuses_are_the_rules_plan_statuses_in_order() -> None:
    assert tuple(EHCStatus.values) == PLAN_STATUSES


def test_the_referral_asks_for_a_plan_for_exactly_the_rules_matters() -> None:
    assert intake_forms.NEEDS_A_PLAN == MATTERS_NEEDING_A_PLAN


def test_the_certificate_checker_offers_the_rules_matters_in_order() -> None:
    assert tuple(key for key, _ in MATTER_CHOICES) == MATTERS
    assert tuple(key for key, _ in PLAN_STATUS_CHOICES) == PLAN_STATUSES


def test_the_checker_form_refuses_health_and_social_care_without_a_plan() -> None:
    form = CertificateCheckForm(
        {"matters": ["health_social_care"], "plan_status": "none", "la_in_england": "yes"}
    )
    assert not form.is_valid()
    assert "The health or social care parts of the plan" in form.errors["plan_status"][0]
