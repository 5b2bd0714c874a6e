"""What the admin's change forms post, for tests that edit a row as an administrator would."""

from __future__ import annotations


def rate_line_change(line, **changes: str) -> dict[str, object]:
    """The rate line's change form as the admin posts it: the row as it is, with `changes`."""
    return {
        "code": line.code,
        "value": str(line.value),
        "as_of": str(line.as_of),
        "label_zh": line.label_zh,
        "label_en": line.label_en,
        "meaning_zh": line.meaning_zh,
        "meaning_en": line.meaning_en,
        "source": line.source_id,
        "lenders": line.lenders,
        "sort_order": line.sort_order,
        **changes,
    }
