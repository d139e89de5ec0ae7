"""The back office for reports: the rules of handling (start, plan, forward, close, change
category, merge, approve a photo, bulk) and the pages under /medewerkers/meldingen, with the
team check, the audit trail and a queue whose query count does not grow with its size."""

import re
from datetime import date, timedelta

import holidays
import pytest
from sqlalchemy import event, select

from portal.auth.models import AuditEvent
from portal.cases import services as cases
from portal.cases.calendar import add_working_days, is_working_day
from portal.cases.models import Case
from portal.components import clock
from portal.extensions import db
from portal.reports import bulk, following, handling
from portal.reports.handling import HandlingError
from portal.reports.models import ReportFollower, ReportPhoto, ReportStatus
from portal.reports.texts import DONE, FORWARDED, IN_PROGRESS, PLANNED, REPORTED
from tests.reports.factories import make_report, now, offset
from tests.support.principals import staff

OFFICE = "/medewerkers/meldingen"
RESULT = "Wij hebben de lamp vervangen. Hij brandt weer."


@pytest.fixture
def told(monkeypatch):
    """The follower notifications each rule asked for, as (case number, event)."""
    calls = []
    real = following.notify_followers

    def record(report, event_name):
        calls.append((handling.case_of(report).number, event_name))
        real(report, event_name)

    monkeypatch.setattr(following, "notify_followers", record)
    return calls


@pytest.fixture(autouse=True)
def _request(app):
    """The rules' messages are lazy Dutch texts; reading one needs a request's language."""
    with app.test_request_context():
        yield


@pytest.fixture
def daan():
    """A handler of team Openbare ruimte, like the persona behandelaar-openbare-ruimte."""
    return staff("Daan Mulder", "openbare-ruimte")


def number(report) -> str:
    return handling.case_of(report).number


def case(report) -> Case:
    return handling.case_of(report)


def next_working_day(after: date | None = None) -> date:
    return add_working_days(after or cases.today(), 1)


def next_saturday() -> date:
    day = cases.today() + timedelta(days=1)
    while day.weekday() != 5:
        day += timedelta(days=1)
    return day


def next_weekday_holiday() -> date:
    today = cases.today()
    found = holidays.Netherlands(years=range(today.year, today.year + 3))
    return min(d for d in found if d > today and d.weekday() < 5)


def audit_rows() -> list[tuple[str, str, str]]:
    db.session.expire_all()
    rows = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
    return [(row.action, row.result, row.target) for row in rows]


# The rules --------------------------------------------------------------------------------


def test_start_moves_report_and_case_and_tells_the_followers(daan, told):
    report = make_report()

    handling.start(report, daan)

    assert report.status == IN_PROGRESS
    assert [step.status for step in report.history] == [IN_PROGRESS]
    assert case(report).status == "in_behandeling"
    assert "report_started" in [e.action for e in case(report).events]
    assert ("reports.report_started", "success", number(report)) in audit_rows()
    assert told == [(number(report), "status_changed")]


def test_start_twice_or_on_a_closed_report_is_refused(daan, told):
    started = make_report()
    handling.start(started, daan)
    closed = make_report()
    handling.close(closed, RESULT, daan)

    with pytest.raises(HandlingError, match="al in behandeling"):
        handling.start(started, daan)
    with pytest.raises(HandlingError, match="al afgehandeld"):
        handling.start(closed, daan)


def test_plan_on_a_working_day_shows_the_date_to_the_reporter(daan, told):
    report = make_report()
    day = next_working_day()

    handling.plan(report, day, "Wij komen in de ochtend.", daan)

    assert (report.status, report.planned_for) == (PLANNED, day)
    [step] = report.history
    assert (step.status, step.planned_for, step.note) == (PLANNED, day, "Wij komen in de ochtend.")
    note = case(report).history[-1].note_for_resident
    assert note.startswith("Wij hebben het werk ingepland op") and note.endswith("ochtend.")
    assert told == [(number(report), "status_changed")]


@pytest.mark.parametrize(
    ("day", "says"),
    [
        (lambda: None, "Vul de datum in"),
        (lambda: cases.today() - timedelta(days=1), "al voorbij"),
        (next_saturday, "in het weekend"),
        (next_weekday_holiday, "Dan werken wij niet"),
    ],
    ids=["empty", "past", "weekend", "holiday"],
)
def test_plan_refuses_a_day_and_says_why(daan, told, day, says):
    report = make_report()

    with pytest.raises(HandlingError, match=says) as refused:
        handling.plan(report, day(), None, daan)

    assert refused.value.field == "day"
    assert report.status == REPORTED and not report.history and not told


def test_a_holiday_is_named(daan):
    holiday = next_weekday_holiday()
    name = holidays.Netherlands(years=holiday.year, language="nl")[holiday]

    with pytest.raises(HandlingError, match=name):
        handling.check_plan_date(holiday)
    assert not is_working_day(holiday)


def test_forward_closes_our_part_with_the_message(daan, told):
    report = make_report()

    handling.forward(
        report, "Waterschap Vechtstromen", "Het waterschap maakt de sloot schoon.", daan
    )

    assert (report.status, report.is_open, report.forwarded_to) == (
        FORWARDED,
        False,
        "Waterschap Vechtstromen",
    )
    assert report.history[-1].forwarded_to == "Waterschap Vechtstromen"
    assert case(report).result == "doorgestuurd"
    assert "Waterschap Vechtstromen" in case(report).result_reason
    assert "sloot" in case(report).result_reason
    assert told == [(number(report), "closed")]


def test_forward_needs_organisation_and_message(daan):
    report = make_report()
    with pytest.raises(HandlingError) as refused:
        handling.forward(report, "ProRail", "  ", daan)
    assert refused.value.field == "message"
    with pytest.raises(HandlingError) as refused:
        handling.forward(report, "", "Bel ProRail.", daan)
    assert refused.value.field == "organisation"
    assert report.is_open


def test_close_gives_the_reporter_the_result(daan, told):
    report = make_report()

    handling.close(report, f"  {RESULT} ", daan)

    assert (report.status, report.is_open, report.result_text) == (DONE, False, RESULT)
    assert report.history[-1].note == RESULT
    assert (case(report).result, case(report).result_reason) == ("afgehandeld", RESULT)
    assert case(report).is_closed
    assert told == [(number(report), "closed")]


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001], ids=["empty", "spaces", "too long"])
def test_close_needs_a_result_text_of_at_most_2000(daan, text):
    report = make_report()
    with pytest.raises(HandlingError) as refused:
        handling.close(report, text, daan)
    assert refused.value.field == "result_text"
    assert report.is_open and not case(report).is_closed


def test_a_closed_report_cannot_be_changed(daan):
    report = make_report()
    handling.close(report, RESULT, daan)

    for change in (
        lambda: handling.plan(report, next_working_day(), None, daan),
        lambda: handling.forward(report, "ProRail", "Bel ProRail.", daan),
        lambda: handling.close(report, RESULT, daan),
        lambda: handling.change_category(report, "zwerfafval", daan),
    ):
        with pytest.raises(HandlingError, match="al afgehandeld"):
            change()


def test_routing_follows_the_category(daan):
    report = make_report("lantaarnpaal-kapot")
    received = clock.local_date(case(report).created_at)

    handling.change_category(report, "afvalbak-vol", daan)

    assert (report.category_slug, report.main_category) == ("afvalbak-vol", "afval")
    assert case(report).team == "afval"
    assert case(report).norm_working_days == 3
    assert case(report).expected_completion == add_working_days(received, 3)
    [moved] = [e for e in case(report).events if e.action == "report_category_changed"]
    assert moved.detail == {"from": "lantaarnpaal-kapot", "to": "afvalbak-vol", "team": "afval"}


@pytest.mark.parametrize("slug", ["bestaat-niet", "afval", "", "lantaarnpaal-kapot"])
def test_an_unknown_main_or_same_category_is_refused(daan, slug):
    report = make_report("lantaarnpaal-kapot")
    with pytest.raises(HandlingError) as refused:
        handling.change_category(report, slug, daan)
    assert refused.value.field == "category"
    assert case(report).team == "openbare-ruimte"


def test_merge_closes_the_duplicate_and_moves_its_followers(daan, told):
    into = make_report()
    duplicate = make_report(at=offset(into_point := (into.latitude, into.longitude), north_m=20))
    assert into_point
    following.add_follower(into, role="reporter", email="fatima@voorbeeld.example")
    following.add_follower(duplicate, role="reporter", email="Fatima@voorbeeld.example")
    following.add_follower(duplicate, role="follower", email="buurman@voorbeeld.example")

    handling.merge(duplicate, into, daan)

    assert (duplicate.status, duplicate.is_open, duplicate.merged_into_id) == (DONE, False, into.id)
    assert number(into) in duplicate.result_text
    assert case(duplicate).result == "afgehandeld"
    addresses = sorted(f.email.lower() for f in into.followers)
    assert addresses == ["buurman@voorbeeld.example", "fatima@voorbeeld.example"]
    assert all(f.role == "follower" for f in into.followers if f.email.startswith("buur"))
    # The duplicate's reporter was told while still following it.
    assert told == [(number(duplicate), "merged")]
    assert into.is_open


def test_merge_into_itself_or_a_closed_report_is_refused(daan):
    report = make_report()
    closed = make_report()
    handling.close(closed, RESULT, daan)

    with pytest.raises(HandlingError, match="zichzelf"):
        handling.merge(report, report, daan)
    with pytest.raises(HandlingError, match="al afgehandeld") as refused:
        handling.merge(report, closed, daan)
    assert refused.value.field == "into"
    assert report.is_open


def test_approve_photo_for_the_public_overview(daan):
    report = make_report()
    photo = ReportPhoto(
        path="x.jpg", thumbnail_path="x-t.jpg", content_type="image/jpeg", size=1, created_at=now()
    )
    report.photos.append(photo)
    db.session.flush()

    handling.approve_photo(photo, daan)
    assert photo.public_approved
    handling.approve_photo(photo, daan, approved=False)
    assert not photo.public_approved
    actions = [e.action for e in case(report).events]
    assert "report_photo_approved" in actions and "report_photo_withdrawn" in actions


def test_bulk_goes_on_past_a_report_that_cannot(daan, told):
    fresh = [make_report() for _ in range(3)]
    started = make_report()
    handling.start(started, daan)

    result = bulk.bulk([*fresh, started], "start", daan)

    assert result.done == fresh
    assert [(r, "al in behandeling" in why) for r, why in result.refused] == [(started, True)]


def test_bulk_plan_checks_the_date_once_for_all(daan):
    reports = [make_report(), make_report()]
    with pytest.raises(HandlingError) as refused:
        bulk.bulk(reports, "plan", daan, day=next_saturday())
    assert refused.value.field == "day"
    assert all(r.status == REPORTED for r in reports)

    day = next_working_day()
    bulk.bulk(reports, "plan", daan, day=day)
    assert all(r.planned_for == day for r in reports)


def test_bulk_close_with_one_text_and_merge_into_one(daan):
    closing = [make_report(), make_report()]
    with pytest.raises(HandlingError) as refused:
        bulk.bulk(closing, "close", daan, result_text="")
    assert refused.value.field == "result_text"
    bulk.bulk(closing, "close", daan, result_text=RESULT)
    assert [r.result_text for r in closing] == [RESULT, RESULT]

    into, *duplicates = [make_report() for _ in range(3)]
    result = bulk.bulk([into, *duplicates], "merge", daan, into=into)
    assert result.done == duplicates
    assert all(d.merged_into_id == into.id for d in duplicates)


def test_bulk_needs_reports_and_a_known_action(daan):
    with pytest.raises(HandlingError) as refused:
        bulk.bulk([], "start", daan)
    assert refused.value.field == "reports"
    with pytest.raises(HandlingError) as refused:
        bulk.bulk([make_report()], "verwijderen", daan)
    assert refused.value.field == "action"
    with pytest.raises(HandlingError) as refused:
        bulk.bulk([make_report()], "merge", daan, into=None)
    assert refused.value.field == "into"


# The pages --------------------------------------------------------------------------------


@pytest.fixture
def signed_in(sign_in):
    sign_in("behandelaar-openbare-ruimte")


def rows(html: str) -> str:
    return html.split("<tbody", 1)[1].split("</tbody>", 1)[0] if "<tbody" in html else ""


def test_the_queue_shows_the_teams_open_reports_due_first(client, signed_in, daan):
    later = make_report("gat-in-de-weg")  # 10 working days
    sooner = make_report("lantaarnpaal-schade")  # 3 working days
    afval = make_report("zwerfafval")
    closed = make_report()
    handling.close(closed, RESULT, daan)
    db.session.commit()

    html = rows(client.get(OFFICE).get_data(as_text=True))

    assert number(later) in html and number(sooner) in html
    assert number(afval) not in html and number(closed) not in html
    assert html.index(number(sooner)) < html.index(number(later))


def test_the_queue_filters(client, signed_in):
    light = make_report("lantaarnpaal-kapot", area="Centrum")
    road = make_report("gat-in-de-weg", area="Noord")
    old = make_report("boom", created_at=now() - timedelta(days=12))
    late = make_report("boom")
    case(late).expected_completion = cases.today() - timedelta(days=1)
    handling.start(road, staff("Daan Mulder", "openbare-ruimte"))
    db.session.commit()

    def shown(query: str) -> set[str]:
        html = rows(client.get(f"{OFFICE}?{query}").get_data(as_text=True))
        return {n for n in map(number, (light, road, old, late)) if n in html}

    assert shown("category=verlichting") == {number(light)}
    assert shown("category=gat-in-de-weg") == {number(road)}
    assert shown("area=Noord") == {number(road)}
    assert shown("status=in_behandeling") == {number(road)}
    assert shown("age=10") == {number(old)}
    assert shown("norm=late") == {number(late)}
    # Values that are not in the lists are no filter, not an error.
    assert len(shown("age=abc&norm=soon&status=weg")) == 4


def test_the_queue_norm_agrees_with_the_calendar(client, signed_in):
    reports = {}
    for days in range(-2, 8):
        report = make_report("boom")
        case(report).expected_completion = cases.today() + timedelta(days=days)
        reports[number(report)] = case(report).expected_completion
    db.session.commit()
    from portal.cases.calendar import norm_status

    for state in ("on_time", "at_risk", "late"):
        html = rows(client.get(f"{OFFICE}?norm={state}").get_data(as_text=True))
        expected = {n for n, d in reports.items() if norm_status(d, cases.today()) == state}
        assert {n for n in reports if n in html} == expected, state


def _queries(client, url: str) -> int:
    count = 0

    def counted(*_args):
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", counted)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", counted)
    return count


def test_the_queue_costs_the_same_queries_for_10_or_100_reports(client, signed_in):
    for i in range(10):
        make_report(area=f"Wijk {i % 3}")
    db.session.commit()
    client.get(OFFICE)  # the first request of a process reads the categories
    few = (_queries(client, OFFICE), _queries(client, f"{OFFICE}/kaart"))
    for i in range(90):
        make_report(area=f"Wijk {i % 3}")
    db.session.commit()
    many = (_queries(client, OFFICE), _queries(client, f"{OFFICE}/kaart"))
    assert many == few


def test_the_map_lists_the_places(client, signed_in):
    report = make_report()
    db.session.commit()
    html = client.get(f"{OFFICE}/kaart").get_data(as_text=True)
    assert number(report) in html and "meldingen-kaart" in html


def test_the_report_page_shows_contact_followers_and_merge_candidates(client, signed_in):
    report = make_report()
    nearby = make_report(at=offset((report.latitude, report.longitude), east_m=15))
    following.add_follower(
        report, role="reporter", email="melder@voorbeeld.example", phone="0612345678"
    )
    following.add_follower(report, role="follower", email="buur@voorbeeld.example")
    db.session.commit()

    html = client.get(f"{OFFICE}/{number(report)}").get_data(as_text=True)

    assert "melder@voorbeeld.example" in html and "0612345678" in html
    assert "2 mensen volgen deze melding." in html
    assert f"met={number(nearby)}" in html
    assert ("backoffice.case_viewed", "success", number(report)) in audit_rows()


def test_a_handler_of_another_team_gets_404_and_is_audited(client, sign_in):
    report = make_report()
    db.session.commit()
    sign_in("behandelaar-afval")

    assert number(report) not in client.get(OFFICE).get_data(as_text=True)
    for path in ("", "/inplannen", "/afhandelen", "/doorsturen", "/categorie", "/samenvoegen"):
        assert client.get(f"{OFFICE}/{number(report)}{path}").status_code == 404
    response = client.post_form(f"{OFFICE}/{number(report)}/in-behandeling", page=OFFICE)
    assert response.status_code == 404
    db.session.refresh(report)
    assert report.status == REPORTED
    assert ("backoffice.case_refused", "refused", number(report)) in audit_rows()


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("inwoner", 403), ("redacteur", 403)])
def test_only_case_handlers_get_in(app, client, sign_in, who, status):
    report = make_report()
    db.session.commit()
    if who:
        sign_in(who)
    app.config["WTF_CSRF_ENABLED"] = False
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("report_office."):
            continue
        path = rule.build({"number": number(report), "photo_id": 1}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            assert client.open(path, method=method).status_code == status, (method, path)


def test_start_from_the_report_page(client, signed_in):
    report = make_report()
    db.session.commit()
    page = f"{OFFICE}/{number(report)}"

    response = client.post_form(f"{page}/in-behandeling", page=page, follow_redirects=True)

    assert "De melding is in behandeling." in response.get_data(as_text=True)
    db.session.refresh(report)
    assert report.status == IN_PROGRESS


def test_plan_page_shows_the_error_next_to_the_date_and_keeps_the_text(client, signed_in):
    report = make_report()
    db.session.commit()
    url = f"{OFFICE}/{number(report)}/inplannen"
    saturday = next_saturday()
    data = {
        "day-day": saturday.day,
        "day-month": saturday.month,
        "day-year": saturday.year,
        "note": "Wij komen met een hoogwerker.",
    }

    response = client.post_form(url, data)

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Fout: " in html
    assert 'id="day-error"' in html and "in het weekend" in html
    assert "Wij komen met een hoogwerker." in html

    day = next_working_day()
    data.update({"day-day": day.day, "day-month": day.month, "day-year": day.year})
    response = client.post_form(url, data, follow_redirects=True)
    assert "Het werk is ingepland." in response.get_data(as_text=True)
    db.session.refresh(report)
    assert report.planned_for == day


def test_close_page_needs_a_result_text(client, signed_in):
    report = make_report()
    db.session.commit()
    url = f"{OFFICE}/{number(report)}/afhandelen"

    response = client.post_form(url, {"result_text": ""})
    assert response.status_code == 422
    assert 'id="result_text-error"' in response.get_data(as_text=True)

    response = client.post_form(url, {"result_text": RESULT}, follow_redirects=True)
    assert "De melding is afgehandeld." in response.get_data(as_text=True)
    db.session.refresh(report)
    assert report.result_text == RESULT


def test_forward_and_category_pages(client, signed_in):
    forwarded, moved = make_report(), make_report()
    db.session.commit()

    response = client.post_form(
        f"{OFFICE}/{number(forwarded)}/doorsturen",
        {"organisation": "ProRail", "message": "ProRail maakt de overweg."},
        follow_redirects=True,
    )
    assert "De melding is doorgestuurd." in response.get_data(as_text=True)

    url = f"{OFFICE}/{number(moved)}/categorie"
    response = client.post_form(url, {"category": "bestaat-niet"})
    assert response.status_code == 422
    assert "Deze categorie kennen wij niet" in response.get_data(as_text=True)
    response = client.post_form(url, {"category": "zwerfafval"}, follow_redirects=True)
    assert "De melding hoort nu bij een ander team." in response.get_data(as_text=True)
    assert case(moved).team == "afval"
    # Now the other team's: this handler no longer finds it.
    assert client.get(f"{OFFICE}/{number(moved)}").status_code == 404


def test_merge_page(client, signed_in):
    duplicate, into = make_report(), make_report()
    afval = make_report("zwerfafval")
    db.session.commit()
    url = f"{OFFICE}/{number(duplicate)}/samenvoegen"

    assert client.post_form(url, {"number": number(duplicate)}).status_code == 422
    response = client.post_form(url, {"number": number(afval)})
    assert response.status_code == 422
    assert "Deze melding kennen wij niet" in response.get_data(as_text=True)
    assert ("backoffice.case_refused", "refused", number(afval)) in audit_rows()

    response = client.post_form(url, {"into": number(into)}, follow_redirects=True)
    assert "De meldingen zijn samengevoegd." in response.get_data(as_text=True)
    db.session.refresh(duplicate)
    assert duplicate.merged_into_id == into.id


def test_bulk_from_the_queue(client, signed_in):
    reports = [make_report() for _ in range(3)]
    db.session.commit()
    numbers = [number(r) for r in reports]

    response = client.post_form(OFFICE, {"bulk-reports": numbers[:2], "bulk-action": "plan"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="bulk-day-error"' in html
    assert len(re.findall(r'name="bulk-reports" value="[^"]+" checked', html)) == 2

    response = client.post_form(
        OFFICE,
        {"bulk-reports": numbers[:2], "bulk-action": "close", "bulk-result_text": RESULT},
        follow_redirects=True,
    )
    assert "2 meldingen zijn bijgewerkt." in response.get_data(as_text=True)
    db.session.expire_all()
    assert [r.is_open for r in reports] == [False, False, True]


def test_bulk_with_a_report_of_another_team_is_refused(client, signed_in):
    own, afval = make_report(), make_report("zwerfafval")
    db.session.commit()

    response = client.post_form(
        OFFICE, {"bulk-reports": [number(own), number(afval)], "bulk-action": "start"}
    )

    assert response.status_code == 404
    db.session.refresh(own)
    assert own.status == REPORTED
    assert ("backoffice.case_refused", "refused", number(afval)) in audit_rows()


def test_the_case_queue_links_to_the_reports(client, signed_in):
    html = client.get("/medewerkers/zaken").get_data(as_text=True)
    assert f'href="{OFFICE}"' in html


def test_timeline_rows_are_the_reporters(daan):
    report = make_report()
    handling.start(report, daan)
    handling.plan(report, next_working_day(), None, daan)
    handling.close(report, RESULT, daan)
    statuses = db.session.scalars(
        select(ReportStatus.status)
        .where(ReportStatus.report_id == report.id)
        .order_by(ReportStatus.id)
    )
    assert list(statuses) == [IN_PROGRESS, PLANNED, DONE]
    assert db.session.scalar(select(ReportFollower.id)) is None
