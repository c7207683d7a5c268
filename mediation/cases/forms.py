"""Forms for case work. Rendered through the GOV.UK form helper like every form."""

from typing import Any

from django import forms

from mediation.cases.choices import ConsentKind, ConsentMethod, Route, Stage
from mediation.core.forms_govuk import set_choices


class QueueFilterForm(forms.Form):
    search = forms.CharField(
        label="Search by reference or name",
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "type": "search"}),
    )
    local_authority = forms.ChoiceField(label="Local authority", required=False)
    stage = forms.ChoiceField(label="Stage", required=False)
    mine = forms.BooleanField(label="Only cases assigned to me", required=False)

    govuk_classes = {"search": "govuk-!-width-full"}

    def __init__(self, *args: Any, local_authorities: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "local_authority",
            [("", "All local authorities")] + [(str(la.pk), la.name) for la in local_authorities],
        )
        set_choices(
            self,
            "stage",
            [("", "All open stages")] + [(s.value, s.label) for s in Stage if s != Stage.CLOSED],
        )


class RouteForm(forms.Form):
    govuk_classes = {"route": "govuk-fieldset__legend--m"}

    route = forms.ChoiceField(
        label="Which route should this case take?",
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a route"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        help_text="Required if you choose a different route from the one suggested.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, proposed: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposed = proposed
        if proposed:
            self.govuk_choice_hints = {"route": {proposed: "Suggested by the certificate rules"}}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        route = cleaned.get("route")
        if (
            route
            and self.proposed
            and route != self.proposed
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", "Give a reason for choosing a different route")
        return cleaned


class AssignForm(forms.Form):
    govuk_page_heading = "assignee"

    assignee = forms.ChoiceField(
        label="Who should work on this case?", error_messages={"required": "Select a person"}
    )

    def __init__(self, *args: Any, people: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "assignee",
            [("", "Choose a person")]
            + [(str(p.pk), f"{p.full_name} ({p.get_role_display()})") for p in people],
        )


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which permission?",
        choices=ConsentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which permission this is"},
    )
    given = forms.ChoiceField(
        label="Did they give permission?",
        choices=[("yes", "Yes, permission given"), ("no", "No, permission refused or withdrawn")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they gave permission"},
    )
    given_by = forms.CharField(
        label="Who gave or refused permission?",
        max_length=150,
        error_messages={"required": "Enter the name of the person who gave or refused permission"},
    )
    method = forms.ChoiceField(
        label="How did they tell us?",
        choices=[c for c in ConsentMethod.choices if c[0] != ConsentMethod.REFERRER],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they told us"},
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SafeguardingForm(forms.Form):
    concern = forms.ChoiceField(
        label="Is there a safeguarding concern?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if there is a safeguarding concern"},
    )
    notes = forms.CharField(
        label="If yes: what is the concern, and what has been done?",
        required=False,
        help_text="Only the service manager and the caseworker holding the case can read this.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    govuk_conditionals = {"concern": {"yes": ["notes"]}}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("concern") == "yes" and not cleaned.get("notes", "").strip():
            self.add_error("notes", "Describe the concern and what has been done")
        return cleaned


class CloseForm(forms.Form):
    govuk_page_heading = "reason"

    reason = forms.CharField(
        label="Why is the case closing?",
        help_text="For example: certificate issued and the family does not want mediation.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the case is closing"},
    )
