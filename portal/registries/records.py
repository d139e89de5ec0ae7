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
    # The full street name (BRP officieleStraatnaam); `street` may be the short form of at
    # most 24 characters (korteStraatnaam) that registers use on envelopes.
    official_street: str = ""

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
class PartialDate:
    """A BRP date that may be incomplete: only a year, or a year and a month (`JaarDatum`,
    `JaarMaandDatum`); all None for `DatumOnbekend`."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


@dataclass(frozen=True)
class Residence:
    """Where the BRP says someone lives when it is not a Dutch street address.

    kind: "adres" (see Person.address), "locatie" (a houseboat, a caravan: `description`),
    "buitenland" (abroad: `lines` and `country`), "onbekend" (address unknown) or "rni"
    (registered as non-resident, RNI)."""

    kind: str
    description: str = ""
    lines: tuple[str, ...] = ()
    country: str = ""


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
    # What the BRP says beyond the plain data (issue 15). Defaults mean "nothing special".
    birth: PartialDate | None = None  # also set when the date is incomplete
    residence: Residence | None = None  # set when there is no Dutch street address
    deceased: bool = False  # opschortingBijhouding with reden "O"
    suspended_reason: str = ""  # opschortingBijhouding.reden.code, any reason
    secret: bool = False  # geheimhoudingPersoonsgegevens: never to third parties
    # Field groups the BRP marks inOnderzoek, e.g. {"naam", "geboorte", "verblijfplaats"}.
    under_investigation: frozenset[str] = frozenset()
    title_predicate: str = ""  # adellijkeTitelPredicaat omschrijving, e.g. "jonkheer"
    name_use: str = ""  # aanduidingNaamgebruik code: E, N, P, V
    sex: str = ""  # geslacht code: M, V or O; decides "heer"/"mevrouw" in the aanhef
    partner_prefix: str = ""  # the partner's name parts, for name use P, V and N
    partner_surname: str = ""

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
class CompanyHit:
    """One result of a search in the trade register: a branch or a legal entity.

    kind: "hoofdvestiging", "nevenvestiging" or "rechtspersoon" (KVK Zoeken `type`)."""

    kvk: str
    name: str
    kind: str
    branch_number: str = ""
    address_text: str = ""
    city: str = ""
    active: bool = True


@dataclass(frozen=True)
class CompanySearchPage:
    """One page of search results; `total` counts all pages (KVK shows at most 1000)."""

    hits: tuple[CompanyHit, ...]
    page: int
    per_page: int
    total: int

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total


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
