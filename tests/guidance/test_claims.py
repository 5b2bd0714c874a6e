"""What the guidance says, read from content/ itself, so that none of the debt adviser's
corrections (issue 23) can quietly come back: one test per claim that could regress."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from apps.core.content_files import Content, read_content
from apps.core.facts import SAFETY_LINES
from apps.core.letters import letters_for
from apps.core.models import Confidence, StageSection

ROOT = Path(settings.BASE_DIR)
NEW_TOPICS = [
    "is-it-a-crime",
    "safety-first",
    "family-owes",
    "court-letter",
    "enforcement-limits",
    "acceleration",
    "illegal-lenders",
    "other-credit-bureaus",
    "essentials-first",
    "home-visits",
]


@dataclass(frozen=True)
class Said:
    """One text of the guidance: where it is, both languages, the sources it rests on."""

    where: str
    zh: str
    en: str
    sources: tuple[str, ...]


@pytest.fixture(scope="module")
def content() -> Content:
    return read_content()


def _everything(content: Content) -> Iterator[Said]:
    for stage in content.stages:
        for text, field in ((stage.title, "title"), (stage.headline, "headline")):
            yield Said(f"{stage.path} {field}", text.zh, text.en, ())
        for kind in StageSection.Kind.values:
            cited = getattr(stage.sections, kind)
            for i, point in enumerate(cited.points, 1):
                where = f"{stage.path} {kind}[{i}]"
                yield Said(where, point.zh, point.en, tuple(cited.sources))
        for i, item in enumerate(stage.checklist, 1):
            yield Said(f"{stage.path} checklist[{i}]", item.zh, item.en, tuple(item.sources))
    for topic in content.topics:
        yield Said(f"{topic.path} summary", topic.summary.zh, topic.summary.en, ())
        for n, section in enumerate(topic.sections, 1):
            for i, point in enumerate(section.points, 1):
                where = f"{topic.path} sections[{n}][{i}]"
                yield Said(where, point.zh, point.en, tuple(section.sources))
    for rule in content.rules.rules:
        for part in (rule.rule, rule.binds, *rule.breaks):
            yield Said(f"rules.yaml {rule.code}", part.zh, part.en, tuple(rule.sources))
    for scam in content.scams.scams:
        for part in (scam.title, *scam.points, scam.advice):
            yield Said(f"scams.yaml {scam.code}", part.zh, part.en, tuple(scam.sources))
    # Names and titles name a thing; what is said of it is in the line's "when", the summary.
    for line in content.help_lines.help_lines:
        yield Said(
            f"help_lines.yaml {line.number}", line.when.zh, line.when.en, tuple(line.sources)
        )
    for source in content.sources:
        summary = source.summary
        yield Said(f"sources.yaml {source.key}", summary.zh, summary.en, (source.key,))
    for row in content.rate_lines.rate_lines:
        for part in (row.label, row.meaning):
            yield Said(f"rate_lines.yaml {row.code}", part.zh, part.en, (row.source,))


def _saying(content: Content, zh: str = "", en: str = "") -> list[Said]:
    """Every text whose Chinese matches `zh` or whose English matches `en` (regexes)."""
    return [
        said
        for said in _everything(content)
        if (zh and re.search(zh, said.zh)) or (en and re.search(en, said.en, re.IGNORECASE))
    ]


def _source(content: Content, key: str):
    return next(s for s in content.sources if s.key == key)


def _topic(content: Content, slug: str):
    return next(t for t in content.topics if t.slug == slug)


def _stage(content: Content, slug: str):
    return next(s for s in content.stages if s.slug == slug)


def _text_of(file) -> str:
    return str(file.model_dump())


# --- Corrections ------------------------------------------------------------------------------


def test_collection_agencies_collect_for_the_lender_and_never_buy_the_debt(content):
    wrong = _saying(
        content,
        zh=r"(转让|卖|出售|转卖)给?(第三方)?催收",
        en=r"(sold|transferred|sells?|transfers?) (the debt |it )?to (a |the )?"
        r"(third-party )?collection",
    )
    # Saying it is wrong is right: the debt-sold topic names the mistake in quotes.
    assert [s.where for s in wrong if "不对" not in s.zh] == []
    for said in _saying(content, zh=r"买下|买债", en=r"bought the debt"):
        assert re.search(r"资产管理公司|不会买|不买债", said.zh), said.where
    assert "只能批量" in _text_of(_topic(content, "debt-sold"))


def test_a_sold_debt_keeps_every_defence(content):
    for holder in (_topic(content, "debt-sold"), _stage(content, "over-6-months")):
        assert "第五百四十八条" in _text_of(holder) and "548" in _text_of(holder)
        assert "civil-code-548" in _text_of(holder)


def test_a_court_never_raises_the_time_limit_for_you(content):
    saying = _saying(content, zh=r"时效")
    over = [s for s in saying if "over-6-months" in s.where and "重新从头算" in s.zh]
    assert over and "第一百九十三条" in over[0].zh and "civil-code-193" in over[0].sources
    assert "不得主动适用" in _source(content, "civil-code-193").summary.zh


def test_24_percent_is_never_a_credit_card_line(content):
    for said in _saying(content, zh=r"信用卡"):
        if "24%" in said.zh:
            assert "没有固定" in said.zh, said.where
    for slug in ("before-due", "court"):
        costs = _stage(content, slug).sections.costs
        assert "spc-bank-card-2021" in costs.sources
        assert any("信用卡" in p.zh and "没有固定" in p.zh for p in costs.points), slug


def test_four_times_the_lpr_is_the_lpr_at_the_contract_date(content):
    for said in _saying(content, zh=r"民间借贷.*LPR.*4倍|民间借贷.*4倍.*LPR|LPR 4倍"):
        if "民间借贷" in said.zh and "sources.yaml" not in said.where:
            assert "合同成立时" in said.zh, said.where
            assert "contract date" in said.en or "at the time of the contract" in said.en, (
                said.where
            )
    lpr_4x = next(r for r in content.rate_lines.rate_lines if r.code == "lpr_4x")
    assert "合同成立时" in lpr_4x.meaning.zh


def test_the_2025_micro_loan_guideline_is_medium_confidence(content):
    assert _source(content, "microloan-cost-guideline-2025").confidence == Confidence.MEDIUM


def test_the_help_lending_rules_set_no_24_percent_figure(content):
    for said in _everything(content):
        if re.search(r"金规|助贷", said.zh) and "24%" in said.zh:
            assert "市场" in said.zh and "market" in said.en, said.where
    line = next(r for r in content.rate_lines.rate_lines if r.code == "help_lending")
    assert "market" in line.label.en and "市场" in line.label.zh
    assert "没有规定24%" in line.meaning.zh


def test_penalty_interest_on_bank_loans_is_the_contract_rate_plus_30_to_50_percent(content):
    costs = _stage(content, "days-1-7").sections.costs
    assert "pboc-penalty-interest-2003" in costs.sources
    assert any("30%到50%" in p.zh and "银发〔2003〕251号" in p.zh for p in costs.points)
    assert _source(content, "pboc-penalty-interest-2003").confidence == Confidence.MEDIUM


def test_agencies_come_at_one_to_two_months(content):
    assert _saying(content, zh=r"半年左右", en=r"around six months") == []
    happens = _stage(content, "months-1-3").sections.happens
    assert "collection-timing-practice" in happens.sources
    assert "1到2个月" in happens.points[0].zh and "1 to 2 months" in happens.points[0].en
    assert _source(content, "collection-timing-practice").confidence == Confidence.MEDIUM


def test_12378_is_never_sent_complaints_about_micro_loan_companies(content):
    for said in _saying(content, zh=r"12378"):
        assert "12345" in said.zh or "地方金融管理" in said.zh, said.where
        assert "12345" in said.en or "local financial regulator" in said.en, said.where
    for said in _saying(content, zh=r"小额贷款公司"):
        assert not re.search(r"投诉[^。；]*小额贷款公司[^。；]*12378", said.zh), said.where


def test_credit_report_notice_objection_and_complaint(content):
    topic = _text_of(_topic(content, "credit-report"))
    for key in (
        "credit-reporting-regulation-15",
        "credit-reporting-regulation-25",
        "credit-reporting-regulation-26",
    ):
        assert key in topic
        assert _source(content, key).confidence == Confidence.HIGH
    assert "20日内" in topic and "30日内" in topic and "第十五条" in topic
    credit = _stage(content, "days-1-7").sections.credit
    assert "credit-reporting-regulation-15" in credit.sources
    assert any("之前" in p.zh and "第十五条" in p.zh for p in credit.points)


def test_a_payment_order_can_be_objected_to_within_15_days(content):
    source = _source(content, "payment-order-objection")
    assert source.confidence == Confidence.HIGH
    assert "15日内" in source.summary.zh and "失效" in source.summary.zh
    topic = _text_of(_topic(content, "court-letter"))
    assert "第二百二十七条" in topic and "第二百二十八条" in topic
    assert "提出异议不是不还钱" in topic


def test_the_dishonest_debtor_list_needs_a_ground_and_inability_to_pay_is_not_one(content):
    listed = _saying(content, zh=r"失信")
    assert listed
    for said in listed:
        if "sources.yaml" in said.where or "列" in said.zh:
            assert "不是" in said.zh or "申报" in said.zh or "失信名单" in said.zh, said.where
    summary = _source(content, "spc-dishonest-debtors").summary.zh
    assert "妨碍" in summary and "财产报告" in summary and "没有能力还，不是" in summary


def test_the_card_instalment_article_is_never_on_an_ordinary_loans_checklist(content):
    for stage in content.stages:
        for item in stage.checklist:
            assert "credit-card-measures-2011" not in item.sources, stage.slug
    for said in _everything(content):
        if "credit-card-measures-2011" in said.sources and "sources.yaml" not in said.where:
            section = [s for s in _everything(content) if s.sources == said.sources]
            assert any("信用卡" in s.zh for s in section), said.where


def test_credit_repair_is_named_only_as_the_ended_2025_measure_or_a_scam(content):
    for said in _saying(content, zh=r"信用修复|修复征信|征信修复|“修复”", en=r"credit repair"):
        assert re.search(r"骗|截止|2025|不要付钱|收费", said.zh), said.where


def test_no_text_tells_a_borrower_they_may_refuse_to_pay(content):
    told = _saying(
        content, zh=r"(?<!不是)可以不还|不用还了|不必还", en=r"you (may|can) (refuse|stop)"
    )
    assert told == []
    for said in _saying(content, en=r"stop paying|refus\w* to pay"):
        assert re.search(r"no reason to stop paying|not a reason|not refusing|refuses", said.en), (
            said.where
        )


# --- Whom the rules bind ----------------------------------------------------------------------


def test_every_collection_rule_says_whom_it_binds(content):
    for rule in content.rules.rules:
        binds = rule.binds
        assert re.search(r"会员|法律|监管办法|国家标准", binds.zh), rule.code
        assert re.search(r"member|law|measures|standard", binds.en, re.IGNORECASE), rule.code
    laws = {r.code for r in content.rules.rules if "这是法律" in r.binds.zh}
    assert {"crime", "reputation-privacy", "personal-information", "public-security"} <= laws
    assert "criminal-law" in laws


def test_the_laws_that_bind_every_collector_are_named_with_their_articles(content):
    topic = _topic(content, "who-rules-bind")
    text = _text_of(topic)
    for article in (
        "第一千零二十四条",
        "第一千零三十二条",
        "第一千零三十三条",
        "第十条、第十三条",
        "治安管理处罚法",
        "第二百三十八条",
        "第二百四十五条",
        "第二百四十六条",
        "第二百五十三条之一",
        "第二百九十三条之一",
    ):
        assert article in text, article
    assert "会员" in topic.summary.zh and "每一个" in topic.summary.zh
    assert "members" in topic.summary.en and "every collector" in topic.summary.en


# --- The new topics ---------------------------------------------------------------------------


def test_each_new_topic_exists_in_both_languages_with_sources_and_a_review_date(content):
    for slug in NEW_TOPICS:
        topic = _topic(content, slug)
        assert topic.reviewed.isoformat() >= "2026-12-04", slug
        assert topic.title.zh and topic.title.en and topic.sections, slug
        for section in topic.sections:
            assert section.sources, slug
            for key in section.sources:
                assert _source(content, key).confidence in (Confidence.HIGH, Confidence.MEDIUM)


def test_malicious_overdraft_is_never_stated_without_its_purpose_element(content):
    conditions = _topic(content, "is-it-a-crime").sections[1]
    assert conditions.points[0].zh.startswith("以非法占有为目的")
    for said in _saying(content, zh=r"恶意透支"):
        if any(said.zh == point.zh for point in conditions.points):
            continue  # the list of conditions, which opens with the purpose
        assert "以非法占有为目的" in said.zh, said.where
    crime = _text_of(_topic(content, "is-it-a-crime"))
    for condition in (
        "以非法占有为目的",
        "两次有效催收",
        "30天",
        "3个月",
        "5万元",
        "法释〔2018〕19号",
    ):
        assert condition in crime, condition


def test_safety_first_names_every_number_and_says_it_is_not_legal_advice(content):
    text = _text_of(_topic(content, "safety-first"))
    assert all(number in text for number in SAFETY_LINES)
    assert "不是法律意见" in _topic(content, "safety-first").summary.zh
    assert "not legal advice" in _topic(content, "safety-first").summary.en
    assert _topic(content, "family-and-friends").safety_first


def test_the_family_owes_only_what_the_civil_code_says(content):
    text = _text_of(_topic(content, "family-owes"))
    for fact in ("第一千零六十四条", "第一千一百六十一条", "保证合同", "不欠"):
        assert fact in text, fact


def test_the_12356_line_reads_as_an_adviser_would_say_it(content):
    line = next(row for row in content.help_lines.help_lines if row.number == "12356")
    assert line.when.en.startswith("If things feel too much to bear")


# --- The letters' voice -----------------------------------------------------------------------


def _zh_letters() -> dict[str, str]:
    from apps.guidance.forms import ComplaintLetterForm

    with translation.override("zh-hans"):
        form = ComplaintLetterForm({"broken": ["hours", "public-security"]})
        assert form.is_valid()
        return {
            "plan": letters_for(
                "guidance/letters/plan.txt",
                {"owed": 9500, "per_month": 800, "start": "2026-12-15"},
            )[0].text,
            "statement": letters_for("guidance/letters/statement.txt", {})[0].text,
            "complaint": letters_for(
                "guidance/letters/complaint.txt", {"rules": form.broken_rules()}
            )[0].text,
        }


@pytest.mark.django_db
def test_the_letters_address_the_lender_one_way():
    for name, text in _zh_letters().items():
        assert "贵方" not in text and "你们" not in text, name
    letters = _zh_letters()
    assert "请贵司：" in letters["plan"] and "请贵司：" in letters["complaint"]
    assert "关于协商分期还款并暂停计收罚息的申请" in letters["plan"]
    assert "约束对象：" in letters["complaint"] and "这是法律" in letters["complaint"]


def test_no_letter_claims_the_lender_must_answer():
    catalogue = polib.pofile(str(ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"))
    letter_files = ("letters/", "debts/letter")
    for entry in catalogue:
        if any(f in path for path, _ in entry.occurrences for f in letter_files):
            text = f"{entry.msgid} {entry.msgstr}"
            assert not re.search(r"has to answer|must answer|必须答复|必须回复", text), entry.msgid
            assert "贵方" not in entry.msgstr and "你们" not in entry.msgstr, entry.msgid
            for form in entry.msgstr_plural.values():
                assert "贵方" not in form and "你们" not in form, entry.msgid
