"""The reports area's blueprints, in one place so every views module can import its own.

- `resident` ("reports"): making a report under /melding, following it, the public overview.
- `office` ("report_office"): the back office under /medewerkers/meldingen (staff only).
- `open311` ("open311"): the Open311 GeoReport v2 API under /open311/v2.
"""

from flask import Blueprint

resident = Blueprint("reports", __name__)
office = Blueprint("report_office", __name__, url_prefix="/medewerkers/meldingen")
open311 = Blueprint("open311", __name__, url_prefix="/open311/v2")
