"""Put one check together, going down once: read the input (apps.loans: the forms, the offer and
the budget, once), price and judge it in one pass through the engine (apps.finance.check), and
hold what the result page shows.

Only orchestration lives here: every figure comes from the engine, every word from the templates
and markup.py. The dated rate lines come from the database, never from code; the engine weighs
them by code and this module hands the page the rows themselves, with their sources.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.affordability import charts, markup
from apps.core.facts import line_terms, rate_lines, sources_by_key
from apps.core.models import LenderKind, RateLine, SavedResult, Source
from apps.core.pagecache import cached_content
from apps.finance import Plan, price
from apps.finance import budget as rules
from apps.finance.check import LineTerms, LoanCheck, check_loan
from apps.finance.overdue import OverdueCost
from apps.finance.reading import RateQuestion, RateReading
from apps.finance.schedule import Offer, Quote
from apps.finance.whatif import EarlyRepayment, WhatIf
from apps.loans.forms.budget import BUDGET_FIELDS, EARLY_FIELDS, EarlyRepaymentForm
from apps.loans.forms.check import (
    CheckInput,
    CompareInput,
    OfferRead,
    entered_figures,
    read_check,
    read_compare,
)
from apps.loans.forms.offer import COMPARE_PREFIXES, OFFER_FIELDS, LenderForm

# Each cost flag -> the Source keys it rests on (shown beside it, linked to
# /late/sources/#source-<key>).
FLAG_SOURCES = {
    price.FLAG_FEE_AT_PAYOUT: ("civil-code-670", "cash-loan-notice-2017"),
    price.FLAG_FLAT_FEE: ("pboc-2021-3",),
    price.FLAG_SHORT_TERM: ("cash-loan-notice-2017", "bank-internet-loans-2020"),
}
# The 21.75 paid days a month behind "days of work" (rules.WORKING_DAYS_PER_MONTH).
WORK_DAYS_SOURCES = ("mohrss-2008-3",)
# The late-payment assumption (rules.penalty_assumption) and the card exception to the lines.
PENALTY_SOURCES = ("pboc-penalty-interest-2003",)
CARD_SOURCES = ("spc-bank-card-2021",)
# A schedule longer than this shows its first rows until asked for all (the CSV has them all).
SCHEDULE_ROWS_SHOWN = 24


@dataclass(frozen=True)
class FlagView:
    flag: price.CostFlag
    line: RateLine | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Overdue:
    """The first instalment paid `days` late: at the contract's late rate, or at our assumption
    (`assumed`: the loan's yearly cost plus half again, a day; `capped`: at most `cap_line`), and
    what each line a court may hold this lender to allows for the delay."""

    days: int
    daily_rate: Decimal
    assumed: bool
    capped: bool
    cap_line: RateLine | None
    result: OverdueCost
    allowances: tuple[tuple[RateLine, Decimal], ...]


@dataclass(frozen=True)
class PossibleLine:
    """A line that binds some lenders and not others, shown when the lender is not known: as
    information, never as a breach. `above`: this loan's true cost is above it."""

    line: RateLine
    above: bool


@dataclass(frozen=True)
class Scenario:
    """One "what if": the changed loan's figures as a link would carry them, and its answers."""

    code: str
    inputs: dict[str, str]
    quote: Quote
    monthly_payment: Decimal
    verdict: price.Verdict


@dataclass(frozen=True)
class Early:
    """Repaying early, on the result page. Until the borrower asks (`asked`), the answer for
    repaying with the middle payment and no fee, and no form; once asked, the form as typed and
    its answer (None while the form has errors)."""

    asked: bool
    form: EarlyRepaymentForm | None
    result: EarlyRepayment | None


@dataclass(frozen=True)
class Facts:
    """The rate lines (as rows, and as the engine weighs them) and the sources a check cites,
    read together once per content version; `key` names this version of the lines, so that a
    page part drawn from them alone can be kept drawn ({% cache %}) until an admin edits one."""

    lines: dict[str, RateLine]
    terms: dict[str, LineTerms]
    sources: dict[str, Source]
    key: str


@dataclass
class Assessment:
    """Everything the result page shows for one offer and one budget: the input as read, the
    engine's check of it, and the rate lines and sources it cites (all rows, by code). What the
    page needs beyond the engine's figures is worked out when it is first asked for."""

    read: OfferRead
    budget: rules.Budget
    check: LoanCheck
    facts: Facts

    @property
    def all_lines(self) -> dict[str, RateLine]:
        return self.facts.lines

    @property
    def sources(self) -> dict[str, Source]:
        return self.facts.sources

    @property
    def quote(self) -> Quote:
        return self.check.quote

    @property
    def verdict(self) -> price.Verdict:
        return self.check.verdict

    @property
    def offer(self) -> Offer | Plan:
        return self.read.offer  # type: ignore[return-value]

    @property
    def reading(self) -> RateReading | None:
        return self.read.reading

    @property
    def rate_typed(self) -> str:
        return self.read.rate_typed

    @property
    def lender(self) -> str:
        return self.read.lender

    @property
    def stress(self) -> rules.StressTest:
        return self.check.stress

    @property
    def work(self) -> rules.DaysOfWork:
        return self.check.work

    @property
    def fee_at_payout(self) -> Decimal:
        return self.check.fee_at_payout

    @property
    def mode(self) -> str:
        return self.read.cleaned["mode"]

    @property
    def label(self) -> str:
        """The borrower's own name for the offer (comparisons), or empty."""
        return self.read.cleaned.get("label") or ""

    @property
    def budget_verdict(self) -> rules.BudgetVerdict:
        return self.verdict.budget

    @property
    def question(self) -> RateQuestion | None:
        return self.reading.question if self.reading else None

    @property
    def echo(self) -> str:
        """How the rate typed was read, as the engine used it, and, when we chose the method
        because the borrower did not, that we did ("" for a plan)."""
        if self.reading is None:
            return ""
        echo = markup.rate_echo(self.rate_typed, self.reading)
        if markup.common_method_chosen(self.reading, self.quote):
            echo = f"{echo} {markup.COMMON_METHOD_NOTE}"
        return echo

    @cached_property
    def question_words(self) -> tuple[str, str] | None:
        """The rate question's words and its link's words."""
        return markup.rate_question(self.reading) if self.question and self.reading else None

    @property
    def lender_label(self) -> str:
        return str(LenderKind(self.lender).label)

    @property
    def lender_known(self) -> bool:
        return self.lender != LenderKind.UNKNOWN

    def _pick(self, keys: tuple[str, ...]) -> tuple[Source, ...]:
        return tuple(self.sources[k] for k in keys if k in self.sources)

    @cached_property
    def flags(self) -> tuple[FlagView, ...]:
        shown = []
        for flag in self.check.flags:
            line = self.all_lines.get(flag.line) if flag.line else None
            cited = (line.source,) if line else self._pick(FLAG_SOURCES[flag.code])
            shown.append(FlagView(flag, line, cited))
        return tuple(shown)

    @cached_property
    def lines(self) -> tuple[RateLine, ...]:
        """The lines shown as this lender's: the reference rates (the LPR) and those that bind
        it, in the administrators' order."""
        binding = set(self.check.lines.binding)
        return tuple(
            line for code, line in self.all_lines.items() if not line.lenders or code in binding
        )

    @cached_property
    def possible_lines(self) -> tuple[PossibleLine, ...]:
        """For a lender not named: the lines that bind some lenders, as information."""
        return tuple(
            PossibleLine(self.all_lines[code], self.quote.apr > self.all_lines[code].value)
            for code in self.check.lines.possible
        )

    @cached_property
    def lpr_dated_after_start(self) -> RateLine | None:
        """The LPR row shown, when it took effect after this loan started (no row we hold was in
        force that day, so the earliest is shown): a loan is held to the LPR of its contract's
        day (spc-private-lending-2020), which may then differ."""
        lpr = self.all_lines.get(RateLine.Code.LPR_1Y)
        if lpr is not None and lpr.as_of > self.quote.start_date:
            return lpr
        return None

    @cached_property
    def overdue(self) -> Overdue:
        late = self.check.late
        return Overdue(
            days=late.cost.days_late,
            daily_rate=late.daily_rate,
            assumed=late.penalty is not None,
            capped=bool(late.penalty and late.penalty.capped),
            cap_line=self.all_lines.get(late.cap_line) if late.cap_line else None,
            result=late.cost,
            allowances=tuple((self.all_lines[code], allowed) for code, allowed in late.allowances),
        )

    @property
    def card_exception(self) -> bool:
        """A 24% line is shown for a lender that may be a bank: say it is no card's line."""
        return self.lender in (LenderKind.BANK, LenderKind.UNKNOWN)

    @cached_property
    def work_sources(self) -> tuple[Source, ...]:
        return self._pick(WORK_DAYS_SOURCES)

    @cached_property
    def penalty_sources(self) -> tuple[Source, ...]:
        return self._pick(PENALTY_SOURCES)

    @cached_property
    def card_sources(self) -> tuple[Source, ...]:
        return self._pick(CARD_SOURCES)


@dataclass
class Check:
    """A loan check: the input as read and, once it passes and the engine prices it, its
    assessment. `page` is the result page's context (links carry `inputs`, the figures as typed
    with the start date pinned); `token` names a saved result's link."""

    entry: CheckInput
    assessment: Assessment | None = None
    token: str = ""
    all_rows: bool = False

    @cached_property
    def inputs(self) -> dict[str, str]:
        # A link or saved result must show the same schedule tomorrow: pin the start date.
        inputs = dict(self.entry.typed)
        if self.assessment is not None:
            inputs.setdefault("start_date", self.assessment.quote.start_date.isoformat())
        return inputs

    @cached_property
    def page(self) -> dict[str, Any]:
        """Everything templates/affordability/result.html shows."""
        a = self.assessment
        assert a is not None
        inputs = self.inputs
        query = urlencode(inputs)  # once: the links below all carry the same figures
        # Without the early-repayment question: what the what-ifs, the rate question and the
        # early-repayment form start from.
        figures = {k: v for k, v in inputs.items() if k not in EARLY_FIELDS}
        if self.token:
            language_next = reverse("affordability:saved", args=[self.token])
            csv_url = reverse("affordability:saved_csv", args=[self.token])
            calculator_url = _link("guidance:calculator", urlencode({"saved": self.token}))
        else:
            language_next = _link("affordability:result", query)
            csv_url = _link("affordability:schedule_csv", query)
            # The calculator reads the loan check's own field names.
            calculator_url = _link("guidance:calculator", query)
        without_lender = {k: v for k, v in figures.items() if k != "lender"}
        rows = a.quote.rows
        shown = rows if self.all_rows else rows[:SCHEDULE_ROWS_SHOWN]
        all_rows_url = ""
        if len(shown) < len(rows):
            all_rows_url = _link("affordability:result", urlencode({**inputs, "rows": "all"}))
            if self.token:
                all_rows_url = reverse("affordability:saved", args=[self.token]) + "?rows=all"
        return {
            "a": a,
            "rules": rules,
            "price": price,
            "entered": entered_figures(self.entry),
            "payment_chart": charts.payment_bars(a.quote.rows),
            "schedule_rows": shown,
            "all_rows_url": all_rows_url,
            "budget_chart": charts.budget_bars(a.budget, a.budget_verdict),
            "what_ifs": [
                (scenario, _link("affordability:result", urlencode(scenario.inputs)))
                for scenario in scenarios(a, figures)
            ],
            "early": _early(self.entry, a),
            "early_url": _link(
                "affordability:result",
                urlencode({**figures, "early_after": a.quote.payment_count // 2}),
            ),
            "figures": figures,
            "question_url": question_link(a, figures),
            # The class, which the template calls only when it draws the question anew (it is
            # asked only when the lender is not known, so its list is the same every time).
            "lender_form": LenderForm,
            "lender_figures": without_lender,
            "compare_url": _link("loans:compare", urlencode(_as_first_offer(figures))),
            "saved_days": settings.REPAYABLE_SAVED_RESULT_DAYS,
            "kind": SavedResult.Kind.CHECK,
            "inputs": inputs,
            "language_next": language_next,
            "csv_url": csv_url,
            "calculator_url": calculator_url,
            "edit_url": _link("loans:check", query),
            "token": self.token,
            "today": timezone.localdate(),
        }


def _early(entry: CheckInput, a: Assessment) -> Early | None:
    """Repaying early, for a loan of more than one payment: the middle payment until asked."""
    if a.check.early is None:
        return None
    if not entry.early_asked:
        return Early(False, None, a.check.early)
    return Early(True, entry.early_form, a.check.early if entry.early_valid else None)


def _facts(started: date) -> Facts:
    """The lines in force on the day a loan started and the sources, with one look at the shared
    content version a check, not one for the lines and one for the sources. Kept per set of rows
    (loans that started between the same two changes of a line share them)."""
    lines = rate_lines(on=started)
    rows = "-".join(str(line.pk) for line in lines.values())
    return cached_content(f"check-facts-{rows}", lambda: _read_facts(lines, sources_by_key()))


def _read_facts(lines: dict[str, RateLine], sources: dict[str, Source]) -> Facts:
    shown = [
        (code, line.value, line.as_of, line.lenders, line.label_zh, line.label_en)
        + (line.meaning_zh, line.meaning_en, line.source.key, line.source.title_zh)
        + (line.source.title_en,)
        for code, line in lines.items()
    ]
    key = hashlib.sha256(repr(shown).encode()).hexdigest()[:16]
    return Facts(lines, line_terms(lines), sources, key)


def run_check(data: Any, *, token: str = "", all_rows: bool = False) -> Check:
    """Read `data` (a POST, a link's query or saved figures) and, when it passes, price and
    judge it: the input, then the engine, once each. `all_rows`: the page shows every payment."""
    entry = read_check(data)
    if not entry.valid:
        return Check(entry, token=token)
    read = entry.offer
    facts = _facts(read.quote.start_date)
    fee = entry.early_fee
    result = check_loan(
        offer=read.offer,
        quote=read.quote,
        budget=entry.budget,
        lender=read.lender,
        lines=facts.terms,
        kinds=LenderKind.values,
        penalty_daily_rate=read.cleaned.get("penalty_rate"),
        early_after=entry.early_after,
        early_fee_amount=fee.amount,
        early_fee_rate=fee.fraction,
    )
    assessment = Assessment(read, entry.budget, result, facts)
    return Check(entry, assessment, token, all_rows)


def _link(name: str, query: str) -> str:
    """A link to one of the site's pages carrying a check's figures (an urlencoded query)."""
    return f"{reverse(name)}?{query}"


def question_link(a: Assessment, figures: dict[str, str], prefix: str = "") -> str:
    """The link that works the loan out the other way its rate question offers ("" if none):
    another period (a month asked for after we read a day is confirmed, so not asked again) or
    another method."""
    question = a.question
    if question is None or (question.period is None and question.method is None):
        return ""
    changed = dict(figures)
    if question.period is not None:
        changed[f"{prefix}rate_period"] = question.period
        changed[f"{prefix}rate_confirmed"] = "1"
    if question.method is not None:
        changed[f"{prefix}method"] = question.method
    return urlencode(changed)


def _as_first_offer(figures: dict[str, str]) -> dict[str, str]:
    """A check's figures as the comparison form's offer 1 and its budget."""
    return {
        (f"{COMPARE_PREFIXES[0]}-{name}" if name in OFFER_FIELDS else name): value
        for name, value in figures.items()
        if name in OFFER_FIELDS or name in BUDGET_FIELDS
    }


def scenarios(a: Assessment, inputs: dict[str, str]) -> tuple[Scenario, ...]:
    """The engine's "what ifs", each with the figures a link to its own full result carries."""
    return tuple(
        Scenario(
            change.change.code,
            _changed_inputs(inputs, change.change),
            change.quote,
            change.monthly_payment,
            change.verdict,
        )
        for change in a.check.changes
    )


def _changed_inputs(inputs: dict[str, str], change: WhatIf) -> dict[str, str]:
    """The typed figures with the change written in, as the engine's exact figures."""
    changed = {k: v for k, v in inputs.items() if k not in ("first_due", *EARLY_FIELDS)}
    offer = change.offer
    if isinstance(offer, Offer):
        changed.update(amount=str(offer.amount), term=str(offer.term), term_unit=offer.term_unit)
        for name, amount, fraction in (
            ("fee_upfront", offer.fee_upfront_amount, offer.fee_upfront_rate),
            ("fee_per_period", offer.fee_per_period_amount, offer.fee_per_period_rate),
        ):
            if name in changed and not fraction:
                changed[name] = str(amount)
        return changed
    changed.update(received=str(offer.received), payment=str(offer.payment), count=str(offer.count))
    for name, value in (
        ("first_payment", offer.first_payment),
        ("last_payment", offer.last_payment),
        ("contract_amount", offer.contract_amount),
    ):
        if value is None:
            changed.pop(name, None)
        else:
            changed[name] = str(value)
    return changed


@dataclass
class Compare:
    """A comparison: the input as read and, once every offer passes, each one's assessment, as
    (offer number, assessment), cheapest true cost first; `best` is the number of the one to
    mark cheapest (None when even it is too expensive)."""

    entry: CompareInput
    ranked: list[tuple[int, Assessment]]
    best: int | None = None
    token: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.ranked)

    @cached_property
    def inputs(self) -> dict[str, str]:
        inputs = dict(self.entry.typed)
        for number, a in self.ranked:
            inputs.setdefault(f"o{number}-start_date", a.quote.start_date.isoformat())
        return inputs

    @cached_property
    def page(self) -> dict[str, Any]:
        """Everything templates/affordability/compare_result.html shows."""
        query = urlencode(self.inputs)
        figures = self.inputs
        return {
            "offers": [
                (number, a, question_link(a, figures, prefix=f"o{number}-"))
                for number, a in self.ranked
            ],
            "best": self.best,
            "budget": self.ranked[0][1].budget,
            "inputs": self.inputs,
            "language_next": reverse("affordability:saved", args=[self.token])
            if self.token
            else _link("affordability:compare", query),
            "edit_url": _link("loans:compare", query),
            "csv_url": reverse("affordability:saved_compare_csv", args=[self.token])
            if self.token
            else _link("affordability:compare_csv", query),
            "token": self.token,
            "today": timezone.localdate(),
            "rules": rules,
            "saved_days": settings.REPAYABLE_SAVED_RESULT_DAYS,
        }


def run_compare(data: Any, *, token: str = "") -> Compare:
    """Read two to four offers and one budget; when all pass, price and judge each, once."""
    entry = read_compare(data)
    compare = Compare(entry, [], token=token)
    if not entry.valid:
        return compare
    assessed = []
    for number, read in entry.offers:
        facts = _facts(read.quote.start_date)
        result = check_loan(
            offer=read.offer,
            quote=read.quote,
            budget=entry.budget,
            lender=read.lender,
            lines=facts.terms,
            kinds=LenderKind.values,
            penalty_daily_rate=read.cleaned.get("penalty_rate"),
        )
        assessed.append((number, Assessment(read, entry.budget, result, facts)))
    order, best = price.rank_by_price(aprs=[a.quote.apr for _number, a in assessed])
    compare.ranked = [assessed[index] for index in order]
    compare.best = None if best is None else assessed[best][0]
    return compare
