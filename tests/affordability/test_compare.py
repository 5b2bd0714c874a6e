"""Two to four offers side by side against one budget."""

from __future__ import annotations

import re

import pytest

from apps.core.models import SavedResult
from tests.loans.helpers import BUDGET, PLAN, TERMS

pytestmark = pytest.mark.django_db


def _offer(number: int, figures: dict[str, str]) -> dict[str, str]:
    return {f"o{number}-{key}": value for key, value in figures.items()}


CHEAP = {**TERMS, "fee_upfront": "", "rate": "0.5"}


def _compare(*offers):
    data = dict(BUDGET)
    for number, figures in enumerate(offers, start=1):
        data |= _offer(number, figures)
    return data


def test_the_compare_form_has_four_offers_and_one_budget(en):
    html = en.get("/check/compare/").content.decode()
    for number in range(1, 5):
        assert f'name="o{number}-amount"' in html
        assert f'name="o{number}-mode"' in html
    assert html.count('name="income"') == 1


def test_two_offers_side_by_side_with_the_cheapest_and_each_verdict(en):
    response = en.post("/check/compare/", _compare(TERMS, CHEAP))
    assert response.status_code == 200
    html = response.content.decode()
    table = html.split('class="table rp-compare"')[1].split("</table>")[0]
    assert "32.50%" in table and "6.00%" in table
    cheapest = re.search(
        r'<td class="rp-best">([^<]+)<span class="rp-badge rp-badge--best">', table
    )
    assert cheapest.group(1).strip() == "6.00%"
    assert table.count("rp-badge--affordable") == 2
    assert 'role="status"' in html


def test_four_offers_mixing_terms_and_plans(en):
    expensive = {**TERMS, "rate": "3"}
    response = en.post("/check/compare/", _compare(TERMS, PLAN, CHEAP, expensive))
    html = response.content.decode()
    assert html.count('<th scope="col">Offer ') == 4
    assert "Above 36% a year" in html


def test_one_offer_is_not_a_comparison(en):
    html = en.post("/check/compare/", _compare(TERMS)).content.decode()
    assert "Fill in at least two offers to compare them." in html


def test_a_mistake_in_one_offer_is_shown_beside_it(en):
    html = en.post("/check/compare/", _compare(TERMS, {**CHEAP, "amount": "lots"})).content.decode()
    assert 'id="id_o2-amount_error"' in html
    assert "Offer 2, Amount borrowed (yuan)" in html


def test_the_comparison_fits_a_phone_by_scrolling_inside_its_own_box(en):
    html = en.post("/check/compare/", _compare(TERMS, CHEAP)).content.decode()
    assert 'class="table-responsive rp-scroll" role="region"' in html


def test_a_comparison_can_be_saved_and_reopened_and_switched_in_language(client):
    data = {**_compare(TERMS, CHEAP), "kind": "compare"}
    saved = client.post("/result/save/", data)
    assert saved.status_code == 302
    assert SavedResult.objects.get().kind == "compare"
    for language in ("en", "zh-hans"):
        page = client.get(saved["Location"], HTTP_ACCEPT_LANGUAGE=language)
        assert page.status_code == 200
        assert "6.00%" in page.content.decode()
    link = client.post("/check/compare/", _compare(TERMS, CHEAP), HTTP_ACCEPT_LANGUAGE="en")
    next_url = re.search(r'name="next" value="([^"]+)"', link.content.decode()).group(1)
    assert next_url.startswith("/result/compare/?")
    again = client.get(next_url.replace("&amp;", "&"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "真实成本最低" in again.content.decode()


def test_an_adviser_link_pre_fills_the_compare_form(en):
    html = en.get("/check/compare/", {"o1-amount": "5000", "o3-received": "900"}).content.decode()
    assert 'name="o1-amount" value="5000"' in html
    assert 'name="o3-received" value="900"' in html
