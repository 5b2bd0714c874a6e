"""Seed the sources and the dated rate lines from shared/FACTS.md.

Administrators update these rows in the admin afterwards (a new LPR, a new cap); this migration
only gives a fresh database the figures known when it was written. Facts marked U in FACTS.md are
not seeded: they must never reach a page.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import migrations

REVIEWED = date(2026, 11, 29)

# key, confidence, last checked, title zh, title en, summary zh, summary en
SOURCES = [
    (
        "pboc-2021-3",
        "H",
        REVIEWED,
        "中国人民银行公告〔2021〕第3号",
        "People's Bank of China Announcement [2021] No. 3",
        "所有贷款产品都必须明示年化利率，且比日利率、月利率更醒目；年化利率要包括与贷款直接相关的各类费用，并按借款人实际可用的本金计算。",
        "Every lender must show an annualised rate, more prominently than any daily or monthly "
        "rate, covering all directly related fees, over the principal the borrower actually gets "
        "to use.",
    ),
    (
        "civil-code-670",
        "H",
        REVIEWED,
        "《民法典》第六百七十条",
        "Civil Code of the PRC, article 670",
        "借款的利息不得预先在本金中扣除；预先扣除的，应当按照实际借款数额返还借款并计算利息。",
        "Interest may not be deducted from the principal in advance; if it is, repayment and "
        "interest are computed on the amount actually lent.",
    ),
    (
        "spc-private-lending-2020",
        "H",
        REVIEWED,
        "最高人民法院关于审理民间借贷案件适用法律若干问题的规定（2020年8月20日修正）",
        "Supreme People's Court provisions on private lending cases (revised 2020-08-20)",
        "民间借贷受法律保护的利率上限为合同成立时一年期贷款市场报价利率（LPR）的4倍，取代了原来的24%和36%两条线。",
        "Courts protect private-lending interest only up to 4 times the one-year loan prime rate "
        "(LPR) at the time of the contract, replacing the older 24% / 36% two-tier rule.",
    ),
    (
        "spc-2020-27",
        "H",
        REVIEWED,
        "最高人民法院关于新民间借贷司法解释适用范围问题的批复（法释〔2020〕27号）",
        "Supreme People's Court reply on the scope of the private-lending interpretation "
        "(Fa Shi [2020] No. 27)",
        "自2021年1月1日起，小额贷款公司等地方金融组织不适用民间借贷司法解释；实践中法院通常把它们的综合成本控制在24%左右。",
        "From 2021-01-01, licensed local financial institutions such as micro-loan companies are "
        "outside the private-lending interpretation; in practice courts hold their total cost "
        "near 24% a year.",
    ),
    (
        "lpr-2025-05",
        "H",
        date(2025, 5, 20),
        "全国银行间同业拆借中心：贷款市场报价利率（LPR）公告",
        "National Interbank Funding Center: loan prime rate (LPR) announcement",
        "自2025年5月20日起，一年期LPR为3.0%，五年期以上LPR为3.5%；4倍一年期LPR即12%。",
        "Since 2025-05-20 the one-year LPR is 3.0% and the five-year LPR 3.5%, so 4 times the "
        "one-year LPR is 12%.",
    ),
    (
        "cash-loan-notice-2017",
        "M",
        REVIEWED,
        "《关于规范整顿“现金贷”业务的通知》（整治办函〔2017〕141号）",
        "Notice on regulating cash-loan business (Zheng Zhi Ban Han [2017] No. 141)",
        "现金贷的综合年化成本（含各类费用）应在法院保护的上限内（即“36%红线”）；不得在放款时预扣费用；展期不得超过两次；不得暴力催收。",
        "The all-in annual cost of a cash loan must stay within the court-protected limit (the "
        "“36% line”); no fees deducted at payout; at most two rollovers; no violent collection.",
    ),
    (
        "nfra-help-lending-2025",
        "H",
        REVIEWED,
        "国家金融监督管理总局关于商业银行互联网助贷业务的通知（2025年10月1日起施行）",
        "NFRA notice on banks' internet “help-lending” business (in force 2025-10-01)",
        "担保费、增信服务费等都要计入借款人的综合融资成本。",
        "Guarantee and credit-enhancement fees count in the borrower's comprehensive financing "
        "cost.",
    ),
    (
        "bank-internet-loans-2020",
        "H",
        REVIEWED,
        "《商业银行互联网贷款管理暂行办法》（2020年）",
        "Interim measures on commercial banks' internet loans (2020)",
        "银行互联网个人消费贷款每位借款人最多20万元；一次性还本付息的贷款期限不超过一年。",
        "Bank internet personal consumer loans are at most 200,000 yuan per borrower; loans "
        "repaid in one payment run at most one year.",
    ),
    (
        "nifa-convention-2018",
        "H",
        REVIEWED,
        "中国互联网金融协会《互联网金融逾期债务催收自律公约（试行）》（2018年）",
        "NIFA self-discipline convention on collecting overdue internet-finance debts (2018)",
        "只有在联系不上借款人时才可联系事先约定的紧急联系人；不得威胁、恐吓、侮辱；不得频繁致电。",
        "Pre-agreed emergency contacts may be called only when the borrower cannot be reached; "
        "no threats, intimidation or insults; no frequent calls.",
    ),
    (
        "nifa-guidelines-2024",
        "M",
        REVIEWED,
        "中国互联网金融协会催收工作指引（2024年5月15日）",
        "NIFA collection guidelines (2024-05-15)",
        "除非借款人同意，22:00至次日8:00不得催收；贷款机构及其委托机构每天接通的催收电话合计不超过3次；只向借款人本人催收，不向其联系人催收。",
        "No collection between 22:00 and 08:00 unless agreed; at most 3 connected collection "
        "calls a day across the lender and its agencies; collect from the borrower, not their "
        "contacts.",
    ),
    (
        "cba-collection-2026",
        "H",
        REVIEWED,
        "中国银行业协会催收工作指引（2026年1月30日）",
        "China Banking Association collection guideline (2026-01-30)",
        "未经同意不得在22:00至次日8:00打电话、上门或以其他方式催收；同一号码每天最多拨打6次；不得公开张贴、不得额外收费、不得诱导借新还旧、不得泄露隐私、不得威胁侮辱或使用暴力、不得联系无关第三人。",
        "No calls, visits or other collection between 22:00 and 08:00 without consent; at most "
        "6 call attempts a day on one number; no public notices, no extra fees, no pushing the "
        "borrower into new borrowing, no spreading private information, no threats, insults or "
        "violence, no contacting unrelated third parties.",
    ),
    (
        "cbirc-consumer-protection-2023",
        "H",
        REVIEWED,
        "《银行保险机构消费者权益保护管理办法》（2023年3月1日起施行）",
        "CBIRC measures on consumer protection by banks and insurers (in force 2023-03-01)",
        "委托外部机构催收前必须告知借款人；催收人员不得冒充公检法等国家工作人员，不得使用暴力、恐吓或欺诈手段。",
        "The borrower must be told before collection is outsourced; collectors may not "
        "impersonate officials or use violence, intimidation or fraud.",
    ),
    (
        "criminal-law-293-1",
        "H",
        REVIEWED,
        "《刑法》第二百九十三条之一（刑法修正案（十一），2021年3月1日起施行）",
        "Criminal Law article 293-1 (Amendment XI, in force 2021-03-01)",
        "以暴力、胁迫、限制人身自由、侵入住宅、恐吓、跟踪、骚扰等方式催收高利放贷等产生的非法债务，情节严重的，构成催收非法债务罪，最高可判处三年有期徒刑。",
        "Collecting illegal debts (from usury and the like) by violence or coercion, by "
        "restricting someone's freedom or entering their home, or by intimidating, stalking or "
        "harassing them is a crime when serious, punishable by up to three years.",
    ),
    (
        "beijing-anti-collection-scam-2022",
        "H",
        REVIEWED,
        "北京银保监局风险提示：警惕“反催收”“停息挂账”代理骗局（2022年）",
        "Beijing banking regulator warning on “anti-collection” and “stop interest” agents (2022)",
        "收费代办“停息挂账”“反催收”“征信修复”的中介是已知的骗局，可能骗取费用和个人信息。",
        "Paid “stop interest / suspend account / anti-collection” agents are a known scam that "
        "takes fees and personal information.",
    ),
    (
        "hotline-12378",
        "M",
        REVIEWED,
        "12378 银行保险消费者投诉热线（国家金融监督管理总局）",
        "12378: NFRA banking and insurance consumer complaint line",
        "可投诉消费金融公司、小额贷款公司等的费用不透明、利率过高和不当催收；工作日受理，一般15个工作日内答复。",
        "Takes complaints about consumer-finance and micro-loan firms, opaque fees, very high "
        "rates and improper collection; answers on weekdays, usually within 15 working days.",
    ),
    (
        "hotline-12363",
        "M",
        REVIEWED,
        "12363 中国人民银行金融消费权益保护咨询投诉电话",
        "12363: People's Bank of China financial consumer line",
        "受理征信异议等金融消费投诉；工作日接听，外地拨打需加区号。",
        "Handles credit-report disputes among other financial-consumer complaints; weekdays; "
        "dial with the local area code from another city.",
    ),
    (
        "police-110-96110",
        "H",
        REVIEWED,
        "110 报警电话与 96110 反诈专线",
        "110 police and 96110 anti-fraud line",
        "遇到暴力、威胁、限制人身自由或跟踪，立即拨打110；遇到诈骗拨打96110。",
        "Call 110 at once for violence, threats, confinement or stalking; 96110 for scams.",
    ),
    (
        "credit-reporting-regulation-16",
        "H",
        REVIEWED,
        "《征信业管理条例》第十六条",
        "Regulation on the administration of the credit-reporting industry, article 16",
        "不良信息自不良行为终止之日（即还清之日）起保存5年，期满后删除。",
        "Negative records are kept for 5 years from the day the overdue behaviour ends (when the "
        "debt is repaid), then deleted.",
    ),
    (
        "credit-report-dispute",
        "M",
        REVIEWED,
        "中国人民银行征信中心：征信异议处理",
        "PBOC Credit Reference Center: disputing a credit-report entry",
        "征信报告有错误，可以向征信中心或报送数据的贷款机构提出异议。",
        "A credit-report error can be disputed with the Credit Reference Center or the lender "
        "that reported it.",
    ),
    (
        "credit-repair-2025",
        "H",
        REVIEWED,
        "中国人民银行一次性信用修复政策（2025年12月22日公布）",
        "PBOC one-time credit repair (announced 2025-12-22)",
        "2020年1月1日至2025年12月31日间单笔不超过1万元的逾期，若在2026年3月31日前全部还清，将不再展示；自动、免费办理，收费“修复征信”的都是骗局。",
        "Single overdue amounts up to 10,000 yuan from 2020-01-01 to 2025-12-31 stop being shown "
        "if fully repaid by 2026-03-31; it is automatic and free, so anyone charging for "
        "“credit repair” is a scam.",
    ),
    (
        "civil-code-188-189",
        "H",
        REVIEWED,
        "《民法典》第一百八十八条、第一百八十九条",
        "Civil Code of the PRC, articles 188 and 189",
        "诉讼时效为3年，从债权人知道权利受损之日起算；分期履行的债务从最后一期履行期限届满之日起算。",
        "The limitation period is 3 years from when the creditor knew of the breach; for "
        "instalment debts it runs from the last instalment's due date.",
    ),
    (
        "reg-z-appendix-j",
        "H",
        REVIEWED,
        "美国《Z条例》附录J（精算法计算年化利率）",
        "US Regulation Z, Appendix J (actuarial APR method)",
        "年化利率按精算法计算：用单位期数加上不足一期的部分，对每一笔还款折现，使其等于实际拿到的金额。",
        "The APR is computed by the actuarial method: each payment is discounted over whole "
        "unit-periods plus a fractional period so that the sum equals the amount received.",
    ),
    (
        "fannie-mae-dti",
        "H",
        REVIEWED,
        "房利美（Fannie Mae）贷款审核指南：负债收入比",
        "Fannie Mae Selling Guide: debt-to-income ratio",
        "人工审核时，每月债务还款占收入的比例上限为36%（有储备时可到45%），自动审核上限为50%。",
        "Monthly debt payments may take up to 36% of income under manual underwriting (45% with "
        "reserves) and 50% under automated underwriting.",
    ),
    (
        "fca-conc-5-2a",
        "H",
        REVIEWED,
        "英国金融行为监管局 CONC 5.2A：可负担性评估",
        "UK FCA CONC 5.2A: creditworthiness and affordability",
        "贷款机构必须确认借款人能用扣除必要开支后的收入可持续地还款，且不会造成重大不利影响；监管没有规定固定比例。",
        "Lenders must check that repayments can be made sustainably, without significant adverse "
        "effect, from income after non-discretionary spending; no fixed ratio is set.",
    ),
    (
        "emergency-buffer",
        "M",
        REVIEWED,
        "个人理财常用建议：应急储备",
        "Common personal-finance guidance: an emergency buffer",
        "应急储备的第一个目标通常是3个月的必要开支，更稳妥的目标是6个月。",
        "An emergency buffer of 3 months of essential spending is the common first target; 6 "
        "months is the usual goal.",
    ),
]

# code, value, as of, source key, label zh, label en, meaning zh, meaning en, order
RATE_LINES = [
    (
        "lpr_1y",
        Decimal("0.030000"),
        date(2025, 5, 20),
        "lpr-2025-05",
        "一年期贷款市场报价利率（LPR）",
        "One-year loan prime rate (LPR)",
        "这是银行给最优质客户的参考利率，用来衡量其他利率的高低。",
        "The reference rate banks quote to their best customers; other rates are measured "
        "against it.",
        10,
    ),
    (
        "lpr_4x",
        Decimal("0.120000"),
        date(2025, 5, 20),
        "spc-private-lending-2020",
        "4倍一年期LPR（民间借贷保护上限）",
        "4 times the one-year LPR (private-lending protection cap)",
        "民间借贷超过这条线的利息，法院不予支持。",
        "Courts do not enforce private-lending interest above this line.",
        20,
    ),
    (
        "line_24",
        Decimal("0.240000"),
        date(2021, 1, 1),
        "spc-2020-27",
        "年化24%",
        "24% a year",
        "持牌机构（如小额贷款公司）的综合成本在实践中通常被控制在这条线以内。",
        "In practice courts hold the total cost of licensed lenders such as micro-loan companies "
        "near this line.",
        30,
    ),
    (
        "line_36",
        Decimal("0.360000"),
        date(2017, 12, 1),
        "cash-loan-notice-2017",
        "年化36%（“36%红线”）",
        "36% a year (the “36% line”)",
        "现金贷的综合年化成本（含所有费用）不应超过这条线。",
        "The all-in annual cost of a cash loan, every fee included, must not go past this line.",
        40,
    ),
]


def seed(apps, schema_editor):
    Source = apps.get_model("core", "Source")
    RateLine = apps.get_model("core", "RateLine")
    by_key = {}
    for order, (key, confidence, checked, title_zh, title_en, sum_zh, sum_en) in enumerate(
        SOURCES, start=1
    ):
        by_key[key], _ = Source.objects.update_or_create(
            key=key,
            defaults={
                "confidence": confidence,
                "last_checked": checked,
                "title_zh": title_zh,
                "title_en": title_en,
                "summary_zh": sum_zh,
                "summary_en": sum_en,
                "sort_order": order * 10,
            },
        )
    for code, value, as_of, source_key, label_zh, label_en, mean_zh, mean_en, order in RATE_LINES:
        RateLine.objects.update_or_create(
            code=code,
            defaults={
                "value": value,
                "as_of": as_of,
                "source": by_key[source_key],
                "label_zh": label_zh,
                "label_en": label_en,
                "meaning_zh": mean_zh,
                "meaning_en": mean_en,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("core", "RateLine").objects.filter(code__in=[r[0] for r in RATE_LINES]).delete()
    apps.get_model("core", "Source").objects.filter(key__in=[s[0] for s in SOURCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
