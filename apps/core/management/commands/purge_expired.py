"""Delete saved results whose expiry date has passed (pages never show them even before this)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.core.models import SavedResult


class Command(BaseCommand):
    help = "Delete expired saved results and say how many were deleted."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted, _ = SavedResult.objects.filter(expires_at__lte=timezone.now()).delete()
        self.stdout.write(f"Deleted {deleted} expired saved result(s).")
