"""Service norms and routing per product and report category: a change is audited with the
old and the new value, drops the catalogue cache, and counts for new cases only."""

import uuid
from datetime import date, timedelta

import holidays
import pytest

from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases import services as cases
from portal.catalog import cache
from portal.extensions import db
from tests.administration.conftest import BASE, audit_rows
from tests.administration.factories import make_category, make_product


def working_days_after(start: date, count: int) -> date:
    """Independent of portal.cases.calendar: skip weekends, Dutch holidays and 5 May."""
    day = start
    while count:
        day += timedelta(days=1)
        closed = day in holidays.Netherlands(years=day.year) or (day.month, day.day) == (5, 5)
        if day.weekday() < 5 and not closed:
            count -= 1
    return day


def first_working_day_from(day: date) -> date:
    while (
        day.weekday() >= 5
        or day in holidays.Netherlands(years=day.year)
        or (
            day.month,
            day.day,
        )
        == (5, 5)
    ):
        day += timedelta(days=1)
    return day


def _new_case(slug: str = "paspoort"):
    case = case_creation.create_case(
        product_slug=slug,
        party=Party("person", "999990007"),
        actor=None,
        answers={},
        idempotency_key=uuid.uuid4().hex,
    )
    db.session.commit()
    return case


@pytest.fixture
def product(app):
    row = make_product("paspoort", norm_working_days=5, team="burgerzaken")
    db.session.commit()
    return row


def test_a_norm_change_counts_for_new_cases_only(admin, product):
    before = _new_case()
    assert before.expected_completion == working_days_after(cases.today(), 5)
    generation = cache.generation()

    response = admin.post_form(
        f"{BASE}/termijnen/product/paspoort",
        {"norm_working_days": "10", "norm_weeks": "", "team": "burgerzaken"},
    )
    assert response.status_code == 302
    assert cache.generation() > generation
    (event,) = audit_rows("admin.product_norm_changed")
    assert (event.target, event.detail) == ("paspoort", "norm_working_days: 5→10")

    after = _new_case()
    assert after.expected_completion == working_days_after(cases.today(), 10)
    db.session.refresh(before)
    assert before.expected_completion == working_days_after(cases.today(), 5)
    assert before.norm_working_days == 5


def test_a_norm_in_weeks_replaces_working_days(admin, product):
    response = admin.post_form(
        f"{BASE}/termijnen/product/paspoort",
        {"norm_working_days": "", "norm_weeks": "8", "team": "burgerzaken"},
    )
    assert response.status_code == 302
    details = sorted(event.detail for event in audit_rows("admin.product_norm_changed"))
    assert details == ["norm_weeks: —→8", "norm_working_days: 5→—"]
    case = _new_case()
    assert case.expected_completion == first_working_day_from(cases.today() + timedelta(weeks=8))


def test_routing_a_product_to_another_team(admin, product):
    response = admin.post_form(
        f"{BASE}/termijnen/product/paspoort",
        {"norm_working_days": "5", "norm_weeks": "", "team": "wmo"},
    )
    assert response.status_code == 302
    (event,) = audit_rows("admin.product_team_changed")
    assert event.detail == "team: burgerzaken→wmo"
    assert audit_rows("admin.product_norm_changed") == []
    assert _new_case().team == "wmo"


@pytest.mark.parametrize(
    ("days", "weeks", "team", "message"),
    [
        ("5", "8", "burgerzaken", "Vul de termijn in werkdagen of in weken in. Niet allebei."),
        ("-3", "", "burgerzaken", "Vul een heel getal in, zoals 10. Gebruik geen min-teken."),
        ("0", "", "burgerzaken", "Kies een termijn van 1 tot en met 365 werkdagen."),
        ("", "999", "burgerzaken", "Kies een termijn van 1 tot en met 104 weken."),
        ("vijf", "", "burgerzaken", "Vul een heel getal in"),
        ("5" * 5000, "", "burgerzaken", "Vul een heel getal in"),
        ("5\x00", "", "burgerzaken", "Vul een heel getal in"),
        ("5", "", "geen-team", "Kies een team uit de lijst"),
    ],
)
def test_bad_norms_are_refused(admin, product, days, weeks, team, message):
    generation = cache.generation()
    response = admin.post_form(
        f"{BASE}/termijnen/product/paspoort",
        {"norm_working_days": days, "norm_weeks": weeks, "team": team},
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert (product.norm_working_days, product.norm_weeks, product.team) == (5, None, "burgerzaken")
    assert cache.generation() == generation
    assert audit_rows("admin.product_norm_changed") == []


@pytest.mark.parametrize(
    "path",
    [
        "/termijnen/product/bestaat-niet",
        "/termijnen/product/" + "a" * 5000,
        "/termijnen/product/pas%00poort",
        "/termijnen/melding/bestaat-niet",
        "/termijnen/melding/%00",
    ],
)
def test_unknown_products_and_categories_are_404(admin, product, path):
    assert admin.get(BASE + path).status_code == 404


def test_a_report_category_norm_and_team(admin):
    make_category("gat-in-de-weg", norm_working_days=5, team="openbare-ruimte")
    db.session.commit()
    response = admin.post_form(
        f"{BASE}/termijnen/melding/gat-in-de-weg", {"norm_working_days": "3", "team": "afval"}
    )
    assert response.status_code == 302
    (norm,) = audit_rows("admin.category_norm_changed")
    (team,) = audit_rows("admin.category_team_changed")
    assert (norm.target, norm.detail) == ("gat-in-de-weg", "norm_working_days: 5→3")
    assert team.detail == "team: openbare-ruimte→afval"
    from portal.reports.categories import all_categories

    (category,) = [c for c in all_categories("nl") if c.slug == "gat-in-de-weg"]
    assert (category.norm_working_days, category.team) == (3, "afval")


def test_a_report_category_needs_a_norm(admin):
    make_category("gat-in-de-weg")
    db.session.commit()
    response = admin.post_form(
        f"{BASE}/termijnen/melding/gat-in-de-weg", {"norm_working_days": "", "team": "afval"}
    )
    assert response.status_code == 422
    assert "Vul de termijn in werkdagen in" in response.get_data(as_text=True)


def test_the_page_says_only_new_cases_get_the_norm(admin, product):
    page = admin.get(f"{BASE}/termijnen/product/paspoort").get_data(as_text=True)
    assert "Een nieuwe termijn geldt alleen voor nieuwe zaken." in page
    assert 'value="5"' in page
