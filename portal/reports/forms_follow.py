"""Forms on the follow page: "het is niet opgelost", and stop following.

The mark uses the cases area's `FeedbackForm`, as on every case page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from portal.reports.reopening import REASON_MAX


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ReopenForm(FlaskForm):
    reason = TextAreaField(
        _l("Wat is er niet opgelost?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Schrijf op wat er niet is opgelost")),
            Length(
                max=REASON_MAX,
                message=_l("Uw uitleg is te lang. Gebruik maximaal 1000 tekens."),
            ),
        ],
        description=_l(
            "Bijvoorbeeld: de lamp brandt nog steeds niet. Gebruik maximaal 1000 tekens."
        ),
    )


class StopForm(FlaskForm):
    """Only the CSRF token: stopping is one button."""
