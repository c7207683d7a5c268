"""Recording how a mediation ended, building its written agreement, finalising and sending it.

Finalising is one transaction: the PDF is rendered and stored, the agreement frozen, the clock's
agreement date set, the e-mails recorded (sent after commit) and the timeline written. A rendering
failure rolls it all back and removes the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mediation.agreements import selectors
from mediation.agreements.choices import (
    AGREEMENT_OUTCOMES,
    CONCLUDING_OUTCOMES,
    OUTCOMES_NEEDING_A_MEETING,
    AgreementStatus,
    ConfirmationMethod,
    ItemKind,
    OutcomeKind,
)
from mediation.agreements.document import AgreementDocument, agreement_document, item_lines
from mediation.agreements.models import (
    Agreement,
    AgreementDelivery,
    AgreementItem,
    Confirmation,
    Outcome,
)
from mediation.cases import clock, lifecycle
from mediation.cases import services as case_services
from mediation.cases.choices import EventKind, Stage
from mediation.cases.lifecycle import MoveName
from mediation.core.branding import brand
from mediation.core.errors import ApplicationError, ConflictError
from mediation.core.formatting import govuk_date, weekday_date
from mediation.notifications.services import email_queue

if TYPE_CHECKING:
    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case, Matter, Party


def _check_clock(case: Case) -> None:
    """Refuse dates that contradict the case's other dates (the transaction then rolls back)."""
    problem = clock.case_clock(case).problem
    if problem:
        raise ApplicationError(problem)


# ---------------------------------------------------------------------------------------------
# The outcome
# ---------------------------------------------------------------------------------------------


def _outcome_check(*, case: Case, outcome: str, concluded_on: dt.date) -> None:
    """Refuse an outcome the case cannot have, or a date that cannot be right."""
    if outcome not in OutcomeKind.values:
        raise ApplicationError("Select how the mediation ended", field="outcome")
    if not case.is_open:
        raise ConflictError("This case is closed")
    if not case.is_disagreement_resolution and case.mediation_requested_on is None:
        raise ApplicationError(
            "Record the date the local authority was told the family wants mediation before "
            "recording how the mediation ended"
        )
    if concluded_on > timezone.localdate():
        raise ApplicationError(
            "The date the mediation concluded must be today or in the past", field="concluded_on"
        )
    if case.mediation_requested_on is not None and concluded_on < case.mediation_requested_on:
        raise ApplicationError(
            "The mediation cannot have concluded before the local authority was told the family "
            f"wants mediation ({govuk_date(case.mediation_requested_on)})",
            field="concluded_on",
        )
    refused = lifecycle.refusal(case, _outcome_move(case, outcome))
    if refused:
        raise ApplicationError(refused, field="outcome")


def _outcome_move(case: Case, outcome: str) -> MoveName:
    """After a meeting held, any outcome; before one, only an ending without a meeting."""
    if case.stage == Stage.AFTER_MEETING:
        return MoveName.OUTCOME_AFTER_MEETING
    if outcome in OUTCOMES_NEEDING_A_MEETING:
        return MoveName.OUTCOME_AFTER_MEETING  # refused: the meeting has not been held
    return MoveName.ENDED_WITHOUT_MEETING


def _draft_kept_for(*, case: Case, outcome: str) -> Agreement | None:
    """The draft agreement that stays with this outcome. A final agreement fixes the outcome; an
    outcome without an agreement removes an empty draft (and refuses to lose one with content)."""
    agreement = selectors.agreement_for_case(case=case, include_draft=True)
    if agreement is not None and agreement.is_final:
        raise ConflictError(
            "The written agreement has been finalised and sent, so the outcome cannot change"
        )
    if agreement is None or outcome in AGREEMENT_OUTCOMES:
        return agreement
    if agreement.items.exists() or agreement.matters_in_dispute.strip():
        raise ConflictError(
            "The draft written agreement already has content. Remove its items and matters "
            "still in dispute before recording an outcome without an agreement"
        )
    agreement.delete()
    return None


def _outcome_save(
    *,
    case: Case,
    existing: Outcome | None,
    outcome: str,
    concluded_on: dt.date,
    notes: str,
    actor: Actor | None,
) -> tuple[Outcome, str]:
    """Record the outcome (or correct the one recorded); returns it and the timeline's title."""
    label = OutcomeKind(outcome).label.lower()
    if existing is None:
        record = Outcome.objects.create(
            case=case,
            outcome=outcome,
            concluded_on=concluded_on,
            notes=notes,
            created_by=actor,
            updated_by=actor,
        )
        return record, f"Outcome recorded: {label}"
    before = f"{existing.get_outcome_display().lower()}, {govuk_date(existing.concluded_on)}"
    existing.outcome = outcome
    existing.concluded_on = concluded_on
    existing.notes = notes
    existing.updated_by = actor
    existing.save()
    return existing, f"Outcome changed to {label} (was {before})"


def _outcome_description(
    *, case: Case, outcome: str, concluded_on: dt.date, notes: str, concludes: bool
) -> str:
    """The timeline's words: when it concluded, and what is due next."""
    lines = [f"Concluded on {weekday_date(concluded_on)}."]
    if concludes:
        case.refresh_from_db()
        due = selectors.certificate_after_mediation_due(case)
        if due is not None:
            lines.append(f"The certificate after mediation is due by {weekday_date(due)}.")
    elif outcome == OutcomeKind.WITHDRAWN and not case.is_disagreement_resolution:
        lines.append("The family can ask for a mediation certificate at any time.")
    if notes:
        lines.append(notes)
    return " ".join(lines)


@transaction.atomic
def outcome_record(
    *, case: Case, outcome: str, concluded_on: dt.date, notes: str = "", actor: Actor | None
) -> Outcome:
    """Record (or correct, until the agreement is final) how the case's mediation ended.

    A mediation that concluded sets the clock's `mediation_concluded` date, so the certificate
    after mediation (3 working days) becomes the case's next statutory date on the work queue.
    An outcome with an agreement starts the draft written agreement, dated the day it concluded.
    """
    _outcome_check(case=case, outcome=outcome, concluded_on=concluded_on)
    existing = selectors.outcome_for_case(case=case)
    agreement = _draft_kept_for(case=case, outcome=outcome)
    notes = notes.strip()
    record, title = _outcome_save(
        case=case,
        existing=existing,
        outcome=outcome,
        concluded_on=concluded_on,
        notes=notes,
        actor=actor,
    )
    concludes = outcome in CONCLUDING_OUTCOMES and not case.is_disagreement_resolution
    case_services.case_record_clock_event(
        case=case, event="mediation_concluded", on=concluded_on if concludes else None
    )
    if agreement is not None and agreement.agreed_on < concluded_on:
        _agreement_date_set(agreement=agreement, agreed_on=concluded_on, actor=actor)
    _check_clock(case)
    description = _outcome_description(
        case=case, outcome=outcome, concluded_on=concluded_on, notes=notes, concludes=concludes
    )
    case_services.event_record(
        case=case,
        kind=EventKind.OUTCOME_RECORDED,
        title=title,
        description=description,
        actor=actor,
    )
    if case.stage != Stage.AFTER_MEETING:
        case_services.case_move(case=case, move=MoveName.ENDED_WITHOUT_MEETING, actor=actor)
    if outcome in AGREEMENT_OUTCOMES and agreement is None:
        agreement_start(case=case, agreed_on=concluded_on, actor=actor)
    return record


# ---------------------------------------------------------------------------------------------
# Building the agreement (a draft)
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def agreement_start(
    *, case: Case, agreed_on: dt.date | None = None, actor: Actor | None
) -> Agreement:
    """Start the draft written agreement (idempotent: the case's agreement, if it has one)."""
    existing = selectors.agreement_for_case(case=case, include_draft=True)
    if existing is not None:
        return existing
    outcome = selectors.outcome_for_case(case=case)
    if outcome is None or outcome.outcome not in AGREEMENT_OUTCOMES:
        raise ApplicationError(
            "Record that the parties reached an agreement before writing the agreement"
        )
    agreed_on = agreed_on or outcome.concluded_on
    _validate_agreed_on(agreed_on, outcome)
    agreement = Agreement.objects.create(
        case=case,
        outcome=outcome,
        agreed_on=agreed_on,
        statutory=not case.is_disagreement_resolution,
        created_by=actor,
        updated_by=actor,
    )
    case_services.event_record(
        case=case,
        kind=EventKind.AGREEMENT_STARTED,
        title="Written agreement started",
        description=f"Dated {weekday_date(agreed_on)}.",
        actor=actor,
    )
    return agreement


def _validate_agreed_on(agreed_on: dt.date, outcome: Outcome) -> None:
    if agreed_on > timezone.localdate():
        raise ApplicationError(
            "The date of the agreement must be today or in the past", field="agreed_on"
        )
    if agreed_on < outcome.concluded_on:
        raise ApplicationError(
            "The date of the agreement cannot be before the mediation concluded "
            f"({govuk_date(outcome.concluded_on)})",
            field="agreed_on",
        )
    if selectors.item_deadline(agreed_on=agreed_on, kind=ItemKind.OTHER) is None:
        raise ApplicationError("Enter a real date for the agreement", field="agreed_on")


def _require_draft(agreement: Agreement) -> None:
    if not agreement.is_draft:
        raise ConflictError("The written agreement has been finalised, so it cannot change")


def _agreement_date_set(
    *, agreement: Agreement, agreed_on: dt.date, actor: Actor | None
) -> list[AgreementItem]:
    """Move the agreement's date; items on the regulations' date move with it. Returns the items
    whose agreed different date stays as it was."""
    kept: list[AgreementItem] = []
    agreement.agreed_on = agreed_on
    agreement.updated_by = actor
    agreement.save(update_fields=["agreed_on", "updated_at", "updated_by"])
    for item in agreement.items.all():
        if not agreement.statutory:
            continue
        deadline = selectors.item_deadline(agreed_on=agreed_on, kind=item.kind)
        new_default = deadline.due if deadline is not None else None
        if item.due_date_changed:
            kept.append(item)
        else:
            item.due_on = new_default or item.due_on
        item.default_due_on = new_default
        if item.default_due_on is not None and item.due_on == item.default_due_on:
            item.due_date_note = ""
        item.save(update_fields=["due_on", "default_due_on", "due_date_note", "updated_at"])
    return kept


@transaction.atomic
def agreement_update(*, agreement: Agreement, agreed_on: dt.date, actor: Actor | None) -> Agreement:
    """Change the date of the draft agreement: the regulations' due dates count from it."""
    _require_draft(agreement)
    _validate_agreed_on(agreed_on, agreement.outcome)
    if agreed_on == agreement.agreed_on:
        return agreement
    before = agreement.agreed_on
    kept = _agreement_date_set(agreement=agreement, agreed_on=agreed_on, actor=actor)
    description = (
        f"From {weekday_date(before)} to {weekday_date(agreed_on)}. Due dates set by the "
        "regulations moved with it."
    )
    if kept:
        description += f" {len(kept)} agreed different date{'s' if len(kept) > 1 else ''} kept."
    case_services.event_record(
        case=agreement.case,
        kind=EventKind.AGREEMENT_DATE_CHANGED,
        title="Date of the written agreement changed",
        description=description,
        actor=actor,
    )
    return agreement


@transaction.atomic
def agreement_dispute_update(
    *, agreement: Agreement, matters_in_dispute: str, actor: Actor | None
) -> Agreement:
    """Record the matters still in dispute (what may still go to the Tribunal)."""
    _require_draft(agreement)
    agreement.matters_in_dispute = matters_in_dispute.strip()
    agreement.updated_by = actor
    agreement.save(update_fields=["matters_in_dispute", "updated_at", "updated_by"])
    case_services.event_record(
        case=agreement.case,
        kind=EventKind.AGREEMENT_DISPUTE_UPDATED,
        title="Matters still in dispute updated"
        if agreement.matters_in_dispute
        else "Matters still in dispute cleared",
        actor=actor,
    )
    return agreement


@dataclass(frozen=True)
class ItemInput:
    """One agreed item, as typed. `due_on` None means the date the regulations set."""

    matter: Matter | None
    decided: str
    action: str
    responsible: Party
    kind: str
    how_checked: str
    due_on: dt.date | None = None
    due_date_note: str = ""


class ItemValues(TypedDict):
    """An item's fields, checked, as the model stores them."""

    matter: Matter | None
    decided: str
    action: str
    responsible: Party
    kind: str
    how_checked: str
    due_on: dt.date
    default_due_on: dt.date | None
    due_date_note: str


# The words every item needs: (the ItemInput field, the message when it is empty).
ITEM_TEXT_REQUIRED = (
    ("decided", "Enter what was decided"),
    ("action", "Enter the action"),
    ("how_checked", "Enter how the parties will check it has been done"),
)


def _item_check(agreement: Agreement, data: ItemInput) -> None:
    """What was decided, what will be done and how it is checked; a party and matter of the case."""
    for name, message in ITEM_TEXT_REQUIRED:
        if not getattr(data, name).strip():
            raise ApplicationError(message, field=name)
    case = agreement.case
    if data.responsible.case_id != case.pk:
        raise ApplicationError("Select a party to this case", field="responsible")
    if data.matter is not None and data.matter.case_id != case.pk:
        raise ApplicationError("Select a matter of this case", field="matter")


def _agreed_due(agreement: Agreement, data: ItemInput) -> tuple[dt.date, None, str]:
    """Disagreement resolution: the date the parties agreed (no regulations apply)."""
    if data.due_on is None:
        raise ApplicationError("Enter the date the parties agreed", field="due_on")
    if data.due_on < agreement.agreed_on:
        raise ApplicationError(
            "The due date cannot be before the date of the agreement", field="due_on"
        )
    return data.due_on, None, data.due_date_note.strip()


def _statutory_due(agreement: Agreement, data: ItemInput) -> tuple[dt.date, dt.date, str]:
    """Mediation: the regulations' date for the kind of action, or a different date the parties
    agreed in writing (regulation 42 allows it: then say who agreed it, and when)."""
    if data.kind not in ItemKind.values:
        raise ApplicationError("Select what kind of action this is", field="kind")
    if data.kind == ItemKind.LA_NOTIFIED and data.responsible.kind != "icb":
        raise ApplicationError(
            "Only the health body (the integrated care board) tells the local authority about "
            "the agreement",
            field="responsible",
        )
    deadline = selectors.item_deadline(agreed_on=agreement.agreed_on, kind=data.kind)
    if deadline is None:
        raise ApplicationError("The due date cannot be worked out for this date of agreement")
    due_on = data.due_on or deadline.due
    if due_on == deadline.due:
        return due_on, deadline.due, ""
    note = data.due_date_note.strip()
    if not note:
        raise ApplicationError(
            "Say who agreed the different date in writing, and when: the regulations set "
            f"{weekday_date(deadline.due)}",
            field="due_date_note",
        )
    if due_on < agreement.agreed_on:
        raise ApplicationError(
            "The due date cannot be before the date of the agreement", field="due_on"
        )
    return due_on, deadline.due, note


def _item_values(agreement: Agreement, data: ItemInput) -> ItemValues:
    _item_check(agreement, data)
    default_due_on: dt.date | None
    if agreement.statutory:
        kind = data.kind
        due_on, default_due_on, note = _statutory_due(agreement, data)
    else:
        kind = data.kind if data.kind in ItemKind.values else ""
        due_on, default_due_on, note = _agreed_due(agreement, data)
    return ItemValues(
        matter=data.matter,
        decided=data.decided.strip(),
        action=data.action.strip(),
        responsible=data.responsible,
        kind=kind,
        how_checked=data.how_checked.strip(),
        due_on=due_on,
        default_due_on=default_due_on,
        due_date_note=note,
    )


def _due_text(item: AgreementItem) -> str:
    text = f"Due by {weekday_date(item.due_on)}"
    if item.due_date_changed:
        assert item.default_due_on is not None
        text += (
            f" (a different date agreed in writing; the regulations set "
            f"{weekday_date(item.default_due_on)}: {item.due_date_note})"
        )
    return text + "."


@transaction.atomic
def agreement_item_add(
    *, agreement: Agreement, data: ItemInput, actor: Actor | None
) -> AgreementItem:
    _require_draft(agreement)
    item = AgreementItem.objects.create(agreement=agreement, **_item_values(agreement, data))
    case_services.event_record(
        case=agreement.case,
        kind=EventKind.AGREEMENT_ITEM_ADDED,
        title=f"Agreement item added: {item.responsible.name}",
        description=f"{item.action} {_due_text(item)}",
        actor=actor,
    )
    return item


@transaction.atomic
def agreement_item_update(
    *, item: AgreementItem, data: ItemInput, actor: Actor | None
) -> AgreementItem:
    agreement = item.agreement
    _require_draft(agreement)
    for name, value in _item_values(agreement, data).items():
        setattr(item, name, value)
    item.save()
    case_services.event_record(
        case=agreement.case,
        kind=EventKind.AGREEMENT_ITEM_CHANGED,
        title=f"Agreement item changed: {item.responsible.name}",
        description=f"{item.action} {_due_text(item)}",
        actor=actor,
    )
    return item


@transaction.atomic
def agreement_item_remove(*, item: AgreementItem, actor: Actor | None) -> None:
    agreement = item.agreement
    _require_draft(agreement)
    action, who = item.action, item.responsible.name
    item.delete()
    case_services.event_record(
        case=agreement.case,
        kind=EventKind.AGREEMENT_ITEM_REMOVED,
        title=f"Agreement item removed: {who}",
        description=action,
        actor=actor,
    )


# ---------------------------------------------------------------------------------------------
# Finalising: print, freeze, record the date, send
# ---------------------------------------------------------------------------------------------


def agreement_render_pdf(*, document: AgreementDocument) -> bytes:
    """The written agreement as a tagged, accessible A4 PDF (PDF/UA)."""
    html = render_to_string("agreements/pdf/agreement.html", {"doc": document, "brand": brand()})
    # Imported here: WeasyPrint is heavy to load and only this function needs it.
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def _discard(paths: list[str]) -> None:
    for path in paths:
        # An orphan file is harmless; masking the real error is not.
        with contextlib.suppress(OSError):
            default_storage.delete(path)


def _email_party(
    *, agreement: Agreement, recipient: selectors.Recipient, actor: Actor | None
) -> bool:
    """E-mail the PDF to one party's people; record the delivery. False if it could not go."""
    if not recipient.will_receive:
        return False
    party = recipient.party
    case = agreement.case
    lines = item_lines(agreement=agreement)
    context = {
        "reference": case.reference,
        "child_first_name": case.child_first_name,
        "agreed_on": weekday_date(agreement.agreed_on),
        "outcome": OutcomeKind(agreement.outcome.outcome).label,
        "is_family": party.is_family,
        "party_name": party.name,
        "statutory": agreement.statutory,
        "their_items": [
            {"action": line.action, "due_on": weekday_date(line.due_on)}
            for line in lines
            if line.item.responsible_id == party.pk
        ],
        "matters_in_dispute": agreement.matters_in_dispute.strip(),
        "certificate_due": (
            weekday_date(due)
            if (due := selectors.certificate_after_mediation_due(case)) is not None
            else ""
        ),
        "contact_phone": case.service.phone or settings.SERVICE_PHONE,
        "contact_email": case.service.email or settings.SERVICE_EMAIL,
    }
    attachment = {
        "name": agreement.pdf_filename,
        "path": str(agreement.pdf.name),
        "mimetype": "application/pdf",
    }
    sent_to: list[str] = []
    for name, address in recipient.people:
        email = email_queue(
            template="agreement_sent",
            to=[address],
            context={**context, "recipient_name": name},
            case=case,
            attachments=[attachment],
        )
        if email is not None:
            sent_to.append(address)
    if not sent_to:
        return False
    AgreementDelivery.objects.create(
        agreement=agreement, party=party, sent_to=sent_to, created_by=actor, updated_by=actor
    )
    return True


def _finalise(*, agreement: Agreement, actor: Actor | None, written: list[str]) -> Agreement:
    # Lock the row: of two people finalising at once, the second sees it final.
    agreement = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("case", "outcome")
        .get(pk=agreement.pk)
    )
    _require_draft(agreement)
    problems = selectors.agreement_problems(agreement=agreement)
    if problems:
        raise ApplicationError(problems[0])
    case = agreement.case
    name = actor.full_name if actor is not None else ""
    document = agreement_document(agreement=agreement, prepared_by=name)
    pdf = agreement_render_pdf(document=document)
    agreement.pdf.save(f"agreement-{uuid.uuid4().hex[:8]}.pdf", ContentFile(pdf), save=False)
    written.append(str(agreement.pdf.name))
    agreement.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    agreement.status = AgreementStatus.FINAL
    agreement.finalised_at = timezone.now()
    agreement.finalised_by = actor
    agreement.finalised_by_name = name
    agreement.updated_by = actor
    agreement.save()
    if agreement.statutory:
        case_services.case_record_clock_event(
            case=case, event="agreement_recorded", on=agreement.agreed_on
        )
        _check_clock(case)

    sent, not_sent = [], []
    for recipient in selectors.agreement_recipients(agreement=agreement):
        if _email_party(agreement=agreement, recipient=recipient, actor=actor):
            sent.append(f"{recipient.party.name} ({', '.join(recipient.addresses)})")
        else:
            not_sent.append(f"{recipient.party.name}: {recipient.problem}.")
    lines = [f"Dated {weekday_date(agreement.agreed_on)}, {len(document.items)} items."]
    if sent:
        lines.append(f"Sent by email to {'; '.join(sent)}.")
    lines.extend(f"Not sent to {line}" for line in not_sent)
    case_services.event_record(
        case=case,
        kind=EventKind.AGREEMENT_FINALISED,
        title="Written agreement finalised and sent",
        description=" ".join(lines),
        actor=actor,
    )
    return agreement


def agreement_finalise(*, agreement: Agreement, actor: Actor | None) -> Agreement:
    """Print the agreement, freeze it, set the clock's agreement date and send it to every party
    that may receive it (the reg 42 timescales count from the agreement's date)."""
    written: list[str] = []
    try:
        with transaction.atomic():
            return _finalise(agreement=agreement, actor=actor, written=written)
    except BaseException:
        _discard(written)
        raise


@transaction.atomic
def agreement_send(*, agreement: Agreement, party: Party, actor: Actor | None) -> AgreementDelivery:
    """Send the final agreement to one party (one that could not receive it when it was
    finalised, or that asks for it again)."""
    if not agreement.is_final:
        raise ConflictError("Finalise the written agreement before sending it")
    if party.case_id != agreement.case_id:
        raise ApplicationError("That party is not part of this case")
    recipient = selectors.recipient_for(party=party)
    if not recipient.will_receive:
        raise ApplicationError(recipient.problem)
    _email_party(agreement=agreement, recipient=recipient, actor=actor)
    delivery = agreement.deliveries.filter(party=party).order_by("-created_at").first()
    assert delivery is not None
    case_services.event_record(
        case=agreement.case,
        kind=EventKind.AGREEMENT_SENT,
        title=f"Written agreement sent to {party.name}",
        description=f"Sent by email to {', '.join(recipient.addresses)}.",
        actor=actor,
    )
    return delivery


@transaction.atomic
def agreement_confirm(
    *,
    agreement: Agreement,
    party: Party,
    confirmed_by_name: str,
    method: str,
    actor: Actor | None,
    confirmed_on: dt.date | None = None,
) -> Confirmation:
    """Record that a party confirmed the written agreement says what was agreed."""
    if not agreement.is_final:
        raise ConflictError("Finalise the written agreement before recording confirmations")
    if party.case_id != agreement.case_id:
        raise ApplicationError("That party is not part of this case")
    if not confirmed_by_name.strip():
        raise ApplicationError(
            "Enter the name of the person who confirmed the agreement", field="confirmed_by_name"
        )
    if method not in ConfirmationMethod.values:
        raise ApplicationError("Select how they confirmed the agreement", field="method")
    confirmed_on = confirmed_on or timezone.localdate()
    if confirmed_on > timezone.localdate():
        raise ApplicationError(
            "The date they confirmed must be today or in the past", field="confirmed_on"
        )
    if confirmed_on < agreement.agreed_on:
        raise ApplicationError(
            "The date they confirmed cannot be before the date of the agreement "
            f"({govuk_date(agreement.agreed_on)})",
            field="confirmed_on",
        )
    try:
        with transaction.atomic():
            confirmation = Confirmation.objects.create(
                agreement=agreement,
                party=party,
                confirmed_on=confirmed_on,
                confirmed_by_name=confirmed_by_name.strip(),
                method=method,
                created_by=actor,
                updated_by=actor,
            )
    except IntegrityError as exc:
        raise ConflictError(f"{party.name} has already confirmed the agreement") from exc
    case_services.event_record(
        case=agreement.case,
        kind=EventKind.AGREEMENT_CONFIRMED,
        title=f"{party.name} confirmed the written agreement",
        description=(
            f"{confirmation.confirmed_by_name}, {ConfirmationMethod(method).label.lower()}, "
            f"on {weekday_date(confirmed_on)}."
        ),
        actor=actor,
    )
    return confirmation
