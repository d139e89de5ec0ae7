"""What the registers say, in vendor-neutral dataclasses.

Both adapter implementations (embedded demo data and the real HTTP APIs) return these, so
the rest of the portal never sees a register's own response shape. Fields a purpose did not
ask for stay empty.
"""

from dataclasses import dataclass
from datetime import date


def format_postcode(postcode: str) -> str:
    """Postcode "9999AA" (how registers store it) → "9999 AA" (how people write it)."""
    compact = postcode.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact


@dataclass(frozen=True)
class Address:
    street: str
    house_number: int
    postcode: str
    city: str
    house_letter: str = ""
    addition: str = ""
    object_id: str = ""

    @property
    def street_line(self) -> str:
        number = f"{self.house_number}{self.house_letter}"
        if self.addition:
            number = f"{number}-{self.addition}"
        return f"{self.street} {number}"

    @property
    def postcode_line(self) -> str:
        return f"{format_postcode(self.postcode)} {self.city}"


@dataclass(frozen=True)
class Relative:
    bsn: str
    name: str
    birth_date: date | None = None


@dataclass(frozen=True)
class Person:
    bsn: str
    given_names: str = ""
    prefix: str = ""
    surname: str = ""
    birth_date: date | None = None
    address: Address | None = None
    partners: tuple[Relative, ...] = ()
    children: tuple[Relative, ...] = ()

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.prefix, self.surname) if part)


@dataclass(frozen=True)
class Branch:
    number: str
    name: str
    is_main: bool
    address: Address | None = None
    address_text: str = ""

    @property
    def address_line(self) -> str:
        if self.address:
            return f"{self.address.street_line}, {self.address.postcode_line}"
        return self.address_text


@dataclass(frozen=True)
class Company:
    kvk: str
    name: str
    legal_form: str = ""
    branches: tuple[Branch, ...] = ()

    @property
    def main_branch(self) -> Branch | None:
        return next((branch for branch in self.branches if branch.is_main), None)

    def branch(self, number: str | None) -> Branch | None:
        return next((branch for branch in self.branches if branch.number == number), None)


@dataclass(frozen=True)
class AddressInfo:
    """An address from the BAG, with the number of people the BRP has registered there."""

    address: Address
    residents: int

    @property
    def street(self) -> str:
        return self.address.street

    @property
    def city(self) -> str:
        return self.address.city

    @property
    def postcode(self) -> str:
        return self.address.postcode

    @property
    def house_number(self) -> int:
        return self.address.house_number

    @property
    def object_id(self) -> str:
        return self.address.object_id
