"""FAQ answers: a question and its answer, on a product's page or on the general FAQ page.

The key is the answer's slug (`catalog_faq.slug`). "algemeen" as product means the answer
belongs to no product and shows on /veelgestelde-vragen only.
"""

from __future__ import annotations

import re

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from portal.catalog import faq as faq_service
from portal.catalog import models
from portal.catalog.previews import previewing
from portal.editor.kinds import content_support as support
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE, ContentKind, Field, LiveEntry
from portal.extensions import db

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 100
TEXT_FIELDS = ("question", "answer")


def _product_choices() -> list[tuple[str, str]]:
    return [
        (faq_service.GENERAL, _l("Algemeen (bij geen product)")),
        *support.product_choices(),
    ]


class FaqKind(ContentKind):
    name = "faq"
    label = _l("Veelgestelde vragen")
    label_one = _l("Veelgestelde vraag")
    title_field = "question"
    fields = (
        Field("question", _l("Vraag"), "line", localized=True, required=True, max_length=300),
        Field("answer", _l("Antwoord"), "markdown", localized=True, required=True),
        Field(
            "synonyms",
            _l("Andere woorden voor deze vraag"),
            "lines",
            localized=True,
            checked=False,
            hint=_l("Eén per regel. Woorden die mensen gebruiken. Zo vindt de zoekfunctie het."),
        ),
        Field(
            "product_slug",
            _l("Hoort bij"),
            "choice",
            required=True,
            choices=_product_choices,
            hint=_l("Het antwoord staat op de pagina van dit product."),
        ),
        Field(
            "position",
            _l("Volgorde"),
            "number",
            hint=_l("Een lager getal staat hoger. Leeg is 0."),
        ),
        Field(
            "staff_notes",
            _l("Notities voor medewerkers"),
            "text",
            internal=True,
            hint=_l("Alleen medewerkers van het klantcontactcentrum zien dit."),
        ),
    )

    # --- reading ---

    def _row(self, key: str) -> models.Faq | None:
        return db.session.scalar(select(models.Faq).where(models.Faq.slug == key))

    def list_live(self) -> list[LiveEntry]:
        rows = db.session.scalars(select(models.Faq).order_by(models.Faq.position, models.Faq.slug))
        entries = []
        for row in rows:
            texts = {t.locale: t for t in row.texts}
            dutch = texts.get(SOURCE_LOCALE)
            title = dutch.question if dutch else row.slug
            entries.append(LiveEntry(row.slug, title, row.published, row.updated_at))
        return entries

    def load_live(self, key: str) -> dict | None:
        row = self._row(key)
        if row is None:
            return None
        data = self.empty()
        data["facts"] = {
            "product_slug": row.product_slug or faq_service.GENERAL,
            "position": row.position,
            "staff_notes": row.staff_notes or "",
        }
        for text in row.texts:
            if text.locale in LOCALES:
                data["texts"][text.locale] = {
                    "question": text.question,
                    "answer": text.answer,
                    "synonyms": list(text.synonyms or []),
                }
        return data

    def resident_url(self, key: str) -> str | None:
        row = self._row(key)
        if row is None or not row.published:
            return None
        if row.product_slug:
            return url_for("catalog.product", slug=row.product_slug, _anchor=f"vraag-{key}")
        return url_for("catalog.faq_page", _anchor=f"vraag-{key}")

    # --- rules ---

    @support.staff_language
    def validate(self, key: str, data: dict) -> dict[str, str]:
        errors = support.english_consistency(data, TEXT_FIELDS)
        product = support.fact(data, "product_slug")
        if product and product != faq_service.GENERAL and product not in support.product_names():
            errors["fact-product_slug"] = _("Dit product bestaat niet meer. Kies een ander.")
        return errors

    def _problems(self, key: str, data: dict) -> dict[str, str]:
        errors = {}
        if not SLUG.match(key or "") or len(key) > SLUG_MAX:
            errors["key"] = _("Deze vraag heeft geen goede naam voor de link.")
        for name in TEXT_FIELDS:
            if not support.text(data, SOURCE_LOCALE, name):
                errors[f"nl-{name}"] = _("Vul de vraag en het antwoord in het Nederlands in.")
        return errors

    # --- writing ---

    @support.staff_language
    def apply(self, key: str, data: dict) -> None:
        support.refuse(self, key, data, self._problems(key, data))
        row = self._row(key)
        if row is None:
            row = models.Faq(slug=key)
            db.session.add(row)
        product = support.fact(data, "product_slug")
        row.product_slug = None if product == faq_service.GENERAL else product
        position = support.fact(data, "position")
        row.position = position if isinstance(position, int) else 0
        row.staff_notes = str(support.fact(data, "staff_notes") or "").strip()
        row.published = True
        row.updated_at = support.now_utc()
        existing = {t.locale: t for t in row.texts}
        for locale in LOCALES:
            question = support.text(data, locale, "question")
            if not question:
                if locale in existing:
                    row.texts.remove(existing[locale])
                continue
            text = existing.get(locale) or models.FaqText(locale=locale)
            text.question = question
            text.answer = support.text(data, locale, "answer")
            text.synonyms = support.lines(data, locale, "synonyms")
            if locale not in existing:
                row.texts.append(text)
        db.session.flush()

    @support.staff_language
    def withdraw(self, key: str) -> None:
        row = self._row(key)
        if row is None:
            raise ValueError(_("Deze vraag staat niet op de website."))
        row.published = False
        row.updated_at = support.now_utc()
        db.session.flush()

    # --- preview ---

    def draft_answer(self, key: str, data: dict, locale: str) -> faq_service.Answer:
        shown = locale if support.text(data, locale, "question") else SOURCE_LOCALE
        product = support.fact(data, "product_slug")
        position = support.fact(data, "position")
        return faq_service.Answer(
            slug=key or "concept",
            product_slug=None if product in (None, "", faq_service.GENERAL) else product,
            question=support.text(data, shown, "question"),
            answer=support.text(data, shown, "answer"),
            synonyms=tuple(support.lines(data, shown, "synonyms")),
            position=position if isinstance(position, int) else 0,
            locale=shown,
        )

    def preview(self, key: str, data: dict, locale: str) -> str:
        return support.in_locale(locale, lambda: self._preview(key, data, locale))

    def _preview(self, key: str, data: dict, locale: str) -> str:
        answer = self.draft_answer(key, data, locale)
        with previewing(answer=answer):
            if answer.product_slug:
                try:
                    return support.view_page("catalog.product", slug=answer.product_slug)
                except NotFound:
                    pass  # the product is not on the site: show the answer on its own
            return render_template(
                "catalog/faq.html", groups=[faq_service.Group(None, "", (answer,))]
            )


KIND = FaqKind()
