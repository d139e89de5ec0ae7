"""Life events ("Ik ga verhuizen"): a title, an introduction and the products a person
arranges for it, in the order they would do them.

The key is the life event's slug (/levensgebeurtenissen/<slug>). The products are a list of
product slugs, one per line, because their order matters and a list of checkboxes has none.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.catalog import cache, models, services
from portal.catalog.read_model import LifeEventRecord, LifeEventTexts, life_event_view
from portal.editor.kinds import catalog_data as catalog
from portal.editor.kinds import content_support as support
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE, ContentKind, Field, LiveEntry
from portal.extensions import db

TEXTS = ("title", "intro")


class LifeEventKind(ContentKind):
    name = "life_event"
    label = _l("Levensgebeurtenissen")
    label_one = _l("Levensgebeurtenis")
    title_field = "title"
    fields = (
        Field("title", _l("Titel"), "line", localized=True, required=True, max_length=200),
        Field("intro", _l("Inleiding"), "markdown", localized=True, required=True),
        Field(
            "products",
            _l("Producten, in volgorde"),
            "lines",
            hint=_l(
                "Eén product per regel, in de volgorde waarin iemand ze regelt. Schrijf de "
                "korte naam uit het webadres, bijvoorbeeld verhuizing-doorgeven."
            ),
        ),
        Field(
            "position",
            _l("Plaats in de lijst"),
            "number",
            hint=_l("Een lager getal staat hoger op de pagina Levensgebeurtenissen. Leeg is 0."),
        ),
    )

    def _row(self, key: str) -> models.LifeEvent | None:
        return db.session.scalar(select(models.LifeEvent).where(models.LifeEvent.slug == key))

    # --- reading ---

    def list_live(self) -> list[LiveEntry]:
        rows = db.session.scalars(
            select(models.LifeEvent).order_by(models.LifeEvent.position, models.LifeEvent.slug)
        )
        entries = []
        for row in rows:
            dutch = next((t for t in row.texts if t.locale == SOURCE_LOCALE), None)
            title = dutch.title if dutch else row.slug
            entries.append(LiveEntry(row.slug, title, row.published, row.updated_at))
        return entries

    def load_live(self, key: str) -> dict | None:
        row = self._row(key)
        if row is None:
            return None
        data = self.empty()
        data["facts"] = {
            "products": [link.product.slug for link in row.links],
            "position": row.position,
        }
        for text in row.texts:
            if text.locale in LOCALES:
                data["texts"][text.locale] = {"title": text.title, "intro": text.intro}
        return data

    def resident_url(self, key: str) -> str | None:
        return url_for("catalog.life_event", slug=key)

    # --- rules ---

    def validate(self, key: str, data: dict) -> dict[str, str]:
        errors = {}
        for name in TEXTS:
            if not support.text(data, SOURCE_LOCALE, name):
                errors[f"nl-{name}"] = _("Vul de titel en de inleiding in het Nederlands in.")
        raw = support.fact(data, "products")
        chosen = catalog.strings(raw)
        unknown = [slug for slug in chosen if slug not in catalog.product_names()]
        if raw not in (None, "", []) and not isinstance(raw, list):
            errors["fact-products"] = _("Schrijf één product per regel.")
        elif unknown:
            errors["fact-products"] = _(
                "Deze producten bestaan niet: %(slugs)s. Gebruik de korte naam uit het "
                "webadres van het product.",
                slugs=", ".join(unknown[:5]),
            )
        elif len(set(chosen)) != len(chosen):
            errors["fact-products"] = _("Een product staat twee keer in de lijst.")
        position = support.fact(data, "position")
        if position not in (None, "") and catalog.integer(position) is None:
            errors["fact-position"] = _("Vul bij ‘Plaats in de lijst’ een heel getal in.")
        return errors

    # --- writing ---

    @support.staff_language
    def apply(self, key: str, data: dict) -> None:
        extra = {} if catalog.good_key(key) else {"key": _("Deze pagina heeft geen goed webadres.")}
        support.refuse(self, key, data, extra)
        row = self._row(key) or models.LifeEvent(slug=key)
        row.position = catalog.integer(support.fact(data, "position")) or 0
        row.published = True
        row.updated_at = support.now_utc()
        existing = {text.locale: text for text in row.texts}
        for locale in LOCALES:
            title = support.text(data, locale, "title")
            intro = support.text(data, locale, "intro")
            if locale != SOURCE_LOCALE and not (title or intro):
                if locale in existing:
                    row.texts.remove(existing[locale])
                continue
            text = existing.get(locale) or models.LifeEventText(locale=locale)
            text.title, text.intro = title, intro
            if locale not in existing:
                row.texts.append(text)
        db.session.add(row)
        db.session.flush()
        self._write_products(row, catalog.strings(support.fact(data, "products")))
        cache.drop()

    def _write_products(self, row: models.LifeEvent, slugs: list[str]) -> None:
        ids = dict(
            db.session.execute(
                select(models.Product.slug, models.Product.id).where(models.Product.slug.in_(slugs))
            ).all()
        )
        row.links.clear()
        db.session.flush()
        for position, slug in enumerate(slugs):
            row.links.append(models.LifeEventProduct(product_id=ids[slug], position=position))
        db.session.flush()

    @support.staff_language
    def withdraw(self, key: str) -> None:
        row = self._row(key)
        if row is None:
            raise ValueError(_("Deze levensgebeurtenis staat niet op de website."))
        row.published = False
        row.updated_at = support.now_utc()
        db.session.flush()
        cache.drop()

    # --- preview ---

    def preview(self, key: str, data: dict, locale: str) -> str:
        return support.in_locale(locale, lambda: self._preview(key, data, locale))

    def _preview(self, key: str, data: dict, locale: str) -> str:
        from portal.catalog.views import life_event_page

        record = LifeEventRecord(
            slug=key or "concept",
            position=0,
            texts=tuple(
                LifeEventTexts(locale, *(support.text(data, locale, name) for name in TEXTS))
                for locale in LOCALES
                if support.text(data, locale, "title")
            ),
            product_slugs=(),
        )
        # Only published products, as on the site; in the draft's order.
        products = tuple(
            product
            for slug in catalog.strings(support.fact(data, "products"))
            if (product := services.get_product(slug, locale)) is not None
        )
        return life_event_page(life_event_view(record, locale, products))


KIND = LifeEventKind()
