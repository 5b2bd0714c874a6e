"""Input is bounded before anything is echoed: every field is cut to MAX_FIELD_LENGTH, a body is
at most DATA_UPLOAD_MAX_MEMORY_SIZE, and files are refused, never written to disk."""

from __future__ import annotations

from unittest import mock
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from apps.core.models import Stage
from apps.finance.debts import MAX_DEBTS
from apps.guidance.forms import OverdueForm, PlanLetterForm
from apps.loans.forms.base import MAX_FIELD_LENGTH
from apps.loans.forms.budget import BUDGET_FIELDS, EARLY_FIELDS
from apps.loans.forms.debts import DEBT_BUDGET_FIELDS, DEBT_FIELDS, DEBT_PREFIX
from apps.loans.forms.debts import MAX_LABEL_LENGTH as DEBT_LABEL_LENGTH
from apps.loans.forms.offer import COMPARE_PREFIXES, MAX_LABEL_LENGTH, OFFER_FIELDS
from tests.loans.helpers import PLAN_CHECK, four_loans

pytestmark = pytest.mark.django_db

# Longer than any field may be, short enough that a whole form of them fits in a request body.
LONG = "Ж" * 200
ECHO = "Ж" * (MAX_FIELD_LENGTH + 1)
CHECK_FIELDS = (*OFFER_FIELDS, *BUDGET_FIELDS, *EARLY_FIELDS)
COMPARE_FIELDS = (*(f"{p}-{n}" for p in COMPARE_PREFIXES for n in OFFER_FIELDS), *BUDGET_FIELDS)
DEBTS_FIELDS = (
    *DEBT_BUDGET_FIELDS,
    *(f"{DEBT_PREFIX}-{n}-{name}" for n in range(MAX_DEBTS) for name in DEBT_FIELDS),
)
TERMS_ONLY = ("amount", "rate", "rate_period", "term", "term_unit", "method", "fee_upfront")


def _everything_long(names) -> dict[str, str]:
    return dict.fromkeys(names, LONG)


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("post", "/result/", _everything_long(CHECK_FIELDS)),
        # A check that passes, with long values in the boxes it does not judge: the result page,
        # its links and the early-repayment form show them again.
        ("post", "/result/", {**PLAN_CHECK, **_everything_long((*TERMS_ONLY, *EARLY_FIELDS))}),
        ("get", "/result/", {**PLAN_CHECK, **_everything_long(TERMS_ONLY)}),
        ("post", "/result/compare/", _everything_long(COMPARE_FIELDS)),
        ("get", "/check/", _everything_long(CHECK_FIELDS)),
        ("get", "/check/compare/", _everything_long(COMPARE_FIELDS)),
        ("get", "/late/calculator/", _everything_long([*OverdueForm.base_fields, *OFFER_FIELDS])),
        ("get", "/late/calculator/", {"saved": LONG}),
        ("get", "/late/letters/plan/", _everything_long(PlanLetterForm.base_fields)),
        ("get", "/late/letters/complaint/", {"broken": [LONG, LONG]}),
        ("post", "/debts/", _everything_long(DEBTS_FIELDS)),
        ("get", "/debts/", _everything_long(DEBTS_FIELDS)),
        ("get", "/debts/plan/", _everything_long(DEBTS_FIELDS)),
        # A plan that passes, with long labels: the plan, its letters and its CSV show them.
        ("post", "/debts/", four_loans(**{f"loan-{n}-label": LONG for n in range(4)})),
        ("get", "/debts/letter/1/", four_loans(**{f"loan-{n}-label": LONG for n in range(4)})),
        ("get", "/debts/plan.csv", four_loans(**{f"loan-{n}-label": LONG for n in range(4)})),
        ("get", f"/result/s/{LONG}/", {}),
        ("get", f"/result/s/{LONG}/delete/", {}),
    ],
)
def test_no_field_comes_back_longer_than_its_limit(en, method, path, data):
    response = getattr(en, method)(path, data)
    assert response.status_code in (200, 404), response.status_code
    body = response.content.decode()
    assert ECHO not in body
    assert len(body) < 400_000


def test_one_field_of_a_hundred_kilobytes_is_cut_before_it_is_shown(en):
    response = en.post("/result/", {**PLAN_CHECK, "mode": "Ж" * 50_000, "amount": "x"})
    assert response.status_code == 200
    assert ECHO not in response.content.decode()
    assert len(response.content) < 400_000


def test_a_long_url_is_not_echoed_whole(en):
    response = en.get("/late/calculator/", {"days": "3", "junk": "Ж" * 20_000})
    assert response.status_code == 200
    assert len(response.content) < 400_000


def test_a_two_megabyte_field_is_refused_before_it_is_read(en):
    response = en.post(
        "/result/",
        urlencode({**PLAN_CHECK, "mode": "x" * 2_400_000}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()
    assert len(response.content) < 50_000


def test_the_largest_real_comparison_fits_with_room_to_spare(en):
    # Every box of all four offers and the budget filled to the limit with Chinese, which a
    # browser sends as 9 bytes a character. An offer's name stops at its own length (the
    # browser's maxlength), and the rate confirmed from a result's link is never typed.
    data = {name: "九" * MAX_FIELD_LENGTH for name in COMPARE_FIELDS}
    for name in COMPARE_FIELDS:
        if name.endswith("-label"):
            data[name] = "九" * MAX_LABEL_LENGTH
        elif name.endswith("-rate_confirmed"):
            data[name] = "1"
    data["csrfmiddlewaretoken"] = "x" * 64
    body = urlencode(data)
    assert 2 * len(body) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert 2 * len(data) <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = en.post("/result/compare/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200


def test_ten_loans_filled_to_the_limit_fit_with_room_to_spare(en):
    # As for the offers: a label stops at its own length (the browser's maxlength), and a list
    # or a tick sends one of its own short values.
    data = {name: "九" * MAX_FIELD_LENGTH for name in DEBTS_FIELDS}
    for name in DEBTS_FIELDS:
        if name.endswith("-label"):
            data[name] = "九" * DEBT_LABEL_LENGTH
        elif name.endswith(("-rate_period", "-lender", "-court")):
            data[name] = "consumer_finance"
    data["csrfmiddlewaretoken"] = "x" * 64
    body = urlencode(data)
    assert 2 * len(body) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert 2 * len(data) <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = en.post("/debts/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200


def test_the_admins_largest_stage_fits_with_room_to_spare():
    def sent(row) -> dict[str, str]:
        return {field.name: str(getattr(row, field.attname)) for field in row._meta.concrete_fields}

    sizes = []
    for stage in Stage.objects.all():
        rows = [stage, *stage.sections.all(), *stage.checklist.all()]
        sizes.append((sum(len(urlencode(sent(r))) for r in rows), sum(len(sent(r)) for r in rows)))
    largest_body, most_fields = max(sizes)
    # Room for an administrator to write four times as much, and for the admin's own fields.
    assert 4 * largest_body <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert 3 * most_fields <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_a_file_is_refused_with_the_friendly_400_and_never_written_to_disk(en):
    upload = SimpleUploadedFile("statement.pdf", b"%PDF" + b"x" * (10 * 1024 * 1024))
    with mock.patch.object(
        TemporaryUploadedFile, "__init__", side_effect=AssertionError("written to disk")
    ):
        response = en.post("/result/", {**PLAN_CHECK, "statement": upload})
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()


def test_a_multipart_form_without_files_still_works(en):
    # The test client posts multipart/form-data, as a browser may.
    assert en.post("/result/", PLAN_CHECK).status_code == 200
