"""Writing the preparation for a meeting: introductory contacts, case summaries, the child's views.

Every change goes on the case's timeline. Permission to read is the policy's business; these
functions keep the rules that hold whoever acts (the party belongs to the case, a closed case takes
nothing new, the visibility is chosen, the file is really a PDF or Word document).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mediation.cases import services as case_services
from mediation.cases.choices import EventKind
from mediation.core.errors import ApplicationError, ConflictError
from mediation.notifications import services as notifications
from mediation.preparation import selectors
from mediation.preparation.choices import (
    CHILD_VIEWS_QUESTIONS,
    ChildViewsBy,
    ContactMethod,
    Visibility,
)
from mediation.preparation.models import CaseSummary, ChildViews, IntroContact
from mediation.preparation.uploads import UploadError, upload_check

if TYPE_CHECKING:
    from uuid import UUID

    from django.core.files import File

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case, Party


def _check_party(case: Case, party: Party) -> None:
    if party.case_id != case.pk:
        raise ApplicationError("That party is not part of this case.", field="party")


def _check_open(case: Case, what: str) -> None:
    if not case.is_open:
        raise ApplicationError(f"This case is closed, so {what} cannot be added or changed.")


# ---------------------------------------------------------------------------------------------
# Introductory contact
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def intro_contact_record(
    *,
    case: Case,
    party: Party,
    contacted_on: dt.date,
    method: str,
    made_by: Actor | None,
    actor: Actor | None,
    spoke_to: str = "",
    notes: str = "",
) -> IntroContact:
    """The mediator (or a caseworker) introduced themselves to a party."""
    _check_party(case, party)
    _check_open(case, "an introductory contact")
    if method not in ContactMethod.values:
        raise ApplicationError("Select how you contacted the party", field="method")
    if contacted_on > timezone.localdate():
        raise ApplicationError(
            "The date of the contact must be today or in the past", field="contacted_on"
        )
    contact = IntroContact.objects.create(
        case=case,
        party=party,
        contacted_on=contacted_on,
        method=method,
        spoke_to=spoke_to.strip(),
        notes=notes.strip(),
        made_by=made_by,
        created_by=actor,
        updated_by=actor,
    )
    who = made_by.full_name if made_by is not None else "The service"
    detail = f"{ContactMethod(method).label}, {contacted_on.day} {contacted_on:%B %Y}, by {who}"
    if contact.spoke_to:
        detail += f", with {contact.spoke_to}"
    case_services.event_record(
        case=case,
        kind=EventKind.INTRO_CONTACT,
        title=f"Introductory contact with {party.name}",
        description=detail + ".",
        actor=actor,
    )
    return contact


# ---------------------------------------------------------------------------------------------
# Case summaries
# ---------------------------------------------------------------------------------------------


def _notify_caseworker(*, case: Case, summary: CaseSummary) -> None:
    """Tell the caseworker holding the case that a partner sent its summary."""
    caseworker = case.assigned_to
    if caseworker is None or not caseworker.email:
        return
    notifications.email_queue(
        template="prep_summary_received",
        to=[caseworker.email],
        context={
            "case": case,
            "summary": summary,
            "party_name": summary.party.name,
            "overview_path": reverse("preparation:overview", kwargs={"case_id": case.pk}),
        },
        case=case,
    )


def summary_submit(
    *,
    case: Case,
    party: Party,
    visibility: str,
    submitted_by_name: str,
    actor: Actor | None,
    text: str = "",
    upload: File | None = None,
) -> CaseSummary:
    """A party's case summary: typed, an uploaded PDF or Word document, or both.

    Staff send the family's (the family has no account); partners send their own organisation's.
    """
    _check_party(case, party)
    _check_open(case, "a case summary")
    if visibility not in Visibility.values:
        raise ApplicationError("Select who can read the case summary", field="visibility")
    text = text.strip()
    if not text and upload is None:
        raise ApplicationError("Type the case summary or choose a file to upload", field="text")
    name = submitted_by_name.strip()
    if not name:
        raise ApplicationError(
            "Enter the name of the person the case summary is from", field="submitted_by_name"
        )
    checked = None
    if upload is not None:
        try:
            checked = upload_check(upload)
        except UploadError as exc:
            raise ApplicationError(exc.message, field="upload") from exc
    written: list[str] = []
    try:
        with transaction.atomic():
            summary = CaseSummary(
                case=case,
                party=party,
                created_by=actor,
                updated_by=actor,
                submitted_by_name=name[:150],
                text=text,
                visibility=visibility,
                submitted_at=timezone.now(),
            )
            if checked is not None and upload is not None:
                summary.file_kind = checked.kind
                summary.file_name = checked.name
                summary.file_size = checked.size
                summary.file_sha256 = checked.sha256
                summary.file.save(checked.name, upload, save=False)
                written.append(str(summary.file.name))
            summary.save(force_insert=True)
            _summary_recorded(case=case, summary=summary, actor=actor)
            return summary
    except BaseException:
        _discard(written)
        raise


def _discard(paths: list[str]) -> None:
    """Remove files written by a transaction that then rolled back (nothing may point at them)."""
    for path in paths:
        # If even that fails, leave it: an orphan file is harmless, masking the real error is not.
        with contextlib.suppress(OSError):
            default_storage.delete(path)


def _summary_recorded(*, case: Case, summary: CaseSummary, actor: Actor | None) -> None:
    parts = [Visibility(summary.visibility).label + "."]
    if summary.text:
        parts.append("Typed.")
    if summary.file_name:
        parts.append(f"File: {summary.file_name}.")
    parts.append(f"From {summary.submitted_by_name}.")
    case_services.event_record(
        case=case,
        kind=EventKind.SUMMARY_SUBMITTED,
        title=f"Case summary received from {summary.party.name}",
        description=" ".join(parts),
        actor=actor,
    )
    if actor is not None and actor.is_partner:
        _notify_caseworker(case=case, summary=summary)


@transaction.atomic
def summary_withdraw(*, summary: CaseSummary, actor: Actor | None, reason: str = "") -> CaseSummary:
    """Take a summary back: nobody but the service's staff reads it from now on."""
    if summary.is_withdrawn:
        raise ConflictError("This case summary has already been withdrawn.")
    summary.withdrawn_at = timezone.now()
    summary.withdrawn_by = actor
    summary.withdrawn_reason = reason.strip()
    summary.updated_by = actor
    summary.save(
        update_fields=[
            "withdrawn_at",
            "withdrawn_by",
            "withdrawn_reason",
            "updated_at",
            "updated_by",
        ]
    )
    case_services.event_record(
        case=summary.case,
        kind=EventKind.SUMMARY_WITHDRAWN,
        title=f"Case summary from {summary.party.name} withdrawn",
        description=summary.withdrawn_reason,
        actor=actor,
    )
    return summary


@dataclass
class ExchangeResult:
    """Who was sent what when the summaries were exchanged, and who could not be."""

    sent: list[str] = field(default_factory=list)
    not_sent: list[str] = field(default_factory=list)


def _summaries_send(*, case: Case, line: selectors.ExchangeLine) -> None:
    """E-mail one party the others' shared summaries: the family the summaries themselves (files
    attached), an organisation a link to read them on the partner side."""
    if line.party.is_family:
        notifications.email_queue(
            template="prep_summaries_family",
            to=line.addresses,
            context={"case": case, "summaries": line.summaries},
            case=case,
            attachments=[
                {"name": s.file_name, "path": str(s.file.name), "mimetype": s.mimetype}
                for s in line.summaries
                if s.has_file
            ],
        )
        return
    notifications.email_queue(
        template="prep_summaries_partner",
        to=line.addresses,
        context={
            "case": case,
            "party": line.party,
            "summaries": line.summaries,
            "portal_path": reverse("portal:case", kwargs={"case_id": case.pk}),
        },
        case=case,
    )


def _exchange_recorded(*, case: Case, result: ExchangeResult, actor: Actor | None) -> None:
    lines = [f"Sent to {line}." for line in result.sent]
    lines += [f"Not sent to {line}." for line in result.not_sent]
    case_services.event_record(
        case=case,
        kind=EventKind.SUMMARIES_EXCHANGED,
        title="Shared case summaries sent to the parties",
        description=" ".join(lines),
        actor=actor,
    )


@transaction.atomic
def summaries_exchange(*, case: Case, actor: Actor | None) -> ExchangeResult:
    """Send each party the other parties' shared summaries, before the meeting.

    The family (no account) gets them by e-mail, files attached and typed ones in the message.
    Organisations are told to read them on the partner side, and only once the family has given
    permission to share with them.
    """
    _check_open(case, "case summaries")
    plan = selectors.exchange_plan(case=case)
    if not any(line.summaries for line in plan):
        raise ApplicationError("There are no shared case summaries to send yet.")
    result = ExchangeResult()
    sent_ids: set[UUID] = set()
    for line in plan:
        party = line.party
        if not line.will_send:
            if line.summaries:
                result.not_sent.append(f"{party.name} ({line.blocked.lower()})")
            continue
        _summaries_send(case=case, line=line)
        sent_ids.update(s.pk for s in line.summaries)
        names = ", ".join(sorted({s.party.name for s in line.summaries}))
        result.sent.append(f"{party.name}: {names} ({', '.join(line.addresses)})")
    if not result.sent:
        raise ApplicationError(
            "Nobody can be sent the shared case summaries yet: " + "; ".join(result.not_sent) + "."
        )
    now = timezone.now()
    CaseSummary.objects.filter(pk__in=sent_ids).update(
        exchanged_at=now, updated_at=now, updated_by=actor
    )
    _exchange_recorded(case=case, result=result, actor=actor)
    return result


# ---------------------------------------------------------------------------------------------
# The child's or young person's views
# ---------------------------------------------------------------------------------------------


def _child_views_check(
    *,
    completed_by: str,
    completed_on: dt.date,
    visibility: str,
    given: Mapping[str, str],
    joins_meeting_note: str,
    parent_agrees: bool,
    mediator_agrees: bool,
) -> None:
    if completed_by not in ChildViewsBy.values:
        raise ApplicationError("Select how the child's views will be given", field="completed_by")
    if visibility not in Visibility.values:
        raise ApplicationError("Select who can read the child's views", field="visibility")
    if completed_on > timezone.localdate():
        raise ApplicationError("The date must be today or in the past", field="completed_on")
    if completed_by != ChildViewsBy.JOINS_MEETING:
        if not any(given.values()):
            raise ApplicationError("Answer at least one question", field="answers")
        return
    if not joins_meeting_note.strip():
        raise ApplicationError(
            "Say which part of the meeting the child will join", field="joins_meeting_note"
        )
    if not (parent_agrees and mediator_agrees):
        raise ApplicationError(
            "The child can join the meeting only if the parent and the mediator agree"
        )


@transaction.atomic
def child_views_record(
    *,
    case: Case,
    completed_by: str,
    completed_on: dt.date,
    visibility: str,
    actor: Actor | None,
    answers: Mapping[str, str] | None = None,
    completed_by_name: str = "",
    joins_meeting_note: str = "",
    parent_agrees: bool = False,
    mediator_agrees: bool = False,
) -> ChildViews:
    """Record (or update) the child's "my views", or that they will join part of the meeting."""
    _check_open(case, "the child's views")
    given = {key: (answers or {}).get(key, "").strip() for key, _ in CHILD_VIEWS_QUESTIONS}
    _child_views_check(
        completed_by=completed_by,
        completed_on=completed_on,
        visibility=visibility,
        given=given,
        joins_meeting_note=joins_meeting_note,
        parent_agrees=parent_agrees,
        mediator_agrees=mediator_agrees,
    )
    joins = completed_by == ChildViewsBy.JOINS_MEETING
    values: dict[str, object] = {
        "completed_by": completed_by,
        "completed_by_name": completed_by_name.strip()[:150],
        "completed_on": completed_on,
        "visibility": visibility,
        "joins_meeting_note": joins_meeting_note.strip() if joins else "",
        "parent_agrees": parent_agrees if joins else False,
        "mediator_agrees": mediator_agrees if joins else False,
        "updated_by": actor,
        **given,
    }
    views, created = ChildViews.objects.update_or_create(
        case=case, defaults=values, create_defaults={**values, "created_by": actor}
    )
    how = ChildViewsBy(completed_by).label
    case_services.event_record(
        case=case,
        kind=EventKind.CHILD_VIEWS,
        title="The child's views recorded" if created else "The child's views updated",
        description=f"{how}. {Visibility(visibility).label}.",
        actor=actor,
    )
    return views
