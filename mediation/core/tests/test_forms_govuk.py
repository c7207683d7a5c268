"""Django forms through the GOV.UK macros: components, error summary and the date input."""

import datetime as dt

import pytest
import time_machine
from django import forms
from django.template import engines

from mediation.core.forms_govuk import GovukDateField, error_summary_items, field_component


class DecisionForm(forms.Form):
    govuk_page_heading = "decision_date"
    govuk_conditionals = {"wants": {"other": ["other_detail"]}}

    decision_date = GovukDateField(
        name="the date on the decision letter",
        label="Date on the decision letter",
        not_in_future=True,
    )
    wants = forms.ChoiceField(
        label="What do you want?",
        choices=[("certificate", "A certificate"), ("other", "Something else")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you want"},
    )
    other_detail = forms.CharField(label="Tell us what you want", required=False)
    email = forms.EmailField(label="Email address", required=False)


def _form(**data: str) -> DecisionForm:
    form = DecisionForm(data=data)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date on the decision letter"),
        ("1", "", "2025", "The date on the decision letter must include a month"),
        ("", "", "2025", "The date on the decision letter must include a day and month"),
        ("31", "2", "2025", "The date on the decision letter must be a real date"),
        ("a", "2", "2025", "The date on the decision letter must be a real date"),
        ("1", "2", "25", "Year must include 4 numbers"),
        ("1", "13", "2025", "The date on the decision letter must be a real date"),
        ("1", "1", "2099", "The date on the decision letter must be today or in the past"),
    ],
)
@time_machine.travel(dt.date(2026, 11, 23))
def test_date_input_uses_the_design_system_messages(
    day: str, month: str, year: str, message: str
) -> None:
    form = _form(
        **{
            "decision_date-day": day,
            "decision_date-month": month,
            "decision_date-year": year,
            "wants": "certificate",
        }
    )
    assert form.errors["decision_date"] == [message]


def test_date_input_accepts_a_real_date() -> None:
    form = _form(
        **{
            "decision_date-day": "1",
            "decision_date-month": "10",
            "decision_date-year": "2025",
            "wants": "certificate",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["decision_date"] == dt.date(2025, 10, 1)


def test_only_the_missing_parts_are_highlighted() -> None:
    form = _form(**{"decision_date-day": "1", "decision_date-year": "2025"})
    name, params = field_component(form["decision_date"])
    assert name == "date"
    classes = {item["name"]: item["classes"] for item in params["items"]}
    assert "govuk-input--error" in classes["month"]
    assert "govuk-input--error" not in classes["day"]
    assert params["fieldset"]["legend"]["isPageHeading"] is True


def test_error_summary_links_to_the_first_input_in_error() -> None:
    form = _form(**{"decision_date-day": "1", "decision_date-year": "2025"})
    items = error_summary_items(form)
    assert {
        "text": "The date on the decision letter must include a month",
        "href": "#id_decision_date-month",
    } in items
    assert {"text": "Select what you want", "href": "#id_wants"} in items


def test_radios_show_option_fields_after_the_group_and_the_form_is_govuk() -> None:
    """GOV.UK Frontend's radio reveal sets aria-expanded on radios, which ARIA forbids: the
    fields follow the group instead, rendered once."""
    form = _form(**{"wants": "other"})
    name, params = field_component(form["wants"])
    assert name == "radios"
    assert [bound.name for bound in params["after_fields"]] == ["other_detail"]
    assert all("conditional_fields" not in item for item in params["items"])

    template = engines["jinja2"].from_string(
        '{% from "includes/forms.html" import govuk_form with context %}{{ govuk_form(form) }}'
    )
    html = template.render({"form": form, "csrf_input": ""})
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert "govuk-radios__conditional" not in html
    assert html.count('id="id_other_detail"') == 1
    assert html.index('id="id_wants"') < html.index('id="id_other_detail"')
    assert 'type="email"' in html
    assert "govuk-date-input" in html


def test_checkboxes_reveal_their_option_fields() -> None:
    class Help(forms.Form):
        govuk_conditionals = {"support": {"interpreter": ["language"]}}
        support = forms.MultipleChoiceField(
            label="Help",
            choices=[("interpreter", "Interpreter"), ("bsl", "BSL")],
            widget=forms.CheckboxSelectMultiple,
        )
        language = forms.CharField(label="Which language?", required=False)

    template = engines["jinja2"].from_string(
        '{% from "includes/forms.html" import govuk_fields with context %}{{ govuk_fields(form) }}'
    )
    html = template.render({"form": Help({"support": ["interpreter"]})})
    assert "govuk-checkboxes__conditional" in html
    assert html.count('id="id_language"') == 1


def test_multiple_choice_checkboxes_are_checkboxes_with_their_ticks() -> None:
    class Choices(forms.Form):
        things = forms.MultipleChoiceField(
            label="Things", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )

    name, params = field_component(Choices({"things": ["a"]})["things"])
    assert name == "checkboxes"
    assert [item["checked"] for item in params["items"]] == [True, False]
