"""Requests area."""

from portal.requests import views  # noqa: F401
