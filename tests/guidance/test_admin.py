"""The admin keeps the rate lines editable and shows the guidance read-only, with its file."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from apps.core.models import RateLine, Source, Stage

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
    line = RateLine.objects.get(code="lpr_1y")
    url = reverse("admin:core_rateline_change", args=[line.pk])
    form = editor.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(value="0.029", as_of="2026-06-22", source=line.source_id)
    saved = editor.post(url, {k: "" if v is None else v for k, v in data.items()})
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    line.refresh_from_db()
    assert line.value == Decimal("0.029")

    editor.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = editor.get(reverse("guidance:sources")).content.decode()
    assert "2.90%" in html and "2026-06-22" in html
