"""KVK: API Basisprofiel 1.5 (`GET {KVK_API_URL}/v1/basisprofielen/{kvkNummer}` and
`.../vestigingen`) and API Vestigingsprofiel 1.4 (`GET .../v1/vestigingsprofielen/{nr}`).

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
from portal.registries.http.kvk_answers import Adres, Basisprofiel, Vestiging, VestigingList
from portal.registries.records import Address, Branch, Company

log = logging.getLogger(__name__)
MAX_PROFILES = 20
KVK_NUMBER = re.compile(r"^[0-9]{8}$")  # the specifications' patterns
BRANCH_NUMBER = re.compile(r"^[0-9]{12}$")


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
