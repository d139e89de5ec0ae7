"""Inputs the fuzz suite found that gave a server error, kept as plain tests."""

from types import SimpleNamespace

import pytest
from wtforms.validators import ValidationError

from portal.components.numbers import whole_number
from portal.requests import checks


@pytest.mark.parametrize("typed", ["²", "①", "9" * 5000, "١٢", "１２", "-3", ""])
def test_odd_digits_are_no_whole_number(typed):
    # "²".isdigit() is true but int("²") raised; 5,000 digits are over int()'s limit.
    assert whole_number(typed) is None


def test_plain_digits_are_read():
    assert whole_number(" 12 ") == 12
    assert whole_number("1" * 19) is None


@pytest.mark.parametrize("typed", ["²", "①", "9" * 5000])
def test_product_form_number_check_refuses_superscript_two(typed):
    """A product form's number field (buurtfeest: dranghekken) with "²" gave a 500."""
    field = SimpleNamespace(data=typed)
    with pytest.raises(ValidationError):
        checks.whole_number(1, 20)(None, field)
    with pytest.raises(ValidationError):
        checks.house_number()(None, field)


def test_superscript_in_a_product_form_step_is_a_422(signed_in):
    client = signed_in("inwoner")
    begun = client.get("/aanvragen/vraag-woz-belastingen/beginnen")
    assert begun.status_code == 302
    answer = client.post(begun.location, data={"onderwerp": "²", "vraag": "①" * 3})
    assert answer.status_code < 500


def test_nul_in_a_resident_message_is_no_server_error(signed_in):
    """ "a\\x00b" as a message on Mijn zaken gave a 500 on PostgreSQL (NUL in a text column)."""
    from sqlalchemy import select

    from portal.cases.models import Message
    from portal.extensions import db

    client = signed_in("inwoner")
    answer = client.post("/mijn-zaken/Z-2026-000005/bericht", data={"body": "a\x00b"})
    assert answer.status_code < 500
    bodies = db.session.scalars(select(Message.body)).all()
    assert all("\x00" not in body for body in bodies)


def test_nul_in_a_back_office_message_is_no_server_error(signed_in):
    client = signed_in("beheerder")
    answer = client.post("/medewerkers/zaken/Z-2026-000006/bericht", data={"body": "\x00" * 20})
    assert answer.status_code < 500


def test_nul_as_the_report_to_merge_into_is_no_server_error(signed_in):
    """into="\\x00" on merging a report gave a 500 on PostgreSQL (NUL in the lookup)."""
    client = signed_in("beheerder")
    url = "/medewerkers/meldingen/Z-2026-000011/samenvoegen"
    for data in ({"into": "\x00"}, {"number": "Z-\x00"}):
        assert client.post(url, data=data).status_code < 500
