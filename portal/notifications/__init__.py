"""Notifications area: the outbox, the worker that sends it over SMTP, and the e-mail texts.

Other areas only call `portal.notifications.outbox.enqueue`; create_app calls `init_app` for
the `notifications-worker` command.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.notifications import worker

    worker.init_app(app)
