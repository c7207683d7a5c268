"""Parties and participants: the family, the organisations, and who takes part."""

from typing import Any

import pytest

from mediation.cases import parties
from mediation.cases.choices import DRAnswer, ParticipantRole, PartyKind
from mediation.core.errors import ApplicationError, ConflictError
from tests.factories.organisations import ICBFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_the_family_is_a_party_from_the_start(make_case: Any) -> None:
    case = make_case()
    family = case.parties.get()
    assert family.kind == PartyKind.FAMILY
    applicant = family.participants.get()
    assert applicant.name == "Alex Morgan"
    assert applicant.role == ParticipantRole.PARENT
    assert family.may_receive_shared_information


def test_an_organisation_is_one_party_and_must_fit_the_kind(make_case: Any, staff: Any) -> None:
    case = make_case()
    la = case.local_authority
    first = parties.party_add(case=case, kind="local_authority", organisation=la, actor=staff())
    again = parties.party_add(case=case, kind="local_authority", organisation=la, actor=staff())
    assert first == again
    with pytest.raises(ApplicationError, match="cannot be"):
        parties.party_add(case=case, kind="icb", organisation=la, actor=staff())
    icb_party = parties.party_add(
        case=case, kind="icb", organisation=ICBFactory.create(), actor=staff()
    )
    assert not icb_party.may_receive_shared_information  # no permission recorded yet


def test_the_family_brings_one_supporter_of_its_choice(make_case: Any, staff: Any) -> None:
    case = make_case()
    family = case.parties.get(kind="family")
    parties.participant_add(
        case=case, party=family, name="Pat Lee", role="supporter", actor=staff()
    )
    with pytest.raises(ConflictError, match="already has an advocate"):
        parties.participant_add(
            case=case, party=family, name="Sol Green", role="supporter", actor=staff()
        )
    school = parties.party_add(
        case=case, kind="school", organisation=SchoolFactory.create(), actor=staff()
    )
    with pytest.raises(ApplicationError, match="comes with the family"):
        parties.participant_add(case=case, party=school, name="X", role="supporter", actor=staff())


def test_decision_makers_belong_to_organisations(make_case: Any, staff: Any) -> None:
    case = make_case()
    la = parties.party_add(
        case=case, kind="local_authority", organisation=case.local_authority, actor=staff()
    )
    officer = parties.participant_add(
        case=case, party=la, name="Grace Adeyemi", role="officer", actor=staff()
    )
    parties.decision_maker_confirm(participant=officer, actor=staff())
    officer.refresh_from_db()
    assert officer.is_decision_maker
    assert officer.decision_maker_confirmed_at is not None
    family = case.parties.get(kind="family")
    with pytest.raises(ApplicationError):
        parties.participant_add(
            case=case, party=family, name="Y", role="parent", is_decision_maker=True, actor=staff()
        )


def test_sharing_needs_the_familys_permission(make_case: Any, staff: Any) -> None:
    case = make_case()
    la = parties.party_add(
        case=case, kind="local_authority", organisation=case.local_authority, actor=staff()
    )
    assert not la.may_receive_shared_information
    parties.share_consent_record(
        party=la, given=True, given_by="Alex Morgan", method="phone", actor=staff()
    )
    la.refresh_from_db()
    assert la.may_receive_shared_information
    assert case.consents.filter(kind="share_with_la", given=True).exists()


def test_dr_answers_are_recorded(make_case: Any, staff: Any) -> None:
    case = make_case(matters=[])
    school = parties.party_add(
        case=case, kind="school", organisation=SchoolFactory.create(), actor=staff()
    )
    parties.dr_answer_record(party=school, answer="asked", actor=staff())
    parties.dr_answer_record(
        party=school, answer="declines", note="Prefers its own complaints process.", actor=staff()
    )
    school.refresh_from_db()
    assert school.dr_answer == DRAnswer.DECLINES
    assert school.dr_asked_on is not None
    assert case.events.filter(title__contains="does not agree").exists()
