"""The e-mails the portal sends: subject, paragraphs and button text, per audience and event.

The key is "<audience>:<kind>" of a built-in text (`notifications.overrides.built_in`); the
webteam rewrites those, it cannot add e-mails. A rewritten text keeps the placeholders of
the built-in one (%(number)s); withdrawing deletes the rewrite, so the built-in text is sent
again.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from portal.editor.kinds import content_support as support
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE, ContentKind, Field, LiveEntry
from portal.extensions import db
from portal.notifications import overrides
from portal.notifications.models import EmailTextOverride
from portal.notifications.texts import EmailText

TEXT_FIELDS = ("subject", "lines", "action")
AUDIENCE_LABELS = {
    "resident": _l("Inwoner of bedrijf, over een zaak"),
    "team": _l("Team, over een zaak"),
    "follower": _l("Volger van een melding"),
    "appointment": _l("Afspraak"),
    "callback": _l("Terugbelverzoek"),
    "address": _l("E-mailadres bevestigen"),
}
PLACEHOLDER_HINT = _l(
    "Laat invulvelden zoals %(example)s staan zoals ze zijn. Wij vullen ze in bij het "
    "versturen. Een regel met een invulveld zonder waarde laten wij weg.",
    example="%(number)s",
)


class EmailTextKind(ContentKind):
    name = "email_text"
    label = _l("E-mailteksten")
    label_one = _l("E-mailtekst")
    title_field = "subject"
    can_create = False
    can_withdraw = True
    fields = (
        Field(
            "subject",
            _l("Onderwerp"),
            "line",
            localized=True,
            required=True,
            max_length=200,
            hint=PLACEHOLDER_HINT,
        ),
        Field(
            "lines",
            _l("Tekst"),
            "lines",
            localized=True,
            required=True,
            max_length=2000,
            hint=_l(
                "Eén alinea per regel. Zet nooit de inhoud van een bericht of besluit in "
                "een e-mail: alleen dat er iets nieuws is."
            ),
        ),
        Field(
            "action", _l("Tekst op de knop"), "line", localized=True, required=True, max_length=100
        ),
    )

    @support.staff_language
    def title(self, data: dict, key: str = "") -> str:
        parts = overrides.split_key(key)
        if parts is None:
            return key
        subject = support.text(data, SOURCE_LOCALE, "subject") if data else ""
        if not subject:
            subject = str(overrides.built_in()[parts[0]][parts[1]].subject)
        return f"{AUDIENCE_LABELS.get(parts[0], parts[0])}: {subject}"

    # --- reading ---

    def list_live(self) -> list[LiveEntry]:
        own = {
            (row.audience, row.kind): row.updated_at
            for row in db.session.scalars(
                select(EmailTextOverride).where(EmailTextOverride.locale == SOURCE_LOCALE)
            )
        }
        entries = []
        with force_locale(SOURCE_LOCALE):
            for audience, kinds in overrides.built_in().items():
                for kind, built_in in kinds.items():
                    key = f"{audience}:{kind}"
                    label = AUDIENCE_LABELS.get(audience, audience)
                    entries.append(
                        LiveEntry(
                            key,
                            f"{label}: {built_in.subject}",
                            (audience, kind) in own,
                            own.get((audience, kind)),
                        )
                    )
        return entries

    def load_live(self, key: str) -> dict | None:
        """The rewritten text per language, or the built-in one in that language."""
        built_in = overrides.built_in_text(key)
        if built_in is None:
            return None
        data = self.empty()
        for locale in LOCALES:
            row = overrides.override_for(key, locale)
            if row is not None:
                values = {"subject": row.subject, "lines": list(row.lines), "action": row.action}
            else:
                with force_locale(locale):
                    values = {
                        "subject": str(built_in.subject),
                        "lines": [str(line) for line in built_in.lines],
                        "action": str(built_in.action),
                    }
            data["texts"][locale] = values
        return data

    # --- rules ---

    @support.staff_language
    def validate(self, key: str, data: dict) -> dict[str, str]:
        errors = support.english_consistency(data, TEXT_FIELDS)
        for locale in LOCALES:
            subject = support.text(data, locale, "subject")
            lines = support.lines(data, locale, "lines")
            action = support.text(data, locale, "action")
            if not (subject or lines or action):
                continue
            for field, message in overrides.problems(key, subject, lines, action).items():
                errors.setdefault(f"{locale}-{field}", message)
        return errors

    @support.staff_language
    def apply(self, key: str, data: dict) -> None:
        parts = overrides.split_key(key)
        if parts is None:
            raise ValueError(_("Deze e-mail bestaat niet meer."))
        extra = {}
        for name in TEXT_FIELDS:
            if not (
                support.text(data, SOURCE_LOCALE, name) or support.lines(data, SOURCE_LOCALE, name)
            ):
                extra[f"nl-{name}"] = _(
                    "Vul het onderwerp, de tekst en de knop in het Nederlands in."
                )
        support.refuse(self, key, data, extra)
        audience, kind = parts
        now = support.now_utc()
        for locale in LOCALES:
            row = overrides.override_for(key, locale)
            subject = support.text(data, locale, "subject")
            if not subject:
                # No English: English readers get the built-in English text.
                if row is not None:
                    db.session.delete(row)
                continue
            if row is None:
                row = EmailTextOverride(audience=audience, kind=kind, locale=locale)
                db.session.add(row)
            row.subject = subject
            row.lines = support.lines(data, locale, "lines")
            row.action = support.text(data, locale, "action")
            row.updated_at = now
        db.session.flush()

    @support.staff_language
    def withdraw(self, key: str) -> None:
        parts = overrides.split_key(key)
        if parts is None:
            raise ValueError(_("Deze e-mail bestaat niet meer."))
        db.session.execute(
            delete(EmailTextOverride).where(
                EmailTextOverride.audience == parts[0], EmailTextOverride.kind == parts[1]
            )
        )
        db.session.flush()

    # --- preview ---

    def preview(self, key: str, data: dict, locale: str) -> str:
        from portal.notifications.preview import render_html

        parts = overrides.split_key(key)
        if parts is None:
            raise ValueError(_("Deze e-mail bestaat niet meer."))
        shown = locale if support.text(data, locale, "subject") else SOURCE_LOCALE
        draft = _sendable(
            key,
            support.text(data, shown, "subject"),
            support.lines(data, shown, "lines"),
            support.text(data, shown, "action"),
            locale,
        )
        return render_html(parts[0], parts[1], draft, locale)


def _sendable(key: str, subject: str, lines: list[str], action: str, locale: str) -> EmailText:
    """The draft as far as it can be filled in: a part that breaks the placeholder rules
    (the form shows why) is replaced by the built-in one, a line like that is left out."""
    built_in = overrides.built_in_text(key)
    with force_locale(locale):
        if not subject or "subject" in overrides.problems(key, subject, [], action):
            subject = str(built_in.subject)
        if not action or "action" in overrides.problems(key, subject, [], action):
            action = str(built_in.action)
        kept = [line for line in lines if not overrides.problems(key, subject, [line], action)]
    return EmailText(subject, tuple(kept), action)


KIND = EmailTextKind()
