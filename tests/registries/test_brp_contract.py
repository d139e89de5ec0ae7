"""The BRP adapter against the official BRP API Personen 2.7.0 contract.

Requests: every one the adapter can send (each purpose × person(), and residents_at()) is
checked against the OpenAPI file and the CSV of valid `fields` paths. Answers: spec-shaped
persons (fixtures/brp) map onto Person with every indicator; answers of another shape raise
RegistryAnswerInvalid with a log line that says where, never the BSN.
"""

import logging

import pytest
import requests

from portal.registries import purposes
from portal.registries.base import LookupRequest, RegistryAnswerInvalid, RegistryUnavailable
from portal.registries.http import HttpPersonRegister
from portal.registries.records import PartialDate, Residence
from tests.registries import brp_spec
from tests.registries.brp_server import BrpServer, fixture_persons

TIMEOUT = 2.0
OBJECT_ID = "9999010000000007"


@pytest.fixture(scope="module")
def server():
    running = BrpServer().start()
    yield running
    running.stop()


@pytest.fixture
def brp(server):
    server.reset()
    yield server
    server.reset()


def register(server, **options) -> HttpPersonRegister:
    return HttpPersonRegister(
        f"{server.url}/brp", "brp-key", "00000001999999999000", TIMEOUT, **options
    )


def ask(purpose: purposes.Purpose) -> LookupRequest:
    return LookupRequest(purpose.code, f"Gemeente Voorbeeld: {purpose.code}", purpose.person_fields)


def person(server, bsn: str, purpose=purposes.MIJN_GEGEVENS):
    return register(server).person(bsn, ask(purpose))


# --- requests --------------------------------------------------------------------------


@pytest.mark.parametrize("purpose", purposes.ALL, ids=lambda p: p.code)
def test_every_person_request_follows_the_openapi_contract(brp, purpose):
    assert person(brp, "999990007", purpose) is not None
    body = brp.requests[-1]["json"]
    assert brp_spec.request_problems(body) == []
    assert brp.refusals == []


@pytest.mark.parametrize("purpose", purposes.ALL, ids=lambda p: p.code)
def test_every_fields_path_of_every_purpose_is_in_the_csv(purpose):
    valid = brp_spec.field_paths("Persoon")
    assert [path for path in purpose.person_fields if path not in valid] == []
    assert not set(purpose.person_fields) & set(brp_spec.AUTOMATIC)
    assert len(purpose.person_fields) == len(set(purpose.person_fields))


@pytest.mark.parametrize("purpose", purposes.ALL, ids=lambda p: p.code)
def test_the_residents_search_follows_the_contract_and_its_own_csv(brp, purpose):
    assert register(brp).residents_at(OBJECT_ID, ask(purpose)) == 1  # not the deceased one
    body = brp.requests[-1]["json"]
    assert body["type"] == "ZoekMetAdresseerbaarObjectIdentificatie"
    assert brp_spec.request_problems(body) == []
    assert set(body["fields"]) <= brp_spec.field_paths("PersoonBeperkt")


def test_the_checker_refuses_what_the_real_api_refuses():
    def problems(**body):
        return brp_spec.request_problems(body)

    bsn_query = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999990007"]}
    # The old bug: a top-level adresseerbaarObjectIdentificatie is no fields path.
    assert problems(**bsn_query, fields=["adresseerbaarObjectIdentificatie"])
    assert problems(**bsn_query, fields=["geheimhoudingPersoonsgegevens"])  # delivered anyway
    assert problems(**bsn_query, fields=[])
    assert problems(
        type="RaadpleegMetBurgerservicenummer", burgerservicenummer=["12"], fields=["naam"]
    )
    assert problems(type="RaadpleegMetBurgerservicenummer", fields=["naam"])  # no BSN
    assert problems(
        type="ZoekMetAdresseerbaarObjectIdentificatie",
        fields=["burgerservicenummer"],
        adresseerbaarObjectIdentificatie="0000000000000000",
    )
    # Persoon fields that PersoonBeperkt (the searches) does not have.
    assert problems(
        type="ZoekMetAdresseerbaarObjectIdentificatie",
        fields=["partners"],
        adresseerbaarObjectIdentificatie=OBJECT_ID,
    )
    assert problems(**bsn_query, fields=["naam"], doelbinding="x")  # no such parameter
    assert problems(type="ZoekMetIets", fields=["naam"])


def test_only_documented_headers_are_sent(brp):
    person(brp, "999990007")
    headers = {key.lower(): value for key, value in brp.requests[-1]["headers"].items()}
    assert headers["x-api-key"] == "brp-key"
    assert not {"x-doelbinding", "x-verwerking", "x-origin-oin"} & set(headers)


def test_gateway_protocol_headers_only_when_asked_for(brp):
    register(brp, gateway_headers=True).person("999990007", ask(purposes.SHOW_NAME))
    headers = {key.lower(): value for key, value in brp.requests[-1]["headers"].items()}
    assert headers["x-doelbinding"] == "naam-tonen"
    assert headers["x-verwerking"].endswith("naam-tonen")
    assert headers["x-origin-oin"] == "00000001999999999000"


def test_the_server_refuses_a_bad_fields_path_with_problem_json(brp):
    body = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": ["999990007"],
        "fields": ["naam", "adresseerbaarObjectIdentificatie"],
    }
    answer = requests.post(f"{brp.url}/brp/personen", json=body, timeout=TIMEOUT)
    assert answer.status_code == 400
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    problem = answer.json()
    assert brp_spec.schema_errors(problem, "BadRequestFoutbericht") == []
    assert [p["name"] for p in problem["invalidParams"]] == ["fields.1"]


def test_the_adapter_treats_a_refused_request_as_unavailable(brp):
    wrong = LookupRequest("x", "x", ("adresseerbaarObjectIdentificatie",))
    with pytest.raises(RegistryUnavailable):
        register(brp).person("999990007", wrong)
    assert brp.refusals


# --- answers ---------------------------------------------------------------------------


@pytest.mark.parametrize("data", fixture_persons(), ids=lambda p: p["burgerservicenummer"])
def test_every_fixture_person_follows_the_spec(data):
    assert brp_spec.schema_errors(data, "Persoon") == []


def test_an_unknown_bsn_is_no_person(brp):
    assert person(brp, "999999999") is None


def test_a_404_is_a_wrong_address_not_an_unknown_person(brp):
    wrong = HttpPersonRegister(f"{brp.url}/verkeerd/pad", "brp-key", "", TIMEOUT)
    with pytest.raises(RegistryUnavailable):
        wrong.person("999990007", ask(purposes.MIJN_GEGEVENS))


def test_a_plain_person_with_address_partner_and_child(brp):
    found = person(brp, "999990007")
    assert (found.given_names, found.prefix, found.surname) == ("Fatima", "el", "Amrani")
    assert found.birth == PartialDate(1985, 3, 14)
    assert str(found.birth_date) == "1985-03-14"
    address = found.address
    assert address.street == "Burg Quarles v Uffordln"
    assert address.official_street == "Burgemeester Jhr. Quarles van Uffordlaan"
    assert address.street_line == "Burg Quarles v Uffordln 12A-2"
    assert (address.postcode, address.city, address.object_id) == ("9999AA", "Voorbeeld", OBJECT_ID)
    assert found.residence is None and not found.deceased and not found.secret
    assert [p.name for p in found.partners] == ["Youssef el Amrani"]
    assert [(c.bsn, str(c.birth_date)) for c in found.children] == [("999990123", "2012-08-30")]
    assert found.name_use == "E" and found.sex == "V"
    assert found.under_investigation == frozenset()


def test_a_deceased_person(brp):
    found = person(brp, "999990020")
    assert found.deceased and found.suspended_reason == "O"


def test_secret_personal_data(brp):
    assert person(brp, "999990044").secret
    assert not person(brp, "999990007").secret


def test_data_under_investigation(brp):
    found = person(brp, "999990056")
    assert found.under_investigation == {"naam", "geboorte", "verblijfplaats"}


def test_predicate_name_use_and_partner_name_at_sign_in(brp):
    found = person(brp, "999990068", purposes.SIGNED_IN_NAME)
    assert found.title_predicate == "jonkheer" and found.name_use == "V"
    assert (found.partner_prefix, found.partner_surname) == ("de", "Groot")
    assert found.birth is None and found.address is None  # not asked for at sign-in


@pytest.mark.parametrize(
    "bsn, birth",
    [
        ("999990068", PartialDate(1970, 5)),
        ("999990081", PartialDate(1950)),
        ("999990093", PartialDate()),
    ],
)
def test_incomplete_birth_dates_stay_incomplete(brp, bsn, birth):
    found = person(brp, bsn)
    assert found.birth == birth and found.birth_date is None


@pytest.mark.parametrize(
    "bsn, residence",
    [
        ("999990081", Residence("locatie", description="Woonboot bij de Amstelsluis")),
        (
            "999990093",
            Residence("buitenland", lines=("Rue de la Loi 16", "1000 Bruxelles"), country="België"),
        ),
        ("999990105", Residence("onbekend")),
        (
            "999990117",
            Residence("rni", lines=("Hauptstrasse 1", "10115 Berlin"), country="Duitsland"),
        ),
    ],
)
def test_a_residence_without_a_dutch_street_address_is_kept(brp, bsn, residence):
    found = person(brp, bsn)
    assert found.residence == residence and found.address is None


# --- answers of another shape ------------------------------------------------------------


def _first(answer: dict) -> dict:
    return answer["personen"][0]


def _set(path: str, value):
    def change(answer):
        target = _first(answer)
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
        return answer

    return change


ODD = {
    "name-is-a-list": (_set("naam", [{"voornamen": "Fatima"}]), "personen.0.naam"),
    "date-not-iso": (_set("geboorte.datum.datum", "14-03-1985"), "geboorte.datum"),
    "date-impossible": (_set("geboorte.datum.datum", "1985-02-30"), "geboorte.datum"),
    "date-type-missing": (_set("geboorte.datum.type", KeyError), "geboorte.datum"),
    "long-format-missing": (_set("geboorte.datum.langFormaat", KeyError), "langFormaat"),
    "residence-type-missing": (_set("verblijfplaats.type", KeyError), "verblijfplaats"),
    "residence-type-unknown": (_set("verblijfplaats.type", "Woonwagen"), "verblijfplaats"),
    "house-number-text": (_set("verblijfplaats.verblijfadres.huisnummer", "12"), "huisnummer"),
    "partners-an-object": (_set("partners", {"naam": {}}), "personen.0.partners"),
    "secret-a-string": (_set("geheimhoudingPersoonsgegevens", "ja"), "geheimhouding"),
    "answer-a-list": (lambda answer: answer["personen"], "brp"),
    "personen-an-object": (lambda answer: {**answer, "personen": _first(answer)}, "personen"),
    "type-missing": (lambda answer: {"personen": answer["personen"]}, "type"),
    "type-of-another-query": (
        lambda answer: {**answer, "type": "ZoekMetPostcodeEnHuisnummer"},
        "type",
    ),
}


@pytest.mark.parametrize("case", ODD, ids=list(ODD))
def test_an_answer_of_another_shape_is_invalid_and_logged(brp, caplog, case):
    change, where = ODD[case]
    brp.odd = change
    with (
        caplog.at_level(logging.WARNING, logger="portal.registries.http.brp"),
        pytest.raises(RegistryAnswerInvalid) as raised,
    ):
        person(brp, "999990007")
    assert isinstance(raised.value, RegistryUnavailable)  # pages say "try later"
    # A JSON answer that is no object at all is refused by the transport (client.py) already.
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("portal.registries.http")]
    assert len(lines) == 1 and where in lines[0]
    assert "999990007" not in lines[0] and "Amrani" not in lines[0]


def test_an_answer_about_someone_else_is_not_shown(brp):
    brp.odd = _set("burgerservicenummer", "999990044")
    with pytest.raises(RegistryAnswerInvalid):
        person(brp, "999990007")


def test_a_residents_answer_of_another_shape_is_invalid(brp):
    brp.odd = lambda answer: {**answer, "personen": 3}
    with pytest.raises(RegistryAnswerInvalid):
        register(brp).residents_at(OBJECT_ID, ask(purposes.CHECK_MOVE))


def test_unknown_extra_fields_are_no_problem(brp):
    def extra(answer):
        _first(answer)["nieuwVeld"] = {"iets": [1, 2]}
        answer["nieuw"] = True
        return answer

    brp.odd = extra
    assert person(brp, "999990007").surname == "Amrani"
