"""Looking up what the municipality already knows: person (BRP), company (KVK), address (BAG).

Every lookup needs a purpose (doelbinding), which decides the fields asked for, and is written
to the processing log. Results are cached for the length of one request only: register data
is fetched when needed and not copied into permanent storage.
"""

import re
from dataclasses import replace

from flask import current_app, has_request_context, request

from portal.registries import processing_log, purposes
from portal.registries.base import (
    AddressRegister,
    CompanyRegister,
    LookupRequest,
    PersonRegister,
    RegistryUnavailable,
)
from portal.registries.embedded import (
    EmbeddedAddressRegister,
    EmbeddedCompanyRegister,
    EmbeddedPersonRegister,
)
from portal.registries.http import HttpAddressRegister, HttpCompanyRegister, HttpPersonRegister
from portal.registries.records import AddressInfo, Company, Person

__all__ = [
    "LookupNotAllowed",
    "RegistryUnavailable",
    "acting_refusal",
    "lookup_address",
    "lookup_company",
    "lookup_person",
    "may_pass_to_third_party",
    "normalise_postcode",
]

Purpose = purposes.Purpose
POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
CACHE_KEY = "portal.registry_cache"


class LookupNotAllowed(PermissionError):
    """The one asking may not see this data (not their own, or the mandate does not cover it)."""


def person_register() -> PersonRegister:
    config = current_app.config
    if config["REGISTRY_BACKEND"] == "http":
        return HttpPersonRegister(
            config["BRP_API_URL"],
            config["BRP_API_KEY"],
            config["REGISTRY_ORIGIN_OIN"],
            config["REGISTRY_TIMEOUT_SECONDS"],
        )
    return EmbeddedPersonRegister()


def company_register() -> CompanyRegister:
    config = current_app.config
    if config["REGISTRY_BACKEND"] == "http":
        return HttpCompanyRegister(
            config["KVK_API_URL"], config["KVK_API_KEY"], config["REGISTRY_TIMEOUT_SECONDS"]
        )
    return EmbeddedCompanyRegister()


def address_register() -> AddressRegister:
    config = current_app.config
    if config["REGISTRY_BACKEND"] == "http":
        return HttpAddressRegister(
            config["BAG_API_URL"], config["BAG_API_KEY"], config["REGISTRY_TIMEOUT_SECONDS"]
        )
    return EmbeddedAddressRegister()


def _request(purpose: Purpose, fields: tuple[str, ...] = ()) -> LookupRequest:
    activity = f"{current_app.config['MUNICIPALITY_NAME']} MijnGemeente: {purpose.code}"
    return LookupRequest(purpose=purpose.code, activity=activity, fields=fields)


def _cache() -> dict:
    """What this request looked up. In the request's environ, not `g`: an app context (and
    its `g`) can outlive one request, and then a lookup would go unlogged in the next one."""
    if not has_request_context():
        return {}
    return request.environ.setdefault(CACHE_KEY, {})


def _cached(cache: dict, key: tuple):
    """The answer of a lookup done before in this request. A register that did not answer
    is asked (and logged) once per request too: the sign-in asks for a name twice."""
    found = cache[key]
    if isinstance(found, RegistryUnavailable):
        raise found
    return found


def _check_allowed(principal, identifier: str, kind: str, mandate_service: str | None) -> None:
    """Residents and companies only see their own data, or that of whom they act for."""
    if principal is None or principal.means == "staff":
        return
    subject = principal.subject
    if subject.kind != kind or subject.identifier != identifier:
        raise LookupNotAllowed(f"{kind} is not the principal's subject")
    if mandate_service and not principal.covers(mandate_service):
        raise LookupNotAllowed(f"mandate does not cover {mandate_service}")


def _log(identifier: str, purpose: Purpose, register: str, outcome: str, principal) -> None:
    processing_log.record(
        subject=identifier,
        purpose=purpose,
        register=register,
        outcome=outcome,
        principal=principal,
    )


def lookup_person(bsn: str, *, purpose: Purpose, principal) -> Person | None:
    """The person with this BSN, with the fields the purpose needs; None when unknown.

    Raises RegistryUnavailable when the BRP does not answer, LookupNotAllowed when the
    principal may not see this person for this purpose.
    """
    key = ("person", bsn, purpose.code)
    cache = _cache()
    if key in cache:
        return _cached(cache, key)
    try:
        _check_allowed(principal, bsn, "person", purpose.mandate_service)
    except LookupNotAllowed:
        _log(bsn, purpose, "brp", processing_log.REFUSED, principal)
        raise
    try:
        person = person_register().person(bsn, _request(purpose, purpose.person_fields))
    except RegistryUnavailable as unavailable:
        _log(bsn, purpose, "brp", processing_log.UNAVAILABLE, principal)
        cache[key] = unavailable
        raise
    outcome = processing_log.FOUND if person else processing_log.NOT_FOUND
    _log(bsn, purpose, "brp", outcome, principal)
    cache[key] = person
    return person


def lookup_company(kvk: str, *, purpose: Purpose, principal) -> Company | None:
    """The company with this KVK number and its branches; None when unknown."""
    key = ("company", kvk, purpose.code)
    cache = _cache()
    if key in cache:
        return _cached(cache, key)
    _check_allowed(principal, kvk, "company", None)
    try:
        company = company_register().company(kvk, _request(purpose))
    except RegistryUnavailable as unavailable:
        _log(kvk, purpose, "kvk", processing_log.UNAVAILABLE, principal)
        cache[key] = unavailable
        raise
    _log(
        kvk,
        purpose,
        "kvk",
        processing_log.FOUND if company else processing_log.NOT_FOUND,
        principal,
    )
    cache[key] = company
    return company


def normalise_postcode(postcode: str) -> str:
    """Postcode "9999 aa" → "9999AA"; raises ValueError when it is no Dutch postcode."""
    compact = re.sub(r"\s+", "", postcode or "").upper()
    if not POSTCODE.match(compact):
        raise ValueError("not a Dutch postcode")
    return compact


def _matches(address, addition: str | None) -> bool:
    wanted = re.sub(r"[\s-]+", "", addition or "").upper()
    return (address.house_letter + address.addition).upper() == wanted


def lookup_address(
    postcode: str,
    house_number: int,
    *,
    purpose: Purpose,
    principal,
    addition: str | None = None,
) -> AddressInfo | None:
    """The address at this postcode and number, with how many people live there.

    The count comes from the BRP, so the lookup is logged as about the principal's subject
    (whose request it serves). Raises ValueError for a malformed postcode.
    """
    compact = normalise_postcode(postcode)
    subject = principal.subject.identifier if principal is not None else ""
    try:
        found = address_register().addresses(compact, int(house_number), _request(purpose))
    except RegistryUnavailable:
        _log(subject, purpose, "bag", processing_log.UNAVAILABLE, principal)
        raise
    address = next((item for item in found if _matches(item, addition)), None)
    if address is None:
        return None
    try:
        residents = person_register().residents_at(
            address.object_id, _request(purpose, ("burgerservicenummer",))
        )
    except RegistryUnavailable:
        _log(subject, purpose, "bag", processing_log.UNAVAILABLE, principal)
        raise
    _log(subject, purpose, "bag", processing_log.FOUND, principal)
    return AddressInfo(address=address, residents=residents)


def _is_deceased(bsn: str, purpose: Purpose, principal) -> bool:
    try:
        person = lookup_person(bsn, purpose=purpose, principal=principal)
    except (RegistryUnavailable, LookupNotAllowed):
        return False  # a register that is down never blocks sign-in
    return person is not None and person.deceased


def acting_refusal(principal) -> str | None:
    """Why this principal may not act, as a sign-in failure code; None when it may.

    A deceased person cannot act (a DigiD ends at death, but a broker may lag), and no one
    acts for a deceased person: a mandate ends at death. The BRP always sends
    `opschortingBijhouding`, so the name lookups of the sign-in give it without extra fields
    (and from the request's cache).
    """
    if principal.means != "digid" and principal.represented is None:
        return None
    if principal.means == "digid" and principal.bsn:
        as_self = replace(principal, represented=None, mandate_services=())
        if _is_deceased(principal.bsn, purposes.SIGNED_IN_NAME, as_self):
            return "deceased"
    represented = principal.represented
    if (
        represented is not None
        and represented.kind == "person"
        and _is_deceased(represented.identifier, purposes.SHOW_NAME, principal)
    ):
        return "represented_deceased"
    return None


def may_pass_to_third_party(person: Person | None) -> bool:
    """Whether BRP data of this person may go to an organisation outside the municipality.

    Not when the person asked for secrecy (geheimhoudingPersoonsgegevens), and not when we do
    not know (no answer). Every piece of code that sends personal data to a partner
    organisation, a church or any other third party must call this first and send nothing
    when it says no. Today no code sends register data out: a warm hand-over
    (`portal.cases.handover`) only records who takes over; staff pass details on themselves.
    """
    return person is not None and not person.secret
