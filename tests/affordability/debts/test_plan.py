"""My debts put together (apps/affordability/debts/plan.py): which forms are built, what a
tampered form gets, each loan's outlook and overdue stage, the letters, the three steps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.affordability.debts import plan as plans
from apps.core.models import Stage
from apps.finance import debts as engine
from apps.finance.periods import add_months
from tests.loans.helpers import NEVER_CLEARS, four_loans

pytestmark = pytest.mark.django_db


def test_a_valid_plan_builds_only_the_boxes_it_needs_and_a_wrong_one_every_box():
    forms = plans.run_debts(four_loans())
    assert forms.plan is not None and forms.loans.total_form_count() == 4
    wrong = plans.run_debts(four_loans(**{"loan-1-owed": "abc"}))
    assert wrong.plan is None and wrong.loans.total_form_count() == engine.MAX_DEBTS
    assert wrong.problem is None


def test_a_tampered_form_is_shown_again_never_judged():
    forms = plans.run_debts({**four_loans(), "loan-TOTAL_FORMS": "abc"})
    assert forms.plan is None and forms.problem == plans.PROBLEM_TAMPERED
    assert forms.loans.total_form_count() == engine.MAX_DEBTS


def test_each_loan_paid_below_its_due_goes_overdue_from_a_stated_day_in_a_stated_stage():
    plan = plans.run_debts(four_loans()).plan
    today = timezone.localdate()
    first = Stage.objects.get(phase=Stage.Phase.OVERDUE, first_day=1)
    assert [line.number for line in plan.going_overdue] == [2, 1, 3, 4]
    late, not_late = plan.line(2), plan.line(1)
    assert late.overdue_from == today - timedelta(days=40) and late.overdue_stage == late.stage
    assert late.next_stage_in == late.next_stage.first_day - 40
    assert not_late.overdue_from == add_months(today, 1) and not_late.overdue_stage == first
    assert all(line.outlook.short > 0 for line in plan.going_overdue)


def test_a_budget_that_covers_every_payment_sends_no_loan_overdue_and_writes_no_letter():
    plan = plans.run_debts(four_loans(income="30000")).plan
    assert plan.going_overdue == () and plan.letters == ()
    assert all(line.overdue_from is None for line in plan.lines)
    assert plan.clears and plan.spiral is None


def test_the_loan_that_never_clears_gets_a_letter_even_when_every_payment_is_made():
    plan = plans.run_debts(NEVER_CLEARS).plan
    assert not plan.shared and not plan.clears
    assert [line.number for line in plan.letters] == [1]
    assert plan.never_clearing == plan.letters
    context = plans.letter_context(plan, plan.line(1))
    assert context["grows"] and context["months"] == 20 and not context["shared"]
    assert context["offer"] == 1000  # its 500 due and the 500 left over
    assert [step.code for step in plan.steps] == [
        plans.STEP_ESSENTIALS,
        plans.STEP_CALL_FIRST,
        plans.STEP_LETTERS,
    ]
    assert plan.steps[1].priority.reason == engine.PRIORITY_GROWS


def test_a_shared_plan_writes_to_every_lender_it_offers_something_in_the_order_to_call():
    plan = plans.run_debts(four_loans()).plan
    assert [line.number for line in plan.letters] == [2, 1, 3, 4]
    nothing = plans.run_debts(four_loans(essentials="6000")).plan
    assert nothing.letters == ()
    assert [step.code for step in nothing.steps] == [
        plans.STEP_NOTHING_LEFT,
        plans.STEP_CALL_FIRST,
        plans.STEP_FREE_ADVICE,
    ]


def test_with_nothing_urgent_the_second_step_is_every_payment_and_the_dearest_first():
    plan = plans.run_debts(four_loans(income="30000", **{"loan-1-days_late": "0"})).plan
    codes = [step.code for step in plan.steps]
    assert codes == [plans.STEP_ESSENTIALS, plans.STEP_PAY_ALL, plans.STEP_NO_NEW_LOANS]
    assert plan.steps[1].line is plan.dearest_lines[0]


def test_the_spiral_and_its_terms_come_with_a_shared_plan():
    plan = plans.run_debts(four_loans()).plan
    assert plan.spiral is not None
    assert [month.month for month in plan.spiral_shown] == list(engine.SPIRAL_MONTHS)
    assert plan.spiral.terms.yearly_rate == engine.NEW_LOAN_YEARLY_RATE
