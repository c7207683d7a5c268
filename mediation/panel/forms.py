"""Forms for the mediator panel. Rendered through the GOV.UK form helper like every form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms

from mediation.core.forms_govuk import GovukDateField, set_choices
from mediation.panel.choices import AccreditationRegister

if TYPE_CHECKING:
    from mediation.accounts.models import User
    from mediation.directory.models import Organisation
    from mediation.panel.models import Allocation
    from mediation.panel.selectors import Suggestion


class ProfileAnswers(TypedDict):
    """A profile form's answers, as `services.profile_save` takes them."""

    register: str
    register_other: str
    registration_number: str
    accredited_until: dt.date | None
    any_area: bool
    areas: list[Organisation]
    languages: list[str]
    available: bool
    availability_notes: str
    max_open_cases: int


class ConflictAnswers(TypedDict):
    """A conflict form's answers, as `services.conflict_declare` takes them."""

    description: str
    organisation: Organisation | None
    family_surname: str
    family_child_date_of_birth: dt.date | None


class ProfileForm(forms.Form):
    register = forms.ChoiceField(
        label="Which register is the mediator accredited on?",
        choices=AccreditationRegister.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the register the mediator is accredited on"},
    )
    register_other = forms.CharField(
        label="If Other: name of the register", required=False, max_length=150
    )
    registration_number = forms.CharField(
        label="Registration number (optional)",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    accredited_until = GovukDateField(
        name="the date the accreditation runs until",
        label="Accredited until",
        help_text="The expiry date on the register, for example 31 3 2027",
    )
    coverage = forms.ChoiceField(
        label="Which local authorities' cases does the mediator take?",
        choices=[("any", "Any local authority"), ("chosen", "Only the ones I choose")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select which local authorities the mediator covers"},
    )
    areas = forms.MultipleChoiceField(
        label="If only the ones you choose: which local authorities?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label="Languages the mediator can mediate in",
        help_text="Separate languages with commas, for example English, Welsh, BSL",
        max_length=300,
        error_messages={"required": "Enter the languages the mediator can mediate in"},
    )
    available = forms.ChoiceField(
        label="Is the mediator taking new cases?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the mediator is taking new cases"},
    )
    availability_notes = forms.CharField(
        label="Availability (optional)",
        help_text="For example, Mondays to Wednesdays, or away until 5 January",
        required=False,
        max_length=200,
    )
    max_open_cases = forms.IntegerField(
        label="Maximum number of open cases",
        min_value=1,
        max_value=99,
        error_messages={
            "required": "Enter the maximum number of open cases",
            "invalid": "The maximum number of open cases must be a number, like 6",
            "min_value": "The maximum number of open cases must be 1 or more",
            "max_value": "The maximum number of open cases must be 99 or fewer",
        },
    )

    govuk_conditionals = {
        "register": {AccreditationRegister.OTHER.value: ["register_other"]},
        "coverage": {"chosen": ["areas"]},
    }
    govuk_classes = {
        "registration_number": "govuk-input--width-10",
        "max_open_cases": "govuk-input--width-3",
        "areas": "govuk-checkboxes--small",
    }

    def __init__(
        self, *args: Any, local_authorities: Iterable[Organisation] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.local_authorities = {str(la.pk): la for la in local_authorities}
        set_choices(self, "areas", [(key, la.name) for key, la in self.local_authorities.items()])

    def clean_languages(self) -> list[str]:
        raw = self.cleaned_data.get("languages", "")
        languages = [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]
        if not languages:
            raise forms.ValidationError("Enter the languages the mediator can mediate in")
        return languages

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("register") == AccreditationRegister.OTHER
            and not cleaned.get("register_other", "").strip()
        ):
            self.add_error("register_other", "Enter the name of the register")
        if cleaned.get("coverage") == "chosen" and not cleaned.get("areas"):
            self.add_error("areas", "Select at least one local authority")
        return cleaned

    def chosen_areas(self) -> list[Organisation]:
        if self.cleaned_data.get("coverage") != "chosen":
            return []
        return [self.local_authorities[key] for key in self.cleaned_data.get("areas", [])]

    def answers(self) -> ProfileAnswers:
        data = self.cleaned_data
        return {
            "register": data["register"],
            "register_other": data["register_other"],
            "registration_number": data["registration_number"],
            "accredited_until": data["accredited_until"],
            "any_area": data["coverage"] == "any",
            "areas": self.chosen_areas(),
            "languages": data["languages"],
            "available": data["available"] == "yes",
            "availability_notes": data["availability_notes"],
            "max_open_cases": data["max_open_cases"],
        }


class ConflictForm(forms.Form):
    kind = forms.ChoiceField(
        label="Who is the conflict of interest with?",
        choices=[("organisation", "An organisation"), ("family", "A family")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select an organisation or a family"},
    )
    organisation = forms.ChoiceField(label="If an organisation: which one?", required=False)
    family_surname = forms.CharField(
        label="If a family: their surname",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    family_child_date_of_birth = GovukDateField(
        name="the child's date of birth",
        label="If a family: the child's date of birth",
        help_text="For example, 27 3 2015. We keep only the surname and this date, to recognise "
        "the family if they come to us.",
        required=False,
        not_in_future=True,
    )
    description = forms.CharField(
        label="Describe the conflict of interest",
        help_text="For example, worked for the council's SEN team until 2024, or my child "
        "attends the school",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the conflict of interest"},
    )

    govuk_conditionals = {
        "kind": {
            "organisation": ["organisation"],
            "family": ["family_surname", "family_child_date_of_birth"],
        }
    }
    govuk_classes = {"family_surname": "govuk-input--width-20"}

    def __init__(
        self, *args: Any, organisations: Iterable[Organisation] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        set_choices(
            self,
            "organisation",
            [("", "Choose an organisation")]
            + [
                (key, f"{o.name} ({o.get_kind_display().lower()})")
                for key, o in self.organisations.items()
            ],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == "organisation" and not cleaned.get("organisation"):
            self.add_error("organisation", "Choose the organisation")
        if kind == "family":
            if not cleaned.get("family_surname", "").strip():
                self.add_error("family_surname", "Enter the family's surname")
            if (
                "family_child_date_of_birth" not in self.errors
                and cleaned.get("family_child_date_of_birth") is None
            ):
                self.add_error("family_child_date_of_birth", "Enter the child's date of birth")
        return cleaned

    def chosen_organisation(self) -> Organisation | None:
        if self.cleaned_data.get("kind") != "organisation":
            return None
        return self.organisations.get(self.cleaned_data.get("organisation", ""))

    def answers(self) -> ConflictAnswers:
        data = self.cleaned_data
        family = data["kind"] == "family"
        return {
            "description": data["description"],
            "organisation": self.chosen_organisation(),
            "family_surname": data["family_surname"] if family else "",
            "family_child_date_of_birth": data["family_child_date_of_birth"] if family else None,
        }


class WithdrawConflictForm(forms.Form):
    reason = forms.CharField(
        label="Why is the declaration being withdrawn?",
        help_text="For example, declared in error, or the connection ended more than 5 years ago",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the declaration is being withdrawn"},
    )


class AllocateForm(forms.Form):
    mediator = forms.ChoiceField(
        label="Choose a mediator",
        help_text="Mediators who can take this case, the fewest open cases first. Among equals, "
        "one who speaks the family's language comes first.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select a mediator", "invalid_choice": "Select a mediator"},
    )
    reason = forms.CharField(
        label="Why are you changing the mediator?",
        help_text="The reason stays on the case's record",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    govuk_classes = {"mediator": "govuk-fieldset__legend--m"}

    def __init__(
        self,
        *args: Any,
        suggestions: Iterable[Suggestion] = (),
        current: Allocation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The page carries the allocation it was drawn with (a hidden field, "current"): if the
        # mediator changed since, the choice was made on stale information.
        self.current = current
        self.reallocating = current is not None
        self.suggestions = {str(s.mediator.pk): s for s in suggestions}
        set_choices(
            self,
            "mediator",
            [(key, s.mediator.full_name) for key, s in self.suggestions.items()],
        )
        self.govuk_choice_hints = {"mediator": {key: s.hint for key, s in self.suggestions.items()}}
        if not self.reallocating:
            del self.fields["reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.data.get("current", "") != (str(self.current.pk) if self.current else ""):
            self.add_error(
                None,
                "Someone changed the mediator while you were on this page. Check the current "
                "mediator below and choose again.",
            )
        if self.reallocating and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Give the reason for changing the mediator")
        return cleaned

    def chosen(self) -> User:
        return self.suggestions[self.cleaned_data["mediator"]].mediator
