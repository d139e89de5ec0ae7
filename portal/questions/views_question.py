"""Placeholder: routes are added here."""

from portal.questions.blueprints import resident  # noqa: F401
