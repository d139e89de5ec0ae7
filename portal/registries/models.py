"""Tables of the registries area.

`Demo*` tables hold the embedded registers' demo data (fictional people, companies and
addresses of "Gemeente Voorbeeld"); the real registers are never copied into them.
`ProcessingLogEntry` is the processing log (verwerkingenlogging): it keeps pseudonyms, never
a BSN.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class DemoAddress(db.Model):
    __tablename__ = "registry_demo_address"

    object_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    street: Mapped[str] = mapped_column(String(80))
    house_number: Mapped[int] = mapped_column(Integer)
    house_letter: Mapped[str] = mapped_column(String(1), default="")
    addition: Mapped[str] = mapped_column(String(4), default="")
    postcode: Mapped[str] = mapped_column(String(6), index=True)
    city: Mapped[str] = mapped_column(String(80))
    # WGS84, for the reports' address search and map (the BAG holds RD; see portal.reports.geo).
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


class DemoPerson(db.Model):
    __tablename__ = "registry_demo_person"

    bsn: Mapped[str] = mapped_column(String(9), primary_key=True)
    given_names: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(20), default="")
    surname: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    address_id: Mapped[str | None] = mapped_column(
        ForeignKey("registry_demo_address.object_id"), index=True
    )
    partner_bsn: Mapped[str | None] = mapped_column(String(9))
    parent1_bsn: Mapped[str | None] = mapped_column(String(9))
    parent2_bsn: Mapped[str | None] = mapped_column(String(9))
    # What a real BRP answer can say beyond plain data, for demo personas (migration 0014):
    # {"deceased": true, "secret": true, "under_investigation": ["naam"], "title_predicate":
    # "jonkheer", "name_use": "V", "residence": {"kind": "locatie", "description": ...},
    # "birth": {"year": 1950}}. Read by portal.registries.embedded.
    brp_details: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")


class DemoCompany(db.Model):
    __tablename__ = "registry_demo_company"

    kvk: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_form: Mapped[str] = mapped_column(String(80), default="")


class DemoBranch(db.Model):
    __tablename__ = "registry_demo_branch"

    number: Mapped[str] = mapped_column(String(12), primary_key=True)
    kvk: Mapped[str] = mapped_column(ForeignKey("registry_demo_company.kvk"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)
    address_id: Mapped[str | None] = mapped_column(ForeignKey("registry_demo_address.object_id"))


class ProcessingLogEntry(db.Model):
    """One lookup of personal data: who, acting for whom, whose data, why, where, when.

    Kept for `processing_log.RETENTION`; `flask processing-log-cleanup` removes older ones.
    """

    __tablename__ = "registry_processing_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    subject: Mapped[str] = mapped_column(String(128), index=True)
    actor: Mapped[str] = mapped_column(String(128))
    actor_kind: Mapped[str] = mapped_column(String(20))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    acting_for: Mapped[str] = mapped_column(String(128), default="")
    purpose: Mapped[str] = mapped_column(String(40))
    register: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str] = mapped_column(String(20))
