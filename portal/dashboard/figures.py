"""All figures of the dashboard for one choice of filters, with the targets they are held
against (settings of functional administration).

Counting them takes some ten queries over the period's cases; a team lead who opens the
dashboard, changes a filter and comes back, or a few team leads looking at the same team,
get the figures counted in the last minute (DASHBOARD_KEEP_SECONDS) from this process, and the
page says when they were counted."""

from dataclasses import dataclass, replace
from datetime import date, datetime

from flask import current_app

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
    counted_at: datetime | None = None


KEEP_SECONDS = 60
EXTENSION = "dashboard_figures"
# Filters x days x team lists: a handful in practice; emptied past this.
MAX_KEPT = 200


def kept(filters: Filters, *, today: date, now: datetime, team_names: dict) -> Figures:
    """The figures for these filters, counted at most DASHBOARD_KEEP_SECONDS ago."""
    seconds = current_app.config.get("DASHBOARD_KEEP_SECONDS", KEEP_SECONDS)
    key = (filters, today, tuple(sorted(team_names.items())))
    store: dict = current_app.extensions.setdefault(EXTENSION, {})
    found = store.get(key)
    if found is not None and 0 <= (now - found.counted_at).total_seconds() < seconds:
        return found
    figures = replace(compute(filters, today=today, now=now, team_names=team_names), counted_at=now)
    if len(store) >= MAX_KEPT:
        store.clear()
    store[key] = figures
    return figures


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
