"""Fill Chinese translations into locale/zh_Hans/LC_MESSAGES/django.po from a JSON file.

    python scripts/po_fill.py translations.json      # {"English msgid": "中文", ...}
    python scripts/po_fill.py --missing              # list msgids still untranslated or fuzzy

Run `make messages` first so that the catalogue knows every msgid. Filling clears the fuzzy flag.
An exclusive lock on the catalogue lets several people fill it one after the other safely.
"""

from __future__ import annotations

import fcntl
import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
HEADER = {
    "Project-Id-Version": "Repayable",
    "Language": "zh_Hans",
    "Language-Team": "Repayable <zh_Hans>",
    "Last-Translator": "Repayable team",
    "Content-Type": "text/plain; charset=UTF-8",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def missing() -> list[str]:
    catalogue = polib.pofile(str(PO))
    return [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]


def fill(mapping: dict[str, str]) -> tuple[int, list[str]]:
    catalogue = polib.pofile(str(PO), wrapwidth=79)
    catalogue.metadata.update(HEADER)
    catalogue.metadata_is_fuzzy = False
    by_id = {e.msgid: e for e in catalogue}
    filled, unknown = 0, []
    for msgid, msgstr in mapping.items():
        entry = by_id.get(msgid)
        if entry is None:
            unknown.append(msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: msgstr}
        else:
            entry.msgstr = msgstr
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
        filled += 1
    catalogue.save(str(PO))
    return filled, unknown


def main() -> None:
    with open(PO, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if sys.argv[1:] == ["--missing"]:
            for msgid in missing():
                print(json.dumps(msgid, ensure_ascii=False))
            return
        mapping = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
        filled, unknown = fill(mapping)
        print(f"filled {filled}; still missing {len(missing())}")
        for msgid in unknown:
            print(f"not in the catalogue (run make messages?): {msgid!r}")


if __name__ == "__main__":
    main()
