"""The KVK answers the portal reads, after the published OpenAPI specifications:
API Basisprofiel 1.5.0 (`Basisprofiel`, `VestigingList`), API Vestigingsprofiel 1.4
(`Vestiging`) and API Zoeken 2.0.0 (`Resultaat`); copies in tests/registries/fixtures/kvk/.
The specifications mark no field as required; we require only what we cannot do without (a
branch's number, a search result's KVK number)."""

from pydantic import Field

from portal.registries.http.answers import Answer, Needed, Text


class Handelsnaam(Answer):
    naam: Text = ""
    volgorde: int | None = None


class Eigenaar(Answer):
    rechtsvorm: Text = ""
    uitgebreideRechtsvorm: Text = ""


class EmbeddedContainer(Answer):
    eigenaar: Eigenaar | None = None


class Basisprofiel(Answer):
    kvkNummer: Text = ""
    naam: Text = ""
    statutaireNaam: Text = ""
    handelsnamen: list[Handelsnaam] = Field(default_factory=list)
    embedded: EmbeddedContainer | None = Field(None, alias="_embedded")

    @property
    def company_name(self) -> str:
        names = sorted(self.handelsnamen, key=lambda h: h.volgorde if h.volgorde is not None else 0)
        return self.naam or self.statutaireNaam or next((h.naam for h in names if h.naam), "")

    @property
    def legal_form(self) -> str:
        owner = self.embedded.eigenaar if self.embedded else None
        return owner.rechtsvorm if owner else ""


class VestigingBasis(Answer):
    vestigingsnummer: Needed
    eersteHandelsnaam: Text = ""
    indHoofdvestiging: Text = ""
    indAdresAfgeschermd: Text = ""
    volledigAdres: Text = ""


class VestigingList(Answer):
    kvkNummer: Text = ""
    vestigingen: list[VestigingBasis] = Field(default_factory=list)


class Adres(Answer):
    type: Text = ""  # "bezoekadres" or "correspondentieadres"
    indAfgeschermd: Text = ""
    volledigAdres: Text = ""
    straatnaam: Text = ""
    huisnummer: int | None = None
    huisletter: Text = ""
    huisnummerToevoeging: Text = ""
    postcode: Text = ""
    postbusnummer: int | None = None
    plaats: Text = ""
    land: Text = ""


class Vestiging(Answer):
    vestigingsnummer: Text = ""
    eersteHandelsnaam: Text = ""
    adressen: list[Adres] = Field(default_factory=list)


class BinnenlandsAdres(Answer):
    straatnaam: Text = ""
    huisnummer: int | None = None
    huisletter: Text = ""
    postbusnummer: int | None = None
    postcode: Text = ""
    plaats: Text = ""


class BuitenlandsAdres(Answer):
    straatHuisnummer: Text = ""
    postcodeWoonplaats: Text = ""
    land: Text = ""


class ZoekAdres(Answer):
    binnenlandsAdres: BinnenlandsAdres | None = None
    buitenlandsAdres: BuitenlandsAdres | None = None


class ResultaatItem(Answer):
    kvkNummer: Needed
    vestigingsnummer: Text = ""
    naam: Text = ""
    type: Text = ""
    actief: Text = ""
    adres: ZoekAdres | None = None


class Resultaat(Answer):
    pagina: int | None = None
    resultatenPerPagina: int | None = None
    totaal: int | None = None
    resultaten: list[ResultaatItem] = Field(default_factory=list)
