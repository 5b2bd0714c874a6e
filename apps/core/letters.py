"""Letters a borrower sends: rendered in Chinese, the language the lender reads, and for an
English reader in English too, to know what they are sending. Used by the guidance letters and
by My debts' letter to each lender."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Letter:
    """One rendering of a letter: its language code and plain text."""

    language: str
    text: str

    @property
    def rows(self) -> int:
        """Tall enough to show the whole letter on a phone without scrolling inside the box:
        each line wraps at about 18 Chinese or 36 Latin characters. (Browsers that know CSS
        field-sizing fit the box to the text anyway.)"""
        width = 18 if self.language.startswith("zh") else 36
        return sum(max(1, -(-len(line) // width)) for line in self.text.splitlines()) + 1


def letters_for(template: str, context: dict[str, Any]) -> list[Letter]:
    """The letter in Chinese and, for a reader in another language, in theirs as well."""
    with translation.override("zh-hans"):
        versions = [Letter("zh-hans", render_to_string(template, context).strip())]
    if not (translation.get_language() or "").startswith("zh"):
        versions.append(Letter("en", render_to_string(template, context).strip()))
    return versions
