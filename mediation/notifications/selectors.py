from uuid import UUID

from django.db.models import QuerySet

from mediation.notifications.models import OutboundEmail


def emails_for_case(*, case_id: UUID) -> QuerySet[OutboundEmail]:
    return OutboundEmail.objects.filter(case_id_ref=case_id).order_by("-created_at")
