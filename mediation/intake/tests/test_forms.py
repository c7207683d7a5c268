"""Each question page's checks and messages (the GOV.UK Design System's wording)."""

import datetime as dt
from typing import Any, cast

import pytest
import time_machine
from django.forms import ChoiceField, Form

from mediation.cases.choices import DecisionType, EHCStatus, Wants
from mediation.intake import forms

TODAY = dt.date(2026, 11, 23)


def errors(form_class: type[forms.StepForm], data: dict[str, Any], **kwargs: Any) -> dict:
    form = form_class(data=data, **kwargs)
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


def choice_values(form: Form, name: str) -> list[str]:
    field = form.fields[name]
    assert isinstance(field, ChoiceField)
    return [value for value, _ in cast("list[tuple[str, str]]", field.choices)]


def test_who_needs_an_answer() -> None:
    assert errors(forms.WhoForm, {}) == {"who": ["Select who you are"]}
    assert errors(forms.WhoForm, {}, staff=True) == {"who": ["Select who the referral is from"]}


def test_who_offers_every_kind_of_person_who_may_ask() -> None:
    values = choice_values(forms.WhoForm(), "who")
    assert values == ["parent_carer", "young_person", "alternative_person", "professional"]


def test_professional_details_are_required_and_checked() -> None:
    assert errors(forms.ProfessionalForm, {}) == {
        "referrer_name": ["Enter your full name"],
        "referrer_organisation": ["Enter the name of your organisation"],
        "referrer_role": ["Enter your job title"],
        "referrer_email": ["Enter your email address"],
    }
    bad = {
        "referrer_name": "Jo Patel",
        "referrer_organisation": "SENDIASS",
        "referrer_role": "Adviser",
        "referrer_email": "jo at sendiass",
        "referrer_phone": "call me",
    }
    assert errors(forms.ProfessionalForm, bad) == {
        "referrer_email": ["Enter an email address in the correct format, like name@example.com"],
        "referrer_phone": [
            "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
        ],
    }


def test_the_family_page_asks_who_and_whether_they_agreed() -> None:
    assert errors(forms.FamilyAgreementForm, {}) == {
        "family_role": ["Select who we will be helping"],
        "family_consent": ["Select whether the family has agreed to this referral"],
    }
    form = forms.FamilyAgreementForm()
    assert form.govuk_choice_hints["family_consent"]["not_yet"] == (
        "We will contact the family to ask their permission before we do anything else"
    )


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0))
@pytest.mark.parametrize(
    ("dob", "message"),
    [
        (("", "", ""), "Enter their date of birth"),
        (("14", "", "2015"), "Their date of birth must include a month"),
        (("31", "2", "2015"), "Their date of birth must be a real date"),
        (("1", "1", "2027"), "Their date of birth must be today or in the past"),
    ],
)
def test_child_date_of_birth_messages(dob: tuple[str, str, str], message: str) -> None:
    day, month, year = dob
    data = {
        "child_first_name": "Sam",
        "child_last_name": "Morgan",
        "child_date_of_birth-day": day,
        "child_date_of_birth-month": month,
        "child_date_of_birth-year": year,
    }
    assert errors(forms.ChildForm, data) == {"child_date_of_birth": [message]}


def test_a_young_person_is_asked_about_themselves() -> None:
    form = forms.ChildForm(data={}, facts={"who": "young_person"})
    assert form.page_heading == "About you"
    form.is_valid()
    assert form.errors["child_first_name"] == ["Enter your first name"]
    assert form.errors["child_date_of_birth"] == ["Enter your date of birth"]
    parent = forms.ChildForm(data={}, facts={"who": "parent_carer"})
    assert parent.page_heading == "About the child or young person"
    parent.is_valid()
    assert parent.errors["child_first_name"] == ["Enter their first name"]


def test_local_authority_must_be_one_we_serve() -> None:
    served = [("la-1", "Camden"), ("la-2", "Islington")]
    form = forms.LocalAuthorityForm(data={}, local_authorities=served)
    assert not form.is_valid()
    assert form.errors["local_authority"] == ["Select the local authority that made the decision"]
    assert "its Local Offer website names the service to contact" in str(
        form.fields["local_authority"].help_text
    )
    elsewhere = forms.LocalAuthorityForm(
        data={"local_authority": "la-99"}, local_authorities=served
    )
    assert not elsewhere.is_valid()
    ok = forms.LocalAuthorityForm(data={"local_authority": "la-2"}, local_authorities=served)
    assert ok.is_valid()
    assert ok.summary_rows() == [("Local authority", ["Islington"])]


def test_ehc_plan_offers_every_status() -> None:
    assert set(choice_values(forms.EHCPlanForm(), "ehc_status")) == set(EHCStatus.values)
    assert errors(forms.EHCPlanForm, {}) == {"ehc_status": ["Select whether they have an EHC plan"]}
    assert errors(forms.EHCPlanForm, {}, facts={"who": "young_person"}) == {
        "ehc_status": ["Select whether you have an EHC plan"]
    }


def test_every_decision_type_has_a_plain_english_hint() -> None:
    form = forms.DisagreementForm()
    hints = form.govuk_choice_hints["decisions"]
    assert set(hints) == set(DecisionType.values)
    assert all(hints.values())


def test_disagreement_needs_an_answer() -> None:
    assert errors(forms.DisagreementForm, {}) == {"decisions": ["Select what you disagree with"]}


def test_plan_decisions_need_a_plan() -> None:
    found = errors(
        forms.DisagreementForm,
        {"decisions": ["refusal_to_assess", "cease_to_maintain"]},
        facts={"ehc_status": "none"},
    )
    assert found == {
        "decisions": [
            "You told us there is not an EHC plan yet, so these options do not apply: the local "
            "authority has decided to stop the plan. Select something else, or change your "
            "answer about the EHC plan"
        ]
    }
    with_plan = forms.DisagreementForm(
        data={"decisions": ["cease_to_maintain"]}, facts={"ehc_status": "plan"}
    )
    assert with_plan.is_valid(), with_plan.errors


def test_needs_or_provision_asks_which_sections() -> None:
    data = {"decisions": ["plan_content"]}
    assert errors(forms.DisagreementForm, data, facts={"ehc_status": "plan"}) == {
        "plan_sections": ["Select which parts of the plan you disagree with"]
    }
    care = {"decisions": ["health_social_care"]}
    assert errors(forms.DisagreementForm, care, facts={"ehc_status": "plan"}) == {
        "care_areas": ["Select whether the disagreement is about health, social care or both"]
    }


def test_answers_under_an_unticked_option_are_dropped() -> None:
    form = forms.DisagreementForm(
        data={"decisions": ["refusal_to_assess"], "plan_sections": ["B"], "plan_areas": ["health"]},
        facts={"ehc_status": "none"},
    )
    assert form.is_valid()
    assert form.cleaned_data["plan_sections"] == []
    assert form.cleaned_data["plan_areas"] == []


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0))
def test_decision_letter_date_is_required_for_a_local_authority_decision() -> None:
    facts = {"decisions": [DecisionType.REFUSAL_TO_ASSESS.value]}
    form = forms.DecisionDateForm(data={}, facts=facts)
    assert "no_letter" not in form.fields
    assert errors(forms.DecisionDateForm, {}, facts=facts) == {
        "decision_date": ["Enter the date on the decision letter"]
    }
    future = {"decision_date-day": "1", "decision_date-month": "1", "decision_date-year": "2027"}
    assert errors(forms.DecisionDateForm, future, facts=facts) == {
        "decision_date": ["The date on the decision letter must be today or in the past"]
    }


def test_no_decision_letter_is_offered_for_disagreements_with_a_school() -> None:
    facts = {"decisions": [DecisionType.OTHER_DISAGREEMENT.value]}
    assert "no_letter" in forms.DecisionDateForm(facts=facts).fields
    assert errors(forms.DecisionDateForm, {}, facts=facts) == {
        "decision_date": [
            "Enter the date on the decision letter, or select that there is no decision letter"
        ]
    }
    both = {
        "decision_date-day": "1",
        "decision_date-month": "10",
        "decision_date-year": "2026",
        "no_letter": "true",
    }
    assert errors(forms.DecisionDateForm, both, facts=facts) == {
        "decision_date": [
            "Enter the date on the decision letter, or select that there is no decision "
            "letter, not both"
        ]
    }
    form = forms.DecisionDateForm(data={"no_letter": "true"}, facts=facts)
    assert form.is_valid()
    assert form.summary_rows() == [("Date on the decision letter", ["No decision letter"])]


def test_staff_cannot_skip_the_letter_for_a_local_authority_decision() -> None:
    facts = {"decisions": [DecisionType.REFUSAL_TO_ASSESS.value]}
    found = errors(forms.DecisionDateForm, {"no_letter": "true"}, facts=facts, staff=True)
    assert found == {
        "decision_date": [
            "Enter the date on the decision letter: a disagreement about a local authority "
            "decision needs it"
        ]
    }


def test_wants_explains_every_choice() -> None:
    form = forms.WantsForm()
    assert set(form.govuk_choice_hints["wants"]) == set(Wants.values)
    assert errors(forms.WantsForm, {}) == {"wants": ["Select what you would like help with"]}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {},
            {"support": ["Select the help you need, or select 'No, I do not need any help'"]},
        ),
        (
            {"support": ["none", "bsl"]},
            {
                "support": [
                    "Select the help needed, or select 'No, I do not need any help', not both"
                ]
            },
        ),
        (
            {"support": ["interpreter"]},
            {"interpreter_language": ["Enter the language for the interpreter"]},
        ),
        ({"support": ["other"]}, {"other_adjustments": ["Tell us what help is needed"]}),
    ],
)
def test_help_to_take_part_messages(data: dict[str, Any], expected: dict) -> None:
    assert errors(forms.SupportForm, data) == expected


def _contact(**overrides: str) -> dict[str, str]:
    data = {
        "applicant_name": "Alex Morgan",
        "applicant_relationship": "Mother",
        "applicant_email": "",
        "applicant_phone": "",
        "contact_method": "email",
    }
    data.update(overrides)
    return data


PARENT = {"who": "parent_carer"}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"applicant_email": "alex@"},
            {
                "applicant_email": [
                    "Enter an email address in the correct format, like name@example.com"
                ]
            },
        ),
        (
            {},
            {
                "applicant_email": [
                    "Enter an email address, or choose another way for us to contact you"
                ]
            },
        ),
        (
            {"contact_method": "phone"},
            {
                "applicant_phone": [
                    "Enter a phone number, or choose another way for us to contact you"
                ]
            },
        ),
        (
            {"contact_method": "text", "applicant_phone": "020 7946 0000"},
            {
                "applicant_phone": [
                    "Enter a mobile phone number for text messages, like 07700 900 982"
                ]
            },
        ),
        (
            {"applicant_relationship": "", "applicant_email": "alex@family.example"},
            {"applicant_relationship": ["Enter your relationship to the child or young person"]},
        ),
        ({"contact_method": ""}, {"contact_method": ["Select how we should contact you"]}),
    ],
)
def test_contact_details_messages(overrides: dict[str, str], expected: dict) -> None:
    assert errors(forms.ContactForm, _contact(**overrides), facts=PARENT) == expected


def test_letters_need_no_email_or_phone() -> None:
    form = forms.ContactForm(data=_contact(contact_method="letter"), facts=PARENT)
    assert form.is_valid(), form.errors


def test_the_address_page_checks_the_postcode_and_tidies_it() -> None:
    assert errors(forms.AddressForm, {}) == {
        "applicant_address": ["Enter your address"],
        "applicant_postcode": ["Enter your postcode"],
    }
    bad = {"applicant_address": "1 High Street", "applicant_postcode": "N1 XYZ"}
    assert errors(forms.AddressForm, bad) == {"applicant_postcode": ["Enter a real postcode"]}
    form = forms.AddressForm(
        data={"applicant_address": "1 High Street\nLondon", "applicant_postcode": "n11aa"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["applicant_postcode"] == "N1 1AA"
    assert form.summary_rows() == [("Address", ["1 High Street", "London", "N1 1AA"])]


def test_a_young_person_is_not_asked_their_relationship_to_themselves() -> None:
    form = forms.ContactForm(facts={"who": "young_person"})
    assert "applicant_relationship" not in form.fields


def test_a_professional_gives_the_familys_contact_details() -> None:
    form = forms.ContactForm(
        data=_contact(applicant_relationship=""),
        facts={"who": "professional", "family_role": "parent_carer"},
    )
    assert form.page_heading == "The family's contact details"
    form.is_valid()
    assert form.errors["applicant_email"] == [
        "Enter an email address, or choose another way for us to contact them"
    ]
    assert form.errors["applicant_relationship"] == [
        "Enter their relationship to the child or young person"
    ]


@pytest.mark.parametrize(
    ("number", "mobile"),
    [
        ("07700 900123", True),
        ("+44 7700 900123", True),
        ("020 7946 0000", False),
        ("+33 6 12 34 56 78", True),
    ],
)
def test_mobile_numbers(number: str, mobile: bool) -> None:
    assert forms.is_mobile(number) is mobile


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0))
def test_staff_details_need_a_channel_and_safeguarding_notes() -> None:
    form = forms.StaffReferralForm(data={"safeguarding": ["concern"]})
    form.is_valid()
    assert form.errors == {
        "channel": ["Select how the referral arrived"],
        "received_on": ["Enter the date we received the referral"],
        "safeguarding_notes": ["Describe the safeguarding concern"],
    }
    assert forms.StaffReferralForm().initial["received_on"] == TODAY
