"""What people type into money, rate, count and term boxes, and what comes out: 1.5万, 10,000,
12期, 3家, 12个月, 30天."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.loans.fields import (
    FEE_BASIS,
    INTEREST_BASIS,
    MAX_INPUT_LENGTH,
    FeeField,
    FeeValue,
    MoneyField,
    NumberFormatError,
    PercentField,
    RateField,
    RateText,
    RateValue,
    TermField,
    WholeNumberField,
    parse_number,
    read_rate_text,
    term_unit_typed,
)
from tests.fuzz import examples

D = Decimal


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("10000", "10000"),
        ("10,000", "10000"),
        ("10 000", "10000"),
        ("1,234,567.89", "1234567.89"),
        ("１０，０００", "10000"),
        ("１０，０００．５", "10000.5"),
        ("1.5万", "15000"),
        ("1.5 万元", "15000"),
        ("2千", "2000"),
        ("10k", "10000"),
        ("10K", "10000"),
        ("3w", "30000"),
        ("500元", "500"),
        ("500 元", "500"),
        ("500¥", "500"),
        ("¥500", "500"),
        ("￥５００", "500"),
        ("  888.49  ", "888.49"),
        ("\u300010000\u3000", "10000"),
        ("0", "0"),
        (".5", "0.5"),
        ("0.0005", "0.0005"),
    ],
)
def test_money_accepts_what_people_type(typed, number):
    assert parse_number(typed) == D(number)


@pytest.mark.parametrize(
    ("typed", "number"),
    [("18%", "18"), ("0.05", "0.05"), ("0.05%", "0.05"), ("１８％", "18"), (" 1.5 % ", "1.5")],
)
def test_rates_accept_a_trailing_percent_sign(typed, number):
    assert parse_number(typed, money=False, allow_percent=True) == D(number)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "invalid"),
        ("abc", "invalid"),
        ("NaN", "invalid"),
        ("nan", "invalid"),
        ("Infinity", "invalid"),
        ("inf", "invalid"),
        ("1e5", "invalid"),
        ("1E5", "invalid"),
        ("0x10", "invalid"),
        ("-5", "negative"),
        ("－5", "negative"),
        ("+5", "invalid"),
        ("1,0000", "invalid"),  # commas must group thousands
        ("1,5", "invalid"),  # a decimal comma would silently mean 15
        ("10,000 000", "invalid"),  # one kind of separator
        ("1..5", "invalid"),
        ("1.5.5", "invalid"),
        ("万", "invalid"),
        ("1万万", "invalid"),
        ("5%", "percent"),
        ("1" * (MAX_INPUT_LENGTH + 1), "invalid"),
        ("10000000000000000000000000000", "too_large"),
        ("99999999999999999.5万", "too_large"),
        ("10_000", "invalid"),
    ],
)
def test_money_rejects_anything_else_with_a_reason(typed, code):
    with pytest.raises(NumberFormatError) as error:
        parse_number(typed)
    assert error.value.code == code


@pytest.mark.parametrize("typed", ["1.5万", "10k", "500元", "¥5"])
def test_rates_and_counts_take_no_money_words(typed):
    with pytest.raises(NumberFormatError):
        parse_number(typed, money=False, allow_percent=True)


class _Form(forms.Form):
    amount = MoneyField(min_value=D(0), min_inclusive=False, max_value=D(10_000_000))
    rate = PercentField(required=False, min_value=D(0))
    count = WholeNumberField(required=False, min_value=D(1), max_value=D(360))


def test_a_bound_form_keeps_what_was_typed_and_cleans_to_decimal_and_int():
    form = _Form({"amount": "1.5万", "rate": "18%", "count": "１２"})
    assert form.is_valid(), form.errors
    # A rate is typed in percent and comes out as the engine's fraction.
    assert form.cleaned_data == {"amount": D("15000"), "rate": D("0.18"), "count": 12}
    assert isinstance(form.cleaned_data["count"], int)
    bad = _Form({"amount": "lots", "count": "1.5"})
    assert not bad.is_valid()
    assert 'value="lots"' in str(bad["amount"])
    assert 'value="1.5"' in str(bad["count"])


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"amount": "0"}, "amount", "min_value"),
        ({"amount": "10000001"}, "amount", "max_value"),
        ({"amount": "1001万"}, "amount", "max_value"),
        ({"amount": "10.001"}, "amount", "decimals"),
        ({"amount": "-1"}, "amount", "negative"),
        ({"amount": "1", "count": "0"}, "count", "min_value"),
        ({"amount": "1", "count": "361"}, "count", "max_value"),
        ({"amount": "1", "count": "1.5"}, "count", "whole"),
        ({"amount": "1", "rate": "1e3"}, "rate", "invalid"),
        ({}, "amount", "required"),
    ],
)
def test_bounds_give_a_message_not_an_exception(data, field, code):
    form = _Form(data)
    assert not form.is_valid()
    assert form.errors.as_data()[field][0].code == code


def test_optional_fields_may_be_left_empty():
    form = _Form({"amount": "100", "rate": "  ", "count": ""})
    assert form.is_valid()
    assert form.cleaned_data["rate"] is None
    assert form.cleaned_data["count"] is None


@pytest.mark.parametrize(
    ("typed", "amount", "fraction"),
    [("500", "500", "0"), ("1千", "1000", "0"), ("10%", "0", "0.1"), ("０.５％", "0", "0.005")],
)
def test_a_fee_is_an_amount_or_a_fraction_of_the_loan(typed, amount, fraction):
    assert FeeField(required=False).clean(typed) == FeeValue(D(amount), D(fraction))


@pytest.mark.parametrize(("typed", "code"), [("101%", "max_value"), ("2000", "max_value")])
def test_a_fee_above_its_bound_is_refused_in_its_own_unit(typed, code):
    with pytest.raises(ValidationError) as error:
        FeeField(required=False, max_value=D(1000)).clean(typed)
    assert error.value.code == code


def test_inputs_bring_up_a_number_keypad_but_stay_text():
    html = str(_Form()["amount"])
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("一万", "10000"),
        ("两万", "20000"),
        ("两万五", "25000"),  # as people say it: twenty-five thousand
        ("一万五千", "15000"),
        ("三千五", "3500"),
        ("一百五", "150"),
        ("五百", "500"),
        ("十", "10"),
        ("十二", "12"),
        ("二十五", "25"),
        ("十万", "100000"),
        ("一万零五百", "10500"),
        ("一万零五", "10005"),
        ("一千零二十", "1020"),
        ("一千二百三十四", "1234"),
        ("一亿", "100000000"),
        ("1万5", "15000"),
        ("3万2千", "32000"),
        ("12万5千", "125000"),
        ("壹万伍仟", "15000"),  # the financial numerals of a contract
        ("一万元", "10000"),
        ("¥两千", "2000"),
        ("零", "0"),
        ("一点五万", "15000"),
        ("两点五千", "2500"),
        ("1点5万", "15000"),
        ("三点五", "3.5"),
        ("零点零五", "0.05"),
    ],
)
def test_money_reads_chinese_numerals(typed, number):
    assert parse_number(typed) == D(number)


@pytest.mark.parametrize(
    "typed",
    [
        "一二",
        "万",
        "1万万",
        "一万万",
        "三百四百",
        "一 万",
        "1.5万5",
        "一万多",
        "点五",
        "一点",
        "一点五点五",
        "一点十",
    ],
)
def test_chinese_numerals_that_are_not_a_number_are_refused(typed):
    with pytest.raises(NumberFormatError) as error:
        parse_number(typed)
    assert error.value.code == "invalid"


def test_counts_and_terms_read_chinese_numerals_too(en):
    from apps.loans.forms.offer import PlanForm, TermsForm

    form = TermsForm({"mode": "terms", "amount": "一万", "rate": "1", "term": "十二个月"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == D("10000")
    assert (form.cleaned_data["term"], form.cleaned_data["term_unit"]) == (12, "month")
    plan = PlanForm({"mode": "plan", "received": "两万五", "payment": "两千三", "count": "十二期"})
    assert plan.is_valid(), plan.errors
    assert plan.cleaned_data["count"] == 12 and plan.cleaned_data["payment"] == D("2300")


@settings(max_examples=examples(500), deadline=None)
@given(
    st.text(alphabet="零〇一二两三四五六七八九十百千万亿壹贰拾佰仟点0123456789.元¥ ", max_size=14)
)
def test_any_mix_of_chinese_numerals_gives_a_number_or_a_clear_refusal(text):
    try:
        number = parse_number(text)
    except NumberFormatError as error:
        assert error.code in {"invalid", "too_large"}
    else:
        assert number >= 0
        assert number == number.to_integral_value() or "." in text or "点" in text


@pytest.mark.parametrize(
    ("typed", "count"), [("12期", 12), ("１２期", 12), ("3家", 3), (" 2笔 ", 2)]
)
def test_a_count_may_carry_the_word_apps_put_after_it(typed, count):
    assert WholeNumberField(required=False).clean(typed) == count


@pytest.mark.parametrize("typed", ["12天", "12个月", "十二天", "twelve"])
def test_a_count_refuses_units_of_time_and_words(typed):
    with translation.override("en"), pytest.raises(ValidationError, match="whole number"):
        WholeNumberField(required=False).clean(typed)


def test_a_negative_count_says_what_is_allowed_not_just_that_it_is_negative():
    with translation.override("en"), pytest.raises(ValidationError, match="at least 1"):
        WholeNumberField(required=False, min_value=Decimal(1)).clean("-3")


@pytest.mark.parametrize(
    ("typed", "unit"), [("12个月", "month"), ("30天", "day"), ("８周", "week"), ("12", None)]
)
def test_a_term_names_its_unit_when_typed_with_one(typed, unit):
    assert term_unit_typed(typed) == unit
    assert TermField(required=False).clean(typed) == int("".join(c for c in typed if c.isdigit()))


@pytest.mark.parametrize(
    ("typed", "percent", "period"),
    [
        ("18", "18", None),
        ("18%", "18", None),
        ("年化18%", "18", "year"),
        ("万5", "0.05", "day"),
        ("万五", "0.05", "day"),
        ("日息万五", "0.05", "day"),
        ("万分之五", "0.05", "day"),
        ("月息2分", "2", "month"),
        ("2分利", "2", "month"),
        ("年息1分", "10", "year"),
        ("月息1厘", "0.1", "month"),
        ("年息1厘", "1", "year"),
        ("千分之一", "0.1", "day"),
        ("日利率0.05%", "0.05", "day"),
        ("0.05%/天", "0.05", "day"),
        ("1.5%每月", "1.5", "month"),
        ("月利率１.５", "1.5", "month"),
        # 分 and 厘 follow the period named (a 厘 is a tenth of a 分).
        ("日息5厘", "0.05", "day"),
        ("日息1分", "0.1", "day"),
        ("月息5厘", "0.5", "month"),
        ("5厘", "0.5", "month"),
        ("年息5厘", "5", "year"),
        ("日息１厘", "0.01", "day"),
    ],
)
def test_a_rate_is_read_the_way_apps_and_people_write_it(typed, percent, period):
    read = read_rate_text(typed)
    assert (read.percent, read.period) == (D(percent), period)


@pytest.mark.parametrize(
    ("typed", "percent", "period", "basis"),
    [
        # A fee rate is charged on the original amount: the flat-fee method, whatever its name.
        ("月费率0.6%", "0.6", "month", FEE_BASIS),
        ("月费率：0.6%", "0.6", "month", FEE_BASIS),
        ("费率0.6%", "0.6", None, FEE_BASIS),
        ("手续费率0.75", "0.75", None, FEE_BASIS),
        ("分期手续费率0.6%/月", "0.6", "month", FEE_BASIS),
        ("分期手续费0.6%", "0.6", None, FEE_BASIS),
        ("每月手续费0.6%", "0.6", "month", FEE_BASIS),
        ("服务费率1.2%", "1.2", None, FEE_BASIS),
        # Interest on what is still owed.
        ("日息5厘", "0.05", "day", INTEREST_BASIS),
        ("月息2分", "2", "month", INTEREST_BASIS),
        ("利率18%", "18", None, INTEREST_BASIS),
        ("年化利率18%", "18", "year", INTEREST_BASIS),
        ("18%（年化）", "18", "year", None),
        ("年化18%", "18", "year", None),
        ("0.05", "0.05", None, None),
        # Two words that disagree: the fee on the original amount costs more.
        ("月息手续费率0.6", "0.6", "month", FEE_BASIS),
    ],
)
def test_a_rates_words_say_how_it_is_charged(typed, percent, period, basis):
    assert read_rate_text(typed) == RateText(D(percent), period, basis)


@pytest.mark.parametrize("typed", ["日息2分/月", "每月0.5/天", "年化0.5%/日"])
def test_words_naming_two_periods_are_refused(typed):
    with pytest.raises(NumberFormatError):
        read_rate_text(typed)


@pytest.mark.parametrize("typed", ["万", "日息", "两分三", "abc", "万-5", "月息"])
def test_a_rate_that_is_not_a_rate_is_refused(typed):
    with pytest.raises(NumberFormatError):
        read_rate_text(typed)


def test_a_rate_field_cleans_to_a_fraction_with_the_period_and_basis_its_words_named():
    field = RateField(required=False)
    assert field.clean("日息万五") == RateValue(D("0.0005"), "day", INTEREST_BASIS, "日息万五")
    assert field.clean("1.5") == RateValue(D("0.015"), None, None, "1.5")
    assert field.clean("月费率０.６％") == RateValue(D("0.006"), "month", FEE_BASIS, "月费率0.6%")
    # The attributes My debts reads keep their meaning.
    value = field.clean("日息5厘")
    assert (value.fraction, value.period) == (D("0.0005"), "day")


def test_an_empty_rate_says_an_interest_free_offer_is_0():
    with translation.override("en"), pytest.raises(ValidationError, match="免息"):
        RateField().clean("")
