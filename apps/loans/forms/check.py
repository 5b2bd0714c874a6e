"""The loan check's input, read once a request: the figures cut to size, the offer form of the
mode typed and the budget form validated (the forms build the engine's offer, priced, and the
engine's budget, once: TermsForm/PlanForm.price, BudgetForm.clean), and the early-repayment
question. The answer (apps.affordability) starts from a CheckInput and never reads the request
again; what the form's template needs to show the figures again with their messages is ready in
it (`form_context`).

Comparison: the same for each offer box typed in (o1- to o4-), with one budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from apps.finance import Offer, Plan, Quote
from apps.finance import budget as rules
from apps.finance.reading import RateReading
from apps.loans.fields import NO_FEE, FeeValue
from apps.loans.forms.base import FormData, bounded
from apps.loans.forms.budget import BUDGET_FIELDS, EARLY_FIELDS, BudgetForm, EarlyRepaymentForm
from apps.loans.forms.offer import (
    COMPARE_MIN,
    COMPARE_PREFIXES,
    OFFER_FIELDS,
    SHARED_OFFER_FIELDS,
    OfferInput,
    offer_input,
    offer_is_typed,
)

# The form pages' templates: shown again with their messages when figures do not pass.
CHECK_TEMPLATE = "loans/check.html"
COMPARE_TEMPLATE = "loans/compare.html"
# The figures a check keeps in a link or a saved result, as typed.
CHECK_FIELDS = (*OFFER_FIELDS, *BUDGET_FIELDS, *EARLY_FIELDS)
COMPARE_FIELDS = (*(f"{p}-{n}" for p in COMPARE_PREFIXES for n in OFFER_FIELDS), *BUDGET_FIELDS)


@dataclass
class OfferRead:
    """One offer as read: its forms, as the page shows them; once they pass, the engine's offer
    and its quote, the reading of its rate (None for a plan) and the rate as typed."""

    forms: OfferInput

    @property
    def cleaned(self) -> dict[str, Any]:
        form = self.forms.form
        return form.cleaned_data if form.is_bound and not form.errors else {}

    @property
    def offer(self) -> Offer | Plan | None:
        return self.cleaned.get("offer")

    @property
    def quote(self) -> Quote | None:
        return self.cleaned.get("quote")

    @property
    def reading(self) -> RateReading | None:
        return self.cleaned.get("reading")

    @property
    def rate_typed(self) -> str:
        return self.cleaned.get("rate_typed", "")

    @property
    def lender(self) -> str:
        return self.cleaned.get("lender") or "unknown"


@dataclass
class CheckInput:
    """A loan check as typed and as read: the forms and, once every one passes, the engine's
    offer (`offer.quote` priced) and budget, and, when asked, repaying early (`early_form`).
    `typed` is the figures as typed, cut to size: what a link or a saved result keeps."""

    offer: OfferRead
    budget_form: BudgetForm
    typed: dict[str, str]
    early_form: EarlyRepaymentForm | None

    @property
    def budget(self) -> rules.Budget | None:
        form = self.budget_form
        return form.cleaned_data["budget"] if form.is_valid() else None

    @property
    def early_asked(self) -> bool:
        return any(self.typed.get(name, "").strip() for name in EARLY_FIELDS)

    @property
    def valid(self) -> bool:
        """The offer and the budget pass (the early-repayment question is answered, or shown
        again with its messages, on the result page)."""
        return self.offer.quote is not None and self.budget is not None

    @property
    def early_valid(self) -> bool:
        return self.early_form is not None and self.early_form.is_valid()

    @property
    def early_after(self) -> int | None:
        return self.early_form.cleaned_data["early_after"] if self.early_valid else None

    @property
    def early_fee(self) -> FeeValue:
        if not self.early_valid:
            return NO_FEE
        return self.early_form.cleaned_data.get("early_fee") or NO_FEE

    @property
    def form_context(self) -> dict[str, Any]:
        """What the form's template (CHECK_TEMPLATE) needs to show these figures again."""
        shown = [self.offer.forms.form, self.budget_form]
        return {
            "offer": self.offer.forms,
            "budget_form": self.budget_form,
            "forms": shown,
            "has_errors": any(form.errors for form in shown),
        }


def read_check(data: FormData) -> CheckInput:
    """Read one loan check from `data` (a POST, a link's query or saved figures)."""
    data = bounded(data)
    typed = {name: str(data.get(name, "")) for name in CHECK_FIELDS}
    typed = {name: value for name, value in typed.items() if value.strip()}
    offer = offer_input(data)
    quote = offer.form.cleaned_data.get("quote") if offer.form.is_valid() else None
    early_form = None
    if quote is not None and quote.payment_count > 1 and set(typed) & set(EARLY_FIELDS):
        early_form = EarlyRepaymentForm(data, payments=quote.payment_count)
    return CheckInput(OfferRead(offer), BudgetForm(data), typed, early_form)


@dataclass
class CompareInput:
    """Two to four offers and one budget, as typed and as read: `offers` are the boxes typed
    in, numbered from 1 (an empty box is no offer); `boxes` all four, for the form page."""

    boxes: list[OfferRead]
    offers: list[tuple[int, OfferRead]]
    budget_form: BudgetForm
    typed: dict[str, str]

    @property
    def budget(self) -> rules.Budget | None:
        form = self.budget_form
        return form.cleaned_data["budget"] if form.is_valid() else None

    @property
    def too_few(self) -> bool:
        return len(self.offers) < COMPARE_MIN

    @property
    def valid(self) -> bool:
        priced = all(read.quote is not None for _number, read in self.offers)
        return not self.too_few and self.budget is not None and priced

    @property
    def form_context(self) -> dict[str, Any]:
        """What the comparison form's template (COMPARE_TEMPLATE) needs to show it again."""
        shown = [*(read.forms.form for read in self.boxes), self.budget_form]
        return {
            "too_few": self.too_few,
            "offers": [(n, read.forms) for n, read in enumerate(self.boxes, start=1)],
            "budget_form": self.budget_form,
            "forms": shown,
            "has_errors": self.too_few or any(form.errors for form in shown),
        }


def read_compare(data: FormData) -> CompareInput:
    """Read a comparison from `data`: each offer box typed in, and the budget once."""
    data = bounded(data)
    boxes = []
    offers = []
    for number, prefix in enumerate(COMPARE_PREFIXES, start=1):
        if offer_is_typed(data, prefix):
            read = OfferRead(offer_input(data, prefix=prefix))
            offers.append((number, read))
        else:
            # An empty box is no offer: shown again with its lists as chosen, never judged.
            shown = {n: data[f"{prefix}-{n}"] for n in OFFER_FIELDS if f"{prefix}-{n}" in data}
            read = OfferRead(offer_input(initial=shown, prefix=prefix))
        boxes.append(read)
    typed = {name: str(data.get(name, "")) for name in COMPARE_FIELDS}
    typed = {name: value for name, value in typed.items() if value.strip()}
    return CompareInput(boxes, offers, BudgetForm(data), typed)


def entered_figures(check: CheckInput) -> list[tuple[str, str]]:
    """(label, value) for every figure the check used: as typed, or as the list's option; the
    rate's period and method as the check read them (its words outrank the lists)."""
    form = check.offer.forms.form
    read = check.offer.cleaned
    shown = []
    for each, names in (
        (form, (*form.own_fields, *SHARED_OFFER_FIELDS)),
        (check.budget_form, BUDGET_FIELDS),
    ):
        for name in names:
            field = each.fields[name]
            if field.widget.is_hidden:
                continue
            raw = str(each.data.get(each.add_prefix(name)) or "").strip()
            if name in ("rate_period", "method") and read.get("reading") is not None:
                raw = str(read[name])
            if not raw:
                continue
            choices = getattr(field, "choices", None)
            if choices:
                raw = str(dict(choices).get(raw, raw))
            shown.append((str(field.label), raw))
    return shown
