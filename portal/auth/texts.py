"""Plain-language texts of the sign-in area that depend on a code."""

from flask_babel import lazy_gettext as _l

LEVEL_NAMES = {
    "basis": _l("DigiD Basis (met gebruikersnaam en wachtwoord)"),
    "midden": _l("DigiD Midden (met de DigiD app of sms-controle)"),
    "substantieel": _l("DigiD Substantieel (met de DigiD app en uw identiteitsbewijs)"),
    "hoog": _l("DigiD Hoog"),
    "eh2": _l("eHerkenning niveau EH2"),
    "eh2plus": _l("eHerkenning niveau EH2+"),
    "eh3": _l("eHerkenning niveau EH3"),
    "eh4": _l("eHerkenning niveau EH4"),
}

MEANS_NAMES = {
    "digid": _l("DigiD"),
    "eherkenning": _l("eHerkenning"),
    "staff": _l("uw werkaccount"),
}

FAILURES = {
    "cancelled": (
        _l("U heeft het inloggen afgebroken"),
        _l("U bent niet ingelogd. Wilt u toch iets regelen? Log dan opnieuw in."),
    ),
    "provider_error": (
        _l("Inloggen is niet gelukt"),
        _l("Er ging iets mis bij het inloggen. Het ligt niet aan u. Probeer het opnieuw."),
    ),
    "provider_unavailable": (
        _l("Inloggen kan nu niet"),
        _l(
            "Wij kunnen de inlogdienst nu niet bereiken. Probeer het over een paar minuten opnieuw."
        ),
    ),
    "token_invalid": (
        _l("Inloggen is niet gelukt"),
        _l(
            "Wij konden niet controleren wie u bent. Misschien duurde het inloggen te lang. "
            "Probeer het opnieuw."
        ),
    ),
    "missing": (
        _l("Wij missen gegevens om u in te laten loggen"),
        _l(
            "De inlogdienst gaf ons niet alle gegevens die wij nodig hebben, zoals uw "
            "burgerservicenummer (BSN). Probeer het opnieuw. Lukt het weer niet? Bel ons."
        ),
    ),
    "invalid_bsn": (
        _l("Wij konden uw burgerservicenummer niet controleren"),
        _l(
            "Het burgerservicenummer (BSN) dat wij kregen klopt niet. Probeer opnieuw in te "
            "loggen. Lukt het weer niet? Bel ons."
        ),
    ),
    "invalid_kvk": (
        _l("Wij konden uw KVK-nummer niet controleren"),
        _l(
            "Het KVK-nummer dat wij kregen klopt niet. Probeer opnieuw in te loggen. Lukt het "
            "weer niet? Bel ons."
        ),
    ),
    "unknown_level": (
        _l("Wij weten niet hoe veilig u bent ingelogd"),
        _l(
            "De inlogdienst vertelde ons niet op welke manier u bent ingelogd. Probeer het opnieuw."
        ),
    ),
    "level_too_low": (
        _l("U bent niet veilig genoeg ingelogd"),
        _l(
            "Medewerkers loggen in met twee stappen, bijvoorbeeld met een app of een sms-code. "
            "Log opnieuw in op die manier."
        ),
    ),
    "no_role": (
        _l("U heeft geen rol in dit systeem"),
        _l(
            "Uw account heeft geen rol als behandelaar, redacteur of beheerder. "
            "Vraag die aan bij uw leidinggevende."
        ),
    ),
    "deceased": (
        _l("Inloggen is niet gelukt"),
        _l(
            "Volgens de Basisregistratie Personen (BRP) is de persoon met dit "
            "burgerservicenummer overleden. Klopt dat niet? Bel ons."
        ),
    ),
    "represented_deceased": (
        _l("U kunt geen zaken meer regelen voor deze persoon"),
        _l(
            "Volgens de Basisregistratie Personen (BRP) is de persoon voor wie u zaken "
            "regelt overleden. Een machtiging stopt bij een overlijden. Wilt u iets regelen "
            "na het overlijden? Bel ons, dan helpen wij u."
        ),
    ),
    "mandate_blocked": (
        _l("U kunt hier geen zaken meer regelen voor deze persoon"),
        _l(
            "De persoon die u heeft gemachtigd, heeft gezegd dat u in MijnGemeente geen zaken "
            "meer voor hem of haar mag regelen. Wilt u toch iets regelen? Overleg dan eerst met "
            "deze persoon. Voor uzelf kunt u gewoon inloggen."
        ),
    ),
}
_GENERIC = (
    _l("Inloggen is niet gelukt"),
    _l("Er ging iets mis bij het inloggen. Probeer het opnieuw."),
)


def level_name(level: str) -> str:
    return str(LEVEL_NAMES.get(level, level))


def means_name(means: str) -> str:
    return str(MEANS_NAMES.get(means, means))


def failure(code: str) -> tuple[str, str]:
    heading, text = FAILURES.get(code, _GENERIC)
    return str(heading), str(text)
