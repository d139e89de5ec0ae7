"""Placeholder: routes are added here."""

from portal.appointments.blueprints import resident  # noqa: F401
