"""Catalog area."""

from portal.catalog import views  # noqa: F401
