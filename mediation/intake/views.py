"""Referrals: the online question pages, check answers, sending, staff-entered referrals, and
the referrals held back by the spam checks."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mediation import policy
from mediation.cases import selectors as case_selectors
from mediation.cases.choices import Stage
from mediation.core.clientip import client_ip
from mediation.core.errors import ApplicationError
from mediation.intake import journey, selectors, services, steps
from mediation.intake.forms import ConfirmForm
from mediation.intake.models import HeldReason
from mediation.intake.staff import StaffReferralPage

STAFF_DRAFT = "intake_staff_draft"


def _step_url(step: steps.Step, *, change: bool = False) -> str:
    url = (
        reverse("intake:start")
        if step == steps.FIRST_STEP
        else reverse("intake:step", kwargs={"slug": step.slug})
    )
    return f"{url}?change=1" if change else url


def _resume(evaluation: steps.Evaluation, *, change: bool = False) -> HttpResponse:
    """Where to go when every answer so far is fine: the first page still to answer, or check."""
    target = evaluation.first_incomplete
    return redirect(_step_url(target, change=change) if target else reverse("intake:check"))


# ---------------------------------------------------------------------------------------------
# Online referral
# ---------------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, slug: str = steps.FIRST_STEP.slug) -> HttpResponse:
    step = steps.STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404("No such question")
    changing = request.GET.get("change") == "1"
    evaluation = steps.evaluate(journey.answers(request))
    if not evaluation.reachable(step):
        return _resume(evaluation, change=changing)
    facts = evaluation.facts_before[step.slug]

    if request.method == "POST":
        journey.note_honeypot(request, request.POST)
        form = steps.make_form(step, facts, data=request.POST)
        journey.save_page(request, step.slug, steps.posted_answers(request.POST, form))
        if form.is_valid():
            evaluation = steps.evaluate(journey.answers(request))
            if changing:
                return _resume(evaluation, change=True)
            following = evaluation.next(step)
            return redirect(_step_url(following) if following else reverse("intake:check"))
    else:
        stored = evaluation.answers.get(step.slug)
        typed = (
            steps.initial_from(steps.make_form(step, facts, data=steps.as_data(stored)))
            if stored is not None
            else None
        )
        form = steps.make_form(step, facts, initial=typed)

    previous = evaluation.previous(step)
    if changing:
        back = reverse("intake:check")
    else:
        back = _step_url(previous) if previous else reverse("pages:start")
    return render(
        request,
        "intake/question.html",
        {
            "title": form.page_title or step.title,
            "form": form,
            "step": step,
            "back_url": back,
            "honeypot_field": journey.HONEYPOT_FIELD,
        },
    )


def _confirm_form(error: str = "") -> ConfirmForm:
    form = ConfirmForm({})
    form.is_valid()
    if error:
        form.add_error(None, error)
    return form


def _lower_first(text: str) -> str:
    """Lower-case the first letter ("Date of birth" to "date of birth"), but not an acronym's."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _summary_groups(
    evaluation: steps.Evaluation, *, change_links: bool
) -> list[tuple[str, list[dict[str, Any]]]]:
    """The answers for GOV.UK summary lists: [(group heading, rows)], each row with its page."""
    young_person_self = evaluation.facts.get("who") == "young_person" and change_links
    groups: dict[str, list[dict[str, Any]]] = {}
    for step, rows in steps.summary_sections(evaluation):
        heading = step.group
        if young_person_self and heading == steps.CHILD:
            heading = "About you"
        if not change_links and heading == steps.WANTS:  # staff reading a held referral
            heading = "What the family wants"
        for key, lines in rows:
            groups.setdefault(heading, []).append(
                {
                    "key": key,
                    "hidden": _lower_first(key),
                    "lines": lines,
                    "href": _step_url(step, change=True) if change_links else "",
                }
            )
    return list(groups.items())


def _check_context(evaluation: steps.Evaluation, error: str = "") -> dict[str, Any]:
    return {
        "title": "Check your answers before sending your referral",
        "form": _confirm_form(error),
        "groups": _summary_groups(evaluation, change_links=True),
        "honeypot_field": journey.HONEYPOT_FIELD,
        "professional": evaluation.facts.get("who") == steps.PROFESSIONAL,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def check_answers(request: HttpRequest) -> HttpResponse:
    answers = journey.answers(request)
    if not answers and request.method == "POST" and journey.sent_case_id(request):
        # "Send referral" pressed twice: the first press already made the case.
        return redirect("intake:confirmation")
    evaluation = steps.evaluate(answers)
    if not evaluation.complete:
        return _resume(evaluation)
    error = ""
    if request.method == "POST":
        held = journey.held(request)
        try:
            outcome = services.referral_send(
                answers=answers,
                client_ip=client_ip(request),
                honeypot_filled=journey.honeypot_tripped(request)
                or journey.honeypot_filled(request.POST),
                previously_held_id=held["id"] if held else "",
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            if outcome.held is not None:
                journey.remember_held(
                    request,
                    outcome.held,
                    keep_answers=outcome.held.reason == HeldReason.RATE_LIMIT,
                )
                return redirect("intake:received")
            journey.remember_sent(request, outcome.case)
            return redirect("intake:confirmation")
    return render(request, "intake/check_answers.html", _check_context(evaluation, error))


@never_cache
@require_GET
def confirmation(request: HttpRequest) -> HttpResponse:
    case_id = journey.sent_case_id(request)
    case = case_selectors.case_get(case_id=case_id) if case_id else None
    if case is None:
        return redirect("intake:start")
    return render(
        request,
        "intake/confirmation.html",
        {
            "title": "Referral sent",
            "case": case,
            "key_dates": selectors.key_dates(case=case),
            "awaiting_consent": case.stage == Stage.AWAITING_CONSENT,
        },
    )


@never_cache
@require_GET
def received(request: HttpRequest) -> HttpResponse:
    """What someone sees when their referral was held: it arrived, and we will be in touch."""
    if journey.held(request) is None:
        return redirect("intake:start")
    return render(request, "intake/received.html", {"title": "We have received your details"})


# ---------------------------------------------------------------------------------------------
# Staff referrals (phone, email, letter)
# ---------------------------------------------------------------------------------------------


def _staff_page_response(request: HttpRequest, page: StaffReferralPage) -> HttpResponse:
    title = "New referral"
    return render(
        request,
        "intake/staff_new.html",
        {
            "title": f"Error: {title}" if page.has_errors else title,
            "page": page,
            "held_waiting": selectors.held_referrals_waiting(user=request.user).count(),
        },
    )


@never_cache
@policy.policy_required("referral.create_staff")
def staff_new(request: HttpRequest) -> HttpResponse:
    draft = request.session.get(STAFF_DRAFT)
    if request.method == "POST":
        token = request.POST.get("create_anyway", "")
        confirmed = bool(token)
        if confirmed:
            if not draft or not secrets.compare_digest(str(draft.get("token", "")), token):
                messages.info(
                    request, "Those answers are no longer saved. Enter the referral again."
                )
                return redirect("intake:staff-new")
            data: Any = MultiValueDict(draft["data"])
        else:
            data = request.POST
        page = StaffReferralPage(data)
        if not page.valid:
            return _staff_page_response(request, page)
        referral = page.referral()
        duplicates = list(
            case_selectors.open_duplicates(
                child_first_name=referral.child_first_name,
                child_last_name=referral.child_last_name,
                child_date_of_birth=referral.child_date_of_birth,
                local_authority_id=referral.local_authority_id,
            ).select_related("local_authority")
        )
        if duplicates and not confirmed:
            # Keep the typed answers server-side, so "create anyway" (or going back to change
            # them) never makes anyone type them again.
            new_token = secrets.token_urlsafe(16)
            request.session[STAFF_DRAFT] = {
                "token": new_token,
                "data": {key: data.getlist(key) for key in data if key != "csrfmiddlewaretoken"},
            }
            return render(
                request,
                "intake/staff_duplicates.html",
                {
                    "title": "There may already be a case for this child or young person",
                    "duplicates": duplicates,
                    "referral": referral,
                    "token": new_token,
                    "form": _confirm_form(),
                },
            )
        case = services.referral_create(referral=referral, actor=request.user)
        request.session.pop(STAFF_DRAFT, None)
        messages.success(request, f"Case {case.reference} created")
        return redirect("casework:detail", case_id=case.pk)

    wanted = request.GET.get("draft", "")
    if wanted and draft and secrets.compare_digest(str(draft.get("token", "")), wanted):
        return _staff_page_response(request, StaffReferralPage(MultiValueDict(draft["data"])))
    return _staff_page_response(request, StaffReferralPage())


# ---------------------------------------------------------------------------------------------
# Held referrals
# ---------------------------------------------------------------------------------------------


@never_cache
@require_GET
@policy.policy_required("referral.create_staff")
def held_list(request: HttpRequest) -> HttpResponse:
    waiting = [
        (held, _held_summary(held)) for held in selectors.held_referrals_waiting(user=request.user)
    ]
    reviewed = [
        (held, _held_summary(held)) for held in selectors.held_referrals_reviewed(user=request.user)
    ]
    return render(
        request,
        "intake/held_list.html",
        {"title": "Held referrals", "waiting": waiting, "reviewed": reviewed},
    )


def _held_summary(held: Any) -> dict[str, str]:
    """Who a held referral seems to be about, from its raw answers (they may be junk)."""
    answers = held.answers if isinstance(held.answers, dict) else {}

    def first(slug: str, name: str) -> str:
        values = answers.get(slug, {}).get(name) or [""]
        return str(values[0])[:100]

    child = f"{first('child', 'child_first_name')} {first('child', 'child_last_name')}".strip()
    return {"child": child or "Not given", "applicant": first("contact-details", "applicant_name")}


@never_cache
@require_http_methods(["GET", "POST"])
@policy.policy_required("referral.create_staff")
def held_detail(request: HttpRequest, held_id: UUID) -> HttpResponse:
    held = selectors.held_referral_get(user=request.user, held_id=held_id)
    if held is None:
        raise Http404("No such held referral")
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "create":
                case = services.held_referral_create_case(held=held, actor=request.user)
                messages.success(request, f"Case {case.reference} created")
                return redirect("casework:detail", case_id=case.pk)
            if action == "dismiss":
                services.held_referral_dismiss(held=held, actor=request.user)
                messages.success(request, "Held referral dismissed")
                return redirect("intake:held-list")
            error = "Choose to create a case or dismiss the referral."
        except ApplicationError as exc:
            error = exc.message
        held.refresh_from_db()

    evaluation = steps.evaluate(held.answers if isinstance(held.answers, dict) else {}, staff=True)
    duplicates: list[Any] = []
    facts = evaluation.facts
    if {"child_first_name", "child_last_name", "child_date_of_birth", "local_authority"} <= set(
        facts
    ):
        duplicates = list(
            case_selectors.open_duplicates(
                child_first_name=facts["child_first_name"],
                child_last_name=facts["child_last_name"],
                child_date_of_birth=facts["child_date_of_birth"],
                local_authority_id=facts["local_authority"],
            )
        )
    return render(
        request,
        "intake/held_detail.html",
        {
            "title": "Held referral",
            "held": held,
            "form": _confirm_form(error),
            "summary": _held_summary(held),
            "groups": _summary_groups(evaluation, change_links=False)
            if evaluation.complete
            else [],
            "raw_rows": [] if evaluation.complete else steps.raw_rows(held.answers),
            "problem": evaluation.first_incomplete,
            "duplicates": duplicates,
            "same_address": selectors.held_referrals_from_same_address(held=held),
        },
    )
