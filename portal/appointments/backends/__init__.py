"""The appointment back end that `APPOINTMENT_BACKEND` chooses: `embedded` (default, the
portal's own scheduler) or `qmatic` (Qmatic Orchestra's calendar API).

One instance per app, kept in `app.extensions`, so an adapter may cache what it learned (a
branch's time zone, a service's duration) between requests.
"""

from flask import current_app

from portal.appointments.backends.base import AppointmentBackend

BACKENDS = ("embedded", "qmatic")


def backend_name() -> str:
    return current_app.config.get("APPOINTMENT_BACKEND", "embedded")


def is_embedded() -> bool:
    return backend_name() == "embedded"


def backend() -> AppointmentBackend:
    name = backend_name()
    cached = current_app.extensions.get("appointment_backend")
    if cached is not None and cached[0] == name:
        return cached[1]
    if name == "embedded":
        from portal.appointments.backends.embedded import EmbeddedBackend

        instance: AppointmentBackend = EmbeddedBackend()
    elif name == "qmatic":
        from portal.appointments.backends.qmatic import QmaticBackend

        instance = QmaticBackend.from_config(current_app.config)
    else:
        raise RuntimeError(f"APPOINTMENT_BACKEND must be one of {', '.join(BACKENDS)}")
    current_app.extensions["appointment_backend"] = (name, instance)
    return instance
