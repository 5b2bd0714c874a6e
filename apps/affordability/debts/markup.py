"""My debts' words chosen by a code, and its long repeated markup, written in Python.

A plan of ten loans repeats the same markup for every loan five times over (the list of loans,
the order with its reasons and sources, what the plan costs, the letters, the printed letters);
drawn node by node in the template language that was most of the cost of answering the form.
These functions write the same markup in one Python loop, like apps/affordability/markup.py does
for the loan check's schedule (simple tags in templatetags/debts.py). Only markup and words live
here: the figures come from the engine (apps.finance.debts) through plan.py, and every word is a
translation, a dict of code -> lazy text where a code chooses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from apps.affordability.debts import plan as plans
from apps.affordability.markup import QUESTIONS as RATE_QUESTIONS
from apps.affordability.markup import RATE_ECHOES, rate_percent
from apps.core.letters import Letter
from apps.core.templatetags.repayable import money, percent, tr
from apps.finance import debts as engine

# Why a loan is where it is in the order (apps.finance.debts.PRIORITY_*): one sentence each.
REASON_WORDS = {
    engine.PRIORITY_COURT: _(
        "You have court papers for it. A court works to its own dates: answer every paper in "
        "time (a payment order (支付令) can be disputed only within 15 days), because a judgment "
        "that is ignored is enforced, with limits on spending."
    ),
    engine.PRIORITY_GROWS: _(
        "Its payment of %(payment)s yuan does not cover its interest of %(interest)s yuan a "
        "month: paid in full every month, it never clears and grows by %(growth)s yuan a month. "
        "Only a lender that stops the interest makes it clear."
    ),
    engine.PRIORITY_NEXT_STAGE: ngettext_lazy(
        "In %(days)s day it enters a harsher stage: %(stage)s. Paying it, or agreeing a plan, "
        "before then keeps it from getting worse.",
        "In %(days)s days it enters a harsher stage: %(stage)s. Paying it, or agreeing a plan, "
        "before then keeps it from getting worse.",
        "days",
    ),
    engine.PRIORITY_LATE: ngettext_lazy(
        "It is %(days)s day late: every day adds penalty interest, and a late payment can be "
        "reported to your credit record (征信), where it stays for 5 years after it is repaid.",
        "It is %(days)s days late: every day adds penalty interest, and a late payment can be "
        "reported to your credit record (征信), where it stays for 5 years after it is repaid.",
        "days",
    ),
    engine.PRIORITY_COST: _(
        "Not late, and its yearly rate is %(rate)s: among loans not late, the dearer it is, the "
        "sooner it comes, because each yuan paid on it saves the most interest."
    ),
    engine.PRIORITY_NO_RATE: _(
        "Not late, and its rate is not known: it comes after the loans whose rate is known, the "
        "largest first. Find the rate in the contract (年化利率) and add it."
    ),
}
# The loan to call first tomorrow, by the order's reason (plan.STEP_CALL_FIRST).
CALL_FIRST_WORDS = {
    engine.PRIORITY_COURT: _(
        "Deal with %(loan)s first: you have court papers for it. Answer each paper by its date; "
        "a payment order (支付令) can be disputed in writing only within 15 days."
    ),
    engine.PRIORITY_GROWS: _(
        "Call the lender of %(loan)s first: at %(payment)s yuan a month it never clears, it "
        "grows by %(growth)s yuan a month. Ask them to stop the interest."
    ),
    engine.PRIORITY_NEXT_STAGE: ngettext_lazy(
        "Call the lender of %(loan)s first: in %(days)s day it enters a harsher stage (%(stage)s).",
        "Call the lender of %(loan)s first: in %(days)s days it enters a harsher stage "
        "(%(stage)s).",
        "days",
    ),
    engine.PRIORITY_LATE: ngettext_lazy(
        "Call the lender of %(loan)s first: it is %(days)s day late, and every day adds penalty "
        "interest.",
        "Call the lender of %(loan)s first: it is %(days)s days late, and every day adds "
        "penalty interest.",
        "days",
    ),
    engine.PRIORITY_COST: _(
        "Call the lender of %(loan)s first: at %(rate)s a year it is your dearest loan."
    ),
    engine.PRIORITY_NO_RATE: _(
        "Call the lender of %(loan)s first, your largest loan, and ask for its yearly rate "
        "(年化利率): the plan is truer with it."
    ),
}
# The other steps (plan.STEP_*); letters get their own words, which count them.
STEP_WORDS = {
    plans.STEP_ESSENTIALS: _(
        "Keep %(essentials)s yuan for essentials (rent, food, bills, medicine) before you pay "
        "any lender."
    ),
    plans.STEP_NOTHING_LEFT: _(
        "Keep what you need for essentials (rent, food, bills, medicine) first: after them "
        "nothing is left for the lenders this month, so promise no lender a payment yet."
    ),
    plans.STEP_PAY_ALL: _(
        "Make every payment on time, and put the %(left)s yuan left each month on %(loan)s "
        "first, then on the next in the plan's order."
    ),
    plans.STEP_FREE_ADVICE: _(
        "Before you promise any lender a payment, talk to a free adviser: the free help lines "
        "are below."
    ),
    plans.STEP_NO_NEW_LOANS: _(
        "Do not borrow from a new app to pay any of them: it only adds a new lender's cost."
    ),
}
SHARED_LETTERS_STEP = ngettext_lazy(
    "Send its lender the letter below, and keep a copy.",
    "Send each lender its letter (below, %(letters)s in all), and keep a copy.",
    "letters",
)
GROWS_LETTER_STEP = _(
    "Send the lender of %(loan)s the letter below and keep a copy: it asks them to stop the "
    "interest, so that your payments repay the loan."
)
GROWS_LETTERS_STEP = _(
    "Send the lender of each loan that never clears its letter (below, %(letters)s in all) and "
    "keep a copy: each asks them to stop the interest, so that your payments repay the loan."
)

AFTER_NAME = pgettext_lazy("after a name", ": ")
SOURCES = _("Sources:")
CHECKED = _("checked %(date)s")
OWED_NOW = _("Owed now")
DUE_EACH_MONTH = _("Due each month")
STAGE = _("Stage")
NOT_LATE = _("Not late")
DAYS_LATE_IN = ngettext_lazy(
    "%(days)s day late: %(stage)s", "%(days)s days late: %(stage)s", "days"
)
YEARLY_RATE = _("Yearly rate (true APR)")
# A fee rate's yearly cost of what is owed now is a floor: the fee stays while the balance falls.
AT_LEAST = _("at least %(rate)s")
RATE_READ = _("How we read the rate")
# After the echo of a fee rate (RATE_ECHOES): what it is charged on.
FEE_ON_ORIGINAL = _(
    "Charged on the %(base)s yuan first borrowed: %(fee)s yuan a month while anything is owed."
)
FEE_ON_OWED = _(
    "You did not give the amount first borrowed, so we charged it on the %(owed)s yuan owed now: "
    "the true cost is higher than shown. Type the amount first borrowed to see it."
)
# After a question the reading raises (apps.finance.reading): how to say otherwise here.
RATE_SAY_OTHERWISE = _(
    # xgettext:no-python-format
    "If that is not what the app says, type the rate with its period, such as 月息0.05% or 年化18%."
)
NOT_KNOWN = _("Not known")
INTEREST_THIS_MONTH = _("Interest this month")
ONE_MORE_MONTH = _("One more month late costs")
A_MONTH_LATE = _("A payment a month late would cost")
ABOUT_YUAN = _("about %(cost)s yuan")
NOT_KNOWN_WITHOUT_RATE = _("Not known without the rate")
COURT_PAPERS = _("Court papers")
YES = _("Yes")
PAID_OF_DUE = _("%(offer)s of the %(payment)s yuan due.")
OVERDUE_FROM_NEXT = _(
    'Overdue from its next due date (by %(date)s at the latest): <a href="%(stage_url)s">'
    "%(stage)s</a>."
)
OVERDUE_SINCE_NEXT = ngettext_lazy(
    'Overdue since %(date)s, and it stays overdue: <a href="%(stage_url)s">%(stage)s</a>; in '
    "%(days)s day: %(next)s.",
    'Overdue since %(date)s, and it stays overdue: <a href="%(stage_url)s">%(stage)s</a>; in '
    "%(days)s days: %(next)s.",
    "days",
)
OVERDUE_SINCE = _(
    'Overdue since %(date)s, and it stays overdue: <a href="%(stage_url)s">%(stage)s</a>.'
)
PENALTY_ABOUT = _(
    "Penalty interest of about %(penalty)s yuan in the first month on the unpaid part, more as "
    "it builds up."
)
PENALTY_CONTRACT = _("Penalty interest on the unpaid part, at the contract's late-payment rate.")
NEVER_CLEARS = _(
    "At %(offer)s yuan a month it never clears: its interest is %(interest)s yuan a month, so "
    "it grows by %(growth)s yuan a month."
)
CLEARS_WITHOUT_INTEREST = ngettext_lazy(
    "The letter asks its lender to stop the interest: then %(offer)s yuan a month clears it in "
    "%(months)s month.",
    "The letter asks its lender to stop the interest: then %(offer)s yuan a month clears it in "
    "%(months)s months.",
    "months",
)
ASKS_TO_STOP_INTEREST = _("The letter asks its lender to stop the interest.")
MORE_THAN_50_YEARS = _("more than 50 years")
BETWEEN_NAMES = pgettext_lazy("between names in a list", ", ")
END_OF_LIST = pgettext_lazy("end of a list", ".")
AFTER_MONTHS = ngettext_lazy("After %(months)s month", "After %(months)s months", "months")
NOW = _("Now")
WITH_THE_PLAN = _("With the plan")
BORROWING_TO_PAY = _("Borrowing to pay")
MORE_BY_BORROWING = _("More owed by borrowing")
DUE_BORROWING = _("Due that month, borrowing to pay")
LETTER_FOR_OFFER = _("Letter for %(loan)s: %(offer)s yuan a month")
LETTER_FOR = _("Letter for %(loan)s")


def _word(words: Any) -> str:
    """A lazy translation looked up now and escaped, as a plain string: `escape` of a lazy string
    is lazy again, and would be looked up anew wherever it is written."""
    return escape(str(words))


class _Urls:
    """reverse() once per name and argument for one page: a plan names the same few pages
    (a stage, a letter) again and again."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, Any], str] = {}

    def __call__(self, name: str, arg: Any) -> str:
        key = (name, arg)
        if key not in self._seen:
            self._seen[key] = reverse(name, args=[arg])
        return self._seen[key]


def cited(sources: Sequence[Any], sources_url: str) -> str:
    """The sources one finding rests on, each linked to the sources page with the day it was
    last checked ("" when there are none)."""
    if not sources:
        return ""
    checked = str(CHECKED)
    links = [
        f'<a href="{sources_url}#source-{escape(source.key)}">{escape(tr(source, "title"))}</a> '
        f"({escape(checked % {'date': source.last_checked.isoformat()})})"
        for source in sources
    ]
    joined = '<span aria-hidden="true"> · </span>'.join(links)
    return f'<span class="rp-cited small">{_word(SOURCES)} {joined}</span>'


def debt_list(plan: plans.DebtPlan) -> SafeString:
    """Each loan's figures: owed, due, its stage (linked to the guide), yearly rate, this
    month's interest, what a month's delay costs, court papers."""
    url = _Urls()
    # Each word once per page, escaped, not once per loan.
    owed, due, stage_term, rate_term, interest_term, court, yes = (
        _word(word)
        for word in (
            OWED_NOW,
            DUE_EACH_MONTH,
            STAGE,
            YEARLY_RATE,
            INTEREST_THIS_MONTH,
            COURT_PAPERS,
            YES,
        )
    )
    not_late, not_known, without_rate = (
        _word(NOT_LATE),
        _word(NOT_KNOWN),
        _word(NOT_KNOWN_WITHOUT_RATE),
    )
    late_term, month_late_term = _word(ONE_MORE_MONTH), _word(A_MONTH_LATE)
    read_term = _word(RATE_READ)
    items = []
    for line in plan.lines:
        debt = line.debt
        if line.stage:
            days = debt.days_late
            stage = escape(DAYS_LATE_IN % {"days": days, "stage": tr(line.stage, "title")})
            stage = f'<a href="{url("guidance:stage", line.stage.slug)}">{stage}</a>'
        else:
            stage = not_late
        if debt.yearly_rate is None:
            rate = not_known
        elif debt.fee_base is not None:
            rate = escape(AT_LEAST % {"rate": percent(debt.yearly_rate)})
        else:
            rate = percent(debt.yearly_rate)
        rows = [
            (owed, money(debt.owed)),
            (due, money(debt.payment)),
            (stage_term, stage),
            (rate_term, rate),
        ]
        read = rate_read(line)
        if read:
            rows.append((read_term, read))
        if debt.interest:
            rows.append((interest_term, money(debt.interest)))
        if line.delay_cost is not None:
            delay = escape(ABOUT_YUAN % {"cost": money(line.delay_cost)})
        else:
            delay = without_rate
        rows.append((late_term if debt.days_late else month_late_term, delay))
        if debt.in_court:
            rows.append((court, yes))
        cells = "".join(f"<div><dt>{term}</dt><dd>{value}</dd></div>" for term, value in rows)
        items.append(
            f'<li class="rp-debt"><h3 class="h6 mb-1">{escape(line.title)}</h3>'
            f'<dl class="rp-figures rp-figures--compact">{cells}</dl></li>'
        )
    return mark_safe("\n".join(items))


def rate_read(line: plans.DebtLine) -> str:
    """How the loan's rate was read, as the engine used it (escaped; "" when no rate was typed):
    the echo, what a fee rate is charged on, and the question a rare figure raises. Never the
    cheapest reading in silence."""
    data = line.form.cleaned_data
    read = data.get("rate_reading")
    if read is None:
        return ""
    debt = line.debt
    fee = debt.fee_base is not None
    parts = [
        RATE_ECHOES[(str(read.period), fee)]
        % {"typed": data.get("rate_typed", ""), "rate": rate_percent(read.rate)}
    ]
    if fee and data.get("original") is not None:
        parts.append(
            FEE_ON_ORIGINAL % {"base": money(debt.fee_base), "fee": money(debt.monthly_fee)}
        )
    elif fee:
        parts.append(FEE_ON_OWED % {"owed": money(debt.owed)})
    if read.question is not None:
        parts.append(RATE_QUESTIONS[read.question.code] % {"rate": rate_percent(read.rate)})
        parts.append(str(RATE_SAY_OTHERWISE))
    return escape(" ".join(str(part) for part in parts))


def _reason(priority: engine.Priority, line: plans.DebtLine) -> str:
    words = REASON_WORDS[priority.reason]
    if priority.reason == engine.PRIORITY_GROWS:
        return words % {
            "payment": money(line.debt.payment),
            "interest": money(line.debt.interest),
            "growth": money(priority.figure),
        }
    if priority.reason == engine.PRIORITY_NEXT_STAGE:
        stage = tr(line.next_stage, "title") if line.next_stage else ""
        return words % {"days": priority.figure, "stage": stage}
    if priority.reason == engine.PRIORITY_LATE:
        return words % {"days": priority.figure}
    if priority.reason == engine.PRIORITY_COST:
        return words % {"rate": percent(priority.figure)}
    return str(words)


def order_list(
    order: Sequence[tuple[engine.Priority, plans.DebtLine, Sequence[Any]]], sources_url: str
) -> SafeString:
    """The order to pay the loans in, each with its reason and the sources it rests on."""
    after_name = _word(AFTER_NAME)
    sourced: dict[int, str] = {}  # loans for the same reason cite the same sources
    items = []
    for priority, line, sources in order:
        if id(sources) not in sourced:
            sourced[id(sources)] = cited(sources, sources_url)
        items.append(
            f'<li class="rp-order__item" data-loan="{line.number}" '
            f'data-reason="{escape(priority.reason)}"><strong>{escape(line.title)}</strong>'
            f"{after_name}{escape(_reason(priority, line))} {sourced[id(sources)]}</li>"
        )
    return mark_safe("\n".join(items))


def step_list(plan: plans.DebtPlan, essentials: Any) -> SafeString:
    """The three things to do tomorrow, each as the borrower's own figures word it."""
    items = []
    for step in plan.steps:
        line = step.line
        if step.code == plans.STEP_CALL_FIRST:
            priority = step.priority
            figures = {
                "loan": line.title,
                "payment": money(line.debt.payment),
                "growth": money(priority.figure)
                if priority.reason == engine.PRIORITY_GROWS
                else "",
                "days": priority.figure,
                "stage": tr(line.next_stage, "title") if line.next_stage else "",
                "rate": percent(priority.figure) if priority.reason == engine.PRIORITY_COST else "",
            }
            text = CALL_FIRST_WORDS[priority.reason] % figures
        elif step.code == plans.STEP_LETTERS:
            letters = len(plan.letters)
            if plan.shared:
                text = SHARED_LETTERS_STEP % {"letters": letters}
            elif letters == 1:
                text = GROWS_LETTER_STEP % {"loan": plan.letters[0].title}
            else:
                text = GROWS_LETTERS_STEP % {"letters": letters}
        else:
            text = STEP_WORDS[step.code] % {
                "essentials": money(essentials),
                "left": money(plan.picture.left_after_payments),
                "loan": line.title if line else "",
            }
        items.append(f'<li data-step="{escape(step.code)}">{escape(text)}</li>')
    return mark_safe("\n".join(items))


def _grows(line: plans.DebtLine) -> str:
    outlook = line.outlook
    text = escape(
        NEVER_CLEARS
        % {
            "offer": money(outlook.offer),
            "interest": money(outlook.interest),
            "growth": money(outlook.grows_by),
        }
    )
    if not outlook.offer:
        return text
    if outlook.months_without_interest:
        then = CLEARS_WITHOUT_INTEREST % {
            "offer": money(outlook.offer),
            "months": outlook.months_without_interest,
        }
    else:
        then = ASKS_TO_STOP_INTEREST
    return f"{text} {escape(then)}"


def cost_list(plan: plans.DebtPlan) -> SafeString:
    """Each loan the plan pays less than is due: how much, from when it is overdue and in which
    stage (linked to the guide), the penalty it starts; and how it grows if it never clears."""
    url = _Urls()
    # Each sentence looked up once per page, not once per loan.
    after_name, paid_of_due, from_next, since = (
        str(words) for words in (AFTER_NAME, PAID_OF_DUE, OVERDUE_FROM_NEXT, OVERDUE_SINCE)
    )
    penalty_about, penalty_contract = str(PENALTY_ABOUT), _word(PENALTY_CONTRACT)
    items = []
    for line in plan.going_overdue:
        stage_url = url("guidance:stage", line.overdue_stage.slug) if line.overdue_stage else ""
        figures = {
            "date": line.overdue_from.isoformat(),
            "stage_url": stage_url,
            "stage": escape(tr(line.overdue_stage, "title")) if line.overdue_stage else "",
        }
        if not line.debt.days_late:
            when = from_next % figures
        elif line.next_stage:
            when = OVERDUE_SINCE_NEXT % {
                **figures,
                "days": line.next_stage_in,
                "next": escape(tr(line.next_stage, "title")),
            }
        else:
            when = since % figures
        if line.outlook.penalty is not None:
            penalty = escape(penalty_about % {"penalty": money(line.outlook.penalty)})
        else:
            penalty = penalty_contract
        paid = paid_of_due % {
            "offer": money(line.outlook.offer),
            "payment": money(line.debt.payment),
        }
        grows = f" {_grows(line)}" if line.outlook.never_clears else ""
        # `when` is a translation with a link in it: its figures are escaped above.
        items.append(
            f'<li data-overdue-loan="{line.number}"><strong>{escape(line.title)}</strong>'
            f"{escape(after_name)}{escape(paid)} {when} {penalty}{grows}</li>"
        )
    return mark_safe("\n".join(items))


def growing_list(plan: plans.DebtPlan) -> SafeString:
    """The loans the plan's payment never clears that it pays in full: how each grows."""
    return mark_safe(
        "\n".join(
            f'<p data-grows-loan="{line.number}"><strong>{escape(line.title)}</strong>'
            f"{_word(AFTER_NAME)}{_grows(line)}</p>"
            for line in plan.never_clearing
            if not line.goes_overdue
        )
    )


def letter_buttons(plan: plans.DebtPlan) -> SafeString:
    """A button for each lender's letter, posting the plan's figures (the form debts-figures)
    to that letter's page."""
    return mark_safe(
        "\n".join(
            f'<li><button type="submit" form="debts-figures" '
            f'formaction="{reverse("debts:letter", args=[line.number])}" '
            f'class="btn btn-link rp-letter-button">'
            f"{escape(LETTER_FOR_OFFER % {'loan': line.title, 'offer': money(line.outlook.offer)})}"
            "</button></li>"
            for line in plan.letters
        )
    )


def printed_letters(letters: Sequence[tuple[plans.DebtLine, Sequence[Letter]]]) -> SafeString:
    """Each letter on a page of its own for the printed pack: Chinese first, then the reader's
    language."""
    sections = []
    for line, versions in letters:
        title = escape(LETTER_FOR % {"loan": line.title})
        texts = "".join(
            f'<div class="letter__print{" rp-printed-letter__again" if index else ""}" '
            f'lang="{escape(letter.language)}">{escape(letter.text).replace(chr(10), "<br>")}'
            "</div>"
            for index, letter in enumerate(versions)
        )
        sections.append(
            '<section class="print-only page-break-before rp-printed-letter" '
            f'aria-label="{title}"><p class="rp-printed-letter__for small">{title}</p>'
            f"{texts}</section>"
        )
    return mark_safe("\n".join(sections))


def overdue_names(plan: plans.DebtPlan) -> SafeString:
    """The loans the plan sends overdue, by name, in the order to call them: "A, B and C."."""
    names = _word(BETWEEN_NAMES).join(
        f"<strong>{escape(line.title)}</strong>" for line in plan.going_overdue
    )
    return mark_safe(f"{names}{_word(END_OF_LIST)}")


def share_rows(plan: plans.DebtPlan) -> SafeString:
    """The offers table's rows: each lender's monthly offer, the months it takes if interest
    stops (as the letter asks), what is owed and what is due."""
    rows = []
    for line in plan.lines:
        outlook = line.outlook
        months = outlook.months_without_interest or escape(MORE_THAN_50_YEARS)
        rows.append(
            f'<tr data-offer="{outlook.offer}"><th scope="row">{escape(line.title)}</th>'
            f"<td>{money(outlook.offer)}</td><td>{months}</td><td>{money(line.debt.owed)}</td>"
            f"<td>{money(line.debt.payment)}</td></tr>"
        )
    return mark_safe("\n".join(rows))


def spiral_table(plan: plans.DebtPlan) -> SafeString:
    """The spiral against the plan after each month shown (SPIRAL_MONTHS): what is owed each
    way, the difference, and what falls due that month when borrowing to pay."""
    picture, shown = plan.picture, plan.spiral_shown
    head = "".join(
        f'<th scope="col">{escape(AFTER_MONTHS % {"months": month.month})}</th>' for month in shown
    )
    rows = [
        (WITH_THE_PLAN, picture.total_owed, [("plan-owed", month.plan) for month in shown]),
        (BORROWING_TO_PAY, picture.total_owed, [("spiral-owed", month.spiral) for month in shown]),
        (MORE_BY_BORROWING, Decimal(0), [("", month.extra) for month in shown]),
        (DUE_BORROWING, picture.total_due, [("spiral-due", month.due) for month in shown]),
    ]
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{money(now)}</td>'
        + "".join(
            f"<td{f' data-{name}={chr(34)}{value}{chr(34)}' if name else ''}>{money(value)}</td>"
            for name, value in cells
        )
        + "</tr>"
        for label, now, cells in rows
    )
    return mark_safe(
        f'<thead><tr><td></td><th scope="col">{_word(NOW)}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody>"
    )
