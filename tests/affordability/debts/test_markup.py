"""My debts' markup written in Python (apps/affordability/debts/markup.py): what a borrower typed
is escaped everywhere it is shown, the words come in the reader's language, and the figures are
the plan's."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from apps.affordability.debts import markup
from apps.affordability.debts import plan as plans
from apps.finance import debts as engine
from tests.loans.helpers import four_loans

pytestmark = pytest.mark.django_db

TYPED = '<b onclick="x">&amp;'  # the longest a label may be: 20 characters


def _plan(**extra: str) -> plans.DebtPlan:
    plan = plans.run_debts(four_loans(**extra)).plan
    assert plan is not None
    return plan


def test_a_label_a_borrower_typed_is_escaped_wherever_it_is_shown():
    plan = _plan(**{"loan-1-label": TYPED})
    order = [(p, line, plan.sources[p.reason]) for p, line in plan.order]
    outputs = {
        "debt_list": markup.debt_list(plan),
        "order_list": markup.order_list(order, "/late/sources/"),
        "step_list": markup.step_list(plan, plan.picture.available),
        "cost_list": markup.cost_list(plan),
        "overdue_names": markup.overdue_names(plan),
        "share_rows": markup.share_rows(plan),
        "letter_buttons": markup.letter_buttons(plan),
    }
    for name, html in outputs.items():
        assert "<b onclick" not in html, name
        assert "&lt;b onclick=&quot;x&quot;&gt;&amp;amp;" in html, name


def test_the_words_follow_the_readers_language_and_the_figures_the_plan():
    plan = _plan()
    with translation.override("en"):
        english = markup.cost_list(plan)
    with translation.override("zh-hans"):
        chinese = markup.cost_list(plan)
    assert "of the 600.00 yuan due." in english and "Overdue since" in english
    assert "应还 600.00 元，计划还" in chinese and "起已经逾期" in chinese
    offers = re.findall(r'data-offer="([\d.]+)"', markup.share_rows(plan))
    assert [str(line.outlook.offer) for line in plan.lines] == offers


def test_the_sources_say_when_each_was_last_checked_and_none_says_nothing():
    plan = _plan()
    with translation.override("en"):
        html = markup.cited(plan.sources["plan"], "/late/sources/")
    source = plan.sources["plan"][0]
    assert f'href="/late/sources/#source-{source.key}"' in html
    assert f"(checked {source.last_checked.isoformat()})" in html
    assert markup.cited((), "/late/sources/") == ""


def test_the_spiral_table_shows_each_month_the_plan_shows():
    plan = _plan()
    html = markup.spiral_table(plan)
    for month in plan.spiral_shown:
        assert f'data-spiral-owed="{month.spiral}"' in html
        assert f'data-plan-owed="{month.plan}"' in html
        assert f'data-spiral-due="{month.due}"' in html


@pytest.mark.parametrize(
    "by_priority", [markup.REASON_WORDS, markup.CALL_FIRST_WORDS, plans.PRIORITY_SOURCES]
)
def test_every_reason_for_the_order_has_its_words_and_sources(by_priority):
    assert set(by_priority) == set(engine.PRIORITIES)
