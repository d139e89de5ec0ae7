"""The BRP's answer, checked: pydantic models after the schemas of BRP API Personen 2.7.0.

Only what the adapter reads is modelled; everything else the BRP sends is let through
unread (`extra="ignore"`), so a newer minor version does not break us. What is modelled is
strict: a list where an object belongs, a date that is not ISO 8601, a `type` the spec does
not name or a required field that is missing makes the whole answer invalid. Schema names
are the spec's (components/schemas/…), so each model can be checked against its source.
"""

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value):
    # The spec's `format: date` is RFC 3339 full-date: "1985-03-14", nothing else.
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise PydanticCustomError("iso_date", "not an ISO 8601 date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise PydanticCustomError("iso_date", "not an existing date") from error


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class Waardetabel(_Model):
    code: str | None = None
    omschrijving: str | None = None


class InOnderzoek(_Model):
    """Any `…InOnderzoek` group: which fields are under investigation (booleans), since when."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)

    @property
    def flagged(self) -> bool:
        # A flag per field (`naam.inOnderzoek.geslachtsnaam: true`), or only a start date
        # (`datumIngangOnderzoek…`): then the group is under investigation as a whole.
        return any(
            value is True or key.startswith("datumIngangOnderzoek")
            for key, value in (self.model_extra or {}).items()
        )


# AbstractDatum and its four subtypes, told apart by `type`; `langFormaat` is required.
class VolledigeDatum(_Model):
    type: Literal["Datum"]
    langFormaat: str
    datum: IsoDate


class DatumOnbekend(_Model):
    type: Literal["DatumOnbekend"]
    langFormaat: str
    onbekend: bool = True


class JaarDatum(_Model):
    type: Literal["JaarDatum"]
    langFormaat: str
    jaar: int = Field(ge=1, le=9999)


class JaarMaandDatum(_Model):
    type: Literal["JaarMaandDatum"]
    langFormaat: str
    jaar: int = Field(ge=1, le=9999)
    maand: int = Field(ge=1, le=12)


Datum = Annotated[
    VolledigeDatum | DatumOnbekend | JaarDatum | JaarMaandDatum, Field(discriminator="type")
]


class Geboorte(_Model):
    datum: Datum | None = None
    inOnderzoek: InOnderzoek | None = None


class AdellijkeTitelPredicaat(Waardetabel):
    soort: Literal["titel", "predicaat"] | None = None


class Naam(_Model):
    """NaamPersoon, NaamGerelateerde (partners, children) in one: their shared fields."""

    voornamen: str | None = None
    voorvoegsel: str | None = None
    geslachtsnaam: str | None = None
    volledigeNaam: str | None = None
    adellijkeTitelPredicaat: AdellijkeTitelPredicaat | None = None
    aanduidingNaamgebruik: Waardetabel | None = None
    inOnderzoek: InOnderzoek | None = None


class VerblijfadresBinnenland(_Model):
    officieleStraatnaam: str | None = None
    korteStraatnaam: str | None = None
    huisnummer: int | None = Field(default=None, ge=1, le=99999)
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    postcode: str | None = None
    woonplaats: str | None = None
    inOnderzoek: InOnderzoek | None = None


class Adres(_Model):
    type: Literal["Adres"]
    verblijfadres: VerblijfadresBinnenland | None = None
    adresseerbaarObjectIdentificatie: str | None = Field(default=None, pattern=r"^[0-9]{16}$")
    inOnderzoek: InOnderzoek | None = None


class VerblijfadresLocatie(_Model):
    locatiebeschrijving: str | None = None
    inOnderzoek: InOnderzoek | None = None


class Locatie(_Model):
    type: Literal["Locatie"]
    verblijfadres: VerblijfadresLocatie | None = None
    inOnderzoek: InOnderzoek | None = None


class VerblijfadresBuitenland(_Model):
    regel1: str | None = None
    regel2: str | None = None
    regel3: str | None = None
    land: Waardetabel | None = None
    inOnderzoek: InOnderzoek | None = None


class VerblijfplaatsBuitenland(_Model):
    type: Literal["VerblijfplaatsBuitenland"]
    verblijfadres: VerblijfadresBuitenland | None = None
    inOnderzoek: InOnderzoek | None = None


class VerblijfplaatsOnbekend(_Model):
    type: Literal["VerblijfplaatsOnbekend"]
    inOnderzoek: InOnderzoek | None = None


Verblijfplaats = Annotated[
    Adres | Locatie | VerblijfplaatsBuitenland | VerblijfplaatsOnbekend,
    Field(discriminator="type"),
]


class OpschortingBijhouding(_Model):
    reden: Waardetabel | None = None
    datum: Datum | None = None


class Gerelateerde(_Model):
    """Partner and Kind: what a relative shows on Mijn gegevens."""

    burgerservicenummer: str | None = Field(default=None, pattern=r"^[0-9]{9}$")
    naam: Naam | None = None
    geboorte: Geboorte | None = None
    inOnderzoek: InOnderzoek | None = None


class Persoon(_Model):
    burgerservicenummer: str | None = Field(default=None, pattern=r"^[0-9]{9}$")
    naam: Naam | None = None
    geslacht: Waardetabel | None = None
    geboorte: Geboorte | None = None
    verblijfplaats: Verblijfplaats | None = None
    partners: list[Gerelateerde] = []
    kinderen: list[Gerelateerde] = []
    geheimhoudingPersoonsgegevens: bool | None = None
    opschortingBijhouding: OpschortingBijhouding | None = None
    gemeenteVanInschrijving: Waardetabel | None = None
    rni: list[dict] | None = None
    inOnderzoek: InOnderzoek | None = None


class RaadpleegMetBurgerservicenummerResponse(_Model):
    type: Literal["RaadpleegMetBurgerservicenummer"]
    personen: list[Persoon] = []


class PersoonBeperkt(_Model):
    burgerservicenummer: str | None = Field(default=None, pattern=r"^[0-9]{9}$")


class ZoekMetAdresseerbaarObjectIdentificatieResponse(_Model):
    type: Literal["ZoekMetAdresseerbaarObjectIdentificatie"]
    personen: list[PersoonBeperkt] = []
