"""Logs: one line per event, JSON in production (`LOG_FORMAT=json`), text for `make run`.

Every line carries the request id: the caller's `X-Request-ID` when it is a sane token, else
a new one; it goes back on the response so a resident's "it went wrong" can be found. Each
request ends with one access line (method, path, status, duration). The path never has its
query string: a search or a link can carry personal data. A BSN must never reach a log:
`BsnFilter` masks numbers that look like one, wherever the message came from.
"""

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import TextIO

from flask import Flask, Response, g, has_request_context, request
from flask.logging import default_handler

ACCESS_LOGGER = "portal.access"
MASK = "[bsn]"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
# Fields an access line adds to the record (logging's `extra`).
ACCESS_FIELDS = ("method", "path", "status", "duration_ms")

# Any run of 8 or 9 digits: a BSN, or a BSN that lost its leading zero. Longer runs (phone
# numbers, IBAN digits) and shorter ones (house numbers, years) stay readable.
_DIGIT_RUN = re.compile(r"(?<!\d)\d{8,9}(?!\d)")
# Nine digits written in groups ("1234.56.782", "123 456 782"); masked when they pass the
# 11-proof, so dates and amounts in groups stay readable.
_GROUPED_NINE = re.compile(r"(?<!\d)(?<!\d[ .\-])\d(?:[ .\-]?\d){8}(?![ .\-]?\d)")


def passes_eleven_proof(digits: str) -> bool:
    """The BSN check: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total != 0 and total % 11 == 0


def mask_bsn(text: str) -> str:
    def grouped(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group())
        return MASK if passes_eleven_proof(digits) else match.group()

    return _DIGIT_RUN.sub(MASK, _GROUPED_NINE.sub(grouped, text))


class BsnFilter(logging.Filter):
    """Masks BSN-like numbers in the message, its arguments and the access line's path.

    Installed on handlers, not loggers, so it sees records of every logger, including
    gunicorn's and libraries'."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format; logging reports it itself
            return True
        record.msg = mask_bsn(message)
        record.args = None
        if isinstance(getattr(record, "path", None), str):
            record.path = mask_bsn(record.path)
        return True


class RequestIdFilter(logging.Filter):
    """Adds the current request id (or "-" outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id, and for the
    access line method, path, status and duration_ms."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for field in ACCESS_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            line["exception"] = mask_bsn(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatException(self, exc_info) -> str:
        return mask_bsn(super().formatException(exc_info))


def make_handler(log_format: str, stream: TextIO | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(RequestIdFilter())
    handler.addFilter(BsnFilter())
    handler.portal_handler = True
    return handler


def configure_logging(log_format: str, stream: TextIO | None = None) -> logging.Handler:
    """Send every logger's INFO and above to one handler on the root logger. Calling it again
    (a second app in one process) replaces the handler instead of adding another."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "portal_handler", False)]:
        root.removeHandler(old)
    handler = make_handler(log_format, stream)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # WeasyPrint reports every step of every PDF at INFO: noise, not events. The development
    # server's request lines repeat our access line, with the query string.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return handler


def request_id_from(header: str | None) -> str:
    """The caller's id when it is a plain token of at most 64 characters, else a new one; a
    free-text header could forge log lines or carry personal data."""
    if header and SANE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def init_app(app: Flask) -> None:
    if not app.debug and not app.testing:
        configure_logging(app.config.get("LOG_FORMAT", "text"))
        # Flask's own handler would print app.logger's lines a second time, unmasked.
        app.logger.removeHandler(default_handler)
    access_log = logging.getLogger(ACCESS_LOGGER)

    @app.before_request
    def _start_request() -> None:
        g.request_id = request_id_from(request.headers.get("X-Request-ID"))
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish_request(response: Response) -> Response:
        request_id = g.get("request_id") or request_id_from(None)
        response.headers["X-Request-ID"] = request_id
        started = g.get("request_started")
        duration_ms = round((time.perf_counter() - started) * 1000, 1) if started else 0.0
        access_log.info(
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "request_id": request_id,
            },
        )
        return response
