"""Who holds the appeal and mediation rights: the parent, or the young person.

A "young person" is over compulsory school age and under 25 (Children and Families Act 2014 s.83;
ATTESTED). From the day after compulsory school age ends, the rights to mediation and to appeal pass
from the parent to the young person (ATTESTED, IPSEA). Where the young person lacks capacity, an
"alternative person" acts for them (SEND Regulations 2014, Schedule 3; not modelled here).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, Literal

from mediation.rules.errors import InputProblem, RulesInputError

__all__ = [
    "RightsHolder",
    "age_reached_on",
    "compulsory_school_age_end",
    "is_young_person",
    "rights_change_date",
    "rights_holder",
    "school_leaving_date",
]

RightsHolder = Literal["parent", "young_person", "over_25"]

_FRIDAY: Final = 4


def school_leaving_date(year: int) -> date:
    """Return the school leaving date of ``year``: the last Friday in June (ATTESTED, IPSEA)."""
    june_30 = date(year, 6, 30)
    return june_30 - timedelta(days=(june_30.weekday() - _FRIDAY) % 7)


def age_reached_on(dob: date, years: int) -> date:
    """Return the day a person born on ``dob`` reaches the age of ``years``.

    Someone born on 29 February reaches an age on 1 March in a common year (the usual reading of
    the Family Law Reform Act 1969 s.9, which dates an age from the anniversary's start).
    """
    try:
        return date(dob.year + years, dob.month, dob.day)
    except ValueError:  # 29 February in a common year
        return date(dob.year + years, 3, 1)


def compulsory_school_age_end(dob: date) -> date:
    """Return the last day of compulsory school age for a person born on ``dob``.

    It is the school leaving date (the last Friday in June) of the school year, 1 September to
    31 August, in which the person turns 16. Education Act 1996 s.8(3) (VERIFIED) ends compulsory
    school age at the end of the school leaving date that is on or after the 16th birthday, or the
    one just before it when the birthday falls between that date and 31 August, which comes to
    the same thing. That the school leaving date is the last Friday in June is ATTESTED (IPSEA,
    https://www.ipsea.org.uk/faqs/compulsory-school-age); IPSEA's example: born 23 September 2007,
    compulsory school age ends on 28 June 2024.
    """
    sixteenth = age_reached_on(dob, 16)
    # A school year runs 1 September to 31 August and is named here by the year it ends in.
    school_year_end = sixteenth.year + 1 if sixteenth.month >= 9 else sixteenth.year
    return school_leaving_date(school_year_end)


def _check(dob: date, on: date) -> None:
    if on < dob:
        raise RulesInputError(
            InputProblem("on", f"The date {on.isoformat()} is before the date of birth.")
        )


def is_young_person(dob: date, on: date) -> bool:
    """Return True when a person born on ``dob`` is a young person on the day ``on``.

    Over compulsory school age (from the day after ``compulsory_school_age_end``) and under 25
    (CFA 2014 s.83, ATTESTED; Education Act 1996 s.8, VERIFIED).
    """
    _check(dob, on)
    return compulsory_school_age_end(dob) < on < age_reached_on(dob, 25)


def rights_holder(dob: date, on: date) -> RightsHolder:
    """Return who holds the mediation and appeal rights on ``on``.

    "parent" up to and including the last day of compulsory school age, "young_person" from the
    next day until the day before the 25th birthday, then "over_25" (an EHC plan cannot continue
    past 25, so there is no one to hold SEN appeal rights under the Act).
    """
    _check(dob, on)
    if on <= compulsory_school_age_end(dob):
        return "parent"
    if on < age_reached_on(dob, 25):
        return "young_person"
    return "over_25"


def rights_change_date(dob: date, start: date, end: date) -> date | None:
    """Return the day within [start, end] on which the rights pass to the young person, or None.

    That day is the one after compulsory school age ends (a Saturday, as the school leaving date
    is a Friday). Use it to flag a case during which the appellant changes from parent to young
    person: letters, consent and the certificate must then be in the young person's name.
    """
    if end < start:
        raise RulesInputError(
            InputProblem("end", f"The end date {end.isoformat()} is before the start date.")
        )
    change = compulsory_school_age_end(dob) + timedelta(days=1)
    return change if start <= change <= end else None
