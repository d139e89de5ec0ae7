"""The notice content kind: local times in and UTC out, the rules about start, end and
placement, withdrawing, and the preview on the home page or the product page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.catalog import demo, models
from portal.editor import kinds
from portal.extensions import db
from tests.support.client import page_problems

NEXT_YEAR = datetime.now().year + 1


@pytest.fixture
def kind(app):
    demo.load()
    db.session.commit()
    return kinds.get("notice")


def notice_data(**facts):
    data = {
        "facts": {
            "placement": "banner",
            "level": "warning",
            "product_slug": "",
            "starts_at": f"{NEXT_YEAR}-12-17T00:00",
            "ends_at": f"{NEXT_YEAR}-12-25T00:00",
            "staff_notes": "Alleen voor ons",
        },
        "texts": {
            "nl": {"title": "Het gemeentehuis is dicht", "body": "Online kan het **wel**."},
            "en": {"title": "The town hall is closed", "body": "Online still **works**."},
        },
    }
    data["facts"].update(facts)
    return data


def notice_row(slug):
    return db.session.scalar(select(models.Notice).where(models.Notice.slug == slug))


def test_apply_stores_amsterdam_time_as_utc(kind):
    data = notice_data(starts_at=f"{NEXT_YEAR}-12-24T08:00", ends_at=f"{NEXT_YEAR + 1}-07-01T08:00")
    kind.apply("dicht", data)
    db.session.commit()
    row = notice_row("dicht")
    # Winter time (CET) is UTC+1, summer time (CEST) UTC+2.
    assert row.starts_at == datetime(NEXT_YEAR, 12, 24, 7, 0)
    assert row.ends_at == datetime(NEXT_YEAR + 1, 7, 1, 6, 0)
    assert row.placement == "banner" and row.level == "warning" and row.published
    assert row.product_slug is None
    assert row.staff_notes == "Alleen voor ons"
    assert {t.locale: t.title for t in row.texts} == {
        "nl": "Het gemeentehuis is dicht",
        "en": "The town hall is closed",
    }


def test_what_apply_wrote_loads_back_in_local_time(kind):
    data = notice_data()
    kind.apply("dicht", data)
    loaded = kind.load_live("dicht")
    assert loaded["facts"]["starts_at"] == f"{NEXT_YEAR}-12-17T00:00"
    assert loaded["facts"]["ends_at"] == f"{NEXT_YEAR}-12-25T00:00"
    assert loaded["texts"] == data["texts"]
    assert [e.key for e in kind.list_live()] == ["dicht"]


def test_an_empty_start_means_at_once(kind):
    kind.apply("meteen", notice_data(starts_at=None))
    assert notice_row("meteen").starts_at is None


def test_the_form_also_accepts_a_dutch_date(kind):
    kind.apply("dicht", notice_data(starts_at=f"17-12-{NEXT_YEAR} 08:00"))
    assert notice_row("dicht").starts_at == datetime(NEXT_YEAR, 12, 17, 7, 0)


def test_a_product_notice_keeps_its_product(kind):
    kind.apply("balie", notice_data(placement="product", product_slug="uittreksel-brp"))
    assert notice_row("balie").product_slug == "uittreksel-brp"


def test_a_banner_forgets_a_product_chosen_before(kind):
    kind.apply("dicht", notice_data(product_slug="uittreksel-brp"))
    assert notice_row("dicht").product_slug is None


@pytest.mark.parametrize(
    "facts, field, message",
    [
        (
            {"starts_at": f"{NEXT_YEAR}-12-25T00:00", "ends_at": f"{NEXT_YEAR}-12-17T00:00"},
            "fact-ends_at",
            "Het einde moet na het begin liggen.",
        ),
        (
            {"starts_at": "2020-01-01T00:00", "ends_at": "2020-01-02T00:00"},
            "fact-ends_at",
            "Dit moment is al voorbij.",
        ),
        ({"placement": "product", "product_slug": ""}, "fact-product_slug", "Kies op de pagina"),
        (
            {"placement": "product", "product_slug": "bestaat-niet"},
            "fact-product_slug",
            "Dit product bestaat niet meer.",
        ),
    ],
)
def test_the_rules_name_the_field(kind, facts, field, message):
    errors = kind.validate("x", notice_data(**facts))
    assert errors[field].startswith(message)
    with pytest.raises(ValueError):
        kind.apply("x", notice_data(**facts))
    assert notice_row("x") is None


def test_an_english_text_without_english_title_is_refused(kind):
    data = notice_data()
    data["texts"]["en"]["title"] = ""
    assert "en-title" in kind.validate("x", data)


@pytest.mark.parametrize(
    "facts",
    [{"ends_at": None}, {"level": "alarm"}, {"placement": "overal"}, {"ends_at": "morgen"}],
)
def test_apply_refuses_incomplete_facts_before_writing(kind, facts):
    with pytest.raises(ValueError):
        kind.apply("x", notice_data(**facts))
    assert notice_row("x") is None


def test_withdraw_keeps_the_row_but_takes_it_off_the_site(kind):
    kind.apply("dicht", notice_data())
    kind.withdraw("dicht")
    assert notice_row("dicht").published is False
    with pytest.raises(ValueError):
        kind.withdraw("bestaat-niet")


def preview_soup(kind, app, data, locale="nl"):
    with app.test_request_context("/medewerkers/redactie/notice/voorbeeld"):
        html = kind.preview("dicht", data, locale)
    assert page_problems(html) == []
    return BeautifulSoup(html, "html.parser")


def test_the_preview_of_a_banner_is_the_home_page_with_the_banner(kind, app):
    # The notice starts next December, but the preview shows it as it will be then.
    soup = preview_soup(kind, app, notice_data())
    assert soup.find("h1").get_text(strip=True) == "Wat wilt u regelen?"
    region = soup.find(id="banner-dicht")
    assert region["role"] == "region"
    assert soup.find(id=region["aria-labelledby"]).get_text(strip=True) == (
        "Het gemeentehuis is dicht"
    )
    assert "Alleen voor ons" not in soup.get_text()
    assert notice_row("dicht") is None


def test_the_preview_of_a_product_notice_is_the_product_page(kind, app):
    data = notice_data(placement="product", product_slug="verhuizing-doorgeven")
    soup = preview_soup(kind, app, data)
    assert soup.find("h1").get_text(strip=True) == "Verhuizing doorgeven"
    assert soup.find(id="notice-dicht") is not None
    assert soup.find(id="banner-dicht") is None


def test_the_preview_in_english(kind, app):
    soup = preview_soup(kind, app, notice_data(), locale="en")
    assert soup.find("html")["lang"] == "en"
    assert "The town hall is closed" in soup.find(id="banner-dicht").get_text()


def test_the_live_banner_runs_from_start_to_end(kind, client):
    from portal.catalog import cache

    local = datetime.now(ZoneInfo("Europe/Amsterdam"))
    starts = (local - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    ends = (local + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    kind.apply("nu", notice_data(starts_at=starts, ends_at=ends))
    cache.drop()
    db.session.commit()
    soup = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser")
    assert soup.find(id="banner-nu") is not None
