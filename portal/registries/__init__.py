"""Registries area."""

from portal.registries import views  # noqa: F401
