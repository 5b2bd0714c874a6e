"""Can the borrower carry the loan? Budget ratios, the verdict, the stress test, days of work.

Pure Python and Decimal, like the rest of the engine: every function takes keyword-only
arguments and returns a frozen dataclass of codes and numbers; the templates write the words.

The verdict's bands are ours, built on the sources fannie-mae-dti, fca-conc-5-2a and
emergency-buffer: each rule puts the budget in a band, the worst band is the verdict, and every
rule is reported with the figure it looked at.
A rule whose input the borrower left empty is reported as not assessed (band None) and never
makes the verdict better or worse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from apps.finance.errors import ErrorCode, OfferError
from apps.finance.money import ONE, ZERO, decimal_input, int_input

# Bands, from best to worst. The verdict is the worst band any rule gives.
AFFORDABLE = "affordable"
STRETCHED = "stretched"
NOT_AFFORDABLE = "not_affordable"
BANDS = (AFFORDABLE, STRETCHED, NOT_AFFORDABLE)

# Rule identifiers, in the order the reasons are listed.
RULE_PAYMENT_TO_INCOME = "payment_to_income"
RULE_DEBT_TO_INCOME = "debt_to_income"
RULE_MONEY_LEFT = "money_left"
RULE_SAVINGS_BUFFER = "savings_buffer"
RULE_OTHER_PLATFORMS = "other_platforms"
RULE_REPAY_ANOTHER_LOAN = "repay_another_loan"
RULES = (
    RULE_PAYMENT_TO_INCOME,
    RULE_DEBT_TO_INCOME,
    RULE_MONEY_LEFT,
    RULE_SAVINGS_BUFFER,
    RULE_OTHER_PLATFORMS,
    RULE_REPAY_ANOTHER_LOAN,
)

# Total debt payments (existing + this loan) / net income. Fannie Mae's manual-underwriting
# ceiling (36%) and its automated ceiling (50%) (source key fannie-mae-dti).
DTI_STRETCHED_ABOVE = Decimal("0.36")
DTI_NOT_AFFORDABLE_ABOVE = Decimal("0.50")

# This loan's own payment / net income. Ours, derived from the same Fannie Mae ceilings: one
# online loan that takes more than 20% of income leaves little room under 36% for everything
# else, and one that alone takes more than 36% uses the whole allowance for all debts
# (fannie-mae-dti; FCA CONC 5.2A, fca-conc-5-2a, asks that repayments be sustainable).
PTI_STRETCHED_ABOVE = Decimal("0.20")
PTI_NOT_AFFORDABLE_ABOVE = Decimal("0.36")

# Money left after essentials and all debt payments, as a share of income: below zero the
# budget does not close; below 10% one surprise breaks it. Our band, after
# FCA CONC 5.2A (fca-conc-5-2a: repay from income after non-discretionary spending).
MONEY_LEFT_STRETCHED_BELOW = Decimal("0.10")

# Savings in months of essential spending: below 1 month is stretched; 3 months is the common
# first target (emergency-buffer).
SAVINGS_STRETCHED_BELOW_MONTHS = Decimal(1)
SAVINGS_TARGET_MONTHS = Decimal(3)

# Owing this many other lending apps or more is not affordable whatever the ratios say: that is
# how debt spirals start (cash-loan-notice-2017 limits rollovers for the same reason).
OTHER_PLATFORMS_NOT_AFFORDABLE_FROM = 3

# Stress test: income falls by a fifth; essential spending rises by a tenth. Ours: round
# figures for one bad month, the kind the borrower can picture.
STRESS_INCOME_DROP = Decimal("0.20")
STRESS_ESSENTIALS_RISE = Decimal("0.10")

# China's statutory average of paid working days in a month: (365 - 104 weekend days) / 12 =
# 21.75, from the Ministry of Labour and Social Security's notice on average monthly
# working time and wage conversion (劳社部发〔2008〕3号). A day's pay = monthly income / 21.75.
WORKING_DAYS_PER_MONTH = Decimal("21.75")

# When the borrower does not know the late-payment rate (罚息): the rule for overdue bank loans,
# the contract rate plus 30% to 50% (pboc-penalty-interest-2003), on the loan's true yearly cost
# (its fees are part of its price), at the top of the range: an estimate must not make being
# late look cheaper than the rule allows. Capped by the line a court holds this lender's
# interest, penalty and fees to together (spc-financial-trials-2017 for licensed lenders,
# spc-private-lending-2020 for private lending): a court supports no more. The page says which
# of the two decided.
DEFAULT_PENALTY_MULTIPLIER = Decimal("1.5")
DAYS_PER_YEAR = Decimal(365)

MAX_MONEY = Decimal("1000000000")  # a budget figure above a billion yuan is a typing slip


@dataclass(frozen=True, slots=True)
class Budget:
    """A month of the borrower's budget. None means the borrower left the figure empty."""

    income: Decimal
    essentials: Decimal | None
    debt_payments: Decimal
    other_platforms: int | None
    savings: Decimal | None
    repays_another_loan: bool


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule's finding: its band (None = not assessed) and the figure it looked at.

    `value` is a fraction for ratio rules, an amount for money_left (with `share` its fraction of
    income), months for the savings buffer, a count for platforms, and None for repay_another_loan.
    """

    rule: str
    band: str | None
    value: Decimal | int | None
    share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class BudgetVerdict:
    band: str
    rules: tuple[RuleResult, ...]
    loan_monthly_payment: Decimal
    total_debt_payments: Decimal
    money_left: Decimal | None
    money_left_before: Decimal | None

    @property
    def deciding(self) -> RuleResult:
        """The rule that decided the verdict: the first one in the verdict's band."""
        return next(r for r in self.rules if r.band == self.band)


@dataclass(frozen=True, slots=True)
class StressCase:
    code: str
    budget: Budget
    verdict: BudgetVerdict


@dataclass(frozen=True, slots=True)
class StressTest:
    income_drop: StressCase
    essentials_rise: StressCase | None


@dataclass(frozen=True, slots=True)
class DaysOfWork:
    day_pay: Decimal
    days: Decimal


def _worst(bands: Iterable[str | None]) -> str:
    ranked = [BANDS.index(b) for b in bands if b is not None]
    return BANDS[max(ranked, default=0)]


def _money(value: Decimal | None, *, field: str, optional: bool = True) -> Decimal | None:
    if value is None and optional:
        return None
    number = decimal_input(value, field=field)
    if number < ZERO:
        raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field=field)
    if number > MAX_MONEY:
        raise OfferError(ErrorCode.AMOUNT_TOO_LARGE, field=field)
    return number


def make_budget(
    *,
    income: Decimal,
    essentials: Decimal | None = None,
    debt_payments: Decimal | None = None,
    other_platforms: int | None = None,
    savings: Decimal | None = None,
    repays_another_loan: bool = False,
) -> Budget:
    """Check a budget's figures (Decimal, never negative; income above zero) and build it."""
    income_value = _money(income, field="income", optional=False)
    if income_value is None or income_value <= ZERO:
        raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="income")
    platforms = (
        None if other_platforms is None else int_input(other_platforms, field="other_platforms")
    )
    if platforms is not None and platforms < 0:
        raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="other_platforms")
    return Budget(
        income=income_value,
        essentials=_money(essentials, field="essentials"),
        debt_payments=_money(debt_payments, field="debt_payments") or ZERO,
        other_platforms=platforms,
        savings=_money(savings, field="savings"),
        repays_another_loan=bool(repays_another_loan),
    )


def peak_monthly_payment(*, payments: Sequence[tuple[date, Decimal]]) -> Decimal:
    """The most the loan asks for in any one calendar month.

    Turns any schedule into a monthly figure the budget can be compared with: weekly payments
    count four or five times in a month, a one-time repayment counts whole in its month, and a
    final principal payment (interest first) counts in the month it falls due. The highest month
    is the one the budget has to survive.
    """
    by_month: dict[tuple[int, int], Decimal] = {}
    for due, amount in payments:
        key = (due.year, due.month)
        by_month[key] = by_month.get(key, ZERO) + decimal_input(amount, field="payment")
    return max(by_month.values(), default=ZERO)


def _band_above(value: Decimal, stretched: Decimal, not_affordable: Decimal) -> str:
    if value > not_affordable:
        return NOT_AFFORDABLE
    if value > stretched:
        return STRETCHED
    return AFFORDABLE


def budget_verdict(*, budget: Budget, loan_monthly_payment: Decimal) -> BudgetVerdict:
    """Apply every rule to the budget with the loan's monthly payment; the worst band wins."""
    payment = decimal_input(loan_monthly_payment, field="payment")
    income = budget.income
    total_debt = budget.debt_payments + payment
    pti = payment / income
    dti = total_debt / income
    rules = [
        RuleResult(
            RULE_PAYMENT_TO_INCOME,
            _band_above(pti, PTI_STRETCHED_ABOVE, PTI_NOT_AFFORDABLE_ABOVE),
            pti,
        ),
        RuleResult(
            RULE_DEBT_TO_INCOME,
            _band_above(dti, DTI_STRETCHED_ABOVE, DTI_NOT_AFFORDABLE_ABOVE),
            dti,
        ),
    ]

    money_left = money_left_before = None
    if budget.essentials is None:
        rules.append(RuleResult(RULE_MONEY_LEFT, None, None))
    else:
        money_left = income - budget.essentials - total_debt
        money_left_before = income - budget.essentials - budget.debt_payments
        share = money_left / income
        if money_left < ZERO:
            band = NOT_AFFORDABLE
        elif share < MONEY_LEFT_STRETCHED_BELOW:
            band = STRETCHED
        else:
            band = AFFORDABLE
        rules.append(RuleResult(RULE_MONEY_LEFT, band, money_left, share))

    if budget.savings is None or budget.essentials is None or budget.essentials == ZERO:
        # With no essential spending given there is nothing to measure the buffer in.
        rules.append(RuleResult(RULE_SAVINGS_BUFFER, None, None))
    else:
        months = budget.savings / budget.essentials
        band = STRETCHED if months < SAVINGS_STRETCHED_BELOW_MONTHS else AFFORDABLE
        rules.append(RuleResult(RULE_SAVINGS_BUFFER, band, months))

    if budget.other_platforms is None:
        rules.append(RuleResult(RULE_OTHER_PLATFORMS, None, None))
    else:
        band = (
            NOT_AFFORDABLE
            if budget.other_platforms >= OTHER_PLATFORMS_NOT_AFFORDABLE_FROM
            else AFFORDABLE
        )
        rules.append(RuleResult(RULE_OTHER_PLATFORMS, band, budget.other_platforms))

    rules.append(
        RuleResult(
            RULE_REPAY_ANOTHER_LOAN,
            NOT_AFFORDABLE if budget.repays_another_loan else AFFORDABLE,
            None,
        )
    )
    return BudgetVerdict(
        band=_worst(r.band for r in rules),
        rules=tuple(rules),
        loan_monthly_payment=payment,
        total_debt_payments=total_debt,
        money_left=money_left,
        money_left_before=money_left_before,
    )


def stress_test(*, budget: Budget, loan_monthly_payment: Decimal) -> StressTest:
    """The same loan after income falls by STRESS_INCOME_DROP, and after essential spending
    rises by STRESS_ESSENTIALS_RISE (only when essentials were given)."""
    lower = replace(budget, income=budget.income * (ONE - STRESS_INCOME_DROP))
    income_case = StressCase(
        "income_drop",
        lower,
        budget_verdict(budget=lower, loan_monthly_payment=loan_monthly_payment),
    )
    essentials_case = None
    if budget.essentials is not None:
        higher = replace(budget, essentials=budget.essentials * (ONE + STRESS_ESSENTIALS_RISE))
        essentials_case = StressCase(
            "essentials_rise",
            higher,
            budget_verdict(budget=higher, loan_monthly_payment=loan_monthly_payment),
        )
    return StressTest(income_drop=income_case, essentials_rise=essentials_case)


def days_of_work(*, payment: Decimal, monthly_income: Decimal) -> DaysOfWork:
    """A payment expressed as working days at the borrower's income (income / 21.75 a day)."""
    income = decimal_input(monthly_income, field="income")
    if income <= ZERO:
        raise OfferError(ErrorCode.AMOUNT_NOT_POSITIVE, field="income")
    day_pay = income / WORKING_DAYS_PER_MONTH
    return DaysOfWork(day_pay=day_pay, days=decimal_input(payment, field="payment") / day_pay)


@dataclass(frozen=True, slots=True)
class PenaltyAssumption:
    """The late-payment rate a day assumed when the contract's is not known: the rule's rate
    (`rule_daily_rate`, the loan's true yearly cost plus half again, a day), or the line's,
    whichever is lower (`capped`: the line decided)."""

    daily_rate: Decimal
    rule_daily_rate: Decimal
    capped: bool


def penalty_assumption(*, true_apr: Decimal, line: Decimal | None = None) -> PenaltyAssumption:
    """The assumed late-payment rate a day: true APR x DEFAULT_PENALTY_MULTIPLIER / 365, at most
    `line` / 365 (the yearly line a court holds this lender's total charges to; None: no cap)."""
    apr = decimal_input(true_apr, field="rate")
    rule = max(apr, ZERO) * DEFAULT_PENALTY_MULTIPLIER / DAYS_PER_YEAR
    if line is None:
        return PenaltyAssumption(rule, rule, False)
    cap = max(decimal_input(line, field="rate"), ZERO) / DAYS_PER_YEAR
    return PenaltyAssumption(min(rule, cap), rule, cap < rule)


def default_penalty_daily_rate(*, true_apr: Decimal, line: Decimal | None = None) -> Decimal:
    """The assumed late-payment rate a day when the borrower does not know it (see
    penalty_assumption): the loan's true yearly cost plus half again, a day, at most the yearly
    `line` that applies to the lender, a day (no cap when `line` is None)."""
    return penalty_assumption(true_apr=true_apr, line=line).daily_rate
