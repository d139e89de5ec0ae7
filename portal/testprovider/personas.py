"""The test personas of the local OIDC provider: demo data, not real people.

Every BSN passes the 11-check and lies in the 99999xxxx range that is set aside for tests.
Claim names are what this provider emits; the portal maps them by configuration.
Dutch domain words: `namens_bsn` (the BSN of the person someone acts for) and
`machtiging_diensten` (the services a machtiging covers).
"""

import uuid
from dataclasses import dataclass, field, replace

from portal.registries.demo import BEWINDVOERDER_CLIENTS

DIGID = "digid"
EHERKENNING = "eherkenning"
MEDEWERKERS = "medewerkers"

DIGID_BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
DIGID_MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
DIGID_SUBSTANTIEEL = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"
DIGID_HOOG = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"

EH2 = "urn:etoegang:core:assurance-class:loa2"
EH2_PLUS = "urn:etoegang:core:assurance-class:loa2plus"
EH3 = "urn:etoegang:core:assurance-class:loa3"
EH4 = "urn:etoegang:core:assurance-class:loa4"

# Staff sign in with two factors; the portal refuses less (OIDC_STAFF_MIN_LEVEL).
STAFF_ACR = DIGID_MIDDEN

# Fixed, so that `sub` stays the same across restarts and machines.
_SUBJECT_NAMESPACE = uuid.UUID("6f1c2b8e-3d4a-4c55-9a0e-2b7d9e1f0a11")


@dataclass(frozen=True)
class Mandate:
    """A machtiging the persona holds. Only `id`, the name and the services reach the portal
    (claim `machtigingen`); the BSN or KVK number only when she chooses this one."""

    id: str
    name: str
    services: tuple[str, ...]
    bsn: str | None = None
    kvk: str | None = None


@dataclass(frozen=True)
class Persona:
    id: str
    realm: str
    label: str
    description: str
    claims: dict = field(default_factory=dict)
    acr: str = DIGID_SUBSTANTIEEL
    mandates: tuple[Mandate, ...] = ()

    @property
    def sub(self) -> str:
        """A stable pseudonymous subject: never the BSN, the same on every run."""
        return str(uuid.uuid5(_SUBJECT_NAMESPACE, f"{self.realm}:{self.id}"))

    def mandate(self, mandate_id: str) -> Mandate | None:
        return next((m for m in self.mandates if m.id == mandate_id), None)

    def acting_for(self, mandate: Mandate) -> "Persona":
        """The same person, signed in on another of her mandates."""
        claims = {k: v for k, v in self.claims.items() if k not in ("namens_bsn", "namens_kvk")}
        claims["namens_bsn" if mandate.bsn else "namens_kvk"] = mandate.bsn or mandate.kvk
        claims["machtiging_diensten"] = list(mandate.services)
        claims["machtiging"] = mandate.id
        return replace(self, claims=claims)

    def mandate_in_use(self) -> Mandate | None:
        """The mandate the default sign-in uses (the one its `namens_*` claim names)."""
        acting_for = self.claims.get("namens_bsn") or self.claims.get("namens_kvk")
        return next((m for m in self.mandates if acting_for in (m.bsn, m.kvk)), None)


_SANNE_SERVICES = ("persoonsgegevens", "hulp-bij-het-huishouden", "uittreksel-brp")
_CLIENT_SERVICES = ("persoonsgegevens", "uittreksel-brp", "hulp-bij-het-huishouden")
# The 25 clients of a busy administrator (bewindvoerder): in the demo register too.
_CLIENTS = tuple((bsn, name) for bsn, name, _ in BEWINDVOERDER_CLIENTS)


PERSONAS: list[Persona] = [
    Persona(
        id="inwoner",
        realm=DIGID,
        label="Fatima el Amrani",
        description="Inwoner. Logt in met DigiD op niveau Substantieel.",
        claims={"bsn": "999990007"},
        acr=DIGID_SUBSTANTIEEL,
    ),
    Persona(
        id="inwoner-basis",
        realm=DIGID,
        label="Kees de Vries",
        description="Inwoner. Logt in met DigiD op niveau Basis.",
        claims={"bsn": "999990032"},
        acr=DIGID_BASIS,
    ),
    # The same person after a step-up: this time he uses the DigiD app with ID-check.
    Persona(
        id="inwoner-basis-app",
        realm=DIGID,
        label="Kees de Vries, met de DigiD app",
        description="Dezelfde inwoner als hierboven. Logt nu in met de DigiD app: Substantieel.",
        claims={"bsn": "999990032"},
        acr=DIGID_SUBSTANTIEEL,
    ),
    Persona(
        id="dochter-namens-vader",
        realm=DIGID,
        label="Sanne Bakker regelt zaken voor haar vader Henk Bakker",
        description="Heeft een DigiD Machtiging van haar vader. Niveau Substantieel.",
        claims={
            "bsn": "999990068",
            "namens_bsn": "999990111",
            "machtiging_diensten": list(_SANNE_SERVICES),
        },
        acr=DIGID_SUBSTANTIEEL,
        mandates=(
            Mandate("m-sanne-henk", "Henk Bakker", _SANNE_SERVICES, bsn="999990111"),
            Mandate("m-sanne-truus", "Truus Bakker", ("hulp-bij-het-huishouden",), bsn="999991280"),
        ),
    ),
    Persona(
        id="vader",
        realm=DIGID,
        label="Henk Bakker",
        description="Vader van Sanne Bakker. Zij regelt zaken voor hem. Niveau Substantieel.",
        claims={"bsn": "999990111"},
        acr=DIGID_SUBSTANTIEEL,
    ),
    Persona(
        id="buurman-namens-henk",
        label="Karim Bouzid regelt hulp thuis voor zijn buurman Henk Bakker",
        realm=DIGID,
        description="Machtiging alleen voor Hulp bij het huishouden. Niveau Substantieel.",
        claims={
            "bsn": "999990184",
            "namens_bsn": "999990111",
            "machtiging_diensten": ["hulp-bij-het-huishouden"],
        },
        acr=DIGID_SUBSTANTIEEL,
    ),
    Persona(
        id="inwoner-zonder-bsn",
        realm=DIGID,
        label="Token zonder BSN (foutpad)",
        description="Het token heeft geen BSN. Zo test u de foutmelding.",
        claims={},
        acr=DIGID_SUBSTANTIEEL,
    ),
    Persona(
        id="inwoner-midden",
        realm=DIGID,
        label="Joost Willems",
        description="Inwoner. Logt in met DigiD op niveau Midden.",
        claims={"bsn": "999990172"},
        acr=DIGID_MIDDEN,
    ),
    # One persona for each thing the BRP can say beyond plain data (issue 15).
    Persona(
        id="zoon-namens-overleden-vader",
        realm=DIGID,
        label="Ruben Mulder regelt zaken voor zijn overleden vader Gerrit Mulder",
        description="De BRP zegt dat de vader is overleden. Inloggen namens hem lukt niet.",
        claims={
            "bsn": "999990421",
            "namens_bsn": "999990408",
            "machtiging_diensten": ["persoonsgegevens"],
        },
    ),
    Persona(
        id="inwoner-in-onderzoek",
        realm=DIGID,
        label="Lotte Jansen",
        description="De gemeente onderzoekt of haar adres klopt.",
        claims={"bsn": "999990433"},
    ),
    Persona(
        id="inwoner-geheim",
        realm=DIGID,
        label="Mila Visser",
        description="Heeft gevraagd haar gegevens niet aan anderen te geven (geheimhouding).",
        claims={"bsn": "999990445"},
    ),
    Persona(
        id="inwoner-woonboot",
        realm=DIGID,
        label="Bas Hoekstra",
        description="Woont op een woonboot: een plek zonder gewoon adres.",
        claims={"bsn": "999990457"},
    ),
    Persona(
        id="inwoner-buitenland",
        realm=DIGID,
        label="Eva Lambert",
        description="Woont in Frankrijk.",
        claims={"bsn": "999990469"},
    ),
    Persona(
        id="inwoner-geboortejaar",
        realm=DIGID,
        label="Johannes Post",
        description="Van zijn geboortedatum is alleen het jaar bekend.",
        claims={"bsn": "999990470"},
    ),
    Persona(
        id="inwoner-jonkheer",
        realm=DIGID,
        label="Willem Frederik van den Aedel",
        description="Heeft het predicaat jonkheer.",
        claims={"bsn": "999990482"},
    ),
    Persona(
        id="inwoner-naam-partner",
        realm=DIGID,
        label="Anna van Velzen-in het Veld",
        description="Gebruikt de naam van haar partner voor haar eigen naam.",
        claims={"bsn": "999990494"},
    ),
    Persona(
        id="inwoner-rni",
        realm=DIGID,
        label="Daan Smits",
        description="Woont in Duitsland en staat in de RNI (niet-ingezetene).",
        claims={"bsn": "999990512"},
    ),
    Persona(
        id="inwoner-adres-onbekend",
        realm=DIGID,
        label="Iris Kramer",
        description="De gemeente weet niet waar zij nu woont.",
        claims={"bsn": "999990524"},
    ),
    Persona(
        id="ondernemer",
        realm=EHERKENNING,
        label="Ahmed Yilmaz van Café De Zon B.V.",
        description="Ondernemer met twee vestigingen. Logt in voor de eerste. Niveau EH3.",
        claims={
            "kvk": "90001234",
            "vestiging": "000012345678",
            "acting_subject": "ahmed-yilmaz-7f3a",
            "acting_subject_name": "Ahmed Yilmaz",
        },
        acr=EH3,
    ),
    Persona(
        id="bewindvoerder",
        realm=EHERKENNING,
        label="Lisa de Boer van Bewindvoering Noord B.V., bewindvoerder van Piet Smit",
        description="Regelt zaken voor Piet Smit met een ketenmachtiging. Niveau EH3.",
        claims={
            "kvk": "90005678",
            "acting_subject": "lisa-de-boer-2c9e",
            "acting_subject_name": "Lisa de Boer",
            "namens_bsn": "999990147",
            "machtiging_diensten": [
                "persoonsgegevens",
                "uittreksel-brp",
                "verhuizing-doorgeven",
                "hulp-bij-het-huishouden",
            ],
        },
        acr=EH3,
    ),
    Persona(
        id="bewindvoerder-veel-clienten",
        realm=EHERKENNING,
        label="Mark Jansen van Bewindvoering Zuid B.V., bewindvoerder van 25 mensen",
        description="Regelt zaken voor 25 cliënten. Logt in voor de eerste. Niveau EH3.",
        claims={
            "kvk": "90007890",
            "acting_subject": "mark-jansen-5d1b",
            "acting_subject_name": "Mark Jansen",
            "namens_bsn": _CLIENTS[0][0],
            "machtiging_diensten": list(_CLIENT_SERVICES),
        },
        acr=EH3,
        mandates=tuple(
            Mandate(f"m-zuid-{n:02d}", name, _CLIENT_SERVICES, bsn=bsn)
            for n, (bsn, name) in enumerate(_CLIENTS, start=1)
        ),
    ),
    Persona(
        id="accountant-namens-bedrijf",
        realm=EHERKENNING,
        label="Ilse Vermeulen van Telwerk Administratie B.V., accountant van Café De Zon B.V.",
        description="Regelt vergunningen en meldingen voor Café De Zon. Niveau EH3.",
        claims={
            "kvk": "90003456",
            "acting_subject": "ilse-vermeulen-8e4c",
            "acting_subject_name": "Ilse Vermeulen",
            "namens_kvk": "90001234",
            "machtiging_diensten": ["terrasvergunning", "melding-openbare-ruimte"],
        },
        acr=EH3,
        mandates=(
            Mandate(
                "m-telwerk-zon",
                "Café De Zon B.V.",
                ("terrasvergunning", "melding-openbare-ruimte"),
                kvk="90001234",
            ),
        ),
    ),
    Persona(
        id="ondernemer-eh2",
        realm=EHERKENNING,
        label="Bram Kok van Kok Installatietechniek",
        description="Ondernemer. Logt in met eHerkenning op niveau EH2.",
        claims={
            "kvk": "90009012",
            "vestiging": "000012340001",
            "acting_subject": "bram-kok-11aa",
            "acting_subject_name": "Bram Kok",
        },
        acr=EH2,
    ),
    Persona(
        id="behandelaar",
        realm=MEDEWERKERS,
        label="Maria Visser",
        description="Behandelaar bij het team Burgerzaken.",
        claims={
            "name": "Maria Visser",
            "email": "maria.visser@voorbeeld.example",
            "roles": ["case_handler"],
            "team": "burgerzaken",
        },
        acr=STAFF_ACR,
    ),
    Persona(
        id="behandelaar-wmo",
        realm=MEDEWERKERS,
        label="Eva de Jong",
        description="Behandelaar bij het team Wmo.",
        claims={
            "name": "Eva de Jong",
            "email": "eva.dejong@voorbeeld.example",
            "roles": ["case_handler"],
            "team": "wmo",
        },
        acr=STAFF_ACR,
    ),
    Persona(
        id="behandelaar-openbare-ruimte",
        realm=MEDEWERKERS,
        label="Daan Mulder",
        description="Behandelaar bij het team Openbare ruimte. Handelt meldingen af.",
        claims={
            "name": "Daan Mulder",
            "email": "daan.mulder@voorbeeld.example",
            "roles": ["case_handler"],
            "team": "openbare-ruimte",
        },
        acr=STAFF_ACR,
    ),
    Persona(
        id="behandelaar-afval",
        realm=MEDEWERKERS,
        label="Noor Hendriks",
        description="Behandelaar bij het team Afval. Handelt meldingen over afval af.",
        claims={
            "name": "Noor Hendriks",
            "email": "noor.hendriks@voorbeeld.example",
            "roles": ["case_handler"],
            "team": "afval",
        },
        acr=STAFF_ACR,
    ),
    Persona(
        id="klantcontact",
        realm=MEDEWERKERS,
        label="Sem de Graaf",
        description=(
            "Medewerker van het Klantcontactcentrum. Zoekt in de kennisbank en belt inwoners terug."
        ),
        claims={
            "name": "Sem de Graaf",
            "email": "sem.degraaf@voorbeeld.example",
            "roles": ["case_handler", "kcc"],
            "team": "klantcontact",
        },
        acr=STAFF_ACR,
    ),
    Persona(
        id="teamleider",
        realm=MEDEWERKERS,
        label="Lotte Bos",
        description="Teamleider Burgerzaken. Ziet het dashboard en krijgt elke week een overzicht.",
        claims={
            "name": "Lotte Bos",
            "email": "lotte.bos@voorbeeld.example",
            "roles": ["team_lead"],
            "team": "burgerzaken",
        },
        acr=STAFF_ACR,
    ),
    Persona(
        id="redacteur",
        realm=MEDEWERKERS,
        label="Tom Peters",
        description="Redacteur bij het webteam.",
        claims={
            "name": "Tom Peters",
            "email": "tom.peters@voorbeeld.example",
            "roles": ["editor"],
            "team": "webteam",
        },
        acr=STAFF_ACR,
    ),
    Persona(
        id="beheerder",
        realm=MEDEWERKERS,
        label="Anouk Smits",
        description="Beheerder. Is ook behandelaar en redacteur.",
        claims={
            "name": "Anouk Smits",
            "email": "anouk.smits@voorbeeld.example",
            "roles": ["admin", "case_handler", "editor"],
            "team": "informatievoorziening",
        },
        acr=STAFF_ACR,
    ),
]


def persona(persona_id: str) -> Persona:
    """The persona with this id; KeyError when there is none."""
    for candidate in PERSONAS:
        if candidate.id == persona_id:
            return candidate
    raise KeyError(persona_id)


def personas_for(realm: str) -> list[Persona]:
    return [p for p in PERSONAS if p.realm == realm]
