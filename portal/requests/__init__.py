"""Requests area."""

from portal.requests import views, views_send, views_steps  # noqa: F401 - they add their routes
