"""The vocabulary of outcomes and written agreements. Public: other apps and templates use it."""

from django.db import models

from mediation.rules import AGREEMENT_KINDS


class OutcomeKind(models.TextChoices):
    FULL_AGREEMENT = "full_agreement", "Full agreement"
    PARTIAL_AGREEMENT = "partial_agreement", "Partial agreement"
    NO_AGREEMENT = "no_agreement", "No agreement"
    LA_CHANGED_DECISION = "la_changed_decision", "The local authority changed its decision"
    WITHDRAWN = "withdrawn", "The family withdrew"
    DID_NOT_GO_AHEAD = "did_not_go_ahead", "The mediation did not go ahead"


# Outcomes that are written down as an agreement (reg 42 applies to a mediation agreement only
# once it is recorded in writing).
AGREEMENT_OUTCOMES = frozenset(
    {
        OutcomeKind.FULL_AGREEMENT,
        OutcomeKind.PARTIAL_AGREEMENT,
        OutcomeKind.LA_CHANGED_DECISION,
    }
)

# Outcomes that come out of a meeting: they can be recorded only once it is recorded as held.
# The others end mediation without one (the family withdrew, the LA changed its decision first,
# or it did not go ahead).
OUTCOMES_NEEDING_A_MEETING = frozenset(
    {OutcomeKind.FULL_AGREEMENT, OutcomeKind.PARTIAL_AGREEMENT, OutcomeKind.NO_AGREEMENT}
)

# Outcomes after which the mediation has concluded, so the certificate after mediation is due
# within 3 working days. A family that withdraws gets its certificate on request instead.
CONCLUDING_OUTCOMES = frozenset(OutcomeKind) - {OutcomeKind.WITHDRAWN}

OUTCOME_HINTS = {
    OutcomeKind.FULL_AGREEMENT: "The parties agreed on every matter. You will write the agreement "
    "next.",
    OutcomeKind.PARTIAL_AGREEMENT: "The parties agreed on some matters; others are still in "
    "dispute and may go to the Tribunal. You will write the agreement next.",
    OutcomeKind.NO_AGREEMENT: "The parties met but did not agree on anything.",
    OutcomeKind.LA_CHANGED_DECISION: "For example, it agreed to carry out an assessment. You will "
    "write down what it will do, and by when, next.",
    OutcomeKind.WITHDRAWN: "The family can ask for a mediation certificate at any time.",
    OutcomeKind.DID_NOT_GO_AHEAD: "For example, a party did not attend. The certificate after "
    "mediation is still due.",
}


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class ItemKind(models.TextChoices):
    """What an agreed action is, which sets its timescale (regs 42 and 44, `mediation.rules`)."""

    ASSESS_NOTIFY = "assess_notify", "Tell the family it will carry out an assessment"
    ASSESS_DECLINE_TO_ISSUE = (
        "assess_decline_to_issue",
        "After the agreed assessment, decide not to issue an EHC plan (with reasons)",
    )
    ASSESS_FINAL_PLAN = (
        "assess_final_plan",
        "After the agreed assessment, issue the final EHC plan",
    )
    PLAN_DRAFT = "plan_draft", "Make an EHC plan: issue the draft plan"
    PLAN_FINAL = "plan_final", "Make the final EHC plan"
    AMEND = "amend", "Amend the needs or provision in the plan (sections B and F)"
    PLACEMENT = "placement", "Name a school or type of school in the plan (section I)"
    OTHER = (
        "other",
        "Anything else that cannot be appealed to the Tribunal",
    )
    LA_NOTIFIED = (
        "la_notified",
        "The health body tells the local authority about the agreement",
    )


if set(ItemKind.values) != set(AGREEMENT_KINDS):  # pragma: no cover - guards the rules' kinds
    raise RuntimeError("ItemKind must list exactly mediation.rules.AGREEMENT_KINDS")

ITEM_KIND_EXAMPLES = {
    ItemKind.OTHER: "For example, an educational psychologist visit or interim funding",
    ItemKind.LA_NOTIFIED: "Only when the local authority was not a party (health-only mediation)",
}


class ConfirmationMethod(models.TextChoices):
    SIGNED = "signed", "Signed the agreement"
    EMAIL = "email", "By email"
    PHONE = "phone", "By phone"
    LETTER = "letter", "By letter"
    ONLINE = "online", "Online, through their partner account"
