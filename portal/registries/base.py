"""The small interfaces every register adapter implements.

Two implementations exist: `embedded` (demo data in the database, for development, tests and
demos) and `remote` (the real APIs: Haal Centraal BRP, KVK Basisprofiel, BAG Individuele
Bevragingen). `REGISTRY_BACKEND` chooses one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from portal.registries.records import Address, Company, CompanySearchPage, Person


class RegistryUnavailable(RuntimeError):
    """The register did not answer in time or answered with an error; try again later."""

    def __init__(self, register: str, reason: str = "") -> None:
        super().__init__(f"{register} unavailable: {reason}" if reason else register)
        self.register = register
        self.reason = reason


# Kinds of "unavailable" that need someone other than the resident; all are still shown to
# the resident as "we konden uw gegevens nu niet ophalen", never as "you are not registered".
class RegistryRefusedRequest(RegistryUnavailable):
    """HTTP 400: the register says our request is wrong (a bug on our side; log its
    `invalidParams`)."""


class RegistryAccessDenied(RegistryUnavailable):
    """HTTP 401 or 403: credentials, certificate or authorisation are set up wrong."""


class RegistryAnswerInvalid(RegistryUnavailable):
    """The register answered, but not in the shape its specification promises."""


@dataclass(frozen=True)
class LookupRequest:
    """What travels with every request to a register: the purpose and the processing activity."""

    purpose: str
    activity: str
    fields: tuple[str, ...] = ()


class PersonRegister(Protocol):
    def person(self, bsn: str, request: LookupRequest) -> Person | None:
        """The person with this BSN, with only the fields in `request.fields`."""

    def residents_at(self, object_id: str, request: LookupRequest) -> int:
        """How many people are registered at this addressable object (BAG id)."""


class CompanyRegister(Protocol):
    def company(self, kvk: str, request: LookupRequest) -> Company | None:
        """The company with this KVK number, with all its branches."""

    def search(
        self, *, kvk: str = "", name: str = "", page: int = 1, per_page: int = 10
    ) -> CompanySearchPage:
        """Branches and legal entities by KVK number and/or (part of) a name, one page."""


class AddressRegister(Protocol):
    def addresses(
        self, postcode: str, house_number: int, request: LookupRequest
    ) -> Sequence[Address]:
        """Every address with this postcode and house number (letters and additions differ)."""


def wants(fields: Sequence[str], group: str) -> bool:
    """Whether the requested fields include anything of a field group, e.g. "partners"."""
    return any(field == group or field.startswith(group + ".") for field in fields)
