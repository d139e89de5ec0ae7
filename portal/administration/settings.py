"""Settings the functional administrator changes at run time, with their defaults.

Other areas read them with `get(key)`; a setting nobody changed has its default here, so
a fresh database behaves as documented. Only `administration` writes them (`put`).
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.extensions import db


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: LazyString
    # int | float | bool
    type: str
    default: object
    minimum: float | None = None
    maximum: float | None = None
    hint: LazyString | None = None


SPECS = (
    SettingSpec(
        "editor_review_required",
        _l("Tweede paar ogen bij publiceren"),
        "bool",
        False,
        hint=_l("Een andere redacteur moet een wijziging goedkeuren voordat die live gaat."),
    ),
    SettingSpec("target_mark", _l("Doel: gemiddeld cijfer"), "float", 7.0, 1, 10),
    SettingSpec(
        "target_first_contact", _l("Doel: vragen in één keer beantwoord (%)"), "int", 80, 0, 100
    ),
    SettingSpec("target_within_norm", _l("Doel: zaken binnen de termijn (%)"), "int", 90, 0, 100),
    SettingSpec("target_callback_days", _l("Terugbellen binnen (werkdagen)"), "int", 2, 1, 10),
    SettingSpec(
        "retention_request_drafts_days",
        _l("Concepten van aanvragen bewaren (dagen)"),
        "int",
        # As REQUEST_DRAFT_DAYS (portal.requests.services.DEFAULT_DRAFT_DAYS).
        30,
        1,
        365,
        hint=_l("Een aanvraag die niet is verstuurd, verwijderen wij na deze tijd."),
    ),
    SettingSpec(
        "retention_report_drafts_days",
        _l("Concepten van meldingen bewaren (dagen)"),
        "int",
        # As `portal.reports.drafts.LIFETIME`: an unsent report is gone a day after its last
        # change. A longer period here also keeps drafts longer (reports/jobs.py).
        1,
        1,
        365,
        hint=_l("Een melding die niet is verstuurd, verwijderen wij na deze tijd."),
    ),
    SettingSpec(
        "retention_processing_log_days",
        _l("Verwerkingslog bewaren (dagen)"),
        "int",
        # As `portal.registries.processing_log.RETENTION`.
        365 * 2,
        30,
        365 * 20,
        hint=_l("Wie welke gegevens van een inwoner heeft bekeken. Daarna verwijderen wij het."),
    ),
    SettingSpec(
        "retention_closed_cases_years",
        _l("Afgeronde zaken bewaren (jaren)"),
        "int",
        7,
        1,
        30,
        hint=_l("Er is nog geen automatische opruiming van afgeronde zaken."),
    ),
)
BY_KEY = {spec.key: spec for spec in SPECS}


def get(key: str):
    """The setting's value, or its default when nobody set it. KeyError for unknown keys."""
    spec = BY_KEY[key]
    from portal.administration.models import Setting

    row = db.session.get(Setting, key)
    return spec.default if row is None else row.value


def all_values() -> dict:
    from portal.administration.models import Setting

    stored = {row.key: row.value for row in db.session.scalars(select(Setting))}
    return {spec.key: stored.get(spec.key, spec.default) for spec in SPECS}


def put(key: str, value, by: str) -> None:
    """Store a value (the caller validated it against the spec and audits the change)."""
    from portal.administration.models import Setting

    BY_KEY[key]
    now = datetime.now(UTC).replace(tzinfo=None)
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value, updated_at=now, updated_by=by))
    else:
        row.value, row.updated_at, row.updated_by = value, now, by
    db.session.flush()
    from portal.catalog import cache

    cache.drop()  # the dashboard keeps its targets with the catalogue


class SettingError(ValueError):
    """A value the spec does not allow; `message` is B1 Dutch."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


_INT = re.compile(r"-?[0-9]{1,9}")
_FLOAT = re.compile(r"-?[0-9]{1,6}([.,][0-9]{1,2})?")


def parse(spec: SettingSpec, raw: str | None):
    """The typed text as the spec's type, within its range; SettingError otherwise. A bool
    comes from a checkbox: present means on."""
    if spec.type == "bool":
        return bool(raw)
    text = (raw or "").strip()
    if not text:
        raise SettingError(_l("Vul een getal in"))
    if spec.type == "int":
        if not _INT.fullmatch(text):
            raise SettingError(_l("Vul een heel getal in, zoals %(example)s", example=spec.default))
        value = int(text)
    else:
        if not _FLOAT.fullmatch(text):
            raise SettingError(_l("Vul een getal in, zoals 7,5"))
        value = float(text.replace(",", "."))
    if (spec.minimum is not None and value < spec.minimum) or (
        spec.maximum is not None and value > spec.maximum
    ):
        raise SettingError(
            _l(
                "Kies een getal van %(min)s tot en met %(max)s.",
                min=shown(spec, spec.minimum),
                max=shown(spec, spec.maximum),
            )
        )
    return value


def shown(spec: SettingSpec, value) -> str:
    """A value as the form shows it: "7,5" for a decimal number, Dutch style."""
    if spec.type == "float" and value is not None:
        return f"{float(value):g}".replace(".", ",")
    if spec.type == "int" and value is not None:
        return str(int(value))
    return "" if value is None else str(value)
