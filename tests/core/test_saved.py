"""Saved results underneath (apps/core/saved.py): what the scoring and guidance apps call."""

from __future__ import annotations

import pytest

from apps.core.saved import delete_saved_result, get_saved_result, save_result

pytestmark = pytest.mark.django_db


def test_a_saved_result_is_found_by_its_token_only_until_deleted():
    token, saved = save_result(kind="check", inputs={"income": "8000"})
    assert get_saved_result(token) == saved
    assert get_saved_result("") is None
    assert get_saved_result(token + "x") is None
    assert delete_saved_result(token) is True
    assert get_saved_result(token) is None
    assert delete_saved_result(token) is False
