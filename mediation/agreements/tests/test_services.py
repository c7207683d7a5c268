"""Outcomes and written agreements: the clock, the rules of the builder, the PDF and who gets it."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from mediation.agreements import document, presenters, selectors, services
from mediation.agreements.choices import ItemKind
from mediation.agreements.models import Agreement, AgreementItem, Confirmation
from mediation.agreements.tests.conftest import (
    AGREED_ON,
    FAMILY_EMAIL,
    INTERPRETER_EMAIL,
    LA_EMAIL,
    LA_SECOND_EMAIL,
    SCHOOL_EMAIL,
    SUPPORTER_EMAIL,
    pdf_text,
)
from mediation.cases.choices import Route, Stage
from mediation.cases.parties import party_add
from mediation.core.errors import ApplicationError, ConflictError
from mediation.notifications.models import OutboundEmail
from tests.factories.cases import party_of
from tests.factories.organisations import ICBFactory

pytestmark = pytest.mark.django_db

# legal-rules.md E14: a written mediation agreement dated Friday 27 March 2026.
E14 = {
    "amend": dt.date(2026, 5, 1),
    "placement": dt.date(2026, 4, 10),
    "other": dt.date(2026, 4, 10),
    "la_notified": dt.date(2026, 4, 3),  # Good Friday: "on or before"
    "assess_notify": dt.date(2026, 4, 10),
    "assess_decline_to_issue": dt.date(2026, 6, 5),
    "assess_final_plan": dt.date(2026, 7, 3),
    "plan_draft": dt.date(2026, 5, 1),  # 5 weeks (reg 44(2)(c))
    "plan_final": dt.date(2026, 6, 12),  # 11 weeks (reg 44(2)(c))
}


def item_input(case: Any, **overrides: Any) -> services.ItemInput:
    values: dict[str, Any] = {
        "matter": case.matters.first(),
        "decided": "The LA will amend section F.",
        "action": "Issue the amended plan",
        "responsible": party_of(case, "local_authority"),
        "kind": "amend",
        "how_checked": "A copy is emailed to the family",
    }
    values.update(overrides)
    return services.ItemInput(**values)


def started(case: Any, actor: Any, outcome: str = "partial_agreement") -> Agreement:
    services.outcome_record(
        case=case, outcome=outcome, concluded_on=AGREED_ON, notes="", actor=actor
    )
    agreement = selectors.agreement_for_case(case=case, include_draft=True)
    assert agreement is not None
    return agreement


# ---------------------------------------------------------------------------------------------
# The outcome and the certificate after mediation
# ---------------------------------------------------------------------------------------------


def test_recording_the_outcome_concludes_the_mediation_and_the_certificate_is_next(
    mediation_case: Any, mediator: Any
) -> None:
    case = mediation_case
    services.outcome_record(
        case=case, outcome="no_agreement", concluded_on=AGREED_ON, notes="", actor=mediator
    )
    case.refresh_from_db()
    assert case.mediation_concluded_on == AGREED_ON
    assert case.stage == Stage.AFTER_MEETING
    # 3 working days after Friday 27 March 2026: Mon 30, Tue 31 March, Wed 1 April.
    assert case.next_deadline_key == "certificate_due"
    assert case.next_deadline_on == dt.date(2026, 4, 1)
    assert selectors.certificate_after_mediation_due(case) == dt.date(2026, 4, 1)
    event = case.events.get(kind="outcome_recorded")
    assert event.title == "Outcome recorded: no agreement"
    assert "certificate after mediation is due by Wednesday 1 April 2026" in event.description
    assert event.actor == mediator
    # No agreement outcome: no written agreement.
    assert selectors.agreement_for_case(case=case, include_draft=True) is None


def test_the_certificate_skips_easter_like_legal_rules_e8(
    mediation_case: Any, mediator: Any, today: dt.date
) -> None:
    """E8: mediation concluded Thursday 2 April 2026, so the certificate is due Thursday 9 April."""
    import time_machine

    with time_machine.travel(dt.datetime(2026, 4, 2, 16, 0), tick=False):
        services.outcome_record(
            case=mediation_case,
            outcome="full_agreement",
            concluded_on=dt.date(2026, 4, 2),
            actor=mediator,
        )
    mediation_case.refresh_from_db()
    assert mediation_case.next_deadline_on == dt.date(2026, 4, 9)


def test_issuing_the_certificate_takes_it_off_the_queue(mediation_case: Any, mediator: Any) -> None:
    from mediation.certificates.services import certificate_issue

    services.outcome_record(
        case=mediation_case, outcome="no_agreement", concluded_on=AGREED_ON, actor=mediator
    )
    certificate_issue(
        case=mediation_case,
        kind="after_mediation",
        issuer_name="Helen Marsh",
        issuer_role="Mediator",
        actor=mediator,
    )
    mediation_case.refresh_from_db()
    assert selectors.certificate_after_mediation_due(mediation_case) is None
    assert mediation_case.next_deadline_key != "certificate_due"


def test_an_agreement_outcome_starts_a_draft_agreement_dated_the_day_it_concluded(
    mediation_case: Any, mediator: Any
) -> None:
    agreement = started(mediation_case, mediator, "full_agreement")
    assert agreement.is_draft
    assert agreement.agreed_on == AGREED_ON
    assert agreement.statutory is True
    assert mediation_case.events.filter(kind="agreement_started").exists()
    # Partners never see a draft.
    assert selectors.agreement_for_case(case=mediation_case) is None


def test_a_family_that_withdraws_gets_its_certificate_on_request(
    mediation_case: Any, coordinator: Any
) -> None:
    services.outcome_record(
        case=mediation_case, outcome="withdrawn", concluded_on=AGREED_ON, actor=coordinator
    )
    mediation_case.refresh_from_db()
    assert mediation_case.mediation_concluded_on is None
    assert mediation_case.next_deadline_key != "certificate_due"
    event = mediation_case.events.get(kind="outcome_recorded")
    assert "can ask for a mediation certificate at any time" in event.description


def test_the_outcome_can_be_corrected_and_the_change_is_on_the_timeline(
    mediation_case: Any, mediator: Any
) -> None:
    started(mediation_case, mediator, "full_agreement")
    services.outcome_record(
        case=mediation_case,
        outcome="partial_agreement",
        concluded_on=AGREED_ON,
        actor=mediator,
    )
    outcome = selectors.outcome_for_case(case=mediation_case)
    assert outcome is not None
    assert outcome.outcome == "partial_agreement"
    titles = list(mediation_case.events.values_list("title", flat=True))
    assert "Outcome changed to partial agreement (was full agreement, 27 March 2026)" in titles
    # Still one draft agreement.
    assert Agreement.objects.filter(case=mediation_case).count() == 1


def test_a_corrected_outcome_keeps_who_recorded_it_and_who_corrected_it(
    mediation_case: Any, mediator: Any, staff: Any
) -> None:
    started(mediation_case, mediator, "full_agreement")
    coordinator = staff("coordinator")
    services.outcome_record(
        case=mediation_case, outcome="partial_agreement", concluded_on=AGREED_ON, actor=coordinator
    )
    outcome = selectors.outcome_for_case(case=mediation_case)
    assert outcome is not None
    assert (outcome.created_by, outcome.updated_by) == (mediator, coordinator)
    agreement = selectors.agreement_for_case(case=mediation_case, include_draft=True)
    assert agreement is not None
    assert (agreement.created_by, agreement.updated_by) == (mediator, mediator)


def test_an_empty_draft_goes_when_the_outcome_changes_to_no_agreement_but_content_stays(
    mediation_case: Any, mediator: Any
) -> None:
    agreement = started(mediation_case, mediator)
    services.outcome_record(
        case=mediation_case, outcome="no_agreement", concluded_on=AGREED_ON, actor=mediator
    )
    assert not Agreement.objects.filter(pk=agreement.pk).exists()

    agreement = started(mediation_case, mediator)
    services.agreement_item_add(
        agreement=agreement, data=item_input(mediation_case), actor=mediator
    )
    with pytest.raises(ConflictError, match="Remove its items"):
        services.outcome_record(
            case=mediation_case, outcome="no_agreement", concluded_on=AGREED_ON, actor=mediator
        )
    assert AgreementItem.objects.filter(agreement=agreement).count() == 1


@pytest.mark.parametrize(
    ("concluded_on", "message"),
    [
        (dt.date(2026, 3, 31), "today or in the past"),
        (dt.date(2026, 3, 1), "before the local authority was told"),
    ],
)
def test_the_date_it_concluded_must_make_sense(
    mediation_case: Any, mediator: Any, concluded_on: dt.date, message: str
) -> None:
    held_on = mediation_case.mediation_concluded_on  # the meeting concluded it
    with pytest.raises(ApplicationError, match=message):
        services.outcome_record(
            case=mediation_case, outcome="no_agreement", concluded_on=concluded_on, actor=mediator
        )
    mediation_case.refresh_from_db()
    assert mediation_case.mediation_concluded_on == held_on
    assert not mediation_case.events.filter(kind="outcome_recorded").exists()


def test_no_outcome_before_the_la_knows_the_family_wants_mediation(
    make_case: Any, today: dt.date, mediator: Any
) -> None:
    case = make_case(wants="mediation", decision_date=dt.date(2026, 2, 12))
    with pytest.raises(ApplicationError, match="Record the date the local authority was told"):
        services.outcome_record(
            case=case, outcome="no_agreement", concluded_on=today, actor=mediator
        )


def test_a_closed_case_takes_no_outcome(mediation_case: Any, coordinator: Any) -> None:
    from mediation.cases.services import case_close

    case_close(case=mediation_case, reason="The family moved away.", actor=coordinator)
    with pytest.raises(ConflictError):
        services.outcome_record(
            case=mediation_case, outcome="no_agreement", concluded_on=AGREED_ON, actor=coordinator
        )


def test_disagreement_resolution_has_no_certificate_and_no_regulation_timescales(
    mediation_case: Any, coordinator: Any
) -> None:
    from mediation.cases.services import case_confirm_route

    case_confirm_route(
        case=mediation_case,
        route=Route.DISAGREEMENT_RESOLUTION,
        reason="A disagreement with the school about support.",
        actor=coordinator,
    )
    agreement = started(mediation_case, coordinator)
    mediation_case.refresh_from_db()
    assert mediation_case.mediation_concluded_on is None
    assert selectors.certificate_after_mediation_due(mediation_case) is None
    assert agreement.statutory is False
    with pytest.raises(ApplicationError, match="Enter the date the parties agreed"):
        services.agreement_item_add(
            agreement=agreement, data=item_input(mediation_case, kind=""), actor=coordinator
        )
    item = services.agreement_item_add(
        agreement=agreement,
        data=item_input(mediation_case, kind="", due_on=dt.date(2026, 5, 15)),
        actor=coordinator,
    )
    assert item.default_due_on is None
    line = document.item_line(item, 1)
    assert line.basis == "The date the parties agreed"


# ---------------------------------------------------------------------------------------------
# Building the agreement: the regulations' timescales
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(E14))
def test_default_due_dates_match_regs_42_and_44_for_every_kind(
    mediation_case: Any, mediator: Any, kind: str
) -> None:
    agreement = started(mediation_case, mediator)
    responsible = party_of(mediation_case, "local_authority")
    if kind == "la_notified":
        responsible = party_add(case=mediation_case, kind="icb", organisation=ICBFactory.create())
    item = services.agreement_item_add(
        agreement=agreement,
        data=item_input(mediation_case, kind=kind, responsible=responsible),
        actor=mediator,
    )
    assert item.default_due_on == E14[kind]
    assert item.due_on == E14[kind]
    assert item.due_date_note == ""
    line = document.item_line(item, 1)
    expected = "reg 44" if kind not in {"other", "la_notified"} else "reg 42"
    assert expected in line.basis
    assert "27 March 2026" in line.basis_explanation


def test_every_kind_is_covered_by_the_e14_table() -> None:
    assert set(E14) == set(ItemKind.values)


def test_kind_options_give_the_timescale_and_date_as_hints(
    mediation_case: Any, mediator: Any
) -> None:
    options = {
        o.value: o for o in presenters.kind_options(case=mediation_case, agreed_on=AGREED_ON)
    }
    assert options["plan_final"].label == "Make the final EHC plan"
    assert options["plan_final"].hint == "11 weeks (reg 44): by Friday 12 June 2026"
    assert options["amend"].hint == "5 weeks (reg 44): by Friday 1 May 2026"
    assert options["other"].hint.endswith("2 weeks (reg 42): by Friday 10 April 2026")
    # The LA is a party and the matters are not health-only: the ICB's duty to tell it is moot.
    assert "la_notified" not in options


def test_a_changed_due_date_needs_the_note_that_the_parties_agreed_it_in_writing(
    mediation_case: Any, mediator: Any
) -> None:
    agreement = started(mediation_case, mediator)
    later = dt.date(2026, 5, 15)
    with pytest.raises(ApplicationError, match="Say who agreed the different date in writing"):
        services.agreement_item_add(
            agreement=agreement, data=item_input(mediation_case, due_on=later), actor=mediator
        )
    note = "Agreed in writing by Jo Smith (Islington) and Alex Morgan at the meeting."
    item = services.agreement_item_add(
        agreement=agreement,
        data=item_input(mediation_case, due_on=later, due_date_note=note),
        actor=mediator,
    )
    assert item.due_on == later
    assert item.default_due_on == dt.date(2026, 5, 1)
    assert item.due_date_changed
    line = document.item_line(item, 1)
    assert "reg 42" in line.basis
    assert "Friday 1 May 2026" in line.basis_explanation
    assert note in line.basis_explanation
    event = mediation_case.events.get(kind="agreement_item_added")
    assert "Friday 15 May 2026" in event.description
    assert note in event.description


def test_the_database_refuses_a_changed_date_without_a_note(
    mediation_case: Any, mediator: Any
) -> None:
    agreement = started(mediation_case, mediator)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementItem.objects.create(
            agreement=agreement,
            decided="x",
            action="y",
            responsible=party_of(mediation_case, "local_authority"),
            kind="amend",
            due_on=dt.date(2026, 6, 1),
            default_due_on=dt.date(2026, 5, 1),
            how_checked="z",
        )


def test_the_default_date_typed_in_is_not_a_change(mediation_case: Any, mediator: Any) -> None:
    agreement = started(mediation_case, mediator)
    item = services.agreement_item_add(
        agreement=agreement,
        data=item_input(mediation_case, due_on=dt.date(2026, 5, 1), due_date_note="stray"),
        actor=mediator,
    )
    assert not item.due_date_changed
    assert item.due_date_note == ""


def test_moving_the_agreement_date_moves_the_regulations_dates_but_keeps_agreed_ones(
    mediation_case: Any, mediator: Any
) -> None:
    agreement = started(mediation_case, mediator)
    regs = services.agreement_item_add(
        agreement=agreement, data=item_input(mediation_case), actor=mediator
    )
    agreed = services.agreement_item_add(
        agreement=agreement,
        data=item_input(
            mediation_case, kind="other", due_on=dt.date(2026, 4, 24), due_date_note="Agreed."
        ),
        actor=mediator,
    )
    services.agreement_update(agreement=agreement, agreed_on=dt.date(2026, 3, 30), actor=mediator)
    regs.refresh_from_db()
    agreed.refresh_from_db()
    assert regs.due_on == regs.default_due_on == dt.date(2026, 5, 4)
    assert agreed.due_on == dt.date(2026, 4, 24)
    assert agreed.default_due_on == dt.date(2026, 4, 13)
    assert agreed.due_date_note == "Agreed."
    event = mediation_case.events.get(kind="agreement_date_changed")
    assert "1 agreed different date kept" in event.description


def test_the_agreement_cannot_predate_the_mediation_or_be_in_the_future(
    mediation_case: Any, mediator: Any
) -> None:
    agreement = started(mediation_case, mediator)
    with pytest.raises(ApplicationError, match="before the mediation concluded"):
        services.agreement_update(
            agreement=agreement, agreed_on=dt.date(2026, 3, 26), actor=mediator
        )
    with pytest.raises(ApplicationError, match="today or in the past"):
        services.agreement_update(
            agreement=agreement, agreed_on=dt.date(2026, 3, 31), actor=mediator
        )


def test_items_belong_to_the_case(mediation_case: Any, make_case: Any, mediator: Any) -> None:
    from mediation.cases.parties import family_party_ensure

    agreement = started(mediation_case, mediator)
    other = make_case(child_first_name="Other")
    with pytest.raises(ApplicationError, match="party to this case"):
        services.agreement_item_add(
            agreement=agreement,
            data=item_input(mediation_case, responsible=family_party_ensure(case=other)),
            actor=mediator,
        )
    with pytest.raises(ApplicationError, match="matter of this case"):
        services.agreement_item_add(
            agreement=agreement,
            data=item_input(mediation_case, matter=other.matters.first()),
            actor=mediator,
        )


def test_only_the_health_body_tells_the_la(mediation_case: Any, mediator: Any) -> None:
    agreement = started(mediation_case, mediator)
    with pytest.raises(ApplicationError, match="Only the health body"):
        services.agreement_item_add(
            agreement=agreement, data=item_input(mediation_case, kind="la_notified"), actor=mediator
        )


def test_items_can_be_changed_and_removed_while_draft(mediation_case: Any, mediator: Any) -> None:
    agreement = started(mediation_case, mediator)
    item = services.agreement_item_add(
        agreement=agreement, data=item_input(mediation_case), actor=mediator
    )
    services.agreement_item_update(
        item=item, data=item_input(mediation_case, kind="placement"), actor=mediator
    )
    item.refresh_from_db()
    assert item.kind == "placement"
    assert item.due_on == dt.date(2026, 4, 10)
    services.agreement_item_remove(item=item, actor=mediator)
    assert not agreement.items.exists()
    kinds = set(mediation_case.events.values_list("kind", flat=True))
    assert {"agreement_item_added", "agreement_item_changed", "agreement_item_removed"} <= kinds


# ---------------------------------------------------------------------------------------------
# Finalising: the PDF, the clock, the e-mails
# ---------------------------------------------------------------------------------------------


def test_a_partial_agreement_is_finalised_printed_and_sent_to_every_party(
    partial_agreement: Any,
    mediator: Any,
    mediation_case: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = mediation_case
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agreement = services.agreement_finalise(agreement=partial_agreement, actor=mediator)

    assert agreement.is_final
    assert agreement.finalised_by == mediator
    assert len(agreement.pdf_sha256) == 64
    case.refresh_from_db()
    assert case.agreement_recorded_on == AGREED_ON
    # The certificate after mediation is still the next thing due (the agreement does not do it).
    assert case.next_deadline_key == "certificate_due"

    # The PDF reads back with what was agreed, by when, and why.
    pdf = selectors.agreement_pdf(agreement=agreement)
    assert pdf is not None
    assert pdf.filename == f"Mediation agreement {case.reference}.pdf"
    text = pdf_text(pdf.content)
    for expected in [
        "Mediation agreement",
        case.reference,
        "Sam (SM)",
        "Partial agreement",
        "Friday 27 March 2026",
        "Issue an amended EHC plan with weekly speech and language therapy in F",
        "Arrange an educational psychologist visit",
        "Friday 1 May 2026",
        "Friday 10 April 2026",
        "reg 44(2)(e)",
        "SEND Regulations 2014, reg 42",
        "The school named in section I of the plan.",
        "without prejudice",
        "Islington",
        "Northbrook Primary School",
        "The family",
        "Jo Smith (SEN team manager, officer with authority to decide)",
        "Chris Lee",
        "Marek Nowak",
        "Local Government and Social Care Ombudsman",
        "The SEN team emails Alex Morgan a copy of the amended plan",
    ]:
        assert expected in text, expected
    # The child's full name goes to organisations: it is never printed.
    assert "Sam Morgan" not in text

    # Every party's people get it, with the PDF; the interpreter is not a party.
    emails = list(OutboundEmail.objects.filter(template="agreement_sent"))
    recipients = {address for email in emails for address in email.to}
    assert recipients == {FAMILY_EMAIL, SUPPORTER_EMAIL, LA_EMAIL, LA_SECOND_EMAIL, SCHOOL_EMAIL}
    assert INTERPRETER_EMAIL not in recipients
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == recipients
    for message in sent.values():
        (name, content, mimetype) = message.attachments[0]
        assert name == f"Mediation agreement {case.reference}.pdf"
        assert mimetype == "application/pdf"
        assert content == pdf.content
    la_mail = sent[LA_EMAIL]
    assert la_mail.subject == f"Mediation agreement, case {case.reference}"
    assert "Issue an amended EHC plan" in la_mail.body
    assert "on or before Friday 1 May 2026" in la_mail.body
    assert "Arrange an educational psychologist visit" not in la_mail.body
    family_mail = sent[FAMILY_EMAIL]
    assert "We will send your mediation certificate by Wednesday 1 April 2026" in family_mail.body
    assert "The school named in section I" in family_mail.body

    deliveries = {d.party.kind: d.sent_to for d in selectors.deliveries(agreement=agreement)}
    assert deliveries == {
        "family": [FAMILY_EMAIL, SUPPORTER_EMAIL],
        "local_authority": [LA_EMAIL, LA_SECOND_EMAIL],
        "school": [SCHOOL_EMAIL],
    }
    event = case.events.get(kind="agreement_finalised")
    assert "Sent by email to" in event.description
    assert "Not sent" not in event.description


def test_a_final_agreement_never_changes(partial_agreement: Any, mediator: Any) -> None:
    agreement = services.agreement_finalise(agreement=partial_agreement, actor=mediator)
    item = agreement.items.first()
    assert item is not None
    case = agreement.case
    with pytest.raises(ConflictError):
        services.agreement_item_add(agreement=agreement, data=item_input(case), actor=mediator)
    with pytest.raises(ConflictError):
        services.agreement_item_update(item=item, data=item_input(case), actor=mediator)
    with pytest.raises(ConflictError):
        services.agreement_item_remove(item=item, actor=mediator)
    with pytest.raises(ConflictError):
        services.agreement_dispute_update(
            agreement=agreement, matters_in_dispute="", actor=mediator
        )
    with pytest.raises(ConflictError):
        services.agreement_finalise(agreement=agreement, actor=mediator)
    with pytest.raises(ConflictError):
        services.outcome_record(
            case=case, outcome="no_agreement", concluded_on=AGREED_ON, actor=mediator
        )


@pytest.mark.parametrize(
    ("outcome", "in_dispute", "items", "problem"),
    [
        ("partial_agreement", "", True, "Say which matters are still in dispute"),
        ("full_agreement", "Placement", True, "The outcome is full agreement"),
        ("full_agreement", "", False, "Add at least one thing the parties agreed"),
    ],
)
def test_finalising_needs_a_complete_agreement(
    mediation_case: Any,
    mediator: Any,
    outcome: str,
    in_dispute: str,
    items: bool,
    problem: str,
) -> None:
    agreement = started(mediation_case, mediator, outcome)
    if items:
        services.agreement_item_add(
            agreement=agreement, data=item_input(mediation_case), actor=mediator
        )
    services.agreement_dispute_update(
        agreement=agreement, matters_in_dispute=in_dispute, actor=mediator
    )
    with pytest.raises(ApplicationError, match=problem):
        services.agreement_finalise(agreement=agreement, actor=mediator)
    agreement.refresh_from_db()
    assert agreement.is_draft
    assert not agreement.pdf
    assert not OutboundEmail.objects.filter(template="agreement_sent").exists()


def test_a_failure_after_printing_leaves_nothing_behind(
    partial_agreement: Any, mediator: Any, monkeypatch: Any
) -> None:
    from django.core.files.storage import default_storage

    def broken(**kwargs: Any) -> bool:
        raise RuntimeError("mail server on fire")

    monkeypatch.setattr(services, "_email_party", broken)
    with pytest.raises(RuntimeError):
        services.agreement_finalise(agreement=partial_agreement, actor=mediator)
    partial_agreement.refresh_from_db()
    assert partial_agreement.is_draft
    assert not partial_agreement.pdf
    assert partial_agreement.case.agreement_recorded_on is None
    assert not OutboundEmail.objects.filter(template="agreement_sent").exists()
    _, files = default_storage.listdir("agreements/LDN/2026")
    assert files == []


def test_a_party_without_the_familys_permission_is_not_sent_it_until_given(
    partial_agreement: Any, mediator: Any, mediation_case: Any
) -> None:
    from mediation.cases.parties import share_consent_record

    school = party_of(mediation_case, "school")
    share_consent_record(
        party=school, given=False, given_by="Alex Morgan", method="phone", actor=mediator
    )
    recipient = selectors.recipient_for(party=party_of(mediation_case, "school"))
    assert not recipient.will_receive
    assert "has not given permission" in recipient.problem

    agreement = services.agreement_finalise(agreement=partial_agreement, actor=mediator)
    recipients = {a for e in OutboundEmail.objects.filter(template="agreement_sent") for a in e.to}
    assert SCHOOL_EMAIL not in recipients
    event = mediation_case.events.get(kind="agreement_finalised")
    assert "Not sent to Northbrook Primary School" in event.description
    school = party_of(mediation_case, "school")
    with pytest.raises(ApplicationError, match="has not given permission"):
        services.agreement_send(agreement=agreement, party=school, actor=mediator)
    # Nor can the school read it through the partner side.
    assert selectors.agreement_for_party(party=school) is None
    assert not selectors.agreement_items_for_party(party=school).exists()

    share_consent_record(
        party=school, given=True, given_by="Alex Morgan", method="phone", actor=mediator
    )
    school = party_of(mediation_case, "school")
    delivery = services.agreement_send(agreement=agreement, party=school, actor=mediator)
    assert delivery.sent_to == [SCHOOL_EMAIL]
    assert mediation_case.events.filter(kind="agreement_sent").exists()
    assert selectors.agreement_for_party(party=school) == agreement


def test_an_organisation_with_no_person_emailed_gets_it_at_its_own_address(
    mediation_case: Any, mediator: Any, partial_agreement: Any
) -> None:
    school = party_of(mediation_case, "school")
    school.participants.update(email="")
    assert school.organisation is not None
    school.organisation.email = "office@northbrook.example"
    school.organisation.save()
    recipient = selectors.recipient_for(party=party_of(mediation_case, "school"))
    assert recipient.people == (("Northbrook Primary School", "office@northbrook.example"),)


def test_the_partner_side_sees_only_the_final_agreement_and_its_own_actions(
    partial_agreement: Any, mediator: Any, mediation_case: Any
) -> None:
    la = party_of(mediation_case, "local_authority")
    assert selectors.agreement_for_party(party=la) is None
    assert not selectors.agreement_items_for_party(party=la).exists()
    services.agreement_finalise(agreement=partial_agreement, actor=mediator)
    la = party_of(mediation_case, "local_authority")
    assert selectors.agreement_for_party(party=la) == partial_agreement
    actions = list(selectors.agreement_items_for_party(party=la))
    assert [(i.action[:21], i.due_on) for i in actions] == [
        ("Issue an amended EHC ", dt.date(2026, 5, 1))
    ]


# ---------------------------------------------------------------------------------------------
# Confirmations
# ---------------------------------------------------------------------------------------------


def test_each_partys_confirmation_is_recorded_once(
    partial_agreement: Any, mediator: Any, mediation_case: Any
) -> None:
    with pytest.raises(ConflictError, match="Finalise"):
        services.agreement_confirm(
            agreement=partial_agreement,
            party=party_of(mediation_case, "family"),
            confirmed_by_name="Alex Morgan",
            method="email",
            actor=mediator,
        )
    agreement = services.agreement_finalise(agreement=partial_agreement, actor=mediator)
    confirmation = services.agreement_confirm(
        agreement=agreement,
        party=party_of(mediation_case, "family"),
        confirmed_by_name="Alex Morgan",
        method="email",
        confirmed_on=dt.date(2026, 3, 30),
        actor=mediator,
    )
    assert confirmation.created_by == mediator
    with pytest.raises(ConflictError, match="already confirmed"):
        services.agreement_confirm(
            agreement=agreement,
            party=party_of(mediation_case, "family"),
            confirmed_by_name="Alex Morgan",
            method="phone",
            actor=mediator,
        )
    services.agreement_confirm(
        agreement=agreement,
        party=party_of(mediation_case, "local_authority"),
        confirmed_by_name="Jo Smith",
        method="signed",
        actor=mediator,
    )
    overview = selectors.case_agreement_overview(case=mediation_case)
    assert [p.name for p in overview.awaiting_confirmation] == ["Northbrook Primary School"]
    assert Confirmation.objects.count() == 2
    event = mediation_case.events.filter(kind="agreement_confirmed").order_by("at").first()
    assert event is not None
    assert event.title == "The family confirmed the written agreement"
    assert "Alex Morgan, by email, on Monday 30 March 2026" in event.description


@pytest.mark.parametrize(
    ("name", "method", "on", "message"),
    [
        ("", "email", None, "Enter the name"),
        ("Jo Smith", "carrier pigeon", None, "Select how they confirmed"),
        ("Jo Smith", "email", dt.date(2026, 3, 26), "before the date of the agreement"),
        ("Jo Smith", "email", dt.date(2026, 4, 1), "today or in the past"),
    ],
)
def test_a_confirmation_needs_who_how_and_a_sensible_date(
    partial_agreement: Any,
    mediator: Any,
    mediation_case: Any,
    name: str,
    method: str,
    on: dt.date | None,
    message: str,
) -> None:
    agreement = services.agreement_finalise(agreement=partial_agreement, actor=mediator)
    with pytest.raises(ApplicationError, match=message):
        services.agreement_confirm(
            agreement=agreement,
            party=party_of(mediation_case, "local_authority"),
            confirmed_by_name=name,
            method=method,
            confirmed_on=on,
            actor=mediator,
        )
