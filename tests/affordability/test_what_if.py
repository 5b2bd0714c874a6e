"""What would make the loan safer: the what-if links and repaying early, on the result page."""

from __future__ import annotations

import re

import pytest

from tests.loans.helpers import check, plan
from tests.markup import field_errors

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[tuple[str, str]]:
    table = html.split('class="table table-sm rp-what-if"')[1].split("</table>")[0]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', table)


def test_each_change_has_its_payment_cost_and_verdict_and_a_link_to_its_own_check(en):
    html = en.post("/result/", check(essentials="3000")).content.decode()
    rows = _rows(html)
    assert [label for _link, label in rows] == [
        "Borrow half as much",
        "Repay in half the time",
        "Repay over twice as long",
    ]
    table = html.split('class="table table-sm rp-what-if"')[1].split("</table>")[0]
    assert "444.2" in table  # about half of 888.49 a month
    assert table.count("rp-badge--") == 4  # the loan as it is, and each change
    half_link = rows[0][0].replace("&amp;", "&")
    assert "amount=5000.00" in half_link and "fee_upfront=500.00" in half_link
    half = en.get(half_link).content.decode()
    assert 'id="true-apr">32.50%<' in half  # the same price, half the money


def test_a_plans_changes_keep_its_rate(zh):
    html = zh.post("/result/", plan(contract_amount="10000")).content.decode()
    links = [link.replace("&amp;", "&") for link, _label in _rows(html)]
    assert len(links) == 3
    longer = zh.get(links[2]).content.decode()
    assert "count=24" in links[2] and "contract_amount=10000" in links[2]
    assert 'id="true-apr">32.' in longer


def test_repaying_early_shows_what_it_takes_that_day_and_what_it_saves(en):
    url = "/result/?" + "&".join(f"{k}={v}" for k, v in check(fee_upfront="").items())
    html = en.get(url + "&early_after=6").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Repaying everything with payment 6, you pay" in text
    assert "Repaying early saves" in text
    assert "a true yearly cost of 12.00%" in text  # interest only to that day
    # The question stays on the page, filled in as typed.
    assert 'name="early_after" value="6"' in html
    with_fee = en.get(url + "&early_after=6&early_fee=3%25").content.decode()
    assert "a 154.48 yuan fee" in with_fee  # 3% of the 5,149.20 still owed


def test_repaying_early_with_the_last_payment_is_refused_beside_the_field(zh):
    url = "/result/?" + "&".join(f"{k}={v}" for k, v in check().items())
    html = zh.get(url + "&early_after=12").content.decode()
    assert "early_after" in field_errors(html)
    assert "11" in field_errors(html)["early_after"]


def test_the_result_works_out_repaying_half_way_and_links_to_the_question(en):
    html = en.post("/result/", check(fee_upfront="")).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Repaying everything with payment 6, you pay" in text
    assert 'name="early_after"' not in html  # no form until asked
    link = re.search(r'href="(/result/\?[^"]*early_after=6[^"]*)#early-title"', html).group(1)
    asked = en.get(link.replace("&amp;", "&")).content.decode()
    assert 'name="early_after" value="6"' in asked and 'name="early_fee"' in asked


def test_a_single_payment_loan_has_no_early_repayment_question(en):
    html = en.post("/result/", plan(count="1")).content.decode()
    assert 'name="early_after"' not in html
