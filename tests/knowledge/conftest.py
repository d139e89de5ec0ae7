"""The demo catalogue, call-back windows and appointment types in the test database, plus
an FAQ answer and notices (one running, one over) written straight into the tables, as the
editor would publish them."""

from datetime import UTC, datetime, timedelta

import pytest

from portal.appointments import demo as appointments_demo
from portal.catalog import demo as catalog_demo
from portal.catalog import models
from portal.extensions import db
from portal.questions import demo as windows_demo

PASSPORT = "reisdocument-aanvragen"
STAFF_NOTE = "Vraag altijd of de beller **een oude pas** heeft. Intern: baliecode 42."


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def add_faq(slug, question, answer, synonyms=(), *, product_slug=None, notes="", published=True):
    faq = models.Faq(
        slug=slug,
        product_slug=product_slug,
        staff_notes=notes,
        published=published,
        updated_at=_now(),
    )
    faq.texts = [
        models.FaqText(locale="nl", question=question, answer=answer, synonyms=list(synonyms))
    ]
    db.session.add(faq)
    db.session.flush()
    return faq


def add_notice(slug, title, body, *, starts, ends, product_slug=None, notes="", level="info"):
    notice = models.Notice(
        slug=slug,
        placement="product" if product_slug else "banner",
        level=level,
        product_slug=product_slug,
        starts_at=starts,
        ends_at=ends,
        staff_notes=notes,
        published=True,
        updated_at=_now(),
    )
    notice.texts = [models.NoticeText(locale="nl", title=title, body=body)]
    db.session.add(notice)
    db.session.flush()
    return notice


@pytest.fixture
def knowledge(app):
    catalog_demo.load()
    windows_demo.load()
    appointments_demo.load()
    passport = db.session.scalars(
        db.select(models.Product).where(models.Product.slug == PASSPORT)
    ).one()
    passport.staff_notes = STAFF_NOTE
    for text in passport.texts:
        if text.locale == "nl":
            text.conditions = (
                "Ja, mits u **zelf** langskomt. Lees [de regels](https://www.rijksoverheid.nl)."
            )
    add_faq(
        "paspoort-kwijt",
        "Wat moet ik doen als mijn paspoort kwijt is?",
        "Doe eerst **aangifte** van verlies.\n\n- Bel ons\n- Neem een pasfoto mee",
        synonyms=["vermissing", "gestolen"],
        product_slug=PASSPORT,
        notes="Verwijs bij diefstal naar de politie.",
    )
    now = _now()
    add_notice(
        "kerst-gesloten",
        "Gemeentehuis gesloten op 24 december",
        "Het gemeentehuis is op **24 december** dicht.",
        starts=now - timedelta(days=1),
        ends=now + timedelta(days=5),
        notes="Verwijs naar servicepunt Noord.",
    )
    add_notice(
        "storing-voorbij",
        "Storing in de parkeerautomaten",
        "De parkeerautomaten doen het niet.",
        starts=now - timedelta(days=10),
        ends=now - timedelta(days=1),
    )
    db.session.commit()
    return app
