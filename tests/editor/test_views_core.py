"""The editor's pages: who may use them, every page for a redacteur, saving, conflicts,
the lock warning, the preview's frame headers, publishing, restoring and bad input."""

import re

import pytest
from flask import g
from sqlalchemy import func, select

from portal.auth.models import AuditEvent
from portal.editor import services as editor
from portal.editor import versions
from portal.editor.models import Item, Version
from portal.extensions import db
from tests.editor import core_support
from tests.editor.core_support import FORMS, TOM, sample
from tests.support.auth import sign_in as sign_in_persona

fake_kind = core_support.fake_kind
KEY = "paspoort"
BASE = "/medewerkers/redactie"
ITEM = f"{BASE}/proefkern/{KEY}"


@pytest.fixture
def live(fake_kind):
    fake_kind.live[KEY] = sample()
    fake_kind.published[KEY] = True
    return fake_kind


def _form(summary="U vraagt een paspoort aan bij de balie.", base="1", **extra) -> dict:
    return {
        "base_number": base,
        "nl-name": "Paspoort aanvragen",
        "nl-summary": summary,
        "en-name": "Apply for a passport",
        "action": "save",
        **extra,
    }


def _item() -> Item:
    db.session.expire_all()
    return db.session.scalar(select(Item).where(Item.key == KEY))


def _version_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Version))


def _second_editor(app):
    """Anouk Smits (beheerder, also an editor) in a browser of her own. The tests share one
    app context, so `g` would hand her the first client's CSRF token."""
    g.pop("csrf_token", None)
    other = app.test_client()
    sign_in_persona(other, "beheerder")
    return other


def _editor_pages() -> list[str]:
    return [
        f"{BASE}/",
        f"{BASE}/proefkern",
        f"{BASE}/proefkern?zoek=pas",
        f"{BASE}/proefkern/nieuw",
        f"{BASE}/beoordelen",
        ITEM,
        f"{ITEM}/geschiedenis",
        f"{ITEM}/vergelijk?van=1&naar=2",
        f"{ITEM}/voorbeeld?versie=2&taal=en",
        f"{ITEM}/voorbeeld/2/nl",
        f"{ITEM}/publiceren?versie=2",
        f"{ITEM}/beoordelen/2",
        f"{ITEM}/intrekken",
    ]


def test_every_editor_page_opens_for_a_redacteur(client, sign_in, live):
    sign_in("redacteur")
    assert client.post_form(ITEM, _form()).status_code == 302
    for url in _editor_pages():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_a_case_handler_is_refused_and_audited(client, sign_in, live):
    sign_in("behandelaar")
    for url in (f"{BASE}/", ITEM, f"{ITEM}/publiceren"):
        assert client.get(url).status_code == 403
    refused = db.session.scalars(
        select(AuditEvent.target).where(AuditEvent.action == "access.role_missing")
    ).all()
    assert f"{BASE}/" in refused and ITEM in refused


def test_a_contact_centre_member_cannot_publish(app, client, sign_in, live):
    sign_in("klantcontact")
    app.config["WTF_CSRF_ENABLED"] = False  # reach the role check, not the CSRF check
    response = client.post(f"{ITEM}/publiceren", data={"change_note": "Weg ermee"})
    assert response.status_code == 403
    assert live.live[KEY]["texts"]["nl"]["summary"] == "U vraagt een paspoort aan."
    assert _item() is None


def test_saving_a_draft_and_publishing_it(client, sign_in, live):
    sign_in("redacteur")
    saved = client.post_form(ITEM, _form())
    assert saved.headers["Location"].endswith(ITEM)
    page = client.get(ITEM).get_data(as_text=True)
    assert "Het concept is opgeslagen als versie 2." in page
    assert "Engels: 1 van 2 teksten" in page

    published = client.post_form(
        f"{ITEM}/publiceren?versie=2", {"change_note": "Balie genoemd", "moment": "now"}
    )
    assert published.status_code == 302
    assert live.live[KEY]["texts"]["nl"]["summary"] == "U vraagt een paspoort aan bij de balie."
    assert _item().live_version_id == db.session.scalar(
        select(Version.id).where(Version.number == 2)
    )


def test_the_preview_frame_may_be_framed_by_the_portal_only(client, sign_in, live):
    sign_in("redacteur")
    client.post_form(ITEM, _form(summary="Nieuw **concept**."))
    frame = client.get(f"{ITEM}/voorbeeld/2/nl")
    html = frame.get_data(as_text=True)
    assert "Voorbeeld – niet gepubliceerd" in html
    assert "<strong>concept</strong>" in html
    assert frame.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in frame.headers["Content-Security-Policy"]
    outer = client.get(f"{ITEM}/voorbeeld?versie=2")
    assert outer.headers["X-Frame-Options"] == "DENY"
    titles = re.findall(r'<iframe[^>]*title="([^"]+)"', outer.get_data(as_text=True))
    assert [re.search(r"\d+", t).group() for t in titles] == ["375", "768", "1280"]


def test_a_second_save_from_the_same_version_warns_and_keeps_the_text(client, sign_in, live):
    sign_in("redacteur")
    client.post_form(ITEM, _form(summary="Eerste tekst."))
    response = client.post_form(ITEM, _form(summary="Mijn eigen tekst."))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Iemand anders heeft dit ook opgeslagen" in html
    assert "Mijn eigen tekst." in html
    assert f"{ITEM}/vergelijk?van=1&amp;naar=2" in html
    assert _version_count() == 2


def test_another_editor_sees_the_lock(app, client, sign_in, live):
    sign_in("redacteur")
    client.get(ITEM)
    other = _second_editor(app)
    html = other.get(ITEM).get_data(as_text=True)
    assert "Tom Peters bewerkt dit sinds" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nl-name", "<script>alert(1)</script>", "Gebruik geen HTML-code"),
        ("nl-summary", "[Klik](javascript:alert(1))", "niet veilig"),
        ("nl-summary", "[De regels](http://voorbeeld.nl)", "begint met https://"),
        ("fact-link", "https://10.0.0.8/intern", "netwerk van de gemeente"),
        ("nl-summary", "x" * 20001, "te lang"),
        ("nl-name", "", "Vul het veld ‘Naam (Nederlands)’ in."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(client, sign_in, live, field, value, message):
    sign_in("redacteur")
    response = client.post_form(ITEM, {**_form(), field: value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.count(message) >= 2 if len(message) < 60 else message in html
    assert f'href="#{field}"' in html
    assert _version_count() == 1


def test_nul_bytes_and_a_broken_base_number_do_not_break_the_page(client, sign_in, live):
    sign_in("redacteur")
    saved = client.post_form(ITEM, _form(summary="Met\x00 een nul."))
    assert saved.status_code == 302
    assert (
        db.session.scalar(select(Version.data).where(Version.number == 2))["texts"]["nl"]["summary"]
        == "Met een nul."
    )
    assert client.post_form(ITEM, _form(base="abc")).status_code == 409


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}/bestaat-niet",
        f"{BASE}/bestaat-niet/{KEY}",
        f"{BASE}/proefkern/onbekend",
        f"{ITEM}/vergelijk?van=1&naar=9",
        f"{ITEM}/voorbeeld/9/nl",
        f"{ITEM}/voorbeeld/1/de",
        f"{ITEM}/publiceren?versie=9",
        f"{ITEM}/beoordelen/9",
        f"{BASE}/proefkern/{'x' * 500}",
    ],
)
def test_unknown_things_are_not_found(client, sign_in, live, url):
    sign_in("redacteur")
    assert client.get(url).status_code == 404


def test_a_past_publication_time_is_refused(client, sign_in, live):
    sign_in("redacteur")
    client.post_form(ITEM, _form())
    response = client.post_form(
        f"{ITEM}/publiceren?versie=2",
        {"change_note": "Te laat", "moment": "later", "publish_at": "2020-01-01T08:00"},
    )
    assert response.status_code == 422
    assert "Dit tijdstip is al voorbij" in response.get_data(as_text=True)
    assert _item().publish_at is None


def test_a_future_publication_is_planned(client, sign_in, live):
    sign_in("redacteur")
    client.post_form(ITEM, _form())
    response = client.post_form(
        f"{ITEM}/publiceren?versie=2",
        {"change_note": "Nieuw jaar", "moment": "later", "publish_at": "2099-01-01T08:00"},
    )
    assert response.status_code == 302
    # 08:00 in Amsterdam in winter is 07:00 UTC.
    assert str(_item().publish_at) == "2099-01-01 07:00:00"
    assert live.live[KEY]["texts"]["nl"]["summary"] == "U vraagt een paspoort aan."


def test_a_new_item_gets_a_key_from_its_title(client, sign_in, live):
    sign_in("redacteur")
    response = client.post_form(
        f"{BASE}/proefkern/nieuw", {"title": "Gemeentehuis dicht op 24 december"}
    )
    assert response.headers["Location"].endswith("/proefkern/gemeentehuis-dicht-op-24-december")
    twice = client.post_form(
        f"{BASE}/proefkern/nieuw", {"title": "Gemeentehuis dicht op 24 december"}
    )
    assert twice.status_code == 422
    assert "Deze naam bestaat al" in twice.get_data(as_text=True)


def test_restoring_a_version_whose_form_is_gone_is_refused(client, sign_in, live, monkeypatch):
    sign_in("redacteur")
    client.post_form(ITEM, _form(**{"fact-form_slug": "bezwaar"}))
    client.post_form(ITEM, _form(base="2", **{"fact-form_slug": "aanvraag"}))
    monkeypatch.delitem(FORMS, "bezwaar")
    response = client.post_form(
        f"{ITEM}/versies/2/terugzetten", page=f"{ITEM}/geschiedenis", follow_redirects=True
    )
    html = response.get_data(as_text=True)
    assert "Versie 2 kan niet terug" in html and "Formulier" in html
    assert _version_count() == 3


def test_review_by_another_editor_through_the_pages(app, client, sign_in, live):
    from portal.administration import settings

    settings.put("editor_review_required", True, "test")
    db.session.commit()
    sign_in("redacteur")
    client.post_form(ITEM, _form())
    refused = client.post_form(
        f"{ITEM}/publiceren?versie=2", {"change_note": "Snel", "moment": "now"}
    )
    assert refused.status_code == 422
    client.post_form(
        f"{ITEM}/aanbieden?versie=2", {"change_note": "Balie"}, page=f"{ITEM}/publiceren?versie=2"
    )
    own = client.get(f"{ITEM}/beoordelen/2").get_data(as_text=True)
    assert "U heeft deze versie zelf geschreven" in own

    reviewer = _second_editor(app)
    approved = reviewer.post_form(f"{ITEM}/beoordelen/2", {"decision": "approve"})
    assert approved.status_code == 302
    g.pop("csrf_token", None)  # back to Tom's browser
    done = client.post_form(
        f"{ITEM}/publiceren?versie=2", {"change_note": "Balie", "moment": "now"}
    )
    assert done.status_code == 302
    assert live.live[KEY]["texts"]["nl"]["summary"] == "U vraagt een paspoort aan bij de balie."


def test_services_and_pages_agree_on_the_newest_version(app, client, sign_in, live):
    """A draft saved by the service shows up on the edit page as the form's base."""
    with app.test_request_context():
        item = editor.open_item(live, KEY)
        versions.save_draft(item, sample(summary="Via de service."), 1, TOM)
        db.session.commit()
    sign_in("redacteur")
    html = client.get(ITEM).get_data(as_text=True)
    assert 'name="base_number" type="hidden" value="2"' in html
    assert "Via de service." in html


def test_a_refused_publication_shows_why_and_is_audited(client, sign_in, live):
    sign_in("redacteur")
    client.post_form(ITEM, _form(**{"fact-form_slug": "kapot"}))
    response = client.post_form(
        f"{ITEM}/publiceren?versie=2", {"change_note": "Nieuw formulier", "moment": "now"}
    )
    assert response.status_code == 422
    assert "Publiceren lukte niet. Het formulier kapot bestaat niet." in response.get_data(
        as_text=True
    )
    assert live.live[KEY]["facts"]["form_slug"] == ""
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "editor.publish")
    ).all()
    assert (event.result, event.detail) == (
        "refused",
        "versie 2: Publiceren lukte niet. Het formulier kapot bestaat niet.",
    )
