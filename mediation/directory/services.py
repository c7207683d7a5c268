"""Writing organisations: loading the reference data and setting up the provider's services."""

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from mediation.directory.models import Organisation, OrganisationKind, Service

DATA_DIR = Path(__file__).resolve().parent / "data"
LOCAL_AUTHORITIES_CSV = DATA_DIR / "local_authorities_england.csv"
ICBS_CSV = DATA_DIR / "integrated_care_boards.csv"


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int

    def __str__(self) -> str:
        return f"{self.created} added, {self.updated} updated"


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def local_authorities_load(*, path: Path = LOCAL_AUTHORITIES_CSV) -> LoadResult:
    """Create or update the 153 English local authorities from the reference CSV (idempotent)."""
    created = updated = 0
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            _, was_created = Organisation.objects.update_or_create(
                kind=OrganisationKind.LOCAL_AUTHORITY,
                code=row["gss_code"],
                defaults={
                    "name": row["name"],
                    "dfe_la_code": row["dfe_la_code"],
                    "region": row["region"],
                },
            )
            created += was_created
            updated += not was_created
    return LoadResult(created, updated)


@transaction.atomic
def icbs_load(*, path: Path = ICBS_CSV) -> LoadResult:
    """Create or update the integrated care boards, past and present, from the reference CSV."""
    created = updated = 0
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # Hampshire and Isle of Wight keeps its ODS code across its 2026 change: the CSV lists
            # the older row first, so the current row is the one that stays.
            _, was_created = Organisation.objects.update_or_create(
                kind=OrganisationKind.ICB,
                code=row["ods_code"],
                defaults={
                    "name": row["name"],
                    "region": row["nhs_region"],
                    "valid_from": _date(row["valid_from"]),
                    "valid_to": _date(row["valid_to"]),
                    "notes": f"ONS code {row['gss_code']}",
                },
            )
            created += was_created
            updated += not was_created
    return LoadResult(created, updated)


@transaction.atomic
def provider_ensure(*, name: str, email: str = "", phone: str = "") -> Organisation:
    """The provider organisation that runs this installation (created once, renamed if needed)."""
    provider = (
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("created_at").first()
    )
    if provider is None:
        return Organisation.objects.create(
            kind=OrganisationKind.PROVIDER, name=name, email=email, phone=phone
        )
    if provider.name != name:
        provider.name = name
        provider.save(update_fields=["name", "updated_at"])
    return provider


@transaction.atomic
def service_ensure(
    *,
    provider: Organisation,
    name: str,
    reference_prefix: str,
    local_authority_codes: Iterable[str],
    phone: str = "",
    email: str = "",
) -> Service:
    """Create or update one of the provider's services and the local authorities it serves."""
    service, _ = Service.objects.update_or_create(
        reference_prefix=reference_prefix,
        defaults={"provider": provider, "name": name, "phone": phone, "email": email},
    )
    las = Organisation.objects.filter(
        kind=OrganisationKind.LOCAL_AUTHORITY, code__in=list(local_authority_codes)
    )
    service.local_authorities.add(*las)
    return service


@transaction.atomic
def organisation_ensure(
    *,
    kind: str,
    name: str,
    code: str = "",
    local_authority: Organisation | None = None,
    email: str = "",
    phone: str = "",
    address: str = "",
) -> Organisation:
    """Find an organisation by kind and code (or name, when it has no code), or create it."""
    lookup: dict[str, Any] = {"kind": kind, "code": code} if code else {"kind": kind, "name": name}
    organisation, _ = Organisation.objects.update_or_create(
        **lookup,
        defaults={
            "name": name,
            "local_authority": local_authority,
            "email": email,
            "phone": phone,
            "address": address,
        },
    )
    return organisation


@transaction.atomic
def organisation_contact_set(
    *, organisation: Organisation, email: str | None = None, phone: str | None = None
) -> Organisation:
    """Record how the service reaches an organisation (e.g. an LA's SEN team mailbox)."""
    if email is not None:
        organisation.email = email
    if phone is not None:
        organisation.phone = phone
    organisation.full_clean()
    organisation.save(update_fields=["email", "phone", "updated_at"])
    return organisation
