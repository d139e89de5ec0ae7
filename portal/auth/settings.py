"""Sign-in settings from environment variables. Brokers name claims differently, so every
claim name is a setting; the defaults match the local test provider.

Each sign-in means (DigiD, eHerkenning, staff) is its own OIDC provider with its own issuer,
client id, secret and scopes.
"""

import json
import os
from urllib.parse import urlsplit

from portal.auth.principal import level_rank
from portal.config import ConfigError

DEV_CLIENT_SECRET = "dev-secret-not-for-production"  # noqa: S105 - the local test provider's

MEANS = ("digid", "eherkenning", "staff")
_REALM = {"digid": "digid", "eherkenning": "eherkenning", "staff": "medewerkers"}

# The acr a broker sends, to the portal's level. OIDC_ACR_LEVELS (a JSON object) replaces this
# table; an acr that is not in it refuses the sign-in. Sources:
# - DigiD: SAML authentication context classes of the Logius DigiD koppelvlak (basis, midden,
#   substantieel, hoog), passed on as `acr` by the OIDC brokers (as in Open Formulieren).
# - eHerkenning: Afsprakenstelsel eToegang assurance classes. EH1 (loa1) is left out on purpose:
#   no service of the portal accepts it, so it fails closed as unknown.
# - eIDAS: the levels of Regulation (EU) 910/2014 as eIDAS-nodes and eToegang send them, per
#   means the equal level (substantial = substantieel on DigiD, EH3 on eHerkenning).
# An entry is a level, or {"<means>": "<level>"}; a means it does not name refuses that acr.
DEFAULT_LEVELS = {
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport": "basis",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": "midden",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard": "substantieel",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI": "hoog",
    "urn:etoegang:core:assurance-class:loa2": "eh2",
    "urn:etoegang:core:assurance-class:loa2plus": "eh2plus",
    "urn:etoegang:core:assurance-class:loa3": "eh3",
    "urn:etoegang:core:assurance-class:loa4": "eh4",
    "http://eidas.europa.eu/LoA/low": {"digid": "basis", "eherkenning": "eh2"},
    "http://eidas.europa.eu/LoA/substantial": {"digid": "substantieel", "eherkenning": "eh3"},
    "http://eidas.europa.eu/LoA/high": {"digid": "hoog", "eherkenning": "eh4"},
}

CLAIM_DEFAULTS = {
    "bsn": "bsn",
    "kvk": "kvk",
    "branch": "vestiging",
    "acting_subject": "acting_subject",
    "acting_subject_name": "acting_subject_name",
    "level": "acr",
    "represented_bsn": "namens_bsn",
    "represented_kvk": "namens_kvk",
    "mandate_services": "machtiging_diensten",
    # The other mandates the representative holds: broker ids and names, no BSNs.
    "mandates": "machtigingen",
    "mandate_id": "machtiging",
    "name": "name",
    "email": "email",
    "roles": "roles",
    "team": "team",
}


def acr_levels(raw: str | None) -> dict:
    """The acr table from OIDC_ACR_LEVELS, or the defaults when it is unset. A table that names
    a level the portal does not know stops the start: it would refuse every sign-in."""
    if not raw:
        return dict(DEFAULT_LEVELS)
    try:
        table = json.loads(raw)
    except ValueError as error:
        raise ConfigError(f"OIDC_ACR_LEVELS is not valid JSON: {error}") from error
    if not isinstance(table, dict) or not table:
        raise ConfigError('OIDC_ACR_LEVELS must be a JSON object: {"<acr>": "<level>"}.')
    wrong = sorted(str(acr) for acr, level in table.items() if not _known(acr, level))
    if wrong:
        raise ConfigError(f"OIDC_ACR_LEVELS has an unknown level for: {', '.join(wrong)}")
    return table


def _known(acr: str, level) -> bool:
    if not str(acr).strip():
        return False
    if isinstance(level, dict):
        return bool(level) and all(
            means in MEANS and isinstance(value, str) and level_rank(value) >= 0
            for means, value in level.items()
        )
    return isinstance(level, str) and level_rank(level) >= 0


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def from_environment(provider_url: str) -> dict:
    env = os.environ.get
    settings: dict = {
        "SESSION_WARNING_SECONDS": int(env("SESSION_WARNING_SECONDS", "120")),
        "OIDC_CLAIMS": {
            key: env(f"OIDC_CLAIM_{key.upper()}", default)
            for key, default in CLAIM_DEFAULTS.items()
        },
        "OIDC_LEVELS": acr_levels(env("OIDC_ACR_LEVELS")),
        # Staff sign in with at least two factors (an app or sms code): "midden" or higher.
        "OIDC_STAFF_MIN_LEVEL": env("OIDC_STAFF_MIN_LEVEL", "midden"),
        # A token that names an unknown key, or whose signature fails, fetches the provider's
        # keys again, at most once in this many seconds; the keys are refreshed after the age.
        "OIDC_JWKS_REFETCH_SECONDS": int(env("OIDC_JWKS_REFETCH_SECONDS", "60")),
        "OIDC_JWKS_MAX_AGE_SECONDS": int(env("OIDC_JWKS_MAX_AGE_SECONDS", "3600")),
    }
    use_userinfo = _flag(env("OIDC_USE_USERINFO"), False)
    for means in MEANS:
        prefix = f"OIDC_{means.upper()}_"
        settings[prefix + "ISSUER"] = env(
            prefix + "ISSUER", f"{provider_url.rstrip('/')}/{_REALM[means]}"
        )
        settings[prefix + "CLIENT_ID"] = env(prefix + "CLIENT_ID", f"mijngemeente-{_REALM[means]}")
        settings[prefix + "CLIENT_SECRET"] = env(prefix + "CLIENT_SECRET", DEV_CLIENT_SECRET)
        settings[prefix + "SCOPES"] = env(prefix + "SCOPES", "openid")
        # Brokers that put the BSN or KVK number only in the userinfo answer, not the ID token.
        settings[prefix + "USE_USERINFO"] = _flag(env(prefix + "USE_USERINFO"), use_userinfo)
        # RP-Initiated Logout: every provider must take a form POST; GET only for old brokers.
        settings[prefix + "LOGOUT_METHOD"] = env(prefix + "LOGOUT_METHOD", "POST").upper()
    return settings


LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}  # noqa: S104 - names, not a bind


def check_production(config: dict) -> None:
    """In production, sign-in must go to the real brokers: never the local test provider, its
    client secrets or an issuer over plain http. Raised at create_app, before serving."""
    if config.get("PORTAL_ENV") != "production":
        return
    for means in MEANS:
        prefix = f"OIDC_{means.upper()}_"
        issuer = urlsplit(str(config.get(prefix + "ISSUER", "")))
        if issuer.scheme != "https":
            raise ConfigError(f"{prefix}ISSUER must use https in production.")
        if (issuer.hostname or "") in LOOPBACK:
            raise ConfigError(
                f"{prefix}ISSUER points at the local test provider; set the real broker."
            )
        if config.get(prefix + "CLIENT_SECRET") in (None, "", DEV_CLIENT_SECRET):
            raise ConfigError(
                f"Set {prefix}CLIENT_SECRET: the test provider's secret is refused in production."
            )
