"""Who is offered for a case: eligibility, every reason for exclusion, and the order."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from mediation.cases import parties
from mediation.cases.services import MatterInput, case_close
from mediation.panel import presenters, selectors
from mediation.panel.services import conflict_declare, conflict_withdraw, mediator_allocate
from tests.factories.organisations import ICBFactory, LocalAuthorityFactory, SchoolFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def names(suggestions: list[Any]) -> list[str]:
    return [s.mediator.full_name for s in suggestions]


def excluded_for(case: Any, full_name: str) -> Any:
    eligible, excluded = selectors.suggest_mediators(case=case)
    assert full_name not in names(eligible), f"{full_name} should not be offered"
    return next(s for s in excluded if s.mediator.full_name == full_name)


def test_an_accredited_available_mediator_is_eligible(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    mediator("Daniel Reyes", languages=["English", "Polish"])
    case = mediation_case()
    eligible, excluded = selectors.suggest_mediators(case=case)
    assert names(eligible) == ["Daniel Reyes"]
    assert excluded == []
    daniel = eligible[0]
    assert daniel.eligible
    assert daniel.caseload == 0
    assert daniel.languages == ["English", "Polish"]
    assert daniel.hint == "0 open cases (maximum 6). Languages: English, Polish."


def test_a_mediator_with_no_profile_is_not_offered(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    mediator("Nadia Brook", profile=False)
    case = mediation_case()
    nadia = excluded_for(case, "Nadia Brook")
    assert nadia.codes == ("no_profile",)
    assert "No panel profile" in nadia.reasons[0]


def test_missing_accreditation_excludes(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    mediator("Nadia Brook", register="")
    case = mediation_case()
    assert excluded_for(case, "Nadia Brook").reasons == ("No accreditation recorded",)


def test_expired_accreditation_excludes_and_says_when(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    mediator("Nadia Brook", accredited_until=dt.date(2025, 3, 31))
    mediator("Owen Lake", accredited_until=TODAY())  # still valid on its last day
    case = mediation_case()
    assert excluded_for(case, "Nadia Brook").reasons == ("Accreditation expired 31 March 2025",)
    eligible, _ = selectors.suggest_mediators(case=case)
    assert names(eligible) == ["Owen Lake"]


def test_accreditation_running_out_before_the_30_days_is_noted_but_no_bar(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    mediator("Owen Lake", accredited_until=TODAY() + dt.timedelta(days=10))
    case = mediation_case()
    (owen,), _ = selectors.suggest_mediators(case=case)
    due = case.mediation_requested_on + dt.timedelta(days=30)
    assert owen.notes == (
        f"Accreditation ends {(TODAY() + dt.timedelta(days=10)).day} "
        f"{TODAY() + dt.timedelta(days=10):%B %Y}, before mediation is due "
        f"({due.day} {due:%B %Y})",
    )
    assert owen.notes[0] in owen.hint


def test_a_conflict_with_the_local_authority_excludes_with_its_reason(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh", languages=["English", "Bengali"])
    mediator("Daniel Reyes")
    case = mediation_case()
    conflict_declare(
        mediator=helen,
        actor=helen,
        organisation=case.local_authority,
        description="Worked for Islington's SEN team until 2024",
    )
    entry = excluded_for(case, "Helen Marsh")
    assert entry.codes == ("conflict",)
    assert entry.reasons == (
        "Declared a conflict of interest with Islington, the local authority: "
        "Worked for Islington's SEN team until 2024",
    )
    eligible, _ = selectors.suggest_mediators(case=case)
    assert names(eligible) == ["Daniel Reyes"]


def test_a_conflict_with_another_local_authority_does_not_matter(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    conflict_declare(
        mediator=helen,
        actor=helen,
        organisation=LocalAuthorityFactory.create(),
        description="Worked",
    )
    eligible, _ = selectors.suggest_mediators(case=mediation_case())
    assert names(eligible) == ["Helen Marsh"]


def test_a_conflict_with_a_school_party_excludes(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    case = mediation_case()
    school = SchoolFactory.create(name="Northbrook Primary School")
    parties.party_add(case=case, kind="school", organisation=school, actor=staff())
    conflict_declare(
        mediator=helen, actor=helen, organisation=school, description="My son goes there"
    )
    assert excluded_for(case, "Helen Marsh").reasons == (
        "Declared a conflict of interest with Northbrook Primary School, the school or college: "
        "My son goes there",
    )


def test_a_conflict_with_the_childs_setting_excludes_before_the_school_is_a_party(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    school = SchoolFactory.create(name="Northbrook Primary School")
    conflict_declare(mediator=helen, actor=helen, organisation=school, description="Governor")
    case = mediation_case(child_setting="  northbrook primary  school ")
    assert excluded_for(case, "Helen Marsh").reasons == (
        "Declared a conflict of interest with Northbrook Primary School, the child's school or "
        "setting: Governor",
    )


def test_a_conflict_with_the_icb_excludes(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    icb = ICBFactory.create(name="NHS North Central London ICB")
    conflict_declare(mediator=helen, actor=helen, organisation=icb, description="Commissioner")
    case = mediation_case(
        icb=icb,
        matters=[MatterInput(decision="plan_content", involves_health=True)],
    )
    assert case.icb == icb
    assert excluded_for(case, "Helen Marsh").reasons == (
        "Declared a conflict of interest with NHS North Central London ICB, the integrated care "
        "board: Commissioner",
    )


def test_a_conflict_with_the_family_matches_surname_and_date_of_birth_only(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    conflict_declare(
        mediator=helen,
        actor=helen,
        family_surname="morgan",
        family_child_date_of_birth=dt.date(2015, 3, 14),
        description="Neighbours",
    )
    case = mediation_case()  # Sam Morgan, born 14 March 2015
    assert excluded_for(case, "Helen Marsh").reasons == (
        "Declared a conflict of interest with this family: Neighbours",
    )
    # Another Morgan child: a different date of birth, a different family.
    other = mediation_case(child_date_of_birth=dt.date(2016, 5, 1))
    eligible, _ = selectors.suggest_mediators(case=other)
    assert names(eligible) == ["Helen Marsh"]


def test_the_family_is_also_known_by_the_applicants_surname(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    conflict_declare(
        mediator=helen,
        actor=helen,
        family_surname="Okoro",
        family_child_date_of_birth=dt.date(2015, 3, 14),
        description="Taught the mother",
    )
    case = mediation_case(applicant_name="Chidi Okoro")
    assert excluded_for(case, "Helen Marsh").codes == ("conflict",)


def test_a_withdrawn_conflict_no_longer_excludes(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    case = mediation_case()
    conflict = conflict_declare(
        mediator=helen, actor=helen, organisation=case.local_authority, description="Worked"
    )
    conflict_withdraw(conflict=conflict, actor=helen, reason="Declared in error")
    eligible, _ = selectors.suggest_mediators(case=case)
    assert names(eligible) == ["Helen Marsh"]


def test_a_mediator_not_taking_cases_is_not_offered(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    mediator("Nadia Brook", available=False, availability_notes="On leave until 5 January")
    case = mediation_case()
    entry = excluded_for(case, "Nadia Brook")
    assert entry.codes == ("not_available",)
    assert entry.reasons == ("Not taking new cases (On leave until 5 January)",)


def test_a_mediator_at_capacity_is_not_offered_and_closed_cases_do_not_count(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    nadia = mediator("Nadia Brook", max_open_cases=1)
    coordinator = staff("coordinator")
    first = mediation_case()
    mediator_allocate(case=first, mediator=nadia, actor=coordinator)
    second = mediation_case(child_first_name="Kit")
    entry = excluded_for(second, "Nadia Brook")
    assert entry.codes == ("no_capacity",)
    assert entry.reasons == ("No capacity: 1 open cases (maximum 1)",)
    assert selectors.mediator_caseload(mediator=nadia) == 1

    case_close(case=first, reason="Family withdrew", actor=coordinator)
    assert selectors.mediator_caseload(mediator=nadia) == 0
    eligible, _ = selectors.suggest_mediators(case=second)
    assert names(eligible) == ["Nadia Brook"]


def test_a_mediator_who_does_not_cover_the_area_is_not_offered(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], served_la: Any
) -> None:
    mediator("Nadia Brook", any_area=False, areas=[LocalAuthorityFactory.create(name="Camden")])
    mediator("Owen Lake", any_area=False, areas=[served_la])
    case = mediation_case()
    entry = excluded_for(case, "Nadia Brook")
    assert entry.reasons == ("Does not cover Islington",)
    eligible, _ = selectors.suggest_mediators(case=case)
    assert names(eligible) == ["Owen Lake"]


def test_several_reasons_are_all_given_in_a_fixed_order(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    nadia = mediator(
        "Nadia Brook",
        accredited_until=dt.date(2024, 1, 31),
        available=False,
        any_area=False,
        areas=[LocalAuthorityFactory.create(name="Camden")],
    )
    case = mediation_case()
    conflict_declare(
        mediator=nadia, actor=nadia, organisation=case.local_authority, description="Worked"
    )
    assert excluded_for(case, "Nadia Brook").codes == (
        "accreditation_expired",
        "conflict",
        "not_available",
        "area_not_covered",
    )


def test_only_the_case_services_active_mediators_are_considered(
    mediator: Callable[..., Any],
    make_user: Callable[..., Any],
    mediation_case: Callable[..., Any],
) -> None:
    mediator("Daniel Reyes")
    mediator("Ivy Stone", is_active=False)
    make_user("mediator", full_name="Regional Only")  # works in no service of this case
    eligible, excluded = selectors.suggest_mediators(case=mediation_case())
    assert names(eligible) == ["Daniel Reyes"]
    assert excluded == []


def test_eligible_mediators_come_least_loaded_first_then_by_language_then_name(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    busy = mediator("Aaron Busy")
    mediator("Zoe Bengali", languages=["English", "Bengali"])
    mediator("Carl English")
    mediator("Bea English")
    coordinator = staff("coordinator")
    mediator_allocate(case=mediation_case(child_first_name="Kit"), mediator=busy, actor=coordinator)

    case = mediation_case(interpreter_language="bengali")
    eligible, _ = selectors.suggest_mediators(case=case)
    assert names(eligible) == ["Zoe Bengali", "Bea English", "Carl English", "Aaron Busy"]
    assert [s.speaks_family_language for s in eligible] == [True, False, False, False]

    # Without a language need, equals are in name order.
    plain = mediation_case(child_first_name="Lou")
    eligible, _ = selectors.suggest_mediators(case=plain)
    assert names(eligible) == ["Bea English", "Carl English", "Zoe Bengali", "Aaron Busy"]


def test_bsl_counts_as_the_familys_language(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any]
) -> None:
    mediator("Bea English")
    mediator("Sian Signer", languages=["English", "BSL"])
    case = mediation_case(needs_bsl=True)
    assert selectors.family_languages(case=case) == ["British Sign Language"]
    eligible, _ = selectors.suggest_mediators(case=case)
    assert names(eligible) == ["Sian Signer", "Bea English"]


def test_the_current_mediator_is_assessed_but_marked(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh", max_open_cases=1)
    case = mediation_case()
    mediator_allocate(case=case, mediator=helen, actor=staff("coordinator"))
    eligible, _ = selectors.suggest_mediators(case=case)
    # At capacity because of this very case: that is no reason against her on it.
    assert [(s.mediator, s.is_current) for s in eligible] == [(helen, True)]
    assert selectors.case_mediator_summary(case=case).problems == ()

    conflict_declare(
        mediator=helen, actor=helen, organisation=case.local_authority, description="Worked"
    )
    summary = selectors.case_mediator_summary(case=case)
    assert summary.mediator == helen
    assert summary.previous == 0
    assert summary.problems == (
        "Declared a conflict of interest with Islington, the local authority: Worked",
    )


def test_current_mediator_history_and_cases_allocated_to(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    helen = mediator("Helen Marsh")
    daniel = mediator("Daniel Reyes")
    coordinator = staff("coordinator")
    case = mediation_case()
    assert selectors.current_mediator(case=case) is None
    mediator_allocate(case=case, mediator=helen, actor=coordinator)
    mediator_allocate(case=case, mediator=daniel, actor=coordinator, reason="Helen is on leave")
    assert selectors.current_mediator(case=case) == daniel
    assert [a.mediator for a in selectors.allocation_history(case=case)] == [daniel, helen]
    assert list(selectors.cases_allocated_to(mediator=daniel)) == [case]
    assert list(selectors.cases_allocated_to(mediator=helen)) == []
    assert selectors.case_mediator_summary(case=case).previous == 1


def test_panel_list_tags_expired_and_expiring_accreditation(
    mediator: Callable[..., Any], mediation_case: Callable[..., Any], staff: Callable[..., Any]
) -> None:
    mediator("Amy Current", accredited_until=TODAY() + dt.timedelta(days=61))
    mediator("Ben Expiring", accredited_until=TODAY() + dt.timedelta(days=60))
    mediator("Cat Expired", accredited_until=TODAY() - dt.timedelta(days=1))
    mediator("Dan Missing", profile=False)
    rows = {row.mediator.full_name: row for row in presenters.panel_list()}
    assert {name: row.accreditation for name, row in rows.items()} == {
        "Amy Current": "current",
        "Ben Expiring": "expiring",
        "Cat Expired": "expired",
        "Dan Missing": "missing",
    }
    assert rows["Amy Current"].areas == ["Any area"]
    assert rows["Dan Missing"].capacity_left is None
