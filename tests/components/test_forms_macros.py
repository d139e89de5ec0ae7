"""The form macros in templates/components/forms.html and the fields they render."""

import datetime

import pytest
from bs4 import BeautifulSoup
from flask import render_template_string
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    FileField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.components.fields import (
    DatePartsError,
    MultiCheckboxField,
    ThreePartDateField,
    parse_date_parts,
)


class ExampleForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Uw naam", validators=[DataRequired("Vul uw naam in"), Length(max=5)])
    email = StringField("E-mailadres", validators=[Optional()])
    moving_date = ThreePartDateField("Wanneer gaat u verhuizen?")
    channel = RadioField(
        "Hoe wilt u bericht krijgen?",
        choices=[SelectChoice("mail", "Per e-mail"), SelectChoice("post", "Per post")],
        validators=[InputRequired("Kies hoe u bericht wilt krijgen")],
    )
    topics = MultiCheckboxField(
        "Waar gaat het over?",
        choices=[SelectChoice("afval", "Afval"), SelectChoice("licht", "Straatverlichting")],
        validators=[DataRequired("Kies een onderwerp")],
    )
    district = SelectField(
        "Wijk",
        choices=[
            SelectChoice("", "Kies een wijk"),
            SelectChoice("noord", "Noord"),
            SelectChoice("zuid", "Zuid"),
        ],
        validators=[DataRequired("Kies een wijk")],
    )
    question = TextAreaField("Uw vraag", validators=[DataRequired("Vul uw vraag in")])
    photo = FileField("Foto", validators=[Optional()])
    agree = BooleanField("Ik ga akkoord", validators=[DataRequired("Vink aan dat u akkoord gaat")])


PAGE = """{% import "components/forms.html" as forms %}
{{ forms.error_summary(form) }}
{{ forms.text_input(form.name, hint="Zoals in uw paspoort", autocomplete="name", width=20) }}
{{ forms.text_input(form.email, input_type="email", autocomplete="email", spellcheck=False) }}
{{ forms.date_input(form.moving_date, hint="Bijvoorbeeld: 27 3 2026") }}
{{ forms.radios(form.channel, hint="U kunt dit later wijzigen") }}
{{ forms.checkboxes(form.topics) }}
{{ forms.select(form.district) }}
{{ forms.textarea(form.question, rows=8) }}
{{ forms.file_input(form.photo, accept="image/*") }}
{{ forms.checkbox(form.agree) }}
{{ forms.csrf() }}
{{ forms.button("Versturen") }}
{{ forms.button("Opslaan", name="actie", value="opslaan", secondary=True) }}
"""

FILLED_IN_WRONG = MultiDict(
    [
        ("name", "Johannes"),
        ("moving_date-day", "12"),
        ("moving_date-month", "13"),
        ("moving_date-year", "2026"),
        ("district", "zuid"),
        ("question", "Mag ik <b>dit</b> vragen?"),
        ("agree", ""),
    ]
)


@pytest.fixture
def render(app):
    def _render(formdata=None, template=PAGE, validate=True):
        with app.test_request_context():
            form = ExampleForm(formdata=formdata)
            if validate:
                form.validate()
            return form, BeautifulSoup(render_template_string(template, form=form), "html.parser")

    return _render


def ids(soup) -> set[str]:
    return {tag["id"] for tag in soup.find_all(id=True)}


def test_every_label_points_at_a_field(render):
    _, soup = render(validate=False)

    for label in soup.find_all("label"):
        target = soup.find(id=label["for"])
        assert target is not None and target.name in {"input", "select", "textarea"}


def test_without_errors_nothing_is_marked_invalid(render):
    _, soup = render(validate=False)

    assert soup.find(attrs={"aria-invalid": True}) is None
    assert soup.find(class_="error-summary") is None
    assert soup.find(class_="utrecht-form-field-error-message") is None


def test_hint_is_tied_to_the_field(render):
    _, soup = render(validate=False)

    name = soup.find("input", id="name")
    assert name["aria-describedby"] == "name-hint"
    assert soup.find(id="name-hint").get_text() == "Zoals in uw paspoort"
    assert name["autocomplete"] == "name"
    assert "input-width-20" in name["class"]


def test_text_input_type_and_spellcheck(render):
    _, soup = render(validate=False)

    email = soup.find("input", id="email")
    assert email["type"] == "email"
    assert email["spellcheck"] == "false"
    assert "aria-describedby" not in email.attrs


def test_optional_field_says_so_and_browser_validation_is_off(render):
    _, soup = render(validate=False)

    assert soup.find("label", attrs={"for": "email"}).get_text(strip=True) == (
        "E-mailadres (niet verplicht)"
    )
    assert soup.find("label", attrs={"for": "name"}).get_text(strip=True) == "Uw naam"
    name = soup.find("input", id="name")
    assert "required" not in name.attrs and "maxlength" not in name.attrs


def test_errors_are_tied_to_their_fields(render):
    _, soup = render(MultiDict())

    for field_id in ("name", "district", "question"):
        control = soup.find(id=field_id)
        assert control["aria-invalid"] == "true"
        described = control["aria-describedby"].split()
        assert f"{field_id}-error" in described
        assert set(described) <= ids(soup)
    message = soup.find(id="name-error")
    assert message.find(class_="visually-hidden").get_text() == "Fout: "
    assert message.get_text() == "Fout: Vul uw naam in"


def test_hint_and_error_are_both_described(render):
    _, soup = render(MultiDict())

    fieldset = soup.find("legend", string="Hoe wilt u bericht krijgen?").parent
    assert fieldset["aria-describedby"] == "channel-hint channel-error"


def test_error_summary_links_to_existing_fields_in_form_order(render):
    _, soup = render(MultiDict())

    summary = soup.find(class_="error-summary")
    assert summary["tabindex"] == "-1"
    assert summary.find("h2").get_text() == "Er is een probleem"
    links = summary.find_all("a")
    targets = [a["href"] for a in links]
    assert targets == [
        "#name",
        "#moving_date-day",
        "#channel-0",
        "#topics-0",
        "#district",
        "#question",
        "#agree",
    ]
    for target in targets:
        assert target[1:] in ids(soup)
    assert links[0].get_text() == "Vul uw naam in"
    assert links[1].get_text() == "Vul de datum in"


def test_typed_values_are_kept_and_escaped(render):
    _, soup = render(FILLED_IN_WRONG)

    assert soup.find("input", id="name")["value"] == "Johannes"
    assert soup.find(id="name-error")  # too long: Length(max=5)
    assert soup.find("select", id="district").find("option", selected=True)["value"] == "zuid"
    # Browsers drop the one newline WTForms writes after <textarea>.
    assert soup.find("textarea", id="question").get_text().lstrip("\r\n") == (
        "Mag ik <b>dit</b> vragen?"
    )
    assert soup.find("textarea", id="question").find("b") is None
    assert soup.find("input", id="moving_date-month")["value"] == "13"


def test_chosen_radio_and_checkboxes_stay_chosen(render):
    data = MultiDict([("channel", "post"), ("topics", "licht"), ("agree", "y")])
    _, soup = render(data)

    assert soup.find("input", id="channel-1").has_attr("checked")
    assert not soup.find("input", id="channel-0").has_attr("checked")
    assert soup.find("input", id="topics-1").has_attr("checked")
    assert soup.find("input", id="agree").has_attr("checked")
    assert soup.find("label", attrs={"for": "topics-1"}).get_text() == "Straatverlichting"


def test_date_error_marks_only_the_wrong_part(render):
    _, soup = render(FILLED_IN_WRONG)

    assert soup.find(id="moving_date-error").get_text() == (
        "Fout: Vul een geldige maand in, van 1 tot en met 12"
    )
    assert soup.find("input", id="moving_date-month")["aria-invalid"] == "true"
    assert "aria-invalid" not in soup.find("input", id="moving_date-day").attrs
    assert soup.find(class_="error-summary").find("a", href="#moving_date-month")


def test_date_parts_have_labels_and_numeric_keyboard(render):
    _, soup = render(validate=False)

    for part, label in (("day", "Dag"), ("month", "Maand"), ("year", "Jaar")):
        box = soup.find("input", id=f"moving_date-{part}")
        assert box["name"] == f"moving_date-{part}"
        assert box["inputmode"] == "numeric"
        assert soup.find("label", attrs={"for": box["id"]}).get_text() == label


def test_file_input_accepts_and_buttons_submit(render):
    _, soup = render(validate=False)

    assert soup.find("input", id="photo")["accept"] == "image/*"
    primary, secondary = soup.find_all("button")
    assert primary["type"] == "submit" and "utrecht-button--primary-action" in primary["class"]
    assert (secondary["name"], secondary["value"]) == ("actie", "opslaan")
    assert "utrecht-button--secondary-action" in secondary["class"]


def test_csrf_token_is_hidden_and_has_no_id(render):
    _, soup = render(validate=False)

    token = soup.find("input", attrs={"name": "csrf_token"})
    assert token["type"] == "hidden" and token["value"]
    assert not token.has_attr("id")


def test_error_summary_takes_a_mapping_or_pairs(render):
    template = (
        '{% import "components/forms.html" as forms %}'
        '{{ forms.error_summary({"postcode": "Vul een postcode in"}) }}'
        '{{ forms.error_summary([("huisnummer", "Vul een huisnummer in"),'
        ' (None, "Probeer opnieuw")]) }}'
        "{{ forms.error_summary({}) }}"
    )
    _, soup = render(template=template, validate=False)

    links = [(a["href"], a.get_text()) for a in soup.find_all("a")]
    assert links == [("#postcode", "Vul een postcode in"), ("#huisnummer", "Vul een huisnummer in")]
    assert "Probeer opnieuw" in soup.get_text()
    assert len(soup.find_all(class_="error-summary")) == 2


# ThreePartDateField ---------------------------------------------------------------


def date_field_errors(app, data: dict, **field_options) -> tuple:
    class DateForm(FlaskForm):
        class Meta:
            csrf = False

        born = ThreePartDateField("Geboortedatum", **field_options)

    with app.test_request_context():
        form = DateForm(formdata=MultiDict(data))
        form.validate()
        return form.born.data, [str(e) for e in form.born.errors], form.born.error_parts


def test_date_field_reads_three_parts(app):
    data, errors, _ = date_field_errors(
        app, {"born-day": "7", "born-month": "03", "born-year": "1985"}
    )

    assert data == datetime.date(1985, 3, 7)
    assert errors == []


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "parts"),
    [
        ("", "", "", "Vul de datum in", ("day", "month", "year")),
        ("", "3", "1985", "Vul ook de dag in", ("day",)),
        ("7", "", "", "Vul ook de maand en het jaar in", ("month", "year")),
        ("32", "3", "1985", "Vul een geldige dag in, van 1 tot en met 31", ("day",)),
        ("7", "13", "1985", "Vul een geldige maand in, van 1 tot en met 12", ("month",)),
        ("7", "maart", "1985", "Vul een geldige maand in, van 1 tot en met 12", ("month",)),
        ("7", "3", "85", "Vul een geldig jaar in met 4 cijfers, bijvoorbeeld 1985", ("year",)),
        (
            "30",
            "2",
            "2024",
            "Deze datum bestaat niet. Controleer de dag en de maand.",
            ("day", "month"),
        ),
    ],
)
def test_date_field_says_what_is_wrong(app, day, month, year, message, parts):
    data, errors, error_parts = date_field_errors(
        app, {"born-day": day, "born-month": month, "born-year": year}
    )

    assert data is None
    assert errors == [message]
    assert error_parts == parts


def test_date_field_own_required_message(app):
    _, errors, _ = date_field_errors(app, {}, required_message="Vul uw geboortedatum in")

    assert errors == ["Vul uw geboortedatum in"]


def test_optional_date_field_may_stay_empty_but_not_half_filled(app):
    assert date_field_errors(app, {}, validators=[Optional()])[1] == []
    assert date_field_errors(app, {"born-year": "1985"}, validators=[Optional()])[1] == [
        "Vul ook de dag en de maand in"
    ]


def test_date_field_shows_a_known_date(app):
    class DateForm(FlaskForm):
        class Meta:
            csrf = False

        born = ThreePartDateField("Geboortedatum")

    with app.test_request_context():
        form = DateForm(data={"born": datetime.date(2001, 12, 5)})
        assert form.born.parts == {"day": "5", "month": "12", "year": "2001"}


def test_parse_date_parts_accepts_leading_zeros():
    assert parse_date_parts("07", "03", "1985") == datetime.date(1985, 3, 7)


def test_parse_date_parts_reads_decimal_digits_of_any_script():
    assert parse_date_parts("٣", "٠٤", "١٩٨٥") == datetime.date(1985, 4, 3)
    assert parse_date_parts(" 7 ", "3", "1985") == datetime.date(1985, 3, 7)


@pytest.mark.parametrize(
    ("day", "month", "year", "fields"),
    [
        ("²", "3", "1985", ["day"]),
        ("①", "3", "1985", ["day"]),
        ("7", "½", "1985", ["month"]),
        ("7", "3", "¹⁹⁸⁵", ["year"]),
        ("9" * 5000, "3", "1985", ["day"]),
        ("7", "9" * 5000, "1985", ["month"]),
        ("7", "3", "9" * 5000, ["year"]),
        ("7\x00", "3", "1985", ["day"]),
        ("-1", "3", "1985", ["day"]),
    ],
)
def test_odd_numbers_get_a_message_not_an_error(day, month, year, fields):
    """Issue 14, item 5: Unicode number signs and 5,000-digit numbers never give a 500."""
    with pytest.raises(DatePartsError) as refused:
        parse_date_parts(day, month, year)
    assert list(refused.value.parts) == fields
