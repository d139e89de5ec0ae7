"""Keep long numbers (a BSN typed into the search) out of the request log.

The search sends the browser on to the address without the number at once, but the first
request's line ("GET /medewerkers/kennisbank/?q=123456782 HTTP/1.1") is still logged. This
filter masks long numbers in log lines about the knowledge area's addresses. (A production
access log is the web server's: filter the query string there the same way.)
"""

from __future__ import annotations

import logging
import re

from flask import Flask

from portal.catalog.search import LONG_NUMBER

MASK = "…"
# Digits written with %20 or + between them in a URL are one number to a person too.
_ENCODED_GAPS = re.compile(r"(?<=\d)(?:%20|\+|%2D|%2E)(?=\d)", re.IGNORECASE)


def mask(text: str) -> str:
    return LONG_NUMBER.sub(MASK, _ENCODED_GAPS.sub(" ", text))


class HideLongNumbers(logging.Filter):
    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def _masked(self, value):
        if isinstance(value, str) and self.prefix in value:
            return mask(value)
        return value

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self._masked(arg) for arg in record.args)
        record.msg = self._masked(record.msg)
        return True


def hide_long_numbers(app: Flask, prefix: str) -> None:
    for logger in (logging.getLogger("werkzeug"), app.logger):
        if not any(isinstance(f, HideLongNumbers) and f.prefix == prefix for f in logger.filters):
            logger.addFilter(HideLongNumbers(prefix))
