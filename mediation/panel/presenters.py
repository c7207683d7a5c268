"""What the panel's pages show: the list of mediators, a mediator's page, the allocation page.
Page models and labels; reads through `selectors`, changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from mediation import policy
from mediation.panel import selectors

if TYPE_CHECKING:
    from django import forms

    from mediation.accounts.actors import Actor
    from mediation.accounts.models import User
    from mediation.cases.models import Case
    from mediation.panel.models import Allocation, ConflictDeclaration, MediatorProfile
    from mediation.panel.selectors import Suggestion

type Context = dict[str, object]


def mediator_url(mediator: User) -> str:
    return reverse("panel:detail", kwargs={"user_id": mediator.pk})


def case_url(case: Case) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


# ---------------------------------------------------------------------------------------------
# The panel
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelRow:
    mediator: User
    profile: MediatorProfile | None
    caseload: int
    accreditation: str  # missing, expired, expiring, current
    accreditation_label: str
    areas: list[str]
    conflicts: int

    @property
    def capacity_left(self) -> int | None:
        if self.profile is None:
            return None
        return max(self.profile.max_open_cases - self.caseload, 0)


def areas_label(profile: MediatorProfile | None) -> list[str]:
    """The local authorities a mediator covers, by name ("Any area" for all of them)."""
    if profile is None:
        return []
    if profile.any_area:
        return ["Any area"]
    return sorted(a.name for a in profile.areas.all())


def panel_list(*, today: dt.date | None = None, include_inactive: bool = False) -> list[PanelRow]:
    """Every mediator with accreditation, areas, languages, availability and caseload, by name."""
    today = today or timezone.localdate()
    rows = []
    for member in selectors.panel_members(include_inactive=include_inactive):
        state, label = selectors.accreditation_state(member.profile, today=today)
        rows.append(
            PanelRow(
                mediator=member.mediator,
                profile=member.profile,
                caseload=member.caseload,
                accreditation=state,
                accreditation_label=label,
                areas=areas_label(member.profile),
                conflicts=member.conflicts,
            )
        )
    return rows


def panel_page() -> Context:
    return {"title": "Mediators", "rows": panel_list(), "today": timezone.localdate()}


def mediator_page(*, mediator: User, viewer: Actor) -> Context:
    """A mediator's page: their profile, the open cases this viewer may see, their conflicts."""
    profile = selectors.loaded_profile(mediator)
    state, label = selectors.accreditation_state(profile)
    cases = list(selectors.cases_allocated_to(mediator=mediator))
    return {
        "title": mediator.full_name,
        "mediator": mediator,
        "profile": profile,
        "accreditation": state,
        "accreditation_label": label,
        "caseload": len(cases),
        "visible_cases": [c for c in cases if policy.can(viewer, "case.view", c)],
        "conflicts": list(selectors.conflicts_of(mediator=mediator)),
        # Family conflicts name a family: only the mediator and managers read the details.
        "may_declare": policy.can(viewer, "conflict.declare", mediator),
        "may_manage": policy.can(viewer, "panel.manage"),
    }


# A new profile's answers: taking cases, up to 6 at a time.
NEW_PROFILE = {"available": "yes", "max_open_cases": 6}


def profile_initial(profile: MediatorProfile | None) -> Context:
    """The profile form's answers: the profile as it is, or a new one's."""
    if profile is None:
        return dict(NEW_PROFILE)
    return {
        "register": profile.register,
        "register_other": profile.register_other,
        "registration_number": profile.registration_number,
        "accredited_until": profile.accredited_until,
        "coverage": "any" if profile.any_area else "chosen",
        "areas": [str(a.pk) for a in profile.areas.all()],
        "languages": ", ".join(profile.languages),
        "available": "yes" if profile.available else "no",
        "availability_notes": profile.availability_notes,
        "max_open_cases": profile.max_open_cases,
    }


def profile_page(*, mediator: User, form: forms.Form) -> Context:
    return {"title": f"Panel profile: {mediator.full_name}", "mediator": mediator, "form": form}


def conflict_new_page(*, mediator: User, form: forms.Form, viewer: Actor) -> Context:
    return {
        "title": "Declare a conflict of interest",
        "mediator": mediator,
        "form": form,
        # The mediator declaring their own conflict is spoken to as "you".
        "own": viewer.pk == mediator.pk,
    }


def conflict_withdraw_page(*, conflict: ConflictDeclaration, form: forms.Form) -> Context:
    return {
        "title": "Withdraw a declaration",
        "mediator": conflict.mediator,
        "conflict": conflict,
        "form": form,
    }


# ---------------------------------------------------------------------------------------------
# Allocation
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AllocationChoice:
    """Who mediates a case now, and who could instead."""

    current: Allocation | None
    offered: list[Suggestion]  # eligible, the current mediator left out
    excluded: list[Suggestion]  # not eligible, with reasons (the current mediator left out)
    current_problems: tuple[str, ...]  # why the current mediator would not be offered now


def allocation_choice(*, case: Case) -> AllocationChoice:
    eligible, excluded = selectors.suggest_mediators(case=case)
    return AllocationChoice(
        current=selectors.current_allocation(case=case),
        offered=[s for s in eligible if not s.is_current],
        excluded=[s for s in excluded if not s.is_current],
        current_problems=next((s.reasons for s in excluded if s.is_current), ()),
    )


def allocate_page(*, case: Case, form: forms.Form, choice: AllocationChoice) -> Context:
    """The allocation page: the case's facts, the current mediator, the choice, the history."""
    return {
        "title": "Change the mediator" if choice.current else "Allocate a mediator",
        "case": case,
        "form": form,
        "current": choice.current,
        "current_problems": choice.current_problems,
        "offered": choice.offered,
        "excluded": choice.excluded,
        "history": list(selectors.allocation_history(case=case)),
        "mediation_due": selectors.mediation_due_on(case),
        "family_languages": selectors.family_languages(case=case),
    }
