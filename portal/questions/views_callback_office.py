"""Placeholder: routes are added here."""

from portal.questions.blueprints import office  # noqa: F401
