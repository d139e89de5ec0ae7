"""BAG: API Individuele Bevragingen v2, `GET {BAG_API_URL}/adressen?postcode=&huisnummer=`.

Headers: only `X-Api-Key` (securitySchemes apiKeyBAG of the specification,
https://github.com/lvbag/BAG-API; copy in tests/registries/fixtures/bag/). No `Accept-Crs`:
`/adressen` answers without geometry and does not document that header (elsewhere in the API
it is deprecated).

Paging follows `_links.next.href` (Features/paginering.feature) for at most MAX_PAGES pages of
PAGE_SIZE, the specification's maximum; one house number rarely has more than a few dozen
letters and additions.
"""

import logging
import re
from collections.abc import Sequence
from urllib.parse import urljoin

from portal.registries.base import LookupRequest
from portal.registries.http.answers import parse
from portal.registries.http.bag_answers import Adres, AdresIOHalCollection
from portal.registries.http.client import _Client
from portal.registries.records import Address

log = logging.getLogger(__name__)
MAX_PAGES = 10
PAGE_SIZE = 100
# The specification's patterns: a value outside them can match no address, and sending it
# would only earn a 400 that looks like our bug.
POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
LETTER = re.compile(r"^[a-zA-Z]$")
ADDITION = re.compile(r"^[0-9a-zA-Z]{1,4}$")


class HttpAddressRegister:
    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self.client = _Client("bag", base_url, {"X-Api-Key": api_key}, timeout)

    def addresses(
        self,
        postcode: str,
        house_number: int,
        request: LookupRequest,
        *,
        house_letter: str = "",
        addition: str = "",
    ) -> Sequence[Address]:
        """Every address with this postcode and number; with a letter and/or addition only
        the one that matches exactly (`exacteMatch`)."""
        postcode = postcode.replace(" ", "").upper()
        if not (POSTCODE.match(postcode) and 1 <= house_number <= 99999):
            return []
        if (house_letter and not LETTER.match(house_letter)) or (
            addition and not ADDITION.match(addition)
        ):
            return []
        params: dict = {"postcode": postcode, "huisnummer": house_number}
        if house_letter:
            params["huisletter"] = house_letter
        if addition:
            params["huisnummertoevoeging"] = addition
        if house_letter or addition:
            params["exacteMatch"] = "true"
        params["pageSize"] = PAGE_SIZE

        found: list[Adres] = []
        answer = self.client.json("GET", "/adressen", params=params)
        for page in range(1, MAX_PAGES + 1):
            collection = parse(AdresIOHalCollection, answer or {}, "bag", "adressen")
            found.extend(collection.adressen)
            following = collection.links.next if collection.links else None
            if following is None:
                break
            if page == MAX_PAGES:
                log.warning("bag: more than %s pages of addresses, the rest left out", MAX_PAGES)
                break
            answer = self.client.json("GET", urljoin(self.client.base_url + "/", following.href))
        return sorted((_address(item) for item in found), key=_house_order)


def _address(item: Adres) -> Address:
    return Address(
        street=item.korteNaam or item.openbareRuimteNaam,
        official_street=item.openbareRuimteNaam,
        house_number=item.huisnummer,
        house_letter=item.huisletter,
        addition=item.huisnummertoevoeging,
        postcode=item.postcode,
        city=item.woonplaatsNaam,
        object_id=item.adresseerbaarObjectIdentificatie,
    )


def _house_order(address: Address) -> tuple:
    """12 before 12A before 12A-2 before 12A-10 before 12B before 102: numbers as numbers."""
    addition = address.addition
    addition_key = (0, int(addition), "") if addition.isdigit() else (1, 0, addition.upper())
    return (address.house_number, address.house_letter.upper(), bool(addition), addition_key)
