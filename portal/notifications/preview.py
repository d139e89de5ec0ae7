"""An e-mail as the outbox would send it, with example values: the editor's preview of an
e-mail text. Nothing is stored and nothing is sent; `compose` builds the message exactly as
the worker does, with the draft wording in place of the stored one."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import current_app
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _

from portal.components import clock
from portal.notifications.compose import Recipient, compose
from portal.notifications.models import OutboxEvent
from portal.notifications.texts import EmailText

EXAMPLE_NUMBER = "Z-2026-000123"
EXAMPLE_ADDRESS = "voorbeeld@example.org"


def _example_values(locale: str) -> tuple[dict, dict]:
    """(payload of the outbox row, values an added audience gives) for every placeholder
    in `notifications.texts`, in `locale`."""
    today = clock.today()
    with force_locale(locale):
        added = {
            "when": format_datetime(
                datetime.combine(today + timedelta(days=7), time(10, 0)), "EEEE d MMMM, HH:mm"
            ),
            "where": _("Gemeentehuis, Markt 1"),
            "window": _("morgen tussen 9.00 en 12.00 uur"),
            # A flag for a line that shows only when staff wrote a note; the preview shows it.
            "note": " ",
        }
        # Keep them plain strings: the preview renders outside the worker's language switch.
        added = {name: str(value) for name, value in added.items()}
    payload = {
        "expected": (today + timedelta(days=28)).isoformat(),
        "due": (today + timedelta(days=14)).isoformat(),
        "reopen_days": 14,
        "email": EXAMPLE_ADDRESS,
        "team_email": EXAMPLE_ADDRESS,
        "link": _public_url("/mijn-gegevens"),
        "feedback_url": _public_url(f"/mijn-zaken/{EXAMPLE_NUMBER}#beoordeling"),
    }
    return payload, added


def _public_url(path: str) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def render_html(audience: str, kind: str, draft: EmailText, locale: str) -> str:
    """The HTML body of the e-mail `audience`/`kind` worded as `draft`, in `locale`."""
    payload, added = _example_values(locale)
    row = OutboxEvent(
        key="voorbeeld",
        event=kind,
        audience=audience,
        recipient="voorbeeld",
        case_number=EXAMPLE_NUMBER,
        language=locale,
        payload=payload,
    )
    registered = audience not in ("resident", "team", "address")
    recipient = Recipient(
        EXAMPLE_ADDRESS,
        locale,
        link=_public_url("/voorbeeld") if registered else None,
        params=added,
    )
    message = compose(row, recipient, draft=draft)
    html = message.get_body(preferencelist=("html",))
    return html.get_content() if html is not None else ""
