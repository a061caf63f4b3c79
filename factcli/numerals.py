"""Numbers as a document prints them: Arabic digits and Chinese numerals (第二, 三成, 一百二十)."""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
# patterns, not compiled here: re compiles and caches each on first use, so a command that reads no
# evidence (`get` of a plain figure, `show`) never pays for compiling them
_CHINESE_RUN = f"[{''.join(_DIGITS) + ''.join(_SMALL) + ''.join(_LARGE)}]+"
_ARABIC = r"\d[\d,]*(?:\.\d+)?"


def chinese_to_int(text: str) -> int | None:
    """Parse a run of Chinese numerals; None when it is not a well-formed number."""
    total = section = digit = 0
    seen = False
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
            seen = True
        elif char in _SMALL:
            section += (digit or 1) * _SMALL[char]
            digit = 0
            seen = True
        elif char in _LARGE:
            total = (total + section + digit) * _LARGE[char]
            section = digit = 0
        else:
            return None
    return total + section + digit if seen else None


def numbers_in(text: str) -> list[float]:
    """Every number printed in text, in Arabic digits or Chinese numerals."""
    found = [float(m.group().replace(",", "")) for m in re.finditer(_ARABIC, text)]
    for match in re.finditer(_CHINESE_RUN, text):
        value = chinese_to_int(match.group())
        if value is not None:
            found.append(float(value))
    return found


def printed_in(value: float, text: str) -> bool:
    """Is value printed in text as a number? A decline is stored negative but printed as 下降 4.7."""
    return any(abs(n - abs(value)) < 1e-9 for n in numbers_in(text))


class Figure(float):
    """A derived number (a change, a rate) that keeps full precision for JSON and arithmetic but reads as a
    person writes it: to `places` decimals."""

    __slots__ = ("places",)
    places: int

    def __new__(cls, value: float, places: int) -> Figure:
        figure = super().__new__(cls, value)
        figure.places = max(places, 0)
        return figure


def difference(later: float, earlier: float, factor: float) -> Figure:
    """later − earlier (both in base units) in the unit of `factor`, read to the finer of the two figures
    as they print in that unit."""
    places = max(decimals(float(f"{value / factor:.12g}")) for value in (later, earlier))
    return Figure((later - earlier) / factor, places)


def format_number(value: float) -> str:
    """A value as it was printed: 2643.2, 500, never 500.0 or 2.6432e3; a Figure to its places."""
    if isinstance(value, Figure):
        text = f"{value:.{value.places}f}"
        return text.lstrip("-") if float(text) == 0 else text
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def decimals(value: float) -> int:
    """How many decimal places a value was printed with: 31.7 -> 1, 32 -> 0."""
    text = format_number(value)
    return len(text.split(".")[1]) if "." in text else 0


def precision(value: float) -> float:
    """Half a unit of the last printed digit: 32 -> 0.5, 31.7 -> 0.05."""
    return 0.5 * 10 ** -decimals(value)
