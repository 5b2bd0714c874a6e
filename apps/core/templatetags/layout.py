"""`{% layout %}`: Django-template pages in the site layout, which is written once, in Jinja2.

The layout (`templates/jinja2/layout.jinja`) serves the Jinja result pages directly and every
Django page through `templates/base.html`:

    {% layout %}{% block title %}{% endblock %}{% part %}{% block extra_head %}{% endblock %}
    {% part %}{% block content %}{% endblock %}{% endlayout %}

The three parts are rendered here, with the page's own blocks filled in as usual by
`{% extends "base.html" %}`, then handed to the layout as markup.
"""

from __future__ import annotations

from django import template
from django.template import engines
from django.template.base import NodeList, Parser, Token
from django.utils.safestring import mark_safe

register = template.Library()

PARTS = ("title", "extra_head", "content")


class LayoutNode(template.Node):
    # So that {% extends %} finds the {% block %}s inside the parts.
    child_nodelists = PARTS

    def __init__(self, title: NodeList, extra_head: NodeList, content: NodeList) -> None:
        self.title = title
        self.extra_head = extra_head
        self.content = content

    def render(self, context: template.Context) -> str:
        parts = {name: mark_safe(getattr(self, name).render(context)) for name in PARTS}
        shell = engines["jinja2"].get_template("shell.jinja")
        request = context.get("request")
        return shell.render(
            {**parts, "language_next": context.get("language_next")}, request=request
        )


@register.tag
def layout(parser: Parser, token: Token) -> LayoutNode:
    nodelists = []
    while True:
        nodelists.append(parser.parse(("part", "endlayout")))
        if parser.next_token().contents == "endlayout":
            break
    if len(nodelists) != len(PARTS):
        raise template.TemplateSyntaxError(
            f"{{% layout %}} takes {len(PARTS)} parts ({', '.join(PARTS)}), "
            f"separated by {{% part %}}; got {len(nodelists)}"
        )
    return LayoutNode(*nodelists)
