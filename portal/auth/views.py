"""Sign-in, sign-out and session routes. The OIDC work is Authlib's; the rules are in
`claims.py`, `sessions.py` and `access.py`."""

import logging
from dataclasses import replace
from datetime import UTC, datetime

from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from flask import (
    Blueprint,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from joserfc.errors import JoseError
from requests import RequestException

from portal.auth import mandates, oidc, sessions, staff_roster, step_up
from portal.auth.audit import record_event
from portal.auth.claims import ClaimError, level_for, mandate_choices, principal_from_claims
from portal.auth.principal import (
    DIGID,
    DIGID_LEVELS,
    EHERKENNING,
    EHERKENNING_LEVELS,
    STAFF,
    Principal,
    level_rank,
)
from portal.auth.redirects import safe_next
from portal.auth.staff_areas import home_endpoint
from portal.extensions import db
from portal.ratelimits import limited

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

SESSION_KEY = "auth_key"
RESIDENT_MEANS = (DIGID, EHERKENNING)
_NEXT = "auth_next"
# The broker's id of the mandate a representative chose to switch to (never a BSN).
SWITCH = "auth_switch"


@bp.get("/inloggen")
def sign_in():
    return render_template(
        "auth/sign_in.html",
        next_url=_next_or_none(),
        expired=request.args.get("verlopen") == "1",
    )


def _acr_for(means: str, level: str) -> str | None:
    """The provider's acr value for the lowest level of this means that meets `level`."""
    if not level or means == STAFF:
        return None
    own = DIGID_LEVELS if means == DIGID else EHERKENNING_LEVELS
    candidates = [name for name in own if level_rank(name) >= level_rank(level) >= 0]
    if not candidates:
        return None
    levels = current_app.config["OIDC_LEVELS"]
    by_level = {level_for(levels, acr, means): acr for acr in reversed(levels)}
    return by_level.get(candidates[0])


def _next_or_none() -> str | None:
    """The page to return to, passed on only when one was asked for."""
    return safe_next(request.args["next"]) if request.args.get("next") else None


@bp.get("/inloggen/<means>")
@limited("sign_in", methods=("GET",))
def start(means: str):
    if means not in RESIDENT_MEANS:
        return render_template("errors/404.html"), 404
    return _authorize(means)


@bp.get("/medewerkers/inloggen")
def staff_sign_in():
    return render_template(
        "auth/staff_sign_in.html",
        next_url=_next_or_none(),
        expired=request.args.get("verlopen") == "1",
    )


@bp.get("/medewerkers/inloggen/start")
@limited("sign_in", methods=("GET",))
def staff_start():
    return _authorize(STAFF)


def _authorize(means: str, mandate_id: str | None = None):
    if means == STAFF:
        # Staff land on the first area their roles open, known only after sign-in.
        session.pop(_NEXT, None)
        if request.args.get("next"):
            session[_NEXT] = safe_next(request.args["next"], "backoffice.queue")
    else:
        session[_NEXT] = safe_next(request.args.get("next"), "account.overview")
    try:
        client = oidc.client_for(means)
        if means == STAFF:
            redirect_uri = url_for("auth.staff_callback", _external=True)
        else:
            redirect_uri = url_for("auth.callback", means=means, _external=True)
        extra = {}
        wanted = _acr_for(means, request.args.get("niveau", ""))
        if wanted:
            # Ask the provider for at least this level; brokers show the right login options.
            extra["acr_values"] = wanted
        step_up.started(
            session, g.get("principal"), request.args.get("niveau", "") if wanted else ""
        )
        db.session.commit()
        session.pop(SWITCH, None)
        if mandate_id:
            # The broker's own id: it asks again who signs in and checks the mandate itself.
            extra["machtiging"] = mandate_id
            session[SWITCH] = mandate_id
        oidc.forget_old_sign_ins(session)
        return client.authorize_redirect(redirect_uri, nonce=generate_token(24), **extra)
    except (RequestException, OAuthError, oidc.ProviderMismatch, ValueError, KeyError):
        log.exception("sign-in provider %s unreachable", means)
        return _failure(means, "provider_unavailable", status=503)


@bp.get("/inloggen/<means>/callback")
def callback(means: str):
    if means not in RESIDENT_MEANS:
        return render_template("errors/404.html"), 404
    return _finish(means)


@bp.get("/medewerkers/inloggen/callback")
def staff_callback():
    return _finish(STAFF)


def _finish(means: str):
    if request.args.get("error"):
        code = "cancelled" if request.args["error"] == "access_denied" else "provider_error"
        return _failure(means, code)
    try:
        client = oidc.client_for(means)
        token = client.authorize_access_token()
    except (OAuthError, JoseError, RequestException, oidc.ProviderMismatch, ValueError) as error:
        log.warning("sign-in %s: token refused: %s", means, type(error).__name__)
        return _failure(means, "token_invalid")
    claims = dict(token.get("userinfo") or {})
    try:
        claims = oidc.with_userinfo(means, client, token, claims)
        principal = principal_from_claims(means, claims, current_app.config, datetime.now(UTC))
        if means == STAFF:
            principal = staff_roster.complete(principal)
    except ClaimError as error:
        log.warning("sign-in %s: claim problem %s (%s)", means, error.code, error.claim)
        return _failure(means, error.code, claim=error.claim)
    choices = mandate_choices(claims, current_app.config)
    in_use = claims.get(current_app.config["OIDC_CLAIMS"].get("mandate_id", "machtiging"))
    switched_to = session.pop(SWITCH, "")
    chosen = mandates.choice(choices, in_use if isinstance(in_use, str) else switched_to)
    principal = _with_names(principal, chosen)
    if refusal := _acting_refusal(principal):
        return _failure(means, refusal)
    if mandates.is_blocked(principal):
        mandates.refuse_blocked(principal, "sign_in")
        return _failure(means, "mandate_blocked", status=403)
    step_up.finished(session, principal)
    _replace_session(principal, str(claims.get("sub", "")), str(token.get("id_token", "")), choices)
    record_event("sign_in", "success", principal=principal, detail=principal.level)
    if principal.acts_for_other:
        mandates.record_start(principal)
        record_event("mandate.started", "allowed", principal=principal)
    db.session.commit()
    default = home_endpoint(principal) if means == STAFF else "account.overview"
    return redirect(safe_next(session.pop(_NEXT, None), default))


def _acting_refusal(principal: Principal) -> str | None:
    """No one acts as or for a deceased person (the BRP's opschortingBijhouding)."""
    from portal.registries.services import acting_refusal

    return acting_refusal(principal)


def _with_names(principal: Principal, chosen: dict | None = None) -> Principal:
    """Names from the BRP, so pages say "Fatima el Amrani" and "namens Henk Bakker".
    A register that is down only costs the name, never the sign-in."""
    from portal.registries.display import display_name
    from portal.registries.purposes import SHOW_NAME, SIGNED_IN_NAME
    from portal.registries.services import RegistryUnavailable, lookup_person

    def name_of(bsn: str, purpose, asking: Principal) -> str:
        try:
            person = lookup_person(bsn, purpose=purpose, principal=asking)
        except (RegistryUnavailable, PermissionError):
            return ""
        return display_name(person) if person else ""

    if principal.means == DIGID and principal.bsn and not principal.display_name:
        as_self = replace(principal, represented=None, mandate_services=())
        principal = replace(principal, display_name=name_of(principal.bsn, SIGNED_IN_NAME, as_self))
    if principal.represented is not None and principal.represented.kind == "person":
        name = name_of(principal.represented.identifier, SHOW_NAME, principal)
        principal = replace(principal, represented_name=name)
    if principal.represented is not None and not principal.represented_name and chosen:
        # A company (or a person the register does not know): the name the broker listed.
        principal = replace(principal, represented_name=chosen["name"])
    return principal


def _replace_session(
    principal: Principal, provider_subject: str, id_token: str = "", choices=()
) -> None:
    """A fresh session at every sign-in (no fixation); only the language choice survives."""
    old_key = session.get(SESSION_KEY)
    if old_key:
        loaded = sessions.load(old_key)
        if loaded.row is not None:
            sessions.end(loaded.row)
    language = session.get("lang")
    next_url = session.get(_NEXT)
    session.clear()
    if language:
        session["lang"] = language
    if next_url:
        session[_NEXT] = next_url
    session[SESSION_KEY] = sessions.start(
        principal, provider_subject, id_token=id_token, mandates=choices
    )
    session.permanent = True


def _failure(means: str, code: str, claim: str = "", status: int = 400):
    record_event("sign_in", "failed", detail=f"{means}:{code}:{claim}"[:200])
    db.session.commit()
    retry = url_for("auth.staff_start") if means == STAFF else url_for("auth.start", means=means)
    return (
        render_template("auth/failed.html", means=means, code=code, retry_url=retry),
        status,
    )


@bp.post("/uitloggen")
def sign_out():
    return _end(reason="sign_out")


@bp.post("/namens/stoppen")
def stop_acting():
    return _end(reason="mandate_stopped")


def _end(reason: str):
    row = g.get("auth_row")
    principal = g.get("principal")
    means = principal.means if principal else DIGID
    id_token = sessions.id_token(row) if row is not None else ""
    if row is not None:
        record_event(reason, "success", principal=principal)
        sessions.end(row)
        db.session.commit()
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    endpoint = "auth.staff_signed_out" if means == STAFF else "auth.signed_out"
    params = {"namens": "1"} if reason == "mandate_stopped" else {}
    return_to = url_for(endpoint, _external=True, **params)
    if row is not None:
        logout = oidc.provider_logout(means, id_token, url_for(endpoint, _external=True))
        if logout:
            if params:
                session["signed_out_reason"] = reason
            if logout.method == "GET":
                return redirect(logout.url)
            page = render_template("auth/provider_logout.html", logout=logout)
            # The page holds the ID token: never keep it in a cache or the back-forward cache.
            return page, 200, {"Cache-Control": "no-store"}
    return redirect(return_to)


@bp.get("/uitgelogd")
def signed_out():
    stopped = request.args.get("namens") == "1" or session.pop("signed_out_reason", None)
    return render_template("auth/signed_out.html", stopped_acting=bool(stopped))


@bp.get("/medewerkers/uitgelogd")
def staff_signed_out():
    return render_template("auth/staff_signed_out.html")


@bp.post("/sessie/verlengen")
def extend():
    """The idle warning's "Ingelogd blijven": renewed now, even within the minute in which a
    page's request does not write (`sessions.TOUCH_SECONDS`)."""
    row = g.get("auth_row")
    wants_json = request.accept_mimetypes.best == "application/json"
    if row is None:
        if wants_json:
            return jsonify({"signed_in": False}), 401
        return redirect(url_for("auth.sign_in", verlopen="1"))
    sessions.renew(row)
    if wants_json:
        return jsonify({"signed_in": True, "seconds_left": sessions.seconds_left(row)})
    return redirect(safe_next(request.form.get("next")))
