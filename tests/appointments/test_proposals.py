"""Proposed appointments on a case: propose, accept, another time, a call instead, expiry,
withdrawal, the Wmo product rule after a request, the resident's answers on the case page and
the handler's page in the back office."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale
from sqlalchemy import select

from portal.appointments import availability, booking, proposals
from portal.appointments.models import Appointment, Proposal
from portal.appointments.proposal_texts import moment_text
from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases.creation import ProductFacts
from portal.cases.models import Case, CaseEvent
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from tests.appointments.factories import make_location, make_type
from tests.support import principals

FATIMA, JOOST = "999990007", "999990172"  # personas "inwoner" and "inwoner-midden"
WMO = ProductFacts("Hulp bij het huishouden", None, "wmo", 6)
HOME_HOURS = {str(day): [["09:00", "16:00"]] for day in range(7)}


@pytest.fixture
def home_visits(app):
    make_location("thuis", kind="thuis", name_nl="Bij u thuis", name_en="At home",
                  address="", opening_hours=HOME_HOURS)  # fmt: skip
    make_type(
        "wmo-huisbezoek",
        product_slug="hulp-bij-het-huishouden",
        name_nl="Huisbezoek voor hulp thuis",
        name_en="Home visit",
        duration_minutes=60,
        extra_minutes_per_person=0,
        max_persons=1,
        location_slugs=["thuis"],
        lead_time_hours=24,
    )
    db.session.commit()


@pytest.fixture
def words(app):
    """Error messages are translated texts: reading one needs a request's language."""
    with app.test_request_context():
        yield


def wmo_case(bsn: str = FATIMA, key: str = "wmo-1") -> Case:
    return case_creation.create_case(
        product_slug="hulp-bij-het-huishouden",
        party=Party(kind="person", identifier=bsn),
        actor=principals.resident(bsn, "Fatima el Amrani"),
        answers={"naam": "Fatima el Amrani", "adres": "Dorpsstraat 1, 9999 AA Voorbeeld"},
        contact={"email": "fatima@voorbeeld.example", "telefoon": "06 12345678"},
        idempotency_key=key,
        facts=WMO,
    )


def handler():
    return principals.staff("Wim de Wmo", "wmo")


def fatima():
    return principals.resident(FATIMA, "Fatima el Amrani")


def slots():
    return proposals.proposable_slots("wmo-huisbezoek", "thuis")


def proposed(case=None) -> Proposal:
    case = case or wmo_case()
    proposal = proposals.propose(case, "wmo-huisbezoek", "thuis", slots()[0].starts_at, handler())
    db.session.commit()
    return proposal


def notes(case: Case) -> list[str]:
    db.session.refresh(case)
    return [step.note_for_resident for step in case.history if step.note_for_resident]


def actions(case: Case) -> list[str]:
    return list(db.session.scalars(select(CaseEvent.action).where(CaseEvent.case_id == case.id)))


def test_a_proposal_holds_the_moment_so_no_one_else_gets_it(home_visits):
    proposal = proposed()
    held = db.session.get(Appointment, proposal.appointment_id)
    assert (proposal.status, held.status) == ("proposed", "held")
    assert held.visit_address == "Dorpsstraat 1, 9999 AA Voorbeeld"
    day = availability.local_day(proposal.starts_at)
    free = availability.free_slots("wmo-huisbezoek", "thuis", start_day=day, days=1)
    assert proposal.starts_at not in [slot.starts_at for slot in free]
    someone = booking.Booker(name="Joost", party=Party(kind="person", identifier=JOOST))
    with pytest.raises(booking.SlotTaken):
        booking.book("wmo-huisbezoek", "thuis", proposal.starts_at, someone)


def test_the_hold_lasts_three_days_but_ends_a_day_before_the_moment():
    now = datetime(2026, 12, 2, 9, 0)
    far = now + timedelta(days=10)
    near = now + timedelta(days=2)
    assert proposals.hold_minutes(far, now) == 3 * 24 * 60
    assert proposals.hold_minutes(near, now) == 24 * 60


def test_the_resident_reads_the_proposal_in_the_berichtenbox_and_on_the_timeline(home_visits):
    case = wmo_case()
    proposal = proposed(case)
    with force_locale("nl"):
        moment = moment_text(proposal.starts_at, proposals.location_of(proposal))
    assert moment.endswith("uur bij u thuis")
    assert f"Wij stellen voor: {moment}." in notes(case)
    message = case.messages[-1]
    assert message.direction == "out" and moment in message.body
    events = db.session.scalars(
        select(OutboxEvent.event).where(OutboxEvent.case_number == case.number)
    )
    assert "message" in list(events)
    assert "appointment_proposed" in actions(case)


def test_a_moment_sooner_than_two_days_is_not_proposed(home_visits):
    tomorrow = datetime.now(UTC).replace(tzinfo=None, minute=0, second=0, microsecond=0)
    with pytest.raises(proposals.ProposalError):
        proposals.propose(wmo_case(), "wmo-huisbezoek", "thuis", tomorrow + timedelta(days=1), None)


def test_a_home_visit_needs_an_address(home_visits, words):
    case = wmo_case()
    case.answers = {"naam": "Fatima el Amrani"}
    with pytest.raises(proposals.ProposalError, match="adres"):
        proposals.propose(case, "wmo-huisbezoek", "thuis", slots()[0].starts_at, handler())


def test_yes_books_the_held_moment(home_visits):
    proposal = proposed()
    appointment = proposals.accept(proposal, fatima())
    db.session.commit()
    assert (proposal.status, appointment.status) == ("accepted", "booked")
    assert appointment.id == proposal.appointment_id and appointment.starts_at == proposal.starts_at
    case = db.session.get(Case, proposal.case_id)
    assert any(note.startswith("De afspraak staat:") for note in notes(case))
    assert "proposal_accepted" in actions(case)
    with pytest.raises(proposals.ProposalError):
        proposals.accept(proposal, fatima())


def test_another_time_books_it_and_gives_the_proposed_one_back(home_visits):
    proposal = proposed()
    first_held = proposal.appointment_id
    other = slots()[3].starts_at
    appointment = proposals.other_time(proposal, other, fatima())
    db.session.commit()
    assert (proposal.status, appointment.starts_at, appointment.status) == (
        "other_time",
        other,
        "booked",
    )
    assert db.session.get(Appointment, first_held).status == "cancelled"
    assert proposal.starts_at in [slot.starts_at for slot in slots()]
    assert any(
        note.startswith("U koos een ander moment.") for note in notes(appointment_case(proposal))
    )


def appointment_case(proposal: Proposal) -> Case:
    return db.session.get(Case, proposal.case_id)


def test_another_time_that_just_went_keeps_the_proposal(home_visits):
    proposal = proposed()
    other = slots()[3].starts_at
    someone = booking.Booker(name="Joost", party=Party(kind="person", identifier=JOOST))
    booking.book("wmo-huisbezoek", "thuis", other, someone)
    with pytest.raises(proposals.ProposalError):
        proposals.other_time(proposal, other, fatima())
    assert proposal.status == "proposed"
    assert db.session.get(Appointment, proposal.appointment_id).status == "held"


def test_a_call_instead_gives_the_moment_back_and_tells_the_team(home_visits):
    proposal = proposed()
    case = appointment_case(proposal)
    proposals.call_instead(proposal, fatima(), "06 12345678")
    db.session.commit()
    assert proposal.status == "call_instead"
    assert db.session.get(Appointment, proposal.appointment_id).status == "cancelled"
    assert proposal.starts_at in [slot.starts_at for slot in slots()]
    incoming = [m for m in case.messages if m.direction == "in"]
    assert "06 12345678" in incoming[-1].body
    team = db.session.scalars(
        select(OutboxEvent).where(
            OutboxEvent.case_number == case.number, OutboxEvent.audience == "team"
        )
    ).all()
    assert team
    assert "proposal_call_instead" in actions(case)


def expire(proposal: Proposal) -> None:
    held = db.session.get(Appointment, proposal.appointment_id)
    held.held_until = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=1)
    db.session.commit()


def test_an_expired_proposal_cannot_be_accepted_but_another_time_can_be_chosen(home_visits, words):
    proposal = proposed()
    expire(proposal)
    assert proposals.is_expired(proposal)
    with pytest.raises(proposals.ProposalError, match="verlopen"):
        proposals.accept(proposal, fatima())
    appointment = proposals.other_time(proposal, slots()[1].starts_at, fatima())
    assert appointment.status == "booked" and proposal.status == "other_time"


def test_withdraw_gives_the_moment_back_and_tells_the_resident(home_visits):
    proposal = proposed()
    case = appointment_case(proposal)
    proposals.withdraw(proposal, handler())
    db.session.commit()
    assert proposal.status == "withdrawn"
    assert proposal.starts_at in [slot.starts_at for slot in slots()]
    assert any("ingetrokken" in note for note in notes(case))
    assert "ingetrokken" in case.messages[-1].body
    with pytest.raises(proposals.ProposalError):
        proposals.withdraw(proposal, handler())


def test_a_new_proposal_replaces_the_open_one(home_visits):
    case = wmo_case()
    first = proposed(case)
    second = proposals.propose(case, "wmo-huisbezoek", "thuis", slots()[2].starts_at, handler())
    assert (first.status, second.status) == ("withdrawn", "proposed")
    assert proposals.open_proposal(case) is second


def test_moments_read_right_on_both_sides_of_the_clock_change(app):
    place = make_location("thuis", kind="thuis")
    with app.test_request_context(), force_locale("nl"):
        # The last Sunday of October 2026: the clocks go back at 01:00 UTC.
        before = moment_text(datetime(2026, 10, 24, 9, 0), place)
        after = moment_text(datetime(2026, 10, 25, 9, 0), place)
        spring = moment_text(datetime(2026, 3, 29, 9, 0), place)
    assert before == "zaterdag 24 oktober om 11.00 uur bij u thuis"
    assert after == "zondag 25 oktober om 10.00 uur bij u thuis"
    assert spring == "zondag 29 maart om 11.00 uur bij u thuis"


# The product rule: a Wmo request proposes the first free home visit.


@pytest.fixture
def demo(app):
    from portal.catalog import demo as catalog_demo
    from portal.registries import demo as registries_demo

    registries_demo.load()
    catalog_demo.load()
    db.session.commit()


def submit_wmo_request(client) -> str:
    from tests.requests.conftest import Walker

    walker = Walker(client)
    walker.begin("hulp-bij-het-huishouden")
    walker.post({})
    walker.post({"vraag": "Ik kan niet meer stofzuigen.", "hulp_nu": "nee", "bellen": "ochtend"})
    walker.post({"email": "fatima@voorbeeld.example", "telefoon": "06 12345678"})
    response = walker.post({"verklaring": "y"})
    assert response.status_code == 303
    return response.location


def test_a_wmo_request_proposes_the_first_free_home_visit(home_visits, demo, sign_in):
    client = sign_in("inwoner")
    first_free = slots()[0].starts_at
    confirmation = client.get(submit_wmo_request(client))
    case = db.session.scalars(select(Case)).one()
    proposal = proposals.open_proposal(case)
    assert proposal is not None and proposal.starts_at == first_free
    assert proposal.proposed_by == "Gemeente Voorbeeld"
    held = db.session.get(Appointment, proposal.appointment_id)
    assert held.visit_address and held.case_id == case.id
    page = text(confirmation)
    assert "Wij stellen voor:" in page and "uur bij u thuis" in page
    assert f"/mijn-zaken/{case.number}#voorstel-title" in confirmation.get_data(as_text=True)


def test_without_home_visits_set_up_a_wmo_request_is_sent_as_normal(demo, sign_in):
    client = sign_in("inwoner")
    confirmation = client.get(submit_wmo_request(client))
    assert "Wij hebben uw aanvraag ontvangen" in text(confirmation)
    assert db.session.scalars(select(Proposal)).all() == []


# The resident answers on the case page.


def text(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings)


def answer_url(proposal: Proposal, what: str) -> str:
    case = appointment_case(proposal)
    return f"/mijn-zaken/{case.number}/voorstel/{proposal.id}/{what}"


def case_url(proposal: Proposal) -> str:
    return f"/mijn-zaken/{appointment_case(proposal).number}"


def test_the_case_page_shows_the_proposal_and_yes_books_it(home_visits, sign_in):
    proposal = proposed()
    client = sign_in("inwoner")
    page = text(client.get(case_url(proposal)))
    assert "Wij stellen voor:" in page and "Ja, dat past" in page
    assert "Kies een ander moment" in page and "Bel mij liever" in page
    response = client.post_form(answer_url(proposal, "ja"), page=case_url(proposal))
    assert response.status_code == 302
    page = text(client.get(response.location))
    assert "Uw afspraak" in page and "De afspraak staat:" in page
    assert proposal.status == "accepted"


def test_another_time_on_the_case_page_without_a_choice_says_what_to_do(home_visits, sign_in):
    proposal = proposed()
    client = sign_in("inwoner")
    response = client.post_form(answer_url(proposal, "ander-moment"), page=case_url(proposal))
    assert response.status_code == 422
    assert "Kies een moment uit de lijst." in text(response)
    chosen = availability.slot_value(slots()[1].starts_at)
    response = client.post_form(
        answer_url(proposal, "ander-moment"), {"voorstel_moment": chosen}, page=case_url(proposal)
    )
    assert response.status_code == 302
    db.session.refresh(proposal)
    assert proposal.status == "other_time"


def test_a_call_instead_keeps_a_wrong_number_and_says_why(home_visits, sign_in):
    proposal = proposed()
    client = sign_in("inwoner")
    page = BeautifulSoup(client.get(case_url(proposal)).get_data(as_text=True), "html.parser")
    assert page.find(id="voorstel_telefoon")["value"] == "06 12345678"  # never asked twice
    response = client.post_form(
        answer_url(proposal, "bellen"), {"voorstel_telefoon": "12"}, page=case_url(proposal)
    )
    assert response.status_code == 422
    assert 'value="12"' in response.get_data(as_text=True)
    response = client.post_form(
        answer_url(proposal, "bellen"),
        {"voorstel_telefoon": "+32 470 12 34 56"},
        page=case_url(proposal),
    )
    assert response.status_code == 302
    db.session.refresh(proposal)
    assert proposal.status == "call_instead"


def test_an_expired_proposal_shows_fresh_times(home_visits, sign_in):
    proposal = proposed()
    expire(proposal)
    page = text(sign_in("inwoner").get(case_url(proposal)))
    assert "Dit voorstel is verlopen" in page
    assert "Ja, dat past" not in page and "Kies een ander moment" in page


def test_another_resident_cannot_see_or_answer_the_proposal(home_visits, sign_in):
    proposal = proposed()
    client = sign_in("inwoner-midden")
    assert client.get(case_url(proposal)).status_code == 404
    for what in ("ja", "ander-moment", "bellen"):
        response = client.post_form(answer_url(proposal, what), page="/mijn-zaken")
        assert response.status_code == 404
    assert proposal.status == "proposed"


def test_a_proposal_of_another_case_answers_404(home_visits, sign_in):
    proposal = proposed()
    mine = wmo_case(key="wmo-2")
    db.session.commit()
    client = sign_in("inwoner")
    url = f"/mijn-zaken/{mine.number}/voorstel/{proposal.id}/ja"
    assert client.post_form(url, page=f"/mijn-zaken/{mine.number}").status_code == 404


# The handler proposes from the back office.


def office_url(case: Case) -> str:
    return f"/medewerkers/zaken/{case.number}/afspraak-voorstellen"


def test_a_handler_proposes_one_of_the_next_free_times(home_visits, sign_in):
    case = wmo_case()
    db.session.commit()
    client = sign_in("behandelaar-wmo")
    detail = client.get(f"/medewerkers/zaken/{case.number}")
    assert office_url(case) in detail.get_data(as_text=True)
    page = client.get(office_url(case))
    assert page.status_code == 200 and "Huisbezoek voor hulp thuis" in text(page)
    listed = client.get(office_url(case) + "?soort=wmo-huisbezoek|thuis")
    chosen = availability.slot_value(slots()[2].starts_at)
    assert chosen in listed.get_data(as_text=True)
    url = office_url(case) + "?soort=wmo-huisbezoek|thuis"
    response = client.post_form(office_url(case), {"soort": "wmo-huisbezoek|thuis"}, page=url)
    assert response.status_code == 422 and "Kies een moment uit de lijst." in text(response)
    response = client.post_form(
        office_url(case), {"soort": "wmo-huisbezoek|thuis", "moment": chosen}, page=url
    )
    assert response.status_code == 302
    proposal = proposals.open_proposal(case)
    assert availability.slot_value(proposal.starts_at) == chosen
    assert proposal.proposed_by == "Eva de Jong"


def test_a_handler_of_another_team_gets_404(home_visits, sign_in):
    case = wmo_case()
    db.session.commit()
    client = sign_in("behandelaar")
    assert client.get(office_url(case)).status_code == 404
