"""How much text a field may hold: one place for the limits of forms and database columns.

A form limit is what a person may type; it is generous for anything real and small enough
that no one fills the database or a page with one field. A column limit (`STORED_*`) is the
database's own backstop for text columns, at least the largest form limit that writes to
it, so a value that slips past a form is refused instead of stored.

`MaxLength(limit)` is the WTForms validator: it stops the field's other checks and says in
B1 Dutch how many characters are allowed and how many there are now.
"""

from __future__ import annotations

import json

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint
from wtforms.validators import StopValidation

# What people type.
PHONE_INPUT = 40  # with spaces, dashes, brackets and a country code
PHONE_STORED = 20  # the tidied number as the profile keeps it
EMAIL = 254  # RFC 5321
NAME = 200
POSTCODE = 7  # "1234 AB"
HOUSE_NUMBER = 5
HOUSE_NUMBER_ADDITION = 6
NUMBER = 20  # a number typed in a text box
SHORT_TEXT = 200  # one line: a title, an organisation, a reason in a few words
NOTE = 2000  # a note or an explanation
DESCRIPTION = 5000  # what a resident describes or asks
EDITOR_BODY = 20000  # a page section written in the editor

# All answers of one request together, as JSON: far more than any form needs.
ANSWERS_BYTES = 64 * 1024

# The database's bounds of text columns.
STORED_TEXT = 5000
STORED_BODY = 20000


def count_message(limit: int, count: int) -> str:
    """ "Gebruik niet meer dan 200 tekens. U heeft er nu 1.234." (numbers as the language
    writes them), to follow a sentence that says what is too long."""
    return str(
        _l(
            "Gebruik niet meer dan %(limit)s tekens. U heeft er nu %(count)s.",
            limit=format_decimal(limit),
            count=format_decimal(count),
        )
    )


def too_long_message(limit: int, count: int) -> str:
    too_long = _l("Dit is te lang.")
    return f"{too_long} {count_message(limit, count)}"


class MaxLength:
    """At most `limit` characters; longer stops the field's other checks (a phone number of
    200 KB is not parsed) and shows `too_long_message`. Empty or non-text data passes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, form, field) -> None:
        data = field.data
        if isinstance(data, str) and len(data) > self.limit:
            raise StopValidation(too_long_message(self.limit, len(data)))


def answers_size(answers: dict) -> int:
    """The size of answers as they are stored (JSON, UTF-8)."""
    return len(json.dumps(answers, ensure_ascii=False, default=str).encode("utf-8"))


def answers_too_large(answers: dict) -> bool:
    return answers_size(answers) > ANSWERS_BYTES


def length_check(column: str, limit: int) -> CheckConstraint:
    """The CHECK of a text column's bound, named `<column>_len` (with the naming convention:
    `ck_<table>_<column>_len`); migration 0015 adds the same constraints."""
    return CheckConstraint(f"length({column}) <= {limit}", name=f"{column}_len")
