"""The dashboard's filter form (GET: filtering changes nothing, so no CSRF token) and the
rules that turn what was sent into `Filters`.

Whatever arrives, the page shows figures: a value that is wrong gets a message next to its
field and in the error summary, and the default is used instead (this week, the own team, all
products and channels). Query values are cut short and cleaned of NUL bytes first, so a
pasted novel or a binary string is just a wrong value."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectChoice, SelectField
from wtforms.validators import Optional

from portal.components.fields import QuickSelect, ThreePartDateField
from portal.dashboard.filters import CHANNEL_LABELS, Filters
from portal.dashboard.periods import (
    CUSTOM,
    DEFAULT_PERIOD,
    MAX_DAYS,
    PERIOD_LABELS,
    Period,
    named_period,
)

VALUE_MAX = 100


def cleaned(args: MultiDict) -> MultiDict:
    return MultiDict(
        [
            (str(k)[:VALUE_MAX], str(v).replace("\x00", "")[:VALUE_MAX])
            for k, v in args.items(multi=True)
        ]
    )


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    periode = SelectField(
        _l("Periode"),
        choices=[SelectChoice(code, label) for code, label in PERIOD_LABELS.items()],
        default=DEFAULT_PERIOD,
        validate_choice=False,
        widget=QuickSelect(),
    )
    vanaf = ThreePartDateField(
        _l("Vanaf"),
        validators=[Optional()],
        description=_l("Alleen als u bij Periode kiest voor Zelf kiezen. Bijvoorbeeld 1 3 2026"),
    )
    tot = ThreePartDateField(
        _l("Tot en met"),
        validators=[Optional()],
        description=_l("Alleen als u bij Periode kiest voor Zelf kiezen."),
    )
    product = SelectField(_l("Product"), validate_choice=False, widget=QuickSelect())
    team = SelectField(_l("Team"), validate_choice=False, widget=QuickSelect())
    kanaal = SelectField(
        _l("Kanaal"),
        description=_l("Hoe de zaak binnenkwam."),
        choices=[
            SelectChoice("", _l("Alle kanalen")),
            *(SelectChoice(code, label) for code, label in CHANNEL_LABELS.items()),
        ],
        validate_choice=False,
        widget=QuickSelect(),
    )


@dataclass(frozen=True)
class Choice:
    filters: Filters
    # A team that exists but that this staff member may not see.
    refused_team: str | None = None


def _wrong(field, message, default="") -> None:
    field.errors = [*field.errors, str(message)]
    field.data = default


def _period(form: FilterForm, today: date) -> Period:
    name = form.periode.data or DEFAULT_PERIOD
    if name not in PERIOD_LABELS:
        _wrong(form.periode, _l("Kies een periode uit de lijst."), DEFAULT_PERIOD)
        return named_period(DEFAULT_PERIOD, today)
    if name != CUSTOM:
        return named_period(name, today)
    start, end = form.vanaf.data, form.tot.data
    if form.vanaf.errors or form.tot.errors:
        return named_period(DEFAULT_PERIOD, today)
    if start is None:
        form.vanaf.errors = [str(_l("Vul de eerste dag van de periode in."))]
    if end is None:
        form.tot.errors = [str(_l("Vul de laatste dag van de periode in."))]
    if start is None or end is None:
        return named_period(DEFAULT_PERIOD, today)
    if end < start:
        form.tot.errors = [
            str(_l("De laatste dag ligt voor de eerste dag. Kies een latere laatste dag."))
        ]
        return named_period(DEFAULT_PERIOD, today)
    if (end - start).days >= MAX_DAYS:
        form.tot.errors = [str(_l("Kies een periode van hoogstens een jaar."))]
        return named_period(DEFAULT_PERIOD, today)
    return Period(start, end)


def read_filters(
    form: FilterForm,
    *,
    today: date,
    visible_teams: list[str] | None,
    team_names: dict[str, str],
    products: dict[str, str],
) -> Choice:
    """Filters from the form; `visible_teams` None means every team may be chosen."""
    form.validate()
    period = _period(form, today)
    own = visible_teams[0] if visible_teams else ""
    team = form.team.data or own
    refused = None
    if not team and visible_teams is None:
        pass  # every team
    elif team not in team_names:
        _wrong(form.team, _l("Dit team kennen wij niet. Kies een team uit de lijst."), own)
        team = own
    elif visible_teams is not None and team not in visible_teams:
        refused = team
    product = form.product.data or ""
    if product and product not in products:
        _wrong(form.product, _l("Dit product kennen wij niet. Kies een product uit de lijst."))
        product = ""
    channel = form.kanaal.data or ""
    if channel and channel not in CHANNEL_LABELS:
        _wrong(form.kanaal, _l("Kies een kanaal uit de lijst."))
        channel = ""
    form.team.data = team
    return Choice(Filters(period, product, team, channel), refused)


def set_choices(form: FilterForm, *, visible_teams, team_names, products) -> None:
    teams = (
        team_names
        if visible_teams is None
        else {code: team_names.get(code, code) for code in visible_teams}
    )
    form.team.choices = [
        *([SelectChoice("", _l("Alle teams"))] if visible_teams is None else []),
        *(SelectChoice(code, name) for code, name in teams.items()),
    ]
    form.product.choices = [
        SelectChoice("", _l("Alle producten")),
        *(SelectChoice(slug, name) for slug, name in products.items()),
    ]
