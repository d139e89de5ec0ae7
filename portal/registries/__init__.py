"""Registries area: the person (BRP), company (KVK) and address (BAG) registers, the
processing log, and the "Mijn gegevens" pages."""

import click
from flask import Flask

from portal.registries import views  # noqa: F401


def init_app(app: Flask) -> None:
    @app.cli.command("processing-log-cleanup")
    def processing_log_cleanup() -> None:
        """Delete processing log entries older than the retention period (run daily)."""
        from portal.registries.jobs import cleanup_once

        click.echo(f"processing log entries removed: {cleanup_once(app)}")
