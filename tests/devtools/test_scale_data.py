"""`flask scale-data` with tiny counts: the rows are there, belong to residents, and the pages
a resident and a handler open show them."""

import re

from sqlalchemy import func, select

from portal.appointments.models import Appointment, SlotClaim
from portal.cases import creation
from portal.cases.models import Case, Message, StatusChange
from portal.cli import load_demo_data
from portal.extensions import db
from portal.registries.models import DemoPerson
from portal.reports.models import Report

FATIMA = "999990007"


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_scale_data_makes_rows_the_pages_show(app, runner, sign_in):
    load_demo_data()
    before, reports_before = count(Case), count(Report)
    arguments = ["--cases", "60", "--reports", "10", "--residents", "12", "--appointments", "8"]

    result = runner.invoke(args=["scale-data", *arguments])

    assert result.exit_code == 0, result.output
    assert "60 cases, 10 reports, 8 appointments" in result.output
    assert count(Case) == before + 60
    assert count(Report) == reports_before + 10
    assert count(StatusChange) >= before + 60
    assert count(DemoPerson, DemoPerson.bsn.like("6%")) == 11  # Fatima is the twelfth
    assert count(Appointment, Appointment.uid.like("scale-%")) == 8
    assert count(SlotClaim) >= 7
    generated = db.session.scalars(
        select(Case).where(Case.party_identifier == FATIMA, Case.idempotency_key.like("scale-%"))
    ).all()
    assert len(generated) == 5  # every twelfth case is hers
    messages = db.session.scalars(
        select(Message.id).where(Message.case_id.in_([case.id for case in generated]))
    ).all()
    assert len(messages) == 5
    # The per-year counter moved past the generated numbers: the next case gets a new one.
    year = generated[0].created_at.year
    assert count(Case, Case.number == creation._next_number(year)) == 0
    db.session.rollback()

    client = sign_in("inwoner")
    listing = client.get("/mijn-zaken").get_data(as_text=True)
    listing += client.get("/mijn-zaken?toon=afgerond").get_data(as_text=True)
    shown = set(re.findall(r"/mijn-zaken/(Z-\d{4}-\d+)", listing))
    newest = max(generated, key=lambda case: case.created_at)
    assert newest.number in shown
    case_page = client.get(f"/mijn-zaken/{newest.number}")
    assert case_page.status_code == 200
    assert newest.product_name in case_page.get_data(as_text=True)
    inbox = client.get("/berichten").get_data(as_text=True)
    assert any(f"/berichten/{id_}" in inbox for id_ in messages)
    message = client.get(f"/berichten/{max(messages)}").get_data(as_text=True)
    assert "Wij hebben uw aanvraag bekeken" in message


def test_scale_data_small_is_a_hundredth(app, runner):
    from portal.devtools.scale_data import SCALES

    assert SCALES["small"] == {key: value // 100 for key, value in SCALES["full"].items()}
    assert SCALES["full"]["cases"] == 1_000_000
    result = runner.invoke(args=["scale-data", "--residents", "0"])
    assert result.exit_code != 0


def test_demo_data_takes_the_scale_too(app, runner, monkeypatch):
    from portal.cases.models import Case
    from portal.devtools.scale_data import SCALES
    from portal.extensions import db

    tiny = {"cases": 12, "reports": 3, "residents": 4, "appointments": 2}
    monkeypatch.setitem(SCALES, "small", tiny)
    result = runner.invoke(args=["demo-data", "--scale", "small"])
    assert result.exit_code == 0, result.output
    assert "12 cases" in result.output.replace(",", "")
    assert db.session.scalar(db.select(db.func.count()).select_from(Case)) >= 12
