"""The overdue stages, for every page that names the stage a loan is in (the days-late
calculator, My debts). Queries only; the stages' text lives in apps.core.models.Stage."""

from __future__ import annotations

from collections.abc import Sequence

from apps.core.models import Stage
from apps.core.pagecache import cached_content


def overdue_stages() -> list[Stage]:
    """The overdue stages in order of their first day, read once per content version."""
    return cached_content(
        "overdue-stages",
        lambda: list(
            Stage.objects.filter(phase=Stage.Phase.OVERDUE, first_day__isnull=False).order_by(
                "first_day"
            )
        ),
    )


def stage_starts(stages: Sequence[Stage] | None = None) -> list[int]:
    """The first day of each overdue stage: where a late loan crosses into a harsher one.
    `stages` (overdue_stages(), read once) saves a page that names many loans' stages a cache
    lookup per call; so in the two functions below."""
    return [stage.first_day for stage in (overdue_stages() if stages is None else stages)]


def stage_for_days(days: int) -> Stage | None:
    """The stage a payment `days` late is in: the before-the-due-date stage when it is not late
    (0 or fewer days). load_content refuses stage files with a gap or an overlap in their days,
    so each day has one stage; should the rows ever disagree, the last one that began on or
    before that day answers, never an error."""
    if days > 0:
        return overdue_stage_for(days)
    return cached_content(
        "before-stage", lambda: Stage.objects.filter(phase=Stage.Phase.BEFORE).first()
    )


def overdue_stage_for(days: int, stages: Sequence[Stage] | None = None) -> Stage | None:
    """The overdue stage a payment `days` late is in (None when it is not late)."""
    if days <= 0:
        return None
    found = None
    for stage in overdue_stages() if stages is None else stages:
        if stage.first_day <= days:
            found = stage
    return found


def next_overdue_stage(days: int, stages: Sequence[Stage] | None = None) -> Stage | None:
    """The harsher stage a payment `days` late enters next (None when not late, or in the last)."""
    if days <= 0:
        return None
    every = overdue_stages() if stages is None else stages
    return next((stage for stage in every if stage.first_day > days), None)
