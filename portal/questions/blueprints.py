"""The questions area's blueprints.

- `resident` ("questions"): "Stel uw vraag" under /vraag and the call-back request under
  /terugbellen.
- `office` ("question_office"): the call-back queue and question hand-overs under
  /medewerkers/vragen (staff only).
"""

from flask import Blueprint

resident = Blueprint("questions", __name__)
office = Blueprint("question_office", __name__, url_prefix="/medewerkers/vragen")
