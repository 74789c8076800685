"""What a value may be, for every way data comes in: the window, the Excel import, ``load``.

One home for the limits the model can hold, each check returning a Chinese reason (or None):
amounts within ±10^13 元 written as plain decimals with at most two places (no exponent), counts
0…10^9, weights and scores 0…100 (or a profile's maximum), years 1990–2100, texts without lone
surrogates or control characters other than tab and newline. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from desktop.core.money import MAX_YUAN

_T = TypeVar("_T")

MAX_COUNT = 10**9
MAX_SCORE = Decimal(100)
#: The largest 满分 a profile may set (``[performance] score_max``); scores keep 6 digits.
MAX_SCORE_MAX = 10_000
FIRST_YEAR, LAST_YEAR = 1990, 2100
#: Longest text accepted in one value (a long report paragraph is far shorter).
MAX_TEXT = 1_000_000

_PLAIN_DECIMAL = re.compile(r"-?\d{1,20}(\.\d+)?", re.ASCII)
_SCORE = re.compile(r"\d{1,6}(\.\d{1,4})?", re.ASCII)
_ALLOWED_CONTROLS = frozenset("\t\n")


class LimitError(ValueError):
    """A value outside what the model can hold; the message is Chinese and says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored, or None: lone surrogates, control characters, length."""
    if len(text) > MAX_TEXT:
        return f"文字过长（{len(text)} 个字符，最多 {MAX_TEXT} 个）"
    for n, ch in enumerate(text):
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            return f"第 {n + 1} 个字符是无效的字符（孤立的代理项 U+{code:04X}），文件可能已损坏"
        if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc":
            return f"第 {n + 1} 个字符是控制字符 U+{code:04X}；文字中只能有制表符和换行"
    return None


def clean_text(text: str) -> str:
    r"""`text` made storable: \r\n, \r and \x0b become \n, other controls and lone surrogates go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return "".join(
        ch
        for ch in text
        if not (0xD800 <= ord(ch) <= 0xDFFF)
        and (ch in _ALLOWED_CONTROLS or unicodedata.category(ch) != "Cc")
    )


def cleaned(value: _T) -> _T:
    """`value` with every text in it made storable (`clean_text`), however deep.

    Strings inside tuples, lists, dicts and (frozen) dataclasses too, such as an edit of the
    window. Unchanged parts are the same objects: ``cleaned(v) is v`` when nothing needed it.
    """
    if isinstance(value, str):
        text = clean_text(value)
        return value if text == value else text  # type: ignore[return-value]  # a str is a _T here
    if isinstance(value, tuple | list):
        return _cleaned_sequence(value)  # type: ignore[return-value]  # same type as `value`
    if isinstance(value, dict):
        return _cleaned_dict(value)  # type: ignore[return-value]  # same type as `value`
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _cleaned_dataclass(value)  # type: ignore[return-value]  # same type as `value`
    return value


def _cleaned_sequence(value: tuple[object, ...] | list[object]) -> object:
    items = [cleaned(v) for v in value]
    if any(a is not b for a, b in zip(items, value, strict=True)):
        return type(value)(items)
    return value


def _cleaned_dict(value: dict[object, object]) -> object:
    pairs = {cleaned(k): cleaned(v) for k, v in value.items()}
    same_values = all(a is b for a, b in zip(pairs.values(), value.values(), strict=True))
    return value if same_values and list(pairs) == list(value) else pairs


def _cleaned_dataclass(value: object) -> object:
    changes = {}
    for f in dataclasses.fields(value):  # type: ignore[arg-type]  # checked by the caller
        before = getattr(value, f.name)
        after = cleaned(before)
        if after is not before:
            changes[f.name] = after
    return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]  # a dataclass instance


def amount_text_problem(text: str) -> str | None:
    """Why an interchange amount string (元) is not a plain decimal within range, or None."""
    if not _PLAIN_DECIMAL.fullmatch(text):
        if re.search(r"[eE]", text):
            return f'“{_short(text)}”用了科学记数法；金额应写成普通小数，例如 "1234.50"'
        return f'“{_short(text)}”不是金额；应写成普通小数（单位：元），例如 "1234.50"'
    places = text.partition(".")[2]
    if len(places) > 2:
        return f"“{_short(text)}”的小数超过 2 位（金额精确到分）"
    if Decimal(text).copy_abs() >= MAX_YUAN:
        return f"“{_short(text)}”超出了可填写的范围（绝对值应小于 10 万亿元）"
    return None


def check_amount(yuan: Decimal) -> Decimal:
    """An amount in 元 the model can hold: finite, below 10^13 in size, exact to the 分."""
    if not yuan.is_finite() or yuan.copy_abs() >= MAX_YUAN:
        raise LimitError(f"金额 {_short(str(yuan))} 元超出了可填写的范围，请核对单位是否正确")
    if yuan != yuan.quantize(Decimal("0.01")):
        raise LimitError(f"金额 {_short(str(yuan))} 元比分还精确（最多 2 位小数）")
    return yuan


def check_count(value: int) -> int:
    """A count (辆、个、人次) within 0…10^9."""
    if not 0 <= value <= MAX_COUNT:
        raise LimitError(f"数量 {_short(str(value))} 超出范围（应为 0 到 {MAX_COUNT}）")
    return value


def parse_score(text: str, maximum: Decimal = MAX_SCORE) -> Decimal:
    """A weight or score (分值、得分): a plain number 0…`maximum`, up to four decimals."""
    raw = text.strip()
    if not raw:
        return Decimal(0)
    if not _SCORE.fullmatch(raw):
        raise LimitError(f"“{_short(raw)}”不是分值：应为 0 到 {maximum} 的数，例如 9.5")
    try:
        value = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise LimitError(f"“{_short(raw)}”不是数") from None
    if value > maximum:
        raise LimitError(f"分值 {raw} 超过了满分 {maximum}（模板规定的最大分值）")
    return value


def check_year(year: int) -> int:
    """A 年度 within 1990–2100."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise LimitError(f"年度 {_short(str(year))} 不合理（应在 {FIRST_YEAR}–{LAST_YEAR} 之间）")
    return year


def printable(text: str) -> str:
    r"""`text` safe to print in a message: lone surrogates and control characters as ``\uXXXX``."""
    return "".join(
        f"\\u{ord(ch):04x}"
        if 0xD800 <= ord(ch) <= 0xDFFF or unicodedata.category(ch) == "Cc"
        else ch
        for ch in text
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 个字符）"
