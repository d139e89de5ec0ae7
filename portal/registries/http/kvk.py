"""KVK: API Basisprofiel 1.5 (`GET {KVK_API_URL}/v1/basisprofielen/{kvkNummer}` and
`.../vestigingen`), API Vestigingsprofiel 1.4 (`GET .../v1/vestigingsprofielen/{nr}`) and
API Zoeken 2.0 (`GET .../v2/zoeken?kvkNummer=&naam=&pagina=&resultatenPerPagina=`).

Headers: only `apikey`, the one header the specifications document (securitySchemes
ApiKeyAuth, https://developers.kvk.nl; copies in tests/registries/fixtures/kvk/).

The list of branches gives each branch's address only as one padded line (`volledigAdres`),
so the address parts come from each branch's Vestigingsprofiel; for companies with very many
branches only the first MAX_PROFILES are asked, the rest keep the one line.
"""

import logging
import re

from portal.registries.base import LookupRequest
from portal.registries.http.answers import parse
from portal.registries.http.client import _Client
from portal.registries.http.kvk_answers import (
    Adres,
    Basisprofiel,
    Resultaat,
    ResultaatItem,
    Vestiging,
    VestigingList,
)
from portal.registries.records import (
    Address,
    Branch,
    Company,
    CompanyHit,
    CompanySearchPage,
    format_postcode,
)

log = logging.getLogger(__name__)
MAX_PROFILES = 20
KVK_NUMBER = re.compile(r"^[0-9]{8}$")  # the specifications' patterns
BRANCH_NUMBER = re.compile(r"^[0-9]{12}$")
MAX_PAGE = 1000  # Zoeken: `pagina` at most 1000, `resultatenPerPagina` 1..100
MAX_PER_PAGE = 100


class HttpCompanyRegister:
    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self.client = _Client("kvk", base_url, {"apikey": api_key}, timeout)

    def company(self, kvk: str, request: LookupRequest) -> Company | None:
        if not KVK_NUMBER.match(kvk):
            return None  # the spec's pattern ^[0-9]{8}$: no such company, and no 400 to log
        answer = self.client.json("GET", f"/v1/basisprofielen/{kvk}")
        if answer is None:
            return None
        profile = parse(Basisprofiel, answer, "kvk", "basisprofiel")
        listing = self.client.json("GET", f"/v1/basisprofielen/{kvk}/vestigingen")
        branches = parse(VestigingList, listing or {}, "kvk", "vestigingen").vestigingen
        branches = sorted(branches, key=lambda b: (b.indHoofdvestiging != "Ja", b.vestigingsnummer))
        if len(branches) > MAX_PROFILES:
            log.warning(
                "kvk: %s branches, addresses asked for the first %s", len(branches), MAX_PROFILES
            )
        name = profile.company_name
        return Company(
            kvk=profile.kvkNummer or kvk,
            name=name,
            legal_form=profile.legal_form,
            branches=tuple(
                Branch(
                    number=item.vestigingsnummer,
                    # the branch's own trade name; the company's name when it has none
                    name=item.eersteHandelsnaam or name,
                    is_main=item.indHoofdvestiging == "Ja",
                    address=self._address(item.vestigingsnummer)
                    if index < MAX_PROFILES
                    and item.indAdresAfgeschermd != "Ja"
                    and BRANCH_NUMBER.match(item.vestigingsnummer)
                    else None,
                    address_text=item.volledigAdres,
                )
                for index, item in enumerate(branches)
            ),
        )

    def search(
        self, *, kvk: str = "", name: str = "", page: int = 1, per_page: int = 10
    ) -> CompanySearchPage:
        """One page of KVK Zoeken results. Nothing to search for, or a number outside the
        spec's pattern, finds nothing without asking; a 404 is the spec's "no results"."""
        page = min(max(page, 1), MAX_PAGE)
        per_page = min(max(per_page, 1), MAX_PER_PAGE)
        empty = CompanySearchPage((), page, per_page, 0)
        kvk, name = kvk.strip(), " ".join(name.split())
        if (kvk and not KVK_NUMBER.match(kvk)) or not (kvk or name):
            return empty
        params: dict = {"kvkNummer": kvk} if kvk else {}
        if name:
            params["naam"] = name
        params |= {"pagina": page, "resultatenPerPagina": per_page}
        answer = self.client.json("GET", "/v2/zoeken", params=params)
        if answer is None:
            return empty
        result = parse(Resultaat, answer, "kvk", "zoeken")
        hits = tuple(_hit(item) for item in result.resultaten)
        total = result.totaal if result.totaal is not None else len(hits)
        return CompanySearchPage(hits, result.pagina or page, per_page, total)

    def _address(self, number: str) -> Address | None:
        answer = self.client.json("GET", f"/v1/vestigingsprofielen/{number}")
        if answer is None:
            return None  # the one line from the list is still shown
        profile = parse(Vestiging, answer, "kvk", "vestigingsprofiel")
        street = [a for a in profile.adressen if a.straatnaam and a.huisnummer]
        # the visiting address is where the branch is; a postal address may be a PO box
        chosen = next((a for a in street if a.type == "bezoekadres"), None) or next(
            iter(street), None
        )
        return _address(chosen) if chosen and chosen.indAfgeschermd != "Ja" else None


def _address(adres: Adres) -> Address:
    return Address(
        street=adres.straatnaam,
        house_number=adres.huisnummer,
        house_letter=adres.huisletter,
        addition=adres.huisnummerToevoeging,
        postcode=adres.postcode.replace(" ", "").upper(),
        city=adres.plaats,
    )


def _hit(item: ResultaatItem) -> CompanyHit:
    inland = item.adres.binnenlandsAdres if item.adres else None
    abroad = item.adres.buitenlandsAdres if item.adres else None
    if inland is not None:
        number = f"{inland.huisnummer or ''}{inland.huisletter}"
        street = f"{inland.straatnaam} {number}".strip() if inland.straatnaam else ""
        if inland.postbusnummer and not street:
            street = f"Postbus {inland.postbusnummer}"
        place = " ".join(p for p in (format_postcode(inland.postcode), inland.plaats) if p)
        text, city = ", ".join(part for part in (street, place) if part), inland.plaats
    elif abroad is not None:
        parts = (abroad.straatHuisnummer, abroad.postcodeWoonplaats, abroad.land)
        text, city = ", ".join(part for part in parts if part), ""
    else:
        text, city = "", ""
    return CompanyHit(
        kvk=item.kvkNummer,
        name=item.naam,
        kind=item.type,
        branch_number=item.vestigingsnummer,
        address_text=text,
        city=city,
        # The spec gives no values; the answers seen say "Ja" or "Nee".
        active=item.actief != "Nee",
    )
