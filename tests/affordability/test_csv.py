"""The schedule as a CSV download that Excel opens in Chinese."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.loans.helpers import check

pytestmark = pytest.mark.django_db


def _rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads UTF-8 only with a byte-order mark
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_csv_link_on_the_result_downloads_the_schedule(client):
    html = client.post("/result/", check(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    link = re.search(r'href="(/result/schedule\.csv\?[^"]+)"', html).group(1).replace("&amp;", "&")
    response = client.get(link, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _rows(response)
    assert rows[0] == ["期数", "还款日", "还款额", "本金", "利息", "费用", "剩余欠款"]
    assert len(rows) == 1 + 12 + 1
    assert rows[1] == ["1", "2026-02-15", "888.49", "788.49", "100.00", "0.00", "9211.51"]
    assert rows[12][2] == "888.47"
    assert rows[-1][:3] == ["合计", "", "10661.86"]


def test_the_csv_headers_follow_the_language(client):
    response = client.get("/result/schedule.csv", check(), HTTP_ACCEPT_LANGUAGE="en")
    assert _rows(response)[0][0] == "No."


def test_a_saved_result_has_its_own_csv(en):
    saved = en.post("/result/save/", {**check(), "kind": "check"})
    response = en.get(saved["Location"] + "schedule.csv")
    assert response.status_code == 200
    assert len(_rows(response)) == 14


def test_a_csv_link_with_bad_figures_is_a_404(en):
    assert en.get("/result/schedule.csv", {"amount": "junk"}).status_code == 404
