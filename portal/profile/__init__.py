"""Profile area: contact details and preferences kept once per party.

`init_app` plugs the stored language into the language choice of `portal.i18n`: a signed-in
person who saved English in their contact details gets English again next time, on any
device.
"""

from flask import Flask

from portal.profile import views  # noqa: F401


def _signed_in_party():
    from portal.auth import current_principal

    principal = current_principal()
    if principal is None or principal.is_staff:
        return None
    # The language is the choice of the person at the screen, not of whom they act for.
    return principal.own_party


def _stored_language() -> str | None:
    from portal.profile.services import stored_language

    party = _signed_in_party()
    return stored_language(party) if party else None


def init_app(app: Flask) -> None:
    app.extensions.setdefault("language_sources", []).append(_stored_language)
