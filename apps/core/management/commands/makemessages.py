"""Django's makemessages, also reading the Jinja2 templates (`.jinja`, see apps/core/jinja.py).

Django hands every non-Python file to its template-language reader, which does not understand
Jinja's `{% trans %}` blocks or `_("...", name=value)` calls. Here a `.jinja` file is read by
Jinja's own extractor instead, and each message is written as a gettext call on the line it came
from, so the catalogue's `#:` references stay right.
"""

from __future__ import annotations

from typing import Any

import jinja2
from django.core.management.commands import makemessages


def jinja_messages(source: str) -> str:
    """The messages of a Jinja template as Python gettext calls, one per source line."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    # As in apps/core/jinja.py: message ids keep %% for a literal percent sign.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    lines = [""] * (source.count("\n") + 1)
    for lineno, function, message in env.extract_translations(source):
        # A call with keywords comes as a tuple: the message, then None for each keyword.
        texts = [message] if isinstance(message, str) else [m for m in message if m is not None]
        if function == "ngettext":
            call = f"ngettext({texts[0]!r}, {texts[1]!r}, n)"
        else:
            call = f"gettext({texts[0]!r})"
        lines[lineno - 1] += call + " "
    return "\n".join(lines)


class BuildFile(makemessages.BuildFile):
    def preprocess(self) -> None:
        if not self.path.endswith(".jinja"):
            return super().preprocess()
        with open(self.path, encoding="utf-8") as source:
            content = jinja_messages(source.read())
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write(content)
        return None


class Command(makemessages.Command):
    build_file_class = BuildFile

    def handle(self, *args: Any, **options: Any) -> None:
        if not options.get("extensions") and options.get("domain", "django") == "django":
            options["extensions"] = ["html", "txt", "py", "jinja"]
        super().handle(*args, **options)
