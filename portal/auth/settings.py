"""Sign-in settings from environment variables. Brokers name claims differently, so every
claim name is a setting; the defaults match the local test provider.

Each sign-in means (DigiD, eHerkenning, staff) is its own OIDC provider with its own issuer,
client id, secret and scopes.
"""

import os

DEV_CLIENT_SECRET = "dev-secret-not-for-production"  # noqa: S105 - the local test provider's

MEANS = ("digid", "eherkenning", "staff")
_REALM = {"digid": "digid", "eherkenning": "eherkenning", "staff": "medewerkers"}

# acr values (SAML authentication context classes, eHerkenning assurance levels) to levels.
DEFAULT_LEVELS = {
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport": "basis",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": "midden",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard": "substantieel",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI": "hoog",
    "urn:etoegang:core:assurance-class:loa2": "eh2",
    "urn:etoegang:core:assurance-class:loa2plus": "eh2plus",
    "urn:etoegang:core:assurance-class:loa3": "eh3",
    "urn:etoegang:core:assurance-class:loa4": "eh4",
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
    "name": "name",
    "email": "email",
    "roles": "roles",
    "team": "team",
}


def from_environment(provider_url: str) -> dict:
    env = os.environ.get
    settings: dict = {
        "SESSION_WARNING_SECONDS": int(env("SESSION_WARNING_SECONDS", "120")),
        "OIDC_CLAIMS": {
            key: env(f"OIDC_CLAIM_{key.upper()}", default)
            for key, default in CLAIM_DEFAULTS.items()
        },
        "OIDC_LEVELS": DEFAULT_LEVELS,
    }
    for means in MEANS:
        prefix = f"OIDC_{means.upper()}_"
        settings[prefix + "ISSUER"] = env(
            prefix + "ISSUER", f"{provider_url.rstrip('/')}/{_REALM[means]}"
        )
        settings[prefix + "CLIENT_ID"] = env(prefix + "CLIENT_ID", f"mijngemeente-{_REALM[means]}")
        settings[prefix + "CLIENT_SECRET"] = env(prefix + "CLIENT_SECRET", DEV_CLIENT_SECRET)
        settings[prefix + "SCOPES"] = env(prefix + "SCOPES", "openid")
    return settings
