"""What the BRP says, in words people read: names, salutations, dates and addresses.

Plain functions over `records.Person`, so pages, forms and e-mails all say it the same way.
The salutation (aanhef) follows the rules Haal Centraal BRP Personen documents in
`features/bevragen/persoon/adressering/aanhef` (summary.feature, adellijke_titel_predicaat
.feature): the name use (aanduidingNaamgebruik) decides whose surname comes first, a title or
predicate gives "Hoogwelgeboren heer", and without a known sex the initials replace "heer" or
"mevrouw". Dutch words kept where English would blur them: aanhef, naamgebruik, predicaat.
"""

from dataclasses import dataclass, replace
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from portal.registries.records import Address, PartialDate, Person

PREDICATES = frozenset({"jonkheer", "jonkvrouw"})
COUNTS = frozenset({"graaf", "gravin"})
PRINCES = frozenset({"prins", "prinses"})

# Groups of Person.under_investigation, as the BRP names them in `inOnderzoek`.
NAME, BIRTH, RESIDENCE = "naam", "geboorte", "verblijfplaats"


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _capitalised(name: str) -> str:
    """ "van Velzen" → "Van Velzen": a prefix right after "heer" or "mevrouw" starts with a
    capital; the rest of the name stays as registered."""
    return name[:1].upper() + name[1:]


def initials(given_names: str) -> str:
    """ "Robin Melle" → "R.M." """
    return "".join(f"{name[0]}." for name in given_names.split() if name)


def surname_in_use(person: Person) -> str:
    """The surname the person wants to be called by (aanduidingNaamgebruik):
    E own, P partner's, V partner's then own, N own then partner's."""
    own = _join(person.prefix, person.surname)
    partner = _join(person.partner_prefix, person.partner_surname)
    if not partner:
        return own
    if person.name_use == "P":
        return partner
    if person.name_use == "V":
        return f"{partner}-{own}"
    if person.name_use == "N":
        return f"{own}-{partner}"
    return own


def _keeps_title(person: Person) -> bool:
    # A title or predicate belongs to the own surname: with the partner's name first (P, V)
    # it is left out of the name.
    return bool(person.title_predicate) and person.name_use not in ("P", "V")


def display_name(person: Person) -> str:
    """The name to show and to address someone by: "Anna van Velzen-in het Veld",
    "jonkheer Willem van den Aedel", "Willem baron van den Aedel"."""
    title = person.title_predicate.lower() if _keeps_title(person) else ""
    if title in PREDICATES:
        return _join(title, person.given_names, surname_in_use(person))
    if title:
        return _join(person.given_names, title, surname_in_use(person))
    return _join(person.given_names, surname_in_use(person))


def _title_in_salutation(person: Person) -> bool:
    title = person.title_predicate.lower()
    if not title or person.name_use == "P":
        return False
    if title in PRINCES:
        return True
    if person.sex not in ("M", "V"):
        return False
    # A married woman with a predicate is addressed by name; the BRP says so for a current
    # partner, and for an ex-partner whose name she uses. Both show here as a partner name.
    return not (title in PREDICATES and person.sex == "V" and person.partner_surname)


def salutation(person: Person) -> str:
    """The aanhef of a letter or e-mail: "Geachte heer Van den Berg", "Geachte mevrouw Van
    Velzen-in het Veld", "Hoogwelgeboren heer", or "Geachte J. Post" when the sex is unknown."""
    title = person.title_predicate.lower()
    if _title_in_salutation(person):
        if title in PRINCES:
            return _("Hoogheid")
        if title in COUNTS:
            return _("Hooggeboren heer") if person.sex == "M" else _("Hooggeboren vrouwe")
        return _("Hoogwelgeboren heer") if person.sex == "M" else _("Hoogwelgeboren vrouwe")
    name = surname_in_use(person)
    if person.sex == "M":
        return _("Geachte heer %(name)s", name=_capitalised(name))
    if person.sex == "V":
        return _("Geachte mevrouw %(name)s", name=_capitalised(name))
    return _("Geachte %(name)s", name=_join(initials(person.given_names), name))


def partial_date(value: PartialDate | None) -> str:
    """A BRP date as far as it is known: "3 maart 1950", "maart 1950", "1950" or "Onbekend"."""
    if value is None or not value.year:
        return _("Onbekend")
    if value.complete:
        return format_date(value.complete, "d MMMM y")
    if value.month and 1 <= value.month <= 12:
        return format_date(date(value.year, value.month, 1), "MMMM y")
    return str(value.year)


def birth_date(person: Person) -> str:
    if person.birth is not None:
        return partial_date(person.birth)
    if person.birth_date is not None:
        return format_date(person.birth_date, "d MMMM y")
    return _("Onbekend")


def street_line(address: Address) -> str:
    """The street line with the full street name (BRP officieleStraatnaam) when the register
    gave it; the short form is for envelopes, not for people reading their own address."""
    if address.official_street:
        return replace(address, street=address.official_street).street_line
    return address.street_line


def address_lines(person: Person) -> list[str]:
    """Where the person lives, line by line, for every kind of residence the BRP knows.
    Empty when the register did not say (the field was not asked for)."""
    residence = person.residence
    dutch = [street_line(person.address), person.address.postcode_line] if person.address else []
    if residence is None or residence.kind == "adres":
        return dutch
    if residence.kind == "locatie":
        return [residence.description, *dutch] if residence.description else dutch
    abroad = [*residence.lines, residence.country] if residence.country else [*residence.lines]
    if residence.kind == "buitenland":
        return abroad or [_("Een adres in het buitenland")]
    if residence.kind == "rni":
        return [_("Ingeschreven als niet-ingezetene (RNI)"), *abroad]
    return [_("Adres onbekend")]


def residence_note(person: Person) -> str:
    """One plain sentence about an address that is not a Dutch street address; "" otherwise."""
    kind = person.residence.kind if person.residence else ""
    notes = {
        "locatie": _("Dit is geen gewoon adres, maar een plek. Bijvoorbeeld een woonboot."),
        "buitenland": _("Volgens de BRP woont deze persoon in het buitenland."),
        "rni": _("Deze persoon woont niet in Nederland. De gegevens staan in de RNI."),
        "onbekend": _("De gemeente weet niet waar deze persoon nu woont."),
    }
    return notes.get(kind, "")


def under_investigation(person: Person, group: str) -> bool:
    return group in person.under_investigation


def address_sort_key(address: Address) -> tuple:
    """Street, then house number as a number ("2" before "10"), letter, addition."""
    addition = address.addition.strip()
    if not addition:
        addition_key = (0, 0, "")
    elif addition.isdigit():
        addition_key = (1, int(addition), "")
    else:
        addition_key = (2, 0, addition.upper())
    return (
        address.official_street or address.street,
        address.house_number,
        address.house_letter.upper(),
        addition_key,
    )


def legal_name(person: Person) -> str:
    """The name as registered: own surname, with a title or predicate."""
    return display_name(replace(person, name_use=""))


def _residence_label(person: Person) -> str:
    kind = person.residence.kind if person.residence else "adres"
    if kind == "locatie":
        return _("Verblijfplaats")
    if kind in ("buitenland", "rni"):
        return _("Adres in het buitenland")
    return _("Adres")


@dataclass(frozen=True)
class Fact:
    """One row of "Mijn gegevens": `investigated` when the BRP marks it inOnderzoek, `note`
    to explain an unusual value, `from_register` False for what we derive ourselves."""

    label: str
    lines: tuple[str, ...]
    investigated: bool = False
    note: str = ""
    from_register: bool = True


def person_facts(person: Person) -> list[Fact]:
    """The personal data rows of "Mijn gegevens", with every indicator the BRP gave."""
    named = under_investigation(person, NAME)
    facts = [Fact(_("Naam"), (legal_name(person),), named)]
    if display_name(person) != legal_name(person):
        facts.append(Fact(_("Naam die u gebruikt"), (display_name(person),), named))
    facts.append(Fact(_("Aanhef in een brief"), (salutation(person),), named, from_register=False))
    facts.append(
        Fact(_("Geboortedatum"), (birth_date(person),), under_investigation(person, BIRTH))
    )
    lines = address_lines(person)
    if lines:
        facts.append(
            Fact(
                _residence_label(person),
                (", ".join(lines),),
                under_investigation(person, RESIDENCE),
                residence_note(person),
            )
        )
    if person.secret:
        facts.append(
            Fact(
                _("Geheimhouding"),
                (
                    _(
                        "Ja. De gemeente geeft deze gegevens niet aan organisaties buiten "
                        "de gemeente, zoals kerken of goede doelen."
                    ),
                ),
            )
        )
    return facts
