"""Rate lines by lender (issue 11): which line applies depends on who lends.

The 4 x LPR line is the courts' line for private lending only; licensed lenders answer to the
24% courts have held them to since 法发〔2017〕22号 (not 法释〔2020〕27号, which the 24% row used to
cite), to the 2025 rules for micro-loan companies and banks' partner platforms, and the 2017
cash-loan notice's 36% is that time's court line, not today's limit (shared/FACTS.md, "Caps and
lines" and "Rate lines since 2025"). Each row says whom it applies to, worded for them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import migrations, models

import apps.core.models

REVIEWED = date(2026, 12, 1)
LICENSED = "bank,consumer_finance,microloan,platform"

# key, confidence, last checked, title zh, title en, summary zh, summary en, order
SOURCES = [
    (
        "spc-financial-trials-2017",
        "M",
        REVIEWED,
        "最高人民法院关于进一步加强金融审判工作的若干意见（法发〔2017〕22号）",
        "Supreme People's Court opinions on further strengthening financial trials "
        "(Fa Fa [2017] No. 22)",
        "金融借款合同中，贷款人同时主张的利息、复利、罚息、违约金和其他费用总计超过年利率24%的部分，"
        "借款人请求调减的，法院应予支持。",
        "In a loan from a financial institution, when the lender claims interest, compound "
        "interest, penalty interest, liquidated damages and other fees that together exceed 24% a "
        "year, courts should grant the borrower's request to reduce the part above 24%.",
        45,
    ),
    (
        "microloan-cost-guideline-2025",
        "H",
        REVIEWED,
        "《小额贷款公司综合融资成本管理工作指引》（2025年12月24日印发地方金融管理部门）",
        "Guideline on micro-loan companies' comprehensive financing cost (sent to local "
        "regulators 2025-12-24)",
        "签约前须按年化方式披露全部利息和费用（利息、担保费、保险费等），未披露的不得收取；"
        "综合融资成本超过24%的新增贷款由地方金融管理部门处置；2027年底前新增贷款降至一年期LPR的4倍以内。",
        "Before signing, every interest and fee item (interest, guarantee, insurance...) must be "
        "disclosed as an annualised rate, and nothing undisclosed may be charged; new loans above "
        "24% a year all-in are to be dealt with by the local regulator; by the end of 2027 new "
        "loans are to come down to 4 times the one-year LPR.",
        55,
    ),
]

# code, value, as of, source key, applies to, label zh, label en, meaning zh, meaning en, order
RATE_LINES = [
    (
        "lpr_1y",
        Decimal("0.030000"),
        date(2025, 5, 20),
        "lpr-2025-05",
        "",
        "一年期贷款市场报价利率（LPR）",
        "One-year loan prime rate (LPR)",
        "这是银行给最优质客户的参考利率，用来衡量其他利率的高低；它不是上限。",
        "The reference rate banks quote to their best customers; other rates are measured "
        "against it. It is not a limit.",
        10,
    ),
    (
        "lpr_4x",
        Decimal("0.120000"),
        date(2025, 5, 20),
        "spc-private-lending-2020",
        "private,unknown",
        "4倍一年期LPR（民间借贷的司法保护上限）",
        "4 times the one-year LPR (the courts' line for private lending)",
        "只约束民间借贷（个人或非持牌机构放的贷）：约定利息超过合同成立时一年期LPR的4倍，超过部分法院不予支持。"
        "银行、消费金融公司、小额贷款公司等持牌机构不适用这条线。",
        "It binds private lending only (a loan from a person or an unlicensed lender): courts do "
        "not support interest agreed above 4 times the one-year LPR at the contract date. Banks, "
        "consumer-finance and micro-loan companies, which are licensed, fall under other rules.",
        20,
    ),
    (
        "line_24",
        Decimal("0.240000"),
        date(2017, 8, 4),
        "spc-financial-trials-2017",
        LICENSED + ",unknown",
        "年化24%（持牌机构在法院）",
        "24% a year (licensed lenders, in court)",
        "对银行、消费金融公司、小额贷款公司等持牌机构，法院在实践中把利息、罚息、违约金和各种费用合计控制在年化24%以内。"
        "这是法院支持多少的问题，不是可以不还的理由。",
        "For licensed lenders (banks, consumer-finance and micro-loan companies), courts in "
        "practice hold interest, penalty interest, damages and fees together to 24% a year. It "
        "is about what a court supports, not a reason to stop paying.",
        30,
    ),
    (
        "microloan_24",
        Decimal("0.240000"),
        date(2025, 12, 24),
        "microloan-cost-guideline-2025",
        "microloan",
        "年化24%（小额贷款公司新增贷款，2025年指引）",
        "24% a year (micro-loan companies' new loans, 2025 guideline)",
        "小额贷款公司综合融资成本超过24%的新增贷款，由地方金融管理部门处置；到2027年底，新增贷款要降到一年期LPR的4倍以内。"
        "签约前必须按年化披露全部利息和费用。",
        "Micro-loan companies' new loans above 24% a year all-in are to be dealt with by the "
        "local financial regulator, and by the end of 2027 new loans are to come down to 4 times "
        "the one-year LPR. Every interest and fee item must be disclosed as a yearly rate before "
        "signing.",
        35,
    ),
    (
        "help_lending",
        Decimal("0.240000"),
        date(2025, 10, 1),
        "nfra-help-lending-2025",
        "bank,platform",
        "年化24%（银行助贷业务，2025年10月起）",
        "24% a year (banks' lending through partner platforms, since 2025-10)",
        "银行通过平台放贷，综合融资成本必须包括担保费和增信服务费并向借款人明示；市场普遍理解为超过24%的产品会被清退。",
        "When a bank lends through a partner platform, the all-in cost shown to the borrower must "
        "include guarantee and credit-enhancement fees; the market reads the rules as pushing "
        "products above 24% a year out.",
        38,
    ),
    (
        "line_36",
        Decimal("0.360000"),
        date(2017, 12, 1),
        "cash-loan-notice-2017",
        LICENSED + ",private,unknown",
        "年化36%（2017年现金贷通知）",
        "36% a year (the 2017 cash-loan notice)",
        "2017年的现金贷通知要求综合年化成本不超过当时法院保护的上限，即36%。自2020年起法院的线已是LPR的4倍，"
        "所以36%不是今天的上限；但超过它的贷款，比中国用过的任何一条线都贵。",
        "The 2017 cash-loan notice held the all-in yearly cost to the court line of the time, "
        "36%. Since 2020 the court line has been 4 times the LPR, so 36% is not today's limit; "
        "but a loan above it costs more than every line China has used.",
        40,
    ),
]


def seed(apps, schema_editor):
    Source = apps.get_model("core", "Source")
    RateLine = apps.get_model("core", "RateLine")
    for key, confidence, checked, title_zh, title_en, sum_zh, sum_en, order in SOURCES:
        Source.objects.update_or_create(
            key=key,
            defaults={
                "confidence": confidence,
                "last_checked": checked,
                "title_zh": title_zh,
                "title_en": title_en,
                "summary_zh": sum_zh,
                "summary_en": sum_en,
                "sort_order": order,
            },
        )
    sources = {source.key: source for source in Source.objects.all()}
    for row in RATE_LINES:
        code, value, as_of, key, lenders, label_zh, label_en, mean_zh, mean_en, order = row
        RateLine.objects.update_or_create(
            code=code,
            defaults={
                "value": value,
                "as_of": as_of,
                "source": sources[key],
                "lenders": lenders,
                "label_zh": label_zh,
                "label_en": label_en,
                "meaning_zh": mean_zh,
                "meaning_en": mean_en,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    RateLine = apps.get_model("core", "RateLine")
    RateLine.objects.filter(code__in=["microloan_24", "help_lending"]).delete()
    # The 24% row goes back to the source it cited before; the rows' new wording stays.
    Source = apps.get_model("core", "Source")
    RateLine.objects.filter(code="line_24").update(source=Source.objects.get(key="spc-2020-27"))
    Source.objects.filter(key__in=[s[0] for s in SOURCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_seed_working_days_source")]

    operations = [
        migrations.AddField(
            model_name="rateline",
            name="lenders",
            field=models.CharField(
                blank=True,
                help_text=(
                    "The kinds of lender this line applies to, comma-separated: bank, "
                    "consumer_finance, microloan, platform, private, unknown. Empty: a reference "
                    "rate, never a limit."
                ),
                max_length=200,
                validators=[apps.core.models.validate_lender_kinds],
                verbose_name="applies to",
            ),
        ),
        migrations.AlterField(
            model_name="rateline",
            name="code",
            field=models.CharField(
                choices=[
                    ("lpr_1y", "One-year loan prime rate (LPR)"),
                    ("lpr_4x", "Four times the one-year LPR (the courts' line for private lending)"),
                    ("line_24", "24% a year (licensed lenders, in court)"),
                    ("microloan_24", "24% a year (micro-loan companies' new loans, 2025)"),
                    ("help_lending", "Banks' partner platforms: the all-in cost (2025)"),
                    ("line_36", "36% a year (the 2017 cash-loan notice)"),
                ],
                max_length=20,
                unique=True,
                verbose_name="line",
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
