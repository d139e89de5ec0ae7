"""BRP: "BRP API Personen" 2.7.0 (Haal Centraal BRP Personen Bevragen v2, RvIG).

`POST {BRP_API_URL}/personen` with a query type (`RaadpleegMetBurgerservicenummer`,
`ZoekMetAdresseerbaarObjectIdentificatie`) and the `fields` a purpose needs (purposes.py;
every path is one of the spec's `fields-Persoon.csv`). The answer is checked against the
spec's schemas (brp_answers.py) before anything is read from it: an answer of another shape
raises RegistryAnswerInvalid, which the pages show like a register that is down.

Headers: the 2.7.0 OpenAPI file documents no request headers. `X-API-KEY` is the key the
Haal Centraal test environment asks for ("Getting started": "Deze voeg je aan een request toe
als header X-API-KEY"); the production BRP API is reached with OAuth2 and mTLS (client.py).
`x-doelbinding`, `x-verwerking` and `x-origin-oin` are not part of the BRP API: gateways in
front of it ask for them (Open Forms docs, "Configuration of protocollering headers"), so they
are sent only when `gateway_headers` is on.
"""

import logging

from pydantic import BaseModel, ValidationError

from portal.registries.base import LookupRequest, RegistryAnswerInvalid
from portal.registries.http import brp_answers as answers
from portal.registries.http.client import _Client
from portal.registries.purposes import PARTNER_NAME
from portal.registries.records import Address, PartialDate, Person, Relative, Residence

log = logging.getLogger(__name__)
SUSPENDED_DECEASED = "O"  # opschortingBijhouding.reden.code: overlijden
RNI_MUNICIPALITY = "1999"  # gemeenteVanInschrijving of the Registratie Niet-ingezetenen


def _partial(datum) -> PartialDate | None:
    if datum is None:
        return None
    if isinstance(datum, answers.VolledigeDatum):
        return PartialDate(datum.datum.year, datum.datum.month, datum.datum.day)
    if isinstance(datum, answers.JaarMaandDatum):
        return PartialDate(datum.jaar, datum.maand)
    if isinstance(datum, answers.JaarDatum):
        return PartialDate(datum.jaar)
    return PartialDate()  # DatumOnbekend


def _birth(geboorte: answers.Geboorte | None) -> PartialDate | None:
    return _partial(geboorte.datum) if geboorte else None


def _relative(data: answers.Gerelateerde) -> Relative:
    naam = data.naam or answers.Naam()
    parts = (naam.voornamen, naam.voorvoegsel, naam.geslachtsnaam)
    birth = _birth(data.geboorte)
    return Relative(
        bsn=data.burgerservicenummer or "",
        name=" ".join(part for part in parts if part),
        birth_date=birth.complete if birth else None,
    )


def _address(place: answers.Adres) -> Address:
    adres = place.verblijfadres or answers.VerblijfadresBinnenland()
    return Address(
        street=adres.korteStraatnaam or adres.officieleStraatnaam or "",
        official_street=adres.officieleStraatnaam or adres.korteStraatnaam or "",
        house_number=adres.huisnummer or 0,
        house_letter=adres.huisletter or "",
        addition=adres.huisnummertoevoeging or "",
        postcode=adres.postcode or "",
        city=adres.woonplaats or "",
        object_id=place.adresseerbaarObjectIdentificatie or "",
    )


def _residence(data: answers.Persoon) -> Residence | None:
    place = data.verblijfplaats
    registered_abroad = bool(data.rni) or (
        data.gemeenteVanInschrijving is not None
        and data.gemeenteVanInschrijving.code == RNI_MUNICIPALITY
    )
    if isinstance(place, answers.Adres):
        return None  # a Dutch street address: Person.address
    if isinstance(place, answers.Locatie):
        description = place.verblijfadres.locatiebeschrijving if place.verblijfadres else ""
        return Residence("locatie", description=description or "")
    if isinstance(place, answers.VerblijfplaatsBuitenland):
        adres = place.verblijfadres or answers.VerblijfadresBuitenland()
        lines = tuple(line for line in (adres.regel1, adres.regel2, adres.regel3) if line)
        country = adres.land.omschrijving if adres.land else ""
        kind = "rni" if registered_abroad else "buitenland"
        return Residence(kind, lines=lines, country=country or "")
    if isinstance(place, answers.VerblijfplaatsOnbekend):
        return Residence("rni" if registered_abroad else "onbekend")
    return Residence("rni") if registered_abroad else None


def _under_investigation(data: answers.Persoon) -> frozenset[str]:
    groups = set()
    if data.inOnderzoek and data.inOnderzoek.flagged:
        groups.add("persoon")
    if data.naam and data.naam.inOnderzoek and data.naam.inOnderzoek.flagged:
        groups.add("naam")
    if data.geboorte and data.geboorte.inOnderzoek and data.geboorte.inOnderzoek.flagged:
        groups.add("geboorte")
    place = data.verblijfplaats
    if place is not None:
        inner = getattr(place, "verblijfadres", None)
        marks = (place.inOnderzoek, inner.inOnderzoek if inner else None)
        if any(mark and mark.flagged for mark in marks):
            groups.add("verblijfplaats")
    for group in ("partners", "kinderen"):
        for relative in getattr(data, group):
            marks = [relative.inOnderzoek]
            marks += [part.inOnderzoek for part in (relative.naam, relative.geboorte) if part]
            if any(mark and mark.flagged for mark in marks):
                groups.add(group)
    return frozenset(groups)


def _household(fields, group: str) -> bool:
    """Whether the purpose asked for the relatives themselves, not only for the partner's
    name parts that name use needs."""
    return any(f == group or (f.startswith(group + ".") and f not in PARTNER_NAME) for f in fields)


def to_person(data: answers.Persoon, asked_bsn: str, fields=("partners", "kinderen")) -> Person:
    naam = data.naam or answers.Naam()
    birth = _birth(data.geboorte)
    place = data.verblijfplaats
    reason = ""
    if data.opschortingBijhouding and data.opschortingBijhouding.reden:
        reason = data.opschortingBijhouding.reden.code or ""
    # Partners holds the current partner, or the last former one (spec, info.description):
    # the partner's name is what name use P/V/N combines with, so only read along with it.
    use = naam.aanduidingNaamgebruik
    partner = data.partners[0].naam if use and data.partners and data.partners[0].naam else None
    title = naam.adellijkeTitelPredicaat
    return Person(
        bsn=data.burgerservicenummer or asked_bsn,
        given_names=naam.voornamen or "",
        prefix=naam.voorvoegsel or "",
        surname=naam.geslachtsnaam or "",
        birth_date=birth.complete if birth else None,
        birth=birth,
        address=_address(place) if isinstance(place, answers.Adres) else None,
        residence=_residence(data),
        partners=tuple(map(_relative, data.partners)) if _household(fields, "partners") else (),
        children=tuple(map(_relative, data.kinderen)) if _household(fields, "kinderen") else (),
        deceased=reason == SUSPENDED_DECEASED,
        suspended_reason=reason,
        secret=data.geheimhoudingPersoonsgegevens is True,
        under_investigation=_under_investigation(data),
        title_predicate=(title.omschrijving or "") if title else "",
        name_use=(use.code or "") if use else "",
        sex=(data.geslacht.code or "") if data.geslacht else "",
        partner_prefix=(partner.voorvoegsel or "") if partner else "",
        partner_surname=(partner.geslachtsnaam or "") if partner else "",
    )


def parse(model: type[BaseModel], answer) -> BaseModel:
    """The answer as `model`; raises RegistryAnswerInvalid (and logs where) when it is not.

    The log line names the places and kinds of error, never the values: those may be a BSN.
    """
    try:
        return model.model_validate(answer)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or '(root)'}: {item['type']}"
            for item in error.errors()[:10]
        )
        log.warning(
            "brp answer does not follow the specification (%s): %s", model.__name__, problems
        )
        raise RegistryAnswerInvalid("brp", f"answer invalid: {problems}") from error


class HttpPersonRegister:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        origin_oin: str,
        timeout: float,
        *,
        gateway_headers: bool = False,
    ) -> None:
        headers = {"X-API-KEY": api_key} if api_key else {}
        if gateway_headers:
            headers["x-origin-oin"] = origin_oin
        self.gateway_headers = gateway_headers
        self.client = _Client("brp", base_url, headers, timeout)

    def _personen(self, body: dict, request: LookupRequest, model: type[BaseModel]):
        headers = {}
        if self.gateway_headers:
            headers = {"x-doelbinding": request.purpose, "x-verwerking": request.activity}
        answer = self.client.json("POST", "/personen", json=body, headers=headers)
        if answer is None:
            # A 404. The BRP API answers an unknown BSN with an empty `personen` and has no
            # 404 in its spec: this is a wrong BRP_API_URL, never "not registered".
            log.error("brp answered 404, which BRP API Personen never does: check BRP_API_URL")
            raise RegistryAnswerInvalid("brp", "HTTP 404 from an API that has none")
        return parse(model, answer).personen

    def person(self, bsn: str, request: LookupRequest) -> Person | None:
        body = {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [bsn],
            "fields": list(request.fields),
        }
        found = self._personen(body, request, answers.RaadpleegMetBurgerservicenummerResponse)
        if not found:
            return None
        match = next((p for p in found if p.burgerservicenummer in (bsn, None)), None)
        if match is None:  # only someone else: never show another person's data
            log.warning("brp answer holds only other persons than the one asked for")
            raise RegistryAnswerInvalid("brp", "answer is about another person")
        return to_person(match, bsn, request.fields)

    def residents_at(self, object_id: str, request: LookupRequest) -> int:
        body = {
            "type": "ZoekMetAdresseerbaarObjectIdentificatie",
            "adresseerbaarObjectIdentificatie": object_id,
            "fields": ["burgerservicenummer"],
        }
        model = answers.ZoekMetAdresseerbaarObjectIdentificatieResponse
        return len(self._personen(body, request, model))
