"""The "do I need a mediation certificate?" checker."""

from __future__ import annotations

import pytest

from mediation.rules import (
    MATTER_DESCRIPTIONS,
    MATTERS,
    MATTERS_NEEDING_A_PLAN,
    RulesInputError,
    check_certificate,
    plan_conflicts,
)

CITATION_MARKERS = ("s.51", "s.55", "s.57", "IPSEA", "SEND35", "reg", "UNCERTAIN", "Part 3")

CASES = [
    # (id, matters, plan status, in England, outcome, mediation optional, words in the reasons)
    (
        "placement-only",
        {"plan_placement"},
        "plan",
        True,
        "certificate_not_needed",
        True,
        "Section I",
    ),
    ("content", {"plan_content"}, "plan", True, "certificate_needed", False, "Sections B or F"),
    (
        "content-and-placement",
        {"plan_content", "plan_placement"},
        "plan",
        True,
        "certificate_needed",
        False,
        "exemption does not apply",
    ),
    ("refusal-to-assess", {"refusal_to_assess"}, "none", True, "certificate_needed", False, "s.55"),
    (
        "refusal-to-reassess",
        {"refusal_to_reassess"},
        "plan",
        True,
        "certificate_needed",
        False,
        "re-assessment",
    ),
    (
        "refusal-to-issue",
        {"refusal_to_issue_plan"},
        "assessment",
        True,
        "certificate_needed",
        False,
        "issue an EHC plan",
    ),
    ("refusal-to-amend", {"refusal_to_amend"}, "plan", True, "certificate_needed", False, "amend"),
    ("cease", {"cease_to_maintain"}, "plan", True, "certificate_needed", False, "stop maintaining"),
    (
        "health-care-alone",
        {"health_social_care"},
        "plan",
        True,
        "disagreement_resolution",
        False,
        "cannot be appealed on their own",
    ),
    (
        "health-care-with-content",
        {"health_social_care", "plan_content"},
        "plan",
        True,
        "certificate_needed",
        False,
        "mediation can include health and social care",
    ),
    (
        "health-care-with-placement",
        {"health_social_care", "plan_placement"},
        "plan",
        True,
        "certificate_needed",
        False,
        "UNCERTAIN",
    ),
    ("other", {"other_disagreement"}, "none", True, "disagreement_resolution", False, "s.57"),
    (
        "discrimination-only",
        {"disability_discrimination"},
        "none",
        True,
        "out_of_scope",
        False,
        "no mediation step",
    ),
    (
        "discrimination-and-refusal-to-assess",
        {"disability_discrimination", "refusal_to_assess"},
        "none",
        True,
        "certificate_needed",
        False,
        "discrimination claim",
    ),
    (
        "discrimination-and-other",
        {"disability_discrimination", "other_disagreement"},
        "plan",
        True,
        "disagreement_resolution",
        False,
        "discrimination claim",
    ),
    (
        "placement-and-other",
        {"plan_placement", "other_disagreement"},
        "plan",
        True,
        "certificate_not_needed",
        True,
        "disagreement resolution",
    ),
    (
        "legacy-statement",
        {"plan_content"},
        "legacy_statement",
        True,
        "certificate_not_needed",
        False,
        "statement of SEN",
    ),
    ("wales", {"plan_content"}, "plan", False, "out_of_scope", False, "Wales"),
]


@pytest.mark.parametrize(
    ("matters", "status", "england", "outcome", "optional", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_certificate_checker(
    matters: set[str], status: str, england: bool, outcome: str, optional: bool, words: str
) -> None:
    advice = check_certificate(matters, status, la_in_england=england)
    assert advice.outcome == outcome
    assert advice.mediation_optional is optional
    assert any(words in reason for reason in advice.reasons), advice.reasons
    assert advice.reasons
    assert advice.next_steps
    for reason in advice.reasons:
        assert any(marker in reason for marker in CITATION_MARKERS), reason
    if england:
        assert any("SENDIASS" in step for step in advice.next_steps)
    assert advice.to_dict()["outcome"] == outcome


def test_a_certificate_needed_answer_says_contact_within_2_months() -> None:
    advice = check_certificate({"plan_content"}, "plan")
    assert any("within 2 months" in step for step in advice.next_steps)
    assert any("3 working days" in step for step in advice.next_steps)
    assert any("do not have to go to mediation" in step for step in advice.next_steps)


def test_disagreement_resolution_is_offered_for_non_appealable_matters() -> None:
    advice = check_certificate({"other_disagreement"}, "none")
    assert any("disagreement resolution" in step for step in advice.next_steps)


@pytest.mark.parametrize(
    ("matters", "status", "words"),
    [
        (set(), "plan", "at least one"),
        ({"plan_contents"}, "plan", "Did you mean 'plan_content'"),
        ({"plan_content"}, "draft", "Unknown plan status"),
        ({"plan_content"}, "none", "existing EHC plan"),
        ({"cease_to_maintain"}, "assessment", "existing EHC plan"),
    ],
    ids=["empty", "unknown-matter", "unknown-status", "content-without-plan", "cease-without-plan"],
)
def test_bad_checker_input(matters: set[str], status: str, words: str) -> None:
    with pytest.raises(RulesInputError, match=words):
        check_certificate(matters, status)


def test_the_matters_needing_a_plan() -> None:
    # Sections B, F and I, the decisions about an existing plan, and the plan's health and
    # social care sections (C, D, G and H): none of them exists before there is a plan.
    assert {
        "refusal_to_reassess",
        "plan_content",
        "plan_placement",
        "refusal_to_amend",
        "cease_to_maintain",
        "health_social_care",
    } == MATTERS_NEEDING_A_PLAN
    assert MATTERS_NEEDING_A_PLAN.issubset(MATTERS)
    assert len(set(MATTERS)) == len(MATTERS) == len(MATTER_DESCRIPTIONS)


@pytest.mark.parametrize("matter", MATTERS)
@pytest.mark.parametrize("status", ["none", "assessment"])
def test_the_checker_refuses_exactly_the_plan_matters_without_a_plan(
    matter: str, status: str
) -> None:
    assert plan_conflicts([matter], status) == (
        [matter] if matter in MATTERS_NEEDING_A_PLAN else []
    )
    if matter in MATTERS_NEEDING_A_PLAN:
        with pytest.raises(RulesInputError, match="existing EHC plan"):
            check_certificate({matter}, status)
    else:
        assert check_certificate({matter}, status).reasons


@pytest.mark.parametrize("matter", MATTERS)
@pytest.mark.parametrize("status", ["plan", "legacy_statement"])
def test_every_matter_can_be_checked_when_there_is_a_plan(matter: str, status: str) -> None:
    assert plan_conflicts([matter], status) == []
    assert check_certificate({matter}, status).reasons


def test_health_and_social_care_without_a_plan_is_refused() -> None:
    with pytest.raises(RulesInputError, match="'health_social_care' is about an existing EHC plan"):
        check_certificate({"health_social_care"}, "none")
