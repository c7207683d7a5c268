"""The lifecycle table: every move from every stage, allowed or refused with its reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mediation.cases import lifecycle
from mediation.cases.choices import DRAnswer, Stage
from mediation.cases.lifecycle import MOVES, MoveName
from mediation.cases.models import Case
from mediation.core.errors import ConflictError

pytestmark = pytest.mark.django_db

PAIRS = [(name, stage) for name in MoveName for stage in Stage]


def _case_at(stage: Stage) -> Case:
    """A mediation case (the LA already told) at a stage, in memory only."""
    return Case(stage=stage, route="mediation_information", mediation_requested_on=dt.date.today())


def test_every_move_is_in_the_table_once_with_a_policy_action() -> None:
    assert set(MOVES) == set(MoveName)
    for move in MOVES.values():
        assert move.sources, move.name
        assert move.targets, move.name
        assert "." in move.action, move.name
        assert Stage.CLOSED not in move.sources, f"{move.name} leaves a closed case"


@pytest.mark.parametrize(("name", "stage"), PAIRS, ids=[f"{n}-from-{s}" for n, s in PAIRS])
def test_a_move_is_allowed_exactly_from_its_sources(name: MoveName, stage: Stage) -> None:
    move = MOVES[name]
    for target in move.targets:
        case = _case_at(stage)
        reason = lifecycle.refusal(case, name, target)
        dr_meeting = name == MoveName.MEETING_ARRANGED and stage == Stage.ARRANGING_DR
        declined_meeting = name == MoveName.MEETING_ARRANGED and stage == Stage.CERTIFICATE_DUE
        if declined_meeting:
            assert reason == (
                "The family does not want mediation, so there is no meeting: issue the certificate."
            )
        elif stage in move.sources and not dr_meeting:
            assert reason is None, f"{name} from {stage} to {target}: {reason}"
            assert lifecycle.move(case, name, target) == target
            assert case.stage == target
        elif stage == Stage.CLOSED:
            assert reason == "This case is closed."
        elif dr_meeting:
            assert reason == "Add the other parties and ask each whether it will take part first."
        else:
            assert reason == f"{move.label} is not possible now: the case is at “{stage.label}”."
            with pytest.raises(ConflictError, match="is not possible now"):
                lifecycle.move(case, name, target)
            assert case.stage == stage


@pytest.mark.parametrize("name", list(MoveName))
def test_a_move_refuses_a_stage_it_does_not_lead_to(name: MoveName) -> None:
    move = MOVES[name]
    source = sorted(move.sources)[0]
    wrong = next(s for s in Stage if s not in move.targets)
    reason = lifecycle.refusal(_case_at(source), name, wrong)
    assert reason == f"{move.label} cannot lead to “{wrong.label}”."


def test_a_move_with_several_targets_needs_to_be_told_which() -> None:
    case = _case_at(Stage.NEW)
    assert lifecycle.refusal(case, MoveName.ROUTE_CONFIRMED) == (
        "Confirm the route cannot lead to “nowhere”."
    )


def test_a_meeting_while_the_certificate_is_owed_only_when_the_la_could_not_arrange() -> None:
    case = _case_at(Stage.CERTIFICATE_DUE)
    case.la_cannot_arrange_on = dt.date.today()
    assert lifecycle.refusal(case, MoveName.MEETING_ARRANGED) is None


def test_no_meeting_before_the_la_is_told() -> None:
    case = _case_at(Stage.ARRANGING_MEDIATION)
    case.mediation_requested_on = None
    assert lifecycle.refusal(case, MoveName.MEETING_ARRANGED) == (
        "Record when the local authority was told the family wants mediation first."
    )


def _dr_case(make_case: Any) -> tuple[Case, Any]:
    from mediation.cases.parties import dr_answer_record, party_add
    from tests.factories.organisations import SchoolFactory

    case = make_case(wants="disagreement_resolution")
    case.route = "disagreement_resolution"
    case.stage = Stage.ARRANGING_DR
    case.save()
    school = party_add(
        case=case, kind="school", organisation=SchoolFactory.create(name="Oak School")
    )
    la = party_add(case=case, kind="local_authority", organisation=case.local_authority)
    dr_answer_record(party=la, answer=DRAnswer.AGREES, actor=None)
    return Case.objects.get(pk=case.pk), school


def test_disagreement_resolution_meets_only_once_every_party_agreed(make_case: Any) -> None:
    from mediation.cases.parties import dr_answer_record

    case, school = _dr_case(make_case)
    assert lifecycle.refusal(case, MoveName.MEETING_ARRANGED) == (
        "Wait until Oak School agrees to take part before arranging the meeting."
    )
    dr_answer_record(party=school, answer=DRAnswer.DECLINES, actor=None)
    assert lifecycle.refusal(case, MoveName.MEETING_ARRANGED) == (
        "Oak School said no to disagreement resolution, so there can be no meeting. Close the "
        "case, or record a change of mind first."
    )
    dr_answer_record(party=school, answer=DRAnswer.AGREES, actor=None)
    assert lifecycle.refusal(case, MoveName.MEETING_ARRANGED) is None


def test_allowed_moves_lists_what_can_happen_now() -> None:
    names = {m.name for m in lifecycle.allowed_moves(_case_at(Stage.MIAS_BOOKED))}
    assert names == {
        MoveName.OUT_OF_SCOPE,
        MoveName.CALL_BOOKED,
        MoveName.CALL_NOT_GIVEN,
        MoveName.FAMILY_DECIDING,
        MoveName.MEDIATION_DECLINED,
        MoveName.MEDIATION_WANTED,
        MoveName.WITHDRAWN,
        MoveName.CLOSED,
    }
    assert lifecycle.allowed_moves(_case_at(Stage.CLOSED)) == []
