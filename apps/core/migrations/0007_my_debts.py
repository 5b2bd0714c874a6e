"""My debts (issue 12): saved debt plans, and the sources its order and plan rest on
(shared/FACTS.md, "Debt plans" (M) and "Credit record and time limits": the court path (H))."""

from __future__ import annotations

from datetime import date

from django.db import migrations, models

REVIEWED = date(2026, 12, 1)

# key, confidence, title zh, title en, summary zh, summary en, order
SOURCES = [
    (
        "debt-plans",
        "M",
        "英国债务慈善机构的债务管理计划做法",
        "UK debt charities' practice in debt-management plans",
        "先处理后果最严重的优先债务；必要开支之后剩下的钱，按每位债权人被欠的金额按比例分配，不偏向任何一方；先还利率最高的，总利息最少。",
        "Priority debts, those with the harshest consequences, come first; what is left after "
        "essential spending is shared between the other creditors in proportion to what each is "
        "owed, so that none is favoured; paying the highest rate first costs the least interest.",
        285,
    ),
    (
        "court-path",
        "H",
        "民事诉讼与执行程序（诉前调解、支付令、诉讼、强制执行）",
        "Civil procedure and enforcement in China (pre-suit mediation, payment orders, lawsuits, "
        "enforcement)",
        "贷款纠纷可能经过诉前调解、支付令或诉讼，然后进入强制执行；不履行判决会被限制高消费，有能力履行而拒不履行的才会被列为失信被执行人。",
        "A loan dispute can go through pre-suit mediation, a payment order or a lawsuit, then "
        "enforcement; ignoring a judgment brings limits on high spending, and only someone able "
        "to pay who refuses is listed as a dishonest judgment debtor.",
        225,
    ),
]


def seed(apps, schema_editor):
    Source = apps.get_model("core", "Source")
    for key, confidence, title_zh, title_en, sum_zh, sum_en, order in SOURCES:
        Source.objects.update_or_create(
            key=key,
            defaults={
                "confidence": confidence,
                "last_checked": REVIEWED,
                "title_zh": title_zh,
                "title_en": title_en,
                "summary_zh": sum_zh,
                "summary_en": sum_en,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("core", "Source").objects.filter(key__in=[s[0] for s in SOURCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0006_rate_lines_by_lender")]

    operations = [
        migrations.AlterField(
            model_name="savedresult",
            name="kind",
            field=models.CharField(
                choices=[("check", "loan check"), ("compare", "comparison"), ("debts", "my debts")],
                default="check",
                max_length=10,
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
