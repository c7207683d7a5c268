"""Introductory contacts, case summaries, their exchange, and the child's views."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.utils import timezone

from mediation.core.errors import ApplicationError, ConflictError
from mediation.preparation import selectors, services
from mediation.preparation.models import CaseSummary, ChildViews
from mediation.preparation.tests.conftest import (
    EXE_BYTES,
    FAMILY_EMAIL,
    LA_OFFICER_EMAIL,
    MediationCase,
    docx_bytes,
    pdf_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def _events(case: Any, kind: str) -> list[Any]:
    return list(case.events.filter(kind=kind))


# ---------------------------------------------------------------------------------------------
# Introductory contact
# ---------------------------------------------------------------------------------------------


def test_an_introductory_contact_is_recorded_on_the_timeline(mediation_case: MediationCase) -> None:
    m = mediation_case
    today = timezone.localdate()
    contact = services.intro_contact_record(
        case=m.case,
        party=m.la,
        contacted_on=today,
        method="phone",
        made_by=m.mediator,
        spoke_to="Jo Smith",
        notes="Explained the meeting.",
        actor=m.coordinator,
    )
    assert contact.made_by == m.mediator
    assert contact.created_by == m.coordinator
    [event] = _events(m.case, "intro_contact")
    assert event.title == "Introductory contact with Islington"
    assert "Phone call" in event.description
    assert "by Helen Marsh, with Jo Smith" in event.description
    assert event.actor == m.coordinator


def test_an_introductory_contact_cannot_be_in_the_future(mediation_case: MediationCase) -> None:
    m = mediation_case
    with pytest.raises(ApplicationError, match="today or in the past"):
        services.intro_contact_record(
            case=m.case,
            party=m.la,
            contacted_on=timezone.localdate() + dt.timedelta(days=1),
            method="phone",
            made_by=m.mediator,
            actor=m.mediator,
        )


def test_an_introductory_contact_is_with_a_party_of_this_case(
    mediation_case: MediationCase, other_case: Any
) -> None:
    m = mediation_case
    with pytest.raises(ApplicationError, match="not part of this case"):
        services.intro_contact_record(
            case=m.case,
            party=other_case.parties.first(),
            contacted_on=timezone.localdate(),
            method="email",
            made_by=m.mediator,
            actor=m.mediator,
        )


# ---------------------------------------------------------------------------------------------
# Case summaries
# ---------------------------------------------------------------------------------------------


def test_a_typed_summary_is_recorded_with_its_visibility(mediation_case: MediationCase) -> None:
    m = mediation_case
    summary = services.summary_submit(
        case=m.case,
        party=m.family,
        visibility="mediator_only",
        submitted_by_name="Alex Morgan",
        text="  Sam needs speech and language therapy.  ",
        actor=m.coordinator,
    )
    assert summary.text == "Sam needs speech and language therapy."
    assert summary.visibility == "mediator_only"
    assert not summary.has_file
    [event] = _events(m.case, "summary_submitted")
    assert event.title == "Case summary received from The family"
    assert event.description == "Mediator only. Typed. From Alex Morgan."


def test_an_uploaded_summary_is_stored_under_a_random_name(mediation_case: MediationCase) -> None:
    m = mediation_case
    content = pdf_bytes("Islington's view")
    summary = services.summary_submit(
        case=m.case,
        party=m.la,
        visibility="shared",
        submitted_by_name="Jo Smith",
        upload=upload("Sam Morgan - LA summary.pdf", content),
        actor=m.la_officer,
    )
    assert summary.file_name == "Sam Morgan - LA summary.pdf"
    assert summary.file_kind == "pdf"
    assert summary.file_size == len(content)
    # The stored name says nothing about the child or the party.
    assert summary.file.name is not None
    assert summary.file.name.startswith("preparation/summaries/")
    assert "Morgan" not in summary.file.name
    assert summary.file.name.endswith(".pdf")
    with default_storage.open(summary.file.name, "rb") as handle:
        assert handle.read() == content


def test_a_word_document_can_be_sent_with_typed_text(mediation_case: MediationCase) -> None:
    m = mediation_case
    summary = services.summary_submit(
        case=m.case,
        party=m.school,
        visibility="shared",
        submitted_by_name="Sam Patel",
        text="Attached is our report.",
        upload=upload("report.docx", docx_bytes()),
        actor=m.school_contact,
    )
    assert summary.file_kind == "docx"
    assert summary.mimetype.endswith("wordprocessingml.document")
    assert _events(m.case, "summary_submitted")[0].description == (
        "Shared with all parties. Typed. File: report.docx. From Sam Patel."
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": "", "upload": None}, "Type the case summary or choose a file to upload"),
        ({"visibility": ""}, "Select who can read the case summary"),
        ({"visibility": "everyone"}, "Select who can read the case summary"),
        ({"submitted_by_name": " "}, "Enter the name of the person the case summary is from"),
        (
            {"upload": upload("summary.pdf", EXE_BYTES)},
            "The selected file must be a PDF or Word document",
        ),
        ({"upload": upload("summary.pdf", b"")}, "The selected file is empty"),
    ],
)
def test_a_summary_is_refused_with_a_clear_message(
    mediation_case: MediationCase, kwargs: dict[str, Any], message: str
) -> None:
    m = mediation_case
    values: dict[str, Any] = {
        "visibility": "shared",
        "submitted_by_name": "Jo Smith",
        "text": "Our view.",
        **kwargs,
    }
    with pytest.raises(ApplicationError) as raised:
        services.summary_submit(case=m.case, party=m.la, actor=m.la_officer, **values)
    assert raised.value.message == message
    assert not CaseSummary.objects.exists()


def test_a_closed_case_takes_no_summaries(mediation_case: MediationCase) -> None:
    from mediation.cases.services import case_close

    m = mediation_case
    case_close(case=m.case, reason="Family withdrew.", actor=m.coordinator)
    with pytest.raises(ApplicationError, match="This case is closed"):
        services.summary_submit(
            case=m.case,
            party=m.la,
            visibility="shared",
            submitted_by_name="Jo Smith",
            text="Late.",
            actor=m.la_officer,
        )


def test_a_summary_from_a_partner_is_emailed_to_the_caseworker(
    mediation_case: MediationCase, django_capture_on_commit_callbacks: Any
) -> None:
    m = mediation_case
    with django_capture_on_commit_callbacks(execute=True):
        services.summary_submit(
            case=m.case,
            party=m.la,
            visibility="shared",
            submitted_by_name="Jo Smith",
            text="Our view.",
            actor=m.la_officer,
        )
    [message] = mail.outbox
    assert message.to == ["priya@test.example"]
    assert message.subject == f"Case summary received from Islington: {m.case.reference}"
    assert f"/cases/{m.case.pk}/preparation/" in message.body
    assert "Shared with all parties" in message.body


def test_staff_adding_a_summary_do_not_email_themselves(
    mediation_case: MediationCase, django_capture_on_commit_callbacks: Any
) -> None:
    m = mediation_case
    with django_capture_on_commit_callbacks(execute=True):
        services.summary_submit(
            case=m.case,
            party=m.family,
            visibility="shared",
            submitted_by_name="Alex Morgan",
            text="Our view.",
            actor=m.coordinator,
        )
    assert mail.outbox == []


def test_a_file_is_not_left_behind_when_the_summary_cannot_be_saved(
    mediation_case: MediationCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = mediation_case

    def fail(**kwargs: Any) -> None:
        raise RuntimeError("timeline unavailable")

    monkeypatch.setattr(services, "_summary_recorded", fail)
    with pytest.raises(RuntimeError):
        services.summary_submit(
            case=m.case,
            party=m.la,
            visibility="shared",
            submitted_by_name="Jo Smith",
            upload=upload("summary.pdf", pdf_bytes()),
            actor=m.la_officer,
        )
    assert not CaseSummary.objects.exists()
    assert default_storage.listdir("preparation/summaries")[1] == []


def test_a_withdrawn_summary_is_kept_but_cannot_be_withdrawn_twice(
    mediation_case: MediationCase, submit: Callable[..., Any]
) -> None:
    m = mediation_case
    summary = submit(m.case, m.la)
    services.summary_withdraw(summary=summary, reason="Wrong file", actor=m.la_officer)
    summary.refresh_from_db()
    assert summary.is_withdrawn
    assert summary.withdrawn_by == m.la_officer
    assert list(selectors.summaries_for_case(case=m.case)) == []
    assert list(selectors.summaries_for_case(case=m.case, include_withdrawn=True)) == [summary]
    [event] = _events(m.case, "summary_withdrawn")
    assert event.description == "Wrong file"
    with pytest.raises(ConflictError):
        services.summary_withdraw(summary=summary, actor=m.la_officer)


# ---------------------------------------------------------------------------------------------
# Exchanging the shared summaries
# ---------------------------------------------------------------------------------------------


def _add_people(m: MediationCase) -> None:
    from mediation.cases.parties import participant_add

    participant_add(
        case=m.case,
        party=m.la,
        name="Jo Smith",
        role="officer",
        email=LA_OFFICER_EMAIL,
        actor=m.coordinator,
    )
    participant_add(
        case=m.case,
        party=m.school,
        name="Sam Patel",
        role="senco",
        email="senco@northbrook.example",
        actor=m.coordinator,
    )


def test_shared_summaries_go_to_the_parties_the_family_lets_see_them(
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    share_with: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    m = mediation_case
    _add_people(m)
    share_with(m.la)  # the school has no permission yet
    family_shared = submit(
        m.case, m.family, "shared", upload=upload("Our view.pdf", pdf_bytes("Family view"))
    )
    submit(m.case, m.family, "mediator_only", text="Private: what we can live with.")
    la_shared = submit(m.case, m.la, "shared", text="Islington will consider an assessment.")

    with django_capture_on_commit_callbacks(execute=True):
        result = services.summaries_exchange(case=m.case, actor=m.coordinator)

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {(FAMILY_EMAIL,), (LA_OFFICER_EMAIL,)}

    # The family: the LA's shared summary, typed text in the e-mail.
    family_mail = by_recipient[(FAMILY_EMAIL,)]
    assert "Islington will consider an assessment." in family_mail.body
    assert "Private" not in family_mail.body
    assert family_mail.attachments == []

    # Islington: told to sign in; the family's shared file, never the mediator-only one.
    la_mail = by_recipient[(LA_OFFICER_EMAIL,)]
    assert f"/partners/cases/{m.case.pk}/" in la_mail.body
    assert "- The family" in la_mail.body
    assert "Private" not in la_mail.body

    assert result.not_sent == [
        "Northbrook Primary School (the family has not given permission to share with them)"
    ]
    family_shared.refresh_from_db()
    la_shared.refresh_from_db()
    assert family_shared.exchanged_at is not None
    assert la_shared.exchanged_at is not None
    assert CaseSummary.objects.filter(visibility="mediator_only", exchanged_at=None).count() == 1
    [event] = _events(m.case, "summaries_exchanged")
    assert "Not sent to Northbrook Primary School" in event.description


def test_the_family_receives_uploaded_summaries_as_attachments(
    mediation_case: MediationCase,
    submit: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    m = mediation_case
    content = pdf_bytes("School report")
    submit(m.case, m.school, "shared", text="", upload=upload("School report.pdf", content))
    with django_capture_on_commit_callbacks(execute=True):
        services.summaries_exchange(case=m.case, actor=m.coordinator)
    [message] = mail.outbox
    assert message.to == [FAMILY_EMAIL]
    [(name, attached, mimetype)] = message.attachments
    assert (name, attached, mimetype) == ("School report.pdf", content, "application/pdf")


def test_nothing_to_exchange_is_a_clear_error(
    mediation_case: MediationCase, submit: Callable[..., Any]
) -> None:
    m = mediation_case
    with pytest.raises(ApplicationError, match="no shared case summaries"):
        services.summaries_exchange(case=m.case, actor=m.coordinator)
    submit(m.case, m.family, "mediator_only")
    with pytest.raises(ApplicationError, match="no shared case summaries"):
        services.summaries_exchange(case=m.case, actor=m.coordinator)


def test_exchange_with_nobody_allowed_to_receive_says_why(
    mediation_case: MediationCase, submit: Callable[..., Any]
) -> None:
    m = mediation_case
    _add_people(m)
    submit(m.case, m.family, "shared")  # no permission for either organisation
    with pytest.raises(ApplicationError) as raised:
        services.summaries_exchange(case=m.case, actor=m.coordinator)
    assert "Islington (the family has not given permission to share with them)" in (
        raised.value.message
    )
    assert not mail.outbox


# ---------------------------------------------------------------------------------------------
# The child's views
# ---------------------------------------------------------------------------------------------


def test_the_childs_views_are_recorded_then_updated(mediation_case: MediationCase) -> None:
    m = mediation_case
    today = timezone.localdate()
    views = services.child_views_record(
        case=m.case,
        completed_by="child_with_help",
        completed_by_name="Mum",
        completed_on=today,
        visibility="shared",
        answers={"what_i_like": "Lego and swimming", "what_helps_me": "A quiet room"},
        actor=m.mediator,
    )
    assert views.answers() == [
        ("What I like", "Lego and swimming"),
        ("What helps me", "A quiet room"),
    ]
    services.child_views_record(
        case=m.case,
        completed_by="parent_on_behalf",
        completed_by_name="Alex Morgan",
        completed_on=today,
        visibility="mediator_only",
        answers={"what_is_hard": "Busy corridors"},
        actor=m.mediator,
    )
    views = ChildViews.objects.get()
    assert views.completed_by == "parent_on_behalf"
    assert views.answers() == [("What is hard for me", "Busy corridors")]
    assert views.visibility == "mediator_only"
    titles = [e.title for e in m.case.events.filter(kind="child_views").order_by("at", "id")]
    assert titles == ["The child's views recorded", "The child's views updated"]


def test_the_childs_views_keep_who_recorded_them_and_who_changed_them(
    mediation_case: MediationCase,
) -> None:
    m = mediation_case
    common: dict[str, Any] = {
        "case": m.case,
        "completed_by": "child_with_help",
        "completed_on": timezone.localdate(),
        "visibility": "shared",
        "answers": {"what_i_like": "Lego and swimming"},
    }
    services.child_views_record(**common, actor=m.mediator)
    services.child_views_record(**common, actor=m.coordinator)
    views = ChildViews.objects.get()
    assert (views.created_by, views.updated_by) == (m.mediator, m.coordinator)


def test_joining_part_of_the_meeting_needs_the_parent_and_the_mediator(
    mediation_case: MediationCase,
) -> None:
    m = mediation_case
    common: dict[str, Any] = {
        "case": m.case,
        "completed_by": "joins_meeting",
        "completed_on": timezone.localdate(),
        "visibility": "shared",
        "actor": m.mediator,
    }
    with pytest.raises(ApplicationError, match="which part of the meeting"):
        services.child_views_record(**common, parent_agrees=True, mediator_agrees=True)
    with pytest.raises(ApplicationError, match="parent and the mediator agree"):
        services.child_views_record(
            **common, joins_meeting_note="The first 20 minutes", parent_agrees=True
        )
    views = services.child_views_record(
        **common,
        joins_meeting_note="The first 20 minutes, with their teaching assistant",
        parent_agrees=True,
        mediator_agrees=True,
    )
    assert views.joins_meeting
    assert views.answers() == []


def test_the_childs_views_need_at_least_one_answer(mediation_case: MediationCase) -> None:
    m = mediation_case
    with pytest.raises(ApplicationError, match="Answer at least one question"):
        services.child_views_record(
            case=m.case,
            completed_by="child_with_help",
            completed_on=timezone.localdate(),
            visibility="shared",
            answers={"what_i_like": "   "},
            actor=m.mediator,
        )


# ---------------------------------------------------------------------------------------------
# The overview
# ---------------------------------------------------------------------------------------------


def test_the_overview_shows_how_ready_each_party_is(
    mediation_case: MediationCase, submit: Callable[..., Any], share_with: Callable[..., Any]
) -> None:
    from mediation.cases.parties import attendance_confirm, decision_maker_confirm, participant_add

    m = mediation_case
    services.intro_contact_record(
        case=m.case,
        party=m.la,
        contacted_on=timezone.localdate(),
        method="email",
        made_by=m.mediator,
        actor=m.mediator,
    )
    services.intro_contact_record(
        case=m.case,
        party=m.family,
        contacted_on=timezone.localdate(),
        method="phone",
        made_by=m.mediator,
        actor=m.mediator,
    )
    submit(m.case, m.la)
    submit(m.case, m.family, "mediator_only")
    share_with(m.la)
    share_with(m.school, given=False)
    officer = participant_add(
        case=m.case,
        party=m.la,
        name="Jo Smith",
        role="officer",
        actor=m.la_officer,
        is_decision_maker=True,
    )
    decision_maker_confirm(participant=officer, actor=m.la_officer)
    attendance_confirm(party=m.la, actor=m.la_officer)

    overview = selectors.preparation_overview(case=m.case)
    rows = {row.name: row for row in overview.rows}
    family, la, school = rows["The family"], rows["Islington"], rows["Northbrook Primary School"]
    assert (family.contacted, family.has_summary, family.share_permission) == (
        True,
        True,
        "not_needed",
    )
    assert not family.needs_decision_maker
    assert family.attendance_confirmed
    assert family.ready
    assert la.contacted
    assert la.has_summary
    assert la.share_permission == "given"
    assert la.decision_maker_confirmed
    assert la.attendance_confirmed
    assert la.ready
    assert not school.contacted
    assert not school.has_summary
    assert school.share_permission == "refused"
    assert not school.ready
    assert overview.parties_ready == 2
    assert not overview.all_ready  # the school, and the child's views
    assert len(overview.shared_summaries) == 1
