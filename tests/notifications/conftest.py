"""Fixtures for the notifications area: a real local SMTP server, cases made through the cases
services, and contact details stored through the real profile services.

`contacts[bsn] = Contact(...)` stores what the test decides in the profile, the way a resident
does on "Mijn gegevens": the address is saved and, unless `email_verified=False`, confirmed
with the link's token.
"""

from dataclasses import dataclass

import pytest

from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases.creation import ProductFacts
from portal.devtools.smtp_catcher import MailCatcher
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from portal.profile import services as profile

BSN = "999990007"
OTHER_BSN = "999990019"


@dataclass(frozen=True)
class Contact:
    email: str | None
    email_verified: bool = True
    language: str = "nl"
    notify_by_email: bool = True


class Profiles:
    def __setitem__(self, bsn: str, contact: Contact) -> None:
        party = Party("person", bsn)
        profile.save_contact(
            party,
            email=contact.email or "",
            phone="",
            notify_by_email=contact.notify_by_email,
            language=contact.language,
        )
        if contact.email and contact.email_verified:
            assert profile.confirm_email(profile.confirmation_token(party, contact.email))
        db.session.flush()


@pytest.fixture(autouse=True)
def products(monkeypatch, app):
    monkeypatch.setattr(
        case_creation,
        "product_facts",
        lambda slug: ProductFacts("Parkeervergunning voor bewoners", 5, "parkeren"),
    )


@pytest.fixture
def contacts() -> Profiles:
    """What the profile holds per BSN; a party not set here has no contact details."""
    return Profiles()


@pytest.fixture
def party():
    def make(identifier: str = BSN, kind: str = "person", branch: str | None = None):
        return Party(kind=kind, identifier=identifier, branch=branch)

    return make


@pytest.fixture
def new_case(party):
    """A case made the way the request forms make it; the "received" event is enqueued by the
    cases services through the real outbox."""
    counter = iter(range(1, 10_000))

    def make(identifier: str = BSN):
        return case_creation.create_case(
            product_slug="parkeervergunning-bewoners",
            party=party(identifier),
            actor=None,
            answers={"kenteken": "AB-123-C"},
            idempotency_key=f"notifications-{next(counter)}",
        )

    return make


@pytest.fixture
def mail(app):
    catcher = MailCatcher(port=0).start()
    app.config["SMTP_PORT"] = catcher.port
    yield catcher
    catcher.stop()


@pytest.fixture
def rows():
    def all_rows() -> list[OutboxEvent]:
        db.session.expire_all()
        return list(db.session.scalars(db.select(OutboxEvent).order_by(OutboxEvent.id)))

    return all_rows
