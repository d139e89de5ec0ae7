"""Phone numbers: Dutch and international, checked with `phonenumbers` (Google's libphonenumber
data), stored in E.164 and shown the way people write them."""

from __future__ import annotations

import phonenumbers

# Longer than any real number with spaces, dashes and a country code; longer input is refused
# before it is parsed.
INPUT_MAX = 40


def _parsed(text: str | None) -> phonenumbers.PhoneNumber | None:
    text = (text or "").strip()
    if not text or len(text) > INPUT_MAX:
        return None
    try:
        number = phonenumbers.parse(text, "NL")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _shown(number: phonenumbers.PhoneNumber) -> str:
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == "NL"
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def e164(text: str | None) -> str | None:
    """ "06-12345678" → "+31612345678"; None when it cannot be a phone number."""
    number = _parsed(text)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def tidy(text: str | None) -> str | None:
    """A Dutch number the Dutch way ("0612345678" → "06 12345678"), a foreign one with its
    country code ("+32470123456" → "+32 470 12 34 56"); None when it cannot be a number."""
    number = _parsed(text)
    return _shown(number) if number else None


def show(stored: str) -> str:
    """A stored number as people write it; the stored text itself when it cannot be parsed."""
    return tidy(stored) or stored
