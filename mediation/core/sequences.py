"""Gap-free numbering that is safe when two people act at once."""

from django.db import IntegrityError, transaction

from mediation.core.models import Counter


def counter_next(*, key: str) -> int:
    """The next number of the named sequence (1, 2, 3...). Call inside the transaction that uses it.

    On PostgreSQL the counter row is locked (SELECT ... FOR UPDATE) until the caller's transaction
    ends, so concurrent callers wait and get consecutive numbers; on SQLite, writers are already
    serialised (IMMEDIATE transactions). If the caller's transaction rolls back, so does the number.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("counter_next must run inside the transaction that uses the number")
    try:
        with transaction.atomic():
            Counter.objects.get_or_create(key=key)
    except IntegrityError:
        pass  # another transaction created it first; the row exists now
    counter = Counter.objects.select_for_update().get(key=key)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value
