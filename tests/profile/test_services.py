"""Contact details kept once, and an e-mail address used only after it is confirmed."""

import time

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from portal.auth.principal import Party
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from portal.profile import mail, services
from portal.profile.models import Profile

FATIMA = Party(kind="person", identifier="999990007")
CAFE = Party(kind="company", identifier="90001234", branch="000012345678")


def test_a_party_without_a_profile_has_no_contact(app):
    assert services.contact_for(FATIMA) is None


def test_a_new_email_waits_for_confirmation(app):
    to_confirm = services.save_contact(
        FATIMA, email="fatima@voorbeeld.example", phone="06 1234 5678", notify_by_email=True
    )
    assert to_confirm == "fatima@voorbeeld.example"
    contact = services.contact_for(FATIMA)
    assert contact.email == "fatima@voorbeeld.example"
    assert contact.email_verified is False
    assert contact.phone == "06 1234 5678"


def test_the_link_confirms_the_address(app):
    services.save_contact(FATIMA, email="fatima@voorbeeld.example", phone="", notify_by_email=True)
    token = services.confirmation_token(FATIMA, "fatima@voorbeeld.example")
    assert services.confirm_email(token) is services.Confirmation.CONFIRMED
    contact = services.contact_for(FATIMA)
    assert (contact.email, contact.email_verified) == ("fatima@voorbeeld.example", True)
    # Using the link again changes nothing and still says it worked.
    assert services.confirm_email(token) is services.Confirmation.CONFIRMED


def test_a_new_address_does_not_replace_the_confirmed_one_until_confirmed(app):
    services.save_contact(FATIMA, email="oud@voorbeeld.example", phone="", notify_by_email=True)
    services.confirm_email(services.confirmation_token(FATIMA, "oud@voorbeeld.example"))
    services.save_contact(FATIMA, email="nieuw@voorbeeld.example", phone="", notify_by_email=True)
    contact = services.contact_for(FATIMA)
    assert (contact.email, contact.email_verified) == ("oud@voorbeeld.example", True)


def test_an_old_link_does_not_confirm_a_later_address(app):
    services.save_contact(FATIMA, email="eerst@voorbeeld.example", phone="", notify_by_email=True)
    first = services.confirmation_token(FATIMA, "eerst@voorbeeld.example")
    services.save_contact(FATIMA, email="later@voorbeeld.example", phone="", notify_by_email=True)
    assert services.confirm_email(first) is services.Confirmation.INVALID
    assert services.contact_for(FATIMA).email_verified is False


def test_a_tampered_link_is_invalid(app):
    services.save_contact(FATIMA, email="f@voorbeeld.example", phone="", notify_by_email=True)
    token = services.confirmation_token(FATIMA, "f@voorbeeld.example")
    assert services.confirm_email(token[:-2] + "xx") is services.Confirmation.INVALID


def test_an_expired_link_is_refused(app, monkeypatch):
    services.save_contact(FATIMA, email="f@voorbeeld.example", phone="", notify_by_email=True)
    token = services.confirmation_token(FATIMA, "f@voorbeeld.example")
    later = time.time() + app.config["EMAIL_CONFIRMATION_HOURS"] * 3600 + 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    assert services.confirm_email(token) is services.Confirmation.EXPIRED
    assert services.contact_for(FATIMA).email_verified is False


def test_the_profile_is_keyed_by_pseudonym_not_by_bsn(app):
    services.save_contact(FATIMA, email="", phone="0612345678", notify_by_email=False)
    services.save_contact(CAFE, email="", phone="0201234567", notify_by_email=False)
    rows = db.session.scalars(select(Profile)).all()
    assert len(rows) == 2
    assert all(FATIMA.identifier not in row.party_key for row in rows)
    assert services.contact_for(CAFE).phone == "0201234567"


@pytest.mark.parametrize("typed", ["12345", "06-1234-567a", "bel me maar"])
def test_a_phone_number_must_look_like_one(typed):
    with pytest.raises(ValueError):
        services.normalise_phone(typed)


@pytest.mark.parametrize(
    ("typed", "kept"), [("  06 1234  5678 ", "06 1234 5678"), ("+31 6 12345678", "+31 6 12345678")]
)
def test_a_phone_number_is_tidied(typed, kept):
    assert services.normalise_phone(typed) == kept


def test_the_confirmation_mail_goes_through_the_outbox(app):
    mail.send_confirmation(FATIMA, "f@voorbeeld.example", "https://mijn.example/bevestig/abc")
    [event] = db.session.scalars(select(OutboxEvent)).all()
    assert event.event == "email_confirmation"
    assert event.payload["email"] == "f@voorbeeld.example"
    assert event.payload["link"] == "https://mijn.example/bevestig/abc"


def test_the_stored_language_is_kept_per_party(app):
    assert services.stored_language(FATIMA) is None
    services.save_language(FATIMA, "en")
    assert services.stored_language(FATIMA) == "en"


def test_the_link_does_not_carry_the_address_or_the_bsn(app):
    services.save_contact(FATIMA, email="fatima@voorbeeld.example", phone="", notify_by_email=True)
    token = services.confirmation_token(FATIMA, "fatima@voorbeeld.example")
    payload = URLSafeTimedSerializer("x").loads_unsafe(token)[1]
    assert "fatima" not in str(payload) and FATIMA.identifier not in str(payload)


def test_the_language_is_saved_with_the_contact_details_when_given(app):
    services.save_contact(FATIMA, email="", phone="", notify_by_email=False, language="en")
    services.save_contact(FATIMA, email="", phone="", notify_by_email=False)
    assert services.contact_for(FATIMA).language == "en"
    with pytest.raises(ValueError):
        services.save_contact(FATIMA, email="", phone="", notify_by_email=False, language="de")
    with pytest.raises(ValueError):
        services.save_language(FATIMA, "xx")


def test_typing_the_confirmed_address_again_cancels_the_pending_one(app):
    services.save_contact(FATIMA, email="oud@voorbeeld.example", phone="", notify_by_email=True)
    services.confirm_email(services.confirmation_token(FATIMA, "oud@voorbeeld.example"))
    services.save_contact(FATIMA, email="nieuw@voorbeeld.example", phone="", notify_by_email=True)
    again = services.save_contact(
        FATIMA, email="OUD@voorbeeld.example", phone="", notify_by_email=True
    )
    assert again is None
    assert services.pending_email_for(FATIMA) == ""
