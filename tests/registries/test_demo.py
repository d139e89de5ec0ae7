"""The demo registers: a person for every test persona, valid test BSNs, loaded once."""

from sqlalchemy import func, select

from portal.extensions import db
from portal.registries import demo
from portal.registries.models import DemoAddress, DemoPerson
from portal.testprovider.personas import PERSONAS


def passes_eleven_check(bsn: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return len(bsn) == 9 and sum(int(d) * w for d, w in zip(bsn, weights, strict=True)) % 11 == 0


def test_loading_twice_adds_nothing_the_second_time(app):
    assert demo.load() is True
    count = db.session.scalar(select(func.count()).select_from(DemoPerson))
    assert demo.load() is False
    assert db.session.scalar(select(func.count()).select_from(DemoPerson)) == count


def test_every_persona_has_a_person_in_the_register(app):
    demo.load()
    persona_bsns = {
        bsn
        for persona in PERSONAS
        for bsn in (persona.claims.get("bsn"), persona.claims.get("namens_bsn"))
        if bsn
    }
    assert persona_bsns
    for bsn in persona_bsns:
        assert db.session.get(DemoPerson, bsn) is not None, bsn


def test_every_demo_bsn_is_a_valid_test_number(app):
    demo.load()
    for bsn in db.session.scalars(select(DemoPerson.bsn)):
        assert bsn.startswith("99999") and passes_eleven_check(bsn), bsn


def test_there_are_empty_addresses_and_one_very_full_one(app):
    demo.load()
    counts = dict(
        db.session.execute(
            select(DemoAddress.object_id, func.count(DemoPerson.bsn))
            .outerjoin(DemoPerson, DemoPerson.address_id == DemoAddress.object_id)
            .group_by(DemoAddress.object_id)
        ).all()
    )
    assert max(counts.values()) >= 9
    assert sum(1 for n in counts.values() if n == 0) >= 2
