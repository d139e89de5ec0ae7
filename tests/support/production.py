"""Settings a production start needs besides PORTAL_ENV: real sign-in brokers over https with
their own client secrets, and a pseudonym key of its own. Made-up hosts; nothing is fetched."""

PRODUCTION_SIGN_IN = {
    "PSEUDONYM_KEY": "p" * 40,
    **{
        f"OIDC_{means}_ISSUER": f"https://inloggen.voorbeeld.example/{means.lower()}"
        for means in ("DIGID", "EHERKENNING", "STAFF")
    },
    **{
        f"OIDC_{means}_CLIENT_SECRET": f"secret-of-{means.lower()}-0123456789"
        for means in ("DIGID", "EHERKENNING", "STAFF")
    },
}


def set_production_sign_in(monkeypatch) -> None:
    for name, value in PRODUCTION_SIGN_IN.items():
        monkeypatch.setenv(name, value)
