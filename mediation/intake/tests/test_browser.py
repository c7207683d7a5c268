"""Referrals in a real browser: a parent, a professional, and a coordinator taking a phone call.

The `page` fixture runs axe-core on every page these journeys load and fails on any violation.
"""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mediation.cases.models import Case
from mediation.core.formatting import weekday_date
from mediation.intake import selectors, services
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.browser


def decision_letter_date() -> dt.date:
    # Recent enough that the family is still in time, whatever day the suite runs.
    return timezone.localdate() - dt.timedelta(days=20)


def fill_date(page: Page, day: dt.date) -> None:
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def heading(page: Page) -> Any:
    return page.get_by_role("heading", level=1)


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def answer_about_the_child(page: Page, screenshot: Any) -> None:
    expect(heading(page)).to_have_text("About the child or young person")
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Morgan")
    fill_date(page, dt.date(2015, 3, 14))
    page.get_by_label("School, college or setting (optional)").fill("Northbrook Primary School")
    screenshot("03-child")
    continue_(page)


def answer_the_disagreement(page: Page, screenshot: Any) -> None:
    expect(heading(page)).to_have_text("Which local authority made the decision?")
    page.get_by_label("Which local authority made the decision?").select_option(label="Islington")
    screenshot("04-local-authority")
    continue_(page)

    expect(heading(page)).to_contain_text("education, health and care (EHC) plan?")
    page.get_by_label("Yes, they have an EHC plan").check()
    screenshot("05-ehc-plan")
    continue_(page)

    expect(heading(page)).to_contain_text("disagree")
    page.get_by_label("The needs or provision in the plan").check()
    # Ticking it reveals which sections, and whether health or social care are involved.
    page.get_by_label("Section B: special educational needs").check()
    page.get_by_label("Section F: special educational provision (the support)").check()
    page.get_by_label("The school or setting named in the plan").check()
    screenshot("06-disagreement")
    continue_(page)

    expect(heading(page)).to_have_text("What date is on the decision letter?")
    fill_date(page, decision_letter_date())
    screenshot("07-decision-letter")
    continue_(page)


def answer_the_rest(page: Page, screenshot: Any, *, who: str) -> None:
    expect(heading(page)).to_contain_text("like help with?")
    page.get_by_label("Mediation", exact=True).check()
    screenshot("08-what-you-want")
    continue_(page)

    expect(heading(page)).to_contain_text("need any help to take part?")
    page.get_by_label("An interpreter", exact=True).check()
    page.get_by_label("Which language?").fill("Polish")
    screenshot("09-help-to-take-part")
    continue_(page)

    expect(heading(page)).to_have_text(
        "Your contact details" if who == "parent" else "The family's contact details"
    )
    their = "Your" if who == "parent" else "Their"
    page.get_by_label("Full name" if who == "parent" else "Their full name").fill("Alex Morgan")
    page.get_by_label(f"{their} relationship to the child or young person").fill("Mother")
    page.get_by_label("Email address").fill("alex.morgan@family.example")
    page.get_by_label("Phone number").fill("07700 900123")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Best times to call (optional)").fill("Weekday mornings")
    screenshot("10-contact-details")
    continue_(page)


def sign_in(page: Page, live_server: Any, email: str) -> None:
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_parent_refers_themselves_from_the_start_page(
    live_server: Any, page: Page, served_la: Any, screenshot: Any
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start now").click()

    expect(heading(page)).to_have_text("Who are you?")
    screenshot("01-who-are-you")
    continue_(page)  # nothing chosen: the GOV.UK error summary
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select who you are")
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: ")
    screenshot("01-who-are-you-error")
    page.get_by_label("A parent or carer").check()
    continue_(page)

    answer_about_the_child(page, screenshot)
    # Back, and forward again: nothing typed is lost.
    page.get_by_role("link", name="Back").click()
    expect(heading(page)).to_have_text("About the child or young person")
    expect(page.get_by_label("First name")).to_have_value("Sam")
    continue_(page)

    answer_the_disagreement(page, screenshot)
    answer_the_rest(page, screenshot, who="parent")

    expect(heading(page)).to_have_text("Check your answers before sending your referral")
    expect(page.locator("main")).to_contain_text("Sam Morgan")
    expect(page.locator("main")).to_contain_text("An interpreter: Polish")
    screenshot("11-check-answers")
    # Change one answer: back to check answers afterwards.
    page.get_by_role("link", name="Change help wanted").click()
    page.get_by_label("Information about mediation, and a mediation certificate").check()
    continue_(page)
    expect(heading(page)).to_have_text("Check your answers before sending your referral")
    expect(page.locator("main")).to_contain_text(
        "Information about mediation, and a mediation certificate"
    )
    page.get_by_role("button", name="Send referral").click()

    expect(page.locator(".govuk-panel")).to_contain_text("Referral sent")
    case = Case.objects.get()
    assert case.wants == "certificate"
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
    dates = selectors.key_dates(case=case)
    assert dates.adviser_contact is not None
    assert dates.appeal is not None
    main = page.locator("main")
    expect(main).to_contain_text("Your key dates")
    expect(main).to_contain_text(weekday_date(dates.adviser_contact.due))
    expect(main).to_contain_text("You have now done this by sending your referral.")
    expect(main).to_contain_text(weekday_date(dates.appeal.due))
    expect(main).to_contain_text(dates.appeal.explanation)
    expect(page.get_by_role("link", name="Work out key dates again")).to_be_visible()
    screenshot("12-confirmation")
    page.reload()  # a refresh keeps the confirmation
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)


def test_a_professional_refers_a_family_that_has_not_yet_agreed(
    live_server: Any, page: Page, served_la: Any, screenshot: Any
) -> None:
    page.goto(live_server.url + "/refer/")
    page.get_by_label("A professional asking on a family's behalf").check()
    screenshot("01-who-are-you")
    continue_(page)

    expect(heading(page)).to_have_text("Your details")
    page.get_by_label("Full name").fill("Jo Patel")
    page.get_by_label("Organisation").fill("Islington SENDIASS")
    page.get_by_label("Job title").fill("SEND adviser")
    page.get_by_label("Email address").fill("jo.patel@sendiass.example")
    screenshot("02-your-details")
    continue_(page)

    expect(heading(page)).to_have_text("About the family")
    page.get_by_label("A parent or carer").check()
    page.get_by_label("Not yet").check()
    expect(page.locator("main")).to_contain_text(
        "We will contact the family to ask their permission before we do anything else"
    )
    screenshot("02-about-the-family")
    continue_(page)

    answer_about_the_child(page, screenshot)
    answer_the_disagreement(page, screenshot)
    answer_the_rest(page, screenshot, who="professional")
    expect(page.locator("main")).to_contain_text("Not yet")
    screenshot("11-check-answers")
    page.get_by_role("button", name="Send referral").click()

    case = Case.objects.get()
    assert case.stage == "awaiting_consent"
    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text(case.reference)
    main = page.locator("main")
    expect(main).to_contain_text("We will contact the family to ask their permission")
    expect(main).to_contain_text("jo.patel@sendiass.example")
    expect(main).to_contain_text("The family's key dates")
    screenshot("12-confirmation")


def test_a_coordinator_enters_a_phone_referral_for_a_child_who_already_has_a_case(
    live_server: Any, page: Page, staff: Any, served_la: Any, make_case: Any, screenshot: Any
) -> None:
    existing = make_case(child_first_name="Sam", child_last_name="Morgan")
    staff("coordinator", email="priya@test.example", full_name="Priya Shah")

    sign_in(page, live_server, "priya@test.example")

    page.goto(live_server.url + "/refer/staff/")
    expect(heading(page)).to_have_text("New referral")
    page.locator("#id_referral-channel").check()  # the first option: phone
    page.locator("#id_who-are-you-who").check()  # a parent or carer
    page.locator("#id_child-child_first_name").fill("Sam")
    page.locator("#id_child-child_last_name").fill("Morgan")
    page.locator("#id_child-child_date_of_birth-day").fill("14")
    page.locator("#id_child-child_date_of_birth-month").fill("3")
    page.locator("#id_child-child_date_of_birth-year").fill("2015")
    page.locator("#id_local-authority-local_authority").select_option(label="Islington")
    page.get_by_label("No EHC plan").check()
    page.get_by_label("The local authority will not do an EHC needs assessment").check()
    letter = decision_letter_date()
    page.locator("#id_decision-letter-decision_date-day").fill(str(letter.day))
    page.locator("#id_decision-letter-decision_date-month").fill(str(letter.month))
    page.locator("#id_decision-letter-decision_date-year").fill(str(letter.year))
    page.locator("#id_what-you-want-wants").check()  # information and a certificate
    page.get_by_label("No, they do not need any help").check()
    page.locator("#id_contact-details-applicant_name").fill("Alex Morgan")
    page.locator("#id_contact-details-applicant_relationship").fill("Father")
    page.locator("#id_contact-details-applicant_phone").fill("07700 900999")
    page.get_by_label("Phone call").check()
    screenshot("staff-new-referral")
    page.get_by_role("button", name="Create case").click()

    expect(heading(page)).to_have_text("There may already be a case for this child or young person")
    expect(page.get_by_role("link", name=existing.reference)).to_be_visible()
    screenshot("staff-duplicate-warning")
    page.get_by_role("button", name="Create a new case anyway").click()

    new_case = Case.objects.exclude(pk=existing.pk).get()
    assert new_case.channel == "phone"
    assert new_case.applicant_relationship == "Father"
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Case {new_case.reference} created"
    )
    screenshot("staff-case-created")


def test_a_coordinator_releases_a_referral_the_spam_trap_held(
    live_server: Any, page: Page, staff: Any, served_la: Any, screenshot: Any
) -> None:
    answers = {
        "who-are-you": {"who": ["parent_carer"]},
        "child": {
            "child_first_name": ["Sam"],
            "child_last_name": ["Morgan"],
            "child_date_of_birth-day": ["14"],
            "child_date_of_birth-month": ["3"],
            "child_date_of_birth-year": ["2015"],
        },
        "local-authority": {"local_authority": [str(served_la.pk)]},
        "ehc-plan": {"ehc_status": ["none"]},
        "disagreement": {"decisions": ["refusal_to_assess"]},
        "decision-letter": {
            "decision_date-day": [str(decision_letter_date().day)],
            "decision_date-month": [str(decision_letter_date().month)],
            "decision_date-year": [str(decision_letter_date().year)],
        },
        "what-you-want": {"wants": ["certificate"]},
        "help-to-take-part": {"support": ["none"]},
        "contact-details": {
            "applicant_name": ["Alex Morgan"],
            "applicant_relationship": ["Mother"],
            "applicant_phone": ["07700 900123"],
            "contact_method": ["phone"],
        },
    }
    services.held_referral_create(
        answers=answers, reason="honeypot", hashed_ip=services.ip_hash("203.0.113.9")
    )
    staff("coordinator", email="priya@test.example")
    sign_in(page, live_server, "priya@test.example")

    page.goto(live_server.url + "/refer/held/")
    expect(heading(page)).to_have_text("Held referrals")
    screenshot("held-list")
    page.get_by_role("link", name=re.compile("^Review")).click()
    expect(heading(page)).to_have_text("Sam Morgan")
    expect(page.locator("main")).to_contain_text("A hidden spam-trap field was filled in")
    screenshot("held-detail")
    page.get_by_role("button", name="Create case").click()

    case = Case.objects.get()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Case {case.reference} created"
    )
