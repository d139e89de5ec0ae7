"""Demo cases for the test personas, made through the same services as real ones.

- Fatima el Amrani (BSN 999990007): an open parking permit with a task, an open change of
  address that no one at team Burgerzaken has picked up yet, and a closed register extract
  with its decision letter.
- Henk Bakker (BSN 999990111): an open Wmo case (his daughter's mandate covers it) and a
  parking permit that her mandate does not cover, so she must not see it.
- Piet Smit (BSN 999990147): a register extract his administrator (bewindvoerder) may follow.
- Café De Zon B.V. (KVK 90001234): a terrace permit for branch 000012345678 (where Ahmed
  Yilmaz signs in) and a street report of the other branch, which he must not see.

The events they cause land in the outbox like any other; in development the mail catcher
keeps them.
"""

from datetime import UTC, datetime

from fpdf import FPDF

from portal.auth.principal import Party, Principal
from portal.cases import creation, files, handling, services
from portal.testprovider.personas import persona

FATIMA = "999990007"
HENK = "999990111"
PIET = "999990147"
CAFE_KVK = "90001234"
CAFE_BRANCH = "000012345678"
CAFE_OTHER_BRANCH = "000012345679"


def _staff(persona_id: str):
    person = persona(persona_id)
    return Principal(
        means="staff",
        level="staff",
        signed_in_at=datetime.now(UTC),
        staff_id=person.sub,
        display_name=person.claims["name"],
        roles=tuple(person.claims["roles"]),
        team=person.claims["team"],
        email=person.claims["email"],
    )


def _party(kind: str, identifier: str, branch: str | None = None):
    return Party(kind=kind, identifier=identifier, branch=branch)


def _decision_letter(number: str) -> files.StoredFile:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 12)
    for line in (
        "Gemeente Voorbeeld",
        f"Besluit over uw aanvraag {number}",
        "U krijgt het uittreksel uit de Basisregistratie Personen.",
        "Het uittreksel zit bij deze brief.",
    ):
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return files.store_bytes(
        bytes(pdf.output()), name=f"Besluit {number}.pdf", content_type="application/pdf"
    )


def load() -> bool:
    if services.get_case_by_key("demo-fatima-parkeren") is not None:
        return False
    maria, eva = _staff("behandelaar"), _staff("behandelaar-wmo")
    fatima, henk = _party("person", FATIMA), _party("person", HENK)

    parking = creation.create_case(
        product_slug="parkeervergunning-bewoners",
        party=fatima,
        actor=None,
        answers={"kenteken": "12-ABC-3", "adres": "Dorpsstraat 1, Voorbeeld"},
        idempotency_key="demo-fatima-parkeren",
    )
    handling.assign(parking, maria)
    handling.change_status(
        parking, "in_behandeling", "Wij kijken of de auto op uw naam staat.", maria
    )
    handling.request_information(
        parking, "Stuur ons nog een kopie van uw kentekenbewijs (deel 1A).", None, actor=maria
    )

    extract = creation.create_case(
        product_slug="uittreksel-brp",
        party=fatima,
        actor=None,
        answers={"soort": "uittreksel", "doel": "werkgever"},
        idempotency_key="demo-fatima-uittreksel",
    )
    handling.assign(extract, maria)
    handling.attach_document(extract, _decision_letter(extract.number), "besluit", actor=maria)
    handling.send_message(
        extract, "Uw uittreksel staat klaar. U vindt het bij de documenten.", maria
    )
    handling.close_case(extract, "toegekend", None, maria)

    wmo = creation.create_case(
        product_slug="hulp-bij-het-huishouden",
        party=henk,
        actor=None,
        answers={"vraag": "Ik kan het huis niet meer zelf schoonhouden."},
        idempotency_key="demo-henk-wmo",
    )
    handling.assign(wmo, eva)
    handling.change_status(
        wmo, "in_behandeling", "Wij bellen u deze week om een huisbezoek te plannen.", eva
    )
    handling.send_message(wmo, "Past dinsdagochtend om 10.00 uur voor een huisbezoek?", eva)

    creation.create_case(
        product_slug="parkeervergunning-bewoners",
        party=henk,
        actor=None,
        answers={"kenteken": "34-XYZ-5"},
        idempotency_key="demo-henk-parkeren",
    )

    creation.create_case(
        product_slug="verhuizing-doorgeven",
        party=fatima,
        actor=None,
        answers={"nieuw_adres": "Kerkstraat 12, Voorbeeld", "verhuisdatum": "1 december"},
        idempotency_key="demo-fatima-verhuizing",
    )

    creation.create_case(
        product_slug="uittreksel-brp",
        party=_party("person", PIET),
        actor=None,
        answers={"soort": "uittreksel", "doel": "bank"},
        idempotency_key="demo-piet-uittreksel",
    )

    creation.create_case(
        product_slug="terrasvergunning",
        party=_party("company", CAFE_KVK, CAFE_BRANCH),
        actor=None,
        answers={"oppervlakte_m2": 24, "periode": "april tot en met september"},
        idempotency_key="demo-cafe-terras",
    )
    creation.create_case(
        product_slug="melding-openbare-ruimte",
        party=_party("company", CAFE_KVK, CAFE_OTHER_BRANCH),
        actor=None,
        answers={"categorie": "straatverlichting", "locatie": "Stationsstraat 3"},
        idempotency_key="demo-cafe-station-melding",
    )
    return True
