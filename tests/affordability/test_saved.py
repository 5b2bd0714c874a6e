"""Saved results: an unguessable link, reopened, deleted by its holder, gone after 30 days."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.core.models import SavedResult
from apps.core.saved import (
    TOKEN_BYTES,
)
from tests.loans.helpers import check

pytestmark = pytest.mark.django_db


def _save(client, data=None):
    response = client.post("/result/save/", {**(data or check()), "kind": "check"})
    assert response.status_code == 302
    token = re.fullmatch(r"/result/s/([\w-]+)/", response["Location"]).group(1)
    return token


def test_saving_gives_a_link_of_at_least_128_random_bits_and_stores_only_its_hash(en):
    assert TOKEN_BYTES * 8 >= 128
    token = _save(en)
    assert len(token) >= 43
    saved = SavedResult.objects.get()
    assert saved.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(saved.inputs) and token != saved.token_hash
    assert saved.kind == "check"


def test_only_the_figures_are_stored(en):
    _save(en, {**check(), "name": "Wang Wei", "phone": "13800000000"})
    inputs = SavedResult.objects.get().inputs
    assert "name" not in inputs and "phone" not in inputs
    assert inputs["amount"] == "10,000"
    assert inputs["start_date"] == "2026-01-15"


def test_the_saved_link_reopens_the_same_result_in_either_language(client):
    token = _save(client)
    for language in ("en", "zh-hans"):
        response = client.get(f"/result/s/{token}/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'id="true-apr">32.50%<' in html
        assert f'name="next" value="/result/s/{token}/"' in html
        assert f"/result/s/{token}/delete/" in html
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_saving_a_result_from_the_page_works_through_its_own_form(en):
    html = en.post("/result/", check()).content.decode()
    form = html.split('action="/result/save/"')[1].split("</form>")[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields.pop("csrfmiddlewaretoken", None)
    assert fields["kind"] == "check"
    response = en.post("/result/save/", fields)
    assert response.status_code == 302
    assert en.get(response["Location"]).status_code == 200


def test_delete_asks_first_then_deletes_and_the_link_is_gone(en):
    token = _save(en)
    confirm = en.get(f"/result/s/{token}/delete/")
    assert confirm.status_code == 200
    assert "Yes, delete it" in confirm.content.decode()
    assert SavedResult.objects.count() == 1
    done = en.post(f"/result/s/{token}/delete/")
    assert done.status_code == 200
    assert SavedResult.objects.count() == 0
    assert en.get(f"/result/s/{token}/").status_code == 404


def test_unknown_expired_and_deleted_links_give_the_same_404(en):
    expired = _save(en)
    SavedResult.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    deleted = _save(en)
    en.post(f"/result/s/{deleted}/delete/")
    tokens = (expired, deleted, "x" * 43, "nope", "a" * 200)
    pages = [en.get(f"/result/s/{token}/") for token in tokens]
    assert {page.status_code for page in pages} == {404}
    # The same page, apart from the address the language switcher returns to and its CSRF mask.
    bodies = {
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", p.content.decode()).replace(t, "T")
        for p, t in zip(pages, tokens, strict=True)
    }
    assert len(bodies) == 1
    # Expired results are never shown, even before the purge removes them.
    assert SavedResult.objects.filter(expires_at__lte=timezone.now()).count() == 1
    assert en.get(f"/result/s/{expired}/delete/").status_code == 404
    assert en.post(f"/result/s/{expired}/delete/").status_code == 404
    assert en.get(f"/result/s/{expired}/schedule.csv").status_code == 404


def test_a_result_expires_after_the_configured_days(en, settings):
    settings.REPAYABLE_SAVED_RESULT_DAYS = 30
    token = _save(en)
    saved = SavedResult.objects.get()
    assert timedelta(days=29, hours=23) < saved.expires_at - timezone.now() <= timedelta(days=30)
    SavedResult.objects.update(expires_at=timezone.now() + timedelta(seconds=30))
    assert en.get(f"/result/s/{token}/").status_code == 200
    SavedResult.objects.update(expires_at=timezone.now())
    assert en.get(f"/result/s/{token}/").status_code == 404


def test_saving_bad_figures_is_refused(en):
    response = en.post("/result/save/", {**check(), "amount": "junk"})
    assert response.status_code == 404
    assert SavedResult.objects.count() == 0


def test_saving_needs_a_post(en):
    assert en.get("/result/save/").status_code == 405
