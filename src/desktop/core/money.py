"""Money: parsing what an officer types, exact arithmetic and the published 万元 / % formats.

Amounts are kept in 元 as `Decimal` quantized to 0.01 (分). They are published in 万元 with two
decimals, rounded half up (四舍五入), and percentages with two decimals computed from the unrounded
values. Nothing here ever touches float; nothing here does I/O.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")
#: Largest amount accepted: 10^13 元 is far beyond any unit's budget and keeps SQLite INTEGER 分 safe.
MAX_YUAN = Decimal(10) ** 13


class AmountError(ValueError):
    """Raised with a Chinese message that says why the text is not an amount."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Characters an IME or a pasted cell may contain, mapped to their ASCII meaning before parsing.
_CHAR_MAP = str.maketrans(
    {
        "。": ".",  # an IME full stop typed as the decimal point
        "．": ".",
        "，": ",",
        "､": ",",
        "－": "-",
        "−": "-",  # U+2212 minus sign
        "—": None,
        "\u3000": " ",
        "\u00a0": " ",
    }
)
_ALLOWED = re.compile(r"[0-9０-９.．。,，\-－−+＋ \u3000\u00a0\t]*", re.ASCII)
_NUMBER = re.compile(r"[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?", re.ASCII)


def _split_unit(text: str, default_unit: str) -> tuple[str, str]:
    for unit in ("万元", "元"):
        if text.endswith(unit):
            return text[: -len(unit)].strip(), unit
    return text, default_unit


def in_yuan(value: Decimal, unit: str) -> Decimal:
    """A number written in `unit` (what a sheet or a row says) in 元, exact.

    Only ``万元`` converts; ``元`` and the units of counts (辆, 个) are taken as written.
    """
    return value * TEN_THOUSAND if unit == "万元" else value


def parse_amount(text: str, *, default_unit: str = "万元") -> Decimal:
    """Parse an amount typed or pasted by an officer and return it in 元 (two decimals).

    Accepts full-width digits and punctuation, ``。`` as the decimal point, ``－``/``−`` as minus,
    correctly grouped thousands separators, surrounding spaces and a trailing ``万元`` or ``元``.
    Without a unit the amount is in ``default_unit``. Anything else raises `AmountError`;
    nothing is guessed (``1,23.4`` or ``12.345`` 元 are refused, not repaired).
    """
    if default_unit not in ("万元", "元"):
        raise ValueError(f"unknown unit {default_unit!r}")
    raw = text.strip().replace("\u3000", " ").strip()
    if not raw:
        raise AmountError("请填写金额，例如 12.34（单位：万元）。")
    body, unit = _split_unit(raw, default_unit)
    if not _ALLOWED.fullmatch(body):
        bad = next(ch for ch in body if not _ALLOWED.fullmatch(ch))
        raise AmountError(f"“{raw}”不是金额：含有字符“{bad}”。请只填写数字，可带“万元”或“元”。")
    normal = unicodedata.normalize("NFKC", body.translate(_CHAR_MAP))
    normal = normal.replace(" ", "").replace("\t", "")
    if not normal:
        raise AmountError(f"“{raw}”没有数字。请填写金额，例如 12.34。")
    if normal.count(".") > 1:
        raise AmountError(f"“{raw}”有多个小数点，无法确定金额。")
    if not _NUMBER.fullmatch(normal):
        if "," in normal:
            raise AmountError(f"“{raw}”的千分位分隔符位置不对（应每三位一个），请核对后重新填写。")
        raise AmountError(f"“{raw}”不是有效的金额，请只填写数字，例如 1234.56。")
    yuan = in_yuan(Decimal(normal.replace(",", "")), unit)
    if abs(yuan) >= MAX_YUAN:
        raise AmountError(f"“{raw}”超出了可填写的范围，请核对单位是否正确。")
    if yuan != yuan.quantize(CENT):
        places = "6 位" if unit == "万元" else "2 位"
        raise AmountError(f"“{raw}”的小数位数过多：以{unit}填写时最多 {places}小数（精确到分）。")
    return _clean_zero(yuan.quantize(CENT))


def parse_count(text: str) -> int:
    """Parse a count (辆、个、人次): a whole number, full-width digits allowed."""
    raw = unicodedata.normalize("NFKC", text.strip())
    if not raw:
        raise AmountError("请填写数量，例如 3。")
    if not re.fullmatch(r"\d+", raw, re.ASCII):
        raise AmountError(f"“{text.strip()}”不是数量：请填写不带小数的非负整数。")
    from desktop.core.limits import MAX_COUNT  # limits builds on this module

    if len(raw) > len(str(MAX_COUNT)) or int(raw) > MAX_COUNT:
        raise AmountError(f"数量“{raw[:20]}”超出范围：最多 {MAX_COUNT}。")
    return int(raw)


def yuan(text: str) -> Decimal:
    """Build an exact 元 amount from a decimal string (for data files and tests)."""
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise AmountError(f"“{text}”不是金额。") from exc
    if not value.is_finite() or value != value.quantize(CENT):
        raise AmountError(f"“{text}”不是精确到分的金额。")
    return _clean_zero(value.quantize(CENT))


def _clean_zero(value: Decimal) -> Decimal:
    return ZERO if value == 0 else value


def to_wan(amount: Decimal) -> Decimal:
    """The published 万元 value: 元 / 10000 rounded half up to two decimals."""
    return _clean_zero((amount / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP))


def format_wan(amount: Decimal) -> str:
    """Format an amount in 元 as published 万元 text, e.g. ``Decimal("7885380")`` → ``788.54``."""
    return f"{to_wan(amount):.2f}"


def format_yuan(amount: Decimal) -> str:
    """Exact decimal string of an amount in 元, as stored in interchange files."""
    return f"{_clean_zero(amount.quantize(CENT)):.2f}"


#: Half of the published unit (0.005 万元) in 元: the most rounding to 0.01 万元 moves one figure.
HALF_CENT_WAN = Decimal(50)


def entered_in_wan(*amounts: Decimal) -> bool:
    """True when every amount is whole hundreds of 元, i.e. was entered at 0.01 万元 precision."""
    return all(a % HUNDRED == 0 for a in amounts)


def is_rounding_tail(difference: Decimal, terms: int) -> bool:
    """True when a difference in 元 can come from rounding `terms` figures to 0.01 万元.

    Each figure published (or typed) at 0.01 万元 is at most 0.005 万元 (50 元) from its exact
    value, so two sums that are exactly equal can differ by at most ``terms × 0.005 万元`` once
    their rounded terms (the items and the total, on both sides) are added up. This is the one
    tolerance every rule and the Excel import use (docs/domain.md §3 conventions).
    """
    return abs(difference) <= HALF_CENT_WAN * max(terms, 1)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """Part / whole in percent, two decimals half up, from unrounded values; None on a zero base."""
    if whole == 0:
        return None
    return _clean_zero((part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP))


def format_percent(value: Decimal) -> str:
    """Two decimals, no sign: ``Decimal("17.19")`` → ``17.19``."""
    return f"{_clean_zero(value.quantize(CENT, rounding=ROUND_HALF_UP)):.2f}"


def format_decimal(value: Decimal) -> str:
    """A score or weight as typed: no trailing zeros beyond what it has (``99.97``, ``5``, ``2.5``)."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def format_score(value: Decimal, places: int) -> str:
    """A 自评得分 with a fixed number of decimals (``100.00``, ``99.90``), rounded half up."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(abs(rounded) if rounded == 0 else rounded, "f")


_TOKEN = re.compile(r"\s*(?:([0-9][0-9.,]*\s*(?:万元|元)?)|([-+*/()×÷])|(\S))")


class _Calculation:
    """A tiny recursive-descent reader of ``+ - * /`` and parentheses over amounts."""

    def __init__(self, text: str, tokens: list[str], default_unit: str) -> None:
        self.text = text
        self.tokens = tokens
        self.unit = default_unit
        self.pos = 0

    def peek(self) -> str:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ""

    def take(self) -> str:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def number(self, as_amount: bool) -> Decimal:
        token = self.peek()
        if token == "(":
            self.take()
            value = self.expr(as_amount)
            if self.peek() != ")":
                raise AmountError(f"“{self.text}”的括号不配对。")
            self.take()
            return value
        if token == "-":
            self.take()
            return -self.number(as_amount)
        if not token or token in "+*/)×÷":
            raise AmountError(f"“{self.text}”不是完整的算式。")
        self.take()
        if as_amount:
            return parse_amount(token, default_unit=self.unit)
        try:
            value = Decimal(token.replace(",", ""))
        except InvalidOperation:
            raise AmountError(f"“{token}”不是数字：乘、除只能用数字，例如 12.5*2。") from None
        if not value.is_finite():
            raise AmountError(f"“{token}”不是数字。")
        return value

    def term(self, as_amount: bool) -> Decimal:
        value = self.number(as_amount)
        while self.peek() in ("*", "/", "×", "÷"):
            op = self.take()
            factor = self.number(False)
            if op in ("/", "÷"):
                if factor == 0:
                    raise AmountError(f"“{self.text}”中除数为 0。")
                value = value / factor
            else:
                value = value * factor
        return value

    def expr(self, as_amount: bool) -> Decimal:
        value = self.term(as_amount)
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.term(as_amount)
            value = value + right if op == "+" else value - right
        return value


def evaluate_amount(text: str, *, default_unit: str = "万元") -> Decimal:
    """An amount, or simple arithmetic of amounts (``12.5+3.2``, ``(1+2)*3``), in 元.

    Each number is read like `parse_amount`; ``+ - * / × ÷`` and parentheses are allowed, nothing
    else (no names, no functions): the text is never evaluated as code. Multiplying and dividing
    take plain numbers on the right (``12.5*2``).
    """
    raw = unicodedata.normalize("NFKC", text.translate(_CHAR_MAP)).replace("\u3000", " ").strip()
    if not re.search(r"[+*/()×÷]|[0-9.元]\s*-", raw):
        return parse_amount(text, default_unit=default_unit)
    tokens: list[str] = []
    for number_, operator, other in _TOKEN.findall(raw):
        if other:
            raise AmountError(
                f"“{text}”不是有效的算式：含有字符“{other}”。只能使用数字、+ - * / 和括号。"
            )
        tokens.append(number_.strip() or operator)
    calc = _Calculation(text, tokens, default_unit)
    result = calc.expr(True)
    if calc.pos != len(tokens):
        raise AmountError(f"“{text}”不是有效的算式：只能使用数字、+ - * / 和括号。")
    if abs(result) >= MAX_YUAN:
        raise AmountError(f"“{text}”超出了可填写的范围。")
    return _clean_zero(result.quantize(CENT, rounding=ROUND_HALF_UP))
