"""Sign-in: DigiD and eHerkenning for residents and companies, a separate staff sign-in,
mandates, server-side sessions with an idle timeout, and the audit trail.

`current_principal()` is how every other area asks who is signed in.
"""

from flask import Flask, current_app, g, request, session
from flask_login import UserMixin

from portal.auth import (
    mandate_views,
    menu,
    oidc,
    sessions,
    staff_areas,
    texts,
    views,  # noqa: F401
)
from portal.auth import settings as auth_settings
from portal.auth.audit import record_event
from portal.auth.principal import Principal
from portal.auth.views import SESSION_KEY
from portal.components.fragments import kept_fragment
from portal.extensions import db, login_manager


class SignedInUser(UserMixin):
    """What Flask-Login holds for the request; the principal does the real work."""

    def __init__(self, key: str, principal: Principal) -> None:
        self.id = key
        self.principal = principal


def current_principal() -> Principal | None:
    return g.get("principal")


def session_seconds_left() -> int | None:
    loaded = g.get("auth_times")
    return sessions.seconds_left(loaded) if loaded is not None else None


def keep_with_session(name: str, value) -> bool:
    """Keep `value` with the signed-in session until it ends (`sessions.keep`); False when
    no one is signed in. The caller commits."""
    row = g.get("auth_row")
    if row is None:
        return False
    sessions.keep(row, name, value)
    return True


def kept_with_session(name: str):
    row = g.get("auth_row")
    return sessions.kept(row, name) if row is not None else None


def ended_principal() -> Principal | None:
    """Who was signed in until this very request found the session ended (idle or too old):
    a step posted then can keep what was typed for the same person."""
    return g.get("ended_principal")


@login_manager.request_loader
def _user_for_request(_request):
    return g.get("signed_in_user")


LOADED = "portal.principal_loaded"


def load_principal_for_error_page() -> None:
    """An error raised by an earlier hook (CSRF reading a too large or broken form gives 413
    or 400) skips `_load_principal`; the error page must still show who is signed in."""
    if request.environ.get(LOADED):
        return
    try:
        _load_principal()
    except Exception:  # the error page must show whatever happens here
        current_app.logger.exception("Could not load the principal for an error page")
        db.session.rollback()
        g.principal = None
        g.session_ended = None


def _load_principal() -> None:
    request.environ[LOADED] = True
    # Reset everything: tests run several requests inside one app context (and one g).
    g.principal = None
    g.session_ended = None
    g.ended_principal = None
    g.auth_row = None
    g.auth_times = None
    g.signed_in_user = None
    if request.endpoint == "static":
        return
    key = session.get(SESSION_KEY)
    if not key:
        return
    loaded = sessions.load(key)
    if loaded.state == sessions.ACTIVE:
        if sessions.touch_due(loaded.row):
            sessions.renew(loaded.row)
        g.auth_row = loaded.row
        g.auth_times = sessions.times(loaded.row)
        g.principal = Principal.from_dict(loaded.row.principal)
        g.signed_in_user = SignedInUser(key, g.principal)
        return
    if loaded.row is not None:
        principal = Principal.from_dict(loaded.row.principal)
        record_event("session.ended", loaded.state, principal=principal)
        g.ended_principal = principal
        sessions.end(loaded.row)
        db.session.commit()
    session.pop(SESSION_KEY, None)
    g.session_ended = loaded.state


def _template_context() -> dict:
    principal = current_principal()
    loaded = g.get("auth_times")
    return {
        "principal": principal,
        # Whether "voor iemand anders regelen" has anyone to offer (the header shows it).
        "holds_mandates": bool(loaded is not None and loaded.holds_mandates),
        "session_ended": g.get("session_ended"),
        "session_seconds_left": session_seconds_left(),
        "session_ends": sessions.ends(loaded) if loaded is not None else None,
    }


def init_app(app: Flask) -> None:
    for key, value in auth_settings.from_environment(app.config["OIDC_PROVIDER_URL"]).items():
        app.config.setdefault(key, value)
    auth_settings.check_production(app.config)
    providers = [app.config[f"OIDC_{m.upper()}_ISSUER"] for m in auth_settings.MEANS]
    app.config["FORM_ACTION_ORIGINS"] = [*app.config.get("FORM_ACTION_ORIGINS", []), *providers]
    oidc.init_app(app)
    login_manager.session_protection = None  # our own server-side session does this
    app.before_request(_load_principal)
    app.before_request(mandate_views.refuse_blocked_mandate)
    app.context_processor(_template_context)
    _register_cli(app)
    app.jinja_env.globals.update(
        account_menu=menu.account_menu,
        kept_fragment=kept_fragment,
        level_name=texts.level_name,
        means_name=texts.means_name,
        sign_in_failure=texts.failure,
        staff_areas=staff_areas.areas_for,
        requested_by=mandate_views.mandates.requested_by,
        written_by=mandate_views.mandates.written_by,
    )


def _register_cli(app: Flask) -> None:
    import click

    @app.cli.command("clean-sessions")
    def clean_sessions() -> None:
        """Delete signed-in sessions past the idle or absolute limit."""
        removed = sessions.remove_expired()
        db.session.commit()
        click.echo(f"{removed} sessions removed")
