"""Two to four offers side by side against one budget, ranked by the true yearly cost."""

from __future__ import annotations

import csv
import io
import re

import pytest

from apps.core.models import SavedResult
from tests.loans.helpers import BUDGET, PLAN, SEVEN_DAY_PLAN, TERMS

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


def _table(html: str) -> str:
    return html.split('class="table rp-compare"')[1].split("</table>")[0]


def test_two_offers_side_by_side_cheapest_true_cost_first_with_each_verdict(en):
    response = en.post("/result/compare/", _compare(TERMS, CHEAP))
    assert response.status_code == 200
    html = response.content.decode()
    table = _table(html)
    # Offer 2 (6.00%) is ranked before offer 1 (32.50%, a fee taken at payout).
    assert table.index("Offer 2") < table.index("Offer 1")
    assert table.index("6.00%") < table.index("32.50%")
    cheapest = re.search(
        r'<td class="rp-best">([^<]+)<span class="rp-badge rp-badge--best">', table
    )
    assert cheapest.group(1).strip() == "6.00%"
    # Two answers each: both fit the budget; the price tells them apart.
    assert table.count("rp-badge--affordable") == 2
    price_row = table.split("Is it worth its price?")[1].split("</tr>")[0]
    assert price_row.index("Fair price") < price_row.index("Expensive")
    assert 'role="status"' in html


def test_each_offer_can_be_named_and_its_payments_are_shown_in_yuan(en):
    data = _compare({**TERMS, "label": "借呗"}, {**CHEAP, "label": "bank A"})
    html = en.post("/result/compare/", data).content.decode()
    table = _table(html)
    assert "Offer 2, bank A" in table and "Offer 1, 借呗" in table
    payments = table.split('<th scope="row">Payments</th>')[1].split("</tr>")[0]
    # Yuan a payment, not the number of payments: 10,000 at 0.5% a month, 12 equal payments.
    assert "12 × 860.66 yuan (the last 860.70)" in payments
    assert "12 × 888.49 yuan (the last 888.47)" in payments
    total = table.split("You repay in all")[1].split("</tr>")[0]
    assert "10,661.86 yuan" in total


def test_a_name_is_a_few_words_never_more(en):
    data = _compare({**TERMS, "label": "x" * 21}, CHEAP)
    html = en.post("/result/compare/", data).content.decode()
    assert 'id="id_o1-label_error"' in html


def test_the_lowest_cost_in_yuan_is_never_badged_best_when_it_costs_more_a_year(en):
    # The case: 1,500 received, 2,000 repaid in 7 days costs 500 yuan, the least in
    # yuan of the three, and 1,738% a year. It must not be marked cheapest; it ranks last.
    html = en.post("/result/compare/", _compare(TERMS, CHEAP, SEVEN_DAY_PLAN)).content.decode()
    table = _table(html)
    assert "Lowest" not in table
    assert table.index("Offer 3") > table.index("Offer 1") > table.index("Offer 2")
    assert "1,738.10%" in table and "rp-best" not in table.split("1,738.10%")[0][-40:]


def test_when_every_offer_is_too_expensive_none_is_marked_cheapest(en):
    pricey = {**TERMS, "rate": "4"}  # 48% a year before its fee
    html = en.post("/result/compare/", _compare(pricey, {**pricey, "rate": "5"})).content.decode()
    assert "rp-best" not in _table(html)
    assert "Even the cheapest of these offers costs more than 36% a year" in html


def test_four_offers_mixing_terms_and_plans(en):
    expensive = {**TERMS, "rate": "3"}
    response = en.post("/result/compare/", _compare(TERMS, PLAN, CHEAP, expensive))
    html = response.content.decode()
    assert html.count('<th scope="col">Offer ') == 4
    assert "Above 36% a year" in html


def test_one_offer_is_not_a_comparison(en):
    html = en.post("/result/compare/", _compare(TERMS)).content.decode()
    assert "Fill in at least two offers to compare them." in html


def test_a_mistake_in_one_offer_is_shown_beside_it(en):
    data = _compare(TERMS, {**CHEAP, "amount": "lots"})
    html = en.post("/result/compare/", data).content.decode()
    assert 'id="id_o2-amount_error"' in html
    assert "Offer 2, Amount borrowed (yuan)" in html


def test_the_comparison_fits_a_phone_by_scrolling_inside_its_own_box(en):
    html = en.post("/result/compare/", _compare(TERMS, CHEAP)).content.decode()
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
    link = client.post("/result/compare/", _compare(TERMS, CHEAP), HTTP_ACCEPT_LANGUAGE="en")
    next_url = re.search(r'name="next" value="([^"]+)"', link.content.decode()).group(1)
    assert next_url.startswith("/result/compare/?")
    again = client.get(next_url.replace("&amp;", "&"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "真实成本最低" in again.content.decode()


def test_an_adviser_link_pre_fills_the_compare_form(en):
    html = en.get("/check/compare/", {"o1-amount": "5000", "o3-received": "900"}).content.decode()
    assert 'name="o1-amount" value="5000"' in html
    assert 'name="o3-received" value="900"' in html


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="loan-comparison.csv"' in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads UTF-8 only with a byte-order mark
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_comparison_downloads_as_csv_from_its_page(en):
    html = en.post("/result/compare/", _compare(TERMS, CHEAP)).content.decode()
    link = re.search(r'href="(/result/compare\.csv\?[^"]+)" download', html).group(1)
    rows = {row[0]: row[1:] for row in _csv(en.get(link.replace("&amp;", "&")))}
    # Ranked as on the page: the cheapest true cost first.
    assert rows[""] == ["Offer 2", "Offer 1"]
    assert rows["Can you repay it?"] == ["Affordable", "Affordable"]
    assert rows["Is it worth its price?"] == ["Fair price", "Expensive"]
    assert rows["True yearly cost (APR)"] == ["6.00%", "32.50%"]
    assert rows["Money you actually receive"] == ["10000.00", "9000.00"]
    # The same figures as the page's table, without the thousands separators.
    table = html.split('class="table rp-compare"')[1].split("</table>")[0]
    for total in rows["You repay in all"]:
        assert f"{float(total):,.2f} yuan" in table
    assert rows["Payments"] == [
        "12 × 860.66 yuan (the last 860.70)",
        "12 × 888.49 yuan (the last 888.47)",
    ]
    assert rows["Warnings"][0] == "0" and int(rows["Warnings"][1]) >= 1


def test_the_comparison_csv_speaks_the_readers_language(client):
    response = client.get(
        "/result/compare.csv", _compare(TERMS, CHEAP), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    rows = _csv(response)
    assert rows[0] == ["", "贷款 2", "贷款 1"]
    assert rows[1][0] == "我们的建议"


def test_a_saved_comparison_has_its_own_csv_and_a_saved_check_does_not(client):
    saved = client.post("/result/save/", {**_compare(TERMS, CHEAP), "kind": "compare"})
    page = client.get(saved["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{saved["Location"]}compare.csv" download' in page
    csv_rows = _csv(client.get(saved["Location"] + "compare.csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert csv_rows[0][1:] == ["Offer 2", "Offer 1"]
    assert client.get(saved["Location"] + "schedule.csv").status_code == 404
    check_saved = client.post("/result/save/", {**BUDGET, **TERMS})
    assert client.get(check_saved["Location"] + "compare.csv").status_code == 404


def test_a_comparison_csv_with_bad_figures_is_a_404(en):
    assert en.get("/result/compare.csv", _compare(TERMS)).status_code == 404
    assert en.get("/result/compare.csv", {"o1-amount": "junk"}).status_code == 404
