"""`python manage.py quote`: price one loan offer or shown plan from the command line.

For advisers and scripts. Flags mirror the loan form; rates are given in percent (--rate 0.05
--rate-period day is 0.05% a day) and fees as an amount (500) or a percent of the amount (5%).
The command only reads flags and prints: every figure comes from apps.finance.

    manage.py quote --amount 10000 --rate 1 --term 12 --fee-upfront 1000 --json
    manage.py quote --received 9000 --payment 888.49 --count 12 --every month
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from apps.finance import (
    DAY_BASES,
    ErrorCode,
    Frequency,
    Method,
    Offer,
    OfferError,
    Plan,
    Quote,
    RatePeriod,
    TermUnit,
    fraction_from_percent,
    schedule_for_offer,
    schedule_for_plan,
)

# The command-line flag behind each engine field, so that an engine error names what to fix.
FLAG_FOR_FIELD = {
    "amount": "--amount",
    "rate": "--rate",
    "rate_period": "--rate-period",
    "day_basis": "--day-basis",
    "term": "--term",
    "term_unit": "--term-unit",
    "method": "--method",
    "fee_upfront_amount": "--fee-upfront",
    "fee_upfront_rate": "--fee-upfront",
    "fee_per_period_amount": "--fee-per-period",
    "fee_per_period_rate": "--fee-per-period",
    "fee_separate": "--fee-separate",
    "start_date": "--start-date",
    "first_due": "--first-due",
    "received": "--received",
    "payment": "--payment",
    "count": "--count",
    "frequency": "--every",
    "first_payment": "--first-payment",
    "last_payment": "--last-payment",
    "contract_amount": "--contract-amount",
}
# Every refusal of the engine as a sentence for the person at the command line (English, as the
# command's flags and help are): tests/loans/test_quote_command.py checks each code has one.
SENTENCES = {
    ErrorCode.NOT_A_NUMBER: "this is not a number",
    ErrorCode.AMOUNT_NOT_POSITIVE: "the amount must be more than zero",
    ErrorCode.AMOUNT_TOO_LARGE: "the amount is above the 10,000,000 yuan this command prices",
    ErrorCode.RATE_NEGATIVE: "the rate cannot be below zero",
    ErrorCode.RATE_TOO_LARGE: "the rate is above 1,000% a period; check the rate and its period",
    ErrorCode.RATE_PERIOD_INVALID: "the rate period must be day, month or year",
    ErrorCode.DAY_BASIS_INVALID: "the day basis must be 360 or 365",
    ErrorCode.TERM_NOT_POSITIVE: "the term must be at least 1",
    ErrorCode.TERM_TOO_LONG: "the term is longer than this kind of loan can run",
    ErrorCode.TERM_UNIT_INVALID: "the term unit must be day, week or month",
    ErrorCode.METHOD_INVALID: "that is not a repayment method this command knows",
    ErrorCode.FREQUENCY_INVALID: "that is not a payment frequency this command knows",
    ErrorCode.FEE_NEGATIVE: "a fee cannot be below zero",
    ErrorCode.FEE_TOO_LARGE: "the fee is too large to price",
    ErrorCode.FEES_EXCEED_AMOUNT: "the fees taken at payout are as much as the loan itself",
    ErrorCode.FIRST_DUE_NOT_AFTER_START: "the first due date must fall after the start date",
    ErrorCode.RECEIVED_NOT_POSITIVE: "the money received must be more than zero",
    ErrorCode.CONTRACT_BELOW_RECEIVED: "the contract amount cannot be below the money received",
    ErrorCode.PAYMENT_NOT_POSITIVE: "a payment must be more than zero",
    ErrorCode.COUNT_NOT_POSITIVE: "there must be at least one payment",
    ErrorCode.COUNT_TOO_LARGE: "that is more payments than this command prices (at most 600)",
    ErrorCode.COUNT_TOO_SMALL: "a different first or last payment needs at least 2 payments",
    ErrorCode.NO_PAYMENTS: "there must be at least one payment above zero",
    ErrorCode.PAYMENT_NOT_AFTER_START: "every payment must fall after the start date",
    ErrorCode.DAYS_LATE_NEGATIVE: "days late cannot be below zero",
    ErrorCode.DAYS_LATE_TOO_LARGE: "that is more days late than this command prices",
    ErrorCode.PAYMENT_NUMBER_INVALID: "there is no payment with that number",
    ErrorCode.PENALTY_NEGATIVE: "a late-payment rate or fee cannot be below zero",
    ErrorCode.RATE_NOT_FOUND: "no rate prices these payments; check the figures",
}
OFFER_FLAGS = ("amount", "rate", "term", "fee_upfront", "fee_per_period", "fee_separate")
PLAN_FLAGS = ("received", "payment", "count", "first_payment", "last_payment")
BAD_FLAGS = 2  # the exit status argparse uses for a bad command line


def _number(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    return value


def _percent(text: str) -> Decimal:
    # Percent in, fraction out, as the forms do it.
    return fraction_from_percent(_number(text.removesuffix("%")))


def _fee(text: str) -> tuple[Decimal, Decimal]:
    """'500' is an amount, '5%' a share of the amount: (amount, fraction)."""
    if text.strip().endswith("%"):
        return Decimal(0), _percent(text.strip())
    return _number(text), Decimal(0)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _one_line_error(parser: CommandParser) -> Callable[[str], NoReturn]:
    def error(message: str) -> NoReturn:
        if parser.called_from_command_line:
            parser.exit(BAD_FLAGS, f"{parser.prog}: error: {message}\n")
        raise CommandError(f"Error: {message}", returncode=BAD_FLAGS)

    return error


class Command(BaseCommand):
    help = "Price one loan: quoted terms (--amount ...) or the plan an app shows (--received ...)."
    requires_system_checks: list[str] = []  # pure arithmetic: no database, no models

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # A bad flag is one line on stderr and exit status 2, without the long usage text.
        parser.error = _one_line_error(parser)  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        quoted = parser.add_argument_group("quoted terms")
        quoted.add_argument("--amount", type=_number, help="loan amount (face value)")
        quoted.add_argument("--rate", type=_percent, help="quoted rate in percent, e.g. 0.05")
        quoted.add_argument(
            "--rate-period", choices=[p.value for p in RatePeriod], default=RatePeriod.MONTH.value
        )
        quoted.add_argument("--day-basis", type=int, choices=DAY_BASES, default=365)
        quoted.add_argument("--term", type=int, help="term, in --term-unit")
        quoted.add_argument(
            "--term-unit", choices=[u.value for u in TermUnit], default=TermUnit.MONTH.value
        )
        quoted.add_argument(
            "--method", choices=[m.value for m in Method], default=Method.EQUAL_INSTALLMENT.value
        )
        quoted.add_argument("--fee-upfront", type=_fee, help="taken at payout: 500 or 5%%")
        quoted.add_argument("--fee-per-period", type=_fee, help="with every payment: 50 or 0.5%%")
        quoted.add_argument("--fee-separate", type=_number, help="one-off fee paid separately")
        plan = parser.add_argument_group("shown plan")
        plan.add_argument("--received", type=_number, help="money that reaches the borrower")
        plan.add_argument("--payment", type=_number, help="the regular payment")
        plan.add_argument("--count", type=int, help="number of payments")
        plan.add_argument(
            "--every", choices=[f.value for f in Frequency], default=Frequency.MONTH.value
        )
        plan.add_argument("--first-payment", type=_number)
        plan.add_argument("--last-payment", type=_number)
        plan.add_argument(
            "--contract-amount", type=_number, help="the amount the contract says is lent"
        )
        parser.add_argument("--start-date", type=_date, help="payout day (default: today)")
        parser.add_argument("--first-due", type=_date, help="first due date (default: one period)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        quote = self._quote(options)
        if options["json"]:
            self.stdout.write(json.dumps(_as_json(quote), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_as_text(quote))

    def _quote(self, options: dict[str, Any]) -> Quote:
        offer_given = [name for name in OFFER_FLAGS if options[name] is not None]
        plan_given = [name for name in PLAN_FLAGS if options[name] is not None]
        if offer_given and plan_given:
            self._bad("give quoted terms (--amount ...) or a shown plan (--received ...), not both")
        required = ("received", "payment", "count") if plan_given else ("amount", "rate", "term")
        missing = [name for name in required if options[name] is None]
        if missing:
            self._bad("missing " + ", ".join("--" + name.replace("_", "-") for name in missing))
        start = options["start_date"] or timezone.localdate()
        try:
            if plan_given:
                return schedule_for_plan(
                    plan=Plan(
                        received=options["received"],
                        payment=options["payment"],
                        count=options["count"],
                        frequency=options["every"],
                        start_date=start,
                        first_due=options["first_due"],
                        first_payment=options["first_payment"],
                        last_payment=options["last_payment"],
                        contract_amount=options["contract_amount"],
                    )
                )
            upfront_amount, upfront_rate = options["fee_upfront"] or (Decimal(0), Decimal(0))
            period_amount, period_rate = options["fee_per_period"] or (Decimal(0), Decimal(0))
            return schedule_for_offer(
                offer=Offer(
                    amount=options["amount"],
                    rate=options["rate"],
                    rate_period=options["rate_period"],
                    day_basis=options["day_basis"],
                    term=options["term"],
                    term_unit=options["term_unit"],
                    method=options["method"],
                    start_date=start,
                    first_due=options["first_due"],
                    fee_upfront_amount=upfront_amount,
                    fee_upfront_rate=upfront_rate,
                    fee_per_period_amount=period_amount,
                    fee_per_period_rate=period_rate,
                    fee_separate=options["fee_separate"] or Decimal(0),
                )
            )
        except OfferError as error:
            flag = FLAG_FOR_FIELD.get(error.field or "", "")
            sentence = SENTENCES.get(error.code, f"the engine refused the figures ({error.code})")
            self._bad(f"{flag}: {sentence}" if flag else sentence)

    def _bad(self, message: str) -> NoReturn:
        raise CommandError(message, returncode=BAD_FLAGS)


def _percent_text(rate: Decimal | None, places: int = 6) -> str | None:
    return None if rate is None else f"{rate.scaleb(2):.{places}f}"


def _as_json(quote: Quote) -> dict[str, Any]:
    return {
        "apr_percent": _percent_text(quote.apr),
        "effective_annual_rate_percent": _percent_text(quote.effective_annual_rate),
        "period_rate_percent": _percent_text(quote.period_rate, 8),
        "periods_per_year": str(quote.periods_per_year),
        "advertised_annual_rate_percent": _percent_text(quote.advertised_annual_rate),
        "compounded_annual_rate_percent": _percent_text(quote.compounded_annual_rate),
        "quoted_daily_rate_percent": _percent_text(quote.quoted_daily_rate, 8),
        "apr_to_advertised": (
            None if quote.apr_to_advertised is None else f"{quote.apr_to_advertised:.4f}"
        ),
        "principal": str(quote.principal),
        "amount_received": str(quote.amount_received),
        "net_received": str(quote.net_received),
        "total_repaid": str(quote.total_repaid),
        "total_interest": str(quote.total_interest),
        "total_fees": str(quote.total_fees),
        "total_cost": str(quote.total_cost),
        "start_date": quote.start_date.isoformat(),
        "first_due": quote.first_due.isoformat(),
        "last_due": quote.last_due.isoformat(),
        "term_days": quote.term_days,
        "payment_count": quote.payment_count,
        "method": None if quote.method is None else quote.method.value,
        "frequency": None if quote.frequency is None else quote.frequency.value,
        "flags": {
            "has_upfront_fee": quote.has_upfront_fee,
            "has_periodic_fee": quote.has_periodic_fee,
            "has_separate_fee": quote.has_separate_fee,
            "is_flat_fee": quote.is_flat_fee,
            "is_single_payment": quote.is_single_payment,
            "has_odd_first_period": quote.has_odd_first_period,
        },
        "solver_iterations": quote.solver_iterations,
        "schedule": [
            {
                "number": row.number,
                "due_date": row.due_date.isoformat(),
                "payment": str(row.payment),
                "principal": str(row.principal),
                "interest": str(row.interest),
                "fees": str(row.fees),
                "balance": str(row.balance),
            }
            for row in quote.rows
        ],
    }


def _as_text(quote: Quote) -> str:
    lines = [
        f"True APR            {_percent_text(quote.apr, 2)}%  "
        f"(effective annual rate {_percent_text(quote.effective_annual_rate, 2)}%)",
    ]
    if quote.advertised_annual_rate is not None:
        advertised = _percent_text(quote.advertised_annual_rate, 2)
        ratio = "" if quote.apr_to_advertised is None else f"  (x{quote.apr_to_advertised:.2f})"
        lines.append(f"Advertised          {advertised}%{ratio}")
    lines += [
        f"Money received      {quote.net_received:,}",
        f"Total repaid        {quote.total_repaid:,}",
        f"Total cost          {quote.total_cost:,}  "
        f"(interest {quote.total_interest:,}, fees {quote.total_fees:,})",
        "",
        f"{'#':>4}  {'due date':<10}  {'payment':>12}  {'principal':>12}  {'interest':>10}  "
        f"{'fees':>8}  {'balance':>12}",
    ]
    lines += [
        f"{row.number:>4}  {row.due_date.isoformat():<10}  {row.payment:>12,}  "
        f"{row.principal:>12,}  {row.interest:>10,}  {row.fees:>8,}  {row.balance:>12,}"
        for row in quote.rows
    ]
    return "\n".join(lines)
