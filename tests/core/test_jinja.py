"""The Jinja2 side of the templates (apps/core/jinja.py): compiled once per language, with the
same catalogue, the same escaping as Django's tags, and messages that makemessages finds."""

from __future__ import annotations

from pathlib import Path

import jinja2
import polib
import pytest
from django.template import Template, TemplateSyntaxError, engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.autoreload import file_changed

from apps.core.jinja import environment
from apps.core.management.commands.makemessages import jinja_messages

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
JINJA_TEMPLATES = sorted((ROOT / "templates" / "jinja2").rglob("*.jinja"))


def _env(templates: dict[str, str]) -> jinja2.Environment:
    return environment(loader=jinja2.DictLoader(templates), autoescape=True)


def test_there_are_jinja_templates_to_check():
    assert len(JINJA_TEMPLATES) >= 10


@pytest.mark.parametrize("path", JINJA_TEMPLATES, ids=lambda p: p.name)
def test_every_message_in_a_jinja_template_is_in_the_catalogue(path: Path):
    # A message added to a template without `make messages` would show in English to everyone.
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(PO))}
    source = path.read_text(encoding="utf-8")
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    for _line, _function, message in env.extract_translations(source):
        msgid = message if isinstance(message, str) else message[0]
        assert msgid in catalogue, f"{path.name}: {msgid!r} is not in django.po"
        assert catalogue[msgid].translated(), f"{path.name}: {msgid!r} is not translated"


def test_makemessages_sees_each_message_on_its_own_line():
    source = (
        '<p>{{ _("Interest") }}</p>\n'
        "\n"
        "{% trans n=count %}One payment{% pluralize %}{{ n }} payments{% endtrans %}\n"
        '{% trans rate=r %}Rate {{ rate }}, 50%{% endtrans %}{{ _("Fees") }}\n'
    )
    lines = jinja_messages(source).split("\n")
    assert lines[0] == "gettext('Interest') "
    assert lines[1] == ""
    assert lines[2] == "ngettext('One payment', '%(n)s payments', n) "
    # As Django's tags do, a literal % is kept doubled in the message id.
    assert lines[3] == "gettext('Rate %(rate)s, 50%%') gettext('Fees') "


def test_a_template_is_compiled_for_each_language():
    env = _env(
        {"page.jinja": '{{ _("Interest") }} {% trans times=3 %}{{ times }} times{% endtrans %}'}
    )
    with translation.override("zh-hans"):
        assert env.get_template("page.jinja").render() == "利息 3 倍"
    with translation.override("en"):
        assert env.get_template("page.jinja").render() == "Interest 3 times"
    with translation.override("zh-hans"):
        assert env.get_template("page.jinja").render() == "利息 3 倍"


def test_the_translation_is_written_into_the_compiled_template():
    env = _env({"page.jinja": '<p>{{ _("Interest") }}</p>'})
    with translation.override("zh-hans"):
        code = env.compile(
            env.loader.get_source(env, "page.jinja")[0], "zh-hans|page.jinja", raw=True
        )
    assert "<p>利息</p>" in code
    assert "gettext" not in code


def test_included_templates_follow_the_page_language():
    env = _env(
        {
            "page.jinja": '{% extends "base.jinja" %}{% block body %}{% include "part.jinja" %}'
            "{% endblock %}",
            "base.jinja": '{{ _("Fees") }}: {% block body %}{% endblock %}',
            "part.jinja": '{{ _("Interest") }}',
        }
    )
    with translation.override("zh-hans"):
        assert env.get_template("page.jinja").render() == "费用: 利息"
    with translation.override("en"):
        assert env.get_template("page.jinja").render() == "Fees: Interest"


@pytest.mark.parametrize("named", [True, False], ids=["compiled per language", "from a string"])
def test_values_are_escaped_and_the_translation_is_kept_as_markup(named: bool):
    source = '{% trans n="<b>" %}{{ n }} times{% endtrans %}|{{ _("50%%") }}|{{ "<i>" }}'
    env = _env({"page.jinja": source})
    with translation.override("en"):
        template = env.get_template("page.jinja") if named else env.from_string(source)
        assert template.render() == "&lt;b&gt; times|50%|&lt;i&gt;"


def test_plural_messages_choose_by_the_count():
    env = _env(
        {
            "page.jinja": "{% trans n=count %}{{ n }} payment{% pluralize %}{{ n }} payments"
            "{% endtrans %}"
        }
    )
    with translation.override("en"):
        template = env.get_template("page.jinja")
        assert template.render(count=1) == "1 payment"
        assert template.render(count=12) == "12 payments"


@pytest.mark.django_db
def test_the_layout_renders_both_engines_pages_alike(client):
    # A Django page (the loan form) and a Jinja page (a result) share layout.jinja.
    form = client.get("/check/").content.decode()
    backend = engines["jinja2"]
    request = RequestFactory().get("/")
    with translation.override("zh-hans"):
        shell = backend.get_template("shell.jinja").render(
            {"title": "T", "extra_head": "", "content": ""}, request=request
        )
    for marker in ('<a class="skip-link" href="#main">', '<main id="main"', 'class="lang-switch"'):
        assert marker in form
        assert marker in shell


def test_a_recompiled_catalogue_reaches_templates_in_development():
    env = environment(
        loader=jinja2.DictLoader({"page.jinja": '{{ _("Interest") }}'}),
        autoescape=True,
        auto_reload=True,
    )
    with translation.override("zh-hans"):
        env.get_template("page.jinja")
    assert len(env.cache) == 1
    file_changed.send(sender=None, file_path=PO.with_suffix(".mo"))
    assert len(env.cache) == 0


def test_the_layout_tag_wants_its_three_parts():
    with pytest.raises(TemplateSyntaxError, match="takes 3 parts"):
        Template("{% load layout %}{% layout %}title{% part %}head{% endlayout %}")


@pytest.mark.django_db
def test_a_django_page_fills_the_layouts_blocks(en):
    html = en.get("/late/").content.decode()
    assert html.startswith('<!doctype html>\n<html lang="en">')
    title = html[html.index("<title>") : html.index("</title>")]
    assert "Repayable" in title and len(title) > len("<title> · Repayable")
    main = html[html.index('<main id="main"') : html.index("</main>")]
    assert "<h1" in main


def test_a_django_page_renders_without_a_request_too():
    # render_to_string() without a request: no reader to return to, so the switcher goes home.
    with translation.override("en"):
        html = render_to_string("errors/404.html")
    assert html.startswith("<!doctype html>") and '<main id="main"' in html
    assert '<input type="hidden" name="next" value="/">' in html
