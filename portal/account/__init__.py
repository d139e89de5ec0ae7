""" "Mijn overzicht": the signed-in resident's or company's starting point after sign-in."""

from portal.account import views  # noqa: F401
