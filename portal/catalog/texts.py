"""What the catalogue's codes mean for a resident, in plain words.

Handling levels come from Midden-Delfland's service vision (1 ready while you wait ... 5 a
partner organisation helps). Levels of assurance decide how someone signs in. These texts
are the same for every product, so they live in code and go through Babel; the texts that
differ per product live in the database.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

HANDLING_TEXTS = {
    1: _l("U krijgt het meteen, of wij regelen het dezelfde dag."),
    2: _l("Een medewerker regelt het binnen een paar dagen."),
    3: _l("Een medewerker bekijkt uw aanvraag. Een specialist kijkt er daarna nog naar."),
    4: _l("Een specialist behandelt uw aanvraag. Soms maken wij eerst een afspraak met u."),
    5: _l("Een andere organisatie helpt u. Wij geven uw vraag aan hen door."),
}

SIGN_IN_TEXTS = {
    "basis": _l("Hiervoor logt u in met DigiD. Dat kan met uw gebruikersnaam en wachtwoord."),
    "midden": _l(
        "Hiervoor logt u in met DigiD op niveau Midden. Dat is met de DigiD app of met een "
        "sms-code."
    ),
    "substantieel": _l(
        "Hiervoor logt u in met DigiD op niveau Substantieel. Dat is met de DigiD app met ID-check."
    ),
    "hoog": _l(
        "Hiervoor logt u in met DigiD op niveau Hoog. Dat is met de DigiD app met ID-check en "
        "uw ID-kaart."
    ),
    "eh2": _l("Hiervoor logt u in met eHerkenning op niveau EH2."),
    "eh2plus": _l("Hiervoor logt u in met eHerkenning op niveau EH2+."),
    "eh3": _l("Hiervoor logt u in met eHerkenning op niveau EH3."),
    "eh4": _l("Hiervoor logt u in met eHerkenning op niveau EH4."),
}
NO_SIGN_IN = _l("U hoeft niet in te loggen.")


def handling_text(level: int, level_max: int | None = None) -> str:
    """What happens with a request at this handling level; a range names both ends."""
    text = str(HANDLING_TEXTS.get(level, ""))
    if level_max and level_max != level:
        return _(
            "Meestal: %(usual)s Soms is er meer nodig: %(more)s",
            usual=text,
            more=str(HANDLING_TEXTS.get(level_max, "")),
        )
    return text


def sign_in_texts(audiences: tuple[str, ...], min_levels: dict[str, str]) -> list[str]:
    """How each kind of applicant signs in, without repeating the same sentence.

    A representative signs in with their own DigiD at the same level; that they need a
    mandate is said in the product's own "who" text.
    """
    lines: list[str] = []
    if "anonymous" in audiences:
        lines.append(str(NO_SIGN_IN))
    for audience in audiences:
        level = min_levels.get(audience)
        line = str(SIGN_IN_TEXTS[level]) if level in SIGN_IN_TEXTS else ""
        if line and line not in lines:
            lines.append(line)
    if not lines:
        lines.append(str(NO_SIGN_IN))
    return lines
