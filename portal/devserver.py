"""`make run`: the portal with its embedded stand-ins, in one process.

Starts the SMTP catcher (mail lands in instance/mail/), the local OIDC test provider and the
portal itself on 127.0.0.1. Ctrl-C stops everything.
"""

import os
from pathlib import Path

from werkzeug.serving import run_simple

from portal import create_app
from portal.config import ROOT
from portal.devtools.services import start_background_jobs, start_oidc_provider
from portal.devtools.smtp_catcher import MailCatcher


def main() -> None:
    port = int(os.environ.get("PORT", "5000"))
    provider_port = int(os.environ.get("OIDC_PROVIDER_PORT", "5001"))
    smtp_port = int(os.environ.get("SMTP_PORT", "8025"))
    portal_url = os.environ.get("PUBLIC_URL", f"http://127.0.0.1:{port}")

    mail = MailCatcher(port=smtp_port, folder=Path(ROOT / "instance" / "mail")).start()
    provider = start_oidc_provider(portal_url, port=provider_port)
    app = create_app(
        {
            "PUBLIC_URL": portal_url,
            "OIDC_PROVIDER_URL": provider.url,
            "SMTP_PORT": smtp_port,
            # The jobs run as threads here, so /readyz does not wait for a worker process.
            "BACKGROUND_IN_PROCESS": True,
        }
    )
    start_background_jobs(app)
    print(f"MijnGemeente: {portal_url}")
    print(f"Test sign-in provider: {provider.url}  |  mail: instance/mail/")
    try:
        run_simple("127.0.0.1", port, app, threaded=True, use_reloader=False)
    finally:
        provider.stop()
        mail.stop()


if __name__ == "__main__":
    main()
