"""FAQ answers and notices on the resident pages: the product page, the FAQ page and the
banner under the header; the demo data; the cache that a publication drops."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import update

from portal.catalog import cache, demo_faq, models, notices
from portal.extensions import db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def utc_now() -> datetime:
    return notices.now()


@pytest.fixture
def demo(catalog):
    demo_faq.load()
    db.session.commit()
    return catalog


def add_notice(
    slug,
    title,
    *,
    placement="banner",
    level="info",
    product_slug=None,
    starts=-1,
    ends=24,
    body="",
    english=None,
):
    """A published notice that runs from `starts` to `ends` hours from now."""
    now = utc_now()
    row = models.Notice(
        slug=slug,
        placement=placement,
        level=level,
        product_slug=product_slug,
        starts_at=now + timedelta(hours=starts),
        ends_at=now + timedelta(hours=ends),
        published=True,
        updated_at=now,
    )
    row.texts = [models.NoticeText(locale="nl", title=title, body=body)]
    if english:
        row.texts.append(models.NoticeText(locale="en", title=english, body=""))
    db.session.add(row)
    cache.drop()
    db.session.commit()
    return row


# --- demo data ---


def test_the_closure_runs_from_17_december_until_the_end_of_24_december():
    # December is winter time in Amsterdam: UTC+1, so local midnight is 23:00 UTC.
    starts, ends = demo_faq.closure_period(datetime(2026, 12, 2, 18, 0))
    assert starts == datetime(2026, 12, 16, 23, 0)
    assert ends == datetime(2026, 12, 24, 23, 0)


def test_after_24_december_the_closure_is_next_years():
    # 25 December 00:30 in Amsterdam.
    starts, ends = demo_faq.closure_period(datetime(2026, 12, 24, 23, 30))
    assert starts == datetime(2027, 12, 16, 23, 0)
    assert ends == datetime(2027, 12, 24, 23, 0)


def test_on_24_december_itself_the_closure_is_this_years():
    starts, _ends = demo_faq.closure_period(datetime(2026, 12, 24, 12, 0))
    assert starts.year == 2026


def test_the_demo_loader_adds_once_and_never_overwrites(catalog):
    assert demo_faq.load() is True
    db.session.commit()
    db.session.execute(
        update(models.FaqText)
        .where(models.FaqText.question == "Hoe lang is mijn paspoort geldig?")
        .values(question="Gewijzigd door de redactie")
    )
    db.session.commit()
    assert demo_faq.load() is False
    questions = db.session.scalars(db.select(models.FaqText.question)).all()
    assert "Gewijzigd door de redactie" in questions
    assert "Hoe lang is mijn paspoort geldig?" not in questions
    notice = db.session.scalar(db.select(models.Notice))
    assert notice.slug == "gemeentehuis-gesloten-24-december"
    assert {t.title for t in notice.texts} >= {"Het gemeentehuis is gesloten op 24 december"}


# --- the product page and the FAQ page ---


def test_a_product_page_shows_its_own_questions_only(demo, client):
    soup = soup_of(client.get("/producten/reisdocument-aanvragen"))
    section = soup.find("section", attrs={"aria-labelledby": "faq-title"})
    questions = [s.get_text(strip=True) for s in section.find_all("summary")]
    assert questions == ["Hoe lang is mijn paspoort geldig?", "Wat neem ik mee naar mijn afspraak?"]
    answer = section.find("details").get_text(" ", strip=True)
    assert "Dan is uw paspoort 10 jaar geldig." in answer


def test_a_product_without_questions_has_no_faq_section(demo, client):
    soup = soup_of(client.get("/producten/uittreksel-brp"))
    assert soup.find(id="faq-title") is None


def test_the_answer_is_markdown_made_safe(catalog, client):
    row = models.Faq(
        slug="lijst", product_slug="uittreksel-brp", published=True, updated_at=utc_now()
    )
    row.texts = [
        models.FaqText(
            locale="nl",
            question="Wat kost het?",
            answer="- **16 euro**\n- <script>alert(1)</script>",
            synonyms=[],
        )
    ]
    db.session.add(row)
    cache.drop()
    db.session.commit()
    details = soup_of(client.get("/producten/uittreksel-brp")).find(id="vraag-lijst")
    assert details.find("strong").get_text() == "16 euro"
    assert details.find("script") is None


def test_the_faq_page_shows_general_questions_first_then_per_product(demo, client):
    soup = soup_of(client.get("/veelgestelde-vragen"))
    headings = [h.get_text(strip=True) for h in soup.find("main").find_all("h2")]
    # Products in alphabetical order of their name.
    assert headings == ["Algemene vragen", "Paspoort of ID-kaart aanvragen", "Verhuizing doorgeven"]
    assert soup.find(id="vraag-hoe-bereik-ik-de-gemeente") is not None


def test_a_withdrawn_answer_is_not_shown(demo, client):
    db.session.execute(
        update(models.Faq)
        .where(models.Faq.slug == "hoe-bereik-ik-de-gemeente")
        .values(published=False)
    )
    cache.drop()
    db.session.commit()
    assert (
        soup_of(client.get("/veelgestelde-vragen")).find(id="vraag-hoe-bereik-ik-de-gemeente")
        is None
    )


def test_english_readers_get_the_english_answer(demo, client):
    client.get("/taal/en")
    soup = soup_of(client.get("/producten/verhuizing-doorgeven"))
    questions = [s.get_text(strip=True) for s in soup.find_all("summary")]
    assert "When do I report my move?" in questions


def test_without_english_the_dutch_answer_is_shown(catalog, client):
    row = models.Faq(slug="alleen-nl", product_slug=None, published=True, updated_at=utc_now())
    row.texts = [
        models.FaqText(locale="nl", question="Alleen in het Nederlands?", answer="Ja.", synonyms=[])
    ]
    db.session.add(row)
    cache.drop()
    db.session.commit()
    client.get("/taal/en")
    assert "Alleen in het Nederlands?" in client.get("/veelgestelde-vragen").get_data(as_text=True)


# --- notices ---


def test_a_running_banner_shows_on_the_home_page_as_a_labelled_region(catalog, client):
    add_notice("storing", "Storing bij DigiD", level="warning", body="Probeer het **later**.")
    soup = soup_of(client.get("/"))
    region = soup.find(attrs={"role": "region", "id": "banner-storing"})
    heading = soup.find(id=region["aria-labelledby"])
    assert heading.get_text(strip=True) == "Storing bij DigiD"
    assert region.find("strong").get_text() == "later"
    assert "utrecht-alert--warning" in region["class"]
    # Below the header, before the main content.
    assert region.find_previous("header") is not None
    assert region.find_next("main") is not None


def test_a_banner_shows_on_other_resident_pages_too(catalog, client):
    add_notice("storing", "Storing bij DigiD")
    assert soup_of(client.get("/producten")).find(id="banner-storing") is not None


def test_a_banner_before_its_start_or_after_its_end_is_not_shown(catalog, client):
    add_notice("later", "Komt nog", starts=2, ends=24)
    add_notice("voorbij", "Was al", starts=-48, ends=-1)
    soup = soup_of(client.get("/"))
    assert soup.find(id="banner-later") is None
    assert soup.find(id="banner-voorbij") is None


def test_a_banner_appears_on_time_without_a_new_publication(catalog):
    add_notice("straks", "Straks", starts=2, ends=24)
    now = utc_now()
    assert [n.slug for n in notices.banners(moment=now)] == []
    assert [n.slug for n in notices.banners(moment=now + timedelta(hours=3))] == ["straks"]
    assert [n.slug for n in notices.banners(moment=now + timedelta(hours=25))] == []


def test_warnings_come_before_information(catalog):
    add_notice("info", "Ter info", level="info", starts=-5)
    add_notice("waarschuwing", "Let op", level="warning", starts=-1)
    assert [n.slug for n in notices.banners()] == ["waarschuwing", "info"]


def test_staff_pages_show_no_resident_banner(catalog, client):
    add_notice("storing", "Storing bij DigiD")
    assert soup_of(client.get("/medewerkers/inloggen")).find(id="banner-storing") is None


def test_a_product_notice_shows_on_that_product_only(catalog, client):
    add_notice(
        "balie-dicht", "De balie is dicht", placement="product", product_slug="uittreksel-brp"
    )
    assert soup_of(client.get("/producten/uittreksel-brp")).find(id="notice-balie-dicht")
    assert (
        soup_of(client.get("/producten/verhuizing-doorgeven")).find(id="notice-balie-dicht") is None
    )
    assert soup_of(client.get("/")).find(id="banner-balie-dicht") is None


def test_english_readers_get_the_english_title(catalog, client):
    add_notice("storing", "Storing bij DigiD", english="DigiD is down")
    client.get("/taal/en")
    region = soup_of(client.get("/")).find(id="banner-storing")
    assert "DigiD is down" in region.get_text()


# --- the cache ---


def test_pages_keep_their_copy_until_a_publication_drops_it(demo, client):
    client.get("/veelgestelde-vragen")
    db.session.execute(
        update(models.FaqText)
        .where(models.FaqText.question == "Hoe bereik ik de gemeente?")
        .values(question="Hoe neem ik contact op?")
    )
    db.session.commit()
    # Changed around the editor: the copy stays until the next publication.
    assert "Hoe bereik ik de gemeente?" in client.get("/veelgestelde-vragen").get_data(as_text=True)
    cache.drop()
    db.session.commit()
    page = client.get("/veelgestelde-vragen").get_data(as_text=True)
    assert "Hoe neem ik contact op?" in page
    assert "Hoe bereik ik de gemeente?" not in page
