"""Open reports near a point (duplicates) and in a map box, and the index that finds them."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from portal.extensions import db
from portal.reports import nearby
from portal.reports.locations.base import DEMO_CENTER
from portal.reports.texts import DONE, FORWARDED, PLANNED
from tests.reports.factories import make_report, now, offset

LAMP = "lantaarnpaal-kapot"  # main category "verlichting"
POLE = "lantaarnpaal-schade"  # also "verlichting"
POTHOLE = "gat-in-de-weg"  # main category "wegen"


def duplicates(point=DEMO_CENTER, **kwargs):
    return nearby.find_duplicates("verlichting", *point, **kwargs)


def test_a_report_49_m_away_is_found_and_one_51_m_away_is_not(app):
    near = make_report(LAMP, at=offset(DEMO_CENTER, north_m=49))
    make_report(LAMP, at=offset(DEMO_CENTER, east_m=51))

    found = duplicates()

    assert [n.report.id for n in found] == [near.id]
    assert found[0].distance_m == pytest.approx(49, abs=0.5)


def test_the_corner_of_the_box_is_not_within_the_radius(app):
    make_report(LAMP, at=offset(DEMO_CENTER, north_m=40, east_m=40))  # 57 m away

    assert duplicates() == []


def test_any_subcategory_of_the_same_main_category_counts(app):
    other_sub = make_report(POLE, at=offset(DEMO_CENTER, north_m=10))

    assert [n.report.id for n in duplicates()] == [other_sub.id]


def test_another_main_category_is_not_a_duplicate(app):
    make_report(POTHOLE, at=offset(DEMO_CENTER, north_m=5))

    assert duplicates() == []


@pytest.mark.parametrize("status", [DONE, FORWARDED])
def test_closed_reports_are_not_duplicates(app, status):
    make_report(LAMP, at=offset(DEMO_CENTER, north_m=5), status=status)

    assert duplicates() == []


def test_a_planned_report_is_still_open(app):
    planned = make_report(LAMP, at=offset(DEMO_CENTER, north_m=5), status=PLANNED)

    assert [n.report.id for n in duplicates()] == [planned.id]


def test_reports_older_than_30_days_are_not_duplicates(app):
    make_report(LAMP, created_at=now() - timedelta(days=31))
    recent = make_report(LAMP, created_at=now() - timedelta(days=29))

    assert [n.report.id for n in duplicates()] == [recent.id]


def test_a_merged_report_is_not_offered_but_the_one_it_joined_is(app):
    kept = make_report(LAMP, at=offset(DEMO_CENTER, north_m=20))
    make_report(LAMP, at=offset(DEMO_CENTER, north_m=1), merged_into=kept)

    assert [n.report.id for n in duplicates()] == [kept.id]


def test_nearest_first_and_at_most_the_limit(app):
    far = make_report(LAMP, at=offset(DEMO_CENTER, north_m=30))
    nearest = make_report(LAMP, at=offset(DEMO_CENTER, east_m=3))
    middle = make_report(LAMP, at=offset(DEMO_CENTER, north_m=-15))

    assert [n.report.id for n in duplicates()] == [nearest.id, middle.id, far.id]
    assert [n.report.id for n in duplicates(limit=2)] == [nearest.id, middle.id]


def test_exclude_leaves_the_report_itself_out(app):
    itself = make_report(LAMP)
    other = make_report(LAMP, at=offset(DEMO_CENTER, north_m=10))

    assert [n.report.id for n in duplicates(exclude_id=itself.id)] == [other.id]


@pytest.mark.parametrize(
    ("point", "kwargs"),
    [
        ((None, 6.1), {}),
        (("noord", 6.1), {}),
        ((float("nan"), 6.1), {}),
        ((95.0, 6.1), {}),
        ((52.3, float("inf")), {}),
        (DEMO_CENTER, {"radius_m": -5}),
        (DEMO_CENTER, {"radius_m": "ver"}),
        (DEMO_CENTER, {"days": -1}),
        (DEMO_CENTER, {"limit": 0}),
    ],
)
def test_input_that_is_not_a_place_finds_nothing(app, point, kwargs):
    make_report(LAMP)

    assert duplicates(point, **kwargs) == []


def test_open_reports_in_a_box_newest_first_per_category(app):
    older = make_report(LAMP, created_at=now() - timedelta(days=60))
    newer = make_report(POTHOLE, at=offset(DEMO_CENTER, east_m=300))
    make_report(LAMP, at=offset(DEMO_CENTER, north_m=5000))  # outside the box
    make_report(LAMP, status=DONE)
    box = (
        *sorted((offset(DEMO_CENTER, north_m=-500)[0], offset(DEMO_CENTER, north_m=500)[0])),
        *sorted((offset(DEMO_CENTER, east_m=-500)[1], offset(DEMO_CENTER, east_m=500)[1])),
    )

    assert [r.id for r in nearby.open_reports_in_box(*box)] == [newer.id, older.id]
    assert [r.id for r in nearby.open_reports_in_box(*box, category="verlichting")] == [older.id]
    assert [r.id for r in nearby.open_reports_in_box(*box, limit=1)] == [newer.id]


@pytest.mark.parametrize(
    "box",
    [(52.4, 52.2, 6.0, 6.2), (None, 52.4, 6.0, 6.2), (52.2, 52.4, 6.0, 200.0), ("a", 1, 2, 3)],
)
def test_a_box_that_is_not_a_box_finds_nothing(app, box):
    make_report(LAMP)

    assert nearby.open_reports_in_box(*box) == []


def query_plan(statement) -> str:
    """The database's plan for a statement, as one string."""
    sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
    if db.engine.dialect.name == "sqlite":
        rows = db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}")).all()
        return "\n".join(str(row[-1]) for row in rows)
    # Few rows in a test database: make the planner show what it does on a large one.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    return "\n".join(row[0] for row in db.session.execute(text(f"EXPLAIN {sql}")))


def test_the_duplicate_lookup_uses_the_nearby_index(app):
    for metres in range(0, 200, 20):
        make_report(LAMP, at=offset(DEMO_CENTER, north_m=metres))
    statement = nearby.duplicates_query("verlichting", *DEMO_CENTER, 50, now())

    plan = query_plan(statement)

    assert "ix_reports_report_nearby" in plan, plan


def test_the_map_box_uses_the_nearby_index(app):
    make_report(LAMP)
    statement = nearby._open_in_box(["verlichting", "wegen"], 52.29, 52.31, 6.09, 6.11)

    plan = query_plan(statement)

    assert "ix_reports_report_nearby" in plan, plan
