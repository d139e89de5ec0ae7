"""The forms engine without HTTP: definitions, conditions, pre-fill locking, validation."""

from datetime import timedelta

import pytest
from flask_babel import lazy_gettext as _l

from portal.components import clock
from portal.requests import engine
from portal.requests.checks import format_kenteken, is_kenteken, kenteken
from portal.requests.definition import (
    Choice,
    DefinitionError,
    Fact,
    Field,
    FormDefinition,
    Step,
    check_definition,
    definitions,
    when,
)

PRODUCTS = {
    "uittreksel-brp",
    "parkeervergunning-bewoners",
    "verhuizing-doorgeven",
    "terrasvergunning",
    "hulp-bij-het-huishouden",
    "vraag-woz-belastingen",
}

COLOUR = Field(
    "kleur",
    "radio",
    _l("Kleur"),
    required=_l("Kies een kleur."),
    choices=(Choice("rood", _l("Rood")), Choice("blauw", _l("Blauw"))),
)
SHADE = Field(
    "tint", "text", _l("Tint"), required=_l("Vul de tint in."), show_if=when("kleur", "blauw")
)
NAME = Fact("naam", _l("Naam"), "person.name", required=_l("Vul uw naam in."))


def form(*steps, **options) -> FormDefinition:
    return FormDefinition(product="test", steps=steps, declaration=_l("Ja"), **options)


def test_every_product_of_the_issue_has_a_valid_definition(app):
    assert set(definitions()) >= PRODUCTS
    for definition in definitions().values():
        check_definition(definition)


def test_a_condition_on_a_later_answer_is_refused(app):
    with pytest.raises(DefinitionError, match="later"):
        check_definition(
            form(Step("een", "Een", fields=(SHADE,)), Step("twee", "Twee", fields=(COLOUR,)))
        )


def test_a_name_used_twice_is_refused(app):
    with pytest.raises(DefinitionError, match="twice"):
        check_definition(form(Step("een", "Een", fields=(COLOUR, COLOUR))))


def test_a_choice_question_without_choices_is_refused(app):
    with pytest.raises(DefinitionError, match="choices"):
        check_definition(form(Step("een", "Een", fields=(Field("x", "radio", "X"),))))


def test_a_conditional_step_appears_only_when_the_answer_needs_it(app):
    definition = form(
        Step("een", "Een", fields=(COLOUR,)),
        Step("twee", "Twee", fields=(SHADE,), show_if=when("kleur", "blauw")),
        contact=False,
    )
    assert [s.name for s in engine.visible_steps(definition, {"kleur": "rood"}, {})] == ["een"]
    assert [s.name for s in engine.visible_steps(definition, {"kleur": "blauw"}, {})] == [
        "een",
        "twee",
    ]


def test_a_hidden_answer_does_not_travel_with_the_request(app):
    definition = form(
        Step("een", "Een", fields=(COLOUR,)), Step("twee", "Twee", fields=(SHADE,)), contact=False
    )
    kept = engine.kept_answers(definition, {"kleur": "rood", "tint": "donker"}, {})
    assert kept == {"kleur": "rood"}


def test_a_fact_from_the_register_is_shown_not_asked(app):
    step = Step("een", "Een", facts=(NAME,))
    assert engine.step_fields(step, {}, {"naam": "Fatima el Amrani"}) == []
    assert engine.shown_facts(step, {"naam": "Fatima el Amrani"}) == [
        (NAME.label, "Fatima el Amrani")
    ]


def test_a_fact_the_register_could_not_give_is_asked(app):
    step = Step("een", "Een", facts=(NAME,))
    asked = engine.step_fields(step, {}, {})
    assert [item.name for item in asked] == ["naam"]


def test_stored_answers_are_validated_again(app):
    step = Step("een", "Een", fields=(COLOUR, SHADE))
    with app.test_request_context():
        assert engine.stored_errors(step, {"kleur": "blauw"}, {}, {}) == {
            "tint": ["Vul de tint in."]
        }
        assert engine.stored_errors(step, {"kleur": "rood"}, {}, {}) == {}
        assert engine.stored_errors(step, {"kleur": "paars"}, {}, {}) == {
            "kleur": ["Kies een van de antwoorden uit de lijst."]
        }


def test_a_date_that_has_passed_makes_the_step_incomplete_again(app):
    from portal.requests.checks import date_from_today

    start = Field("start", "date", "Start", required=_l("Vul in."), checks=(date_from_today(),))
    step = Step("een", "Een", fields=(start,))
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    with app.test_request_context():
        assert "start" in engine.stored_errors(step, {"start": yesterday}, {}, {})
        assert engine.stored_errors(step, {"start": tomorrow}, {}, {}) == {}


def test_a_required_file_needs_an_upload(app):
    drawing = Field("tekening", "file", "Tekening", required=_l("Voeg een tekening toe."))
    step = Step("een", "Een", fields=(drawing,))
    with app.test_request_context():
        assert engine.stored_errors(step, {}, {}, {}) == {"tekening": ["Voeg een tekening toe."]}
        assert engine.stored_errors(step, {}, {}, {"tekening": 1}) == {}


def test_answers_read_as_the_person_chose_them(app):
    with app.test_request_context():
        assert engine.readable(COLOUR, "blauw") == "Blauw"
        day = Field("dag", "date", "Dag")
        assert engine.readable(day, "2026-03-15") == "15 maart 2026"
        assert engine.readable(Field("ok", "boolean", "Ok"), True) == "Ja"


@pytest.mark.parametrize("plate", ["AB-123-C", "12-ABC-3", "ab123c", "1-ABC-23", "XX-99-XX"])
def test_dutch_licence_plates_are_accepted(plate):
    assert is_kenteken(plate)


@pytest.mark.parametrize("plate", ["", "ABC", "AB-12-34-CD", "A1B2C3D", "123456"])
def test_other_text_is_not_a_licence_plate(plate):
    assert not is_kenteken(plate)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("12abc3", "12-ABC-3"),
        ("ab-123-c", "AB-123-C"),
        ("xx99xx", "XX-99-XX"),
        ("ab1234", "AB-12-34"),
    ],
)
def test_an_accepted_plate_is_written_the_usual_way(typed, written):
    assert format_kenteken(typed) == written


def test_the_kenteken_check_says_what_is_wrong(app):
    from wtforms.validators import ValidationError

    class FakeField:
        data = "ABC"

    with app.test_request_context():
        with pytest.raises(ValidationError) as raised:
            kenteken()(None, FakeField())
        assert str(raised.value).startswith("Vul een geldig kenteken in")
