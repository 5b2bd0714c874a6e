"""Every guidance page in both languages: the stage pages, the timeline, the whole guide, rights,
scams and sources; with the database text, its sources and review dates."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from apps.core.models import (
    ChecklistItem,
    CollectionRule,
    Confidence,
    HelpLine,
    ScamWarning,
    Source,
    Stage,
    StageSection,
    Topic,
)
from apps.guidance.views import LOG_ROWS
from tests.guidance.helpers import STAGE_SLUGS

pytestmark = pytest.mark.django_db


PAGES = [
    ("guidance:timeline", [], "What happens if you are late", "逾期后会发生什么"),
    ("guidance:stage", ["months-1-3"], "1 to 3 months late", "逾期1–3个月"),
    ("guidance:stage", ["court"], "If it goes to court", "被起诉或收到法院文书"),
    ("guidance:topic", ["talk-to-your-lender"], "Talking to your lender", "自己跟贷款机构协商"),
    ("guidance:guide", [], "the whole guide", "完整指南"),
    ("guidance:rights", [], "Your rights when a debt is collected", "催收时你的权利"),
    ("guidance:scams", [], "Scams that target people in debt", "专骗欠债人的骗局"),
    ("guidance:letters", [], "Letters to send your lender", "寄给贷款机构的信"),
    ("guidance:letter_statement", [], "Ask for an itemised statement", "要求提供明细账单"),
    ("guidance:letter_plan", [], "Propose a repayment plan", "提出还款计划"),
    ("guidance:letter_complaint", [], "Complain about unlawful collection", "投诉违规催收"),
    ("guidance:calculator", [], "Days-late calculator", "逾期计算器"),
    ("guidance:sources", [], "About our sources", "关于我们的信息来源"),
]


def _h1(html: str) -> str:
    start = html.index("<h1")
    return html[html.index(">", start) + 1 : html.index("</h1>", start)]


@pytest.mark.parametrize(("name", "args", "english", "chinese"), PAGES)
def test_every_guidance_page_reads_in_english(en, name, args, english, chinese):
    response = en.get(reverse(name, args=args))
    assert response.status_code == 200
    html = response.content.decode()
    assert english in _h1(html)
    assert '<html lang="en">' in html


@pytest.mark.parametrize(("name", "args", "english", "chinese"), PAGES)
def test_every_guidance_page_reads_in_chinese(zh, name, args, english, chinese):
    response = zh.get(reverse(name, args=args))
    assert response.status_code == 200
    html = response.content.decode()
    assert chinese in _h1(html)
    assert english not in html


def test_timeline_is_an_ordered_list_of_every_stage_linking_to_its_page(en):
    html = en.get(reverse("guidance:timeline")).content.decode()
    timeline = html[html.index('<ol class="timeline">') : html.index("</ol>")]
    positions = [
        timeline.index(f'href="{reverse("guidance:stage", args=[stage.slug])}"')
        for stage in Stage.objects.all()
    ]
    assert positions == sorted(positions)
    assert "Reminders by text message, app notice and phone." in timeline


def test_the_timeline_asks_how_late_with_crispy_and_the_calculator_answers(en, zh):
    # The field is drawn as crispy-forms draws every field: its wrapper, label, input and help
    # tied together by ids, and its form sends `days` to the calculator by GET.
    html = zh.get(reverse("guidance:timeline")).content.decode()
    form = html[html.index('<form class="guide-quick"') :]
    form = form[: form.index("</form>")]
    assert f'action="{reverse("guidance:calculator")}" method="get"' in form
    assert 'id="div_quick-days"' in form
    assert re.search(r'<label\s+for="quick-days"[^>]*>\s*你逾期几天了？', form)
    assert re.search(r'<input[^>]*name="days"[^>]*id="quick-days"', form)
    assert 'aria-describedby="quick-days_helptext"' in form
    assert 'id="quick-days_helptext"' in form and "还没过还款日，就填0。" in form
    assert "rp-optional" not in form
    answer = en.get(reverse("guidance:calculator"), {"days": "10"}).content.decode()
    assert reverse("guidance:stage", args=["days-8-30"]) in answer


def test_a_stage_page_shows_each_section_the_checklist_sources_and_dates(zh):
    stage = Stage.objects.get(slug="days-8-30")
    html = zh.get(reverse("guidance:stage", args=[stage.slug])).content.decode()
    for heading in (
        "通常会发生什么",
        "会多付多少钱",
        "对征信的影响",
        "催收人员可以做什么",
        "催收人员不能做什么",
        "现在该做什么",
    ):
        assert heading in html
    for item in stage.checklist.all():
        assert item.text_zh in html
    section = stage.sections.get(kind=StageSection.Kind.CREDIT)
    assert section.body_zh.splitlines()[0] in html
    assert f'href="{reverse("guidance:sources")}#source-credit-report-status-codes"' in html
    assert "最近核对：" in html and f'datetime="{stage.last_reviewed:%Y-%m-%d}"' in html


def test_a_stage_page_links_its_neighbours_and_the_checklist(en):
    html = en.get(reverse("guidance:stage", args=["days-8-30"])).content.decode()
    assert 'rel="prev"' in html and reverse("guidance:stage", args=["days-1-7"]) in html
    assert 'rel="next"' in html and reverse("guidance:stage", args=["months-1-3"]) in html
    assert 'href="#days-8-30-todo"' in html and 'id="days-8-30-todo"' in html


def test_an_unknown_stage_is_a_friendly_404(en):
    response = en.get("/late/stages/no-such-stage/")
    assert response.status_code == 404
    assert "We could not find this page" in response.content.decode()


def test_whole_guide_has_five_chapters_each_on_a_new_page_and_no_page_links_are_printed(en):
    html = en.get(reverse("guidance:guide")).content.decode()
    chapters = re.findall(
        r'<section class="guide-chapter page-break-before" aria-labelledby="([^"]+)"', html
    )
    assert chapters == [
        "guide-stages",
        "guide-topics",
        "guide-rights",
        "guide-log",
        "guide-sources",
    ]
    # Contents first, then every stage and topic, in order, within their chapter.
    contents = html[html.index('class="guide-contents"') : html.index('id="guide-stages"')]
    for stage in Stage.objects.all():
        assert f'href="#stage-{stage.slug}"' in contents
        assert f'<article class="guide-stage" aria-labelledby="stage-{stage.slug}">' in html
    for topic in Topic.objects.all():
        assert f'href="#topic-{topic.slug}"' in contents and topic.title_en in html
    assert 'href="tel:12356"' in html
    # The links to other guidance pages are for the screen only.
    assert '<nav class="guide-more no-print"' in html
    assert "Contact log" in html and html.count("<tr><td></td>") == LOG_ROWS
    assert "Last checked:" in html


def test_a_topic_page_shows_each_section_with_its_sources_and_date(zh):
    topic = Topic.objects.get(slug="family-and-friends")
    html = zh.get(reverse("guidance:topic", args=[topic.slug])).content.decode()
    for section in topic.sections.all():
        assert section.heading_zh in html
        assert section.body_zh.splitlines()[0] in html
    assert '<blockquote class="guide-script">' in html
    assert f'href="{reverse("guidance:sources")}#source-collection-standard-2025"' in html
    assert "最近核对：" in html


def test_the_timeline_lists_every_help_topic(en):
    html = en.get(reverse("guidance:timeline")).content.decode()
    for topic in Topic.objects.all():
        assert f'href="{reverse("guidance:topic", args=[topic.slug])}"' in html


def test_an_unknown_topic_is_a_friendly_404(en):
    assert en.get("/late/help/no-such-topic/").status_code == 404


def test_rights_page_lists_every_rule_help_line_and_a_printable_contact_log(en):
    html = en.get(reverse("guidance:rights")).content.decode()
    assert "No collection between 22:00 and 08:00, unless you agreed" in html
    assert 'id="rule-officials"' in html
    assert 'href="tel:12378"' in html and 'href="tel:110"' in html
    for column in (
        "Date",
        "Time",
        "Who (name, company, number they used)",
        "What was said or done",
    ):
        assert f">{column}</th>" in html
    assert html.count("<tr><td></td><td></td><td></td><td></td></tr>") == LOG_ROWS
    assert reverse("guidance:letter_complaint") in html


@pytest.mark.parametrize(("reader", "words"), [("en", "automatic and free"), ("zh", "自动、免费")])
def test_scam_page_says_the_credit_repair_was_free_and_automatic(request, reader, words):
    client = request.getfixturevalue(reader)
    assert words in client.get(reverse("guidance:scams")).content.decode()


def test_sources_page_lists_every_source_the_guidance_cites_and_where(en):
    html = en.get(reverse("guidance:sources")).content.decode()
    cited = {
        source.key
        for model in (StageSection, ChecklistItem, CollectionRule, ScamWarning, HelpLine)
        for row in model.objects.prefetch_related("sources")
        for source in row.sources.all()
    }
    assert {"npl-transfer-pilot-2021", "credit-report-status-codes"} <= cited
    assert [key for key in sorted(cited) if f'id="source-{key}"' not in html] == []
    # Each source links back to the places that cite it.
    assert f'href="{reverse("guidance:stage", args=["months-1-3"])}#months-1-3-may_not"' in html
    assert f'href="{reverse("guidance:rights")}#rule-crime"' in html
    assert f'href="{reverse("guidance:scams")}#scam-credit-repair"' in html
    assert f'href="{reverse("guidance:topic", args=["debt-sold"])}#debt-sold-10"' in html


def test_an_unverified_source_cited_by_mistake_never_reaches_a_page(en):
    rumour = Source.objects.create(
        key="rumour",
        title_zh="传闻",
        title_en="A rumour we could not verify",
        summary_zh="未核实。",
        summary_en="Unverified.",
        confidence=Confidence.UNVERIFIED,
        last_checked="2026-11-01",
    )
    Stage.objects.get(slug="days-1-7").sections.get(kind="happens").sources.add(rumour)
    for url in (
        reverse("guidance:stage", args=["days-1-7"]),
        reverse("guidance:guide"),
        reverse("guidance:sources"),
    ):
        assert "A rumour we could not verify" not in en.get(url).content.decode(), url


def test_editing_a_section_in_the_database_changes_the_page(en):
    section = Stage.objects.get(slug="settled").sections.get(kind="happens")
    section.body_en = "A first point.\nA second point."
    section.save()
    html = en.get(reverse("guidance:stage", args=["settled"])).content.decode()
    assert "<li>A first point.</li><li>A second point.</li>" in html


def test_sources_page_lists_rate_lines_with_their_dates(en):
    html = en.get(reverse("guidance:sources")).content.decode()
    assert "One-year loan prime rate (LPR)" in html
    assert "3.00%" in html
    assert "2025-05-20" in html
    assert "Last checked" in html


def _who_binds(html: str) -> str:
    return html.split('class="who-binds"')[1].split("</aside>")[0]


# Every stage page lists what collectors may and may not do.
@pytest.mark.parametrize("slug", STAGE_SLUGS)
def test_every_stage_page_says_whom_the_collection_rules_bind(en, slug):
    box = _who_binds(en.get(reverse("guidance:stage", args=[slug])).content.decode())
    assert "bind their members" in box and "bind every collector" in box
    assert "Personal Information Protection Law" in box and "art. 293-1" in box
    assert reverse("guidance:topic", args=["who-rules-bind"]) in box


@pytest.mark.parametrize(
    "url", ["guidance:rights", "guidance:letter_complaint", "guidance:guide", "guidance:topic"]
)
def test_every_other_page_with_collection_rules_says_whom_they_bind(zh, url):
    args = ["who-rules-bind"] if url == "guidance:topic" else []
    html = zh.get(reverse(url, args=args)).content.decode()
    assert "约束每一个催收的人" in html and "会员" in html


def test_each_rule_on_the_rights_page_says_whom_it_binds(zh):
    html = zh.get(reverse("guidance:rights")).content.decode()
    for rule in CollectionRule.objects.all():
        item = html.split(f'id="rule-{rule.code}"')[1].split("</li>")[0]
        assert "约束对象：" in item and rule.binds_zh in item, rule.code


def test_a_stage_page_links_the_questions_people_ask_there_and_they_link_back(en):
    html = en.get(reverse("guidance:stage", args=["over-6-months"])).content.decode()
    for slug in ("court-letter", "enforcement-limits", "home-visits", "family-owes"):
        assert reverse("guidance:topic", args=[slug]) in html, slug
    topic = en.get(reverse("guidance:topic", args=["enforcement-limits"])).content.decode()
    assert reverse("guidance:stage", args=["over-6-months"]) in topic
    assert reverse("guidance:stage", args=["court"]) in topic
