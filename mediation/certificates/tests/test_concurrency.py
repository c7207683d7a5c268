"""Two people issuing at the same moment, in real concurrent transactions.

On SQLite (the test database is a file) writers are serialised by IMMEDIATE transactions; on
PostgreSQL the numbering counter's row lock makes the second wait. Either way the numbers must be
consecutive and distinct, with no gap, and a clash over one case must use up no number.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections

from mediation.cases.selectors import case_get
from mediation.certificates.models import Certificate
from mediation.core.errors import ConflictError
from mediation.core.models import Counter

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(jobs: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Start every job at the same instant, each in its own thread (and database connection)."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = job()
            with lock:
                results.append(outcome)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "an issuing thread never finished"
    return results, errors


def test_two_cases_issued_at_the_same_moment_get_consecutive_numbers(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    first_case = case_with_fact("declined")
    second_case = case_with_fact("declined")

    results, errors = run_at_once(
        [
            lambda: issue(case_get(case_id=first_case.pk)),
            lambda: issue(case_get(case_id=second_case.pk)),
        ]
    )

    assert errors == []
    assert sorted(c.number for c in results) == ["LDN-C-2026-0001", "LDN-C-2026-0002"]
    assert {c.case_id for c in results} == {first_case.pk, second_case.pk}
    assert Counter.objects.get(key="certificate:LDN:2026").value == 2
    assert Certificate.objects.count() == 2


def test_two_people_issuing_for_one_case_get_one_certificate_and_use_one_number(
    case_with_fact: Callable[..., Any], issue: Callable[..., Any]
) -> None:
    case = case_with_fact("declined")

    # Each person has their own copy of the case, as two web requests would.
    def issue_own_copy() -> Any:
        return issue(case_get(case_id=case.pk))

    results, errors = run_at_once([issue_own_copy, issue_own_copy])

    assert [c.number for c in results] == ["LDN-C-2026-0001"]
    assert len(errors) == 1
    assert isinstance(errors[0], ConflictError)
    assert Counter.objects.get(key="certificate:LDN:2026").value == 1
    assert Certificate.objects.filter(case=case).count() == 1
