"""How hard the generated-input tests try.

`make test` on a laptop draws a twentieth of the examples (at least 10), so the suite stays quick
feedback; CI (CI=true) draws them all, the full fuzzing. A test states its full budget:
`@settings(max_examples=examples(250))`.
"""

from __future__ import annotations

import os

FULL = os.environ.get("CI", "").lower() == "true"
LOCAL_SHARE = 20


def examples(full: int) -> int:
    """`full` examples under CI=true, a twentieth of them (at least 10) otherwise."""
    return full if FULL else max(10, full // LOCAL_SHARE)
