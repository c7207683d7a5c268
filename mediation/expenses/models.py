"""Expenses the family claims from the local authority for taking part (travel, an advocate...).

The LA (or the commissioning body) pays reasonable expenses (CFA 2014 s.56(1)(g)); the service
records the claim, sends it to the LA with the receipts, and tracks it until it is paid.
"""

from django.db import models

from mediation.core.models import ActorStampedModel, BaseModel


class ClaimStatus(models.TextChoices):
    RECORDED = "recorded", "Recorded"
    SENT = "sent", "Sent to the local authority"
    PAID = "paid", "Paid"
    REFUSED = "refused", "Refused"


class ExpenseClaim(ActorStampedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="expense_claims")
    claimant = models.CharField(max_length=150)
    description = models.TextField(help_text="What the money was spent on, and when.")
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.RECORDED
    )
    sent_on = models.DateField(null=True, blank=True)
    settled_on = models.DateField(null=True, blank=True)
    la_reference = models.CharField(max_length=60, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="expense_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.amount} for {self.case_id}"


class Receipt(BaseModel):
    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(upload_to="receipts/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)

    def __str__(self) -> str:
        return self.original_name
