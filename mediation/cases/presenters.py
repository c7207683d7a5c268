"""What the case work pages show: the work queue's rows, finding a case, "My cases", the parties
page, and the header (the case's name, its sub-navigation and its next step) above every section
of a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from mediation.cases import lifecycle, selectors
from mediation.cases.choices import Route, Stage
from mediation.core.pagination import PaginationParams, page_of, pagination_links
from mediation.rules import deadline_status

if TYPE_CHECKING:
    from django import forms
    from django.db.models import QuerySet
    from django.http import QueryDict

    from mediation.cases.models import Case

# Within this many working days a statutory date is "soon" on the queue.
SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class QueueRow:
    case: Case
    urgency: str  # "overdue", "today", "soon" (within 3 working days) or ""
    label: str
    next_step: str  # what happens next (the case page's next step), in a few words


def urgency(due: dt.date | None, today: dt.date) -> tuple[str, str]:
    """How to highlight a due date on the queue: overdue, today, soon (3 working days) or not."""
    if due is None:
        return "", ""
    status = deadline_status(due, today)
    if status.state == "overdue":
        return "overdue", status.label
    if status.state == "due_today":
        return "today", status.label
    return ("soon" if status.working_days <= SOON_WORKING_DAYS else ""), status.label


def queue_rows(cases: Iterable[Case], *, today: dt.date) -> list[QueueRow]:
    """Each case on the queue with how urgent its next statutory date is."""
    rows = []
    for case in cases:
        level, label = urgency(case.next_deadline_on, today)
        step = lifecycle.next_step(case)
        rows.append(
            QueueRow(case=case, urgency=level, label=label, next_step=step.title if step else "")
        )
    return rows


def stage_counts(counts: Mapping[str, int]) -> list[tuple[Stage, int]]:
    """The queue's summary: each open stage with its number of cases."""
    return [(Stage(key), n) for key, n in counts.items()]


def is_filtered(filters: selectors.QueueFilters) -> bool:
    return any([filters.local_authority_id, filters.stage, filters.assigned_to_me, filters.search])


PARTIES_HEADING = "Parties and participants"


def parties_page(*, case: Case) -> dict[str, object]:
    """The parties to a case, the people who take part for each, and the answers about DR."""
    return {
        "title": PARTIES_HEADING,
        "case": case,
        "case_header": case_header(case=case, section="parties", heading=PARTIES_HEADING),
        "parties": selectors.parties_for_case(case=case),
        "is_dr": case.route == Route.DISAGREEMENT_RESOLUTION,
        "dr_ready": selectors.dr_ready(case=case),
        "others": selectors.participants_without_party(case=case),
    }


def search_all_url(term: str = "") -> str:
    """The link to "Find a case" over open and closed cases, with the term searched on the queue."""
    url = reverse("cases:search")
    return f"{url}?{urlencode({'text': term.strip()})}" if term.strip() else url


# ---------------------------------------------------------------------------------------------
# Finding a case, and "My cases"
# ---------------------------------------------------------------------------------------------

# How many cases a page of results shows.
RESULTS_PAGE_SIZE = 50


@dataclass(frozen=True)
class FoundCase:
    """One case in a list of results: open or closed, with its next step while open."""

    case: Case
    stage: str
    next_step: str
    received_on: dt.date
    closed_on: dt.date | None


def found_case(case: Case) -> FoundCase:
    step = lifecycle.next_step(case)
    return FoundCase(
        case=case,
        stage=Stage(case.stage).label,
        next_step=step.title if step else "",
        received_on=timezone.localdate(case.received_at),
        closed_on=timezone.localdate(case.closed_at) if case.closed_at else None,
    )


def cases_counted(count: int, *, found: bool = True) -> str:
    """How many: "No cases found", "1 case found", "120 cases found" (or "No cases", "1 case")."""
    words = f"{count} case{'' if count == 1 else 's'}" if count else "No cases"
    return f"{words} found" if found else words


@dataclass(frozen=True)
class Results:
    """A page of cases, with how many there are in all and the links to the other pages."""

    rows: list[FoundCase]
    count: int
    summary: str  # "120 cases found"
    pagination: PaginationParams | None
    first: int  # the position of the page's first case in all of them (1-based)
    last: int


def results(cases: QuerySet[Case], *, query: QueryDict, found: bool = True) -> Results:
    """The page of cases the query's `page` asks for (the first, if it asks for none); `found`:
    they are a search's results."""
    page = page_of(cases, query.get("page"), size=RESULTS_PAGE_SIZE)
    count = page.paginator.count
    return Results(
        rows=[found_case(case) for case in page.object_list],
        count=count,
        summary=cases_counted(count, found=found),
        pagination=pagination_links(page, query=query),
        first=page.start_index(),
        last=page.end_index(),
    )


def search_page(
    *, form: forms.Form, cases: QuerySet[Case] | None, query: QueryDict, narrowed: bool
) -> dict[str, object]:
    """The "Find a case" page: the search and its filters, and (once they are right) the cases
    found."""
    return {
        "title": "Find a case",
        "form": form,
        "results": results(cases, query=query) if cases is not None else None,
        "narrowed": narrowed,
    }


def my_cases_page(*, cases: QuerySet[Case], open_count: int, query: QueryDict) -> dict[str, object]:
    """The cases someone holds, their open ones counted in the heading: "My cases (3)"."""
    return {
        "title": f"My cases ({open_count})",
        "open_count": open_count,
        "open_summary": (
            "You have no open cases"
            if open_count == 0
            else f"You have {open_count} open case{'' if open_count == 1 else 's'}"
        ),
        "results": results(cases, query=query, found=False),
    }


# The sections of a case, in the order of its sub-navigation: (key, label, URL name). Parties and
# preparation are those apps' own pages; the others are composed by mediation.casework, which
# sits above the apps whose parts they show (ADR 5).
CASE_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("overview", "Overview", "casework:detail"),
    ("parties", "Parties", "cases:parties"),
    ("preparation", "Preparation", "preparation:overview"),
    ("meetings", "Meetings", "casework:meetings"),
    ("agreement", "Agreement", "casework:agreement"),
    ("certificates", "Certificates", "casework:certificates"),
    ("documents", "Documents", "casework:documents"),
    ("timeline", "Timeline", "casework:timeline"),
)


@dataclass(frozen=True)
class CaseSection:
    """One link of the case's sub-navigation (MOJ's `items`)."""

    key: str
    text: str
    href: str
    active: bool


@dataclass(frozen=True)
class CaseHeader:
    """What `cases/_case_section_header.html` shows above every section of a case."""

    case: Case
    caption: str
    heading: str
    sections: tuple[CaseSection, ...]
    next_step: lifecycle.NextStep | None

    @property
    def here(self) -> str:
        """The address of the section on screen (a next step that leads here is no button)."""
        return next(s.href for s in self.sections if s.active)


def case_header(*, case: Case, section: str, heading: str = "") -> CaseHeader:
    """The case's name, stage and next step, and the sub-navigation with ``section`` current.

    The overview's heading is the child's name; another section's is its own (``heading``),
    with the case's reference and the child's name above it.
    """
    if section not in {key for key, _, _ in CASE_SECTIONS}:
        raise ValueError(f"No such section of a case: {section}")
    kwargs = {"case_id": case.pk}
    sections = tuple(
        CaseSection(key, text, reverse(url_name, kwargs=kwargs), key == section)
        for key, text, url_name in CASE_SECTIONS
    )
    if section == "overview":
        caption, heading = f"{case.reference} · {case.service.name} service", case.child_name
    else:
        caption = f"{case.reference} · {case.child_name}"
    return CaseHeader(
        case=case,
        caption=caption,
        heading=heading or case.child_name,
        sections=sections,
        next_step=lifecycle.next_step(case),
    )
