"""MijnGemeente: the self-service portal of a Dutch municipality.

`create_app()` is the only place where settings are read, extensions are bound and
blueprints are registered. Nothing at import time touches the database or the network.
"""

import logging
from pathlib import Path

from flask import Flask

from portal import config as settings
from portal import i18n, security
from portal.config import ROOT
from portal.extensions import babel, csrf, db, htmx, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.update(settings.from_environment())
    if config:
        app.config.update(config)
    settings.check_production_safety(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _configure_logging(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "portal" / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    htmx.init_app(app)
    i18n.init_app(app)
    security.init_app(app)

    _register_blueprints(app)
    _register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from portal import (
        account,
        appointments,
        auth,
        backoffice,
        cases,
        catalog,
        health,
        profile,
        questions,
        registries,
        reports,
        requests,
    )
    from portal.main import bp as main_bp
    from portal.main import errors

    # Public pages: home, information pages, language choice, error pages.
    app.register_blueprint(main_bp)
    errors.init_app(app)
    # /healthz for the load balancer and monitoring; checks the database.
    app.register_blueprint(health.bp)
    # Sign-in for residents (DigiD), companies (eHerkenning) and staff; mandates; sessions.
    app.register_blueprint(auth.views.bp)
    auth.init_app(app)
    # "Mijn gegevens": what the registers (BRP, KVK, BAG) hold, profile, processing log.
    app.register_blueprint(registries.views.bp)
    registries.init_app(app)  # processing-log-cleanup
    # Contact details, e-mail confirmation and the stored language of the signed-in party.
    app.register_blueprint(profile.views.bp)
    profile.init_app(app)
    # Product catalogue, life events and search.
    app.register_blueprint(catalog.views.bp)
    # Request forms: steps, drafts, uploads, submission.
    app.register_blueprint(requests.views.bp)
    # "Mijn zaken": cases, tasks, messages (Berichtenbox) for residents and companies.
    app.register_blueprint(cases.views.bp)
    # "Mijn overzicht": where a signed-in resident or company lands.
    app.register_blueprint(account.views.bp)
    # Back office for case handlers (staff only).
    app.register_blueprint(backoffice.views.bp)
    # Reports (meldingen openbare ruimte): reporting, following, public overview, Open311,
    # and their own back office.
    reports.init_app(app)
    # Questions and call-back requests, with their staff queue.
    questions.init_app(app)
    # Appointments: booking, the manage link, Mijn afspraken, proposals, the staff agenda.
    appointments.init_app(app)


def _register_cli(app: Flask) -> None:
    from portal import cli

    cli.init_app(app)


def _configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
