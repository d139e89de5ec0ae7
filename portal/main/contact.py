"""How residents reach the municipality: phone, e-mail and addresses of the demo
municipality Gemeente Voorbeeld. Templates read them as `municipality_contact`; the texts
around them (opening hours, response times) live in the templates, so they translate.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class MunicipalityContact:
    phone: str
    phone_dial: str
    email: str
    privacy_email: str
    visiting_address: tuple[str, ...]
    postal_address: tuple[str, ...]


# A 14 + area code number, as Dutch municipalities have; 0123 is not a real area code.
GEMEENTE_VOORBEELD = MunicipalityContact(
    phone="14 0123",
    phone_dial="140123",
    email="info@voorbeeld.example",
    privacy_email="privacy@voorbeeld.example",
    visiting_address=("Stadhuisplein 1", "1234 AB Voorbeeld"),
    postal_address=("Postbus 100", "1230 AC Voorbeeld"),
)
