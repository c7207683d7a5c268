"""Who did it: one kind of field, held over every model (docs/adr/0011-actor-stamped-models.md).

A foreign key to a person is either the standard stamp (`actor_field`, or `created_by` /
`updated_by` from `ActorStampedModel`) or a relation named below with the reason it is one.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from mediation.cases.choices import ConsentKind, ConsentMethod
from mediation.cases.models import ConsentRecord
from mediation.core.models import ActorStampedModel

# Foreign keys to a person that are relations, not stamps of who did something: the row is about
# that person, or must never lose them.
RELATIONS = {
    "cases.Case.assigned_to": "the caseworker holding the case: the work queue and e-mails use it",
    "cases.Case.adviser": "the case's mediation adviser: the work queue lists their cases",
    "cases.Participant.user": "the account of a person taking part for a party",
    "meetings.Invitation.user": "the allocated mediator an invitation is sent to (its recipient)",
    "advice.InformationCall.adviser": "who gives the call (chosen when booking), not who booked it",
    "panel.MediatorProfile.user": "the mediator the panel profile describes (one to one)",
    "panel.ConflictDeclaration.mediator": "the mediator with the conflict: eligibility counts it",
    "panel.Allocation.mediator": "the mediator allocated: their caseload and the policy ask",
    "notes.PrivateNote.author": "required, protected: a private note never loses its author",
    "notes.NotesAccess.reader": "required, protected: who read private notes is never forgotten",
}


def _our_models() -> Iterator[type[models.Model]]:
    for model in apps.get_models():
        if model.__module__.startswith("mediation."):
            yield model


def _person_keys() -> Iterator[tuple[str, models.Field[Any, Any]]]:
    """Every key from one of our models to the user model (foreign, one-to-one, many-to-many)."""
    user_model = get_user_model()
    for model in _our_models():
        for field in [*model._meta.fields, *model._meta.many_to_many]:
            if field.is_relation and field.related_model is user_model:
                yield f"{model._meta.label}.{field.name}", field


def _is_actor_field(field: models.Field[Any, Any]) -> bool:
    """What `actor_field` declares: optional, SET_NULL, no reverse accessor."""
    remote = field.remote_field
    return (
        isinstance(field, models.ForeignKey)
        and not isinstance(field, models.OneToOneField)
        and field.null
        and field.blank
        and remote is not None
        and remote.on_delete is models.SET_NULL
        and remote.related_name == "+"
    )


def test_every_key_to_a_person_is_an_actor_field_or_a_named_relation() -> None:
    hand_written = [
        name
        for name, field in _person_keys()
        if not _is_actor_field(field) and name not in RELATIONS
    ]
    assert not hand_written, (
        "Foreign keys to the user model declared by hand. Record who did something with "
        "`actor_field()` (or inherit `ActorStampedModel` for created_by / updated_by); a real "
        "relation goes in RELATIONS with its reason:\n" + "\n".join(hand_written)
    )


def test_the_named_relations_exist_and_are_not_stamps() -> None:
    keys = dict(_person_keys())
    stale = [name for name in RELATIONS if name not in keys or _is_actor_field(keys[name])]
    assert not stale, "Take these out of RELATIONS (gone, or now actor fields):\n" + "\n".join(
        stale
    )


def test_created_by_and_updated_by_come_only_from_actor_stamped_model() -> None:
    by_hand = [
        f"{model._meta.label}.{name}"
        for model in _our_models()
        if not issubclass(model, ActorStampedModel)
        for name in ("created_by", "updated_by")
        if any(field.name == name for field in model._meta.get_fields())
    ]
    assert not by_hand, "Inherit ActorStampedModel instead:\n" + "\n".join(by_hand)


def test_the_base_stamps_who_made_and_who_last_saved() -> None:
    meta = ActorStampedModel._meta
    assert _is_actor_field(meta.get_field("created_by"))
    assert _is_actor_field(meta.get_field("updated_by"))


@pytest.mark.django_db
def test_a_record_outlives_the_account_of_who_made_it(
    staff: Callable[..., Any], make_case: Callable[..., Any]
) -> None:
    coordinator = staff("coordinator")
    record = ConsentRecord.objects.create(
        case=make_case(),
        kind=ConsentKind.values[0],
        given=True,
        given_by="Alex Morgan",
        method=ConsentMethod.values[0],
        created_by=coordinator,
        updated_by=coordinator,
    )
    coordinator.delete()
    record.refresh_from_db()
    assert (record.created_by, record.updated_by, record.given_by) == (None, None, "Alex Morgan")
