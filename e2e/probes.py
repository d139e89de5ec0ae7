"""Pages only browser tests reach, added to the live app before it serves.

- `/_e2e/fout/<code>`: each error page, as a visitor would meet it.
- `/_e2e/formulier`: one form with every macro of templates/components/forms.html, so the
  error pattern (summary, messages, kept input) and a form left open too long (expired
  CSRF token) are tried in a real browser and checked with axe.

The texts are test data, not portal texts, so they are not translated.
"""

from flask import Flask, abort, render_template_string
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Optional

from portal.components.fields import MultiCheckboxField, ThreePartDateField

ERROR_CODES = (400, 403, 404, 405, 413, 429, 500)

FORM_PAGE = """{% extends "base.html" %}
{% import "components/forms.html" as forms %}
{% block title %}Proefformulier{% endblock %}
{% block content %}
{{ forms.error_summary(form) }}
<h1 class="utrecht-heading-1">Proefformulier</h1>
{% if received %}<p class="utrecht-paragraph">Ontvangen: {{ form.naam.data }}</p>{% endif %}
<form method="post" action="{{ url_for('e2e_form') }}" enctype="multipart/form-data" novalidate>
  {{ forms.csrf() }}
  {{ forms.text_input(form.naam, autocomplete="name") }}
  {{ forms.textarea(form.omschrijving, hint="Schrijf kort wat er kapot is.") }}
  {{ forms.radios(form.soort) }}
  {{ forms.checkboxes(form.dagen, hint="Kies alle dagen die passen.") }}
  {{ forms.select(form.wijk) }}
  {{ forms.date_input(form.datum, hint="Bijvoorbeeld: 27 3 2024") }}
  {{ forms.file_input(form.foto, accept="image/jpeg,image/png") }}
  {{ forms.checkbox(form.akkoord) }}
  {{ forms.button("Versturen") }}
</form>
{% endblock %}"""


class ProbeForm(FlaskForm):
    naam = StringField("Uw naam", validators=[DataRequired("Vul uw naam in")])
    omschrijving = TextAreaField(
        "Wat is er aan de hand?", validators=[DataRequired("Schrijf wat er aan de hand is")]
    )
    soort = RadioField(
        "Waar gaat het over?",
        choices=[SelectChoice("straat", "De straat"), SelectChoice("groen", "Het groen")],
        invalid_choice_message="Kies waar het over gaat",
    )
    dagen = MultiCheckboxField(
        "Wanneer bent u thuis?",
        choices=[SelectChoice("ma", "Maandag"), SelectChoice("di", "Dinsdag")],
        validators=[DataRequired("Kies minstens één dag")],
    )
    wijk = SelectField(
        "In welke wijk?",
        choices=[
            SelectChoice("", "Kies een wijk"),
            SelectChoice("noord", "Noord"),
            SelectChoice("zuid", "Zuid"),
        ],
        validators=[DataRequired("Kies een wijk")],
    )
    datum = ThreePartDateField("Wanneer zag u het?", required_message="Vul de datum in")
    foto = FileField("Foto", validators=[Optional()])
    akkoord = BooleanField("Ik heb alles goed ingevuld", validators=[DataRequired("Vink dit aan")])


def add_probe_routes(app: Flask) -> None:
    def error(code: int):
        if code == 500:
            raise RuntimeError("a failure the visitor cannot cause")
        if code not in ERROR_CODES:
            abort(404)
        abort(code)

    def form_page():
        form = ProbeForm()
        received = form.validate_on_submit()
        return render_template_string(FORM_PAGE, form=form, received=received)

    app.add_url_rule("/_e2e/fout/<int:code>", "e2e_error", error)
    app.add_url_rule("/_e2e/formulier", "e2e_form", form_page, methods=["GET", "POST"])
