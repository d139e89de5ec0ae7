"""The queue at a large size: counts stop at COUNT_LIMIT and say "meer dan", pages past the
counted ones stay reachable, the norm filters (ranges on the expected date) agree with each
case's norm, and the product choices come from the team's open cases."""

from datetime import date, timedelta

import pytest

from portal.backoffice import services, work_queue
from portal.cases import services as case_services
from portal.cases.texts import WAITING_FOR_RESIDENT
from portal.extensions import db
from tests.support.rows import add_cases


@pytest.fixture
def maria(sign_in, handler):
    sign_in("behandelaar")
    return handler("behandelaar")


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(work_queue, "COUNT_LIMIT", 3)
    monkeypatch.setattr(work_queue, "PER_PAGE", 2)


def _numbers(result) -> list[str]:
    return [row.case.number for row in result.rows]


def test_counts_stop_at_the_limit_and_say_more(client, maria, small_limits):
    today = case_services.today()
    add_cases(5, expected_completion=today - timedelta(days=4))  # late
    add_cases(2, expected_completion=today)  # at risk

    html = client.get("/medewerkers/zaken").get_data(as_text=True)

    assert "meer dan 3 zaken" in html  # late
    assert "2 zaken" in html  # at risk
    assert "Meer dan 3 open zaken" in html
    assert 'href="/medewerkers/zaken?page=2"' in html  # on to the ones not counted yet


def test_paging_on_past_the_limit_counts_further(maria, small_limits):
    add_cases(9)
    principal = work_queue.QueueFilters()

    first = work_queue.queue(maria, "burgerzaken", principal, page=1)
    fourth = work_queue.queue(maria, "burgerzaken", principal, page=4)
    last = work_queue.queue(maria, "burgerzaken", principal, page=99)

    assert (first.total, first.more, first.pages) == (3, True, 2)
    assert (fourth.page, fourth.total, fourth.more, fourth.pages) == (4, 9, False, 5)
    assert (last.page, len(last.rows), last.more) == (5, 1, False)
    seen = [
        n
        for page in range(1, 6)
        for n in _numbers(work_queue.queue(maria, "burgerzaken", principal, page=page))
    ]
    assert len(seen) == len(set(seen)) == 9


def test_each_norm_filter_holds_the_cases_with_that_norm(maria):
    today = case_services.today()
    made = []
    for offset in (-5, -1, 0, 1, 2, 3, 4, 7, 30, None):
        expected = None if offset is None else today + timedelta(days=offset)
        made += add_cases(1, expected_completion=expected)
    made += add_cases(2, status=WAITING_FOR_RESIDENT, expected_completion=today - timedelta(1))
    norms = {case.number: services.case_norm(case, today) for case in made}

    for state in services.NORM_STATES:
        found = work_queue.queue(maria, "burgerzaken", work_queue.QueueFilters(norm=state))
        assert sorted(_numbers(found)) == sorted(n for n, s in norms.items() if s == state)
        assert found.counts[state] == list(norms.values()).count(state)
    unknown = work_queue.queue(maria, "burgerzaken", work_queue.QueueFilters(norm="onzin"))
    assert unknown.rows == [] and unknown.total == 0


def test_a_case_without_a_date_comes_after_the_dated_ones(maria):
    undated = add_cases(1, expected_completion=None)[0]
    dated = add_cases(2, expected_completion=date.today() + timedelta(days=40))

    found = _numbers(work_queue.queue(maria, "burgerzaken", work_queue.QueueFilters()))

    assert set(found[:2]) == {c.number for c in dated}
    assert found[-1] == undated.number


def test_the_product_choices_are_the_teams_open_cases_products(maria):
    add_cases(2)
    add_cases(1, product_slug="verhuizing-doorgeven", product_name="Verhuizing doorgeven")
    add_cases(1, product_slug="a-gesloten", product_name="Gesloten", closed_at=case_services.now())
    add_cases(1, team="wmo", product_slug="hulp", product_name="Hulp")
    db.session.commit()

    found = work_queue.queue(maria, "burgerzaken", work_queue.QueueFilters())

    assert found.products == [
        ("uittreksel-brp", "Uittreksel uit de BRP"),
        ("verhuizing-doorgeven", "Verhuizing doorgeven"),
    ]
