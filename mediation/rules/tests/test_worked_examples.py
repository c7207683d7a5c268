"""Every worked example of legal-rules.md (E1-E15): the legal "A" dates, and never the "B" ones.

The "B" dates are the Upper Tribunal reading (extend by the excluded Christmas/August days), which
does not apply to the First-tier Tribunal's appeal deadline.
"""

from __future__ import annotations

import pytest

from mediation.rules import Adjustment, agreement_item_due, statutory_calendar
from mediation.rules.tests.helpers import d, deadlines, due


def test_e1_ipsea_certificate_in_november_christmas_window() -> None:
    result = deadlines(decision_sent="2025-10-01", certificate_issued="2025-11-29")
    appeal = result.get("appeal_deadline")
    assert appeal is not None
    assert appeal.due == d("2026-01-02")
    assert appeal.due != d("2026-01-06")  # B
    assert appeal.nominal == d("2025-12-29")
    assert appeal.counted_from == "certificate_issued"
    assert appeal.adjustments == (Adjustment.HESC_R12_3A_CHRISTMAS_AUGUST,)
    assert (
        "1 month from the certificate issued on 29 November 2025 is 29 December 2025. That day"
        " falls in the Christmas period (25 December to 1 January), so the Tribunal accepts the"
        " appeal on the first working day after 1 January: Friday 2 January 2026. The Tribunal"
        " must receive it by 5pm." in appeal.explanation
    )
    assert due(result, "adviser_contact_deadline") == d("2025-12-01")


def test_e2_declined_just_before_christmas() -> None:
    before_certificate = deadlines(decision_sent="2025-10-24", mediation_declined="2025-12-23")
    assert due(before_certificate, "certificate_due") == d("2025-12-30")
    assert due(before_certificate, "adviser_contact_deadline") == d("2025-12-24")
    after = deadlines(
        decision_sent="2025-10-24", mediation_declined="2025-12-23", certificate_issued="2025-12-30"
    )
    assert due(after, "appeal_deadline") == d("2026-01-30")
    assert due(after, "appeal_deadline") != d("2026-02-02")  # B


def test_e3_la_cannot_arrange_over_new_year() -> None:
    result = deadlines(
        decision_sent="2025-11-14", mediation_requested="2025-12-01", la_cannot_arrange="2025-12-31"
    )
    assert due(result, "mediation_due") == d("2025-12-31")
    assert due(result, "certificate_due") == d("2026-01-06")
    assert result.get("certificate_due").counted_from == "la_cannot_arrange"  # type: ignore[union-attr]
    with_certificate = deadlines(
        decision_sent="2025-11-14",
        mediation_requested="2025-12-01",
        la_cannot_arrange="2025-12-31",
        certificate_issued="2026-01-06",
    )
    assert due(with_certificate, "appeal_deadline") == d("2026-02-06")


def test_e4_month_end_letter() -> None:
    result = deadlines(
        decision_sent="2025-01-31", mediation_declined="2025-02-03", certificate_issued="2025-02-06"
    )
    assert due(result, "appeal_deadline") == d("2025-03-31")
    assert due(result, "adviser_contact_deadline") == d("2025-03-31")
    assert due(result, "certificate_due") == d("2025-02-06")
    assert result.get("appeal_deadline").counted_from == "decision_sent"  # type: ignore[union-attr]


def test_e5_february_clamp_then_weekend() -> None:
    result = deadlines(decision_sent="2025-12-31", certificate_issued="2026-01-30")
    appeal = result.get("appeal_deadline")
    assert appeal is not None
    assert appeal.nominal == d("2026-02-28")
    assert appeal.due == d("2026-03-02")
    assert appeal.adjustments == (Adjustment.HESC_R12_2_NEXT_WORKING_DAY,)


def test_e6_easter_sunday_and_reg_33_does_not_roll() -> None:
    result = deadlines(decision_sent="2026-02-05")
    assert due(result, "appeal_deadline") == d("2026-04-07")
    contact = result.get("adviser_contact_deadline")
    assert contact is not None
    assert contact.due == d("2026-04-05")  # stays on the Sunday: no roll-forward in the Regs
    assert "on or before" in contact.explanation
    assert "no rule moving" in contact.explanation
    assert contact.confidence.value == "uncertain"


def test_e7_declined_before_easter() -> None:
    result = deadlines(decision_sent="2026-02-05", mediation_declined="2026-04-01")
    assert due(result, "certificate_due") == d("2026-04-08")
    after = deadlines(
        decision_sent="2026-02-05", mediation_declined="2026-04-01", certificate_issued="2026-04-08"
    )
    assert due(after, "appeal_deadline") == d("2026-05-08")


def test_e8_mediation_concluded_before_easter() -> None:
    result = deadlines(decision_sent="2026-02-12", mediation_concluded="2026-04-02")
    assert due(result, "certificate_due") == d("2026-04-09")
    after = deadlines(
        decision_sent="2026-02-12",
        mediation_concluded="2026-04-02",
        certificate_issued="2026-04-09",
    )
    appeal = after.get("appeal_deadline")
    assert appeal is not None
    assert appeal.nominal == d("2026-05-09")
    assert appeal.due == d("2026-05-11")


def test_e9_saturday_moves_to_monday() -> None:
    result = deadlines(decision_sent="2026-01-20", certificate_issued="2026-03-25")
    assert due(result, "appeal_deadline") == d("2026-04-27")


def test_e10_august_nominal_goes_to_first_working_day_of_september() -> None:
    result = deadlines(decision_sent="2026-06-10")
    assert due(result, "appeal_deadline") == d("2026-09-01")
    assert due(result, "appeal_deadline") != d("2026-09-10")  # B


def test_e11_certificate_limb_lands_in_august() -> None:
    result = deadlines(decision_sent="2026-05-11", certificate_issued="2026-07-20")
    assert due(result, "appeal_deadline") == d("2026-09-01")
    assert due(result, "appeal_deadline") != d("2026-09-21")  # B


def test_e12_christmas_window_then_new_year_weekend() -> None:
    result = deadlines(decision_sent="2026-10-23", certificate_issued="2026-11-30")
    assert due(result, "appeal_deadline") == d("2027-01-04")
    assert due(result, "appeal_deadline") != d("2027-01-07")  # B


def test_e13_certificate_over_christmas_2026_skips_the_substitute_day() -> None:
    result = deadlines(decision_sent="2026-12-01", mediation_declined="2026-12-24")
    assert due(result, "certificate_due") == d("2026-12-31")


def test_e14_written_agreement_weeks() -> None:
    result = deadlines(
        flags=("health_only",),
        decision_sent="2026-01-05",
        mediation_requested="2026-01-20",
        mediation_concluded="2026-03-27",
        agreement_recorded="2026-03-27",
    )
    expected = {
        "agreement_amend_due": "2026-05-01",
        "agreement_placement_due": "2026-04-10",
        "agreement_actions_due": "2026-04-10",
        "agreement_la_notified_due": "2026-04-03",  # Good Friday: not moved
        "agreement_assess_notify_due": "2026-04-10",
        "agreement_assess_decline_to_issue_due": "2026-06-05",
        "agreement_assess_final_plan_due": "2026-07-03",
        "agreement_plan_draft_due": "2026-05-01",
        "agreement_plan_final_due": "2026-06-12",
    }
    for key, value in expected.items():
        assert due(result, key) == d(value), key
    la_notified = result.get("agreement_la_notified_due")
    assert la_notified is not None
    assert not statutory_calendar().is_working_day(la_notified.due)
    assert "on or before" in la_notified.explanation
    assert "uncertain" in la_notified.explanation
    assert la_notified.confidence.value == "uncertain"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("amend", "2026-05-01"),
        ("placement", "2026-04-10"),
        ("other", "2026-04-10"),
        ("la_notified", "2026-04-03"),
        ("assess_notify", "2026-04-10"),
        ("assess_decline_to_issue", "2026-06-05"),
        ("assess_final_plan", "2026-07-03"),
        ("plan_draft", "2026-05-01"),
        ("plan_final", "2026-06-12"),
    ],
    ids=lambda v: str(v),
)
def test_e14_agreement_item_due(kind: str, expected: str) -> None:
    item = agreement_item_due(d("2026-03-27"), kind)
    assert item.due == d(expected)
    assert item.counted_from == "agreement_recorded"
    assert item.adjustments == ()


def test_e14_la_notified_only_when_the_la_is_not_a_party() -> None:
    result = deadlines(
        decision_sent="2026-01-05",
        mediation_requested="2026-01-20",
        mediation_concluded="2026-03-27",
        agreement_recorded="2026-03-27",
    )
    assert result.get("agreement_la_notified_due") is None
    assert due(result, "agreement_actions_due") == d("2026-04-10")


def test_e15_no_29_february_in_2027() -> None:
    result = deadlines(decision_sent="2026-12-30")
    appeal = result.get("appeal_deadline")
    assert appeal is not None
    assert appeal.nominal == d("2027-02-28")
    assert appeal.due == d("2027-03-01")
    assert appeal.due != d("2027-03-02")  # B


# -- the wrong rules seen in secondary sources -------------------------------------------------


def test_mediation_is_due_in_30_calendar_days_not_60() -> None:
    result = deadlines(decision_sent="2025-11-14", mediation_requested="2025-12-01")
    assert due(result, "mediation_due") == d("2025-12-31")
    assert due(result, "mediation_due") != d("2026-01-30")  # +60 days
    assert due(result, "mediation_due") != d("2026-01-13")  # 30 working days


def test_appeal_is_two_months_not_60_days() -> None:
    # 10 March 2026 + 2 months = Sunday 10 May, so Monday 11 May; + 60 days would be 9 May.
    march = deadlines(decision_sent="2026-03-10")
    appeal = march.get("appeal_deadline")
    assert appeal is not None
    assert appeal.nominal == d("2026-05-10")
    assert appeal.due == d("2026-05-11")
    assert appeal.due != d("2026-05-09")


def test_certificate_limb_is_one_month_not_30_days() -> None:
    result = deadlines(decision_sent="2026-01-20", certificate_issued="2026-03-25")
    appeal = result.get("appeal_deadline")
    assert appeal is not None
    assert appeal.nominal == d("2026-04-25")  # 1 month, not 24 April (+30 days)
    assert appeal.due != d("2026-04-24")


def test_the_30_days_do_not_run_from_the_certificate() -> None:
    base = deadlines(decision_sent="2025-11-14", mediation_requested="2025-12-01")
    with_certificate = deadlines(
        decision_sent="2025-11-14",
        adviser_contacted="2025-11-20",
        mediation_requested="2025-12-01",
        la_cannot_arrange="2025-12-31",
        certificate_issued="2026-01-06",
    )
    mediation = with_certificate.get("mediation_due")
    assert mediation is not None
    assert mediation.due == due(base, "mediation_due") == d("2025-12-31")
    assert mediation.counted_from == "mediation_requested"
    assert mediation.due != d("2026-02-05")  # certificate + 30 days


def test_health_only_mediation_is_30_calendar_days_not_working_days() -> None:
    result = deadlines(
        flags=("health_only",),
        decision_sent="2025-11-14",
        mediation_requested="2025-12-01",
        icb_notified="2025-12-03",
    )
    mediation = result.get("mediation_due")
    assert mediation is not None
    assert mediation.counted_from == "icb_notified"
    assert mediation.due == d("2026-01-02")
    thirty_working_days = statutory_calendar().add_working_days(d("2025-12-03"), 30)
    assert mediation.due != thirty_working_days


def test_health_only_without_icb_notification_counts_from_its_latest_date() -> None:
    result = deadlines(
        flags=("health_only",), decision_sent="2025-11-14", mediation_requested="2025-12-01"
    )
    assert due(result, "icb_notification_due") == d("2025-12-04")
    mediation = result.get("mediation_due")
    assert mediation is not None
    assert mediation.counted_from == "icb_notification_due"
    assert mediation.counted_from_date == d("2025-12-04")
    assert mediation.due == d("2026-01-03")
    assert "has not been recorded" in mediation.explanation
    assert "latest" in mediation.explanation


def test_health_and_other_issues_still_count_from_the_request() -> None:
    result = deadlines(
        flags=("health_issues",),
        decision_sent="2025-11-14",
        mediation_requested="2025-12-01",
        icb_notified="2025-12-03",
    )
    assert due(result, "mediation_due") == d("2025-12-31")
    assert due(result, "icb_notification_due") == d("2025-12-04")
    assert result.get("icb_notification_due").done_on == d("2025-12-03")  # type: ignore[union-attr]


def test_assessment_notice_is_two_weeks_not_the_pre_2015_four() -> None:
    item = agreement_item_due(d("2026-03-27"), "assess_notify")
    assert item.due == d("2026-04-10")
    assert item.due != d("2026-04-24")


def test_certificate_duty_is_not_stretched_by_the_christmas_rule() -> None:
    # HESC r.12(3) is for Tribunal time limits only: plain working days (23, 24 and 29 December;
    # 25 and 28 December are closures), not the first working days after 1 January.
    result = deadlines(decision_sent="2026-10-23", mediation_declined="2026-12-22")
    assert due(result, "certificate_due") == d("2026-12-29")


def test_only_the_appeal_deadline_gets_the_hesc_adjustments() -> None:
    result = deadlines(
        decision_sent="2026-06-10",
        mediation_requested="2026-07-10",
        meeting_date="2026-08-20",
        mediation_concluded="2026-08-20",
        agreement_recorded="2026-08-20",
    )
    for item in result:
        if item.key == "appeal_deadline":
            continue
        assert item.adjustments == ()
        assert item.due.month == 8 or item.due == item.nominal
    assert due(result, "mediation_due") == d("2026-08-09")  # a Sunday in August: unchanged
