"""The BAG answer the portal reads, after the published OpenAPI specification of BAG API
Individuele Bevragingen 2.0.0, `GET /adressen` (`AdresIOHalCollection`); a copy is in
tests/registries/fixtures/bag/. Required here is what the specification requires and we read."""

from pydantic import Field

from portal.registries.http.answers import Answer, Needed, Text


class Adres(Answer):
    openbareRuimteNaam: Needed  # the official street name
    korteNaam: Text = ""  # at most 24 characters; the spec requires it, we can do without
    huisnummer: int
    huisletter: Text = ""
    huisnummertoevoeging: Text = ""
    postcode: Text = ""
    woonplaatsNaam: Needed
    adresseerbaarObjectIdentificatie: Text = ""
    nummeraanduidingIdentificatie: Text = ""


class AdressenEmbedded(Answer):
    adressen: list[Adres] = Field(default_factory=list)


class Link(Answer):
    href: str


class PaginationLinks(Answer):
    self_: Link | None = Field(None, alias="self")
    next: Link | None = None


class AdresIOHalCollection(Answer):
    # No `_embedded` at all when nothing was found (Features/paginering.feature).
    embedded: AdressenEmbedded | None = Field(None, alias="_embedded")
    links: PaginationLinks | None = Field(None, alias="_links")

    @property
    def adressen(self) -> list[Adres]:
        return self.embedded.adressen if self.embedded else []
