"""Read the guidance content from content/ into the database (after `migrate`, every deploy)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.core.content_files import CONTENT_DIR, ContentError, load_content, read_content


class Command(BaseCommand):
    help = (
        "Make the guidance in the database match the files under content/: stages, help topics, "
        "collection rules, scams, help lines and sources, and any rate line the database lacks. "
        "Safe to run any number of times."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir", type=Path, default=CONTENT_DIR, help="The content folder (default: content/)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = options["dir"]
        try:
            loaded = load_content(read_content(folder))
        except ContentError as error:
            # One line per problem, then the exit status says it failed; no traceback. Nothing
            # was written: the files are checked before the database is touched, and the
            # writing is one transaction.
            for problem in error.problems:
                self.stderr.write(problem)
            count = len(error.problems)
            raise CommandError(
                f"{count} problem{'s' if count > 1 else ''} in {folder.name}/: nothing was "
                "loaded, the database is unchanged."
            ) from None
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Loaded {loaded.sources} sources, {loaded.stages} stages, {loaded.topics} "
                f"topics, {loaded.rules} rules, {loaded.scams} scams and {loaded.help_lines} help "
                f"lines from {folder.name}/; {loaded.new_rate_lines} new rate lines."
            )
