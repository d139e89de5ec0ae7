"""Placeholder: routes are added here."""

from portal.reports.blueprints import office  # noqa: F401
