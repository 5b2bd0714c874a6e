"""Seed the source for 21.75 paid days a month, which the loan check uses to show a payment as
days of work. It is not in shared/FACTS.md; it was checked against republished copies of the
notice (Xinhua, 2008-01-10), not the ministry's own site, hence confidence M and no link."""

from __future__ import annotations

from datetime import date

from django.db import migrations

KEY = "mohrss-2008-3"


def seed(apps, schema_editor):
    apps.get_model("core", "Source").objects.update_or_create(
        key=KEY,
        defaults={
            "confidence": "M",
            "last_checked": date(2026, 11, 29),
            "title_zh": "劳动和社会保障部《关于职工全年月平均工作时间和工资折算问题的通知》"
            "（劳社部发〔2008〕3号）",
            "title_en": "Ministry of Labour and Social Security notice on average monthly working "
            "time and wage conversion (劳社部发〔2008〕3号)",
            "summary_zh": "日工资按月工资收入除以月计薪天数折算，"
            "月计薪天数 =（365天 − 104天休息日）÷ 12月 = 21.75天。",
            "summary_en": "A day's wage is the monthly wage divided by the paid days in a month: "
            "(365 days − 104 weekend days) / 12 = 21.75 days.",
            "sort_order": 275,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("core", "Source").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_seed_guidance")]
    operations = [migrations.RunPython(seed, unseed)]
