"""Sending over a real local SMTP server: once, in the right language, without content."""

from datetime import timedelta

from portal.cases import handling as case_handling
from portal.extensions import db
from portal.notifications.models import SENT, SKIPPED
from portal.notifications.outbox import enqueue, now
from portal.notifications.services import send_pending
from tests.notifications.conftest import BSN, Contact


def _body(message, subtype: str = "plain") -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()


def test_an_event_is_sent_once(new_case, contacts, mail, rows):
    contacts[BSN] = Contact("fatima@example.org")
    new_case()
    db.session.commit()

    assert send_pending() == 1
    assert send_pending() == 0
    assert len(mail.to("fatima@example.org")) == 1
    [row] = rows()
    assert row.status == SENT and row.sent_at is not None and row.claimed_by is None


def test_the_email_says_there_is_news_but_not_what(new_case, contacts, mail, app):
    contacts[BSN] = Contact("fatima@example.org")
    case = new_case()
    case_handling.send_message(case, "Uw vergunning voor AB-123-C is bijna klaar.", None)
    db.session.commit()

    send_pending()

    message = mail.to("fatima@example.org")[-1]
    for body in (_body(message), _body(message, "html")):
        assert "AB-123-C" not in body
        assert "bijna klaar" not in body
        assert f"{app.config['PUBLIC_URL']}/mijn-zaken/{case.number}" in body
    assert message["Subject"] == f"U heeft een nieuw bericht ({case.number})"


def test_the_message_id_comes_from_the_event(new_case, contacts, mail, rows):
    contacts[BSN] = Contact("fatima@example.org")
    new_case()
    db.session.commit()
    send_pending()
    [row] = rows()
    assert mail.messages[0]["Message-ID"] == f"<notification-{row.key}@voorbeeld.example>"
    assert mail.messages[0]["Auto-Submitted"] == "auto-generated"


def test_the_residents_language_is_honoured(new_case, contacts, mail):
    contacts[BSN] = Contact("fatima@example.org", language="en")
    contacts["999990019"] = Contact("henk@example.org", language="nl")
    english, dutch = new_case(), new_case("999990019")
    db.session.commit()

    send_pending()

    [to_english] = mail.to("fatima@example.org")
    [to_dutch] = mail.to("henk@example.org")
    assert to_english["Content-Language"] == "en"
    assert '<html lang="en">' in _body(to_english, "html")
    month_en = english.expected_completion.strftime("%B")
    assert f"{english.expected_completion.day} {month_en} " in _body(to_english)
    assert to_dutch["Content-Language"] == "nl"
    assert '<html lang="nl">' in _body(to_dutch, "html")
    assert f"{dutch.expected_completion.day} " in _body(to_dutch)
    assert month_en not in _body(to_dutch)


def test_the_address_is_looked_up_when_sending(new_case, contacts, mail):
    contacts[BSN] = Contact("oud@example.org")
    new_case()
    db.session.commit()
    contacts[BSN] = Contact("nieuw@example.org")

    send_pending()

    assert mail.to("oud@example.org") == []
    assert len(mail.to("nieuw@example.org")) == 1


def test_without_a_usable_address_the_event_is_skipped_with_the_reason(
    new_case, contacts, mail, rows
):
    contacts[BSN] = Contact("fatima@example.org", email_verified=False)
    contacts["999990019"] = Contact("henk@example.org", notify_by_email=False)
    new_case()
    new_case("999990019")
    new_case("999990020")
    db.session.commit()

    assert send_pending() == 0

    assert mail.messages == []
    assert [(row.status, row.last_error) for row in rows()] == [
        (SKIPPED, "e-mail address not confirmed"),
        (SKIPPED, "e-mail notifications turned off"),
        (SKIPPED, "no e-mail address"),
    ]


def test_an_email_confirmation_goes_to_the_new_address(party, contacts, mail, rows):
    link = "http://127.0.0.1:5000/mijn-gegevens/bevestig/geheim-token"
    enqueue(
        "email_confirmation",
        case=None,
        party=party(),
        payload={"email": "nieuw@example.org", "link": link},
    )
    db.session.commit()

    assert send_pending() == 1

    [message] = mail.to("nieuw@example.org")
    assert link in _body(message)
    assert message["Subject"] == "Bevestig uw e-mailadres"
    # The link is a secret and the address personal: neither stays in the outbox.
    [row] = rows()
    assert "link" not in row.payload and "email" not in row.payload


def test_a_team_gets_its_own_email_with_a_link_to_the_back_office(
    new_case, party, contacts, mail, app
):
    case = new_case()
    enqueue(
        "deadline_missed",
        case=case,
        party=party(),
        payload={
            "recipient": "team",
            "team_email": "parkeren@voorbeeld.example",
            "expected": "2026-12-01",
            "reason": "Wij wachten op de politie.",
        },
    )
    db.session.commit()

    send_pending()

    [message] = mail.to("parkeren@voorbeeld.example")
    assert message["Subject"] == f"Zaak {case.number} is te laat"
    body = _body(message)
    assert f"{app.config['PUBLIC_URL']}/medewerkers/zaken/{case.number}" in body
    assert "1 december 2026" in body
    assert "politie" not in body


def test_the_closing_email_asks_for_a_mark(new_case, contacts, mail):
    contacts[BSN] = Contact("fatima@example.org")
    case = new_case()
    case_handling.close_case(case, "toegekend", None, None)
    db.session.commit()

    send_pending()

    closing = mail.to("fatima@example.org")[-1]
    assert closing["Subject"] == f"Uw zaak {case.number} is afgerond"
    assert f"/mijn-zaken/{case.number}#beoordeling" in _body(closing)
    assert "cijfer van 1 tot 10" in _body(closing)


def test_the_closing_email_links_every_mark_to_the_form(new_case, contacts, mail, app):
    contacts[BSN] = Contact("fatima@example.org")
    case = new_case()
    case_handling.close_case(case, "toegekend", None, None)
    db.session.commit()

    send_pending()

    closing = mail.to("fatima@example.org")[-1]
    page = f"{app.config['PUBLIC_URL']}/mijn-zaken/{case.number}"
    for body in (_body(closing), _body(closing, "html")):
        for mark in range(1, 11):
            assert f"{page}?cijfer={mark}#beoordeling" in body


def test_only_the_closing_email_asks_for_a_mark(new_case, contacts, mail):
    contacts[BSN] = Contact("fatima@example.org")
    new_case()
    db.session.commit()
    send_pending()
    [received] = mail.to("fatima@example.org")
    assert "cijfer=" not in _body(received) and "cijfer=" not in _body(received, "html")


def test_a_row_that_is_not_due_yet_waits(new_case, contacts, mail):
    contacts[BSN] = Contact("fatima@example.org")
    new_case()
    db.session.commit()
    assert send_pending(at=now() - timedelta(minutes=1)) == 0
    assert send_pending() == 1
