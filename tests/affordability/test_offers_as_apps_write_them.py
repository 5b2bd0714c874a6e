"""Eight offers typed as Chinese lending apps write them, the method and period lists left at
their defaults: each shows its true APR on the first screen, in both languages, and says how its
rate was read (issue 24's Done-when). The expected APRs come from the worked examples in
docs/worked-examples.md or from the cash flows themselves (numpy-financial's IRR), never from
the engine."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import numpy_financial as npf
import pytest

pytestmark = pytest.mark.django_db

BUDGET = {"income": "8000", "start_date": "2026-01-15"}
# name, figures as typed, the true APR (percent, two places), how the echo reads the rate in
# Chinese (None for a plan).
OFFERS = [
    # Worked example 13: a card instalment at a 0.6% monthly fee rate over 24 months on 10,000
    # is 476.67 a payment, true APR 13.27% (not the 7.20% an interest reading gives).
    (
        "card_instalment",
        {"amount": "10,000", "rate": "月费率0.6%", "term": "24"},
        "13.27",
        "你填写的：月费率0.6% → 每月0.6%，每月按全部借款本金收费（等本等息）",
    ),
    # Worked example 9: a membership loan, 0.5% a month interest plus a 0.5% monthly
    # membership fee on the amount: 16.71%.
    (
        "membership_loan",
        {"amount": "10000", "rate": "月息0.5%", "term": "12", "fee_per_period": "0.5%"},
        "16.71",
        "你填写的：月息0.5% → 每月0.5%，按剩余本金计息",
    ),
    # 借呗 at 日息万五 (0.05% a day) over 12 months: the IRR of the schedule's own payments.
    (
        "jiebei",
        {"amount": "1万", "rate": "日息万五", "term": "12期"},
        None,
        "你填写的：日息万五 → 每天0.05%，按剩余本金计息",
    ),
    # 日息5厘 is 万五, 0.05% a day (never 0.5%): worked example 5, 30 days, 18.25%.
    (
        "five_li_a_day",
        {"amount": "10000", "rate": "日息5厘", "term": "30天"},
        "18.25",
        "你填写的：日息5厘 → 每天0.05%，按剩余本金计息",
    ),
    # 月息2分: 2% a month on what is still owed, 24.00% a year.
    (
        "two_fen_a_month",
        {"amount": "10000", "rate": "月息2分", "term": "12"},
        "24.00",
        "你填写的：月息2分 → 每月2%，按剩余本金计息",
    ),
    # 年化18%: 18.00%.
    (
        "eighteen_a_year",
        {"amount": "10000", "rate": "年化18%", "term": "12"},
        "18.00",
        "你填写的：年化18% → 每年18%，按剩余本金计息",
    ),
    # A 7-day loan, as the app shows it: receive 1,500, repay 2,000: 500 / 1,500 x 365 / 7.
    (
        "seven_days",
        {
            "mode": "plan",
            "received": "1500",
            "payment": "2000",
            "count": "1",
            "first_due": "2026-01-22",
        },
        "1,738.10",
        None,
    ),
    # 砍头息: worked example 6, 1,000 taken at payout from 10,000 at 月息1分: 32.50%.
    (
        "fee_at_payout",
        {"amount": "10000", "rate": "月息1分", "term": "12", "fee_upfront": "1000"},
        "32.50",
        "你填写的：月息1分 → 每月1%，按剩余本金计息",
    ),
]


def _schedule_payments(html: str) -> list[float]:
    table = html.split('class="table table-sm table-striped rp-schedule"')[1].split("</tbody>")[0]
    rows = re.findall(r"<tr><td>\d+</td>.*?</tr>", table)
    return [
        float(re.findall(r'class="text-end">([\d,.]+)<', row)[0].replace(",", "")) for row in rows
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("name", "typed", "apr", "echo"), OFFERS, ids=[o[0] for o in OFFERS])
def test_each_offer_shows_its_true_apr_on_the_first_screen(
    client, language, name, typed, apr, echo
):
    html = client.post("/result/", {**BUDGET, **typed}, HTTP_ACCEPT_LANGUAGE=language)
    html = unescape(html.content.decode())
    first_screen = html.split('class="rp-verdict__apr')[1].split("</p>")[0]
    shown = re.search(r"<strong>([\d,.]+)%</strong>", first_screen).group(1)
    if apr is None:
        # The IRR of the money received against every payment the page lists, a month apart.
        payments = _schedule_payments(html)
        apr = f"{npf.irr([-10000.0, *payments]) * 12 * 100:.2f}"
    assert abs(Decimal(shown.replace(",", "")) - Decimal(apr.replace(",", ""))) <= Decimal(
        "0.01"
    ), (name, shown, apr)
    if echo and language == "zh-hans":
        assert echo in html
    if echo and language == "en":
        assert "You typed: " + typed["rate"] in html


def test_the_card_instalment_shows_its_advertised_7_20_percent_only_beside_the_true_cost(zh):
    html = unescape(zh.post("/result/", {**BUDGET, **OFFERS[0][1]}).content.decode())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert 'id="true-apr">13.27%<' in html
    assert "7.20%" in text  # what the app advertises, a year
    assert "真实成本是宣传利率的 1.8 倍" in text
    # The price is judged by the 13.27%, and the fee rate is flagged as understating it.
    assert "真实年化成本13.27%，没有超过24%" in text
