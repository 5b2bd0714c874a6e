"""The Jinja2 environment for the pages on the hot path: the site layout and the result pages.

Why two template languages: a loan check answers a POST with a full result page (verdict, cost,
stress test, charts, schedule). In Django's template language that page took about 5 ms of the
8 ms a check cost, too slow for the throughput issue 6 asks for; here it takes about 1 ms. Every
other page stays in Django templates (they are served from the page cache); the layout
(`layout.jinja`) is shared by both, through the `{% layout %}` tag in `templates/base.html`.

The templates read like the Django ones:
- `{{ _("Text") }}` is `{% translate "Text" %}`, and `{% trans name=value %}...{{ name }}...
  {% endtrans %}` is `{% blocktranslate with name=value %}`. The message ids are exactly those the
  Django tags produce, so one catalogue serves both, and `manage.py makemessages` (our override in
  apps/core/management/commands) extracts them from `.jinja` files.
- As with `{% blocktranslate %}`, a translation is trusted markup and the values put into it are
  escaped. A literal % in a message is written %%, as the Django tags store it.
- The filters are the site's own (`money`, `percent`, `tr`, `bare_label`) plus `date`, which takes
  a Django date format; `url()`, `static()` and `current_date()` are functions.

Each template is compiled once per language, with every message written in it already
translated: a result page has about 130 of them, and translating them on every render was a
third of its cost. Templates made from a string (no name, so no language) translate at render.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from django.conf import settings
from django.http import HttpRequest
from django.template.backends.utils import csrf_input
from django.templatetags.static import static
from django.urls import get_script_prefix
from django.utils import dateformat, timezone
from django.utils.autoreload import file_changed
from django.utils.translation import get_language, gettext, ngettext, override
from jinja2 import nodes
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from apps.affordability import markup
from apps.core.links import UrlMaker, url
from apps.core.templatetags import repayable

# "zh-hans|affordability/result.jinja": the language a template is compiled for, and its name.
_SEP = "|"


def fill(translation: str, **variables: Any) -> Markup:
    """A translation (trusted markup) with the values escaped and put in by %-formatting."""
    return Markup(translation % {name: escape(value) for name, value in variables.items()})


def _gettext(message: str, **variables: Any) -> Markup:
    """`_()` and `gettext()` at render time, for messages not known when compiling."""
    return fill(gettext(message), **variables)


def _ngettext(singular: str, plural: str, number: Any, **variables: Any) -> Markup:
    """`ngettext()` and `{% trans %}...{% pluralize %}`: the count is also `num`, as in Jinja."""
    variables.setdefault("num", number)
    return fill(ngettext(singular, plural, number), **variables)


class _CompileForLanguage(NodeTransformer):
    """Replaces `_("literal")`/`gettext("literal", **values)` (what `{% trans %}` compiles to)
    by the translation, so that Jinja folds it into the template's text; and gives the `tr`
    filter the template's language, so it need not look it up on each call."""

    def __init__(self, language: str) -> None:
        self.language = language

    def visit_Filter(self, node: nodes.Filter) -> nodes.Node:
        node = self.generic_visit(node)
        if node.name == "tr":
            node.name = "tr_for"
            node.args = [*node.args, nodes.Const(self.language)]
        return node

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        node = self.generic_visit(node)
        if not (
            isinstance(node.node, nodes.Name)
            and node.node.name in ("_", "gettext")
            and len(node.args) == 1
            and isinstance(node.args[0], nodes.Const)
            and isinstance(node.args[0].value, str)
            and node.dyn_args is None
            and node.dyn_kwargs is None
        ):
            return node
        translation = gettext(node.args[0].value)
        if not node.kwargs:
            return nodes.MarkSafe(nodes.Const(translation % {}), lineno=node.lineno)
        return nodes.Call(
            nodes.Name("fill", "load"),
            [nodes.Const(translation)],
            node.kwargs,
            None,
            None,
            lineno=node.lineno,
        )


class Environment(jinja2.Environment):
    """Loads and compiles each template once per language (see the module's docstring)."""

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: dict[str, Any] | None = None,  # noqa: A002 (Jinja's own argument name)
    ) -> jinja2.Template:
        if parent is None and isinstance(name, str) and _SEP not in name:
            name = f"{get_language() or settings.LANGUAGE_CODE}{_SEP}{name}"
        return super().get_template(name, parent, globals)

    def join_path(self, template: str, parent: str) -> str:
        # {% extends %}, {% include %} and {% import %} load for the parent's language.
        language, sep, _name = parent.partition(_SEP)
        return f"{language}{sep}{template}" if sep else template

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        # Jinja's compile() parses through this internal method (Jinja2 is pinned in
        # requirements.txt); tests/core/test_jinja.py fails if an upgrade stops calling it.
        tree = super()._parse(source, name, filename)
        language, sep, _name = (name or "").partition(_SEP)
        if not sep:
            return tree
        with override(language):
            return _CompileForLanguage(language).visit(tree)


class _LanguageLoader(jinja2.BaseLoader):
    """The file loader, for names that carry the language they are compiled for."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.loader.get_source(environment, template.partition(_SEP)[2] or template)


@lru_cache(maxsize=256)
def _static(path: str) -> str:
    # The hashed name of a collected file never changes while the process runs.
    return static(path)


def date(value: dt.date | dt.datetime | None, format_string: str = "Y-m-d") -> str:
    """`{{ day|date("Y-m-d") }}`, Django's `date` filter (the same format letters)."""
    if value is None or value == "":
        return ""
    if format_string == "Y-m-d":
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
            value = value.date()
        return value.isoformat()
    return dateformat.format(value, format_string)


def current_date() -> dt.date:
    return timezone.localdate()


def _recompile_when_translations_change(env: Environment) -> None:
    """In development (auto_reload), a recompiled catalogue must reach the compiled templates.
    Django's dev server reloads translations without restarting, so drop the templates too."""

    def forget_templates(sender: object, file_path: Path, **kwargs: Any) -> None:
        if file_path.suffix == ".mo" and env.cache is not None:
            env.cache.clear()

    file_changed.connect(forget_templates, weak=False)


def page_context(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the CSRF field made once per page (Django's lazy one masks a new token
    each time it is written, about 50 µs, and a result page has two forms), and `url()` with the
    script prefix looked up once."""
    return {"csrf_input": csrf_input(request), "url": UrlMaker(get_script_prefix())}


def environment(**options: Any) -> Environment:
    options.setdefault("extensions", []).append("jinja2.ext.i18n")
    options["loader"] = _LanguageLoader(options["loader"])
    env = Environment(**options)
    if env.auto_reload:
        _recompile_when_translations_change(env)
    # "newstyle" gettext: {% trans name=value %} compiles to gettext(message, name=value).
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(
        _=_gettext,
        gettext=_gettext,
        ngettext=_ngettext,
        fill=fill,
        url=url,
        static=_static,
        current_date=current_date,
        get_language=get_language,
        # The result page's long repeated markup, written in one Python loop.
        svg_rects=markup.svg_rects,
        schedule_rows=markup.schedule_rows,
    )
    env.filters.update(
        money=repayable.money,
        percent=repayable.percent,
        tr=repayable.tr,
        tr_for=repayable.tr_for,
        bare_label=repayable.bare_label,
        date=date,
    )
    return env
