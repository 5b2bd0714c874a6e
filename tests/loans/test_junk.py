"""No input, however malformed, produces a 500: generated junk posted to every form."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.affordability.assess import COMPARE_PREFIXES
from apps.loans.forms.budget import BUDGET_FIELDS
from apps.loans.forms.debts import DEBT_BUDGET_FIELDS, DEBT_FIELDS, DEBT_PREFIX
from apps.loans.forms.offer import OFFER_FIELDS
from tests.fuzz import examples
from tests.loans.helpers import check, four_loans

pytestmark = pytest.mark.django_db

# What people (and robots) type: digits with separators and units, huge and tiny numbers,
# exponents, signs, full-width forms, dates, control characters and plain noise.
NUMBERISH = st.one_of(
    st.from_regex(r"\A[-+]?[0-9０-９]{0,12}([.,．，][0-9]{0,8})?\s?(万|千|k|w|元|¥|%|％)?\Z"),
    st.sampled_from(
        [
            "NaN",
            "-Infinity",
            "1e400",
            "9" * 60,
            "0",
            "0.000000001",
            "1,0000",
            "2026-02-30",
            "2026-13-01",
            "9999-12-31",
            "0001-01-01",
            "\x00",
            "１.５万",
            "--",
            "%",
            "万",
            "",
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=30),
)
CHOICES = st.sampled_from(
    [
        "terms",
        "plan",
        "day",
        "week",
        "month",
        "year",
        "2weeks",
        "quarter",
        "one_time",
        "flat_fee",
        "interest_first",
        "equal_principal",
        "repay_loan",
        "",
        "x",
        "\u202e",
    ]
)


def _junk(names, values):
    return st.fixed_dictionaries({}, optional={name: values for name in names})


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=_junk(OFFER_FIELDS + BUDGET_FIELDS, st.one_of(NUMBERISH, CHOICES)))
def test_junk_posted_to_the_check_never_breaks_it(client, data):
    response = client.post("/result/", data)
    assert response.status_code == 200


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(field=st.sampled_from(OFFER_FIELDS + BUDGET_FIELDS), value=st.one_of(NUMBERISH, CHOICES))
def test_one_bad_field_in_a_good_check_never_breaks_it(client, field, value):
    # Near-valid input reaches the engine, where the odd cases hide.
    response = client.post("/result/", {**check(), field: value})
    assert response.status_code == 200
    response = client.get("/result/", {**check(), field: value})
    assert response.status_code == 200
    assert client.get("/result/schedule.csv", {**check(), field: value}).status_code in (200, 404)


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=_junk(
        [f"{p}-{n}" for p in COMPARE_PREFIXES[:2] for n in OFFER_FIELDS] + list(BUDGET_FIELDS),
        st.one_of(NUMBERISH, CHOICES),
    )
)
def test_junk_posted_to_compare_and_save_never_breaks_them(client, data):
    assert client.post("/result/compare/", data).status_code == 200
    assert client.post("/result/save/", {**data, "kind": "compare"}).status_code in (302, 404)
    assert client.post("/result/save/", data).status_code in (302, 404)


DEBT_NAMES = [*DEBT_BUDGET_FIELDS] + [
    f"{DEBT_PREFIX}-{n}-{name}" for n in (0, 1, 9) for name in DEBT_FIELDS
]


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=_junk(
        DEBT_NAMES + [f"{DEBT_PREFIX}-TOTAL_FORMS", f"{DEBT_PREFIX}-INITIAL_FORMS"],
        st.one_of(NUMBERISH, CHOICES, st.sampled_from(["on", "bank", "private", "1000", "-1"])),
    )
)
def test_junk_posted_to_my_debts_never_breaks_it(client, data):
    assert client.post("/debts/", data).status_code == 200
    assert client.get("/debts/plan/", data).status_code == 200
    assert client.get("/debts/plan.csv", data).status_code in (200, 404)
    assert client.get("/debts/letter/1/", data).status_code in (200, 404)
    assert client.post("/result/save/", {**data, "kind": "debts"}).status_code in (302, 404)


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(field=st.sampled_from(DEBT_NAMES), value=st.one_of(NUMBERISH, CHOICES))
def test_one_bad_field_in_a_good_debt_plan_never_breaks_it(client, field, value):
    data = {**four_loans(), field: value}
    assert client.post("/debts/", data).status_code == 200
    assert client.get("/debts/plan/", data).status_code == 200
    assert client.get("/debts/letter/2/", data).status_code in (200, 404)
    assert client.get("/debts/plan.csv", data).status_code in (200, 404)
