"""What other areas get from the catalogue: localized products and life events."""

from sqlalchemy import delete, select

from portal.catalog import models
from portal.catalog.services import (
    get_life_event,
    get_product,
    life_events,
    list_products,
    popular_products,
)
from portal.extensions import db


def test_a_product_carries_the_facts_requests_and_cases_need(catalog):
    product = get_product("uittreksel-brp")
    assert product.name == "Uittreksel BRP"
    assert product.min_level == "substantieel"
    assert product.min_level_for("representative") == "substantieel"
    assert product.channel == "form"
    assert product.team == "burgerzaken"
    assert product.norm_working_days == 1
    assert product.norm_weeks is None
    assert product.cost_cents == 1610
    assert "16,10" in product.cost_text
    assert (product.handling_level, product.handling_level_max) == (1, 2)


def test_a_legal_term_is_given_in_weeks_not_working_days(catalog):
    product = get_product("terrasvergunning")
    assert product.audiences == ("company",)
    assert product.min_level == "eh3"
    assert (product.norm_working_days, product.norm_weeks) == (None, 8)


def test_a_referral_names_its_partner_and_has_no_norm(catalog):
    product = get_product("vraag-woz-belastingen")
    assert product.channel == "referral"
    assert product.partner.name == "Belastingsamenwerking Voorbeeldregio"
    assert product.partner.phone
    assert (product.norm_working_days, product.norm_weeks) == (None, None)


def test_a_product_anyone_may_use_needs_no_sign_in(catalog):
    product = get_product("melding-openbare-ruimte")
    assert product.anonymous_allowed
    assert product.min_level is None


def test_texts_come_in_the_language_asked_for(catalog):
    assert get_product("verhuizing-doorgeven", locale="en").name == "Report a change of address"
    assert get_product("verhuizing-doorgeven", locale="nl").name == "Verhuizing doorgeven"


def test_texts_follow_the_visitors_language(catalog):
    with catalog.test_request_context("/", headers={"Accept-Language": "en"}):
        assert get_product("verhuizing-doorgeven").name == "Report a change of address"


def test_without_a_visitor_texts_are_dutch(catalog):
    # Background jobs (deadline warnings) run in an app context without a request.
    assert get_product("verhuizing-doorgeven").name == "Verhuizing doorgeven"


def test_a_missing_translation_falls_back_to_dutch(catalog):
    product_id = db.session.scalar(
        select(models.Product.id).where(models.Product.slug == "terugbelverzoek")
    )
    db.session.execute(
        delete(models.ProductText).where(
            models.ProductText.product_id == product_id, models.ProductText.locale == "en"
        )
    )
    db.session.commit()
    assert get_product("terugbelverzoek", locale="en").name == "Terugbelverzoek"


def test_unknown_and_withdrawn_products_are_not_found(catalog, unpublish):
    assert get_product("bestaat-niet") is None
    unpublish("buurtfeest-melden")
    assert get_product("buurtfeest-melden") is None
    assert "buurtfeest-melden" not in [p.slug for p in list_products()]


def test_products_are_listed_alphabetically(catalog):
    names = [product.name for product in list_products(locale="nl")]
    assert names == sorted(names, key=str.casefold)
    assert len(names) == 11


def test_products_can_be_listed_for_one_audience(catalog):
    for_companies = {product.slug for product in list_products(audience="company")}
    assert "terrasvergunning" in for_companies
    assert "uittreksel-brp" not in for_companies


def test_a_product_knows_its_life_events(catalog):
    product = get_product("verhuizing-doorgeven")
    assert [event.slug for event in product.life_events] == ["ik-ga-verhuizen"]
    assert product.life_events[0].title == "Ik ga verhuizen"


def test_life_events_come_in_order_with_their_products_in_order(catalog):
    events = life_events()
    assert [event.slug for event in events] == [
        "ik-ga-verhuizen",
        "ik-heb-een-bedrijf",
        "ik-heb-hulp-nodig-thuis",
        "ik-organiseer-een-evenement",
    ]
    moving = get_life_event("ik-ga-verhuizen")
    assert [product.slug for product in moving.products][:2] == [
        "verhuizing-doorgeven",
        "parkeervergunning-bewoners",
    ]
    assert moving.intro


def test_a_life_event_leaves_out_withdrawn_products(catalog, unpublish):
    unpublish("parkeervergunning-bewoners")
    slugs = [product.slug for product in get_life_event("ik-ga-verhuizen").products]
    assert "parkeervergunning-bewoners" not in slugs
    assert "verhuizing-doorgeven" in slugs


def test_an_unknown_life_event_is_not_found(catalog):
    assert get_life_event("ik-ga-trouwen") is None


def test_popular_products_skip_withdrawn_ones(catalog, unpublish):
    unpublish("reisdocument-aanvragen")
    slugs = [product.slug for product in popular_products()]
    assert slugs == [
        "verhuizing-doorgeven",
        "melding-openbare-ruimte",
        "parkeervergunning-bewoners",
    ]
