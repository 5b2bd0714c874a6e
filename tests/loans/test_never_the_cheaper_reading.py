"""Nothing typed makes the first screen show a lower price than the offer's most likely reading.

With the method left at "not sure" and the period list at its default (a month), a bare figure
is read the way that costs more whenever it could be read two ways: it never costs less than
the old default reading (a month, equal payments), nor less than the other reading the result
offers in one click."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.finance import Method, Offer, RatePeriod, schedule_for_offer
from apps.loans.forms.offer import TermsForm
from tests.fuzz import examples

BASE = {"amount": "10000", "start_date": "2026-01-15", "term_unit": "month"}


def _quote(**typed: str):
    form = TermsForm({**BASE, **typed})
    assert form.is_valid(), form.errors
    return form.cleaned_data


def _apr(data, **changes):
    offer = data["offer"]
    fields = {k: getattr(offer, k) for k in ("amount", "rate", "term", "term_unit", "start_date")}
    fields.update({"rate_period": offer.rate_period, "method": offer.method, **changes})
    return schedule_for_offer(offer=Offer(**fields)).apr


rates = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("30"), places=2)


@settings(max_examples=examples(400), deadline=None)
@given(rate=rates, term=st.integers(min_value=2, max_value=36))
def test_a_bare_rate_with_the_lists_left_alone_never_reads_cheaper(rate, term):
    data = _quote(rate=str(rate), term=str(term))
    shown = data["quote"].apr
    # Never below the reading the form gave before issue 24: a month, equal payments.
    monthly_equal = _apr(
        data, rate=rate / 100, rate_period=RatePeriod.MONTH, method=Method.EQUAL_INSTALLMENT
    )
    assert shown >= monthly_equal
    # Never below the other reading it offers in one click.
    question = data["reading"].question
    if question is not None and (question.period or question.method):
        other = _apr(
            data,
            rate_period=question.period or data["rate_period"],
            method=question.method or data["method"],
        )
        assert shown >= other


@pytest.mark.parametrize(
    ("typed", "period", "method"),
    [
        # The default-period path: 0.05 "a month" is 日息万五, the likelier and dearer reading.
        ({"rate": "0.05"}, "day", "equal_installment"),
        # The default-method path: 0.6 a month is the size of a card-instalment fee rate.
        ({"rate": "0.6"}, "month", "flat_fee"),
        ({"rate": "1.5"}, "month", "flat_fee"),
        # Beyond the fee range, the most common method; 18 a month stays 216% and asks.
        ({"rate": "2"}, "month", "equal_installment"),
        ({"rate": "18"}, "month", "equal_installment"),
        # Words decide: a fee word, an interest word, a period word.
        ({"rate": "月费率0.6%"}, "month", "flat_fee"),
        ({"rate": "月息0.6%"}, "month", "equal_installment"),
        ({"rate": "日息5厘"}, "day", "equal_installment"),
        # A method chosen in the list is kept.
        ({"rate": "0.6", "method": "equal_installment"}, "month", "equal_installment"),
    ],
)
def test_the_default_paths_read_each_figure_as_it_was_most_likely_meant(typed, period, method):
    data = _quote(term="12", **typed)
    assert (data["rate_period"], data["method"]) == (period, method)


def test_the_issues_card_instalment_is_13_27_percent_with_the_defaults_left_alone():
    # 10,000 over 24 months at 0.6% a month, typed as a bare figure: the fee reading.
    data = _quote(rate="0.6", term="24")
    assert round(data["quote"].apr * 100, 2) == Decimal("13.27")
