"""Buurtfeest melden: the definition loads, its product page starts the form, and each plan
brings the step that says what is needed for it ("ja, mits"), not only what is not allowed."""

from sqlalchemy import select

from portal.cases.models import Case
from portal.extensions import db
from portal.requests import engine
from portal.requests.definition import check_definition, definition_for
from tests.requests.conftest import date_parts, next_week, soup, text_of

SLUG = "buurtfeest-melden"
PARTY = {
    "begintijd": "15:00",
    "eindtijd": "23:00",
    "straat": "Dorpsstraat, bij nummer 1 tot en met 25",
    "aantal": "tot-50",
}
QUIET = {"afsluiten": "nee", "muziek": "zacht", "tent": "geen"}


def _steps(answers: dict) -> list[str]:
    return [step.name for step in engine.visible_steps(definition_for(SLUG), answers, {})]


def test_the_definition_is_valid(app):
    check_definition(definition_for(SLUG))


def test_a_quiet_party_asks_only_about_the_neighbours(app):
    assert _steps({**PARTY, **QUIET}) == ["feest", "onderdelen", "buren", "contact"]


def test_each_plan_brings_the_step_that_says_what_is_needed(app):
    answers = {
        **PARTY,
        "aantal": "meer-250",
        "afsluiten": "ja",
        "muziek": "luid",
        "tent": "groot",
        "eten_drinken": ["barbecue", "alcohol-verkopen"],
    }
    assert _steps(answers) == [
        "feest",
        "onderdelen",
        "groot-feest",
        "straat-afsluiten",
        "muziek-afspraken",
        "grote-tent",
        "barbecue",
        "alcohol",
        "buren",
        "contact",
    ]


def test_the_guidance_says_how_it_can_be_done(app):
    definition = definition_for(SLUG)
    with app.test_request_context():
        closing = str(definition.step("straat-afsluiten").intro)
        music = str(definition.step("muziek-afspraken").intro)
    assert "Dat mag" in closing and "3,5 meter" in closing and "hulpdiensten" in closing
    assert "tot 23.00 uur" in music


def test_the_product_page_starts_the_form(signed_in, client):
    page = client.get(f"/producten/{SLUG}")
    start = soup(page).find("a", href=f"/aanvragen/{SLUG}")
    assert start is not None, text_of(page)[:400]


def test_a_street_party_with_the_street_closed_becomes_a_case(signed_in, walker):
    signed_in("inwoner-midden")
    walker.begin(SLUG)
    assert walker.step_name == "feest"
    walker.post({**PARTY, **date_parts("datum", next_week())})
    assert walker.step_name == "onderdelen"
    walker.post({**QUIET, "afsluiten": "ja"})
    assert walker.step_name == "straat-afsluiten"
    page = text_of(walker.page())
    assert "Houd daarom een doorgang vrij van 3,5 meter breed" in page
    refused = walker.post({"afsluiten_stuk": "", "hulpdiensten": ""})
    assert refused.status_code == 422
    assert "Vertel hoe de hulpdiensten erdoor kunnen." in text_of(refused)
    walker.post(
        {
            "afsluiten_stuk": "Van nummer 1 tot en met 25",
            "hulpdiensten": "De hekken staan aan één kant.",
            "dranghekken": "6",
        }
    )
    assert walker.step_name == "buren"
    walker.post({"buren": "straks", "opruimen": "y"})
    assert walker.step_name == "contact"
    walker.post({"email": "joost@voorbeeld.example", "telefoon": "06 12345678"})
    assert walker.step_name == "controleren"
    response = walker.post({"verklaring": "y"})
    assert response.status_code == 303
    case = db.session.scalars(select(Case)).one()
    assert case.product_slug == SLUG
    assert case.team == "vergunningen"
    assert case.answers["afsluiten_stuk"] == "Van nummer 1 tot en met 25"
