"""The Jinja2 environment: GOV.UK Frontend macros, URL and static helpers, and our filters."""

from typing import Any

import jinja2
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse

from mediation.core import formatting, forms_govuk


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    """Reverse a URL by name, as `{% url %}` does in Django templates."""
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def try_url(viewname: str, *args: Any, **kwargs: Any) -> str | None:
    """The URL, or None if no such page exists (for links to optional parts of the service)."""
    try:
        return url(viewname, *args, **kwargs)
    except NoReverseMatch:
        return None


def environment(**options: Any) -> jinja2.Environment:
    # The GOV.UK macros check optional parameters for truthiness; Django's DebugUndefined would
    # print "{{ params.x }}" into pages, so undefined values are plain empty ones everywhere.
    options["undefined"] = jinja2.Undefined
    # HTML is escaped; plain-text e-mail bodies (.txt) are not, or names like O'Brien would
    # arrive as O&#39;Brien.
    options["autoescape"] = jinja2.select_autoescape(
        enabled_extensions=("html", "xml"),
        disabled_extensions=("txt",),
        default_for_string=True,
        default=True,
    )
    app_loader = options.pop("loader")
    options["loader"] = jinja2.ChoiceLoader(
        [
            app_loader,
            jinja2.PrefixLoader(
                {"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja")}
            ),
        ]
    )
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = jinja2.Environment(**options)  # noqa: S701 - autoescape is set above
    autoescape = env.autoescape
    if not (callable(autoescape) and autoescape("page.html")):
        raise ImproperlyConfigured("Templates hold family data: HTML must always be autoescaped")
    env.globals.update(
        {
            "url": url,
            "try_url": try_url,
            "static": static,
            "govuk_field_component": forms_govuk.field_component,
            "govuk_error_summary_items": forms_govuk.error_summary_items,
            "govuk_conditional_names": forms_govuk.conditional_field_names,
        }
    )
    env.filters.update(
        {
            "govuk_date": formatting.govuk_date,
            "govuk_date_short": formatting.govuk_date_short,
            "govuk_datetime": formatting.govuk_datetime,
            "govuk_time": formatting.govuk_time,
            "weekday_date": formatting.weekday_date,
        }
    )
    return env
