"""A case: one child or young person, one disputed local authority decision (maybe several matters).

Dates that drive the statutory clock are stored as facts on the case (when the family asked for
mediation, when they declined it...). The clock itself lives in `mediation.rules`; the case keeps
its next statutory date for sorting the work queue.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from mediation.cases.choices import (
    ApplicantRole,
    Channel,
    ConsentKind,
    ConsentMethod,
    ContactMethod,
    DecisionType,
    DRAnswer,
    EHCStatus,
    EventKind,
    ParticipantRole,
    PartyKind,
    Route,
    Stage,
    Wants,
)
from mediation.core.models import ActorStampedModel, BaseModel, actor_field


class Case(BaseModel):
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=30, unique=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(help_text="When the family (or referrer) contacted us.")
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.NEW, db_index=True)
    wants = models.CharField(max_length=30, choices=Wants.choices, default=Wants.NOT_SURE)

    # Routing: proposed by the clock's certificate checker, confirmed (or changed) by staff.
    proposed_route = models.CharField(max_length=30, choices=Route.choices, blank=True)
    route = models.CharField(max_length=30, choices=Route.choices, blank=True)
    route_reason = models.TextField(blank=True)
    route_confirmed_at = models.DateTimeField(null=True, blank=True)
    route_confirmed_by = actor_field()

    # The person who holds the rights (or acts for the young person).
    applicant_role = models.CharField(max_length=30, choices=ApplicantRole.choices)
    applicant_name = models.CharField(max_length=150)
    applicant_relationship = models.CharField(max_length=80, blank=True)
    applicant_email = models.EmailField(blank=True)
    applicant_phone = models.CharField(max_length=40, blank=True)
    applicant_address = models.TextField(blank=True)
    applicant_postcode = models.CharField(max_length=10, blank=True)
    contact_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    contact_times = models.CharField(max_length=200, blank=True)

    # A professional referring on the family's behalf.
    is_third_party = models.BooleanField(default=False)
    referrer_name = models.CharField(max_length=150, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=100, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)

    # The child or young person.
    child_first_name = models.CharField(max_length=100)
    child_last_name = models.CharField(max_length=100)
    child_date_of_birth = models.DateField()
    child_setting = models.CharField("school or setting", max_length=200, blank=True)

    local_authority = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="cases_as_la"
    )
    icb = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_as_icb",
        help_text="The integrated care board, where health is involved.",
    )
    ehc_status = models.CharField(max_length=20, choices=EHCStatus.choices)
    decision_date = models.DateField(
        null=True, blank=True, help_text="The date on the local authority's decision letter."
    )
    decision_summary = models.TextField(blank=True, help_text="The disagreement, in their words.")

    # Reasonable adjustments.
    interpreter_language = models.CharField(max_length=60, blank=True)
    needs_bsl = models.BooleanField("British Sign Language", default=False)
    needs_easy_read = models.BooleanField("easy read", default=False)
    needs_large_print = models.BooleanField("large print", default=False)
    other_adjustments = models.TextField(blank=True)

    # Safeguarding: the flag is seen by all staff on the case; the notes only by managers and the
    # assigned caseworker (see the policy).
    safeguarding_concern = models.BooleanField(default=False)
    safeguarding_notes = models.TextField(blank=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advised_cases",
    )

    # Facts for the statutory clock (mediation.rules event keys in brackets).
    mediation_declined_on = models.DateField(null=True, blank=True)  # mediation_declined
    mediation_requested_on = models.DateField(null=True, blank=True)  # mediation_requested
    icb_notified_on = models.DateField(null=True, blank=True)  # icb_notified
    la_cannot_arrange_on = models.DateField(null=True, blank=True)  # la_cannot_arrange
    meeting_on = models.DateField(null=True, blank=True)  # meeting_date
    meeting_notice_on = models.DateField(
        null=True, blank=True, help_text="When the family was given the meeting's date and place."
    )
    mediation_concluded_on = models.DateField(null=True, blank=True)  # mediation_concluded
    agreement_recorded_on = models.DateField(null=True, blank=True)  # agreement_recorded
    certificate_issued_on = models.DateField(null=True, blank=True)  # certificate_issued
    certificate_requested_on = models.DateField(
        null=True, blank=True, help_text="A family that withdrew asked for its certificate."
    )

    # The next statutory date, kept for sorting the work queue (recomputed on every change).
    next_deadline_on = models.DateField(null=True, blank=True, db_index=True)
    next_deadline_key = models.CharField(max_length=60, blank=True)
    next_deadline_title = models.CharField(max_length=200, blank=True)

    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "sequence"], name="case_unique_sequence"
            ),
            models.CheckConstraint(
                condition=Q(is_third_party=False) | ~Q(referrer_name=""),
                name="case_third_party_has_referrer",
            ),
        ]
        indexes = [models.Index(fields=["stage", "next_deadline_on"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def child_name(self) -> str:
        return f"{self.child_first_name} {self.child_last_name}"

    @property
    def child_initials(self) -> str:
        return f"{self.child_first_name[:1]}{self.child_last_name[:1]}".upper()

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED

    @property
    def is_disagreement_resolution(self) -> bool:
        """Disagreement resolution, not mediation: reg 42 and the certificate do not apply.

        The route says so once confirmed; a case opened for DR is arranging it before that.
        """
        return self.route == Route.DISAGREEMENT_RESOLUTION or self.stage == Stage.ARRANGING_DR

    @property
    def health_issues(self) -> bool:
        return any(m.involves_health for m in self.matters.all())

    @property
    def health_only(self) -> bool:
        matters = list(self.matters.all())
        return bool(matters) and all(
            m.involves_health and not m.involves_education and not m.involves_social_care
            for m in matters
        )


class Matter(BaseModel):
    """One thing the family disagrees with, in one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="matters")
    decision = models.CharField(max_length=40, choices=DecisionType.choices)
    sections = models.CharField(
        max_length=40, blank=True, help_text="EHC plan sections in dispute, e.g. B,F,I"
    )
    involves_education = models.BooleanField(default=True)
    involves_health = models.BooleanField(default=False)
    involves_social_care = models.BooleanField(default=False)
    details = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.get_decision_display()

    @property
    def section_list(self) -> list[str]:
        return [s for s in self.sections.split(",") if s]


class FamilyMember(BaseModel):
    """Someone else in the family the service should know about (another parent, a carer)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="family_members")
    name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=80)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    has_parental_responsibility = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class ConsentRecord(ActorStampedModel):
    """A record that the family gave (or refused, or withdrew) a permission. The latest counts."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=30, choices=ConsentKind.choices)
    given = models.BooleanField()
    given_by = models.CharField(max_length=150, help_text="Who gave or refused it.")
    method = models.CharField(max_length=20, choices=ConsentMethod.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        state = "given" if self.given else "refused"
        return f"{self.get_kind_display()}: {state}"


class CaseEvent(models.Model):
    """The case's timeline: every change, appended, never edited."""

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = actor_field()
    actor_label = models.CharField(
        max_length=150, blank=True, help_text="Who acted, when it was not a signed-in user."
    )
    kind = models.CharField(max_length=50, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    restricted = models.BooleanField(
        default=False, help_text="Only managers and the assigned caseworker see it (safeguarding)."
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d}"

    @property
    def who(self) -> str:
        if self.actor is not None:
            return self.actor.full_name
        return self.actor_label or "The service"


class Party(BaseModel):
    """A side at the table: the family, the LA, the ICB, the school, social care."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(max_length=20, choices=PartyKind.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parties",
    )
    # The family's permission to share its information with this party: nothing is shared
    # (summaries, the child's views, contact details) until it is recorded as given.
    share_consent = models.BooleanField(null=True, blank=True)
    share_consent_recorded_at = models.DateTimeField(null=True, blank=True)
    # Disagreement resolution is voluntary for everyone: each party is asked and answers.
    dr_answer = models.CharField(
        max_length=12, choices=DRAnswer.choices, default=DRAnswer.NOT_ASKED
    )
    dr_asked_on = models.DateField(null=True, blank=True)
    dr_answered_on = models.DateField(null=True, blank=True)
    dr_note = models.TextField(blank=True)
    attendance_confirmed_at = models.DateTimeField(null=True, blank=True)
    attendance_confirmed_by = actor_field()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(organisation__isnull=False),
                name="party_organisation_once_per_case",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(kind="family"), name="party_one_family_per_case"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.kind == PartyKind.FAMILY:
            return "The family"
        return self.organisation.name if self.organisation else self.get_kind_display()

    @property
    def is_family(self) -> bool:
        return self.kind == PartyKind.FAMILY

    @property
    def may_receive_shared_information(self) -> bool:
        return self.is_family or self.share_consent is True

    @property
    def may_receive_agreement(self) -> bool:
        """The written agreement goes to the family, to the LA (it made the decision and the
        agreement binds it to act: reg 42), and to others the family lets see its information."""
        return self.may_receive_shared_information or self.kind == PartyKind.LOCAL_AUTHORITY


class Participant(BaseModel):
    """A person who takes part for a party (or for the service, like an interpreter)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=30, choices=ParticipantRole.choices)
    job_title = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=60, blank=True, help_text="For an interpreter.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    is_decision_maker = models.BooleanField(
        default=False, help_text="Has the authority to resolve the issues (the LA must send one)."
    )
    decision_maker_confirmed_at = models.DateTimeField(null=True, blank=True)
    attending = models.BooleanField(default=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(role="supporter", removed_at__isnull=True),
                name="participant_one_supporter_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class FamilyAccess(BaseModel):
    """A private link for the family to see their case's dates, certificates and agreement.

    Families have no accounts. The link is sent by e-mail; only a hash of its secret is stored, so
    the database alone cannot rebuild it. It can be revoked (and a new one sent).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="family_links")
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Family link for {self.case_id}"
