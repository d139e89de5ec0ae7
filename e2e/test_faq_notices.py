"""A resident sees a banner the webteam published under the header of every page, and the
questions people often ask on a product page, opening an answer with the keyboard."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete

from e2e.axe import check_page
from portal.catalog import cache, models
from portal.extensions import db

pytestmark = pytest.mark.browser

SLUG = "e2e-storing-digid"
TITLE = "Inloggen met DigiD lukt nu niet"


@pytest.fixture
def running_banner(live_app):
    """A banner that runs now (the demo's Christmas closure is still ahead), removed after
    the test so other browser tests see the pages as they were."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with live_app.app_context():
        row = models.Notice(
            slug=SLUG,
            placement="banner",
            level="warning",
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=2),
            published=True,
            updated_at=now,
        )
        row.texts = [
            models.NoticeText(
                locale="nl",
                title=TITLE,
                body="Wij werken aan een oplossing. Probeer het **later**.",
            ),
            models.NoticeText(
                locale="en", title="Signing in with DigiD does not work now", body=""
            ),
        ]
        db.session.add(row)
        cache.drop()
        db.session.commit()
        db.session.remove()
    yield TITLE
    with live_app.app_context():
        notice_id = db.session.scalar(db.select(models.Notice.id).where(models.Notice.slug == SLUG))
        db.session.execute(
            delete(models.NoticeText).where(models.NoticeText.notice_id == notice_id)
        )
        db.session.execute(delete(models.Notice).where(models.Notice.id == notice_id))
        cache.drop()
        db.session.commit()
        db.session.remove()


def test_a_resident_sees_the_banner_on_the_home_page(page: Page, live_server, running_banner):
    page.goto(live_server)
    banner = page.get_by_role("region", name=running_banner)
    expect(banner).to_be_visible()
    expect(banner.get_by_text("Wij werken aan een oplossing.")).to_be_visible()
    # Not an alert: it is there when the page opens, nothing changed while reading.
    expect(page.get_by_role("alert")).to_have_count(0)
    check_page(page)
    page.get_by_role("link", name="English").click()
    expect(
        page.get_by_role("region", name="Signing in with DigiD does not work now")
    ).to_be_visible()
    check_page(page, state="English")


def test_a_resident_opens_an_answer_on_a_product_page_with_the_keyboard(
    page: Page, live_server, running_banner
):
    page.goto(f"{live_server}/producten/reisdocument-aanvragen")
    expect(page.get_by_role("region", name=running_banner)).to_be_visible()
    faq = page.get_by_role("region", name="Veelgestelde vragen")
    expect(faq).to_be_visible()
    answer = page.get_by_text("Dan is uw paspoort 10 jaar geldig.")
    expect(answer).to_be_hidden()
    check_page(page)
    question = faq.locator("summary", has_text="Hoe lang is mijn paspoort geldig?")
    question.focus()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    check_page(page, state="answer open")


def test_the_faq_page_works_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    page.goto(f"{live_server}/veelgestelde-vragen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veelgestelde vragen")
    expect(page.get_by_role("heading", name="Algemene vragen")).to_be_visible()
    check_page(page)
    general = page.get_by_role("region", name="Algemene vragen")
    general.locator("summary", has_text="Hoe bereik ik de gemeente?").click()
    expect(general.get_by_text("Bel ons op 14 0123.")).to_be_visible()
    check_page(page, state="answer open")
