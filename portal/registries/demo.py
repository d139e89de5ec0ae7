"""Demo data for the embedded registers: fictional people, companies and addresses of
"Gemeente Voorbeeld" (woonplaats Voorbeeld, postcodes 9999 AA–AL).

Every BSN passes the 11-check and lies in the 99999xxxx test range. There is a person for
every test persona of the local OIDC provider, a household (Fatima el Amrani with partner and
child), a father living alone (Henk Bakker), an address with nine people registered (for the
move checks) and empty addresses a person could move to.

Every address has a coordinate (WGS84) in the town the reports area draws around
`DEMO_CENTER`: the streets are in portal/reports/fixtures/demo_streets.json, the boundary in
portal/reports/fixtures/area.json.
"""

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.registries.models import DemoAddress, DemoBranch, DemoCompany, DemoPerson

CITY = "Voorbeeld"

# object id (BAG adresseerbaar object), street, number, letter, addition, postcode
ADDRESSES = [
    ("9999010000000001", "Dorpsstraat", 12, "", "", "9999AA"),
    ("9999010000000002", "Kerkweg", 3, "", "", "9999AB"),
    ("9999010000000003", "Lindelaan", 45, "B", "", "9999AC"),
    ("9999010000000004", "Molenweg", 7, "", "", "9999AD"),
    ("9999010000000005", "Stationsstraat", 21, "", "", "9999AE"),
    ("9999010000000006", "Beukenhof", 8, "", "2", "9999AF"),
    ("9999010000000007", "Havenkade", 30, "", "", "9999AG"),
    ("9999010000000008", "Nieuwe Gracht", 2, "", "", "9999AH"),
    ("9999010000000009", "Nieuwe Gracht", 4, "", "", "9999AH"),
    ("9999010000000010", "Marktplein", 1, "", "", "9999AJ"),
    ("9999010000000011", "Stationsstraat", 5, "", "", "9999AE"),
    ("9999010000000012", "Noorderweg", 14, "", "", "9999AK"),
    ("9999010000000013", "Industrieweg", 9, "", "", "9999AL"),
    ("9999010000000014", "Lindelaan", 45, "A", "", "9999AC"),
    ("9999010000000015", "Molenweg", 9, "", "", "9999AD"),
    ("9999010000000016", "Dorpsstraat", 1, "", "", "9999AA"),
    ("9999010000000017", "Dorpsstraat", 30, "", "", "9999AM"),
    ("9999010000000018", "Kerkweg", 10, "", "", "9999AB"),
    ("9999010000000019", "Schoolstraat", 6, "", "", "9999AN"),
    ("9999010000000020", "Parklaan", 2, "", "", "9999AP"),
    ("9999010000000021", "Schoolstraat", 8, "", "", "9999AN"),
    ("9999010000000022", "Parklaan", 10, "", "", "9999AP"),
    ("9999010000000023", "Parklaan", 4, "", "", "9999AP"),
    ("9999010000000024", "Parklaan", 12, "", "", "9999AP"),
    ("9999010000000025", "Parklaan", 14, "", "", "9999AP"),
    ("9999010000000026", "Parklaan", 16, "", "", "9999AP"),
    ("9999010000000027", "Parklaan", 18, "", "", "9999AP"),
    ("9999010000000028", "Parklaan", 20, "", "", "9999AP"),
]

# object id → (latitude, longitude): beside the street, inside the municipality, away from
# the railway, the motorway and the river.
COORDINATES = {
    "9999010000000001": (52.30025, 6.09383),
    "9999010000000002": (52.30002, 6.10261),
    "9999010000000003": (52.29525, 6.09387),
    "9999010000000004": (52.29650, 6.10032),
    "9999010000000005": (52.30630, 6.10067),
    "9999010000000006": (52.29435, 6.10373),
    "9999010000000007": (52.30006, 6.08486),
    "9999010000000008": (52.30124, 6.09577),
    "9999010000000009": (52.30137, 6.09538),
    "9999010000000010": (52.30076, 6.09956),
    "9999010000000011": (52.30222, 6.10019),
    "9999010000000012": (52.31180, 6.09728),
    "9999010000000013": (52.31108, 6.10806),
    "9999010000000014": (52.29535, 6.09390),
    "9999010000000015": (52.29622, 6.10035),
    "9999010000000016": (52.30035, 6.08858),
    "9999010000000017": (52.30017, 6.09803),
    "9999010000000018": (52.29987, 6.10682),
    "9999010000000019": (52.30205, 6.09587),
    "9999010000000020": (52.29806, 6.10636),
    "9999010000000021": (52.30215, 6.09590),
    "9999010000000022": (52.29740, 6.10690),
    "9999010000000023": (52.29790, 6.10650),
    "9999010000000024": (52.29724, 6.10704),
    "9999010000000025": (52.29708, 6.10717),
    "9999010000000026": (52.29691, 6.10731),
    "9999010000000027": (52.29675, 6.10744),
    "9999010000000028": (52.29658, 6.10758),
}

# bsn, given names, prefix, surname, birth date, address, partner, parent 1, parent 2
PEOPLE = [
    (
        "999990007",
        "Fatima",
        "el",
        "Amrani",
        date(1988, 5, 17),
        "9999010000000001",
        "999990019",
        None,
        None,
    ),
    (
        "999990019",
        "Youssef",
        "el",
        "Amrani",
        date(1986, 11, 2),
        "9999010000000001",
        "999990007",
        None,
        None,
    ),
    (
        "999990020",
        "Noor",
        "el",
        "Amrani",
        date(2016, 3, 9),
        "9999010000000001",
        None,
        "999990007",
        "999990019",
    ),
    ("999990032", "Kees", "de", "Vries", date(1975, 8, 30), "9999010000000002", None, None, None),
    (
        "999990068",
        "Sanne",
        "",
        "Bakker",
        date(1982, 1, 24),
        "9999010000000003",
        None,
        "999990111",
        None,
    ),
    ("999990111", "Henk", "", "Bakker", date(1941, 6, 12), "9999010000000004", None, None, None),
    ("999990172", "Joost", "", "Willems", date(1993, 12, 5), "9999010000000005", None, None, None),
    ("999990184", "Karim", "", "Bouzid", date(1979, 10, 2), "9999010000000015", None, None, None),
    ("999990147", "Piet", "", "Smit", date(1958, 4, 19), "9999010000000006", None, None, None),
    # One persona per thing the BRP can say beyond plain data (see BRP_DETAILS).
    ("999990408", "Gerrit", "", "Mulder", date(1938, 2, 11), None, None, None, None),
    (
        "999990421",
        "Ruben",
        "",
        "Mulder",
        date(1969, 7, 3),
        "9999010000000021",
        None,
        "999990408",
        None,
    ),
    ("999990433", "Lotte", "", "Jansen", date(1991, 9, 14), "9999010000000022", None, None, None),
    ("999990445", "Mila", "", "Visser", date(1985, 2, 27), "9999010000000023", None, None, None),
    ("999990457", "Bas", "", "Hoekstra", date(1972, 6, 8), None, None, None, None),
    ("999990469", "Eva", "", "Lambert", date(1990, 4, 21), None, None, None, None),
    # Only the year is known; the date column needs a day, the BRP answer has none.
    ("999990470", "Johannes", "", "Post", date(1950, 1, 1), "9999010000000017", None, None, None),
    (
        "999990482",
        "Willem Frederik",
        "van den",
        "Aedel",
        date(1966, 10, 30),
        "9999010000000019",
        None,
        None,
        None,
    ),
    (
        "999990494",
        "Anna",
        "in het",
        "Veld",
        date(1980, 12, 1),
        "9999010000000020",
        "999990500",
        None,
        None,
    ),
    (
        "999990500",
        "Thomas",
        "van",
        "Velzen",
        date(1979, 5, 16),
        "9999010000000020",
        "999990494",
        None,
        None,
    ),
    ("999990512", "Daan", "", "Smits", date(1987, 3, 2), None, None, None, None),
    ("999990524", "Iris", "", "Kramer", date(1995, 7, 19), None, None, None, None),
]

# bsn → what the BRP says beyond plain data (DemoPerson.brp_details): "sex" (geslacht M, V,
# O) for everyone, and one indicator for each of the personas added for issue 15.
BRP_DETAILS = {
    "999990007": {"sex": "V"},
    "999990019": {"sex": "M"},
    "999990020": {"sex": "V"},
    "999990032": {"sex": "M"},
    "999990068": {"sex": "V"},
    "999990111": {"sex": "M"},
    "999990172": {"sex": "M"},
    "999990184": {"sex": "M"},
    "999990147": {"sex": "M"},
    "999990408": {"sex": "M", "deceased": True},
    "999990421": {"sex": "M"},
    "999990433": {"sex": "V", "under_investigation": ["verblijfplaats"]},
    "999990445": {"sex": "V", "secret": True},
    "999990457": {
        "sex": "M",
        "residence": {
            "kind": "locatie",
            "description": "Woonboot De Reiger, ligplaats tegenover Havenkade 30",
        },
    },
    "999990469": {
        "sex": "V",
        "residence": {
            "kind": "buitenland",
            "lines": ["Rue de la Paix 12", "75002 Paris"],
            "country": "Frankrijk",
        },
    },
    "999990470": {"sex": "M", "birth": {"year": 1950}},
    "999990482": {"sex": "M", "title_predicate": "jonkheer"},
    "999990494": {"sex": "V", "name_use": "V"},
    "999990500": {"sex": "M"},
    "999990512": {
        "sex": "M",
        "residence": {
            "kind": "rni",
            "lines": ["Hauptstraße 5", "10115 Berlin"],
            "country": "Duitsland",
        },
    },
    "999990524": {"sex": "V", "residence": {"kind": "onbekend"}},
}

# Nine unrelated adults at one address: the move checks flag an address this full.
# The clients of the bewindvoerder persona (portal.testprovider.personas): bsn, full name,
# (given names, prefix, surname). Made-up people with test BSNs, five to an address.
BEWINDVOERDER_CLIENTS = (
    ("999991000", "Anton de Wit", ("Anton", "de", "Wit")),
    ("999991012", "Bep Verhoeven", ("Bep", "", "Verhoeven")),
    ("999991024", "Cor van Dijk", ("Cor", "van", "Dijk")),
    ("999991036", "Dirk Meijer", ("Dirk", "", "Meijer")),
    ("999991048", "Els de Groot", ("Els", "de", "Groot")),
    ("999991061", "Frans Bos", ("Frans", "", "Bos")),
    ("999991073", "Gerda Vos", ("Gerda", "", "Vos")),
    ("999991085", "Hans Peters", ("Hans", "", "Peters")),
    ("999991097", "Ineke Hendriks", ("Ineke", "", "Hendriks")),
    ("999991103", "Jan van Leeuwen", ("Jan", "van", "Leeuwen")),
    ("999991115", "Karin Dekker", ("Karin", "", "Dekker")),
    ("999991127", "Leo Brouwer", ("Leo", "", "Brouwer")),
    ("999991139", "Marja de Vries", ("Marja", "de", "Vries")),
    ("999991140", "Nico van der Meer", ("Nico", "van der", "Meer")),
    ("999991152", "Olga Kok", ("Olga", "", "Kok")),
    ("999991164", "Paul Jacobs", ("Paul", "", "Jacobs")),
    ("999991176", "Rita van den Berg", ("Rita", "van den", "Berg")),
    ("999991188", "Sjaak Smits", ("Sjaak", "", "Smits")),
    ("999991206", "Tineke Schouten", ("Tineke", "", "Schouten")),
    ("999991218", "Ursula Willems", ("Ursula", "", "Willems")),
    ("999991231", "Vincent Koster", ("Vincent", "", "Koster")),
    ("999991243", "Wim Prins", ("Wim", "", "Prins")),
    ("999991255", "Yvonne Huisman", ("Yvonne", "", "Huisman")),
    ("999991267", "Zeger Kuipers", ("Zeger", "", "Kuipers")),
    ("999991279", "Ali Demir", ("Ali", "", "Demir")),
)

CROWDED = [
    ("999990305", "Adam", "Nowak"),
    ("999990317", "Bartek", "Kowalski"),
    ("999990329", "Cezary", "Wiśniewski"),
    ("999990330", "Dawid", "Wójcik"),
    ("999990342", "Emil", "Kamiński"),
    ("999990354", "Filip", "Lewandowski"),
    ("999990366", "Grzegorz", "Zieliński"),
    ("999990378", "Hubert", "Szymański"),
    ("999990391", "Igor", "Woźniak"),
]

COMPANIES = [
    ("90001234", "Café De Zon B.V.", "Besloten Vennootschap"),
    ("90005678", "Bewindvoering Noord B.V.", "Besloten Vennootschap"),
    ("90009012", "Kok Installatietechniek", "Eenmanszaak"),
]

# number, kvk, trade name, main branch, address
BRANCHES = [
    ("000012345678", "90001234", "Café De Zon", True, "9999010000000010"),
    ("000012345679", "90001234", "Café De Zon Stationsstraat", False, "9999010000000011"),
    ("000012349999", "90005678", "Bewindvoering Noord", True, "9999010000000012"),
    ("000012340001", "90009012", "Kok Installatietechniek", True, "9999010000000013"),
]


def _load_addresses() -> bool:
    """Add missing addresses and fill missing coordinates (a database loaded before the
    addresses had coordinates gets them too)."""
    existing = {row.object_id: row for row in db.session.scalars(select(DemoAddress))}
    changed = False
    for object_id, street, number, letter, addition, postcode in ADDRESSES:
        latitude, longitude = COORDINATES[object_id]
        row = existing.get(object_id)
        if row is None:
            db.session.add(
                DemoAddress(
                    object_id=object_id,
                    street=street,
                    house_number=number,
                    house_letter=letter,
                    addition=addition,
                    postcode=postcode,
                    city=CITY,
                    latitude=latitude,
                    longitude=longitude,
                )
            )
            changed = True
        elif row.latitude is None or row.longitude is None:
            row.latitude, row.longitude = latitude, longitude
            changed = True
    db.session.flush()
    return changed


NO_FAMILY = (None, None, None)


def _client_address(index: int) -> str:
    return f"99990100000000{24 + index // 5}"


def _load_people() -> bool:
    """Add the people not there yet and the BRP details of those who have none: a database
    loaded before a persona was added gets it too."""
    existing = {row.bsn: row for row in db.session.scalars(select(DemoPerson))}
    changed = False
    clients = [
        (bsn, *parts, date(1940 + index, 1 + index % 12, 1), _client_address(index), *NO_FAMILY)
        for index, (bsn, _, parts) in enumerate(BEWINDVOERDER_CLIENTS)
    ]
    for bsn, given, prefix, surname, born, address, partner, parent1, parent2 in PEOPLE + clients:
        row = existing.get(bsn)
        details = BRP_DETAILS.get(bsn, {})
        if row is None:
            db.session.add(
                DemoPerson(
                    bsn=bsn,
                    given_names=given,
                    prefix=prefix,
                    surname=surname,
                    birth_date=born,
                    address_id=address,
                    partner_bsn=partner,
                    parent1_bsn=parent1,
                    parent2_bsn=parent2,
                    brp_details=details,
                )
            )
            changed = True
        elif details and not row.brp_details:
            row.brp_details = details
            changed = True
    db.session.flush()
    return changed


def load() -> bool:
    """Add the demo registers when they are not there yet; True when something was added."""
    addresses_changed = _load_addresses()
    if db.session.scalar(select(DemoPerson.bsn).limit(1)) is not None:
        return _load_people() or addresses_changed
    _load_people()
    for index, (bsn, given, surname) in enumerate(CROWDED):
        db.session.add(
            DemoPerson(
                bsn=bsn,
                given_names=given,
                prefix="",
                surname=surname,
                birth_date=date(1990 + index, 1 + index, 10),
                address_id="9999010000000007",
            )
        )
    for kvk, name, legal_form in COMPANIES:
        db.session.add(DemoCompany(kvk=kvk, name=name, legal_form=legal_form))
    db.session.flush()
    for number, kvk, name, is_main, address in BRANCHES:
        db.session.add(
            DemoBranch(number=number, kvk=kvk, name=name, is_main=is_main, address_id=address)
        )
    db.session.flush()
    return True
