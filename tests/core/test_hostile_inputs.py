"""Every form on the site survives hostile input: no 500, no reflected markup.

The forms are not listed by hand: the test crawls the site from the home page, parses every
<form> it finds, and sends hypothesis-generated values (huge numbers, NaN, Infinity, exponents,
control characters, markup, very long strings, repeated and missing fields) to each one, with the
form's own method. A second client without the CSRF cookie must get a 403, never a 500.
"""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.core.models import SavedResult
from tests.crawl import add_forms, crawl
from tests.fuzz import examples

pytestmark = pytest.mark.django_db

MARKER = '<i data-hostile="1">x</i>'

HOSTILE_WORDS = [
    "NaN",
    "nan",
    "-NaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1e999999",
    "1E+308",
    "-1e-999999",
    "9" * 400,
    "0" * 300 + "1",
    "-0",
    "0x10",
    "1_000",
    "１０，０００",
    "1.5万",
    "１.５万万",
    "万",
    "¥",
    "%",
    "..",
    "1,2,3.4.5",
    " ",
    "",
    "\x00",
    "\u202e1000",
    "\ufeff1",
    "<script>alert(1)</script>",
    MARKER,
    "' OR 1=1 --",
    "{{ 7*7 }}",
    "%(x)s",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "-5",
    "10k" * 50,
    "x" * 20_000,
]
hostile_value = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
)


# Worked example 6 (docs/worked-examples.md) with a budget: a valid check, whose result page
# holds the save form.
VALID_CHECK = {
    "mode": "plan",
    "received": "9000",
    "payment": "888.49",
    "count": "12",
    "every": "month",
    "income": "8000",
    "essentials": "3000",
    "debt_payments": "500",
}


@pytest.fixture(scope="module")
def site_forms(django_db_setup, django_db_blocker):
    """Every form reachable by links, plus those only a result page shows (save, delete)."""
    with django_db_blocker.unblock():
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        forms = crawl(client).forms
        result = client.post("/result/", VALID_CHECK)
        add_forms(forms, result.content.decode(), "/result/")
        save_action = "/result/save/"
        saved = client.post(save_action, forms[("post", save_action)][1], follow=True)
        links = add_forms(forms, saved.content.decode(), saved.redirect_chain[-1][0])
        delete_page = next(link for link in links if link.endswith("/delete/"))
        add_forms(forms, client.get(delete_page).content.decode(), delete_page)
    yield forms
    # This fixture ran outside any test's transaction: remove what it saved.
    with django_db_blocker.unblock():
        SavedResult.objects.all().delete()


def test_the_crawl_finds_the_sites_forms(site_forms):
    methods_and_actions = set(site_forms)
    assert ("post", "/i18n/setlang/") in methods_and_actions
    # The loan check and the comparison post to their answers; more forms join as the site grows.
    assert ("post", "/result/") in methods_and_actions
    assert ("post", "/result/compare/") in methods_and_actions
    assert ("post", "/result/save/") in methods_and_actions
    assert any(m == "post" and a.endswith("/delete/") for m, a in methods_and_actions)
    assert any(a == "/late/calculator/" for _, a in methods_and_actions)


def _send(client: Client, method: str, action: str, data: dict) -> object:
    if method == "post":
        return client.post(action, data)
    return client.get(action, data)


@settings(
    max_examples=examples(250),  # x 8 forms: about 2,000 hostile submissions under CI
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_values_never_cause_a_500_or_reflect_markup(site_forms, data):
    client = Client(HTTP_ACCEPT_LANGUAGE=data.draw(st.sampled_from(["en", "zh-hans"])))
    for (method, action), (_page, defaults) in sorted(site_forms.items()):
        if action.startswith("/i18n/"):
            continue
        fields = dict(defaults)
        for name in defaults:
            choice = data.draw(st.integers(min_value=0, max_value=3))
            if choice == 0:
                fields[name] = data.draw(hostile_value)
            elif choice == 1:
                fields[name] = [data.draw(hostile_value), data.draw(hostile_value)]
            elif choice == 2:
                fields.pop(name)
        fields[data.draw(st.sampled_from(["unexpected", "mode", "amount"]))] = MARKER
        response = _send(client, method, action, fields)
        assert response.status_code < 500, (method, action, fields)
        body = response.content.decode(errors="replace")
        assert MARKER not in body, (method, action)
        assert "<script>alert(1)</script>" not in body, (method, action)


def test_posts_without_a_csrf_token_get_a_friendly_403_not_a_500(site_forms):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    posts = [
        (action, defaults)
        for (method, action), (_, defaults) in site_forms.items()
        if method == "post"
    ]
    assert posts
    for action, defaults in posts:
        response = client.post(action, defaults)
        assert response.status_code == 403, action
        assert "Please send the form again" in response.content.decode()
