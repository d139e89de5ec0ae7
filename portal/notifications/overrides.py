"""E-mail texts the webteam rewrote (`EmailTextOverride`), and the rules such a text keeps.

Every built-in text (`notifications.texts`) has a key "<audience>:<kind>". An override
replaces the subject, the lines and the button text in one language; where there is none,
the built-in text is used. Placeholders such as %(number)s are filled when the e-mail is
sent, so an override may only use the placeholders its built-in text has, and a line whose
placeholders have no value is left out, as with the built-in text.
"""

from __future__ import annotations

import logging
import re

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.notifications import texts
from portal.notifications.models import EmailTextOverride
from portal.notifications.texts import EmailText

logger = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# The team's text for any event without a text of its own (`texts.TEAM_DEFAULT`).
TEAM_DEFAULT_KIND = "default"
EMAIL_CONFIRMATION_KIND = "email_confirmation"


def built_in() -> dict[str, dict[str, EmailText]]:
    """Every built-in text by audience and kind, in the order of `notifications.texts`."""
    return {
        "resident": dict(texts.RESIDENT),
        "team": {**texts.TEAM, TEAM_DEFAULT_KIND: texts.TEAM_DEFAULT},
        **{audience: dict(kinds) for audience, kinds in texts.AUDIENCE_TEXTS.items()},
        "address": {EMAIL_CONFIRMATION_KIND: texts.EMAIL_CONFIRMATION},
    }


def split_key(key: str) -> tuple[str, str] | None:
    """(audience, kind) for a key of a built-in text, else None."""
    audience, _sep, kind = key.partition(":")
    return (audience, kind) if kind in built_in().get(audience, {}) else None


def built_in_text(key: str) -> EmailText | None:
    parts = split_key(key)
    return built_in()[parts[0]][parts[1]] if parts else None


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _stray_percent(text: str) -> bool:
    # A % outside a placeholder breaks filling in ("50% korting" % values fails).
    return "%" in PLACEHOLDER.sub("", text)


def problems(key: str, subject: str, lines: list[str], action: str) -> dict[str, str]:
    """What is wrong with an override of `key` in one language: {"subject"|"lines"|"action":
    B1 message}. Empty when the text can be sent."""
    original = built_in_text(key)
    if original is None:
        return {"subject": _("Deze e-mail bestaat niet meer.")}
    subject_names = placeholders(str(original.subject))
    allowed = subject_names.union(*(placeholders(str(line)) for line in original.lines))
    shown = ", ".join(f"%({name})s" for name in sorted(allowed)) or _("geen")
    found: dict[str, str] = {}

    def check(field: str, text: str, may_use: set[str]) -> None:
        if _stray_percent(text):
            found.setdefault(
                field,
                _(
                    "Gebruik het teken %% alleen in een invulveld, zoals %(example)s. "
                    "Schrijf anders het woord procent.",
                    example="%(number)s",
                ),
            )
        unknown = sorted(placeholders(text) - may_use)
        if unknown:
            found.setdefault(
                field,
                _(
                    "Het invulveld %(field)s kent deze e-mail niet. U kunt deze gebruiken: "
                    "%(allowed)s.",
                    field=f"%({unknown[0]})s",
                    allowed=shown,
                ),
            )

    check("subject", subject, subject_names)
    missing = sorted(subject_names - placeholders(subject))
    if missing and "subject" not in found:
        found["subject"] = _(
            "Zet %(field)s weer in het onderwerp. Daaraan ziet de lezer waar de e-mail over gaat.",
            field=f"%({missing[0]})s",
        )
    for line in lines:
        check("lines", line, allowed)
    if placeholders(action) or _stray_percent(action):
        found["action"] = _(
            "In de tekst van de knop kan geen invulveld staan. Gebruik ook geen procentteken."
        )
    return found


def _row_for(audience: str, kind: str, locale: str) -> EmailTextOverride | None:
    return db.session.scalar(
        select(EmailTextOverride).where(
            EmailTextOverride.audience == audience,
            EmailTextOverride.kind == kind,
            EmailTextOverride.locale == locale,
        )
    )


def override_for(key: str, locale: str) -> EmailTextOverride | None:
    parts = split_key(key)
    return _row_for(parts[0], parts[1], locale) if parts else None


def text_for(event: str, audience: str, locale: str) -> EmailText | None:
    """The webteam's text for this e-mail in `locale`, or None: then the built-in one.
    A row that breaks the rules (written around the editor) is ignored, so a bad text can
    never stop an e-mail from being sent."""
    kind = event
    if audience == "team" and event not in texts.TEAM:
        kind = TEAM_DEFAULT_KIND
    elif audience == "address":
        kind = EMAIL_CONFIRMATION_KIND
    key = f"{audience}:{kind}"
    if split_key(key) is None:
        return None
    row = _row_for(audience, kind, locale)
    if row is None:
        return None
    lines = [str(line) for line in (row.lines or [])]
    if problems(key, row.subject, lines, row.action):
        logger.warning(
            "E-mail text override %s (%s) breaks the rules; using the built-in", key, locale
        )
        return None
    return EmailText(row.subject, tuple(lines), row.action)
