"""The roles people sign in with. Staff work for the provider; partners work for a party."""

from django.db import models


class Role(models.TextChoices):
    SERVICE_MANAGER = "service_manager", "Service manager"
    COORDINATOR = "coordinator", "Coordinator or caseworker"
    MEDIATION_ADVISER = "mediation_adviser", "Mediation adviser"
    MEDIATOR = "mediator", "Mediator"
    LA_OFFICER = "la_officer", "Local authority officer"
    ICB_OFFICER = "icb_officer", "ICB officer"
    SCHOOL_CONTACT = "school_contact", "School or college contact"


STAFF_ROLES = frozenset(
    {Role.SERVICE_MANAGER, Role.COORDINATOR, Role.MEDIATION_ADVISER, Role.MEDIATOR}
)
PARTNER_ROLES = frozenset({Role.LA_OFFICER, Role.ICB_OFFICER, Role.SCHOOL_CONTACT})
