"""The Chinese catalogue is complete and every placeholder survives translation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{\s*(\w+)\s*\}\}|%[sd]")


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_translations_keep_every_placeholder():
    catalogue = polib.pofile(str(PO))
    broken = []
    for entry in catalogue.translated_entries():
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, s) for s in entry.msgstr_plural.values()]
        for source, target in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                broken.append(entry.msgid)
    assert broken == []


def test_gettext_accepts_the_catalogue():
    # msgfmt --check catches what polib does not: a % in a translation of a python-format message.
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but gettext's msgfmt is not installed")
        pytest.skip("gettext's msgfmt is not installed")
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
