"""Forms of the officialese list and the report's filter. The rules (what a word may look
like, no duplicates) are in `editor.jargon_store`, which names the field a message is for."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField


class JargonForm(FlaskForm):
    word = StringField(
        _l("Moeilijk woord"), description=_l("Eén woord of een paar woorden, bijvoorbeeld: indien")
    )
    plain = StringField(
        _l("Gewoon woord"),
        description=_l("Wat de schrijver beter kan gebruiken, bijvoorbeeld: als"),
    )


class DeleteForm(FlaskForm):
    """The delete button: only the CSRF token."""


class AttentionFilterForm(FlaskForm):
    """Read from the query string; filtering changes nothing, so no CSRF token is needed.
    The view sets the choices (the registered kinds and the checks)."""

    class Meta:
        csrf = False

    soort = SelectField(_l("Soort tekst"), choices=[], validate_choice=False)
    controle = SelectField(_l("Controle"), choices=[], validate_choice=False)

    def chosen(self, name: str) -> str:
        """The value when it is one of the choices, else "" (no filter)."""
        field = self[name]
        values = {str(value) for value, _label in field.choices}
        return field.data if field.data in values else ""
