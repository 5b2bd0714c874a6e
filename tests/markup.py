"""Reading the markup crispy-forms writes for a field (templates/bootstrap5/field.html)."""

from __future__ import annotations

import re

# crispy-bootstrap5 writes a field's messages in one block after the input, with the id that
# Django's aria-describedby names: <div id="id_amount_error" class="invalid-feedback">...</div>.
_ERROR_BLOCK = re.compile(r'<div id="id_([\w-]+)_error" class="invalid-feedback">(.*?)</div>', re.S)


def field_errors(html: str) -> dict[str, str]:
    """Field id (without "id_") -> the text of its messages, as the reader sees them."""
    return {
        name: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
        for name, text in _ERROR_BLOCK.findall(html)
    }
