"""Asking a question ("Stel uw vraag"): routing per topic, each answer channel and its
checks, the 10,000-character question, sending twice, and the e-mail to an anonymous asker."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.auth.principal import Party
from portal.cases import handling as case_handling
from portal.cases import services as cases
from portal.cases.calendar import add_working_days
from portal.extensions import db
from portal.notifications.compose import compose, recipient_for
from portal.notifications.models import OutboxEvent
from portal.profile.services import save_contact
from tests.questions.ask_support import (  # noqa: F401 - fixtures
    QUESTION,
    all_cases,
    catalogue,
    hidden_fields,
    patient,
    send,
    soup,
    text_of,
    to_check_page,
)
from tests.support.principals import resident, sign_in_principal, staff

FATIMA = "999990007"
pytestmark = pytest.mark.usefixtures("catalogue", "patient")


def _outbox(event: str) -> list[OutboxEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxEvent).where(OutboxEvent.event == event)))


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.mark.parametrize(
    ("topic", "team"),
    [
        ("parkeervergunning-bewoners", "parkeren"),
        ("hulp-bij-het-huishouden", "wmo"),
        ("buurtfeest-melden", "vergunningen"),
        # The tax office is a partner: the contact centre answers or hands it over.
        ("vraag-woz-belastingen", "klantcontact"),
        ("weet-niet", "klantcontact"),
    ],
)
def test_a_question_goes_to_the_team_of_its_topic(client, topic, team):
    assert send(client, onderwerp=topic).status_code == 303
    (case,) = all_cases()
    assert case.product_slug == "algemene-vraag"
    assert case.team == team
    assert case.answers["Vraag"] == QUESTION


def test_i_dont_know_is_stored_in_plain_words(client):
    send(client, onderwerp="weet-niet")
    (case,) = all_cases()
    assert case.answers["Onderwerp"] == "Ik weet het niet"
    assert case.answers["Antwoord graag"] == "Per e-mail"


def test_the_norm_is_five_working_days_and_the_confirmation_says_so(client):
    response = send(client)
    (case,) = all_cases()
    assert case.norm_working_days == 5
    assert case.expected_completion == add_working_days(cases.today(), 5)
    page = text_of(client.get(response.location))
    assert f"Uw zaaknummer is {case.number}" in page
    assert "Wij antwoorden binnen 5 werkdagen: uiterlijk" in page
    assert "Wij sturen het antwoord per e-mail naar vrager@voorbeeld.example" in page
    assert "Mijn zaken" not in page


def test_an_anonymous_question_has_a_party_of_its_own_and_the_contact_typed(client):
    send(client, kanaal="telefoon", email="", telefoon="0612345678")
    (case,) = all_cases()
    assert case.party_kind == "anonymous"
    assert case.contact == {"email": "", "telefoon": "06 12345678", "kanaal": "telefoon"}
    assert "Wij bellen u op 06 12345678" in text_of(client.get("/vraag/verstuurd"))


def test_a_product_page_asks_with_its_topic_chosen(client):
    link = soup(client.get("/producten/parkeervergunning-bewoners")).find(
        "a", string="Stel uw vraag"
    )
    assert link["href"] == "/vraag?onderwerp=parkeervergunning-bewoners"
    chosen = soup(client.get(link["href"])).find("option", selected=True)
    assert chosen["value"] == "parkeervergunning-bewoners"


def test_the_algemene_vraag_product_page_starts_the_question(client):
    page = soup(client.get("/producten/algemene-vraag"))
    assert page.find("a", href="/vraag") is not None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"vraag": ""}, "vraag", "Typ uw vraag."),
        ({"onderwerp": ""}, "onderwerp", "Kies een onderwerp."),
        ({"onderwerp": "bestaat-niet"}, "onderwerp", "Dit onderwerp kennen wij niet."),
        ({"kanaal": ""}, "kanaal", "Kies hoe u het antwoord wilt krijgen."),
        ({"email": ""}, "email", "Vul uw e-mailadres in. Daarop krijgt u het antwoord."),
        ({"email": "vrager@"}, "email", "Vul een geldig e-mailadres in."),
        (
            {"kanaal": "telefoon", "email": ""},
            "telefoon",
            "Vul uw telefoonnummer in. Dan kunnen wij u bellen.",
        ),
        (
            {"kanaal": "telefoon", "telefoon": "12345"},
            "telefoon",
            "Vul een geldig telefoonnummer in.",
        ),
        # Not signed in: there is no Berichtenbox to answer in.
        ({"kanaal": "berichtenbox"}, "kanaal", "Kies hoe u het antwoord wilt krijgen."),
    ],
)
def test_each_answer_is_checked_with_a_clear_message(client, changes, field, message):
    response = to_check_page(client, **changes)
    assert response.status_code == 422
    page = soup(response)
    assert page.title.string.startswith("Fout: ")
    error = page.find(id=f"{field}-error") or page.find(id="kanaal-error")
    assert error is not None and message in error.get_text()
    assert page.find("textarea", id="vraag").get_text() == changes.get("vraag", QUESTION)
    assert all_cases() == []


def test_an_international_number_is_accepted_and_written_the_usual_way(client):
    send(client, kanaal="telefoon", email="", telefoon="+32470123456")
    (case,) = all_cases()
    assert case.contact["telefoon"] == "+32 470 12 34 56"


def test_a_question_of_ten_thousand_characters_is_kept_and_explained(client):
    long_question = "Waarom " + "a" * 9993
    response = to_check_page(client, vraag=long_question)
    assert response.status_code == 422
    page = soup(response)
    assert "Gebruik niet meer dan 2.000 tekens. U heeft er nu 10.000." in (
        page.find(id="vraag-error").get_text()
    )
    assert page.find("textarea", id="vraag").get_text() == long_question
    assert all_cases() == []


def test_changing_from_the_check_page_keeps_everything(client):
    check = to_check_page(client, onderwerp="hulp-bij-het-huishouden")
    assert "Controleer uw vraag" in text_of(check)
    back = client.post("/vraag", data={**hidden_fields(check), "actie": "wijzigen"})
    assert back.status_code == 200
    page = soup(back)
    assert page.find("textarea", id="vraag").get_text() == QUESTION
    assert page.find("option", selected=True)["value"] == "hulp-bij-het-huishouden"
    assert page.find("input", id="email")["value"] == "vrager@voorbeeld.example"


def test_sending_twice_makes_one_case(client):
    check = to_check_page(client)
    fields = hidden_fields(check)
    first = client.post("/vraag/versturen", data=fields)
    second = client.post("/vraag/versturen", data=fields)
    assert first.status_code == second.status_code == 303
    assert len(all_cases()) == 1
    assert len(_outbox("received")) == 1


def test_a_filled_honeypot_makes_no_case(client):
    check = to_check_page(client)
    response = client.post("/vraag/versturen", data={**hidden_fields(check), "website": "x"})
    assert response.status_code == 422
    assert "Dat ging erg snel" in text_of(response)
    assert all_cases() == []


def test_the_sent_page_is_only_for_the_session_that_sent(client, app):
    send(client)
    other = app.test_client()
    assert other.get("/vraag/verstuurd").status_code == 302


def test_signed_in_the_berichtenbox_is_offered_and_the_profile_fills_in(client):
    fatima = resident(FATIMA, "Fatima el Amrani")
    save_contact(
        Party("person", FATIMA),
        email="fatima@voorbeeld.example",
        phone="0612345678",
        notify_by_email=True,
    )
    db.session.commit()
    sign_in_principal(client, fatima)
    page = soup(client.get("/vraag"))
    assert page.find("input", attrs={"name": "kanaal", "value": "berichtenbox"}) is not None
    assert page.find("input", id="email")["value"] == "fatima@voorbeeld.example"
    assert page.find("input", id="telefoon")["value"] == "0612345678"
    response = send(client, kanaal="berichtenbox", email="", telefoon="")
    (case,) = all_cases()
    assert (case.party_kind, case.party_identifier) == ("person", FATIMA)
    assert case.contact["kanaal"] == "berichtenbox"
    assert "Bekijk uw vraag in Mijn zaken" in text_of(client.get(response.location))


def test_an_anonymous_asker_is_mailed_at_the_address_typed(client):
    send(client, email="vrager@voorbeeld.example")
    (row,) = _outbox("received")
    recipient = recipient_for(row)
    assert recipient.address == "vrager@voorbeeld.example"
    message = compose(row, recipient)
    assert message["To"] == "vrager@voorbeeld.example"
    body = _body(message)
    assert "U krijgt het antwoord per e-mail, uiterlijk" in body
    assert "/mijn-zaken/" not in body
    assert "/vraag/antwoord-per-e-mail" in body


def test_the_answer_to_an_anonymous_asker_is_in_the_e_mail(client):
    send(client)
    (case,) = all_cases()
    case_handling.send_message(
        case, "U mag een dakkapel bouwen.\nVraag wel eerst een vergunning aan.", staff()
    )
    db.session.commit()
    (row,) = _outbox("message")
    body = _body(compose(row, recipient_for(row)))
    assert "U mag een dakkapel bouwen." in body
    assert "Vraag wel eerst een vergunning aan." in body
    assert "/mijn-zaken/" not in body


def test_closing_an_anonymous_question_sends_no_mark_links(client):
    send(client)
    (case,) = all_cases()
    case_handling.close_case(case, "afgehandeld", "Ja, dat mag.", staff())
    db.session.commit()
    (row,) = _outbox("case_closed")
    body = _body(compose(row, recipient_for(row)))
    assert "Ja, dat mag." in body
    assert "cijfer=" not in body and "/mijn-zaken/" not in body


def test_an_anonymous_phone_asker_gets_no_e_mail(client):
    send(client, kanaal="telefoon", email="vrager@voorbeeld.example", telefoon="0612345678")
    (row,) = _outbox("received")
    assert recipient_for(row).address is None


def test_signed_in_without_a_profile_the_typed_address_gets_the_usual_e_mail(client):
    sign_in_principal(client, resident(FATIMA, "Fatima el Amrani"))
    send(client, email="fatima@voorbeeld.example")
    (row,) = _outbox("received")
    recipient = recipient_for(row)
    assert recipient.address == "fatima@voorbeeld.example"
    assert "/mijn-zaken/" in _body(compose(row, recipient))


def test_a_case_without_an_e_mail_channel_keeps_its_old_behaviour(client):
    """Reports keep mailing through their follow link: no second e-mail per change."""
    send(client)
    (case,) = all_cases()
    case.contact = {"email": "melder@voorbeeld.example", "telefoon": ""}
    db.session.commit()
    (row,) = _outbox("received")
    assert recipient_for(row).skip_reason == "no e-mail address"


def test_the_page_the_e_mail_links_to_says_where_the_answer_is(client):
    page = text_of(client.get("/vraag/antwoord-per-e-mail"))
    assert "Het antwoord staat in de e-mail die u van ons kreeg." in page
