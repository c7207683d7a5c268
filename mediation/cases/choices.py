"""The vocabulary of a case. Public: other apps and templates use these choices."""

from django.db import models


class Channel(models.TextChoices):
    ONLINE = "online", "Online referral"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class Stage(models.TextChoices):
    NEW = "new", "New referral"
    AWAITING_CONSENT = "awaiting_consent", "Waiting for the family's permission"
    MIAS_TO_BOOK = "mias_to_book", "Information call to book"
    MIAS_BOOKED = "mias_booked", "Information call booked"
    FOLLOW_UP = "follow_up", "Family deciding"
    CERTIFICATE_DUE = "certificate_due", "Certificate to issue"
    ARRANGING_MEDIATION = "arranging_mediation", "Arranging mediation"
    ARRANGING_DR = "arranging_dr", "Arranging disagreement resolution"
    MEETING_ARRANGED = "meeting_arranged", "Meeting arranged"
    AFTER_MEETING = "after_meeting", "After the meeting"
    CLOSED = "closed", "Closed"


OPEN_STAGES = [s for s in Stage if s != Stage.CLOSED]


class Route(models.TextChoices):
    MEDIATION_INFORMATION = "mediation_information", "Mediation information and certificate"
    OPTIONAL_MEDIATION = "optional_mediation", "Mediation (no certificate needed)"
    DISAGREEMENT_RESOLUTION = "disagreement_resolution", "Disagreement resolution"
    OUT_OF_SCOPE = "out_of_scope", "Out of scope"


class Wants(models.TextChoices):
    CERTIFICATE = "certificate", "Information about mediation and a certificate"
    MEDIATION = "mediation", "Mediation"
    DISAGREEMENT_RESOLUTION = "disagreement_resolution", "Disagreement resolution"
    NOT_SURE = "not_sure", "Not sure yet"


class ApplicantRole(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person (16 to 25)"
    ALTERNATIVE_PERSON = "alternative_person", "Alternative person acting for a young person"


class EHCStatus(models.TextChoices):
    NONE = "none", "No EHC plan"
    ASSESSMENT = "assessment", "EHC needs assessment under way"
    PLAN = "plan", "EHC plan"
    LEGACY_STATEMENT = "legacy_statement", "Statement of special educational needs"


class DecisionType(models.TextChoices):
    """What the family disagrees with: ``mediation.rules.MATTERS``, with labels for staff.

    The values and their order are the rules' (a test holds them to it); which of them need an
    EHC plan is the rules' ``MATTERS_NEEDING_A_PLAN``.
    """

    REFUSAL_TO_ASSESS = "refusal_to_assess", "Refusal to carry out an EHC needs assessment"
    REFUSAL_TO_REASSESS = "refusal_to_reassess", "Refusal to carry out a re-assessment"
    REFUSAL_TO_ISSUE_PLAN = "refusal_to_issue_plan", "Refusal to issue an EHC plan"
    PLAN_CONTENT = "plan_content", "The needs or provision in the plan (sections B and F)"
    PLAN_PLACEMENT = "plan_placement", "The school or setting named in the plan (section I)"
    REFUSAL_TO_AMEND = "refusal_to_amend", "Refusal to amend the plan after a review"
    CEASE_TO_MAINTAIN = "cease_to_maintain", "Decision to stop maintaining the plan"
    HEALTH_SOCIAL_CARE = "health_social_care", "Health or social care in the plan"
    OTHER_DISAGREEMENT = "other_disagreement", "Another disagreement (e.g. with a school)"
    DISABILITY_DISCRIMINATION = "disability_discrimination", "Disability discrimination"


class PlanSection(models.TextChoices):
    B = "B", "B: special educational needs"
    C = "C", "C: health needs"
    D = "D", "D: social care needs"
    F = "F", "F: special educational provision"
    G = "G", "G: health provision"
    H = "H", "H: social care provision"
    I = "I", "I: placement (school or setting)"  # noqa: E741 - the plan's own letter


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"


class ConsentKind(models.TextChoices):
    THIRD_PARTY_REFERRAL = "third_party_referral", "Family agrees to the referral"
    SHARE_WITH_LA = "share_with_la", "Share information with the local authority"
    SHARE_WITH_PARTIES = "share_with_parties", "Share information with the other parties"


class ConsentMethod(models.TextChoices):
    ONLINE = "online", "Online form"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    REFERRER = "referrer", "Confirmed by the referrer"


class PartyKind(models.TextChoices):
    FAMILY = "family", "The family"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    ICB = "icb", "Integrated care board (health)"
    SCHOOL = "school", "School or college"
    SOCIAL_CARE = "social_care", "Social care"
    OTHER = "other", "Other organisation"


# Which organisation kinds can be which party.
PARTY_ORGANISATION_KINDS = {
    PartyKind.LOCAL_AUTHORITY: ("local_authority",),
    PartyKind.ICB: ("icb",),
    PartyKind.SCHOOL: ("school", "college", "early_years"),
    PartyKind.SOCIAL_CARE: ("social_care", "local_authority"),
    PartyKind.OTHER: ("other", "iass"),
}


class ParticipantRole(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    ALTERNATIVE_PERSON = "alternative_person", "Alternative person"
    SUPPORTER = "supporter", "Advocate or supporter (the family's choice)"
    INTERPRETER = "interpreter", "Interpreter"
    OFFICER = "officer", "Officer"
    DECISION_MAKER = "decision_maker", "Officer with authority to decide"
    SENCO = "senco", "SENCo or teacher"
    HEALTH_PROFESSIONAL = "health_professional", "Health professional"
    SOCIAL_WORKER = "social_worker", "Social worker"
    OTHER = "other", "Other"


class DRAnswer(models.TextChoices):
    NOT_ASKED = "not_asked", "Not asked yet"
    ASKED = "asked", "Asked, waiting for an answer"
    AGREES = "agrees", "Agrees to take part"
    DECLINES = "declines", "Does not agree to take part"


class EventKind(models.TextChoices):
    """What happened, on a case's timeline. Every entry is one of these (never free text)."""

    # The referral and the case record
    REFERRAL_RECEIVED = "referral_received", "Referral received"
    ROUTE_PROPOSED = "route_proposed", "Route proposed"
    ROUTE_CONFIRMED = "route_confirmed", "Route confirmed"
    CONSENT = "consent", "Permission recorded"
    ASSIGNED = "assigned", "Assigned"
    CASE_CORRECTED = "case_corrected", "Case details corrected"
    APPLICANT_CHANGED = "applicant_changed", "Applicant changed"
    SAFEGUARDING_FLAGGED = "safeguarding_flagged", "Safeguarding concern recorded"
    SAFEGUARDING_CLEARED = "safeguarding_cleared", "Safeguarding concern cleared"
    FAMILY_LINK = "family_link", "Family's private link"
    STAGE_CHANGED = "stage_changed", "Stage changed"
    WITHDRAWN = "withdrawn", "The family withdrew"
    CLOSED = "closed", "Case closed"
    # Parties and people
    PARTY_ADDED = "party_added", "Party added"
    PARTICIPANT_ADDED = "participant_added", "Person added"
    PARTICIPANT_REMOVED = "participant_removed", "Person removed"
    DECISION_MAKER_CONFIRMED = "decision_maker_confirmed", "Decision maker confirmed"
    ATTENDANCE_CONFIRMED = "attendance_confirmed", "Attendance confirmed"
    DR_ANSWER = "dr_answer", "Answer about disagreement resolution"
    # Mediation information and the family's decision
    MIAS_GIVEN = "mias_given", "Mediation information call"
    FAMILY_DECISION = "family_decision", "Family's decision"
    LA_TOLD = "la_told", "Local authority told"
    LA_NOT_EMAILED = "la_not_emailed", "Local authority not e-mailed"
    ICB_TOLD = "icb_told", "ICB told"
    OTHER_BODY_DATE = "other_body_date", "Another body's date recorded"
    # Arranging
    MEDIATOR_ALLOCATED = "mediator_allocated", "Mediator allocated"
    MEDIATOR_REALLOCATED = "mediator_reallocated", "Mediator changed"
    MEDIATOR_CONFLICT_DECLARED = "mediator_conflict_declared", "Mediator's conflict declared"
    INTRO_CONTACT = "intro_contact", "Introductory contact"
    SUMMARY_SUBMITTED = "summary_submitted", "Case summary received"
    SUMMARY_WITHDRAWN = "summary_withdrawn", "Case summary withdrawn"
    SUMMARIES_EXCHANGED = "summaries_exchanged", "Case summaries exchanged"
    CHILD_VIEWS = "child_views", "Child's views"
    MEETING_ARRANGED = "meeting_arranged", "Meeting arranged"
    MEETING_RESCHEDULED = "meeting_rescheduled", "Meeting changed"
    MEETING_CANCELLED = "meeting_cancelled", "Meeting cancelled"
    MEETING_HELD = "meeting_held", "Meeting held"
    MEETING_INVITATIONS = "meeting_invitations", "Invitations sent"
    MEETING_REMINDER_SENT = "meeting_reminder_sent", "Reminder sent"
    LA_CANNOT_ARRANGE = "la_cannot_arrange", "Local authority cannot arrange mediation in time"
    # The outcome and the agreement
    OUTCOME_RECORDED = "outcome_recorded", "Outcome recorded"
    AGREEMENT_STARTED = "agreement_started", "Written agreement started"
    AGREEMENT_DATE_CHANGED = "agreement_date_changed", "Agreement date changed"
    AGREEMENT_DISPUTE_UPDATED = "agreement_dispute_updated", "Matters still in dispute"
    AGREEMENT_ITEM_ADDED = "agreement_item_added", "Agreement item added"
    AGREEMENT_ITEM_CHANGED = "agreement_item_changed", "Agreement item changed"
    AGREEMENT_ITEM_REMOVED = "agreement_item_removed", "Agreement item removed"
    AGREEMENT_FINALISED = "agreement_finalised", "Written agreement finalised"
    AGREEMENT_SENT = "agreement_sent", "Written agreement sent"
    AGREEMENT_CONFIRMED = "agreement_confirmed", "Written agreement confirmed"
    # Certificates, expenses, notes
    CERTIFICATE_ISSUED = "certificate_issued", "Certificate issued"
    CERTIFICATE_WITHDRAWN = "certificate_withdrawn", "Certificate withdrawn"
    EXPENSE_RECORDED = "expense_recorded", "Expense claim recorded"
    EXPENSE_SENT = "expense_sent", "Expense claim sent"
    EXPENSE_SETTLED = "expense_settled", "Expense claim settled"
    NOTES_READ = "notes_read", "Private notes read"
