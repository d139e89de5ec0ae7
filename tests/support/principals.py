"""Principals for unit tests, built directly from the sign-in area's dataclasses, shaped the way
it makes them from the personas' claims (see portal/testprovider/personas.py)."""

from dataclasses import replace
from datetime import UTC, datetime

from portal.auth.principal import Party, Principal


def resident(bsn: str, name: str = "") -> Principal:
    return Principal(
        means="digid",
        level="substantieel",
        signed_in_at=datetime.now(UTC),
        bsn=bsn,
        display_name=name,
    )


def representative(
    bsn: str, name: str, for_bsn: str, services=("persoonsgegevens",), for_name: str = ""
) -> Principal:
    """A DigiD user acting for `for_bsn` with a mandate for `services`."""
    return replace(
        resident(bsn, name),
        represented=Party(kind="person", identifier=for_bsn),
        represented_name=for_name,
        mandate_services=tuple(services),
    )


def entrepreneur(kvk: str, branch: str | None = None, name: str = "Ahmed Yilmaz") -> Principal:
    return Principal(
        means="eherkenning",
        level="eh3",
        signed_in_at=datetime.now(UTC),
        kvk=kvk,
        branch=branch,
        acting_subject="ahmed-yilmaz-7f3a",
        display_name=name,
    )


def staff(name: str = "Maria Visser", team: str = "burgerzaken") -> Principal:
    """A case handler who is not a test persona; id and e-mail follow from the name."""
    return Principal(
        means="staff",
        level="staff",
        signed_in_at=datetime.now(UTC),
        display_name=name,
        roles=("case_handler",),
        team=team,
        staff_id=name.lower().replace(" ", "-"),
        email=f"{name.lower().replace(' ', '.')}@voorbeeld.example",
    )


def sign_in_principal(client, principal: Principal) -> None:
    """Sign a hand-made principal in, for what no test persona shows (a mandate without
    `persoonsgegevens`): a server-side session of the sign-in area, its key in the cookie."""
    from portal.auth import SESSION_KEY, sessions
    from portal.extensions import db

    key = sessions.start(principal)
    db.session.commit()
    with client.session_transaction() as cookie:
        cookie[SESSION_KEY] = key
