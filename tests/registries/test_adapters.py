"""Contract tests: the embedded and the HTTP registers give the same answers."""

from datetime import date

from portal.registries import purposes
from portal.registries.base import LookupRequest

FATIMA, PARTNER, CHILD, HENK = "999990007", "999990019", "999990020", "999990111"


def ask(purpose=purposes.MIJN_GEGEVENS) -> LookupRequest:
    return LookupRequest(purpose.code, "test", purpose.person_fields)


def test_a_person_comes_with_name_birth_address_and_household(registers):
    person = registers[0].person(FATIMA, ask())
    assert person.full_name == "Fatima el Amrani"
    assert person.birth_date == date(1988, 5, 17)
    assert person.address.street_line == "Dorpsstraat 12"
    assert person.address.postcode_line == "9999 AA Voorbeeld"
    assert person.address.object_id == "9999010000000001"
    assert [(p.bsn, p.name) for p in person.partners] == [(PARTNER, "Youssef el Amrani")]
    assert [(c.bsn, c.name, c.birth_date) for c in person.children] == [
        (CHILD, "Noor el Amrani", date(2016, 3, 9))
    ]


def test_children_living_elsewhere_are_still_listed(registers):
    person = registers[0].person(HENK, ask())
    assert person.full_name == "Henk Bakker"
    assert person.partners == ()
    assert [c.name for c in person.children] == ["Sanne Bakker"]


def test_only_the_fields_of_the_purpose_are_filled(registers):
    person = registers[0].person(FATIMA, ask(purposes.SHOW_NAME))
    assert person.full_name == "Fatima el Amrani"
    assert person.birth_date is None
    assert person.address is None
    assert person.partners == ()


def test_an_unknown_person_is_none(registers):
    assert registers[0].person("999990044", ask()) is None


def test_residents_are_counted_per_address(registers):
    people = registers[0]
    assert people.residents_at("9999010000000001", ask()) == 3
    assert people.residents_at("9999010000000007", ask()) == 9
    assert people.residents_at("9999010000000008", ask()) == 0


def test_a_company_comes_with_its_branches_main_first(registers):
    company = registers[1].company("90001234", ask())
    assert company.name == "Café De Zon B.V."
    assert [(b.number, b.is_main) for b in company.branches] == [
        ("000012345678", True),
        ("000012345679", False),
    ]
    assert company.main_branch.address_line.startswith("Marktplein 1")
    assert company.branch("000012345679").address_line.startswith("Stationsstraat 5")


def test_an_unknown_company_is_none(registers):
    assert registers[1].company("12345678", ask()) is None


def test_addresses_are_found_by_postcode_and_number(registers):
    found = registers[2].addresses("9999AC", 45, ask())
    assert [a.street_line for a in found] == ["Lindelaan 45A", "Lindelaan 45B"]
    assert {a.city for a in found} == {"Voorbeeld"}
    assert registers[2].addresses("9999AC", 46, ask()) == []
