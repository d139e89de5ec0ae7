"""The appointments area's blueprints, in one place so every views module can import its own.

- `resident` ("appointments"): booking under /afspraak, the manage link, "Mijn afspraken",
  answering a proposal.
- `office` ("appointment_office"): the agenda under /medewerkers/afspraken (staff only).
"""

from flask import Blueprint

resident = Blueprint("appointments", __name__)
office = Blueprint("appointment_office", __name__, url_prefix="/medewerkers/afspraken")
