"""Forms for case work. Rendered through the GOV.UK form helper like every form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms

from mediation.cases.choices import (
    ConsentKind,
    ConsentMethod,
    DRAnswer,
    ParticipantRole,
    PartyKind,
    Route,
    Stage,
)
from mediation.core.forms_govuk import set_choices

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Party
    from mediation.directory.models import Organisation

# The roles someone can take part in, for the family and for an organisation.
FAMILY_ROLES = (
    ParticipantRole.PARENT,
    ParticipantRole.YOUNG_PERSON,
    ParticipantRole.ALTERNATIVE_PERSON,
    ParticipantRole.SUPPORTER,
    ParticipantRole.INTERPRETER,
    ParticipantRole.OTHER,
)
ORGANISATION_ROLES = (
    ParticipantRole.OFFICER,
    ParticipantRole.DECISION_MAKER,
    ParticipantRole.SENCO,
    ParticipantRole.HEALTH_PROFESSIONAL,
    ParticipantRole.SOCIAL_WORKER,
    ParticipantRole.OTHER,
)


class RouteAnswers(TypedDict):
    """A route form's answers, as `services.case_confirm_route` takes them."""

    route: str
    reason: str


class ConsentAnswers(TypedDict):
    """A permission form's answers, as `services.consent_record` takes them."""

    kind: str
    given: bool
    given_by: str
    method: str
    notes: str


class SafeguardingAnswers(TypedDict):
    """A safeguarding form's answers, as `services.case_update_safeguarding` takes them."""

    concern: bool
    notes: str


class PartyAnswers(TypedDict):
    """A party form's answers, as `parties.party_add_chosen` takes them."""

    kind: str
    organisation_id: str
    new_name: str
    new_email: str


class ParticipantAnswers(TypedDict):
    """A participant form's answers, as `parties.participant_add` takes them."""

    name: str
    role: str
    job_title: str
    email: str
    phone: str
    language: str
    is_decision_maker: bool


class ShareConsentAnswers(TypedDict):
    """A sharing form's answers, as `parties.share_consent_record` takes them."""

    given: bool
    given_by: str
    method: str


class DRAnswers(TypedDict):
    """A party's answer about disagreement resolution, as `parties.dr_answer_record` takes it."""

    answer: str
    note: str


class WithdrawAnswers(TypedDict):
    """A withdrawal form's answers, as `services.case_withdraw` takes them."""

    reason: str
    wants_certificate: bool


class QueueFilterForm(forms.Form):
    search = forms.CharField(
        label="Search by reference or name",
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "type": "search"}),
    )
    local_authority = forms.ChoiceField(label="Local authority", required=False)
    stage = forms.ChoiceField(label="Stage", required=False)
    mine = forms.BooleanField(
        label="Only my cases",
        help_text="Cases assigned to you, that you advise on, or that you are the mediator for",
        required=False,
    )

    govuk_classes = {"search": "govuk-!-width-full"}

    def __init__(
        self, *args: Any, local_authorities: Iterable[Organisation] = (), **kwargs: Any
    ) -> None:
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

    def answers(self) -> RouteAnswers:
        return {"route": self.cleaned_data["route"], "reason": self.cleaned_data["reason"]}


class AssignForm(forms.Form):
    govuk_page_heading = "assignee"

    assignee = forms.ChoiceField(
        label="Who should work on this case?", error_messages={"required": "Select a person"}
    )

    def __init__(self, *args: Any, people: Iterable[Actor] = (), **kwargs: Any) -> None:
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

    def answers(self) -> ConsentAnswers:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "given": data["given"] == "yes",
            "given_by": data["given_by"],
            "method": data["method"],
            "notes": data["notes"],
        }


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

    def answers(self) -> SafeguardingAnswers:
        data = self.cleaned_data
        return {"concern": data["concern"] == "yes", "notes": data["notes"]}


class CloseForm(forms.Form):
    govuk_page_heading = "reason"

    reason = forms.CharField(
        label="Why is the case closing?",
        help_text="For example: certificate issued and the family does not want mediation.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the case is closing"},
    )


class PartyForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of party?",
        choices=[c for c in PartyKind.choices if c[0] != PartyKind.FAMILY],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of party this is"},
    )
    organisation = forms.ChoiceField(
        label="Organisation",
        required=False,
        help_text="Choose from the organisations we know. If it is not listed, enter its name "
        "below.",
    )
    new_name = forms.CharField(
        label="Or, the name of an organisation that is not listed",
        required=False,
        max_length=200,
    )
    new_email = forms.EmailField(
        label="Its email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )

    def __init__(
        self, *args: Any, organisations: Iterable[Organisation] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "organisation",
            [("", "Choose an organisation")]
            + [(str(o.pk), f"{o.name} ({o.get_kind_display()})") for o in organisations],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("organisation") and not cleaned.get("new_name", "").strip():
            self.add_error("organisation", "Choose the organisation, or enter its name")
        return cleaned

    def answers(self) -> PartyAnswers:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "organisation_id": data["organisation"],
            "new_name": data["new_name"],
            "new_email": data["new_email"],
        }


class ParticipantForm(forms.Form):
    name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter the person's name"}
    )
    role = forms.ChoiceField(
        label="Role", choices=[("", "Choose a role")], error_messages={"required": "Choose a role"}
    )
    job_title = forms.CharField(label="Job title (optional)", required=False, max_length=150)
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="Invitations and the agreement are sent here.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=40)
    language = forms.CharField(label="Language (for an interpreter)", required=False, max_length=60)
    is_decision_maker = forms.BooleanField(
        label="Has the authority to make decisions about the issues (for the local authority, "
        "this is required)",
        required=False,
    )

    def __init__(self, *args: Any, party: Party, **kwargs: Any) -> None:
        # A local authority must send someone who can make decisions: suggest that role.
        suggested = (
            ParticipantRole.DECISION_MAKER if party.kind == PartyKind.LOCAL_AUTHORITY else ""
        )
        kwargs.setdefault("initial", {"role": suggested})
        super().__init__(*args, **kwargs)
        roles = FAMILY_ROLES if party.is_family else ORGANISATION_ROLES
        set_choices(self, "role", [("", "Choose a role"), *[(r.value, r.label) for r in roles]])
        if party.is_family:
            del self.fields["is_decision_maker"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Someone whose role is decision maker has the authority to make decisions.
        cleaned["is_decision_maker"] = bool(cleaned.get("is_decision_maker")) or (
            cleaned.get("role") == ParticipantRole.DECISION_MAKER
        )
        return cleaned

    def answers(self) -> ParticipantAnswers:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "role": data["role"],
            "job_title": data["job_title"],
            "email": data["email"],
            "phone": data["phone"],
            "language": data["language"],
            "is_decision_maker": data["is_decision_maker"],
        }


class ShareConsentForm(forms.Form):
    given = forms.ChoiceField(
        label="Has the family agreed that we share their information with this party?",
        help_text="Their case summary, the child's views and their contact details. Nothing is "
        "shared until they agree.",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the family agreed"},
    )
    given_by = forms.CharField(
        label="Who in the family said so?",
        max_length=150,
        error_messages={"required": "Enter who in the family said so"},
    )
    method = forms.ChoiceField(
        label="How did they tell us?",
        choices=[c for c in ConsentMethod.choices if c[0] != ConsentMethod.REFERRER],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they told us"},
    )

    govuk_page_heading = "given"

    def answers(self) -> ShareConsentAnswers:
        data = self.cleaned_data
        return {
            "given": data["given"] == "yes",
            "given_by": data["given_by"],
            "method": data["method"],
        }


class DRAnswerForm(forms.Form):
    govuk_page_heading = "answer"

    answer = forms.ChoiceField(
        label="Does this party agree to take part in disagreement resolution?",
        help_text="Taking part is voluntary for everyone.",
        choices=[
            (DRAnswer.ASKED, "We have asked and are waiting for an answer"),
            (DRAnswer.AGREES, "Yes, it agrees to take part"),
            (DRAnswer.DECLINES, "No, it does not agree"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the party's answer"},
    )
    note = forms.CharField(
        label="Notes (optional)",
        required=False,
        help_text="For example, the reason it gave.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def answers(self) -> DRAnswers:
        return {"answer": self.cleaned_data["answer"], "note": self.cleaned_data["note"]}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the family withdrawing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the family is withdrawing"},
    )
    certificate = forms.ChoiceField(
        label="Does the family want a mediation certificate?",
        help_text="They need one to appeal to the Tribunal about most decisions. It is due "
        "within 3 working days of asking.",
        choices=[("yes", "Yes, issue a certificate"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the family wants a certificate"},
    )

    def answers(self) -> WithdrawAnswers:
        data = self.cleaned_data
        return {"reason": data["reason"], "wants_certificate": data["certificate"] == "yes"}
