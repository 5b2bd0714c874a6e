"""What the middleware adds to every response: security headers, compression."""

from __future__ import annotations

import gzip

import pytest

from tests.loans.helpers import check

pytestmark = pytest.mark.django_db


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_leave_compressed_for_a_browser_that_accepts_gzip(en):
    plain = en.get("/late/guide/")
    packed = en.get("/late/guide/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    # The whole guide: about a fifth of its size on the wire.
    assert len(packed.content) < len(plain.content) / 3


def test_a_loan_checks_answer_leaves_compressed_too(en):
    response = en.post("/result/", check(), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "rp-verdict" in gzip.decompress(response.content).decode()
