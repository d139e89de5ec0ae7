"""A representative fills in forms with their own e-mail address and phone, never those of the
person they act for (issue 14, item 10): a mandate for one service does not open them."""

from datetime import UTC, datetime

import pytest

from portal.auth.principal import DIGID, PERSON, Party, Principal
from portal.extensions import db
from portal.profile import services as profile
from portal.requests import prefill
from tests.support.auth import sign_in

HENK = "999990111"  # the represented person of "buurman-namens-henk" and "dochter-namens-vader"
KARIM = "999990184"  # "buurman-namens-henk", a mandate for household help only
SANNE = "999990068"  # "dochter-namens-vader"


@pytest.fixture
def contacts(app):
    for bsn, phone in ((HENK, "0611111111"), (KARIM, "0622222222"), (SANNE, "0633333333")):
        profile.save_contact(
            Party(PERSON, bsn), email="", phone=phone, notify_by_email=False, language="nl"
        )
    db.session.commit()


def _acting(bsn: str, services: tuple[str, ...]) -> Principal:
    return Principal(
        means=DIGID,
        level="substantieel",
        signed_in_at=datetime.now(UTC),
        bsn=bsn,
        represented=Party(PERSON, HENK),
        represented_name="Henk Bakker",
        mandate_services=services,
    )


@pytest.mark.parametrize(
    ("bsn", "services", "own_phone"),
    [
        (KARIM, ("hulp-bij-het-huishouden",), "0622222222"),
        (SANNE, ("persoonsgegevens", "hulp-bij-het-huishouden", "uittreksel-brp"), "0633333333"),
    ],
)
def test_a_request_form_fills_in_the_representatives_own_details(
    contacts, bsn, services, own_phone
):
    filled = prefill.contact_defaults(_acting(bsn, services))
    assert filled["telefoon"] == own_phone
    assert "0611111111" not in filled.values()


def test_someone_acting_for_themselves_gets_their_own_details(contacts):
    henk = Principal(means=DIGID, level="substantieel", signed_in_at=datetime.now(UTC), bsn=HENK)
    assert prefill.contact_defaults(henk)["telefoon"] == "0611111111"


@pytest.mark.parametrize("path", ["/vraag", "/terugbellen", "/melding/contact"])
def test_pages_do_not_show_the_represented_persons_phone(client, contacts, path):
    sign_in(client, "buurman-namens-henk")
    page = client.get(path).get_data(as_text=True)
    assert "0611111111" not in page
