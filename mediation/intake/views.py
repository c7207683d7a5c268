"""Referrals: the online question pages, check answers, sending, staff-entered referrals, and
the referrals held back by the spam checks."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mediation import policy
from mediation.accounts.actors import signed_in
from mediation.cases import selectors as case_selectors
from mediation.cases.choices import Stage
from mediation.core.actions import submit, succeed
from mediation.core.clientip import client_ip
from mediation.intake import journey, presenters, selectors, services, staff, steps
from mediation.intake.models import HeldReason
from mediation.intake.staff import StaffReferralPage

if TYPE_CHECKING:
    from mediation.cases.models import Case
    from mediation.intake.forms import ConfirmForm, StepForm
    from mediation.intake.models import HeldReferral


def _resume(evaluation: steps.Evaluation, *, change: bool = False) -> HttpResponse:
    """Where to go when every answer so far is fine: the first page still to answer, or check."""
    target = evaluation.first_incomplete
    return redirect(
        presenters.step_url(target, change=change) if target else reverse("intake:check")
    )


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
    if request.method == "POST":
        form = _answer(request, step, evaluation)
        if form.is_valid():
            return _after_answer(request, step, changing=changing)
    else:
        form = steps.form_with_answers(step, evaluation)
    context = presenters.question_page(step, form, evaluation, changing=changing)
    return render(request, "intake/question.html", context)


def _answer(request: HttpRequest, step: steps.Step, evaluation: steps.Evaluation) -> StepForm:
    """Keep what was typed on the page (valid or not: it is shown again when they come back)."""
    journey.note_honeypot(request, request.POST)
    form = steps.make_form(step, evaluation.facts_before[step.slug], data=request.POST)
    journey.save_page(request, step.slug, steps.posted_answers(request.POST, form))
    return form


def _after_answer(request: HttpRequest, step: steps.Step, *, changing: bool) -> HttpResponse:
    """The next page to answer (or, when changing an answer, the next one that needs it)."""
    evaluation = steps.evaluate(journey.answers(request))
    if changing:
        return _resume(evaluation, change=True)
    following = evaluation.next(step)
    return redirect(presenters.step_url(following) if following else reverse("intake:check"))


def _send(request: HttpRequest, answers: steps.Answers) -> services.SendOutcome:
    """Send the referral, and remember in the session what it became."""
    held = journey.held(request)
    outcome = services.referral_send(
        answers=answers,
        client_ip=client_ip(request),
        honeypot_filled=journey.honeypot_tripped(request) or journey.honeypot_filled(request.POST),
        previously_held_id=held["id"] if held else "",
    )
    if outcome.held is not None:
        # Stopped by the rate limit, a person keeps their answers; a filled trap clears them.
        keep_answers = outcome.held.reason == HeldReason.RATE_LIMIT
        journey.remember_held(request, outcome.held, keep_answers=keep_answers)
    elif outcome.case is not None:
        journey.remember_sent(request, outcome.case)
    return outcome


def _sent_to(outcome: services.SendOutcome) -> str:
    return reverse("intake:received" if outcome.held is not None else "intake:confirmation")


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
    form = presenters.confirm_form()
    done = submit(
        request, form, lambda: _send(request, answers), success=None, redirect_to=_sent_to
    )
    return done or render(
        request, "intake/check_answers.html", presenters.check_page(evaluation, form)
    )


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


def _staff_page(request: HttpRequest, page: StaffReferralPage) -> HttpResponse:
    context = presenters.staff_page(page, viewer=signed_in(request))
    return render(request, "intake/staff_new.html", context)


def _case_url(case: Case) -> str:
    return reverse("casework:detail", kwargs={"case_id": case.pk})


@never_cache
@policy.policy_required("referral.create_staff")
def staff_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # Back from the duplicates page, the answers come back from the draft.
        draft = staff.draft_answers(request, request.GET.get("draft", ""))
        return _staff_page(request, StaffReferralPage(draft))
    token = request.POST.get("create_anyway", "")
    data = staff.draft_answers(request, token) if token else request.POST
    if data is None:
        messages.info(request, "Those answers are no longer saved. Enter the referral again.")
        return redirect("intake:staff-new")
    page = StaffReferralPage(data)
    if not page.valid:
        return _staff_page(request, page)
    referral = page.referral()
    duplicates = selectors.open_cases_for_referral(referral=referral)
    if duplicates and not token:
        # Staff check them first; "create anyway" brings the answers back from the draft.
        context = presenters.duplicates_page(
            referral, duplicates, token=staff.draft_keep(request, data)
        )
        return render(request, "intake/staff_duplicates.html", context)
    case = services.referral_create(referral=referral, actor=signed_in(request))
    staff.draft_clear(request)
    return succeed(request, case, success=f"Case {case.reference} created", redirect_to=_case_url)


# ---------------------------------------------------------------------------------------------
# Held referrals
# ---------------------------------------------------------------------------------------------


@never_cache
@require_GET
@policy.policy_required("referral.create_staff")
def held_list(request: HttpRequest) -> HttpResponse:
    context = presenters.held_list_page(viewer=signed_in(request))
    return render(request, "intake/held_list.html", context)


def _held_decide(
    request: HttpRequest, held: HeldReferral, form: ConfirmForm
) -> HttpResponse | None:
    """Create the case, or dismiss the referral as spam, as the button pressed says."""
    action = request.POST.get("action")
    if action == "create":
        return submit(
            request,
            form,
            lambda: services.held_referral_create_case(held=held, actor=signed_in(request)),
            success=lambda case: f"Case {case.reference} created",
            redirect_to=_case_url,
        )
    if action == "dismiss":
        return submit(
            request,
            form,
            lambda: services.held_referral_dismiss(held=held, actor=signed_in(request)),
            success="Held referral dismissed",
            redirect_to=reverse("intake:held-list"),
        )
    form.add_error(None, "Choose to create a case or dismiss the referral.")
    return None


@never_cache
@require_http_methods(["GET", "POST"])
@policy.policy_required("referral.create_staff")
def held_detail(request: HttpRequest, held_id: UUID) -> HttpResponse:
    held = policy.authorised(
        request.user,
        "referral.create_staff",
        selectors.held_referral_get(user=signed_in(request), held_id=held_id),
    )
    form = presenters.confirm_form()
    if request.method == "POST":
        done = _held_decide(request, held, form)
        if done is not None:
            return done
        held.refresh_from_db()
    return render(request, "intake/held_detail.html", presenters.held_detail_page(held, form))
