"""The admin keeps the rate lines editable and shows the guidance read-only, with its file; an
edit retires the cached pages only once it commits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from apps.core.models import Confidence, RateLine, Source, Stage
from apps.core.pagecache import content_version

pytestmark = pytest.mark.django_db

GUIDANCE_MODELS = ("stage", "topic", "collectionrule", "scamwarning", "helpline", "source")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "x")
    client.force_login(user)
    return client


def test_a_stage_shows_read_only_with_the_file_to_edit(editor):
    stage = Stage.objects.get(slug="days-1-7")
    url = reverse("admin:core_stage_change", args=[stage.pk])
    html = editor.get(url).content.decode()
    assert "<code>content/stages/02-days-1-7.yaml</code>" in html
    assert 'name="_save"' not in html
    assert 'name="title_en"' not in html

    refused = editor.post(url, {"title_en": "The first week late"})
    assert refused.status_code == 403
    stage.refresh_from_db()
    assert stage.title_en == "Days 1 to 7 late"


@pytest.mark.parametrize("model", GUIDANCE_MODELS)
def test_no_guidance_row_can_be_added_or_deleted_in_the_admin(editor, model):
    assert editor.get(reverse(f"admin:core_{model}_changelist")).status_code == 200
    assert editor.get(reverse(f"admin:core_{model}_add")).status_code == 403


def test_a_source_shows_read_only_with_its_file(editor):
    source = Source.objects.get(key="civil-code-546")
    html = editor.get(reverse("admin:core_source_change", args=[source.pk])).content.decode()
    assert "<code>content/sources.yaml</code>" in html
    assert 'name="_save"' not in html


def test_an_edited_rate_line_in_the_admin_shows_on_the_sources_page(editor):
    url, data = _lpr_change(editor, value="0.029", as_of="2026-06-22")
    saved = editor.post(url, data)
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    assert RateLine.objects.get(code="lpr_1y").value == Decimal("0.029")

    editor.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = editor.get(reverse("guidance:sources")).content.decode()
    assert "2.90%" in html and "2026-06-22" in html


class _Rollback(Exception):
    pass


def _lpr_change(editor, value="0.028", as_of="2026-07-21"):
    """The LPR's admin page and the form data that changes its value, as the page would post it."""
    line = RateLine.objects.get(code="lpr_1y")
    url = reverse("admin:core_rateline_change", args=[line.pk])
    form = editor.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(value=value, as_of=as_of, source=line.source_id)
    return url, {k: "" if v is None else v for k, v in data.items()}


def test_an_admin_edit_that_rolls_back_retires_no_cached_page(
    editor, django_capture_on_commit_callbacks
):
    url, data = _lpr_change(editor)
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                assert editor.post(url, data).status_code == 302
                raise _Rollback
        except _Rollback:
            pass
    assert callbacks == [] and content_version() == before
    assert RateLine.objects.get(code="lpr_1y").value == Decimal("0.03")
    # The same edit, committed, retires them once it commits.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert editor.post(url, data).status_code == 302
    assert callbacks and content_version() != before


def test_a_rate_line_can_cite_only_a_source_a_page_may_show(editor):
    Source.objects.filter(key="civil-code-546").update(confidence=Confidence.UNVERIFIED)
    url, _data = _lpr_change(editor)
    choices = editor.get(url).context["adminform"].form.fields["source"].queryset
    assert not choices.filter(key="civil-code-546").exists()
    assert choices.filter(key="lpr-2025-05").exists()
