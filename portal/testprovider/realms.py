"""The three realms of the test provider. Each is its own issuer at `<base URL>/<realm>`, so the
portal can configure DigiD, eHerkenning and staff sign-in as separate providers."""

from dataclasses import dataclass

from portal.testprovider import personas as p


@dataclass(frozen=True)
class Realm:
    id: str
    name: str
    heading: str
    acr_values: tuple[str, ...]


REALMS: dict[str, Realm] = {
    realm.id: realm
    for realm in (
        Realm(
            p.DIGID,
            "DigiD",
            "Inloggen met DigiD",
            (p.DIGID_BASIS, p.DIGID_MIDDEN, p.DIGID_SUBSTANTIEEL, p.DIGID_HOOG),
        ),
        Realm(
            p.EHERKENNING,
            "eHerkenning",
            "Inloggen met eHerkenning",
            (p.EH2, p.EH2_PLUS, p.EH3, p.EH4),
        ),
        Realm(p.MEDEWERKERS, "medewerkers", "Inloggen als medewerker", (p.STAFF_ACR,)),
    )
}
