"""Notifications area: the outbox, the worker that sends it over SMTP, and the e-mail texts.

Other areas only call `portal.notifications.outbox.enqueue`, and may register an audience of
their own (`portal.notifications.audiences`, e.g. the followers of a report). `init_app`
(called from `portal.cli.init_app`, so by create_app) adds the `notifications-worker`
command; `make run` starts the worker thread through `portal.devtools.services.BACKGROUND_JOBS`.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.notifications import berichtenbox, worker

    worker.init_app(app)
    # The heading of a Berichtenbox message depends on its kind (`berichtenbox.title`).
    app.jinja_env.globals["bericht_titel"] = berichtenbox.title
