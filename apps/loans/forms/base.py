"""What every form of the site shares: the bounded input, the form base class, today's date and
the one bound on a rate (MAX_ANNUAL_RATE) that the loan check and My debts both apply."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.finance import advertised_annual_rate
from apps.finance.rates import MAX_ANNUAL_RATE

MAX_TERM_YEARS = 30

# A late-payment rate above 10% a day (3,650% a year) is a typing slip, not a contract.
MAX_PENALTY_PERCENT_A_DAY = Decimal(10)
# Dates further than this from today are typing slips (a year 2062, say).
MAX_DATE_SPAN = timedelta(days=MAX_TERM_YEARS * 366)


FormData = QueryDict | dict[str, Any]


def local_today() -> date:
    """Today where the borrower is (the site's time zone), the default start of a loan."""
    return timezone.localdate()


def flag_rate_above_limit(form: forms.Form, data: dict[str, Any]) -> None:
    """Put the "more than 1,000% a year" message beside `rate` when the cleaned rate and its
    period say so (MAX_ANNUAL_RATE): the loan check's and My debts' one bound on a rate."""
    rate, rate_period = data.get("rate"), data.get("rate_period")
    if (
        rate is not None
        and rate_period
        and advertised_annual_rate(rate=rate, rate_period=rate_period) > MAX_ANNUAL_RATE
    ):
        form.add_error(
            "rate",
            forms.ValidationError(
                _("That is more than 1,000% a year. Check the rate and what it is charged for."),
                "max_value",
            ),
        )


# Longer than any value a box or list of the site sends (a number stops at MAX_INPUT_LENGTH):
# anything longer is cut here, before a form, a link or a saved result can show it again.
MAX_FIELD_LENGTH = 80


class BoundedQueryDict(QueryDict):
    """A POST or query string already cut to size by `bounded`."""


class BoundedDict(dict):
    """Saved figures or initial values already cut to size by `bounded`."""


def bounded(data: Mapping[str, Any]) -> QueryDict | dict[str, Any]:
    """`data` (a POST, a query string, saved figures or initial values) with every text cut to
    MAX_FIELD_LENGTH characters: a 2 MB `mode` must not come back as a 4 MB page. Cut once:
    data already cut comes back as it is, so the forms of one request share one copy."""
    if isinstance(data, BoundedQueryDict | BoundedDict):
        return data
    if isinstance(data, QueryDict):
        cut = BoundedQueryDict(mutable=True)
        for key, values in data.lists():
            cut.setlist(key, [value[:MAX_FIELD_LENGTH] for value in values])
        return cut
    return BoundedDict(
        (key, value[:MAX_FIELD_LENGTH] if isinstance(value, str) else value)
        for key, value in data.items()
    )


class RepayableForm(forms.Form):
    """The site's forms. The server says what is missing, beside the field and in the reader's
    words, so inputs carry no `required` attribute (whose bubble speaks the browser's language).
    A choice list left out of the data (an adviser's short link) takes its initial value. What
    was typed is cut to MAX_FIELD_LENGTH before the form reads or shows it."""

    use_required_attribute = False

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *args: Any,
        initial: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            None if data is None else bounded(data),
            *args,
            initial=None if initial is None else bounded(initial),
            **kwargs,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, field in self.fields.items():
            left_out = not data.get(name) and name not in self.errors
            if isinstance(field, forms.ChoiceField) and field.initial and left_out:
                data[name] = field.initial
        return data
