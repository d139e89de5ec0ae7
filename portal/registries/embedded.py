"""Registers backed by the demo tables: the default for development, tests and demos.

They follow the same rules as the real APIs: only the requested fields are filled, an
unknown number gives None. What the BRP delivers without being asked (opschortingBijhouding,
geheimhoudingPersoonsgegevens) is always filled; `inOnderzoek` only for the groups asked for.
The demo rows keep these indicators in `DemoPerson.brp_details` (see its docstring); the
embedded register treats `geslacht` as part of the name, since the salutation needs both.
"""

from collections.abc import Sequence

from sqlalchemy import func, or_, select

from portal.extensions import db
from portal.registries.base import LookupRequest, wants
from portal.registries.display import address_sort_key
from portal.registries.models import DemoAddress, DemoBranch, DemoCompany, DemoPerson
from portal.registries.records import (
    Address,
    Branch,
    Company,
    CompanyHit,
    CompanySearchPage,
    PartialDate,
    Person,
    Relative,
    Residence,
)

DECEASED = "O"  # opschortingBijhouding reden "overlijden"


def _address(row: DemoAddress | None) -> Address | None:
    if row is None:
        return None
    return Address(
        street=row.street,
        official_street=row.street,  # a demo street has one name, short and official alike
        house_number=row.house_number,
        house_letter=row.house_letter,
        addition=row.addition,
        postcode=row.postcode,
        city=row.city,
        object_id=row.object_id,
    )


def _name(row: DemoPerson) -> str:
    return " ".join(part for part in (row.given_names, row.prefix, row.surname) if part)


def _relative(row: DemoPerson, fields: Sequence[str], group: str) -> Relative:
    return Relative(
        bsn=row.bsn if wants(fields, f"{group}.burgerservicenummer") else "",
        name=_name(row) if wants(fields, f"{group}.naam") else "",
        birth_date=row.birth_date if wants(fields, f"{group}.geboorte") else None,
    )


def _partial_date(row: DemoPerson, details: dict) -> PartialDate:
    known = details.get("birth")
    if isinstance(known, dict):
        return PartialDate(known.get("year"), known.get("month"), known.get("day"))
    born = row.birth_date
    return PartialDate(born.year, born.month, born.day)


def _residence(details: dict) -> Residence | None:
    value = details.get("residence")
    if not isinstance(value, dict) or not value.get("kind"):
        return None
    return Residence(
        kind=value["kind"],
        description=value.get("description", ""),
        lines=tuple(value.get("lines", ())),
        country=value.get("country", ""),
    )


def _partner_name(row: DemoPerson, details: dict) -> tuple[str, str]:
    partner = db.session.get(DemoPerson, row.partner_bsn) if row.partner_bsn else None
    if partner is not None:
        return partner.prefix, partner.surname
    return details.get("partner_prefix", ""), details.get("partner_surname", "")


def _details(row: DemoPerson, fields: Sequence[str]) -> dict:
    """Person fields of name, birth and the indicators, as far as `fields` asks for them."""
    details = row.brp_details or {}
    deceased = bool(details.get("deceased"))
    values: dict = {
        "deceased": deceased,
        "suspended_reason": DECEASED if deceased else details.get("suspended_reason", ""),
        "secret": bool(details.get("secret")),
        "under_investigation": frozenset(
            group for group in details.get("under_investigation", ()) if wants(fields, group)
        ),
    }
    if wants(fields, "naam"):
        name_use = details.get("name_use", "")
        partner_prefix, partner_surname = _partner_name(row, details) if name_use else ("", "")
        values |= {
            "given_names": row.given_names,
            "prefix": row.prefix,
            "surname": row.surname,
            "title_predicate": details.get("title_predicate", ""),
            "name_use": name_use,
            "partner_prefix": partner_prefix,
            "partner_surname": partner_surname,
            "sex": details.get("sex", ""),
        }
    if wants(fields, "geboorte"):
        birth = _partial_date(row, details)
        values |= {"birth": birth, "birth_date": birth.complete}
    if wants(fields, "verblijfplaats"):
        values["residence"] = _residence(details)
    return values


class EmbeddedPersonRegister:
    def person(self, bsn: str, request: LookupRequest) -> Person | None:
        row = db.session.get(DemoPerson, bsn)
        if row is None:
            return None
        fields = request.fields
        partners: tuple[Relative, ...] = ()
        children: tuple[Relative, ...] = ()
        if wants(fields, "partners") and row.partner_bsn:
            partner = db.session.get(DemoPerson, row.partner_bsn)
            partners = (_relative(partner, fields, "partners"),) if partner else ()
        if wants(fields, "kinderen"):
            rows = db.session.scalars(
                select(DemoPerson)
                .where(or_(DemoPerson.parent1_bsn == bsn, DemoPerson.parent2_bsn == bsn))
                .order_by(DemoPerson.birth_date)
            )
            children = tuple(_relative(child, fields, "kinderen") for child in rows)
        return Person(
            bsn=row.bsn,
            address=(
                _address(db.session.get(DemoAddress, row.address_id))
                if wants(fields, "verblijfplaats") and row.address_id
                else None
            ),
            partners=partners,
            children=children,
            **_details(row, fields),
        )

    def residents_at(self, object_id: str, request: LookupRequest) -> int:
        query = select(func.count()).where(DemoPerson.address_id == object_id)
        return db.session.scalar(query) or 0


class EmbeddedCompanyRegister:
    def company(self, kvk: str, request: LookupRequest) -> Company | None:
        row = db.session.get(DemoCompany, kvk)
        if row is None:
            return None
        branches = db.session.scalars(
            select(DemoBranch)
            .where(DemoBranch.kvk == kvk)
            .order_by(DemoBranch.is_main.desc(), DemoBranch.number)
        )
        return Company(
            kvk=row.kvk,
            name=row.name,
            legal_form=row.legal_form,
            branches=tuple(
                Branch(
                    number=branch.number,
                    name=branch.name,
                    is_main=branch.is_main,
                    address=_address(
                        db.session.get(DemoAddress, branch.address_id)
                        if branch.address_id
                        else None
                    ),
                )
                for branch in branches
            ),
        )

    def search(
        self, *, kvk: str = "", name: str = "", page: int = 1, per_page: int = 10
    ) -> CompanySearchPage:
        """Like KVK Zoeken: one hit per branch, by KVK number and/or part of the company's
        or the branch's name, main branches first."""
        page, per_page = max(page, 1), min(max(per_page, 1), 100)
        kvk, name = kvk.strip(), " ".join(name.split())
        if not (kvk or name):
            return CompanySearchPage((), page, per_page, 0)
        query = select(DemoBranch, DemoCompany).join(DemoCompany, DemoBranch.kvk == DemoCompany.kvk)
        if kvk:
            query = query.where(DemoBranch.kvk == kvk)
        if name:
            pattern = f"%{name.lower()}%"
            query = query.where(
                or_(
                    func.lower(DemoCompany.name).like(pattern),
                    func.lower(DemoBranch.name).like(pattern),
                )
            )
        total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = db.session.execute(
            query.order_by(DemoBranch.kvk, DemoBranch.is_main.desc(), DemoBranch.number)
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
        hits = []
        for branch, company in rows:
            address = _address(
                db.session.get(DemoAddress, branch.address_id) if branch.address_id else None
            )
            hits.append(
                CompanyHit(
                    kvk=company.kvk,
                    name=branch.name or company.name,
                    kind="hoofdvestiging" if branch.is_main else "nevenvestiging",
                    branch_number=branch.number,
                    address_text=f"{address.street_line}, {address.postcode_line}"
                    if address
                    else "",
                    city=address.city if address else "",
                )
            )
        return CompanySearchPage(tuple(hits), page, per_page, total)


class EmbeddedAddressRegister:
    def addresses(
        self, postcode: str, house_number: int, request: LookupRequest
    ) -> Sequence[Address]:
        rows = db.session.scalars(
            select(DemoAddress).where(
                DemoAddress.postcode == postcode, DemoAddress.house_number == house_number
            )
        )
        # In Python: "2" before "10" among additions, which a text column sorts the other way.
        return sorted((address for address in map(_address, rows) if address), key=address_sort_key)
