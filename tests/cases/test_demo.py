"""The demo cases give every persona of the test provider something to see, and load once.

They are made with the real catalogue (norms and teams of the demo products) and the real
sign-in dataclasses, as `make run` does.
"""

from datetime import UTC, datetime

import pytest

from portal.auth.principal import Party, Principal
from portal.cases import creation, demo
from portal.cases import resident_services as mine
from portal.cases.creation import product_facts as catalogue_product_facts
from portal.testprovider.personas import persona


@pytest.fixture
def loaded(monkeypatch):
    from portal.catalog import demo as catalog_demo

    monkeypatch.setattr(creation, "product_facts", catalogue_product_facts)
    catalog_demo.load()
    assert demo.load() is True


def _as(persona_id: str) -> Principal:
    """The principal the sign-in area makes from this persona's claims."""
    claims = persona(persona_id).claims
    represented = Party("person", claims["namens_bsn"]) if "namens_bsn" in claims else None
    means = "eherkenning" if "kvk" in claims else "digid"
    return Principal(
        means=means,
        level="eh3" if means == "eherkenning" else "substantieel",
        signed_in_at=datetime.now(UTC),
        bsn=claims.get("bsn"),
        kvk=claims.get("kvk"),
        branch=claims.get("vestiging"),
        represented=represented,
        mandate_services=tuple(claims.get("machtiging_diensten", ())),
    )


def _slugs(principal, closed: bool = False) -> list[str]:
    return sorted(c.product_slug for c in mine.cases_for(principal, closed=closed).items)


def test_demo_cases_load_only_once(loaded):
    assert demo.load() is False


def test_the_resident_has_open_and_closed_cases(loaded):
    fatima = _as("inwoner")
    assert _slugs(fatima) == ["parkeervergunning-bewoners", "verhuizing-doorgeven"]
    assert any(case.open_tasks for case in mine.cases_for(fatima).items)
    [extract] = mine.cases_for(fatima, closed=True).items
    assert "besluit" in [d.kind for d in extract.documents]


def test_representatives_see_only_what_the_mandate_covers(loaded):
    assert _slugs(_as("dochter-namens-vader")) == ["hulp-bij-het-huishouden"]
    assert _slugs(_as("bewindvoerder")) == ["uittreksel-brp"]


def test_the_company_sees_the_cases_of_its_branch(loaded):
    assert _slugs(_as("ondernemer")) == ["terrasvergunning"]


def test_terms_in_weeks_still_give_an_expected_date(loaded):
    for case in (
        mine.cases_for(_as("ondernemer")).items + mine.cases_for(_as("dochter-namens-vader")).items
    ):
        assert case.norm_weeks and case.expected_completion is not None
        assert (case.expected_completion - case.created_at.date()).days >= 7 * case.norm_weeks
