"""Payments area: paying for a request with a fee, through a payment provider.

`init_app(app)` reads the settings and registers the pages. PAYMENT_PROVIDER is `test` (the
portal's own test payment page; the default, never in production) or `mollie` (the default
in production; MOLLIE_API_KEY, and MOLLIE_API_URL which is Mollie's own unless set).
PAYMENTS_ENABLED turns paying on. It is on except in unit tests, which predate paying and
submit products with a fee as before; the payment tests turn it on.
"""

import os

from flask import Flask

from portal.payments import services, texts, views


def _cases_payments(case_number: str) -> list:
    return services.for_case(case_number)


def init_app(app: Flask) -> None:
    config = app.config
    production = config.get("PORTAL_ENV") == "production"
    default_provider = "mollie" if production else "test"
    config.setdefault("PAYMENT_PROVIDER", os.environ.get("PAYMENT_PROVIDER", default_provider))
    config.setdefault("MOLLIE_API_KEY", os.environ.get("MOLLIE_API_KEY", ""))
    config.setdefault("MOLLIE_API_URL", os.environ.get("MOLLIE_API_URL", "https://api.mollie.com"))
    config.setdefault("PAYMENT_EXPIRY_MINUTES", int(os.environ.get("PAYMENT_EXPIRY_MINUTES", "15")))
    config.setdefault("PAYMENTS_ENABLED", not app.testing)
    if config["PAYMENT_PROVIDER"] not in ("test", "mollie"):
        raise ValueError("PAYMENT_PROVIDER must be test or mollie")
    app.register_blueprint(views.bp)
    if config["PAYMENT_PROVIDER"] == "test":
        if production:
            raise ValueError("The test payment provider is not allowed in production.")
        from portal.payments import testprovider

        app.register_blueprint(testprovider.bp)
    # The receipt, confirmation and back office show what was paid for a case.
    app.jinja_env.globals["betalingen_van_zaak"] = _cases_payments
    app.jinja_env.globals["bedrag"] = texts.amount
    app.jinja_env.globals["betaalstatus"] = texts.STATUS_LABELS
    app.jinja_env.globals["terugbetaalstatus"] = texts.REFUND_LABELS
