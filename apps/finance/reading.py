"""How a quoted rate is read: its period, its method, and the other reading offered in one click.

Apps quote a rate a day, a month or a year, as interest on what is still owed (利率, 日息, 月息)
or as a fee on the original amount every period (费率, 手续费率, 月费率: the flat-fee method).
A rate read with the wrong period changes the answer a hundredfold, and a fee rate read as
interest halves the true cost (10,000 over 24 months at 0.6% a month: 13.27%, not 7.20%). So a
rate is read, in this order, by the words typed with it, by the borrower's choice in the form's
lists, and, where neither says, by the reading that costs more whenever the figure could be
either. The page states which, and offers the other reading in one click: never the cheapest
reading silently.

Like the rest of the engine: codes and numbers in, a frozen dataclass out; the forms pass in
what the words and the lists said, the templates write the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from apps.finance.money import ZERO, decimal_input
from apps.finance.rates import RatePeriod, rate_period_input
from apps.finance.schedule import Method

# Where a part of the reading came from: the words typed with the rate (日息万五, 月费率0.6%),
# the borrower's choice in a list, or ours, when neither said (the page says so).
FROM_WORDS = "words"
FROM_LIST = "list"
FROM_OURS = "ours"
# What the words name: a fee on the original amount, or interest on what is still owed.
FEE_BASIS = "fee"
INTEREST_BASIS = "interest"

# A rate rare for the period it is said to be charged for is more likely a slip in the period
# than a real offer. Ours, from how apps quote (pboc-2021-3: every product shows a yearly rate,
# so a bare yearly figure is what a borrower sees most; 日息万五 and 月息2分 are the common daily
# and monthly quotes):
# - under 0.3% a month (3.6% a year) is below any consumer loan: 0.05 "a month" is almost surely
#   0.05% a day (日息万五), which is also the reading that costs more;
MONTHLY_RATE_RARE_BELOW = Decimal("0.003")
# - over 0.1% a day is 36.5% a year, above every line China has used (cash-loan-notice-2017):
#   1.5 "a day" is more likely 1.5% a month;
DAILY_RATE_RARE_ABOVE = Decimal("0.001")
# - over 100% a year is rarely quoted as a yearly rate at all;
YEARLY_RATE_RARE_ABOVE = Decimal(1)
# - and a monthly rate that would be more than that in a year (18 "a month" is 216%) is more
#   likely a yearly rate (年化18%).
MONTHLY_RATE_RARE_ABOVE = YEARLY_RATE_RARE_ABOVE / 12
# A monthly rate from 0.3% (below it, no loan at all) up to 1.5% may be a fee rate on the
# original amount (card instalments and fee loans quote 0.5% to 1.5% a month: 月费率0.6%, the
# 1.5% flat fee of worked example 8 in docs/worked-examples.md) or interest on what is still
# owed. Ours: in that range, with no words and no method chosen, the fee reading (it costs about
# twice as much) comes first, the interest reading one click away.
FEE_RATE_MAX_MONTHLY = Decimal("0.015")

# Questions a reading raises, each offering another reading (or none, for a yearly rate too high
# to be real).
QUESTION_READ_AS_DAILY = "read_as_daily"  # the list said a month; read a day, offer a month
QUESTION_LIKELY_MONTHLY = "likely_monthly"  # read a day, as typed; offer a month
QUESTION_LIKELY_YEARLY = "likely_yearly"  # read a month, as typed; offer a year
QUESTION_YEARLY_TOO_HIGH = "yearly_too_high"  # read a year, as typed; nothing else fits
QUESTION_READ_AS_FEE = "read_as_fee"  # no method given: read a fee, offer interest
QUESTIONS = (
    QUESTION_READ_AS_DAILY,
    QUESTION_LIKELY_MONTHLY,
    QUESTION_LIKELY_YEARLY,
    QUESTION_YEARLY_TOO_HIGH,
    QUESTION_READ_AS_FEE,
)


@dataclass(frozen=True, slots=True)
class RateQuestion:
    """What looks doubtful about the rate, and the other reading offered: its period and its
    method (None where the other reading keeps this one's), or neither when nothing else fits."""

    code: str
    period: RatePeriod | None = None
    method: Method | None = None


@dataclass(frozen=True, slots=True)
class RateReading:
    """A quoted rate as the engine uses it: a fraction per `period`, charged by `method` (None
    when no method is asked for), where each came from (FROM_WORDS, FROM_LIST, FROM_OURS), and
    the question it raises, if any."""

    rate: Decimal
    period: RatePeriod
    period_from: str
    method: Method | None
    method_from: str | None
    question: RateQuestion | None

    @property
    def on_original_amount(self) -> bool:
        """Charged on the original amount every period (the flat-fee method)."""
        return self.method is Method.FLAT_FEE


def read_rate(
    *,
    rate: Decimal,
    named_period: RatePeriod | str | None,
    listed_period: RatePeriod | str,
    period_confirmed: bool = False,
    named_basis: str | None = None,
    listed_method: Method | str | None = None,
    asks_method: bool = True,
    single_payment: bool = False,
) -> RateReading:
    """Read a quoted rate (a fraction) the way the borrower most likely meant it.

    named_period / named_basis: what the words typed with the rate said (None: nothing).
    listed_period: the period list's value; period_confirmed: the borrower said, when asked,
    that the list is right. listed_method: the method list's value, None when left at "not
    sure". asks_method: False where no method is asked (My debts). single_payment: repaid in
    one payment, where the method changes nothing.
    """
    quoted = decimal_input(rate, field="rate")
    question: RateQuestion | None = None
    if named_period is not None:
        period, period_from = rate_period_input(named_period), FROM_WORDS
    else:
        period, period_from = rate_period_input(listed_period), FROM_LIST
        if not period_confirmed and quoted > ZERO:
            question = _period_question(quoted, period)
            if question and question.code == QUESTION_READ_AS_DAILY:
                period, period_from = RatePeriod.DAY, FROM_OURS
    if not asks_method:
        return RateReading(quoted, period, period_from, None, None, question)
    if named_basis == FEE_BASIS:
        method, method_from = Method.FLAT_FEE, FROM_WORDS
    elif listed_method:
        method, method_from = Method(listed_method), FROM_LIST
    elif named_basis == INTEREST_BASIS:
        method, method_from = Method.EQUAL_INSTALLMENT, FROM_WORDS
    elif (
        not single_payment
        and question is None
        and period is RatePeriod.MONTH
        and MONTHLY_RATE_RARE_BELOW <= quoted <= FEE_RATE_MAX_MONTHLY
    ):
        method, method_from = Method.FLAT_FEE, FROM_OURS
        question = RateQuestion(QUESTION_READ_AS_FEE, method=Method.EQUAL_INSTALLMENT)
    else:
        # The most common method (等额本息), said on the page as our reading.
        method, method_from = Method.EQUAL_INSTALLMENT, FROM_OURS
    return RateReading(quoted, period, period_from, method, method_from, question)


def _period_question(rate: Decimal, period: RatePeriod) -> RateQuestion | None:
    """The question a rate rare for the listed period raises. The reading shown is always the
    one that costs more: a month's rate too low to be real is read a day."""
    if period is RatePeriod.MONTH and rate < MONTHLY_RATE_RARE_BELOW:
        return RateQuestion(QUESTION_READ_AS_DAILY, period=RatePeriod.MONTH)
    if period is RatePeriod.MONTH and rate > MONTHLY_RATE_RARE_ABOVE:
        return RateQuestion(QUESTION_LIKELY_YEARLY, period=RatePeriod.YEAR)
    if period is RatePeriod.DAY and rate > DAILY_RATE_RARE_ABOVE:
        return RateQuestion(QUESTION_LIKELY_MONTHLY, period=RatePeriod.MONTH)
    if period is RatePeriod.YEAR and rate > YEARLY_RATE_RARE_ABOVE:
        return RateQuestion(QUESTION_YEARLY_TOO_HIGH)
    return None
