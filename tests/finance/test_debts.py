"""My debts: the picture, the order, the pro-rata plan and what it means for each loan, the payoff
orders and their horizon, and the spiral of borrowing to pay."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from apps.finance import MAX_AMOUNT, OfferError
from apps.finance.budget import default_penalty_daily_rate
from apps.finance.debts import (
    DELAY_DAYS,
    MAX_DEBTS,
    MAX_MONTHS,
    NEW_LOAN_FEE,
    NEW_LOAN_MONTHS,
    NEW_LOAN_RATE_BAND,
    NEW_LOAN_YEARLY_RATE,
    NEXT_STAGE_WITHIN_DAYS,
    PLAN_CLEAR,
    PLAN_SHARE,
    PRIORITY_COST,
    PRIORITY_COURT,
    PRIORITY_GROWS,
    PRIORITY_LATE,
    PRIORITY_NEXT_STAGE,
    PRIORITY_NO_RATE,
    SPIRAL_HORIZON,
    SPIRAL_MONTHS,
    Debt,
    days_to_next_stage,
    dearest_first,
    delay_cost,
    delay_penalty,
    months_to_clear,
    new_loan_terms,
    outlooks,
    overdue_now,
    payoff,
    picture,
    plan_offers,
    priority_order,
    pro_rata,
    smallest_first,
    spiral,
)
from apps.finance.errors import ErrorCode
from apps.finance.schedule import installment_payment
from tests.finance.helpers import present_value
from tests.fuzz import examples

D = Decimal
STAGES = (1, 8, 31, 91, 181)  # the guidance's overdue stages start on these days


def test_the_picture_adds_up_and_says_whether_the_budget_covers_what_is_due():
    debts = [Debt(owed=D(9200), payment=D(888)), Debt(owed=D(3000), payment=D(500))]
    covered = picture(debts=debts, income=D(8000), essentials=D(5000))
    assert (covered.total_owed, covered.total_due, covered.available) == (
        D(12200),
        D(1388),
        D(3000),
    )
    assert covered.debt_to_income == D(1388) / D(8000) and covered.plan == PLAN_CLEAR
    short = picture(debts=debts, income=D(8000), essentials=D(7000))
    assert short.available == D(1000) and short.plan == PLAN_SHARE
    # Spending more than comes in leaves nothing to offer, never a negative offer.
    assert picture(debts=debts, income=D(3000), essentials=D(4000)).available == 0


def test_court_first_then_the_next_stage_then_late_then_dearest_and_unknown_rates_last():
    debts = [
        Debt(owed=D(1000), payment=D(100), rate=D("0.0005"), rate_period="day"),  # 18.25%
        Debt(owed=D(2000), payment=D(100), days_late=40),  # 51 days to 91: merely late
        Debt(owed=D(3000), payment=D(100), days_late=80),  # 11 days to day 91
        Debt(owed=D(4000), payment=D(100), in_court=True),
        Debt(owed=D(5000), payment=D(100)),  # rate unknown
        Debt(owed=D(6000), payment=D(200), rate=D("0.02")),  # 24% a year
    ]
    order = priority_order(debts=debts, stage_starts=STAGES)
    assert [(p.index, p.reason) for p in order] == [
        (3, PRIORITY_COURT),
        (2, PRIORITY_NEXT_STAGE),
        (1, PRIORITY_LATE),
        (5, PRIORITY_COST),
        (0, PRIORITY_COST),
        (4, PRIORITY_NO_RATE),
    ]
    assert order[1].figure == 11 and order[3].figure == D("0.24")


@pytest.mark.parametrize(
    ("days", "ahead"), [(0, None), (1, 7), (30, 1), (31, 60), (90, 1), (181, None), (400, None)]
)
def test_days_to_the_next_stage(days, ahead):
    assert days_to_next_stage(days_late=days, stage_starts=STAGES) == ahead
    assert NEXT_STAGE_WITHIN_DAYS == 30


def test_the_offer_is_shared_in_proportion_to_what_each_is_owed_to_the_cent():
    assert pro_rata(available=D(1000), owed=[D(9000), D(3000), D(3000)]) == (
        D("600.00"),
        D("200.00"),
        D("200.00"),
    )
    # 100 / 3: the cent left over goes to the largest balance.
    assert pro_rata(available=D(100), owed=[D(1), D(2), D(1)]) == (
        D("25.00"),
        D("50.00"),
        D("25.00"),
    )
    assert pro_rata(available=D(0), owed=[D(5), D(5)]) == (D(0), D(0))


@settings(max_examples=examples(500))
@given(
    available=st.decimals(min_value=0, max_value=100_000, places=2),
    owed=st.lists(
        st.decimals(min_value="0.01", max_value=1_000_000, places=2), min_size=1, max_size=10
    ),
)
def test_shares_add_up_to_what_is_available_never_negative_and_proportional(available, owed):
    split = pro_rata(available=available, owed=owed)
    assert sum(split) == available
    assert all(share >= 0 for share in split)
    total = sum(owed)
    largest = max(range(len(owed)), key=lambda i: (owed[i], -i))
    for index, (share, balance) in enumerate(zip(split, owed, strict=True)):
        exact = available * balance / total
        if index == largest:
            assert exact - D("0.01") < share <= exact + D("0.01") * len(owed)
        else:
            assert exact - D("0.01") < share <= exact


@settings(max_examples=examples(300))
@given(
    owed=st.decimals(min_value=1, max_value=100_000, places=2),
    payment=st.decimals(min_value=1, max_value=10_000, places=2),
    rate=st.decimals(min_value=0, max_value="0.05", places=4),
)
def test_months_to_clear_match_the_schedule_they_describe(owed, payment, rate):
    months = months_to_clear(owed=owed, payment=payment, monthly_rate=rate)
    balance = owed
    for month in range(1, (months or MAX_MONTHS) + 1):
        balance += (balance * rate).quantize(D("0.01"))
        if month == months:
            assert balance <= payment  # the last month clears it
        else:
            assert balance > payment  # every month before leaves something
            balance -= payment
    if rate == 0:
        exact = int((owed / payment).to_integral_value(rounding=ROUND_CEILING))
        assert months == (exact if exact <= MAX_MONTHS else None)


def test_a_payment_below_the_interest_never_clears():
    assert months_to_clear(owed=D(10000), payment=D(100), monthly_rate=D("0.02")) is None


def test_each_lender_is_offered_its_share_and_told_how_long_it_takes_without_interest():
    debts = [Debt(owed=D(9000), payment=D(900)), Debt(owed=D(3000), payment=D(500))]
    offered = outlooks(debts=debts, available=D(800))
    assert [(o.offer, o.months_without_interest) for o in offered] == [
        (D("600.00"), 15),
        (D("200.00"), 15),
    ]
    # Each is short of its payment due by the rest, and with no rate known, no penalty is guessed.
    assert [(o.short, o.penalty) for o in offered] == [(D(300), None), (D(300), None)]


def test_money_left_over_goes_first_to_the_loans_whose_payment_cannot_beat_their_interest():
    debts = [NEVER_CLEARS, Debt(owed=D(3000), payment=D(500)), Debt(owed=D(5000), payment=D(0))]
    assert plan_offers(debts=debts, available=D(1500)) == (D(1000), D(500), D(0))
    (outlook, *_rest) = outlooks(debts=debts, available=D(1500))
    assert outlook.never_clears and outlook.grows_by == D(1000)
    assert outlook.months_without_interest == 20 and outlook.short == 0


def test_a_budget_that_covers_every_payment_offers_each_its_payment_and_nothing_is_short():
    debts = [Debt(owed=D(9000), payment=D(900), rate=D("0.02")), Debt(owed=D(3000), payment=D(500))]
    assert plan_offers(debts=debts, available=D(2000)) == (D(900), D(500))
    assert all(o.short == 0 and o.penalty is None for o in outlooks(debts=debts, available=D(2000)))


def test_a_short_offer_starts_penalty_interest_on_what_it_leaves_unpaid():
    # 24% a year: the default rule charges 1.5 x the daily rate on the unpaid part of the payment.
    debt = Debt(owed=D(12000), payment=D(1500), rate=D("0.24"), rate_period="year")
    (outlook,) = outlooks(debts=[debt], available=D(1000))
    assert (outlook.offer, outlook.short) == (D("1000.00"), D(500))
    daily = default_penalty_daily_rate(true_apr=D("0.24"))
    assert outlook.penalty == (D(500) * daily * DELAY_DAYS).quantize(D("0.01"))
    assert outlook.penalty == D("14.79")


# The example: 20,000 owed at 10% a month, paying 500. It answered 500 (a payoff loop of
# 600 months whose balance overflowed Decimal when rounded to cents).
NEVER_CLEARS = Debt(owed=D(20000), payment=D(500), rate=D("0.10"), rate_period="month")


def test_a_payment_below_its_interest_never_clears_and_says_how_fast_it_grows():
    assert NEVER_CLEARS.interest == D("2000.00") and NEVER_CLEARS.never_clears
    (outlook,) = outlooks(debts=[NEVER_CLEARS], available=D(500))
    assert outlook.never_clears and outlook.grows_by == D(1500)
    assert outlook.months is None
    # What would clear it: the lender stops the interest, as the letter asks.
    assert outlook.months_without_interest == 40
    assert not Debt(owed=D(20000), payment=D("2000.01"), rate=D("0.10")).never_clears
    assert not Debt(owed=D(20000), payment=D(0)).never_clears  # no rate known: no interest


def test_a_payoff_that_never_clears_stops_at_a_stated_horizon_with_an_answer():
    for available in (D(500), D(1000), D(1999)):
        result = payoff(debts=[NEVER_CLEARS], available=available, order=(0,))
        assert result.months is None
    assert months_to_clear(owed=D(20000), payment=D(500), monthly_rate=D("0.10")) is None
    # Enough money clears it, within the horizon: b(t) = 25,000 - 5,000 x 1.1^t is 0 when
    # 1.1^t = 5, t = 16.9, so in the 17th month.
    assert payoff(debts=[NEVER_CLEARS], available=D(2500), order=(0,)).months == 17


def test_a_loan_that_never_clears_comes_right_after_court_papers_the_fastest_growing_first():
    debts = [
        Debt(owed=D(3000), payment=D(100), days_late=85),  # 6 days to day 91
        Debt(owed=D(20000), payment=D(500), rate=D("0.10")),  # grows by 1,500 a month
        Debt(owed=D(4000), payment=D(100), in_court=True),
        Debt(owed=D(10000), payment=D(100), rate=D("0.02")),  # grows by 100 a month
    ]
    order = priority_order(debts=debts, stage_starts=STAGES)
    assert [(p.index, p.reason) for p in order] == [
        (2, PRIORITY_COURT),
        (1, PRIORITY_GROWS),
        (3, PRIORITY_GROWS),
        (0, PRIORITY_NEXT_STAGE),
    ]
    assert order[1].figure == D(1500) and order[2].figure == D(100)


RATE_LIMITS = {"day": D(10) / 365, "month": D(10) / 12, "year": D(10)}  # 1,000% a year


@st.composite
def debts_the_forms_accept(draw, *, payments_to_go: int = 0):
    """A loan as My debts' form lets it through: any rate up to 1,000% a year in its own period
    (or none), as interest or as a fee rate on any amount first borrowed, a payment from 0.01,
    what is owed up to MAX_AMOUNT (at least `payments_to_go` payments' worth), and any line
    capping its penalty (or none)."""
    period = draw(st.sampled_from(sorted(RATE_LIMITS)))
    rate = draw(st.none() | st.decimals(min_value=0, max_value=RATE_LIMITS[period], places=6))
    payment = draw(st.decimals(min_value="0.01", max_value=MAX_AMOUNT, places=2))
    least = max(payment * payments_to_go, D("0.01"))
    owed = draw(st.decimals(min_value=least, max_value=max(least, MAX_AMOUNT), places=2))
    return Debt(
        owed=owed,
        payment=payment,
        rate=rate,
        rate_period=period,
        days_late=draw(st.integers(min_value=0, max_value=3650)),
        in_court=draw(st.booleans()),
        fee_base=draw(st.none() | st.decimals(min_value="0.01", max_value=MAX_AMOUNT, places=2)),
        penalty_line=draw(st.none() | st.sampled_from([D("0.12"), D("0.24"), D("0.36")])),
    )


@settings(max_examples=examples(1000), deadline=None)
@given(
    debts=st.lists(debts_the_forms_accept(), min_size=1, max_size=MAX_DEBTS),
    income=st.decimals(min_value="0.01", max_value=MAX_AMOUNT, places=2),
    essentials=st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2),
)
@example(debts=[NEVER_CLEARS], income=D(4000), essentials=D(3000))
def test_every_loan_the_forms_accept_has_an_answer_never_an_exception(debts, income, essentials):
    seen = picture(debts=debts, income=income, essentials=essentials)
    priority_order(debts=debts, stage_starts=STAGES)
    for outlook in outlooks(debts=debts, available=seen.available):
        assert outlook.months is None or 1 <= outlook.months <= MAX_MONTHS
        assert outlook.grows_by >= 0 and outlook.short >= 0
    for order in (dearest_first(debts), smallest_first(debts)):
        result = payoff(debts=debts, available=seen.available, order=order)
        assert result.months is None or 1 <= result.months <= MAX_MONTHS
    for debt in debts:
        delay_cost(debt=debt)
    rows = spiral(debts=debts, available=seen.available).months
    assert len(rows) == SPIRAL_HORIZON


def test_the_dearest_first_order_pays_less_interest_than_the_smallest_first():
    debts = [
        Debt(owed=D(2000), payment=D(100), rate=D("0.005")),
        Debt(owed=D(8000), payment=D(300), rate=D("0.03")),
        Debt(owed=D(1000), payment=D(100), rate=D("0.01")),
    ]
    assert dearest_first(debts) == (1, 2, 0) and smallest_first(debts) == (2, 0, 1)
    cheap = payoff(debts=debts, available=D(1500), order=dearest_first(debts))
    quick = payoff(debts=debts, available=D(1500), order=smallest_first(debts))
    assert cheap.months is not None and quick.months is not None
    assert cheap.interest < quick.interest
    assert cheap.months <= quick.months


@settings(max_examples=examples(1000), deadline=None)
@given(
    debts=st.lists(debts_the_forms_accept(), min_size=1, max_size=MAX_DEBTS),
    available=st.decimals(0, 200_000, places=2),
)
# Found by Hypothesis: a budget above every payment, where a share outgrows what is left on a
# loan. The spiral counted that money as kept and the plan did not, so the plan owed 2 fen more.
@example(
    debts=[
        Debt(owed=D("100.00"), payment=D(10)),
        Debt(owed=D("100.00"), payment=D(10)),
        Debt(owed=D("989.34"), payment=D(10)),
        Debt(owed=D("1289.59"), payment=D(10)),
        Debt(owed=D("1160.86"), payment=D(10), rate=D("0.0427")),
        Debt(owed=D("4377.00"), payment=D(10)),
    ],
    available=D("1365.78"),
)
def test_the_spiral_never_owes_less_than_the_plan_at_any_month(debts, available):
    rows = spiral(debts=debts, available=available).months
    assert [row.month for row in rows] == list(range(1, SPIRAL_HORIZON + 1))
    assert set(SPIRAL_MONTHS) <= {row.month for row in rows}
    for row in rows:
        assert row.spiral >= row.plan >= 0


@settings(max_examples=examples(1000), deadline=None)
@given(
    debts=st.lists(debts_the_forms_accept(payments_to_go=12), min_size=1, max_size=MAX_DEBTS),
    covered=st.decimals(min_value=0, max_value="0.1999", places=4),
)
def test_a_budget_covering_under_a_fifth_of_what_is_due_ends_the_spiral_above_today(debts, covered):
    # Loans with a year of payments or more to go: nearly repaid ones end sooner either way.
    due = sum(debt.payment for debt in debts)
    available = (due * covered).quantize(D("0.01"))
    assert available < due / 5
    last = spiral(debts=debts, available=available).months[-1]
    assert last.spiral > sum(debt.owed for debt in debts)


# The example: three loans owing 16,000, 3,300 due each month, 500 left for them. The
# old spiral showed the debt falling (14,785 -> 13,674): the new loans never fell due.
THREE_LOANS = [
    Debt(owed=D(8000), payment=D(1500), rate=D("0.24"), rate_period="year"),
    Debt(owed=D(5000), payment=D(1100), rate=D("0.0005"), rate_period="day"),
    Debt(owed=D(3000), payment=D(700), rate=D("0.02"), rate_period="month"),
]


@pytest.mark.parametrize(
    "debts",
    [THREE_LOANS, [Debt(owed=debt.owed, payment=debt.payment) for debt in THREE_LOANS]],
    ids=["their own rates", "rates not known"],
)
def test_borrowing_to_pay_three_loans_with_500_of_3300_ends_owing_more_than_today(debts):
    rows = spiral(debts=debts, available=D(500)).months
    assert all(row.spiral > row.plan for row in rows)
    assert rows[-1].spiral > D(16000) > rows[-1].plan
    # The new loans fall due in the months that follow: what is due snowballs.
    assert rows[0].due == D(3300)
    assert rows[1].due > rows[0].due and rows[SPIRAL_HORIZON - 1].due > 2 * D(3300)


def test_the_first_new_loan_is_signed_for_more_than_lacks_and_falls_due_the_next_month():
    debt = Debt(owed=D(10000), payment=D(1000))
    first, second = spiral(debts=[debt], available=D(400)).months[:2]
    # 600 lacks; 3% is taken at payout, so the loan is 600 / 0.97.
    borrowed = D(600) / (1 - NEW_LOAN_FEE)
    assert first.borrowed == borrowed.quantize(D("0.01")) and first.due == D(1000)
    instalment = installment_payment(
        principal=borrowed, period_rate=NEW_LOAN_YEARLY_RATE / 12, count=NEW_LOAN_MONTHS
    )
    assert second.due == (D(1000) + instalment).quantize(D("0.01"))


def test_new_loans_cost_the_bands_top_with_a_fee_or_the_borrowers_own_dearest_rate():
    terms = new_loan_terms(debts=THREE_LOANS)  # dearest: 2% a month, 24% a year
    assert terms.yearly_rate == NEW_LOAN_YEARLY_RATE == NEW_LOAN_RATE_BAND[1]
    assert not terms.own_rate
    # The true APR: the instalments on 1 yuan, worth the 0.97 received at apr / 12 a month.
    payment = installment_payment(principal=D(1), period_rate=D("0.03"), count=3)
    flows = [(payment, month, D(0)) for month in (1, 2, 3)]
    assert abs(present_value(terms.apr / 12, flows) - (1 - NEW_LOAN_FEE)) < D("1e-20")
    assert D("0.55") < terms.apr < D("0.56")
    dear = new_loan_terms(debts=[Debt(owed=D(100), payment=D(10), rate=D("0.05"))])
    assert dear.own_rate and dear.yearly_rate == D("0.60") and dear.apr > D("0.60")


def test_a_month_late_costs_the_penalty_on_what_is_overdue():
    debt = Debt(owed=D(9200), payment=D(888), days_late=40)
    assert overdue_now(debt=debt) == D(1776)  # two payments missed
    assert overdue_now(debt=Debt(owed=D(500), payment=D(888), days_late=40)) == D(500)
    assert delay_penalty(overdue=D(1776), daily_rate=D("0.0005"), days=30) == D("26.64")
    assert delay_cost(debt=debt) is None  # no rate, no guess
    dated = Debt(owed=D(9200), payment=D(888), days_late=40, rate=D("0.0005"), rate_period="day")
    daily = default_penalty_daily_rate(true_apr=dated.yearly_rate)
    assert delay_cost(debt=dated) == (D(1776) * daily * DELAY_DAYS).quantize(D("0.01"))


def test_impossible_debts_raise_the_engines_typed_error():
    with pytest.raises(OfferError) as error:
        Debt(owed=D(0), payment=D(1))
    assert error.value.code == ErrorCode.AMOUNT_NOT_POSITIVE
    with pytest.raises(OfferError):
        picture(debts=[], income=D(1000), essentials=D(0))


def test_a_fee_rate_is_charged_on_the_amount_first_borrowed_however_much_is_left():
    # 月费率0.6% on the 10,000 first borrowed, 5,000 left: 60.00 a month, whatever is repaid,
    # 14.40% a year of what is owed now (not the 7.20% a rate on the balance would say).
    debt = Debt(owed=D(5000), payment=D(500), rate=D("0.006"), fee_base=D(10000))
    assert debt.monthly_fee == D("60.00") and debt.interest == D("60.00")
    assert debt.yearly_rate == D("0.144")
    assert debt.charge(D(100)) == D(60) and debt.charge(D(0)) == D(0)
    # 5,000 + 60 a month, paying 500: cleared when 500 x n >= 5,000 + 60 x n, n = 12.
    assert months_to_clear(owed=D(5000), payment=D(500), monthly_fee=D(60)) == 12
    assert months_to_clear(owed=D(5000), payment=D(60), monthly_fee=D(60)) is None
    # The same loan read as interest on what is left clears sooner and costs less.
    interest = Debt(owed=D(5000), payment=D(500), rate=D("0.006"))
    assert interest.interest == D("30.00") and interest.yearly_rate == D("0.072")
    fee_payoff = payoff(debts=[debt], available=D(500), order=(0,))
    interest_payoff = payoff(debts=[interest], available=D(500), order=(0,))
    assert fee_payoff.interest > interest_payoff.interest


def test_the_assumed_penalty_rate_is_capped_by_the_lenders_line():
    # 120% a year x 1.5 = 180% a year, capped at 24%: 500 overdue for 30 days costs 9.86.
    debt = Debt(owed=D(5000), payment=D(500), rate=D("0.1"), penalty_line=D("0.24"))
    assert debt.penalty_daily_rate == D("0.24") / 365
    assert delay_cost(debt=debt) == D("9.86")
    uncapped = Debt(owed=D(5000), payment=D(500), rate=D("0.1"))
    assert delay_cost(debt=uncapped) == D("73.97")
