"""Following a report to the end: the follow link, follower e-mails, "het is niet opgelost"
within and after 14 days, the mark, and the report on the Mijn zaken case page."""

import io
import logging
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from PIL import Image

from portal.auth.principal import Party
from portal.cases.handling import close_case
from portal.cases.models import Case, Feedback
from portal.devtools.smtp_catcher import MailCatcher
from portal.extensions import db
from portal.notifications.models import SENT, SKIPPED, OutboxEvent
from portal.notifications.outbox import enqueue
from portal.notifications.services import send_pending
from portal.profile import services as profile
from portal.reports import following, photos, reopening
from portal.reports.models import Report, ReportPhoto, ReportReopen, ReportStatus
from portal.reports.texts import DONE, IN_PROGRESS, REPORTED
from tests.reports.factories import FATIMA, make_report, now

OTHER = Party(kind="person", identifier="999990019")
RESULT = "Wij hebben de lamp vervangen."


def _report(party: Party = FATIMA) -> Report:
    report = make_report(party=party)
    report.history.append(ReportStatus(status=REPORTED, created_at=report.created_at))
    db.session.flush()
    return report


def _close(report: Report) -> None:
    """What the back office does: the report and its case are closed together."""
    moment = now()
    report.status, report.is_open, report.closed_at = DONE, False, moment
    report.result_text = RESULT
    report.history.append(ReportStatus(status=DONE, note=RESULT, created_at=moment))
    close_case(db.session.get(Case, report.case_id), "afgehandeld", RESULT, None)
    db.session.flush()


def _path(follower) -> str:
    return urlsplit(following.follow_link(follower)).path


def _follower_rows() -> list[OutboxEvent]:
    db.session.expire_all()
    query = db.select(OutboxEvent).where(OutboxEvent.audience == "follower")
    return list(db.session.scalars(query.order_by(OutboxEvent.id)))


def _confirmed_email(party: Party, address: str) -> None:
    profile.save_contact(party, email=address, phone="", notify_by_email=True, language="nl")
    assert profile.confirm_email(profile.confirmation_token(party, address))
    db.session.flush()


@pytest.fixture(autouse=True)
def _app(app):
    return app


@pytest.fixture
def mail(app):
    catcher = MailCatcher(port=0).start()
    app.config["SMTP_PORT"] = catcher.port
    yield catcher
    catcher.stop()


# The link


def test_the_follow_link_leads_back_to_its_follower(app):
    report = _report()
    follower = following.add_follower(report, role="reporter", email="melder@example.org")

    link = following.follow_link(follower)

    assert link.startswith(f"{app.config['PUBLIC_URL']}/melding/volgen/{follower.key}-")
    assert following.follower_from_token(link.rsplit("/", 1)[1]) is follower


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-1] + ("0" if token[-1] != "0" else "1"),  # altered MAC
        lambda token: "0" * 32 + token[32:],  # another key, same MAC
        lambda token: token.split("-")[0],  # no MAC
        lambda token: token + "0" * 5000,  # far too long
        lambda token: "../" + token,
    ],
)
def test_an_altered_link_finds_nothing(change):
    follower = following.add_follower(_report(), role="reporter", email="melder@example.org")
    token = following.follow_token(follower)
    assert following.follower_from_token(change(token)) is None


def test_forged_unknown_and_stopped_links_get_the_same_404(client):
    report = _report()
    stopped = following.add_follower(report, role="follower", email="buur@example.org")
    following.stop_following(stopped)
    unknown = following.ReportFollower(key="ab" * 16)
    db.session.commit()
    forged = _path(stopped)[:-4] + "0000"

    answers = []
    for path in (forged, _path(unknown), _path(stopped), "/melding/volgen/kapot"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["Cache-Control"] == "no-store"
        answers.append(response.get_data(as_text=True).replace(path, "…"))
    assert "Wij kunnen deze melding niet vinden" in answers[0]
    assert "14 0123" in answers[0]
    assert len(set(answers)) == 1


def test_the_same_address_or_person_follows_once(app):
    report = _report()
    first = following.add_follower(report, role="follower", email="Buur@Example.org")
    following.stop_following(first)
    again = following.add_follower(report, role="follower", email=" buur@example.org ")
    signed_in = following.add_follower(report, role="follower", party=OTHER)

    assert again is first and again.stopped_at is None
    assert following.add_follower(report, role="follower", party=OTHER) is signed_in
    assert len(report.followers) == 2


def test_a_report_has_a_bounded_number_of_followers(monkeypatch):
    monkeypatch.setattr(following, "MAX_FOLLOWERS", 2)
    report = _report()
    following.add_follower(report, role="reporter", email="a@example.org")
    following.add_follower(report, role="follower", email="b@example.org")
    with pytest.raises(following.FollowError):
        following.add_follower(report, role="follower", email="c@example.org")


def test_the_token_stays_out_of_the_request_log(app):
    follower = following.add_follower(_report(), role="reporter", email="melder@example.org")
    path = _path(follower)
    record = logging.LogRecord(
        "werkzeug", logging.INFO, "", 0, '%s - - "%s" %s', ("127.0.0.1", f"GET {path}", 200), None
    )
    for log_filter in logging.getLogger("werkzeug").filters:
        log_filter.filter(record)
    assert follower.key not in record.getMessage()
    assert "/melding/volgen/…" in record.getMessage()


# E-mails


def test_followers_with_an_address_get_one_row_each():
    report = _report()
    following.add_follower(report, role="reporter", email="melder@example.org")
    following.add_follower(report, role="follower", email="buur@example.org")
    following.add_follower(report, role="follower", party=OTHER)  # no address
    stopped = following.add_follower(report, role="follower", email="weg@example.org")
    following.stop_following(stopped)

    following.notify_followers(report, "status_changed")

    rows = _follower_rows()
    assert [row.event for row in rows] == ["status_changed", "status_changed"]
    assert all(row.case_number == db.session.get(Case, report.case_id).number for row in rows)
    assert "melder@example.org" not in str([row.payload for row in rows])


def test_a_signed_in_reporter_with_a_confirmed_address_gets_the_case_emails_only():
    _confirmed_email(FATIMA, "fatima@example.org")
    report = _report()
    following.add_follower(report, role="reporter", email="fatima@example.org", party=FATIMA)
    following.notify_followers(report, "closed")
    assert _follower_rows() == []


def test_a_signed_in_reporter_without_a_confirmed_address_is_told_as_a_follower():
    report = _report()
    following.add_follower(report, role="reporter", email="fatima@example.org", party=FATIMA)
    following.notify_followers(report, "closed")
    assert [row.event for row in _follower_rows()] == ["closed"]


def test_the_email_links_to_the_report_and_says_nothing_of_it(app, mail):
    report = _report()
    follower = following.add_follower(report, role="reporter", email="melder@example.org")
    following.notify_followers(report, "received")
    db.session.commit()

    send_pending()

    [message] = mail.to("melder@example.org")
    number = db.session.get(Case, report.case_id).number
    assert message["Subject"] == f"Wij hebben uw melding ontvangen ({number})"
    for kind in ("plain", "html"):
        body = message.get_body(preferencelist=(kind,)).get_content()
        assert following.follow_link(follower) in body
        assert "14 dagen" in body
        assert "lantaarnpaal voor ons huis" not in body
    [row] = _follower_rows()
    assert row.status == SENT and "follower_id" in row.payload


def test_the_email_is_in_the_followers_language(app, mail):
    report = _report()
    with app.test_request_context("/?lang=en"):
        follower = following.add_follower(report, role="follower", email="neighbour@example.org")
    follower.language = "en"
    following.notify_follower(follower, "following")
    db.session.commit()

    send_pending()

    [message] = mail.to("neighbour@example.org")
    assert message["Content-Language"] == "en"


def test_a_follower_row_needs_its_follower_and_a_follower_event():
    case = db.session.get(Case, _report().case_id)
    known = {"recipient": "follower", "follower_id": 1}
    with pytest.raises(ValueError):
        enqueue("message", case=case, party=None, payload=known)
    with pytest.raises(ValueError):
        enqueue("closed", case=case, party=None, payload={"recipient": "follower"})


def test_someone_who_stopped_before_sending_gets_nothing(mail):
    report = _report()
    follower = following.add_follower(report, role="follower", email="buur@example.org")
    following.notify_followers(report, "status_changed")
    following.stop_following(follower)
    db.session.commit()

    assert send_pending() == 0
    assert mail.messages == []
    [row] = _follower_rows()
    assert row.status == SKIPPED and row.last_error == "stopped following"


# The follow page


def test_the_reporter_sees_the_timeline_and_what_they_wrote(client):
    report = _report()
    reporter = following.add_follower(report, role="reporter", email="melder@example.org")
    _close(report)
    db.session.commit()

    response = client.get(_path(reporter))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Lantaarnpaal brandt niet of knippert" in page
    assert "Dorpsstraat 1" in page
    assert "De lantaarnpaal voor ons huis brandt niet." in page
    assert RESULT in page
    assert "Het is niet opgelost" in page
    assert "Stop met volgen" in page


def test_a_follower_does_not_see_the_reporters_words(client):
    report = _report()
    neighbour = following.add_follower(report, role="follower", email="buur@example.org")
    _close(report)
    db.session.commit()

    page = client.get(_path(neighbour)).get_data(as_text=True)

    assert "De lantaarnpaal voor ons huis" not in page
    assert "Dorpsstraat 1" not in page and "Dorpsstraat, Centrum" in page
    assert "Het is niet opgelost" not in page


def _photo(report: Report, *, is_result: bool) -> ReportPhoto:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(data, "JPEG")
    entry = photos.accept(data.getvalue(), "lamp.jpg")
    photo = ReportPhoto(
        path=entry["path"],
        thumbnail_path=entry["thumbnail_path"],
        content_type=entry["content_type"],
        size=entry["size"],
        is_result=is_result,
        created_at=now(),
    )
    report.photos.append(photo)
    db.session.flush()
    return photo


def test_a_follower_sees_the_result_photo_but_not_the_reporters(client):
    report = _report()
    own = _photo(report, is_result=False)
    result = _photo(report, is_result=True)
    neighbour = following.add_follower(report, role="follower", email="buur@example.org")
    _close(report)
    db.session.commit()

    page = client.get(_path(neighbour)).get_data(as_text=True)

    assert f"/meldingen/foto/{result.id}/klein" in page
    assert 'alt="Foto van het resultaat 1"' in page
    assert f"/meldingen/foto/{own.id}/" not in page
    assert client.get(f"/meldingen/foto/{result.id}/groot").status_code == 200


def test_stopping_ends_the_link(client):
    follower = following.add_follower(_report(), role="follower", email="buur@example.org")
    db.session.commit()
    path = _path(follower)

    response = client.post_form(f"{path}/stoppen", page=path, follow_redirects=True)

    assert "U volgt de melding niet meer" in response.get_data(as_text=True)
    assert client.get(path).status_code == 404


# Reopening


def _reporter_of_closed_report():
    report = _report()
    reporter = following.add_follower(report, role="reporter", email="melder@example.org")
    neighbour = following.add_follower(report, role="follower", email="buur@example.org")
    _close(report)
    db.session.commit()
    return report, reporter, neighbour


def test_a_reason_is_needed_to_reopen(client):
    report, reporter, _ = _reporter_of_closed_report()
    path = _path(reporter)

    response = client.post_form(f"{path}/niet-opgelost", {"reason": "  "}, page=path)

    assert response.status_code == 422
    assert "Schrijf op wat er niet is opgelost" in response.get_data(as_text=True)
    db.session.refresh(report)
    assert report.is_open is False


def test_the_reporter_reopens_within_14_days(client, monkeypatch):
    report, reporter, _ = _reporter_of_closed_report()
    closed_at = report.closed_at
    monkeypatch.setattr(reopening, "now", lambda: closed_at + timedelta(days=14))
    path = _path(reporter)

    response = client.post_form(
        f"{path}/niet-opgelost", {"reason": "De lamp is weer uit."}, page=path
    )

    assert response.status_code == 302
    db.session.expire_all()
    report = db.session.get(Report, report.id)
    case = db.session.get(Case, report.case_id)
    assert (report.is_open, report.status, report.closed_at) == (True, IN_PROGRESS, None)
    assert report.history[-1].note == "De lamp is weer uit."
    assert db.session.scalars(db.select(ReportReopen)).one().follower_id == reporter.id
    assert (case.closed_at, case.result, case.status) == (None, None, "in_behandeling")
    assert case.events[-1].action == "reopened"
    events = {(row.audience, row.event) for row in db.session.scalars(db.select(OutboxEvent))}
    assert {("follower", "reopened"), ("team", "case_reopened")} <= events


def test_followers_read_that_it_was_reopened_but_not_why(client, monkeypatch):
    report, reporter, neighbour = _reporter_of_closed_report()
    reopening.reopen_report(report, "Bij mij voor de deur is het nog donker.", follower=reporter)
    db.session.commit()

    page = client.get(_path(neighbour)).get_data(as_text=True)

    assert "Weer in behandeling" in page
    assert "De melder heeft laten weten dat het probleem er nog is." in page
    assert "voor de deur" not in page


def test_after_14_days_it_cannot_be_reopened(client, monkeypatch):
    report, reporter, _ = _reporter_of_closed_report()
    closed_at = report.closed_at
    monkeypatch.setattr(reopening, "now", lambda: closed_at + timedelta(days=15))
    path = _path(reporter)

    page = client.get(path).get_data(as_text=True)
    assert "kunt u hem niet meer heropenen" in page
    assert "Maak een nieuwe melding" in page

    response = client.post_form(f"{path}/niet-opgelost", {"reason": "Nog kapot."}, page=path)
    assert response.status_code == 302
    db.session.refresh(report)
    assert report.is_open is False


def test_a_follower_cannot_reopen(client):
    report, _, neighbour = _reporter_of_closed_report()
    path = _path(neighbour)
    response = client.post_form(f"{path}/niet-opgelost", {"reason": "Kapot."}, page=path)
    assert response.status_code == 302
    db.session.refresh(report)
    assert report.is_open is False


# The mark


def test_the_reporter_gives_a_mark_once(client):
    _, reporter, _ = _reporter_of_closed_report()
    path = _path(reporter)

    first = client.post_form(f"{path}/cijfer", {"mark": "8", "comment": "Snel!"}, page=path)
    assert first.status_code == 302
    feedback = db.session.scalars(db.select(Feedback)).one()
    assert (feedback.mark, feedback.comment) == (8, "Snel!")
    assert "U gaf ons een 8" in client.get(path).get_data(as_text=True)

    again = client.post_form(f"{path}/cijfer", {"mark": "2"}, page=path)
    assert again.status_code == 302
    assert db.session.scalars(db.select(Feedback)).one().mark == 8


def test_a_mark_must_be_1_to_10(client):
    _, reporter, _ = _reporter_of_closed_report()
    path = _path(reporter)
    response = client.post_form(f"{path}/cijfer", {"mark": "11"}, page=path)
    assert response.status_code == 422
    assert db.session.scalars(db.select(Feedback)).first() is None


# Mijn zaken


def test_the_signed_in_reporter_sees_the_report_in_mijn_zaken(client, sign_in):
    report = _report(FATIMA)
    _close(report)
    number = db.session.get(Case, report.case_id).number
    db.session.commit()
    sign_in("inwoner")

    page = client.get(f"/mijn-zaken/{number}").get_data(as_text=True)

    assert "Uw melding" in page
    assert "De lantaarnpaal voor ons huis brandt niet." in page
    assert "Het is niet opgelost" in page
    assert "Cijfer versturen" in page


def test_reopening_from_mijn_zaken(client, sign_in):
    report = _report(FATIMA)
    _close(report)
    number = db.session.get(Case, report.case_id).number
    db.session.commit()
    sign_in("inwoner")
    url = f"/mijn-zaken/{number}/niet-opgelost"

    empty = client.post_form(url, {"reason": ""}, page=f"/mijn-zaken/{number}")
    assert empty.status_code == 422
    assert "<title>Fout: " in empty.get_data(as_text=True)

    done = client.post_form(url, {"reason": "Nog donker."}, page=f"/mijn-zaken/{number}")
    assert done.status_code == 302
    db.session.refresh(report)
    assert report.is_open is True


def test_someone_elses_report_is_not_found(client, sign_in):
    report = _report(OTHER)
    _close(report)
    number = db.session.get(Case, report.case_id).number
    db.session.commit()
    sign_in("inwoner")

    assert client.get(f"/mijn-zaken/{number}").status_code == 404
    page = "/mijn-zaken"
    response = client.post_form(f"/mijn-zaken/{number}/niet-opgelost", {"reason": "x"}, page=page)
    assert response.status_code == 404
    db.session.refresh(report)
    assert report.is_open is False
