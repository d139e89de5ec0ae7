"""Settings from environment variables, with embedded defaults for development.

Every variable is documented in README.md. Production mode (`PORTAL_ENV=production`) refuses
to start with the development secret key or with debug on.
"""

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-secret-key-not-for-production"  # noqa: S105 - refused in production


class ConfigError(RuntimeError):
    """The settings are unsafe or incomplete; the app must not start."""


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{ROOT / 'instance' / 'portal.sqlite3'}"
    # Heroku-style URLs name the old driver; SQLAlchemy 2 wants psycopg 3 spelled out.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def from_environment() -> dict:
    env = os.environ.get("PORTAL_ENV", "development")
    production = env == "production"
    return {
        "PORTAL_ENV": env,
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEV_SECRET_KEY),
        # The key of every pseudonym of a BSN or KVK number (portal/auth/pseudonym.py); outside
        # production it falls back to SECRET_KEY.
        "PSEUDONYM_KEY": os.environ.get("PSEUDONYM_KEY", ""),
        "DEBUG": _env_bool("FLASK_DEBUG", False),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # How long a process trusts its copy of the catalogue before asking the database
        # whether an editor published (portal/catalog/cache.py).
        "CATALOG_CHECK_SECONDS": float(os.environ.get("CATALOG_CHECK_SECONDS", "1")),
        "DASHBOARD_KEEP_SECONDS": float(os.environ.get("DASHBOARD_KEEP_SECONDS", "60")),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_MB", "25")) * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 500 * 1024,
        "SESSION_COOKIE_NAME": "__Host-session" if production else "session",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=2),
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", "15")),
        "SESSION_MAX_MINUTES": int(os.environ.get("SESSION_MAX_MINUTES", "120")),
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_SSL_STRICT": production,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "HSTS": production,
        "MUNICIPALITY_NAME": os.environ.get("MUNICIPALITY_NAME", "Gemeente Voorbeeld"),
        "SMTP_HOST": os.environ.get("SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "8025")),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _env_bool("SMTP_STARTTLS", False),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "noreply@voorbeeld.example"),
        # Uploaded files: "local" (the folder FILE_STORE_PATH) or "s3" (an S3-compatible
        # object store that every instance reaches; needed with more than one instance).
        "FILE_STORE": os.environ.get("FILE_STORE", "local"),
        "FILE_STORE_PATH": os.environ.get("FILE_STORE_PATH", str(ROOT / "instance" / "files")),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL", ""),
        "S3_BUCKET": os.environ.get("S3_BUCKET", ""),
        "S3_REGION": os.environ.get("S3_REGION", ""),
        # Empty: boto3 finds the keys itself (AWS_ACCESS_KEY_ID and friends, an instance role).
        "S3_ACCESS_KEY_ID": os.environ.get("S3_ACCESS_KEY_ID", ""),
        "S3_SECRET_ACCESS_KEY": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        # "AES256", "aws:kms", or empty for a store that refuses the encryption header.
        "S3_SERVER_SIDE_ENCRYPTION": os.environ.get("S3_SERVER_SIDE_ENCRYPTION", "AES256"),
        "OIDC_PROVIDER_URL": os.environ.get("OIDC_PROVIDER_URL", "http://127.0.0.1:5001"),
        # Registers (BRP, KVK, BAG): "embedded" demo data, or "http" for the real APIs.
        "REGISTRY_BACKEND": os.environ.get("REGISTRY_BACKEND", "embedded"),
        "REGISTRY_TIMEOUT_SECONDS": float(os.environ.get("REGISTRY_TIMEOUT_SECONDS", "3")),
        "REGISTRY_ORIGIN_OIN": os.environ.get("REGISTRY_ORIGIN_OIN", ""),
        "BRP_API_URL": os.environ.get("BRP_API_URL", ""),
        "BRP_API_KEY": os.environ.get("BRP_API_KEY", ""),
        "KVK_API_URL": os.environ.get("KVK_API_URL", ""),
        "KVK_API_KEY": os.environ.get("KVK_API_KEY", ""),
        "BAG_API_URL": os.environ.get("BAG_API_URL", ""),
        "BAG_API_KEY": os.environ.get("BAG_API_KEY", ""),
        # How the registers are reached (portal/registries/http/connection.py): a CA bundle
        # for all, and per register OAuth2 client credentials, a client certificate for
        # mutual TLS and its own CA bundle (PKIoverheid for KVK). Empty: not used.
        "REGISTRY_CA_BUNDLE": os.environ.get("REGISTRY_CA_BUNDLE", ""),
        "REGISTRY_POOL_SIZE": int(os.environ.get("REGISTRY_POOL_SIZE", "10")),
        **{
            f"{register}_{name}": os.environ.get(f"{register}_{name}", "")
            for register in ("BRP", "KVK", "BAG")
            for name in (
                "OAUTH_TOKEN_URL",
                "OAUTH_CLIENT_ID",
                "OAUTH_CLIENT_SECRET",
                "OAUTH_SCOPE",
                "OAUTH_CLIENT_AUTH",
                "CLIENT_CERT",
                "CLIENT_KEY",
                "CA_BUNDLE",
            )
        },
        # Reports: the address search ("embedded" demo addresses, or "pdok"), the area and map.
        "LOCATION_BACKEND": os.environ.get("LOCATION_BACKEND", "embedded"),
        "PDOK_LOCATIESERVER_URL": os.environ.get("PDOK_LOCATIESERVER_URL", ""),
        "LOCATION_TIMEOUT_SECONDS": float(os.environ.get("LOCATION_TIMEOUT_SECONDS", "3")),
        "MUNICIPALITY_CODE": os.environ.get("MUNICIPALITY_CODE", ""),
        # The RSIN of the municipality: the "verantwoordelijke" of its ZGW case types.
        "MUNICIPALITY_RSIN": os.environ.get("MUNICIPALITY_RSIN", ""),
        "MUNICIPALITY_AREA_FILE": os.environ.get("MUNICIPALITY_AREA_FILE", ""),
        "MAP_TILE_URL": os.environ.get("MAP_TILE_URL", ""),
        "MAP_ATTRIBUTION": os.environ.get("MAP_ATTRIBUTION", ""),
        # Keys of report apps that may file reports through Open311 (comma separated).
        "OPEN311_API_KEYS": tuple(
            key.strip() for key in os.environ.get("OPEN311_API_KEYS", "").split(",") if key.strip()
        ),
        "EMAIL_CONFIRMATION_HOURS": int(os.environ.get("EMAIL_CONFIRMATION_HOURS", "48")),
        "REQUEST_DRAFT_DAYS": int(os.environ.get("REQUEST_DRAFT_DAYS", "30")),
        # Appointments: "embedded" (the portal's own scheduler) or "qmatic".
        "APPOINTMENT_BACKEND": os.environ.get("APPOINTMENT_BACKEND", "embedded"),
        # Qmatic Orchestra's calendar API, when APPOINTMENT_BACKEND is "qmatic". The maps pair
        # our location and appointment type slugs with Qmatic publicIds: "slug=id,slug=id".
        "QMATIC_API_URL": os.environ.get("QMATIC_API_URL", ""),
        "QMATIC_AUTH_TOKEN": os.environ.get("QMATIC_AUTH_TOKEN", ""),
        "QMATIC_AUTH_HEADER": os.environ.get("QMATIC_AUTH_HEADER", "X-Api-Key"),
        "QMATIC_BRANCH_MAP": os.environ.get("QMATIC_BRANCH_MAP", ""),
        "QMATIC_SERVICE_MAP": os.environ.get("QMATIC_SERVICE_MAP", ""),
        "QMATIC_TIMEOUT_SECONDS": float(os.environ.get("QMATIC_TIMEOUT_SECONDS", "3")),
        # Operations: "json" logs (one object a line) or "text"; how old the newest worker
        # heartbeat may be before /readyz fails; the token /metrics wants (empty: no metrics).
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "json" if production else "text"),
        "READY_HEARTBEAT_SECONDS": int(os.environ.get("READY_HEARTBEAT_SECONDS", "90")),
        "METRICS_TOKEN": os.environ.get("METRICS_TOKEN", ""),
        # Rate limits (portal/ratelimits.py): "memory://" or "redis://host:6379/0". Unset
        # RATELIMIT_ENABLED means on, except in tests. PROXY_FIX_X_FOR: proxies to trust.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": (
            _env_bool("RATELIMIT_ENABLED", True) if "RATELIMIT_ENABLED" in os.environ else None
        ),
        "PROXY_FIX_X_FOR": int(os.environ.get("PROXY_FIX_X_FOR", "0")),
    }


def check_production_safety(config: dict) -> None:
    if config.get("PORTAL_ENV") != "production":
        return
    if config.get("SECRET_KEY") in (None, "", DEV_SECRET_KEY) or len(config["SECRET_KEY"]) < 32:
        raise ConfigError("Set SECRET_KEY to a random value of at least 32 characters.")
    if config.get("DEBUG"):
        raise ConfigError("Debug mode is not allowed in production.")
    if not str(config.get("PUBLIC_URL", "")).startswith("https://"):
        raise ConfigError("PUBLIC_URL must use https in production.")
    # Pseudonyms join audit rows and logs over the years: their key must not change when
    # SECRET_KEY is rotated.
    pseudonym_key = config.get("PSEUDONYM_KEY") or ""
    if len(pseudonym_key) < 32 or pseudonym_key == config["SECRET_KEY"]:
        raise ConfigError(
            "Set PSEUDONYM_KEY to a random value of at least 32 characters, not SECRET_KEY."
        )
