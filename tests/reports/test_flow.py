"""Making a report step by step: what, category, questions, duplicates, contact, check, sent.

The place and photos steps belong to their own tests; here the draft gets a place and
`photos_done` directly, the way those steps leave it.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.cases.models import Case
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from portal.reports import antibot, categories, drafts
from portal.reports.locations.base import DEMO_CENTER
from portal.reports.models import Report, ReportDraft, ReportFollower
from portal.reports.texts import PRODUCT_SLUG
from tests.reports.factories import make_report, offset
from tests.support.principals import representative, sign_in_principal

DESCRIPTION = "De lantaarnpaal voor ons huis brandt al dagen niet. Het is erg donker."
PLACE = {
    "latitude": DEMO_CENTER[0],
    "longitude": DEMO_CENTER[1],
    "label": "Dorpsstraat 12, Voorbeeld",
    "street": "Dorpsstraat",
    "area": "Centrum",
    "source": "address",
}


@pytest.fixture(autouse=True)
def report_categories(app):
    categories.load()
    db.session.commit()


@pytest.fixture
def patient(monkeypatch):
    """The post comes long after the page was shown, as when a person types."""
    monkeypatch.setattr(antibot, "MIN_SECONDS", 0)


def draft_of(client) -> ReportDraft | None:
    with client.session_transaction() as cookie:
        token = cookie.get(drafts.SESSION_KEY)
    db.session.expire_all()
    return db.session.scalars(select(ReportDraft).where(ReportDraft.token == token)).first()


def set_draft(client, **changes) -> None:
    draft = draft_of(client)
    drafts.update(draft, **changes)
    db.session.commit()


def hidden_value(html: str, name: str) -> str:
    return html.split(f'name="{name}" value="')[1].split('"')[0]


def describe(client, text: str = DESCRIPTION, **extra):
    """Fill in the first step as a browser does: with the hidden fields of the page."""
    page = client.get("/melding").get_data(as_text=True)
    form = {"csrf_token": hidden_value(page, "csrf_token")}
    form |= {"begonnen": hidden_value(page, "begonnen"), "beschrijving": text, **extra}
    return client.post("/melding", data=form)


def through_category(client, text: str = DESCRIPTION, slug: str = "lantaarnpaal-kapot"):
    describe(client, text)
    return client.post_form("/melding/categorie", {"categorie": "anders", "ander_onderwerp": slug})


def ready_to_check(client, slug: str = "afvalbak-vol", contact=None):
    """A draft with every step done; `afvalbak-vol` has one question."""
    through_category(client, "De afvalbak in het park is vol.", slug)
    set_draft(
        client,
        answers={"afval_ernaast": "ja"} if slug == "afvalbak-vol" else {},
        questions_done=True,
        location=PLACE,
        duplicates_seen=True,
        photos_done=True,
        contact=contact or {"email": "", "phone": ""},
        contact_done=True,
    )


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


# --- Step 1: what -------------------------------------------------------------------------


def test_the_first_step_counts_down_and_hides_a_honeypot(client):
    html = client.get("/melding").get_data(as_text=True)
    assert "Stap 1 van 5" in html
    assert "Maximaal 1.000 tekens" in html
    assert 'aria-live="polite"' in html
    assert 'class="reports-hp" aria-hidden="true"' in html
    assert 'tabindex="-1" autocomplete="off"' in html
    assert re.search(r"js/reports-count(\.[0-9a-f]{12})?\.js", html)


def test_a_description_is_kept_and_categories_suggested(client, patient):
    response = describe(client)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/melding/categorie")
    data = draft_of(client).data
    assert data["description"] == DESCRIPTION
    assert data["suggestions"][0] == "lantaarnpaal-kapot"
    assert data["suggestion_words"]["lantaarnpaal-kapot"]


def test_an_empty_description_gets_a_message(client, patient):
    response = describe(client, "   ")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Fout: " in html
    assert "Beschrijf wat u wilt melden." in html
    assert draft_of(client) is None


def test_a_5000_word_description_is_refused_and_kept(client, patient):
    text = " ".join(["lantaarnpaal"] * 5000)
    response = describe(client, text)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Gebruik niet meer dan 1.000 tekens. U heeft er nu 64.999." in html
    assert text in html
    assert draft_of(client) is None


def test_a_filled_honeypot_stores_nothing(client, patient):
    response = describe(client, website="http://spam.example")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Dat ging erg snel." in html
    assert DESCRIPTION in html
    assert count(ReportDraft) == 0


def test_a_post_within_seconds_stores_nothing_and_a_second_try_passes(client, monkeypatch):
    started = 1_000_000.0
    monkeypatch.setattr(antibot, "clock", lambda: started)
    response = describe(client)
    assert response.status_code == 422
    assert "Dat ging erg snel." in response.get_data(as_text=True)
    assert count(ReportDraft) == 0
    # The page keeps the first moment it was shown: trying again a little later works.
    kept = hidden_value(response.get_data(as_text=True), "begonnen")
    monkeypatch.setattr(antibot, "clock", lambda: started + 5)
    again = client.post_form("/melding", {"beschrijving": DESCRIPTION, "begonnen": kept})
    assert again.status_code == 303


def test_a_forged_start_time_counts_as_a_bot(client, patient):
    response = describe(client, begonnen="forged")
    assert response.status_code == 422
    assert count(ReportDraft) == 0


# --- Step 2: category ---------------------------------------------------------------------


def test_the_best_suggestion_is_chosen_with_the_words_that_led_to_it(client, patient):
    describe(client)
    html = client.get("/melding/categorie").get_data(as_text=True)
    assert "Stap 2 van 5" in html
    assert 'value="lantaarnpaal-kapot" aria-describedby="categorie-0-hint" checked' in html
    assert "U schreef:" in html
    assert "Iets anders" in html
    assert '<optgroup label="Straatverlichting">' in html


def test_a_confirmed_category_goes_on_to_its_questions(client, patient):
    describe(client)
    response = client.post_form("/melding/categorie", {"categorie": "lantaarnpaal-kapot"})
    assert response.headers["Location"].endswith("/melding/vragen")
    data = draft_of(client).data
    assert data["category"] == "lantaarnpaal-kapot" and data["category_confirmed"] is True


def test_something_else_from_the_full_list(client, patient):
    describe(client)
    response = client.post_form(
        "/melding/categorie", {"categorie": "anders", "ander_onderwerp": "graffiti"}
    )
    assert response.status_code == 303
    data = draft_of(client).data
    assert data["category"] == "graffiti"
    assert data["questions_done"] is True  # graffiti asks no questions


@pytest.mark.parametrize(
    "posted",
    [
        {"categorie": "bestaat-niet"},
        {"categorie": "anders", "ander_onderwerp": "bestaat-niet"},
        {"categorie": "anders", "ander_onderwerp": "verlichting"},  # a main category
        {"categorie": "anders", "ander_onderwerp": "x" * 5000},
    ],
)
def test_an_unknown_category_gets_a_message(client, patient, posted):
    describe(client)
    response = client.post_form("/melding/categorie", posted)
    assert response.status_code == 422
    assert "Dit onderwerp kennen wij niet." in response.get_data(as_text=True)
    assert not draft_of(client).data.get("category_confirmed")


def test_something_else_without_a_choice_asks_for_one(client, patient):
    describe(client)
    response = client.post_form("/melding/categorie", {"categorie": "anders"})
    assert response.status_code == 422
    assert "Kies een onderwerp uit de lijst." in response.get_data(as_text=True)


def test_a_new_description_asks_to_confirm_the_category_again(client, patient):
    through_category(client)
    describe(client, "Er ligt een matras en een bank op de stoep.")
    assert not draft_of(client).data.get("category_confirmed")
    html = client.get("/melding/categorie").get_data(as_text=True)
    assert 'value="grofvuil-gedumpt" aria-describedby="categorie-0-hint" checked' in html


# --- Step 2b: questions -------------------------------------------------------------------


def test_the_street_light_questions(client, patient):
    through_category(client)
    html = client.get("/melding/vragen").get_data(as_text=True)
    assert "Brandt de lamp niet, of knippert hij?" in html
    assert "Nummer van de paal (niet verplicht)" in html
    response = client.post_form("/melding/vragen", {"lamp": "knippert", "paalnummer": "12-034"})
    assert response.status_code == 303
    data = draft_of(client).data
    assert data["answers"] == {"lamp": "knippert", "paalnummer": "12-034"}
    assert data["questions_done"] is True


def test_questions_unanswered_or_too_long_keep_what_was_typed(client, patient):
    through_category(client)
    response = client.post_form("/melding/vragen", {"paalnummer": "9" * 300})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Kies wat de lamp doet." in html
    assert "Gebruik niet meer dan" in html
    assert "9" * 300 in html
    assert not draft_of(client).data.get("questions_done")


def test_an_unknown_answer_to_a_question_is_refused(client, patient):
    through_category(client, "Er ligt grofvuil", "grofvuil-gedumpt")
    response = client.post_form(
        "/melding/vragen", {"soort": ["meubels", "kernafval"], "gevaarlijk": "ja"}
    )
    assert response.status_code == 422
    assert "Kies een van de antwoorden uit de lijst." in response.get_data(as_text=True)


def test_a_category_without_questions_skips_the_step(client, patient):
    through_category(client, "Graffiti op de muur", "graffiti")
    draft = draft_of(client)
    drafts.update(draft, questions_done=None)
    db.session.commit()
    response = client.get("/melding/vragen")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/melding/plek")
    assert draft_of(client).data["questions_done"] is True


def test_every_question_definition_loads():
    from portal.reports.questions import all_questions

    found = all_questions()
    for slug in ("lantaarnpaal-kapot", "gat-in-de-weg", "boom", "afvalbak-vol"):
        assert slug in found
    assert "grofvuil-gedumpt" in found
    known = {category.slug for category in categories.subcategories(locale="nl")}
    assert set(found) <= known


# --- Step guards --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/melding/categorie",
        "/melding/vragen",
        "/melding/lijkt-op",
        "/melding/contact",
        "/melding/controleren",
    ],
)
def test_a_later_step_without_the_earlier_ones_goes_back_to_the_first(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/melding")


def test_contact_before_the_place_goes_to_the_place(client, patient):
    through_category(client, "Graffiti op de muur", "graffiti")
    response = client.get("/melding/contact")
    assert response.headers["Location"].endswith("/melding/plek")


def test_the_sent_page_is_not_for_other_sessions(client):
    response = client.get("/melding/verstuurd")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/melding")


# --- Duplicates ---------------------------------------------------------------------------


def test_without_nearby_reports_the_duplicate_step_passes(client, patient):
    through_category(client, "Graffiti op de muur", "graffiti")
    set_draft(client, location=PLACE)
    response = client.get("/melding/lijkt-op")
    assert response.status_code == 302
    assert draft_of(client).data["duplicates_seen"] is True


def test_nearby_reports_are_shown_and_can_be_followed_anonymously(client, patient):
    other = make_report("lantaarnpaal-kapot", at=offset(DEMO_CENTER, north_m=20))
    db.session.commit()
    through_category(client)
    set_draft(client, questions_done=True, location=PLACE, answers={})
    html = client.get("/melding/lijkt-op").get_data(as_text=True)
    assert "Is het een van deze meldingen?" in html
    assert "Stap 3 van 5" in html
    assert "Ongeveer 20 meter van uw plek" in html
    assert "Volg deze melding" in html and "Nee, ik doe een nieuwe melding" in html

    missing = client.post_form(
        "/melding/lijkt-op/volgen", {"melding": str(other.id)}, page="/melding/lijkt-op"
    )
    assert missing.status_code == 422
    assert "Vul uw e-mailadres in." in missing.get_data(as_text=True)

    response = client.post_form(
        "/melding/lijkt-op/volgen",
        {"melding": str(other.id), f"volg-{other.id}-email": "buur@voorbeeld.nl"},
        page="/melding/lijkt-op",
    )
    assert response.status_code == 303
    db.session.expire_all()
    followers = db.session.scalars(
        select(ReportFollower).where(ReportFollower.report_id == other.id)
    ).all()
    assert [f.email for f in followers if f.role == "follower"] == ["buur@voorbeeld.nl"]
    # The new follower is mailed the follow link at once.
    follower = next(f for f in followers if f.role == "follower")
    mails = db.session.scalars(select(OutboxEvent).where(OutboxEvent.event == "following")).all()
    assert [row.payload["follower_id"] for row in mails] == [follower.id]
    assert count(ReportDraft) == 0
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "U volgt nu deze melding" in html
    assert count(Report) == 1


def test_a_report_that_is_not_nearby_cannot_be_followed(client, patient):
    near = make_report("lantaarnpaal-kapot", at=offset(DEMO_CENTER, north_m=10))
    far = make_report("lantaarnpaal-kapot", at=offset(DEMO_CENTER, north_m=900))
    db.session.commit()
    through_category(client)
    set_draft(client, questions_done=True, location=PLACE)
    response = client.post_form(
        "/melding/lijkt-op/volgen",
        {"melding": str(far.id), f"volg-{far.id}-email": "a@voorbeeld.nl"},
        page="/melding/lijkt-op",
    )
    assert response.status_code == 422
    assert "Deze melding kunt u niet meer volgen." in response.get_data(as_text=True)
    assert near.id != far.id


def test_no_it_is_something_new_goes_on(client, patient):
    make_report("lantaarnpaal-kapot", at=offset(DEMO_CENTER, east_m=15))
    db.session.commit()
    through_category(client)
    set_draft(client, questions_done=True, location=PLACE)
    response = client.post_form("/melding/lijkt-op")
    assert response.status_code == 303
    assert draft_of(client).data["duplicates_seen"] is True


# --- Contact ------------------------------------------------------------------------------


def _before_contact(client):
    ready_to_check(client)
    set_draft(client, contact_done=None, contact=None)


def test_anonymous_reporters_are_told_they_hear_nothing_without_email(client, patient):
    _before_contact(client)
    html = client.get("/melding/contact").get_data(as_text=True)
    assert "Stap 5 van 5" in html
    assert "Dan hoort u niets meer van ons over deze melding." in html
    assert 'autocomplete="email"' in html and 'autocomplete="tel"' in html


def test_contact_details_are_checked_and_kept(client, patient):
    _before_contact(client)
    bad = client.post_form("/melding/contact", {"email": "geen-adres", "telefoon": "12"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert "Vul een geldig e-mailadres in." in html and "geen-adres" in html
    assert "Vul een geldig telefoonnummer in" in html
    long = client.post_form("/melding/contact", {"email": "a" * 300 + "@voorbeeld.nl"})
    assert long.status_code == 422
    good = client.post_form("/melding/contact", {"email": "ik@voorbeeld.nl", "telefoon": ""})
    assert good.headers["Location"].endswith("/melding/controleren")
    assert draft_of(client).data["contact"] == {"email": "ik@voorbeeld.nl", "phone": ""}


def test_contact_is_optional(client, patient):
    _before_contact(client)
    response = client.post_form("/melding/contact", {"email": "", "telefoon": ""})
    assert response.status_code == 303


# --- Check and send -----------------------------------------------------------------------


def test_the_check_page_shows_every_step_with_a_change_link_and_the_norm(client, patient):
    ready_to_check(client)
    set_draft(
        client,
        photos=[{"token": "abc", "path": "x", "thumbnail_path": "y", "name": "lamp.jpg"}],
    )
    html = client.get("/melding/controleren").get_data(as_text=True)
    for text in (
        "De afvalbak in het park is vol.",
        "Afvalbak of container is vol",
        "Dorpsstraat 12",
    ):
        assert text in html
    assert "Ligt er ook afval naast de afvalbak?" in html
    assert "lamp.jpg" in html
    assert html.count(">Wijzigen<") >= 7
    assert "binnen 3 werkdagen" in html
    assert "Verstuur melding" in html


def test_sending_makes_a_case_and_a_report(client, patient):
    ready_to_check(client, contact={"email": "ik@voorbeeld.nl", "phone": "06 12345678"})
    response = client.post_form("/melding/controleren")
    assert response.status_code == 303
    db.session.expire_all()
    case = db.session.scalars(select(Case)).one()
    report = db.session.scalars(select(Report)).one()
    assert case.product_slug == PRODUCT_SLUG
    assert case.product_name == "Melding openbare ruimte"
    assert (case.team, case.norm_working_days) == ("afval", 3)
    assert case.party_kind == "anonymous" and len(case.party_identifier) == 16
    assert case.answers["Omschrijving"] == "De afvalbak in het park is vol."
    assert case.answers["Ligt er ook afval naast de afvalbak?"] == "Ja"
    assert case.contact == {"email": "ik@voorbeeld.nl", "telefoon": "06 12345678"}
    assert report.case_id == case.id and report.status == "gemeld"
    assert (report.main_category, report.category_slug) == ("afval", "afvalbak-vol")
    assert (report.street, report.area) == ("Dorpsstraat", "Centrum")
    assert report.location_source == "address"
    assert [h.status for h in report.history] == ["gemeld"]
    assert [(f.role, f.email) for f in report.followers] == [("reporter", "ik@voorbeeld.nl")]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert case.number in html
    assert "Wij sturen u een e-mail op ik@voorbeeld.nl" in html


def test_a_double_click_on_send_makes_one_report(client, patient):
    ready_to_check(client)
    token = hidden_value(client.get("/melding/controleren").get_data(as_text=True), "csrf_token")
    with client.session_transaction() as cookie:
        before = dict(cookie)
    first = client.post("/melding/controleren", data={"csrf_token": token})
    # The second click carries the cookie from before the first answer came back.
    with client.session_transaction() as cookie:
        cookie.clear()
        cookie.update(before)
    second = client.post("/melding/controleren", data={"csrf_token": token})
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"].endswith("/melding/verstuurd")
    assert count(Case) == 1 and count(Report) == 1
    assert client.get("/melding/verstuurd").status_code == 200


def test_submitting_the_same_draft_twice_gives_the_same_report(client, patient):
    from portal.reports import services

    ready_to_check(client)
    draft = draft_of(client)
    data = dict(draft.data)
    with client.application.test_request_context():
        case, report = services.submit(draft, None)
        # A second request that read the draft before the first one finished.
        draft.submitted_at, draft.data = None, data
        again = services.submit(draft, None)
        db.session.commit()
    assert again == (case, report)
    assert count(Case) == 1 and count(Report) == 1


def test_an_anonymous_report_without_email_hears_nothing(client, patient):
    ready_to_check(client)
    check = client.get("/melding/controleren").get_data(as_text=True)
    assert "U gaf geen e-mailadres." in check
    sent = client.post_form("/melding/controleren", follow_redirects=True)
    html = sent.get_data(as_text=True)
    assert "Daarom krijgt u geen bericht over deze melding." in html


def test_a_signed_in_resident_reports_for_herself_with_her_contact(client, sign_in, patient):
    sign_in("inwoner")
    _before_contact(client)
    html = client.get("/melding/contact").get_data(as_text=True)
    assert "U ziet uw melding ook in Mijn zaken." in html
    client.post_form("/melding/contact", {"email": "fatima@voorbeeld.nl", "telefoon": ""})
    sent = client.post_form("/melding/controleren", follow_redirects=True)
    db.session.expire_all()
    case = db.session.scalars(select(Case)).one()
    assert (case.party_kind, case.party_identifier) == ("person", "999990007")
    assert "Bekijk uw melding in Mijn zaken" in sent.get_data(as_text=True)


def test_a_representative_without_a_mandate_for_reports_reports_for_himself(
    client, sign_in, patient
):
    sign_in("dochter-namens-vader")
    html = client.get("/melding").get_data(as_text=True)
    assert "Uw machtiging geldt niet voor meldingen." in html
    ready_to_check(client)
    client.post_form("/melding/controleren")
    db.session.expire_all()
    case = db.session.scalars(select(Case)).one()
    assert (case.party_kind, case.party_identifier) == ("person", "999990068")
    assert case.actor_kind == "self"
    assert "namens" not in case.actor_label


def test_a_representative_with_a_mandate_for_reports_reports_for_the_other(client, patient):
    sign_in_principal(
        client,
        representative(
            "999990068", "Sanne Bakker", "999990111", (PRODUCT_SLUG,), for_name="Henk Bakker"
        ),
    )
    html = client.get("/melding").get_data(as_text=True)
    assert "U doet deze melding namens Henk Bakker." in html
    ready_to_check(client)
    client.post_form("/melding/controleren")
    db.session.expire_all()
    case = db.session.scalars(select(Case)).one()
    assert (case.party_kind, case.party_identifier) == ("person", "999990111")
    assert case.actor_kind == "representative"


# --- Clean-up -----------------------------------------------------------------------------


def test_expired_drafts_and_their_photos_are_removed(app, client, patient, tmp_path):
    from datetime import timedelta

    from portal.cases import files
    from portal.reports.jobs import remove_expired_drafts

    stored = files.store_bytes(b"\xff\xd8\xff", name="a.jpg", content_type="image/jpeg")
    describe(client)
    set_draft(client, photos=[{"token": "t", "path": stored.path, "thumbnail_path": ""}])
    root = tmp_path / "files"
    assert (root / stored.path).exists()
    assert remove_expired_drafts() == 0
    assert remove_expired_drafts(drafts.now() + timedelta(days=2)) == 1
    db.session.commit()
    assert not (root / stored.path).exists()
    assert count(ReportDraft) == 0


def test_the_clean_up_command(runner):
    result = runner.invoke(args=["clean-report-drafts"])
    assert result.exit_code == 0
    assert "0 verlopen meldingen verwijderd" in result.output


def test_make_run_cleans_report_drafts_in_the_background(app):
    import threading

    from portal.devtools.services import BACKGROUND_JOBS
    from portal.reports.jobs import start_draft_cleanup

    assert "portal.reports.jobs:start_draft_cleanup" in BACKGROUND_JOBS
    stop = threading.Event()
    stop.set()
    thread = start_draft_cleanup(app, stop=stop)
    thread.join(timeout=10)
    assert not thread.is_alive()
