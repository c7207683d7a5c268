"""The "Find a case" form: a reference or name, and filters (GET, so a search can be linked to)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms

from mediation.cases.choices import OPEN_STAGES, Stage
from mediation.cases.selectors import ANY_OPEN, NOBODY, CaseSearch
from mediation.core.forms_govuk import GovukDateField, set_choices
from mediation.policy.roles import Role

if TYPE_CHECKING:
    from mediation.accounts.models import User
    from mediation.directory.models import Organisation, Service

TEXT_MAX = 100

STAGE_CHOICES = [
    ("", "Any stage"),
    (ANY_OPEN, "Any open stage"),
    (Stage.CLOSED.value, Stage.CLOSED.label),
    *[(stage.value, stage.label) for stage in OPEN_STAGES],
]

# The two ends of each date range: (from, to, what the range is about).
DATE_RANGES = (
    ("received_from", "received_to", "received"),
    ("closed_from", "closed_to", "closed"),
)


def _person(user: User) -> str:
    return user.full_name if user.is_active else f"{user.full_name} (account closed)"


def _date(label: str, name: str) -> GovukDateField:
    return GovukDateField(
        name=name, label=label, required=False, help_text="For example, 27 3 2026"
    )


class CaseSearchForm(forms.Form):
    text = forms.CharField(
        label="Reference or name",
        help_text="A case reference, or the name of the child, the applicant or the local "
        "authority",
        required=False,
        max_length=TEXT_MAX,
        error_messages={
            "max_length": f"Reference or name must be {TEXT_MAX} characters or fewer",
        },
        widget=forms.TextInput(attrs={"spellcheck": "false", "type": "search"}),
    )
    stage = forms.ChoiceField(label="Stage", required=False, choices=STAGE_CHOICES)
    service = forms.ChoiceField(label="Service", required=False)
    local_authority = forms.ChoiceField(label="Local authority", required=False)
    mediator = forms.ChoiceField(label="Mediator", required=False)
    assigned_to = forms.ChoiceField(label="Assigned to", required=False)
    received_from = _date("Received from", "the received from date")
    received_to = _date("Received to", "the received to date")
    closed_from = _date("Closed from", "the closed from date")
    closed_to = _date("Closed to", "the closed to date")

    govuk_classes = {
        "text": "govuk-!-width-full govuk-label--s",
        "stage": "govuk-!-width-full govuk-label--s",
        "service": "govuk-!-width-full govuk-label--s",
        "local_authority": "govuk-!-width-full govuk-label--s",
        "mediator": "govuk-!-width-full govuk-label--s",
        "assigned_to": "govuk-!-width-full govuk-label--s",
        "received_from": "govuk-fieldset__legend--s",
        "received_to": "govuk-fieldset__legend--s",
        "closed_from": "govuk-fieldset__legend--s",
        "closed_to": "govuk-fieldset__legend--s",
    }

    def __init__(
        self,
        *args: Any,
        services: Iterable[Service] = (),
        local_authorities: Iterable[Organisation] = (),
        staff: Iterable[User] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        services = list(services)
        staff = list(staff)
        if len(services) > 1:
            set_choices(
                self, "service", [("", "All services"), *[(str(s.pk), s.name) for s in services]]
            )
        else:
            del self.fields["service"]
        set_choices(
            self,
            "local_authority",
            [("", "All local authorities"), *[(str(la.pk), la.name) for la in local_authorities]],
        )
        mediators = [p for p in staff if p.role == Role.MEDIATOR]
        set_choices(
            self, "mediator", [("", "Any mediator"), *[(str(p.pk), _person(p)) for p in mediators]]
        )
        set_choices(
            self,
            "assigned_to",
            [("", "Anyone"), (NOBODY, "Nobody"), *[(str(p.pk), _person(p)) for p in staff]],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for start, end, what in DATE_RANGES:
            first: dt.date | None = cleaned.get(start)
            last: dt.date | None = cleaned.get(end)
            if first and last and last < first:
                self.add_error(
                    end,
                    f"The {what} to date must be the same as or after the {what} from date",
                )
        return cleaned

    def criteria(self) -> CaseSearch:
        """What to find (call once the form is valid)."""
        data = self.cleaned_data
        return CaseSearch(
            text=data["text"].strip(),
            stage=data["stage"],
            service_id=data.get("service", ""),
            local_authority_id=data["local_authority"],
            mediator_id=data["mediator"],
            assigned_to_id=data["assigned_to"],
            received_from=data["received_from"],
            received_to=data["received_to"],
            closed_from=data["closed_from"],
            closed_to=data["closed_to"],
        )

    def filters_used(self) -> bool:
        """Whether a filter beyond the search and the stage is chosen (or wrong): the page shows
        them open."""
        names = [n for n in self.fields if n not in {"text", "stage"}]
        wrong = any(name in self.errors for name in names) if self.is_bound else False
        return wrong or any(value for key, value in self.data.items() if key.split("-")[0] in names)

    def is_narrowed(self) -> bool:
        """Whether anything was typed or chosen (so there is a search to clear)."""
        return self.is_bound and any(self.data.get(name) for name in self.data if name != "page")
