"""Backoffice area."""

from portal.backoffice import views  # noqa: F401
