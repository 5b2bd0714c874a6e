"""An editor changes a stage's text in the admin, and the page shows it."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from apps.core.models import Stage

pytestmark = pytest.mark.django_db


def _value(value: object) -> object:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _form_data(form) -> dict[str, object]:
    """What the browser would send back for this unchanged form."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is False:  # an unticked checkbox sends nothing
            continue
        data[form.add_prefix(name)] = "on" if value is True else _value(value)
    return data


def _change_form_data(response) -> dict[str, object]:
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "x")
    client.force_login(user)
    return client


def test_an_edited_stage_text_in_the_admin_shows_on_the_stage_page(editor):
    stage = Stage.objects.get(slug="days-1-7")
    url = reverse("admin:core_stage_change", args=[stage.pk])
    response = editor.get(url)
    assert response.status_code == 200
    data = _change_form_data(response)
    prefix = next(
        form.prefix
        for inline in response.context["inline_admin_formsets"]
        for form in inline.formset.forms
        if getattr(form.instance, "kind", None) == "happens"
    )
    data[f"{prefix}-body_en"] = "The lender sends a first, polite reminder.\nKeep calm."
    data["title_en"] = "The first week late"

    saved = editor.post(url, data)
    assert saved.status_code == 302, saved.context and saved.context["errors"]

    editor.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = editor.get(reverse("guidance:stage", args=["days-1-7"])).content.decode()
    assert "<li>The lender sends a first, polite reminder.</li><li>Keep calm.</li>" in html
    assert "The first week late" in html


def test_the_admin_lists_every_kind_of_guidance_row(editor):
    for model in ("stage", "collectionrule", "scamwarning", "helpline"):
        assert editor.get(reverse(f"admin:core_{model}_changelist")).status_code == 200
