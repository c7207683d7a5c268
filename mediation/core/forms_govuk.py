"""Render any Django form through the GOV.UK Frontend macros.

Views hand a form to the `govuk_form` Jinja macro (templates `includes/forms.html`); this module
turns each bound field into the name of a GOV.UK component and its parameters, and the form's
errors into the error summary. It also provides the GOV.UK date input as a Django field, with the
Design System's standard error messages.

Forms may say more about how they look, with class attributes:

- ``govuk_page_heading = "field"``: that field's label or legend is the page's heading (one question
  per page).
- ``govuk_conditionals = {"field": {"value": ["other_field", ...]}}``: reveal other fields under
  a checkbox option (the "conditional reveal" pattern). For radios the fields follow the group,
  always visible (see ``field_component``): label them to say when they apply.
- ``govuk_choice_hints = {"field": {"value": "hint"}}``, and
  ``govuk_dividers = {"field": ["value"]}`` (an "or" divider before that option).
- ``govuk_classes = {"field": "govuk-input--width-10"}`` for widths and label sizes.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.safestring import SafeData
from markupsafe import Markup

# --------------------------------------------------------------------------------------------
# The GOV.UK date input
# --------------------------------------------------------------------------------------------

_PARTS = ("day", "month", "year")


class GovukDateWidget(forms.MultiWidget):
    """Three text boxes (day, month, year) posted as `<name>-day`, `<name>-month`, `<name>-year`."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in _PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return [(data.get(f"{name}-{part}") or "").strip() for part in _PARTS]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}-{part}" not in data for part in _PARTS)


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


class GovukDateField(forms.Field):
    """A date typed into the GOV.UK date input, validated with the Design System's messages.

    ``name`` is how error messages refer to the date, e.g. "the date on the decision letter":
    "Enter the date on the decision letter", "The date on the decision letter must include a month".
    """

    widget = GovukDateWidget

    def __init__(
        self,
        *,
        name: str,
        not_in_future: bool = False,
        not_in_past: bool = False,
        earliest: dt.date | None = None,
        earliest_message: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.date_name = name
        self.not_in_future = not_in_future
        self.not_in_past = not_in_past
        self.earliest = earliest
        self.earliest_message = earliest_message
        super().__init__(**kwargs)

    def error_parts(self, value: Any) -> set[str]:
        """Which of day, month and year to highlight for the value typed."""
        if not isinstance(value, list | tuple) or len(value) != 3:
            return set(_PARTS)
        missing = {part for part, raw in zip(_PARTS, value, strict=True) if not raw}
        if missing and len(missing) < 3:
            return missing
        day, month, year = value
        if year and not (year.isdigit() and len(year) == 4) and day.isdigit() and month.isdigit():
            return {"year"}
        return set(_PARTS)

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or (isinstance(value, list | tuple) and not any(value)):
            return None
        if isinstance(value, dt.date):
            return value
        day, month, year = value
        what = self.date_name
        missing = [part for part, raw in zip(_PARTS, value, strict=True) if not raw]
        if missing:
            needed = " and ".join(missing)
            raise forms.ValidationError(
                f"{_sentence_start(what)} must include a {needed}", code="incomplete"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(
                f"{_sentence_start(what)} must be a real date", code="invalid"
            )
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers", code="year_digits")
        d, m, y = int(day), int(month), int(year)
        if not (1 <= m <= 12) or not (1 <= d <= calendar.monthrange(y, m)[1]) or y < 1900:
            raise forms.ValidationError(
                f"{_sentence_start(what)} must be a real date", code="invalid"
            )
        return dt.date(y, m, d)

    def validate(self, value: dt.date | None) -> None:
        if value is None:
            if self.required:
                raise forms.ValidationError(f"Enter {self.date_name}", code="required")
            return
        today = timezone.localdate()
        if self.not_in_future and value > today:
            raise forms.ValidationError(
                f"{_sentence_start(self.date_name)} must be today or in the past", code="future"
            )
        if self.not_in_past and value < today:
            raise forms.ValidationError(
                f"{_sentence_start(self.date_name)} must be today or in the future", code="past"
            )
        if self.earliest is not None and value < self.earliest:
            raise forms.ValidationError(
                self.earliest_message
                or f"{_sentence_start(self.date_name)} must be on or after "
                f"{self.earliest.day} {self.earliest:%B %Y}",
                code="too_early",
            )

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != initial
        except forms.ValidationError:
            return True


# --------------------------------------------------------------------------------------------
# A time of day
# --------------------------------------------------------------------------------------------

TIME_HINT = "Use the 24-hour clock, for example 09:30 or 14:00"


def parse_time(value: str) -> dt.time:
    """A time typed as 14:00, 14.00, 1400, 2pm or 2:30pm."""
    text = value.strip().lower().replace(".", ":").replace(" ", "")
    for fmt in ("%H:%M", "%H%M", "%I:%M%p", "%I%p"):
        try:
            return dt.datetime.strptime(text, fmt).time()  # noqa: DTZ007 - a time of day only
        except ValueError:
            continue
    raise forms.ValidationError("Enter a real time, like 09:30 or 14:00")


class TimeField(forms.CharField):
    """A time of day in a short text input (GOV.UK has no time component)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("help_text", TIME_HINT)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> dt.time | None:
        text = super().clean(value)
        return parse_time(text) if text else None


# --------------------------------------------------------------------------------------------
# Bound field -> GOV.UK component
# --------------------------------------------------------------------------------------------


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    """Give a choice field its choices at run time (e.g. the people of this service)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = list(choices)


def _field_id(bound: BoundField) -> str:
    return bound.auto_id or f"id_{bound.html_name}"


def error_href(bound: BoundField) -> str:
    """Where the error summary links to: the first input that needs attention."""
    if isinstance(bound.field, GovukDateField):
        parts = bound.field.error_parts(bound.value())
        first = next(p for p in _PARTS if p in parts)
        return f"#{_field_id(bound)}-{first}"
    widget = bound.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"#{_field_id(bound)}"
    return f"#{_field_id(bound)}"


def error_summary_items(form: forms.BaseForm) -> list[dict[str, str]]:
    """The GOV.UK error summary's list: each error message linking to its field."""
    items: list[dict[str, str]] = []
    for error in form.non_field_errors():
        items.append({"text": str(error)})
    for bound in form:
        if bound.errors:
            items.append({"text": str(bound.errors[0]), "href": error_href(bound)})
    return items


def _classes(form: forms.BaseForm, name: str) -> str:
    return str(getattr(form, "govuk_classes", {}).get(name, ""))


def _heading(form: forms.BaseForm, name: str) -> bool:
    return getattr(form, "govuk_page_heading", None) == name


def _attributes(widget: forms.Widget) -> dict[str, Any]:
    return {k: v for k, v in widget.attrs.items() if k not in {"class", "id", "required"}}


def _error(bound: BoundField) -> dict[str, str] | None:
    return {"text": str(bound.errors[0])} if bound.errors else None


def _hint(bound: BoundField) -> dict[str, Any] | None:
    if not bound.help_text:
        return None
    if isinstance(bound.help_text, SafeData):
        # Marked safe by our own code (e.g. a hint with a link): pass it through as HTML.
        return {"html": Markup(str(bound.help_text))}  # noqa: S704
    return {"text": str(bound.help_text)}


def _label(bound: BoundField, heading: bool, classes: str) -> dict[str, Any]:
    label_classes = "govuk-label--l" if heading else ""
    if "govuk-label--" in classes:
        label_classes = " ".join(c for c in classes.split() if c.startswith("govuk-label--"))
    return {"text": str(bound.label), "isPageHeading": heading, "classes": label_classes}


def _legend(bound: BoundField, heading: bool, classes: str) -> dict[str, Any]:
    legend_classes = "govuk-fieldset__legend--l" if heading else "govuk-fieldset__legend--s"
    if "govuk-fieldset__legend--" in classes:
        legend_classes = " ".join(
            c for c in classes.split() if c.startswith("govuk-fieldset__legend--")
        )
    return {
        "legend": {"text": str(bound.label), "isPageHeading": heading, "classes": legend_classes}
    }


def _input_classes(classes: str) -> str:
    return " ".join(
        c for c in classes.split() if not c.startswith(("govuk-label--", "govuk-fieldset__"))
    )


def _choice_items(
    form: forms.BaseForm,
    bound: BoundField,
    selected: Iterable[str],
    conditionals: Mapping[str, Any],
) -> list[dict[str, Any]]:
    hints = getattr(form, "govuk_choice_hints", {}).get(bound.name, {})
    dividers = set(getattr(form, "govuk_dividers", {}).get(bound.name, []))
    selected = {str(s) for s in selected}
    items: list[dict[str, Any]] = []
    for value, text in bound.field.choices:  # type: ignore[attr-defined]
        value = str(value)
        if value == "":
            continue
        if value in dividers:
            items.append({"divider": "or"})
        item: dict[str, Any] = {"value": value, "text": str(text), "checked": value in selected}
        if value in hints:
            item["hint"] = {"text": str(hints[value])}
        if value in conditionals:
            item["conditional_fields"] = conditionals[value]
        items.append(item)
    return items


def conditional_field_names(form: forms.BaseForm) -> set[str]:
    """Fields shown inside another field's conditional reveal, not at the top level."""
    names: set[str] = set()
    for by_value in getattr(form, "govuk_conditionals", {}).values():
        for fields in by_value.values():
            names.update(fields)
    return names


# One builder per kind of widget. Each gets the field's common facts (``_FieldFacts``) and returns
# the GOV.UK component's name and parameters.

Component = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class _FieldFacts:
    """What every builder needs to know about a bound field."""

    bound: BoundField
    classes: str  # the form's govuk_classes for this field
    heading: bool  # its label or legend is the page's heading
    base: dict[str, Any]  # id, name, errorMessage and hint: shared by most components

    @classmethod
    def of(cls, bound: BoundField) -> _FieldFacts:
        return cls(
            bound,
            _classes(bound.form, bound.name),
            _heading(bound.form, bound.name),
            {
                "id": _field_id(bound),
                "name": bound.html_name,
                "errorMessage": _error(bound),
                "hint": _hint(bound),
            },
        )

    @property
    def widget(self) -> forms.Widget:
        return self.bound.field.widget

    def label(self) -> dict[str, Any]:
        return _label(self.bound, self.heading, self.classes)

    def fieldset(self) -> dict[str, Any]:
        return _legend(self.bound, self.heading, self.classes)

    def input_classes(self) -> str:
        return _input_classes(self.classes)

    def conditionals(self) -> dict[str, list[BoundField]]:
        """The fields revealed under each option (the form's ``govuk_conditionals``)."""
        form = self.bound.form
        by_value = getattr(form, "govuk_conditionals", {}).get(self.bound.name, {})
        return {value: [form[f] for f in fields] for value, fields in by_value.items()}


def _hidden(facts: _FieldFacts) -> Component:
    bound = facts.bound
    return "hidden", {"name": bound.html_name, "value": bound.value() or "", "id": facts.base["id"]}


def _date(facts: _FieldFacts) -> Component:
    bound = facts.bound
    field: GovukDateField = bound.field  # type: ignore[assignment]
    raw = bound.value()
    if isinstance(raw, dt.date):
        raw = [str(raw.day), str(raw.month), str(raw.year)]
    raw = list(raw or ["", "", ""])
    parts_in_error = field.error_parts(raw) if bound.errors else set()
    items = [
        {
            "name": part,
            "label": part.capitalize(),
            "value": value or "",
            "classes": ("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
            + (" govuk-input--error" if part in parts_in_error else ""),
            "id": f"{facts.base['id']}-{part}",
        }
        for part, value in zip(_PARTS, raw, strict=True)
    ]
    return "date", {
        "id": facts.base["id"],
        "namePrefix": bound.html_name,
        "items": items,
        "errorMessage": facts.base["errorMessage"],
        "hint": facts.base["hint"],
        "fieldset": facts.fieldset(),
    }


def _single_checkbox(facts: _FieldFacts) -> Component:
    bound = facts.bound
    item: dict[str, Any] = {
        "value": "true",
        "text": str(bound.label),
        "checked": bool(bound.value()),
    }
    if bound.help_text:
        item["hint"] = {"text": str(bound.help_text)}
    return "checkboxes", {
        "idPrefix": facts.base["id"],
        "name": bound.html_name,
        "items": [item],
        "errorMessage": facts.base["errorMessage"],
        "classes": "govuk-checkboxes--small" if "small" in facts.classes else "",
    }


def _checkboxes(facts: _FieldFacts) -> Component:
    bound = facts.bound
    selected = bound.value() or []
    return "checkboxes", {
        "idPrefix": facts.base["id"],
        "name": bound.html_name,
        "items": _choice_items(bound.form, bound, selected, facts.conditionals()),
        "errorMessage": facts.base["errorMessage"],
        "hint": facts.base["hint"],
        "fieldset": facts.fieldset(),
        "classes": facts.input_classes(),
    }


def _radios(facts: _FieldFacts) -> Component:
    bound = facts.bound
    selected = [bound.value()] if bound.value() not in (None, "") else []
    # GOV.UK Frontend's conditional reveal puts aria-expanded on radio inputs, which the
    # ARIA spec (and axe-core) do not allow (alphagov/govuk-frontend#979). Fields tied to a
    # radio option are shown after the radios instead, labelled to say when they apply.
    after = [f for fields in facts.conditionals().values() for f in fields]
    return "radios", {
        "after_fields": after,
        "idPrefix": facts.base["id"],
        "name": bound.html_name,
        "items": _choice_items(bound.form, bound, selected, {}),
        "errorMessage": facts.base["errorMessage"],
        "hint": facts.base["hint"],
        "fieldset": facts.fieldset(),
        "classes": facts.input_classes(),
    }


def _select(facts: _FieldFacts) -> Component:
    value = facts.bound.value()
    items = [
        {"value": str(v), "text": str(t), "selected": str(v) == str(value)}
        for v, t in facts.bound.field.choices  # type: ignore[attr-defined]
    ]
    return "select", {
        **facts.base,
        "items": items,
        "label": facts.label(),
        "classes": facts.input_classes(),
        "attributes": _attributes(facts.widget),
    }


def _textarea(facts: _FieldFacts) -> Component:
    """A textarea, or a character count when the field has a maximum length."""
    widget = facts.widget
    params = {
        **facts.base,
        "value": facts.bound.value() or "",
        "label": facts.label(),
        "classes": facts.input_classes(),
        "rows": widget.attrs.get("rows", 5),
        "attributes": {k: v for k, v in _attributes(widget).items() if k not in {"rows", "cols"}},
    }
    max_length = getattr(facts.bound.field, "max_length", None)
    if max_length:
        params["maxlength"] = max_length
        return "character_count", params
    return "textarea", params


def _file(facts: _FieldFacts) -> Component:
    return "file", {
        **facts.base,
        "label": facts.label(),
        "classes": facts.input_classes(),
        "attributes": _attributes(facts.widget),
    }


def _password(facts: _FieldFacts) -> Component:
    return "password", {
        **facts.base,
        "label": facts.label(),
        "classes": facts.input_classes(),
        "autocomplete": facts.widget.attrs.get("autocomplete", "current-password"),
    }


# The input types GOV.UK's text input takes as they are; anything else is shown as "text".
_INPUT_TYPES = frozenset({"email", "tel", "url", "number", "search"})


def _text_input(facts: _FieldFacts) -> Component:
    """Any other widget: the GOV.UK text input, with the widget's type where GOV.UK has it."""
    widget = facts.widget
    input_type = getattr(widget, "input_type", "text")
    attributes = _attributes(widget)
    value = facts.bound.value()
    params = {
        **facts.base,
        "type": input_type if input_type in _INPUT_TYPES else "text",
        "value": "" if value is None else value,
        "label": facts.label(),
        "classes": facts.input_classes(),
        "autocomplete": attributes.pop("autocomplete", None),
        "spellcheck": attributes.pop("spellcheck", None),
        "inputmode": attributes.pop("inputmode", None),
        "attributes": attributes,
    }
    if isinstance(widget, forms.NumberInput):
        # GOV.UK advises a text input with inputmode=numeric over type=number.
        params["type"] = "text"
        params["inputmode"] = params["inputmode"] or "numeric"
    return "input", params


# Widget class -> builder, tried in order (the first the widget is an instance of wins): a widget
# none of them matches is a text input. CheckboxSelectMultiple is a subclass of RadioSelect in
# Django, so it comes first.
_BUILDERS: tuple[tuple[type[forms.Widget], Callable[[_FieldFacts], Component]], ...] = (
    (forms.HiddenInput, _hidden),
    (forms.CheckboxInput, _single_checkbox),
    (forms.CheckboxSelectMultiple, _checkboxes),
    (forms.RadioSelect, _radios),
    (forms.Select, _select),
    (forms.Textarea, _textarea),
    (forms.FileInput, _file),  # ClearableFileInput too
    (forms.PasswordInput, _password),
)


def field_component(bound: BoundField) -> Component:
    """The GOV.UK component that renders this field, and its parameters.

    Returns ``(name, params)`` where name is one of input, password, textarea, character_count,
    select, radios, checkboxes, date, file, hidden. Conditional fields under choices are given as
    ``conditional_fields`` (a list of bound fields) on the item; the Jinja macro renders them.
    """
    facts = _FieldFacts.of(bound)
    widget = facts.widget
    # The date input is chosen by its field, which knows the three parts (unless it is hidden).
    if isinstance(bound.field, GovukDateField) and not isinstance(widget, forms.HiddenInput):
        return _date(facts)
    build = next((build for kind, build in _BUILDERS if isinstance(widget, kind)), _text_input)
    return build(facts)
