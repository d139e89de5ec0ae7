"""Tidying free text from a form before it is checked and stored.

PostgreSQL refuses a NUL byte in text (a server error, and the rest of the post half-done), and
no other control character belongs in a message either; line breaks and tabs stay.
"""

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    """`value` without control characters and outer spaces; anything but text as it is."""
    return _CONTROL.sub("", value).strip() if isinstance(value, str) else value
