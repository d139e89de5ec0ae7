"""Building blocks that several product forms in `forms/` share: the person's name and address
from the BRP, shown as facts. One definition here keeps the label, the register source and the
autocomplete hint the same on every form; a form may word the message for an empty field
differently (for example when the form is about someone else)."""

from flask_babel import lazy_gettext as _l

from portal.requests.definition import Fact

NAME_REQUIRED = _l("Vul uw volledige naam in.")
ADDRESS_REQUIRED = _l("Vul uw adres in.")


def person_name(required=NAME_REQUIRED) -> Fact:
    return Fact("naam", _l("Naam"), "person.name", required=required, autocomplete="name")


def person_address(name: str = "adres", required=ADDRESS_REQUIRED) -> Fact:
    return Fact(
        name, _l("Adres"), "person.address", required=required, autocomplete="street-address"
    )
