"""Registers backed by the demo tables: the default for development, tests and demos.

They follow the same rules as the real APIs: only the requested fields are filled, an
unknown number gives None.
"""

from collections.abc import Sequence

from sqlalchemy import func, or_, select

from portal.extensions import db
from portal.registries.base import LookupRequest, wants
from portal.registries.models import DemoAddress, DemoBranch, DemoCompany, DemoPerson
from portal.registries.records import Address, Branch, Company, Person, Relative


def _address(row: DemoAddress | None) -> Address | None:
    if row is None:
        return None
    return Address(
        street=row.street,
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
        with_name = wants(fields, "naam")
        return Person(
            bsn=row.bsn,
            given_names=row.given_names if with_name else "",
            prefix=row.prefix if with_name else "",
            surname=row.surname if with_name else "",
            birth_date=row.birth_date if wants(fields, "geboorte") else None,
            address=(
                _address(db.session.get(DemoAddress, row.address_id))
                if wants(fields, "verblijfplaats") and row.address_id
                else None
            ),
            partners=partners,
            children=children,
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


class EmbeddedAddressRegister:
    def addresses(
        self, postcode: str, house_number: int, request: LookupRequest
    ) -> Sequence[Address]:
        rows = db.session.scalars(
            select(DemoAddress)
            .where(DemoAddress.postcode == postcode, DemoAddress.house_number == house_number)
            .order_by(DemoAddress.house_letter, DemoAddress.addition)
        )
        return [address for address in map(_address, rows) if address]
