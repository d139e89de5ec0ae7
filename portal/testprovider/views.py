"""The HTTP endpoints of each realm, under `/<realm>/`.

Bad authorization requests get an error page, never a redirect: a developer sees at once what
is wrong, and a redirect URI that failed its check is never used (RFC 6749 §4.1.2.1).
"""

import logging
from urllib.parse import urlsplit

from authlib.oauth2 import OAuth2Error
from flask import Blueprint, Response, abort, current_app, g, jsonify, render_template, request

from portal.testprovider.personas import Persona, personas_for
from portal.testprovider.server import SIGNING_ALG, RealmServer
from portal.testprovider.storage import SUPPORTED_SCOPES, TOKEN_ENDPOINT_AUTH_METHODS

log = logging.getLogger(__name__)

bp = Blueprint("testprovider", __name__, url_prefix="/<realm>")

# Errors about the person, not the request: OIDC Core §3.1.2.6 sends these back to the client.
INTERACTION_ERRORS = {
    "login_required",
    "consent_required",
    "account_selection_required",
    "interaction_required",
}


@bp.url_value_preprocessor
def _select_realm(endpoint: str | None, values: dict | None) -> None:
    servers: dict[str, RealmServer] = current_app.extensions["testprovider"]
    server = servers.get((values or {}).pop("realm", ""))
    if server is None:
        abort(404)
    g.server = server


@bp.get("/.well-known/openid-configuration")
def discovery() -> Response:
    server: RealmServer = g.server
    issuer = server.issuer
    claim_names = {name for p in personas_for(server.realm.id) for name in p.claims}
    return jsonify(
        issuer=issuer,
        authorization_endpoint=f"{issuer}/authorize",
        token_endpoint=f"{issuer}/token",
        userinfo_endpoint=f"{issuer}/userinfo",
        jwks_uri=f"{issuer}/jwks",
        end_session_endpoint=f"{issuer}/end_session",
        scopes_supported=list(SUPPORTED_SCOPES),
        response_types_supported=["code"],
        response_modes_supported=["query"],
        grant_types_supported=["authorization_code"],
        subject_types_supported=["public"],
        id_token_signing_alg_values_supported=[SIGNING_ALG],
        token_endpoint_auth_methods_supported=list(TOKEN_ENDPOINT_AUTH_METHODS),
        code_challenge_methods_supported=["S256"],
        acr_values_supported=list(server.realm.acr_values),
        prompt_values_supported=["none", "login"],
        claims_supported=sorted({"sub", "acr", "auth_time", "nonce", *claim_names}),
        claims_parameter_supported=False,
        request_parameter_supported=False,
        request_uri_parameter_supported=False,
    )


@bp.get("/jwks")
def jwks() -> Response:
    return jsonify(g.server.public_jwks())


@bp.post("/rotate_key")
def rotate_key() -> Response:
    """Rotate the realm's signing key while running: `keep_old=0` withdraws the old key at
    once. A development aid like the rest of this provider (bound to 127.0.0.1)."""
    server: RealmServer = g.server
    keep_old = request.form.get("keep_old", "1") != "0"
    key = server.rotate_key(keep_old=keep_old)
    log.info("testprovider %s: signing key rotated to %s", server.realm.id, key.kid)
    return jsonify(kid=key.kid, published=[k.kid for k in server.published])


@bp.route("/authorize", methods=["GET", "POST"])
def authorize():
    server: RealmServer = g.server
    try:
        grant = server.get_consent_grant(end_user=None)
    except OAuth2Error as error:
        return _authorization_error(server, error)

    if request.method == "GET":
        return _choice_page(server, grant)
    if request.form.get("actie") == "annuleren":
        log.info("testprovider %s: sign-in cancelled", server.realm.id)
        return server.create_authorization_response(grant=grant, grant_user=None)
    chosen = _chosen_persona(server, request.form.get("persoon", ""))
    if chosen is None:
        return _choice_page(server, grant, missing_choice=True), 400
    mandate = chosen.mandate(request.args.get("machtiging", ""))
    if mandate is not None:
        # The portal asked to switch to this mandate; the persona holds it.
        chosen = chosen.acting_for(mandate)
    log.info(
        "testprovider %s: signed in as persona %s for client %s",
        server.realm.id,
        chosen.id,
        grant.client.client_id,
    )
    return server.create_authorization_response(grant=grant, grant_user=chosen)


@bp.post("/token")
def token() -> Response:
    return g.server.create_token_response()


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo() -> Response:
    return g.server.create_endpoint_response("userinfo")


@bp.route("/end_session", methods=["GET", "POST"])
def end_session():
    server: RealmServer = g.server
    try:
        validated = server.validate_endpoint_request("end_session")
    except OAuth2Error as error:
        # RP-Initiated Logout §4: after an error, never redirect.
        log.warning("testprovider %s: end_session refused: %s", server.realm.id, error.error)
        return _logged_out_page(server)
    return server.create_endpoint_response("end_session", validated) or _logged_out_page(server)


def _chosen_persona(server: RealmServer, persona_id: str) -> Persona | None:
    return next((p for p in personas_for(server.realm.id) if p.id == persona_id), None)


def _choice_page(server: RealmServer, grant, missing_choice: bool = False) -> str:
    # The form's redirect to the client counts for CSP form-action in Chromium.
    g.form_action_origin = _origin(grant.redirect_uri)
    query = request.query_string.decode("ascii", errors="replace")
    personas = personas_for(server.realm.id)
    wanted = request.args.get("machtiging", "")
    holders = [p for p in personas if p.mandate(wanted)]
    return render_template(
        "testprovider/kies_persoon.html",
        realm=server.realm,
        client_id=grant.client.client_id,
        personas=personas,
        switching_to=holders[0].mandate(wanted).name if holders else "",
        preselected=holders[0].id if len(holders) == 1 else "",
        form_action=f"{request.path}?{query}",
        missing_choice=missing_choice,
    )


def _authorization_error(server: RealmServer, error: OAuth2Error):
    if error.error in INTERACTION_ERRORS and error.redirect_uri:
        return server.handle_error_response(None, error)
    log.warning("testprovider %s: authorization refused: %s", server.realm.id, error.error)
    page = render_template(
        "testprovider/fout.html",
        realm=server.realm,
        error=error.error,
        description=error.description or "",
    )
    return page, 400


def _logged_out_page(server: RealmServer) -> str:
    return render_template("testprovider/uitgelogd.html", realm=server.realm)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
