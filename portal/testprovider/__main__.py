"""Run the local OIDC test provider: `python -m portal.testprovider --host 127.0.0.1 --port 5001`.

`TESTPROVIDER_PORTAL_URL` (default http://127.0.0.1:5000) is the portal whose redirect URIs the
default clients get. For development and tests only.
"""

import argparse
import logging
import os

from werkzeug.serving import run_simple

from portal.testprovider import DEFAULT_PORTAL_URL, create_provider_app, default_clients


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m portal.testprovider",
        description="Local OpenID Connect provider with test personas (development only).",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument(
        "--token-lifetime", type=int, default=300, help="lifetime of ID and access tokens (s)"
    )
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    portal_url = os.environ.get("TESTPROVIDER_PORTAL_URL", DEFAULT_PORTAL_URL)
    app = create_provider_app(default_clients(portal_url), token_lifetime=args.token_lifetime)
    logging.getLogger(__name__).warning(
        "Test provider for %s: not for production. Realms: %s",
        portal_url,
        ", ".join(
            f"http://{args.host}:{args.port}/{realm}" for realm in app.extensions["testprovider"]
        ),
    )
    run_simple(args.host, args.port, app, threaded=True)


if __name__ == "__main__":
    main()
