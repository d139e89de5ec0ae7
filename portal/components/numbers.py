"""Reading a whole number typed in a form.

`str.isdigit()` is true for "²", "①" and other digits that `int()` refuses, and `int()` refuses
more than 4,300 digits: both gave a server error where a form said "only digits" before
`int()`. Here only the digits 0-9 count, and a number longer than `max_digits` is no number.
"""

import re

_ASCII_DIGITS = re.compile(r"[0-9]+")


def whole_number(text: str | None, max_digits: int = 18) -> int | None:
    """The number when `text` is 1 to `max_digits` digits 0-9 (spaces around allowed), else
    None. 18 digits still fits a 64-bit database integer."""
    text = (text or "").strip()
    if not 0 < len(text) <= max_digits or not _ASCII_DIGITS.fullmatch(text):
        return None
    return int(text)
