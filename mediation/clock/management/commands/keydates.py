"""Work out a case's statutory deadlines from the command line.

    python manage.py keydates --event decision_sent=2025-10-01 \\
        --event certificate_issued=2025-11-29 [--flag health_issues] [--today 2026-01-01] [--json]

Bad input exits with status 2 (like a usage error) and a message on stderr; nothing goes to stdout.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import textwrap
from datetime import date
from typing import Any, Final

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mediation.core.formatting import short_weekday_date
from mediation.rules import (
    EVENT_KEYS,
    FIRST_YEAR,
    FLAG_KEYS,
    LAST_YEAR,
    CaseFacts,
    DeadlineList,
    RulesInputError,
    compute_deadlines,
)

USAGE_ERROR: Final = 2
_ISO_DATE: Final = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WIDTH: Final = 100
# "1 October 2025" stays on one line when an explanation is wrapped.
_LONG_DATE: Final = re.compile(
    r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October"
    r"|November|December) (\d{4})\b"
)
_NBSP: Final = "\u00a0"


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


def _suggestion(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" Did you mean '{close[0]}'?" if close else ""


def parse_date(text: str, where: str) -> date:
    """Parse a YYYY-MM-DD date, or raise a usage error that says what was wrong and where."""
    match = _ISO_DATE.match(text.strip())
    if not match:
        raise _fail(
            f"{where}: '{text}' is not a date in the form YYYY-MM-DD, for example 2025-10-01."
        )
    year, month, day = (int(part) for part in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise _fail(f"{where}: '{text}' is not a real date.") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise _fail(
            f"{where}: {text} is outside the years the statutory calendar covers"
            f" ({FIRST_YEAR} to {LAST_YEAR})."
        )
    return value


def parse_events(raw: list[str]) -> dict[str, date]:
    """Turn ["decision_sent=2025-10-01", ...] into {"decision_sent": date(2025, 10, 1), ...}."""
    known = ", ".join(EVENT_KEYS)
    if not raw:
        raise _fail(
            "Give at least one event, for example --event decision_sent=2025-10-01."
            f" Known events: {known}."
        )
    events: dict[str, date] = {}
    for item in raw:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key or not value.strip():
            raise _fail(
                f"--event {item}: write each event as KEY=YYYY-MM-DD, for example"
                " --event decision_sent=2025-10-01."
            )
        if key not in EVENT_KEYS:
            raise _fail(
                f"--event {item}: unknown event '{key}'.{_suggestion(key, EVENT_KEYS)}"
                f" Known events: {known}."
            )
        if key in events:
            raise _fail(f"--event {item}: the event '{key}' is given more than once.")
        events[key] = parse_date(value, f"--event {item}")
    return events


def parse_flags(raw: list[str]) -> frozenset[str]:
    for flag in raw:
        if flag not in FLAG_KEYS:
            raise _fail(
                f"--flag {flag}: unknown flag.{_suggestion(flag, FLAG_KEYS)}"
                f" Known flags: {', '.join(FLAG_KEYS)}."
            )
    return frozenset(raw)


def _wrap(text: str, first: str, rest: str) -> str:
    glued = _LONG_DATE.sub(lambda m: _NBSP.join(m.groups()), text)
    return textwrap.fill(
        glued, _WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ).replace(_NBSP, " ")


def render_table(deadlines: DeadlineList, with_status: bool) -> str:
    """The plain-text report: a table of deadlines, then each explanation, then any notes."""
    header = ["Deadline", "Due", *(["Status"] if with_status else []), "Rule"]
    rows = [
        [
            f"{d.title} [{d.key}]",
            short_weekday_date(d.due),
            *([d.status.label if d.status else ""] if with_status else []),
            d.citation,
        ]
        for d in deadlines
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    out = [line(header).rstrip(), "  ".join("-" * w for w in widths)]
    out.extend(line(row).rstrip() for row in rows)
    if not rows:
        out.append("(no deadlines: the events given start none of the statutory periods)")
    if deadlines:
        out += ["", "How each date is worked out", ""]
        for d in deadlines:
            out.append(f"{d.title}: {short_weekday_date(d.due)}")
            out.append(_wrap(d.explanation, "  ", "  "))
            out.append(f"  Rule: {d.citation} (confidence: {d.confidence.value})")
            out.append("")
        out.pop()
    if deadlines.notes:
        out += ["", "Notes", ""]
        for note in deadlines.notes:
            out.append(_wrap(note, "- ", "  "))
    return "\n".join(out)


class Command(BaseCommand):
    help = (
        "Work out the statutory deadlines (adviser contact, certificate, mediation, appeal and"
        " agreement dates) from a case's dated events."
    )
    # A pure calculation: it needs neither the database nor the system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--event",
            action="append",
            default=[],
            metavar="KEY=YYYY-MM-DD",
            help=f"a dated event (repeatable). Keys: {', '.join(EVENT_KEYS)}",
        )
        parser.add_argument(
            "--flag",
            action="append",
            default=[],
            metavar="FLAG",
            help=f"a fact about the case (repeatable): {', '.join(FLAG_KEYS)}",
        )
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="show each deadline's status as seen on this day (working days left or overdue)",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help='print {"deadlines": [...], "notes": [...]} as JSON instead of a table',
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        # Django prints "CommandError: <message>"; a person running this needs only the message.
        # Called from code (call_command), the CommandError, with its returncode, is raised as is.
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(f"Error: {error}")
            sys.exit(error.returncode)

    def handle(self, *args: Any, **options: Any) -> None:
        events = parse_events(options["event"])
        flags = parse_flags(options["flag"])
        today = parse_date(options["today"], "--today") if options["today"] else None
        try:
            deadlines = compute_deadlines(CaseFacts(events, flags), today=today)
        except RulesInputError as error:
            raise _fail(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(deadlines.to_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(render_table(deadlines, with_status=today is not None))
