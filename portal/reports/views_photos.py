"""Placeholder: routes are added here."""

from portal.reports.blueprints import resident  # noqa: F401
