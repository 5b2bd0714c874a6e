"""The offer is two forms, chosen by the mode typed: only the chosen one is judged."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from apps.loans.forms.budget import BudgetForm, EarlyRepaymentForm
from apps.loans.forms.offer import (
    PlanForm,
    TermsForm,
    offer_input,
    offer_is_typed,
    priced_offer_form,
)
from tests.loans.helpers import PLAN, TERMS


def test_the_mode_typed_picks_the_form_and_anything_else_means_terms():
    assert isinstance(offer_input(PLAN).form, PlanForm)
    assert isinstance(offer_input(TERMS).form, TermsForm)
    assert isinstance(offer_input({**TERMS, "mode": ""}).form, TermsForm)
    assert isinstance(offer_input({"o2-mode": "plan"}, prefix="o2").form, PlanForm)


def test_the_other_modes_boxes_keep_what_was_typed_but_are_never_judged():
    offer = offer_input({**TERMS, "received": "lots", "count": "x"})
    assert offer.form.is_valid(), offer.form.errors
    assert offer.terms is offer.form
    assert not offer.plan.is_bound and not offer.plan.errors
    assert 'value="lots"' in str(offer.plan["received"])


def test_a_blank_page_shows_the_mode_an_adviser_link_asks_for():
    offer = offer_input(initial={"mode": "plan", "received": "9000"})
    assert isinstance(offer.form, PlanForm) and not offer.form.is_bound
    assert 'value="9000"' in str(offer.plan["received"])


def test_the_chosen_ways_figures_are_needed_and_say_so_in_the_readers_words():
    form = TermsForm({"mode": "terms"})
    assert not form.is_valid()
    assert set(form.errors) == {"amount", "rate", "term"}
    with translation.override("en"):
        assert form.errors["amount"] == ["Please fill this in."]
    with translation.override("zh-hans"):
        assert form.errors["amount"] == ["请填写这一项。"]
    plan = PlanForm({"mode": "plan"})
    assert not plan.is_valid() and set(plan.errors) == {"received", "payment", "count"}


def test_a_list_left_out_of_a_link_takes_its_usual_value():
    form = TermsForm({"amount": "10000", "rate": "2", "term": "12"})
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["mode"], data["rate_period"], data["term_unit"], data["method"]) == (
        "terms",
        "month",
        "month",
        "equal_installment",
    )
    # The method left out is "not sure": 2% a month is no fee rate, so the common method,
    # said to be ours; 1% a month could be a fee rate, so the dearer reading.
    assert data["reading"].method_from == "ours"
    fee_sized = TermsForm({"amount": "10000", "rate": "1", "term": "12"})
    assert fee_sized.is_valid() and fee_sized.cleaned_data["method"] == "flat_fee"
    assert PlanForm({"received": "900", "payment": "100", "count": "10"}).is_valid()


def test_a_nonsense_choice_is_an_error_not_a_default():
    form = TermsForm({**TERMS, "rate_period": "fortnight"})
    assert not form.is_valid()
    assert "rate_period" in form.errors


def test_rates_reach_the_engine_as_fractions_and_fees_as_amount_or_fraction():
    form = TermsForm({**TERMS, "rate": "1.5", "fee_upfront": "10%", "fee_per_period": "50"})
    assert form.is_valid(), form.errors
    offer = form.to_offer()
    assert offer.rate == Decimal("0.015")
    assert (offer.fee_upfront_amount, offer.fee_upfront_rate) == (0, Decimal("0.1"))
    assert (offer.fee_per_period_amount, offer.fee_per_period_rate) == (50, 0)


def test_an_engine_refusal_lands_beside_its_field():
    # A payment that never pays the loan back: the engine's error, on the plan's own field.
    form = PlanForm({**PLAN, "first_due": "2026-01-10"})
    assert priced_offer_form(form) is None
    assert "first_due" in form.errors


def test_only_typed_figures_say_an_offer_was_given():
    assert not offer_is_typed({"mode": "plan", "rate_period": "day", "every": "week"})
    assert offer_is_typed({"o3-payment": "100"}, prefix="o3")
    assert not offer_is_typed({"o3-payment": " "}, prefix="o3")


def test_the_budget_needs_only_the_income():
    assert BudgetForm({"income": "8000"}).is_valid()
    form = BudgetForm({})
    with translation.override("en"):
        assert form.errors["income"] == [
            "Please type your monthly income: we need it for the verdict."
        ]


def test_a_term_typed_in_days_overrides_the_unit_left_at_months():
    form = TermsForm(data={**TERMS, "term": "30天", "term_unit": "month"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["term"] == 30
    assert form.cleaned_data["term_unit"] == "day"


def test_a_period_named_in_the_rate_outranks_the_period_list():
    form = TermsForm({**TERMS, "rate": "日息万五", "rate_period": "month"})
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["rate"], data["rate_period"], data["reading"].period_from) == (
        Decimal("0.0005"),
        "day",
        "words",
    )
    listed = TermsForm({**TERMS, "rate": "1.5", "rate_period": "month"})
    assert listed.is_valid() and listed.cleaned_data["reading"].period_from == "list"


def test_a_fee_word_in_the_rate_outranks_the_method_list():
    form = TermsForm({**TERMS, "rate": "月费率0.6%", "method": "equal_installment"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["method"] == "flat_fee"
    assert form.cleaned_data["rate_typed"] == "月费率0.6%"


def test_the_form_builds_and_prices_the_engines_offer_once():
    form = TermsForm(TERMS)
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["offer"].amount == Decimal(10000)
    assert data["quote"].principal == Decimal(10000)
    assert priced_offer_form(form) is data["quote"]


def test_who_lends_defaults_to_i_dont_know_and_refuses_anything_else():
    form = TermsForm(TERMS)
    assert form.is_valid() and form.cleaned_data["lender"] == "unknown"
    assert TermsForm({**TERMS, "lender": "microloan"}).is_valid()
    assert "lender" in TermsForm({**TERMS, "lender": "loan shark"}).errors


def test_early_repayment_must_come_before_the_last_payment():
    assert EarlyRepaymentForm({"early_after": "11"}, payments=12).is_valid()
    form = EarlyRepaymentForm({"early_after": "12", "early_fee": "3%"}, payments=12)
    assert not form.is_valid() and "early_after" in form.errors
