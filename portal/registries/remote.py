"""Registers over HTTP, in the request and response shapes of the real APIs.

- BRP: Haal Centraal "BRP Personen Bevragen" v2, `POST {BRP_API_URL}/personen` with a query
  type (`RaadpleegMetBurgerservicenummer`, `ZoekMetAdresseerbaarObjectIdentificatie`) and the
  `fields` a purpose needs; purpose headers `x-doelbinding`, `x-verwerking`, `x-origin-oin`.
- KVK: Basisprofiel API, `GET {KVK_API_URL}/v1/basisprofielen/{kvkNummer}` and
  `.../vestigingen`, with an `apikey` header.
- BAG: Individuele Bevragingen, `GET {BAG_API_URL}/adressen?postcode=&huisnummer=` with an
  `X-Api-Key` header.

Every call has a timeout and is tried once more on a timeout, a broken connection or a 5xx;
then it raises `RegistryUnavailable` so the page can say so and carry on.
"""

import logging
from collections.abc import Sequence
from datetime import date

import requests

from portal.registries.base import LookupRequest, RegistryUnavailable
from portal.registries.records import Address, Branch, Company, Person, Relative

log = logging.getLogger(__name__)
ATTEMPTS = 2  # the call and one retry


class _Client:
    def __init__(self, register: str, base_url: str, headers: dict, timeout: float) -> None:
        self.register = register
        self.base_url = base_url.rstrip("/")
        self.headers = headers
        self.timeout = timeout

    def call(self, method: str, path: str, **kwargs) -> requests.Response | None:
        """The response, or None for a 404; raises RegistryUnavailable on anything else."""
        headers = {**self.headers, **kwargs.pop("headers", {})}
        reason = ""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = requests.request(
                    method,
                    self.base_url + path,
                    headers=headers,
                    timeout=self.timeout,
                    **kwargs,
                )
            except (requests.Timeout, requests.ConnectionError) as error:
                reason = type(error).__name__
            else:
                if response.status_code == 404:
                    return None
                if response.ok:
                    return response
                reason = f"HTTP {response.status_code}"
                if response.status_code < 500:
                    break  # our request is wrong: asking again will not help
            log.warning("%s call failed (attempt %s): %s", self.register, attempt, reason)
        raise RegistryUnavailable(self.register, reason)

    def json(self, method: str, path: str, **kwargs) -> dict | None:
        response = self.call(method, path, **kwargs)
        if response is None:
            return None
        try:
            return response.json()
        except ValueError as error:
            raise RegistryUnavailable(self.register, "no JSON in the answer") from error


def _date(value: dict | None) -> date | None:
    # BRP v2 dates: {"type": "Datum", "datum": "1985-03-14", "langFormaat": "..."}; other
    # types (partly unknown dates) have no single day, so they are left out.
    if not value or value.get("type") != "Datum":
        return None
    return date.fromisoformat(value["datum"])


def _full_name(naam: dict | None) -> str:
    naam = naam or {}
    if naam.get("volledigeNaam"):
        return naam["volledigeNaam"]
    parts = (naam.get("voornamen"), naam.get("voorvoegsel"), naam.get("geslachtsnaam"))
    return " ".join(part for part in parts if part)


def _relative(data: dict) -> Relative:
    return Relative(
        bsn=data.get("burgerservicenummer", ""),
        name=_full_name(data.get("naam")),
        birth_date=_date((data.get("geboorte") or {}).get("datum")),
    )


def _residence(data: dict | None) -> Address | None:
    if not data or data.get("type") != "Adres":
        return None  # e.g. "Locatie" or abroad: no Dutch street address
    address = data.get("verblijfadres") or {}
    return Address(
        street=address.get("korteStraatnaam") or address.get("officieleStraatnaam", ""),
        house_number=int(address.get("huisnummer", 0)),
        house_letter=address.get("huisletter", ""),
        addition=address.get("huisnummertoevoeging", ""),
        postcode=address.get("postcode", ""),
        city=address.get("woonplaats", ""),
        object_id=data.get("adresseerbaarObjectIdentificatie", ""),
    )


class HttpPersonRegister:
    def __init__(self, base_url: str, api_key: str, origin_oin: str, timeout: float) -> None:
        headers = {"X-Api-Key": api_key, "x-origin-oin": origin_oin}
        self.client = _Client("brp", base_url, headers, timeout)

    def _personen(self, body: dict, request: LookupRequest) -> list[dict]:
        answer = self.client.json(
            "POST",
            "/personen",
            json=body,
            headers={"x-doelbinding": request.purpose, "x-verwerking": request.activity},
        )
        return (answer or {}).get("personen", [])

    def person(self, bsn: str, request: LookupRequest) -> Person | None:
        body = {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [bsn],
            "fields": list(request.fields),
        }
        found = self._personen(body, request)
        if not found:
            return None
        data = found[0]
        naam = data.get("naam") or {}
        return Person(
            bsn=data.get("burgerservicenummer", bsn),
            given_names=naam.get("voornamen", ""),
            prefix=naam.get("voorvoegsel", ""),
            surname=naam.get("geslachtsnaam", ""),
            birth_date=_date((data.get("geboorte") or {}).get("datum")),
            address=_residence(data.get("verblijfplaats")),
            partners=tuple(_relative(p) for p in data.get("partners", [])),
            children=tuple(_relative(k) for k in data.get("kinderen", [])),
        )

    def residents_at(self, object_id: str, request: LookupRequest) -> int:
        body = {
            "type": "ZoekMetAdresseerbaarObjectIdentificatie",
            "adresseerbaarObjectIdentificatie": object_id,
            "fields": ["burgerservicenummer"],
        }
        return len(self._personen(body, request))


class HttpCompanyRegister:
    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self.client = _Client("kvk", base_url, {"apikey": api_key}, timeout)

    def company(self, kvk: str, request: LookupRequest) -> Company | None:
        profile = self.client.json("GET", f"/v1/basisprofielen/{kvk}")
        if profile is None:
            return None
        listing = self.client.json("GET", f"/v1/basisprofielen/{kvk}/vestigingen") or {}
        legal_form = ((profile.get("_embedded") or {}).get("eigenaar") or {}).get("rechtsvorm", "")
        return Company(
            kvk=profile.get("kvkNummer", kvk),
            name=profile.get("naam", ""),
            legal_form=legal_form,
            branches=tuple(
                Branch(
                    number=item.get("vestigingsnummer", ""),
                    name=item.get("eersteHandelsnaam", ""),
                    is_main=item.get("indHoofdvestiging") == "Ja",
                    address_text=item.get("volledigAdres", ""),
                )
                for item in sorted(
                    listing.get("vestigingen", []),
                    key=lambda item: (
                        item.get("indHoofdvestiging") != "Ja",
                        item.get("vestigingsnummer", ""),
                    ),
                )
            ),
        )


class HttpAddressRegister:
    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self.client = _Client("bag", base_url, {"X-Api-Key": api_key}, timeout)

    def addresses(
        self, postcode: str, house_number: int, request: LookupRequest
    ) -> Sequence[Address]:
        answer = self.client.json(
            "GET", "/adressen", params={"postcode": postcode, "huisnummer": house_number}
        )
        found = ((answer or {}).get("_embedded") or {}).get("adressen", [])
        addresses = [
            Address(
                street=item.get("korteNaam") or item.get("openbareRuimteNaam", ""),
                house_number=int(item.get("huisnummer", house_number)),
                house_letter=item.get("huisletter", ""),
                addition=item.get("huisnummertoevoeging", ""),
                postcode=item.get("postcode", postcode),
                city=item.get("woonplaatsNaam", ""),
                object_id=item.get("adresseerbaarObjectIdentificatie", ""),
            )
            for item in found
        ]
        return sorted(addresses, key=lambda a: (a.house_letter, a.addition))
