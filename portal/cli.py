"""`flask --app portal ...` commands: set up the database, load demo data, run jobs."""

import importlib

import click
from flask import Flask
from flask_migrate import upgrade

from portal import cases, notifications, worker
from portal.devtools import scale_data
from portal.extensions import db

# Each area that has demo data adds its loader here, in the order they depend on each other.
DEMO_LOADERS: list[str] = [
    "portal.registries.demo:load",
    "portal.catalog.demo:load",
    "portal.catalog.demo_faq:load",
    "portal.cases.demo:load",
    "portal.reports.categories:load",
    "portal.reports.demo:load",
    "portal.questions.demo:load",
    "portal.appointments.demo:load",
    "portal.administration.staff:load_demo_teams",
]


def load_demo_data() -> list[str]:
    loaded = []
    for dotted in DEMO_LOADERS:
        module_name, _, func_name = dotted.partition(":")
        loader = getattr(importlib.import_module(module_name), func_name)
        if loader():
            loaded.append(dotted)
    db.session.commit()
    return loaded


def init_app(app: Flask) -> None:
    cases.init_app(app)  # check-deadlines
    notifications.init_app(app)  # notifications-worker
    worker.init_app(app)  # worker: every background job in its own process
    scale_data.init_app(app)  # scale-data: a municipality's worth of rows for the benchmark

    @app.cli.command("setup")
    @click.option("--demo/--no-demo", default=True, help="Load demo data when it is missing.")
    def setup(demo: bool) -> None:
        """Migrate the database to the newest version and load demo data."""
        upgrade(revision="heads")
        if demo:
            for name in load_demo_data():
                click.echo(f"demo data loaded: {name}")
        click.echo("database ready")

    @app.cli.command("demo-data")
    @click.option(
        "--scale",
        type=click.Choice(sorted(scale_data.SCALES)),
        help="Also add a municipality's worth of rows (as `flask scale-data --scale`).",
    )
    def demo_data(scale: str | None) -> None:
        """Load demo data (loaders skip what is already there)."""
        for name in load_demo_data():
            click.echo(f"demo data loaded: {name}")
        if scale:
            made = scale_data.generate(**scale_data.SCALES[scale])
            click.echo(", ".join(f"{value:,} {name}" for name, value in made.items()))
