"""Cases area (zaken): case model and services, "Mijn zaken", Berichtenbox, deadline checks.

`init_app(app)` (called from `portal.cli.init_app`) adds the `check-deadlines` command and the
Berichtenbox unread count for the header (`berichten_ongelezen()`). `make run` runs the same
check daily through `portal.devtools.services.BACKGROUND_JOBS`.

Areas built on cases add to them without cases importing them: a part of the case page per
product (`portal.cases.extensions`, used by reports) and `portal.cases.reopen.reopen_case`.
"""

from datetime import date

import click
from flask import Flask, request

from portal.auth import current_principal
from portal.cases import display, views  # noqa: F401
from portal.cases.deadlines import check_deadlines
from portal.cases.resident_services import UNREAD_KEY, unread_count
from portal.extensions import db


def unread_messages() -> int | None:
    """Unread Berichtenbox messages of the signed-in resident or company; None otherwise."""
    principal = current_principal()
    if principal is None or principal.means not in ("digid", "eherkenning"):
        return None
    # A page may show the count in more than one place; it is counted once per request (in
    # the request's environ: tests run several requests in one app context, so one `g`).
    if UNREAD_KEY not in request.environ:
        request.environ[UNREAD_KEY] = unread_count(principal)
    return request.environ[UNREAD_KEY]


def init_app(app: Flask) -> None:
    # Templates call it only where they show it (the header), so other pages pay nothing.
    app.jinja_env.globals["berichten_ongelezen"] = unread_messages
    display.init_app(app)  # stored Dutch texts in the page's language

    @app.cli.command("check-deadlines")
    @click.option(
        "--date",
        "on",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Check as if it were this day (YYYY-MM-DD); default today.",
    )
    def check_deadlines_command(on) -> None:
        """Warn about cases at risk or late and remind residents of open tasks."""
        check_day: date | None = on.date() if on else None
        summary = check_deadlines(check_day)
        db.session.commit()
        click.echo(
            f"{len(summary.at_risk)} in gevaar, {len(summary.late)} te laat, "
            f"{len(summary.reminded)} herinneringen"
        )
