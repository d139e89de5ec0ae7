"""Profile area: contact details and preferences kept once per party.

`init_app` plugs the stored language into the language choice of `portal.i18n`: a signed-in
person who saved English in their contact details gets English again next time, on any
device.
"""

from flask import Flask, session

from portal.profile import views  # noqa: F401


def _signed_in_party():
    from portal.auth import current_principal

    principal = current_principal()
    if principal is None or principal.is_staff:
        return None
    # The language is the choice of the person at the screen, not of whom they act for.
    return principal.own_party


# The stored language as read once per sign-in, in the cookie (a language code, nothing
# personal): reading the profile on every page was a query per signed-in request. It holds
# the end of the sign-in's random key (already in the same cookie), so a new sign-in, a
# switched mandate or another person on the same browser reads the profile again.
KEPT = "stored_lang"


def _stored_language() -> str | None:
    from portal.auth.views import SESSION_KEY
    from portal.profile.services import stored_language

    party = _signed_in_party()
    if not party:
        return None
    owner = str(session.get(SESSION_KEY, ""))[-8:]
    kept = session.get(KEPT)
    if isinstance(kept, dict) and owner and kept.get("for") == owner:
        return kept.get("code") or None
    code = stored_language(party)
    session[KEPT] = {"for": owner, "code": code or ""}
    return code


def forget_kept_language() -> None:
    """After the contact details were saved: the next page reads the stored language again."""
    session.pop(KEPT, None)


def init_app(app: Flask) -> None:
    app.extensions.setdefault("language_sources", []).append(_stored_language)
