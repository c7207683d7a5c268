"""What a family can disagree with ("matters"), and which of them need an EHC plan.

The one list of matters in the project: the case's decision types, the referral's questions and
the public certificate checker are all held to it (their tests compare). Sources and confidence
(shared/docs/legal-rules.md):

* the six decisions that can be appealed, and the parts of a plan an appeal can be about (Sections
  B, F and I): Children and Families Act 2014 s.51 (VERIFIED);
* no certificate for an appeal only about Section I: IPSEA and the SEND35 appeal form, question
  12.2 (ATTESTED);
* the health and social care parts of a plan (Sections C, D, G and H): the Tribunal can only make
  recommendations about them alongside an appeal about the plan (rule 19, ATTESTED; the
  instrument, probably the SEND (First-tier Tribunal Recommendations Power) Regulations 2017, is
  UNCERTAIN). Those sections exist only in a plan, so without one there is nothing of this kind
  to dispute: a disagreement about health provision during an assessment is disagreement
  resolution's, under "other_disagreement" (CFA 2014 s.57, VERIFIED as the explanatory notes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = [
    "MATTERS",
    "MATTERS_NEEDING_A_CERTIFICATE",
    "MATTERS_NEEDING_A_PLAN",
    "MATTER_DESCRIPTIONS",
    "PLAN_STATUSES",
    "PLAN_STATUSES_WITHOUT_A_PLAN",
    "Matter",
    "plan_conflicts",
]


@dataclass(frozen=True, slots=True)
class Matter:
    """One thing a family can disagree with.

    ``description`` is plain English that reads after "an appeal about" (or "a disagreement
    about"). ``needs_certificate``: an appeal about it needs a mediation certificate (s.51 and
    s.55; Section I alone is exempt). ``needs_a_plan``: it only exists once there is an EHC plan
    (or, under the old law, a statement).
    """

    key: str
    description: str
    needs_certificate: bool
    needs_a_plan: bool


# In the order the referral and the public checker list them.
_MATTER_TABLE: Final = (
    Matter(
        "refusal_to_assess",
        "a refusal to carry out an EHC needs assessment",
        needs_certificate=True,
        needs_a_plan=False,
    ),
    Matter(
        "refusal_to_reassess",
        "a refusal to carry out a re-assessment",
        needs_certificate=True,
        needs_a_plan=True,
    ),
    Matter(
        "refusal_to_issue_plan",
        "a refusal to issue an EHC plan after an assessment",
        needs_certificate=True,
        needs_a_plan=False,
    ),
    Matter(
        "plan_content",
        "the special educational needs or provision in the plan (Sections B or F)",
        needs_certificate=True,
        needs_a_plan=True,
    ),
    Matter(
        "plan_placement",
        "the school or other institution named in the plan (Section I), its type, or that none"
        " is named",
        needs_certificate=False,
        needs_a_plan=True,
    ),
    Matter(
        "refusal_to_amend",
        "a refusal to amend or replace the plan after a review or re-assessment",
        needs_certificate=True,
        needs_a_plan=True,
    ),
    Matter(
        "cease_to_maintain",
        "a decision to stop maintaining the plan",
        needs_certificate=True,
        needs_a_plan=True,
    ),
    Matter(
        "health_social_care",
        "the health or social care parts of the plan (Sections C, D, G and H)",
        needs_certificate=False,
        needs_a_plan=True,
    ),
    Matter(
        "other_disagreement",
        "something that is not one of the decisions the Tribunal hears, such as the special"
        " educational provision a school makes",
        needs_certificate=False,
        needs_a_plan=False,
    ),
    Matter(
        "disability_discrimination",
        "disability discrimination by a school",
        needs_certificate=False,
        needs_a_plan=False,
    ),
)

MATTERS: Final = tuple(m.key for m in _MATTER_TABLE)
MATTER_DESCRIPTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {m.key: m.description for m in _MATTER_TABLE}
)
MATTERS_NEEDING_A_PLAN: Final = frozenset(m.key for m in _MATTER_TABLE if m.needs_a_plan)
# The appealable decisions whose appeal needs a certificate, in the order above.
MATTERS_NEEDING_A_CERTIFICATE: Final = tuple(m.key for m in _MATTER_TABLE if m.needs_certificate)

PLAN_STATUSES: Final = ("none", "assessment", "plan", "legacy_statement")
# The answers that say there is neither an EHC plan nor a statement.
PLAN_STATUSES_WITHOUT_A_PLAN: Final = frozenset({"none", "assessment"})


def plan_conflicts(matters: Iterable[str], plan_status: str) -> list[str]:
    """Return the matters, in the order given, that need a plan the status says is not there."""
    if plan_status not in PLAN_STATUSES_WITHOUT_A_PLAN:
        return []
    return [m for m in matters if m in MATTERS_NEEDING_A_PLAN]
