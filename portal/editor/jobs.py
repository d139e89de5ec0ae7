"""The worker that publishes and withdraws at the set times.

`publish_due_once(app)` does one round; `start_publish_due(app)` runs it every minute in a
daemon thread next to the web server (listed in `portal.devtools.services.BACKGROUND_JOBS`);
in production a scheduler runs `flask editor-publish-due` every minute.
"""

import logging
import threading

import click
from flask import Flask

from portal.editor.publishing import publish_due
from portal.jobs import in_transaction, run_each_period

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 60


def publish_due_once(app: Flask) -> int:
    done = in_transaction(app, publish_due)
    if done:
        log.info("published or withdrew %s editor items at their set time", done)
    return done


def start_publish_due(
    app: Flask, interval: float = INTERVAL_SECONDS, stop: threading.Event | None = None
) -> threading.Thread:
    # Once a minute across all workers: two workers publishing the same item at the same
    # moment would write two versions.
    return run_each_period(
        app, interval, lambda: publish_due_once(app), name="editor-publish-due", stop=stop
    )


def init_app(app: Flask) -> None:
    @app.cli.command("editor-publish-due")
    def editor_publish_due_command() -> None:
        """Publish and withdraw the editor's content whose set time has come."""
        click.echo(f"{publish_due_once(app)} items gepubliceerd of ingetrokken")
