"""The result pages' words, chosen by the codes the engine returns, and their long repeated markup.

Text that varies by a code lives here as data, a dict of code -> lazy text in both languages, so
that a test can say every code has its words (tests/affordability/test_markup.py): the two
answers and the advice, every rule's reason, how a rate was read, the question it raises.

A 360-month loan has 360 schedule rows and over 700 chart bars, and a check carries up to two
dozen figures into its save form; drawn item by item in the template language that costs tens of
milliseconds a page. These functions write the same markup in one Python loop (simple tags in
templatetags/affordability.py). Only markup and words live here: the numbers come from the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from apps.affordability.charts import Chart
from apps.core.templatetags.repayable import money, percent
from apps.finance import budget as rules
from apps.finance import price, reading, whatif
from apps.finance.budget import AFFORDABLE, NOT_AFFORDABLE, STRETCHED, BudgetVerdict, RuleResult
from apps.finance.reading import RateReading
from apps.finance.schedule import Method, Quote, ScheduleRow

# The budget's answer, "can you repay it": the headline and the CSV say BAND_WORDS, a reason's
# mark BAND_MARKS.
BAND_WORDS = {
    AFFORDABLE: _("Affordable"),
    STRETCHED: _("Stretched"),
    NOT_AFFORDABLE: _("Not affordable"),
}
BAND_MARKS = {**BAND_WORDS, AFFORDABLE: _("OK")}
# A price reason's short mark, in the price's own words.
PRICE_MARKS = {AFFORDABLE: _("OK"), STRETCHED: _("Expensive"), NOT_AFFORDABLE: _("Too expensive")}
# The price's answer, "is it worth its price".
PRICE_WORDS = {
    price.FAIR: _("Fair price"),
    price.EXPENSIVE: _("Expensive"),
    price.TOO_EXPENSIVE: _("Too expensive: don't borrow"),
}
# The one line of advice beside the two answers.
ADVICE_WORDS = {
    price.ADVICE_GO_AHEAD: _(
        "Your budget can carry this loan at a fair price, as far as the figures you gave show."
    ),
    price.ADVICE_THINK_AGAIN_PRICE: _(
        "This loan costs more than it should: look for a cheaper one before you sign."
    ),
    price.ADVICE_THINK_AGAIN_BUDGET: _(
        "You could probably pay, but with little room if a month goes badly."
    ),
    price.ADVICE_THINK_AGAIN_BOTH: _(
        "Think twice: this loan costs more than it should, and it leaves your budget little room."
    ),
    price.ADVICE_DONT_BORROW_PRICE: _("Don't borrow this: it is too expensive."),
    price.ADVICE_DONT_BORROW_BUDGET: _("Don't borrow this: your budget cannot carry it."),
    price.ADVICE_DONT_BORROW_BOTH: _(
        "Don't borrow this: it is too expensive, and your budget cannot carry it."
    ),
}

# The colour of the advice's box, as the worse of the two answers: the band's own.
ADVICE_TONES = {
    price.ADVICE_GO_AHEAD: AFFORDABLE,
    price.ADVICE_THINK_AGAIN_PRICE: STRETCHED,
    price.ADVICE_THINK_AGAIN_BUDGET: STRETCHED,
    price.ADVICE_THINK_AGAIN_BOTH: STRETCHED,
    price.ADVICE_DONT_BORROW_PRICE: NOT_AFFORDABLE,
    price.ADVICE_DONT_BORROW_BUDGET: NOT_AFFORDABLE,
    price.ADVICE_DONT_BORROW_BOTH: NOT_AFFORDABLE,
}

# The "what ifs" (apps.finance.whatif), each in words.
WHAT_IF_WORDS = {
    whatif.HALF_AMOUNT: _("Borrow half as much"),
    whatif.HALF_TERM: _("Repay in half the time"),
    whatif.DOUBLE_TERM: _("Repay over twice as long"),
}

# Every rule's reason, by (rule, band); band None is a rule not checked for want of a figure.
# Each is formatted with the figures `reason_args` gives it.
_PTI = _(
    "In its heaviest month this loan asks %(payment)s yuan, %(share)s of your income (above "
    "%(stretched)s is stretched, above %(too_much)s too much)."
)
_DTI = _(
    "All your debt payments together would be %(total)s yuan a month, %(share)s of your income "
    "(above %(stretched)s is stretched, above %(too_much)s too much)."
)
_MONEY_LEFT = _(
    "After essentials and all debt payments you would have %(left)s yuan left a month, "
    "%(share)s of your income (below %(floor)s is stretched)."
)
_SAVINGS = _(
    "Your savings would cover %(months)s months of essential spending (below %(floor)s month "
    "is stretched; %(target)s months is the first target)."
)
_PLATFORMS = ngettext_lazy(
    "You owe %(count)s other lending app now (owing %(limit)s or more is not affordable, "
    "whatever the ratios say: that is how debt spirals start).",
    "You owe %(count)s other lending apps now (owing %(limit)s or more is not affordable, "
    "whatever the ratios say: that is how debt spirals start).",
    "count",
)
REASONS: dict[tuple[str, str | None], Promise] = {
    (price.RULE_TRUE_APR, NOT_AFFORDABLE): _(
        "The true yearly cost is %(apr)s, above %(line)s: above every line China has used for "
        "consumer loans. Don't borrow at this price."
    ),
    (price.RULE_TRUE_APR, STRETCHED): _(
        "The true yearly cost is %(apr)s, above %(line)s, the line courts hold licensed lenders "
        "to. Look for a cheaper loan."
    ),
    (price.RULE_TRUE_APR, AFFORDABLE): _("The true yearly cost is %(apr)s, not above %(line)s."),
    (price.RULE_SHORT_TERM, NOT_AFFORDABLE): ngettext_lazy(
        "A loan of %(days)s day at this price: a small fee becomes a huge yearly cost, and short "
        "loans are the ones rolled over again and again.",
        "A loan of %(days)s days at this price: a small fee becomes a huge yearly cost, and "
        "short loans are the ones rolled over again and again.",
        "days",
    ),
    (price.RULE_SHORT_TERM, AFFORDABLE): ngettext_lazy(
        "A short loan of %(days)s day, but its yearly cost is not above the line.",
        "A short loan of %(days)s days, but its yearly cost is not above the line.",
        "days",
    ),
    (price.RULE_FEE_AT_PAYOUT, STRETCHED): _(
        "%(fee)s yuan is taken before the money reaches you: you pay interest on money you "
        "never get."
    ),
    (price.RULE_FEE_AT_PAYOUT, AFFORDABLE): _("No fee is taken before the money reaches you."),
    (rules.RULE_PAYMENT_TO_INCOME, AFFORDABLE): _PTI,
    (rules.RULE_PAYMENT_TO_INCOME, STRETCHED): _PTI,
    (rules.RULE_PAYMENT_TO_INCOME, NOT_AFFORDABLE): _PTI,
    (rules.RULE_DEBT_TO_INCOME, AFFORDABLE): _DTI,
    (rules.RULE_DEBT_TO_INCOME, STRETCHED): _DTI,
    (rules.RULE_DEBT_TO_INCOME, NOT_AFFORDABLE): _DTI,
    (rules.RULE_MONEY_LEFT, None): _(
        "Money left each month: not checked, because essential spending was left empty."
    ),
    (rules.RULE_MONEY_LEFT, NOT_AFFORDABLE): _(
        "After essentials and all debt payments your month would be %(short)s yuan short: you "
        "would spend more than you earn."
    ),
    (rules.RULE_MONEY_LEFT, STRETCHED): _MONEY_LEFT,
    (rules.RULE_MONEY_LEFT, AFFORDABLE): _MONEY_LEFT,
    (rules.RULE_SAVINGS_BUFFER, None): _(
        "Savings buffer: not checked, because savings or essential spending was left empty."
    ),
    (rules.RULE_SAVINGS_BUFFER, STRETCHED): _SAVINGS,
    (rules.RULE_SAVINGS_BUFFER, AFFORDABLE): _SAVINGS,
    (rules.RULE_OTHER_PLATFORMS, None): _(
        "Other lending apps: not checked, because the number was left empty."
    ),
    (rules.RULE_OTHER_PLATFORMS, AFFORDABLE): _PLATFORMS,
    (rules.RULE_OTHER_PLATFORMS, NOT_AFFORDABLE): _PLATFORMS,
    (rules.RULE_REPAY_ANOTHER_LOAN, NOT_AFFORDABLE): _(
        "You are borrowing to repay another loan: that is how debt spirals start, so this is "
        "not affordable whatever the ratios say."
    ),
    (rules.RULE_REPAY_ANOTHER_LOAN, AFFORDABLE): _(
        "You did not say you are borrowing to repay another loan."
    ),
}


def reason_args(rule: RuleResult, verdict: BudgetVerdict) -> dict[str, Any]:
    """The figures a rule's reason is written with: `rule`'s own, and for budget rules the
    totals of the BudgetVerdict it belongs to and the thresholds it is measured against."""
    code, value = rule.rule, rule.value
    if code == price.RULE_TRUE_APR:
        line = price.TOO_EXPENSIVE_ABOVE if rule.band == NOT_AFFORDABLE else price.EXPENSIVE_ABOVE
        return {"apr": percent(value), "line": percent(line, 0)}
    if code == price.RULE_SHORT_TERM:
        return {"days": value}
    if code == price.RULE_FEE_AT_PAYOUT:
        return {"fee": money(value)}
    if code == rules.RULE_PAYMENT_TO_INCOME:
        return {
            "payment": money(verdict.loan_monthly_payment),
            "share": percent(value, 1),
            "stretched": percent(rules.PTI_STRETCHED_ABOVE, 0),
            "too_much": percent(rules.PTI_NOT_AFFORDABLE_ABOVE, 0),
        }
    if code == rules.RULE_DEBT_TO_INCOME:
        return {
            "total": money(verdict.total_debt_payments),
            "share": percent(value, 1),
            "stretched": percent(rules.DTI_STRETCHED_ABOVE, 0),
            "too_much": percent(rules.DTI_NOT_AFFORDABLE_ABOVE, 0),
        }
    if code == rules.RULE_MONEY_LEFT and value is not None:
        return {
            "left": money(value),
            "short": money(-value),
            "share": percent(rule.share, 1),
            "floor": percent(rules.MONEY_LEFT_STRETCHED_BELOW, 0),
        }
    if code == rules.RULE_SAVINGS_BUFFER and value is not None:
        return {
            "months": money(value, 1),
            "floor": money(rules.SAVINGS_STRETCHED_BELOW_MONTHS, 0),
            "target": money(rules.SAVINGS_TARGET_MONTHS, 0),
        }
    if code == rules.RULE_OTHER_PLATFORMS and value is not None:
        return {"count": value, "limit": rules.OTHER_PLATFORMS_NOT_AFFORDABLE_FROM}
    return {}


def reason(rule: RuleResult, verdict: BudgetVerdict) -> str:
    """One rule's finding as one sentence with its figures, in the reader's language."""
    return REASONS[(rule.rule, rule.band)] % reason_args(rule, verdict)


# How the rate was read, as the engine used it: "你填写的：日息5厘 → 每天0.05%，按剩余本金计息。"
# By (period, charged on the original amount).
RATE_ECHOES = {
    ("day", False): _("You typed: %(typed)s → %(rate)s a day, interest on what is still owed."),
    ("month", False): _("You typed: %(typed)s → %(rate)s a month, interest on what is still owed."),
    ("year", False): _("You typed: %(typed)s → %(rate)s a year, interest on what is still owed."),
    ("day", True): _(
        "You typed: %(typed)s → %(rate)s a day, a fee on the full amount borrowed every period "
        "(等本等息), however much is repaid."
    ),
    ("month", True): _(
        "You typed: %(typed)s → %(rate)s a month, a fee on the full amount borrowed every month "
        "(等本等息), however much is repaid."
    ),
    ("year", True): _(
        "You typed: %(typed)s → %(rate)s a year, a fee on the full amount borrowed every period "
        "(等本等息), however much is repaid."
    ),
}
# Said after the echo when we chose the method because the borrower did not.
COMMON_METHOD_NOTE = _(
    "You did not say how it is repaid, and the figure is not the size of a fee rate: we took "
    "equal payments (等额本息), the most common."
)
# The questions a reading raises (apps.finance.reading), and the link to the other reading.
QUESTIONS = {
    reading.QUESTION_READ_AS_DAILY: _(
        "You chose a month, but %(rate)s a month is below any loan: apps quote figures this "
        "small a day (日息万五 is 0.05%% a day). We worked it out as %(rate)s a day, which costs "
        "more."
    ),
    reading.QUESTION_LIKELY_MONTHLY: _(
        "You typed %(rate)s a day: more than 36%% a year. Apps often quote a rate a month (月息) "
        "of this size."
    ),
    reading.QUESTION_LIKELY_YEARLY: _(
        "You typed %(rate)s a month: more than 100%% a year. Apps more often quote a yearly rate "
        "(年化) of this size."
    ),
    reading.QUESTION_YEARLY_TOO_HIGH: _(
        "You typed %(rate)s a year. Check the rate and what it is charged for: hardly any app "
        "quotes a yearly rate this high."
    ),
    reading.QUESTION_READ_AS_FEE: _(
        "You did not say how the rate is charged. %(rate)s a month is the size of a fee rate "
        "(费率, 手续费率: card instalments, membership loans), charged on the full amount every "
        "month however much is repaid, so we worked it out that way, which costs more."
    ),
}
QUESTION_LINKS = {
    reading.QUESTION_READ_AS_DAILY: _("It really is %(rate)s a month: work it out that way"),
    reading.QUESTION_LIKELY_MONTHLY: _("Work it out as a rate a month instead"),
    reading.QUESTION_LIKELY_YEARLY: _("Work it out as a rate a year instead"),
    reading.QUESTION_READ_AS_FEE: _(
        "The app calls it interest on what is still owed (利率, 月息): work it out that way"
    ),
}


def rate_percent(fraction: Decimal) -> str:
    """A quoted rate with the digits it was typed with, up to 4 places: 0.0005 -> 0.05%,
    0.02 -> 2%, 0.006 -> 0.6%, 0.00045 -> 0.045%."""
    places = 0
    while places < 4 and (fraction * 100).quantize(Decimal(10) ** -places) != fraction * 100:
        places += 1
    return percent(fraction, places)


def rate_echo(typed: str, read: RateReading) -> str:
    """What was read from the rate typed, as the engine used it."""
    text = RATE_ECHOES[(str(read.period), read.on_original_amount)]
    return text % {"typed": typed, "rate": rate_percent(read.rate)}


def rate_question(read: RateReading) -> tuple[str, str]:
    """The question a reading raises, and the words of its link ("" when it offers none)."""
    assert read.question is not None
    code = read.question.code
    args = {"rate": rate_percent(read.rate)}
    link = QUESTION_LINKS.get(code)
    return str(QUESTIONS[code] % args), "" if link is None else str(link % args)


def common_method_chosen(read: RateReading | None, quote: Quote) -> bool:
    """We chose the common method for a loan of several payments, where the method matters."""
    return bool(
        read
        and read.method_from == reading.FROM_OURS
        and read.method is Method.EQUAL_INSTALLMENT
        and not quote.is_single_payment
    )


def left_or_short(amount: Decimal) -> str:
    """Money left at the end of a month, or, below zero, the gap: "缺口 1,600.00", never
    "-1,600.00"."""
    if amount < 0:
        return str(_("short %(amount)s") % {"amount": money(-amount)})
    return money(amount)


def offer_name(label: str, number: int) -> str:
    """An offer in a comparison: its number, with the borrower's own name for it if given."""
    if label:
        return str(_("Offer %(number)s, %(label)s") % {"number": number, "label": label})
    return str(_("Offer %(number)s") % {"number": number})


def payments_in_words(quote: Quote) -> str:
    """A loan's payments, in yuan a payment: "12 × 888.49 yuan (the last 888.47)"."""
    rows = quote.rows
    count = len(rows)
    if count == 1:
        return str(_("one payment of %(payment)s yuan") % {"payment": money(rows[0].payment)})
    regular = {row.payment for row in rows[1:-1]} or {rows[0].payment}
    if len(regular) > 1:
        amounts = [row.payment for row in rows]
        return str(
            _("%(count)s payments, from %(high)s down to %(low)s yuan")
            % {"count": count, "high": money(max(amounts)), "low": money(min(amounts))}
        )
    usual = next(iter(regular))
    text = str(_("%(count)s × %(payment)s yuan") % {"count": count, "payment": money(usual)})
    first, last = rows[0].payment, rows[-1].payment
    if first != usual:
        text += str(_(" (the first %(payment)s)") % {"payment": money(first)})
    if last != usual:
        text += str(_(" (the last %(payment)s)") % {"payment": money(last)})
    return text


def svg_rects(chart: Chart) -> SafeString:
    """Every segment of a chart as an SVG <rect> (presentation attributes, no inline style)."""
    # Coordinates are floats the chart computed; only the kind is text, so only it is escaped.
    kinds = {kind: escape(kind) for kind in {s.kind for s in chart.segments}}
    return mark_safe(
        "".join(
            f'<rect class="seg seg-{kinds[s.kind]}" x="{float(s.x)}" y="{float(s.y)}" '
            f'width="{float(s.width)}" height="{float(s.height)}"/>'
            for s in chart.segments
        )
    )


def schedule_rows(rows: Sequence[ScheduleRow]) -> SafeString:
    """The schedule table's body rows: number, due date, payment, principal, interest, fees,
    balance."""
    # Every cell is an int, an ISO date or money() digits and commas: nothing to escape.
    return mark_safe(
        "\n".join(
            f"<tr><td>{int(row.number)}</td>"
            f'<td class="text-nowrap">{row.due_date.isoformat()}</td>'
            f'<td class="text-end">{money(row.payment)}</td>'
            f'<td class="text-end">{money(row.principal)}</td>'
            f'<td class="text-end">{money(row.interest)}</td>'
            f'<td class="text-end">{money(row.fees)}</td>'
            f'<td class="text-end">{money(row.balance)}</td></tr>'
            for row in rows
        )
    )


def reason_items(verdict: price.Verdict) -> SafeString:
    """The "Why" list: each price rule, then each budget rule that was checked, as a list item
    with its mark (in the words of its own answer) and its reason (escaped)."""
    budget = verdict.budget
    items = [(r, PRICE_MARKS[r.band]) for r in verdict.price.rules]
    items += [(r, BAND_MARKS[r.band]) for r in budget.rules if r.band]
    return format_html_join(
        "\n",
        '<li class="rp-reason rp-reason--{}"><span class="rp-reason__mark">{}</span>'
        "<span>{}</span></li>",
        ((r.band, mark, reason(r, budget)) for r, mark in items),
    )


def not_checked(verdict: BudgetVerdict) -> SafeString:
    """The budget rules not checked for want of a figure, each saying which."""
    return format_html_join(
        "\n",
        '<p class="rp-not-assessed small mb-1">{}</p>',
        ((reason(r, verdict),) for r in verdict.rules if not r.band),
    )


def figure_rows(entered: Sequence[tuple[str, str]]) -> SafeString:
    """The figures a check used, as a definition list's rows (labels and values escaped)."""
    return format_html_join("", "<div><dt>{}</dt><dd>{}</dd></div>", entered)


def hidden_inputs(inputs: dict[str, str]) -> SafeString:
    """The figures of a check as hidden inputs, for the save form (names and values escaped)."""
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', inputs.items())
