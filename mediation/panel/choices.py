"""The mediator panel's vocabulary. Public: other apps and templates may use these."""

from django.db import models


class AccreditationRegister(models.TextChoices):
    SEND_JOINT = (
        "send_joint",
        "Civil Mediation Council and College of Mediators joint SEND register",
    )
    OTHER = "other", "Other"


# Why a mediator is not offered for a case. The order is the order reasons are listed in.
class Exclusion(models.TextChoices):
    NO_PROFILE = "no_profile", "No panel profile"
    ACCREDITATION_MISSING = "accreditation_missing", "Accreditation not recorded"
    ACCREDITATION_EXPIRED = "accreditation_expired", "Accreditation expired"
    CONFLICT = "conflict", "Conflict of interest"
    NOT_AVAILABLE = "not_available", "Not available"
    NO_CAPACITY = "no_capacity", "No capacity"
    AREA_NOT_COVERED = "area_not_covered", "Area not covered"


# A tag on the panel list when accreditation runs out within this many days.
EXPIRY_WARNING_DAYS = 60

# Languages written in several ways, so "BSL" on a profile matches a family who needs BSL.
LANGUAGE_ALIASES = {
    "bsl": "British Sign Language",
    "british sign language": "British Sign Language",
}
