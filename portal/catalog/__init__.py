"""Catalog area."""

from portal.catalog import views, views_faq, views_handover  # noqa: F401
