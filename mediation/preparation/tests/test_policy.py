"""Who may read and send case summaries and the child's views: staff on the case always; a partner
its own party's, and another party's only if shared and the family gave permission."""

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from mediation import policy
from mediation.preparation import selectors, services
from mediation.preparation.tests.conftest import MediationCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def summaries(mediation_case: MediationCase, submit: Callable[..., Any]) -> dict[str, Any]:
    m = mediation_case
    return {
        "family_shared": submit(m.case, m.family, "shared"),
        "family_private": submit(m.case, m.family, "mediator_only"),
        "la_shared": submit(m.case, m.la, "shared"),
        "la_private": submit(m.case, m.la, "mediator_only"),
        "school_shared": submit(m.case, m.school, "shared"),
    }


def _readable(user: Any, summaries: dict[str, Any]) -> set[str]:
    return {name for name, s in summaries.items() if policy.can(user, "summary.read", s)}


def test_staff_on_the_case_read_every_summary(
    mediation_case: MediationCase, summaries: dict[str, Any], staff: Callable[..., Any]
) -> None:
    for user in (mediation_case.coordinator, mediation_case.mediator, staff("mediation_adviser")):
        assert _readable(user, summaries) == set(summaries)


def test_staff_of_another_service_read_none(
    summaries: dict[str, Any], make_user: Callable[..., Any]
) -> None:
    assert _readable(make_user("coordinator"), summaries) == set()
    # Managers see every service.
    assert _readable(make_user("service_manager"), summaries) == set(summaries)


def test_before_the_familys_permission_a_partner_reads_only_its_own(
    mediation_case: MediationCase, summaries: dict[str, Any]
) -> None:
    assert _readable(mediation_case.la_officer, summaries) == {"la_shared", "la_private"}
    assert _readable(mediation_case.school_contact, summaries) == {"school_shared"}


def test_after_the_familys_permission_a_partner_reads_what_others_shared(
    mediation_case: MediationCase, summaries: dict[str, Any], share_with: Callable[..., Any]
) -> None:
    m = mediation_case
    share_with(m.la)
    assert _readable(m.la_officer, summaries) == {
        "family_shared",
        "la_shared",
        "la_private",
        "school_shared",
    }
    # The family's "mediator only" summary is never an LA officer's to read.
    assert not policy.can(m.la_officer, "summary.read", summaries["family_private"])
    # Permission for the LA is not permission for the school.
    assert _readable(m.school_contact, summaries) == {"school_shared"}
    share_with(m.school)
    assert "la_private" not in _readable(m.school_contact, summaries)
    assert "family_shared" in _readable(m.school_contact, summaries)


def test_permission_withdrawn_closes_the_door_again(
    mediation_case: MediationCase, summaries: dict[str, Any], share_with: Callable[..., Any]
) -> None:
    m = mediation_case
    share_with(m.la)
    share_with(m.la, given=False)
    assert _readable(m.la_officer, summaries) == {"la_shared", "la_private"}


def test_a_partner_of_another_organisation_reads_nothing(
    summaries: dict[str, Any],
    share_with: Callable[..., Any],
    mediation_case: MediationCase,
    other_case: Any,
    make_user: Callable[..., Any],
) -> None:
    share_with(mediation_case.la)
    camden = make_user("la_officer", organisation=other_case.other_la)
    elsewhere = make_user("school_contact", organisation=other_case.other_school)
    icb = make_user("icb_officer")
    for user in (camden, elsewhere, icb):
        assert _readable(user, summaries) == set()


def test_withdrawn_summaries_are_read_only_by_staff_and_their_sender(
    mediation_case: MediationCase, summaries: dict[str, Any], share_with: Callable[..., Any]
) -> None:
    m = mediation_case
    share_with(m.school)
    services.summary_withdraw(summary=summaries["la_shared"], actor=m.la_officer)
    summaries["la_shared"].refresh_from_db()
    assert policy.can(m.coordinator, "summary.read", summaries["la_shared"])
    assert policy.can(m.la_officer, "summary.read", summaries["la_shared"])
    assert not policy.can(m.school_contact, "summary.read", summaries["la_shared"])


@pytest.mark.parametrize("shared_with", [(), ("la",), ("la", "school")])
def test_the_partner_list_is_exactly_what_the_policy_allows(
    mediation_case: MediationCase,
    summaries: dict[str, Any],
    share_with: Callable[..., Any],
    shared_with: tuple[str, ...],
) -> None:
    m = mediation_case
    for name in shared_with:
        share_with(getattr(m, name))
    for user, party in ((m.la_officer, m.la), (m.school_contact, m.school)):
        party.refresh_from_db()
        listed = {s.pk for s in selectors.summaries_for_party_view(party=party)}
        allowed = {s.pk for s in summaries.values() if policy.can(user, "summary.read", s)}
        assert listed == allowed


def test_who_may_send_and_withdraw_a_summary(
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    staff: Callable[..., Any],
    other_case: Any,
    make_user: Callable[..., Any],
) -> None:
    m = mediation_case
    adviser = staff("mediation_adviser")
    camden = make_user("la_officer", organisation=other_case.other_la)
    # Staff who prepare send any party's summary (the family has no account); advisers do not.
    for party in (m.family, m.la, m.school):
        assert policy.can(m.coordinator, "summary.submit", party)
        assert policy.can(m.mediator, "summary.submit", party)
        assert not policy.can(adviser, "summary.submit", party)
    # A partner sends its own party's only.
    assert policy.can(m.la_officer, "summary.submit", m.la)
    assert not policy.can(m.la_officer, "summary.submit", m.family)
    assert not policy.can(m.la_officer, "summary.submit", m.school)
    assert not policy.can(camden, "summary.submit", m.la)

    la_summary = submit(m.case, m.la)
    family_summary = submit(m.case, m.family)
    assert policy.can(m.la_officer, "summary.withdraw", la_summary)
    assert not policy.can(m.la_officer, "summary.withdraw", family_summary)
    assert not policy.can(m.school_contact, "summary.withdraw", la_summary)
    assert policy.can(m.coordinator, "summary.withdraw", family_summary)


def test_partners_cannot_send_on_a_closed_case(mediation_case: MediationCase) -> None:
    from mediation.cases.services import case_close

    m = mediation_case
    case_close(case=m.case, reason="Done.", actor=m.coordinator)
    m.la.refresh_from_db()
    assert not policy.can(m.la_officer, "summary.submit", m.la)
    assert not policy.can(m.la_officer, "portal.party.act", m.la)
    # The case itself stays visible: the agreement and its due dates stay available.
    assert policy.can(m.la_officer, "portal.case.view", m.case)


def test_the_childs_views_follow_the_same_rules(
    mediation_case: MediationCase,
    share_with: Callable[..., Any],
    other_case: Any,
    make_user: Callable[..., Any],
) -> None:
    m = mediation_case
    views = services.child_views_record(
        case=m.case,
        completed_by="child_with_help",
        completed_on=timezone.localdate(),
        visibility="shared",
        answers={"what_i_like": "Drawing"},
        actor=m.mediator,
    )
    camden = make_user("la_officer", organisation=other_case.other_la)
    assert policy.can(m.mediator, "childviews.read", views)
    assert not policy.can(m.la_officer, "childviews.read", views)
    share_with(m.la)
    assert policy.can(m.la_officer, "childviews.read", views)
    assert not policy.can(m.school_contact, "childviews.read", views)
    assert not policy.can(camden, "childviews.read", views)
    m.la.refresh_from_db()
    assert selectors.child_views_readable_by_party(party=m.la) == views
    assert selectors.child_views_readable_by_party(party=m.school) is None

    views = services.child_views_record(
        case=m.case,
        completed_by="child_with_help",
        completed_on=timezone.localdate(),
        visibility="mediator_only",
        answers={"what_i_like": "Drawing"},
        actor=m.mediator,
    )
    assert not policy.can(m.la_officer, "childviews.read", views)
    assert selectors.child_views_readable_by_party(party=m.la) is None
    assert policy.can(m.coordinator, "childviews.record", m.case)
    assert not policy.can(m.la_officer, "childviews.record", m.case)


def test_partners_see_only_cases_their_organisation_is_a_party_to(
    mediation_case: MediationCase, other_case: Any, make_user: Callable[..., Any]
) -> None:
    m = mediation_case
    camden = make_user("la_officer", organisation=other_case.other_la)
    assert policy.can(m.la_officer, "portal.case.view", m.case)
    assert policy.can(m.school_contact, "portal.case.view", m.case)
    assert not policy.can(m.la_officer, "portal.case.view", other_case)
    assert not policy.can(m.school_contact, "portal.case.view", other_case)
    assert not policy.can(camden, "portal.case.view", m.case)
    assert policy.can(camden, "portal.case.view", other_case)
    # Staff use the case pages, not the partner side.
    assert not policy.can(m.coordinator, "portal.case.view", m.case)
    assert policy.can(m.la_officer, "portal.party.act", m.la)
    assert not policy.can(m.la_officer, "portal.party.act", m.school)
    assert not policy.can(m.la_officer, "portal.party.act", m.family)
