"""Issue 14, item 4: every stored text has a maximum, in the form and in the database.

Too long is refused with "Dit is te lang. Gebruik niet meer dan N tekens. U heeft er nu M."
next to the field and in the error summary, what was typed stays in the field, and nothing
is stored. The database refuses an over-long value itself (a CHECK on PostgreSQL, triggers
on SQLite), so a path that skips the forms cannot store it either.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases.creation import ProductFacts
from portal.cases.models import Case, Message
from portal.components import limits
from portal.extensions import db
from portal.profile import services as profile_services
from portal.reports import categories
from portal.reports.models import ReportDraft
from portal.requests import engine
from portal.requests.definition import Field, definitions
from tests.editor import core_support
from tests.editor.core_support import sample
from tests.questions import ask_support
from tests.questions.ask_support import all_cases, hidden_fields, soup, to_check_page
from tests.requests.conftest import Walker
from tests.support.auth import sign_in as sign_in_persona

# Fixtures shared with the editor and question tests.
fake_kind = core_support.fake_kind
catalogue = ask_support.catalogue
patient = ask_support.patient

FATIMA = "999990007"
LONG_PHONE = "06-12345678" + "-" * 200_000  # 200 KB: digits enough, the rest dashes


def message(limit: int, count: int) -> str:
    return (
        f"Dit is te lang. Gebruik niet meer dan {limit:,} tekens. U heeft er nu {count:,}.".replace(
            ",", "."
        )
    )


def shown_twice(html: str, text_: str) -> bool:
    """In the error summary and next to the field."""
    return html.count(text_) == 2


# --- forms ---


def test_a_phone_number_of_200_kb_is_refused_and_nothing_is_stored(client, catalogue):
    sign_in_persona(client, "inwoner")
    response = client.post_form(
        "/mijn-gegevens/contact", {"email": "", "phone": LONG_PHONE, "language": "nl"}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert shown_twice(html, message(40, len(LONG_PHONE)))
    assert f'value="{LONG_PHONE}"' in html
    assert profile_services.contact_for(Party(kind="person", identifier=FATIMA)) is None


def test_a_phone_number_with_many_separators_fits_the_profile_column(client, catalogue):
    sign_in_persona(client, "inwoner")
    typed = "+31 (0)6 - 12 34 56 78"  # 23 characters, the column holds 20
    response = client.post_form(
        "/mijn-gegevens/contact", {"email": "", "phone": typed, "language": "nl"}
    )
    assert response.status_code == 302
    stored = profile_services.contact_for(Party(kind="person", identifier=FATIMA)).phone
    assert stored == "+310612345678"


def test_a_phone_number_of_200_kb_in_a_request_form_is_refused(client, catalogue):
    sign_in_persona(client, "inwoner")
    walker = Walker(client)
    walker.begin("uittreksel-brp")
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    assert walker.step_name == "contact"
    response = walker.post({"email": "fatima@voorbeeld.example", "telefoon": LONG_PHONE})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert shown_twice(html, message(40, len(LONG_PHONE)))
    assert LONG_PHONE in html
    assert walker.step_name == "contact"


def _every_typed_field():
    for definition in definitions().values():
        for item in definition.fields():
            if item.kind in engine.TEXT_KINDS | {"textarea"}:
                yield definition.product, item


def test_every_typed_field_of_every_request_form_is_bounded(app):
    """Also the fields whose definition names no maximum: the kind's default holds."""
    checked = 0
    for product, item in _every_typed_field():
        limit = item.length_limit
        assert limit is not None, f"{product}.{item.name}"
        too_long = "7" * (limit + 1)
        with app.test_request_context():
            form = engine.form_class([item])(
                formdata=MultiDict({item.name: too_long}), meta={"csrf": False}
            )
            assert not form.validate(), f"{product}.{item.name}"
            assert form[item.name].errors == [message(limit, limit + 1)], f"{product}.{item.name}"
        checked += 1
    assert checked > 20  # the loop reached the definitions


def test_a_field_without_a_maximum_gets_its_kinds_default(app):
    item = Field("toelichting", "textarea", "Toelichting")
    with app.test_request_context():
        fits = engine.form_class([item])(
            formdata=MultiDict({"toelichting": "a" * limits.DESCRIPTION}), meta={"csrf": False}
        )
        assert fits.validate()
        too_long = engine.form_class([item])(
            formdata=MultiDict({"toelichting": "a" * 6000}), meta={"csrf": False}
        )
        assert not too_long.validate()
        assert too_long.toelichting.errors == [message(5000, 6000)]


def test_all_answers_together_are_bounded(app):
    """Each answer fits, but together they are more than 64 KB: the longest is named."""
    items = [Field("a", "textarea", "A"), Field("b", "textarea", "B")]
    earlier = {f"eerder_{n}": "😀" * 4000 for n in range(4)}  # 4 x 16 KB in UTF-8
    typed = {"a": "kort", "b": "b" * 4000}
    with app.test_request_context():
        form = engine.form_class(items)(formdata=MultiDict(typed), meta={"csrf": False})
        assert form.validate()
        assert not engine.refuse_oversized(form, items, earlier, typed)
        assert form.a.errors == []
        assert "Al uw antwoorden samen zijn te lang" in str(form.b.errors[0])
        fine = engine.form_class(items)(formdata=MultiDict(typed), meta={"csrf": False})
        assert fine.validate() and engine.refuse_oversized(fine, items, {}, typed)


@pytest.fixture
def report_categories(app):
    categories.load()
    db.session.commit()


def test_a_report_description_that_is_too_long_is_refused_and_kept(
    client, report_categories, patient
):
    page = client.get("/melding")
    fields = hidden_fields(page)
    described = "Er ligt glas op het fietspad. " * 40  # 1,200 characters
    response = client.post("/melding", data={**fields, "beschrijving": described})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert shown_twice(html, message(1000, len(described.strip())))
    assert (
        soup(response).find("textarea", id="beschrijving").get_text().strip() == described.strip()
    )
    assert db.session.scalar(select(func.count()).select_from(ReportDraft)) == 0


def test_a_question_that_is_too_long_is_refused_and_kept(client, catalogue, patient):
    question = "Mag ik bouwen? " * 200  # 3,000 characters
    response = to_check_page(client, vraag=question)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert shown_twice(html, message(2000, len(question.strip())))
    assert soup(response).find("textarea", id="vraag").get_text().strip() == question.strip()
    assert all_cases() == []


@pytest.fixture
def office_case(monkeypatch, app):
    monkeypatch.setattr(
        case_creation,
        "product_facts",
        lambda slug: ProductFacts("Verhuizing doorgeven", 5, "burgerzaken"),
    )
    made = case_creation.create_case(
        product_slug="verhuizing-doorgeven",
        party=Party(kind="person", identifier=FATIMA),
        actor=None,
        answers={"nieuw_adres": "Dorpsstraat 1"},
        idempotency_key="length-limits-1",
    )
    db.session.commit()
    return made


def test_a_back_office_note_that_is_too_long_is_refused_and_kept(client, office_case):
    sign_in_persona(client, "behandelaar")
    note = "Wij controleren uw adres. " * 200  # 5,200 characters
    response = client.post_form(
        f"/medewerkers/zaken/{office_case.number}/status",
        {"status": "in_behandeling", "note": note},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Er is een probleem" in html
    assert html.count("te lang") >= 2
    assert soup(response).find("textarea", id="note").get_text().strip() == note.strip()
    db.session.refresh(office_case)
    assert office_case.status == "ontvangen"


KEY = "paspoort"


@pytest.fixture
def live(fake_kind):
    fake_kind.live[KEY] = sample()
    fake_kind.published[KEY] = True
    return fake_kind


def test_an_editor_text_that_is_too_long_is_refused_and_kept(client, live):
    sign_in_persona(client, "redacteur")
    summary = "Zo vraagt u een paspoort aan. " * 700  # 21,000 characters
    response = client.post_form(
        f"/medewerkers/redactie/proefkern/{KEY}",
        {
            "base_number": "1",
            "nl-name": "Paspoort aanvragen",
            "nl-summary": summary,
            "en-name": "Apply for a passport",
            "action": "save",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    count = len(summary.strip())
    assert shown_twice(
        html, f"Gebruik niet meer dan 20.000 tekens. U heeft er nu {count:,}.".replace(",", ".")
    )
    assert soup(response).find("textarea", id="nl-summary").get_text().strip() == summary.strip()


# --- the database ---


def _refused(statement) -> bool:
    try:
        with db.session.begin_nested():
            db.session.execute(statement)
    except IntegrityError:
        return True
    return False


def test_the_database_refuses_an_over_long_text_on_update(office_case):
    at_limit = update(Case).where(Case.id == office_case.id).values(delay_reason="x" * 5000)
    over = update(Case).where(Case.id == office_case.id).values(delay_reason="x" * 5001)
    assert not _refused(at_limit)
    assert _refused(over)
    db.session.commit()
    stored = db.session.scalar(text("SELECT length(delay_reason) FROM cases_case"))
    assert stored == 5000


def test_the_database_refuses_an_over_long_text_on_insert(office_case):
    def message_of(length: int):
        return Message.__table__.insert().values(
            case_id=office_case.id,
            direction="in",
            body="x" * length,
            sender_label="Fatima",
            created_at=datetime.now(UTC),
        )

    assert not _refused(message_of(limits.STORED_BODY))
    assert _refused(message_of(limits.STORED_BODY + 1))
