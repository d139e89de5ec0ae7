"""Placeholder: routes are added here."""

from portal.reports.blueprints import open311  # noqa: F401
