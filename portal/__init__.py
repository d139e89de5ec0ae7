"""MijnGemeente: the self-service portal of a Dutch municipality.

`create_app()` is the only place where settings are read, extensions are bound and
blueprints are registered. Nothing at import time touches the database or the network.
"""

from pathlib import Path

from flask import Flask

from portal import config as settings
from portal import i18n, ratelimits, security, static_files
from portal.components import file_store, layout
from portal.config import ROOT
from portal.extensions import babel, csrf, db, htmx, login_manager, migrate
from portal.operations import logs


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
    # First, so every later hook and view logs with the request id.
    logs.init_app(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "portal" / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    htmx.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    # Where uploaded files live: the local folder, or an object store (FILE_STORE).
    file_store.init_app(app)
    # url_for("static", ...) gives content-hashed names (static-dist/, `make assets`).
    static_files.init_app(app)
    # The head links and site header of every page, kept (templates/base.html).
    layout.init_app(app)

    _register_blueprints(app)
    ratelimits.init_app(app)  # wraps the views marked @limited, so after the blueprints
    _register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from portal import (
        account,
        administration,
        appointments,
        auth,
        backoffice,
        cases,
        catalog,
        dashboard,
        editor,
        health,
        knowledge,
        payments,
        profile,
        questions,
        registries,
        reports,
        requests,
    )
    from portal.components import markdown
    from portal.main import bp as main_bp
    from portal.main import errors
    from portal.operations import metrics

    # Public pages: home, information pages, language choice, error pages.
    app.register_blueprint(main_bp)
    errors.init_app(app)
    # /healthz (process up) and /readyz (database and worker) for the load balancer;
    # /metrics for Prometheus, only with METRICS_TOKEN.
    app.register_blueprint(health.bp)
    metrics.init_app(app)
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
    # Paying for requests with a fee: the payment page, the provider's webhook, the local
    # test payment provider (not in production), the back office's list of payments.
    payments.init_app(app)
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
    # Safe Markdown for texts the webteam writes (the `markdown` template filter).
    markdown.init_app(app)
    # The webteam's workspace: drafts, versions, preview, publishing, plain-language checks.
    editor.init_app(app)
    # The contact centre's knowledge search and first-contact resolution.
    knowledge.init_app(app)
    # Functional administration: staff, teams, norms, routing, hours, retention, targets.
    administration.init_app(app)
    # The dashboard for team leaders, with the weekly summary.
    dashboard.init_app(app)


def _register_cli(app: Flask) -> None:
    from portal import cli

    cli.init_app(app)
