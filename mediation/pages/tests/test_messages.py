"""Flash messages appear in a GOV.UK notification banner, as HTML, with the text escaped."""

from typing import Any

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def test_success_message_renders_as_a_banner(rf: Any, make_user: Any) -> None:
    request = rf.get("/")
    request.user = make_user("coordinator")
    request.session = {}
    request._messages = FallbackStorage(request)
    messages.success(request, "Case <LDN> closed")
    html = render_to_string("pages/home.html", {"title": "x"}, request=request)
    assert '<p class="govuk-notification-banner__heading">Case &lt;LDN&gt; closed</p>' in html
    assert "&lt;p class" not in html
