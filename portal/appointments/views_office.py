"""Placeholder: routes are added here."""

from portal.appointments.blueprints import office  # noqa: F401
