"""Links to the site's own pages. A link without arguments is reversed once per process:
reverse() costs about 20 µs, and a result page makes a dozen of them."""

from __future__ import annotations

from typing import Any

from django.urls import get_script_prefix, reverse

_reversed: dict[tuple[str, str], str] = {}


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """reverse(name, args, kwargs); the `{% url %}` tag as a function (Jinja's `url()`)."""
    return UrlMaker(get_script_prefix())(name, *args, **kwargs)


class UrlMaker:
    """`url()` for one script prefix (the path the site is mounted under, usually "/"), which a
    page looks up once rather than for each of its links."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, name: str, *args: Any, **kwargs: Any) -> str:
        if args or kwargs:
            return reverse(name, args=args or None, kwargs=kwargs or None)
        key = (self.prefix, name)
        try:
            return _reversed[key]
        except KeyError:
            _reversed[key] = reverse(name)
            return _reversed[key]
