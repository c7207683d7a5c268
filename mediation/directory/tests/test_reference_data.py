"""The reference data loads completely and idempotently."""

from typing import Any

import pytest
from django.core.management import call_command

from mediation.directory import selectors, services
from mediation.directory.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_loads_all_153_local_authorities_and_the_icbs() -> None:
    first = services.local_authorities_load()
    assert first.created == 153
    assert selectors.local_authority_list().count() == 153
    services.icbs_load()
    # 49 rows, 48 distinct ODS codes (Hampshire and Isle of Wight keeps its code in 2026).
    assert Organisation.objects.filter(kind=OrganisationKind.ICB).count() == 48
    assert selectors.icb_list(current_only=True).count() == 36
    hiow = Organisation.objects.get(kind=OrganisationKind.ICB, code="QRL")
    assert hiow.valid_to is None
    hackney = Organisation.objects.get(kind=OrganisationKind.LOCAL_AUTHORITY, dfe_la_code="204")
    assert hackney.name == "Hackney"
    assert hackney.region == "London"


def test_loading_twice_duplicates_nothing() -> None:
    services.local_authorities_load()
    services.icbs_load()
    again = services.local_authorities_load()
    assert (again.created, again.updated) == (0, 153)
    services.icbs_load()
    assert Organisation.objects.count() == 153 + 48


def test_load_reference_data_command_is_idempotent(capsys: Any) -> None:
    call_command("load_reference_data")
    call_command("load_reference_data")
    assert Organisation.objects.filter(kind=OrganisationKind.PROVIDER).count() == 1
    assert selectors.local_authority_list().count() == 153


def test_service_for_local_authority(reference_data: None) -> None:
    provider = selectors.provider_organisation()
    assert provider is not None
    service = services.service_ensure(
        provider=provider,
        name="London",
        reference_prefix="LDN",
        local_authority_codes=["E09000012"],
    )
    hackney = selectors.organisation_by_code(kind="local_authority", code="E09000012")
    kent = selectors.organisation_by_code(kind="local_authority", code="E10000016")
    assert hackney is not None
    assert kent is not None
    assert selectors.service_for_local_authority(local_authority=hackney) == service
    assert selectors.service_for_local_authority(local_authority=kent) is None
