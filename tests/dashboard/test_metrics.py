"""Each figure of the dashboard against an independent count over the generated month."""

from collections import Counter
from datetime import date, datetime

import pytest
from flask_babel import force_locale

from portal.dashboard.filters import Filters
from portal.dashboard.groups import grouping_for
from portal.dashboard.metrics_appointments import appointments
from portal.dashboard.metrics_callbacks import callbacks
from portal.dashboard.metrics_cases import norms
from portal.dashboard.metrics_contact import first_contact
from portal.dashboard.metrics_feedback import COMMENT_MAX, marks
from portal.dashboard.metrics_reports import reports
from portal.dashboard.periods import Period
from portal.extensions import db
from tests.dashboard import factories
from tests.dashboard.conftest import (
    END,
    NOW,
    START,
    TODAY,
    in_november,
    local_day,
    weekdays_after,
    weekdays_between,
)

NOVEMBER = Period(START, END)
TEAMS = {"burgerzaken": "Team Burgerzaken", "wmo": "Team Wmo"}


@pytest.fixture(autouse=True)
def dutch(app):
    with force_locale("nl"):
        yield


def _avg(values):
    return round(sum(values) / len(values), 1) if values else None


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else None


def test_marks_average_and_spread_match_a_count(world):
    found = marks(Filters(NOVEMBER), grouping_for("", TEAMS))

    given = [m for m in world.marks if in_november(m["at"])]
    assert given, "the generated month should hold marks"
    assert found.count == len(given)
    assert found.average == _avg([m["mark"] for m in given])
    assert found.distribution == {n: sum(1 for m in given if m["mark"] == n) for n in range(1, 11)}
    per_team = {g.key: (g.count, g.average) for g in found.groups}
    for team in {m["team"] for m in given}:
        of_team = [m["mark"] for m in given if m["team"] == team]
        assert per_team[team] == (len(of_team), _avg(of_team))


def test_comments_are_latest_first_and_cut_short(world):
    found = marks(Filters(NOVEMBER), grouping_for("", TEAMS))

    with_text = sorted(
        (m for m in world.marks if in_november(m["at"]) and (m["comment"] or "").strip()),
        key=lambda m: m["at"],
        reverse=True,
    )
    assert [c.mark for c in found.comments] == [m["mark"] for m in with_text][:20]
    assert [c.day for c in found.comments] == [local_day(m["at"]) for m in with_text][:20]
    assert all(len(c.text) <= COMMENT_MAX for c in found.comments)
    assert any(c.text.endswith("…") for c in found.comments)


def test_marks_per_team_filter(world):
    found = marks(Filters(NOVEMBER, team="wmo"), grouping_for("wmo", TEAMS))

    given = [m["mark"] for m in world.marks if in_november(m["at"]) and m["team"] == "wmo"]
    assert (found.count, found.average) == (len(given), _avg(given))
    assert {g.key for g in found.groups} <= {"hulp-bij-het-huishouden"}


def test_cases_within_norm_match_a_count(world):
    found = norms(Filters(NOVEMBER), grouping_for("", TEAMS), TODAY, NOW)

    closed = [c for c in world.cases if c["closed"] and in_november(c["closed"])]
    normed = [c for c in closed if c["expected"]]
    on_time = [c for c in normed if local_day(c["closed"]) <= c["expected"]]
    assert (found.closed, found.with_norm, found.within) == (len(closed), len(normed), len(on_time))
    assert found.percentage == _pct(len(on_time), len(normed))
    for group in found.groups:
        mine = [c for c in normed if c["team"] == group.key]
        assert group.closed == len(mine)
        assert group.within == sum(1 for c in mine if local_day(c["closed"]) <= c["expected"])


def test_the_case_closed_after_local_midnight_counts_for_december(world):
    found = norms(
        Filters(Period(date(2026, 12, 1), date(2026, 12, 1))), grouping_for("", TEAMS), TODAY, NOW
    )

    december_first = [
        c for c in world.cases if c["closed"] and local_day(c["closed"]) == date(2026, 12, 1)
    ]
    assert found.closed == len(december_first) >= 1


@pytest.mark.parametrize(
    ("expected", "closed", "on_time"),
    [
        # Summer time: local midnight is 22:00 UTC.
        (date(2026, 7, 10), datetime(2026, 7, 10, 21, 59), True),
        (date(2026, 7, 10), datetime(2026, 7, 10, 22, 1), False),
        (date(2026, 7, 10), datetime(2026, 7, 9, 23, 30), True),
        # Winter time: 23:00 UTC; 22:30 UTC is still the same local day.
        (date(2026, 11, 10), datetime(2026, 11, 10, 22, 30), True),
        (date(2026, 11, 10), datetime(2026, 11, 10, 23, 1), False),
        (date(2026, 11, 10), datetime(2026, 11, 11, 8, 0), False),
        # The nights the clocks move: 29 March is summer time by the evening, 25 October not.
        (date(2026, 3, 29), datetime(2026, 3, 29, 22, 30), False),
        (date(2026, 10, 25), datetime(2026, 10, 25, 22, 30), True),
    ],
)
def test_on_time_is_the_local_date_in_summer_and_winter(app, expected, closed, on_time):
    factories.make_case(created_at=datetime(2026, 3, 1, 9), closed_at=closed, expected=expected)
    db.session.commit()
    year = Period(date(2026, 1, 1), date(2026, 12, 31))

    found = norms(Filters(year), grouping_for("", TEAMS), TODAY, NOW)

    assert (found.with_norm, found.within) == (1, int(on_time))
    assert (local_day(closed) <= expected) is on_time  # the rule itself


def test_backlog_at_risk_and_late_on_the_last_day(world):
    found = norms(Filters(NOVEMBER), grouping_for("", TEAMS), TODAY, NOW)

    day = END  # the period lies in the past: the backlog as it was on its last day
    assert found.reference_day == day
    still_open = [
        c
        for c in world.cases
        if local_day(c["created"]) <= day and (c["closed"] is None or local_day(c["closed"]) > day)
    ]
    late = [c for c in still_open if c["expected"] and c["expected"] < day]
    at_risk = [
        c
        for c in still_open
        if c["expected"] and c["expected"] >= day and weekdays_between(day, c["expected"]) <= 2
    ]
    assert (found.open, found.at_risk, found.late) == (len(still_open), len(at_risk), len(late))
    assert sum(b.open for b in found.backlog) == len(still_open)


def test_first_contact_resolution_per_team_and_channel(world):
    found = first_contact(Filters(NOVEMBER), TEAMS)

    month = [c for c in world.contacts if in_november(c["at"])]
    answered = [c for c in month if c["answered"]]
    assert (found.total, found.answered) == (len(month), len(answered))
    assert found.percentage == _pct(len(answered), len(month))
    by_channel = {g.key: (g.total, g.answered) for g in found.by_channel}
    for channel in {c["channel"] for c in month}:
        mine = [c for c in month if c["channel"] == channel]
        assert by_channel[channel] == (len(mine), sum(1 for c in mine if c["answered"]))
    by_team = {g.key: g.total for g in found.by_team}
    assert by_team == dict(Counter(c["team"] for c in month))


def test_first_contact_does_not_apply_to_other_channels(world):
    assert first_contact(Filters(NOVEMBER, channel="formulier"), TEAMS).applies is False


def test_reports_by_category_and_area(world):
    found = reports(Filters(NOVEMBER))

    month = [r for r in world.reports if in_november(r["at"])]
    assert found.total == len(month)
    assert dict(found.by_category) == dict(Counter(r["category"] for r in month))
    assert dict(found.by_area) == dict(Counter(r["area"] or "Wijk onbekend" for r in month))
    counts = [count for _, count in found.by_category]
    assert counts == sorted(counts, reverse=True)


def test_reports_are_left_out_for_another_channel(world):
    assert reports(Filters(NOVEMBER, channel="formulier")).total == 0


def test_appointments_used_cancelled_and_not_come(world):
    found = appointments(Filters(NOVEMBER), NOW)

    month = [a for a in world.appointments if in_november(a["starts"])]
    assert found.counts["used"] == sum(1 for a in month if a["status"] in ("arrived", "done"))
    assert found.counts["cancelled"] == sum(1 for a in month if a["status"] == "cancelled")
    assert found.counts["no_show"] == sum(1 for a in month if a["status"] == "no_show")
    # November lies before NOW: a booked appointment without an outcome was not recorded.
    assert found.counts["not_recorded"] == sum(1 for a in month if a["status"] == "booked")
    assert found.counts["planned"] == 0
    counted = [a for a in month if a["status"] not in ("held", "expired")]
    marks_given = [a["mark"] for a in counted if a["mark"] is not None]
    assert (found.marks, found.average_mark) == (len(marks_given), _avg(marks_given))


def test_appointments_have_no_channel(world):
    assert appointments(Filters(NOVEMBER, channel="vraag"), NOW).applies is False


@pytest.mark.parametrize("target_days", [2, 1])
def test_callbacks_within_the_target(world, target_days):
    found = callbacks(Filters(NOVEMBER), TODAY, target_days)

    month = [c for c in world.callbacks if in_november(c["at"])]
    on_time = late = reached = waiting = 0
    for callback in month:
        asked = local_day(callback["at"])
        last_day = weekdays_after(asked, target_days)
        attempts = sorted(callback["attempts"])
        if not attempts:
            waiting += last_day >= TODAY
            late += last_day < TODAY
            continue
        if local_day(attempts[0][0]) <= last_day:
            on_time += 1
        else:
            late += 1
        reached += any(o == "reached" and local_day(t) <= last_day for t, o in attempts)
    assert found.total == len(month)
    assert (found.attempt_on_time, found.attempt_late, found.waiting) == (on_time, late, waiting)
    assert found.reached_on_time == reached
    assert found.attempt_percentage == _pct(on_time, on_time + late)
