"""What the guidance tests share."""

from __future__ import annotations

# Every overdue stage in content/stages/, in order.
STAGE_SLUGS = [
    "before-due",
    "days-1-7",
    "days-8-30",
    "months-1-3",
    "months-3-6",
    "over-6-months",
    "court",
    "settled",
]
