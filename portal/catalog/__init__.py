"""Catalog area."""

from portal.catalog import views, views_faq  # noqa: F401
