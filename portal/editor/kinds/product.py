"""Products: every text a resident reads about a product, and the facts the webteam keeps
(who may apply and how they sign in, cost, handling level, where the online route leads,
life events, the national codes).

The key is the product's slug (`catalog_product.slug`, the last part of /producten/<slug>).
Team and service norm belong to functional administration: the editor shows them
(`readonly_facts`) and `apply` never writes them.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.catalog import cache, models, services
from portal.catalog.read_model import ProductRecord, ProductTexts, product_view
from portal.editor.kinds import catalog_data as catalog
from portal.editor.kinds import content_support as support
from portal.editor.kinds import product_rules
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE, ContentKind, LiveEntry
from portal.editor.kinds.product_fields import FIELDS, PARTNER_FACTS
from portal.extensions import db

# The texts in the order of ProductText's columns; lists are "lines" fields.
TEXTS = ("name", "summary", "body", "who", "cost_text", "norm_text", "contact_text", "conditions")
LISTS = ("needs", "synonyms")


class ProductKind(ContentKind):
    name = "product"
    label = _l("Producten")
    label_one = _l("Product")
    title_field = "name"
    fields = FIELDS

    def _row(self, key: str) -> models.Product | None:
        return db.session.scalar(select(models.Product).where(models.Product.slug == key))

    # --- reading ---

    def list_live(self) -> list[LiveEntry]:
        rows = db.session.scalars(select(models.Product))
        entries = []
        for row in rows:
            dutch = next((t for t in row.texts if t.locale == SOURCE_LOCALE), None)
            title = dutch.name if dutch else row.slug
            entries.append(LiveEntry(row.slug, title, row.published, row.updated_at))
        return sorted(entries, key=lambda entry: entry.title.casefold())

    def load_live(self, key: str) -> dict | None:
        row = self._row(key)
        if row is None:
            return None
        data = self.empty()
        levels = row.min_levels or {}
        partner = row.partner or {}
        data["facts"].update(
            audiences=list(row.audiences or []),
            cost_cents=row.cost_cents,
            handling_level=row.handling_level,
            handling_level_max=row.handling_level_max,
            channel=row.channel,
            form_slug=row.form_slug or "",
            appointment_type=row.appointment_type or "",
            report_category=row.report_category or "",
            life_events=self._life_events(row.id),
            upl_uri=row.upl_uri or "",
            sdg_code=row.sdg_code or "",
            staff_notes=row.staff_notes or "",
            **{fact: levels.get(audience, "") for audience, (fact, _levels) in _LEVELS},
            **{fact: str(partner.get(part) or "") for fact, part in PARTNER_FACTS},
        )
        for text in row.texts:
            if text.locale in LOCALES:
                values = {name: getattr(text, name) or "" for name in TEXTS}
                values.update({name: list(getattr(text, name) or []) for name in LISTS})
                data["texts"][text.locale] = values
        return data

    def _life_events(self, product_id: int) -> list[str]:
        return list(
            db.session.scalars(
                select(models.LifeEvent.slug)
                .join(models.LifeEventProduct)
                .where(models.LifeEventProduct.product_id == product_id)
                .order_by(models.LifeEvent.position, models.LifeEvent.slug)
            )
        )

    def readonly_facts(self, key: str) -> list[tuple[str, str]]:
        row = self._row(key)
        team = catalog.team_name(row.team) if row is not None and row.team else ""
        return [
            (_("Team"), team or _("Nog geen team. Functioneel beheer kiest het team.")),
            (_("Normtermijn"), _norm_text(row)),
        ]

    def resident_url(self, key: str) -> str | None:
        from flask import url_for

        return url_for("catalog.product", slug=key)

    # --- rules ---

    def validate(self, key: str, data: dict) -> dict[str, str]:
        return product_rules.problems(key, data)

    # --- writing ---

    @support.staff_language
    def apply(self, key: str, data: dict) -> None:
        extra = {} if catalog.good_key(key) else {"key": _("Dit product heeft geen goed webadres.")}
        support.refuse(self, key, data, extra)
        row = self._row(key)
        if row is None:
            # Team and norm are set by functional administration afterwards.
            row = models.Product(slug=key, team="", norm_working_days=None, norm_weeks=None)
        record = record_from_data(key, data, row)
        row.audiences = list(record.audiences)
        row.min_levels = dict(record.min_levels)
        row.cost_cents = record.cost_cents
        row.handling_level = record.handling_level
        row.handling_level_max = record.handling_level_max
        row.channel = record.channel
        row.partner = record.partner
        row.form_slug = record.form_slug
        row.appointment_type = record.appointment_type
        row.report_category = record.report_category
        row.upl_uri = record.upl_uri
        row.sdg_code = record.sdg_code
        row.staff_notes = record.staff_notes
        row.published = True
        row.updated_at = support.now_utc()
        self._write_texts(row, record)
        db.session.add(row)
        db.session.flush()
        self._write_life_events(row, catalog.strings(support.fact(data, "life_events")))
        cache.drop()

    def _write_texts(self, row: models.Product, record: ProductRecord) -> None:
        existing = {text.locale: text for text in row.texts}
        written = {text.locale for text in record.texts}
        for locale, text in existing.items():
            if locale not in written:
                row.texts.remove(text)
        for texts in record.texts:
            text = existing.get(texts.locale) or models.ProductText(locale=texts.locale)
            for name in TEXTS:
                setattr(text, name, getattr(texts, name))
            for name in LISTS:
                setattr(text, name, list(getattr(texts, name)))
            if texts.locale not in existing:
                row.texts.append(text)

    def _write_life_events(self, row: models.Product, chosen: list[str]) -> None:
        events = dict(
            db.session.execute(
                select(models.LifeEvent.slug, models.LifeEvent.id).where(
                    models.LifeEvent.slug.in_(chosen)
                )
            ).all()
        )
        links = db.session.scalars(
            select(models.LifeEventProduct).where(models.LifeEventProduct.product_id == row.id)
        ).all()
        linked = {link.life_event_id for link in links}
        for link in links:
            if link.life_event_id not in events.values():
                db.session.delete(link)
        for event_id in events.values():
            if event_id in linked:
                continue
            # A product new to a life event comes last; the life event's own page sets order.
            last = db.session.scalar(
                select(func.max(models.LifeEventProduct.position)).where(
                    models.LifeEventProduct.life_event_id == event_id
                )
            )
            db.session.add(
                models.LifeEventProduct(
                    life_event_id=event_id, product_id=row.id, position=(last or 0) + 1
                )
            )
        db.session.flush()

    @support.staff_language
    def withdraw(self, key: str) -> None:
        row = self._row(key)
        if row is None:
            raise ValueError(_("Dit product staat niet op de website."))
        row.published = False
        row.updated_at = support.now_utc()
        db.session.flush()
        cache.drop()

    # --- preview ---

    def preview(self, key: str, data: dict, locale: str) -> str:
        return support.in_locale(locale, lambda: self._preview(key, data, locale))

    def _preview(self, key: str, data: dict, locale: str) -> str:
        from portal.catalog.views import product_page

        record = record_from_data(key or "concept", data)
        chosen = catalog.strings(support.fact(data, "life_events"))
        links = services.links_by_product(
            tuple(e for e in services.snapshot().life_events if e.slug in chosen), locale
        )
        return product_page(product_view(record, locale, links.get(record.slug, ())))


_LEVELS = tuple(product_rules.LEVEL_FACTS.items())


def _norm_text(row: models.Product | None) -> str:
    if row is not None and row.norm_working_days:
        return _("%(days)s werkdagen", days=row.norm_working_days)
    if row is not None and row.norm_weeks:
        return _("%(weeks)s weken", weeks=row.norm_weeks)
    return _("Geen normtermijn")


def _texts(data: dict, locale: str) -> ProductTexts:
    return ProductTexts(
        locale=locale,
        **{name: support.text(data, locale, name) for name in TEXTS},
        **{name: tuple(support.lines(data, locale, name)) for name in LISTS},
    )


def _has_text(texts: ProductTexts) -> bool:
    return any(getattr(texts, name) for name in (*TEXTS, *LISTS))


def record_from_data(key: str, data: dict, row: models.Product | None = None) -> ProductRecord:
    """The draft as the catalogue keeps it. English without any text is left out, so the
    site shows Dutch; team and norm come from the live row (administration's)."""
    row = (
        row
        if row is not None
        else db.session.scalar(select(models.Product).where(models.Product.slug == key))
    )

    def fact(name: str):
        return support.fact(data, name)

    audiences = tuple(catalog.strings(fact("audiences")))
    levels = {
        audience: catalog.string(fact(name))
        for audience, (name, _levels) in _LEVELS
        if audience in audiences and catalog.string(fact(name))
    }
    channel = catalog.string(fact("channel"))
    partner = {part: catalog.string(fact(name)) for name, part in PARTNER_FACTS}
    texts = [_texts(data, SOURCE_LOCALE)]
    texts += [t for t in (_texts(data, loc) for loc in LOCALES[1:]) if _has_text(t)]
    return ProductRecord(
        slug=key,
        audiences=audiences,
        min_levels=levels,
        cost_cents=catalog.integer(fact("cost_cents")),
        handling_level=catalog.integer(fact("handling_level")) or 1,
        handling_level_max=catalog.integer(fact("handling_level_max")),
        norm_working_days=row.norm_working_days if row is not None else None,
        norm_weeks=row.norm_weeks if row is not None else None,
        channel=channel,
        team=row.team if row is not None else "",
        partner=partner if channel == "referral" else None,
        updated_at=support.now_utc(),
        texts=tuple(texts),
        form_slug=catalog.string(fact("form_slug")) or None,
        appointment_type=catalog.string(fact("appointment_type")) or None,
        report_category=catalog.string(fact("report_category")) or None,
        upl_uri=catalog.string(fact("upl_uri")) or None,
        sdg_code=catalog.string(fact("sdg_code")) or None,
        staff_notes=catalog.string(fact("staff_notes")),
    )


KIND = ProductKind()
