"""Mediation from the family's request to the certificate, end to end in a real browser (issue 5).

The family wants mediation: the LA and the ICB are told; a mediator with a conflict is not offered
and another is allocated; the LA officer prepares on the partner side and cannot read the family's
mediator-only summary (in the browser and over HTTP); summaries are exchanged; the meeting is
arranged and its calendar file checked; a partial agreement is recorded whose due dates follow
regs 42 and 44; its PDF reaches every party; the certificate after mediation follows. axe-core
checks every page on the way (the `page` fixture).
"""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from mediation.agreements.models import Agreement
from mediation.cases.services import MatterInput
from mediation.certificates.models import Certificate
from mediation.core.formatting import weekday_date
from mediation.directory.services import organisation_contact_set
from mediation.panel.services import conflict_declare
from mediation.preparation.models import CaseSummary
from mediation.rules import agreement_item_due, appeal_deadline, statutory_calendar
from tests.factories.cases import RoutedCaseFactory
from tests.factories.organisations import ICBFactory
from tests.factories.people import LAOfficerFactory
from tests.journeys.steps import continue_, fill_date, heading, pdf_text, sign_in, sign_out

pytestmark = pytest.mark.browser

LONDON = ZoneInfo("Europe/London")
DECISION = dt.date(2026, 10, 1)


def _mediator(staff: Any, name: str, email: str) -> Any:
    return staff(
        "mediator",
        full_name=name,
        email=email,
        profile__registration_number="SEND-9",
        profile__accredited_until=dt.date(2027, 12, 31),
    )


def test_mediation_from_request_to_agreement_and_certificate(
    live_server: Any,
    page: Page,
    served_la: Any,
    staff: Any,
    screenshot: Any,
    today: dt.date,
    tmp_path: Any,
) -> None:
    base = live_server.url
    organisation_contact_set(organisation=served_la, email="sen.team@islington.la.example")
    icb_name = "NHS Testshire Integrated Care Board"
    ICBFactory.create(name=icb_name, email="send@testshire.icb.example")
    coordinator = staff("coordinator", email="priya@test.example", full_name="Priya Shah")
    helen = _mediator(staff, "Helen Marsh", "helen@test.example")
    _mediator(staff, "Daniel Reyes", "daniel@test.example")
    conflict_declare(
        mediator=helen,
        actor=helen,
        organisation=served_la,
        description="Worked in Islington's SEN team until 2024",
    )
    LAOfficerFactory.create(
        email="grace@islington.la.example", full_name="Grace Adeyemi", organisation=served_la
    )
    case = RoutedCaseFactory.create(
        local_authority=served_la,
        router=coordinator,
        ehc_status="plan",
        decision_date=DECISION,
        wants="mediation",
        matters=[
            MatterInput(decision="plan_content", sections=["B", "F", "G"], involves_health=True)
        ],
    )

    # 1. The family tells the adviser it wants mediation: the LA and the ICB are told.
    sign_in(page, base, "priya@test.example")
    page.goto(f"{base}/cases/{case.pk}/decision/")
    page.get_by_label("Wants mediation").check()
    page.get_by_label("If they want mediation: which integrated care board?").select_option(
        label=icb_name
    )
    fill_date(page, "id_decided_on", today)
    page.get_by_role("button", name="Save decision").click()
    assert [m for m in mail.outbox if m.to == ["sen.team@islington.la.example"]]
    assert [m for m in mail.outbox if m.to == ["send@testshire.icb.example"]]
    case.refresh_from_db()
    assert case.mediation_requested_on == today
    expect(page.locator("main")).to_contain_text(
        f"Mediation must take place by {weekday_date(today + dt.timedelta(days=30))}"
    )
    screenshot("mediation-requested")

    # 2. Helen has a conflict with Islington: not offered. Daniel is allocated.
    page.get_by_role("button", name="Allocate a mediator").click()
    expect(heading(page)).to_have_text("Allocate a mediator")
    expect(page.get_by_role("radio", name="Helen Marsh")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Helen Marsh")
    page.get_by_role("radio", name="Daniel Reyes").check()
    screenshot("allocate")
    page.get_by_role("button", name="Allocate mediator").click()
    expect(page.locator("main")).to_contain_text("Mediator: Daniel Reyes")

    # 3. The family lets the LA and the ICB see its information; its own summary stays private.
    la_party = case.parties.get(kind="local_authority")
    icb_party = case.parties.get(kind="icb")
    for party in (la_party, icb_party):
        page.goto(f"{base}/cases/{case.pk}/parties/{party.pk}/sharing/")
        page.get_by_label("Yes", exact=True).check()
        page.get_by_label("Phone", exact=True).check()
        page.get_by_role("button", name="Save").click()
    page.goto(f"{base}/cases/{case.pk}/preparation/summary/")
    expect(page.get_by_label("The family")).to_be_checked()
    document = tmp_path / "family-summary.pdf"
    document.write_bytes(b"%PDF-1.4\n% What the family could accept.\n")
    page.get_by_label("Upload a file").set_input_files(str(document))
    page.get_by_label("Mediator only").check()
    page.get_by_role("button", name="Add case summary").click()
    private = CaseSummary.objects.get(case=case)
    sign_out(page)

    # 4. The LA officer prepares on the partner side.
    sign_in(page, base, "grace@islington.la.example")
    page.goto(f"{base}/partners/")
    page.get_by_role("link", name=case.reference).click()
    page.get_by_role("button", name="Confirm you will attend").click()
    page.get_by_role("button", name="Confirm we will attend").click()
    page.get_by_role("link", name="Add yourself").click()
    page.get_by_label("Job title").fill("SEN team manager")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Add person").click()
    page.get_by_role("button", name="Send your case summary").click()
    page.get_by_label("Your case summary", exact=True).fill(
        "We will consider amending section F after an educational psychology report."
    )
    page.get_by_label("Shared with all parties").check()
    page.get_by_role("button", name="Send case summary").click()
    screenshot("partner-case")
    # The family's mediator-only summary is not for the LA: in the browser and over HTTP.
    page.goto(f"{base}/cases/summaries/{private.pk}/")
    expect(heading(page)).to_have_text("You do not have access to this page")
    for path in (f"/cases/summaries/{private.pk}/", f"/cases/summaries/{private.pk}/file/"):
        assert page.request.get(base + path).status in (403, 404)
    sign_out(page)

    # 5. Summaries exchanged; the meeting arranged and its calendar file checked.
    sign_in(page, base, "priya@test.example")
    page.goto(f"{base}/cases/{case.pk}/preparation/exchange/")
    page.get_by_role("button", name="Send the summaries").click()
    meeting_day = statutory_calendar().add_working_days(today, 10)
    page.goto(f"{base}/cases/{case.pk}/meeting/arrange/")
    page.get_by_role("radio", name="By video").check()
    page.get_by_label("Video call link").fill("https://meet.example/islington-mediation")
    meeting_date = page.get_by_role("group", name="Date of the meeting")
    meeting_date.get_by_label("Day").fill(str(meeting_day.day))
    meeting_date.get_by_label("Month").fill(str(meeting_day.month))
    meeting_date.get_by_label("Year").fill(str(meeting_day.year))
    page.get_by_label("Start time").fill("10:00")
    continue_(page)
    page.get_by_role("button", name="Arrange meeting and send invitations").click()
    href = page.get_by_role("link", name="Download the calendar invitation (.ics)").get_attribute(
        "href"
    )
    assert href is not None
    calendar = icalendar.Calendar.from_ical(page.request.get(base + href).body())
    event = next(iter(calendar.walk("VEVENT")))
    start = event.decoded("DTSTART")
    assert start == dt.datetime(
        meeting_day.year, meeting_day.month, meeting_day.day, 10, 0, tzinfo=LONDON
    )
    assert event.decoded("DTEND") - start == dt.timedelta(hours=3)
    assert "https://meet.example/islington-mediation" in str(event.get("LOCATION"))
    attendees = " ".join(str(a) for a in event.get("ATTENDEE", [])).lower()
    assert "grace@islington.la.example" in attendees
    invited = [
        m
        for m in mail.outbox
        if "grace@islington.la.example" in m.to
        and any(a[2].startswith("text/calendar") for a in m.attachments)
    ]
    assert invited, "the LA officer was not sent a calendar invitation"
    screenshot("meeting-arranged")

    # 6. On the day: a partial agreement, its due dates from regs 42 and 44.
    meeting_afternoon = dt.datetime(
        meeting_day.year, meeting_day.month, meeting_day.day, 15, 0, tzinfo=LONDON
    )
    with time_machine.travel(meeting_afternoon, tick=True):
        assert timezone.localdate() == meeting_day
        sign_in(page, base, "priya@test.example")  # a fortnight on: yesterday's session expired
        # The case's next step is to record the meeting as held; no outcome before it.
        page.goto(f"{base}/cases/{case.pk}/")
        page.get_by_role("button", name="Record the meeting as held").click()
        expect(heading(page)).to_have_text("Record that the meeting took place")
        page.get_by_label("Yes, it finished at this meeting").check()
        page.get_by_role("button", name="Save").click()
        page.goto(f"{base}/cases/{case.pk}/outcome/")
        page.get_by_label("Partial agreement").check()
        fill_date(page, "id_concluded_on", meeting_day)
        page.get_by_role("button", name="Save outcome").click()
        expect(heading(page)).to_have_text("Written agreement")

        page.get_by_role("button", name="Add an item").click()
        page.get_by_label(
            "The needs or provision in the plan (sections B and F)", exact=True
        ).check()
        page.get_by_label("What was decided?").fill(
            "Section F will say how speech therapy is delivered."
        )
        page.get_by_label("What will be done?").fill("Amend section F of the EHC plan")
        page.get_by_label("Islington", exact=True).check()
        page.get_by_label("Amend the needs or provision in the plan (sections B and F)").check()
        page.get_by_label("How will the parties know it has been done?").fill(
            "The amended plan is sent to the family"
        )
        page.get_by_role("button", name="Save item").click()

        page.get_by_role("button", name="Add an item").click()
        page.get_by_label("Something else the parties agreed").check()
        page.get_by_label("What was decided?").fill("A speech and language assessment")
        page.get_by_label("What will be done?").fill("Arrange a speech and language assessment")
        page.get_by_label(icb_name, exact=True).check()
        page.get_by_label("Anything else that cannot be appealed to the Tribunal").check()
        page.get_by_label("How will the parties know it has been done?").fill(
            "The ICB writes to the family with the date"
        )
        page.get_by_role("button", name="Save item").click()
        amend_due = agreement_item_due(meeting_day, "amend").due
        other_due = agreement_item_due(meeting_day, "other").due
        main = page.locator("main")
        expect(main).to_contain_text(weekday_date(amend_due))
        expect(main).to_contain_text(weekday_date(other_due))
        assert amend_due == meeting_day + dt.timedelta(weeks=5)  # reg 44
        assert other_due == meeting_day + dt.timedelta(weeks=2)  # reg 42

        page.get_by_role("link", name="Add the matters still in dispute").click()
        page.get_by_label("Which matters are still in dispute?").fill(
            "Section I: the school named in the plan"
        )
        page.get_by_role("button", name="Save").click()
        page.get_by_role("button", name="Check and send the agreement").click()
        page.get_by_role("button", name="Finalise and send the agreement").click()
        screenshot("agreement-sent")

        agreement = Agreement.objects.get(case=case)
        assert agreement.status == "final"
        sent = [
            m
            for m in mail.outbox
            if any(a[2] == "application/pdf" for a in m.attachments)
            and "agreement" in m.subject.lower()
        ]
        recipients = {address for m in sent for address in m.to}
        for expected in ("alex.morgan@family.example", "grace@islington.la.example"):
            assert expected in recipients, f"the agreement did not reach {expected}"
        assert recipients & {"send@testshire.icb.example"} or any(
            "icb" in address for address in recipients
        ), "the agreement did not reach the ICB"
        text = pdf_text(agreement.pdf.open("rb").read())
        assert weekday_date(amend_due) in text or amend_due.strftime("%-d %B %Y") in text

        # 7. The certificate after mediation follows, within 3 working days.
        page.goto(f"{base}/cases/{case.pk}/")
        cert_due = statutory_calendar().add_working_days(meeting_day, 3)
        expect(page.locator("main")).to_contain_text(
            f"Issue the certificate after mediation by {weekday_date(cert_due)}"
        )
        page.get_by_role("button", name="Issue the certificate").click()
        expect(page.get_by_label("Mediation took place")).to_be_checked()
        continue_(page)
        page.get_by_role("button", name="Issue certificate").click()
        certificate = Certificate.objects.get(case=case)
        assert certificate.kind == "after_mediation"
        assert certificate.issued_on <= cert_due
        pdf = pdf_text(certificate.pdf.open("rb").read())
        assert certificate.number in pdf
        assert appeal_deadline(DECISION, certificate.issued_on).strftime("%-d %B %Y") in pdf
        screenshot("certificate-after-mediation")
