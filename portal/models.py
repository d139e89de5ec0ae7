"""One place that knows every area's models, for Alembic and for test clean-up."""

import importlib

# Each area with tables adds its models module here.
MODEL_MODULES: list[str] = [
    "portal.auth.models",
    "portal.registries.models",
    "portal.profile.models",
    "portal.catalog.models",
    "portal.requests.models",
    "portal.cases.models",
    "portal.notifications.models",
    "portal.reports.models",
    "portal.appointments.models",
    "portal.questions.models",
    "portal.editor.models",
    "portal.knowledge.models",
    "portal.administration.models",
    "portal.operations.models",
    "portal.payments.models",
    "portal.dashboard.models",
]


def import_all_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)
