"""Who may do what: the one place that answers "may this user do this to this object?".

Every view asks here (through `require` or the `policy_required` decorator). Anything not written
down here is refused: an unknown action, an anonymous or inactive user, a role with no rule.

Rules are plain functions of (user, obj). They may read the object's fields and call selectors;
they never write.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from mediation.policy.roles import PARTNER_ROLES, STAFF_ROLES, Role

if TYPE_CHECKING:
    from uuid import UUID

    from django.contrib.auth.models import AnonymousUser

    from mediation.accounts.actors import Actor
    from mediation.cases.models import Case, Party
    from mediation.preparation.models import CaseSummary, ChildViews

    # Whatever a view holds as its user: a signed-in person, an anonymous visitor, or nobody.
    type Someone = Actor | AnonymousUser | None

# A rule answers for one kind of object; the registry holds rules of every kind, so it keeps
# them as functions of `object` and `can` passes each the object its action is about.
type AnyRule = Callable[[Actor, object], bool]

_RULES: dict[str, AnyRule] = {}


def rule[T](action: str) -> Callable[[Callable[[Actor, T], bool]], Callable[[Actor, T], bool]]:
    """Register the rule for an action (one rule per action)."""

    def register(fn: Callable[[Actor, T], bool]) -> Callable[[Actor, T], bool]:
        if action in _RULES:
            raise ValueError(f"Policy rule for {action!r} is defined twice")
        _RULES[action] = cast("AnyRule", fn)
        return fn

    return register


def can(user: Someone, action: str, obj: object = None) -> bool:
    """True only if a rule for this action exists and allows this active, signed-in user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    check = _RULES.get(action)
    if check is None:
        return False
    return bool(check(user, obj))


def require(user: Someone, action: str, obj: object = None) -> None:
    """Raise PermissionDenied (a 403 page) unless the user may do this."""
    if not can(user, action, obj):
        raise PermissionDenied(action)


def authorised[T](user: Someone, action: str, obj: T | None) -> T:
    """The object a view asked for by id: a 404 page if there is none, a 403 page if this user
    may not do this to it. The first half of every view (see `mediation.core.actions`)."""
    if obj is None:
        raise Http404("Not found")
    require(user, action, obj)
    return obj


def known_actions() -> frozenset[str]:
    return frozenset(_RULES)


# ---------------------------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------------------------


def is_staff_member(user: Actor) -> bool:
    return user.role in STAFF_ROLES


def is_partner(user: Actor) -> bool:
    return user.role in PARTNER_ROLES


def is_manager(user: Actor) -> bool:
    return user.role == Role.SERVICE_MANAGER


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


@rule("admin.access")
def _admin_access(user: Actor, obj: object) -> bool:
    # Django admin edits reference data (organisations, services, users): managers only.
    return is_manager(user)


@rule("staff.workspace")
def _staff_workspace(user: Actor, obj: object) -> bool:
    return is_staff_member(user)


@rule("partner.workspace")
def _partner_workspace(user: Actor, obj: object) -> bool:
    return is_partner(user)


@rule("directory.view")
def _directory_view(user: Actor, obj: object) -> bool:
    return is_staff_member(user)


@rule("signed_in.home")
def _signed_in_home(user: Actor, obj: object) -> bool:
    return is_staff_member(user) or is_partner(user)


@rule("account.view_own")
def _account_view_own(user: Actor, obj: object) -> bool:
    return obj is None or obj == user


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

CASEWORK_ROLES = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR, Role.MEDIATION_ADVISER})
ALLOCATING_ROLES = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR})


def service_ids(user: Actor) -> frozenset[UUID]:
    """The services a member of staff works in (cached on the user for the request)."""
    cached: frozenset[UUID] | None = getattr(user, "_policy_service_ids", None)
    if cached is None:
        cached = frozenset(user.services.values_list("pk", flat=True))
        user._policy_service_ids = cached  # type: ignore[attr-defined]
    return cached


def works_on(user: Actor, case: Case | None) -> bool:
    """Staff see the cases of the services they work in; managers see every service."""
    if case is None or not is_staff_member(user):
        return False
    if is_manager(user):
        return True
    return case.service_id in service_ids(user)


@rule("referral.create_staff")
def _referral_create_staff(user: Actor, obj: object) -> bool:
    return user.role in CASEWORK_ROLES


@rule("case.view")
def _case_view(user: Actor, case: Case | None) -> bool:
    return works_on(user, case)


@rule("case.search")
def _case_search(user: Actor, obj: object) -> bool:
    # Finding cases ("Find a case", "My cases"): staff, who find only their services' cases.
    return is_staff_member(user)


@rule("case.edit")
def _case_edit(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in CASEWORK_ROLES


@rule("case.route")
def _case_route(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in CASEWORK_ROLES


@rule("case.assign")
def _case_assign(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in ALLOCATING_ROLES


@rule("case.close")
def _case_close(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in ALLOCATING_ROLES


@rule("case.safeguarding.record")
def _safeguarding_record(user: Actor, case: Case | None) -> bool:
    # Anyone working on a case may raise a concern.
    return works_on(user, case)


@rule("case.safeguarding.read")
def _safeguarding_read(user: Actor, case: Case | None) -> bool:
    # The details are for the service manager and the caseworker who holds the case.
    if case is None or not works_on(user, case):
        return False
    return is_manager(user) or case.assigned_to_id == user.pk


@rule("mias.manage")
def _mias_manage(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in CASEWORK_ROLES | {Role.MEDIATOR}


@rule("certificate.issue")
def _certificate_issue(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in CASEWORK_ROLES | {Role.MEDIATOR}


@rule("certificate.withdraw")
def _certificate_withdraw(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in ALLOCATING_ROLES


# ---------------------------------------------------------------------------------------------
# Mediator panel and allocation (mediation.panel)
# ---------------------------------------------------------------------------------------------


@rule("panel.view")
def _panel_view(user: Actor, obj: object) -> bool:
    return is_staff_member(user)


@rule("panel.manage")
def _panel_manage(user: Actor, obj: object) -> bool:
    return is_manager(user)


@rule("mediator.allocate")
def _mediator_allocate(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in ALLOCATING_ROLES


@rule("conflict.declare")
def _conflict_declare(user: Actor, mediator: Actor | None) -> bool:
    # A mediator declares their own conflicts; a manager may record them for any mediator.
    if mediator is None or mediator.role != Role.MEDIATOR:
        return False
    return is_manager(user) or (user.role == Role.MEDIATOR and mediator.pk == user.pk)


# ---------------------------------------------------------------------------------------------
# Preparation and the partner side (mediation.preparation, mediation.portal)
# ---------------------------------------------------------------------------------------------

PREPARATION_ROLES = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR, Role.MEDIATOR})


def partner_party(user: Actor, case: Case | None) -> Party | None:
    """The party a partner's organisation is on this case, or None if it is not a party."""
    if case is None or not is_partner(user) or not getattr(user, "organisation_id", None):
        return None
    return case.parties.filter(organisation_id=user.organisation_id).first()


def _partner_owns(user: Actor, party: Party | None) -> bool:
    return (
        party is not None
        and is_partner(user)
        and party.organisation_id is not None
        and party.organisation_id == user.organisation_id
    )


@rule("preparation.view")
def _preparation_view(user: Actor, case: Case | None) -> bool:
    return works_on(user, case)


@rule("preparation.manage")
def _preparation_manage(user: Actor, case: Case | None) -> bool:
    # Contacts, summaries sent for the family, the child's views: the mediator and caseworkers.
    return works_on(user, case) and user.role in PREPARATION_ROLES


@rule("summary.read")
def _summary_read(user: Actor, summary: CaseSummary | None) -> bool:
    # Staff on the case read every summary. A partner reads its own party's, and another party's
    # only if that party shared it with all parties and the family lets this party see its
    # information. A "mediator only" summary of another party is never a partner's to read.
    if summary is None:
        return False
    if works_on(user, summary.case):
        return True
    party = partner_party(user, summary.case)
    if party is None:
        return False
    if summary.party_id == party.pk:
        return True
    return (
        summary.withdrawn_at is None
        and summary.visibility == "shared"
        and party.may_receive_shared_information
    )


@rule("summary.submit")
def _summary_submit(user: Actor, party: Party | None) -> bool:
    # obj: the party the summary is from. Staff send any party's (the family has no account).
    if party is None:
        return False
    if is_staff_member(user):
        return works_on(user, party.case) and user.role in PREPARATION_ROLES
    return party is not None and _partner_owns(user, party) and party.case.is_open


@rule("summary.withdraw")
def _summary_withdraw(user: Actor, summary: CaseSummary | None) -> bool:
    if summary is None or summary.withdrawn_at is not None:
        return False
    if is_staff_member(user):
        return works_on(user, summary.case) and user.role in PREPARATION_ROLES
    return _partner_owns(user, summary.party) and summary.case.is_open


@rule("childviews.read")
def _childviews_read(user: Actor, views: ChildViews | None) -> bool:
    if views is None:
        return False
    if works_on(user, views.case):
        return True
    party = partner_party(user, views.case)
    return (
        party is not None and views.visibility == "shared" and party.may_receive_shared_information
    )


@rule("childviews.record")
def _childviews_record(user: Actor, case: Case | None) -> bool:
    return works_on(user, case) and user.role in PREPARATION_ROLES


@rule("portal.case.view")
def _portal_case_view(user: Actor, case: Case | None) -> bool:
    # Partners see only the cases their organisation is a party to (closed ones too: the
    # agreement and its due dates stay available).
    return partner_party(user, case) is not None


@rule("portal.party.act")
def _portal_party_act(user: Actor, party: Party | None) -> bool:
    # Confirm attendance, name or confirm the decision maker, answer about disagreement
    # resolution: for the partner's own organisation, while the case is open.
    return party is not None and _partner_owns(user, party) and party.case.is_open


# ---------------------------------------------------------------------------------------------
# Outcomes and written agreements (mediation.agreements)
# ---------------------------------------------------------------------------------------------

AGREEMENT_ROLES = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR})


def is_case_mediator(user: Actor, case: Case | None) -> bool:
    """The mediator allocated to the case now (or a mediator the case is assigned to)."""
    if case is None or user.role != Role.MEDIATOR:
        return False
    if case.assigned_to_id == user.pk:
        return True
    return case.mediator_allocations.filter(mediator_id=user.pk, ended_at__isnull=True).exists()


@rule("agreement.manage")
def _agreement_manage(user: Actor, case: Case | None) -> bool:
    # Record the outcome, write, finalise and send the agreement, record confirmations: the
    # case's mediator, and coordinators and managers of the case's service.
    if not works_on(user, case):
        return False
    return user.role in AGREEMENT_ROLES or is_case_mediator(user, case)


@rule("agreement.view")
def _agreement_view(user: Actor, case: Case | None) -> bool:
    # Staff of the case's service, drafts included. Partners read the final agreement through
    # the portal (mediation.agreements.selectors.agreement_for_party).
    return works_on(user, case)


@rule("agreement.confirm")
def _agreement_confirm(user: Actor, party: Party | None) -> bool:
    # obj: the party confirming. Staff who manage the agreement record any party's confirmation;
    # a partner confirms for its own organisation only.
    if party is None:
        return False
    if is_staff_member(user):
        return _agreement_manage(user, party.case)
    return (
        is_partner(user)
        and party.organisation_id is not None
        and party.organisation_id == user.organisation_id
    )


# ---------------------------------------------------------------------------------------------
# The meeting (mediation.meetings)
# ---------------------------------------------------------------------------------------------

MEETING_ROLES = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR, Role.MEDIATOR})


@rule("meeting.view")
def _meeting_view(user: Actor, case: Case | None) -> bool:
    # The meeting page and its calendar file: staff of the case's service. Partners see the
    # meeting through the portal (mediation.meetings.presenters.meeting_for_party).
    return works_on(user, case)


@rule("meeting.manage")
def _meeting_manage(user: Actor, case: Case | None) -> bool:
    # Arrange, move, cancel, record as held, send invitations.
    return works_on(user, case) and user.role in MEETING_ROLES


@rule("meeting.la_cannot_arrange")
def _meeting_la_cannot_arrange(user: Actor, case: Case | None) -> bool:
    # The LA tells the mediation adviser, who then owes the family a certificate.
    return works_on(user, case) and user.role in CASEWORK_ROLES | {Role.MEDIATOR}


# ---------------------------------------------------------------------------------------------
# The mediator's private notes (mediation.notes)
# ---------------------------------------------------------------------------------------------


@rule("notes.write")
def _notes_write(user: Actor, case: Case | None) -> bool:
    # Only the case's mediator writes and reads its private notes.
    return works_on(user, case) and is_case_mediator(user, case)


@rule("notes.read_with_reason")
def _notes_read_with_reason(user: Actor, case: Case | None) -> bool:
    # A service manager may read them, but only after recording why (the view enforces it).
    return is_manager(user) and works_on(user, case)


# ---------------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------------


type View[**P] = Callable[Concatenate[HttpRequest, P], HttpResponseBase]


def policy_required[**P](action: str) -> Callable[[View[P]], View[P]]:
    """Sign-in first (anonymous users go to the sign-in page), then the action must be allowed.

    For rules about one object, the view loads it (404 if missing) and calls `require` itself.
    """

    def decorator(view: View[P]) -> View[P]:
        @wraps(view)
        def allowed(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            require(request.user, action)
            return view(request, *args, **kwargs)

        # Django's own sign-in redirect (it keeps the page to come back to).
        return login_required(allowed)

    return decorator
