"""Words of a proposed appointment (voorstel): the moment as people say it ("dinsdag 8 december
om 10.00 uur bij u thuis") and the notes and messages a proposal writes on the case.

Times are worded by `portal.appointments.wording` (Europe/Amsterdam, so a moment reads right
on both sides of the clock change). Texts kept with the case (timeline notes, messages) are
written in Dutch, the source language, like every text a case stores
(`portal.cases.services.stored_text`).
"""

from datetime import datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.appointments import wording
from portal.appointments.models import Location

PLACES = {
    "thuis": _l("bij u thuis"),
    "video": _l("in een videogesprek"),
}

PROPOSED_NOTE = _l("Wij stellen voor: %(moment)s.")
PROPOSED_MESSAGE = _l(
    "Wij stellen een afspraak voor: %(what)s, %(moment)s. "
    "Past dit? Zeg het bij uw zaak in Mijn zaken. "
    "Daar kunt u ook een ander moment kiezen. Of vraag of wij u bellen."
)
ACCEPTED_NOTE = _l("De afspraak staat: %(moment)s.")
OTHER_TIME_NOTE = _l("U koos een ander moment. De afspraak staat: %(moment)s.")
CALL_NOTE = _l("U wilt liever gebeld worden. Wij bellen u om een afspraak te maken.")
CALL_MESSAGE = _l("Ik word liever gebeld over de afspraak. Mijn telefoonnummer is %(phone)s.")
WITHDRAWN_NOTE = _l("Wij hebben het voorstel voor %(moment)s ingetrokken.")
WITHDRAWN_MESSAGE = _l(
    "Wij hebben ons voorstel voor een afspraak ingetrokken. U hoeft niets te doen. "
    "Wij nemen contact met u op."
)

# Errors a resident or handler can cause; shown as they are.
ANSWERED = _l("U heeft dit voorstel al beantwoord. Hieronder ziet u hoe het nu staat.")
EXPIRED = _l("Dit voorstel is verlopen. Kies hieronder een ander moment.")
NOT_FREE = _l("Dit moment is niet meer vrij. Kies een ander moment.")
TAKEN = _l("Dit tijdstip is net bezet. Kies een ander moment.")
TOO_SOON = _l("Kies een moment dat minstens twee dagen na vandaag ligt.")
UNKNOWN_KIND = _l("Kies een soort afspraak en een plek uit de lijst.")
NO_ADDRESS = _l("Wij weten het adres van de inwoner niet. Kies een andere plek.")


def place_text(location: Location) -> str:
    """Where, as the end of a sentence: "bij u thuis", "bij Gemeentehuis Voorbeeld"."""
    if location.kind in PLACES:
        return str(PLACES[location.kind])
    return str(_l("bij %(name)s", name=wording.location_name(location)))


def moment_text(starts_at: datetime, location: Location) -> str:
    """ "dinsdag 8 december om 10.00 uur bij u thuis"."""
    return f"{wording.when_text(starts_at)} {place_text(location)}"


def stored(
    text, *, at: datetime | None = None, place: Location | None = None, kind=None, **values
) -> str:
    """A text kept with the case: in Dutch, with the moment (`at` and `place`) and the kind
    of appointment worded in Dutch too."""
    with force_locale("nl"):
        if at is not None and place is not None:
            values["moment"] = moment_text(at, place)
        if kind is not None:
            values["what"] = wording.type_name(kind)
        return str(text) % values if values else str(text)
