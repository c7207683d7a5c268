"""The outcome of a mediation (or disagreement resolution) and its written agreement.

A written agreement is what reg 42 of the SEND Regulations 2014 binds the local authority to: it is
built as a draft, item by item, then finalised. Finalising prints it (the stored PDF is the record
sent to every party) and freezes it: a final agreement and its items never change.
"""

from django.db import models
from django.db.models import F, Q

from mediation.agreements.choices import (
    AgreementStatus,
    ConfirmationMethod,
    ItemKind,
    OutcomeKind,
)
from mediation.core.models import ActorStampedModel, BaseModel, actor_field


class Outcome(ActorStampedModel):
    """How the case's mediation ended (one per case; it can be corrected until the agreement is
    final)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="outcome")
    outcome = models.CharField(max_length=30, choices=OutcomeKind.choices)
    concluded_on = models.DateField(help_text="The date the mediation concluded.")
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=OutcomeKind.values), name="outcome_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_outcome_display()}"


def agreement_pdf_path(instance: "Agreement", filename: str) -> str:
    case = instance.case
    return f"agreements/{case.service.reference_prefix}/{case.year}/{case.reference}-{filename}"


class Agreement(ActorStampedModel):
    """The written agreement: the date it was made, what still divides the parties, its items."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="agreement")
    outcome = models.OneToOneField(Outcome, on_delete=models.PROTECT, related_name="agreement")
    agreed_on = models.DateField(help_text="The date of the agreement: reg 42 counts from it.")
    matters_in_dispute = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    statutory = models.BooleanField(
        default=True,
        help_text="A mediation agreement (regs 42 and 44 apply). Disagreement resolution "
        "agreements keep the timescales the parties set.",
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = actor_field()
    finalised_by_name = models.CharField(max_length=150, blank=True)
    pdf = models.FileField(upload_to=agreement_pdf_path, max_length=200, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AgreementStatus.values), name="agreement_status_valid"
            ),
            # Final means printed: when, by whom, and the file.
            models.CheckConstraint(
                condition=Q(status=AgreementStatus.DRAFT)
                | (Q(finalised_at__isnull=False) & ~Q(pdf="") & ~Q(pdf_sha256="")),
                name="agreement_final_is_printed",
            ),
        ]

    def __str__(self) -> str:
        return f"Agreement {self.case_id} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == AgreementStatus.DRAFT

    @property
    def is_final(self) -> bool:
        return self.status == AgreementStatus.FINAL

    @property
    def pdf_filename(self) -> str:
        return f"Mediation agreement {self.case.reference}.pdf"


class AgreementItem(BaseModel):
    """One thing agreed: the matter, what was decided, the action, who does it, by when, and how
    everyone will know it was done."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    matter = models.ForeignKey(
        "cases.Matter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreement_items",
    )
    decided = models.TextField("what was decided")
    action = models.TextField()
    responsible = models.ForeignKey(
        "cases.Party", on_delete=models.PROTECT, related_name="agreement_items"
    )
    kind = models.CharField(max_length=30, choices=ItemKind.choices, blank=True)
    due_on = models.DateField()
    default_due_on = models.DateField(
        null=True,
        blank=True,
        help_text="The date the regulations set (none for disagreement resolution).",
    )
    due_date_note = models.TextField(
        blank=True,
        help_text="Who agreed a different date in writing, and when (reg 42 allows it).",
    )
    how_checked = models.TextField("how it will be checked")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # A date that differs from the regulations' must say the parties agreed it in writing.
            models.CheckConstraint(
                condition=Q(default_due_on__isnull=True)
                | Q(due_on=F("default_due_on"))
                | ~Q(due_date_note=""),
                name="agreement_item_changed_date_has_note",
            ),
            models.CheckConstraint(
                condition=Q(kind="") | Q(kind__in=ItemKind.values),
                name="agreement_item_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.action[:60]

    @property
    def due_date_changed(self) -> bool:
        return self.default_due_on is not None and self.due_on != self.default_due_on


class AgreementDelivery(ActorStampedModel):
    """The agreement PDF e-mailed to one party's people."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="deliveries")
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+")
    sent_to = models.JSONField(default=list, help_text="The e-mail addresses it was sent to.")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.agreement_id} to {self.party_id}"


class Confirmation(ActorStampedModel):
    """A party confirmed that the written agreement records what was agreed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="confirmations")
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+")
    confirmed_on = models.DateField()
    confirmed_by_name = models.CharField(max_length=150)
    method = models.CharField(max_length=20, choices=ConfirmationMethod.choices)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party"], name="confirmation_once_per_party"
            ),
            models.CheckConstraint(
                condition=Q(method__in=ConfirmationMethod.values),
                name="confirmation_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_id} confirmed {self.agreement_id}"
