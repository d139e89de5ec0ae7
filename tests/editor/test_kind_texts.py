"""The text kinds whose items come from code or administration: status texts per product,
e-mail texts, and the words of report categories."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases.creation import ProductFacts
from portal.cases.models import StatusText
from portal.cases.status_texts import what_happens_next
from portal.catalog import demo
from portal.editor import kinds
from portal.extensions import db
from portal.notifications.compose import Recipient, compose
from portal.notifications.models import EmailTextOverride, OutboxEvent
from portal.reports import categories
from portal.reports.models import ReportCategory
from tests.support.client import page_problems

FATIMA = "999990007"  # persona "inwoner"
GENERAL_RECEIVED_NL = (
    "Wij hebben uw aanvraag ontvangen. Een medewerker gaat ermee aan de slag. "
    "U hoeft nu niets te doen."
)
GENERAL_CLOSED_EN = "Your case is ready. You can read the outcome below."


@pytest.fixture
def catalog(app):
    demo.load()
    db.session.commit()
    return app


def html_of(render, app, locale="nl"):
    with app.test_request_context("/medewerkers/redactie/voorbeeld"):
        html = render(locale)
    return html


# --- status texts ---


@pytest.fixture
def status_kind(catalog):
    return kinds.get("status_text")


def status_data(nl="Wij bekijken uw kenteken. Dat duurt 2 dagen.", en="We check your plate."):
    return {"facts": {}, "texts": {"nl": {"text": nl}, "en": {"text": en}}}


def test_every_product_and_status_is_listed_none_with_an_own_text_yet(status_kind):
    entries = status_kind.list_live()
    assert len(entries) == 11 * 5  # the demo catalogue's products × the case statuses
    keys = {e.key for e in entries}
    assert "parkeervergunning-bewoners:in_behandeling" in keys
    assert "uittreksel-brp:afgerond" in keys
    assert not any(e.published for e in entries)
    entry = next(e for e in entries if e.key == "uittreksel-brp:ontvangen")
    assert entry.title == "Uittreksel BRP: Ontvangen"
    assert status_kind.can_create is False and status_kind.can_withdraw is True


def test_a_status_without_own_text_starts_from_the_general_text(status_kind):
    data = status_kind.load_live("uittreksel-brp:ontvangen")
    assert data["texts"]["nl"]["text"] == GENERAL_RECEIVED_NL
    data = status_kind.load_live("uittreksel-brp:afgerond")
    assert data["texts"]["en"]["text"] == GENERAL_CLOSED_EN
    assert status_kind.load_live("bestaat-niet:ontvangen") is None
    assert status_kind.load_live("uittreksel-brp:verzonnen") is None


def test_apply_writes_both_languages_and_the_resident_reads_them(status_kind):
    status_kind.apply("parkeervergunning-bewoners:in_behandeling", status_data())
    db.session.commit()
    key = ("parkeervergunning-bewoners", "in_behandeling")
    assert what_happens_next(*key, "nl") == "Wij bekijken uw kenteken. Dat duurt 2 dagen."
    assert what_happens_next(*key, "en") == "We check your plate."
    # Other products keep the general text.
    assert what_happens_next("uittreksel-brp", "ontvangen", "nl") == GENERAL_RECEIVED_NL
    listed = {e.key: e for e in status_kind.list_live()}
    assert listed["parkeervergunning-bewoners:in_behandeling"].published


def test_without_english_english_readers_get_the_general_text(status_kind):
    status_kind.apply("uittreksel-brp:afgerond", status_data(en=""))
    assert what_happens_next("uittreksel-brp", "afgerond", "en") == GENERAL_CLOSED_EN
    rows = db.session.scalars(select(StatusText)).all()
    assert [row.locale for row in rows] == ["nl"]


def test_withdraw_brings_back_the_general_text(status_kind):
    status_kind.apply("uittreksel-brp:ontvangen", status_data())
    status_kind.withdraw("uittreksel-brp:ontvangen")
    assert db.session.scalars(select(StatusText)).all() == []
    assert what_happens_next("uittreksel-brp", "ontvangen", "nl") == GENERAL_RECEIVED_NL


@pytest.mark.parametrize(
    "key, data",
    [
        ("uittreksel-brp:ontvangen", status_data(nl="")),
        ("uittreksel-brp:ontvangen", status_data(nl="<b>vet</b>")),
        ("uittreksel-brp:ontvangen", status_data(nl="x" * 601)),
        ("bestaat-niet:ontvangen", status_data()),
    ],
)
def test_a_status_text_is_refused_before_writing(status_kind, key, data):
    with pytest.raises(ValueError):
        status_kind.apply(key, data)
    assert db.session.scalars(select(StatusText)).all() == []


def test_the_preview_shows_the_status_as_the_case_page_does(status_kind, app):
    html = html_of(
        lambda locale: status_kind.preview(
            "parkeervergunning-bewoners:in_behandeling", status_data(), locale
        ),
        app,
    )
    assert page_problems(html) == []
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "next-title"})
    assert "Wij bekijken uw kenteken. Dat duurt 2 dagen." in section.get_text()
    assert "In behandeling" in soup.find("dl").get_text()
    english = html_of(
        lambda locale: status_kind.preview(
            "parkeervergunning-bewoners:in_behandeling", status_data(), locale
        ),
        app,
        "en",
    )
    assert "We check your plate." in english and 'lang="en"' in english


@pytest.fixture
def parking_case(monkeypatch, catalog):
    facts = ProductFacts("Parkeervergunning voor bewoners", 5, "parkeren")
    monkeypatch.setattr(case_creation, "product_facts", lambda slug: facts)
    case = case_creation.create_case(
        product_slug="parkeervergunning-bewoners",
        party=Party(kind="person", identifier=FATIMA, branch=None),
        actor=None,
        answers={"kenteken": "AB-123-C"},
        idempotency_key="status-text-test",
    )
    db.session.commit()
    return case


def test_the_resident_case_page_shows_the_products_own_text(status_kind, parking_case, sign_in):
    client = sign_in("inwoner")
    url = f"/mijn-zaken/{parking_case.number}"
    assert GENERAL_RECEIVED_NL in " ".join(client.get(url).get_data(as_text=True).split())
    status_kind.apply(
        "parkeervergunning-bewoners:ontvangen", status_data(nl="Wij kijken eerst naar uw auto.")
    )
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Wij kijken eerst naar uw auto." in page
    assert GENERAL_RECEIVED_NL not in " ".join(page.split())


# --- e-mail texts ---


@pytest.fixture
def email_kind(app):
    return kinds.get("email_text")


def email_data(**nl):
    texts = {
        "nl": {
            "subject": "Uw aanvraag %(number)s is binnen",
            "lines": ["Wij hebben aanvraag %(number)s.", "Klaar op %(expected)s.", "Tot ziens."],
            "action": "Naar uw zaak",
        },
        "en": {
            "subject": "Your request %(number)s arrived",
            "lines": ["We have request %(number)s."],
            "action": "To your case",
        },
    }
    texts["nl"].update(nl)
    return {"facts": {}, "texts": texts}


def resident_mail(event="received", language="nl", payload=None):
    row = OutboxEvent(
        key="test",
        event=event,
        audience="resident",
        recipient="x",
        case_number="Z-2026-000042",
        payload=payload or {},
    )
    return compose(row, Recipient("fatima@example.org", language))


def test_every_built_in_email_is_listed(email_kind):
    keys = {e.key for e in email_kind.list_live()}
    assert {
        "resident:received",
        "resident:case_closed",
        "team:deadline_missed",
        "team:default",
        "follower:closed",
        "appointment:booked",
        "callback:received",
        "address:email_confirmation",
    } <= keys
    assert email_kind.can_create is False
    assert email_kind.load_live("resident:bestaat-niet") is None
    assert email_kind.load_live("niemand:received") is None


def test_an_unchanged_email_loads_the_built_in_text_in_both_languages(email_kind):
    data = email_kind.load_live("resident:status_changed")
    assert data["texts"]["nl"]["subject"] == "Er is nieuws over uw zaak %(number)s"
    assert data["texts"]["en"]["subject"] == "There is news about your case %(number)s"
    assert data["texts"]["en"]["action"] == "View your case"
    assert len(data["texts"]["nl"]["lines"]) == 2


def test_the_outbox_sends_the_rewritten_text(email_kind):
    email_kind.apply("resident:received", email_data())
    db.session.commit()
    message = resident_mail()
    assert message["Subject"] == "Uw aanvraag Z-2026-000042 is binnen"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Wij hebben aanvraag Z-2026-000042." in body
    # No expected date in this row: that line is left out, as with the built-in text.
    assert "Klaar op" not in body
    assert "Naar uw zaak" in body
    english = resident_mail(language="en")
    assert english["Subject"] == "Your request Z-2026-000042 arrived"


def test_a_line_gets_its_value_when_there_is_one(email_kind):
    email_kind.apply("resident:received", email_data())
    message = resident_mail(payload={"expected": "2026-12-24"})
    assert "Klaar op 24 december 2026." in message.get_body(preferencelist=("plain",)).get_content()


def test_withdraw_sends_the_built_in_text_again(email_kind):
    email_kind.apply("resident:received", email_data())
    email_kind.withdraw("resident:received")
    assert db.session.scalars(select(EmailTextOverride)).all() == []
    assert resident_mail()["Subject"] == "Wij hebben uw aanvraag ontvangen (Z-2026-000042)"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"subject": "Uw aanvraag %(nummer)s"}, "nl-subject"),
        ({"subject": "Uw aanvraag is binnen"}, "nl-subject"),
        ({"subject": "Uw aanvraag %(number)s, klaar op %(expected)s"}, "nl-subject"),
        ({"lines": ["U betaalt 50% minder."]}, "nl-lines"),
        ({"lines": ["Wij bellen u %(window)s."]}, "nl-lines"),
        ({"action": "Bekijk %(number)s"}, "nl-action"),
    ],
)
def test_placeholders_must_stay_those_of_the_built_in_text(email_kind, changes, field):
    data = email_data(**changes)
    errors = email_kind.validate("resident:received", data)
    assert field in errors
    with pytest.raises(ValueError):
        email_kind.apply("resident:received", data)
    assert db.session.scalars(select(EmailTextOverride)).all() == []


def test_a_placeholder_of_another_line_may_be_used(email_kind):
    data = email_data(lines=["Uw zaak %(number)s is klaar op %(expected)s."])
    assert email_kind.validate("resident:received", data) == {}


def test_half_an_english_text_is_refused(email_kind):
    data = email_data()
    data["texts"]["en"]["action"] = ""
    assert "en-action" in email_kind.validate("resident:received", data)


def test_a_row_written_around_the_editor_never_stops_an_email(email_kind):
    db.session.add(
        EmailTextOverride(
            audience="resident",
            kind="received",
            locale="nl",
            subject="Kapot 100% %(onbekend)s",
            lines=["x"],
            action="y",
            updated_at=datetime.now(UTC).replace(tzinfo=None),
        )
    )
    db.session.flush()
    assert resident_mail()["Subject"] == "Wij hebben uw aanvraag ontvangen (Z-2026-000042)"


def test_the_preview_is_the_email_with_example_values(email_kind, app):
    html = html_of(
        lambda locale: email_kind.preview("resident:received", email_data(), locale), app
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("title").get_text() == "Uw aanvraag Z-2026-000123 is binnen"
    paragraphs = [p.get_text(strip=True) for p in soup.find_all("p")]
    assert "Wij hebben aanvraag Z-2026-000123." in paragraphs
    assert any(p.startswith("Klaar op ") for p in paragraphs)
    assert soup.find("a", string="Naar uw zaak") is not None
    assert db.session.scalars(select(EmailTextOverride)).all() == []


def test_the_preview_leaves_out_what_cannot_be_filled_in(email_kind, app):
    data = email_data(subject="Kapot %(nummer)s", lines=["Goed %(number)s", "50% fout"])
    html = html_of(lambda locale: email_kind.preview("resident:received", data, locale), app)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("title").get_text() == "Wij hebben uw aanvraag ontvangen (Z-2026-000123)"
    text = soup.get_text()
    assert "Goed Z-2026-000123" in text and "fout" not in text


# --- report categories ---


@pytest.fixture
def category_kind(app):
    categories.load()
    db.session.commit()
    return kinds.get("report_category")


def category_data(**changes):
    data = {
        "facts": {"keywords": ["Lantaarnpaal", "lamp", "LAMP", " "]},
        "texts": {
            "nl": {"name": "Lamp doet het niet", "hint": "De lamp is uit of knippert."},
            "en": {"name": "Lamp is out", "hint": "The lamp is out or flickers."},
        },
    }
    for path, value in changes.items():
        locale, _, name = path.partition("__")
        data["texts"][locale][name] = value
    return data


def category(slug):
    return db.session.scalar(select(ReportCategory).where(ReportCategory.slug == slug))


def test_categories_are_listed_and_loaded(category_kind):
    entries = {e.key: e for e in category_kind.list_live()}
    assert entries["lantaarnpaal-kapot"].title == "Lantaarnpaal brandt niet of knippert"
    data = category_kind.load_live("lantaarnpaal-kapot")
    assert data["texts"]["en"]["name"] == "Street light is out or flickering"
    assert "straatlamp" in data["facts"]["keywords"]
    assert category_kind.can_create is False and category_kind.can_withdraw is False


def test_apply_writes_only_the_texts_and_keywords(category_kind):
    before = category("lantaarnpaal-kapot")
    team, norm, position = before.team, before.norm_working_days, before.position
    category_kind.apply("lantaarnpaal-kapot", category_data())
    db.session.commit()
    row = category("lantaarnpaal-kapot")
    assert (row.name_nl, row.name_en) == ("Lamp doet het niet", "Lamp is out")
    assert (row.hint_nl, row.hint_en) == (
        "De lamp is uit of knippert.",
        "The lamp is out or flickers.",
    )
    assert row.keywords == ["lantaarnpaal", "lamp"]
    assert (row.team, row.norm_working_days, row.position, row.active) == (
        team,
        norm,
        position,
        True,
    )
    assert categories.get_category("lantaarnpaal-kapot", "en").name == "Lamp is out"


@pytest.mark.parametrize(
    "changes",
    [{"nl__name": ""}, {"nl__name": "x" * 101}, {"nl__hint": "y" * 301}, {"en__name": ""}],
)
def test_category_texts_are_refused_before_writing(category_kind, changes):
    with pytest.raises(ValueError):
        category_kind.apply("lantaarnpaal-kapot", category_data(**changes))
    db.session.rollback()
    assert category("lantaarnpaal-kapot").name_nl == "Lantaarnpaal brandt niet of knippert"


def test_a_category_cannot_be_withdrawn_by_the_webteam(category_kind):
    with pytest.raises(ValueError):
        category_kind.withdraw("lantaarnpaal-kapot")
    assert category("lantaarnpaal-kapot").active


def test_the_preview_shows_the_choice_with_its_hint(category_kind, app):
    html = html_of(
        lambda locale: category_kind.preview("lantaarnpaal-kapot", category_data(), locale), app
    )
    assert page_problems(html) == []
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("label").get_text(strip=True) == "Lamp doet het niet"
    assert soup.find("legend").get_text(strip=True) == "Straatverlichting"
    english = html_of(
        lambda locale: category_kind.preview("lantaarnpaal-kapot", category_data(), locale),
        app,
        "en",
    )
    assert "Lamp is out" in english and "Street lighting" in english
