"""Downloads as CSV that Excel opens: the schedule, the comparison, the debt plan."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse


def csv_download(rows: Iterable[Iterable[object]], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    # A byte-order mark so that Excel opens the Chinese headers as UTF-8.
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
