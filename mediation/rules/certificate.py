"""The "do I need a mediation certificate?" checker.

Given what a family wants to challenge, say whether the Tribunal will want a mediation certificate
before an appeal, and what to do next. Sources and confidence (shared/docs/legal-rules.md):

* the six appealable matters: Children and Families Act 2014 s.51 (VERIFIED); the matters
  themselves, and which need a plan, live in ``mediation.rules.matters``;
* the certificate requirement: CFA 2014 s.55 (ATTESTED: referenced by reg 32(b), which we read,
  but we did not read s.55 itself);
* no certificate for an appeal only about Section I: IPSEA and the SEND35 appeal form, question
  12.2 (ATTESTED);
* disability discrimination claims have no mediation step (ATTESTED);
* disagreement resolution for anything else: CFA 2014 s.57 (VERIFIED as the explanatory notes).

Not legal advice: the wording sends a family to SENDIASS or IPSEA when in doubt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, Literal

from mediation.rules.errors import InputProblem, RulesInputError
from mediation.rules.facts import suggest
from mediation.rules.matters import (
    MATTER_DESCRIPTIONS,
    MATTERS,
    MATTERS_NEEDING_A_CERTIFICATE,
    PLAN_STATUSES,
    plan_conflicts,
)

__all__ = [
    "MATTERS",
    "PLAN_STATUSES",
    "CertificateAdvice",
    "CertificateOutcome",
    "check_certificate",
]

CertificateOutcome = Literal[
    "certificate_needed", "certificate_not_needed", "disagreement_resolution", "out_of_scope"
]
PlanStatus = Literal["none", "assessment", "plan", "legacy_statement"]

_S51 = "Children and Families Act 2014, s.51 (VERIFIED)"
_S55 = "Children and Families Act 2014, s.55 (ATTESTED)"
_SECTION_I = "IPSEA; SEND35 appeal form question 12.2 (ATTESTED)"
_S57 = "Children and Families Act 2014, s.57 (VERIFIED, from the explanatory notes)"

_STEP_IASS = (
    "For free, impartial advice, contact your local SEND Information, Advice and Support Service"
    " (SENDIASS), or IPSEA."
)
_STEP_CONTACT = (
    "Contact the mediation adviser named in the LA's decision letter within 2 months of the date"
    " the letter was sent (SEND Regulations 2014, reg 33). Say that you wish to appeal and whether"
    " you want mediation. You must contact the adviser, but you do not have to go to mediation."
)
_STEP_CERTIFICATE = (
    "If you do not want mediation, the adviser must send you a certificate within 3 working days."
    " If you do mediate, you get a certificate within 3 working days of the mediation ending."
)
_STEP_APPEAL = (
    "Appeal to the First-tier Tribunal (SEND) so that it receives the appeal by the later of"
    " 2 months after the decision letter was sent and 1 month after the certificate was issued."
)
_STEP_DISAGREEMENT = (
    "Ask the LA about its disagreement resolution service: it is free, independent and voluntary,"
    " and it does not affect any right of appeal (CFA 2014 s.57)."
)

_DISCRIMINATION = (
    "A disability discrimination claim against a school goes straight to the Tribunal: there"
    " is no mediation step and no certificate is needed (IPSEA, ATTESTED)."
)
_NOT_APPEALABLE = (
    "A disagreement that is not one of the decisions the Tribunal hears (for example about the"
    " special educational provision a school makes, or how a body carries out its SEN duties)"
    f" cannot be appealed, so no certificate applies; disagreement resolution can help ({_S57})."
)


@dataclass(frozen=True, slots=True)
class CertificateAdvice:
    """The checker's answer.

    ``outcome`` is one of "certificate_needed", "certificate_not_needed",
    "disagreement_resolution" or "out_of_scope". ``reasons`` are plain-English sentences, each
    ending with the rule it rests on and our confidence in it; ``next_steps`` say what to do.
    ``mediation_optional`` is True when no certificate is needed but the family may still choose
    mediation (an appeal only about Section I). It is False when a certificate is needed: the
    adviser step is then compulsory, although going on to mediation is not (a reason says so).
    """

    outcome: CertificateOutcome
    reasons: tuple[str, ...]
    next_steps: tuple[str, ...]
    mediation_optional: bool

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict."""
        return {
            "outcome": self.outcome,
            "reasons": list(self.reasons),
            "next_steps": list(self.next_steps),
            "mediation_optional": self.mediation_optional,
        }


def _validate(matters: frozenset[str], plan_status: str) -> None:
    problems: list[InputProblem] = []
    if not matters:
        problems.append(
            InputProblem(
                "matters",
                "Choose at least one thing you disagree with, so the checker can say whether you"
                " need a certificate.",
            )
        )
    for m in sorted(matters - set(MATTERS)):
        problems.append(
            InputProblem(
                "matters",
                f"Unknown matter {m!r}.{suggest(m, MATTERS)} Known matters: {', '.join(MATTERS)}.",
            )
        )
    if plan_status not in PLAN_STATUSES:
        problems.append(
            InputProblem(
                "plan_status",
                f"Unknown plan status {plan_status!r}.{suggest(plan_status, PLAN_STATUSES)} Known"
                f" statuses: {', '.join(PLAN_STATUSES)}.",
            )
        )
    for m in sorted(plan_conflicts(matters, plan_status)):
        problems.append(
            InputProblem(
                "matters",
                f"{m!r} is about an existing EHC plan, but the plan status is {plan_status!r}."
                " If the LA has issued a final plan, choose 'plan'.",
            )
        )
    if problems:
        raise RulesInputError(tuple(problems))


@dataclass(frozen=True, slots=True)
class _Claim:
    """What the family chose, in the terms the routes below ask about."""

    plan_status: str
    needing: tuple[str, ...]  # appealable matters whose appeal needs a certificate, in order
    placement: bool  # Section I
    health_care: bool  # the health or social care parts of the plan
    other: bool  # not one of the decisions the Tribunal hears
    discrimination: bool

    @classmethod
    def of(cls, chosen: frozenset[str], plan_status: str) -> _Claim:
        return cls(
            plan_status,
            tuple(m for m in MATTERS_NEEDING_A_CERTIFICATE if m in chosen),
            "plan_placement" in chosen,
            "health_social_care" in chosen,
            "other_disagreement" in chosen,
            "disability_discrimination" in chosen,
        )


def _elsewhere(discrimination: bool, not_appealable: bool) -> list[str]:
    """Reasons for the parts of a claim that take another road: discrimination, then the rest."""
    return [
        reason
        for applies, reason in (
            (discrimination, _DISCRIMINATION),
            (not_appealable, _NOT_APPEALABLE),
        )
        if applies
    ]


def _disagreement_step(wanted: bool) -> tuple[str, ...]:
    return (_STEP_DISAGREEMENT,) if wanted else ()


def _outside_england(_claim: _Claim) -> CertificateAdvice:
    return CertificateAdvice(
        "out_of_scope",
        (
            "This service and these rules cover England only: the mediation and appeal rules of"
            " the Children and Families Act 2014, Part 3, apply to local authorities in England."
            " Wales has a different system (additional learning needs, with its own tribunal),"
            " and so do Scotland and Northern Ireland (CFA 2014 Part 3; the other systems are"
            " outside our research notes, UNCERTAIN).",
        ),
        (
            "Contact an advice service for the nation where the local authority is, or the"
            " local authority itself, about how to challenge the decision there.",
        ),
        False,
    )


def _legacy_statement(claim: _Claim) -> CertificateAdvice:
    """An appeal about a pre-2014 statement of SEN: the certificate rules do not reach it."""
    reasons = (
        "Your child has a statement of SEN under the law before 2014, not an EHC plan. The"
        " mediation certificate requirement comes with the EHC plan appeal rights of the"
        " Children and Families Act 2014, so it does not apply to a statement (UNCERTAIN:"
        " statements should all have been transferred to EHC plans by April 2018, so check"
        " what you actually have).",
        *_elsewhere(claim.discrimination, claim.other or claim.health_care),
    )
    steps = (
        "Ask the LA whether the document is still a statement or has become an EHC plan:"
        " if it is an EHC plan, use this checker again with 'plan'.",
        _STEP_IASS,
    )
    return CertificateAdvice("certificate_not_needed", reasons, steps, False)


def _placement_with_more(claim: _Claim) -> list[str]:
    """Why Section I's exemption does not help when the appeal is about more than Section I."""
    if not claim.placement:
        return []
    if claim.needing:
        return [
            "You also want to challenge the school or type of school in Section I. Section I"
            " on its own needs no certificate, but because the appeal is not only about"
            f" Section I the exemption does not apply ({_SECTION_I})."
        ]
    return [
        "An appeal only about Section I needs no certificate, but you also want the"
        " Tribunal to consider health or social care, so the appeal is not only about"
        f" Section I ({_SECTION_I}). Whether a certificate is needed here is UNCERTAIN,"
        " so the safe course is to contact the mediation adviser and get one."
    ]


def _certificate_needed(claim: _Claim) -> CertificateAdvice:
    """An appeal about a decision the Tribunal hears, and not only about Section I."""
    reasons = [
        f"An appeal about {MATTER_DESCRIPTIONS[m]} can go to the Tribunal ({_S51}), and"
        f" only once you have a mediation certificate ({_S55})."
        for m in claim.needing
    ]
    reasons += _placement_with_more(claim)
    if claim.health_care:
        reasons.append(
            "When an education matter is appealed, the Tribunal can also make recommendations"
            " about the health and social care parts of the plan, and mediation can include"
            " health and social care issues too; the certificate covers the whole appeal"
            " (IPSEA and the SEND Code of Practice, ATTESTED; the regulations giving the"
            " Tribunal this power were not checked, UNCERTAIN)."
        )
    reasons.append(
        "You must contact the mediation adviser before appealing, but going on to mediation"
        " is your choice: you can ask for a certificate straight away (SEND Regulations 2014,"
        " regs 33 and 34, VERIFIED and ATTESTED)."
    )
    reasons += _elsewhere(claim.discrimination, claim.other)
    steps = (
        _STEP_CONTACT,
        _STEP_CERTIFICATE,
        _STEP_APPEAL,
        *_disagreement_step(claim.other),
        _STEP_IASS,
    )
    return CertificateAdvice("certificate_needed", tuple(reasons), steps, False)


def _section_i_only(claim: _Claim) -> CertificateAdvice:
    """An appeal only about Section I: no certificate, though mediation is still open."""
    reasons = (
        "An appeal only about the school or other institution named in Section I, its type, or"
        f" the fact that none is named, needs no mediation certificate ({_SECTION_I}). You can"
        " still choose mediation if you think it could settle the disagreement.",
        *_elsewhere(claim.discrimination, claim.other),
    )
    steps = (
        "You can appeal straight to the Tribunal: on the appeal form, give 'Section I"
        " only' as the reason you have no certificate.",
        "If you would like mediation anyway, contact the mediation adviser named in the"
        " decision letter.",
        "The Tribunal must receive the appeal within 2 months after the decision letter"
        " was sent (or 1 month after a certificate, if you choose mediation and that is"
        " later).",
        *_disagreement_step(claim.other),
        _STEP_IASS,
    )
    return CertificateAdvice("certificate_not_needed", reasons, steps, True)


def _disagreement_resolution(claim: _Claim) -> CertificateAdvice:
    """Nothing the Tribunal hears on its own: disagreement resolution (s.57) is the road."""
    reasons: list[str] = []
    steps = [_STEP_DISAGREEMENT]
    if claim.health_care:
        reasons.append(
            "The health and social care parts of a plan cannot be appealed on their own: the"
            " Tribunal can only make recommendations about them when an education matter"
            f" (Sections B, F or I, or a refusal) is also appealed ({_S51}). So there is no"
            f" certificate to get; disagreement resolution covers health provision ({_S57})."
        )
        steps.append(
            "For health services you can also use the NHS complaints procedure of the ICB,"
            " and for social care the LA's complaints procedure."
        )
    if claim.other:
        reasons.append(_NOT_APPEALABLE)
    if claim.discrimination:
        reasons.append(_DISCRIMINATION)
        steps.append("Make the disability discrimination claim directly to the Tribunal.")
    steps.append(_STEP_IASS)
    return CertificateAdvice("disagreement_resolution", tuple(reasons), tuple(steps), False)


def _discrimination_only(_claim: _Claim) -> CertificateAdvice:
    """Only a disability discrimination claim: the Tribunal hears it with no mediation step."""
    return CertificateAdvice(
        "out_of_scope",
        (_DISCRIMINATION,),
        (
            "Make the claim directly to the First-tier Tribunal (SEND); mediation is not part of"
            " it and this service cannot issue anything for it.",
            _STEP_IASS,
        ),
        False,
    )


# The routes, tried in order: the first whose test holds gives the advice.
_ROUTES: Final[
    tuple[tuple[Callable[[_Claim], bool], Callable[[_Claim], CertificateAdvice]], ...]
] = (
    (
        lambda c: c.plan_status == "legacy_statement" and bool(c.needing or c.placement),
        _legacy_statement,
    ),
    (lambda c: bool(c.needing) or (c.placement and c.health_care), _certificate_needed),
    (lambda c: c.placement, _section_i_only),
    (lambda c: c.health_care or c.other, _disagreement_resolution),
    (lambda c: True, _discrimination_only),
)


def check_certificate(
    matters: Iterable[str], plan_status: str, la_in_england: bool = True
) -> CertificateAdvice:
    """Say whether an appeal needs a mediation certificate, why, and what to do next.

    ``matters`` is a set of: refusal_to_assess, refusal_to_reassess, refusal_to_issue_plan,
    plan_content (Sections B and/or F), plan_placement (Section I: the school or type named, or
    none named), refusal_to_amend, cease_to_maintain, health_social_care (the health or social care
    parts of a plan), other_disagreement (anything else, e.g. a school's SEN provision) and
    disability_discrimination (``mediation.rules.matters.MATTERS``). ``plan_status`` is "none",
    "assessment", "plan" or "legacy_statement". Raises ``RulesInputError`` for an empty or unknown
    matter, an unknown status, or a plan matter (``MATTERS_NEEDING_A_PLAN``) when there is no plan.
    """
    chosen = frozenset(matters)
    _validate(chosen, plan_status)
    claim = _Claim.of(chosen, plan_status)
    if not la_in_england:
        return _outside_england(claim)
    advise = next(advise for applies, advise in _ROUTES if applies(claim))
    return advise(claim)
