"""`manage.py quote`: every one of docs/worked-examples.md through --json, and bad flags."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.finance import ERROR_CODES, schedule_for_offer
from apps.loans.management.commands.quote import SENTENCES
from tests.finance.helpers import make_offer

ROOT = Path(__file__).resolve().parents[2]
START = ["--start-date", "2025-01-15"]
TEN_THOUSAND_AT_1_PERCENT = ["--amount", "10000", "--rate", "1", "--term", "12"]


def quote(*flags: str) -> dict:
    out = StringIO()
    call_command("quote", *flags, *START, "--json", stdout=out)
    return json.loads(out.getvalue())


def percent(text: str, places: int) -> Decimal:
    return Decimal(text).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def payments(result: dict) -> list[Decimal]:
    return [Decimal(row["payment"]) for row in result["schedule"]]


@pytest.mark.parametrize(("basis", "expected"), [("365", "18.25"), ("360", "18.00")])
def test_example_1_daily_rate_annualised_and_compounded(basis, expected):
    result = quote(
        *("--amount", "10000", "--rate", "0.05", "--rate-period", "day", "--day-basis", basis),
        *("--term", "30", "--term-unit", "day"),
    )
    assert percent(result["advertised_annual_rate_percent"], 2) == Decimal(expected)
    assert percent(result["compounded_annual_rate_percent"], 2) == Decimal("20.02")


def test_example_2_equal_instalments():
    result = quote(*TEN_THOUSAND_AT_1_PERCENT)
    assert payments(result) == [Decimal("888.49")] * 11 + [Decimal("888.47")]
    assert result["total_repaid"] == "10661.86"


def test_example_3_equal_principal():
    result = quote(
        "--amount", "12000", "--rate", "1", "--term", "12", "--method", "equal_principal"
    )
    assert payments(result) == [Decimal(1120 - 10 * k) for k in range(12)]
    assert Decimal(result["total_interest"]) == Decimal("780")


def test_example_4_interest_first():
    result = quote(*TEN_THOUSAND_AT_1_PERCENT, "--method", "interest_first")
    assert payments(result) == [Decimal("100")] * 11 + [Decimal("10100")]
    assert percent(result["apr_percent"], 2) == Decimal("12.00")
    assert percent(result["effective_annual_rate_percent"], 2) == Decimal("12.68")


def test_example_5_one_time_repayment():
    result = quote(
        *("--amount", "10000", "--rate", "0.05", "--rate-period", "day"),
        *("--term", "30", "--term-unit", "day", "--method", "one_time"),
    )
    assert payments(result) == [Decimal("10150")]
    assert percent(result["apr_percent"], 2) == Decimal("18.25")
    assert percent(result["effective_annual_rate_percent"], 2) == Decimal("19.86")


@pytest.mark.parametrize(
    "flags",
    [
        ("--received", "9000", "--payment", "888.49", "--count", "12", "--every", "month"),
        (*TEN_THOUSAND_AT_1_PERCENT, "--fee-upfront", "1000"),
        (*TEN_THOUSAND_AT_1_PERCENT, "--fee-upfront", "10%"),
    ],
)
def test_example_6_head_cutting(flags):
    result = quote(*flags)
    assert abs(Decimal(result["period_rate_percent"]) - Decimal("2.7083")) < Decimal("0.0001")
    assert percent(result["apr_percent"], 2) == Decimal("32.50")
    assert percent(result["effective_annual_rate_percent"], 2) == Decimal("37.81")


def test_example_7_flat_fee_over_12_months():
    result = quote("--amount", "12000", "--rate", "0.6", "--term", "12", "--method", "flat_fee")
    assert set(payments(result)) == {Decimal("1072")}
    assert percent(result["apr_percent"], 2) == Decimal("13.03")
    assert percent(result["advertised_annual_rate_percent"], 2) == Decimal("7.20")


def test_example_8_flat_fee_over_6_months():
    result = quote("--amount", "6000", "--rate", "1.5", "--term", "6", "--method", "flat_fee")
    assert set(payments(result)) == {Decimal("1090")}
    assert percent(result["apr_percent"], 2) == Decimal("30.23")


def test_example_9_interest_plus_a_monthly_fee():
    result = quote("--amount", "10000", "--rate", "0.5", "--term", "12", "--fee-per-period", "0.5%")
    assert payments(result)[:-1] == [Decimal("910.66")] * 11
    assert percent(result["apr_percent"], 2) == Decimal("16.71")
    assert percent(result["effective_annual_rate_percent"], 2) == Decimal("18.05")


@pytest.mark.parametrize(
    "flags",
    [
        ("--received", "980", "--payment", "1000", "--count", "1", "--every", "week"),
        (
            *("--amount", "1000", "--rate", "0", "--rate-period", "day", "--term", "7"),
            *("--term-unit", "day", "--method", "one_time", "--fee-upfront", "20"),
        ),
    ],
)
def test_example_10_seven_day_loan(flags):
    result = quote(*flags)
    assert percent(result["apr_percent"], 2) == Decimal("106.41")
    assert percent(result["effective_annual_rate_percent"], 1) == Decimal("186.7")


@pytest.mark.parametrize(
    ("annual", "daily"), [("12", "0.03288"), ("24", "0.06575"), ("36", "0.09863")]
)
def test_example_11_daily_equivalents(annual, daily):
    result = quote("--amount", "10000", "--rate", annual, "--rate-period", "year", "--term", "12")
    assert percent(result["quoted_daily_rate_percent"], 5) == Decimal(daily)


def test_json_rates_are_decimal_strings_with_at_least_two_decimals():
    result = quote(*TEN_THOUSAND_AT_1_PERCENT)
    for key in ("apr_percent", "effective_annual_rate_percent"):
        assert re.fullmatch(r"-?\d+\.\d{2,}", result[key])
    assert set(result["schedule"][0]) == {
        "number",
        "due_date",
        "payment",
        "principal",
        "interest",
        "fees",
        "balance",
    }


def test_json_figures_are_the_engines_own():
    result = quote(*TEN_THOUSAND_AT_1_PERCENT, "--fee-separate", "50")
    engine = schedule_for_offer(offer=make_offer(fee_separate=Decimal("50")))
    assert Decimal(result["apr_percent"]) == round(engine.apr * 100, 6)
    assert result["total_cost"] == str(engine.total_cost)
    assert [row["balance"] for row in result["schedule"]] == [str(r.balance) for r in engine.rows]


def test_without_json_it_prints_a_readable_summary_and_schedule():
    out = StringIO()
    call_command("quote", *TEN_THOUSAND_AT_1_PERCENT, *START, stdout=out)
    text = out.getvalue()
    assert "True APR" in text
    assert len(text.splitlines()) > 12


@pytest.mark.parametrize(
    "flags",
    [
        ("--amount", "abc", "--rate", "1", "--term", "12"),
        ("--amount", "NaN", "--rate", "1", "--term", "12"),
        ("--amount", "1000", "--rate", "1", "--term", "twelve"),
        ("--amount", "1000", "--rate", "1", "--term", "12", "--rate-period", "week"),
        ("--amount", "1000", "--rate", "1", "--term", "12", "--first-due", "2025-13-01"),
        ("--amount", "1000", "--rate", "1"),
        ("--amount", "1000", "--rate", "1", "--term", "12", "--received", "900"),
        ("--amount", "0", "--rate", "1", "--term", "12"),
        ("--amount", "1000", "--rate", "1", "--term", "12", "--fee-upfront", "100%"),
        ("--received", "900", "--payment", "100", "--count", "0"),
    ],
)
def test_bad_flags_are_an_error_with_exit_status_2(flags):
    with pytest.raises(CommandError) as caught:
        call_command("quote", *flags, *START)
    assert caught.value.returncode == 2


@pytest.mark.parametrize(
    ("flags", "names"),
    [
        (("--amount", "abc", "--rate", "1", "--term", "12"), "--amount"),
        (("--amount", "0", "--rate", "1", "--term", "12"), "--amount"),
    ],
)
def test_on_the_command_line_a_bad_flag_is_one_line_on_stderr_and_exit_2(flags, names):
    environment = {
        **os.environ,
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "test-only-key-" + "x" * 40,
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "quote", *flags],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert names in done.stderr


def test_every_engine_refusal_has_a_sentence():
    assert set(SENTENCES) == set(ERROR_CODES)
    assert all(sentence and " " in sentence for sentence in SENTENCES.values())


@pytest.mark.parametrize(
    ("flags", "sentence"),
    [
        (
            ("--amount", "100000000", "--rate", "1", "--term", "12"),
            "--amount: the amount is above the 10,000,000 yuan this command prices",
        ),
        (
            ("--received", "900", "--payment", "100", "--count", "601"),
            "--count: that is more payments than this command prices (at most 600)",
        ),
    ],
)
def test_an_engine_refusal_is_a_sentence_not_a_bare_code(flags, sentence):
    with pytest.raises(CommandError) as caught:
        call_command("quote", *flags, *START)
    assert str(caught.value) == sentence
    assert "_" not in str(caught.value).split(": ", 1)[1]
