"""Number inputs that accept what people type, and say plainly what they do not.

`parse_number` is the pure text-to-Decimal step (unit-tested on its own); the form fields wrap it
with bounds and messages in the reader's language. A bound form keeps the raw text, so whatever
was typed is shown again beside its message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from typing import ParamSpec, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.finance import MAX_AMOUNT, fraction_from_percent
from apps.finance.reading import FEE_BASIS, INTEREST_BASIS

P = ParamSpec("P")
R = TypeVar("R")

# Longer than any honest number with separators and a unit; longer input is not parsed at all.
MAX_INPUT_LENGTH = 40
# More digits than any amount this site checks (a trillion yuan has 13): a typing slip.
MAX_DIGITS = 16

# Multipliers people write after a number: 1.5万 = 15,000; 2千 = 2,000; 10k = 10,000; 1w (for 万)
# is common shorthand in Chinese chats.
MULTIPLIERS = {
    "万": Decimal(10_000),
    "w": Decimal(10_000),
    "千": Decimal(1_000),
    "k": Decimal(1_000),
}
# Units that may follow (or, for ¥, lead) the number and change nothing.
MONEY_SUFFIXES = ("人民币", "元", "块", "rmb", "¥", "cny")
MONEY_PREFIXES = ("¥", "rmb", "cny")

# Plain digits, optionally grouped by thousands with commas or spaces, optionally a decimal part.
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:([, ])[0-9]{3})(?:\1[0-9]{3})*(?:\.[0-9]+)?")


# Chinese numerals, as people type amounts and counts: 一万, 两万五 (25,000), 三千五 (3,500),
# 一万零五百, 十二, and the same mixed with digits (1万5, 3万2千). Also the financial forms
# (壹, 贰, 拾, 佰, 仟) from contracts, and a decimal point written 点 (一点五万 = 15,000).
_CHINESE_DIGITS = {
    **dict.fromkeys("零〇", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二两贰", 2),
    **dict.fromkeys("三叁", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
_CHINESE_UNITS = {
    **dict.fromkeys("十拾", 10),
    **dict.fromkeys("百佰", 100),
    **dict.fromkeys("千仟", 1000),
}
_CHINESE_GROUPS = {"万": 10_000, "亿": 100_000_000}
_CHINESE_TOKEN = re.compile(r"[0-9]+|.")
# ASCII digits only. str.isdigit() is also true of ⓵, ፩ and 66 other characters that int() and
# Decimal() refuse; _normalise has already turned other decimal digits into these.
_DIGITS = re.compile(r"[0-9]+")


def _digits(text: str) -> bool:
    return _DIGITS.fullmatch(text) is not None


def _chinese_number(text: str) -> int | None:
    """一万五千 -> 15000, 两万五 -> 25000, 1万5 -> 15000; None if `text` is not such a number."""
    if not text or not any(
        c in _CHINESE_DIGITS or c in _CHINESE_UNITS or c in _CHINESE_GROUPS for c in text
    ):
        return None
    total = 0  # whole 亿 groups
    group = 0  # whole 万 group, below 亿
    section = 0  # below 万
    digit: int | None = None  # a digit not yet followed by its unit
    last_unit = 0  # the unit just before a trailing digit: 两万五 means five thousand
    after_zero = False
    for token in _CHINESE_TOKEN.findall(text):
        if _digits(token) or token in _CHINESE_DIGITS:
            if digit is not None:  # two digits in a row ("一二") is not a number
                return None
            digit = int(token) if _digits(token) else _CHINESE_DIGITS[token]
            if digit == 0 and not _digits(token):
                after_zero, digit, last_unit = True, None, 0
        elif token in _CHINESE_UNITS:
            unit = _CHINESE_UNITS[token]
            if section % (unit * 10) >= unit:  # the same unit twice ("三百四百")
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_unit, after_zero = None, unit, False
        elif token in _CHINESE_GROUPS:
            size = _CHINESE_GROUPS[token]
            value = section + (digit or 0)
            if value == 0 and not (size == 100_000_000 and group):
                return None  # "万" alone, or "1万万"
            if size == 10_000:
                if group:
                    return None
                group = value * size
            else:
                if total:
                    return None
                total, group = (group + value) * size, 0
            section, digit, last_unit, after_zero = 0, None, size, False
        else:
            return None
    if digit is not None:
        # A last digit straight after a unit is a tenth of that unit, as people say amounts.
        section += digit * (last_unit // 10) if last_unit >= 10 and not after_zero else digit
    result = total + group + section
    return result if result or "零" in text or "〇" in text else None


def _chinese_decimal(text: str) -> Decimal | None:
    """一点五万 -> 15000, 零点五 -> 0.5, 两点五千 -> 2500; None if `text` is not such a number."""
    whole, point, rest = text.partition("点")
    if not point or not whole or not rest:
        return None
    scale = 1
    if rest[-1] in _CHINESE_GROUPS or rest[-1] in "千仟":
        scale = _CHINESE_GROUPS.get(rest[-1]) or 1000
        rest = rest[:-1]
    if not rest or not all(_digits(c) or c in _CHINESE_DIGITS for c in rest):
        return None
    integer = int(whole) if _digits(whole) else _chinese_number(whole)
    if integer is None:
        return None
    fraction = "".join(c if _digits(c) else str(_CHINESE_DIGITS[c]) for c in rest)
    return Decimal(f"{integer}.{fraction}") * scale


class NumberFormatError(ValueError):
    """Why a text is not a number we accept: "invalid", "negative", "percent" or "too_large"."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


# The compatibility mappings NFKC may apply to a character with a numeric value: full-width
# (a Chinese keyboard's １２) is the same digit. Any other (superscript ⁴, subscript ₄, circled
# ①, ⑴, ⒈, 𝟏, ㊀...) only looks like one: NFKC would read 10⁴ as 104 and 10⑩ as 1010.
_SAME_DIGIT_MAPPINGS = ("<wide>",)


def _compatibility_digit(character: str) -> bool:
    mapping = unicodedata.decomposition(character)
    return (
        mapping.startswith("<")
        and not mapping.startswith(_SAME_DIGIT_MAPPINGS)
        and unicodedata.numeric(character, None) is not None
    )


def _normalise(text: str) -> str:
    # A compatibility digit is refused, never rewritten into a different number. Then NFKC
    # turns full-width digits, commas, points, ％ and ￥ into their ASCII forms and the
    # ideographic space into a space; the decimal digits of other scripts (٣, ३) become ASCII
    # digits; spaces of any kind collapse to one.
    if any(_compatibility_digit(character) for character in text):
        raise NumberFormatError("invalid")
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text
    )
    text = text.replace("。", ".").replace("，", ",")
    return re.sub(r"\s+", " ", text)


def _reads_as_a_number_or_not(parse: Callable[P, R]) -> Callable[P, R]:
    """Whatever a parser's patterns let slip (an error from int() or Decimal()) is still only
    "not a number" to the reader: NumberFormatError("invalid"), never a 500."""

    @wraps(parse)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return parse(*args, **kwargs)
        except NumberFormatError:
            raise
        except (ValueError, ArithmeticError):
            raise NumberFormatError("invalid") from None

    return guarded


@_reads_as_a_number_or_not
def parse_number(text: str, *, money: bool = True, allow_percent: bool = False) -> Decimal:
    """Turn what a person typed into a Decimal, or raise NumberFormatError.

    Accepts 10000, 10,000, 10 000, full-width digits, 1.5万, 2千, 10k, Chinese numerals
    (一万, 两万五, 3万2千, 十二, 一点五万), a trailing 元 or ¥ (or a leading ¥), and a
    trailing % when `allow_percent` (the number is returned as typed: "18%" -> 18). Multipliers
    and currency words only when `money`. Rejects signs, exponents, NaN and infinity, and
    anything else.
    """
    if len(text) > MAX_INPUT_LENGTH:
        raise NumberFormatError("invalid")
    value = _normalise(text)
    if value.startswith("-") or value.startswith("−"):
        raise NumberFormatError("negative")
    if value.endswith("%"):
        if not allow_percent:
            raise NumberFormatError("percent")
        value = value[:-1].rstrip()
    multiplier = Decimal(1)
    if money:
        for prefix in MONEY_PREFIXES:
            if value.startswith(prefix):
                value = value[len(prefix) :].lstrip()
                break
        for suffix in MONEY_SUFFIXES:
            if value.endswith(suffix):
                value = value[: -len(suffix)].rstrip()
                break
    unscaled = value  # 两万五 is read whole, below, if it is not digits and a multiplier
    if money and value and value[-1] in MULTIPLIERS:
        multiplier = MULTIPLIERS[value[-1]]
        value = value[:-1].rstrip()
    if _GROUPED.fullmatch(value):
        value = value.replace(",", "").replace(" ", "")
    elif not _PLAIN.fullmatch(value):
        chinese = _chinese_number(unscaled)
        if chinese is None:
            chinese = _chinese_decimal(unscaled)
        if chinese is None:
            raise NumberFormatError("invalid")
        value, multiplier = str(chinese), Decimal(1)
    if len(value.split(".")[0].lstrip("0")) > MAX_DIGITS:
        raise NumberFormatError("too_large")
    number = Decimal(value) * multiplier
    # Normalise 15000.0 (from 1.5万) to 15000 without losing real decimals.
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


# What every box that must be filled in says when it is empty, unless it says something more.
REQUIRED_MESSAGE = _("Please fill this in.")


class NumberField(forms.CharField):
    """A text input (so that 1.5万 and 10,000 can be typed) that cleans to a Decimal."""

    money = True
    allow_percent = False
    default_error_messages = {
        "required": REQUIRED_MESSAGE,
        "invalid": _("Type a number, such as 10000, 10,000, 1.5万 or 10k."),
        "negative": _("This cannot be below zero."),
        "percent": _("Type an amount in yuan here, not a percentage."),
        "too_large": _("That number is far too large. Check it."),
        "min_value": _("This must be more than %(limit)s."),
        "min_value_inclusive": _("This must be at least %(limit)s."),
        "max_value": _("This must be at most %(limit)s. Check the number."),
        "decimals": _("Use at most %(places)s digits after the decimal point."),
        "whole": _("Type a whole number, such as 12."),
    }

    def __init__(
        self,
        *,
        min_value: Decimal | None = None,
        min_inclusive: bool = True,
        max_value: Decimal | None = None,
        decimal_places: int | None = None,
        **kwargs: object,
    ) -> None:
        self.min_value = min_value
        self.min_inclusive = min_inclusive
        self.max_value = max_value
        self.decimal_places = decimal_places
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        attrs = super().widget_attrs(widget)
        # A decimal keypad on phones, while still accepting 万, commas and spaces.
        attrs["inputmode"] = "decimal"
        attrs["autocomplete"] = "off"
        return attrs

    def parse(self, text: str) -> Decimal:
        """The number in what was typed, or NumberFormatError (RateField reads its words too)."""
        return parse_number(text, money=self.money, allow_percent=self.allow_percent)

    def to_python(self, value: object) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return self.parse(text)
        except NumberFormatError as error:
            raise ValidationError(self.error_messages[error.code], code=error.code) from None

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None:
            if self.min_inclusive and value < self.min_value:
                raise ValidationError(
                    self.error_messages["min_value_inclusive"],
                    code="min_value",
                    params={"limit": _plain(self.min_value)},
                )
            if not self.min_inclusive and value <= self.min_value:
                raise ValidationError(
                    self.error_messages["min_value"],
                    code="min_value",
                    params={"limit": _plain(self.min_value)},
                )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": _plain(self.max_value)},
            )
        if self.decimal_places is not None and -value.as_tuple().exponent > self.decimal_places:
            raise ValidationError(
                self.error_messages["decimals"],
                code="decimals",
                params={"places": self.decimal_places},
            )


def _plain(number: Decimal) -> str:
    """A bound as people read it: 10000000 -> "10,000,000"."""
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,}"


class MoneyField(NumberField):
    """An amount in yuan: 10000, 10,000, 10 000, １０，０００, 1.5万, 2千, 10k, 500元, ¥500.
    From 0 up to the engine's MAX_AMOUNT unless a field says otherwise."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(**kwargs)


class PercentField(NumberField):
    """A rate typed in percent: 0.05, 1.5, 18%, １８％. Bounds are in percent, as typed; it cleans
    to the engine's fraction (0.05 -> 0.0005)."""

    money = False
    allow_percent = True
    default_error_messages = {
        "invalid": _("Type the rate as a number, such as 0.05, 1.5 or 18%."),
    }

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("decimal_places", 6)
        super().__init__(**kwargs)

    def clean(self, value: object) -> Decimal | None:  # type: ignore[override]
        percent = super().clean(value)
        return None if percent is None else fraction_from_percent(percent)


# How people and apps write a rate: a period word before or after the figure (日息, 月利率, 年化,
# 每天...), the words that say how it is charged, counts in ten-thousandths (万5 = 0.05%),
# thousandths (千分之1 = 0.1%), and 分 and 厘, whose size follows the period named. A word's
# basis is FEE_BASIS when it names a fee rate, charged on the original amount every period
# (费率, 手续费率, 月费率, 分期手续费: the flat-fee method, whatever the app calls it),
# INTEREST_BASIS when it names interest on what is still owed (利率, 日息, 月息), and None when
# it says only the period.
RATE_WORDS = (
    ("日利率", "day", INTEREST_BASIS),
    ("日息", "day", INTEREST_BASIS),
    ("日利", "day", INTEREST_BASIS),
    ("日费率", "day", FEE_BASIS),
    ("日化", "day", None),
    ("每日", "day", None),
    ("每天", "day", None),
    ("一天", "day", None),
    ("/天", "day", None),
    ("/日", "day", None),
    ("日", "day", None),
    ("天", "day", None),
    ("月利率", "month", INTEREST_BASIS),
    ("月息", "month", INTEREST_BASIS),
    ("月利", "month", INTEREST_BASIS),
    ("月手续费率", "month", FEE_BASIS),
    ("月手续费", "month", FEE_BASIS),
    ("月费率", "month", FEE_BASIS),
    ("一个月", "month", None),
    ("每月", "month", None),
    ("/月", "month", None),
    ("月", "month", None),
    ("年利率", "year", INTEREST_BASIS),
    ("年息", "year", INTEREST_BASIS),
    ("年利", "year", INTEREST_BASIS),
    ("年费率", "year", FEE_BASIS),
    ("年化", "year", None),
    ("每年", "year", None),
    ("一年", "year", None),
    ("/年", "year", None),
    ("年", "year", None),
    ("利率", None, INTEREST_BASIS),
    ("利息", None, INTEREST_BASIS),
    ("分期手续费率", None, FEE_BASIS),
    ("分期手续费", None, FEE_BASIS),
    ("手续费率", None, FEE_BASIS),
    ("手续费", None, FEE_BASIS),
    ("服务费率", None, FEE_BASIS),
    ("服务费", None, FEE_BASIS),
    ("费率", None, FEE_BASIS),
)
# The longest words first, so that 月利率 is not read as 月 and 手续费率 not as 费率.
_RATE_WORDS_LONGEST_FIRST = sorted(RATE_WORDS, key=lambda entry: -len(entry[0]))
# Marks around the words that change nothing: 月费率：0.6%, 18%（年化）.
_RATE_MARKS = str.maketrans("", "", "():")
# A count of ten-thousandths or thousandths is a daily rate unless a period is named: 日息万五 and
# 万5 are the same offer.
_RATE_COUNTS = (("万分之", Decimal("0.01")), ("万", Decimal("0.01")), ("千分之", Decimal("0.1")))
# 分 and 厘 follow the period named: 年息1分 = 10% a year, 月息1分 = 1% a month, 日息1分 = 0.1%
# a day; a 厘 is a tenth of a 分 (日息5厘 = 万五 = 0.05% a day, never 0.5%). Without a period,
# a month: 2分利 is 2% a month.
FEN_PERCENT = {"day": Decimal("0.1"), "month": Decimal(1), "year": Decimal(10)}
_FEN_SUFFIXES = (("分利", Decimal(1)), ("分", Decimal(1)), ("厘", Decimal("0.1")))


@dataclass(frozen=True, slots=True)
class RateText:
    """What a typed rate says: the rate in percent, the period its words name and the basis
    they name (FEE_BASIS, INTEREST_BASIS), each None when the words do not say."""

    percent: Decimal
    period: str | None
    basis: str | None


def _split_words(text: str) -> tuple[str, str | None, str | None]:
    """The figure without its words, and the period and basis they name. Two words that name
    different periods are no rate; a fee word outranks an interest word (月息 and 手续费率
    together: the fee on the original amount costs more)."""
    period: str | None = None
    basis: str | None = None
    found = True
    while found:
        found = False
        text = text.translate(_RATE_MARKS).strip()
        for word, word_period, word_basis in _RATE_WORDS_LONGEST_FIRST:
            if text.startswith(word):
                text = text[len(word) :]
            elif text.endswith(word):
                text = text[: -len(word)]
            else:
                continue
            found = True
            if word_period:
                if period and period != word_period:
                    raise NumberFormatError("invalid")
                period = word_period
            if word_basis and basis != FEE_BASIS:
                basis = word_basis
            break
    return text, period, basis


@_reads_as_a_number_or_not
def read_rate_text(text: str) -> RateText:
    """A typed rate as a RateText, or NumberFormatError.

    18, 18% -> 18, no period; 年化18% -> 18 a year; 万5, 万五, 日息万五 -> 0.05 a day, interest;
    月息2分, 2分利 -> 2 a month; 年息1分 -> 10 a year; 日息5厘 -> 0.05 a day; 月费率0.6% and
    分期手续费率0.6% -> 0.6 (a month), a fee on the original amount.
    """
    if len(text) > MAX_INPUT_LENGTH:
        raise NumberFormatError("invalid")
    value, period, basis = _split_words(_normalise(text))
    value = value.removeprefix("每").strip()
    for prefix, percent_per_unit in _RATE_COUNTS:
        if value.startswith(prefix):
            count = parse_number(value[len(prefix) :].strip(), money=False)
            return RateText(count * percent_per_unit, period or "day", basis)
    for suffix, share_of_fen in _FEN_SUFFIXES:
        if value.endswith(suffix):
            count = parse_number(value[: -len(suffix)].strip(), money=False)
            named = period or "month"
            return RateText(count * share_of_fen * FEN_PERCENT[named], named, basis)
    return RateText(parse_number(value, money=False, allow_percent=True), period, basis)


@dataclass(frozen=True, slots=True)
class RateValue:
    """A quoted rate as the engine takes it (a fraction), the period its words named and the
    basis they named (FEE_BASIS: a fee on the original amount every period; INTEREST_BASIS:
    interest on what is still owed), each None if the words did not say, and the text as typed.
    A period or basis named in the rate itself (日息万五, 月费率0.6%) outranks the lists."""

    fraction: Decimal
    period: str | None
    basis: str | None = None
    typed: str = ""


class RateField(PercentField):
    """A quoted rate: 1.5, 18%, 年化18%, 万5, 日息万五, 月息2分, 月费率0.6% (see read_rate_text).
    Bounds are in percent; it cleans to a RateValue, the text read once."""

    default_error_messages = {
        "required": _("Type the rate. For an interest-free offer (免息), type 0."),
        "invalid": _(
            "Type the rate as a number, such as 0.05, 1.5 or 18%, "
            "or as the app writes it: 万5, 月息2分, 月费率0.6%."
        ),
    }

    def parse(self, text: str) -> RateText:  # type: ignore[override]
        return read_rate_text(text)

    def validate(self, value: RateText | None) -> None:  # type: ignore[override]
        super().validate(None if value is None else value.percent)

    def clean(self, value: object) -> RateValue | None:  # type: ignore[override]
        read = self.to_python(value)
        self.validate(read)
        if read is None:
            return None
        typed = unicodedata.normalize("NFKC", str(value)).strip()
        return RateValue(fraction_from_percent(read.percent), read.period, read.basis, typed)


# Words that follow a count in lending apps and change nothing: 12期 (instalments), 3次, 2笔,
# 3家 (platforms), 3个. Units of time are not among them: the term's unit has its own field, and
# silently reading 12天 as 12 months would be wrong.
COUNT_SUFFIXES = ("期", "次", "笔", "家", "个")


class WholeNumberField(NumberField):
    """A count: 12, １２ or 12期; units of time are refused (the unit has its own field)."""

    money = False
    default_error_messages = {
        "invalid": _("Type a whole number, such as 12."),
    }

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        attrs = super().widget_attrs(widget)
        attrs["inputmode"] = "numeric"
        return attrs

    def to_python(self, value: object) -> int | None:  # type: ignore[override]
        if isinstance(value, str):
            stripped = value.strip()
            for suffix in COUNT_SUFFIXES:
                if stripped.endswith(suffix):
                    value = stripped[: -len(suffix)]
                    break
        try:
            number = super().to_python(value)
        except ValidationError as error:
            # "-3" for a count that starts at 1: say what is allowed, as "0" gets.
            if error.code == "negative" and self.min_value is not None and self.min_value > 0:
                raise ValidationError(
                    self.error_messages["min_value_inclusive"],
                    code="min_value",
                    params={"limit": _plain(self.min_value)},
                ) from None
            raise
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValidationError(self.error_messages["whole"], code="whole")
        return number

    def clean(self, value: object) -> int | None:  # type: ignore[override]
        number = super().clean(value)
        return None if number is None else int(number)


# A term as apps write it: 12个月, 30天, 8周. The unit word decides the term's unit.
TERM_UNIT_WORDS = (
    ("个月", "month"),
    ("月", "month"),
    ("星期", "week"),
    ("周", "week"),
    ("天", "day"),
    ("日", "day"),
)


def term_unit_typed(text: object) -> str | None:
    """The unit a typed term names ("12个月" -> "month"), or None when it names none."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    return next((unit for word, unit in TERM_UNIT_WORDS if stripped.endswith(word)), None)


class TermField(WholeNumberField):
    """A loan term: 12, or 12个月 / 30天 / 8周 as apps write it (the form reads the unit)."""

    def to_python(self, value: object) -> int | None:  # type: ignore[override]
        if isinstance(value, str) and term_unit_typed(value):
            # Only the word is taken off: the number is read (or refused) as it was typed.
            stripped = value.strip()
            word = next(w for w, _ in TERM_UNIT_WORDS if stripped.endswith(w))
            value = stripped[: -len(word)]
        return super().to_python(value)


@dataclass(frozen=True, slots=True)
class FeeValue:
    """A fee as the engine takes it: an amount in yuan, or a fraction of the amount borrowed
    (typed as a percentage). One of the two is zero."""

    amount: Decimal
    fraction: Decimal


NO_FEE = FeeValue(Decimal(0), Decimal(0))


class FeeField(MoneyField):
    """A fee: an amount (500, 500元, 1千) or a percentage of the amount borrowed (10%).

    Cleans to a FeeValue; bounds apply to amounts, and a percentage is at most 100.
    """

    allow_percent = True

    def clean(self, value: object) -> FeeValue | None:  # type: ignore[override]
        number = self.to_python(value)
        typed_percent = isinstance(value, str) and _normalise(value).endswith("%")
        if number is not None and typed_percent:
            if number > 100:
                raise ValidationError(
                    self.error_messages["max_value"], code="max_value", params={"limit": "100%"}
                )
            return FeeValue(Decimal(0), fraction_from_percent(number))
        # An amount: the bounds in yuan apply.
        self.validate(number)
        self.run_validators(number)
        return None if number is None else FeeValue(number, Decimal(0))


# Dates as people type them, and as a phone's date picker sends them (the first).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]


class DateInput(forms.DateInput):
    """The browser's date picker; the value goes back as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A day: 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日, or picked."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "required": REQUIRED_MESSAGE,
        "invalid": _("Type a date such as 2026-12-31, or pick one."),
    }
