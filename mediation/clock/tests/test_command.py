"""`manage.py keydates`: every worked example of legal-rules.md, the table, the JSON, bad input."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mediation.rules import RULES, CaseFacts, compute_deadlines

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> tuple[str, str]:
    """Run the command in-process; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("keydates", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_json(*args: str) -> dict[str, Any]:
    out, _ = run(*args, "--json")
    data: dict[str, Any] = json.loads(out)
    return data


def events(*pairs: str) -> list[str]:
    args: list[str] = []
    for pair in pairs:
        args += ["--event", pair]
    return args


def due_dates(data: dict[str, Any]) -> dict[str, str]:
    return {d["key"]: d["due"] for d in data["deadlines"]}


# (id, command arguments, deadlines expected (the legal "A" dates), dates that must NOT appear
# (the "B" reading of the Upper Tribunal rule, which does not apply)).
WORKED_EXAMPLES: list[tuple[str, list[str], dict[str, str], dict[str, str]]] = [
    (
        "E1",
        events("decision_sent=2025-10-01", "certificate_issued=2025-11-29"),
        {"appeal_deadline": "2026-01-02", "adviser_contact_deadline": "2025-12-01"},
        {"appeal_deadline": "2026-01-06"},
    ),
    (
        "E2-certificate",
        events("decision_sent=2025-10-24", "mediation_declined=2025-12-23"),
        {"certificate_due": "2025-12-30", "adviser_contact_deadline": "2025-12-24"},
        {},
    ),
    (
        "E2-appeal",
        events(
            "decision_sent=2025-10-24",
            "mediation_declined=2025-12-23",
            "certificate_issued=2025-12-30",
        ),
        {"appeal_deadline": "2026-01-30"},
        {"appeal_deadline": "2026-02-02"},
    ),
    (
        "E3-certificate",
        events(
            "decision_sent=2025-11-14",
            "mediation_requested=2025-12-01",
            "la_cannot_arrange=2025-12-31",
        ),
        {"mediation_due": "2025-12-31", "certificate_due": "2026-01-06"},
        {},
    ),
    (
        "E3-appeal",
        events(
            "decision_sent=2025-11-14",
            "mediation_requested=2025-12-01",
            "la_cannot_arrange=2025-12-31",
            "certificate_issued=2026-01-06",
        ),
        {"appeal_deadline": "2026-02-06"},
        {},
    ),
    (
        "E4",
        events(
            "decision_sent=2025-01-31",
            "mediation_declined=2025-02-03",
            "certificate_issued=2025-02-06",
        ),
        {
            "appeal_deadline": "2025-03-31",
            "adviser_contact_deadline": "2025-03-31",
            "certificate_due": "2025-02-06",
        },
        {},
    ),
    (
        "E5",
        events("decision_sent=2025-12-31", "certificate_issued=2026-01-30"),
        {"appeal_deadline": "2026-03-02"},
        {},
    ),
    (
        "E6",
        events("decision_sent=2026-02-05"),
        {"appeal_deadline": "2026-04-07", "adviser_contact_deadline": "2026-04-05"},
        {},
    ),
    (
        "E7-certificate",
        events("decision_sent=2026-02-05", "mediation_declined=2026-04-01"),
        {"certificate_due": "2026-04-08"},
        {},
    ),
    (
        "E7-appeal",
        events(
            "decision_sent=2026-02-05",
            "mediation_declined=2026-04-01",
            "certificate_issued=2026-04-08",
        ),
        {"appeal_deadline": "2026-05-08"},
        {},
    ),
    (
        "E8-certificate",
        events("decision_sent=2026-02-12", "mediation_concluded=2026-04-02"),
        {"certificate_due": "2026-04-09"},
        {},
    ),
    (
        "E8-appeal",
        events(
            "decision_sent=2026-02-12",
            "mediation_concluded=2026-04-02",
            "certificate_issued=2026-04-09",
        ),
        {"appeal_deadline": "2026-05-11"},
        {},
    ),
    (
        "E9",
        events("decision_sent=2026-01-20", "certificate_issued=2026-03-25"),
        {"appeal_deadline": "2026-04-27"},
        {},
    ),
    (
        "E10",
        events("decision_sent=2026-06-10"),
        {"appeal_deadline": "2026-09-01"},
        {"appeal_deadline": "2026-09-10"},
    ),
    (
        "E11",
        events("decision_sent=2026-05-11", "certificate_issued=2026-07-20"),
        {"appeal_deadline": "2026-09-01"},
        {"appeal_deadline": "2026-09-21"},
    ),
    (
        "E12",
        events("decision_sent=2026-10-23", "certificate_issued=2026-11-30"),
        {"appeal_deadline": "2027-01-04"},
        {"appeal_deadline": "2027-01-07"},
    ),
    (
        "E13",
        events("mediation_declined=2026-12-24"),
        {"certificate_due": "2026-12-31"},
        {},
    ),
    (
        "E14",
        [*events("agreement_recorded=2026-03-27"), "--flag", "health_only"],
        {
            "agreement_amend_due": "2026-05-01",
            "agreement_placement_due": "2026-04-10",
            "agreement_actions_due": "2026-04-10",
            "agreement_la_notified_due": "2026-04-03",
            "agreement_assess_notify_due": "2026-04-10",
            "agreement_assess_decline_to_issue_due": "2026-06-05",
            "agreement_assess_final_plan_due": "2026-07-03",
        },
        {},
    ),
    (
        "E15",
        events("decision_sent=2026-12-30"),
        {"appeal_deadline": "2027-03-01"},
        {"appeal_deadline": "2027-03-02"},
    ),
]


@pytest.mark.parametrize(
    ("args", "expected", "not_expected"),
    [example[1:] for example in WORKED_EXAMPLES],
    ids=[example[0] for example in WORKED_EXAMPLES],
)
def test_worked_examples_give_the_legal_dates_in_json(
    args: list[str], expected: dict[str, str], not_expected: dict[str, str]
) -> None:
    got = due_dates(run_json(*args))
    for key, value in expected.items():
        assert got.get(key) == value, f"{key}: expected {value}, got {got.get(key)}"
    for key, wrong in not_expected.items():
        assert got[key] != wrong


def test_json_has_exactly_deadlines_and_notes_with_the_citation_as_rule() -> None:
    data = run_json(*events("decision_sent=2025-10-01", "certificate_issued=2025-11-29"))
    assert set(data) == {"deadlines", "notes"}
    assert data["notes"] == []
    appeal = next(d for d in data["deadlines"] if d["key"] == "appeal_deadline")
    assert {"key", "due", "rule", "explanation"} <= set(appeal)
    assert appeal["rule"] == RULES["appeal_deadline.certificate"].citation
    assert appeal["rule"] == "HESC Rules 2008, r.20(1)(c)(ii), with r.12"
    assert "Friday 2 January 2026" in appeal["explanation"]
    assert appeal["status"] is None  # no --today given
    # Ordered by due date.
    assert [d["due"] for d in data["deadlines"]] == sorted(d["due"] for d in data["deadlines"])


def test_json_carries_notes_and_status_with_today() -> None:
    data = run_json(*events("decision_sent=2026-06-10"), "--today", "2026-08-28")
    assert any("No mediation certificate has been recorded" in n for n in data["notes"])
    appeal = next(d for d in data["deadlines"] if d["key"] == "appeal_deadline")
    # Fri 28 Aug 2026 to Tue 1 Sep: Mon 31 Aug is a bank holiday, so 1 working day.
    assert appeal["status"] == {
        "state": "upcoming",
        "working_days": 1,
        "label": "Due in 1 working day",
    }


def test_plain_table_for_e1() -> None:
    out, err = run(*events("decision_sent=2025-10-01", "certificate_issued=2025-11-29"))
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["Deadline", "Due", "Rule"]
    contact_row = next(line for line in lines if "[adviser_contact_deadline]" in line)
    assert "Contact the mediation adviser [adviser_contact_deadline]" in contact_row
    assert "Mon 1 Dec 2025" in contact_row
    assert "SEND Regulations 2014, reg 33" in contact_row
    appeal_row = next(line for line in lines if "[appeal_deadline]" in line)
    assert "Appeal to the Tribunal [appeal_deadline]" in appeal_row
    assert "Fri 2 Jan 2026" in appeal_row
    assert "HESC Rules 2008, r.20(1)(c)(ii), with r.12" in appeal_row
    assert lines.index(contact_row) < lines.index(appeal_row)  # by due date
    assert "How each date is worked out" in out
    # Each explanation is there, wrapped, with dates kept on one line.
    flat = " ".join(line.strip() for line in lines)
    facts = CaseFacts(
        {"decision_sent": date(2025, 10, 1), "certificate_issued": date(2025, 11, 29)}
    )
    for deadline in compute_deadlines(facts):
        assert deadline.explanation in flat
    assert "Friday 2 January 2026" in flat
    explanation_lines = [line for line in lines if line.startswith("  ")]
    assert explanation_lines
    assert all(len(line) <= 100 for line in explanation_lines)
    months = ("January", "February", "October", "November", "December")
    for line, following in itertools.pairwise(lines):
        # A date is never split between lines ("... 29" / "December 2025 ...").
        assert not (line.rstrip()[-1:].isdigit() and following.strip().startswith(months))
    assert "Notes" not in out  # nothing to note when the certificate is known


def test_plain_table_has_a_status_column_with_today_and_lists_notes() -> None:
    out, _ = run(*events("decision_sent=2026-02-05"), "--today", "2026-04-06")
    lines = out.splitlines()
    assert lines[0].split() == ["Deadline", "Due", "Status", "Rule"]
    contact_row = next(line for line in lines if "[adviser_contact_deadline]" in line)
    assert "Sun 5 Apr 2026" in contact_row
    assert "Overdue" in contact_row
    appeal_row = next(line for line in lines if "[appeal_deadline]" in line)
    assert "Tue 7 Apr 2026" in appeal_row
    assert "Due in 1 working day" in appeal_row
    assert "Notes" in lines
    assert "- No mediation certificate has been recorded" in out


def test_plain_table_e13_without_a_decision_says_what_is_missing() -> None:
    out, _ = run(*events("mediation_declined=2026-12-24"))
    assert "Mediation certificate (mediation declined) [certificate_due]" in out
    assert "Thu 31 Dec 2026" in out
    assert "The date the LA's decision notice was sent is not recorded" in out


def test_flag_health_issues_adds_the_icb_deadline() -> None:
    args = events("decision_sent=2025-11-14", "mediation_requested=2025-12-01")
    assert "icb_notification_due" not in due_dates(run_json(*args))
    got = due_dates(run_json(*args, "--flag", "health_issues"))
    assert got["icb_notification_due"] == "2025-12-04"


# -- bad input -------------------------------------------------------------------------------

BAD_INPUT: list[tuple[str, list[str], list[str]]] = [
    (
        "impossible-date",
        events("decision_sent=2025-02-30"),
        ["--event decision_sent=2025-02-30", "'2025-02-30' is not a real date"],
    ),
    (
        "not-iso",
        events("decision_sent=1/10/2025"),
        ["is not a date in the form YYYY-MM-DD"],
    ),
    (
        "no-equals",
        events("decision_sent"),
        ["--event decision_sent", "write each event as KEY=YYYY-MM-DD"],
    ),
    (
        "empty-date",
        events("decision_sent="),
        ["write each event as KEY=YYYY-MM-DD"],
    ),
    (
        "unknown-event",
        events("decison_sent=2025-10-01"),
        ["unknown event 'decison_sent'", "Did you mean 'decision_sent'?", "Known events:"],
    ),
    (
        "unknown-event-far-from-any",
        events("xyz=2025-10-01"),
        ["unknown event 'xyz'", "Known events: decision_sent, adviser_contacted"],
    ),
    (
        "event-twice",
        events("decision_sent=2025-10-01", "decision_sent=2025-10-02"),
        ["given more than once"],
    ),
    (
        "unknown-flag",
        [*events("decision_sent=2025-10-01"), "--flag", "health"],
        ["--flag health: unknown flag.", "Did you mean 'health_only'?", "Known flags:"],
    ),
    (
        "contradictory-sequence",
        events("decision_sent=2025-10-01", "certificate_issued=2025-09-01"),
        [
            "The date the mediation certificate was issued (1 September 2025) is before the date"
            " the LA's decision notice was sent (1 October 2025)."
        ],
    ),
    (
        "icb-without-health-flag",
        events(
            "decision_sent=2025-10-01", "mediation_requested=2025-10-10", "icb_notified=2025-10-12"
        ),
        ["add the 'health_issues' or 'health_only' flag"],
    ),
    (
        "date-before-the-calendar",
        events("decision_sent=2013-12-31"),
        ["outside the years the statutory calendar covers (2014 to 2040)"],
    ),
    (
        "date-after-the-calendar",
        events("decision_sent=2041-01-05"),
        ["outside the years the statutory calendar covers (2014 to 2040)"],
    ),
    (
        "deadline-after-the-calendar",
        events("decision_sent=2040-12-01"),
        ["outside the years the rules can count", "2041"],
    ),
    (
        "today-impossible",
        [*events("decision_sent=2025-10-01"), "--today", "2025-13-01"],
        ["--today: '2025-13-01' is not a real date"],
    ),
    (
        "no-events",
        [],
        ["Give at least one event", "--event decision_sent=2025-10-01"],
    ),
]


@pytest.mark.parametrize(
    ("args", "messages"), [case[1:] for case in BAD_INPUT], ids=[case[0] for case in BAD_INPUT]
)
def test_bad_input_raises_command_error_with_returncode_2(
    args: list[str], messages: list[str]
) -> None:
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("keydates", *args, "--json", stdout=out, stderr=StringIO())
    assert caught.value.returncode == 2
    for message in messages:
        assert message in str(caught.value)
    assert out.getvalue() == ""


def manage(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(ROOT / "manage.py"), "keydates", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def command_line_runs() -> dict[str, subprocess.CompletedProcess[str]]:
    """Every bad-input case run as a real process; started together, as each takes seconds."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {name: pool.submit(manage, *args) for name, args, _ in BAD_INPUT}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize(
    ("name", "messages"),
    [(case[0], case[2]) for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input_from_the_command_line_exits_2_with_the_message_on_stderr(
    command_line_runs: dict[str, subprocess.CompletedProcess[str]], name: str, messages: list[str]
) -> None:
    result = command_line_runs[name]
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
    for message in messages:
        assert message in result.stderr


def test_unknown_option_from_the_command_line_is_a_usage_error() -> None:
    result = manage("--evnt", "decision_sent=2025-10-01")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unrecognized arguments: --evnt" in result.stderr


def test_command_line_success_prints_json_and_exits_0() -> None:
    result = manage(
        "--event", "decision_sent=2025-10-01", "--event", "certificate_issued=2025-11-29", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert due_dates(data)["appeal_deadline"] == "2026-01-02"


def test_command_line_success_prints_the_table() -> None:
    result = manage("--event", "decision_sent=2026-06-10")
    assert result.returncode == 0, result.stderr
    assert "Tue 1 Sep 2026" in result.stdout
    explanation = compute_deadlines(CaseFacts({"decision_sent": date(2026, 6, 10)})).get(
        "appeal_deadline"
    )
    assert explanation is not None
    assert explanation.explanation in " ".join(result.stdout.split())
