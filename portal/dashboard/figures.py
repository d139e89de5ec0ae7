"""All figures of the dashboard for one choice of filters, with the targets they are held
against (settings of functional administration)."""

from dataclasses import dataclass
from datetime import date, datetime

from portal.administration import settings
from portal.catalog import cache
from portal.dashboard.filters import Filters
from portal.dashboard.groups import Grouping, grouping_for
from portal.dashboard.metrics_appointments import Appointments, appointments
from portal.dashboard.metrics_callbacks import Callbacks, callbacks
from portal.dashboard.metrics_cases import Norms, norms
from portal.dashboard.metrics_contact import FirstContact, first_contact
from portal.dashboard.metrics_feedback import Marks, marks
from portal.dashboard.metrics_reports import Reports, reports


@dataclass(frozen=True)
class Targets:
    mark: float
    first_contact: int
    within_norm: int
    callback_days: int


def targets() -> Targets:
    # Kept with the catalogue (`portal.catalog.cache`): changing a setting drops it.
    values = cache.cached("dashboard_settings", settings.all_values)
    return Targets(
        mark=float(values["target_mark"]),
        first_contact=int(values["target_first_contact"]),
        within_norm=int(values["target_within_norm"]),
        callback_days=int(values["target_callback_days"]),
    )


@dataclass
class Figures:
    filters: Filters
    grouping: Grouping
    targets: Targets
    marks: Marks
    norms: Norms
    first_contact: FirstContact
    reports: Reports
    appointments: Appointments
    callbacks: Callbacks


def compute(filters: Filters, *, today: date, now: datetime, team_names: dict) -> Figures:
    grouping = grouping_for(filters.team, team_names)
    goal = targets()
    return Figures(
        filters=filters,
        grouping=grouping,
        targets=goal,
        marks=marks(filters, grouping),
        norms=norms(filters, grouping, today, now),
        first_contact=first_contact(filters, team_names),
        reports=reports(filters),
        appointments=appointments(filters, now),
        callbacks=callbacks(filters, today, goal.callback_days),
    )
